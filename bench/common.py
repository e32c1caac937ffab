"""What the benchmark's parts share: the pages and sliders it measures (from the app's own
registries), the servers it starts, the machine it ran on, and two statistics."""

from __future__ import annotations

import os
import platform
import statistics
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

from aicost.site import PAGES as SITE
from devtools.server import AppServer, start_app

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOGS = RESULTS / "logs"

#: Every page by its URL path (what people share), "" being the overview: the app's site map.
PAGES: tuple[str, ...] = tuple(p.path for p in SITE)
#: The calculators (pages drawn as a ``ui.calculator`` fragment, with their chart tabs).
CALCULATORS: tuple[str, ...] = tuple(p.path for p in SITE if p.calculator)
#: The slider moved on each calculator: its first slider (its key is its URL parameter).
SLIDERS: dict[str, str] = {
    p.path: next(a.name for a in p.assumptions() if a.kind == "slider")
    for p in SITE
    if p.calculator
}
#: Each calculator's (slider, tabs' parameter), for the soak.
CALCULATOR_TABS: dict[str, tuple[str, str]] = {
    p.path: (SLIDERS[p.path], next(iter(p.views), "")) for p in SITE if p.calculator
}

#: Streamlit runs a full ``gc.collect(2)`` after every script run unless this is set.
NO_GC = ("--runner.postScriptGC", "false")


def label(page: str) -> str:
    return "/" + page


@contextmanager
def servers(*names: str) -> Iterator[dict[str, AppServer]]:
    """Start the named servers on free loopback ports, logs in bench/results/logs: "app", and
    the references "floor", "naive", "naive_deep", "elements" (``bench/<name>_app.py``) and "floor-tuned"
    (the floor page with the app's server settings: no garbage collection after each run,
    ``TCP_NODELAY``)."""
    started: dict[str, AppServer] = {}
    try:
        for name in names:
            if name == "app":
                started[name] = start_app(LOGS)
            elif name == "floor-tuned":
                started[name] = start_app(LOGS, extra_args=NO_GC, script="bench/floor_tuned_app.py")
            else:
                started[name] = start_app(LOGS, script=f"bench/{name}_app.py")
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
