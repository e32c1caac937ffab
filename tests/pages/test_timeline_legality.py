"""Legality from both sides (release 4 on): for any chip and day, the US rule's state, China's
stance, the chip's supply and what arrived, and whether a Chinese buyer could legally obtain it.

Pure tests of aicost.pages.timeline.standing on the current release, one AppTest of /timeline,
and the reading kept for links to releases 1 to 3 (US side only).
"""

from __future__ import annotations

import re

import pytest

from aicost.base.release import Store
from aicost.pages.timeline import finding as timeline_finding
from aicost.pages.timeline import standing as timeline
from tests.apptest import open_page
from tests.conftest import RELEASES

STORE = Store(RELEASES)


def _on(tables, day: str) -> dict[str, timeline.ChipStanding]:
    return {s.chip: s for s in timeline.standing(tables["events"], day)}


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: without the escapes that keep data text literal."""
    return re.sub(r"\\(.)", r"\1", markdown)


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
    steps = {c.start: c for c in timeline.chip_ceiling(tables["events"], tables["gpus"])}
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
    assert "- 2024-05-24 to 2025-04-09: H20" in text
    assert "From 2026-01-28, a Chinese buyer could legally obtain none" in text
    legality = at.table[0].value
    row = legality[legality["from"] == "2026\\-01\\-15"].iloc[0]
    assert plain(row["H200"]) == "US licence reviewed case by case; stopped at China's customs"
