"""/rules-cost: what the export rules cost. Its computation checked by hand on two periods, its
finding, its chart, and the page in AppTest: every control moves the chart and the finding,
and a link reopens the scenario."""

from __future__ import annotations

import json

import pytest

from aicost.base import fmt
from aicost.base.release import Store
from aicost.pages.rules_cost import scenario as rules
from aicost.pages.rules_cost.charts import by_period
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.apptest import chart_titles, finding, metric, open_page
from tests.conftest import RELEASES, assert_chart_basics

RULES = "pages/8_rules-cost.py"
STORE = Store(RELEASES)


def _period(rc: rules.RulesCost, chip: str) -> rules.PeriodCost:
    return next(p for p in rc.periods if p.chip is not None and p.chip.chip == chip)


def test_the_h800_period_gives_back_deepseeks_reported_run(tables):
    """By hand: V3's run is 2.788M H800-hours at the 17.3% MFU they imply against the H800's
    dense FP8 peak of 1,979 TFLOPS, so its compute is
    2,788,000 h x 3,600 s x 1,979e12 FLOP/s x 0.173 = 3.436e24 FLOP; on the H800 at the same MFU
    that is 3.436e24 / (1,979e12 x 0.173 x 3,600) = 2,788,000 GPU-hours, $5,576,000 at $2,
    and 2,788,000 / 2,048 / 24 = 56.7 days."""
    rc = rules.rules_cost(rules.inputs(tables), tables)
    assert rc.run.flop == pytest.approx(2_788_000 * 3600 * 1979e12 * 0.173)
    h800 = _period(rc, "H800").chip
    assert h800 is not None
    assert h800.gpu_hours == pytest.approx(2_788_000)
    assert h800.cost == pytest.approx(5_576_000)
    assert h800.days == pytest.approx(2_788_000 / 2048 / 24)
    assert (h800.precision, h800.peak_tflops) == ("FP8", 1979.0)


def test_the_h20_period_costs_the_ratio_of_the_dense_peaks(tables):
    """By hand: the H20's dense FP8 peak is 296 TFLOPS, at the same 17.3% MFU:
    2,788,000 x 1,979 / 296 = 18,640,203 GPU-hours (6.686 times), $37,280,405 at $2, and
    18,640,203 / 2,048 / 24 = 379.2 days; to finish in DeepSeek's 56.7 days it takes
    18,640,203 / 1,361.3 h = 13,693 H20s, $164.3M at $12,000 each, or
    13,693 x 296 / 1,979 = 2,048 H100-equivalents."""
    rc = rules.rules_cost(rules.inputs(tables), tables)
    period = _period(rc, "H20")
    h20 = period.chip
    assert h20 is not None
    assert period.start == "2024-05-24", "on sale in China: the H20's first period"
    assert h20.gpu_hours == pytest.approx(2_788_000 * 1979 / 296)
    assert h20.gpu_hours / rc.h800.gpu_hours == pytest.approx(1979 / 296)
    assert h20.cost == pytest.approx(2 * 2_788_000 * 1979 / 296)
    assert h20.days == pytest.approx(2_788_000 * 1979 / 296 / 2048 / 24)
    assert h20.fleet == pytest.approx(2048 * 1979 / 296)
    assert h20.capex == pytest.approx(2048 * 1979 / 296 * 12_000)
    assert h20.h100e == pytest.approx(2048)


def test_a_chip_without_fp8_runs_at_the_mfu_converted_to_its_bf16_basis(tables):
    """The A100 has no FP8: V3's 17.3% of an FP8 peak is 34.6% of a BF16 peak, so the run
    takes 2,788,000 x (1,979 x 0.173) / (312 x 0.346) = 8.84M GPU-hours, about 180 days."""
    rc = rules.rules_cost(rules.inputs(tables), tables)
    a100 = _period(rc, "A100").chip
    assert a100 is not None and a100.precision == "BF16"
    assert a100.gpu_hours == pytest.approx(2_788_000 * 1979 * 0.173 / (312 * 0.346))
    assert fmt.days(a100.days) == "180 days"


def test_the_format_is_the_mfus_basis_and_never_changes_a_result(tables):
    fp8 = rules.rules_cost(rules.inputs(tables), tables)
    bf16 = rules.rules_cost(rules.inputs(tables, {"rc_format": "BF16"}), tables)
    assert [p.chip.gpu_hours if p.chip else 0 for p in fp8.periods] == pytest.approx(
        [p.chip.gpu_hours if p.chip else 0 for p in bf16.periods]
    )


def test_no_chip_is_ever_obtainable_on_an_announcement_alone(tables):
    rc = rules.rules_cost(rules.inputs(tables), tables)
    after_h800 = rules.chosen(rc, "")
    assert after_h800.start == "2023-10-17" and after_h800.chip is None
    announced = [p for p in rc.periods if p.start <= "2025-12-08" < p.end]
    assert announced and all(p.chip is None or p.chip.chip != "H200" for p in announced)


def test_without_the_rules_the_best_chip_sold_anywhere(tables):
    rc = rules.rules_cost(rules.inputs(tables), tables)
    frees = {p.start: p.free.chip if p.free else "" for p in rc.periods}
    assert frees["2023-03-21"] == "H100", "the H100 shipped worldwide from 2022-09-20"
    assert frees["2024-05-24"] == "H200", "first H200 delivered 2024-04-24"


def test_the_interconnect_penalty_slows_only_the_cut_chips(tables):
    base = rules.rules_cost(rules.inputs(tables), tables)
    cut = rules.rules_cost(rules.inputs(tables, {"rc_link": 20}), tables)
    h800, h800_cut = _period(base, "H800").chip, _period(cut, "H800").chip
    h20, h20_cut = _period(base, "H20").chip, _period(cut, "H20").chip
    assert h800 is not None and h800_cut is not None and h20 is not None and h20_cut is not None
    assert h800_cut.gpu_hours == pytest.approx(h800.gpu_hours / 0.8)
    assert h20_cut.gpu_hours == pytest.approx(h20.gpu_hours), "the H20 keeps 900 GB/s NVLink"


def test_the_chart_names_each_period_and_its_chip(tables):
    rc = rules.rules_cost(rules.inputs(tables), tables)
    fig = by_period(rc, _period(rc, "H20"), source="test")
    data = assert_chart_basics(fig)
    labels = data["data"][0]["y"]
    assert "2023-03-21<br>H800" in labels and "2024-05-24<br>H20" in labels
    assert "2023-10-17<br>no chip" in labels
    texts = data["data"][0]["text"]
    assert "56.7 days · $5.58M" in texts and "none could be bought" in texts


# ---- the page ---------------------------------------------------------------------------------


def test_the_page_answers_the_october_2023_question_at_its_defaults():
    at = open_page(RULES)
    assert not at.exception
    assert metric(at, "Best chip a Chinese buyer could obtain") == "H20"
    assert metric(at, "Wall-clock on 2,048 GPUs") == "379 days"
    assert metric(at, "Cost") == "$37.3M"
    said = finding(at)
    assert "From 2023-10-17 to 2024-05-24, China could legally obtain no Nvidia chip" in said
    assert chart_titles(at) == ["DeepSeek-V3's final run under each export rule"]


@pytest.fixture(scope="module")
def default_page():
    """The page at its defaults, as each control's test compares with it (read only)."""
    at = open_page(RULES)
    return finding(at), json.loads(at.get("plotly_chart")[0].proto.spec)


@pytest.mark.parametrize(
    ("params", "label", "shown"),
    [
        ({"on": "2023-06-30"}, "Best chip a Chinese buyer could obtain", "H800"),
        ({"rc_model": "DeepSeek-V4-Pro"}, "GPU-hours", "51M"),
        ({"rc_mfu": "34.6"}, "Wall-clock on 2,048 GPUs", "190 days"),
        ({"rc_link": "20"}, "Wall-clock on 2,048 GPUs", "379 days"),
        ({"rc_route": "market"}, "Cost", fmt.DASH),
        ({"rc_route": "ownership"}, "Cost", "$11.1M"),
        ({"rc_price": "3"}, "Cost", "$55.9M"),
        ({"rc_gpus": "4096"}, "Wall-clock on 4,096 GPUs", "190 days"),
        ({"rc_format": "BF16", "rc_mfu_bf16": "69.2"}, "Wall-clock on 2,048 GPUs", "190 days"),
    ],
)
def test_every_control_moves_the_figures_the_chart_and_the_finding(
    default_page, params, label, shown
):
    said, base = default_page
    at = open_page(RULES, params)
    assert not at.exception
    assert metric(at, label) == shown
    moved = json.loads(at.get("plotly_chart")[0].proto.spec)
    if params != {"rc_link": "20"}:  # the H20 keeps its NVLink: a cut chip's period moves
        assert finding(at) != said
    assert moved["data"] != base["data"] or moved["layout"] != base["layout"]


def test_a_link_reopens_the_scenario_and_its_share_link_is_the_same():
    link = {"on": "2024-06-30", "rc_price": "3", "rc_gpus": "4096"}
    at = open_page(RULES, link)
    assert metric(at, "Wall-clock on 4,096 GPUs") == "190 days"
    share = at.code[0].value
    assert share.endswith("/rules-cost?rc_price=3&rc_gpus=4096&on=2024-06-30&rel=5")
    again = open_page(RULES, {"on": "2024-06-30", "rc_price": "3", "rc_gpus": "4096", "rel": "5"})
    assert [m.value for m in again.metric] == [m.value for m in at.metric]


def test_a_link_without_rel_opens_on_the_current_release():
    """No link to this page is older than releases (it came with release 5)."""
    at = open_page(RULES, {"rc_price": "3"})
    assert at.query_params["rel"] == STORE.current.id


def test_a_bad_day_in_the_link_is_named_and_the_default_shown():
    at = open_page(RULES, {"on": "<b>soon</b>"})
    assert not at.exception
    notes = " ".join(w.value for w in at.warning)
    assert "`on`" in notes and "is not a day" in notes and "<b>" not in notes
    assert metric(at, "Best chip a Chinese buyer could obtain") == "H20"


def test_the_ownership_route_on_current_data_prices_what_it_can_and_says_what_it_cannot():
    """The A800 has a purchase price but no sourced TDP: its owner's cost per hour cannot be
    computed, so its cost is a dash with a note, never a crash (it raised KeyError)."""
    current = STORE.current.id
    at = open_page(RULES, {"rc_route": "ownership", "rel": current})
    assert not at.exception
    r = open_link(BY_PATH["rules-cost"], {"rc_route": ["ownership"], "rel": [current]},
                  STORE, STORE.tables)  # fmt: skip
    assert any("No sourced price on this route for the A800" in n for n in r.body.notes)
    at = open_page(RULES)
    at.radio(key="rc_route").set_value("ownership").run()
    assert not at.exception


def test_the_finding_and_the_figures_name_the_same_chip_without_the_rules():
    """For a day in every period (one with no chip to obtain included), the finding's chip
    without the rules is the one the "Without the rules" figure names."""
    r0 = open_link(BY_PATH["rules-cost"], {}, STORE, STORE.tables)
    days = sorted({p.start for p in r0.body.detail.periods})
    assert len(days) > 5
    for day in days:
        r = open_link(BY_PATH["rules-cost"], {"on": [day]}, STORE, STORE.tables)
        free = next((f for f in r.figures if f.label == "Without the rules"), None)
        if free is None:
            assert "Without the rules" not in r.finding, day
            continue
        chip = free.caption.removeprefix("on the ")
        if f"the {chip}:" in r.finding or f"the {chip}," in r.finding:
            continue  # the same chip with and without the rules: the finding says it once
        assert f"Without the rules, the {chip} " in r.finding, (day, chip, r.finding)


@pytest.mark.parametrize(
    ("route", "cost", "in_json"), [("ownership", "−$26.2M", -26.2e6), ("market", "—", None)]
)
def test_a_change_of_route_says_what_it_does_to_the_cost(route, cost, in_json):
    """The route moves the cost only; the panel says so, and where the route has no sourced
    price for the H20 its effect is a dash on the page and null in strict JSON (the API)."""
    r = open_link(BY_PATH["rules-cost"], {"rc_route": [route], "rel": [STORE.current.id]},
                  STORE, STORE.tables)  # fmt: skip
    line = r.as_json()["changes"][0]
    assert line["name"] == "rc_route"
    assert line["effect"] == f"H20 run, cost {cost}"
    answer = json.loads(json.dumps(r.as_json(), allow_nan=False))  # what /api/rules-cost says
    effect = answer["changes"][0]["effects"]["H20 run, cost"]
    assert effect == (None if in_json is None else pytest.approx(in_json, rel=2e-3))


def test_a_ratio_the_mfu_leaves_as_it_was_reads_as_no_change():
    """Both runs scale with the MFU, so their ratio stays: '±0', not float noise ('+8.88e-16×')."""
    r = open_link(BY_PATH["rules-cost"], {"rc_mfu": ["17.6"], "rel": [STORE.current.id]},
                  STORE, STORE.tables)  # fmt: skip
    row = next(b for b in r.beside if b["Figure"] == "Times the H800 run's GPU-hours")
    assert (row["Scenario"], row["Defaults"], row["Change"]) == ("6.69×", "6.69×", "±0")
