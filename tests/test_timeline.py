"""Pure tests of aicost.timeline and its chart."""

from __future__ import annotations

from aicost import charts_story, timeline
from aicost.charts import SAFE

from .conftest import assert_chart_basics


def test_timeline_events_filter_and_sort(tables):
    events = tables["events"]
    everything = timeline.timeline_events(events)
    assert len(everything) == len(events)
    assert everything["when"].is_monotonic_increasing
    policy = timeline.timeline_events(events, ["policy", "markets"])
    assert set(policy["category"]) == {"policy", "markets"}
    assert timeline.timeline_events(events, []).empty


def test_timeline_covers_the_export_control_steps(tables):
    dates = set(tables["events"]["date"])
    for day in ("2022-08-26", "2022-10-07", "2023-10-17", "2024-12-02", "2025-01-13",
                "2025-04-09", "2025-05-13", "2025-07-14", "2025-12-08", "2025-01-27"):  # fmt: skip
        assert day in dates, day


def test_chips_text_and_find_event(tables):
    assert timeline.chips_text("A100;A800; H800") == "A100, A800, H800"
    assert timeline.chips_text("") == "—"
    hit = timeline.find_event(tables["events"], "2021", ["A100"])
    assert hit is not None and hit["date"].startswith("2021")
    assert timeline.find_event(tables["events"], "1999", ["a100"]) is None
    assert timeline.timeline_marks(tables["events"]) == [(hit["id"], "A100 purchase (2021)")]


def test_timeline_chart_lanes_hover_and_annotation(tables):
    rows = timeline.timeline_events(tables["events"])
    fig = charts_story.timeline_chart(
        rows, source=timeline.TIMELINE_SOURCE, marks=timeline.timeline_marks(tables["events"])
    )
    payload = assert_chart_basics(fig)
    assert fig.layout.title.text == f"{len(rows)} events, 2015 to 2026"
    names = [t.name for t in fig.data]
    assert names == [timeline.CATEGORY_LABELS[c] for c in timeline.CATEGORIES]
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
    rows = timeline.timeline_events(tables["events"], ["markets"])
    fig = charts_story.timeline_chart(rows, source="test")
    assert [t.name for t in fig.data] == ["Markets"]
    assert fig.layout.title.text.startswith(f"{len(rows)} events")


def test_timeline_table_has_links_and_no_blanks(tables):
    table = timeline.timeline_table(timeline.timeline_events(tables["events"]))
    assert list(table.columns)[:4] == ["date", "category", "event", "chips caught"]
    assert table["link"].str.startswith("http").all()
    assert not table.isna().any().any()
    assert (table["chips caught"] != "").all()
