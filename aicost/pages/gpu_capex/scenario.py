"""/gpu-capex's computation: the fleet's capex (and electricity). No streamlit import."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from aicost.base import model, montecarlo
from aicost.base.data import Tables
from aicost.base.gpus import (
    FLEET_GPUS,
    IntervalItems,
    fleet_names,
    gpu_spec,
    price_intervals,
)
from aicost.inputs import assumptions as asm

PAGE = "gpu-capex"


@dataclass(frozen=True)
class FleetInputs:
    """/gpu-capex's assumptions in model units: a count and a unit price per GPU type of
    :data:`~aicost.base.gpus.FLEET_GPUS`, the overheads and the electricity."""

    a100_n: float
    a100_usd: float
    h800_n: float
    h800_usd: float
    h100_n: float
    h100_usd: float
    h20_n: float
    h20_usd: float
    srv: float
    net: float
    opex: bool
    years: float
    fleet_pue: float
    fleet_kwh: float

    def count(self, gpu: str) -> float:
        """How many GPUs of this type the fleet has."""
        return float(getattr(self, fleet_names(gpu)[0]))

    def price(self, gpu: str) -> float:
        """What one GPU of this type costs (USD)."""
        return float(getattr(self, fleet_names(gpu)[1]))

    @property
    def gpus(self) -> float:
        """How many GPUs the fleet has in all."""
        return sum(self.count(gpu) for gpu in FLEET_GPUS)


def inputs(tables: Tables, values: asm.Values | None = None) -> FleetInputs:
    """The page's inputs: its sourced defaults in ``tables``, with ``values`` (display units)
    in their place.

    >>> inputs(tables, {"a100_n": 0}).gpus
    50000.0
    """
    return asm.typed(FleetInputs, asm.model_values(PAGE, tables, values))


def fleet(v: FleetInputs, tables: Tables) -> model.FleetResult:
    """The GPU-capex page's fleet: count x unit price per type, overheads, optional power.

    At the sourced defaults (SemiAnalysis' mix plus the article's A100s):

    >>> f = fleet(inputs(tables), tables)
    >>> f.gpu_total > 500e6, 1.3e9 <= f.capex_total <= 1.6e9
    (True, True)
    """
    lines = fleet_lines(v, tables)
    if sum(line.count for line in lines) <= 0:
        raise ValueError("the fleet has no GPUs; set at least one count above zero")
    if v.opex:
        power = model.PowerAssumptions(
            years=v.years,
            server_power_factor=tables.value("epoch_chip_to_server_power"),
            power_fraction=tables.value("epoch_power_tdp_fraction"),
            pue=v.fleet_pue,
            energy_price_kwh=v.fleet_kwh,
        )
        return model.fleet_with_operations(lines, v.srv, v.net, power)
    return model.fleet_capex(lines, v.srv, v.net)


def fleet_lines(v: FleetInputs, tables: Tables) -> list[model.FleetLine]:
    """The fleet's GPU types: count and unit price from the assumptions, TDP from gpus.csv."""
    return [
        model.FleetLine(
            gpu,
            v.count(gpu),
            v.price(gpu),
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


def fleet_range(v: FleetInputs, tables: Tables) -> montecarlo.Distribution:
    """The fleet's capex (GPUs with servers and network) across 10,000 seeded draws.

    >>> fleet_range(inputs(tables), tables).band()
    '80% range (P10–P90): $1.17B–$2.37B'
    """
    lines = tuple(line for line in fleet_lines(v, tables) if line.count > 0)
    return _fleet_range(lines, v.srv, v.net, price_intervals(tables))
