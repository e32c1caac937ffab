"""The cost model against its reference values, computed from the real data rows."""

from __future__ import annotations

import math

import pytest

from aicost.base import model
from aicost.base.model import FleetLine, OwnershipAssumptions

#: Epoch AI's H800 inputs besides price and write-off (data/figures.csv's epoch_* rows).
EPOCH_H800_REST = {
    "interconnect_fraction": 0.19,
    "tdp_watts": 700.0,
    "server_power_factor": 1.8,
    "power_fraction": 0.75,
    "pue": 1.25,
    "energy_price_kwh": 0.0771,
}
#: The inputs of a GPU's energy use (model.EnergyUse), shared by ownership and a fleet's power.
ENERGY = ("server_power_factor", "power_fraction", "pue", "energy_price_kwh")


def test_rental_route_reproduces_v3_table_1(tables):
    hours = {
        "pre-training": tables.value("v3_gpu_hours_pretraining"),
        "context extension": tables.value("v3_gpu_hours_context_ext"),
        "post-training": tables.value("v3_gpu_hours_posttraining"),
    }
    run = model.rental_run(hours, tables.value("v3_rental_price_assumption"))
    assert run.phase_costs == {
        "pre-training": tables.value("v3_cost_pretraining"),
        "context extension": tables.value("v3_cost_context_ext"),
        "post-training": tables.value("v3_cost_posttraining"),
    }
    assert run.phase_costs == {
        "pre-training": 5_328_000,
        "context extension": 238_000,
        "post-training": 10_000,
    }
    assert run.gpu_hours == 2_788_000
    assert run.cost == tables.value("v3_cost_total") == 5_576_000


def test_six_n_d(tables):
    flop = model.training_flop(tables.value("v3_active_params"), tables.value("v3_training_tokens"))
    assert flop == pytest.approx(3.2856e24, rel=1e-12)
    assert flop == pytest.approx(tables.value("v3_flops_6nd_derived"), rel=1e-9)


def test_implied_mfu_against_fp8_and_bf16_peaks(tables):
    flop = model.training_flop(37e9, 14.8e12)
    hours = tables.value("v3_gpu_hours_pretraining")
    fp8 = model.implied_mfu(flop, hours, tables.value("h800_fp8_dense") * 1e12)
    bf16 = model.implied_mfu(flop, hours, tables.value("h800_bf16_dense") * 1e12)
    assert fp8 == pytest.approx(0.1731, abs=5e-4)
    assert bf16 == pytest.approx(0.3464, abs=5e-4)
    assert bf16 / fp8 == pytest.approx(2.0, rel=2e-3)


def test_compute_route_inverts_implied_mfu():
    flop = model.training_flop(37e9, 14.8e12)
    mfu = model.implied_mfu(flop, 2_664_000, 1979e12)
    assert model.gpu_hours_for_flop(flop, 1979e12, mfu) == pytest.approx(2_664_000)


def test_wall_clock_days():
    assert model.wall_clock_days(2_664_000, 2048) == pytest.approx(54.199, abs=1e-3)
    assert model.wall_clock_days(2_788_000, 2048) == pytest.approx(56.72, abs=1e-2)


def test_ownership_route_matches_epoch_worked_example(tables):
    rate = model.ownership_rate(
        OwnershipAssumptions(
            gpu_price=tables.value("h800_dgx_per_gpu"),
            amortization_years=model.epoch_amortization_years(
                tables.value("epoch_depreciation_ooms")
            ),
            server_overhead=1.0,
            interconnect_fraction=tables.value("epoch_interconnect_fraction"),
            tdp_watts=tables.value("h800_tdp"),
            server_power_factor=tables.value("epoch_chip_to_server_power"),
            power_fraction=tables.value("epoch_power_tdp_fraction"),
            pue=tables.value("epoch_pue_nonhyperscaler"),
            energy_price_kwh=tables.value("epoch_energy_price_2024"),
        )
    )
    assert rate.hardware == pytest.approx(1.646, abs=1e-3)
    assert rate.interconnect == pytest.approx(0.386, abs=1e-3)
    assert rate.energy == pytest.approx(0.091, abs=1e-3)
    assert rate.total == pytest.approx(2.12, abs=0.005)
    assert rate.total * tables.value("v3_gpu_hours_total") == pytest.approx(5.9e6, rel=0.01)


def test_cluster_upfront_cost_matches_epoch_worked_example(tables):
    cost = model.cluster_upfront_cost(
        tables.value("v3_cluster_gpus"),
        tables.value("h800_dgx_per_gpu"),
        server_overhead=1.0,
        interconnect_fraction=tables.value("epoch_interconnect_fraction"),
    )
    assert cost == pytest.approx(113e6, rel=0.005)


def _purchase_default(tables, gpu: str) -> float:
    prices = tables["prices"]
    row = prices[(prices["gpu"] == gpu) & (prices["kind"] == "purchase") & prices["is_default"]]
    assert len(row) == 1, gpu
    return float(row["value"].iloc[0])


def test_semianalysis_like_fleet_lands_in_their_range(tables):
    hoppers = tables.value("semianalysis_hopper_gpus")
    counts = {
        "A100": tables.value("semianalysis_a100_2021"),
        "H800": tables.value("semianalysis_h800_count"),
        "H100": tables.value("semianalysis_h100_count"),
    }
    counts["H20"] = hoppers - counts["H800"] - counts["H100"]
    lines = [FleetLine(gpu, n, _purchase_default(tables, gpu)) for gpu, n in counts.items()]
    # SemiAnalysis' own server/GPU ratio; with Epoch's 1.64 the same fleet comes to $1.72B.
    fleet = model.fleet_capex(
        lines, server_overhead=tables.value("semianalysis_server_overhead_implied")
    )
    assert fleet.gpu_total > tables.value("semianalysis_gpu_investment") == 500e6
    low = tables.value("semianalysis_table_capex_critic")
    high = tables.value("semianalysis_server_capex")
    assert (low, high) == (1.3e9, 1.6e9)
    assert low <= fleet.capex_total <= high


def test_fleet_network_share_and_energy():
    lines = [FleetLine("H800", 10_000, 30_000, 700)]
    plain = model.fleet_capex(lines, 1.64, 0.0)
    with_net = model.fleet_capex(lines, 1.64, 0.19)
    assert with_net.capex_total == pytest.approx(plain.capex_total / 0.81)
    power = model.PowerAssumptions(years=1, **{k: EPOCH_H800_REST[k] for k in ENERGY})
    energy = model.fleet_energy_cost(lines, power)
    kwh = 10_000 * 0.7 * 1.8 * 0.75 * 1.25 * model.HOURS_PER_YEAR
    assert energy["H800"] == pytest.approx(kwh * 0.0771)


@pytest.mark.parametrize("bad", [0.0, -1.0, math.nan, math.inf, -math.inf, "abc", None])
def test_bad_inputs_raise_value_error_naming_the_input(bad):
    with pytest.raises(ValueError, match="price per GPU-hour"):
        model.rental_cost(1000, bad)
    with pytest.raises(ValueError, match="active parameters"):
        model.training_flop(bad, 1e12)
    with pytest.raises(ValueError, match="MFU"):
        model.gpu_hours_for_flop(1e24, 1e15, bad)
    with pytest.raises(ValueError, match="GPU price"):
        OwnershipAssumptions(gpu_price=bad, amortization_years=3, **EPOCH_H800_REST)
    with pytest.raises(ValueError, match="number of GPUs"):
        model.wall_clock_days(1000, bad)
    with pytest.raises(ValueError, match="unit price of H20"):
        FleetLine("H20", 10, bad)


def test_out_of_range_inputs_raise():
    with pytest.raises(ValueError, match="MFU must be at most 1"):
        model.gpu_hours_for_flop(1e24, 1e15, 1.5)
    with pytest.raises(ValueError, match="PUE must be at least 1.0"):
        model.PowerAssumptions(years=4, **{k: EPOCH_H800_REST[k] for k in ENERGY} | {"pue": 0.9})
    with pytest.raises(ValueError, match="at least one"):
        model.fleet_capex([], 1.64)
    with pytest.raises(ValueError, match="overflow"):
        model.training_flop(1e200, 1e200)


def test_zero_counts_are_allowed_in_a_fleet():
    fleet = model.fleet_capex([FleetLine("A100", 0, 10_000), FleetLine("H20", 5, 12_000)], 1.64)
    assert fleet.gpu_total == 60_000
