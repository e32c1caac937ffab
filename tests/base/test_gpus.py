"""The price of a GPU-hour, dated: the sourced band of rental quotes for a chip around a day,
for /training-cost to show beside the chosen price."""

from __future__ import annotations

import pytest

from aicost.base.gpus import price_band


def test_the_h100_band_in_mid_2026_spans_the_named_indices(tables):
    band = price_band(tables, "H100", "2026-06-30")
    assert band is not None
    assert (band.low, band.high, band.n) == (1.70, 5.00, 6)
    assert band.median == pytest.approx(2.50)
    assert (band.first, band.last) == ("2025-10", "2026-06")
    assert "AIMultiple GPU index: median of 37 providers' posted prices" in band.sources
    prices = tables["prices"].set_index("id")
    assert set(band.ids) <= set(prices.index)
    assert all(prices.loc[i, "gpu"] == "H100" for i in band.ids)


def test_a_band_counts_only_quotes_someone_posted_or_paid(tables):
    """DeepSeek's own $2 H800 assumption is no market price: the H800 band is CR8DL's."""
    band = price_band(tables, "H800", "2025-03-31")
    assert band is not None and band.ids == ("h800_rental_cr8dl", "rent_h800_cr8dl_2025_03")
    assert band.low == band.high == 3.42 and band.sources == ("CR8DL (on-demand)",)
    assert tables.value("h800_rental_deepseek_assumption") < band.low


def test_a_band_is_dated_by_its_window(tables):
    wide = price_band(tables, "H100", "2025-03-31")
    narrow = price_band(tables, "H100", "2025-03-31", window_days=60)
    assert wide is not None and narrow is not None
    assert narrow.n < wide.n and narrow.first >= "2025-02"
    assert {"rent_h100_aws_2025_03", "rent_h100_oracle_2025_03"} <= set(narrow.ids)
    assert narrow.high == 12.29


def test_no_band_without_a_quote(tables):
    assert price_band(tables, "H20", "2025-06-30") is None
    assert price_band(tables, "H100", "2020-01-01") is None
    bought = price_band(tables, "H100", "2025-06-30", kind="purchase")
    assert bought is not None and bought.ids == ("h100_hgx_per_gpu_2025",), "Lambert's is a guess"
