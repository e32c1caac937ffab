"""Readable at first sight: what the overview and the timeline mean is drawn on the chart
itself (SVG text a reader sees without hovering), at 1280 px and on a 390 px phone."""

from __future__ import annotations

import pytest

from aicost.base import release
from aicost.pages.timeline import scenario as timeline
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.e2e.conftest import assert_healthy, page_url, screenshot

pytestmark = pytest.mark.e2e

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
WIDTHS = {"desktop": {}, "phone": PHONE}

#: Every text element of one plotly chart with its box on the page.
TEXTS_JS = """(chart) => [...chart.querySelectorAll('text')]
  .filter((t) => t.textContent.trim() && t.getBBox().width > 0)
  .map((t) => { const r = t.getBoundingClientRect();
    return {cls: t.getAttribute('class') || t.parentNode.getAttribute('class') || '',
            text: t.textContent, x: r.x, y: r.y, right: r.right, bottom: r.bottom}; })"""


def _ceiling_labels() -> list[str]:
    """The labels the chip-ceiling chart carries on the current data ("A100" over "on sale",
    drawn as one text "A100on sale"), from the page's own computation."""
    store = release.store()
    charts = open_link(BY_PATH["timeline"], {}, store, store.tables).charts
    chart = next(c for c in charts if "china-could-buy" in c.file).make()
    texts = next(t.text for t in chart.data if t.mode == "text")
    return [t.replace("<br>", "") for t in texts if t]


def _charts(page):
    charts = page.locator('[data-testid="stPlotlyChart"] .js-plotly-plot')
    charts.first.locator("g.xtick").first.wait_for()
    return charts


def _overlaps(boxes: list[dict]) -> list[tuple[str, str]]:
    hits = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if a["x"] < b["right"] - 1 and b["x"] < a["right"] - 1:
                if a["y"] < b["bottom"] - 1 and b["y"] < a["bottom"] - 1:
                    hits.append((a["text"], b["text"]))
    return hits


@pytest.mark.parametrize("width", list(WIDTHS))
def test_overview_shows_the_six_figures_on_one_scale(app_server, browsing, width):
    page, watch = browsing.open(page_url(app_server, ""), **WIDTHS[width])
    chart = _charts(page).first
    texts = [t["text"] for t in chart.evaluate(TEXTS_JS)]
    for amount in ("$294K", "$5.576M", "$500M", "$1.6B", "$589B", "$1T"):
        assert amount in texts, (amount, texts)
    for label in ("R1's RL stage", "V3's final run", "Server capex", "Nvidia's drop"):
        assert label in texts, (label, texts)
    for kind in ("One training run", "Hardware, over years", "Stock-market value"):
        assert kind in texts, (kind, texts)
    assert chart.locator("g.trace.bars path").count() == 6
    screenshot(page, f"readable-overview-{width}")
    assert_healthy(page, watch)


@pytest.mark.parametrize("width", list(WIDTHS))
def test_timeline_labels_every_key_step_and_rule_without_overlap(app_server, browsing, width):
    page, watch = browsing.open(page_url(app_server, "timeline"), **WIDTHS[width])
    charts = _charts(page)
    # the best chip China could legally buy: each step labelled with its chip, each stretch
    # without one with the rule that began it (#28.10)
    ceiling = charts.filter(has_text="could legally buy").first
    texts = ceiling.evaluate(TEXTS_JS)
    steps = [t for t in texts if "textpoint" in t["cls"]]
    assert [s["text"] for s in steps] == _ceiling_labels()
    rules = [t for t in texts if "annotation" in t["cls"] and "DeepSeek" not in t["text"]]
    assert [r["text"] for r in rules] == [
        "License letter: A100, H100",
        "Rule: A800, H800 caught",
        "H20 needs a license",
        "China customs stop H20",
    ]
    assert not _overlaps(steps + rules), _overlaps(steps + rules)
    view = page.viewport_size["width"]
    assert all(b["x"] >= 0 and b["right"] <= view for b in steps + rules), steps + rules
    # the events, each key step labelled on the chart itself
    events = charts.filter(has_text="events, 2021 to").first
    boxes = [t for t in events.evaluate(TEXTS_JS) if "textpoint" in t["cls"]]
    shown = {b["text"] for b in boxes}
    assert shown == {label for _id, label in timeline.KEY_STEPS}
    assert not _overlaps(boxes), _overlaps(boxes)
    assert all(b["x"] >= 0 and b["right"] <= view for b in boxes), boxes
    screenshot(page, f"readable-timeline-{width}")
    assert_healthy(page, watch)


@pytest.mark.parametrize("size", [(1280, 900), (1920, 1080)], ids=["1280", "1920"])
def test_the_rules_list_and_the_best_chip_chart_fit_one_screen(app_server, browsing, size):
    """A teacher puts "What China could legally buy" on the projector: the heading, the day,
    the list of stretches naming their rules and the best-chip chart on one screen."""
    width, height = size
    page, watch = browsing.open(
        page_url(app_server, "timeline", "on=2024-06-30"),
        viewport={"width": width, "height": height},
    )
    heading = page.get_by_role("heading", name="What China could legally buy")
    heading.evaluate("h => h.scrollIntoView({block: 'start'})")
    top = heading.bounding_box()
    listed = page.get_by_test_id("stMain").locator("li", has_text="(China customs stop H20)")
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="could legally buy")
    bottoms = {
        "list": listed.bounding_box(),
        "chart": chart.bounding_box(),
    }
    assert top and top["y"] >= 0, top
    for part, box in bottoms.items():
        assert box and box["y"] >= top["y"] and box["y"] + box["height"] <= height, (part, box)
    screenshot(page, f"timeline-one-screen-{width}")
    assert_healthy(page, watch)
