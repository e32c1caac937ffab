"""Monte Carlo and tornado: seeded, accurate against a million draws, fast, and sourced."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from aicost.base import model
from aicost.base import montecarlo as mc
from aicost.base.data import Tables, load_all
from aicost.base.gpus import epoch_ownership
from aicost.base.model import FleetLine
from aicost.pages.gpu_capex import scenario as capex
from aicost.pages.training_cost import scenario as training
from tests.conftest import DATA

V3_HOURS = 2_788_000
#: Epoch AI's worked example: an H800 at its DGX per-GPU price, the rest from the data.
EPOCH_H800 = epoch_ownership(load_all(DATA), "H800", 44_750, 0.14)
FLEET = (
    FleetLine("A100", 10_000, 10_000, 400),
    FleetLine("H800", 10_000, 33_800, 700),
    FleetLine("H100", 10_000, 25_000, 700),
    FleetLine("H20", 30_000, 12_000, 400),
)


@pytest.fixture(scope="module")
def iv(tables):
    """The Monte Carlo's 90% intervals, read from the shipped data."""
    return mc.intervals_from_tables(tables)


def test_standard_draws_are_one_per_stratum_and_mirrored():
    n = 1_000
    z = mc._standard_draws(5, n, 3)
    assert z.shape == (3, n) and not z.flags.writeable
    for row in z:
        first, mirror = row[: n // 2], row[n // 2 :]
        strata = np.floor(np.array([mc.NORMAL.cdf(float(x)) for x in first]) * (n // 2))
        assert sorted(strata) == list(range(n // 2)), "one draw in each equal-probability stratum"
        assert np.array_equal(mirror, -first)
    assert not np.array_equal(z[0], z[1]), "each input is shuffled independently"


def test_a_lognormal_fitted_to_a_90_percent_interval_has_those_ends():
    iv = mc.Interval("factor", 0.5, 2.0)
    m = mc.Model("one input", "x", (mc.Input("f", "factor", iv),), lambda x: x.get("f", 1.0))
    d = mc.simulate(m, n=200_000, seed=3)
    assert d.percentile(5) == pytest.approx(0.5, rel=0.01)
    assert d.percentile(95) == pytest.approx(2.0, rel=0.01)
    assert d.p50 == pytest.approx(1.0, rel=0.005)


def test_same_seed_same_draws_other_seed_other_draws(iv):
    def draw(seed):
        return mc.training_cost_distribution(
            V3_HOURS, EPOCH_H800, intervals=iv, multiplier=2.0, seed=seed
        )

    a, b, c = draw(7), draw(7), draw(8)
    assert np.array_equal(a.samples, b.samples)
    assert (a.p10, a.p50, a.p90) == (b.p10, b.p50, b.p90)
    assert not np.array_equal(a.samples, c.samples)


def gpu_capex_defaults(tables):
    return capex.inputs(tables)


@pytest.mark.parametrize("end", ["p10", "p90"])
def test_the_pages_ranges_are_within_two_percent_of_a_million_draws(tables, iv, end):
    # What the pages print as "80% range": with too few draws by default its ends would wobble.
    run = training.training(training.inputs(tables), tables)
    shown = training.training_range(run)
    reference = mc.training_cost_distribution(
        run.gpu_hours, run.price_per_gpu_hour, intervals=iv, n=1_000_000, seed=12345
    )
    assert shown.n == mc.N_DRAWS
    assert getattr(shown, end) == pytest.approx(getattr(reference, end), rel=0.02)
    v = gpu_capex_defaults(tables)
    fleet = capex.fleet_range(v, tables)
    lines = [line for line in capex.fleet_lines(v, tables) if line.count > 0]
    reference = mc.fleet_capex_distribution(
        lines, v.srv, v.net, intervals=iv, n=1_000_000, seed=12345
    )
    assert fleet.n == mc.N_DRAWS
    assert getattr(fleet, end) == pytest.approx(getattr(reference, end), rel=0.02)


def test_the_ranges_read_their_intervals_from_the_data(tables):
    frames = {name: frame.copy() for name, frame in tables.frames.items()}
    figures = frames["figures"]
    figures.loc[figures["id"] == "epoch_hardware_price_ci_high", "value"] = 4.0
    figures.loc[figures["id"] == "epoch_server_overhead_ci_high", "value"] = 3.28
    wider = Tables(frames)
    assert mc.intervals_from_tables(wider)["rental_price"].high == 4.0
    assert mc.intervals_from_tables(wider)["server_overhead"].high == pytest.approx(2.0)
    v = training.inputs(tables)
    before = training.training_range(training.training(v, tables))
    after = training.training_range(training.training(v, wider))
    assert after.p90 > before.p90 * 1.2 and after.point == before.point
    fleet_v = gpu_capex_defaults(tables)
    assert capex.fleet_range(fleet_v, wider).p90 > capex.fleet_range(fleet_v, tables).p90


@pytest.mark.parametrize(
    "build",
    [
        lambda iv: mc.training_cost_model(V3_HOURS, 2.0, intervals=iv),
        lambda iv: mc.training_cost_model(V3_HOURS, EPOCH_H800, intervals=iv, multiplier=2.0),
        lambda iv: mc.fleet_capex_model(FLEET, 1.64, 0.19, intervals=iv),
    ],
    ids=["rental", "owned-with-research", "fleet"],
)
@pytest.mark.parametrize("seed", [mc.SEED, 1, 2])
def test_median_is_within_one_percent_of_a_million_draw_reference(build, seed, iv):
    m = build(iv)
    reference = mc.simulate(m, n=1_000_000, seed=12345).p50
    assert mc.simulate(m, seed=seed).p50 == pytest.approx(reference, rel=0.01)


def test_point_values_are_the_cost_model(iv):
    rental = mc.training_cost_model(V3_HOURS, 2.0, intervals=iv)
    assert rental.point == model.rental_cost(V3_HOURS, 2.0) == 5_576_000
    owned = mc.training_cost_model(V3_HOURS, EPOCH_H800, intervals=iv, multiplier=2.5)
    rate = model.ownership_rate(EPOCH_H800).total
    assert owned.point == pytest.approx(V3_HOURS * rate * 2.5, rel=1e-12)
    # a factor moves the part of the owner's rate it names, by model.ownership_rate's formula
    dearer = replace(EPOCH_H800, gpu_price=2 * EPOCH_H800.gpu_price, pue=1.2 * EPOCH_H800.pue)
    factors = {"hardware_price": 2.0, "pue": 1.2}
    assert mc.ownership_rate_model(EPOCH_H800)(factors) == pytest.approx(
        model.ownership_rate(dearer).total, rel=1e-12
    )
    fleet = mc.fleet_capex_model(FLEET, 1.64, 0.19, intervals=iv)
    assert fleet.point == pytest.approx(model.fleet_capex(FLEET, 1.64, 0.19).capex_total)


def test_a_run_without_research_does_not_vary_the_multiplier(iv):
    keys = [i.key for i in mc.training_cost_model(V3_HOURS, EPOCH_H800, intervals=iv).inputs]
    assert "multiplier" not in keys and "rental_price" not in keys
    research = mc.training_cost_model(V3_HOURS, 2.0, intervals=iv, multiplier=3)
    assert [i.key for i in research.inputs] == [
        "rental_price",
        "multiplier",
    ]


def test_physical_bounds_hold_in_every_draw(iv):
    # Average power drawn far above the TDP must stop at the TDP; PUE far below 1 stops at 1.
    wide = {
        **iv,
        "power_tdp": mc.Interval("Average power / TDP", 5.0, 10.0),
        "pue": mc.Interval("PUE", 0.01, 0.05),
    }
    m = mc.training_cost_model(1.0, EPOCH_H800, intervals=wide)
    bounded = model.ownership_rate(replace(EPOCH_H800, power_fraction=1.0, pue=1.0))
    inputs = (mc.Input("power_tdp", "p", wide["power_tdp"]), mc.Input("pue", "pue", wide["pue"]))
    only_bounds = mc.Model("bounded inputs", "USD", inputs, m.fn)
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


def test_the_tornado_follows_a_wide_interval_in_the_cost_model(iv):
    wide = {**iv, "multiplier": mc.Interval("Research", 1.0, 50.0)}
    m = mc.training_cost_model(V3_HOURS, EPOCH_H800, multiplier=2.0, intervals=wide)
    swings = mc.tornado(m)
    assert swings[0].key == "multiplier"
    assert swings[0].high_output == pytest.approx(m.point * 50.0)
    assert [s.swing for s in swings] == sorted((s.swing for s in swings), reverse=True)


def test_intervals_are_epochs_and_lamberts_rows_as_factors(tables, iv):
    # Epoch's 90% intervals, as factors of Epoch's point values.
    assert (iv["hardware_price"].low, iv["hardware_price"].high) == (0.5, 2.0)
    for key, point in [
        ("server_overhead", "epoch_server_overhead"),
        ("depreciation", "epoch_depreciation_ooms"),
        ("power_tdp", "epoch_power_tdp_fraction"),
        ("pue", "epoch_pue_nonhyperscaler"),
    ]:
        rows = mc.INTERVAL_ROWS[key]
        assert iv[key].source == f"{rows.low}, {rows.high}, {point}"
        low, high = tables.value(rows.low), tables.value(rows.high)
        assert iv[key].low * tables.value(point) == pytest.approx(low), key
        assert iv[key].high * tables.value(point) == pytest.approx(high), key
    # the network's interval is on the overhead 1 / (1 - share), taken on the network's part
    overhead = 1 / (1 - tables.value("epoch_interconnect_fraction"))
    network = iv["interconnect"]
    assert 1 + network.high * (overhead - 1) == pytest.approx(
        tables.value("epoch_interconnect_overhead_ci_high")
    )
    assert iv["multiplier"].high == pytest.approx(
        tables.value("lambert_experiment_multiplier_high")
        / tables.value("lambert_experiment_multiplier")
    )
    assert iv["rental_price"].low == iv["hardware_price"].low


def test_the_rental_price_interval_spans_all_but_the_hyperscalers_list_prices(tables, iv):
    rental = iv["rental_price"]
    price = tables.value("v3_rental_price_assumption")
    low, high = price * rental.low, price * rental.high
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
    assert outside["provider"].str.contains("AWS|Google|Oracle").all(), outside["provider"].tolist()


def test_histogram_is_binned_on_the_server(iv):
    d = mc.training_cost_distribution(V3_HOURS, EPOCH_H800, intervals=iv, multiplier=2.0)
    h = mc.histogram(d, bins=40)
    assert len(h.counts) == 40 and len(h.edges) == 41
    assert int(h.counts.sum()) + h.below + h.above == d.n
    assert h.below + h.above <= 0.011 * d.n
    assert np.all(np.diff(h.edges) > 0)
    assert h.shares.sum() == pytest.approx(1 - (h.below + h.above) / d.n)


def test_band_caption(iv):
    d = mc.training_cost_distribution(V3_HOURS, 2.0, intervals=iv)
    assert d.band().startswith("80% range (P10–P90): $")
    assert d.p10 < d.point < d.p90


@pytest.mark.parametrize(
    "call",
    [
        lambda iv: mc.training_cost_model(0, 2.0, intervals=iv),
        lambda iv: mc.training_cost_model(V3_HOURS, float("nan"), intervals=iv),
        lambda iv: mc.training_cost_model(V3_HOURS, 2.0, intervals=iv, multiplier=0.5),
        lambda iv: mc.fleet_capex_model([], 1.64, intervals=iv),
        lambda iv: mc.fleet_capex_model([FleetLine("H800", 0, 30_000)], 1.64, intervals=iv),
        lambda iv: mc.simulate(mc.training_cost_model(V3_HOURS, 2.0, intervals=iv), n=1),
        lambda iv: mc.Interval("bad", 2.0, 1.0),
    ],
)
def test_bad_inputs_raise_value_error(call, iv):
    with pytest.raises(ValueError):
        call(iv)
