"""Data release 5: what the export-rules page reads, and that it leaves every other page as it was.

The H200's and B200's dense peaks, power and NVLink; when each chip was first sold or delivered
anywhere (events.csv's ``region`` column, added by this release); their purchase and rental
prices. A ``world`` event sets no standing in China, so /timeline's answer to "what could a
Chinese buyer obtain" is the one release 4 gave.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from aicost.base import release
from aicost.base.data import SCHEMAS, DataError, load_table
from aicost.base.gpus import gpu_spec, market_quotes, peak_flops, price_band, rental_quotes
from aicost.inputs.assumptions import BY_NAME
from aicost.inputs.presets import training_presets
from aicost.pages.timeline.standing import chip_ceiling, legal_periods, standing, steps
from tests.conftest import DATA, RELEASES

STORE = release.Store(RELEASES)
R4, R5 = STORE.tables("4"), STORE.tables("5")

#: Each chip's first sale or delivery anywhere: (event id, date).
WORLD = {
    "A100": ("a100_on_sale_world", "2020-05-14"),
    "H100": ("h100_on_sale_world", "2022-09-20"),
    "H200": ("h200_first_delivery_world", "2024-04-24"),
    "B200": ("b200_first_delivery_world", "2024-10-08"),
}


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"), newline=""))
    return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


# ---- events.csv's region column ---------------------------------------------------------------


def test_region_is_added_by_release_5_and_older_files_load_without_it():
    (region,) = [c for c in SCHEMAS["events"].columns if c.name == "region"]
    assert (region.since_release, region.required, tuple(region.choices or ())) == (
        5,
        False,
        ("world",),
    )
    assert "region" not in _rows(STORE.folder("4") / "events.csv")[0]
    assert (R4["events"]["region"] == "").all()
    world = R5["events"][R5["events"]["region"] == "world"]
    assert sorted(world["id"]) == sorted(i for i, _ in WORLD.values())


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("supply", "on_sale", "column 'region': a world event sets no standing in China (supply)"),
        ("chips", "", "column 'chips': is empty, but a world event is about the chips it names"),
    ],
)
def test_a_world_event_that_sets_a_standing_or_names_no_chip_is_refused(
    tmp_path, field, value, problem
):
    header, rows = _rows(DATA / "events.csv")
    row = next(r for r in rows if r["id"] == "h100_on_sale_world")
    row[field] = value
    _write(tmp_path / "events.csv", header, rows)
    with pytest.raises(DataError) as info:
        load_table(tmp_path / "events.csv")
    assert info.value.problems == [f"events.csv, row {rows.index(row) + 2}, {problem}"]


@pytest.mark.parametrize("chip", sorted(WORLD))
def test_each_chip_has_its_first_sale_anywhere(chip):
    event_id, day = WORLD[chip]
    row = R5.row(event_id)
    assert (row["date"], row["category"], row["chips"], row["region"]) == (
        day,
        "chips",
        chip,
        "world",
    )
    assert not any(row[c] for c in ("us_rule", "china_rule", "supply", "delivered"))
    assert chip == "A100" or "(not to China)" in str(row["label"])


@pytest.mark.parametrize("on", ["2024-06-30", "2026-01-20"])
def test_the_world_events_leave_what_china_could_obtain_as_it_was(on):
    events = R5["events"]
    without = events[events["region"] != "world"]
    assert standing(events, on) == standing(without, on) == standing(R4["events"], on)


def test_the_world_events_leave_timelines_periods_and_ceiling_as_they_were():
    events = R5["events"]
    assert steps(events) == steps(R4["events"])
    assert legal_periods(events) == legal_periods(R4["events"])
    assert chip_ceiling(legal_periods(events), R5["gpus"]) == chip_ceiling(
        legal_periods(R4["events"]), R4["gpus"]
    )


# ---- the chips' specs -------------------------------------------------------------------------


def test_the_h200_is_the_h100s_silicon_dense_at_700_w():
    assert peak_flops(R5, "H200", "FP8").flops == peak_flops(R5, "H100", "FP8").flops == 1979e12
    row = R5.row("h200_fp8_dense")
    assert (row["status"], row["formula"]) == ("derived", "h100_fp8_dense")
    assert "sparsity" in str(row["note"])
    assert gpu_spec(R5, "H200", "tdp") == 700.0


def test_the_b200_peaks_are_dense_half_nvidias_sparse_figures():
    assert peak_flops(R5, "B200", "BF16").flops == 2250e12
    assert peak_flops(R5, "B200", "FP8").flops == 4500e12
    for row_id, sparse in (("b200_bf16_dense", "4.5 PFLOPS"), ("b200_fp8_dense", "9 PFLOPS")):
        note = str(R5.row(row_id)["note"])
        assert note.startswith("Dense (no sparsity)") and sparse in note
    assert (gpu_spec(R5, "B200", "tdp"), gpu_spec(R5, "B200", "nvlink")) == (1000.0, 1800.0)


# ---- prices -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("group", "default"),
    [
        ("h200_purchase", "h200_hgx_listing_2024_03"),
        ("b200_purchase", "b200_price_cnbc_low"),
        ("h200_rental", "rent_h200_aws_capacity_block_2024_12"),
        ("b200_rental", "rent_b200_spheron_2026_03"),
        ("a800_rental", "rent_a800_cudo_2025_03"),
    ],
)
def test_each_new_price_group_has_one_default(group, default):
    prices = R5["prices"]
    rows = prices[prices["group"] == group]
    assert len(rows) >= 1 and list(rows[rows["is_default"]]["id"]) == [default]
    assert rows["gpu"].nunique() == 1 and rows["kind"].nunique() == 1


def test_the_h200_has_a_rental_band_in_2025():
    band = price_band(R5, "H200", "2025-06-30")
    assert band is not None and (band.low, band.high, band.n) == (5.408, 10.6, 2)


def test_training_cost_prices_an_hour_with_the_quotes_of_its_own_gpus():
    """New chips' quotes (H200, B200, A800) stay off /training-cost's markers and its 2025 preset."""
    gpus = BY_NAME["gpu"].options
    assert rental_quotes(R5, gpus) == rental_quotes(R4, gpus) == market_quotes(R4["prices"])
    assert len(market_quotes(R5["prices"])) > len(market_quotes(R4["prices"]))
    assert training_presets(R5) == training_presets(R4)


# ---- the release ------------------------------------------------------------------------------

ADDED = [c for c in STORE.changelog("5") if c.field == release.ROW and c.new == "added"]


def test_release_5_only_adds_rows():
    assert len(ADDED) == len(STORE.changelog("5")) == 23
