"""Data release 4: the columns it adds to two files, its corrections, and its new rows' sources.

A column a later release adds is optional in the files before it (old links keep loading);
the changelog lists each of its filled cells. The corrections are those of the third data audit.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest

from aicost.base import release
from aicost.base.data import SCHEMAS, Column, DataError, load_all, load_table
from tests.conftest import DATA, RELEASES

STORE = release.Store(RELEASES)
R3, R4 = STORE.tables("3"), STORE.tables("4")


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


# ---- columns a release adds -------------------------------------------------------------------


def test_the_added_columns_are_declared_with_their_release():
    added_in_4 = {
        s.name: [c.name for c in s.columns if c.since_release == 4] for s in SCHEMAS.values()
    }
    assert added_in_4["events"] == ["us_rule", "china_rule", "supply", "delivered"]
    assert added_in_4["prices"] == ["note"] == added_in_4["gpus"]
    # release 5 adds events.csv's region (tests/test_release5.py)
    assert all(c.since_release in (4, 5) and not c.required for s in SCHEMAS.values() for c in s.columns
               if c.since_release)  # fmt: skip
    with pytest.raises(ValueError, match="must be optional"):
        Column("x", since_release=5)


def test_an_older_file_without_the_added_columns_loads_with_them_empty():
    header, _ = _rows(STORE.folder("3") / "events.csv")
    assert "us_rule" not in header
    assert (R3["events"][["us_rule", "china_rule", "supply", "delivered"]] == "").all().all()
    assert (R3["prices"]["note"] == "").all()


def test_a_file_without_a_column_of_the_first_release_still_fails(tmp_path):
    header, rows = _rows(DATA / "events.csv")
    header.remove("detail")
    _write(tmp_path / "events.csv", header, rows)
    with pytest.raises(DataError, match="events.csv: missing column 'detail'"):
        load_table(tmp_path / "events.csv")
    header.remove("supply")  # an added column may be missing, a first-release one may not
    _write(tmp_path / "events.csv", header, rows)
    with pytest.raises(DataError) as info:
        load_table(tmp_path / "events.csv")
    assert info.value.problems == ["events.csv: missing column 'detail'"]


def test_a_standing_set_without_the_chips_it_is_for_is_refused(tmp_path):
    header, rows = _rows(DATA / "events.csv")
    row = next(r for r in rows if r["id"] == "h200_rule_2026_01_15")
    row["chips"] = ""
    _write(tmp_path / "events.csv", header, rows)
    with pytest.raises(DataError) as info:
        load_table(tmp_path / "events.csv")
    line = rows.index(row) + 2
    assert info.value.problems == [
        f"events.csv, row {line}, column 'chips': is empty, but the row sets us_rule"
    ]


def test_an_unknown_standing_is_refused(tmp_path):
    header, rows = _rows(DATA / "events.csv")
    next(r for r in rows if r["id"] == "china_customs_h200_block")["china_rule"] = "embargo"
    _write(tmp_path / "events.csv", header, rows)
    with pytest.raises(DataError, match="column 'china_rule': must be one of approved, banned"):
        load_table(tmp_path / "events.csv")


def test_the_diff_reports_each_filled_cell_of_an_added_column():
    changes = {c.key for c in release.diff(STORE.folder("3"), STORE.folder("4"))}
    assert ("events", "h200_rule_2026_01_15", "us_rule", "", "case_by_case") in changes
    assert (
        "prices",
        "a100_list_price_pcie",
        "note",
        "",
        R4.row("a100_list_price_pcie")["note"],
    ) in (changes)
    # an added column left empty on a kept row is no change
    assert not any(k[1] == "r1_release" for k in changes)


def test_a_release_cut_from_a_file_with_an_added_column_logs_its_cells(tmp_path):
    work = tmp_path / "data"
    shutil.copytree(DATA, work)
    header, rows = _rows(work / "events.csv")
    next(r for r in rows if r["id"] == "a800_launch")["delivered"] = "yes"
    _write(work / "events.csv", header, rows)
    (work / "changes.csv").write_text(
        "file,id,field,why,source_name,source_url\n"
        "events,a800_launch,delivered,Test,Example,https://example.org\n",
        encoding="utf-8",
    )
    new = release.cut(work, "Test", "2027-01-01")
    (change,) = release.Store(work / "releases").changelog(new.id)
    assert change.key == ("events", "a800_launch", "delivered", "", "yes")


# ---- the corrections --------------------------------------------------------------------------


def test_deepseeks_a100s_are_the_40_gb_pcie_card_at_250_w():
    row = R4.row("a100_pcie_tdp")
    assert R4.value("a100_pcie_tdp") == 250.0 and row["is_default"]
    assert "250W" in str(row["quote"]) and "Paraphrase" not in str(row["quote"])
    assert "PCIe-A100-40GB" in str(row["note"])
    assert R3.value("a100_pcie_tdp") == 300.0, "a published release is never edited"


def test_release_2s_summary_stays_history_and_release_4_says_the_correction():
    summaries = {r.id: r.summary for r in STORE.releases}
    assert "300 W" in summaries["2"], "index rows of published releases are not rewritten"
    assert "250 W (release 2 said 300 W)" in summaries["4"]


#: The price rows whose quotes carried our remarks (third data audit, section 2).
REMARKED = (
    "a100_list_price_pcie",
    "a100_dgx_per_gpu",
    "h100_dgx_per_gpu",
    "h800_dgx_per_gpu",
    "h800_sxm_listing_price",
    "rent_h100_lambda_2024_09",
    "rent_a100_lambda_2023",
    "h100_price_raymond_james_low",
    "a100_price_cnbc",
)


@pytest.mark.parametrize("row_id", REMARKED)
def test_a_quote_holds_only_its_sources_words_and_the_remark_is_a_note(row_id):
    row = R4.row(row_id)
    quote = str(row["quote"])
    for remark in ("Default", "default", "as used in Fire-Flyer", "includes server overhead",
                   "worked example", "(abrmicro.com)"):  # fmt: skip
        assert remark not in quote, (row_id, remark)
    assert row["note"], row_id


def test_epoch_quotes_are_epochs_rows():
    """The Epoch-sourced quotes fixed in release 4 are cells of Epoch's own row, as written."""
    epoch = {
        "a100_list_price_pcie": "| Notes=Single-unit list price",
        "rent_h100_cudo_2025_03": "2025-03-03 | Cudo Compute | Price per chip-hour (on-demand)=2.45",
        "rent_h100_runpod_2025_03": "2025-03-03 | RunPod | Price per chip-hour (on-demand)=2.99",
        "h20_price": "a steep price tag of around $10,000 - $13,000.",
    }
    for row_id, words in epoch.items():
        assert words in str(R4.row(row_id)["quote"]), row_id
    assert str(R4.row("a100_list_price_pcie")["quote"]).endswith("Single-unit list price")
    assert R4.row("rent_h100_cudo_2025_03")["date"] == "2025-03-03"


def test_the_h20_goes_on_sale_in_may_2024_not_with_its_price_report():
    launch = R4.row("h20_launch")
    assert launch["supply"] == "announced" and "not yet on sale" in str(launch["label"])
    on_sale = R4.row("h20_on_sale_2024_05")
    assert (on_sale["date"], on_sale["supply"], on_sale["chips"]) == (
        "2024-05-24",
        "on_sale",
        "H20",
    )


# ---- the new rows -----------------------------------------------------------------------------

ADDED = [c for c in STORE.changelog("4") if c.field == release.ROW and c.new == "added"]


def test_the_events_run_to_may_2026_with_deepseeks_later_models():
    events = R4["events"].set_index("id")
    for event_id, day in (
        ("bis_foundry_rule_2025_01_15", "2025-01-15"),
        ("openai_distillation_claim", "2025-01-29"),
        ("v31_release", "2025-08-21"),
        ("h20_production_halt", "2025-08-22"),
        ("cac_rtx_pro_6000d_order", "2025-09-17"),
        ("affiliates_rule", "2025-09-29"),
        ("v32_exp_release", "2025-09-29"),
        ("china_customs_crackdown_2025_10", "2025-10-10"),
        ("china_state_dc_foreign_chip_ban", "2025-11-05"),
        ("affiliates_rule_suspended", "2025-11-10"),
        ("v32_release", "2025-12-01"),
        ("china_approves_h200_400k", "2026-01-28"),
        ("no_h200_delivered_2026_02", "2026-02-24"),
        ("v4_preview", "2026-04-24"),
        ("bis_guidance_2026_05_31", "2026-05-31"),
    ):
        assert events.loc[event_id, "date"] == day, event_id
    assert len(ADDED) >= 40


def test_no_cost_is_shown_for_a_model_that_disclosed_none():
    models = R4["models"]
    later = models[models["model"].isin(["DeepSeek-V3.2", "DeepSeek-V4-Pro", "DeepSeek-V4-Flash"])]
    assert not later["metric"].str.startswith("cost_").any(), "no '$8.2M V4' here"
    flop = later[later["metric"] == "flop"]
    assert (flop["status"] == "derived").all()
    assert flop["counts"].str.startswith("Our estimate: 6 × ").all()
    assert R4.value("deepseek_v4_pro_flop_6nd") == pytest.approx(6 * 49e9 * 32e12)


def test_release_4_has_the_working_copys_files():
    assert load_all(DATA).keys() == R4.keys()
