"""/training-cost's computation: a training run priced on the chosen route. No streamlit import."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from aicost.base import fmt, model, montecarlo
from aicost.base.data import Tables
from aicost.base.gpus import (
    IntervalItems,
    peak_flops,
    price_intervals,
    stated_peak,
)
from aicost.inputs import assumptions as asm
from aicost.inputs.basis import MfuBasis

PAGE = "training-cost"
PHASES = ("pre-training", "context extension", "post-training")


R1_PHASE = "R1 reinforcement learning"
#: The compute route's MFU: one input per basis, the format choice and the chip.
BASIS = MfuBasis("mfu", "precision", "gpu")


@dataclass(frozen=True)
class TrainingInputs:
    """/training-cost's assumptions in model units (one field per assumption of the page)."""

    route: str
    price: float
    pre: float
    ctx: float
    post: float
    r1: bool
    gpus: float
    gpu: str
    precision: str
    mfu: float  # against the FP8 peak
    mfu_bf16: float  # against the BF16 peak
    params_b: float
    tokens_t: float
    own_price: float
    own_life: float
    own_srv: float
    own_ic: float
    tdp: float
    spf: float
    util: float
    pue: float
    kwh: float


def inputs(tables: Tables, values: asm.Values | None = None) -> TrainingInputs:
    """The page's inputs: its sourced defaults in ``tables``, with ``values`` (display units,
    as the widgets give them) in their place.

    >>> i = inputs(tables, {"price": 3.4, "mfu": 40})
    >>> i.price, i.mfu, i.pre
    (3.4, 0.4, 2664000.0)
    """
    return asm.typed(TrainingInputs, asm.model_values(PAGE, tables, values))


@dataclass(frozen=True)
class RentOrOwn:
    """Owning a GPU against renting one at the reader's price: the owner's cost per GPU-hour
    (Epoch AI's method, the GPU busy every hour of its written-off life) is the break-even
    rental price. Energy is paid only while a GPU works; the hardware and interconnect are paid
    whether it works or not, so a cluster busy part of the time costs more per hour it works.

    >>> r = RentOrOwn(
    ...     rental=3.5,
    ...     rate=model.OwnershipRate(hardware=1.646, interconnect=0.386, energy=0.091),
    ...     years=3.1,
    ...     gpu_hours=2.788e6,
    ... )
    >>> r.sentence()
    'Owning beats renting above $2.12 per GPU-hour, if the cluster stays busy for its 3.1-year life'
    >>> print(r.at_price())
    At the $3.50 rental price you set, owning is cheaper if the cluster is busy at least 60% of
    that time: renting this run costs $9.76M, owning it $5.92M.
    """

    rental: float  # USD per GPU-hour, the rental price compared with
    #: the owner's cost per GPU-hour: hardware and interconnect per hour of the GPU's life,
    #: written off; energy per hour the GPU works
    rate: model.OwnershipRate
    years: float  # the life it is written off over
    gpu_hours: float  # the run's

    @property
    def breakeven(self) -> float:
        """The rental price above which owning is cheaper, the cluster busy all its life."""
        return self.rate.total

    @property
    def busy_share(self) -> float | None:
        """The share of its life the cluster must be busy for owning to match renting at the
        reader's price (above 1: renting is cheaper even busy all the time); None when the
        rental price does not cover even the energy."""
        margin = self.rental - self.rate.energy
        fixed = self.rate.hardware + self.rate.interconnect
        return fixed / margin if margin > 0 else None

    def clause(self) -> str:
        """The break-even in words, as part of a sentence."""
        return (
            f"owning beats renting above {fmt.usd(self.breakeven)} per GPU-hour, if the cluster "
            f"stays busy for its {self.years:.3g}-year life"
        )

    def sentence(self) -> str:
        """The break-even in words, as a sentence (without its full stop)."""
        clause = self.clause()
        return clause[0].upper() + clause[1:]

    def at_price(self) -> str:
        """What the reader's rental price means for this run."""
        rented = fmt.usd(self.rental * self.gpu_hours)
        owned = fmt.usd(self.breakeven * self.gpu_hours)
        price = f"At the {fmt.usd(self.rental)} rental price you set"
        share = self.busy_share
        if share is None or share > 1:
            return (
                f"{price}, renting is cheaper even with the cluster busy all the time: renting "
                f"this run costs {rented}, owning it {owned}."
            )
        return (
            f"{price}, owning is cheaper if the cluster is busy at least "
            f"{fmt.percent(share, 0)} of that time: renting this run costs {rented}, owning it "
            f"{owned}."
        )

    def summary(self) -> dict[str, float | None]:
        """For machines; the busy share is null when renting wins however busy the cluster."""
        share = self.busy_share
        return {
            "rental_price_compared_usd": round(self.rental, 4),
            "owning_beats_renting_above_usd": round(self.breakeven, 4),
            "busy_share_for_owning_to_win": None if share is None else round(share, 4),
        }


@dataclass(frozen=True, kw_only=True)
class TrainingResult(model.RunCost):
    """What the training-cost page shows for one scenario: the priced run (by phase) and more."""

    route: str
    days: float
    mfu: float
    mfu_basis: str
    flop: float
    #: the peak the MFU is stated against, in a few words ("the H800's FP8 peak")
    against: str = ""
    #: The intervals of the data the result was computed from, for :func:`training_range`.
    intervals: IntervalItems = field(repr=False)
    ownership: model.OwnershipRate | None = None
    notes: list[str] = field(default_factory=list)
    ownership_inputs: model.OwnershipAssumptions | None = None
    #: on the ownership route: owning against renting at the reader's rental price
    rent_or_own: RentOrOwn | None = None

    def summary(self) -> dict[str, float | str | None]:
        """Headline results, for downloads."""
        return {
            **(self.rent_or_own.summary() if self.rent_or_own else {}),
            "route": self.route,
            "total_cost_usd": round(self.cost, 2),
            "gpu_hours": round(self.gpu_hours, 1),
            "price_per_gpu_hour_usd": round(self.price_per_gpu_hour, 4),
            "wall_clock_days": round(self.days, 2),
            "mfu": round(self.mfu, 4),
            "mfu_basis": self.mfu_basis,
            "training_flop": self.flop,
            **{f"cost_{k.replace(' ', '_')}_usd": round(v, 2) for k, v in self.phase_costs.items()},
        }


def training(v: TrainingInputs, tables: Tables) -> TrainingResult:
    """Cost a training run on the chosen route (``v``: the inputs in model units).

    At the sourced defaults this is DeepSeek-V3's Table 1:

    >>> r = training(inputs(tables), tables)
    >>> r.cost, r.gpu_hours, round(r.days, 1), round(r.mfu, 3)
    (5576000.0, 2788000.0, 56.7, 0.173)
    """
    route = v.route
    notes: list[str] = []
    hours = {
        PHASES[0]: v.pre,
        PHASES[1]: v.ctx,
        PHASES[2]: v.post,
    }
    flop = model.training_flop(v.params_b, v.tokens_t)
    if route == "compute":
        peak, mfu, flops = stated_peak(tables, v.gpu, v.precision, v.mfu, v.mfu_bf16)
        hours[PHASES[0]] = model.gpu_hours_for_flop(flop, flops, 1.0)  # flops: what the run gets
        if peak.note:
            notes.append(f"{peak.note} ({peak.flops / 1e12:,.0f} TFLOPS), {fmt.percent(mfu)} here.")
        basis = peak.basis
    else:
        peak = peak_flops(tables, "H800", "FP8")
        mfu = model.implied_mfu(flop, hours[PHASES[0]], peak.flops)
        basis = f"implied by the pre-training hours and 6·N·D, against the {peak.basis}"
    against = f"the {peak.gpu}'s {peak.precision} peak"
    if v.r1:
        hours[R1_PHASE] = tables.value("r1_total_gpu_hours_derived")
    hours = {k: h for k, h in hours.items() if h > 0}
    ownership = owned = None
    if route == "ownership":
        owned = model.OwnershipAssumptions(
            gpu_price=v.own_price,
            amortization_years=v.own_life,
            server_overhead=v.own_srv,
            interconnect_fraction=v.own_ic,
            tdp_watts=v.tdp,
            server_power_factor=v.spf,
            power_fraction=v.util,
            pue=v.pue,
            energy_price_kwh=v.kwh,
        )
        ownership = model.ownership_rate(owned)
        price = ownership.total
    else:
        price = v.price
    run = model.rental_run(hours, price)
    days = model.wall_clock_days(run.gpu_hours, v.gpus)
    return TrainingResult(
        phase_gpu_hours=run.phase_gpu_hours,
        phase_costs=run.phase_costs,
        price_per_gpu_hour=price,
        route=route,
        days=days,
        mfu=mfu,
        mfu_basis=basis,
        flop=flop,
        against=against,
        intervals=price_intervals(tables),
        ownership=ownership,
        notes=notes,
        ownership_inputs=owned,
        rent_or_own=(
            RentOrOwn(rental=v.price, rate=ownership, years=v.own_life, gpu_hours=run.gpu_hours)
            if ownership is not None
            else None
        ),
    )


@lru_cache(maxsize=512)
def _training_range(
    gpu_hours: float, price: float | model.OwnershipAssumptions, intervals: IntervalItems
) -> montecarlo.Distribution:
    return montecarlo.training_cost_distribution(gpu_hours, price, intervals=dict(intervals))


def training_range(result: TrainingResult) -> montecarlo.Distribution:
    """The run's cost across 10,000 seeded draws of its price inputs (Epoch AI's intervals).

    On the rental route the price varies (0.5x to 2x); on the ownership route the hardware
    price, write-off, interconnect, power and energy inputs do. Memoised: the same scenario
    costs one lookup.

    >>> r = training(inputs(tables), tables)
    >>> training_range(r).band()
    '80% range (P10–P90): $3.25M–$9.57M'
    """
    price = result.ownership_inputs or result.price_per_gpu_hour
    return _training_range(result.gpu_hours, price, result.intervals)
