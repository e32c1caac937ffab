"""A 390 x 844 phone: no sideways scrolling, charts drawn at a usable size, controls reachable."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e import conftest as e2e

pytestmark = pytest.mark.e2e

PHONE = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}

#: Widgets a visitor operates, in the order they are looked for in the page.
CONTROLS = ("stSlider", "stNumberInput", "stRadio", "stCheckbox", "stSelectbox", "stButton")

OVERFLOW = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  return {
    doc: document.documentElement.scrollWidth - window.innerWidth,
    main: main ? main.scrollWidth - main.clientWidth : 0,
  };
}"""


def _first_control(page: Page) -> tuple[str, Locator] | None:
    """The first widget in the main area, in page order."""
    selector = ", ".join(f'[data-testid="stMain"] [data-testid="{t}"]' for t in CONTROLS)
    first = page.locator(selector).first
    if first.count() == 0:
        return None
    return first.get_attribute("data-testid") or "", first


def _operate(page: Page, kind: str, control: Locator) -> None:
    """Change the control the way a phone user would, and check that the change took."""
    if kind == "stSlider":
        thumb = control.get_by_role("slider")
        before = thumb.input_value()
        thumb.focus()
        page.keyboard.press("ArrowRight")
        expect(thumb).not_to_have_value(before)
    elif kind == "stNumberInput":
        box = control.locator("input")
        before = box.input_value()
        control.get_by_test_id("stNumberInputStepUp").tap()
        expect(box).not_to_have_value(before)
    elif kind == "stRadio":
        option = control.get_by_role("radio").nth(1)
        control.locator('label:has(input[type="radio"])').nth(1).tap()
        expect(option).to_be_checked()
    elif kind == "stCheckbox":
        box = control.locator("input")
        was = box.is_checked()
        control.locator("label").first.tap()
        expect(box).to_be_checked(checked=not was)
    elif kind == "stSelectbox":
        control.tap()
        expect(page.get_by_role("listbox")).to_be_visible()
        page.get_by_role("option").nth(1).tap()
    else:  # a button: the rerun it causes must end cleanly
        control.get_by_role("button").tap()
    e2e.wait_for_app(page)


@pytest.mark.parametrize("path", e2e.PATHS, ids=[e2e.shot_name(p) for p in e2e.PATHS])
def test_phone_no_sideways_scroll_charts_sized_controls_reachable(app_server, browsing, path):
    page, watch = browsing.open(e2e.page_url(app_server, path), **PHONE)

    overflow = page.evaluate(OVERFLOW)
    assert max(overflow.values()) <= 1, f"/{path} scrolls sideways on a phone: {overflow}"

    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():  # in a tab not selected; test_pages opens every tab
            continue
        chart.scroll_into_view_if_needed()
        svg = chart.locator(".main-svg").first
        expect(svg).to_be_visible()
        box = svg.bounding_box()
        assert box and box["width"] >= 300 and box["height"] >= 200, f"chart {i}: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 391, f"chart {i} overflows: {box}"

    page.get_by_test_id("stMain").evaluate("m => m.scrollTo(0, 0)")
    e2e.screenshot(page, f"phone-{e2e.shot_name(path)}")

    found = _first_control(page)
    if path in ("training-cost", "gpu-capex"):
        assert found, f"/{path} has no control"
    if found:
        kind, control = found
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 391, f"{kind}: {box}"
        _operate(page, kind, control)
        assert max(page.evaluate(OVERFLOW).values()) <= 1
    e2e.assert_healthy(page, watch)


def test_phone_navigation_is_a_menu_that_closes_on_the_next_page(app_server, browsing):
    """On a phone the pages are a menu above the title, not the sidebar (an overlay that a
    page link would leave open over the next page): choosing a page opens it with the menu
    closed and nothing covering it."""
    page, watch = browsing.open(e2e.page_url(app_server, ""), **PHONE)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(page.get_by_test_id("stExpandSidebarButton")).to_be_hidden()
    menu = page.locator(".st-key-phone_nav").get_by_role("button", name="Pages")
    expect(menu).to_be_in_viewport()
    menu.tap()
    links = page.get_by_test_id("stPopoverBody").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(e2e.PATHS))
    expect(links.nth(1)).to_be_in_viewport()
    links.nth(1).tap()
    expect(page).to_have_url(e2e.page_url(app_server, e2e.PATHS[1], f"rel={e2e.CURRENT}"))
    e2e.wait_for_app(page)
    expect(page.get_by_test_id("stPopoverBody")).to_have_count(0)
    expect(page.get_by_test_id("stSidebar")).to_be_hidden()
    title = page.get_by_test_id("stMain").locator("h1").first
    expect(title).to_be_in_viewport()
    assert title.evaluate(
        "e => { const r = e.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + 5, r.y + r.height / 2)?.closest('h1') === e; }"
    ), "something covers the new page's title"
    e2e.assert_healthy(page, watch)


def test_desktop_navigation_is_the_sidebar(app_server, browsing):
    """At 1280 px the pages are the sidebar's links; the phone menu is not drawn."""
    page, watch = browsing.open(e2e.page_url(app_server, ""))
    links = page.get_by_test_id("stSidebar").get_by_test_id("stPageLink-NavLink")
    expect(links).to_have_count(len(e2e.PATHS))
    expect(links.first).to_be_in_viewport()
    expect(page.locator(".st-key-phone_nav")).to_be_hidden()
    e2e.assert_healthy(page, watch)


def test_phone_help_icons_are_big_enough_to_tap(app_server, browsing):
    """WCAG 2.5.8: a "?" help icon's tap target is at least 24 x 24 CSS px on a phone."""
    page, watch = browsing.open(e2e.page_url(app_server, "reconcile"), **PHONE)
    targets = page.get_by_test_id("stMain").get_by_test_id("stTooltipHoverTarget")
    expect(targets.first).to_be_attached()
    assert targets.count() >= 5
    for i in (0, targets.count() - 1):
        button = targets.nth(i).get_by_role("button")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        assert box and box["width"] >= 24 and box["height"] >= 24, f"help icon {i}: {box}"
        assert box["x"] >= 0 and box["x"] + box["width"] <= 391, f"help icon {i}: {box}"
    button = targets.first.get_by_role("button")
    button.tap()
    expect(page.get_by_test_id("stTooltipContent")).to_be_visible()
    e2e.assert_healthy(page, watch)


def test_phone_reconcile_ladder_labels_fit_the_chart(app_server, browsing):
    """The ladder's axis title and every bar's figure stay inside the chart at 390 px."""
    page, watch = browsing.open(e2e.page_url(app_server, "reconcile"), **PHONE)
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    svg = chart.locator(".main-svg").first
    expect(svg).to_be_visible()
    frame = svg.bounding_box()
    assert frame
    parts = chart.locator(".xtitle, .bartext")
    expect(parts.first).to_be_attached()
    assert parts.count() >= 9  # the axis title and one figure per step
    for i in range(parts.count()):
        box = parts.nth(i).bounding_box()
        text = parts.nth(i).text_content()
        assert box, text
        assert box["x"] >= frame["x"] - 1, f"{text!r} cut off on the left: {box}, {frame}"
        right = frame["x"] + frame["width"]
        assert box["x"] + box["width"] <= right + 1, f"{text!r} cut off: {box}, {frame}"
    e2e.assert_healthy(page, watch)


@pytest.mark.parametrize("path", ["market", "reconcile", "training-cost", "gpu-capex"])
def test_phone_shows_results_before_the_inputs_that_set_them(app_server, browsing, path):
    page, watch = browsing.open(e2e.page_url(app_server, path), **PHONE)
    main = page.get_by_test_id("stMain")
    number = main.get_by_test_id("stMetricValue").first.bounding_box()
    control = main.locator(
        "[data-testid='stNumberInput'], [data-testid='stSlider'], [data-testid='stRadio']"
    ).first.bounding_box()
    assert number and control and number["y"] < control["y"], (number, control)
    e2e.assert_healthy(page, watch)
