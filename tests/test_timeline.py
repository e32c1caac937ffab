"""Pure tests of aicost.pages.timeline.scenario and its chart."""

from __future__ import annotations

from aicost.base.data import SCHEMAS
from aicost.base.release import Store
from aicost.pages.timeline import charts as timeline_charts
from aicost.pages.timeline import scenario as timeline
from aicost.report.charts import SAFE

from .conftest import RELEASES, assert_chart_basics

#: Release 3, the last without both sides of each rule: a link to it keeps the US-only reading
#: these tests pin (release 4's two-sided reading: tests/test_legality.py).
RELEASE_3 = Store(RELEASES).tables("3")


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


def test_chips_text():
    assert timeline.chips_text("A100;A800; H800") == "A100, A800, H800"
    assert timeline.chips_text("") == "—"


def test_key_steps_are_events_and_their_labels_fit_a_phone(tables):
    ids = set(tables["events"]["id"])
    for event_id, label in timeline.KEY_STEPS:
        assert event_id in ids, event_id
        assert len(label) <= timeline.LABEL_LIMIT, label
    every = timeline.chart_rows(tables["events"], key_only=False)
    assert len(every) == len(tables["events"])
    assert (every["short"].str.len() <= timeline.LABEL_LIMIT + 1).all()


def test_timeline_chart_labels_every_row_and_hover_has_the_detail(tables):
    rows = timeline.chart_rows(tables["events"])
    fig = timeline_charts.timeline_chart(rows, source=timeline.TIMELINE_SOURCE)
    payload = assert_chart_basics(fig)
    assert fig.layout.title.text.startswith(f"{len(rows)} events, 2021 to 2026")
    names = [t.name for t in fig.data]
    assert names == [timeline.CATEGORY_LABELS[c] for c in timeline.CATEGORIES if c != "company"]
    assert {t.marker.color for t in fig.data} <= set(SAFE)
    labels = [x for t in fig.data for x in t.text]
    assert sorted(labels) == sorted(label for _id, label in timeline.KEY_STEPS)
    assert all(t.mode == "markers+text" for t in fig.data)
    # one row per event: no two markers share a row, however close their dates
    ys = [y for t in fig.data for y in t.y]
    assert sorted(ys) == list(range(len(rows)))
    policy = next(t for t in fig.data if t.name == "Policy")
    rule = next(h for h in policy.customdata if "07 Oct 2022" in h)
    assert "Chips: A100, H100" in rule and "Source: BIS" in rule and "3A090" in rule
    assert len(payload["data"]) == 4


def test_timeline_chart_every_event_one_category(tables):
    rows = timeline.chart_rows(tables["events"], ["markets"], key_only=False)
    fig = timeline_charts.timeline_chart(rows, source="test")
    assert [t.name for t in fig.data] == ["Markets"]
    assert fig.layout.title.text.startswith(f"{len(rows)} events")


def test_every_declared_event_category_has_a_lane_a_label_and_a_distinct_style(tables):
    # The categories are declared once, in data.SCHEMAS["events"]; the chart styles each one.
    declared = next(c for c in SCHEMAS["events"].columns if c.name == "category").choices
    assert timeline.CATEGORIES == tuple(declared)
    assert set(tables["events"]["category"]) <= set(timeline.CATEGORIES)
    assert list(timeline_charts.CATEGORY_STYLES) == list(timeline.CATEGORIES)
    styles = list(timeline_charts.CATEGORY_STYLES.values())
    assert len({c for c, _ in styles}) == len({s for _, s in styles}) == len(styles)
    assert all(colour in SAFE for colour, _ in styles)
    rows = timeline.chart_rows(tables["events"], timeline.CATEGORIES, key_only=False)
    names = {t.name for t in timeline_charts.timeline_chart(rows, source="test").data}
    assert names == {timeline.CATEGORY_LABELS[c] for c in set(rows["category"])}


def test_legal_periods_read_the_rules_from_the_events():
    periods = timeline.legal_periods(RELEASE_3["events"])
    assert [p.event_id for p in periods] == [e for e, _effect in timeline.RULES]
    legal = {p.start: p.legal for p in periods}
    assert legal["2021-01-01"] == ["A100"]
    assert legal["2022-08-26"] == []  # the license letter caught the A100 and the H100
    assert legal["2023-03-21"] == ["A800", "H800"]
    assert legal["2023-10-17"] == []
    assert legal["2023-11-09"] == ["H20"]  # mid-2024: only the H20
    assert legal["2025-04-09"] == []
    assert legal["2025-12-08"] == ["H20", "H200"]
    table = timeline.legality_table(periods)
    # release 3 names six chips; the RTX Pro 6000D, followed from release 4, has no column
    assert list(table.columns[3:9]) == list(timeline.CHIPS[:6])
    assert not table.isna().any().any()


def test_chip_ceiling_is_sourced_from_gpus_csv():
    tables = RELEASE_3
    steps = timeline.chip_ceiling(tables["events"], tables["gpus"])
    by_start = {c.start: c for c in steps}
    h800 = by_start["2023-03-21"]
    assert (h800.chip, h800.bf16_tflops, h800.nvlink_gbs) == ("H800", 989.0, 400.0)
    assert h800.spec_ids == ("h800_bf16_dense", "h800_nvlink")
    assert by_start["2022-11-08"].chip == "A800"
    assert by_start["2023-11-09"].chip == "H20" and by_start["2023-11-09"].bf16_tflops == 148.0
    assert by_start["2025-04-09"].chip == ""
    ids = set(tables["gpus"]["id"])
    assert all(i in ids for c in steps for i in c.spec_ids)
    # from the H200's approval, the H200 (release 3 added its specs)
    h200 = by_start["2025-12-08"]
    assert (h200.chip, h200.bf16_tflops, h200.nvlink_gbs, h200.unranked) == (
        "H200",
        989.0,
        900.0,
        (),
    )
    # a legal chip with no BF16 row is named, not silently dropped
    gpus = tables["gpus"][tables["gpus"]["gpu"] != "H200"]
    without = {c.start: c for c in timeline.chip_ceiling(tables["events"], gpus)}
    assert without["2025-12-08"].unranked == ("H200",)
    assert without["2025-12-08"].chip == "H20"


def test_ceiling_chart_labels_steps_and_marks_releases():
    tables = RELEASE_3
    steps = timeline.chip_ceiling(tables["events"], tables["gpus"])
    fig = timeline_charts.ceiling_chart(
        steps, timeline.releases(tables["events"]), source=timeline.CEILING_SOURCE
    )
    assert_chart_basics(fig)
    peak, labels = fig.data[0], fig.data[1]
    levels = [y for y in peak.y if y is not None]
    assert set(levels) == {c.bf16_tflops for c in steps if c.chip}
    assert list(labels.text) == [
        "A100<br>on sale",
        "A800<br>on sale",
        "H800<br>on sale",
        "H20<br>on sale",
        "H20<br>licensed",
        "H200<br>licensed",
    ]
    assert [a.text for a in fig.layout.annotations] == ["DeepSeek V3, R1"]
    gaps = next(t for t in fig.data if t.name == "None without a license")
    assert list(gaps.x) == [c.start for c in steps if not c.chip]
    assert fig.layout.yaxis2.title.text == "NVLink GB/s"


def test_timeline_table_has_links_and_no_blanks(tables):
    table = timeline.timeline_table(timeline.timeline_events(tables["events"]))
    assert list(table.columns)[:4] == ["date", "category", "event", "chips caught"]
    assert table["link"].str.startswith("http").all()
    assert not table.isna().any().any()
    assert (table["chips caught"] != "").all()
