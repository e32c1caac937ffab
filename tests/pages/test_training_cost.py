"""/training-cost (pages/1_training-cost.py): the computation (aicost.pages.training_cost: one
run's cost by the rental, compute or ownership route), its charts, its finding, and the page in
AppTest (defaults, sliders, links, a bad link, presets, numbers first).
"""

from __future__ import annotations

import json

import pytest

from aicost.base import fmt, model, release, text
from aicost.base.release import Store
from aicost.pages.training_cost import COMPARED_LABEL
from aicost.pages.training_cost import charts as training_charts
from aicost.pages.training_cost import finding as training_finding
from aicost.pages.training_cost import scenario as training
from aicost.report import explain
from aicost.report.page import open_link
from aicost.site import BY_PATH
from aicost.ui.paint import SIGNAL_KEY
from tests.apptest import captions, chart_titles, finding, held, metric, open_page, paint, plain
from tests.conftest import (
    RELEASES,
    SCENARIOS,
    as_link,
    assert_chart_basics,
    assert_legend_in_image,
    release_tables,
)

TRAINING = "pages/1_training-cost.py"
CAPEX = "pages/2_gpu-capex.py"
PHASES = {"pre-training": 5_328_000.0, "context extension": 238_000.0, "post-training": 10_000.0}


def expected_training(tables, **display_values) -> training.TrainingResult:
    return training.training(training.inputs(tables, display_values), tables)


# ---- the page -------------------------------------------------------------------------------


def test_training_defaults_show_deepseek_table_1():
    at = open_page(TRAINING)
    assert not at.exception
    assert metric(at, "Training cost") == "$5.58M"
    assert metric(at, "GPU-hours") == "2.79M"
    assert metric(at, "Price per GPU-hour") == "$2.00"
    assert metric(at, "Wall-clock on 2,048 GPUs") == "56.7 days"
    assert metric(at, "MFU") == "17.3%"
    assert not at.warning, "no link notes on a clean link"
    # the open tab's chart only; the price's charts are made when their tab is opened
    assert chart_titles(at) == ["DeepSeek-V3 final run: $5.58M at $2.00 per GPU-hour"]


def test_a_first_visit_draws_the_numbers_first_and_the_rest_once_they_are_painted():
    """A session's first page draws its headline numbers, read from the link, and nothing of
    the inputs, charts or share box; the run the browser asks for once the numbers are on
    screen draws the rest, with the same numbers. Later runs draw everything at once."""
    link = {"price": "3", "gpus": "4096", "rel": Store(RELEASES).current.id}
    at = open_page(TRAINING, link, painted=False)
    assert not at.exception
    first = [(m.label, m.value) for m in at.metric]
    assert first == [("Training cost", "$8.36M"), ("GPU-hours", "2.79M"),
                     ("Price per GPU-hour", "$3.00")]  # fmt: skip
    assert not at.slider and not at.radio and not at.button and not at.tabs
    assert not at.get("plotly_chart")
    assert held(at) == [SIGNAL_KEY]
    paint(at)
    assert [(m.label, m.value) for m in at.metric][:3] == first
    assert at.slider(key="price").value == 3.0 and at.slider(key="gpus").value == 4096
    assert chart_titles(at) == ["DeepSeek-V3 final run: $8.36M at $3.00 per GPU-hour"]
    assert not held(at)
    at.slider(key="price").set_value(2.0).run()
    assert chart_titles(at) == ["DeepSeek-V3 final run: $5.58M at $2.00 per GPU-hour"]
    assert not held(at)
    # another page of the same session: drawn whole in one run
    at.switch_page(CAPEX).run()
    assert chart_titles(at) == ["Fleet spending by GPU type: $1.54B in all"]
    assert at.number_input and not held(at)


def test_a_link_opens_its_tab_and_the_share_link_keeps_it():
    at = open_page(TRAINING, {"price": "3", "tc_chart": "The price per GPU-hour"})
    assert not at.exception and not at.warning
    assert chart_titles(at) == ["What 2.79M GPU-hours cost at other prices"]
    assert at.code[0].value.endswith("?price=3&tc_chart=The+price+per+GPU-hour&rel=1")
    # a click back on the first tab: its state, and the address bar loses the parameter
    at.session_state["tc_chart"] = "Cost by phase"
    del at.query_params["tc_chart"]
    at.run()
    assert chart_titles(at) == ["DeepSeek-V3 final run: $8.36M at $3.00 per GPU-hour"]
    assert at.code[0].value.endswith("?price=3&rel=1")


def test_moving_the_price_slider_recomputes_as_the_model_says(tables):
    at = open_page(TRAINING)
    at.slider(key="price").set_value(3.5).run()
    assert (
        metric(at, "Training cost")
        == fmt.usd(expected_training(tables, price=3.5).cost)
        == "$9.76M"
    )


def test_gpu_slider_changes_wall_clock_not_cost():
    at = open_page(TRAINING)
    at.slider(key="gpus").set_value(4096).run()
    assert metric(at, "Training cost") == "$5.58M"
    assert metric(at, "Wall-clock on 4,096 GPUs") == "28.4 days"


def test_r1_toggle_adds_the_rl_stage(tables):
    at = open_page(TRAINING)
    at.toggle(key="r1").set_value(True).run()
    expected = expected_training(tables, r1=True)
    assert expected.cost == pytest.approx(5_576_000 + 294_672)
    assert metric(at, "Training cost") == fmt.usd(expected.cost) == "$5.87M"


def test_compute_route_from_the_link(tables):
    link = {"route": "compute", "mfu_bf16": "40", "gpu": "H100", "precision": "BF16"}
    at = open_page(TRAINING, {**link, "rel": "5"})
    assert not at.exception and not at.warning
    assert at.radio(key="route").value == "compute"
    assert at.slider(key="mfu_bf16").value == 40.0
    expected = expected_training(
        tables, route="compute", mfu_bf16=40.0, gpu="H100", precision="BF16"
    )
    assert metric(at, "Training cost") == fmt.usd(expected.cost)
    assert metric(at, "MFU") == "40.0%"


def test_a100_has_no_fp8_and_says_so():
    at = open_page(TRAINING, {"route": "compute", "gpu": "A100"})
    assert any("no FP8" in i.value for i in at.info)


# ---- the MFU follows its basis (#28.1) -----------------------------------------------------------


def test_the_mfu_follows_the_number_format_with_the_reference_values():
    """The usability test (task 15): BF16 on the H800, or the A100 (which forces BF16), kept
    17.3%, a figure against the FP8 peak, and doubled the GPU-hours: 111 days and $10.9M on
    the H800, 347 days on the A100. Each basis has its own sourced MFU now."""
    current = Store(RELEASES).current.id
    h800 = open_page(TRAINING, {"route": "compute", "precision": "BF16", "rel": current})
    assert not h800.exception
    assert metric(h800, "MFU") == "34.6%"
    assert metric(h800, "Wall-clock on 2,048 GPUs") == "56.8 days"  # not 111 days
    assert metric(h800, "Training cost") == "$5.58M"  # not $10.9M
    a100 = open_page(TRAINING, {"route": "compute", "gpu": "A100", "rel": current})
    assert not a100.exception
    assert metric(a100, "Wall-clock on 2,048 GPUs") == "175 days"  # not 347 days
    assert metric(a100, "Training cost") == "$17.2M"  # not $34.1M
    # the control shows the basis used, not FP8 plus a note
    precision = a100.radio(key="precision")
    assert precision.options == ["BF16"] and precision.value == "BF16"
    assert a100.slider(key="mfu_bf16").value == 34.6


def test_the_computation_reads_the_mfu_of_the_basis_in_use(tables):
    fp8 = expected_training(tables, route="compute", mfu=17.3)
    bf16 = expected_training(tables, route="compute", precision="BF16", mfu_bf16=34.6)
    assert fp8.gpu_hours == pytest.approx(bf16.gpu_hours, rel=1e-12)  # a restatement
    a100 = expected_training(tables, route="compute", gpu="A100", precision="FP8", mfu=30.0)
    assert a100.mfu == pytest.approx(0.346) and "A100 dense BF16 peak" in a100.mfu_basis
    assert fmt.days(a100.days) == "175 days"


def test_switching_the_basis_restates_the_mfu_and_never_the_result():
    at = open_page(TRAINING, {"route": "compute"})
    at.slider(key="mfu").set_value(30.0).run()
    cost = metric(at, "Training cost")
    at.radio(key="precision").set_value("BF16").run()
    assert at.slider(key="mfu_bf16").value == 60.0 and metric(at, "Training cost") == cost
    at.slider(key="mfu_bf16").set_value(50.0).run()
    cost = metric(at, "Training cost")
    at.radio(key="precision").set_value("FP8").run()
    assert at.slider(key="mfu").value == 25.0 and metric(at, "Training cost") == cost
    at.slider(key="mfu").set_value(20.0).run()
    cost = metric(at, "Training cost")
    at.radio(key="precision").set_value("BF16").run()  # both were set once: from FP8 again
    assert at.slider(key="mfu_bf16").value == 40.0 and metric(at, "Training cost") == cost
    assert not at.exception


@pytest.mark.parametrize(
    ("path", "fp8", "bf16"),
    [
        ("training-cost", {"route": "compute"}, {"route": "compute", "precision": "BF16"}),
        (
            "compare",
            {"cmp_basis": "compute", "cmp_precision": "FP8", "cmp_mfu": "20"},
            {"cmp_basis": "compute", "cmp_mfu_bf16": "40"},
        ),
    ],
)
def test_the_same_mfu_on_either_basis_is_the_same_scenario_to_the_dollar(path, fp8, bf16):
    """17.3% of the H800's FP8 peak is 34.6% of its BF16 one: every figure and the change panel
    agree, though gpus.csv rounds the BF16 peak (989 TFLOPS, not 1,979 / 2)."""
    store = Store("data/releases")
    one, other = (
        open_link(BY_PATH[path], {k: [v] for k, v in q.items()}, store, store.tables)
        for q in (fp8, bf16)
    )

    def costs(r):  # every figure but the MFU, which is stated on its basis
        return [(f.label, f.text) for f in r.figures if f.label != "MFU"]

    assert costs(one) == costs(other)
    assert [f.value for f in one.figures if f.label != "MFU"] == pytest.approx(
        [f.value for f in other.figures if f.label != "MFU"], rel=1e-12
    )
    if other.changes is not None:  # the change panel (on the pages that have one)
        basis = [line for line in other.changes.lines if line.name.endswith("precision")]
        assert basis, "the basis differs from its default"
        for line in basis:  # the change of basis alone: no effect on any figure
            base = other.changes.base
            assert all(explain.noise_free(e, base[k]) == 0 for k, e in line.effects.items())


def test_choosing_a_chip_without_fp8_moves_the_basis_to_bf16_and_converts_the_mfu():
    at = open_page(TRAINING, {"route": "compute"})
    at.slider(key="mfu").set_value(30.0).run()
    at.radio(key="gpu").set_value("A100").run()
    assert at.radio(key="precision").value == "BF16"
    assert at.slider(key="mfu_bf16").value == 60.0 and metric(at, "MFU") == "60.0%"
    at.radio(key="gpu").set_value("H800").run()  # back: the basis stays where it is
    assert at.radio(key="precision").value == "BF16" and metric(at, "MFU") == "60.0%"
    assert metric(at, "Training cost") == "$3.32M"  # 30% of FP8, as set at first
    assert not at.exception


def test_a_link_from_before_the_split_keeps_showing_what_it_showed():
    """Links carried one ``mfu``: the MFU against the peak of the format shown. On a BF16
    basis it is read as ``mfu_bf16`` (the recorded link's $4.86M), and a note says so."""
    link = {"route": "compute", "gpu": "H100", "precision": "BF16", "mfu": "40"}
    at = open_page(TRAINING, link)
    assert not at.exception
    assert metric(at, "Training cost") == "$4.86M" and metric(at, "MFU") == "40.0%"
    assert at.slider(key="mfu_bf16").value == 40.0
    note = plain(at.warning[0].value)
    assert "`mfu`: 40.0% is read against the BF16 peak this link uses (now mfu_bf16)" in note
    assert at.code[0].value.endswith("mfu_bf16=40&rel=1"), "the share link names it anew"
    a100 = open_page(TRAINING, {"route": "compute", "gpu": "A100", "precision": "FP8"})
    assert "`precision`: the A100 has no FP8 units" in plain(a100.warning[0].value)


def test_ownership_route_shows_epoch_rate(tables):
    at = open_page(TRAINING, {"route": "ownership"})
    assert not at.exception
    assert metric(at, "Price per GPU-hour") == "$2.12"
    assert metric(at, "Training cost") == fmt.usd(expected_training(tables, route="ownership").cost)
    at.session_state["tc_chart"] = "The price per GPU-hour"  # a click on the tab
    assert chart_titles(at.run()) == [
        "Owning costs $2.12 per GPU-hour; renting $2.00",
        "What 2.79M GPU-hours cost at other prices",
    ]


def test_query_params_seed_the_widgets(tables):
    at = open_page(TRAINING, {"price": "3.4", "gpus": "10000", "r1": "true"})
    assert at.slider(key="price").value == 3.4
    assert at.slider(key="gpus").value == 10000
    assert at.toggle(key="r1").value is True
    assert metric(at, "Training cost") == fmt.usd(
        expected_training(tables, price=3.4, r1=True).cost
    )


def test_a_bad_link_falls_back_to_the_sourced_defaults_and_names_each_parameter():
    """One readable example (the link fuzz sends every kind of bad value to every parameter of
    every page): markup for a number, a value out of range, a choice and a view the page does
    not have, and a parameter it does not know. Each is named in the note, without its markup,
    and the page shows its sourced defaults and its first view."""
    link = {"price": "<script>alert(1)</script>", "gpus": "99", "route": "<b>bold</b>",
            "tc_chart": "<b>nope</b>", "zzz": "1"}  # fmt: skip
    at = open_page(TRAINING, link)
    assert not at.exception
    assert metric(at, "Training cost") == "$5.58M", "falls back to the sourced default"
    assert metric(at, "Wall-clock on 2,048 GPUs") == "56.7 days"
    assert at.radio(key="route").value == "rental"
    assert chart_titles(at) == ["DeepSeek-V3 final run: $5.58M at $2.00 per GPU-hour"]
    warning = " ".join(w.value for w in at.warning)
    assert "ignored" in warning and all(f"`{name}`" in warning for name in link)
    assert "'bnopeb' is not one of" in warning and "out of range" in warning
    assert "<script" not in warning and "<b>" not in warning


def test_link_notes_clear_after_reset():
    at = open_page(TRAINING, {"price": "abc"})
    assert at.warning
    at.button(key="reset_training-cost").click().run()
    assert not at.warning
    assert metric(at, "Training cost") == "$5.58M"


def test_presets_set_their_values():
    at = open_page(TRAINING)
    at.button(key="preset_skeptic").click().run()
    assert at.toggle(key="r1").value is True
    assert at.slider(key="price").value == pytest.approx(3.40)
    at.button(key="preset_epoch").click().run()
    assert at.radio(key="route").value == "ownership"
    at.button(key="preset_reported").click().run()
    assert metric(at, "Training cost") == "$5.58M"


def test_extreme_values_never_show_inf_or_nan():
    at = open_page(
        TRAINING, {"route": "compute", "params_b": "5000", "tokens_t": "1000", "mfu": "5"}
    )
    assert not at.exception
    for m in at.metric:
        assert "inf" not in m.value.lower() and "nan" not in m.value.lower()


def test_the_compute_figure_is_said_in_words_on_the_page():
    at = open_page(TRAINING)
    assert metric(at, "Compute, 6·N·D (FLOP)") == "3.29e24"
    assert "3.29e24 FLOP: 3.3 trillion trillion operations." in captions(at)


def test_the_skeptic_preset_writes_price_3_4_into_the_address_bar():
    at = open_page("pages/1_training-cost.py")
    next(b for b in at.button if b.key == "preset_skeptic").click().run()
    assert at.query_params["price"] == ["3.4"] or at.query_params["price"] == "3.4"


# ---- the charts -----------------------------------------------------------------------------


def test_phase_costs():
    fig = training_charts.phase_costs(PHASES, 2.0, source="DeepSeek-V3 Table 1")
    assert_chart_basics(fig, "$2.00 per GPU-hour")
    bar = fig.data[0]
    assert list(bar.y) == list(PHASES)
    assert list(bar.x) == list(PHASES.values())
    assert list(bar.text) == ["$5.33M", "$238K", "$10K"]
    assert fig.layout.xaxis.title.text == "Cost (USD)"


def test_cost_vs_price_marks_the_choice_and_the_market():
    fig = training_charts.cost_vs_price(
        2_788_000, 3.0, [("H100, Lambda (2025-02)", 2.99)], source="x"
    )
    assert_chart_basics(fig, "2.79M GPU-hours")
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
    assert_chart_basics(fig, "$2.12 per GPU-hour")
    owned = [t for t in fig.data if t.y[0] == "Owning (Epoch method)"]
    assert sum(t.x[0] for t in owned) == pytest.approx(rate.total)
    assert fig.layout.barmode == "stack"
    assert fig.layout.xaxis.title.text == "Cost per GPU-hour (USD)"


def test_price_tab_legends_stay_inside_the_image():
    rate = model.OwnershipRate(1.646, 0.386, 0.091)
    assert_legend_in_image(training_charts.ownership_breakdown(rate, 2.0, source="Epoch AI"))
    assert_legend_in_image(
        training_charts.cost_vs_price(
            2_788_000, 3.0, [("H100, Lambda (2025-02)", 2.99)], source="x"
        )
    )


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


@pytest.mark.parametrize("values", SCENARIOS["training-cost"])
def test_the_training_finding_carries_the_metrics(values):
    at = open_page(TRAINING, {**as_link(values), "rel": "2"})
    assert not at.exception
    tables = release_tables("2")
    result = training.training(training.inputs(tables, values), tables)
    sentence = training_finding.training(result, tables)
    assert finding(at) == sentence
    assert metric(at, "Training cost") in sentence
    assert f"{metric(at, 'Price per GPU-hour')} per GPU-hour" in sentence
    ratio = result.cost / tables.value("v3_cost_total")
    assert text.times(ratio) in sentence and "DeepSeek's $5.576M" in sentence
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert at.get("plotly_chart")[0].proto.alt.endswith(sentence), "the chart's alt text"
    assert metric(at, "Training cost") in chart["layout"]["title"]["text"]


# ---- renting against owning (#28.2) --------------------------------------------------------------


def test_owning_is_compared_with_the_rental_price_the_reader_set(tables):
    """The usability test (task 9): on the ownership route the renting bar stayed $2.00 and a
    link's price was dropped. The reader's price is the one compared with, and the break-even
    is said in words: the owner's cost per GPU-hour, the cluster busy all its written-off life."""
    at = open_page(
        TRAINING,
        {"route": "ownership", "price": "3.5", "tc_chart": "The price per GPU-hour", "rel": "5"},
    )
    assert not at.exception and not at.warning
    assert metric(at, "Price per GPU-hour") == "$2.12" and metric(at, "Training cost") == "$5.92M"
    price = at.slider(key="price")
    assert price.label == "Rental price compared with (USD per GPU-hour)" and price.value == 3.5
    owning = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert (
        owning["layout"]["title"]["text"]
        .replace("<br>", " ")
        .startswith("Owning costs $2.12 per GPU-hour; renting $3.50")
    )
    renting = next(t for t in owning["data"] if t["name"] == "Rental price")
    assert renting["x"] == [3.5] and renting["y"] == ["Renting (your price)"]
    said = captions(at)
    assert (
        "Owning beats renting above $2.12 per GPU-hour, if the cluster stays busy for its "
        "3.1-year life. At the $3.50 rental price you set, owning is cheaper if the cluster is "
        "busy at least 60% of that time: renting this run costs $9.76M, owning it $5.92M."
    ) in said
    assert finding(at).startswith("At an owner")
    assert finding(at).endswith(
        "; owning beats renting above $2.12 per GPU-hour, if the cluster stays busy for its "
        "3.1-year life."
    )
    assert at.code[0].value.endswith(
        "?route=ownership&price=3.5&tc_chart=The+price+per+GPU-hour&rel=5"
    )


def test_the_break_even_is_computed_from_the_owners_cost(tables):
    result = expected_training(tables, route="ownership")
    rent = result.rent_or_own
    assert rent is not None and rent.rental == 2.0
    assert (
        rent.breakeven
        == pytest.approx(result.price_per_gpu_hour)
        == pytest.approx(2.1241, abs=1e-4)
    )
    assert rent.at_price() == (
        "At the $2.00 rental price you set, renting is cheaper even with the cluster busy all "
        "the time: renting this run costs $5.58M, owning it $5.92M."
    )
    dear = expected_training(tables, route="ownership", price=3.5).rent_or_own
    assert dear is not None and dear.busy_share == pytest.approx(0.596, abs=1e-3)
    summary = expected_training(tables, route="ownership", price=3.5).summary()
    assert summary["owning_beats_renting_above_usd"] == pytest.approx(2.1241, abs=1e-4)
    assert summary["rental_price_compared_usd"] == 3.5
    # a longer write-off lowers the break-even
    longer = expected_training(tables, route="ownership", own_life=5.0).rent_or_own
    assert longer is not None and fmt.usd(longer.breakeven) == "$1.35"
    assert "its 5-year life" in longer.sentence()


# ---- the price's sourced band (#26.5) ------------------------------------------------------------


def test_the_price_control_shows_the_sourced_band_of_the_chip_at_v3s_run_and_today():
    """A reader sees where "$2" sits: the named rental quotes of the chip priced (the H800 on
    the rental route, the chosen GPU on the compute route) in the year up to V3's run and in
    the year up to today, from aicost.base.gpus.price_band; "no sourced quote" when none."""
    store = Store(RELEASES)
    page = BY_PATH["training-cost"]
    r = open_link(page, {"price": ["3.5"], "rel": ["5"]}, store, release_tables,
                  accessed="2026-12-07")  # fmt: skip
    assert r.body.says["price_band"].splitlines() == [
        "Your $3.50 beside sourced H800 quotes:",
        "In the year up to V3's run (2024-12-26): H800 rental, 2024-08: $3.42 per GPU-hour "
        "(1 quote, 1 source); $3.50 is above it.",
        "In the year up to today (2026-12-07): no sourced quote for the H800.",
    ]
    h100 = open_link(page, {"route": ["compute"], "gpu": ["H100"], "rel": ["5"]}, store,
                     release_tables, accessed="2026-12-07")  # fmt: skip
    assert h100.body.says["price_band"].endswith(
        "In the year up to today (2026-12-07): H100 rental, 2026-03 to 2026-06: $1.99 to $5.00 "
        "per GPU-hour, median $2.65 (5 quotes, 5 sources); $2.00 is within it."
    )
    at = open_page(TRAINING, {"price": "3.5", "rel": "5"})
    assert not at.exception
    band = next(c for c in captions(at) if c.startswith("Your $3.50 beside sourced H800 quotes:"))
    assert "H800 rental, 2024-08: $3.42 per GPU-hour (1 quote, 1 source)" in band


def test_the_change_panel_names_the_price_as_its_control_does_on_the_ownership_route():
    store = release.store()
    owned = open_link(
        BY_PATH["training-cost"], {"route": ["ownership"], "price": ["3.5"]}, store, store.tables
    )
    assert [line.label for line in owned.changes.lines if line.name == "price"] == [COMPARED_LABEL]
    rented = open_link(BY_PATH["training-cost"], {"price": ["3.5"]}, store, store.tables)
    assert [line.label for line in rented.changes.lines] == ["Price per GPU-hour (USD)"]
