"""/compare (pages/6_compare.py): the computation (aicost.pages.compare: each model's cost,
recomputed on one rental price or compute basis, beside what was reported), its chart, its
finding, and the page in AppTest (defaults, the link's assumption, the source table).
"""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt
from aicost.base.gpus import peak_flops
from aicost.base.model import gpu_hours_for_flop
from aicost.pages.compare import charts as compare_charts
from aicost.pages.compare import scenario as compare
from aicost.report.charts import SAFE
from tests.apptest import finding, open_page, plain
from tests.conftest import assert_chart_basics, assert_legend_in_image

COMPARE = "pages/6_compare.py"


def _open(*, opened: str = "", **params: str) -> AppTest:
    """Open /compare with these link parameters; ``opened``: the key of a table to open."""
    at = open_page(COMPARE, dict(params), opened={opened: True} if opened else None)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ---- the computation and its chart ----------------------------------------------------------


def _compare(tables, **overrides):
    return compare.compare_models(compare.inputs(tables, overrides), tables)


def test_compare_rental_basis(tables):
    r = _compare(tables)
    recomputed = {f.model: f for f in r.recomputed}
    assert recomputed["DeepSeek-V3"].value == pytest.approx(5.576e6)
    assert recomputed["Llama 3.1 405B"].value == pytest.approx(30.84e6 * 2)
    assert recomputed["Llama 3.1 405B"].gpu_hours == 30.84e6
    assert "Grok-3" not in recomputed  # no GPU-hours published
    assert any("Grok-3" in n and "compute basis" in n for n in r.notes)
    doubled = {f.model: f.value for f in _compare(tables, cmp_price=4.0).recomputed}
    assert doubled["DeepSeek-V3"] == pytest.approx(2 * recomputed["DeepSeek-V3"].value)


def test_compare_compute_basis_uses_peak_mfu_and_price(tables):
    r = _compare(
        tables, cmp_basis="compute", cmp_gpu="H100", cmp_precision="BF16", cmp_mfu_bf16=40.0
    )
    recomputed = {f.model: f for f in r.recomputed}
    peak = peak_flops(tables, "H100", "BF16").flops
    hours = gpu_hours_for_flop(3.8e25, peak, 0.40)
    assert recomputed["Llama 3.1 405B"].gpu_hours == pytest.approx(hours)
    assert recomputed["Llama 3.1 405B"].value == pytest.approx(hours * 2.0)
    assert "Grok-3" in recomputed
    gpt4 = recomputed["GPT-4"]
    assert gpt4.low < gpt4.value < gpt4.high  # the FLOP range carries through
    assert "40.0% MFU" in r.basis


def test_compare_compute_on_an_a100_in_fp8_notes_the_fallback(tables):
    r = _compare(tables, cmp_basis="compute", cmp_gpu="A100", cmp_precision="FP8")
    assert any("no FP8" in n for n in r.notes)


def test_compare_reported_figures_keep_what_they_count(tables):
    r = _compare(tables)
    reported = [f for f in r.figures if f.kind != compare.RECOMPUTED]
    cost_rows = tables["models"][tables["models"]["metric"].str.startswith("cost_")]
    assert len(reported) == len(cost_rows)
    assert all(f.counts for f in r.figures)
    claude = next(f for f in reported if f.model == "Claude 3.5 Sonnet" and f.high > f.value)
    assert (claude.low, claude.high) == (20e6, 50e6)


def test_compare_table(tables):
    r = _compare(tables)
    table = compare.compare_table(r)
    assert len(table) == len(r.figures)
    assert not table.isna().any().any()
    v3 = table[(table["model"] == "DeepSeek-V3") & (table["figure"] == compare.RECOMPUTED)]
    assert v3["cost"].tolist() == ["$5.58M"] and v3["GPU-hours"].tolist() == ["2.79M GPU-hours"]
    assert table["link"].str.startswith("http").all()
    assert table["model"].iloc[0] == "DeepSeek-V3"


def test_compare_chart(tables):
    r = _compare(tables)
    fig = compare_charts.compare_chart(r, source=compare.COMPARE_SOURCE)
    assert_chart_basics(fig)
    assert fig.layout.xaxis.type == "log"
    # on the rental basis no model is recomputed from our estimate: no trace of ours
    assert [t.name for t in fig.data] == list(compare_charts.FIGURE_COLOURS)[:4]
    assert {t.marker.color for t in fig.data} <= set(SAFE)
    claude = next(t for t in fig.data if t.name == compare.COST_METRICS["cost_reported"])
    i = list(claude.y).index("Claude 3.5 Sonnet")
    assert claude.error_x.array[i] == pytest.approx(30e6)
    assert list(fig.layout.yaxis.categoryarray)[-1] == "DeepSeek-V3"  # top row
    shown = sum(len(t.x) for t in fig.data)
    assert shown == sum(1 for f in r.figures if f.in_chart)


def test_compare_summary_and_highlights(tables):
    r = _compare(tables)
    assert r.summary()["DeepSeek-V3 recomputed USD"] == 5_576_000
    assert [f.model for f in compare.compare_highlights(r)][0] == "DeepSeek-V3"
    assert compare.compare_inputs("compute")[-1] == "cmp_price"


def test_no_compare_output_is_not_finite(tables):
    for f in _compare(tables, cmp_basis="compute").figures:
        assert all(math.isfinite(x) and x > 0 for x in (f.value, f.low, f.high))


def test_compare_chart_labels_every_decade(tables):
    fig = compare_charts.compare_chart(_compare(tables), source="test")
    labels = list(fig.layout.xaxis.ticktext)
    assert "" not in labels and "$10M" in labels and "$100M" in labels


def test_compare_legend_stays_inside_the_image(tables):
    result = compare.compare_models(compare.inputs(tables), tables)
    assert_legend_in_image(compare_charts.compare_chart(result, source="x"))


# ---- the page -------------------------------------------------------------------------------


def test_the_source_table_is_made_only_when_opened():
    closed = _open()
    assert not closed.dataframe  # no table, so no table code for the browser to load
    assert any(e.label.startswith("Every") for e in closed.expander)
    assert len(_open(opened="compare_sources").dataframe) == 1


def test_compare_defaults():
    at = _open(opened="compare_sources")
    shown = _metrics(at)
    assert shown["DeepSeek-V3"] == "$5.58M"
    assert shown["Llama 3.1 405B"] == "$61.7M"
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert {"what it counts", "link", "figure"} <= set(table.columns)
    assert "Gemini 1.0 Ultra" in set(table["model"])


def test_compare_assumption_lives_in_the_link():
    at = _open(cmp_price="3")
    assert _metrics(at)["DeepSeek-V3"] == fmt.usd(2.788e6 * 3)
    link = at.code[0].value
    assert "cmp_price=3" in link


def test_compare_compute_basis():
    """A link made when ``cmp_mfu`` was the MFU against the peak shown (BF16 by default) keeps
    showing it: on the BF16 basis it is read as ``cmp_mfu_bf16``, and a note says so."""
    at = _open(opened="compare_sources", cmp_basis="compute", cmp_mfu="40")
    assert at.slider(key="cmp_mfu_bf16").value == 40.0
    assert at.radio(key="cmp_gpu").value == "H100"
    assert "`cmp_mfu`: 40.0% is read against the BF16 peak" in plain(at.warning[0].value)
    table = at.dataframe[0].value
    grok = table[(table["model"] == "Grok-3") & (table["figure"] == compare.RECOMPUTED)]
    assert len(grok) == 1


def test_compare_ignores_a_bad_link_value():
    at = _open(cmp_price="abc")
    assert _metrics(at)["DeepSeek-V3"] == "$5.58M"
    assert at.warning and "cmp_price" in at.warning[0].value


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


def test_the_pages_spread_compares_whole_runs_not_r1s_one_stage():
    """/compare's finding names how far apart the costs are: R1's rental figure is its RL
    stage alone, so setting GPT-4's whole run against it (387 times) would mislead."""
    at = open_page(COMPARE)
    said = finding(at)
    assert said.startswith("Recomputed on one assumption (")
    shown = {m.label: m.value for m in at.metric}
    assert shown["DeepSeek-R1"] == "$294.7K" and shown["GPT-4"] == "$114M"
    assert "387" not in said
    assert "the costliest is 20 times the cheapest" in said  # $114M / $5.58M (V3's run)
    assert "one stage, so it is left out" in said


@pytest.mark.parametrize("params", [{}, {"cmp_price": "3.5"}, {"cmp_basis": "compute"}])
def test_the_compare_finding_carries_the_metrics(params):
    at = open_page(COMPARE, {**params, "rel": "2"})
    assert not at.exception
    text = finding(at)
    shown = [m for m in at.metric if m.label in text]
    assert len(shown) == 4
    for m in shown:
        assert f"{m.label} {m.value}" in text


# ---- the MFU's basis (#28.1) --------------------------------------------------------------------


def test_the_compute_basis_gives_one_result_whichever_peak_the_mfu_is_stated_against(tables):
    """17.3% of the H100's FP8 peak is 34.6% of its BF16 peak: the same run. (Before, the one
    MFU was applied to whichever peak was chosen, so FP8 halved every model's hours.)"""
    bf16 = _compare(tables, cmp_basis="compute", cmp_gpu="H100", cmp_precision="BF16")
    fp8 = _compare(tables, cmp_basis="compute", cmp_gpu="H100", cmp_precision="FP8")
    gpt4 = {r.model: r for r in bf16.recomputed}["GPT-4"]
    assert fmt.usd(gpt4.value) == "$34.1M"  # 2.1e25 FLOP / (989.5 TFLOPS x 34.6%) x $2
    assert fmt.usd({r.model: r for r in fp8.recomputed}["GPT-4"].value) == "$34.1M"
    assert "34.6% MFU" in bf16.basis and "17.3% MFU" in fp8.basis


def test_on_the_page_an_a100_shows_bf16_as_its_basis_and_a_switch_converts_the_mfu():
    at = _open(cmp_basis="compute", cmp_gpu="H100", rel="5")
    assert at.radio(key="cmp_precision").value == "BF16"
    at.slider(key="cmp_mfu_bf16").set_value(40.0).run()
    before = _metrics(at)["GPT-4"]
    at.radio(key="cmp_precision").set_value("FP8").run()
    assert at.slider(key="cmp_mfu").value == 20.0 and _metrics(at)["GPT-4"] == before
    at.radio(key="cmp_gpu").set_value("A100").run()
    precision = at.radio(key="cmp_precision")
    assert precision.options == ["BF16"] and precision.value == "BF16"
    assert at.slider(key="cmp_mfu_bf16").value == 40.0, "20% of FP8 is 40% of BF16"
