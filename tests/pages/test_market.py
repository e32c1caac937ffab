"""/market (pages/5_market.py): the computation (aicost.pages.market: Nvidia's one-day drop from
two closes and a share count, beside the reported figures), its chart, its finding, and the
page in AppTest (its numbers first, inputs, the source table opened on a click).
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt
from aicost.pages.market import charts as market_charts
from aicost.pages.market import scenario as market
from aicost.report.charts import SAFE
from aicost.ui.paint import SIGNAL_KEY
from tests.apptest import finding, held, metric, open_page
from tests.conftest import assert_chart_basics

MARKET = "pages/5_market.py"


def _open(*, opened: str = "", **params: str) -> AppTest:
    """Open /market with these link parameters; ``opened``: the key of a table to open."""
    at = open_page(MARKET, dict(params), opened={opened: True} if opened else None)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ---- the computation and its chart ----------------------------------------------------------


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


# ---- the page -------------------------------------------------------------------------------


def test_the_numbers_come_first_and_the_inputs_and_chart_once_painted():
    first = open_page(MARKET, painted=False)
    assert first.metric and not first.get("plotly_chart") and not first.number_input
    assert held(first) == [SIGNAL_KEY]


def test_the_source_table_is_made_only_when_opened():
    closed = _open()
    assert not closed.dataframe  # no table, so no table code for the browser to load
    assert any(e.label.startswith("The three") for e in closed.expander)
    assert len(_open(opened="market_sources").dataframe) == 1


def test_market_defaults(tables):
    at = _open(opened="market_sources")
    shown = _metrics(at)
    assert shown["Close before"] == "$142.62"
    assert shown["Close after"] == "$118.42"
    assert shown["Change in price"] == "-16.97%"
    assert shown["Change in market value"] == "-$589B"
    assert shown["The article's figure"] == "$589B"
    assert shown["Reuters, LSEG data"] == "$592.7B"
    assert shown["The Epoch Times"] == "$593.7B"
    assert shown["US stocks, one day, about"] == "$1T"
    ratio = 24.34e9 * (142.62 - 118.42) / tables.value("v3_cost_total")
    assert shown["Drop ÷ V3 training claim"] == fmt.multiple(ratio)
    assert len(at.get("plotly_chart")) == 1
    implied = at.dataframe[0].value["implied shares"].tolist()
    assert implied == ["24.34B", "24.49B", "24.62B"]


def test_market_share_count_from_the_link_recomputes_the_loss():
    at = _open(mkt_shares="24.49")
    assert at.number_input(key="mkt_shares").value == pytest.approx(24.49)
    assert _metrics(at)["Change in market value"] == fmt.usd(-24.49e9 * 24.20)


def test_market_price_input_recomputes():
    at = _open()
    at.number_input(key="mkt_after").set_value(100.0).run()
    assert not at.exception
    assert _metrics(at)["Change in market value"] == fmt.usd(-24.34e9 * 42.62)
    assert _metrics(at)["Change in price"] == fmt.percent((100 - 142.62) / 142.62, 2)


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


@pytest.mark.parametrize(
    "params", [{}, {"mkt_before": "150", "mkt_after": "100"}, {"mkt_shares": "30"}]
)
def test_the_market_finding_carries_the_metrics(params):
    at = open_page(MARKET, {**params, "rel": "2"})
    assert not at.exception
    text = finding(at)
    for label in ("Close before", "Close after", "Change in price", "Change in market value",
                  "Drop ÷ V3 training claim"):  # fmt: skip
        assert metric(at, label) in text, label
