"""/rules-cost: what the export rules cost, in dollars and days: for each period between rule
changes, the best chip a Chinese buyer could obtain and what a final training run would have
needed on it, beside the same run without the rules.

:func:`compute` is everything the page shows for one scenario; the computation is
:mod:`.scenario`, the sentence :mod:`.finding`, the chart :mod:`.charts`.
"""

from __future__ import annotations

import math

import pandas as pd

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm
from aicost.pages.rules_cost import charts, finding
from aicost.pages.rules_cost.scenario import (
    BASIS,
    OnChip,
    PeriodCost,
    RulesCost,
    chosen,
    inputs,
    next_with_chip,
    rules_cost,
)
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

SOURCE = "data/events.csv (both sides of each rule), data/gpus.csv (peaks), data/prices.csv"
ROWS = ("v3_gpu_hours_total", "v3_cluster_gpus", "v3_mfu_fp8_derived", "v3_mfu_bf16_derived")


def _figures(rc: RulesCost, period: PeriodCost, shown: PeriodCost | None) -> tuple[Figure, ...]:
    chip = shown.chip if shown is not None else None
    gpus = rc.inputs.rc_gpus
    deepseek_days = rc.hours_to_finish / 24
    if chip is None or shown is None:
        none = Figure(
            "Best chip a Chinese buyer could obtain",
            None,
            "none",
            help=f"From {period.start} no Nvidia data-centre chip followed here could be "
            "legally bought and brought into China.",
            key="chip",
        )
        return (none, _without_rules(period.free, gpus)) if period.free else (none,)
    since = "" if shown is period else f" (none from {period.start}; this chip from {shown.start})"
    when = (
        f"{shown.start} to {shown.end}"
        if shown is period
        else f"none from {period.start}; this one from {shown.start}"
    )
    free = shown.free
    out = [
        Figure(
            "Best chip a Chinese buyer could obtain",
            None,
            chip.chip,
            help=f"In force from {shown.start} to {shown.end}{since}: the obtainable chip with "
            "the highest dense BF16 peak (the US rule lets it be sold and China does not stop "
            "it; an announcement alone is not enough).",
            caption=when,
            key="chip",
        ),
        Figure(
            "GPU-hours",
            chip.gpu_hours,
            fmt.gpu_hours(chip.gpu_hours).replace(" GPU-hours", ""),
            "GPU-hours",
            help=f"{rc.run.model}'s compute ({fmt.sci(rc.run.flop)} FLOP, {rc.run.how}) / "
            f"({chip.chip} dense {chip.precision} peak {chip.peak_tflops:,.0f} TFLOPS x MFU "
            f"{fmt.percent(chip.mfu)}).",
            key="gpu_hours",
            format=fmt.gpu_hours,
        ),
        Figure(
            "Times the H800 run's GPU-hours",
            chip.gpu_hours / rc.h800.gpu_hours,
            fmt.multiple(chip.gpu_hours / rc.h800.gpu_hours),
            "multiple",
            help=f"Against {fmt.gpu_hours(rc.h800.gpu_hours)} on the H800 (DeepSeek's chip).",
            key="times_h800",
            format=fmt.multiple,
        ),
        Figure(
            "Cost",
            chip.cost,
            fmt.usd(chip.cost) if chip.cost is not None else fmt.DASH,
            "USD",
            help=finding.price_phrase(rc, chip).capitalize() + ".",
            key="cost_usd",
            format=fmt.usd,
        ),
        Figure(
            f"Wall-clock on {fmt.count(gpus)} GPUs",
            chip.days,
            fmt.days(chip.days),
            "days",
            key="days",
        ),
        Figure(
            f"GPUs to finish in {fmt.days(deepseek_days)}",
            chip.fleet,
            fmt.count(chip.fleet),
            "GPUs",
            help="As fast as DeepSeek's run: 2.788M H800 GPU-hours on 2,048 GPUs. Its capex at "
            "the chip's sourced purchase price, and the fleet in H100-equivalents (dense 8-bit "
            "throughput / the H100's, as Epoch AI counts them).",
            caption=(f"{fmt.usd(chip.capex)} to buy; " if chip.capex is not None else "")
            + f"{fmt.count(chip.h100e)} H100-equivalents",
            key="fleet_gpus",
        ),
    ]
    if free is not None:
        out.append(_without_rules(free, gpus))
    return tuple(out)


def _without_rules(free: OnChip, gpus: float) -> Figure:
    """The same run on the best chip sold anywhere then (the finding names the same chip)."""
    return Figure(
        "Without the rules",
        free.days,
        f"{fmt.days(free.days)}",
        "days",
        help=f"The best Nvidia chip sold anywhere then, the {free.chip}: "
        f"{fmt.gpu_hours(free.gpu_hours)}"
        + (f", {fmt.usd(free.cost)}" if free.cost is not None else "")
        + f", on {fmt.count(gpus)} GPUs.",
        caption=f"on the {free.chip}",
        key="free_days",
    )


def _bars(rc: RulesCost) -> tuple[Bar, ...]:
    """Each chip China could obtain, in the order the rules allowed it, with the run's days on
    it (the preview card's chart): the first period of each chip, the last four chips."""
    firsts: dict[str, PeriodCost] = {}
    for p in rc.periods:
        if p.chip is not None:
            firsts.setdefault(p.chip.chip, p)
    return tuple(
        Bar(f"{chip} (from {p.start[:4]})", p.chip.days, fmt.days(p.chip.days), ours=True)
        for chip, p in firsts.items()
        if p.chip is not None
    )[-4:]


def table(rc: RulesCost) -> pd.DataFrame:
    """Every period: its chip and the run on it, and without the rules."""

    def money(value: float | None) -> str:
        return fmt.usd(value) if value is not None else fmt.DASH

    rows = []
    for p in rc.periods:
        c: OnChip | None = p.chip
        rows.append(
            {
                "from": p.start,
                "to": p.end,
                "opened by": p.rule,
                "best chip China could obtain": c.chip if c else "none",
                "GPU-hours": fmt.gpu_hours(c.gpu_hours) if c else fmt.DASH,
                "x the H800 run": fmt.multiple(c.gpu_hours / rc.h800.gpu_hours) if c else fmt.DASH,
                "cost": money(c.cost) if c else fmt.DASH,
                "days": fmt.days(c.days) if c else fmt.DASH,
                "GPUs to finish as fast": fmt.count(c.fleet) if c else fmt.DASH,
                "their capex": money(c.capex) if c else fmt.DASH,
                "H100-equivalents": fmt.count(c.h100e) if c else fmt.DASH,
                "without the rules": (
                    f"{p.free.chip}: {fmt.days(p.free.days)}, {money(p.free.cost)}"
                    if p.free
                    else fmt.DASH
                ),
            }
        )
    return pd.DataFrame(rows)


def compute(s: Scenario) -> Body:
    """Everything /rules-cost shows for one scenario.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["rules-cost"], tables, Store("data/releases").current)
    >>> [f.text for f in r.figures][:6]
    ['H20', '18.6M', '6.69×', '$37.3M', '379 days', '13,693']
    """
    tables = s.tables
    i = inputs(tables, s.values)
    rc = rules_cost(i, tables)
    period = chosen(rc, s.params.get("on", ""))
    shown = period if period.chip is not None else next_with_chip(rc, period)
    sentence = finding.rules_cost(rc, period)
    notes = []
    if rc.run.missing:
        notes.append(
            f"This data release has no training compute for {rc.run.missing}: the page shows "
            "DeepSeek-V3's final run instead (a later release has it)."
        )
    if rc.run.estimate:
        notes.append(
            f"{rc.run.model} disclosed no training compute: the run is our 6·N·D estimate "
            f"({fmt.sci(rc.run.flop)} FLOP) from its disclosed parameters and tokens."
        )
    missing = sorted(
        {p.chip.chip for p in rc.periods if p.chip is not None and p.chip.price is None}
    )
    if missing:
        notes.append(
            "No sourced price on this route for the "
            + ", ".join(missing)
            + ": its cost shows a dash; the hours and days stand."
        )
    chip = shown.chip if shown is not None else None
    return Body(
        figures=_figures(rc, period, shown),
        finding=sentence,
        lead=4 if chip is not None else 0,  # the wall-clock: 379 days against 56.7
        headline=(
            f"{chip.chip} from {shown.start}: {fmt.days(chip.days)}, "
            f"{fmt.usd(chip.cost) if chip.cost is not None else fmt.DASH}"
            if chip is not None and shown is not None
            else "no chip could be bought"
        ),
        charts=(
            Chart(
                "deepseek-export-rules-cost",
                "Horizontal bars, one per period between export rules, of the days the run "
                f"would take on the best chip China could obtain, beside the run without the "
                f"rules. {sentence}",
                lambda: charts.by_period(rc, shown or period, source=SOURCE),
            ),
        ),
        notes=tuple(notes),
        bars=_bars(rc),
        frames={"periods": lambda: table(rc)},
        summary={
            "period_from": period.start,
            "chip": chip.chip if chip else "",
            "gpu_hours": round(chip.gpu_hours) if chip else 0,
            "cost_usd": round(chip.cost, 2) if chip and chip.cost is not None else "",
            "days": round(chip.days, 2) if chip else 0,
        },
        used=_used(s.values, tables, i.rc_route),
        rows=(*ROWS, *rc.run.rows),
        detail=rc,
    )


#: What each input's effect depends on, for the change panel: each MFU row counts on its
#: basis, the one price on its route.
DEPENDS: dict[str, tuple[str, ...]] = {
    "rc_mfu": ("rc_format",),
    "rc_mfu_bf16": ("rc_format",),
    "rc_price": ("rc_route",),
}


def _used(values: asm.Values, tables: Tables, route: str) -> frozenset[str]:
    names = {a.name for a in asm.for_page("rules-cost")}
    names.discard(BASIS.unused(values, tables))
    if route != "one price":
        names.discard("rc_price")
    return frozenset(names)


def changes(values: asm.Values, tables: Tables) -> dict[str, float]:
    """The change panel's figures: the run's GPU-hours, days and cost on the H20 (the chip
    after the rule that caught the H800), as the figures every period scales with; the cost
    is not a number where the route has no sourced price for the H20 (its effect reads "—").

    A change of route moves the cost only:

    >>> on = changes(asm.defaults("rules-cost", tables), tables)
    >>> own = changes({**asm.defaults("rules-cost", tables), "rc_route": "ownership"}, tables)
    >>> own["H20 run, days"] == on["H20 run, days"], round(on["H20 run, cost"] / 1e6, 1)
    (True, 37.3)
    """
    rc = rules_cost(inputs(tables, values), tables)
    h20 = next((p.chip for p in rc.periods if p.chip is not None and p.chip.chip == "H20"), rc.h800)
    return {
        "H20 run, GPU-hours": h20.gpu_hours,
        "H20 run, days": h20.days,
        "H20 run, cost": math.nan if h20.cost is None else h20.cost,
    }
