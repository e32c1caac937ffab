"""The shipped data files: they load, hold the sourced figures and add up; the loader's own
promises (every file's problems in one error, numbers without NaN, arithmetic-only formulas).

Each rule broken alone, in every file, is tests/properties/test_data_mutations.py's."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from aicost.base.data import SCHEMAS, UNITS, DataError, evaluate_formula, load_all, load_table
from tests.conftest import DATA


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data folder."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _problems(folder: Path) -> list[str]:
    with pytest.raises(DataError) as info:
        load_all(folder)
    return info.value.problems


def test_shipped_data_passes(tables):
    assert sorted(tables.keys()) == sorted(SCHEMAS)
    assert all(len(tables[name]) > 0 for name in SCHEMAS)


@pytest.mark.parametrize(
    ("row_id", "value"),
    [
        ("article_a100_count", 10_000),
        ("article_h800_approx", 2_000),
        ("article_training_cost_claim", 5.6e6),
        ("article_market_loss_total", 1e12),
        ("article_nvidia_loss", 589e9),
        ("article_gpt4_cost_altman", 1e8),
        ("article_semianalysis_gpu_spend", 5e8),
        ("article_highflyer_since", 2015),
        ("article_deepseek_age", 2),
        ("v3_cluster_gpus", 2048),
        ("nvda_close_2025_01_24", 142.62),
        ("nvda_close_2025_01_27", 118.42),
        ("r1_rl_cost", 294_000),
        ("r1_rl_gpus", 512),
        ("semianalysis_hopper_gpus", 50_000),
        ("semianalysis_server_capex", 1.6e9),
        ("semianalysis_operating_cost", 944e6),
        ("v3_total_params", 671e9),
        ("v3_active_params", 37e9),
        ("v3_training_tokens", 14.8e12),
    ],
)
def test_article_and_anchor_figures_are_in_the_data(tables, row_id, value):
    assert tables.value(row_id) == pytest.approx(value)


@pytest.mark.parametrize(
    ("event_id", "date"),
    [
        ("usg_a100_license_informed", "2022-08-26"),
        ("bis_rule_2022_10_07", "2022-10-07"),
        ("chatgpt_launch", "2022-11-30"),
        ("bis_rule_2023_10_17", "2023-10-17"),
        ("bis_rule_2024_12_02", "2024-12-02"),
        ("ai_diffusion_rule_announced", "2025-01-13"),
        ("nvda_drop", "2025-01-27"),
        ("h20_license_informed", "2025-04-09"),
        ("ai_diffusion_rescinded", "2025-05-13"),
        ("h20_sales_resume_announced", "2025-07-14"),
        ("h200_approval", "2025-12-08"),
    ],
)
def test_timeline_dates(tables, event_id, date):
    assert tables.row(event_id)["date"] == date


def test_v3_table_1_adds_up(tables):
    phases = ("v3_gpu_hours_pretraining", "v3_gpu_hours_context_ext", "v3_gpu_hours_posttraining")
    costs = ("v3_cost_pretraining", "v3_cost_context_ext", "v3_cost_posttraining")
    assert sum(tables.value(p) for p in phases) == tables.value("v3_gpu_hours_total") == 2_788_000
    assert sum(tables.value(c) for c in costs) == tables.value("v3_cost_total") == 5_576_000
    price = tables.value("v3_rental_price_assumption")
    for phase, cost in zip(phases, costs, strict=True):
        assert tables.value(phase) * price == tables.value(cost)


def test_every_derived_row_recomputes_from_its_inputs(tables):
    derived = [
        record
        for name in SCHEMAS
        for record in tables[name].to_dict("records")
        if record["status"] == "derived"
    ]
    assert len(derived) >= 8
    for record in derived:
        value = evaluate_formula(str(record["formula"]), tables.values)
        assert value == pytest.approx(float(record["value"]), rel=5e-3), record["id"]


def test_rival_figures_are_kept_with_one_default(tables):
    figures = tables["figures"]
    nvda = figures[figures["group"] == "nvda_mcap_loss"]
    assert sorted(nvda["value"]) == [589e9, 589e9, 592.7e9, 593.7e9]
    assert nvda["is_default"].sum() == 1
    r1 = figures[figures["group"] == "r1_rl_gpus"].set_index("id")
    assert r1.loc["r1_rl_gpus", "is_default"] and not r1.loc["r1_rl_gpus_648", "is_default"]


def test_every_unit_a_file_allows_is_a_declared_unit():
    """The loader takes a unit only from its column's choices: those are units of ``UNITS``."""
    units = [c.choices for s in SCHEMAS.values() for c in s.columns if c.name == "unit"]
    assert len(units) == 4 and all(set(choices or ()) <= UNITS for choices in units)


# ---- the loader ------------------------------------------------------------------------------


def test_all_problems_of_all_files_come_in_one_error(data_copy):
    (data_copy / "models.csv").write_text("")
    path = data_copy / "events.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert _problems(data_copy) == [
        "events.csv: starts with a byte-order mark (BOM); save as UTF-8",
        "models.csv: file is empty",
    ]


def test_load_table_returns_numbers_and_no_nan(tables):
    frame = load_table(DATA / "models.csv")
    assert frame["value"].map(math.isfinite).all()
    text_cols = [c for c in frame.columns if frame[c].dtype == object]
    assert not frame[text_cols].isna().any().any()


def test_formula_rejects_anything_but_arithmetic():
    with pytest.raises(ValueError):
        evaluate_formula("__import__('os').system('true')", {})
    with pytest.raises(KeyError):
        evaluate_formula("a * b", {"a": 1.0})
