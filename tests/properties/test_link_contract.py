"""Links keep their promise: every recorded link still shows what it showed when recorded.

``tests/contracts/links.json`` holds links as they were shared (release-1 links were recorded
on 2026-11-30, before any data correction), each with the metrics and chart points a reader
saw. A later data release, or a code change, must not change any of them.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from aicost.site import BY_PATH
from tests.contracts.observe import CONTRACT, same_figure, seen

RECORDED = json.loads(CONTRACT.read_text())

#: Metric labels reworded since a link was recorded (recorded -> shown now). The figure under
#: a renamed label must still read the same; a label is renamed only to correct it, and the
#: docs/data.md's data-releases section lists each rename.
RENAMED = {
    # the card cites Business Insider's report; the article names no outlet for the $589B
    "Bloomberg, in the article": "The article's figure",
    # as the overview words the same figure; the longer label was cut at 1280 px
    "US stocks lost that day, about": "US stocks, one day, about",
}


def test_the_contract_covers_every_page_with_figures():
    pages = {entry["link"].split("?")[0] for entry in RECORDED}
    assert pages >= {"/", "/training-cost", "/gpu-capex", "/reconcile", "/market", "/compare"}
    assert len(RECORDED) >= 20


@pytest.mark.parametrize("entry", RECORDED, ids=lambda e: e["link"])
def test_a_recorded_link_shows_what_it_showed(entry):
    """Opened as a first visit: the first run (the numbers only, read from the link before
    any widget is drawn) shows the figures the link was recorded with, so a reader who quotes
    the first number on screen quotes the link's; then the whole page shows every recorded
    figure and chart point, under no renamed label."""
    now = seen(entry["link"])
    assert not now.first_exceptions and not now.exceptions, now.exceptions
    recorded = {RENAMED.get(k, k): v for k, v in entry["metrics"].items()}
    first = dict(now.first)
    if BY_PATH[urlsplit(entry["link"]).path.strip("/")].numbers_first and recorded:
        assert first, "a page of numbers showed none in its first run"
    for label, value in first.items():
        if label in recorded:
            assert same_figure(recorded[label], value), ("first run", label, recorded[label], value)
    shown = dict(now.metrics)
    for label, value in recorded.items():
        assert label in shown, f"metric {label!r} is gone; have {list(shown)}"
        assert same_figure(value, shown[label]), (label, value, shown[label])
    # a rename is one way: the old label is gone from every page
    assert not set(RENAMED) & set(shown), set(RENAMED) & set(shown)
    # every point each chart plotted is still plotted (charts may gain labels or traces)
    plotted = {point for chart in now.charts for point in chart}
    for chart in entry["charts"]:
        missing = [p for p in chart if p not in plotted]
        assert not missing, f"chart points no longer shown: {missing[:8]}"
