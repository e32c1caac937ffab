"""The compare page (/compare): each model's reported costs, and recomputed on one assumption.

Pure: assumption values and data rows in, dataclasses and frames out; no streamlit import.
The chart is :func:`aicost.pages.compare.charts.compare_chart`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

import pandas as pd

from aicost.base import fmt, model
from aicost.base.data import Tables, formula_ids
from aicost.base.gpus import stated_peak
from aicost.inputs import assumptions as asm
from aicost.inputs.basis import MfuBasis

COST_METRICS: dict[str, str] = {
    "cost_reported": "Reported by the developer",
    "cost_amortized": "Amortized hardware + energy (Epoch)",
    "cost_cloud": "Cloud-rental price (Epoch / AI Index)",
}
RECOMPUTED = "Recomputed on your assumption"
#: How models.csv's ``counts`` marks a figure of one training stage, not a whole run.
STAGE_ONLY = "stage only"
#: What a model disclosed besides costs (models.csv ``metric``), in the disclosures table.
DISCLOSURE_METRICS: dict[str, str] = {
    "params_total": "total parameters",
    "params_active": "active parameters",
    "tokens": "training tokens",
}
#: What a disclosures table says of a figure the model did not disclose.
NOT_DISCLOSED = "not disclosed"
#: The rows a model's own disclosure of its compute or cost can be (models.csv ``metric``).
DISCLOSED_COMPUTE = ("gpu_hours", "flop", "cost_reported")
#: How a figure we estimated for a model that disclosed no compute or cost is labelled.
OUR_ESTIMATE = "Our estimate"
#: The label of a recomputed figure that is our estimate (:attr:`ModelFigure.label`).
RECOMPUTED_ESTIMATE = f"{OUR_ESTIMATE}, {RECOMPUTED[0].lower()}{RECOMPUTED[1:]}"

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
    #: True when the figure is ours: the model disclosed no compute or cost, and the compute
    #: behind the figure is our 6·N·D from its disclosed parameters and tokens.
    estimate: bool = False
    #: How we computed it, with the disclosed numbers ("6 × 49B × 32T = 9.41e24 FLOP"); empty
    #: for a figure that is not ours.
    formula: str = ""

    @property
    def label(self) -> str:
        """The figure's kind as a page should name it: ours are labelled so.

        >>> values = {"cmp_basis": "compute", "cmp_gpu": "H800", "cmp_mfu_bf16": 37.5}
        >>> r = compare_models(inputs(tables, values), tables)
        >>> v4 = next(f for f in r.recomputed if f.model == "DeepSeek-V4-Pro")
        >>> v4.label, v4.formula
        ('Our estimate, recomputed on your assumption', '6 × 49B × 32T = 9.41e24 FLOP')
        """
        if self.estimate:
            return f"{OUR_ESTIMATE}, {self.kind[0].lower()}{self.kind[1:]}"
        return self.kind

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
            ours = ", our estimate" if f.estimate else ""  # never read as the developer's
            out[f"{f.model} recomputed USD{ours}"] = round(f.value)
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


#: The compute basis's MFU: one input per basis of the peak, the format choice and the chip.
BASIS = MfuBasis("cmp_mfu", "cmp_precision", "cmp_gpu")


def compare_inputs(basis: str) -> list[str]:
    """The assumptions the compare page draws after the basis, for that basis (of the two
    MFU rows, the page draws the one of the peak's basis: :data:`BASIS`).

    >>> compare_inputs("rental"), compare_inputs("compute")
    (['cmp_price'], ['cmp_gpu', 'cmp_precision', 'cmp_mfu', 'cmp_mfu_bf16', 'cmp_price'])
    """
    if basis == "compute":
        return [*BASIS.names(), "cmp_price"]
    return ["cmp_price"]


def compare_highlights(result: CompareResult, limit: int = 3) -> list[ModelFigure]:
    """The first ``limit`` recomputed figures in the page's model order (DeepSeek first),
    figures resting on a model's or a third party's numbers before our estimates."""
    ranked = sorted(result.recomputed, key=lambda f: (f.estimate, result.order.index(f.model)))
    return ranked[:limit]


def formula_text(formula: str, tables: Tables) -> str:
    """A derived row's formula with the numbers it uses: ``6 × 49B × 32T``.

    >>> formula_text("6 * deepseek_v4_pro_params_active * deepseek_v4_pro_tokens", tables)
    '6 × 49B × 32T'
    """
    text = formula
    for name in sorted(formula_ids(formula), key=len, reverse=True):
        text = text.replace(name, fmt.compact(tables.value(name)))
    return text.replace("*", "×").replace("/", "÷")


def _disclosed_compute(models: pd.DataFrame) -> set[str]:
    """The models that disclosed their own compute or cost (a reported or third-party row)."""
    rows = models[models["metric"].isin(list(DISCLOSED_COMPUTE)) & (models["status"] != "derived")]
    return {str(m) for m in rows["model"]}


def _bound(value: object, fallback: float) -> float:
    return float(value) if isinstance(value, float) and math.isfinite(value) else fallback


@dataclass(frozen=True)
class CompareInputs:
    """/compare's assumptions in model units."""

    cmp_basis: str
    cmp_price: float
    cmp_gpu: str
    cmp_precision: str
    cmp_mfu: float  # against the FP8 peak
    cmp_mfu_bf16: float  # against the BF16 peak


def inputs(tables: Tables, values: asm.Values | None = None) -> CompareInputs:
    """The page's inputs: its sourced defaults, with ``values`` (display units) in their place."""
    return asm.typed(CompareInputs, asm.model_values(PAGE, tables, values))


def compare_models(v: CompareInputs, tables: Tables) -> CompareResult:
    """Each model's reported costs, and its cost recomputed on one shared assumption.

    ``v`` holds model-unit values: cmp_basis (rental | compute), cmp_price, cmp_gpu,
    cmp_precision, cmp_mfu and cmp_mfu_bf16 (fractions; the one of the basis in use is read).

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
        peak, mfu, flops = stated_peak(
            tables, v.cmp_gpu, v.cmp_precision, v.cmp_mfu, v.cmp_mfu_bf16
        )
        if peak.note:
            notes.append(f"{peak.note}.")
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
    disclosed = _disclosed_compute(models)
    for r in rows.to_dict("records"):
        ours = r["status"] == "derived" and str(r["model"]) not in disclosed
        value = float(r["value"])
        low, high = _bound(r["low"], value), _bound(r["high"], value)
        if basis == "compute":
            hours = [model.gpu_hours_for_flop(x, flops, 1.0) for x in (value, low, high)]
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
                estimate=ours,
                formula=(
                    f"{formula_text(str(r['formula']), tables)} = {fmt.by_unit(value, str(r['unit']))}"
                    if ours
                    else ""
                ),
            )
        )
    other_metric = "gpu_hours" if source_metric == "flop" else "flop"
    elsewhere = set(models[(models["metric"] == other_metric) & models["is_default"]]["model"])
    neither = [m for m in missing if m not in elsewhere]
    missing = [m for m in missing if m in elsewhere]
    if missing:
        other = "compute" if basis == "rental" else "rental"
        what = "GPU-hours" if basis == "rental" else "training compute"
        notes.append(
            f"No {what} published for {', '.join(missing)}: no recomputed figure on this "
            f"basis (try the {other} basis)."
        )
    if neither:
        notes.append(
            f"Neither GPU-hours nor training compute on file for {', '.join(neither)}: no "
            "recomputed figure on either basis (its disclosures are in the table of what each "
            "model disclosed)."
        )
    shown = {f.model for f in figures}
    order = [m for m in _model_order(models) if m in shown]
    kind: Literal["rental", "compute"] = "compute" if basis == "compute" else "rental"
    return CompareResult(figures, basis_text, price, notes, order, basis_kind=kind)


def _model_order(models: pd.DataFrame) -> list[str]:
    """Models in the order the data file lists them: the chart's rows, top to bottom (those
    with a figure on the chosen basis)."""
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
                "figure": f.label,
                "cost": fmt.usd(f.value),
                "range": f"{fmt.usd(f.low)} to {fmt.usd(f.high)}" if ranged else "",
                "GPU-hours": fmt.gpu_hours(f.gpu_hours) if math.isfinite(f.gpu_hours) else "",
                "what it counts": f.counts,
                "our estimate": f.formula,
                "link": f.source_url,
                "source": f.source_name,
                "cost (USD)": round(f.value),
            }
        )
    return pd.DataFrame(rows)


def deepseek_disclosures(tables: Tables) -> pd.DataFrame:
    """:func:`disclosures` of DeepSeek's models only: /compare's "What each DeepSeek model
    disclosed".

    >>> list(deepseek_disclosures(tables)["model"])
    ['DeepSeek-V3', 'DeepSeek-V3.1', 'DeepSeek-V3.2', 'DeepSeek-V4-Pro', 'DeepSeek-V4-Flash']
    """
    models = tables["models"]
    ours = set(models[models["developer"] == "DeepSeek"]["model"])
    table = disclosures(tables)
    if table.empty:  # a release from before the disclosures were added
        return table
    table = table[table["model"].isin(ours)].reset_index(drop=True)
    # a blank is what the model did not disclose: the table says so
    said = [*DISCLOSURE_METRICS.values(), "compute (FLOP)", "GPU-hours", "cost"]
    table[said] = table[said].replace("", NOT_DISCLOSED)
    # what the reader came for first (a phone shows the first columns): compute and cost
    first = ["model", "compute (FLOP)", "cost", "GPU-hours"]
    return table[[*first, *(c for c in table.columns if c not in first)]]


def disclosed_in_words(table: pd.DataFrame) -> str:
    """What the table says, in a sentence: which DeepSeek models disclosed no compute or cost
    (so any such figure for them is ours).

    >>> print(disclosed_in_words(deepseek_disclosures(tables)))
    DeepSeek-V3.1, DeepSeek-V3.2, DeepSeek-V4-Pro and DeepSeek-V4-Flash disclosed their size
    and, except DeepSeek-V3.1, their training tokens, but no training compute, GPU-hours or
    cost: any compute or cost shown for them here is our estimate (6 × active parameters ×
    tokens), labelled as ours with its formula.
    """
    if table.empty:
        return (
            "This data release has no disclosures of DeepSeek's models beyond their costs; a "
            "later release adds V3.1, V3.2 and V4 as disclosed."
        )
    silent = table[
        table["GPU-hours"].isin(["", NOT_DISCLOSED]) & table["cost"].isin(["", NOT_DISCLOSED])
    ]
    names = list(silent["model"])
    if not names:
        return "Every DeepSeek model here disclosed its training compute, GPU-hours or cost."
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    no_tokens = list(silent[silent["training tokens"].isin(["", NOT_DISCLOSED])]["model"])
    tokens = "their training tokens"
    if no_tokens:
        tokens = f"except {', '.join(no_tokens)}, their training tokens"
    return (
        f"{listed} disclosed their size and, {tokens}, but no training compute, GPU-hours or "
        "cost: any compute or cost shown for them here is our estimate (6 × active parameters "
        "× tokens), labelled as ours with its formula."
    )


def disclosures(tables: Tables) -> pd.DataFrame:
    """What each model with disclosed parameters or tokens made public, one row a model (in
    the data file's order), beside its compute and cost: as disclosed, as a third party
    estimated them, or as ours (labelled, with the formula).

    >>> d = disclosures(tables).set_index("model")
    >>> d.loc[
    ...     "DeepSeek-V4-Pro", ["active parameters", "training tokens", "compute (FLOP)"]
    ... ].tolist()
    ['49B', '32T', 'Our estimate: 6 × 49B × 32T = 9.41e24 FLOP']
    >>> d.loc["DeepSeek-V3", ["active parameters", "GPU-hours", "cost"]].tolist()
    ['37B', '2.79M GPU-hours', '$5.58M']
    """
    models = tables["models"]
    named = models[models["metric"].isin(list(DISCLOSURE_METRICS))]
    disclosed = _disclosed_compute(models)
    out = []
    for name in _model_order(named):
        rows = models[models["model"] == name]
        default = rows[rows["is_default"]]

        def first(metric: str, frame: pd.DataFrame = default) -> dict[str, Any] | None:
            found = frame[frame["metric"] == metric].to_dict("records")
            return found[0] if found else None

        total = first("params_total")
        released = str(total["date"]) if total else str(rows["date"].min())
        entry: dict[str, str] = {"model": name, "released": released}
        for metric, column in DISCLOSURE_METRICS.items():
            row = first(metric)
            entry[column] = fmt.compact(float(row["value"])) if row else ""
        flop = first("flop")
        compute = ""
        if flop is not None:
            value = float(flop["value"])
            if flop["status"] == "derived" and name not in disclosed:
                compute = (
                    f"{OUR_ESTIMATE}: {formula_text(str(flop['formula']), tables)} = "
                    f"{fmt.flop(value)}"
                )
            elif flop["status"] == "estimate":
                compute = f"{fmt.flop(value)} (estimate: {flop['source_name']})"
            else:
                compute = fmt.flop(value)
        entry["compute (FLOP)"] = compute
        hours = first("gpu_hours")
        entry["GPU-hours"] = fmt.gpu_hours(float(hours["value"])) if hours else ""
        cost = first("cost_reported")
        entry["cost"] = fmt.usd(float(cost["value"])) if cost else ""
        tokens = first("tokens")
        entry["what the tokens count"] = str(tokens["counts"]) if tokens else ""
        entry["sources"] = "; ".join(dict.fromkeys(str(x) for x in rows["source_name"]))
        out.append(entry)
    return pd.DataFrame(out)
