"""Part 3: headless Chromium at desktop and phone width. Navigation to every chart drawn (load)
and to the first metric value on screen (first number), interleaved with the naive page and the
floor page; and a slider key press (ArrowRight) to the chart redrawn."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from aicost.inputs.assumptions import BY_NAME
from bench.common import SLIDERS, label, median
from devtools.server import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Locator, Page

#: Installed in every page before its scripts run (read it for what it records).
PROBE = (Path(__file__).parent / "probe.js").read_text()

#: Browser windows the pages are loaded in: a laptop, and a phone (the sidebar collapsed).
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
NAIVE = "naive one-chart page"
FLOOR = "floor page (slider + metric)"
#: The floor page behind a deep link, as every shared link but / is: Streamlit's own cost of
#: a deep link (its frontend first asks /<path>/_stcore/health, waits 100 ms, then asks /).
DEEP_FLOOR = "floor page at a deep link (/floor)"
TIMEOUT_MS = 30_000


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

    def summary(self) -> dict[str, object]:
        """The raw figures and their medians (what report and judge read)."""
        phases = self.phases[0] if self.phases else {}
        return {
            **asdict(self),
            "load_median_ms": round(median(self.load_ms), 1),
            "number_median_ms": round(median(self.number_ms), 1) if self.number_ms else None,
            "redraw_median_ms": round(median(self.redraw_ms), 1),
            "redraw_phases_median_ms": {
                k: round(median([p[k] for p in self.phases]), 1) for k in phases
            },
        }


def slider_input(page: Page, slider_label: str) -> Locator:
    return page.get_by_role("slider", name=slider_label).first


def browser_load(context: BrowserContext, s: BrowserSeries, timeout_ms: float) -> Page:
    """Open s.url in a new tab; return the tab once every chart is drawn (load time recorded)."""
    page = context.new_page()
    page.add_init_script(f"window.__benchExpected = {s.charts};\n{PROBE}")
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


def browser_redraw(page: Page, s: BrowserSeries, timeout_ms: float) -> None:
    """Focus the slider, press ArrowRight, time key-down -> chart redrawn (next frame)."""
    assert s.slider_label
    page.wait_for_function(
        "document.querySelector('[data-testid=stApp]').dataset.testScriptState === 'notRunning'",
        timeout=timeout_ms,
    )
    # a background tab's frames and timers are throttled to about 1 s: measure in front
    page.bring_to_front()
    thumb = slider_input(page, s.slider_label)
    thumb.focus()
    page.evaluate("window.__bench.arm()")
    thumb.press("ArrowRight")
    try:
        page.wait_for_function(
            "window.__bench.redraw !== null && window.__bench.redraw > 0", timeout=timeout_ms
        )
        b = page.evaluate(
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

    series: list[BrowserSeries] = []
    timeout = TIMEOUT_MS
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for vp in viewports:
                tag = "" if vp == "desktop" else f" [{vp}]"
                naive = BrowserSeries(NAIVE + tag, naive_url, "Frequency", 1, viewport=vp)
                refs = [naive]
                rows = []
                if floor_url:  # Streamlit's own first number: one slider, one metric
                    refs.append(
                        BrowserSeries(FLOOR + tag, floor_url, None, 0, reference=True, viewport=vp)
                    )
                if naive_deep_url:
                    deep_floor = f"{naive_deep_url}/floor"
                    rows.append(BrowserSeries(DEEP_FLOOR + tag, deep_floor, None, 0, True, vp))
                if naive_deep_url and vp == "desktop":
                    # the naive page by a deep link, as every shared link but / is, and with a
                    # calculator's elements written plainly: Streamlit's own cost of that content
                    for name, path in (
                        ("naive page at a deep link (/chart)", "chart"),
                        ("naive calculator at a deep link (/calculator)", "calculator"),
                    ):
                        url = f"{naive_deep_url}/{path}"
                        rows.append(
                            BrowserSeries(name + tag, url, None, 1, reference=True, viewport=vp)
                        )
                for p in pages:
                    slider = SLIDERS.get(p)
                    slider_label = BY_NAME[slider].label if slider and vp == "desktop" else None
                    url, n = f"{app_url}/{p}", charts.get(p, 0)
                    rows.append(BrowserSeries(label(p) + tag, url, slider_label, n, viewport=vp))
                series += [*refs, *rows]
                shared = browser.new_context(viewport=VIEWPORTS[vp])

                def load(s: BrowserSeries, shared: BrowserContext = shared, vp: str = vp) -> None:
                    context = browser.new_context(viewport=VIEWPORTS[vp]) if cold else shared
                    browser_load(context, s, timeout).close()
                    if cold:
                        context.close()

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
                tabs = {
                    s.name: browser_load(shared, BrowserSeries("", s.url, "", s.charts), timeout)
                    for s in movers
                }
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
