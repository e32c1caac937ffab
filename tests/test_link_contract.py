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
from tests.contracts.observe import CONTRACT, observe, open_link, same_figure

RECORDED = json.loads(CONTRACT.read_text())

#: Metric labels reworded since a link was recorded (recorded -> shown now). The figure under
#: a renamed label must still read the same; a label is renamed only to correct it, and the
#: README's data-releases section lists each rename.
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


def test_a_renamed_label_is_not_shown_any_more():
    """A rename is one way: the old label is gone from every page that showed it."""
    for entry in RECORDED:
        old = set(entry["metrics"]) & set(RENAMED)
        if old:
            now = observe(entry["link"])
            assert not old & set(now["metrics"]), entry["link"]


@pytest.mark.parametrize("entry", RECORDED, ids=lambda e: e["link"])
def test_a_recorded_link_shows_what_it_showed(entry):
    now = observe(entry["link"])
    for recorded_label, shown in entry["metrics"].items():
        label = RENAMED.get(recorded_label, recorded_label)
        assert label in now["metrics"], f"metric {label!r} is gone; have {list(now['metrics'])}"
        assert same_figure(shown, now["metrics"][label]), (label, shown, now["metrics"][label])
    # every point each chart plotted is still plotted (charts may gain labels or traces)
    plotted = {point for chart in now["charts"] for point in chart}
    for chart in entry["charts"]:
        missing = [p for p in chart if p not in plotted]
        assert not missing, f"chart points no longer shown: {missing[:8]}"


@pytest.mark.parametrize("entry", RECORDED, ids=lambda e: e["link"])
def test_a_recorded_link_shows_its_numbers_first_and_they_are_the_recorded_ones(entry):
    """The first run (the numbers only, read from the link before any widget is drawn) shows
    the figures the link was recorded with: a reader who quotes the first number on screen
    quotes the link's."""
    first = open_link(entry["link"], painted=False)
    assert not first.exception
    shown = {m.label: m.value for m in first.metric}
    recorded = {RENAMED.get(k, k): v for k, v in entry["metrics"].items()}
    if BY_PATH[urlsplit(entry["link"]).path.strip("/")].numbers_first and recorded:
        assert shown, "a page of numbers showed none in its first run"
    for label, value in shown.items():
        if label in recorded:
            assert same_figure(recorded[label], value), (label, recorded[label], value)
