"""/compare with DeepSeek's later models: what they disclosed beside V3, and any compute or cost
for a model that disclosed none marked as our estimate, with its formula."""

from __future__ import annotations

import json

import pytest

from aicost.base.gpus import peak_flops
from aicost.base.model import gpu_hours_for_flop
from aicost.pages.compare import charts as compare_charts
from aicost.pages.compare import scenario as compare
from tests.apptest import captions, open_page, plain


def _compare(tables, **overrides):
    return compare.compare_models(compare.inputs(tables, overrides), tables)


def test_on_the_compute_basis_v4_is_our_labelled_6nd_estimate(tables):
    r = _compare(tables, cmp_basis="compute", cmp_gpu="H800", cmp_precision="FP8", cmp_mfu=37.5)
    figures = {f.model: f for f in r.recomputed}
    v4 = figures["DeepSeek-V4-Pro"]
    assert v4.estimate and v4.formula == "6 × 49B × 32T = 9.41e24 FLOP"
    assert v4.label == "Our estimate, recomputed on your assumption"
    # an FP8 MFU is counted against twice the BF16 peak, so a restatement changes nothing
    fp8_peak = 2 * peak_flops(tables, "H800", "BF16").flops
    hours = gpu_hours_for_flop(6 * 49e9 * 32e12, fp8_peak, 0.375)
    assert v4.gpu_hours == pytest.approx(hours) and v4.value == pytest.approx(hours * 2.0)
    assert compare.scope(v4).startswith("Our estimate: 6 × 49B active × 32T tokens")
    v32 = figures["DeepSeek-V3.2"]
    assert v32.estimate and v32.one_stage, "V3.2's figure is its continued pre-training alone"
    assert v32.formula == "6 × 37B × 946B = 2.10e23 FLOP"
    for disclosed in ("DeepSeek-V3", "DeepSeek-R1", "GPT-4", "Llama 3.1 405B"):
        assert not figures[disclosed].estimate and figures[disclosed].formula == ""
        assert figures[disclosed].label == compare.RECOMPUTED


def test_our_estimates_do_not_take_the_highlighted_cards(tables):
    r = _compare(tables, cmp_basis="compute")
    shown = [f.model for f in compare.compare_highlights(r, limit=4)]
    assert shown == ["DeepSeek-V3", "DeepSeek-R1", "GPT-4", "Llama 3.1 405B"]


def test_on_the_rental_basis_no_figure_is_made_up_for_them(tables):
    r = _compare(tables)
    assert not {f.model for f in r.figures} & {"DeepSeek-V3.2", "DeepSeek-V4-Pro", "DeepSeek-V3.1"}
    assert "DeepSeek-V4-Pro" not in r.order, "no empty row in the chart"
    hint = next(n for n in r.notes if n.startswith("No GPU-hours published"))
    assert "DeepSeek-V4-Pro" in hint and "try the compute basis" in hint
    neither = next(n for n in r.notes if n.startswith("Neither GPU-hours nor"))
    assert "DeepSeek-V3.1" in neither
    assert all(not f.estimate for f in r.figures)


def test_the_table_and_chart_label_our_estimates(tables):
    r = _compare(tables, cmp_basis="compute")
    table = compare.compare_table(r)
    v4 = table[table["model"] == "DeepSeek-V4-Pro"].iloc[0]
    assert v4["figure"] == "Our estimate, recomputed on your assumption"
    assert v4["our estimate"] == "6 × 49B × 32T = 9.41e24 FLOP"
    assert (table.loc[table["model"] == "GPT-4", "our estimate"] == "").all()
    fig = compare_charts.compare_chart(r, source=compare.COMPARE_SOURCE)
    rows = list(fig.layout.yaxis.categoryarray)
    assert rows.index("DeepSeek-V4-Pro") > rows.index("GPT-4"), "beside V3, near the top"


def test_what_each_model_disclosed_beside_v3(tables):
    d = compare.disclosures(tables).set_index("model")
    assert list(d.index) == [
        "DeepSeek-V3",
        "DeepSeek-V3.1",
        "DeepSeek-V3.2",
        "DeepSeek-V4-Pro",
        "DeepSeek-V4-Flash",
    ]
    assert d.loc["DeepSeek-V3", "compute (FLOP)"].startswith("3.41e24 FLOP (estimate: Epoch AI")
    assert d.loc["DeepSeek-V3", "cost"] == "$5.58M"
    v4 = d.loc["DeepSeek-V4-Pro"]
    assert (v4["total parameters"], v4["active parameters"], v4["training tokens"]) == (
        "1.6T",
        "49B",
        "32T",
    )
    assert v4["compute (FLOP)"] == "Our estimate: 6 × 49B × 32T = 9.41e24 FLOP"
    assert v4["GPU-hours"] == "" and v4["cost"] == "", "nothing DeepSeek did not disclose"
    assert v4["released"] == "2026-04-24"
    assert d.loc["DeepSeek-V3.2", "released"] == "2025-12-01"
    assert "more than 32T" in v4["what the tokens count"]
    assert d.loc["DeepSeek-V3.1", "compute (FLOP)"] == ""


# ---- on the page (#26.4) -------------------------------------------------------------------------


def _page(**params):
    return open_page("pages/6_compare.py", {"rel": "5", **params})


def test_the_page_shows_what_each_deepseek_model_disclosed():
    at = _page()
    assert not at.exception
    assert "What each DeepSeek model disclosed" in [h.value for h in at.subheader]
    said = [plain(c.value) for c in at.caption]
    assert any(
        c.startswith("DeepSeek-V3.1, DeepSeek-V3.2, DeepSeek-V4-Pro and DeepSeek-V4-Flash "
                     "disclosed their size") and "is our estimate" in c
        for c in said
    )  # fmt: skip
    (table,) = at.table
    rows = table.value.map(plain).set_index("model")
    assert list(rows.index) == [
        "DeepSeek-V3", "DeepSeek-V3.1", "DeepSeek-V3.2", "DeepSeek-V4-Pro", "DeepSeek-V4-Flash",
    ]  # fmt: skip
    v4 = rows.loc["DeepSeek-V4-Pro"]
    assert v4["compute (FLOP)"] == "Our estimate: 6 × 49B × 32T = 9.41e24 FLOP"
    assert (v4["active parameters"], v4["training tokens"]) == ("49B", "32T")
    assert v4["cost"] == "not disclosed" and v4["GPU-hours"] == "not disclosed"
    assert rows.loc["DeepSeek-V3.1", "training tokens"] == "not disclosed"


def test_every_estimate_on_the_page_is_marked_as_ours_with_its_formula():
    """The metrics' captions, the chart's labels and hover, the table: on the compute basis
    V3.2 and V4 are recomputed from our 6·N·D, and every place says so."""
    at = _page(cmp_basis="compute")
    assert not at.exception and not at.warning
    labels = [m.label for m in at.metric]  # (read column by column)
    assert {"DeepSeek-V3", "DeepSeek-R1", "GPT-4", "Llama 3.1 405B"} <= set(labels)
    assert {"DeepSeek-V3.2, our estimate", "DeepSeek-V4-Pro, our estimate",
            "DeepSeek-V4-Flash, our estimate"} <= set(labels)  # fmt: skip
    assert not {"DeepSeek-V4-Pro", "DeepSeek-V3.2"} & set(labels), "never as DeepSeek's figure"
    assert (
        "Our estimate, not DeepSeek's: 6 × 49B × 32T = 9.41e24 FLOP (pre-training only, a "
        "floor), recomputed on your assumption" in captions(at)
    )
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    ours = next(t for t in chart["data"] if t["name"] == compare.RECOMPUTED_ESTIMATE)
    i = ours["y"].index("DeepSeek-V4-Pro")
    assert "6 × 49B × 32T = 9.41e24 FLOP" in ours["customdata"][i]
    assert "Our estimate, recomputed on your assumption" in ours["customdata"][i]
    assert ours["text"][i].endswith("(our est.)")
    plain_recomputed = next(t for t in chart["data"] if t["name"] == compare.RECOMPUTED)
    assert "DeepSeek-V4-Pro" not in plain_recomputed["y"]


def test_the_json_summary_names_our_estimates_as_ours(tables):
    r = _compare(tables, cmp_basis="compute")
    summary = r.summary()
    assert "DeepSeek-V4-Pro recomputed USD, our estimate" in summary
    assert "DeepSeek-V4-Pro recomputed USD" not in summary
    assert "DeepSeek-V3 recomputed USD" in summary


def test_an_old_release_says_it_has_no_such_disclosures():
    at = _page(rel="1")
    assert not at.exception and not at.table
    assert any("a later release adds V3.1, V3.2 and V4" in c for c in captions(at))
