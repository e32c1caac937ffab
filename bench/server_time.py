"""Part 1 + 2: the server's time for a rerun of each page and for a slider step on each
calculator, against the floor page's in the same minute, and the bytes a tab receives."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from bench.common import PAGES, SLIDERS, label, median, pct
from bench.wsclient import Run, Session

#: Pause between two measured reruns (see measure_server).
GAP_S = 0.03
#: The reference row of bench/elements_app.py.
ELEMENTS = "/training-cost's slider elements, no app code (reference)"


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
    first_ms: list[float] = field(default_factory=list)  # a new tab's first run (numbers)
    floor_first_ms: list[float] = field(default_factory=list)
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
            "first_median_ms": round(median(self.first_ms), 1) if self.first_ms else None,
            "floor_first_median_ms": (
                round(median(self.floor_first_ms), 1) if self.floor_first_ms else None
            ),
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
    app_port: int,
    floor_port: int,
    runs: int,
    warm: int,
    tuned_port: int | None = None,
    elements_port: int | None = None,
) -> list[Series]:
    """Interleave: floor slider change, target rerun, floor slider change, next target...

    With ``tuned_port`` (the floor page served with the app's own server settings:
    ``runner.postScriptGC=false`` and ``TCP_NODELAY``, bench/floor_tuned_app.py) a last row
    shows Streamlit's own cost as the app configures it (a reference only: the ratios use the
    floor page as Streamlit ships). With ``elements_port`` (bench/elements_app.py: the elements
    of /training-cost's slider rerun, drawn plainly in a fragment) a row shows what Streamlit
    itself costs for that content.
    """
    targets = [Series(label(p), p, None) for p in PAGES]
    targets += [Series(f"{label(p)} slider '{k}'", p, k) for p, k in SLIDERS.items()]
    sessions = [Session(app_port, t.page) for t in targets]
    if tuned_port:
        targets.append(Series("floor page, the app's settings (reference)", "", "v"))
        sessions.append(Session(tuned_port, ""))
    if elements_port:
        targets.append(Series(ELEMENTS, "", "v"))
        sessions.append(Session(elements_port, ""))
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
        pages = [t for t in targets if not t.slider or "reference" in t.name]
        await first_runs(app_port, floor_port, pages, runs, tuned_port)
    finally:
        for s in opened:
            await s.__aexit__(None, None, None)
    return targets


async def first_runs(
    app_port: int, floor_port: int, targets: list[Series], runs: int, tuned_port: int | None
) -> None:
    """A new tab's first run of each page (to its numbers, the run a reader waits for),
    interleaved with a new tab's first run of the floor page."""
    for _ in range(runs):
        for target in targets:
            if target.name == ELEMENTS:
                continue
            port = tuned_port if "reference" in target.name else app_port
            async with Session(floor_port, "") as floor:
                f = await floor.rerun()
            await asyncio.sleep(GAP_S)
            async with Session(port or app_port, target.page) as tab:
                r = await tab.rerun()
            await asyncio.sleep(GAP_S)
            note(r, target)
            target.floor_first_ms.append(f.ms)
            target.first_ms.append(r.ms)


async def count_charts(port: int) -> dict[str, int]:
    """How many charts each page draws at a first visit (for the browser part alone)."""
    found = {}
    for page in PAGES:
        async with Session(port, page) as s:
            found[page] = len((await s.open()).charts)
    return found
