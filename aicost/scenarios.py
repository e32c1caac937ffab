"""Whole-page computations: assumptions (model units) + data in, results out. No streamlit.

Pages read their widgets, call one function here and render what it returns, so every
number a page shows can be tested without a browser.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd

from aicost import model, montecarlo
from aicost.data import Tables

PHASES = ("pre-training", "context extension", "post-training")
R1_PHASE = "R1 reinforcement learning"


@dataclass(frozen=True)
class Peak:
    """A GPU's dense peak FLOP/s on one number format, and what was used if that was missing."""

    gpu: str
    precision: str
    flops: float
    note: str = ""

    @property
    def basis(self) -> str:
        return f"{self.gpu} dense {self.precision} peak, {self.flops / 1e12:,.0f} TFLOPS"


def peak_flops(tables: Tables, gpu: str, precision: str) -> Peak:
    """Dense peak FLOP/s of ``gpu`` in ``precision`` (FP8 or BF16) from data/gpus.csv.

    A GPU without an FP8 row (the A100) falls back to BF16, with a note saying so.

    >>> peak_flops(tables, "H800", "FP8").flops / 1e12
    1979.0
    >>> p = peak_flops(tables, "A100", "FP8")
    >>> p.precision, p.flops / 1e12, p.note
    ('BF16', 312.0, 'The A100 has no FP8 units; its BF16 peak is used.')
    """
    spec = {"FP8": "fp8_dense", "BF16": "bf16_dense"}[precision]
    value = _default_specs(tables).get((gpu, spec))
    if value is None and precision == "FP8":
        fallback = peak_flops(tables, gpu, "BF16")
        note = f"The {gpu} has no FP8 units; its BF16 peak is used."
        return Peak(gpu, "BF16", fallback.flops, note)
    if value is None:
        raise KeyError(f"no {spec} row for {gpu} in gpus.csv")
    return Peak(gpu, precision, value * 1e12)


def gpu_spec(tables: Tables, gpu: str, spec: str) -> float:
    """One default spec value of a GPU (TFLOPS, W or GB/s) from data/gpus.csv."""
    value = _default_specs(tables).get((gpu, spec))
    if value is None:
        raise KeyError(f"no {spec} row for {gpu} in gpus.csv")
    return value


def _default_specs(tables: Tables) -> dict[tuple[str, str], float]:
    """(gpu, spec) -> value of gpus.csv's default rows, made once per loaded data.

    Filtering the frame on every slider step cost more than the rest of the scenario, and
    its Arrow string kernels release the GIL several times a run (slow under many sessions).
    """

    def index(t: Tables) -> dict[tuple[str, str], float]:
        rows = t["gpus"][t["gpus"]["is_default"]]
        out: dict[tuple[str, str], float] = {}
        for g, spec, v in zip(rows["gpu"], rows["spec"], rows["value"], strict=True):
            out.setdefault((str(g), str(spec)), float(v))  # the first row, as before
        return out

    return tables.memo("gpu_default_specs", index)


#: The Monte Carlo's 90% intervals as (key, interval) pairs: hashable, so ranges memoise.
IntervalItems = tuple[tuple[str, montecarlo.Interval], ...]


def price_intervals(tables: Tables) -> IntervalItems:
    """The Monte Carlo's 90% intervals, read from ``tables`` once per loaded data."""

    def read(t: Tables) -> IntervalItems:
        return tuple(montecarlo.intervals_from_tables(t).items())

    return tables.memo("montecarlo_intervals", read)


@dataclass(frozen=True, kw_only=True)
class TrainingResult(model.RunCost):
    """What the training-cost page shows for one scenario: the priced run (by phase) and more."""

    route: str
    days: float
    mfu: float
    mfu_basis: str
    flop: float
    #: The intervals of the data the result was computed from, for :func:`training_range`.
    intervals: IntervalItems = field(repr=False)
    ownership: model.OwnershipRate | None = None
    notes: list[str] = field(default_factory=list)
    ownership_inputs: model.OwnershipAssumptions | None = None

    def summary(self) -> dict[str, float | str]:
        """Headline results, for downloads."""
        return {
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


def training(v: Mapping[str, float | bool | str], tables: Tables) -> TrainingResult:
    """Cost a training run on the chosen route. ``v`` holds model-unit assumption values.

    At the sourced defaults this is DeepSeek-V3's Table 1:

    >>> from aicost.assumptions import defaults, to_model
    >>> r = training(to_model(defaults("training-cost", tables), "training-cost"), tables)
    >>> r.cost, r.gpu_hours, round(r.days, 1), round(r.mfu, 3)
    (5576000.0, 2788000.0, 56.7, 0.173)
    """
    route = str(v["route"])
    notes: list[str] = []
    hours = {
        PHASES[0]: float(v["pre"]),
        PHASES[1]: float(v["ctx"]),
        PHASES[2]: float(v["post"]),
    }
    flop = model.training_flop(float(v["params_b"]), float(v["tokens_t"]))
    if route == "compute":
        peak = peak_flops(tables, str(v["gpu"]), str(v["precision"]))
        hours[PHASES[0]] = model.gpu_hours_for_flop(flop, peak.flops, float(v["mfu"]))
        if peak.note:
            notes.append(peak.note)
        mfu, basis = float(v["mfu"]), peak.basis
    else:
        peak = peak_flops(tables, "H800", "FP8")
        mfu = model.implied_mfu(flop, hours[PHASES[0]], peak.flops)
        basis = f"implied by the pre-training hours and 6·N·D, against the {peak.basis}"
    if v.get("r1"):
        hours[R1_PHASE] = tables.value("r1_total_gpu_hours_derived")
    hours = {k: h for k, h in hours.items() if h > 0}
    ownership = owned = None
    if route == "ownership":
        owned = model.OwnershipAssumptions(
            gpu_price=float(v["own_price"]),
            amortization_years=float(v["own_life"]),
            server_overhead=float(v["own_srv"]),
            interconnect_fraction=float(v["own_ic"]),
            tdp_watts=float(v["tdp"]),
            server_power_factor=float(v["spf"]),
            power_fraction=float(v["util"]),
            pue=float(v["pue"]),
            energy_price_kwh=float(v["kwh"]),
        )
        ownership = model.ownership_rate(owned)
        price = ownership.total
    else:
        price = float(v["price"])
    run = model.rental_run(hours, price)
    days = model.wall_clock_days(run.gpu_hours, float(v["gpus"]))
    return TrainingResult(
        phase_gpu_hours=run.phase_gpu_hours,
        phase_costs=run.phase_costs,
        price_per_gpu_hour=price,
        route=route,
        days=days,
        mfu=mfu,
        mfu_basis=basis,
        flop=flop,
        intervals=price_intervals(tables),
        ownership=ownership,
        notes=notes,
        ownership_inputs=owned,
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

    >>> from aicost.assumptions import defaults, to_model
    >>> r = training(to_model(defaults("training-cost", tables), "training-cost"), tables)
    >>> training_range(r).band()
    '80% range (P10–P90): $3.25M–$9.57M'
    """
    price = result.ownership_inputs or result.price_per_gpu_hour
    return _training_range(result.gpu_hours, price, result.intervals)


def market_quotes(prices: pd.DataFrame, year: str | None = None) -> list[tuple[str, float]]:
    """Rental quotes as (label, USD per GPU-hour), optionally only those dated in ``year``.

    >>> quotes = market_quotes(tables["prices"])
    >>> all(0 < q[1] < 100 for q in quotes)
    True
    """
    rows = prices[prices["kind"] == "rental"]
    if year:
        rows = rows[rows["date"].str.startswith(year)]
    out = []
    for r in rows.to_dict("records"):
        who = f"{r['gpu']}, {r['provider']}" if r["provider"] else str(r["gpu"])
        out.append((f"{who} ({r['date']})", float(r["value"])))
    return out


def rental_quotes(tables: Tables) -> list[tuple[str, float]]:
    """:func:`market_quotes` of every year, computed once per loaded data (a chart's markers)."""
    return tables.memo("market_quotes", lambda t: market_quotes(t["prices"]))


def median_rental(prices: pd.DataFrame, year: str) -> tuple[float, int]:
    """Median rental quote dated in ``year`` and how many quotes it is the median of."""
    quotes = [q[1] for q in market_quotes(prices, year)]
    if not quotes:
        raise ValueError(f"no rental quotes dated {year} in prices.csv")
    return float(pd.Series(quotes).median()), len(quotes)


# ---------------------------------------------------------------------------------------------
# Fleet


FLEET_GPUS = ("A100", "H800", "H100", "H20")


def fleet(v: Mapping[str, float | bool | str], tables: Tables) -> model.FleetResult:
    """The GPU-capex page's fleet: count x unit price per type, overheads, optional power.

    At the sourced defaults (SemiAnalysis' mix plus the article's A100s):

    >>> from aicost.assumptions import defaults, to_model
    >>> f = fleet(to_model(defaults("gpu-capex", tables), "gpu-capex"), tables)
    >>> f.gpu_total > 500e6, 1.3e9 <= f.capex_total <= 1.6e9
    (True, True)
    """
    lines = fleet_lines(v, tables)
    if sum(line.count for line in lines) <= 0:
        raise ValueError("the fleet has no GPUs; set at least one count above zero")
    if v.get("opex"):
        power = model.PowerAssumptions(
            years=float(v["years"]),
            server_power_factor=tables.value("epoch_chip_to_server_power"),
            power_fraction=tables.value("epoch_power_tdp_fraction"),
            pue=float(v["fleet_pue"]),
            energy_price_kwh=float(v["fleet_kwh"]),
        )
        return model.fleet_with_operations(lines, float(v["srv"]), float(v["net"]), power)
    return model.fleet_capex(lines, float(v["srv"]), float(v["net"]))


def fleet_lines(v: Mapping[str, float | bool | str], tables: Tables) -> list[model.FleetLine]:
    """The fleet's GPU types: count and unit price from the assumptions, TDP from gpus.csv."""
    return [
        model.FleetLine(
            gpu,
            float(v[f"{gpu.lower()}_n"]),
            float(v[f"{gpu.lower()}_usd"]),
            gpu_spec(tables, gpu, "tdp"),
        )
        for gpu in FLEET_GPUS
    ]


@lru_cache(maxsize=512)
def _fleet_range(
    lines: tuple[model.FleetLine, ...],
    server_overhead: float,
    network_fraction: float,
    intervals: IntervalItems,
) -> montecarlo.Distribution:
    return montecarlo.fleet_capex_distribution(
        lines, server_overhead, network_fraction, intervals=dict(intervals)
    )


def fleet_bars(fleet: model.FleetResult) -> list[tuple[str, float]]:
    """The fleet's bars for the chart against the claim: the page's metrics, by the same
    labels and from the same result, so a metric and its bar never disagree. With
    electricity counted, a third bar adds it to the capex.

    >>> f = model.FleetResult({"H800": 300_000.0}, 1.4, 0.0, 500.0)
    >>> [(label, round(v)) for label, v in fleet_bars(f)]
    [('With servers + electricity', 420500), ('With servers', 420000), ('GPUs alone', 300000)]
    """
    bars = [("With servers", fleet.capex_total), ("GPUs alone", fleet.gpu_total)]
    if fleet.operating_cost > 0:
        bars.insert(0, ("With servers + electricity", fleet.capex_plus_energy))
    return bars


def fleet_range(v: Mapping[str, float | bool | str], tables: Tables) -> montecarlo.Distribution:
    """The fleet's capex (GPUs with servers and network) across 10,000 seeded draws.

    >>> from aicost.assumptions import defaults, to_model
    >>> fleet_range(to_model(defaults("gpu-capex", tables), "gpu-capex"), tables).band()
    '80% range (P10–P90): $1.17B–$2.37B'
    """
    lines = tuple(line for line in fleet_lines(v, tables) if line.count > 0)
    return _fleet_range(lines, float(v["srv"]), float(v["net"]), price_intervals(tables))
