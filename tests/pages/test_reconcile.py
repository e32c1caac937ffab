"""/reconcile (pages/3_reconcile.py): the computation (aicost.pages.reconcile: the chain of cost
figures from R1's RL stage to the fleet, each step reproducing its sourced anchor, and the Monte
Carlo ranges around it), its charts, its finding, and the page in AppTest (the anchors at the
defaults, sliders, links, a bad link, sharing).
"""

from __future__ import annotations

import math

import plotly.graph_objects as go
import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt, model
from aicost.base import montecarlo as mc
from aicost.pages.gpu_capex import scenario as capex
from aicost.pages.reconcile import charts as charts_reconcile
from aicost.pages.reconcile import finding as chain_finding
from aicost.pages.reconcile import scenario as reconcile
from tests.apptest import chart_titles, finding, metric, open_page, plain
from tests.conftest import SCENARIOS, as_link, release_tables

RECONCILE = "pages/3_reconcile.py"
#: the keys of the page's lazy tabs and of its steps table's expander
VIEW, UNCERTAINTY, STEPS = "rec_chart", "rec_uncertainty", "reconcile_steps"


def chain_at(tables, **display_values) -> reconcile.Chain:
    return reconcile.chain(reconcile.inputs(tables, display_values), tables)


@pytest.fixture(scope="module")
def defaults_chain(tables) -> reconcile.Chain:
    return chain_at(tables)


@pytest.fixture(scope="module")
def defaults_uncertainty(tables) -> reconcile.Uncertainty:
    return reconcile.uncertainty(reconcile.inputs(tables), tables)


# ---- anchors -------------------------------------------------------------------------------


def test_step_1_is_r1s_294k(defaults_chain, tables):
    step = defaults_chain["r1_rl"]
    assert defaults_chain.r1_gpu_hours == tables.value("r1_total_gpu_hours_derived") == 147_336
    assert step.value == tables.value("r1_rl_cost_at_2usd_derived") == 294_672
    # The reported $294K is the same figure, rounded.
    assert step.value == pytest.approx(tables.value("r1_rl_cost"), rel=0.005)
    assert fmt.usd_figure(step.value) == "$294.7K"


def test_step_2_is_deepseeks_5576m_exactly(defaults_chain, tables):
    assert defaults_chain["v3_rental"].value == tables.value("v3_cost_total") == 5_576_000


def test_step_3_is_epochs_ownership_cost(defaults_chain, tables):
    step = defaults_chain["v3_owned"]
    assert round(defaults_chain.ownership.total, 2) == 2.12
    assert step.value == pytest.approx(
        tables.value("v3_gpu_hours_total") * defaults_chain.ownership.total, rel=1e-12
    )
    assert round(step.value / 1e6, 1) == 5.9


def test_step_4_multiplies_by_lamberts_low_end(defaults_chain, tables):
    assert tables.value("lambert_experiment_multiplier") == 2
    assert defaults_chain["research"].value == pytest.approx(
        2 * defaults_chain["v3_owned"].value, rel=1e-12
    )


def test_step_5_is_the_113m_cluster(defaults_chain, tables):
    expected = model.cluster_upfront_cost(
        tables.value("v3_cluster_gpus"),
        tables.value("h800_dgx_per_gpu"),
        1.0,
        tables.value("epoch_interconnect_fraction"),
    )
    assert defaults_chain["cluster"].value == pytest.approx(expected)
    assert round(defaults_chain["cluster"].value / 1e6, 1) == 113.1


def test_steps_6_and_7_are_semianalysis(defaults_chain, tables):
    fleet = defaults_chain["fleet_gpus"]
    assert fleet.value >= tables.value("semianalysis_gpu_investment") == 500e6
    assert fleet.bound == "more than"
    assert defaults_chain["server_capex"].value == tables.value("semianalysis_server_capex")
    assert defaults_chain["server_capex"].value == 1.6e9
    assert defaults_chain["operations"].value == tables.value("semianalysis_operating_cost")
    assert defaults_chain["operations"].value == 944e6
    assert defaults_chain.widest == 1.6e9 + 944e6


def test_each_step_widens_the_one_before_at_the_defaults(defaults_chain):
    levels = [s.level for s in defaults_chain.steps]
    assert levels == sorted(levels)
    assert [s.number for s in defaults_chain.steps] == ["1", "2", "3", "4", "5", "6", "7", "7b"]


def test_every_step_says_what_it_adds_and_counts_and_cites_rows(defaults_chain, tables):
    for step in defaults_chain.steps:
        assert step.adds and step.includes and step.excludes, step.key
        for row_id in step.sources:
            assert tables.row(row_id)["source_url"], row_id
        assert all(math.isfinite(x) for x in (step.value, step.level))


# ---- assumptions move the right steps ----------------------------------------------------


def test_price_moves_the_rented_steps_only(defaults_chain, tables):
    c = chain_at(tables, rec_price=3.0)
    assert c["r1_rl"].value == pytest.approx(147_336 * 3)
    assert c["v3_rental"].value == pytest.approx(2_788_000 * 3)
    for key in ("v3_owned", "research", "cluster", "fleet_gpus", "server_capex", "operations"):
        assert c[key].value == defaults_chain[key].value, key


def test_648_gpus_give_the_370k_that_the_other_reports_imply(tables):
    c = chain_at(tables, rec_r1_gpus=648)
    assert round(c["r1_rl"].value / 1e3) == 370


def test_a_longer_hardware_life_lowers_the_owned_steps(defaults_chain, tables):
    c = chain_at(tables, rec_ooms=0.10)  # Epoch's 90% interval, low end: slower write-off
    assert c["v3_owned"].value < defaults_chain["v3_owned"].value
    assert c["research"].value < defaults_chain["research"].value
    assert c["cluster"].value == defaults_chain["cluster"].value  # buying is not amortising


def test_a_link_can_replace_the_analysts_figures(tables):
    c = chain_at(tables, rec_capex=1_300, rec_opex=0)
    assert c["server_capex"].value == tables.value("semianalysis_table_capex_critic")
    assert c.widest == 1.3e9


def test_step_table_has_sources_and_links(defaults_chain, tables):
    table = reconcile.step_table(defaults_chain, tables)
    assert list(table.columns) == ["Step", "Figure", "Value", "What this step adds", "Includes",
                                   "Excludes", "Data rows", "Source", "Link"]  # fmt: skip
    assert len(table) == len(defaults_chain.steps)
    assert table["Value"].tolist()[-3:] == ["more than $500M", "$1.6B", "$944M"]
    assert table["Link"].str.match(r"^https?://").all()
    assert table.loc[table["Step"] == "7", "Source"].iloc[0].startswith("SemiAnalysis")


def test_summary_is_downloadable_numbers(defaults_chain):
    summary = defaults_chain.summary()
    assert summary["step_2_v3_rental_usd"] == 5_576_000
    assert summary["step_7_server_capex_usd"] == 1.6e9
    assert all(isinstance(v, float | int) for v in summary.values())


# ---- uncertainty --------------------------------------------------------------------------


def test_uncertainty_is_around_step_4_and_the_capex_pages_fleet(
    defaults_chain, defaults_uncertainty, tables
):
    u = defaults_uncertainty
    assert u.training.point == pytest.approx(defaults_chain["research"].value)
    assert u.training.p10 < u.training.p50 < u.training.p90
    fleet = capex.fleet(capex.inputs(tables), tables)
    assert u.fleet.point == pytest.approx(fleet.capex_total)
    assert u.fleet.n >= 10_000 and u.training.n >= 10_000
    # The two inputs with the widest sourced intervals lead the training tornado.
    assert {s.key for s in u.training_swings[:2]} == {"hardware_price", "multiplier"}


def test_interval_table_names_its_sources(defaults_uncertainty):
    table = reconcile.interval_table(defaults_uncertainty)
    assert (table["Distribution"] == "lognormal").all()
    gpu = table[table["Input"] == "GPU price"].iloc[0]
    assert gpu["90% interval (x your value)"] == "0.50× to 2.00×"
    assert "epoch_hardware_price_ci_low" in gpu["Data rows"]


# ---- charts -------------------------------------------------------------------------------


def _annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text for a in fig.layout.annotations]


def test_ladder_is_a_log_axis_with_every_step(defaults_chain):
    fig = charts_reconcile.ladder(defaults_chain, source="test")
    (bar,) = fig.data
    assert isinstance(bar, go.Bar) and bar.orientation == "h"
    assert list(bar.x) == [s.level for s in defaults_chain.steps]
    assert fig.layout.xaxis.type == "log"
    assert "log scale" in fig.layout.xaxis.title.text and "USD" in fig.layout.xaxis.title.text
    assert bar.text[0] == "$294.7K" and bar.text[1].startswith("$5.58M")
    assert "$500M+" in bar.text[5]
    assert "×" in fig.layout.title.text and "Source: test" in fig.layout.title.subtitle.text


def test_waterfall_adds_up_to_the_widest_figure(defaults_chain):
    fig = charts_reconcile.waterfall(defaults_chain, source="test")
    (trace,) = fig.data
    assert isinstance(trace, go.Waterfall)
    assert trace.measure[0] == "absolute" and trace.measure[-1] == "total"
    assert set(trace.measure[1:-1]) == {"relative"}
    assert sum(trace.y[:-1]) == pytest.approx(defaults_chain.widest)
    assert trace.text[-1] == "$2.54B"
    assert fig.layout.yaxis.title.text == "USD (linear scale)"
    assert "$1B" in fig.layout.yaxis.ticktext and not any(
        "G" in t for t in fig.layout.yaxis.ticktext
    )


def test_histogram_sends_bins_not_draws(defaults_uncertainty):
    u = defaults_uncertainty
    fig = charts_reconcile.histogram(
        u.training_hist, u.training, title="Step 4", x_title="Cost (USD)", source="test",
        references=[("Chain's figure", u.training.point)],
    )  # fmt: skip
    (bar,) = fig.data
    assert len(bar.x) == len(u.training_hist.counts) == 40  # not 10,000 raw draws
    assert sum(bar.y) == pytest.approx(100 * u.training_hist.shares.sum())
    assert fig.layout.yaxis.title.text == "Share of draws (%)"
    assert fig.layout.xaxis.title.text == "Cost (USD)"
    texts = _annotation_texts(fig)
    for label, value in (("P10", u.training.p10), ("P50", u.training.p50), ("P90", u.training.p90)):
        assert f"{label} {fmt.usd(value)}" in texts
    assert f"Chain's figure: {fmt.usd(u.training.point)}" in texts
    assert "10,000 draws" in fig.layout.title.text


def test_tornado_chart_keeps_the_ranking_and_starts_at_the_point(defaults_uncertainty):
    u = defaults_uncertainty
    fig = charts_reconcile.tornado(
        u.fleet_swings, u.fleet.point, title="Fleet", x_title="Server capex (USD)", source="t"
    )
    low, high = fig.data
    assert list(low.y) == [s.label for s in u.fleet_swings[:8]]
    assert low.base == high.base == u.fleet.point
    ends = [u.fleet.point + dx for dx in high.x]
    assert ends == pytest.approx([s.high_output for s in u.fleet_swings[:8]])
    assert fig.layout.xaxis.title.text == "Server capex (USD)"
    assert fig.layout.yaxis.autorange == "reversed"  # the largest swing on top
    assert fmt.usd(u.fleet.point) in fig.layout.title.text


def test_interval_defaults_the_page_uses_are_the_data(defaults_uncertainty, tables):
    assert defaults_uncertainty.intervals == mc.intervals_from_tables(tables)


# ---- the page -------------------------------------------------------------------------------


def run_page(
    params: dict[str, str | list[str]] | None = None, *, opened: dict[str, object] | None = None
) -> AppTest:
    """Open /reconcile as a visitor following a link, with its params; ``opened``: lazy tabs
    and expanders a click opened."""
    return open_page(RECONCILE, params, opened=opened)


def caption_text(at: AppTest) -> str:
    return "\n".join(plain(c.value) for c in at.caption)


def expected_uncertainty(tables, **display_values) -> reconcile.Uncertainty:
    return reconcile.uncertainty(reconcile.inputs(tables, display_values), tables)


def test_defaults_show_every_anchor():
    at = run_page(opened={STEPS: True})
    assert not at.exception
    assert not at.warning, "no link notes on a clean link"
    assert metric(at, "R1's RL stage") == "$294.7K"
    assert metric(at, "V3's run") == "$5.58M"
    assert metric(at, "Capex + operations") == "$2.54B"
    table = at.dataframe[0].value
    assert table["Value"].tolist() == [
        "$294.7K", "$5.58M", "$5.92M", "$11.8M", "$113M", "more than $500M", "$1.6B", "$944M",
    ]  # fmt: skip
    assert table["Link"].str.startswith("http").all()
    # The ladder, then step 4's histogram: the open tabs' charts, and only those.
    assert chart_titles(at) == [
        "From $294.7K to $2.54B: 8,633× apart (× = times the step before)",
        "Step 4 across the draws (10,000 draws)",
    ]


def test_closed_tabs_and_tables_are_not_made():
    """A first visit makes the open tabs' charts only, and no table (each costs the browser)."""
    at = run_page()
    assert not at.exception
    assert len(chart_titles(at)) == 2
    assert not at.dataframe
    assert [e.label for e in at.expander] == [
        "Every step: what it adds, includes and leaves out, and its source",
        "The distributions used",
        "Put a second scenario beside this one",  # no table in it: a button and a text box
    ]


@pytest.mark.parametrize(
    ("view", "uncertainty", "titles"),
    [
        ("Waterfall (linear scale)", "Step 4: what moves it",
         ["What each step adds, in dollars",
          "Which input moves step 4 most (line: at your values, $11.8M)"]),
        ("Every step (log scale)", "Fleet capex: spread",
         ["From $294.7K to $2.54B: 8,633× apart (× = times the step before)",
          "Fleet server capex across the draws (10,000 draws)"]),
        ("Every step (log scale)", "Fleet capex: what moves it",
         ["From $294.7K to $2.54B: 8,633× apart (× = times the step before)",
          "Which input moves fleet capex most (line: at the sourced fleet, $1.54B)"]),
    ],
)  # fmt: skip
def test_each_tab_makes_its_chart_when_opened(view, uncertainty, titles):
    at = run_page(opened={VIEW: view, UNCERTAINTY: uncertainty})
    assert not at.exception
    assert chart_titles(at) == titles


def test_uncertainty_bands_are_shown_under_the_metrics(tables):
    at = run_page()
    u = expected_uncertainty(tables)
    assert metric(at, "Step 4: V3 with research, owned (P50)") == fmt.usd(u.training.p50)
    assert metric(at, "Fleet server capex, our model (P50)") == fmt.usd(u.fleet.p50)
    text = caption_text(at)
    assert u.training.band() in text and u.fleet.band() in text
    assert "80% range (P10–P90): $8.21M–$28.8M" in text


def test_moving_a_slider_moves_the_chain_and_its_range(tables):
    at = run_page()
    at.slider(key="rec_price").set_value(3.0).run()
    assert metric(at, "R1's RL stage") == "$442K"
    assert metric(at, "V3's run") == "$8.36M"
    at.slider(key="rec_mult").set_value(4.0).run()
    u = expected_uncertainty(tables, rec_price=3.0, rec_mult=4.0)
    assert metric(at, "Step 4: V3 with research, owned (P50)") == fmt.usd(u.training.p50)
    assert u.training.band() in caption_text(at)
    assert "rec_price=3" in at.code[0].value and "rec_mult=4" in at.code[0].value


def test_a_link_sets_the_chain():
    at = run_page({"rec_price": "3", "rec_capex": "1300", "rec_opex": "0"}, opened={STEPS: True})
    assert not at.exception and not at.warning
    assert metric(at, "V3's run") == "$8.36M"
    assert metric(at, "Capex + operations") == "$1.3B"
    assert at.dataframe[0].value["Value"].tolist()[-2:] == ["$1.3B", "$0.00"]


def test_bad_link_values_are_ignored_with_a_note():
    at = run_page({"rec_price": "abc", "rec_mult": "99", "rec_gpus": "nan", "zz": "1"})
    assert not at.exception
    (warning,) = at.warning
    note = warning.value
    assert note.startswith("Some values in this link were ignored")
    for name in ("rec_price", "rec_mult", "rec_gpus", "zz"):
        assert f"`{name}`" in note
    assert "not a number" in note and "out of range" in note
    assert metric(at, "V3's run") == "$5.58M"  # the defaults stand in


def test_share_box_and_reset():
    at = run_page({"rec_price": "4"})
    assert "rec_price=4" in at.code[0].value
    assert metric(at, "V3's run") == "$11.2M"
    at.button(key="reset_reconcile").click().run()
    assert metric(at, "V3's run") == "$5.58M"
    assert "rec_price" not in at.code[0].value


def test_recomputed_figures_are_marked_beside_what_deepseek_reported():
    """R1's stage reads $294.7K here, recomputed; the page says so beside the reported $294K."""
    at = open_page(RECONCILE, {"rec_price": "3"})
    assert metric(at, "R1's RL stage") == "$442K"
    line = next(plain(c.value) for c in at.caption if c.value.startswith("The first two"))
    assert "recomputed from GPU-hours at $3.00 per GPU-hour" in line
    assert "DeepSeek reported $294K and $5.576M at $2.00" in line


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


@pytest.mark.parametrize("values", SCENARIOS["reconcile"])
def test_the_reconcile_finding_carries_the_metrics(values):
    at = open_page(RECONCILE, {**as_link(values), "rel": "2"})
    assert not at.exception
    text = finding(at)
    for label in ("R1's RL stage", "V3's run", "Capex + operations", "Widest / narrowest"):
        assert metric(at, label) in text, label
    tables = release_tables("2")
    c = reconcile.chain(reconcile.inputs(tables, values), tables)
    assert text == chain_finding.chain(c)
