"""The compare page (/compare): each model's reported costs, and recomputed on one assumption.

Pure: assumption values and data rows in, dataclasses and frames out; no streamlit import.
The chart is :func:`aicost.pages.compare.charts.compare_chart`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import pandas as pd

from aicost.base import fmt, model
from aicost.base.data import Tables
from aicost.base.gpus import peak_flops
from aicost.inputs import assumptions as asm

COST_METRICS: dict[str, str] = {
    "cost_reported": "Reported by the developer",
    "cost_amortized": "Amortized hardware + energy (Epoch)",
    "cost_cloud": "Cloud-rental price (Epoch / AI Index)",
}
RECOMPUTED = "Recomputed on your assumption"
#: How models.csv's ``counts`` marks a figure of one training stage, not a whole run.
STAGE_ONLY = "stage only"

PAGE = "compare"


@dataclass(frozen=True)
class ModelFigure:
    """One cost figure for one model: as reported, or recomputed on the shared assumption."""

    model: str
    developer: str
    kind: str
    value: float
    low: float
    high: float
    counts: str
    source_name: str
    source_url: str
    gpu_hours: float = math.nan
    in_chart: bool = True
    #: What the source figure covers, in the data's words ("RL/reasoning stage only ...").
    scope_text: str = ""

    @property
    def one_stage(self) -> bool:
        """Whether the figure covers one stage of training, not a whole run: the data's
        ``counts`` says "stage only" (R1's RL stage, on top of V3-Base)."""
        return STAGE_ONLY in (self.scope_text or self.counts).lower()


@dataclass(frozen=True)
class CompareResult:
    """The compare page's figures and what the shared assumption was."""

    figures: list[ModelFigure]
    basis: str
    price: float
    notes: list[str]
    order: list[str]
    #: How the figures were recomputed: from reported GPU-hours, or from training compute.
    basis_kind: Literal["rental", "compute"] = "rental"

    @property
    def recomputed(self) -> list[ModelFigure]:
        return [f for f in self.figures if f.kind == RECOMPUTED]

    def summary(self) -> dict[str, float | str]:
        """Recomputed cost per model, for downloads."""
        out: dict[str, float | str] = {"basis": self.basis}
        for f in self.recomputed:
            out[f"{f.model} recomputed USD"] = round(f.value)
        return out


COMPARE_SOURCE = "data/models.csv (DeepSeek, Meta, Epoch AI, AI Index)"

#: Why one price per GPU-hour across the models is a simplification.
HOURS_CAVEAT = (
    "An hour on an A100, an H100 and an H800 is not the same amount of work: GPT-4's hours "
    "are A100-hours, Llama 3.1's H100-hours, DeepSeek's H800-hours. One price per hour puts "
    "them on one scale of money, not of compute; the compute basis puts every model on one GPU."
)


def scope(figure: ModelFigure) -> str:
    """What a recomputed figure covers, in a few words, so a card says it when it changes
    (R1: the RL stage only on the rental basis, V3 pre-training included on the compute basis).

    >>> r = compare_models(inputs(tables, {"cmp_basis": "rental", "cmp_price": 2.0}), tables)
    >>> [scope(f) for f in r.recomputed if f.model == "DeepSeek-R1"]
    ['RL/reasoning stage only, on top of V3-Base']
    """
    text = figure.scope_text or figure.counts
    head, _, rest = text.partition(" (")
    tail = rest.split("), ", 1)[1] if "), " in rest else ""
    return f"{head}, {tail}" if tail else head


def compare_inputs(basis: str) -> list[str]:
    """The assumptions the compare page draws after the basis, for that basis.

    >>> compare_inputs("rental"), compare_inputs("compute")
    (['cmp_price'], ['cmp_gpu', 'cmp_precision', 'cmp_mfu', 'cmp_price'])
    """
    if basis == "compute":
        return ["cmp_gpu", "cmp_precision", "cmp_mfu", "cmp_price"]
    return ["cmp_price"]


def compare_highlights(result: CompareResult, limit: int = 3) -> list[ModelFigure]:
    """The first ``limit`` recomputed figures in the page's model order (DeepSeek first)."""
    ranked = sorted(result.recomputed, key=lambda f: result.order.index(f.model))
    return ranked[:limit]


def _bound(value: object, fallback: float) -> float:
    return float(value) if isinstance(value, float) and math.isfinite(value) else fallback


@dataclass(frozen=True)
class CompareInputs:
    """/compare's assumptions in model units."""

    cmp_basis: str
    cmp_price: float
    cmp_gpu: str
    cmp_precision: str
    cmp_mfu: float


def inputs(tables: Tables, values: asm.Values | None = None) -> CompareInputs:
    """The page's inputs: its sourced defaults, with ``values`` (display units) in their place."""
    return asm.typed(CompareInputs, asm.model_values(PAGE, tables, values))


def compare_models(v: CompareInputs, tables: Tables) -> CompareResult:
    """Each model's reported costs, and its cost recomputed on one shared assumption.

    ``v`` holds model-unit values: cmp_basis (rental | compute), cmp_price, cmp_gpu,
    cmp_precision, cmp_mfu (a fraction).

    >>> r = compare_models(inputs(tables), tables)
    >>> llama = [f for f in r.recomputed if f.model.startswith("Llama 3.1")][0]
    >>> fmt.gpu_hours(llama.gpu_hours), fmt.usd(llama.value)
    ('30.8M GPU-hours', '$61.7M')
    """
    models = tables["models"]
    basis = v.cmp_basis
    price = model.check_input("price per GPU-hour", v.cmp_price)
    notes: list[str] = []
    figures: list[ModelFigure] = []
    for r in models[models["metric"].isin(list(COST_METRICS))].to_dict("records"):
        value = float(r["value"])
        figures.append(
            ModelFigure(
                model=str(r["model"]),
                developer=str(r["developer"]),
                kind=COST_METRICS[str(r["metric"])],
                value=value,
                low=_bound(r["low"], value),
                high=_bound(r["high"], value),
                counts=str(r["counts"]),
                source_name=str(r["source_name"]),
                source_url=str(r["source_url"]),
                in_chart=bool(r["is_default"]),
            )
        )
    if basis == "compute":
        peak = peak_flops(tables, v.cmp_gpu, v.cmp_precision)
        mfu = v.cmp_mfu
        if peak.note:
            notes.append(peak.note)
        source_metric = "flop"
        basis_text = (
            f"training compute on the {peak.basis} at {fmt.percent(mfu)} MFU, "
            f"then {fmt.usd(price)} per GPU-hour"
        )
    else:
        source_metric = "gpu_hours"
        basis_text = f"reported GPU-hours × {fmt.usd(price)} per GPU-hour"
    rows = models[(models["metric"] == source_metric) & models["is_default"]]
    missing = sorted(set(models["model"]) - set(rows["model"]))
    for r in rows.to_dict("records"):
        value = float(r["value"])
        low, high = _bound(r["low"], value), _bound(r["high"], value)
        if basis == "compute":
            hours = [model.gpu_hours_for_flop(x, peak.flops, mfu) for x in (value, low, high)]
            counts = f"{fmt.flop(value)} ({r['counts']}) on {peak.gpu}s at {fmt.percent(mfu)} MFU"
        else:
            hours = [value, low, high]
            hw = f" {r['hardware']}" if r["hardware"] else ""
            counts = f"{fmt.gpu_hours(value)}{hw} ({r['counts']})"
        costs = [model.rental_cost(h, price) for h in hours]
        figures.append(
            ModelFigure(
                model=str(r["model"]),
                developer=str(r["developer"]),
                kind=RECOMPUTED,
                value=costs[0],
                low=costs[1],
                high=costs[2],
                counts=f"{counts} × {fmt.usd(price)} per GPU-hour",
                source_name=str(r["source_name"]),
                source_url=str(r["source_url"]),
                gpu_hours=hours[0],
                scope_text=str(r["counts"]),
            )
        )
    if missing:
        other = "compute" if basis == "rental" else "rental"
        what = "GPU-hours" if basis == "rental" else "training compute"
        notes.append(
            f"No {what} published for {', '.join(missing)}: no recomputed figure on this "
            f"basis (try the {other} basis)."
        )
    order = _model_order(models)
    kind: Literal["rental", "compute"] = "compute" if basis == "compute" else "rental"
    return CompareResult(figures, basis_text, price, notes, order, basis_kind=kind)


def _model_order(models: pd.DataFrame) -> list[str]:
    """Models in the order the data file lists them: the chart's rows, top to bottom."""
    return [str(m) for m in pd.unique(models["model"])]


def compare_table(result: CompareResult) -> pd.DataFrame:
    """Every figure for a table: model, figure, amount, range, what it counts, source."""
    rows = []
    for f in sorted(result.figures, key=lambda f: (result.order.index(f.model), f.kind)):
        ranged = f.low != f.value or f.high != f.value
        rows.append(
            {
                "model": f.model,
                "developer": f.developer,
                "figure": f.kind,
                "cost": fmt.usd(f.value),
                "range": f"{fmt.usd(f.low)} to {fmt.usd(f.high)}" if ranged else "",
                "GPU-hours": fmt.gpu_hours(f.gpu_hours) if math.isfinite(f.gpu_hours) else "",
                "what it counts": f.counts,
                "link": f.source_url,
                "source": f.source_name,
                "cost (USD)": round(f.value),
            }
        )
    return pd.DataFrame(rows)
