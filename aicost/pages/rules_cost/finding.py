"""/rules-cost's result in one sentence: under the rules a reader asked about, which chip a
Chinese buyer could get, what the run would have needed on it, and without the rules.
No streamlit import."""

from __future__ import annotations

from aicost.base import fmt
from aicost.base.text import times
from aicost.pages.rules_cost.scenario import OnChip, PeriodCost, RulesCost, next_with_chip


def price_phrase(rc: RulesCost, chip: OnChip) -> str:
    """How the run was priced, in words (with the chip's price per GPU-hour)."""
    if chip.price is None:
        return "with no sourced price for it"
    per = f"{fmt.usd(chip.price)} per GPU-hour"
    route = rc.inputs.rc_route
    if route == "ownership":
        return f"at an owner's {per} (Epoch AI's method)"
    if route == "market":
        return f"at its median market rental, {per}"
    return f"at {per}"


def on_chip(rc: RulesCost, chip: OnChip, gpus: float) -> str:
    """The run on one chip: GPU-hours against the H800 run's, cost, and wall-clock."""
    ratio = chip.gpu_hours / rc.h800.gpu_hours
    cost = f"{fmt.usd(chip.cost)} " if chip.cost is not None else ""
    return (
        f"{rc.run.model}'s final run would have needed {fmt.gpu_hours(chip.gpu_hours)} "
        f"({times(ratio)} the H800 run's), cost {cost}{price_phrase(rc, chip)}, and taken "
        f"{fmt.days(chip.days)} on {fmt.count(gpus)} of them"
    )


def rules_cost(rc: RulesCost, period: PeriodCost) -> str:
    """/rules-cost's finding for the period a reader asked about.

    >>> from aicost.pages.rules_cost.scenario import chosen, inputs, rules_cost as compute
    >>> rc = compute(inputs(tables), tables)
    >>> print(rules_cost(rc, chosen(rc, "2024-06-30")))
    Under the rules in force from 2024-05-24, the best Nvidia chip a Chinese buyer could obtain
    was the H20: DeepSeek-V3's final run would have needed 18.6M GPU-hours (6.69 times the H800
    run's), cost $37.3M at $2.00 per GPU-hour, and taken 379 days on 2,048 of them.
    """
    gpus = rc.inputs.rc_gpus
    if period.chip is not None:
        head = (
            f"Under the rules in force from {period.start}, the best Nvidia chip a Chinese "
            f"buyer could obtain was the {period.chip.chip}: {on_chip(rc, period.chip, gpus)}"
        )
    else:
        head = (
            f"From {period.start} to {period.end}, a Chinese buyer could legally obtain none of "
            "the Nvidia data-centre chips followed here"
        )
        later = next_with_chip(rc, period)
        if later is not None and later.chip is not None:
            head += (
                f"; the next was the {later.chip.chip}, from {later.start}: "
                f"{on_chip(rc, later.chip, gpus)}"
            )
    free = period.free
    if free is not None and (period.chip is None or free.chip != period.chip.chip):
        head += (
            f". Without the rules, the {free.chip} (sold elsewhere then) would have taken "
            f"{fmt.days(free.days)}"
        )
    return head + "."
