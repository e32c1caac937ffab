"""The data page (/data): the data files, their filters, downloads and the methods.

Pure: frames and data rows in, frames and dataclasses out; no streamlit import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from aicost.base import fmt, model
from aicost.base.data import CONFIDENCES, SCHEMAS, STATUSES, Tables
from aicost.base.gpus import epoch_ownership, peak_flops
from aicost.base.text import fill_from_rows
from aicost.pages.overview.scenario import ratios

__all__ = ["CONFIDENCES", "STATUSES"]  # the data page's filter choices, as the loader declares


#: The column each file is filtered by as its "category".
CATEGORY_COLUMN: dict[str, str] = {
    "figures": "category",
    "events": "category",
    "gpus": "spec",
    "prices": "kind",
    "models": "metric",
}


def data_files() -> list[str]:
    """The data files, in the loader's order.

    >>> data_files()
    ['figures', 'events', 'gpus', 'prices', 'models']
    """
    return list(SCHEMAS)


def distinct_values(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of a column, sorted: the choices of its filter.

    >>> distinct_values(pd.DataFrame({"kind": ["rental", "purchase", "rental"]}), "kind")
    ['purchase', 'rental']
    """
    return sorted({str(v) for v in frame[column] if str(v)})


def filter_rows(
    frame: pd.DataFrame,
    *,
    category_column: str = "",
    categories: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    confidences: Iterable[str] | None = None,
    query: str = "",
) -> pd.DataFrame:
    """Rows matching every filter given: category, status, confidence and a text search.

    ``None`` means no filter; the text search looks in every text column, ignoring case.

    >>> figs = tables["figures"]
    >>> out = filter_rows(
    ...     figs,
    ...     category_column="category",
    ...     categories=["market"],
    ...     statuses=["reported"],
    ...     query="nvidia",
    ... )
    >>> set(out["category"]), set(out["status"])
    ({'market'}, {'reported'})
    """
    mask = pd.Series(True, index=frame.index)
    if categories is not None and category_column:
        mask &= frame[category_column].isin(list(categories))
    if statuses is not None:
        mask &= frame["status"].isin(list(statuses))
    if confidences is not None:
        mask &= frame["confidence"].isin(list(confidences))
    needle = query.strip().lower()
    if needle:
        text_cols = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
        hit = pd.Series(False, index=frame.index)
        for col in text_cols:
            hit |= frame[col].astype(str).str.lower().str.contains(needle, regex=False)
        mask &= hit
    return frame[mask].reset_index(drop=True)


def with_shown_values(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a human ``shown`` column (``$5.576M``) beside each numeric value.

    >>> with_shown_values(pd.DataFrame({"value": [5576000.0], "unit": ["USD"]}))["shown"].tolist()
    ['$5.576M']
    """
    out = frame.copy()
    if "value" in out and "unit" in out:
        shown = [fmt.by_unit(v, str(u)) for v, u in zip(out["value"], out["unit"], strict=True)]
        out.insert(out.columns.get_loc("value"), "shown", shown)
    return out


#: Columns shown first in the data browser; the rest follow in file order. The row's id (what
#: a link to the row names) comes after what a reader looks for: on a phone the first columns
#: are all that fit.
LEADING_COLUMNS = ("label", "model", "gpu", "date", "shown", "source_name", "source_url", "id")


def column_order(frame: pd.DataFrame) -> list[str]:
    """The data browser's columns: what and how much, the source, the row's id, then the rest.

    >>> column_order(pd.DataFrame(columns=["id", "value", "unit", "source_url", "label"]))
    ['label', 'shown', 'source_url', 'id', 'value', 'unit']
    """
    columns = list(frame.columns)
    if "value" in columns and "unit" in columns:
        columns.append("shown")
    lead = [c for c in LEADING_COLUMNS if c in columns]
    return lead + [c for c in columns if c not in lead]


def raw_csv(data_dir: str | Path, name: str) -> bytes:
    """The data file's bytes exactly as shipped, for its download button."""
    if name not in SCHEMAS:
        raise KeyError(f"no data file called {name!r}")
    return (Path(data_dir) / f"{name}.csv").read_bytes()


@dataclass(frozen=True)
class Method:
    """One formula the dashboard uses, a worked example from the data, and its source."""

    name: str
    formula: str
    example: str
    source_name: str
    source_url: str


def methods(tables: Tables) -> list[Method]:
    """The formulas behind the figures, each with a worked example computed from the data.

    >>> m = methods(tables)
    >>> [x.name for x in m]
    ['Rental', 'Compute (6ND)', 'MFU', 'Ownership (Epoch AI)', 'Fleet capex']
    >>> m[0].example
    '2.79M GPU-hours × $2.00/GPU-hour = $5.576M'
    >>> m[3].example.endswith("= $2.12 per GPU-hour")
    True
    """

    def src(row_id: str) -> tuple[str, str]:
        row = tables.row(row_id)
        return str(row["source_name"]), str(row["source_url"])

    val = tables.value
    flop = model.training_flop(val("v3_active_params"), val("v3_training_tokens"))
    fp8 = peak_flops(tables, "H800", "FP8")
    mfu = model.implied_mfu(flop, val("v3_gpu_hours_pretraining"), fp8.flops)
    owned = epoch_ownership(tables, "H800", val("h800_dgx_per_gpu"))
    rate = model.ownership_rate(owned)
    ratio = ratios(tables)
    return [
        Method(
            "Rental",
            "cost = GPU-hours × price per GPU-hour",
            fill_from_rows(
                "{v3_gpu_hours_total} × {v3_rental_price_assumption} = {v3_cost_total}", tables
            ),
            *src("v3_cost_total"),
        ),
        Method(
            "Compute (6ND)",
            "FLOP = 6 × active parameters × training tokens",
            f"DeepSeek-V3: 6 × {fmt.compact(val('v3_active_params'))} parameters × "
            f"{fmt.compact(val('v3_training_tokens'))} tokens = {fmt.flop(flop)}",
            *src("v3_active_params"),
        ),
        Method(
            "MFU",
            "GPU-hours = FLOP / (peak FLOP/s × MFU × 3600)\n"
            "MFU = FLOP / (GPU-hours × 3600 × peak FLOP/s)",
            f"{fmt.flop(flop)} in {fmt.gpu_hours(val('v3_gpu_hours_pretraining'))} against the "
            f"{fp8.basis} = {fmt.percent(mfu)} MFU (Epoch's reading, also against the FP8 "
            f"peak: {fmt.percent(val('v3_mfu_epoch'))}"
            + (
                f"; DeepSeek's own, causal, against the BF16 peak: "
                f"{fmt.percent(val('v3_mfu_isca_bf16'), 2)}"
                if "v3_mfu_isca_bf16" in tables.values
                else ""
            )
            + f"; Epoch's median over known runs: {fmt.percent(val('epoch_median_mfu'))})",
            *src("v3_mfu_epoch"),
        ),
        Method(
            "Ownership (Epoch AI)",
            "hardware per GPU-hour = GPU price × server overhead / (life × hours a year)\n"
            "life = 1 / (price-performance OOMs a year × ln 10)\n"
            "interconnect = hardware × share / (1 − share)\n"
            "energy = TDP × server power factor × average power × PUE × price per kWh",
            f"An H800 at {fmt.usd(val('h800_dgx_per_gpu'))} (DGX price per GPU) over "
            f"{owned.amortization_years:.1f} years: {fmt.usd(rate.hardware)} hardware + "
            f"{fmt.usd(rate.interconnect)} interconnect + {fmt.usd(rate.energy)} energy "
            f"= {fmt.usd(rate.total)} per GPU-hour",
            *src("epoch_depreciation_ooms"),
        ),
        Method(
            "Fleet capex",
            "capex = Σ over GPU types (count × unit price) × server overhead / (1 − network share)",
            fill_from_rows(
                "SemiAnalysis: about {semianalysis_hopper_gpus} (Hopper generation), "
                "{semianalysis_gpu_investment}+ on GPUs, {semianalysis_server_capex} server "
                "capex, ",
                tables,
            )
            + f"{fmt.multiple(ratio.capex_x)} the training claim",
            *src("semianalysis_server_capex"),
        ),
    ]
