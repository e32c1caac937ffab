"""/training-cost: what one training run cost, on the route and assumptions the reader chooses.

:func:`compute` is everything the page shows for one scenario (:class:`~aicost.report.page.Body`);
the computation is :mod:`.scenario`, the sentence :mod:`.finding`, the charts :mod:`.charts`.
"""

from __future__ import annotations

import datetime as dt

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.base.gpus import price_band, rental_quotes
from aicost.inputs import assumptions as asm
from aicost.pages.training_cost import charts, finding
from aicost.pages.training_cost.scenario import (
    TrainingResult,
    inputs,
    training,
    training_range,
)
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

PHASES_SOURCE = "DeepSeek-V3 technical report (arXiv 2412.19437), Table 1; your assumptions"
OWNERSHIP_SOURCE = "Epoch AI cost method (Cottier et al. 2024); data/prices.csv"
PRICE_SOURCE = "data/prices.csv (dated rental quotes); DeepSeek-V3 Table 1"
#: Its tabs: the phases first; the price's own charts one click away.
VIEW = "tc_chart"
VIEWS = {VIEW: ("Cost by phase", "The price per GPU-hour")}
#: Rows its figures read besides its assumptions' defaults.
ROWS = (finding.CLAIM_ROW, "r1_total_gpu_hours_derived")


#: What each input's effect depends on, for the change panel: an input only some routes read,
#: or whose part changes with the route (the price: paid, or compared with), after the route;
#: the MFU's basis after the chip (an A100 is always BF16), the MFU after both.
DEPENDS: dict[str, tuple[str, ...]] = {
    **{
        name: ("route",)
        for names in asm.ROUTE_INPUTS.values()
        for name in names
        if not all(name in other for other in asm.ROUTE_INPUTS.values())
    },
    "price": ("route",),
    "precision": ("route", "gpu"),
    "mfu": ("route", "gpu", "precision"),
    "mfu_bf16": ("route", "gpu", "precision"),
}


#: The price's label on the ownership route, where the run is priced at the owner's cost.
COMPARED_LABEL = "Rental price compared with (USD per GPU-hour)"
COMPARED_NOTE = (
    "On this route the run is priced at the owner's cost; this is the rental price owning is "
    "compared with."
)


def price_label(route: str) -> tuple[str, str]:
    """The price's label and note on ``route`` ("" for the declared ones): on the ownership
    route the run is priced at the owner's cost, and the price is what owning is set against.
    """
    return (COMPARED_LABEL, COMPARED_NOTE) if route == "ownership" else ("", "")


#: The row whose date is V3's run (its report's): the first day the price's band is read on.
RUN_ROW = finding.CLAIM_ROW


def price_band_text(tables: Tables, chip: str, price: float, today: str) -> str:
    """Where the chosen price sits among the sourced rental quotes of ``chip``: in the year up
    to V3's run and in the year up to ``today`` (:func:`aicost.base.gpus.price_band`).

    One line each (a page shows them as lines):

    >>> print(price_band_text(tables, "H800", 3.5, "2026-12-07"))
    Your $3.50 beside sourced H800 quotes:
    In the year up to V3's run (2024-12-26): H800 rental, 2024-08: $3.42 per GPU-hour (1 quote, 1
    source); $3.50 is above it.
    In the year up to today (2026-12-07): no sourced quote for the H800.
    >>> print(price_band_text(tables, "H100", 2.0, "2026-12-07").splitlines()[2])
    In the year up to today (2026-12-07): H100 rental, 2026-03 to 2026-06: $1.99 to $5.00 per
    GPU-hour, median $2.65 (5 quotes, 5 sources); $2.00 is within it.
    """
    shown = fmt.usd(price)
    lines = [f"Your {shown} beside sourced {chip} quotes:"]
    for when, day in (("V3's run", str(tables.row(RUN_ROW)["date"])), ("today", today)):
        band = price_band(tables, chip, day)
        if band is None:
            said = f"no sourced quote for the {chip}"
        else:
            where = "below" if price < band.low else "above" if price > band.high else "within"
            said = f"{band.text()}; {shown} is {where} it"
        lines.append(f"In the year up to {when} ({day}): {said}.")
    return "\n".join(lines)


def used(route: str) -> frozenset[str]:
    """The assumptions a scenario on ``route`` reads: the route's inputs, the cluster's size
    and R1's stage (less the MFU basis's inputs it does not read: :func:`aicost.report.page`
    takes those out for every page with an MFU basis)."""
    return frozenset({"route", *asm.ROUTE_INPUTS[route], "gpus", "r1"})


def figures(result: TrainingResult, gpus: float) -> tuple[Figure, ...]:
    """The page's metrics, in the order it shows them: the first three are its headline."""
    cost, hours, price = result.cost, result.gpu_hours, result.price_per_gpu_hour
    flop = result.flop
    return (
        Figure(
            "Training cost",
            cost,
            fmt.usd(cost),
            "USD",
            help=f"{fmt.usd_exact(cost)} = {fmt.gpu_hours(hours)} x {fmt.usd(price)} per GPU-hour",
            key="total_cost_usd",
            format=fmt.usd,
        ),
        Figure(
            "GPU-hours",
            hours,
            fmt.gpu_hours(hours).replace(" GPU-hours", ""),
            "GPU-hours",
            help="Sum of the phases shown in the chart below.",
            key="gpu_hours",
            format=fmt.gpu_hours,
        ),
        Figure(
            "Price per GPU-hour",
            price,
            fmt.usd(price),
            "USD per GPU-hour",
            help="The slider on the rental route; Epoch's ownership cost on that route.",
            key="price_per_gpu_hour_usd",
            format=fmt.usd,
        ),
        Figure(
            f"Wall-clock on {fmt.count(gpus)} GPUs",
            result.days,
            fmt.days(result.days),
            "days",
            key="wall_clock_days",
        ),
        Figure(
            "MFU",
            result.mfu,
            fmt.percent(result.mfu),
            "fraction",
            help="Model FLOP utilisation: the share of the chips' peak speed the run actually "
            f"used. Basis: {result.mfu_basis}.",
            caption=f"against {result.against}",
            key="mfu",
        ),
        Figure(
            "Compute, 6·N·D (FLOP)",
            flop,
            fmt.sci(flop),
            "FLOP",
            help=f"{fmt.flop_words(flop)} operations (FLOP: floating-point operations): 6 x "
            "active parameters (N) x training tokens (D), the usual estimate of a training "
            "run's arithmetic.",
            # 3.29e24 as words a reader can say, without hovering
            caption=f"{fmt.sci(flop)} FLOP: {fmt.flop_words(flop)} operations.",
            key="training_flop",
        ),
    )


def compute(s: Scenario) -> Body:
    """Everything /training-cost shows for one scenario.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> store = Store("data/releases")
    >>> r = result(BY_PATH["training-cost"], tables, store.current, {"price": 3.4})
    >>> [f.text for f in r.figures[:3]], r.body.bars[1].text
    (['$9.48M', '2.79M', '$3.40'], '$5.576M')
    """
    tables = s.tables
    i = inputs(tables, s.values)
    result = training(i, tables)
    sentence = finding.training(result, tables)
    spread = training_range(result)
    claim = tables.value(finding.CLAIM_ROW)
    owner = "an owner's " if result.route == "ownership" else ""
    charts_ = (
        Chart(
            "deepseek-training-cost-by-phase",
            f"Bar chart of the cost of each training phase. {sentence}",
            lambda: charts.phase_costs(
                result.phase_costs,
                result.price_per_gpu_hour,
                source=PHASES_SOURCE,
                title=finding.training_title(result),
            ),
            view=(VIEW, VIEWS[VIEW][0]),
        ),
        *_price_charts(result, tables, sentence),
    )
    return Body(
        figures=figures(result, i.gpus),
        finding=sentence,
        headline=f"{fmt.usd(result.cost)} at {owner}{fmt.usd(result.price_per_gpu_hour)} per "
        "GPU-hour",
        charts=charts_,
        notes=tuple(result.notes),
        says={
            "range": f"Range over {spread.n:,} draws of the price inputs, each drawn within its "
            f"source's 90% interval (Epoch AI), around the values set here: {spread.band()}, "
            f"so 8 draws in 10 fall in it. MFU basis: {result.mfu_basis}. The cost counts the "
            "final run only: no research, ablations, failed runs or staff.",
            # beside the price control: where the chosen price sits among sourced quotes
            "price_band": price_band_text(
                tables,
                i.gpu if i.route == "compute" else "H800",
                i.price,
                s.day or dt.date.today().isoformat(),
            ),
            # under the owner's chart: the break-even, and what the reader's price means
            "rent_or_own": (
                f"{result.rent_or_own.sentence()}. {result.rent_or_own.at_price()}"
                if result.rent_or_own
                else ""
            ),
        },
        bars=(
            Bar("This scenario", result.cost, fmt.usd(result.cost), ours=True),
            Bar("DeepSeek's figure", claim, fmt.usd(claim, 4)),
        ),
        summary=result.summary(),
        # on the ownership route the price control is the rental price compared with
        labels={"price": label} if (label := price_label(i.route)[0]) else {},
        used=used(i.route),
        rows=ROWS,
        detail=result,
    )


def _price_charts(result: TrainingResult, tables: Tables, sentence: str) -> tuple[Chart, ...]:
    """The price tab: the owner's cost beside renting (on the ownership route), then the run's
    cost against the price per GPU-hour with the market's quotes."""
    view = (VIEW, VIEWS[VIEW][1])
    out = []
    ownership, rent = result.ownership, result.rent_or_own
    if ownership is not None and rent is not None:
        out.append(
            Chart(
                "deepseek-ownership-cost-per-gpu-hour",
                "Stacked bar of the owner's cost per GPU-hour beside the rental price you set. "
                + sentence,
                lambda: charts.ownership_breakdown(ownership, rent.rental, source=OWNERSHIP_SOURCE),
                view=view,
            )
        )
    out.append(
        Chart(
            "deepseek-training-cost-vs-price",
            "Line of the run's cost against price per GPU-hour with market quotes marked. "
            + sentence,
            lambda: charts.cost_vs_price(
                result.gpu_hours,
                result.price_per_gpu_hour,
                rental_quotes(tables, asm.BY_NAME["gpu"].options),
                source=PRICE_SOURCE,
            ),
            view=view,
        )
    )
    return tuple(out)


def changes(values: asm.Values, tables: Tables) -> dict[str, float]:
    """The change panel's figure: the run's cost (the "Training cost" metric)."""
    return {"Training cost": training(inputs(tables, values), tables).cost}
