"""AppTest of /reconcile: the anchors at the defaults, sliders, links, bad links, sharing."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt
from aicost.pages.reconcile import scenario as reconcile
from tests.apptest import chart_titles, metric, open_page, plain

RECONCILE = "pages/3_reconcile.py"
#: the keys of the page's lazy tabs and of its steps table's expander
VIEW, UNCERTAINTY, STEPS = "rec_chart", "rec_uncertainty", "reconcile_steps"


def run_page(
    params: dict[str, str | list[str]] | None = None, *, opened: dict[str, object] | None = None
) -> AppTest:
    """Open /reconcile as a visitor following a link, with its params; ``opened``: lazy tabs
    and expanders a click opened."""
    return open_page(RECONCILE, params, opened=opened)


def captions(at: AppTest) -> str:
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
    text = captions(at)
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
    assert u.training.band() in captions(at)
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
