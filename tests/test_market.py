"""Pure tests of aicost.pages.market.scenario and its chart."""

from __future__ import annotations

import pytest

from aicost.base import fmt
from aicost.pages.market import charts as market_charts
from aicost.pages.market import scenario as market
from aicost.report.charts import SAFE

from .conftest import assert_chart_basics


def _market(tables, **overrides):
    return market.market_drop(market.inputs(tables, overrides), tables)


def test_market_defaults_reproduce_the_reported_drop(tables):
    m = _market(tables)
    assert m.before == 142.62 and m.after == 118.42
    assert m.price_change == pytest.approx(-24.20)
    assert fmt.percent(m.pct_change, 2) == "-16.97%"
    assert m.drop == pytest.approx(24.34e9 * 24.20)
    assert fmt.usd(m.drop) == "$589B"
    assert m.value_change == -m.drop
    assert round(m.drop_vs_claim, -3) == 106_000
    assert m.market_wide == tables.value("us_market_value_erased")


def test_market_recomputes_from_the_inputs(tables):
    m = _market(tables, mkt_shares=24.49, mkt_after=100.0)
    assert m.drop == pytest.approx(24.49e9 * 42.62)
    assert m.summary()["market_value_change_usd"] == round(-24.49e9 * 42.62)
    rise = _market(tables, mkt_after=150.0)
    assert rise.drop < 0 and rise.value_change > 0


def test_market_rejects_a_zero_price(tables):
    with pytest.raises(ValueError, match="close before"):
        _market(tables, mkt_before=0.0)


def test_reported_figures_and_implied_share_counts(tables):
    m = _market(tables)
    assert [r.id for r in m.reported] == [
        "nvda_mcap_loss_589",
        "nvda_mcap_loss_lseg",
        "nvda_mcap_loss_epochtimes",
    ]
    assert [fmt.usd(r.value, 4) for r in m.reported] == ["$589B", "$592.7B", "$593.7B"]
    implied = [r.implied_shares for r in m.reported]
    assert implied[0] == pytest.approx(589e9 / 24.20)
    assert implied[1] == pytest.approx(592.7e9 / 24.20)
    assert implied[2] == pytest.approx(593.7e9 / (142.62 - 118.51))
    # the data file's derived rows agree
    assert implied[1] == pytest.approx(tables.value("nvda_shares_implied_lseg_derived"), rel=1e-4)
    table = market.reported_table(m)
    assert table["implied shares"].tolist() == ["24.34B", "24.49B", "24.62B"]
    text = market.reported_explainer(m)
    assert "24.34B, 24.49B, 24.62B" in text and "$4.7B" in text


def test_scale_chart_is_log_and_states_the_ratio(tables):
    m = _market(tables)
    fig = market_charts.scale_chart(m, source=market.MARKET_SOURCE)
    assert_chart_basics(fig)
    assert fig.layout.xaxis.type == "log"
    assert fmt.multiple(m.drop_vs_claim) in fig.layout.title.text
    bars = dict(zip(fig.data[0].y, fig.data[0].x, strict=True))
    assert bars["V3 claim"] == 5.576e6 and bars["R1 RL stage"] == 294e3
    assert bars["GPUs (over)"] == 5e8 and bars["Server capex"] == 1.6e9
    assert bars["Nvidia drop"] == pytest.approx(m.drop)
    assert bars["US stocks"] == 1e12
    assert set(fig.data[0].marker.color) <= set(SAFE)
    assert "$589B" in fig.data[0].text


def test_scale_chart_without_a_drop(tables):
    fig = market_charts.scale_chart(_market(tables, mkt_after=150.0), source="test")
    assert "Nvidia drop" not in fig.data[0].y
    assert fig.layout.title.text.startswith("No drop")
    assert all(v > 0 for v in fig.data[0].x)
