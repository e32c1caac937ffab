"""/training-cost's result in one sentence, and its chart's title. No streamlit import."""

from __future__ import annotations

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.base.text import times
from aicost.pages.training_cost.scenario import R1_PHASE, TrainingResult

#: DeepSeek's own headline, the figure every training scenario is read against.
CLAIM_ROW = "v3_cost_total"


def run_subject(result: TrainingResult) -> str:
    """What the training page costs: V3's final run, and R1's RL stage if added."""
    if R1_PHASE in result.phase_costs:
        return "V3's final training run plus R1's RL stage"
    return "V3's final training run"


def price_phrase(result: TrainingResult) -> str:
    """How the run is priced, with the "Price per GPU-hour" metric's number."""
    price = fmt.usd(result.price_per_gpu_hour)
    if result.route == "ownership":
        return f"At an owner's cost of {price} per GPU-hour (Epoch AI's method)"
    if result.route == "compute":
        return (
            f"Recomputed from 6·N·D at {fmt.percent(result.mfu)} MFU against "
            f"{result.against} ({fmt.gpu_hours(result.gpu_hours)}) and priced at {price} per "
            "GPU-hour"
        )
    return f"At {price} per GPU-hour"


def training(result: TrainingResult, tables: Tables) -> str:
    """/training-cost's finding.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.training_cost.scenario import inputs, training as run
    >>> t = load_all("data/releases/2")
    >>> r = run(inputs(t, {"price": 3.4}), t)
    >>> training(r, t)
    "At $3.40 per GPU-hour, V3's final training run costs $9.48M, 1.7 times DeepSeek's $5.576M."
    """
    claim = tables.value(CLAIM_ROW)
    # on the ownership route the result says where owning beats renting
    rent = f"; {result.rent_or_own.clause()}" if result.rent_or_own else ""
    return (
        f"{price_phrase(result)}, {run_subject(result)} costs {fmt.usd(result.cost)}, "
        f"{times(result.cost / claim)} DeepSeek's {fmt.usd(claim, 4)}{rent}."
    )


def training_title(result: TrainingResult) -> str:
    """The phase chart's title, for a slide: the model, the result and the price.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.training_cost.scenario import inputs, training as run
    >>> t = load_all("data/releases/2")
    >>> r = run(inputs(t, {"price": 3.4}), t)
    >>> training_title(r)
    'DeepSeek-V3 final run: $9.48M at $3.40 per GPU-hour'
    """
    who = "DeepSeek-V3 final run"
    if R1_PHASE in result.phase_costs:
        who += " + R1's RL stage"
    owner = "an owner's " if result.route == "ownership" else ""
    return (
        f"{who}: {fmt.usd(result.cost)} at {owner}{fmt.usd(result.price_per_gpu_hour)} per GPU-hour"
    )
