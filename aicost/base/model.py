"""Cost formulas for training runs and GPU fleets. Pure functions; no streamlit import.

Three routes to a training cost, one to a fleet's capital spending:

- rental: GPU-hours x price per GPU-hour (DeepSeek-V3's Table 1);
- compute: FLOP = 6 x active parameters x tokens, GPU-hours = FLOP / (peak x MFU x 3600);
- ownership: Epoch AI's amortized hardware + interconnect + energy per GPU-hour;
- fleet capex: sum of count x unit price over GPU types, times server and network overhead.

Every function checks its inputs and raises ``ValueError`` naming the input for a zero,
negative, NaN or infinite value where that makes no sense.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    import numpy as np

#: Hours in an average year (365.25 days), as in Epoch AI's cost code.
HOURS_PER_YEAR = 365.25 * 24
SECONDS_PER_HOUR = 3600.0

#: A float, or a numpy array of them: the formulas below serve one scenario and, unchanged,
#: the Monte Carlo's vectorised draws (:mod:`aicost.base.montecarlo`).
Amount: TypeAlias = "float | np.ndarray"


def check_input(
    name: str, value: float, *, allow_zero: bool = False, upper: float | None = None
) -> float:
    """Return ``value`` as a float, or raise ValueError saying what is wrong with it.

    >>> check_input("price per GPU-hour", "2.5")
    2.5
    >>> check_input("MFU", 1.5, upper=1.0)
    Traceback (most recent call last):
    ValueError: MFU must be at most 1, got 1.5
    """
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if math.isnan(number):
        raise ValueError(f"{name} must be a number, got NaN")
    if math.isinf(number):
        raise ValueError(f"{name} must be finite, got {number}")
    if number < 0 or (number == 0 and not allow_zero):
        qualifier = "zero or more" if allow_zero else "greater than zero"
        raise ValueError(f"{name} must be {qualifier}, got {number:g}")
    if upper is not None and number > upper:
        raise ValueError(f"{name} must be at most {upper:g}, got {number:g}")
    return number


def _finite(name: str, result: float) -> float:
    if not math.isfinite(result):
        raise ValueError(f"{name} is too large to compute (overflow)")
    return result


# ---------------------------------------------------------------------------------------------
# Rental route


@dataclass(frozen=True)
class RunCost:
    """Cost of a run priced at one rate per GPU-hour (rented or owned), by phase and in total."""

    phase_gpu_hours: dict[str, float]
    phase_costs: dict[str, float]
    price_per_gpu_hour: float

    @property
    def gpu_hours(self) -> float:
        return sum(self.phase_gpu_hours.values())

    @property
    def cost(self) -> float:
        return sum(self.phase_costs.values())


def rental_cost(gpu_hours: float, price_per_gpu_hour: float) -> float:
    """Cost of renting ``gpu_hours`` at ``price_per_gpu_hour`` (USD).

    What did DeepSeek-V3's pre-training cost at its assumed $2 per H800-hour?

    >>> rental_cost(2_664_000, 2.0)
    5328000.0
    """
    hours = check_input("GPU-hours", gpu_hours)
    price = check_input("price per GPU-hour", price_per_gpu_hour)
    return _finite("rental cost", hours * price)


def rental_run(phase_gpu_hours: Mapping[str, float], price_per_gpu_hour: float) -> RunCost:
    """Price every phase of a run at one rental rate.

    DeepSeek-V3's Table 1 at $2 per GPU-hour:

    >>> run = rental_run(
    ...     {"pre-training": 2_664_000, "context extension": 119_000, "post-training": 5_000}, 2.0
    ... )
    >>> run.phase_costs
    {'pre-training': 5328000.0, 'context extension': 238000.0, 'post-training': 10000.0}
    >>> run.gpu_hours, run.cost
    (2788000.0, 5576000.0)
    """
    if not phase_gpu_hours:
        raise ValueError("a run needs at least one phase")
    price = check_input("price per GPU-hour", price_per_gpu_hour)
    hours = {name: check_input(f"GPU-hours of {name}", h) for name, h in phase_gpu_hours.items()}
    costs = {name: rental_cost(h, price) for name, h in hours.items()}
    return RunCost(hours, costs, price)


# ---------------------------------------------------------------------------------------------
# Compute route


def training_flop(active_params: float, tokens: float) -> float:
    """Training compute by the 6·N·D rule (N = parameters active per token, D = tokens).

    DeepSeek-V3: 37B active parameters, 14.8T tokens.

    >>> training_flop(37e9, 14.8e12)
    3.2856e+24
    """
    n = check_input("active parameters", active_params)
    d = check_input("training tokens", tokens)
    return _finite("training FLOP", 6.0 * n * d)


def gpu_hours_for_flop(flop: float, peak_flops: float, mfu: float) -> float:
    """GPU-hours needed for ``flop`` on GPUs of ``peak_flops`` (FLOP/s) at utilisation ``mfu``.

    V3's 6ND compute on H800s at their dense BF16 peak (989 TFLOPS) and 40% MFU:

    >>> round(gpu_hours_for_flop(3.2856e24, 989e12, 0.40))
    2307044
    """
    c = check_input("training FLOP", flop)
    peak = check_input("peak FLOP/s", peak_flops)
    u = check_input("MFU", mfu, upper=1.0)
    return _finite("GPU-hours", c / (peak * u * SECONDS_PER_HOUR))


def implied_mfu(flop: float, gpu_hours: float, peak_flops: float) -> float:
    """The model FLOP utilisation that ``flop`` in ``gpu_hours`` implies, against ``peak_flops``.

    V3's pre-training (2,664K H800-hours) against the dense FP8 and BF16 peaks:

    >>> round(implied_mfu(3.2856e24, 2_664_000, 1979e12), 4)
    0.1731
    >>> round(implied_mfu(3.2856e24, 2_664_000, 989e12), 4)
    0.3464
    """
    c = check_input("training FLOP", flop)
    hours = check_input("GPU-hours", gpu_hours)
    peak = check_input("peak FLOP/s", peak_flops)
    return _finite("MFU", c / (hours * SECONDS_PER_HOUR * peak))


def wall_clock_days(gpu_hours: float, n_gpus: float) -> float:
    """Days of wall-clock time for ``gpu_hours`` spread over ``n_gpus`` GPUs.

    V3's pre-training on its 2,048 H800s:

    >>> round(wall_clock_days(2_664_000, 2048), 1)
    54.2
    """
    hours = check_input("GPU-hours", gpu_hours)
    gpus = check_input("number of GPUs", n_gpus)
    return hours / gpus / 24.0


# ---------------------------------------------------------------------------------------------
# Ownership route (Epoch AI, Cottier et al. 2024)
#
# The three parts of owning a GPU for an hour are written once, here, as formulas that take a
# float or a numpy array: :func:`ownership_rate` prices one scenario with them and the Monte
# Carlo (:func:`aicost.base.montecarlo.training_cost_model`) prices 10,000 draws.


def epoch_amortization_years(ooms_per_year: float) -> float:
    """Straight-line life implied by Epoch's write-off rate of ``ooms_per_year`` x ln(10) a year.

    Epoch's 0.14 orders of magnitude of price-performance a year:

    >>> round(epoch_amortization_years(0.14), 2)
    3.1
    """
    rate = check_input("price-performance OOMs per year", ooms_per_year)
    return 1.0 / (rate * math.log(10))


def hardware_per_hour(gpu_price: Amount, server_overhead: Amount, years: Amount) -> Amount:
    """A GPU's server, written off straight-line over ``years``, per hour (USD).

    >>> round(hardware_per_hour(44_750, 1.0, 3.1), 3)
    1.647
    """
    return gpu_price * server_overhead / (years * HOURS_PER_YEAR)


def network_part(network_fraction: float) -> float:
    """The cluster network's cost per dollar of everything else, when it is ``network_fraction``
    of the whole: Epoch's 19% share adds 23.5% to the rest.

    >>> round(network_part(0.19), 3)
    0.235
    """
    return network_fraction / (1.0 - network_fraction)


def energy_per_hour(
    tdp_watts: Amount,
    server_power_factor: Amount,
    power_fraction: Amount,
    pue: Amount,
    energy_price_kwh: Amount,
) -> Amount:
    """Electricity for one GPU for an hour (USD): its TDP, scaled to its share of a server,
    at its average power, times the data centre's PUE, at the price of a kWh.

    An H800 at Epoch's defaults (700 W, 1.8 x 0.75 x PUE 1.25, $0.0771/kWh):

    >>> round(energy_per_hour(700, 1.8, 0.75, 1.25, 0.0771), 4)
    0.0911
    """
    kw = tdp_watts / 1000.0 * server_power_factor * power_fraction * pue
    return kw * energy_price_kwh


@dataclass(frozen=True, kw_only=True)
class EnergyUse:
    """How a GPU draws power as part of a data centre, and what a kWh costs.

    Shared by the ownership route (:class:`OwnershipAssumptions`) and a fleet's running cost
    (:class:`PowerAssumptions`). No defaults: Epoch AI's values are rows of the data
    (``epoch_chip_to_server_power``, ``epoch_power_tdp_fraction``, ``epoch_pue_*``,
    ``epoch_energy_price_2024``), and callers pass them from there.
    """

    server_power_factor: float  # a server's power per GPU / the GPU's TDP
    power_fraction: float  # average power / TDP
    pue: float
    energy_price_kwh: float

    def __post_init__(self) -> None:
        check_input("server power factor", self.server_power_factor)
        check_input("average power fraction", self.power_fraction, upper=1.0)
        check_input("PUE", self.pue)
        if self.pue < 1.0:
            raise ValueError(f"PUE must be at least 1.0, got {self.pue:g}")
        check_input("energy price ($/kWh)", self.energy_price_kwh)

    def cost_per_hour(self, tdp_watts: float) -> float:
        """Electricity for one GPU of ``tdp_watts`` for an hour (USD): :func:`energy_per_hour`."""
        return float(
            energy_per_hour(
                tdp_watts,
                self.server_power_factor,
                self.power_fraction,
                self.pue,
                self.energy_price_kwh,
            )
        )


@dataclass(frozen=True, kw_only=True)
class OwnershipAssumptions(EnergyUse):
    """What owning a GPU costs per hour, after Epoch AI's method.

    ``gpu_price`` is per GPU; ``server_overhead`` multiplies it to the server's cost per GPU
    (1.0 when the price is already a per-GPU share of a whole server, as a DGX price is).
    """

    gpu_price: float
    amortization_years: float
    interconnect_fraction: float  # the cluster network's share of the cluster's cost
    tdp_watts: float
    server_overhead: float = 1.0

    def __post_init__(self) -> None:
        check_input("GPU price", self.gpu_price)
        check_input("amortization period (years)", self.amortization_years)
        check_input("server overhead", self.server_overhead)
        check_input("interconnect share", self.interconnect_fraction, allow_zero=True, upper=0.9)
        check_input("TDP (W)", self.tdp_watts)
        super().__post_init__()


@dataclass(frozen=True)
class OwnershipRate:
    """Cost of owning one GPU for one hour (USD), by component."""

    hardware: float
    interconnect: float
    energy: float

    @property
    def total(self) -> float:
        return self.hardware + self.interconnect + self.energy


def ownership_rate(a: OwnershipAssumptions) -> OwnershipRate:
    """Per-GPU-hour cost of owning hardware: amortized server + interconnect + energy.

    Epoch's worked example for an H800 ($44,750 per GPU from a DGX price, written off at
    0.14 OOM/yr, 700 W, 1.8 x 0.75 x PUE 1.25 at $0.0771/kWh):

    >>> rate = ownership_rate(
    ...     OwnershipAssumptions(
    ...         gpu_price=44_750,
    ...         amortization_years=epoch_amortization_years(0.14),
    ...         interconnect_fraction=0.19,
    ...         tdp_watts=700,
    ...         server_power_factor=1.8,
    ...         power_fraction=0.75,
    ...         pue=1.25,
    ...         energy_price_kwh=0.0771,
    ...     )
    ... )
    >>> round(rate.hardware, 3), round(rate.interconnect, 3), round(rate.energy, 3)
    (1.646, 0.386, 0.091)
    >>> round(rate.total, 2)
    2.12
    """
    hardware = float(hardware_per_hour(a.gpu_price, a.server_overhead, a.amortization_years))
    return OwnershipRate(
        hardware=hardware,
        interconnect=hardware * network_part(a.interconnect_fraction),
        energy=a.cost_per_hour(a.tdp_watts),
    )


def cluster_upfront_cost(
    n_gpus: float, gpu_price: float, server_overhead: float, interconnect_fraction: float
) -> float:
    """Up-front cost of buying a cluster: GPUs x price x server overhead, plus interconnect.

    DeepSeek's 2,048 H800s at $44,750 each (DGX basis), with Epoch's 19% interconnect share:

    >>> round(cluster_upfront_cost(2048, 44_750, 1.0, 0.19) / 1e6, 1)
    113.1
    """
    gpus = check_input("number of GPUs", n_gpus)
    price = check_input("GPU price", gpu_price)
    overhead = check_input("server overhead", server_overhead)
    share = check_input("interconnect share", interconnect_fraction, allow_zero=True, upper=0.9)
    return _finite("cluster cost", gpus * price * overhead * (1.0 + network_part(share)))


# ---------------------------------------------------------------------------------------------
# Fleet capital spending


@dataclass(frozen=True)
class FleetLine:
    """One GPU type in a fleet: how many, at what unit price, drawing how much power."""

    gpu: str
    count: float
    unit_price: float
    tdp_watts: float = 700.0

    def __post_init__(self) -> None:
        check_input(f"count of {self.gpu}", self.count, allow_zero=True)
        check_input(f"unit price of {self.gpu}", self.unit_price)
        check_input(f"TDP of {self.gpu}", self.tdp_watts)


@dataclass(frozen=True)
class FleetResult:
    """A fleet's spending: GPUs alone, with servers and network, and optional running cost."""

    gpu_cost: dict[str, float]
    server_overhead: float
    network_fraction: float
    operating_cost: float = 0.0
    operating_cost_by_gpu: dict[str, float] = field(default_factory=dict)

    @property
    def gpu_total(self) -> float:
        return sum(self.gpu_cost.values())

    @property
    def capex_by_gpu(self) -> dict[str, float]:
        factor = self.server_overhead * (1.0 + network_part(self.network_fraction))
        return {gpu: cost * factor for gpu, cost in self.gpu_cost.items()}

    @property
    def capex_total(self) -> float:
        return sum(self.capex_by_gpu.values())

    @property
    def capex_plus_energy(self) -> float:
        """Capital spending plus the electricity counted (0 unless asked for): not a full cost
        of ownership, which would add staff, upkeep and buildings."""
        return self.capex_total + self.operating_cost

    def times(self, claim: float) -> float:
        """How many times ``claim`` (e.g. the $5.6M training claim) the fleet's spending is."""
        return self.capex_plus_energy / check_input("claim", claim)


def fleet_capex(
    lines: Sequence[FleetLine], server_overhead: float, network_fraction: float = 0.0
) -> FleetResult:
    """Capital spending on a fleet: sum of count x unit price, times server and network overhead.

    ``server_overhead`` is server cost / GPU price (Epoch: 1.64); ``network_fraction`` is the
    cluster network's share of the total (Epoch: 0.19; 0 for servers only).

    10,000 A100s at $10,000 and 10,000 H100s at $25,000, servers only:

    >>> lines = [FleetLine("A100", 10_000, 10_000), FleetLine("H100", 10_000, 25_000)]
    >>> fleet = fleet_capex(lines, 1.64)
    >>> fleet.gpu_total, round(fleet.capex_total)
    (350000000.0, 574000000)
    """
    if not lines:
        raise ValueError("a fleet needs at least one GPU type")
    overhead = check_input("server overhead", server_overhead)
    share = check_input("network share", network_fraction, allow_zero=True, upper=0.9)
    costs: dict[str, float] = {}
    for line in lines:
        costs[line.gpu] = costs.get(line.gpu, 0.0) + line.count * line.unit_price
    result = FleetResult(costs, overhead, share)
    _finite("fleet capex", result.capex_total)
    return result


@dataclass(frozen=True, kw_only=True)
class PowerAssumptions(EnergyUse):
    """Running a fleet: power per GPU as a server, data-centre overhead, price and years."""

    years: float

    def __post_init__(self) -> None:
        check_input("years of operation", self.years)
        super().__post_init__()


def fleet_energy_cost(lines: Sequence[FleetLine], power: PowerAssumptions) -> dict[str, float]:
    """Electricity to run each GPU type of a fleet for ``power.years`` (USD).

    10,000 H800s (700 W) for 4 years at Epoch's values (1.8 x 0.75 x PUE 1.25, $0.0771/kWh):

    >>> power = PowerAssumptions(
    ...     years=4, server_power_factor=1.8, power_fraction=0.75, pue=1.25, energy_price_kwh=0.0771
    ... )
    >>> energy = fleet_energy_cost([FleetLine("H800", 10_000, 30_000)], power)
    >>> round(energy["H800"] / 1e6, 1)
    31.9
    """
    hours = power.years * HOURS_PER_YEAR
    out: dict[str, float] = {}
    for line in lines:
        cost = line.count * power.cost_per_hour(line.tdp_watts) * hours
        out[line.gpu] = out.get(line.gpu, 0.0) + cost
    return out


def fleet_with_operations(
    lines: Sequence[FleetLine],
    server_overhead: float,
    network_fraction: float,
    power: PowerAssumptions,
) -> FleetResult:
    """:func:`fleet_capex` plus the electricity to run the fleet (``power``).

    10,000 H800s at $30,000, servers at 1.4x, run for 4 years at Epoch's power values:

    >>> power = PowerAssumptions(
    ...     years=4, server_power_factor=1.8, power_fraction=0.75, pue=1.25, energy_price_kwh=0.0771
    ... )
    >>> f = fleet_with_operations([FleetLine("H800", 10_000, 30_000)], 1.4, 0.0, power)
    >>> (
    ...     round(f.capex_total / 1e6),
    ...     round(f.operating_cost / 1e6, 1),
    ...     round(f.capex_plus_energy / 1e6),
    ... )
    (420, 31.9, 452)
    """
    base = fleet_capex(lines, server_overhead, network_fraction)
    energy = fleet_energy_cost(lines, power)
    return FleetResult(
        gpu_cost=base.gpu_cost,
        server_overhead=base.server_overhead,
        network_fraction=base.network_fraction,
        operating_cost=sum(energy.values()),
        operating_cost_by_gpu=energy,
    )
