"""The reconcile chain: DeepSeek's cost headlines on one scale, from $294K to $1.6B. Pure.

Seven steps, narrowest figure first. Each step says what it adds to the one before, what it
includes and excludes, and which data rows it comes from:

1. R1's reinforcement-learning stage (GPU-hours x rental price);
2. V3's final training run at the rental price (DeepSeek's $5.576M);
3. the same run at an owner's cost (Epoch AI's method);
4. plus research, ablations and failed runs (a multiplier);
5. buying the cluster the run used (GPUs, servers and network);
6. DeepSeek's whole fleet: GPU spending over the company's history;
7. SemiAnalysis' server capex, and (7b) the cost of operating the clusters.

Steps 1-5 are computed here from the data and the visitor's assumptions; steps 6 and 7 are
analysts' estimates the visitor may replace. :func:`uncertainty` adds Monte Carlo ranges and
tornado rankings (:mod:`aicost.montecarlo`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from aicost import assumptions as asm
from aicost import fmt, model, scenarios
from aicost import montecarlo as mc
from aicost.data import Tables
from aicost.scenarios import gpu_spec

PAGE = "reconcile"


@dataclass(frozen=True)
class Step:
    """One figure of the chain and where the chain stands after it."""

    key: str
    number: str
    label: str
    short: str  # axis label
    value: float  # the figure this step reports (USD)
    level: float  # the chain's running figure after this step (USD)
    adds: str
    includes: str
    excludes: str
    sources: tuple[str, ...]
    bound: str = ""  # "more than" for a lower bound


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


def ownership_assumptions(v: Mapping[str, float], tables: Tables) -> model.OwnershipAssumptions:
    """Epoch AI's ownership inputs for the H800: price and write-off from ``v``, the rest data.

    >>> a = ownership_assumptions({"rec_own_price": 44_750, "rec_ooms": 0.14}, tables)
    >>> round(model.ownership_rate(a).total, 2)
    2.12
    """
    return model.OwnershipAssumptions(
        gpu_price=float(v["rec_own_price"]),
        amortization_years=model.epoch_amortization_years(float(v["rec_ooms"])),
        server_overhead=1.0,  # the price is a DGX per-GPU price: the server is included
        interconnect_fraction=tables.value("epoch_interconnect_fraction"),
        tdp_watts=gpu_spec(tables, "H800", "tdp"),
        server_power_factor=tables.value("epoch_chip_to_server_power"),
        power_fraction=tables.value("epoch_power_tdp_fraction"),
        pue=tables.value("epoch_pue_nonhyperscaler"),
        energy_price_kwh=tables.value("epoch_energy_price_2024"),
    )


def r1_gpu_hours(gpus: float, tables: Tables) -> float:
    """R1's RL stage: ``gpus`` x (R1-Zero hours + R1 hours) + the SFT-data GPU-hours.

    >>> r1_gpu_hours(512, tables)
    147336.0
    """
    hours = tables.value("r1_zero_hours") + tables.value("r1_final_hours")
    return float(gpus) * hours + tables.value("r1_sft_data_gpu_hours")


def chain(v: Mapping[str, float], tables: Tables) -> Chain:
    """The seven steps at the assumptions ``v`` (model units, the page's ``rec_*`` names).

    At the sourced defaults every step reproduces its anchor:

    >>> c = chain(asm.to_model(asm.defaults(PAGE, tables), PAGE), tables)
    >>> [fmt.usd_figure(s.value) for s in c.steps]
    ['$294.7K', '$5.58M', '$5.92M', '$11.8M', '$113M', '$500M', '$1.6B', '$944M']
    """
    price = float(v["rec_price"])
    r1_hours = r1_gpu_hours(v["rec_r1_gpus"], tables)
    v3_hours = tables.value("v3_gpu_hours_total")
    own = ownership_assumptions(v, tables)
    rate = model.ownership_rate(own)
    mult = float(v["rec_mult"])
    gpus = float(v["rec_gpus"])
    ic = own.interconnect_fraction
    zero_h, final_h = tables.value("r1_zero_hours"), tables.value("r1_final_hours")
    sft = tables.value("r1_sft_data_gpu_hours")

    r1 = model.rental_cost(r1_hours, price)
    v3 = model.rental_cost(v3_hours, price)
    v3_owned = model.rental_cost(v3_hours, rate.total)
    with_research = v3_owned * mult
    cluster = model.cluster_upfront_cost(gpus, own.gpu_price, own.server_overhead, ic)
    gpu_spend = float(v["rec_gpu_spend"])
    capex = float(v["rec_capex"])
    opex = float(v["rec_opex"])
    years = own.amortization_years

    steps = (
        Step(
            "r1_rl", "1", "R1's reinforcement-learning stage", "R1's RL stage", r1, r1,
            "The narrowest figure: the stage that turned V3 into the R1 reasoning model, "
            "disclosed in Nature in September 2025 as $294K: at $2 per GPU-hour the hours below "
            "come to $294,672, which the paper rounds down.",
            f"{fmt.count(v['rec_r1_gpus'])} H800s for {zero_h:g} h (R1-Zero) + {final_h:g} h "
            f"(R1), plus {fmt.gpu_hours(sft)} of SFT data: {fmt.gpu_hours(r1_hours)} at "
            f"{fmt.usd(price)} per GPU-hour.",
            "The V3 base model R1 starts from; research; buying the GPUs; staff.",
            ("r1_rl_cost", "r1_total_gpu_hours_derived", "r1_rl_gpus"),
        ),
        Step(
            "v3_rental", "2", "V3's final training run, rented", "V3 run, rented", v3, v3,
            f"The whole base model instead of R1's add-on: {fmt.multiple(v3 / r1)} the GPU "
            "cost of step 1. This is DeepSeek's own $5.576M headline.",
            f"Pre-training, context extension and post-training: {fmt.gpu_hours(v3_hours)} "
            f"at {fmt.usd(price)} per GPU-hour (an assumed price, not money paid).",
            "Per the V3 paper: 'prior research and ablation experiments'; also R1's RL stage, "
            "buying the GPUs, staff, data.",
            ("v3_cost_total", "v3_gpu_hours_total", "v3_rental_price_assumption"),
        ),
        Step(
            "v3_owned", "3", "The same run at an owner's cost", "Same run, owned",
            v3_owned, v3_owned,
            f"Prices the same hours as an owner would (Epoch AI's method): "
            f"{fmt.usd(rate.total)} per GPU-hour instead of {fmt.usd(price)}."
            + (
                f" Owning was cheaper than renting at {fmt.usd(price)}, so this step goes "
                f"down: it takes {fmt.usd(v3 - v3_owned)} off step 2."
                if v3_owned < v3
                else ""
            ),
            f"Hardware written off over {years:.1f} years ({fmt.usd(rate.hardware)}/h), "
            f"cluster network ({fmt.usd(rate.interconnect)}/h) and electricity "
            f"({fmt.usd(rate.energy)}/h).",
            "Idle time, buying the whole cluster up front, research, staff, data centre "
            "buildings.",
            ("h800_dgx_per_gpu", "epoch_depreciation_ooms", "epoch_interconnect_fraction",
             "epoch_energy_price_2024"),
        ),  # fmt: skip
        Step(
            "research", "4", "Plus research, ablations and failed runs", "+ research runs",
            with_research, with_research,
            f"The V3 paper leaves out its experiments; Nathan Lambert estimates they took 2-4 "
            f"times the final run's compute. Here: {fmt.multiple(mult)} the final run.",
            f"Step 3 x {mult:g}: the final run plus experiments, ablations and failed runs, "
            "at the owner's cost per GPU-hour.",
            "Staff (Epoch AI: 29-49% of a frontier model's development cost), data, "
            "hardware beyond the hours used.",
            ("lambert_experiment_multiplier", "lambert_experiment_multiplier_high"),
        ),
        Step(
            "cluster", "5", "Buying the cluster the run used", "Buy the cluster",
            cluster, cluster,
            "Counts the purchase of the whole cluster, not just the hours the runs used it.",
            f"{fmt.count(gpus)} H800s at {fmt.usd(own.gpu_price)} each (server included), "
            f"plus {fmt.percent(ic, 0)} of the cluster's cost for its network.",
            "DeepSeek's other clusters, buildings, electricity, staff.",
            ("v3_cluster_gpus", "h800_dgx_per_gpu", "epoch_interconnect_fraction"),
        ),
        Step(
            "fleet_gpus", "6", "DeepSeek's whole fleet: GPUs", "Fleet GPUs",
            gpu_spend, gpu_spend,
            "All the GPUs bought over the company's history, shared with High-Flyer's "
            "trading, not only those one model trained on.",
            "GPU purchases (A100s, H800s, H100s, H20s); SemiAnalysis: 'more than $500M', a "
            "lower bound.",
            "Servers, network, buildings, operation, staff.",
            ("semianalysis_gpu_investment",),
            "more than",
        ),
        Step(
            "server_capex", "7", "SemiAnalysis: server capex", "Server capex",
            capex, capex,
            "Adds the servers, network and the rest of about 50,000 Hopper GPUs' clusters: "
            "SemiAnalysis' whole-fleet capital spending.",
            "Capital spending on servers for the whole fleet, as estimated by SemiAnalysis "
            "(method not public; a critic reads their table as $1.3B without H100s).",
            "Operating the clusters, staff, research.",
            ("semianalysis_server_capex", "semianalysis_table_capex_critic"),
        ),
        Step(
            "operations", "7b", "SemiAnalysis: cost of operating the clusters",
            "+ operations", opex, capex + opex,
            "Adds running the fleet (power, upkeep) to owning it: the widest figure, "
            "capex plus operations.",
            "SemiAnalysis' 'cost of $944M associated with operating such clusters'; the "
            "period is not stated (a critic reads it as 4 years).",
            "Staff salaries beyond operations, data, R&D outside the clusters.",
            ("semianalysis_operating_cost",),
        ),
    )  # fmt: skip
    return Chain(steps, r1_hours, v3_hours, rate, own)


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
    return scenarios.fleet_lines(
        asm.to_model(asm.defaults("gpu-capex", tables), "gpu-capex"), tables
    )


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
    v: Mapping[str, float], tables: Tables, n: int = mc.N_DRAWS, seed: int = mc.SEED
) -> Uncertainty:
    """Ranges for step 4 (the run plus research, owned) and for the fleet's server capex.

    >>> v = asm.to_model(asm.defaults(PAGE, tables), PAGE)
    >>> u = uncertainty(v, tables)
    >>> u.training.band()
    '80% range (P10–P90): $8.21M–$28.8M'
    >>> u.training.point == chain(v, tables)["research"].value
    True
    """
    intervals = mc.intervals_from_tables(tables)
    c = chain(v, tables)
    training_model = mc.training_cost_model(
        c.v3_gpu_hours, c.ownership_assumptions, multiplier=float(v["rec_mult"]),
        intervals=intervals,
    )  # fmt: skip
    gpu_capex = asm.to_model(asm.defaults("gpu-capex", tables), "gpu-capex")
    fleet_model = mc.fleet_capex_model(
        fleet_lines(tables), float(gpu_capex["srv"]), float(gpu_capex["net"]), intervals=intervals
    )
    training = mc.simulate(training_model, n, seed)
    fleet = mc.simulate(fleet_model, n, seed)
    return Uncertainty(
        training,
        mc.histogram(training),
        mc.tornado(training_model),
        fleet,
        mc.histogram(fleet),
        mc.tornado(fleet_model),
        intervals,
    )


def interval_table(u: Uncertainty) -> pd.DataFrame:
    """The distributions used: each input's 90% interval and its source rows."""
    keys = {s.key for s in u.training_swings} | {"hardware_price", "hardware_quantity",
                                                   "server_overhead"}  # fmt: skip
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
    d = asm.defaults("gpu-capex", tables)
    return float(sum(d[f"{g.lower()}_n"] for g in scenarios.FLEET_GPUS))
