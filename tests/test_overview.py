"""Pure tests of aicost.pages.overview.scenario: the headline figures, their ratios and scopes."""

from __future__ import annotations

import math

import pytest

from aicost.base import fmt
from aicost.pages.overview import scenario as overview
from aicost.site import PAGES


def test_headlines_are_the_data_rows_formatted(tables):
    items = overview.headlines(tables)
    assert [h.id for h in items] == [spec[0] for spec in overview.HEADLINE_SPECS]
    for h in items:
        row = tables.row(h.id)
        assert h.value == tables.value(h.id)
        assert h.shown == fmt.by_unit(tables.value(h.id), str(row["unit"]))
        assert h.source_name == row["source_name"] and h.source_url.startswith("http")
        assert h.source_short and len(h.source_short) <= 29
        assert "Source:" in h.help and h.id in h.help
        assert "{" not in h.counts, "an unfilled template field"
    shown = {h.id: h.shown for h in items}
    assert shown["v3_cost_total"] == "$5.576M"
    assert shown["semianalysis_server_capex"] == "$1.6B"
    assert shown["nvda_mcap_loss_589"] == "$589B"


def test_headline_help_escapes_dollars_for_markdown(tables):
    v3 = overview.headlines(tables)[0]
    assert "\\$2\\.00" in v3.help  # "$2.00/GPU-hour" would start LaTeX in markdown
    assert "$2.00" not in v3.help.replace("\\$2\\.00", "")


def test_framing_question_comes_from_the_data(tables):
    assert overview.framing(tables) == "Was it $5.6M, or $500M+, or $1.6B?"


def test_ratios_are_computed_not_typed(tables):
    r = overview.ratios(tables)
    assert r.capex_x == pytest.approx(1.6e9 / 5.576e6)
    assert round(r.capex_x) == 287
    assert 100_000 < r.nvidia_drop_x < 110_000
    sentence = overview.ratio_sentence(tables)
    assert fmt.multiple(r.capex_x) in sentence and fmt.multiple(r.nvidia_drop_x) in sentence


def test_chunks_and_page_blurbs():
    assert overview.chunks(list("abcdefg"), 3) == [list("abc"), list("def"), ["g"]]
    assert overview.chunks([], 3) == []

    assert all(p.blurb for p in PAGES[1:])


def test_scopes_say_what_each_number_counts(tables):
    text = overview.scope_markdown(tables)
    assert text.count("\n- ") == len(overview.SCOPES) - 1
    assert "Leaves out" in text and "\\$5\\.576M" in text
    assert "$5" not in text.replace("\\$5", "")
    # every headline card on the overview is in the list
    assert {row_id for row_id, _in, _out in overview.SCOPES} == {
        item.id for item in overview.headlines(tables)
    }


def test_headlines_are_finite(tables):
    for h in overview.headlines(tables):
        assert math.isfinite(h.value) and h.shown != fmt.DASH


def test_headline_scale_puts_the_six_figures_on_one_log_axis(tables):
    from aicost.pages.overview import charts as overview_charts

    from .conftest import assert_chart_basics

    items = overview.headlines(tables)
    fig = overview_charts.headline_scale(items, source=overview.OVERVIEW_SOURCE)
    assert_chart_basics(fig)
    assert fig.layout.xaxis.type == "log"
    bars = {y: x for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert len(bars) == 6
    assert bars["R1's RL stage"] == 294e3 and bars["V3's final run"] == 5.576e6
    assert bars["Nvidia's drop"] == 589e9 and bars["US stocks' drop"] == 1e12
    assert [t.name for t in fig.data] == list(overview.KINDS.values())
    hover = " ".join(h for t in fig.data for h in t.customdata)
    assert hover.count("Source:") == 6


def test_overview_and_market_share_one_ratio(tables):
    from aicost.pages.market import scenario as market

    m = market.market_drop(market.inputs(tables), tables)
    assert fmt.multiple(overview.ratios(tables).nvidia_drop_x) == fmt.multiple(m.drop_vs_claim)
