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
    chart = open_link(BY_PATH["timeline"], {}, store, store.tables).charts[1].make()
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
def test_timeline_labels_every_key_step_without_overlap(app_server, browsing, width):
    page, watch = browsing.open(page_url(app_server, "timeline"), **WIDTHS[width])
    charts = _charts(page)
    boxes = [t for t in charts.first.evaluate(TEXTS_JS) if "textpoint" in t["cls"]]
    shown = {b["text"] for b in boxes}
    assert shown == {label for _id, label in timeline.KEY_STEPS}
    assert not _overlaps(boxes), _overlaps(boxes)
    view = page.viewport_size["width"]
    assert all(b["x"] >= 0 and b["right"] <= view for b in boxes), boxes
    # the second view: the best chip China could legally buy, each step labelled
    ceiling = charts.nth(1)
    steps = [t for t in ceiling.evaluate(TEXTS_JS) if "textpoint" in t["cls"]]
    assert [s["text"] for s in steps] == _ceiling_labels()
    assert not _overlaps(steps), _overlaps(steps)
    assert "could legally buy" in ceiling.locator(".gtitle").text_content()
    screenshot(page, f"readable-timeline-{width}")
    assert_healthy(page, watch)
