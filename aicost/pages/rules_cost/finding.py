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
    run = "V3's final run" if rc.run.model == "DeepSeek-V3" else f"{rc.run.model}'s final run"
    hours = f"{run} would have needed {fmt.gpu_hours(chip.gpu_hours)} ({times(ratio)} the H800's)"
    days = f"{fmt.days(chip.days)} on {fmt.count(gpus)} of them"
    if chip.cost is None:
        return f"{hours} and {days} (no sourced price for it on this route)"
    return f"{hours}, {fmt.usd(chip.cost)} {price_phrase(rc, chip)} and {days}"


def rules_cost(rc: RulesCost, period: PeriodCost) -> str:
    """/rules-cost's finding for the period a reader asked about.

    >>> from aicost.pages.rules_cost.scenario import chosen, inputs, rules_cost as compute
    >>> rc = compute(inputs(tables), tables)
    >>> print(rules_cost(rc, chosen(rc, "2024-06-30")))
    Under the rules in force from 2024-05-24, the best chip China could obtain was the H20: V3's
    final run would have needed 18.6M GPU-hours (6.69 times the H800's), $37.3M at $2.00 per
    GPU-hour and 379 days on 2,048 of them. Without the rules, the H200 (sold elsewhere then)
    would have taken 56.7 days.
    """
    gpus = rc.inputs.rc_gpus
    shown = period  # the period whose run the page's figures show
    if period.chip is not None:
        head = (
            f"Under the rules in force from {period.start}, the best chip China could obtain "
            f"was the {period.chip.chip}: {on_chip(rc, period.chip, gpus)}"
        )
    else:
        head = f"From {period.start} to {period.end}, China could legally obtain no Nvidia chip"
        later = next_with_chip(rc, period)
        if later is not None and later.chip is not None:
            head += f"; on the next, the {later.chip.chip}, {on_chip(rc, later.chip, gpus)}"
            shown = later
    # the run without the rules beside the run shown (the "Without the rules" figure's)
    free = shown.free
    if free is not None and (shown.chip is None or free.chip != shown.chip.chip):
        head += (
            f". Without the rules, the {free.chip} (sold elsewhere then) would have taken "
            f"{fmt.days(free.days)}"
        )
    return head + "."
