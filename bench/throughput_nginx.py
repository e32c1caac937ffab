"""Throughput through nginx with one and with two app replicas (a benchmark, not a test).

    .venv/bin/python -m bench.throughput_nginx [--sessions 8] [--duration 20] [--warmup 5]

For each setup (one replica reached directly, one replica behind nginx, two replicas behind
nginx) it starts the replicas with ``devtools.server.start_app``, starts ``deploy/nginx.conf``
in front of them (``devtools.nginx``, as tests/properties/test_deploy.py does), and runs N
concurrent sessions that speak Streamlit's own websocket protocol with no browser
(``bench.wsclient.Session``, with the sticky route cookie): each opens ``/training-cost``, then
moves the "Price per GPU-hour" slider one step at a time (in a closed loop, or with
``--think`` seconds between steps) and times each rerun until ``script_finished``; each
rerun's "Training cost" metric is read back, so a rerun that ignored the slider would show.

Sessions are spread evenly over the replicas (route cookies are chosen so that each replica gets
N/replicas of them), which is what many real visitors average out to. Reported per setup:
reruns/s over the measured window, rerun latency p50/p95, CPU used by the replicas, nginx and
this client (in cores), and the ratio of two replicas to one. Loopback only; everything it
starts is stopped before it exits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
import websockets

from bench.common import pct
from bench.wsclient import Run, Session
from devtools.nginx import ROUTE_COOKIE, Nginx, get, start_nginx
from devtools.server import AppServer, start_app, wait_healthy

PAGE = "training-cost"
SLIDER_KEY = "price"
METRIC = "Training cost"


@dataclass
class User:
    """One session (``bench.wsclient.Session``) moving the price slider until ``stop_at``."""

    ws_url: str
    route: str | None
    think_s: float = 0.0  # pause between reruns (0: closed loop)
    samples: list[tuple[float, float]] = field(default_factory=list)  # (finished at, seconds)
    cost_changes: int = 0
    errors: list[str] = field(default_factory=list)

    async def run(self, stop_at: float) -> None:
        headers = {"Cookie": f"{ROUTE_COOKIE}={self.route}"} if self.route else {}
        try:
            async with Session(0, PAGE, url=self.ws_url, headers=headers, timeout=60) as tab:
                first = await tab.open()  # with the charts' follow-up, as a browser
                self._check(first)
                last_cost = first.metrics.get(METRIC)
                tab.slider(SLIDER_KEY)  # raises if the page has no such slider
                while time.perf_counter() < stop_at:
                    if self.think_s:
                        await asyncio.sleep(self.think_s * random.uniform(0.9, 1.1))
                    tab.step(SLIDER_KEY)
                    run = await tab.rerun()
                    self._check(run)
                    self.samples.append((time.perf_counter(), run.ms / 1000))
                    cost = run.metrics.get(METRIC)
                    if cost is not None and cost != last_cost:
                        self.cost_changes += 1
                    last_cost = cost
        except (
            OSError,
            KeyError,
            RuntimeError,
            TimeoutError,
            websockets.WebSocketException,
        ) as exc:
            self.errors.append(f"{type(exc).__name__}: {exc}")

    @staticmethod
    def _check(run: Run) -> None:
        if not run.ok:
            raise RuntimeError(f"rerun {run.status}: {'; '.join(run.problems)[:200]}")


def balanced_routes(nginx: Nginx, ports: list[int], n: int, tries: int = 2000) -> list[str]:
    """n route-cookie values, spread evenly over the replicas (by X-Upstream)."""
    per = -(-n // len(ports))
    found: dict[int, list[str]] = {p: [] for p in ports}
    for i in range(tries):
        key = f"bench{i}"
        _, headers, _ = get(f"{nginx.url}/_stcore/health", cookie=f"{ROUTE_COOKIE}={key}")
        port = int(headers["X-Upstream"].rsplit(":", 1)[1])
        if len(found[port]) < per:
            found[port].append(key)
        if all(len(v) >= per for v in found.values()):
            break
    keys = [k for i in range(per) for p in ports for k in found[p][i : i + 1]]
    if len(keys) < n:
        raise RuntimeError(f"could not spread {n} sessions over {ports}: {found}")
    return keys[:n]


def cpu_seconds(procs: list[psutil.Process]) -> float:
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


async def drive(
    ws_url: str, routes: list[str | None], warmup: float, duration: float, procs, think: float = 0.0
):
    """Run the sessions; measure only reruns that finish inside the window after warm-up."""
    t_start = time.perf_counter()
    stop_at = t_start + warmup + duration
    sessions = [User(ws_url, r, think_s=think) for r in routes]
    tasks = [asyncio.create_task(s.run(stop_at)) for s in sessions]
    await asyncio.sleep(warmup)
    me = psutil.Process()
    cpu0 = [cpu_seconds(group) for group in procs] + [cpu_seconds([me])]
    w0 = time.perf_counter()
    await asyncio.sleep(max(0.0, stop_at - time.perf_counter()))
    w1 = time.perf_counter()
    cpu1 = [cpu_seconds(group) for group in procs] + [cpu_seconds([me])]
    await asyncio.gather(*tasks)
    lat = [sec for s in sessions for end, sec in s.samples if w0 <= end <= w1]
    changed = sum(s.cost_changes for s in sessions)
    total = sum(len(s.samples) for s in sessions)
    cores = [round((b - a) / (w1 - w0), 2) for a, b in zip(cpu0, cpu1, strict=True)]
    return {
        "reruns": len(lat),
        "reruns_per_s": round(len(lat) / (w1 - w0), 2),
        "p50_ms": round(pct(lat, 50) * 1000) if lat else None,
        "p95_ms": round(pct(lat, 95) * 1000) if lat else None,
        "mean_ms": round(statistics.mean(lat) * 1000) if lat else None,
        "cost_changed": f"{changed}/{total}",
        "errors": [e for s in sessions for e in s.errors],
        "cpu_cores": cores,  # replicas..., [nginx], client
    }


def run_setup(name: str, replicas: int, via_nginx: bool, args, tmp: Path) -> dict:
    servers: list[AppServer] = []
    nginx: Nginx | None = None
    try:
        slug = "".join(c if c.isalnum() else "-" for c in name)
        servers = [start_app(tmp / slug, wait=False) for _ in range(replicas)]
        for s in servers:
            wait_healthy(s.url, proc=s.proc)
        procs = [[psutil.Process(s.proc.pid)] for s in servers]
        if via_nginx:
            nginx = start_nginx(tmp / slug / "nginx", [s.port for s in servers])
            master = psutil.Process(nginx.proc.pid)
            procs.append([master, *master.children()])
            routes: list[str | None] = list(
                balanced_routes(nginx, [s.port for s in servers], args.sessions)
            )
            ws_url = f"ws://127.0.0.1:{nginx.port}/_stcore/stream"
        else:
            routes = [None] * args.sessions
            ws_url = f"ws://127.0.0.1:{servers[0].port}/_stcore/stream"
        result = asyncio.run(drive(ws_url, routes, args.warmup, args.duration, procs, args.think))
        result.update(setup=name, replicas=replicas, sessions=args.sessions)
        if nginx is not None:
            result["nginx_errors"] = [
                line for line in nginx.error_log().splitlines() if "[error]" in line
            ][:5]
        return result
    finally:
        if nginx is not None:
            nginx.stop()
        for s in servers:
            s.stop()


def app_ms_per_rerun(r: dict) -> float | None:
    """App CPU time per rerun: what a rerun costs, whatever else the machine is doing."""
    app_cores = sum(r["cpu_cores"][: r["replicas"]])
    return round(app_cores * 1000 / r["reruns_per_s"]) if r["reruns_per_s"] else None


def print_table(results: list[dict]) -> None:
    head = (
        f"{'setup':<22} {'reruns/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'app CPU ms/rerun':>16}"
        f"  {'CPU cores used':<40} errors"
    )
    print(head)
    print("-" * len(head))
    for r in results:
        cores = r["cpu_cores"]
        parts = ["app " + "+".join(f"{c:.2f}" for c in cores[: r["replicas"]])]
        if len(cores) > r["replicas"] + 1:
            parts.append(f"nginx {cores[r['replicas']]:.2f}")
        parts.append(f"client {cores[-1]:.2f}")
        print(
            f"{r['setup']:<22} {r['reruns_per_s']:>8.2f} {r['p50_ms']!s:>7} {r['p95_ms']!s:>7} "
            f"{app_ms_per_rerun(r)!s:>16}  {', '.join(parts):<40} {len(r['errors'])}"
        )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sessions", type=int, default=8, help="concurrent sessions (default 8)")
    ap.add_argument("--duration", type=float, default=20, help="measured seconds per setup")
    ap.add_argument("--warmup", type=float, default=5, help="unmeasured seconds first")
    ap.add_argument("--rounds", type=int, default=1, help="repeat the three setups, interleaved")
    ap.add_argument("--json", action="store_true", help="also print one JSON line per setup")
    ap.add_argument(
        "--think", type=float, default=0.0,
        help="seconds each session pauses between reruns (default 0: closed loop)",
    )  # fmt: skip
    args = ap.parse_args()

    setups = [
        ("1 replica, direct", 1, False),
        ("1 replica via nginx", 1, True),
        ("2 replicas via nginx", 2, True),
    ]
    load0 = os.getloadavg()
    results: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="aicost-bench-") as tmp:
        for round_no in range(args.rounds):
            for name, replicas, via_nginx in setups:
                print(f"round {round_no + 1}: {name} ...", file=sys.stderr, flush=True)
                result = run_setup(name, replicas, via_nginx, args, Path(tmp) / str(round_no))
                results.append({**result, "round": round_no + 1})
    load1 = os.getloadavg()

    pace = f"with {args.think:g} s of think time" if args.think else "in a closed loop"
    print(
        f"\n/{PAGE}: {args.sessions} sessions moving the price slider {pace}, "
        f"{args.duration:.0f} s measured after {args.warmup:.0f} s warm-up, {args.rounds} "
        f"round(s); {os.cpu_count()} CPUs, load average {load0[0]:.1f} before, "
        f"{load1[0]:.1f} after\n"
    )
    print_table(results)

    def median_rate(name: str) -> float:
        return statistics.median(r["reruns_per_s"] for r in results if r["setup"] == name)

    direct, one, two = (median_rate(name) for name, _, _ in setups)
    if one:
        print(f"\n2 vs 1 replica via nginx: {two / one:.2f}x reruns/s (median over rounds)")
    if direct:
        print(f"nginx vs direct, 1 replica: {one / direct:.2f}x")
    print(f"metric changed on reruns: {', '.join(r['cost_changed'] for r in results)}")
    for r in results:
        for e in r["errors"][:3] + r.get("nginx_errors", []):
            print(f"  {r['setup']}: {e}")
    if args.json:
        for r in results:
            print(json.dumps(r))
    return 0 if all(r["reruns"] and not r["errors"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
