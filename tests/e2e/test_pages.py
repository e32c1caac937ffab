"""Every page, as a desktop visitor sees it: it runs cleanly, draws its charts, and is photographed."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import (
    PATHS,
    assert_healthy,
    page_url,
    screenshot,
    shot_name,
    wait_for_app,
)

pytestmark = pytest.mark.e2e

#: Any trace a plotly figure draws: bars, lines, markers, pie slices, tables.
TRACES = "g.trace, g.slice, g.table"


def _check_visible_charts(page: Page, seen: set[int]) -> None:
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        if i in seen or not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        svg = chart.locator(".main-svg").first
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box and box["width"] > 100 and box["height"] > 100, f"chart {i} is {box}"
        expect(chart.locator(TRACES).first).to_be_attached()
        seen.add(i)


def assert_charts_drawn(page: Page, seen: set[int] | None = None) -> int:
    """Every st.plotly_chart on the page, in any tab or expander, has a drawn plotly SVG.

    Charts in a tab that is not selected are hidden, so each tab is opened in turn, and
    every expander is opened first.
    """
    main = page.get_by_test_id("stMain")
    expanders = main.get_by_test_id("stExpander").locator("summary")
    for i in range(expanders.count()):
        details = main.get_by_test_id("stExpander").nth(i).locator("details")
        if details.get_attribute("open") is None:
            expanders.nth(i).click()
    seen = set() if seen is None else seen
    _check_visible_charts(page, seen)
    tabs = main.get_by_role("tab")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        expect(tabs.nth(i)).to_have_attribute("aria-selected", "true")
        _check_visible_charts(page, seen)
    total = page.get_by_test_id("stPlotlyChart").count()
    assert seen == set(range(total)), f"charts never shown: {set(range(total)) - seen}"
    return total


@pytest.mark.parametrize("path", PATHS, ids=[shot_name(p) for p in PATHS])
def test_page_loads_cleanly(app_server, browsing, path):
    page, watch = browsing.open(page_url(app_server, path))
    expect(page.get_by_test_id("stMain").locator("h1")).to_be_visible()
    assert "Page not found" not in page.inner_text("body")
    seen: set[int] = set()
    _check_visible_charts(page, seen)  # the charts a visitor sees first, before the shot
    screenshot(page, f"desktop-{shot_name(path)}")
    drawn = assert_charts_drawn(page, seen)
    if path in ("training-cost", "gpu-capex"):
        assert drawn >= 2, f"/{path} drew {drawn} charts"
    assert_healthy(page, watch)


def test_navigation_links_reach_every_page(app_server, browsing):
    """The sidebar links (aicost.ui.navigation) point at every page's promised URL path."""
    page, watch = browsing.open(page_url(app_server, ""))
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(PATHS))
    hrefs = [links.nth(i).get_attribute("href") or "" for i in range(links.count())]
    # Relative hrefs ("" for the overview, "training-cost", ...): the URL paths people share.
    assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == list(PATHS)
    links.nth(2).click()  # a client-side page switch, as a visitor makes it
    expect(page).to_have_url(page_url(app_server, PATHS[2]))
    wait_for_app(page)
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("GPU capex")
    assert_healthy(page, watch)
