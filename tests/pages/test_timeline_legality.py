"""Legality from both sides (release 4 on): for any chip and day, the US rule's state, China's
stance, the chip's supply and what arrived, and whether a Chinese buyer could legally obtain it.

Pure tests of aicost.pages.timeline.standing on the current release, one AppTest of /timeline,
and the reading kept for links to releases 1 to 3 (US side only).
"""

from __future__ import annotations

import datetime as dt
import json

import pytest

from aicost.base.release import Store
from aicost.pages.timeline import finding as timeline_finding
from aicost.pages.timeline import standing as timeline
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.apptest import finding, open_page, plain
from tests.conftest import RELEASES

STORE = Store(RELEASES)


def _on(tables, day: str) -> dict[str, timeline.ChipStanding]:
    return {s.chip: s for s in timeline.standing(tables["events"], day)}


# ---- the cases the issue names ----------------------------------------------------------------


def test_on_2026_01_20_the_h200_needed_a_case_by_case_licence_china_blocked_it_none_arrived(
    tables,
):
    h200 = _on(tables, "2026-01-20")["H200"]
    assert h200.us_state == "case_by_case"
    assert h200.china_stance == "customs_block"
    assert h200.delivered is False  # none had arrived by 2026-02-24, so none by this day
    assert "2026-02-24" in h200.delivered_text
    assert not h200.obtainable
    assert h200.cell == "US licence reviewed case by case; stopped at China's customs"
    assert {"h200_rule_2026_01_15", "china_customs_h200_block", "no_h200_delivered_2026_02"} <= (
        set(h200.event_ids)
    )
    assert "25%" in " ".join(h200.terms), "the tariff stays attached to the sale"


def test_on_2024_06_30_the_h20_is_obtainable_and_the_h800_and_a800_are_not(tables):
    chips = _on(tables, "2024-06-30")
    assert chips["H20"].obtainable and chips["H20"].us_state == "none"
    assert chips["H20"].delivered is True
    assert not chips["H800"].obtainable and chips["H800"].us_state == "licence"
    assert not chips["A800"].obtainable and chips["A800"].us_state == "licence"
    assert [s.chip for s in timeline.standing(tables["events"], "2024-06-30") if s.obtainable] == [
        "H20"
    ]


def test_an_announcement_alone_never_makes_a_chip_obtainable(tables):
    h200 = _on(tables, "2025-12-08")["H200"]  # Trump's announcement
    assert h200.us_state == "promised" and not h200.obtainable
    h20 = _on(tables, "2025-07-20")["H20"]  # licences promised on 2025-07-14, issued 2025-08-08
    assert h20.us_state == "promised" and not h20.obtainable
    priced = _on(tables, "2024-01-15")["H20"]  # priced on 2023-11-09, on sale from 2024-05-24
    assert not priced.obtainable and priced.cell.startswith("announced, not yet on sale")


@pytest.mark.parametrize(
    ("day", "us", "china", "obtainable"),
    [
        ("2025-04-10", "licence", "none", False),  # licence required (2025-04-09)
        ("2025-07-20", "promised", "none", False),  # resumption announced (2025-07-14)
        ("2025-08-09", "allowed", "none", True),  # licences issued (2025-08-08)
        ("2025-08-13", "allowed", "discouraged", True),  # China discourages it (2025-08-12)
        ("2025-08-23", "allowed", "discouraged", True),  # production halted (2025-08-22)
        ("2025-10-11", "allowed", "customs_block", False),  # customs crackdown (2025-10-10)
        ("2025-11-06", "allowed", "customs_block", False),  # a milder ban does not lift it
    ],
)
def test_the_h20_sequence_through_2025(tables, day, us, china, obtainable):
    h20 = _on(tables, day)["H20"]
    assert (h20.us_state, h20.china_stance, h20.obtainable) == (us, china, obtainable)


def test_the_h20s_revenue_share_and_halted_production_are_said(tables):
    h20 = _on(tables, "2025-09-01")["H20"]
    assert any("15%" in t for t in h20.terms)
    assert h20.on_sale and h20.sale_text == "production halted 2025-08-22, sold from stock"
    assert h20.cell == "legal with licence; Chinese firms told to avoid it"


def test_chinas_approval_lifts_its_customs_block_but_not_the_us_licence(tables):
    h200 = _on(tables, "2026-03-01")["H200"]
    assert h200.china_stance == "approved" and h200.us_state == "case_by_case"
    assert not h200.obtainable
    assert h200.delivered is None, "after the last report, nothing is known"
    assert "nothing reported since" in h200.delivered_text


def test_every_standing_names_the_events_and_sources_behind_it(tables):
    ids = set(tables["events"]["id"])
    for day in ("2021-06-01", "2023-06-01", "2024-06-30", "2025-09-01", "2026-05-31"):
        for s in timeline.standing(tables["events"], day):
            assert set(s.event_ids) <= ids
            if s.event_ids:
                assert s.sources
            assert s.us_text and s.china_text and s.sale_text and s.delivered_text


def test_a_day_before_every_event_and_a_day_after_all_of_them(tables):
    early = timeline.standing(tables["events"], "2019-01-01")
    assert early and not any(s.obtainable for s in early)
    assert all(s.us_state == "none" and not s.on_sale for s in early)
    late = _on(tables, "2030-01-01")
    assert not any(s.obtainable for s in late.values())
    assert late["RTX Pro 6000D"].china_stance == "customs_block"


# ---- periods, list, table, ceiling and finding -------------------------------------------------


def test_what_china_could_buy_reads_both_sides(tables):
    periods = timeline.legal_periods(tables["events"])
    lines = timeline.could_buy(periods)
    assert "2024-05-24 to 2025-04-09: H20" in lines
    assert "2025-08-08 to 2025-10-10: H20" in lines, "one line while the answer holds"
    assert lines[-1] == "2025-10-10 to 2026-05-31: none"
    assert len(lines) < len(periods)
    after = [p for p in periods if p.start >= "2025-10-10"]
    assert after and all(p.legal == [] for p in after), "the customs block stopped the H20"
    assert not any("H200" in p.legal for p in periods)
    assert periods[-1].end == "2026-05-31"


def test_the_legality_table_has_a_column_per_followed_chip_and_no_blanks(tables):
    table = timeline.legality_table(timeline.legal_periods(tables["events"]))
    assert list(table.columns[3:10]) == list(timeline.CHIPS)
    assert not table.isna().any().any() and (table[list(timeline.CHIPS)] != "").all().all()
    row = table[table["from"] == "2026-01-15"].iloc[0]
    assert row["H200"] == "US licence reviewed case by case; stopped at China's customs"
    assert row["could buy"] == "none"


def test_the_ceiling_is_the_best_obtainable_chip(tables):
    steps = {
        c.start: c
        for c in timeline.chip_ceiling(timeline.legal_periods(tables["events"]), tables["gpus"])
    }
    assert steps["2023-11-09"].chip == "", "a price report is no sale"
    assert (steps["2024-05-24"].chip, steps["2024-05-24"].effect) == ("H20", "sale")
    assert (steps["2025-08-08"].chip, steps["2025-08-08"].effect) == ("H20", "allowed")
    assert steps["2025-10-10"].chip == ""
    assert steps["2025-12-08"].chip == "" and steps["2026-01-28"].chip == ""


def test_the_finding_says_where_the_chips_stand_now(tables):
    events = tables["events"]
    text = timeline_finding.timeline(events, timeline.legal_periods(events))
    assert text.startswith(
        "DeepSeek trained V3 (released 2024-12-26) on the H800, which could be sold to China "
        "from 2023-03-21 until the US rule of 2023-10-17 caught it. From 2026-01-28, a Chinese "
        "buyer could legally obtain none of the Nvidia chips followed here"
    )
    assert "the H20: stopped at China's customs" in text
    assert "the H200: a US licence reviewed case by case" in text


# ---- releases without both sides ---------------------------------------------------------------


@pytest.mark.parametrize("rid", ["1", "2", "3"])
def test_a_release_without_both_sides_keeps_its_us_only_reading(rid):
    events = STORE.tables(rid)["events"]
    assert not timeline.two_sided(events)
    assert (events["us_rule"] == "").all(), "the added columns load empty"
    periods = timeline.legal_periods(events)
    assert [p.event_id for p in periods] == [e for e, _ in timeline.RULES if e in set(events["id"])]
    # its one-sided reading: the H20 sold from its first price report (release 1 lacked it)
    expected = "h20_launch" in set(events["id"])
    assert _on(STORE.tables(rid), "2024-06-30")["H20"].obtainable is expected
    assert timeline_finding.latest(periods[-1]) == ""


# ---- the page ---------------------------------------------------------------------------------


def test_the_timeline_page_shows_both_sides_on_the_current_release():
    at = open_page("pages/4_timeline.py", opened={"timeline_legality": True})
    assert not at.exception
    assert at.query_params["rel"] == STORE.current.id
    text = plain(" ".join(m.value for m in at.markdown))
    assert "- 2024-05-24 (H20 on sale in China) to 2025-04-09: H20" in text
    assert "From 2026-01-28, a Chinese buyer could legally obtain none" in text
    legality = at.table[0].value
    row = legality[legality["from"] == "2026\\-01\\-15"].iloc[0]
    assert plain(row["H200"]) == "US licence reviewed case by case; stopped at China's customs"


# ---- any day, in the link (#26 item 2): the page, its JSON answer and its preview agree ------

TIMELINE = "pages/4_timeline.py"


def _chips(at) -> dict[str, str]:
    """Each chip's line under "On <day>: each chip, and what had arrived", as a reader sees it."""
    listed = next(plain(m.value) for m in at.markdown if m.value.startswith("- **A100**"))
    return {line.split("**")[1]: line.split("**", 2)[2].strip() for line in listed.splitlines()}


def test_on_2026_01_20_the_page_says_the_h200_needed_a_case_by_case_licence_was_blocked_and_none_arrived():
    # a link with only the day and no rel was not made before releases: current data
    at = open_page(TIMELINE, {"on": "2026-01-20"})
    assert not at.exception
    assert at.query_params["rel"] == STORE.current.id
    said = finding(at)
    assert said.startswith(
        "On 2026-01-20, a Chinese buyer could legally obtain none of the Nvidia chips followed"
    )
    assert (
        "the H200: a US licence reviewed case by case, stopped at China's customs, none "
        "delivered by 2026-02-24" in said
    )
    h200 = _chips(at)["H200"]
    assert h200.startswith("could not be obtained. US licence reviewed case by case (2026-01-15")
    assert "stopped at China's customs (2026-01-14" in h200
    assert "none delivered by 2026-02-24" in h200 and "Terms:" in h200 and "25%" in h200
    # the JSON answer (and so the preview and the offline copy) says the same
    r = open_link(BY_PATH["timeline"], {"on": ["2026-01-20"]}, STORE, STORE.tables)
    assert r.release.id == STORE.current.id and r.finding == said
    assert r.link == f"/timeline?on=2026-01-20&rel={STORE.current.id}"
    answer = r.as_json()
    assert answer["results"]["on"] == "2026-01-20"
    assert answer["results"]["obtainable"] == "none"
    assert answer["results"]["H200"] == h200
    assert r.title == "Export-control timeline: what China could obtain on 2026-01-20"
    assert r.statement.startswith("On 2026-01-20, a Chinese buyer could legally obtain none")


def test_on_2024_06_30_the_page_gives_the_h20_as_obtainable_and_the_h800_and_a800_not():
    at = open_page(TIMELINE, {"on": "2024-06-30", "rel": STORE.current.id})
    assert not at.exception
    assert finding(at).startswith("On 2024-06-30, a Chinese buyer could legally obtain the H20 (")
    chips = _chips(at)
    assert chips["H20"].startswith("could be obtained.")
    assert chips["H800"].startswith("could not be obtained. US licence required")
    assert chips["A800"].startswith("could not be obtained. US licence required")
    # the list marks the stretch the day falls in, the chart marks the day
    listed = plain(next(m.value for m in at.markdown if m.value.startswith("- 2021")))
    assert "- **2024-05-24 (H20 on sale in China) to 2025-04-09: H20**" in listed.splitlines()
    assert listed.count("**") == 2, "one stretch marked"
    ceiling = next(
        json.loads(c.proto.spec)
        for c in at.get("plotly_chart")
        if "could legally buy" in json.loads(c.proto.spec)["layout"]["title"]["text"]
    )
    assert "2024-06-30, the day asked" in [t.get("name") for t in ceiling["data"]]
    assert {"x0": "2024-06-30"}.items() <= ceiling["layout"]["shapes"][-1].items()
    r = open_link(BY_PATH["timeline"], {"on": ["2024-06-30"]}, STORE, STORE.tables)
    assert r.as_json()["results"]["obtainable"] == "H20"


def test_the_day_is_in_the_share_link_and_the_link_to_what_the_rules_cost():
    at = open_page(TIMELINE, {"on": "2024-06-30"})
    assert at.code[0].value.endswith(f"/timeline?on=2024-06-30&rel={STORE.current.id}")
    rules = next(
        p.proto
        for p in at.get("page_link")
        if p.proto.label == "What the export rules cost" and p.proto.query_string
    )
    assert rules.page == "rules-cost"
    assert rules.query_string == f"on=2024-06-30&rel={STORE.current.id}"


def test_a_day_picked_on_the_page_changes_the_answer_and_cleared_it_goes_back_to_the_last_day():
    at = open_page(TIMELINE, {"on": "2024-06-30"})
    at.date_input(key="on").set_value(dt.date(2026, 1, 20)).run()
    assert finding(at).startswith("On 2026-01-20, a Chinese buyer could legally obtain none")
    at.date_input(key="on").set_value(None).run()
    # no day: the story of V3's chip, and where the chips stood on the last day on file
    text = next(plain(m.value) for m in at.markdown if "DeepSeek trained V3" in m.value)
    assert text.startswith("**DeepSeek trained V3") and "From 2026-01-28" in text
    assert not any(m.value.startswith("**On ") for m in at.markdown)
    heading = next(m.value for m in at.markdown if "the last day on file" in m.value)
    assert plain(heading).startswith("#### On 2026-05-31, the last day on file")
