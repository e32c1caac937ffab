"""Benchmark the dashboard against Streamlit's own floor: ``.venv/bin/python -m bench.run``.

It starts its own servers (the app, the floor page ``bench/floor_app.py``, the naive
one-chart page ``bench/naive_app.py`` and, as references, the same page behind a deep link
and with a calculator's elements, ``bench/naive_deep_app.py``) on free loopback ports,
measures, stops them, prints a table and writes the raw figures to
``bench/results/<timestamp>.json``.

Parts (``--parts``, default all):

* ``server``: time of a rerun of each page and of a slider change on each calculator,
  from the client's ``rerun_script`` to the server's ``script_finished`` (median of warm runs),
  interleaved with a slider change on the floor page (floor, page, floor, page...), as a ratio;
  plus the bytes a tab receives per rerun and per plotly chart.
* ``browser``: headless Chromium, at desktop and phone width: navigation to all charts drawn
  (load) and to the first metric value on screen (first number), interleaved with the naive
  page and the floor page; and a slider key press (ArrowRight) to the chart redrawn.
* ``load``: 10, 25 and 50 concurrent sessions moving the calculators' sliders with 2 s think
  time (a fresh server per level): rerun latency p50/p95, errors, server RSS.

The machine is shared and small, so absolute times are noisy: read the ratios, which compare
figures taken in the same minute, and the load average printed with them.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

from bench.wsclient import Run, Session
from devtools.server import CHROMIUM, CHROMIUM_ARGS, AppServer, start_app

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOGS = RESULTS / "logs"

#: Every page by its URL path (what people share), "" being the overview.
PAGES = ("", "training-cost", "gpu-capex", "reconcile", "timeline", "market", "compare", "data")
#: The slider each calculator's test moves (its key = its URL parameter).
SLIDERS = {"training-cost": "price", "gpu-capex": "srv"}

TARGETS = {
    "slider_vs_floor": 1.3,
    "kb_per_chart": 60,
    "kb_per_rerun": 250,
    "slider_to_redraw_ms": 300,
    "first_load_vs_naive": 1.1,
    "first_number_vs_floor": 1.3,
    "load_p95_ms": 1000,
    "mb_per_session": 5,
}


# ---------------------------------------------------------------------------------------------
# servers and the machine
# ---------------------------------------------------------------------------------------------


#: Pause between two measured reruns (see measure_server).
GAP_S = 0.03
#: Streamlit runs a full ``gc.collect(2)`` after every script run unless this is set.
NO_GC = ("--runner.postScriptGC", "false")


def start_script(script: str, extra_args: tuple[str, ...] = ()) -> AppServer:
    """``streamlit run <script>`` from the repository root on a free port, logs in bench/results."""
    return start_app(LOGS, extra_args=extra_args, script=script)


@contextmanager
def servers(*names: str) -> Iterator[dict[str, AppServer]]:
    """Start the named servers ("app", "floor", "naive", "naive_deep", "floor-nogc")."""
    started: dict[str, AppServer] = {}
    try:
        for name in names:
            if name == "app":
                started[name] = start_app(LOGS)
            elif name == "floor-nogc":
                started[name] = start_script("bench/floor_app.py", NO_GC)
            else:
                started[name] = start_script(f"bench/{name}_app.py")
        yield started
    finally:
        for server in started.values():
            server.stop()


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its children, in MB."""
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
        return sum(p.memory_info().rss for p in procs) / 2**20
    except psutil.Error:
        return float("nan")


def machine() -> dict[str, object]:
    """What the figures were measured on."""
    import platform

    import plotly
    import streamlit

    freq = psutil.cpu_freq()
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": model or platform.processor(),
        "cores": psutil.cpu_count(logical=True),
        "cpu_mhz": round(freq.current) if freq else None,
        "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
        "streamlit": streamlit.__version__,
        "plotly": plotly.__version__,
        "os": platform.platform(terse=True),
    }


def load_avg() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def pct(values: list[float], p: float) -> float:
    """The p-th percentile (nearest rank)."""
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * (len(s) - 1))))]


def label(page: str) -> str:
    return "/" + page


# ---------------------------------------------------------------------------------------------
# 1 + 2. server time and bytes per rerun, against the floor
# ---------------------------------------------------------------------------------------------


@dataclass
class Series:
    """One measured target and the floor runs taken right before each of its runs."""

    name: str
    page: str
    slider: str | None
    ms: list[float] = field(default_factory=list)
    floor_ms: list[float] = field(default_factory=list)
    bytes_per_rerun: list[int] = field(default_factory=list)
    first_run_bytes: int = 0
    charts_first: list[int] = field(default_factory=list)  # message bytes of each chart
    charts_rerun: list[int] = field(default_factory=list)  # largest rerun's charts
    chart_changed: int = 0
    problems: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, object]:
        ms, floor = median(self.ms), median(self.floor_ms)
        return {
            "name": self.name,
            "runs": len(self.ms),
            "median_ms": round(ms, 1),
            "floor_median_ms": round(floor, 1),
            "ratio_to_floor": round(ms / floor, 2),
            "p90_ms": round(pct(self.ms, 90), 1),
            "kb_per_rerun_median": round(median(self.bytes_per_rerun) / 1000, 1),
            "kb_per_rerun_max": round(max(self.bytes_per_rerun, default=0) / 1000, 1),
            "kb_first_run": round(self.first_run_bytes / 1000, 1),
            "charts": len(self.charts_first),
            "kb_per_chart_max": round(
                max(self.charts_first + self.charts_rerun, default=0) / 1000, 1
            ),
            "kb_per_chart": [round(b / 1000, 1) for b in self.charts_first],
            "chart_changed_runs": self.chart_changed,
            "problems": sorted(set(self.problems))[:5],
        }


def note(run: Run, series: Series) -> None:
    if not run.ok:
        series.problems.append(
            run.status + ("; " + "; ".join(run.problems) if run.problems else "")
        )


async def measure_server(
    app_port: int, floor_port: int, runs: int, warm: int, nogc_port: int | None = None
) -> list[Series]:
    """Interleave: floor slider change, target rerun, floor slider change, next target...

    With ``nogc_port`` (the floor page served with ``runner.postScriptGC=false``) a last row
    shows Streamlit's own cost without the full garbage collection it runs after every script
    run by default (a reference only: the ratios use the floor as the project configures it).
    """
    targets = [Series(label(p), p, None) for p in PAGES]
    targets += [Series(f"{label(p)} slider '{k}'", p, k) for p, k in SLIDERS.items()]
    sessions = [Session(app_port, t.page) for t in targets]
    if nogc_port:
        targets.append(Series("floor page, postScriptGC off (reference)", "", "v"))
        sessions.append(Session(nogc_port, ""))
    floor = Session(floor_port, "")
    opened = [floor, *sessions]
    for s in opened:
        await s.__aenter__()
    try:
        await floor.rerun()
        for target, session in zip(targets, sessions, strict=True):
            first = await session.open()  # a new tab on a warm server, its charts drawn
            note(first, target)
            target.first_run_bytes = first.bytes_in
            target.charts_first = [c.message_bytes for c in first.charts]
        last_sig: dict[str, list[int]] = {}
        for i in range(warm + runs):
            for target, session in zip(targets, sessions, strict=True):
                # Streamlit collects garbage *after* it sends script_finished: pause so that
                # one server's clean-up does not land in the other's measurement
                floor.step("v")
                f = await floor.rerun()
                await asyncio.sleep(GAP_S)
                if target.slider:
                    session.step(target.slider)
                r = await session.rerun()
                await asyncio.sleep(GAP_S)
                note(r, target)
                if not f.ok:
                    target.problems.append("floor: " + f.status)
                sig = [c.spec_hash for c in r.charts]
                if target.slider and sig and sig != last_sig.get(target.name):
                    target.chart_changed += 1
                last_sig[target.name] = sig
                if i < warm:
                    continue
                target.floor_ms.append(f.ms)
                target.ms.append(r.ms)
                target.bytes_per_rerun.append(r.bytes_in)
                if r.charts and sum(c.message_bytes for c in r.charts) > sum(target.charts_rerun):
                    target.charts_rerun = [c.message_bytes for c in r.charts]
    finally:
        for s in opened:
            await s.__aexit__(None, None, None)
    return targets


# ---------------------------------------------------------------------------------------------
# 3. the browser
# ---------------------------------------------------------------------------------------------

# Installed in every page before its scripts run: records (in ms since navigation start) the
# first moment all expected plotly charts have traces drawn and the script is idle, and arms a
# key-press -> chart-redrawn measurement on demand.
BROWSER_PROBE = """
(() => {
  const b = window.__bench = {expected: EXPECTED, drawn: null, number: null, key: null, redraw: null,
                              sent: null, firstMsg: null, lastMsg: null};
  // note when the tab sends its rerun request and when the server's answer arrives
  const Native = window.WebSocket;
  const Probe = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => {
      const t = performance.now();
      if (b.sent !== null && b.redraw === null) {
        if (b.firstMsg === null) b.firstMsg = t;
        b.lastMsg = t;
      }
    });
    const send = ws.send.bind(ws);
    ws.send = (data) => {
      if (b.key !== null && b.sent === null) b.sent = performance.now();
      return send(data);
    };
    return ws;
  };
  Probe.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Probe[k] = Native[k];
  window.WebSocket = Probe;
  const app = () => document.querySelector('[data-testid="stApp"]');
  // idle with content shown: no element still waiting for its code (a skeleton in its place)
  const idle = () => app() && app().dataset.testScriptState === 'notRunning'
      && document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
      && !document.querySelector('[data-testid="stSkeleton"]');
  const plots = () => [...document.querySelectorAll('.js-plotly-plot')];
  const drawnCount = () => plots().filter(p => p.querySelector('.main-svg .trace')).length;
  // the first number: a metric's value in the DOM with a size (laid out, not a placeholder)
  const number = () => {
    const m = document.querySelector('[data-testid="stMetricValue"]');
    return m !== null && m.getBoundingClientRect().height > 0;
  };
  const check = () => {
    if (b.number === null && number()) b.number = performance.now();
    if (b.drawn !== null) return;
    const ok = b.expected > 0 ? drawnCount() >= b.expected : idle();
    if (ok) b.drawn = performance.now();
  };
  const obs = new MutationObserver(check);
  const start = () => {
    obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
    check();
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  b.signature = () => plots().map(p =>
      [...p.querySelectorAll('.main-svg .trace path, .main-svg .gtitle')]
        .map(e => e.getAttribute('d') || e.textContent).join('|')).join('#');
  b.arm = () => {
    const before = b.signature();
    b.key = null; b.redraw = null; b.sent = null; b.firstMsg = null; b.lastMsg = null;
    document.addEventListener('keydown', () => { b.key = performance.now(); },
                              {capture: true, once: true});
    const watch = new MutationObserver(() => {
      if (b.key === null || b.redraw !== null) return;
      if (b.signature() !== before) {
        watch.disconnect();
        b.redraw = -1;
        requestAnimationFrame(() => { b.redraw = performance.now(); });
      }
    });
    watch.observe(document.body, {subtree: true, childList: true, attributes: true,
                                  characterData: true});
  };
})();
"""


@dataclass
class BrowserSeries:
    name: str
    url: str
    slider_label: str | None
    charts: int
    reference: bool = False  # a reference row (the naive pages at deep links), not judged
    viewport: str = "desktop"
    load_ms: list[float] = field(default_factory=list)
    number_ms: list[float] = field(default_factory=list)  # navigation -> first metric value
    redraw_ms: list[float] = field(default_factory=list)
    phases: list[dict[str, float]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def slider_input(page: object, slider_label: str) -> object:
    return page.get_by_role("slider", name=slider_label).first  # type: ignore[attr-defined]


def browser_load(context: object, s: BrowserSeries, timeout_ms: float) -> object:
    """Open s.url in a new tab; return the tab once every chart is drawn (load time recorded)."""
    page = context.new_page()  # type: ignore[attr-defined]
    page.add_init_script(BROWSER_PROBE.replace("EXPECTED", str(s.charts)))
    page.goto(s.url, wait_until="commit")
    try:
        page.wait_for_function(
            "window.__bench && window.__bench.drawn !== null", timeout=timeout_ms
        )
        drawn, number = page.evaluate("[window.__bench.drawn, window.__bench.number]")
        s.load_ms.append(drawn)
        if number is not None:
            s.number_ms.append(number)
    except Exception as exc:  # a missed chart is a result, not a crash
        s.problems.append(f"load: {type(exc).__name__}")
    return page


def browser_redraw(page: object, s: BrowserSeries, timeout_ms: float) -> None:
    """Focus the slider, press ArrowRight, time key-down -> chart redrawn (next frame)."""
    assert s.slider_label
    page.wait_for_function(  # type: ignore[attr-defined]
        "document.querySelector('[data-testid=stApp]').dataset.testScriptState === 'notRunning'",
        timeout=timeout_ms,
    )
    # a background tab's frames and timers are throttled to about 1 s: measure in front
    page.bring_to_front()  # type: ignore[attr-defined]
    thumb = slider_input(page, s.slider_label)
    thumb.focus()
    page.evaluate("window.__bench.arm()")  # type: ignore[attr-defined]
    thumb.press("ArrowRight")
    try:
        page.wait_for_function(  # type: ignore[attr-defined]
            "window.__bench.redraw !== null && window.__bench.redraw > 0", timeout=timeout_ms
        )
        b = page.evaluate(  # type: ignore[attr-defined]
            "(({key, redraw, sent, firstMsg, lastMsg}) => ({key, redraw, sent, firstMsg, lastMsg}))"
            "(window.__bench)"
        )
        s.redraw_ms.append(b["redraw"] - b["key"])
        if b["sent"] is not None and b["lastMsg"] is not None:
            s.phases.append(
                {
                    "key_to_send": round(b["sent"] - b["key"], 1),
                    "send_to_first_msg": round(b["firstMsg"] - b["sent"], 1),
                    "send_to_last_msg": round(b["lastMsg"] - b["sent"], 1),
                    "last_msg_to_redraw": round(b["redraw"] - b["lastMsg"], 1),
                }
            )
    except Exception as exc:  # a missed redraw is a result
        s.problems.append(f"redraw: {type(exc).__name__}")


#: Browser windows the pages are loaded in: a laptop, and a phone (the sidebar collapsed).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
NAIVE = "naive one-chart page"
FLOOR = "floor page (slider + metric)"


def measure_browser(
    app_url: str,
    naive_url: str,
    charts: dict[str, int],
    pages: list[str],
    reps: int,
    naive_deep_url: str | None = None,
    floor_url: str | None = None,
    viewports: tuple[str, ...] = ("desktop",),
    cold: bool = False,
) -> list[BrowserSeries]:
    """Loads of every page, each after a reference page (the naive page and the floor page in
    turn), in each viewport; then, on the desktop, slider key presses beside the naive page.

    ``cold``: every load in a new browser context (an empty HTTP cache: a first visit);
    otherwise one context per viewport, whose cache holds Streamlit's JavaScript after the
    untimed first visits (a returning visitor)."""
    from playwright.sync_api import sync_playwright

    from aicost.assumptions import BY_NAME

    series: list[BrowserSeries] = []
    timeout = 30_000
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for vp in viewports:
                tag = "" if vp == "desktop" else f" [{vp}]"
                naive = BrowserSeries(NAIVE + tag, naive_url, "Frequency", 1, viewport=vp)
                refs = [naive]
                rows = []
                if floor_url:  # Streamlit's own first number: one slider, one metric
                    refs.append(BrowserSeries(FLOOR + tag, floor_url, None, 0, reference=True,
                                              viewport=vp))  # fmt: skip
                if naive_deep_url and vp == "desktop":
                    # the naive page by a deep link, as every shared link but / is, and with a
                    # calculator's elements written plainly: Streamlit's own cost of that content
                    rows.append(BrowserSeries("naive page at a deep link (/chart)" + tag,
                                              f"{naive_deep_url}/chart", None, 1, reference=True,
                                              viewport=vp))  # fmt: skip
                    rows.append(BrowserSeries("naive calculator at a deep link (/calculator)" + tag,
                                              f"{naive_deep_url}/calculator", None, 1,
                                              reference=True, viewport=vp))  # fmt: skip
                for p in pages:
                    slider = SLIDERS.get(p)
                    slider_label = BY_NAME[slider].label if slider and vp == "desktop" else None
                    rows.append(BrowserSeries(label(p) + tag, f"{app_url}/{p}", slider_label,
                                              charts.get(p, 0), viewport=vp))  # fmt: skip
                series += [*refs, *rows]
                shared = browser.new_context(viewport=VIEWPORTS[vp])

                def load(s: BrowserSeries, shared: object = shared, vp: str = vp) -> None:
                    context = browser.new_context(viewport=VIEWPORTS[vp]) if cold else shared
                    browser_load(context, s, timeout).close()
                    if cold:
                        context.close()  # type: ignore[attr-defined]

                # untimed first visits: the references load the plotly bundle into the cache
                for s in [*refs, *rows]:
                    load(BrowserSeries(s.name, s.url, None, s.charts))
                # a reference before every page, the naive page and the floor page in turn
                for _ in range(reps):
                    for i, s in enumerate(rows):
                        load(refs[i % len(refs)])
                        load(s)
                if vp != "desktop":
                    shared.close()
                    continue
                # slider -> redraw, on one open tab per page, interleaved with the naive page
                movers = [naive, *[s for s in rows if s.slider_label]]
                tabs = {s.name: browser_load(shared, BrowserSeries("", s.url, "", s.charts),
                                             timeout) for s in movers}  # fmt: skip
                for _ in range(reps):
                    for s in movers[1:]:
                        for t in (naive, s):
                            browser_redraw(tabs[t.name], t, timeout)
                for tab in tabs.values():
                    tab.close()
                shared.close()
        finally:
            browser.close()
    return series


# ---------------------------------------------------------------------------------------------
# 4. concurrent sessions
# ---------------------------------------------------------------------------------------------


@dataclass
class LoadLevel:
    sessions: int
    seconds: float
    think_s: float
    rerun_ms: list[float] = field(default_factory=list)
    initial_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    rss_base_mb: float = 0.0
    rss_samples: list[float] = field(default_factory=list)
    loadavg: list[float] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def summary(self) -> dict[str, object]:
        peak = max(self.rss_samples, default=float("nan"))
        return {
            "sessions": self.sessions,
            "seconds": self.seconds,
            "think_s": self.think_s,
            "reruns": len(self.rerun_ms),
            "p50_ms": round(pct(self.rerun_ms, 50), 1),
            "p95_ms": round(pct(self.rerun_ms, 95), 1),
            "max_ms": round(max(self.rerun_ms, default=float("nan")), 1),
            "first_run_p95_ms": round(pct(self.initial_ms, 95), 1),
            "errors": sum(self.errors.values()),
            "errors_by_kind": self.errors,
            "rss_base_mb": round(self.rss_base_mb, 1),
            "rss_peak_mb": round(peak, 1),
            "mb_per_session": round((peak - self.rss_base_mb) / self.sessions, 2),
            "loadavg": self.loadavg,
        }


async def one_user(
    port: int, page: str, slider: str, level: LoadLevel, start_at: float, stop_at: float
) -> None:
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    try:
        async with Session(port, page, timeout=30) as s:
            run = await s.open()  # the first run and its charts' follow-up, as a browser
            if not run.ok:
                level.error("first run: " + (run.problems[:1] or [run.status])[0][:80])
                return
            level.initial_ms.append(run.ms)
            while time.perf_counter() < stop_at:
                await asyncio.sleep(level.think_s)
                s.step(slider)
                run = await s.rerun()
                if run.status == "timeout":
                    level.error("timeout")
                    return
                if not run.ok:
                    level.error((run.problems[:1] or [run.status])[0][:80])
                level.rerun_ms.append(run.ms)
    except (OSError, TimeoutError) as exc:
        level.error(type(exc).__name__)
    except Exception as exc:  # websockets' own errors count as errors
        level.error(type(exc).__name__)


async def sample_rss(pid: int, level: LoadLevel, stop: asyncio.Event) -> None:
    while not stop.is_set():
        level.rss_samples.append(rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except TimeoutError:
            pass


async def measure_load(
    port: int,
    pid: int,
    level: LoadLevel,
    ramp_s: float,
    pages: dict[str, str] | None = None,
) -> None:
    """``level.sessions`` users spread over ``pages`` (URL path -> slider key), each moving
    its slider with ``level.think_s`` between reruns; RSS sampled every 0.5 s."""
    pages = pages or SLIDERS
    # one session first: imports, the data cache and the page's first run are paid before load
    for page, slider in pages.items():
        async with Session(port, page) as s:
            await s.open()
            s.step(slider)
            await s.rerun()
    await asyncio.sleep(1.0)
    level.rss_base_mb = rss_mb(pid)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, level, stop))
    now = time.perf_counter()
    stop_at = now + ramp_s + level.seconds
    calculators = list(pages.items())
    users = []
    for i in range(level.sessions):
        page, slider = calculators[i % len(calculators)]
        start_at = now + ramp_s * i / max(1, level.sessions - 1) + random.uniform(0, 0.2)
        users.append(one_user(port, page, slider, level, start_at, stop_at))
    await asyncio.gather(*users)
    stop.set()
    await sampler
    level.loadavg = load_avg()


# ---------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def table(rows: list[list[str]], header: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    line = lambda r: "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(["-" * w for w in widths]), *map(line, rows)])


def browser_refs(browser: list[dict], b: dict) -> tuple[dict, dict | None]:
    """The naive page and the floor page measured in the same viewport as ``b``."""
    vp = b.get("viewport", "desktop")
    same = [x for x in browser if x.get("viewport", "desktop") == vp]
    naive = next(x for x in same if x["name"].startswith(NAIVE))
    floor = next((x for x in same if x["name"].startswith(FLOOR)), None)
    return naive, floor


def report(results: dict[str, object], out: Callable[[str], None] = print) -> None:
    m = results["machine"]
    out(
        f"\nMachine: {m['cpu']}, {m['cores']} logical cores, {m['ram_gb']} GB RAM; Python "
        f"{m['python']}, Streamlit {m['streamlit']}, plotly {m['plotly']}. "
        f"Load average before/after: {results['loadavg_start']} / {results['loadavg_end']}"
    )
    if "server" in results:
        rows = []
        for s in results["server"]:
            if "reference" in s["name"]:
                s = {**s, "floor_median_ms": "-", "ratio_to_floor": float("nan")}
            rows.append([
                s["name"], s["runs"], s["median_ms"], s["floor_median_ms"],
                "-" if s["floor_median_ms"] == "-" else f"{s['ratio_to_floor']:.2f}x",
                s["kb_per_rerun_median"], s["kb_first_run"],
                s["charts"], s["kb_per_chart_max"], "; ".join(s["problems"]) or "-",
            ])  # fmt: skip
        out("\n1+2. Server rerun time (send -> script_finished, median) beside the floor page,"
            " and bytes a tab receives")  # fmt: skip
        out(table(rows, ["target", "n", "ms", "floor ms", "ratio", "KB/rerun", "KB 1st run",
                         "charts", "max KB/chart", "problems"]))  # fmt: skip
    if "browser" in results:
        rows = []
        for b in results["browser"]:
            naive, floor = browser_refs(results["browser"], b)
            ratio = b["load_median_ms"] / naive["load_median_ms"] if naive["load_median_ms"] else 0
            number = b.get("number_median_ms")
            vs_floor = "-"
            if number and floor and floor.get("number_median_ms"):
                vs_floor = f"{number / floor['number_median_ms']:.2f}x"
            rows.append([
                b["name"], b["charts"], len(b["load_ms"]), b["load_median_ms"], f"{ratio:.2f}x",
                number or "-", vs_floor,
                b["redraw_median_ms"] if b["redraw_ms"] else "-", "; ".join(b["problems"]) or "-",
            ])  # fmt: skip
        cache = (
            "new context each load (empty cache)" if results.get("browser_cold") else "warm cache"
        )
        out("\n3. Headless Chromium, " + cache + ": navigation -> all charts drawn (load), -> first"
            " metric value on screen (first number), key press -> chart redrawn (medians)")  # fmt: skip
        out(table(rows, ["page", "charts", "n", "load ms", "vs naive", "first number ms",
                         "vs floor", "key->redraw ms", "problems"]))  # fmt: skip
        for b in results["browser"]:
            if b.get("redraw_phases_median_ms"):
                phases = ", ".join(f"{k} {v}" for k, v in b["redraw_phases_median_ms"].items())
                out(f"   {b['name']}: key->redraw phases (medians, ms): {phases}")
    if "load" in results:
        rows = []
        for lv in results["load"]:
            rows.append([
                lv.get("page", "calculators"), lv["sessions"], lv["reruns"], lv["p50_ms"], lv["p95_ms"], lv["max_ms"],
                lv["errors"], lv["rss_base_mb"], lv["rss_peak_mb"], lv["mb_per_session"],
                lv["loadavg"][0],
            ])  # fmt: skip
        out("\n4. Concurrent sessions on the calculators (half each), 2 s think time")
        out(table(rows, ["page", "sessions", "reruns", "p50 ms", "p95 ms", "max ms", "errors",
                         "RSS base MB", "RSS peak MB", "MB/session", "load1"]))  # fmt: skip
    out("\nTargets")
    for name, ok, detail in results["targets"]:
        out(f"  {verdict(ok):7} {name}: {detail}")


def judge(results: dict[str, object]) -> list[tuple[str, bool, str]]:
    t = TARGETS
    verdicts = []
    server = results.get("server", [])
    sliders = [s for s in server if " slider '" in s["name"]]
    if sliders:
        worst = max(s["ratio_to_floor"] for s in sliders)
        verdicts.append(("slider rerun <= 1.3x floor", worst <= t["slider_vs_floor"],
                         ", ".join(f"{s['name']} {s['ratio_to_floor']:.2f}x" for s in sliders)))  # fmt: skip
    if server:
        chart = max(s["kb_per_chart_max"] for s in server)
        rerun = max(s["kb_per_rerun_max"] for s in server)
        verdicts.append((f"<= {t['kb_per_chart']} KB per chart", chart <= t["kb_per_chart"],
                         f"largest {chart} KB"))  # fmt: skip
        verdicts.append((f"<= {t['kb_per_rerun']} KB per rerun", rerun <= t["kb_per_rerun"],
                         f"largest {rerun} KB"))  # fmt: skip
    browser = results.get("browser", [])
    if browser:
        desktop = [b for b in browser if b.get("viewport", "desktop") == "desktop"]
        naive, _ = browser_refs(browser, desktop[0])
        redraws = [b for b in desktop if b["redraw_ms"] and b is not naive]
        if redraws:
            worst = max(b["redraw_median_ms"] for b in redraws)
            verdicts.append((f"slider -> chart redrawn <= {t['slider_to_redraw_ms']} ms median",
                             worst <= t["slider_to_redraw_ms"],
                             ", ".join(f"{b['name']} {b['redraw_median_ms']} ms" for b in redraws)
                             + f" (naive {naive['redraw_median_ms']} ms)"))  # fmt: skip
        loads = [b for b in desktop if b["load_ms"] and not b.get("reference") and b is not naive]
        if loads and naive["load_median_ms"]:
            worst = max(loads, key=lambda b: b["load_median_ms"])
            ratio = worst["load_median_ms"] / naive["load_median_ms"]
            detail = f"slowest {worst['name']} {ratio:.2f}x"
            refs = [b for b in desktop if b.get("reference") and b["charts"] and b["load_ms"]]
            if refs:  # what the naive page costs by a deep link, and with a calculator's elements
                detail += " (" + ", ".join(
                    f"{b['name'].split(' (')[0]}: {b['load_median_ms'] / naive['load_median_ms']:.2f}x"
                    for b in refs) + ")"  # fmt: skip
            verdicts.append(("first load <= 1.1x the naive page", ratio <= t["first_load_vs_naive"],
                             detail))  # fmt: skip
        # the headline numbers of every chart page, against the floor page's one metric
        numbers = []
        for b in browser:
            _, floor = browser_refs(browser, b)
            if (
                b["charts"]
                and not b.get("reference")
                and b.get("number_median_ms")
                and floor
                and floor.get("number_median_ms")
                and not b["name"].startswith(NAIVE)
            ):
                numbers.append((b["name"], b["number_median_ms"] / floor["number_median_ms"]))  # fmt: skip
        if numbers:
            worst_n = max(r for _, r in numbers)
            verdicts.append((f"first number <= {t['first_number_vs_floor']}x the floor page, chart pages",
                             worst_n <= t["first_number_vs_floor"],
                             ", ".join(f"{n} {r:.2f}x" for n, r in numbers)))  # fmt: skip
    for lv in [x for x in results.get("load", []) if "page" not in x]:
        ok = lv["errors"] == 0 and lv["p95_ms"] < t["load_p95_ms"]
        ok_mem = lv["mb_per_session"] <= t["mb_per_session"]
        verdicts.append((f"{lv['sessions']} sessions: 0 errors, p95 < 1 s, <= 5 MB/session",
                         ok and ok_mem, f"errors {lv['errors']}, p95 {lv['p95_ms']} ms, "
                         f"{lv['mb_per_session']} MB/session"))  # fmt: skip
    return verdicts


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n")[0])
    ap.add_argument("--parts", default="server,browser,load",
                    help="comma-separated: server, browser, load (default: all)")  # fmt: skip
    ap.add_argument("--quick", action="store_true",
                    help="fewer runs and shorter load (about 2 minutes; figures are rougher)")  # fmt: skip
    ap.add_argument("--runs", type=int, help="warm reruns per target (default 20, quick 8)")
    ap.add_argument("--browser-reps", type=int, help="browser repetitions (default 5, quick 3)")
    ap.add_argument("--viewports", default=None,
                    help="browser windows: desktop, phone (default both; quick: desktop)")  # fmt: skip
    ap.add_argument("--cold", action="store_true",
                    help="every browser load in a new context, with an empty HTTP cache")  # fmt: skip
    ap.add_argument("--sessions", help="load levels (default 10,25,50; quick 10,50)")
    ap.add_argument("--load-seconds", type=float, help="seconds per load level (default 30)")
    ap.add_argument("--think", type=float, default=2.0, help="think time per session, s")
    ap.add_argument("--floor-load", action=argparse.BooleanOptionalAction, default=None,
                    help="also load the floor page at the largest level (default: not in --quick)")  # fmt: skip
    args = ap.parse_args(argv)
    if args.viewports is None:
        args.viewports = "desktop" if args.quick else "desktop,phone"
    if args.floor_load is None:
        args.floor_load = not args.quick
    parts = {p.strip() for p in args.parts.split(",") if p.strip()}
    unknown = parts - {"server", "browser", "load"}
    if unknown:
        ap.error(f"unknown parts: {sorted(unknown)}")
    runs = args.runs or (8 if args.quick else 20)
    reps = args.browser_reps or (3 if args.quick else 5)
    levels = [int(x) for x in (args.sessions or ("10,50" if args.quick else "10,25,50")).split(",")]
    load_seconds = args.load_seconds or (12 if args.quick else 20)
    ramp = 5.0 if args.quick else 6.0

    started = time.time()
    results: dict[str, object] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "quick": args.quick,
        "machine": machine(),
        "loadavg_start": load_avg(),
    }
    charts: dict[str, int] = {}
    if parts & {"server", "browser"}:
        with servers("app", "floor", "naive", "naive_deep", "floor-nogc") as srv:
            if "server" in parts:
                print(f"server: {runs} warm reruns per target, interleaved with the floor ...",
                      flush=True)  # fmt: skip
                series = asyncio.run(
                    measure_server(
                        srv["app"].port, srv["floor"].port, runs, 3, srv["floor-nogc"].port
                    )
                )
                results["server"] = [s.summary() for s in series]
                charts = {s.page: len(s.charts_first) for s in series[: len(PAGES)]}
            if "browser" in parts:
                if not charts:  # learn how many charts each page draws
                    charts = asyncio.run(count_charts(srv["app"].port))
                pages = ["training-cost", "gpu-capex"] if args.quick else list(PAGES)
                viewports = tuple(v.strip() for v in args.viewports.split(",") if v.strip())
                print(f"browser: {reps} loads per page ({', '.join(viewports)}"
                      f"{', cold cache' if args.cold else ''}) and key presses, beside the naive "
                      "and floor pages ...", flush=True)  # fmt: skip
                bs = measure_browser(srv["app"].url, srv["naive"].url, charts, pages, reps,
                                     srv["naive_deep"].url, srv["floor"].url, viewports,
                                     args.cold)  # fmt: skip
                results["browser_cold"] = args.cold
                results["browser"] = [
                    {**asdict(b), "load_median_ms": round(median(b.load_ms), 1),
                     "number_median_ms": round(median(b.number_ms), 1) if b.number_ms else None,
                     "redraw_median_ms": round(median(b.redraw_ms), 1),
                     "redraw_phases_median_ms": {
                         k: round(median([p[k] for p in b.phases]), 1)
                         for k in (b.phases[0] if b.phases else {})}}
                    for b in bs
                ]  # fmt: skip
    if "load" in parts:
        results["load"] = []
        for n in levels:
            print(f"load: {n} sessions for {load_seconds:.0f} s (+{ramp:.0f} s ramp) ...",
                  flush=True)  # fmt: skip
            level = LoadLevel(n, load_seconds, args.think)
            with servers("app") as srv:
                asyncio.run(measure_load(srv["app"].port, srv["app"].proc.pid, level, ramp))
            results["load"].append(level.summary())
        if args.floor_load:
            n = max(levels)
            print(f"load: the floor page, {n} sessions (reference) ...", flush=True)
            level = LoadLevel(n, load_seconds, args.think)
            with servers("floor") as srv:
                asyncio.run(
                    measure_load(srv["floor"].port, srv["floor"].proc.pid, level, ramp, {"": "v"})
                )
            results["load"].append({**level.summary(), "page": "floor"})
    results["loadavg_end"] = load_avg()
    results["seconds"] = round(time.time() - started, 1)
    results["targets"] = judge(results)
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}{'-quick' if args.quick else ''}.json"
    path.write_text(json.dumps(results, indent=2, default=str))
    report(results)
    print(f"\n{results['seconds']:.0f} s; raw figures: {path.relative_to(ROOT)}")
    return 0


async def count_charts(port: int) -> dict[str, int]:
    found = {}
    for page in PAGES:
        async with Session(port, page) as s:
            found[page] = len((await s.open()).charts)
    return found


if __name__ == "__main__":
    sys.exit(main())
