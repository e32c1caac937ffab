"""Uncertainty: Monte Carlo ranges and tornado swings for training cost and fleet capex. Pure.

Every uncertain input is drawn *around the value the visitor set*, as a multiplicative
factor whose 90% interval comes from a source: Epoch AI's 90% credible intervals
(Cottier et al. 2024, uncertainty notebook; the ``epoch_*_ci_low/high`` rows of
``data/figures.csv``) or, for the research multiplier, the spread of Nathan Lambert's 2-4x
(the ``lambert_experiment_multiplier`` rows). :func:`intervals_from_tables` reads them from
the data; the models take them as an argument, so no interval is typed in twice.

Distribution: **lognormal, fitted to the 90% interval** (its 5th and 95th percentiles are
the interval's ends), because every input is a positive multiplier and the intervals are
lopsided (0.5x to 2x). Physical bounds are enforced after the draw: average power never
above the TDP, PUE never below 1.

Sampling is Latin hypercube (stratified) with antithetic pairs: half of each input's draws
fall one in each of n/2 equal-probability strata, shuffled independently, and the other half
mirror them. This keeps the median of 10,000 draws within a fraction of a percent of a
million-draw reference. Everything is numpy-vectorised and seeded, so a
page gets the same numbers for the same inputs and can cache them.

A *tornado* moves one input at a time from the low to the high end of its interval, the
others at the visitor's values, and ranks the inputs by how far the output swings.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from statistics import NormalDist
from typing import TYPE_CHECKING

import numpy as np

from aicost.base import fmt, model
from aicost.base.model import FleetLine, OwnershipAssumptions

if TYPE_CHECKING:
    from aicost.base.data import Tables

#: The default seed (the day of Nvidia's drop, 2025-01-27): same inputs, same numbers.
SEED = 20250127
#: Draws per simulation by default.
N_DRAWS = 10_000
#: The standard normal distribution (the standard library's; numpy has no inverse CDF).
NORMAL = NormalDist()
#: The standard normal's 95th percentile: a 90% interval spans +-Z95 standard deviations.
Z95 = NORMAL.inv_cdf(0.95)

Factors = Mapping[str, "np.ndarray | float"]


# ---------------------------------------------------------------------------------------------
# Intervals


@dataclass(frozen=True)
class Interval:
    """A 90% interval for one input, as factors of the point value (5th and 95th percentile)."""

    label: str
    low: float
    high: float
    source: str = ""  # data row ids, comma separated
    note: str = ""

    def __post_init__(self) -> None:
        if not (0 < self.low <= self.high and math.isfinite(self.high)):
            span = f"{self.low:g} to {self.high:g}"
            raise ValueError(f"{self.label}: interval must be 0 < low <= high, got {span}")

    @property
    def mu(self) -> float:
        """Mean of the log-factor (log of the geometric midpoint)."""
        return (math.log(self.low) + math.log(self.high)) / 2.0

    @property
    def sigma(self) -> float:
        """Standard deviation of the log-factor."""
        return (math.log(self.high) - math.log(self.low)) / (2.0 * Z95)


@dataclass(frozen=True)
class IntervalRows:
    """Where one input's 90% interval comes from: the data rows of its ends and of the value
    they are relative to ("" for a factor of 1)."""

    label: str
    low: str
    high: str
    point: str = ""
    note: str = ""
    #: The ends bound the cluster's overhead 1 / (1 - network share): the factor is taken on
    #: the network's part of it (the overhead minus 1).
    network: bool = False

    @property
    def source(self) -> str:
        return ", ".join(dict.fromkeys(r for r in (self.low, self.high, self.point) if r))

    def interval(self, tables: Tables) -> Interval:
        """The interval as factors of the point value, read from ``tables``."""
        low, high = tables.value(self.low), tables.value(self.high)
        point = tables.value(self.point) if self.point else 1.0
        if self.network:
            point = 1.0 + model.network_part(point)
            low, high, point = low - 1.0, high - 1.0, point - 1.0
        return Interval(self.label, low / point, high / point, self.source, self.note)


def _epoch(name: str) -> tuple[str, str]:
    """The data rows of Epoch's 90% interval for ``name``: its low and high end."""
    return f"epoch_{name}_ci_low", f"epoch_{name}_ci_high"


#: The inputs whose intervals are data rows, in the order the page's table lists them.
INTERVAL_ROWS: dict[str, IntervalRows] = {
    "hardware_price": IntervalRows("GPU price", *_epoch("hardware_price")),
    "server_overhead": IntervalRows(
        "Server cost / GPU price", *_epoch("server_overhead"), point="epoch_server_overhead"
    ),
    "interconnect": IntervalRows(
        "Cluster network cost",
        *_epoch("interconnect_overhead"),
        point="epoch_interconnect_fraction",
        note="Epoch's 1.07-1.32 network overhead, applied to the network's part of the cost.",
        network=True,
    ),
    "depreciation": IntervalRows(
        "Write-off rate (price-performance gain)",
        *_epoch("depreciation"),
        point="epoch_depreciation_ooms",
    ),
    "energy_price": IntervalRows("Electricity price", *_epoch("energy_price")),
    "power_tdp": IntervalRows(
        "Average power / TDP", *_epoch("power_tdp"), point="epoch_power_tdp_fraction"
    ),
    "pue": IntervalRows("Data-centre PUE", *_epoch("pue"), point="epoch_pue_nonhyperscaler"),
}
#: Renting recovers the hardware cost: the rental price varies as the GPU price does.
RENTAL_PRICE_NOTE = (
    "Epoch's hardware-price interval (0.5-2x): renting recovers the hardware cost. Around $2 "
    "it spans the 2024-25 contract and specialist-cloud quotes in data/prices.csv; AWS's and "
    "Google's list prices lie above it."
)
#: Lambert's 2-4x, as factors of its low end.
RESEARCH_ROWS = IntervalRows(
    "Research and failed runs (multiplier)",
    "lambert_experiment_multiplier",
    "lambert_experiment_multiplier_high",
    point="lambert_experiment_multiplier",
    note="Lambert's 2-4x as factors of the low end: from the value set to twice it.",
)
#: Epoch's notebook interval for hardware quantity (0.8-1.25x): not a row of the data files.
HARDWARE_QUANTITY = Interval(
    "GPU count",
    0.8,
    1.25,
    note="Epoch's notebook interval for hardware quantity, 0.8-1.25x.",
)


def intervals_from_tables(tables: Tables) -> dict[str, Interval]:
    """Every input's 90% interval (factors of the point value), read from the data rows.

    >>> iv = intervals_from_tables(tables)
    >>> iv["hardware_price"].low, iv["hardware_price"].high
    (0.5, 2.0)
    >>> round(iv["pue"].low, 3), round(iv["pue"].high, 3)
    (0.896, 1.12)
    >>> iv["multiplier"].low, iv["multiplier"].high, iv["multiplier"].source
    (1.0, 2.0, 'lambert_experiment_multiplier, lambert_experiment_multiplier_high')
    """
    out = {key: rows.interval(tables) for key, rows in INTERVAL_ROWS.items()}
    price = out["hardware_price"]
    out["rental_price"] = Interval(
        "Rental price per GPU-hour", price.low, price.high, price.source, RENTAL_PRICE_NOTE
    )
    out["multiplier"] = RESEARCH_ROWS.interval(tables)
    out["hardware_quantity"] = HARDWARE_QUANTITY
    return out


# ---------------------------------------------------------------------------------------------
# Sampling


def _latin_normal(rng: np.random.Generator, n: int) -> np.ndarray:
    """n standard-normal draws: half stratified (Latin hypercube), half their mirror images.

    The mirror (antithetic) half makes the draws symmetric, so a product of lognormal
    factors has its median where it should be, not a sampling error away.
    """
    half = n // 2
    u = (rng.permutation(half) + rng.random(half)) / half
    z = np.fromiter(map(NORMAL.inv_cdf, np.clip(u, 1e-12, 1.0 - 1e-12)), float, half)
    return np.concatenate([z, -z, np.zeros(n - 2 * half)])


@lru_cache(maxsize=8)  # a few (seed, n, inputs) shapes exist; 80 KB per input each
def _standard_draws(seed: int, n: int, k: int) -> np.ndarray:
    """k rows of n standard-normal draws (:func:`_latin_normal`), one row per input, read-only.

    They depend only on the seed, n and the number of inputs, not on the visitor's values:
    drawn once, every slider step only rescales them (the inverse normal CDF on 10,000 points
    per input was most of a simulation's time).
    """
    rng = np.random.default_rng(seed)
    z = np.stack([_latin_normal(rng, n) for _ in range(k)]) if k else np.empty((0, n))
    z.setflags(write=False)
    return z


# ---------------------------------------------------------------------------------------------
# Models: a function of factors (1 = the visitor's value) and the inputs that vary


@dataclass(frozen=True)
class Input:
    """One varying input of a model: its key in the factors, label and 90% interval."""

    key: str
    label: str
    interval: Interval


@dataclass(frozen=True)
class Model:
    """An output as a vectorised function of input factors; a missing factor means 1."""

    name: str
    unit: str
    inputs: tuple[Input, ...]
    fn: Callable[[Factors], np.ndarray | float] = field(repr=False, compare=False)

    def __call__(self, factors: Factors | None = None) -> np.ndarray | float:
        return self.fn(factors or {})

    @property
    def point(self) -> float:
        """The output at the visitor's values (every factor 1)."""
        return float(self.fn({}))


def _get(x: Factors, key: str) -> np.ndarray | float:
    return x.get(key, 1.0)


def _input(intervals: Mapping[str, Interval], key: str) -> Input:
    interval = intervals[key]
    return Input(key, interval.label, interval)


#: The ownership route's varying inputs, in the order they are listed (and ties are ranked).
OWNERSHIP_INPUTS = (
    "hardware_price",
    "depreciation",
    "interconnect",
    "energy_price",
    "power_tdp",
    "pue",
)


def ownership_rate_model(a: OwnershipAssumptions) -> Callable[[Factors], np.ndarray | float]:
    """The owner's cost per GPU-hour (:func:`aicost.base.model.ownership_rate`'s formulas) as a
    function of factors on ``a``; average power stops at the TDP and PUE at 1. Twice the GPU
    price doubles the hardware and its network, not the electricity:

    >>> from aicost.base.gpus import epoch_ownership
    >>> rate = ownership_rate_model(epoch_ownership(tables, "H800", 44_750, 0.14))
    >>> round(float(rate({})), 2), round(float(rate({"hardware_price": 2.0})), 2)
    (2.12, 4.15)
    """
    net_part = model.network_part(a.interconnect_fraction)

    def rate(x: Factors) -> np.ndarray | float:
        hardware = model.hardware_per_hour(
            a.gpu_price * _get(x, "hardware_price"),
            a.server_overhead,
            a.amortization_years / _get(x, "depreciation"),
        )
        energy = model.energy_per_hour(
            a.tdp_watts,
            a.server_power_factor,
            np.minimum(a.power_fraction * _get(x, "power_tdp"), 1.0),
            np.maximum(a.pue * _get(x, "pue"), 1.0),
            a.energy_price_kwh * _get(x, "energy_price"),
        )
        return hardware * (1.0 + net_part * _get(x, "interconnect")) + energy

    return rate


def training_cost_model(
    gpu_hours: float,
    price: float | OwnershipAssumptions,
    *,
    intervals: Mapping[str, Interval],
    multiplier: float = 1.0,
) -> Model:
    """Cost of ``gpu_hours`` (x ``multiplier`` for research and failed runs).

    ``price`` is a rental price per GPU-hour, or an :class:`OwnershipAssumptions` for
    Epoch AI's ownership cost. The multiplier varies only when it is above 1.

    >>> iv = intervals_from_tables(tables)
    >>> m = training_cost_model(2_788_000, 2.0, intervals=iv)
    >>> m.point, [i.key for i in m.inputs]
    (5576000.0, ['rental_price'])
    >>> from aicost.base.gpus import epoch_ownership
    >>> own = epoch_ownership(tables, "H800", 44_750, 0.14)
    >>> [i.key for i in training_cost_model(1, own, intervals=iv, multiplier=2).inputs][-3:]
    ['power_tdp', 'pue', 'multiplier']
    """
    if not (gpu_hours > 0 and math.isfinite(gpu_hours)):
        raise ValueError(f"GPU-hours must be greater than zero, got {gpu_hours!r}")
    if not (multiplier >= 1 and math.isfinite(multiplier)):
        raise ValueError(f"the multiplier must be at least 1, got {multiplier!r}")
    if isinstance(price, OwnershipAssumptions):
        rate = ownership_rate_model(price)
        keys = list(OWNERSHIP_INPUTS)
        if price.interconnect_fraction == 0:
            keys.remove("interconnect")
    else:
        rental = float(price)
        if not (rental > 0 and math.isfinite(rental)):
            raise ValueError(f"price per GPU-hour must be greater than zero, got {price!r}")

        def rental_rate(x: Factors) -> np.ndarray | float:
            return rental * _get(x, "rental_price")

        rate, keys = rental_rate, ["rental_price"]
    if multiplier > 1:
        keys.append("multiplier")
    if "gpu_hours" in intervals:
        keys.append("gpu_hours")

    def fn(x: Factors) -> np.ndarray | float:
        mult = multiplier * _get(x, "multiplier") if multiplier > 1 else 1.0
        return gpu_hours * _get(x, "gpu_hours") * rate(x) * mult

    return Model("Training cost", "USD", tuple(_input(intervals, k) for k in keys), fn)


def fleet_capex_model(
    lines: Sequence[FleetLine],
    server_overhead: float,
    network_fraction: float = 0.0,
    *,
    intervals: Mapping[str, Interval],
) -> Model:
    """Capital spending on a fleet: sum of count x unit price, x server and network overhead.

    Each GPU type's count and unit price vary independently; so do the server overhead and,
    when counted, the network.

    >>> iv = intervals_from_tables(tables)
    >>> m = fleet_capex_model([FleetLine("H800", 10_000, 30_000)], 1.64, intervals=iv)
    >>> round(m.point), [i.label for i in m.inputs]
    (492000000, ['H800 count', 'H800 unit price', 'Server cost / GPU price'])
    """
    if not lines:
        raise ValueError("a fleet needs at least one GPU type")
    if not (server_overhead > 0 and 0 <= network_fraction < 1):
        raise ValueError("server overhead must be above 0 and the network share in [0, 1)")
    active = [line for line in lines if line.count > 0]
    if not active:
        raise ValueError("the fleet has no GPUs; set at least one count above zero")
    net_part = model.network_part(network_fraction)
    quantity, price = intervals["hardware_quantity"], intervals["hardware_price"]
    inputs: list[Input] = []
    for line in active:
        key = line.gpu.lower()
        inputs.append(Input(f"{key}_count", f"{line.gpu} count", quantity))
        inputs.append(Input(f"{key}_price", f"{line.gpu} unit price", price))
    inputs.append(_input(intervals, "server_overhead"))
    if network_fraction > 0:
        inputs.append(_input(intervals, "interconnect"))

    def fn(x: Factors) -> np.ndarray | float:
        gpus: np.ndarray | float = 0.0
        for line in active:
            key = line.gpu.lower()
            count = line.count * _get(x, f"{key}_count")
            gpus = gpus + count * line.unit_price * _get(x, f"{key}_price")
        servers = gpus * server_overhead * _get(x, "server_overhead")
        return servers * (1.0 + net_part * _get(x, "interconnect"))

    return Model("Fleet capex", "USD", tuple(inputs), fn)


# ---------------------------------------------------------------------------------------------
# Simulation and its summaries


@dataclass(frozen=True)
class Distribution:
    """Draws of an output, with the point value (every input at the visitor's value)."""

    name: str
    point: float
    samples: np.ndarray = field(repr=False, compare=False)
    seed: int = SEED

    @property
    def n(self) -> int:
        return int(self.samples.size)

    def percentile(self, q: float) -> float:
        return float(np.percentile(self.samples, q))

    @property
    def p10(self) -> float:
        return self.percentile(10)

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p90(self) -> float:
        return self.percentile(90)

    def band(self) -> str:
        """The P10 to P90 range as a caption, said in plain words: 8 draws in 10 fall in it.

        ``80% range (P10–P90): $4.1M–$7.9M``
        """
        return f"80% range (P10–P90): {fmt.usd(self.p10)}–{fmt.usd(self.p90)}"

    def summary(self, prefix: str) -> dict[str, float]:
        """P10, P50, P90 and the point value, rounded, for downloads."""
        return {
            f"{prefix}_p10_usd": round(self.p10, 2),
            f"{prefix}_p50_usd": round(self.p50, 2),
            f"{prefix}_p90_usd": round(self.p90, 2),
            f"{prefix}_point_usd": round(self.point, 2),
        }


def simulate(model: Model, n: int = N_DRAWS, seed: int = SEED) -> Distribution:
    """Draw every varying input (lognormal, Latin hypercube) and evaluate the model n times.

    >>> iv = intervals_from_tables(tables)
    >>> d = simulate(training_cost_model(2_788_000, 2.0, intervals=iv), n=10_000, seed=1)
    >>> round(d.p50 / 1e6, 2), d.n
    (5.58, 10000)
    """
    if n < 2:
        raise ValueError(f"need at least 2 draws, got {n}")
    z = _standard_draws(seed, n, len(model.inputs))
    factors = {
        i.key: np.exp(i.interval.mu + i.interval.sigma * z[row])
        for row, i in enumerate(model.inputs)
    }
    samples = np.broadcast_to(np.asarray(model(factors), dtype=float), (n,)).copy()
    return Distribution(model.name, model.point, samples, seed)


def training_cost_distribution(
    gpu_hours: float,
    price: float | OwnershipAssumptions,
    *,
    intervals: Mapping[str, Interval],
    multiplier: float = 1.0,
    n: int = N_DRAWS,
    seed: int = SEED,
) -> Distribution:
    """P10/P50/P90 of a training run's cost; see :func:`training_cost_model`.

    DeepSeek-V3's 2.788M GPU-hours at $2 per GPU-hour, the price drawn from 0.5x to 2x:

    >>> iv = intervals_from_tables(tables)
    >>> d = training_cost_distribution(2_788_000, 2.0, intervals=iv)
    >>> d.point, round(d.p10 / 1e6, 1), round(d.p50 / 1e6, 1), round(d.p90 / 1e6, 1)
    (5576000.0, 3.2, 5.6, 9.6)
    """
    model = training_cost_model(gpu_hours, price, multiplier=multiplier, intervals=intervals)
    return simulate(model, n, seed)


def fleet_capex_distribution(
    lines: Sequence[FleetLine],
    server_overhead: float,
    network_fraction: float = 0.0,
    *,
    intervals: Mapping[str, Interval],
    n: int = N_DRAWS,
    seed: int = SEED,
) -> Distribution:
    """P10/P50/P90 of a fleet's capital spending; see :func:`fleet_capex_model`."""
    model = fleet_capex_model(lines, server_overhead, network_fraction, intervals=intervals)
    return simulate(model, n, seed)


@dataclass(frozen=True)
class Histogram:
    """Counts of draws per bin, binned on the server: only these go to the browser."""

    edges: np.ndarray
    counts: np.ndarray
    below: int  # draws left of the first edge
    above: int  # draws right of the last edge

    @property
    def centres(self) -> np.ndarray:
        return (self.edges[:-1] + self.edges[1:]) / 2.0

    @property
    def widths(self) -> np.ndarray:
        return np.diff(self.edges)

    @property
    def shares(self) -> np.ndarray:
        """Share of all draws in each bin (0 to 1)."""
        total = self.counts.sum() + self.below + self.above
        return self.counts / total


def histogram(dist: Distribution, bins: int = 40, coverage: float = 0.99) -> Histogram:
    """Bin the middle ``coverage`` of the draws into ``bins`` equal bins (np.histogram).

    >>> iv = intervals_from_tables(tables)
    >>> h = histogram(training_cost_distribution(2_788_000, 2.0, intervals=iv), bins=20)
    >>> len(h.counts), int(h.counts.sum() + h.below + h.above)
    (20, 10000)
    """
    tail = (1.0 - coverage) / 2.0 * 100.0
    low, high = np.percentile(dist.samples, [tail, 100.0 - tail])
    if not high > low:
        high = low * 1.001 + 1.0
    counts, edges = np.histogram(dist.samples, bins=bins, range=(float(low), float(high)))
    below = int((dist.samples < low).sum())
    above = int((dist.samples > high).sum())
    return Histogram(edges, counts, below, above)


@dataclass(frozen=True)
class Swing:
    """How far the output moves when one input goes from its low to its high end."""

    key: str
    label: str
    low_factor: float
    high_factor: float
    low_output: float
    high_output: float

    @property
    def swing(self) -> float:
        return abs(self.high_output - self.low_output)


def tornado(model: Model) -> list[Swing]:
    """One input at a time from the low to the high end of its 90% interval, the others at the
    visitor's values; the inputs ranked by the swing of the output, largest first.

    >>> iv = intervals_from_tables(tables)
    >>> from aicost.base.gpus import epoch_ownership
    >>> own = epoch_ownership(tables, "H800", 44_750, 0.14)
    >>> [s.key for s in tornado(training_cost_model(2_788_000, own, intervals=iv, multiplier=2))][
    ...     :2
    ... ]
    ['hardware_price', 'multiplier']
    """
    swings = []
    for i in model.inputs:
        low = float(model({i.key: i.interval.low}))
        high = float(model({i.key: i.interval.high}))
        swings.append(Swing(i.key, i.label, i.interval.low, i.interval.high, low, high))
    return sorted(swings, key=lambda s: s.swing, reverse=True)
