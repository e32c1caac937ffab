"""The reconcile chain: DeepSeek's cost headlines on one scale, from $294K to about $2.5B. Pure.

Seven steps, narrowest figure first, ending at SemiAnalysis' capex plus operations. Each step
says what it adds to the one before, what it includes and excludes, and which data rows it
comes from:

1. R1's reinforcement-learning stage (GPU-hours x rental price);
2. V3's final training run at the rental price (DeepSeek's $5.576M);
3. the same run at an owner's cost (Epoch AI's method);
4. plus research, ablations and failed runs (a multiplier);
5. buying the cluster the run used (GPUs, servers and network);
6. DeepSeek's whole fleet: GPU spending over the company's history;
7. SemiAnalysis' server capex, and (7b) the cost of operating the clusters.

Steps 1-5 are computed here from the data and the visitor's assumptions; steps 6 and 7 are
analysts' estimates the visitor may replace. :func:`chain` computes the figures; what each
step is (:data:`STEPS`) and the sentences about it (:func:`step_words`) are kept apart.
:func:`uncertainty` adds Monte Carlo ranges and tornado rankings (:mod:`aicost.base.montecarlo`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from aicost.base import fmt, model
from aicost.base import montecarlo as mc
from aicost.base.data import Tables
from aicost.base.gpus import epoch_ownership
from aicost.inputs import assumptions as asm
from aicost.pages.gpu_capex import scenario as capex

PAGE = "reconcile"


@dataclass(frozen=True)
class ChainInputs:
    """/reconcile's assumptions in model units (the page's ``rec_*`` names)."""

    rec_r1_gpus: float
    rec_price: float
    rec_own_price: float
    rec_ooms: float
    rec_mult: float
    rec_gpus: float
    rec_gpu_spend: float
    rec_capex: float
    rec_opex: float


def inputs(tables: Tables, values: asm.Values | None = None) -> ChainInputs:
    """The page's inputs: its sourced defaults in ``tables``, with ``values`` (display units)
    in their place.

    >>> inputs(tables, {"rec_capex": 1300}).rec_capex
    1300000000.0
    """
    return asm.typed(ChainInputs, asm.model_values(PAGE, tables, values))


@dataclass(frozen=True)
class StepInfo:
    """What one step of the chain is, whatever the assumptions."""

    key: str
    number: str
    label: str
    short: str  # axis label
    excludes: str
    sources: tuple[str, ...]
    bound: str = ""  # "more than" for a lower bound


#: The chain's steps, narrowest figure first.
STEPS: tuple[StepInfo, ...] = (
    StepInfo(
        key="r1_rl",
        number="1",
        label="R1's reinforcement-learning stage",
        short="R1's RL stage",
        excludes="The V3 base model R1 starts from; research; buying the GPUs; staff.",
        sources=("r1_rl_cost", "r1_total_gpu_hours_derived", "r1_rl_gpus"),
    ),
    StepInfo(
        key="v3_rental",
        number="2",
        label="V3's final training run, rented",
        short="V3 run, rented",
        excludes="Per the V3 paper: 'prior research and ablation experiments'; also R1's RL "
        "stage, buying the GPUs, staff, data.",
        sources=("v3_cost_total", "v3_gpu_hours_total", "v3_rental_price_assumption"),
    ),
    StepInfo(
        key="v3_owned",
        number="3",
        label="The same run at an owner's cost",
        short="Same run, owned",
        excludes="Idle time, buying the whole cluster up front, research, staff, data centre "
        "buildings.",
        sources=(
            "h800_dgx_per_gpu",
            "epoch_depreciation_ooms",
            "epoch_interconnect_fraction",
            "epoch_energy_price_2024",
        ),
    ),
    StepInfo(
        key="research",
        number="4",
        label="Plus research, ablations and failed runs",
        short="+ research runs",
        excludes="Staff (Epoch AI: 29-49% of a frontier model's development cost), data, "
        "hardware beyond the hours used.",
        sources=("lambert_experiment_multiplier", "lambert_experiment_multiplier_high"),
    ),
    StepInfo(
        key="cluster",
        number="5",
        label="Buying the cluster the run used",
        short="Buy the cluster",
        excludes="DeepSeek's other clusters, buildings, electricity, staff.",
        sources=("v3_cluster_gpus", "h800_dgx_per_gpu", "epoch_interconnect_fraction"),
    ),
    StepInfo(
        key="fleet_gpus",
        number="6",
        label="DeepSeek's whole fleet: GPUs",
        short="Fleet GPUs",
        excludes="Servers, network, buildings, operation, staff.",
        sources=("semianalysis_gpu_investment",),
        bound="more than",
    ),
    StepInfo(
        key="server_capex",
        number="7",
        label="SemiAnalysis: server capex",
        short="Server capex",
        excludes="Operating the clusters, staff, research.",
        sources=("semianalysis_server_capex", "semianalysis_table_capex_critic"),
    ),
    StepInfo(
        key="operations",
        number="7b",
        label="SemiAnalysis: cost of operating the clusters",
        short="+ operations",
        excludes="Staff salaries beyond operations, data, R&D outside the clusters.",
        sources=("semianalysis_operating_cost",),
    ),
)


@dataclass(frozen=True, kw_only=True)
class Step(StepInfo):
    """One figure of the chain and where the chain stands after it."""

    value: float  # the figure this step reports (USD)
    level: float  # the chain's running figure after this step (USD)
    adds: str
    includes: str


@dataclass(frozen=True)
class Numbers:
    """The numbers the chain is computed from: the visitor's assumptions and the data's."""

    price: float  # rental price per GPU-hour
    r1_gpus: float
    r1_zero_hours: float
    r1_final_hours: float
    r1_sft_gpu_hours: float
    r1_gpu_hours: float
    v3_gpu_hours: float
    ownership: model.OwnershipAssumptions
    rate: model.OwnershipRate
    multiplier: float
    cluster_gpus: float
    gpu_spend: float
    capex: float
    opex: float


@dataclass(frozen=True)
class Chain:
    """The whole chain at one set of assumptions."""

    steps: tuple[Step, ...]
    r1_gpu_hours: float
    v3_gpu_hours: float
    ownership: model.OwnershipRate
    ownership_assumptions: model.OwnershipAssumptions

    def __getitem__(self, key: str) -> Step:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    @property
    def narrowest(self) -> float:
        return self.steps[0].level

    @property
    def widest(self) -> float:
        return self.steps[-1].level

    @property
    def spread(self) -> float:
        """How many times the narrowest figure the widest is."""
        return self.widest / self.narrowest

    def summary(self) -> dict[str, float]:
        """Each step's figure and the chain's span, rounded, for downloads."""
        out = {f"step_{s.number}_{s.key}_usd": round(s.value, 2) for s in self.steps}
        out["widest_over_narrowest"] = round(self.widest / self.narrowest, 2)
        out["ownership_cost_per_gpu_hour_usd"] = round(self.ownership.total, 4)
        return out


def ownership_assumptions(v: ChainInputs, tables: Tables) -> model.OwnershipAssumptions:
    """Epoch AI's ownership inputs for the H800: price and write-off from ``v``, the rest data.

    >>> a = ownership_assumptions(
    ...     inputs(tables, {"rec_own_price": 44_750, "rec_ooms": 0.14}), tables
    ... )
    >>> round(model.ownership_rate(a).total, 2)
    2.12
    """
    return epoch_ownership(tables, "H800", v.rec_own_price, v.rec_ooms)


def r1_gpu_hours(gpus: float, tables: Tables) -> float:
    """R1's RL stage: ``gpus`` x (R1-Zero hours + R1 hours) + the SFT-data GPU-hours.

    >>> r1_gpu_hours(512, tables)
    147336.0
    """
    hours = tables.value("r1_zero_hours") + tables.value("r1_final_hours")
    return float(gpus) * hours + tables.value("r1_sft_data_gpu_hours")


def numbers(v: ChainInputs, tables: Tables) -> Numbers:
    """The numbers the chain is computed from, at the assumptions ``v``."""
    own = ownership_assumptions(v, tables)
    return Numbers(
        price=v.rec_price,
        r1_gpus=v.rec_r1_gpus,
        r1_zero_hours=tables.value("r1_zero_hours"),
        r1_final_hours=tables.value("r1_final_hours"),
        r1_sft_gpu_hours=tables.value("r1_sft_data_gpu_hours"),
        r1_gpu_hours=r1_gpu_hours(v.rec_r1_gpus, tables),
        v3_gpu_hours=tables.value("v3_gpu_hours_total"),
        ownership=own,
        rate=model.ownership_rate(own),
        multiplier=v.rec_mult,
        cluster_gpus=v.rec_gpus,
        gpu_spend=v.rec_gpu_spend,
        capex=v.rec_capex,
        opex=v.rec_opex,
    )


def figures(i: Numbers) -> dict[str, float]:
    """Each step's figure (USD), by key: the chain's arithmetic, and nothing else."""
    v3 = model.rental_cost(i.v3_gpu_hours, i.price)
    v3_owned = model.rental_cost(i.v3_gpu_hours, i.rate.total)
    own = i.ownership
    return {
        "r1_rl": model.rental_cost(i.r1_gpu_hours, i.price),
        "v3_rental": v3,
        "v3_owned": v3_owned,
        "research": v3_owned * i.multiplier,
        "cluster": model.cluster_upfront_cost(
            n_gpus=i.cluster_gpus,
            gpu_price=own.gpu_price,
            server_overhead=own.server_overhead,
            interconnect_fraction=own.interconnect_fraction,
        ),
        "fleet_gpus": i.gpu_spend,
        "server_capex": i.capex,
        "operations": i.opex,
    }


def levels(values: Mapping[str, float]) -> dict[str, float]:
    """Where the chain stands after each step: each step's own figure, except the last, which
    adds operating the clusters to owning them (capex plus operations)."""
    return {**values, "operations": values["server_capex"] + values["operations"]}


@dataclass(frozen=True)
class Words:
    """The two sentences about a computed step that depend on its numbers."""

    adds: str
    includes: str


def step_words(i: Numbers, values: Mapping[str, float]) -> dict[str, Words]:
    """What each step adds and includes, worded from the computed ``values`` and inputs."""
    price, rate = fmt.usd(i.price), i.rate
    v3, v3_owned = values["v3_rental"], values["v3_owned"]
    cheaper = (
        f" Owning was cheaper than renting at {price}, so this step goes down: it takes "
        f"{fmt.usd(v3 - v3_owned)} off step 2."
        if v3_owned < v3
        else ""
    )
    r1_hours = (
        f"{fmt.count(i.r1_gpus)} H800s for {i.r1_zero_hours:g} h (R1-Zero) + "
        f"{i.r1_final_hours:g} h (R1), plus {fmt.gpu_hours(i.r1_sft_gpu_hours)} of SFT data"
    )
    return {
        "r1_rl": Words(
            adds="The narrowest figure: the stage that turned V3 into the R1 reasoning model, "
            "disclosed in Nature in September 2025 as $294K: at $2 per GPU-hour the hours "
            "below come to $294,672, which the paper rounds down.",
            includes=f"{r1_hours}: {fmt.gpu_hours(i.r1_gpu_hours)} at {price} per GPU-hour.",
        ),
        "v3_rental": Words(
            adds=f"The whole base model instead of R1's add-on: "
            f"{fmt.multiple(v3 / values['r1_rl'])} the GPU cost of step 1. This is DeepSeek's "
            "own $5.576M headline.",
            includes=f"Pre-training, context extension and post-training: "
            f"{fmt.gpu_hours(i.v3_gpu_hours)} at {price} per GPU-hour (an assumed price, not "
            "money paid).",
        ),
        "v3_owned": Words(
            adds=f"Prices the same hours as an owner would (Epoch AI's method): "
            f"{fmt.usd(rate.total)} per GPU-hour instead of {price}.{cheaper}",
            includes=f"Hardware written off over {i.ownership.amortization_years:.1f} years "
            f"({fmt.usd(rate.hardware)}/h), cluster network ({fmt.usd(rate.interconnect)}/h) "
            f"and electricity ({fmt.usd(rate.energy)}/h).",
        ),
        "research": Words(
            adds=f"The V3 paper leaves out its experiments; Nathan Lambert estimates they took "
            f"2-4 times the final run's compute. Here: {fmt.multiple(i.multiplier)} the final "
            "run.",
            includes=f"Step 3 x {i.multiplier:g}: the final run plus experiments, ablations "
            "and failed runs, at the owner's cost per GPU-hour.",
        ),
        "cluster": Words(
            adds="Counts the purchase of the whole cluster, not just the hours the runs used it.",
            includes=f"{fmt.count(i.cluster_gpus)} H800s at {fmt.usd(i.ownership.gpu_price)} "
            f"each (server included), plus {fmt.percent(i.ownership.interconnect_fraction, 0)} "
            "of the cluster's cost for its network.",
        ),
        "fleet_gpus": Words(
            adds="All the GPUs bought over the company's history, shared with High-Flyer's "
            "trading, not only those one model trained on.",
            includes="GPU purchases (A100s, H800s, H100s, H20s); SemiAnalysis: 'more than "
            "$500M', a lower bound.",
        ),
        "server_capex": Words(
            adds="Adds the servers, network and the rest of about 50,000 Hopper GPUs' "
            "clusters: SemiAnalysis' whole-fleet capital spending.",
            includes="Capital spending on servers for the whole fleet, as estimated by "
            "SemiAnalysis (method not public; a critic reads their table as $1.3B without "
            "H100s).",
        ),
        "operations": Words(
            adds="Adds running the fleet (power, upkeep) to owning it: the widest figure, "
            "capex plus operations.",
            includes="SemiAnalysis' 'cost of $944M associated with operating such clusters'; "
            "the period is not stated (a critic reads it as 4 years).",
        ),
    }


def chain(v: ChainInputs, tables: Tables) -> Chain:
    """The seven steps at the assumptions ``v`` (model units, the page's ``rec_*`` names).

    At the sourced defaults every step reproduces its anchor:

    >>> c = chain(inputs(tables), tables)
    >>> [fmt.usd_figure(s.value) for s in c.steps]
    ['$294.7K', '$5.58M', '$5.92M', '$11.8M', '$113M', '$500M', '$1.6B', '$944M']
    >>> fmt.usd_figure(c.widest)
    '$2.54B'
    """
    i = numbers(v, tables)
    values = figures(i)
    level = levels(values)
    words = step_words(i, values)
    steps = tuple(
        Step(
            **asdict(info),
            value=values[info.key],
            level=level[info.key],
            adds=words[info.key].adds,
            includes=words[info.key].includes,
        )
        for info in STEPS
    )
    return Chain(
        steps=steps,
        r1_gpu_hours=i.r1_gpu_hours,
        v3_gpu_hours=i.v3_gpu_hours,
        ownership=i.rate,
        ownership_assumptions=i.ownership,
    )


def step_table(c: Chain, tables: Tables) -> pd.DataFrame:
    """One row per step for the page: figure, what it adds, includes, excludes, source, link."""
    rows = []
    for s in c.steps:
        primary = tables.row(s.sources[0])
        value = fmt.usd_figure(s.value)
        rows.append(
            {
                "Step": s.number,
                "Figure": s.label,
                "Value": f"{s.bound} {value}".strip(),
                "What this step adds": s.adds,
                "Includes": s.includes,
                "Excludes": s.excludes,
                "Data rows": ", ".join(s.sources),
                "Source": str(primary["source_name"]),
                "Link": str(primary["source_url"]),
            }
        )
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------------------------
# Uncertainty


def fleet_lines(tables: Tables) -> list[model.FleetLine]:
    """The fleet at the GPU-capex page's sourced defaults (SemiAnalysis' mix + 2021 A100s)."""
    return capex.fleet_lines(capex.inputs(tables), tables)


@dataclass(frozen=True)
class Uncertainty:
    """Monte Carlo ranges and tornado rankings for step 4 and for the fleet's capex."""

    training: mc.Distribution
    training_hist: mc.Histogram
    training_swings: list[mc.Swing]
    fleet: mc.Distribution
    fleet_hist: mc.Histogram
    fleet_swings: list[mc.Swing]
    intervals: dict[str, mc.Interval]

    def summary(self) -> dict[str, float]:
        return {**self.training.summary("training"), **self.fleet.summary("fleet_capex")}


def uncertainty(
    v: ChainInputs, tables: Tables, n: int = mc.N_DRAWS, seed: int = mc.SEED
) -> Uncertainty:
    """Ranges for step 4 (the run plus research, owned) and for the fleet's server capex.

    >>> v = inputs(tables)
    >>> u = uncertainty(v, tables)
    >>> u.training.band()
    '80% range (P10–P90): $8.21M–$28.8M'
    >>> u.training.point == chain(v, tables)["research"].value
    True
    """
    intervals = mc.intervals_from_tables(tables)
    c = chain(v, tables)
    training_model = mc.training_cost_model(
        c.v3_gpu_hours,
        c.ownership_assumptions,
        intervals=intervals,
        multiplier=v.rec_mult,
    )
    gpu_capex = capex.inputs(tables)
    fleet_model = mc.fleet_capex_model(
        fleet_lines(tables), gpu_capex.srv, gpu_capex.net, intervals=intervals
    )
    training = mc.simulate(training_model, n, seed)
    fleet = mc.simulate(fleet_model, n, seed)
    return Uncertainty(
        training=training,
        training_hist=mc.histogram(training),
        training_swings=mc.tornado(training_model),
        fleet=fleet,
        fleet_hist=mc.histogram(fleet),
        fleet_swings=mc.tornado(fleet_model),
        intervals=intervals,
    )


def interval_table(u: Uncertainty) -> pd.DataFrame:
    """The distributions used: each input's 90% interval and its source rows."""
    fleet = {"hardware_price", "hardware_quantity", "server_overhead"}
    keys = {s.key for s in u.training_swings} | fleet
    rows = []
    for key, iv in u.intervals.items():
        if key not in keys:
            continue
        rows.append(
            {
                "Input": iv.label,
                "90% interval (x your value)": f"{iv.low:.2f}× to {iv.high:.2f}×",
                "Distribution": "lognormal",
                "Data rows": iv.source or "—",
                "Note": iv.note or "",
            }
        )
    return pd.DataFrame(rows)


def sourced_fleet_size(tables: Tables) -> float:
    """How many GPUs the sourced fleet has (the GPU capex page's defaults).

    >>> sourced_fleet_size(tables)
    60000.0
    """
    return capex.inputs(tables).gpus
