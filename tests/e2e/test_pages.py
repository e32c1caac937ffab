"""Every page, as a desktop visitor sees it: it runs cleanly, draws its charts, and is photographed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e import conftest as e2e

pytestmark = pytest.mark.e2e

#: Any trace a plotly figure draws: bars, lines, markers, pie slices, tables.
TRACES = "g.trace, g.slice, g.table"


def _check_visible_charts(page: Page, seen: set[str]) -> None:
    """Check every visible chart is drawn; charts are known by their title, which stays put
    when a lazy tab or expander reruns the page and the list of charts changes."""
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        svg = chart.locator(".main-svg").first
        expect(svg).to_be_visible()
        title = chart.locator(".gtitle").first.text_content() or f"untitled chart {i}"
        if title in seen:
            continue
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, f"chart {title!r} is {box}"
        expect(chart.locator(TRACES).first).to_be_attached()
        seen.add(title)


def _wait_for_content(page: Page, opened: Locator) -> None:
    """After a click on a lazy tab or expander: its content, then the app at rest. Its content
    is made by the click's rerun, and the app can still read as idle before that rerun starts,
    so waiting for the app alone may look at it empty."""
    expect(opened.get_by_test_id("stElementContainer").first).to_be_attached()
    e2e.wait_for_app(page)


def assert_charts_drawn(page: Page, seen: set[str] | None = None) -> int:
    """Every st.plotly_chart on the page, in any tab or expander, has a drawn plotly SVG.

    Charts in a tab that is not selected are hidden (or, in a lazy tab, not made until it is
    opened), so each tab is opened in turn, and every expander is opened first; each click
    may rerun the page, so the app is waited for before the charts are looked at.
    """
    main = page.get_by_test_id("stMain")
    expanders = main.get_by_test_id("stExpander")
    for i in range(expanders.count()):
        details = expanders.nth(i).locator("details")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
            _wait_for_content(page, details.get_by_test_id("stExpanderDetails"))
    seen = set() if seen is None else seen
    _check_visible_charts(page, seen)
    tabs = main.get_by_role("tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
        panel = page.locator(f'[id="{tabs.nth(i).get_attribute("aria-controls")}"]')
        _wait_for_content(page, panel)
        _check_visible_charts(page, seen)
    charts = page.get_by_test_id("stPlotlyChart")
    shown = {charts.nth(i).locator(".gtitle").first.text_content() for i in range(charts.count())}
    assert shown <= seen, f"charts never checked: {shown - seen}"
    return len(seen)


@pytest.mark.parametrize("path", e2e.PATHS, ids=[e2e.shot_name(p) for p in e2e.PATHS])
def test_page_loads_cleanly(app_server, browsing, path):
    page, watch = browsing.open(e2e.page_url(app_server, path))
    expect(page.get_by_test_id("stMain").locator("h1")).to_be_visible()
    assert "Page not found" not in page.inner_text("body")
    seen: set[str] = set()
    _check_visible_charts(page, seen)  # the charts a visitor sees first, before the shot
    e2e.screenshot(page, f"desktop-{e2e.shot_name(path)}")
    drawn = assert_charts_drawn(page, seen)
    if path in ("training-cost", "gpu-capex"):
        assert drawn >= 2, f"/{path} drew {drawn} charts"
    if path == "reconcile":  # the ladder, the waterfall (its lazy tab), 2 histograms, 2 tornados
        assert drawn == 6, f"/reconcile drew {drawn} charts"
    e2e.assert_healthy(page, watch)


def test_navigation_links_reach_every_page(app_server, browsing):
    """The sidebar links (aicost.ui.navigation) point at every page's promised URL path."""
    page, watch = browsing.open(e2e.page_url(app_server, ""))
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(e2e.PATHS))
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    # Relative hrefs ("" for the overview, "training-cost", ...): the URL paths people share,
    # each on the release the page shows (#28.4).
    paths = [h.split("?")[0].rstrip("/").rsplit("/", 1)[-1] for h in hrefs]
    assert paths == list(e2e.PATHS)
    assert all(h.endswith(f"?rel={e2e.CURRENT}") for h in hrefs), hrefs
    links.nth(2).click()  # a client-side page switch, as a visitor makes it
    expect(page).to_have_url(e2e.page_url(app_server, e2e.PATHS[2], f"rel={e2e.CURRENT}"))
    e2e.wait_for_app(page)
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("GPU capex")
    e2e.assert_healthy(page, watch)
