"""Pure tests of aicost.story: the story pages' computations and chart builders."""

from __future__ import annotations

import json
import math

import pandas as pd
import plotly.graph_objects as go
import pytest

from aicost import fmt, story
from aicost.assumptions import defaults, to_model
from aicost.charts import SAFE
from aicost.model import gpu_hours_for_flop
from aicost.scenarios import peak_flops

from .conftest import DATA


def _market(tables, **overrides):
    return story.market(to_model({**defaults("market", tables), **overrides}, "market"), tables)


def _compare(tables, **overrides):
    return story.compare(to_model({**defaults("compare", tables), **overrides}, "compare"), tables)


def _assert_chart_basics(fig: go.Figure) -> dict:
    """What every chart promises: title, source note, axis titles, no template, finite JSON."""
    layout = fig.layout
    assert layout.title.text, "chart has no title"
    assert "Source:" in (layout.title.subtitle.text or ""), "chart has no source note"
    assert not layout.template.layout.to_plotly_json(), "a full plotly template in the payload"
    assert layout.xaxis.title.text, "x axis has no title"
    payload = fig.to_json()
    assert "NaN" not in payload and "Infinity" not in payload
    assert len(payload) < 40_000, "aggregate before plotting: the payload should stay lean"
    return json.loads(payload)


# ---------------------------------------------------------------------------------------------
# Overview


def test_fill_formats_each_field_by_its_unit(tables):
    text = story.fill("{v3_cost_total} for {v3_gpu_hours_total}; {v3_cost_total:2}", tables)
    assert text == "$5.58M for 2.79M GPU-hours; $5.6M"


def test_headlines_are_the_data_rows_formatted(tables):
    items = story.headlines(tables)
    assert [h.id for h in items] == [spec[0] for spec in story.HEADLINE_SPECS]
    for h in items:
        row = tables.row(h.id)
        assert h.value == tables.value(h.id)
        assert h.shown == fmt.by_unit(tables.value(h.id), str(row["unit"]))
        assert h.source_name == row["source_name"] and h.source_url.startswith("http")
        assert h.source_short and len(h.source_short) <= 29
        assert "Source:" in h.help and h.id in h.help
        assert "{" not in h.counts, "an unfilled template field"
    shown = {h.id: h.shown for h in items}
    assert shown["v3_cost_total"] == "$5.58M"
    assert shown["semianalysis_server_capex"] == "$1.6B"
    assert shown["nvda_mcap_loss_589"] == "$589B"


def test_headline_help_escapes_dollars_for_markdown(tables):
    v3 = story.headlines(tables)[0]
    assert "\\$2\\.00" in v3.help  # "$2.00/GPU-hour" would start LaTeX in markdown
    assert "$2.00" not in v3.help.replace("\\$2\\.00", "")


def test_framing_question_comes_from_the_data(tables):
    assert story.framing(tables) == "Was it $5.6M, or $500M+, or $1.6B?"


def test_ratios_are_computed_not_typed(tables):
    r = story.ratios(tables)
    assert r.capex_x == pytest.approx(1.6e9 / 5.576e6)
    assert round(r.capex_x) == 287
    assert 100_000 < r.nvidia_drop_x < 110_000
    sentence = story.ratio_sentence(tables)
    assert fmt.multiple(r.capex_x) in sentence and fmt.multiple(r.nvidia_drop_x) in sentence


def test_chunks_and_page_blurbs():
    assert story.chunks(list("abcdefg"), 3) == [list("abc"), list("def"), ["g"]]
    assert story.chunks([], 3) == []
    from aicost import ui  # the page registry; importing ui is fine in tests

    assert set(story.PAGE_BLURBS) == {p[0] for p in ui.PAGES[1:]}


def test_md_escapes_markdown_and_latex():
    assert story.md("$5 * 2 [x](y)") == "\\$5 \\* 2 \\[x\\]\\(y\\)"


# ---------------------------------------------------------------------------------------------
# Timeline


def test_timeline_events_filter_and_sort(tables):
    events = tables["events"]
    everything = story.timeline_events(events)
    assert len(everything) == len(events)
    assert everything["when"].is_monotonic_increasing
    policy = story.timeline_events(events, ["policy", "markets"])
    assert set(policy["category"]) == {"policy", "markets"}
    assert story.timeline_events(events, []).empty


def test_timeline_covers_the_export_control_steps(tables):
    dates = set(tables["events"]["date"])
    for day in ("2022-08-26", "2022-10-07", "2023-10-17", "2024-12-02", "2025-01-13",
                "2025-04-09", "2025-05-13", "2025-07-14", "2025-12-08", "2025-01-27"):  # fmt: skip
        assert day in dates, day


def test_chips_text_and_find_event(tables):
    assert story.chips_text("A100;A800; H800") == "A100, A800, H800"
    assert story.chips_text("") == "—"
    hit = story.find_event(tables["events"], "2021", ["A100"])
    assert hit is not None and hit["date"].startswith("2021")
    assert story.find_event(tables["events"], "1999", ["a100"]) is None
    assert story.timeline_marks(tables["events"]) == [(hit["id"], "A100 purchase (2021)")]


def test_timeline_chart_lanes_hover_and_annotation(tables):
    rows = story.timeline_events(tables["events"])
    fig = story.timeline_chart(
        rows, source=story.TIMELINE_SOURCE, marks=story.timeline_marks(tables["events"])
    )
    payload = _assert_chart_basics(fig)
    assert fig.layout.title.text == f"{len(rows)} events, 2015 to 2026"
    names = [t.name for t in fig.data]
    assert names == [story.CATEGORY_LABELS[c] for c in story.CATEGORIES]
    assert {t.marker.color for t in fig.data} <= set(SAFE)
    assert sum(len(t.x) for t in fig.data) == len(rows)
    policy = next(t for t in fig.data if t.name == "Policy")
    rule = next(h for h in policy.text if "07 Oct 2022" in h)
    assert "Chips: A100, H100" in rule and "Source: BIS" in rule
    notes = [a.text for a in fig.layout.annotations]
    assert "A100 purchase (2021)" in notes
    assert fig.layout.height <= 500  # readable on a phone without scrolling past it
    assert len(payload["data"]) == 5
    # labels live in the hover and the table, not as dozens of text labels on the chart
    assert all(t.mode == "markers" for t in fig.data)


def test_timeline_chart_one_category(tables):
    rows = story.timeline_events(tables["events"], ["markets"])
    fig = story.timeline_chart(rows, source="test")
    assert [t.name for t in fig.data] == ["Markets"]
    assert fig.layout.title.text.startswith(f"{len(rows)} events")


def test_timeline_table_has_links_and_no_blanks(tables):
    table = story.timeline_table(story.timeline_events(tables["events"]))
    assert list(table.columns)[:4] == ["date", "category", "event", "chips caught"]
    assert table["link"].str.startswith("http").all()
    assert not table.isna().any().any()
    assert (table["chips caught"] != "").all()


def test_plain_keeps_hover_text_literal():
    assert story._plain("<script>") == "&lt;script&gt;"
    assert story._plain("<br>a<b") == "<br>a&lt;b"


# ---------------------------------------------------------------------------------------------
# Market


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
    table = story.reported_table(m)
    assert table["implied shares"].tolist() == ["24.34B", "24.49B", "24.62B"]
    text = story.reported_explainer(m)
    assert "24.34B, 24.49B, 24.62B" in text and "$4.7B" in text


def test_scale_chart_is_log_and_states_the_ratio(tables):
    m = _market(tables)
    fig = story.scale_chart(m, source=story.MARKET_SOURCE)
    _assert_chart_basics(fig)
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
    fig = story.scale_chart(_market(tables, mkt_after=150.0), source="test")
    assert "Nvidia drop" not in fig.data[0].y
    assert fig.layout.title.text.startswith("No drop")
    assert all(v > 0 for v in fig.data[0].x)


def test_log_ticks():
    ticks, text = story.log_ticks([5e6, 2e8])
    assert ticks == [1e6, 1e7, 1e8, 1e9] and text == ["$1M", "$10M", "$100M", "$1B"]
    _ticks, sparse = story.log_ticks([294e3, 1e12])
    assert [t for t in sparse if t] == ["$1M", "$1B", "$1T"]


# ---------------------------------------------------------------------------------------------
# Compare


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
    r = _compare(tables, cmp_basis="compute", cmp_gpu="H100", cmp_precision="BF16", cmp_mfu=40.0)
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
    reported = [f for f in r.figures if f.kind != story.RECOMPUTED]
    cost_rows = tables["models"][tables["models"]["metric"].str.startswith("cost_")]
    assert len(reported) == len(cost_rows)
    assert all(f.counts for f in r.figures)
    claude = next(f for f in reported if f.model == "Claude 3.5 Sonnet" and f.high > f.value)
    assert (claude.low, claude.high) == (20e6, 50e6)


def test_compare_table(tables):
    r = _compare(tables)
    table = story.compare_table(r)
    assert len(table) == len(r.figures)
    assert not table.isna().any().any()
    v3 = table[(table["model"] == "DeepSeek-V3") & (table["figure"] == story.RECOMPUTED)]
    assert v3["cost"].tolist() == ["$5.58M"] and v3["GPU-hours"].tolist() == ["2.79M GPU-hours"]
    assert table["link"].str.startswith("http").all()
    assert table["model"].iloc[0] == "DeepSeek-V3"


def test_compare_chart(tables):
    r = _compare(tables)
    fig = story.compare_chart(r, source=story.COMPARE_SOURCE)
    _assert_chart_basics(fig)
    assert fig.layout.xaxis.type == "log"
    assert [t.name for t in fig.data] == list(story.FIGURE_COLOURS)
    assert {t.marker.color for t in fig.data} <= set(SAFE)
    claude = next(t for t in fig.data if t.name == story.COST_METRICS["cost_reported"])
    i = list(claude.y).index("Claude 3.5 Sonnet")
    assert claude.error_x.array[i] == pytest.approx(30e6)
    assert list(fig.layout.yaxis.categoryarray)[-1] == "DeepSeek-V3"  # top row
    shown = sum(len(t.x) for t in fig.data)
    assert shown == sum(1 for f in r.figures if f.in_chart)


def test_compare_summary_and_highlights(tables):
    r = _compare(tables)
    assert r.summary()["DeepSeek-V3 recomputed USD"] == 5_576_000
    assert [f.model for f in story.compare_highlights(r)][0] == "DeepSeek-V3"
    assert story.compare_inputs("compute")[-1] == "cmp_price"


# ---------------------------------------------------------------------------------------------
# Data and sources


def test_filter_rows(tables):
    figs = tables["figures"]
    assert len(story.filter_rows(figs)) == len(figs)
    market = story.filter_rows(figs, category_column="category", categories=["market"])
    assert set(market["category"]) == {"market"} and len(market) > 5
    derived = story.filter_rows(figs, statuses=["derived"], confidences=["high", "medium"])
    assert set(derived["status"]) == {"derived"}
    assert set(derived["confidence"]) <= {"high", "medium"}
    hit = story.filter_rows(figs, query="V3_COST_TOTAL")
    assert "v3_cost_total" in set(hit["id"])
    assert story.filter_rows(figs, query="no such text anywhere").empty


def test_options_readable_and_column_order(tables):
    assert story.options(tables["prices"], "kind") == ["purchase", "rental"]
    shown = story.readable(tables["figures"])
    row = shown[shown["id"] == "v3_gpu_hours_total"].iloc[0]
    assert row["shown"] == "2.79M GPU-hours"
    order = story.column_order(tables["figures"])
    assert order[:3] == ["id", "label", "date"] and "source_url" in order[:8]
    assert set(order) == set(shown.columns)


@pytest.mark.parametrize("name", ["figures", "events", "gpus", "prices", "models"])
def test_raw_csv_is_the_shipped_file(name):
    assert story.raw_csv(DATA, name) == (DATA / f"{name}.csv").read_bytes()
    frame = pd.read_csv(DATA / f"{name}.csv")
    assert story.CATEGORY_COLUMN[name] in frame.columns


def test_raw_csv_refuses_other_files():
    with pytest.raises(KeyError):
        story.raw_csv(DATA, "../pyproject")


def test_methods_have_worked_examples_and_sources(tables):
    methods = story.methods(tables)
    assert [m.name for m in methods] == [
        "Rental",
        "Compute (6ND)",
        "MFU",
        "Ownership (Epoch AI)",
        "Fleet capex",
    ]
    assert methods[0].example == "2.79M GPU-hours × $2.00/GPU-hour = $5.58M"
    assert "3.29e24 FLOP" in methods[1].example
    assert "17.3%" in methods[2].example
    assert methods[3].example.endswith("$2.12 per GPU-hour")
    assert "287×" in methods[4].example
    for m in methods:
        assert m.formula and m.source_name and m.source_url.startswith("http")
        assert "nan" not in m.example.lower() and "inf" not in m.example.lower()


def test_scopes_say_what_each_number_counts(tables):
    frame = story.scopes(tables)
    assert len(frame) == len(story.SCOPES)
    assert not frame.isna().any().any()
    text = story.scope_markdown(tables)
    assert text.count("\n- ") == len(story.SCOPES) - 1
    assert "Leaves out" in text and "\\$5\\.58M" in text
    assert "$5" not in text.replace("\\$5", "")


def test_no_story_output_is_not_finite(tables):
    for h in story.headlines(tables):
        assert math.isfinite(h.value) and h.shown != fmt.DASH
    for f in _compare(tables, cmp_basis="compute").figures:
        assert all(math.isfinite(x) and x > 0 for x in (f.value, f.low, f.high))
