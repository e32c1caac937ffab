"""AppTest of the two calculator pages: defaults, sliders, links, bad links, presets."""

from __future__ import annotations

import pytest

from aicost.base import fmt
from aicost.base.release import Store
from aicost.pages.gpu_capex import scenario as capex
from aicost.pages.training_cost import scenario as training
from aicost.ui.paint import SIGNAL_KEY
from tests.apptest import captions, chart_titles, held, metric, open_page, paint
from tests.conftest import RELEASES
from tests.contracts.observe import shown_number

TRAINING = "pages/1_training-cost.py"
CAPEX = "pages/2_gpu-capex.py"


def expected_training(tables, **display_values) -> training.TrainingResult:
    return training.training(training.inputs(tables, display_values), tables)


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
    at = open_page(TRAINING, {"route": "compute", "mfu": "40", "gpu": "H100", "precision": "BF16"})
    assert not at.exception
    assert at.radio(key="route").value == "compute"
    assert at.slider(key="mfu").value == 40.0
    expected = expected_training(tables, route="compute", mfu=40.0, gpu="H100", precision="BF16")
    assert metric(at, "Training cost") == fmt.usd(expected.cost)
    assert metric(at, "MFU") == "40.0%"


def test_a100_has_no_fp8_and_says_so():
    at = open_page(TRAINING, {"route": "compute", "gpu": "A100"})
    assert any("no FP8" in i.value for i in at.info)


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
    from tests.apptest import open_page

    at = open_page("pages/2_gpu-capex.py")
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


def test_the_compute_figure_is_said_in_words_on_the_page():
    at = open_page(TRAINING)
    assert metric(at, "Compute, 6·N·D (FLOP)") == "3.29e24"
    assert "3.29e24 FLOP: 3.3 trillion trillion operations." in captions(at)


def test_every_change_line_names_its_input_even_without_a_source_row():
    """A change whose default is derived (electricity) kept only its grey 'default:' line:
    the label, the values and the effect were swallowed by a conditional expression."""
    at = open_page(CAPEX, {"opex": "true", "rel": "2"})
    lines = [m.value for m in at.markdown if "·" in m.value and "→" in m.value]
    electricity = next(line for line in lines if "default: Power per GPU" in line)
    assert electricity.startswith("Add electricity to run the fleet: off → **on** · ")
