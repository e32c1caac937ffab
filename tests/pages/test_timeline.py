"""/timeline (pages/4_timeline.py): the computation (aicost.pages.timeline: the events, the chips
China could legally buy in each period and their ceiling), its charts, its finding, and the
page in AppTest (its chart in the first run, the filters, the source table opened on a click).
"""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from aicost.base.data import SCHEMAS
from aicost.base.release import Store
from aicost.pages.timeline import charts as timeline_charts
from aicost.pages.timeline import scenario as timeline
from aicost.pages.timeline import standing
from aicost.report.charts import SAFE
from tests.apptest import held, open_page
from tests.conftest import RELEASES, assert_chart_basics, release_tables

#: Release 3, the last without both sides of each rule: a link to it keeps the US-only reading
#: these tests pin (release 4's two-sided reading: tests/test_legality.py).
RELEASE_3 = release_tables("3")
TIMELINE = "pages/4_timeline.py"
CURRENT = Store(RELEASES).current.id


def _open(*, opened: str = "", **params: str) -> AppTest:
    """Open /timeline with these link parameters; ``opened``: the key of a table to open."""
    at = open_page(TIMELINE, dict(params), opened={opened: True} if opened else None)
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---- the computation and its charts ---------------------------------------------------------


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
    periods = standing.legal_periods(RELEASE_3["events"])
    assert [p.event_id for p in periods] == [e for e, _effect in standing.RULES]
    legal = {p.start: p.legal for p in periods}
    assert legal["2021-01-01"] == ["A100"]
    assert legal["2022-08-26"] == []  # the license letter caught the A100 and the H100
    assert legal["2023-03-21"] == ["A800", "H800"]
    assert legal["2023-10-17"] == []
    assert legal["2023-11-09"] == ["H20"]  # mid-2024: only the H20
    assert legal["2025-04-09"] == []
    assert legal["2025-12-08"] == ["H20", "H200"]
    table = standing.legality_table(periods)
    # release 3 names six chips; the RTX Pro 6000D, followed from release 4, has no column
    assert list(table.columns[3:9]) == list(standing.CHIPS[:6])
    assert not table.isna().any().any()


def test_chip_ceiling_is_sourced_from_gpus_csv():
    tables = RELEASE_3
    steps = standing.chip_ceiling(standing.legal_periods(tables["events"]), tables["gpus"])
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
    without = {
        c.start: c for c in standing.chip_ceiling(standing.legal_periods(tables["events"]), gpus)
    }
    assert without["2025-12-08"].unranked == ("H200",)
    assert without["2025-12-08"].chip == "H20"


def test_ceiling_chart_labels_steps_and_marks_releases():
    tables = RELEASE_3
    steps = standing.chip_ceiling(standing.legal_periods(tables["events"]), tables["gpus"])
    fig = timeline_charts.ceiling_chart(
        steps, standing.releases(tables["events"]), source=standing.CEILING_SOURCE
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
    gaps = next(t for t in fig.data if t.name == "None could be obtained")
    assert list(gaps.x) == [c.start for c in steps if not c.chip]
    assert fig.layout.yaxis2.title.text == "NVLink GB/s"


def test_timeline_table_has_links_and_no_blanks(tables):
    table = timeline.timeline_table(timeline.timeline_events(tables["events"]))
    assert list(table.columns)[:4] == ["date", "category", "event", "chips caught"]
    assert table["link"].str.startswith("http").all()
    assert not table.isna().any().any()
    assert (table["chips caught"] != "").all()


# ---- the page -------------------------------------------------------------------------------


def test_the_timeline_draws_its_chart_in_the_first_run():
    """The timeline's chart is its answer (no figures above it): drawn at once, no signal."""
    first = open_page(TIMELINE, painted=False)
    assert len(first.get("plotly_chart")) == 2 and not held(first)


def test_the_source_table_is_made_only_when_opened():
    closed = _open()
    assert not closed.table and not closed.dataframe  # no table code for the browser to load
    assert len(_open(opened="timeline_sources").table) == 1


def test_a_link_parameter_the_timeline_lacks_is_named():
    """One readable example (the link fuzz tries every kind on every page)."""
    (note,) = [w.value for w in _open(zzz="1").warning]
    assert note.startswith("Some values in this link were ignored") and "`zzz`" in note


def test_timeline_shows_every_event_and_filters(tables):
    at = _open(opened="timeline_sources")
    assert len(at.get("plotly_chart")) == 2  # the labelled steps and the chip ceiling
    frame = at.table[0].value
    assert len(frame) == len(tables["events"])
    assert frame["link"].str.startswith("[open source](https://").all()
    pills = at.get("button_group")[0]
    pills.set_value(["policy"]).run()
    assert not at.exception
    frame = at.table[0].value
    assert set(frame["category"]) == {"Policy"}
    assert "2022\\-10\\-07" in set(frame["date"])  # markdown-escaped cells
    pills.set_value([]).run()
    assert len(at.get("plotly_chart")) == 1 and "Choose at least one" in at.info[0].value


def test_timeline_answers_what_china_could_buy(tables):
    # release 3's US-only reading (a link to it keeps it); release 4's: tests/test_legality.py
    at = _open(opened="timeline_legality", rel="3")
    text = " ".join(m.value.replace("\\", "") for m in at.markdown)
    h20 = "Nvidia H20 (China variant of H100) priced for China"
    assert f"- 2023-11-09 ({h20}) to 2025-04-09: H20" in text
    legality = at.table[0].value
    mid_2024 = legality[legality["from"] == "2023\\-11\\-09"].iloc[0]
    assert mid_2024["H20"] == "legal" and mid_2024["H800"] == "license needed"


# ---- the finding, in words ------------------------------------------------------------------


def test_the_timeline_finding_dates_the_chip_and_the_rule_as_the_page_does():
    at = _open(rel="2")
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "DeepSeek trained V3" in m.value)
    assert text == (
        "**DeepSeek trained V3 (released 2024-12-26) on the H800, which could be sold to China "
        "from 2023-03-21 until the US rule of 2023-10-17 caught it.**"
    )
    events = release_tables("2")["events"].set_index("id")
    assert (
        events.loc["v3_release", "date"] == "2024-12-26"
        and "H800" in events.loc["v3_release", "chips"]
    )
    assert events.loc["h800_launch", "date"] == "2023-03-21"
    assert events.loc["bis_rule_2023_10_17", "date"] == "2023-10-17"
    # the same dates open the lines of the page's "What China could legally buy" list
    listing = next(m.value.replace("\\", "") for m in at.markdown if m.value.startswith("- 2021"))
    h800 = "Nvidia H800 (China variant of H100) released"
    assert f"- 2023-03-21 ({h800}) to 2023-10-17: A800, H800" in listing
    caught = listing.split("- 2023-10-17")[1].split("\n")[0]  # the rule names the H800
    assert "H800" not in caught.rsplit(": ", 1)[1], "the answer after it does not"
    assert text.strip("*") in at.get("plotly_chart")[0].proto.alt


# ---- for a class (#28.10): the rules named, the view in the link, a share box ----------------


def test_the_list_and_the_chart_name_the_rules(tables):
    events = tables["events"]
    periods = standing.legal_periods(events)
    names = timeline.opening_names(events, periods)
    lines = standing.could_buy(periods, names)
    assert "2022-08-26 (License letter: A100, H100) to 2022-11-08: none" in lines
    assert "2023-10-17 (Rule: A800, H800 caught) to 2024-05-24: none" in lines
    assert "2025-04-09 (H20 needs a license) to 2025-08-08: none" in lines
    assert "2025-10-10 (China customs stop H20) to 2026-05-31: none" in lines
    # the chart: each stretch without a chip is named by the rule that began it
    steps = standing.chip_ceiling(standing.legal_periods(events), tables["gpus"])
    fig = timeline_charts.ceiling_chart(
        steps, standing.releases(events), source="test", names=names
    )
    rules = [a.text for a in fig.layout.annotations if a.textangle == -90]
    assert rules == [
        "License letter: A100, H100",
        "Rule: A800, H800 caught",
        "H20 needs a license",
        "China customs stop H20",
    ]
    gaps = next(t for t in fig.data if t.name == "None could be obtained")
    assert list(gaps.x) == ["2022-08-26", "2023-10-17", "2025-04-09", "2025-10-10"]


def test_every_event_is_a_view_in_the_link(tables):
    at = _open(tl_events="Every event")
    (events,) = [
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "events" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    ]
    assert sum(len(t["y"]) for t in events["data"]) == len(tables["events"])
    assert at.code[0].value.endswith("/timeline?tl_events=Every+event&rel=" + CURRENT)
    key = _open()
    (steps,) = [
        json.loads(c.proto.spec)
        for c in key.get("plotly_chart")
        if "events" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    ]
    assert sum(len(t["y"]) for t in steps["data"]) == len(timeline.KEY_STEPS)
    assert key.code[0].value.endswith(f"/timeline?rel={CURRENT}")


def test_the_timeline_and_the_overview_have_a_share_box_without_a_reset():
    for script, link in ((TIMELINE, "/timeline?rel="), ("app.py", "/?rel=")):
        at = open_page(script)
        assert not at.exception
        assert at.code[0].value.endswith(link + CURRENT), script
        assert any(c.value.startswith("@misc{whatdeepseekcost_") for c in at.code)
        buttons = {b.label for b in at.button}
        assert "Reset to sourced defaults" not in buttons, "nothing to reset"
        assert {d.label for d in at.get("download_button")} >= {
            "Scenario as CSV",
            "Scenario as JSON",
        }


def test_the_overview_links_to_what_the_rules_cost_where_it_speaks_of_the_rules():
    at = open_page("app.py")
    text = [m.value.replace("\\", "") for m in at.markdown]
    assert any(t.startswith("DeepSeek trained V3 (released 2024-12-26) on the H800") for t in text)
    assert "The chips the export rules allowed" in [s.value for s in at.subheader]
    links = [p.proto for p in at.get("page_link") if p.proto.query_string]
    assert any(
        p.page == "rules-cost"
        and p.label == "What the export rules cost"
        and p.query_string == f"rel={CURRENT}"
        for p in links
    )
