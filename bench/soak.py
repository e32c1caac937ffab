"""A viral link's traffic, on one server: many short sessions, and clients on bad networks.

``.venv/bin/python -m bench.soak`` starts the app on a free loopback port and runs two parts
(``--parts``, default both), each bounded in count and time:

* ``soak``: ``--sessions`` (1,000) sessions opened, used and closed one after another: each
  opens a calculator (``/training-cost`` and ``/gpu-capex`` in turn), moves its slider one
  step, opens its second chart tab, and disconnects. The server's memory (RSS, process and
  children) is taken once warm (after ``--warm`` such sessions) and again after the soak,
  each time once Streamlit has dropped the disconnected sessions it keeps for a reconnect
  (``server.disconnectedSessionTTL``, set short here so the wait is short). Streamlit's own
  ``/_stcore/metrics`` says how many sessions and cache entries it holds at each point.
* ``slow``: ``--users`` sessions move sliders with a think time, first alone, then while
  ``--slow`` clients are connected that keep asking for reruns and never read their
  websocket (a tiny receive buffer, nothing read): the others' rerun p50/p95, the server's
  RSS over each phase, and what became of the slow clients.

Figures print as a table and go to ``bench/results/soak-<timestamp>.json``. Not part of the
test suite.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import socket
import time
import urllib.request
from pathlib import Path

import psutil
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg

from bench.common import CALCULATOR_TABS, LOGS, RESULTS, load_avg, machine, pct, rss_mb
from bench.wsclient import Session
from devtools.server import start_app

#: Each calculator: its slider (key) and its chart tabs (key).
CALCULATORS = CALCULATOR_TABS
TTL_S = 5  # server.disconnectedSessionTTL for the soak: how long a closed session is kept


async def use_once(port: int, page: str) -> tuple[bool, float]:
    """One visitor: open the page, one slider step, the second tab (a second step on a page
    with one chart), leave. (ok, seconds)."""
    slider, tabs = CALCULATORS[page]
    start = time.perf_counter()
    async with Session(port, page, timeout=30) as s:
        runs = [await s.open()]  # with the charts it holds until painted
        s.step(slider)
        runs.append(await s.rerun())
        if tabs:
            s.open_tab(tabs, 1)
        else:
            s.step(slider)
        runs.append(await s.rerun())
    ok = all(r.ok for r in runs) and len(runs[2].charts) >= 1
    return ok, time.perf_counter() - start


def metrics(port: int) -> dict[str, float]:
    """Streamlit's own counters (OpenMetrics text at /_stcore/metrics), summed by family."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/metrics", timeout=10) as r:
        text = r.read().decode()
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        name_labels, _, value = line.rpartition(" ")
        family = name_labels.split("{")[0]
        labels = name_labels[len(family) :]
        key = family
        for part in ("cache_type", "cache"):
            marker = f'{part}="'
            if marker in labels:
                key += ":" + labels.split(marker, 1)[1].split('"', 1)[0]
                break
        try:
            out[key] = out.get(key, 0.0) + float(value)
        except ValueError:
            continue
    return out


async def settled_rss(port: int, pid: int) -> tuple[float, dict[str, float]]:
    """RSS once the closed sessions have expired: wait past the TTL, then open and close one
    session (expiry is checked on access), three times, and take the lowest reading."""
    readings = []
    for _ in range(3):
        await asyncio.sleep(TTL_S + 1)
        async with Session(port, "") as s:
            await s.rerun()
        await asyncio.sleep(1)
        readings.append(rss_mb(pid))
    return min(readings), metrics(port)


async def soak(sessions: int, warm: int, max_seconds: float) -> dict[str, object]:
    server = start_app(LOGS, extra_args=("--server.disconnectedSessionTTL", str(TTL_S)))
    pages = list(CALCULATORS)
    try:
        pid = server.proc.pid
        for i in range(warm):
            await use_once(server.port, pages[i % len(pages)])
        base_rss, base_metrics = await settled_rss(server.port, pid)
        samples: list[tuple[int, float]] = []
        times: list[float] = []
        failures = 0
        deadline = time.monotonic() + max_seconds
        done = 0
        for i in range(sessions):
            if time.monotonic() > deadline:
                break
            ok, seconds = await use_once(server.port, pages[i % len(pages)])
            failures += not ok
            times.append(seconds)
            done += 1
            if i % 50 == 49:
                samples.append((i + 1, round(rss_mb(pid), 1)))
        peak = max((mb for _n, mb in samples), default=0.0)
        end_rss, end_metrics = await settled_rss(server.port, pid)
        return {
            "sessions": done,
            "failed": failures,
            "session_s_p50": round(pct(times, 50), 3),
            "session_s_p95": round(pct(times, 95), 3),
            "warm_rss_mb": round(base_rss, 1),
            "peak_rss_mb": round(peak, 1),
            "end_rss_mb": round(end_rss, 1),
            "end_minus_warm_mb": round(end_rss - base_rss, 1),
            "rss_every_50": samples,
            "metrics_warm": base_metrics,
            "metrics_end": end_metrics,
        }
    finally:
        server.stop()


async def slow_client(
    port: int, stop: asyncio.Event, report: dict[str, object], *, reads: bool = False
) -> None:
    """Asks for a rerun of /reconcile (its heaviest page) every second, a new value each time.

    ``reads=False``: a client on a dead network: a 4 KB receive buffer and nothing ever read,
    so the server's writes to it back up. ``reads=True``: the control, the same requests from
    a client that reads everything (what the slow client's reruns cost the server anyway).
    """
    sock = socket.socket()
    if not reads:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.connect(("127.0.0.1", port))
    ws = await websockets.connect(
        f"ws://127.0.0.1:{port}/_stcore/stream",
        sock=sock,
        subprotocols=["streamlit"],
        max_queue=None if reads else 1,
        max_size=None,
        ping_interval=None,
        compression=None,
    )

    async def drain() -> None:
        with contextlib.suppress(websockets.ConnectionClosed):
            async for message in ws:
                report["mb_read"] = report.get("mb_read", 0.0) + len(message) / 2**20

    drainer = asyncio.create_task(drain()) if reads else None
    sent = 0
    try:
        while not stop.is_set():
            msg = BackMsg()
            msg.rerun_script.page_name = "reconcile"
            msg.rerun_script.query_string = f"rec_price={random.choice([1, 2, 3, 4, 5])}"
            try:
                await asyncio.wait_for(ws.send(msg.SerializeToString()), timeout=2)
            except (TimeoutError, websockets.ConnectionClosed) as exc:
                report["ended"] = type(exc).__name__
                break
            sent += 1
            await asyncio.sleep(1.0)
    finally:
        report["reruns_asked"] = sent
        if "mb_read" in report:
            report["mb_read"] = round(report["mb_read"], 2)
        report["closed_by_server"] = ws.close_code is not None or "ended" in report
        if drainer is not None:
            drainer.cancel()
        ws.transport.abort()


async def user(port: int, page: str, stop: asyncio.Event, times: list[float], errors: list[str]):
    slider, _tabs = CALCULATORS[page]
    async with Session(port, page, timeout=30) as s:
        await s.open()
        while not stop.is_set():
            await asyncio.sleep(random.uniform(0.5, 1.5))
            s.step(slider)
            run = await s.rerun()
            times.append(run.ms)
            if not run.ok:
                errors.append(run.status or "; ".join(run.problems))


def server_state(port: int, pid: int) -> dict[str, float]:
    """What a phase starts and ends with: the server's CPU seconds so far, its threads (each
    running script has one) and the sessions connected to it (Streamlit's ``active_sessions``;
    the closed sessions it keeps for a reconnect are not counted there)."""
    proc = psutil.Process(pid)
    cpu = proc.cpu_times()
    return {
        "cpu_s": cpu.user + cpu.system,
        "threads": proc.num_threads(),
        "connected": metrics(port).get("active_sessions", float("nan")),
    }


async def sample(pid: int, stop: asyncio.Event, into: list[float]) -> None:
    while not stop.is_set():
        into.append(rss_mb(pid))
        await asyncio.sleep(0.5)


async def phase(
    port: int, pid: int, users: int, slow: int, seconds: float, *, reads: bool = False
) -> dict[str, object]:
    stop = asyncio.Event()
    times: list[float] = []
    errors: list[str] = []
    rss: list[float] = []
    slow_reports: list[dict[str, object]] = [{} for _ in range(slow)]
    before = server_state(port, pid)
    tasks = [asyncio.create_task(sample(pid, stop, rss))]
    tasks += [asyncio.create_task(slow_client(port, stop, r, reads=reads)) for r in slow_reports]
    await asyncio.sleep(1 if slow else 0)  # the slow clients fill their buffers first
    pages = list(CALCULATORS)
    tasks += [
        asyncio.create_task(user(port, pages[i % len(pages)], stop, times, errors))
        for i in range(users)
    ]
    await asyncio.sleep(seconds)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), timeout=60)
    after = server_state(port, pid)
    return {
        "server_cpu_s": round(after["cpu_s"] - before["cpu_s"], 1),
        "threads_start": before["threads"],
        "threads_end": after["threads"],
        "connected_start": before["connected"],
        "connected_end": after["connected"],
        "slow_clients": 0 if reads else slow,
        "reading_clients": slow if reads else 0,
        "reruns": len(times),
        "p50_ms": round(pct(times, 50), 1),
        "p95_ms": round(pct(times, 95), 1),
        "errors": len(errors),
        "rss_start_mb": round(rss[0], 1) if rss else None,
        "rss_max_mb": round(max(rss), 1) if rss else None,
        "rss_end_mb": round(rss[-1], 1) if rss else None,
        "slow": slow_reports,
    }


#: The slow-client part's phases: (name, kind), kind one of alone, slow, control. Interleaved,
#: so that a change in the shared machine's load shows in the baselines.
PHASES = "alone,slow,control,alone,slow,control"


async def slow_part(
    users: int,
    slow: int,
    seconds: float,
    phases: str = PHASES,
    ttl: int | None = None,
    options: tuple[str, ...] = (),
) -> dict[str, object]:
    """``ttl``: server.disconnectedSessionTTL (the app's setting when None); with a ttl, each
    phase starts once the sessions closed by the phase before have expired. ``options``:
    more Streamlit options for the server, ``name=value``, e.g. ``runner.postScriptGC=true``."""
    extra: tuple[str, ...] = ("--server.disconnectedSessionTTL", str(ttl)) if ttl else ()
    for option in options:
        name, _, value = option.partition("=")
        extra += (f"--{name}", value)
    server = start_app(LOGS, extra_args=extra)
    try:
        pid = server.proc.pid
        for page in CALCULATORS:
            await use_once(server.port, page)  # warm
        out: dict[str, object] = {}
        for i, kind in enumerate(phases.split(",")):
            if ttl is not None and i:
                await settled_rss(server.port, pid)  # the closed sessions expire
            n = 0 if kind == "alone" else slow
            name = f"{i + 1} {kind}"
            out[name] = await phase(server.port, pid, users, n, seconds, reads=kind == "control")
            out[name]["load"] = load_avg()
        return out
    finally:
        server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default="soak,slow")
    parser.add_argument("--sessions", type=int, default=1000)
    parser.add_argument("--warm", type=int, default=40)
    parser.add_argument("--max-seconds", type=float, default=900)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--slow", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--phases", default=PHASES, help=f"slow part: (default {PHASES})")
    parser.add_argument(
        "--ttl", type=int, default=None, help="slow part: disconnectedSessionTTL, s (default 120)"
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help="slow part: a Streamlit option for the server, e.g. runner.postScriptGC=true",
    )
    args = parser.parse_args(argv)
    parts = args.parts.split(",")
    results: dict[str, object] = {"machine": machine(), "load_before": load_avg()}
    if "soak" in parts:
        results["soak"] = asyncio.run(soak(args.sessions, args.warm, args.max_seconds))
        s = results["soak"]
        print(
            f"soak: {s['sessions']} sessions ({s['failed']} failed), session p50/p95 "
            f"{s['session_s_p50']}/{s['session_s_p95']} s; RSS warm {s['warm_rss_mb']} MB, "
            f"peak {s['peak_rss_mb']} MB, after {s['end_rss_mb']} MB "
            f"({s['end_minus_warm_mb']:+} MB)"
        )
    if "slow" in parts:
        results["slow"] = asyncio.run(
            slow_part(args.users, args.slow, args.seconds, args.phases, args.ttl, tuple(args.set))
        )
        for name, p in results["slow"].items():
            print(
                f"{name}: {p['slow_clients']} slow, {p['reading_clients']} reading clients, "
                f"{p['reruns']} reruns, p50/p95 "
                f"{p['p50_ms']}/{p['p95_ms']} ms, {p['errors']} errors, RSS "
                f"{p['rss_start_mb']} -> max {p['rss_max_mb']} -> {p['rss_end_mb']} MB"
                + f", load {p['load'][0]}, server CPU {p['server_cpu_s']} s"
                + f", threads {p['threads_start']} -> {p['threads_end']}"
                + f", connected {p['connected_start']} -> {p['connected_end']}"
                + f"; clients: {p['slow']}"
            )
    results["load_after"] = load_avg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"soak-{time.strftime('%Y%m%d-%H%M%S')}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"written {out.relative_to(Path.cwd()) if out.is_relative_to(Path.cwd()) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
