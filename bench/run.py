"""Benchmark the dashboard against Streamlit's own floor: ``.venv/bin/python -m bench.run``.

It starts its own servers (the app, the floor page ``bench/floor_app.py``, the naive
one-chart page ``bench/naive_app.py`` and, as references, the same page behind a deep link
and with a calculator's elements, ``bench/naive_deep_app.py``) on free loopback ports,
measures, stops them, prints a table and writes the raw figures to
``bench/results/bench-<time>[-quick].json``.

Parts (``--parts``, default all), one module each:

* ``server`` (bench/server_time.py): time of a rerun of each page and of a slider change on
  each calculator, from the client's ``rerun_script`` to the server's ``script_finished``
  (median of warm runs), interleaved with a slider change on the floor page (floor, page,
  floor, page...), as a ratio; plus the bytes a tab receives per rerun and per plotly chart.
* ``browser`` (bench/browser.py, bench/probe.js): headless Chromium, at desktop and phone
  width: navigation to all charts drawn (load) and to the first metric value on screen (first
  number), interleaved with the naive page and the floor page; and a slider key press
  (ArrowRight) to the chart redrawn.
* ``load`` (bench/load.py): 10, 25, 50 and 100 concurrent sessions moving the calculators'
  sliders with 2 s think time (a fresh server per level): rerun latency p50/p95, errors, RSS.
* ``crowd`` (bench/crowd.py): N readers opening the same shared link at once, on a server just
  started (cold) and again on the same server (warm), beside the floor page's N first runs.
* ``replicas`` (bench/crowd.py): the same crowd through ``deploy/nginx.conf`` and two replicas.
  (Sliders through nginx, one replica against two: ``python -m bench.throughput_nginx``.)

bench/report.py holds the targets, judges the figures against them and prints the tables.
The machine is shared and small, so absolute times are noisy: read the ratios, which compare
figures taken in the same minute, and the load average printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import json
import sys
import time
from dataclasses import dataclass

from bench.browser import measure_browser
from bench.common import CALCULATORS, PAGES, RESULTS, ROOT, load_avg, machine, servers
from bench.crowd import measure_crowd
from bench.load import LoadLevel, measure_load
from bench.report import judge, report
from bench.server_time import count_charts, measure_server

PARTS = ("server", "browser", "load", "crowd", "replicas")


@dataclass(frozen=True)
class Profile:
    """How much to measure: the full run, or ``--quick`` (rougher figures)."""

    runs: int  # warm reruns per target, after `warm` untimed ones
    browser_reps: int
    viewports: tuple[str, ...]  # desktop, phone
    browser_pages: tuple[str, ...]
    sessions: tuple[int, ...]  # the load levels
    load_seconds: float
    ramp: float  # seconds over which a load level's sessions arrive
    floor_load: bool  # also load the floor page at the largest level
    crowd: tuple[int, ...] = (20,)  # readers opening one link at once
    warm: int = 3


FULL = Profile(20, 5, ("desktop", "phone"), PAGES, (10, 25, 50, 100), 20, 6.0, True, (20, 50))
QUICK = Profile(8, 3, ("desktop",), CALCULATORS, (10, 50, 100), 12, 5.0, False, (20,))


def _listed(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


def _default(name: str) -> str:
    full, quick = (getattr(p, name) for p in (FULL, QUICK))

    def show(v: object) -> str:
        if isinstance(v, bool):
            return "yes" if v else "no"
        return ",".join(map(str, v)) if isinstance(v, tuple) else f"{v:g}"

    return f" (default {show(full)}; quick {show(quick)})"


def parse(argv: list[str] | None) -> tuple[set[str], Profile, argparse.Namespace]:
    """The parts asked for, and the profile with the options given on top of it."""
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    add = ap.add_argument
    add("--parts", default=",".join(PARTS), help="comma-separated, of: " + ", ".join(PARTS))
    add("--quick", action="store_true", help="fewer runs and shorter load (figures are rougher)")
    add("--runs", type=int, help="warm reruns per target" + _default("runs"))
    add("--browser-reps", type=int, help="browser repetitions" + _default("browser_reps"))
    add("--viewports", type=_listed, help="desktop, phone" + _default("viewports"))
    add("--cold", action="store_true", help="every browser load in a new context, empty cache")
    pages_help = "pages loaded in the browser, by path ('' or / for the overview)"
    add("--browser-pages", type=lambda t: tuple(x.strip().strip("/") for x in t.split(",")),
        help=pages_help + " (default: every page; quick: the calculators)")  # fmt: skip
    sessions = lambda text: tuple(map(int, _listed(text)))  # noqa: E731
    add("--sessions", type=sessions, help="load levels" + _default("sessions"))
    add("--load-seconds", type=float, help="seconds per load level" + _default("load_seconds"))
    add("--crowd", type=sessions, help="readers opening one link at once" + _default("crowd"))
    add("--think", type=float, default=2.0, help="think time per session, s (default 2)")
    floor_help = "also load the floor page at the largest level" + _default("floor_load")
    add("--floor-load", action=argparse.BooleanOptionalAction, help=floor_help)
    args = ap.parse_args(argv)
    parts = set(_listed(args.parts))
    if unknown := parts - set(PARTS):
        ap.error(f"unknown parts: {sorted(unknown)}")
    given = {f.name: getattr(args, f.name, None) for f in dataclasses.fields(Profile)}
    given = {k: v for k, v in given.items() if v is not None}
    return parts, dataclasses.replace(QUICK if args.quick else FULL, **given), args


def server_and_browser(parts: set[str], p: Profile, cold: bool) -> dict[str, object]:
    results: dict[str, object] = {}
    with servers("app", "floor", "naive", "naive_deep", "floor-tuned", "elements") as srv:
        app, floor = srv["app"], srv["floor"]
        charts: dict[str, int] = {}
        if "server" in parts:
            print(f"server: {p.runs} warm reruns per target, beside the floor ...", flush=True)
            tuned = srv["floor-tuned"].port
            series = asyncio.run(
                measure_server(app.port, floor.port, p.runs, p.warm, tuned, srv["elements"].port)
            )
            results["server"] = [s.summary() for s in series]
            charts = {s.page: len(s.charts_first) for s in series[: len(PAGES)]}
        if "browser" in parts:
            charts = charts or asyncio.run(count_charts(app.port))  # how many each page draws
            how = ", ".join(p.viewports) + (", cold cache" if cold else "")
            print(f"browser: {p.browser_reps} loads a page ({how}), key presses ...", flush=True)
            pages, naive, deep = list(p.browser_pages), srv["naive"].url, srv["naive_deep"].url
            measured = measure_browser(
                app.url, naive, charts, pages, p.browser_reps, deep, floor.url, p.viewports, cold
            )
            results["browser_cold"] = cold
            results["browser"] = [b.summary() for b in measured]
    return results


def load(p: Profile, think: float) -> list[dict[str, object]]:
    """Each level on a fresh server; then, as a reference, the floor page at the largest."""
    levels = [("app", n) for n in p.sessions] + [("floor", max(p.sessions))] * p.floor_load
    out = []
    for name, n in levels:
        print(f"load: {name}, {n} sessions, {p.load_seconds:g} s + {p.ramp:g} s ramp", flush=True)
        level = LoadLevel(n, p.load_seconds, think)
        pages = {"": "v"} if name == "floor" else None
        with servers(name) as srv:
            asyncio.run(measure_load(srv[name].port, srv[name].proc.pid, level, p.ramp, pages))
        out.append(level.summary() | ({"page": name} if pages else {}))
    return out


def main(argv: list[str] | None = None) -> int:
    parts, p, args = parse(argv)
    started = time.time()
    results: dict = {"started": time.strftime("%Y-%m-%dT%H:%M:%S"), "quick": args.quick}
    results.update(machine=machine(), loadavg_start=load_avg())
    if parts & {"server", "browser"}:
        results.update(server_and_browser(parts, p, args.cold))
    if "load" in parts:
        results["load"] = load(p, args.think)
    if "crowd" in parts:
        print(f"crowd: {', '.join(map(str, p.crowd))} readers open one link at once", flush=True)
        results["crowd"] = measure_crowd(p.crowd)
    if "replicas" in parts:
        print("replicas: the same crowd through nginx to two replicas", flush=True)
        results["crowd"] = results.get("crowd", []) + measure_crowd(p.crowd, nginx=True)
    results.update(loadavg_end=load_avg(), seconds=round(time.time() - started, 1))
    results["targets"] = judge(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    report(results)
    print(f"\n{results['seconds']:.0f} s; raw figures: {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
