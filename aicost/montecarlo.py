"""Uncertainty: Monte Carlo ranges and tornado swings for training cost and fleet capex. Pure.

Every uncertain input is drawn *around the value the visitor set*, as a multiplicative
factor whose 90% interval comes from a source: Epoch AI's 90% credible intervals
(Cottier et al. 2024, uncertainty notebook; the ``epoch_*_ci_low/high`` rows of
``data/figures.csv``) or, for the research multiplier, the spread of Nathan Lambert's 2-4x.

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

import numpy as np

from aicost import fmt
from aicost.model import HOURS_PER_YEAR, FleetLine, OwnershipAssumptions

#: The default seed (the day of Nvidia's drop, 2025-01-27): same inputs, same numbers.
SEED = 20250127
#: Draws per simulation by default.
N_DRAWS = 10_000
#: The standard normal's 95th percentile: a 90% interval spans +-Z95 standard deviations.
Z95 = 1.6448536269514722

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
            raise ValueError(f"{self.label}: interval must be 0 < low <= high, got "
                             f"{self.low:g} to {self.high:g}")  # fmt: skip

    @property
    def mu(self) -> float:
        """Mean of the log-factor (log of the geometric midpoint)."""
        return (math.log(self.low) + math.log(self.high)) / 2.0

    @property
    def sigma(self) -> float:
        """Standard deviation of the log-factor."""
        return (math.log(self.high) - math.log(self.low)) / (2.0 * Z95)


#: Epoch AI's 90% credible intervals as written in data/figures.csv (absolute values), with
#: the point value each is relative to. ``intervals_from_tables`` reads them from the data;
#: these copies let the pure functions run without it (a test keeps them equal).
EPOCH_CI: dict[str, tuple[float, float, float]] = {
    # key: (ci_low, ci_high, point value the factors are relative to)
    "hardware_price": (0.5, 2.0, 1.0),
    "server_overhead": (1.3, 2.1, 1.64),
    "interconnect": (1.07, 1.32, 1.0 / (1.0 - 0.19)),
    "depreciation": (0.10, 0.18, 0.14),
    "energy_price": (0.6, 1.7, 1.0),
    "power_tdp": (0.56, 1.0, 0.75),
    "pue": (1.12, 1.4, 1.25),
}
#: Epoch's notebook interval for hardware quantity (0.8-1.25x); not a row of figures.csv.
HARDWARE_QUANTITY = (0.8, 1.25)
#: Nathan Lambert: experiments take 2-4 times the final run's compute.
LAMBERT = (2.0, 4.0)

#: (data row ids for low, high, point) behind each interval; "" where the value is fixed.
_CI_ROWS: dict[str, tuple[str, str, str]] = {
    "hardware_price": ("epoch_hardware_price_ci_low", "epoch_hardware_price_ci_high", ""),
    "server_overhead": (
        "epoch_server_overhead_ci_low",
        "epoch_server_overhead_ci_high",
        "epoch_server_overhead",
    ),
    "interconnect": (
        "epoch_interconnect_overhead_ci_low",
        "epoch_interconnect_overhead_ci_high",
        "epoch_interconnect_fraction",
    ),
    "depreciation": (
        "epoch_depreciation_ci_low",
        "epoch_depreciation_ci_high",
        "epoch_depreciation_ooms",
    ),  # fmt: skip
    "energy_price": ("epoch_energy_price_ci_low", "epoch_energy_price_ci_high", ""),
    "power_tdp": ("epoch_power_tdp_ci_low", "epoch_power_tdp_ci_high", "epoch_power_tdp_fraction"),
    "pue": ("epoch_pue_ci_low", "epoch_pue_ci_high", "epoch_pue_nonhyperscaler"),
}

_LABELS = {
    "hardware_price": "GPU price",
    "server_overhead": "Server cost / GPU price",
    "interconnect": "Cluster network cost",
    "depreciation": "Write-off rate (price-performance gain)",
    "energy_price": "Electricity price",
    "power_tdp": "Average power / TDP",
    "pue": "Data-centre PUE",
    "rental_price": "Rental price per GPU-hour",
    "multiplier": "Research and failed runs (multiplier)",
    "hardware_quantity": "GPU count",
}

_NOTES = {
    "interconnect": "Epoch's 1.07-1.32 network overhead, applied to the network's part of the cost.",
    "rental_price": "Epoch's hardware-price interval (0.5-2x): renting recovers the hardware "
    "cost. Around $2 it spans the 2024-25 contract and specialist-cloud quotes in "
    "data/prices.csv; AWS's and Google's list prices lie above it.",
    "multiplier": "Lambert's 2-4x as factors of the low end: from the value set to twice it.",
    "hardware_quantity": "Epoch's notebook interval for hardware quantity, 0.8-1.25x.",
}


def _factor_intervals(ci: Mapping[str, tuple[float, float, float]],
                      lambert: tuple[float, float],
                      quantity: tuple[float, float],
                      sources: Mapping[str, str]) -> dict[str, Interval]:  # fmt: skip
    out: dict[str, Interval] = {}
    for key, (low, high, point) in ci.items():
        if key == "interconnect":
            # The interval is on the overhead 1/(1 - share); the factor scales the network's part.
            low_f, high_f = (low - 1.0) / (point - 1.0), (high - 1.0) / (point - 1.0)
        else:
            low_f, high_f = low / point, high / point
        out[key] = Interval(_LABELS[key], low_f, high_f, sources.get(key, ""), _NOTES.get(key, ""))
    hp = out["hardware_price"]
    out["rental_price"] = Interval(_LABELS["rental_price"], hp.low, hp.high, hp.source,
                                   _NOTES["rental_price"])  # fmt: skip
    out["multiplier"] = Interval(
        _LABELS["multiplier"], 1.0, lambert[1] / lambert[0],
        sources.get("multiplier", ""), _NOTES["multiplier"],
    )  # fmt: skip
    out["hardware_quantity"] = Interval(_LABELS["hardware_quantity"], quantity[0], quantity[1],
                                        "", _NOTES["hardware_quantity"])  # fmt: skip
    return out


_SOURCES = {key: ", ".join(r for r in rows if r) for key, rows in _CI_ROWS.items()} | {
    "multiplier": "lambert_experiment_multiplier, lambert_experiment_multiplier_high"
}

#: The default intervals (factors of the point value), from the constants above.
DEFAULT_INTERVALS: dict[str, Interval] = _factor_intervals(
    EPOCH_CI, LAMBERT, HARDWARE_QUANTITY, _SOURCES
)


def intervals_from_tables(tables: object) -> dict[str, Interval]:
    """The intervals, read from the data rows (``tables.value(id)``) instead of the constants.

    >>> iv = intervals_from_tables(tables)
    >>> iv["hardware_price"].low, iv["hardware_price"].high
    (0.5, 2.0)
    >>> round(iv["pue"].low, 3), round(iv["pue"].high, 3)
    (0.896, 1.12)
    """
    value = tables.value  # type: ignore[attr-defined]
    ci: dict[str, tuple[float, float, float]] = {}
    for key, (low_id, high_id, point_id) in _CI_ROWS.items():
        if key == "interconnect":
            point = 1.0 / (1.0 - value(point_id))
        else:
            point = value(point_id) if point_id else 1.0
        ci[key] = (value(low_id), value(high_id), point)
    lambert = (value("lambert_experiment_multiplier"), value("lambert_experiment_multiplier_high"))
    return _factor_intervals(ci, lambert, HARDWARE_QUANTITY, _SOURCES)


# ---------------------------------------------------------------------------------------------
# Sampling

# Acklam's rational approximation of the inverse normal CDF (relative error < 1.2e-9).
_A = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02,
      1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)  # fmt: skip
_B = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02,
      6.680131188771972e01, -1.328068155288572e01)  # fmt: skip
_C = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00,
      -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)  # fmt: skip
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00,
      3.754408661907416e00)  # fmt: skip
_P_LOW = 0.02425


def norm_ppf(p: np.ndarray) -> np.ndarray:
    """Inverse of the standard normal CDF, vectorised (numpy has none; scipy is not needed).

    >>> [round(float(x), 6) for x in norm_ppf(np.array([0.05, 0.5, 0.95]))]
    [-1.644854, 0.0, 1.644854]
    """
    p = np.asarray(p, dtype=float)
    out = np.empty_like(p)
    low = p < _P_LOW
    high = p > 1.0 - _P_LOW
    mid = ~(low | high)
    q = p[mid] - 0.5
    r = q * q
    a, b = _A, _B
    out[mid] = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0))  # fmt: skip
    c, d = _C, _D
    for mask, sign, tail in ((low, 1.0, p[low]), (high, -1.0, 1.0 - p[high])):
        t = np.sqrt(-2.0 * np.log(tail))
        out[mask] = sign * ((((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5])
                            / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1.0))  # fmt: skip
    return out


def _latin_normal(rng: np.random.Generator, n: int) -> np.ndarray:
    """n standard-normal draws: half stratified (Latin hypercube), half their mirror images.

    The mirror (antithetic) half makes the draws symmetric, so a product of lognormal
    factors has its median where it should be, not a sampling error away.
    """
    half = n // 2
    u = (rng.permutation(half) + rng.random(half)) / half
    z = norm_ppf(np.clip(u, 1e-12, 1.0 - 1e-12))
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


def _interval(intervals: Mapping[str, Interval] | None, key: str) -> Interval:
    return (intervals or DEFAULT_INTERVALS).get(key, DEFAULT_INTERVALS[key])


def training_cost_model(
    gpu_hours: float,
    price: float | OwnershipAssumptions,
    *,
    multiplier: float = 1.0,
    intervals: Mapping[str, Interval] | None = None,
) -> Model:
    """Cost of ``gpu_hours`` (x ``multiplier`` for research and failed runs).

    ``price`` is a rental price per GPU-hour, or an :class:`OwnershipAssumptions` for
    Epoch AI's ownership cost. The multiplier varies only when it is above 1.

    >>> m = training_cost_model(2_788_000, 2.0)
    >>> m.point, [i.key for i in m.inputs]
    (5576000.0, ['rental_price'])
    >>> own = OwnershipAssumptions(gpu_price=44_750, amortization_years=3.1)
    >>> [i.key for i in training_cost_model(1, own, multiplier=2).inputs]
    ['hardware_price', 'depreciation', 'interconnect', 'energy_price', 'power_tdp', 'pue', 'multiplier']
    """
    if not (gpu_hours > 0 and math.isfinite(gpu_hours)):
        raise ValueError(f"GPU-hours must be greater than zero, got {gpu_hours!r}")
    if not (multiplier >= 1 and math.isfinite(multiplier)):
        raise ValueError(f"the multiplier must be at least 1, got {multiplier!r}")
    keys: list[str]
    if isinstance(price, OwnershipAssumptions):
        a = price
        hw0 = a.gpu_price * a.server_overhead / (a.amortization_years * HOURS_PER_YEAR)
        net_part = a.interconnect_fraction / (1.0 - a.interconnect_fraction)
        kw0 = a.tdp_watts / 1000.0 * a.server_power_factor

        def rate(x: Factors) -> np.ndarray | float:
            hardware = hw0 * _get(x, "hardware_price") * _get(x, "depreciation")
            network = hardware * net_part * _get(x, "interconnect")
            power = np.minimum(a.power_fraction * _get(x, "power_tdp"), 1.0)
            pue = np.maximum(a.pue * _get(x, "pue"), 1.0)
            energy = kw0 * power * pue * a.energy_price_kwh * _get(x, "energy_price")
            return hardware + network + energy

        keys = ["hardware_price", "depreciation", "interconnect", "energy_price", "power_tdp",
                "pue"]  # fmt: skip
        if a.interconnect_fraction == 0:
            keys.remove("interconnect")
    else:
        rental = float(price)
        if not (rental > 0 and math.isfinite(rental)):
            raise ValueError(f"price per GPU-hour must be greater than zero, got {price!r}")

        def rate(x: Factors) -> np.ndarray | float:
            return rental * _get(x, "rental_price")

        keys = ["rental_price"]
    if multiplier > 1:
        keys.append("multiplier")

    def fn(x: Factors) -> np.ndarray | float:
        mult = multiplier * _get(x, "multiplier") if multiplier > 1 else 1.0
        return gpu_hours * _get(x, "gpu_hours") * rate(x) * mult

    inputs = [Input(k, _interval(intervals, k).label, _interval(intervals, k)) for k in keys]
    if intervals and "gpu_hours" in intervals:
        inputs.append(Input("gpu_hours", intervals["gpu_hours"].label, intervals["gpu_hours"]))
    return Model("Training cost", "USD", tuple(inputs), fn)


def fleet_capex_model(
    lines: Sequence[FleetLine],
    server_overhead: float,
    network_fraction: float = 0.0,
    *,
    intervals: Mapping[str, Interval] | None = None,
) -> Model:
    """Capital spending on a fleet: sum of count x unit price, x server and network overhead.

    Each GPU type's count and unit price vary independently; so do the server overhead and,
    when counted, the network.

    >>> m = fleet_capex_model([FleetLine("H800", 10_000, 30_000)], 1.64)
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
    net_part = network_fraction / (1.0 - network_fraction)
    inputs: list[Input] = []
    for line in active:
        key = line.gpu.lower()
        q, p = _interval(intervals, "hardware_quantity"), _interval(intervals, "hardware_price")
        inputs.append(Input(f"{key}_count", f"{line.gpu} count", q))
        inputs.append(Input(f"{key}_price", f"{line.gpu} unit price", p))
    inputs.append(Input("server_overhead", _interval(intervals, "server_overhead").label,
                        _interval(intervals, "server_overhead")))  # fmt: skip
    if network_fraction > 0:
        inputs.append(Input("interconnect", _interval(intervals, "interconnect").label,
                            _interval(intervals, "interconnect")))  # fmt: skip

    def fn(x: Factors) -> np.ndarray | float:
        gpus: np.ndarray | float = 0.0
        for line in active:
            key = line.gpu.lower()
            gpus = gpus + (line.count * _get(x, f"{key}_count")
                           * line.unit_price * _get(x, f"{key}_price"))  # fmt: skip
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

    @property
    def mean(self) -> float:
        return float(self.samples.mean())

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

    >>> d = simulate(training_cost_model(2_788_000, 2.0), n=10_000, seed=1)
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
    multiplier: float = 1.0,
    intervals: Mapping[str, Interval] | None = None,
    n: int = N_DRAWS,
    seed: int = SEED,
) -> Distribution:
    """P10/P50/P90 of a training run's cost; see :func:`training_cost_model`.

    DeepSeek-V3's 2.788M GPU-hours at $2 per GPU-hour, the price drawn from 0.5x to 2x:

    >>> d = training_cost_distribution(2_788_000, 2.0)
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
    intervals: Mapping[str, Interval] | None = None,
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

    >>> h = histogram(training_cost_distribution(2_788_000, 2.0), bins=20)
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

    >>> own = OwnershipAssumptions(gpu_price=44_750, amortization_years=3.1)
    >>> [s.key for s in tornado(training_cost_model(2_788_000, own, multiplier=2))][:2]
    ['hardware_price', 'multiplier']
    """
    swings = []
    for i in model.inputs:
        low = float(model({i.key: i.interval.low}))
        high = float(model({i.key: i.interval.high}))
        swings.append(Swing(i.key, i.label, i.interval.low, i.interval.high, low, high))
    return sorted(swings, key=lambda s: s.swing, reverse=True)
