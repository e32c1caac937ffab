"""The calculator chart builders: traces, axis titles with units, source notes, small payloads."""

from __future__ import annotations

import tomllib
from pathlib import Path

import plotly.io as pio
import pytest

from aicost.base import model
from aicost.pages.compare import charts as compare_charts
from aicost.pages.compare import scenario as compare
from aicost.pages.gpu_capex import charts as capex_charts
from aicost.pages.training_cost import charts as training_charts
from aicost.report import charts

ROOT = Path(__file__).resolve().parent.parent

PHASES = {"pre-training": 5_328_000.0, "context extension": 238_000.0, "post-training": 10_000.0}


def _common(fig, title_part: str) -> None:
    assert title_part in fig.layout.title.text
    assert fig.layout.title.subtitle.text.startswith("Source: ")
    assert fig.layout.template.layout.to_plotly_json() == {}, "no heavy template in the payload"
    assert len(pio.to_json(fig, validate=False)) < 60_000, "one chart stays under 60 KB"


def test_phase_costs():
    fig = training_charts.phase_costs(PHASES, 2.0, source="DeepSeek-V3 Table 1")
    _common(fig, "$2.00 per GPU-hour")
    bar = fig.data[0]
    assert list(bar.y) == list(PHASES)
    assert list(bar.x) == list(PHASES.values())
    assert list(bar.text) == ["$5.33M", "$238K", "$10K"]
    assert fig.layout.xaxis.title.text == "Cost (USD)"


def test_cost_vs_price_marks_the_choice_and_the_market():
    fig = training_charts.cost_vs_price(
        2_788_000, 3.0, [("H100, Lambda (2025-02)", 2.99)], source="x"
    )
    _common(fig, "2.79M GPU-hours")
    line, market, point = fig.data
    assert line.y[0] == pytest.approx(0.5 * 2_788_000) and line.y[-1] == pytest.approx(
        10 * 2_788_000
    )
    assert market.x[0] == 2.99 and market.y[0] == pytest.approx(2.99 * 2_788_000)
    assert point.x[0] == 3.0 and point.text[0] == "$8.36M"
    assert fig.layout.xaxis.title.text == "Price per GPU-hour (USD)"
    assert fig.layout.yaxis.title.text == "Cost of the run (USD)"


def test_ownership_breakdown_stacks_to_the_total():
    rate = model.OwnershipRate(1.646, 0.386, 0.091)
    fig = training_charts.ownership_breakdown(rate, 2.0, source="Epoch AI")
    _common(fig, "$2.12 per GPU-hour")
    owned = [t for t in fig.data if t.y[0] == "Owning (Epoch method)"]
    assert sum(t.x[0] for t in owned) == pytest.approx(rate.total)
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.title.text == "Cost per GPU-hour (USD)"


def test_fleet_stack_splits_gpus_and_servers():
    fleet = model.fleet_capex(
        [model.FleetLine("A100", 10_000, 10_000), model.FleetLine("H20", 0, 12_000)], 1.4
    )
    fig = capex_charts.fleet_stack(fleet, source="x")
    _common(fig, "$140M in all")
    gpus, servers = fig.data
    assert list(gpus.x) == ["A100"], "a GPU type with no units is left out"
    assert gpus.y[0] == pytest.approx(100e6) and servers.y[0] == pytest.approx(40e6)
    assert fig.layout.yaxis.title.text == "Spending (USD)"
    # a slide reader cannot hover: each part carries its value as text
    assert list(gpus.text) == ["$100M"] and list(servers.text) == ["$40M"]
    assert gpus.textposition == "inside"


def test_against_references_is_log_scaled_and_ranked():
    fig = capex_charts.against_references(
        [("Your fleet", 1.47e9)], [("Claim", 5.6e6), ("Capex", 1.6e9)], title="T", source="x"
    )
    _common(fig, "T")
    assert fig.layout.xaxis.type == "log"
    assert list(fig.layout.yaxis.categoryarray) == ["Claim", "Your fleet", "Capex"]
    scenario, sourced = fig.data
    assert scenario.name == "Your scenario" and sourced.name == "Sourced figure"
    assert scenario.marker.color != sourced.marker.color
    assert "$1M" in fig.layout.xaxis.ticktext and "$10B" in fig.layout.xaxis.ticktext


def test_the_apps_theme_draws_with_the_charts_palette():
    # One palette: the theme's categorical colours (every theme section that sets them) are
    # the charts' own, so a chart Streamlit colours and one the code colours agree.
    with open(ROOT / ".streamlit" / "config.toml", "rb") as file:
        theme = tomllib.load(file)["theme"]
    sections = [theme, *(theme[name] for name in ("light", "dark") if name in theme)]
    palettes = [s["chartCategoricalColors"] for s in sections if "chartCategoricalColors" in s]
    assert palettes, "config.toml sets no chartCategoricalColors"
    assert all(palette == list(charts.SAFE) for palette in palettes)
    assert len(set(charts.SAFE)) == len(charts.SAFE) == 12


def test_dollar_ticks_on_a_log_axis_label_every_decade_or_only_thousands():
    ticks, text = charts.dollar_ticks([5e6, 2e8])
    assert ticks == [1e6, 1e7, 1e8, 1e9] and text == ["$1M", "$10M", "$100M", "$1B"]
    ticks, every = charts.dollar_ticks([294e3, 1e12])
    assert every == ["$100K", "$1M", "$10M", "$100M", "$1B", "$10B", "$100B", "$1T"]
    _ticks, sparse = charts.dollar_ticks([294e3, 1e12], sparse=True)
    assert [t for t in sparse if t] == ["$1M", "$1B", "$1T"]


def test_dollar_ticks_on_a_linear_axis_use_b_for_billions():
    ticks, labels = charts.dollar_ticks([0, 2.6e9], log=False)
    assert labels == ["$0", "$500M", "$1B", "$1.5B", "$2B", "$2.5B"]
    assert ticks[-1] <= 2.6e9


def _legend_in_image(fig) -> None:
    """The legend is placed in the figure's own box, under the plot, with room kept for it:
    a downloaded PNG (the figure's box) holds it whole and it covers no data."""
    legend = fig.layout.legend
    assert legend.yref == "container" and legend.yanchor == "bottom"
    assert 0 <= legend.y <= 1
    rows = charts._legend_rows([t.name for t in fig.data if t.showlegend is not False])
    assert fig.layout.margin.b >= 20 + 22 * rows, "room at the bottom for every legend row"


def test_price_tab_legends_stay_inside_the_image():
    rate = model.OwnershipRate(1.646, 0.386, 0.091)
    _legend_in_image(training_charts.ownership_breakdown(rate, 2.0, source="Epoch AI"))
    _legend_in_image(
        training_charts.cost_vs_price(
            2_788_000, 3.0, [("H100, Lambda (2025-02)", 2.99)], source="x"
        )
    )


def test_compare_legend_stays_inside_the_image(tables):
    result = compare.compare_models(compare.inputs(tables), tables)
    _legend_in_image(compare_charts.compare_chart(result, source="x"))
