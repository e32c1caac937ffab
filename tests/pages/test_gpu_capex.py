"""/gpu-capex (pages/2_gpu-capex.py): the computation (aicost.pages.gpu_capex: a fleet's GPUs,
servers and electricity from the assumptions), its charts, its finding, and the page in AppTest
(defaults, inputs, links, a bad link, every metric equal to its bar).
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from aicost.base import fmt, gpus, model
from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.inputs.assumptions import resolve
from aicost.pages.gpu_capex import charts as capex_charts
from aicost.pages.gpu_capex import scenario as capex
from tests.apptest import captions, chart_titles, finding, held, metric, open_page, paint
from tests.conftest import (
    RELEASES,
    SCENARIOS,
    as_link,
    assert_chart_basics,
    release_tables,
)
from tests.contracts.observe import shown_number

CAPEX = "pages/2_gpu-capex.py"


# ---- the computation ------------------------------------------------------------------------


def test_the_fleet_has_a_count_and_a_price_for_each_gpu_type(tables):
    """The /gpu-capex entries are made from one table over gpus.FLEET_GPUS: the fleet
    the model builds from them has every type, each with its sourced count."""
    lines = capex.fleet_lines(capex.inputs(tables), tables)
    assert [line.gpu for line in lines] == list(gpus.FLEET_GPUS)
    for line in lines:
        count, price = (resolve(tables)[n] for n in asm.fleet_names(line.gpu))
        assert line.count == tables.value(count.source) and count.integer
        assert line.unit_price == price.default and price.group


# ---- the page -------------------------------------------------------------------------------


def test_capex_defaults_land_in_semianalysis_range(tables):
    at = open_page(CAPEX)
    assert not at.exception
    fleet = capex.fleet(capex.inputs(tables), tables)
    assert metric(at, "GPUs alone") == fmt.usd(fleet.gpu_total)
    assert metric(at, "With servers") == fmt.usd(fleet.capex_total)
    assert 1.3e9 <= fleet.capex_total <= 1.6e9 and fleet.gpu_total > 5e8
    assert chart_titles(at) == ["Fleet spending by GPU type: $1.54B in all"]
    at.session_state["capex_chart"] = "Against the training claim"  # a click on the tab
    assert chart_titles(at.run()) == ["The fleet against the training claim"]
    # release 1 priced the 2021 A100s at CNBC's $10,000: a link pinned to it still shows that
    pinned = open_page(CAPEX, {"rel": "1"})
    assert chart_titles(pinned) == ["Fleet spending by GPU type: $1.47B in all"]


def test_capex_inputs_recompute(tables):
    at = open_page(CAPEX)
    at.number_input(key="h800_n").set_value(20_000).run()
    at.slider(key="srv").set_value(2.0).run()
    fleet = capex.fleet(capex.inputs(tables, {"h800_n": 20_000, "srv": 2.0}), tables)
    assert metric(at, "With servers") == fmt.usd(fleet.capex_total)


def test_capex_opex_toggle_adds_electricity():
    at = open_page(CAPEX, {"opex": "true", "years": "5"})
    assert not at.exception
    assert any(m.label == "Electricity over 5 years" for m in at.metric)


def test_capex_empty_fleet_is_explained_not_crashed():
    empty = {"a100_n": "0", "h800_n": "0", "h100_n": "0", "h20_n": "0"}
    at = open_page(CAPEX, empty, painted=False)
    # the first run stops at the warning, and still asks for the inputs that can fix it
    assert any("no GPUs" in w.value for w in at.warning) and held(at)
    paint(at)
    assert not at.exception
    assert any("no GPUs" in w.value for w in at.warning)
    assert at.number_input(key="a100_n").value == 0, "the inputs to fix it are drawn"


def test_capex_bad_link_notes():
    """One readable example (the link fuzz tries every kind on every parameter): counts too
    large for any integer or not finite never reach the model, nor do a negative price or NaN."""
    link = {"h20_usd": "-1", "srv": "NaN", "h800_n": "-inf", "a100_n": "9" * 400, "h20_n": "1e400"}
    at = open_page(CAPEX, link)
    assert not at.exception
    warning = " ".join(w.value for w in at.warning)
    for name in link:
        assert f"`{name}`" in warning
    assert at.number_input(key="h20_n").value == 30_000, "the sourced default"
    assert "10,000 GPUs" in captions(at), "large counts keep their digit groups"
    # nothing in the link was usable, so it is no old scenario: current data, its defaults
    assert at.query_params["rel"] == Store(RELEASES).current.id
    assert metric(at, "GPUs alone") == "$1.1B", "every value fell back to its default"


def test_gpu_counts_are_repeated_with_digit_groups():
    at = open_page(CAPEX)
    shown = captions(at)
    assert "10,000 GPUs" in shown and "30,000 GPUs" in shown
    assert "$33.8K per GPU" in shown


def _link_value(at, name: str) -> str | None:
    values = at.query_params.get(name)
    return values[-1] if isinstance(values, list) and values else values


@pytest.mark.parametrize("name", ["a100_n", "h800_usd"])
def test_a_count_returns_to_the_link_in_its_shortest_form(name):
    """Issue #18: a whole number set on /gpu-capex, the page left and opened again, goes
    back into the link as 0 or 40000, never 0.0 or 40000.0."""
    at = open_page(CAPEX)
    at.number_input(key=name).set_value(0 if name == "a100_n" else 40_000).run()
    shown = "0" if name == "a100_n" else "40000"  # the browser writes the first one itself
    at.switch_page("pages/5_market.py").run()
    at.switch_page(CAPEX).run()
    assert not at.exception
    assert at.number_input(key=name).value == int(shown)
    assert _link_value(at, name) == shown
    assert shown in at.code[0].value, "and the share link says the same"


@pytest.mark.parametrize("opex", [False, True])
def test_the_multiple_says_what_it_divides(opex):
    """With electricity on, "Times the $5.6M claim" divides capex plus electricity, not the
    "With servers" figure beside it: the caption under it says which total it is."""
    at = open_page(CAPEX, {"opex": "true"} if opex else {})
    shown = captions(at)
    with_servers = metric(at, "With servers")
    if opex:
        line = next(c for c in shown if "years of electricity) ÷ $5.6M" in c)
        total = line.split(" (")[0]
        electricity = next(m.value for m in at.metric if m.label.startswith("Electricity"))
        (t, dt), (c, dc), (e, de) = map(shown_number, (total, with_servers, electricity))
        assert abs(t - (c + e)) <= dt + dc + de, (total, with_servers, electricity)
    else:
        assert f"{with_servers} (with servers) ÷ $5.6M" in shown


def _bars(at) -> dict[str, float]:
    out = {}
    for chart in at.get("plotly_chart"):
        for trace in json.loads(chart.proto.spec)["data"]:
            x = trace.get("x")
            if isinstance(x, dict):  # plotly's typed array: base64 of the numbers
                x = np.frombuffer(base64.b64decode(x["bdata"]), dtype=x["dtype"]).tolist()
            for label, value in zip(trace.get("y") or [], x or [], strict=False):
                out[str(label)] = float(value)
    return out


@pytest.mark.parametrize("params", [{}, {"opex": "true"}, {"opex": "true", "a100_n": "0"}])
def test_every_gpu_capex_metric_equals_its_bar(params):
    at = open_page(CAPEX, {**params, "capex_chart": "Against the training claim"},
                   opened={"capex_chart": "Against the training claim"})  # fmt: skip
    bars = _bars(at)
    for label in ("GPUs alone", "With servers"):
        shown = next(m.value for m in at.metric if m.label == label)
        assert label in bars, f"no bar {label!r}: {sorted(bars)}"
        assert fmt.usd(bars[label]) == shown, (label, bars[label], shown)
    if params.get("opex"):
        assert bars["With servers + electricity"] > bars["With servers"]


# ---- the charts -----------------------------------------------------------------------------


def test_fleet_stack_splits_gpus_and_servers():
    fleet = model.fleet_capex(
        [model.FleetLine("A100", 10_000, 10_000), model.FleetLine("H20", 0, 12_000)], 1.4
    )
    fig = capex_charts.fleet_stack(fleet, source="x")
    assert_chart_basics(fig, "$140M in all")
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
    assert_chart_basics(fig, "T")
    assert fig.layout.xaxis.type == "log"
    assert list(fig.layout.yaxis.categoryarray) == ["Claim", "Your fleet", "Capex"]
    scenario, sourced = fig.data
    assert scenario.name == "Your scenario" and sourced.name == "Sourced figure"
    assert scenario.marker.color != sourced.marker.color
    assert "$1M" in fig.layout.xaxis.ticktext and "$10B" in fig.layout.xaxis.ticktext


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


@pytest.mark.parametrize("values", SCENARIOS["gpu-capex"])
def test_the_fleet_finding_carries_the_metrics(values):
    at = open_page(CAPEX, {**as_link(values), "rel": "2"})
    tables = release_tables("2")
    assert not at.exception
    text = finding(at)
    claim = fmt.usd(tables.value("article_training_cost_claim"))
    for label in ("GPUs alone", "With servers", f"Times the {claim} claim"):
        assert metric(at, label) in text, label
    full = {**asm.defaults("gpu-capex", tables), **values}
    count = sum(float(full[f"{g.lower()}_n"]) for g in gpus.FLEET_GPUS)
    assert f"A fleet of {fmt.count(count)} GPUs" in text
