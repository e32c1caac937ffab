"""Monte Carlo and tornado: seeded, accurate against a million draws, fast, and sourced."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from aicost import model
from aicost import montecarlo as mc
from aicost.model import FleetLine, OwnershipAssumptions

V3_HOURS = 2_788_000
EPOCH_H800 = OwnershipAssumptions(gpu_price=44_750, amortization_years=3.1)
FLEET = (
    FleetLine("A100", 10_000, 10_000, 400),
    FleetLine("H800", 10_000, 33_800, 700),
    FleetLine("H100", 10_000, 25_000, 700),
    FleetLine("H20", 30_000, 12_000, 400),
)


def test_inverse_normal_cdf_matches_the_standard_library():
    p = np.concatenate([np.linspace(1e-10, 0.03, 200), np.linspace(0.03, 0.97, 500),
                        np.linspace(0.97, 1 - 1e-10, 200)])  # fmt: skip
    reference = np.array([statistics.NormalDist().inv_cdf(float(x)) for x in p])
    assert np.max(np.abs(mc.norm_ppf(p) - reference)) < 1e-8


def test_a_lognormal_fitted_to_a_90_percent_interval_has_those_ends():
    iv = mc.Interval("factor", 0.5, 2.0)
    m = mc.Model("one input", "x", (mc.Input("f", "factor", iv),), lambda x: x.get("f", 1.0))
    d = mc.simulate(m, n=200_000, seed=3)
    assert d.percentile(5) == pytest.approx(0.5, rel=0.01)
    assert d.percentile(95) == pytest.approx(2.0, rel=0.01)
    assert d.p50 == pytest.approx(1.0, rel=0.005)


def test_same_seed_same_draws_other_seed_other_draws():
    a = mc.training_cost_distribution(V3_HOURS, EPOCH_H800, multiplier=2.0, seed=7)
    b = mc.training_cost_distribution(V3_HOURS, EPOCH_H800, multiplier=2.0, seed=7)
    c = mc.training_cost_distribution(V3_HOURS, EPOCH_H800, multiplier=2.0, seed=8)
    assert np.array_equal(a.samples, b.samples)
    assert (a.p10, a.p50, a.p90) == (b.p10, b.p50, b.p90)
    assert not np.array_equal(a.samples, c.samples)


def test_at_least_ten_thousand_draws_by_default():
    assert mc.N_DRAWS >= 10_000
    assert mc.training_cost_distribution(V3_HOURS, 2.0).n == mc.N_DRAWS
    assert mc.fleet_capex_distribution(FLEET, 1.64).n == mc.N_DRAWS


@pytest.mark.parametrize(
    "build",
    [
        lambda: mc.training_cost_model(V3_HOURS, 2.0),
        lambda: mc.training_cost_model(V3_HOURS, EPOCH_H800, multiplier=2.0),
        lambda: mc.fleet_capex_model(FLEET, 1.64, 0.19),
    ],
    ids=["rental", "owned-with-research", "fleet"],
)
@pytest.mark.parametrize("seed", [mc.SEED, 1, 2])
def test_median_is_within_one_percent_of_a_million_draw_reference(build, seed):
    m = build()
    reference = mc.simulate(m, n=1_000_000, seed=12345).p50
    assert mc.simulate(m, seed=seed).p50 == pytest.approx(reference, rel=0.01)


def test_point_values_are_the_cost_model():
    rental = mc.training_cost_model(V3_HOURS, 2.0)
    assert rental.point == model.rental_cost(V3_HOURS, 2.0) == 5_576_000
    owned = mc.training_cost_model(V3_HOURS, EPOCH_H800, multiplier=2.5)
    rate = model.ownership_rate(EPOCH_H800).total
    assert owned.point == pytest.approx(V3_HOURS * rate * 2.5, rel=1e-12)
    fleet = mc.fleet_capex_model(FLEET, 1.64, 0.19)
    assert fleet.point == pytest.approx(model.fleet_capex(FLEET, 1.64, 0.19).capex_total)


def test_a_run_without_research_does_not_vary_the_multiplier():
    keys = [i.key for i in mc.training_cost_model(V3_HOURS, EPOCH_H800).inputs]
    assert "multiplier" not in keys and "rental_price" not in keys
    assert [i.key for i in mc.training_cost_model(V3_HOURS, 2.0, multiplier=3).inputs] == [
        "rental_price",
        "multiplier",
    ]


def test_physical_bounds_hold_in_every_draw():
    # Average power drawn far above the TDP must stop at the TDP; PUE far below 1 stops at 1.
    wide = {
        **mc.DEFAULT_INTERVALS,
        "power_tdp": mc.Interval("Average power / TDP", 5.0, 10.0),
        "pue": mc.Interval("PUE", 0.01, 0.05),
    }
    a = OwnershipAssumptions(gpu_price=44_750, amortization_years=3.1)
    m = mc.training_cost_model(1.0, a, intervals=wide)
    bounded = model.ownership_rate(
        OwnershipAssumptions(gpu_price=44_750, amortization_years=3.1, power_fraction=1.0, pue=1.0)
    )
    only_bounds = mc.Model(
        "bounded inputs", "USD",
        (mc.Input("power_tdp", "p", wide["power_tdp"]), mc.Input("pue", "pue", wide["pue"])),
        m.fn,
    )  # fmt: skip
    samples = mc.simulate(only_bounds).samples
    assert samples == pytest.approx(np.full(samples.size, bounded.total), rel=1e-12)


def test_the_tornado_ranks_first_an_input_built_to_dominate():
    inputs = (
        mc.Input("small", "Small input", mc.Interval("small", 0.5, 2.0)),
        mc.Input("big", "Dominant input", mc.Interval("big", 0.9, 1.1)),
        mc.Input("medium", "Medium input", mc.Interval("medium", 0.8, 1.25)),
    )

    def fn(x):
        return 1.0 * x.get("small", 1.0) + 100.0 * x.get("big", 1.0) + 10.0 * x.get("medium", 1.0)

    swings = mc.tornado(mc.Model("constructed", "USD", inputs, fn))
    assert [s.key for s in swings] == ["big", "medium", "small"]
    assert swings[0].low_output == pytest.approx(1 + 90 + 10)
    assert swings[0].high_output == pytest.approx(1 + 110 + 10)
    assert swings[0].swing == pytest.approx(20.0)


def test_the_tornado_follows_a_wide_interval_in_the_cost_model():
    wide = {**mc.DEFAULT_INTERVALS, "multiplier": mc.Interval("Research", 1.0, 50.0)}
    m = mc.training_cost_model(V3_HOURS, EPOCH_H800, multiplier=2.0, intervals=wide)
    swings = mc.tornado(m)
    assert swings[0].key == "multiplier"
    assert swings[0].high_output == pytest.approx(m.point * 50.0)
    assert [s.swing for s in swings] == sorted((s.swing for s in swings), reverse=True)


def test_default_intervals_are_the_data_rows(tables):
    from_data = mc.intervals_from_tables(tables)
    assert from_data.keys() == mc.DEFAULT_INTERVALS.keys()
    for key, iv in from_data.items():
        assert (iv.low, iv.high) == pytest.approx(
            (mc.DEFAULT_INTERVALS[key].low, mc.DEFAULT_INTERVALS[key].high)
        ), key
    # Epoch's 90% intervals, as factors of Epoch's point values.
    assert (from_data["hardware_price"].low, from_data["hardware_price"].high) == (0.5, 2.0)
    server = from_data["server_overhead"]
    assert server.low * tables.value("epoch_server_overhead") == pytest.approx(
        tables.value("epoch_server_overhead_ci_low")
    )
    assert from_data["multiplier"].high == pytest.approx(
        tables.value("lambert_experiment_multiplier_high")
        / tables.value("lambert_experiment_multiplier")
    )


def test_the_rental_price_interval_spans_all_but_the_hyperscalers_list_prices(tables):
    iv = mc.DEFAULT_INTERVALS["rental_price"]
    price = tables.value("v3_rental_price_assumption")
    low, high = price * iv.low, price * iv.high
    prices = tables["prices"]
    hopper = prices[
        (prices["kind"] == "rental")
        & prices["gpu"].isin(["H100", "H800"])
        & prices["date"].str[:4].isin(["2024", "2025"])
        & ~prices["provider"].str.contains("assumption")
    ]
    outside = hopper[(hopper["value"] < low) | (hopper["value"] > high)]
    assert len(hopper) >= 8
    assert len(outside) < len(hopper) / 3
    assert outside["provider"].str.contains("AWS|Google").all(), outside["provider"].tolist()


def test_histogram_is_binned_on_the_server():
    d = mc.training_cost_distribution(V3_HOURS, EPOCH_H800, multiplier=2.0)
    h = mc.histogram(d, bins=40)
    assert len(h.counts) == 40 and len(h.edges) == 41
    assert int(h.counts.sum()) + h.below + h.above == d.n
    assert h.below + h.above <= 0.011 * d.n
    assert np.all(np.diff(h.edges) > 0)
    assert h.shares.sum() == pytest.approx(1 - (h.below + h.above) / d.n)


def test_band_caption():
    d = mc.training_cost_distribution(V3_HOURS, 2.0)
    assert d.band().startswith("80% range (P10–P90): $")
    assert d.p10 < d.point < d.p90


@pytest.mark.parametrize(
    "call",
    [
        lambda: mc.training_cost_model(0, 2.0),
        lambda: mc.training_cost_model(V3_HOURS, float("nan")),
        lambda: mc.training_cost_model(V3_HOURS, 2.0, multiplier=0.5),
        lambda: mc.fleet_capex_model([], 1.64),
        lambda: mc.fleet_capex_model([FleetLine("H800", 0, 30_000)], 1.64),
        lambda: mc.simulate(mc.training_cost_model(V3_HOURS, 2.0), n=1),
        lambda: mc.Interval("bad", 2.0, 1.0),
    ],
)
def test_bad_inputs_raise_value_error(call):
    with pytest.raises(ValueError):
        call()
