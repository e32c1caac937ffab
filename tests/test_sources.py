"""Pure tests of aicost.pages.data.scenario: the data page's filters, files and methods."""

from __future__ import annotations

import pandas as pd
import pytest

from aicost.pages.data import scenario as sources

from .conftest import DATA


def test_filter_rows(tables):
    figs = tables["figures"]
    assert len(sources.filter_rows(figs)) == len(figs)
    market = sources.filter_rows(figs, category_column="category", categories=["market"])
    assert set(market["category"]) == {"market"} and len(market) > 5
    derived = sources.filter_rows(figs, statuses=["derived"], confidences=["high", "medium"])
    assert set(derived["status"]) == {"derived"}
    assert set(derived["confidence"]) <= {"high", "medium"}
    hit = sources.filter_rows(figs, query="V3_COST_TOTAL")
    assert "v3_cost_total" in set(hit["id"])
    assert sources.filter_rows(figs, query="no such text anywhere").empty


def test_distinct_values_shown_values_and_column_order(tables):
    assert sources.distinct_values(tables["prices"], "kind") == ["purchase", "rental"]
    shown = sources.with_shown_values(tables["figures"])
    row = shown[shown["id"] == "v3_gpu_hours_total"].iloc[0]
    assert row["shown"] == "2.79M GPU-hours"
    order = sources.column_order(tables["figures"])
    assert order[:2] == ["label", "date"] and "source_url" in order[:8]
    assert order.index("id") == order.index("source_url") + 1, "the id after the source"
    assert set(order) == set(shown.columns)


@pytest.mark.parametrize("name", ["figures", "events", "gpus", "prices", "models"])
def test_raw_csv_is_the_shipped_file(name):
    assert sources.raw_csv(DATA, name) == (DATA / f"{name}.csv").read_bytes()
    frame = pd.read_csv(DATA / f"{name}.csv")
    assert sources.CATEGORY_COLUMN[name] in frame.columns


def test_raw_csv_refuses_other_files():
    with pytest.raises(KeyError):
        sources.raw_csv(DATA, "../pyproject")


def test_methods_have_worked_examples_and_sources(tables):
    methods = sources.methods(tables)
    assert [m.name for m in methods] == [
        "Rental",
        "Compute (6ND)",
        "MFU",
        "Ownership (Epoch AI)",
        "Fleet capex",
    ]
    assert methods[0].example == "2.79M GPU-hours × $2.00/GPU-hour = $5.576M"
    assert "3.29e24 FLOP" in methods[1].example
    assert "17.3%" in methods[2].example
    assert methods[3].example.endswith("$2.12 per GPU-hour")
    assert "287×" in methods[4].example
    for m in methods:
        assert m.formula and m.source_name and m.source_url.startswith("http")
        assert "nan" not in m.example.lower() and "inf" not in m.example.lower()
