"""/gpu-capex's computation: the fleet's capex (and electricity). No streamlit import."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

from aicost.base import model, montecarlo
from aicost.base.data import Tables
from aicost.base.gpus import (
    FLEET_GPUS,
    IntervalItems,
    gpu_spec,
    price_intervals,
)


def fleet(v: Mapping[str, float | bool | str], tables: Tables) -> model.FleetResult:
    """The GPU-capex page's fleet: count x unit price per type, overheads, optional power.

    At the sourced defaults (SemiAnalysis' mix plus the article's A100s):

    >>> from aicost.inputs.assumptions import defaults, to_model
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

    >>> from aicost.inputs.assumptions import defaults, to_model
    >>> fleet_range(to_model(defaults("gpu-capex", tables), "gpu-capex"), tables).band()
    '80% range (P10–P90): $1.17B–$2.37B'
    """
    lines = tuple(line for line in fleet_lines(v, tables) if line.count > 0)
    return _fleet_range(lines, float(v["srv"]), float(v["net"]), price_intervals(tables))
