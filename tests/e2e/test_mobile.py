"""A 390 x 844 phone: no sideways scrolling, charts drawn at a usable size, controls reachable."""

from __future__ import annotations

import pytest
from playwright.sync_api import Locator, Page, expect

from aicost.base.release import Store
from aicost.report.page import result
from aicost.site import BY_PATH
from aicost.ui.style import RESULT_BAR
from tests.conftest import RELEASES
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


# ---- a result in view, and charts that fit (#28.9) ----------------------------------------

#: Pages with quick prices under a price slider, and that slider's assumption.
QUICK_PRICES = {"training-cost": "price", "compare": "cmp_price", "reconcile": "rec_price",
                "rules-cost": "rc_price"}  # fmt: skip


@pytest.mark.parametrize("path", list(QUICK_PRICES))
def test_phone_a_tap_on_a_quick_price_shows_its_result_in_view(app_server, browsing, path):
    """After a tap on "$3.50" the page's result (its headline, as the page computes it) is on
    screen beside the chip, on the app's own background, and covers no control."""
    page, watch = browsing.open(
        e2e.page_url(app_server, path, f"rel={e2e.CURRENT}"), color_scheme="dark", **PHONE
    )
    store = Store(RELEASES)
    expected = result(
        BY_PATH[path], store.tables(e2e.CURRENT), store.current, {QUICK_PRICES[path]: 3.5}
    )
    chip = page.get_by_role("button", name="$3.50", exact=True)
    chip.scroll_into_view_if_needed()
    chip.tap()
    e2e.wait_for_app(page)
    bar = page.locator(f".st-key-{RESULT_BAR}")
    expect(bar).to_have_text(f"{BY_PATH[path].label}: {expected.body.headline}")
    expect(bar).to_be_in_viewport()
    expect(chip).to_be_in_viewport()
    box, at = bar.bounding_box(), chip.bounding_box()
    assert (
        box and at and (box["y"] + box["height"] <= at["y"] or at["y"] + at["height"] <= box["y"])
    )
    header = page.get_by_test_id("stHeader").bounding_box()
    assert header and box["y"] >= header["y"] + header["height"] - 1, "under the header"
    colours = page.evaluate(
        f"() => [getComputedStyle(document.querySelector('.st-key-{RESULT_BAR}')).backgroundColor,"
        " getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor]"
    )
    assert colours[0] == colours[1], f"the bar is not on the app's background: {colours}"
    e2e.assert_healthy(page, watch)


def test_desktop_has_no_result_bar(app_server, browsing):
    page, watch = browsing.open(e2e.page_url(app_server, "training-cost"))
    expect(page.locator(f".st-key-{RESULT_BAR}")).to_be_hidden()
    e2e.assert_healthy(page, watch)


#: Every figure written on a chart (bars' and points' texts) and each category's name on the
#: y axis, with its box and the chart's.
LABELS_JS = """(chart) => {
  const frame = chart.querySelector('.main-svg').getBoundingClientRect();
  const box = (t, kind) => { const r = t.getBoundingClientRect();
    return {kind, text: t.textContent, x: r.left, y: r.top, right: r.right, bottom: r.bottom}; };
  const data = [...chart.querySelectorAll('.bartext, .textpoint text, text.textpoint')]
    .filter((t) => t.textContent.trim() && t.getBBox().width > 0).map((t) => box(t, 'data'));
  const names = [...chart.querySelectorAll('.ytick text')]
    .filter((t) => t.textContent.trim()).map((t) => box(t, 'name'));
  return {frame: {x: frame.left, y: frame.top, right: frame.right, bottom: frame.bottom},
          labels: [...data, ...names]};
}"""

PHONE_CHARTS = {
    "overview": "",
    "market": "market",
    "compare": "compare",
    "tornado-run": "reconcile?rec_uncertainty=Step+4%3A+what+moves+it",
    "tornado-fleet": "reconcile?rec_uncertainty=Fleet+capex%3A+what+moves+it",
}


@pytest.mark.parametrize("which", list(PHONE_CHARTS))
def test_phone_chart_figures_stay_inside_and_apart(app_server, browsing, which):
    """At 390 px every figure written on a chart is inside it, none prints over another or
    over a category's name ("$589B" was cut, "$301M" ran into "$1.16B", "$1.22B" into
    "Server cost / GPU price")."""
    path, _, query = PHONE_CHARTS[which].partition("?")
    url = e2e.page_url(app_server, path, "&".join(q for q in (query, f"rel={e2e.CURRENT}") if q))
    page, watch = browsing.open(url, **PHONE)
    charts = page.get_by_test_id("stPlotlyChart")
    checked = 0
    for i in range(charts.count()):
        chart = charts.nth(i)
        if not chart.is_visible():
            continue
        chart.scroll_into_view_if_needed()
        expect(chart.locator(".main-svg").first).to_be_visible()
        found = chart.evaluate(LABELS_JS)
        frame, labels = found["frame"], found["labels"]
        data = [t for t in labels if t["kind"] == "data"]
        checked += len(data)
        out = [
            t["text"]
            for t in labels
            if t["x"] < frame["x"] - 0.5 or t["right"] > frame["right"] + 0.5
        ]
        assert not out, f"{which}, chart {i}: cut at the edge: {out}"
        hits = [
            (a["text"], b["text"])
            for n, a in enumerate(data)
            for b in [*data[n + 1 :], *(t for t in labels if t["kind"] == "name")]
            if a["x"] < b["right"] - 1 and b["x"] < a["right"] - 1
            and a["y"] < b["bottom"] - 1 and b["y"] < a["bottom"] - 1
        ]  # fmt: skip
        assert not hits, f"{which}, chart {i}: printed over each other: {hits}"
    assert checked, f"{which}: no figure written on a chart"
    e2e.screenshot(page, f"phone-charts-{which}")
    e2e.assert_healthy(page, watch)
