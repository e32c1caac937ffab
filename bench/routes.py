"""The app's own routes under load: preview cards and the JSON API, on one process and behind
``deploy/nginx.conf`` with its cache (a benchmark, not a test).

    .venv/bin/python -m bench.routes [--clients 8] [--seconds 8] [--storm 1000]

It starts the app (``streamlit run app.py``) on a free loopback port, then nginx in front of it,
and measures, each beside a baseline taken from the same server in the same minute
(``/_stcore/health``, Streamlit's own smallest answer):

* ``card``: a preview card never asked for (``/og/training-cost.png?price=...``: the page's
  computation and the drawing), the same card again (the process's bounded cache), and its
  bytes; median of ``--cards`` scenarios.
* ``api``: answers per second with ``--clients`` concurrent keep-alive clients for
  ``--seconds``: every answer a new scenario (the computation runs), every answer the same
  link (the process's cache of results), and the same link through nginx (its cache answers:
  ``X-Cache: HIT``).
* ``storm``: ``--storm`` card fetches at once (a link-preview crawler storm: 50 scenarios, the
  rest repeats), straight to the process: errors (target 0), time to the last answer, and the
  server's memory before and after.

Figures print as a table and go to ``bench/results/routes-<time>.json``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import LOGS, RESULTS, load_avg, machine, pct, rss_mb
from devtools.nginx import start_nginx
from devtools.server import start_app

#: The page whose link is shared, and the two parameters varied to make new scenarios.
PAGE = "training-cost"


def scenario(i: int) -> str:
    """The i-th distinct scenario of the page (price and pre-training hours)."""
    price = 0.5 + (i % 190) * 0.05
    pre = 1000 + 10 * (i // 190)
    return f"price={price:.2f}&pre={pre}"


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    ms: float


class Client:
    """A keep-alive HTTP/1.1 client on one connection: enough for GETs on loopback."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> Answer:
        if self.writer is None or self.writer.is_closing():
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        start = time.perf_counter()
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                k, v = line.split(":", 1)
                headers[k.strip().lower()] = v.strip()
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding") == "chunked":
            body = b""
            while True:
                size = int((await self.reader.readline()).strip(), 16)
                chunk = await self.reader.readexactly(size + 2)
                if size == 0:
                    break
                body += chunk[:-2]
        else:
            body = await self.reader.read()
        if headers.get("connection") == "close":
            self.writer.close()
        return Answer(status, headers, body, (time.perf_counter() - start) * 1000)

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


@dataclass
class Rate:
    """Answers per second from concurrent clients asking for ``paths`` in turn."""

    name: str
    answers: int = 0
    seconds: float = 0.0
    ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    cache: dict[str, int] = field(default_factory=dict)  # X-Cache values seen

    def summary(self) -> dict[str, object]:
        return {
            "name": self.name,
            "answers": self.answers,
            "per_s": round(self.answers / self.seconds, 1) if self.seconds else 0,
            "p50_ms": round(pct(self.ms, 50), 1),
            "p95_ms": round(pct(self.ms, 95), 1),
            "errors": len(self.errors),
            "error_kinds": sorted(set(self.errors))[:3],
            "x_cache": self.cache,
        }


async def rate(name: str, port: int, paths, clients: int, seconds: float) -> Rate:
    r = Rate(name)
    stop_at = time.perf_counter() + seconds
    start = time.perf_counter()

    async def one(k: int) -> None:
        c = Client(port)
        i = k
        try:
            while time.perf_counter() < stop_at:
                try:
                    a = await c.get(paths(i))
                except (OSError, asyncio.IncompleteReadError) as exc:
                    r.errors.append(type(exc).__name__)
                    c = Client(port)
                    continue
                i += clients
                r.answers += 1
                r.ms.append(a.ms)
                if a.status != 200:
                    r.errors.append(f"HTTP {a.status}")
                if "x-cache" in a.headers:
                    r.cache[a.headers["x-cache"]] = r.cache.get(a.headers["x-cache"], 0) + 1
        finally:
            await c.close()

    await asyncio.gather(*(one(k) for k in range(clients)))
    r.seconds = time.perf_counter() - start
    return r


async def cards(port: int, n: int) -> dict[str, object]:
    """New cards and the same cards again, one at a time, beside the health answer."""
    c = Client(port)
    new, again, health, size = [], [], [], []
    offset = random.randrange(10_000, 20_000)  # scenarios no earlier run asked for
    try:
        for i in range(n):
            path = f"/og/{PAGE}.png?{scenario(offset + i)}"
            health.append((await c.get("/_stcore/health")).ms)
            a = await c.get(path)
            assert a.status == 200 and a.body[:8] == b"\x89PNG\r\n\x1a\n", (a.status, path)
            new.append(a.ms)
            size.append(len(a.body))
            again.append((await c.get(path)).ms)
    finally:
        await c.close()
    return {
        "cards": n,
        "new_median_ms": round(statistics.median(new), 1),
        "new_p95_ms": round(pct(new, 95), 1),
        "cached_median_ms": round(statistics.median(again), 1),
        "health_median_ms": round(statistics.median(health), 1),
        "kb_median": round(statistics.median(size) / 1000, 1),
    }


async def storm(port: int, pid: int, n: int) -> dict[str, object]:
    """``n`` card fetches at once, each on its own connection."""
    before = rss_mb(pid)
    offset = random.randrange(20_000, 30_000)
    paths = [f"/og/{PAGE}.png?{scenario(offset + i % 50)}" for i in range(n)]
    errors: list[str] = []
    ms: list[float] = []

    async def fetch(path: str) -> None:
        c = Client(port)
        try:
            a = await c.get(path)
            ms.append(a.ms)
            if a.status != 200 or not a.body.startswith(b"\x89PNG"):
                errors.append(f"HTTP {a.status}")
        except (OSError, asyncio.IncompleteReadError) as exc:
            errors.append(type(exc).__name__)
        finally:
            await c.close()

    start = time.perf_counter()
    await asyncio.gather(*(fetch(p) for p in paths))
    took = time.perf_counter() - start
    await asyncio.sleep(1.0)
    return {
        "fetches": n,
        "distinct": len(set(paths)),
        "errors": len(errors),
        "error_kinds": sorted(set(errors))[:3],
        "seconds": round(took, 2),
        "p50_ms": round(pct(ms, 50)),
        "p95_ms": round(pct(ms, 95)),
        "rss_before_mb": round(before, 1),
        "rss_after_mb": round(rss_mb(pid), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.routes", description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=8, help="concurrent API clients (8)")
    ap.add_argument("--seconds", type=float, default=8, help="seconds per API rate (8)")
    ap.add_argument("--cards", type=int, default=20, help="new cards timed one by one (20)")
    ap.add_argument("--storm", type=int, default=1000, help="card fetches at once (1000)")
    args = ap.parse_args(argv)
    out: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "machine": machine()}
    out["loadavg_start"] = load_avg()
    app = start_app(LOGS)
    proxy = None
    try:
        with tempfile.TemporaryDirectory(prefix="aicost-routes-") as tmp:
            proxy = start_nginx(Path(tmp) / "nginx", [app.port])
            same = f"/api/{PAGE}?{scenario(7)}"
            go = asyncio.run
            print("card: new and cached ...", flush=True)
            out["card"] = go(cards(app.port, args.cards))
            print(f"api: {args.clients} clients, {args.seconds:g} s each ...", flush=True)
            rates = [
                go(rate("health (floor)", app.port, lambda i: "/_stcore/health", args.clients,
                        args.seconds)),
                go(rate("api, a new scenario each", app.port,
                        lambda i: f"/api/{PAGE}?{scenario(40_000 + i)}", args.clients,
                        args.seconds)),
                go(rate("api, the same link", app.port, lambda i: same, args.clients,
                        args.seconds)),
                go(rate("api, the same link via nginx", proxy.port, lambda i: same,
                        args.clients, args.seconds)),
                go(rate("card, the same link via nginx", proxy.port,
                        lambda i: f"/og/{PAGE}.png?{scenario(7)}", args.clients, args.seconds)),
            ]  # fmt: skip
            out["api"] = [r.summary() for r in rates]
            print(f"storm: {args.storm} card fetches at once ...", flush=True)
            out["storm"] = go(storm(app.port, app.proc.pid, args.storm))
    finally:
        if proxy is not None:
            proxy.stop()
        app.stop()
    out["loadavg_end"] = load_avg()
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"routes-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(out, indent=2))
    report(out)
    print(f"raw figures: {path.relative_to(RESULTS.parent.parent)}")
    bad = out["storm"]["errors"] or any(r["errors"] for r in out["api"])
    return 1 if bad else 0


def report(out: dict) -> None:
    from bench.report import table

    print(f"\nload average {out['loadavg_start']} -> {out['loadavg_end']}")
    c = out["card"]
    print(
        f"\nPreview card over HTTP ({c['cards']} scenarios): new {c['new_median_ms']} ms median"
        f" (p95 {c['new_p95_ms']}), cached {c['cached_median_ms']} ms, {c['kb_median']} KB;"
        f" the health answer {c['health_median_ms']} ms"
    )
    rows = [
        [r["name"], r["answers"], r["per_s"], r["p50_ms"], r["p95_ms"], r["errors"],
         ", ".join(f"{k} {v}" for k, v in r["x_cache"].items()) or "-"]
        for r in out["api"]
    ]  # fmt: skip
    print()
    print(table(rows, ["route", "answers", "per s", "p50 ms", "p95 ms", "errors", "X-Cache"]))
    s = out["storm"]
    print(
        f"\n{s['fetches']} card fetches at once ({s['distinct']} scenarios): {s['errors']} errors,"
        f" last answer after {s['seconds']} s (p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms);"
        f" server memory {s['rss_before_mb']} MB before, {s['rss_after_mb']} MB after"
    )


if __name__ == "__main__":
    sys.exit(main())
