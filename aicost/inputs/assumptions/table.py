"""The one declared table of adjustable inputs, page by page (see :mod:`aicost.inputs.assumptions`).

Each entry is short: its link parameter, label, the :class:`~aicost.inputs.assumptions.spec.Quantity`
it sets and its help, which names its source. Pages that set the same quantity (a rental
price, a PUE) share one, so they cannot drift apart; /gpu-capex's counts and prices are made
from one row per GPU type of :data:`aicost.base.gpus.FLEET_GPUS`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aicost.base.gpus import FLEET_GPUS, fleet_names
from aicost.inputs.assumptions.spec import (
    Assumption,
    Quantity,
    _on,
    choice,
    count,
    number,
    percent,
    slider,
    toggle,
    usd_millions,
)

_EPOCH = "Epoch AI (Cottier et al. 2024) cost method"

# Quantities that several pages let the visitor set.
RENTAL_PRICE = Quantity(
    "USD/GPU-hour",
    0.5,
    10.0,
    0.05,
    "$%.2f",
    source="v3_rental_price_assumption",
    quick=(1.0, 2.0, 2.5, 3.0, 3.5, 5.0),
)
H800_SERVER_PRICE = count("USD/GPU", 5_000, 200_000, 250, source="h800_dgx_per_gpu")
PUE = Quantity("multiplier", 1.0, 2.0, 0.01, "%.2f", source="epoch_pue_nonhyperscaler")
ENERGY_PRICE = Quantity("USD/kWh", 0.01, 0.5, 0.0001, "$%.4f", source="epoch_energy_price_2024")
RATIO = Quantity("multiplier", 1.0, 3.0, 0.01, "%.2f")
SHARE_PRICE = Quantity("USD/share", 1.0, 1000.0, 0.01, "%.2f")
MFU = percent(5.0, 70.0, 0.1, "%.1f%%")

_PUE_HELP = (
    "PUE: a data centre's total power / the computers' power; 1.25 means 25% more for "
    f"cooling and the rest. {_EPOCH}: 1.25 outside the biggest cloud firms"
)
_FP8_HELP = (
    "FP8 and BF16 are number formats (8 and 16 bits); a chip does about twice as many FP8 "
    "operations a second."
)
_BASIS_HELP = (
    f"{_FP8_HELP} The MFU converts with the basis: 17.3% of the H800's FP8 peak is 34.6% of "
    "its BF16 peak, so the basis restates the MFU and never doubles or halves a result."
)
_V3_CLUSTER = "DeepSeek-V3 report: 'a cluster equipped with 2048 NVIDIA H800 GPUs'."


@dataclass(frozen=True)
class _FleetGpu:
    count_source: str
    count_help: str
    price_group: str
    price_step: float
    price_help: str


# /gpu-capex's fleet, one row per GPU type of scenarios.FLEET_GPUS: where its count and its
# unit price come from.
_FLEET = {
    "A100": _FleetGpu(
        "article_a100_count",
        "The article (The Washington Post, January 2025): High-Flyer's supercomputer "
        "'constructed from 10,000 A100' GPUs, bought in 2021.",
        "a100_purchase",
        250,
        "What High-Flyer paid for its 2021 A100s (PCIe cards) is not public. Data release 2 "
        "uses the PCIe card's $15,000 list price (Epoch AI); release 1 used CNBC's 2023 "
        "'roughly $10,000'.",
    ),
    "H800": _FleetGpu(
        "semianalysis_h800_count",
        "SemiAnalysis (2025-01-31): about 10,000 H800s.",
        "h800_purchase",
        100,
        "Reseller listing of one H800 SXM, 2025-02-21 (Epoch AI hardware prices).",
    ),
    "H100": _FleetGpu(
        "semianalysis_h100_count",
        "SemiAnalysis (2025-01-31): about 10,000 H100s.",
        "h100_purchase",
        250,
        "Raymond James (Aug 2023): Nvidia sells H100s for $25,000 to $30,000.",
    ),
    "H20": _FleetGpu(
        "semianalysis_h20_count_derived",
        "SemiAnalysis: about 50,000 Hopper GPUs in all; after 10,000 H800s and 10,000 H100s "
        "the rest are H20s (derived).",
        "h20_purchase",
        250,
        "Nvidia HGX H20, Nov 2023: $10,000 to $13,000 (Epoch AI hardware prices).",
    ),
}
assert tuple(_FLEET) == FLEET_GPUS, "one row per GPU type of the fleet, in its order"


def _fleet_inputs() -> tuple[Assumption, ...]:
    out: list[Assumption] = []
    for gpu, row in _FLEET.items():
        n, usd = fleet_names(gpu)
        gpus = count("GPUs", 0, 1_000_000, 500, source=row.count_source)
        price = count("USD/GPU", 1_000, 100_000, row.price_step, group=row.price_group)
        out += [
            number(n, f"{gpu} count", gpus, row.count_help),
            number(usd, f"{gpu} price (USD)", price, row.price_help),
        ]
    return tuple(out)


def _phase(
    name: str, label: str, row: str, hours: str, low: float = 0, high: float = 100_000
) -> Assumption:
    """The GPU-hours of one phase of V3's training, as DeepSeek's Table 1 reports them."""
    step = 10 if low else 1
    q = count("GPU-hours", low, high, step, source=row, scale=1000)
    help = f"DeepSeek-V3 report, Table 1: {hours} H800 GPU-hours."
    return number(name, f"{label} (thousand GPU-hours)", q, help)


def _close(name: str, day: str, help: str) -> Assumption:
    """Nvidia's closing price on a day around the drop, from its data row."""
    row = {"Fri 24": "nvda_close_2025_01_24", "Mon 27": "nvda_close_2025_01_27"}[day]
    return number(
        name, f"Nvidia close, {day} Jan 2025 (USD)", replace(SHARE_PRICE, source=row), help
    )


ASSUMPTIONS: tuple[Assumption, ...] = (
    *_on(
        "training-cost",
        choice(
            "route",
            "How to price the run",
            ("rental", "compute", "ownership"),
            "rental: GPU-hours x a rental price (DeepSeek's own method). compute: GPU-hours "
            "from 6 x parameters x tokens at a utilisation. ownership: Epoch AI's amortized "
            "hardware + energy per GPU-hour.",
        ),
        slider(
            "price",
            "Price per GPU-hour (USD)",
            RENTAL_PRICE,
            "DeepSeek-V3 report, Table 1: 'assuming the rental price of H800 is $2 per GPU "
            "hour'. 2025 market quotes for H100s ran from about $2 to $12.",
        ),
        _phase("pre", "Pre-training", "v3_gpu_hours_pretraining", "2,664K", 10, 1_000_000),
        _phase("ctx", "Context extension", "v3_gpu_hours_context_ext", "119K"),
        _phase("post", "Post-training", "v3_gpu_hours_posttraining", "5K"),
        toggle(
            "r1",
            "Add R1's RL stage",
            "DeepSeek-R1 (Nature, 2025-09-17): 512 H800s for 198 + 80 hours plus 5K GPU-hours "
            "of SFT data, about 147K GPU-hours ($294K at $2).",
            source="r1_total_gpu_hours_derived",
        ),
        slider(
            "gpus",
            "GPUs in the cluster",
            count("GPUs", 100, 100_000, 1, source="v3_cluster_gpus"),
            f"{_V3_CLUSTER} Sets the wall-clock time, not the cost.",
        ),
        choice(
            "gpu",
            "GPU",
            ("H800", "H100", "A100", "H20"),
            "Peak FLOP/s come from data/gpus.csv (dense, no sparsity).",
        ),
        choice(
            "precision",
            "MFU stated against the peak in",
            ("FP8", "BF16"),
            f"{_BASIS_HELP} V3 trained in FP8, most models in BF16. The A100 has no FP8 "
            "units: its MFU is always stated against its BF16 peak.",
        ),
        slider(
            "mfu",
            "MFU, against the FP8 peak",
            replace(MFU, source="v3_mfu_fp8_derived"),
            "MFU (model FLOP utilisation): the share of the chips' peak speed the run actually "
            "used. 17.3% is what V3's reported hours imply against the H800's dense FP8 peak.",
        ),
        slider(
            "mfu_bf16",
            "MFU, against the BF16 peak",
            replace(MFU, source="v3_mfu_bf16_derived"),
            "MFU (model FLOP utilisation): the share of the chips' peak speed the run actually "
            "used. 34.6% is what V3's reported hours imply against the H800's dense BF16 peak "
            "(Epoch AI's median of 33 known runs: 37.5%).",
        ),
        number(
            "params_b",
            "Active parameters (billions)",
            Quantity("parameters", 1.0, 5000.0, 1.0, "%.1f", "v3_active_params", scale=1e9),
            "DeepSeek-V3: 671B parameters in all, 37B active per token (mixture of experts).",
        ),
        number(
            "tokens_t",
            "Training tokens (trillions)",
            Quantity("tokens", 0.1, 1000.0, 0.1, "%.1f", "v3_training_tokens", scale=1e12),
            "DeepSeek-V3 report: 'pre-train DeepSeek-V3 on 14.8 trillion ... tokens'.",
        ),
        number(
            "own_price",
            "GPU price incl. server (USD per GPU)",
            H800_SERVER_PRICE,
            "H800 per-GPU price from a DGX server price (Epoch AI hardware prices, 2025-02-21).",
        ),
        slider(
            "own_life",
            "Written off over (years)",
            Quantity(
                "years",
                1.0,
                10.0,
                0.01,
                "%.2f",
                "epoch_depreciation_ooms",
                derive="epoch_amortization_years",
            ),
            f"{_EPOCH}: 0.14 orders of magnitude of price-performance a year, written off at "
            "0.14 x ln(10) = 32% a year, i.e. about 3.1 years.",
        ),
        slider(
            "own_srv",
            "Server cost / GPU price",
            replace(RATIO, default=1.0),
            "1.0 because the default price is a DGX per-GPU price that already includes the "
            f"server. {_EPOCH} applies 1.64 to bare-chip prices.",
        ),
        slider(
            "own_ic",
            "Interconnect share of cluster cost",
            percent(0.0, 50.0, 1.0, "%d%%", source="epoch_interconnect_fraction"),
            f"{_EPOCH}: 19% of a cluster's cost.",
        ),
        number(
            "tdp",
            "GPU power, TDP (W)",
            count("W", 100, 2000, 10, source="h800_tdp"),
            "TDP: a chip's rated power draw. H800 (SXM board version): 700 W, as the H100.",
        ),
        slider(
            "spf",
            "Server power / GPU TDP",
            replace(RATIO, step=0.05, source="epoch_chip_to_server_power"),
            f"{_EPOCH}: 1.8 for GPUs without a DGX figure (the H800 falls here).",
        ),
        slider(
            "util",
            "Average power / TDP",
            percent(30.0, 100.0, 1.0, "%d%%", source="epoch_power_tdp_fraction"),
            f"{_EPOCH}: 75% for GPUs.",
        ),
        slider("pue", "Data-centre PUE", PUE, f"{_PUE_HELP} (1.1 for them)."),
        slider(
            "kwh",
            "Electricity (USD per kWh)",
            ENERGY_PRICE,
            f"{_EPOCH}: US industrial average, 2024: $0.0771/kWh.",
        ),
    ),
    *_on(
        "gpu-capex",
        *_fleet_inputs(),
        slider(
            "srv",
            "Server cost / GPU price",
            replace(RATIO, source="semianalysis_server_overhead_implied"),
            "1.4 is the ratio SemiAnalysis' DGX H100 cost breakdown implies (cited by Epoch AI, "
            "whose 90% interval is 1.3 to 2.1); Epoch's point value for bare-chip prices is 1.64.",
        ),
        slider(
            "net",
            "Cluster network share",
            percent(0.0, 40.0, 1.0, "%d%%", default=0.0),
            "0 counts servers only, like SemiAnalysis' 'server CapEx'. Epoch AI's method adds "
            "19% of the cluster's cost for its network.",
        ),
        toggle(
            "opex",
            "Add electricity to run the fleet",
            "Power per GPU from data/gpus.csv x server power 1.8 x 75% average x PUE x price.",
        ),
        slider(
            "years",
            "Years of operation",
            Quantity("years", 1.0, 10.0, 0.5, "%.1f", default=4.0),
            "SemiAnalysis' table labels its operating cost 'TCO (4y ownership)' (as read by a "
            "critic); Epoch AI assumes 4-year server lives for 2021-22 chips.",
        ),
        slider("fleet_pue", "Data-centre PUE", PUE, f"{_PUE_HELP}."),
        slider(
            "fleet_kwh",
            "Electricity (USD per kWh)",
            ENERGY_PRICE,
            f"{_EPOCH}: US industrial average, 2024.",
        ),
    ),
    *_on(
        "market",
        _close("mkt_before", "Fri 24", "Closing price before the drop."),
        _close(
            "mkt_after",
            "Mon 27",
            "Most reports give $118.42; others $118.50, $118.51 or $118.58 (early prints).",
        ),
        number(
            "mkt_shares",
            "Shares outstanding (billions)",
            Quantity(
                "shares", 1.0, 100.0, 0.01, "%.2f", "nvda_shares_implied_589_derived", scale=1e9
            ),
            "24.34 billion is the share count the $589B figure implies; Reuters/LSEG's "
            "$592.7B implies 24.49 billion.",
        ),
    ),
    *_on(
        "compare",
        choice(
            "cmp_basis",
            "Recompute every model by",
            ("rental", "compute"),
            "rental: known GPU-hours x one price. compute: known training FLOP on one GPU at "
            "one MFU, then x the price.",
        ),
        slider(
            "cmp_price",
            "Price per GPU-hour (USD)",
            RENTAL_PRICE,
            "One price for every model; DeepSeek's own assumption is $2 per H800-hour.",
        ),
        choice(
            "cmp_gpu",
            "GPU (compute basis)",
            ("H100", "H800", "A100", "H20"),
            "Peak dense FLOP/s from data/gpus.csv.",
        ),
        choice(
            "cmp_precision",
            "MFU stated against the peak in",
            ("BF16", "FP8"),
            f"{_BASIS_HELP} Most of these models trained in BF16; DeepSeek-V3 in FP8. The "
            "A100 has no FP8 units: its MFU is always stated against its BF16 peak.",
        ),
        slider(
            "cmp_mfu",
            "MFU against the FP8 peak (compute basis)",
            replace(MFU, source="v3_mfu_fp8_derived"),
            "MFU: the share of the chips' peak speed a run actually uses. 17.3% is what V3's "
            "reported hours imply against the H800's dense FP8 peak.",
        ),
        slider(
            "cmp_mfu_bf16",
            "MFU against the BF16 peak (compute basis)",
            replace(MFU, source="v3_mfu_bf16_derived"),
            "MFU: the share of the chips' peak speed a run actually uses. 34.6% is what V3's "
            f"reported hours imply against the H800's dense BF16 peak; {_EPOCH}: median of 33 "
            "known runs, 37.5%.",
        ),
    ),
    *_on(
        "reconcile",
        slider(
            "rec_r1_gpus",
            "Step 1: H800s used for R1's RL stage",
            count("GPUs", 64, 2048, 8, source="r1_rl_gpus"),
            "Nature supplement via Reuters and The Register: 512 H800s (64 x 8) for 198 h "
            "(R1-Zero) + 80 h (R1), plus 5K GPU-hours of SFT data. Some Chinese reports say 648.",
        ),
        slider(
            "rec_price",
            "Steps 1-2: rental price per GPU-hour",
            RENTAL_PRICE,
            "DeepSeek-V3 report, Table 1: 'assuming the rental price of H800 is $2 per GPU "
            "hour'. Quotes in data/prices.csv run from $1.70 (H100 contracts) to $12.29 (AWS "
            "on-demand); the one H800 quote is $3.42.",
        ),
        number(
            "rec_own_price",
            "Steps 3 and 5: H800 price, server included (USD per GPU)",
            H800_SERVER_PRICE,
            "Epoch AI hardware prices: a DGX H800 listing / 8 (2025-02-21). A bare H800 "
            "was listed at $33,800; Epoch's 90% interval on hardware prices is 0.5x to 2x.",
        ),
        slider(
            "rec_ooms",
            "Step 3: hardware price-performance gain (orders of magnitude a year)",
            Quantity("OOMs/year", 0.05, 0.40, 0.01, "%.2f", "epoch_depreciation_ooms"),
            f"{_EPOCH}: hardware gets 0.14 orders of magnitude cheaper per FLOP a year, so it "
            "is written off at 0.14 x ln(10) = 32% a year (about 3.1 years). 90% interval "
            "0.10 to 0.18.",
        ),
        slider(
            "rec_mult",
            "Step 4: all compute / the final run (x)",
            Quantity("multiplier", 1.0, 10.0, 0.1, "%.1f×", "lambert_experiment_multiplier"),
            "Nathan Lambert (Interconnects, 2025-01-09): pre-training experiments likely took "
            "2-4 times the reported run's compute. The V3 paper's cost excludes 'prior research "
            "and ablation experiments'. 1 counts the final run only.",
        ),
        slider(
            "rec_gpus",
            "Step 5: H800s in the cluster bought",
            count("GPUs", 256, 16_384, 64, source="v3_cluster_gpus"),
            f"{_V3_CLUSTER} A Japanese report (via Solidot) put the cluster at 2,000-3,000 H800s.",
        ),
        number(
            "rec_gpu_spend",
            "Step 6: GPU spending over the company's history (USD millions)",
            usd_millions(100, 5_000, "semianalysis_gpu_investment"),
            "SemiAnalysis (2025-01-31): GPU investments 'more than $500M', a lower bound. "
            "Dario Amodei put 50,000 Hopper chips 'on the order of ~$1B'.",
        ),
        number(
            "rec_capex",
            "Step 7: server capex, whole fleet (USD millions)",
            usd_millions(100, 10_000, "semianalysis_server_capex"),
            "SemiAnalysis (2025-01-31): 'total server CapEx for DeepSeek is ~$1.6B'. A "
            "critic reads their table as $1.3B, without the H100s.",
        ),
        number(
            "rec_opex",
            "Step 7b: cost of operating the clusters (USD millions)",
            usd_millions(0, 10_000, "semianalysis_operating_cost"),
            "SemiAnalysis (2025-01-31): 'a considerable cost of $944M associated with "
            "operating such clusters'. The period is not stated; a critic reads it as 4 years.",
        ),
    ),
)

_RULES_MODELS = ("DeepSeek-V3", "DeepSeek-V4-Pro", "DeepSeek-V4-Flash", "Llama 3.1 405B", "GPT-4")
ASSUMPTIONS += _on(
    "rules-cost",
    choice(
        "rc_model",
        "Training run",
        _RULES_MODELS,
        "DeepSeek-V3: its final run (2.788M reported H800 GPU-hours). V4-Pro and V4-Flash: our "
        "6·N·D estimate from their disclosed parameters and tokens (they disclosed no compute). "
        "Llama 3.1 405B and GPT-4: their training compute as reported or estimated (Epoch AI).",
    ),
    choice(
        "rc_format",
        "MFU stated against the peak in",
        ("FP8", "BF16"),
        f"{_FP8_HELP} The basis of the MFU, which converts with it: 17.3% of the H800's FP8 "
        "peak is 34.6% of its BF16 peak. A chip without FP8 (A100, A800) runs at the BF16 "
        "figure, so the format never doubles or halves a result.",
    ),
    slider(
        "rc_mfu",
        "MFU, against the FP8 peak",
        replace(MFU, source="v3_mfu_fp8_derived"),
        "MFU: the share of a chip's peak speed a run uses. 17.3% is what V3's reported hours "
        "imply against the H800's dense FP8 peak.",
    ),
    slider(
        "rc_mfu_bf16",
        "MFU, against the BF16 peak",
        replace(MFU, source="v3_mfu_bf16_derived"),
        "MFU: the share of a chip's peak speed a run uses. 34.6% is what V3's reported hours "
        "imply against the H800's dense BF16 peak (Epoch AI's median of 33 known runs: 37.5%).",
    ),
    slider(
        "rc_link",
        "MFU lost to a cut interconnect",
        percent(0.0, 50.0, 1.0, "%d%%", default=0.0),
        "Applied to chips whose NVLink was cut for China (H800, A800: 400 GB/s against 600 or "
        "900). 0 by default: V3's reported hours were run on the H800's cut NVLink already, "
        "its communication overlapped with computation (V3 report, DualPipe).",
    ),
    choice(
        "rc_route",
        "Price each chip's GPU-hour at",
        ("one price", "market", "ownership"),
        "one price: the same price per GPU-hour for every chip (DeepSeek's $2 by default). "
        "market: the median of the chip's dated rental quotes in data/prices.csv. ownership: "
        "Epoch AI's amortized hardware + energy per GPU-hour from the chip's purchase price.",
    ),
    slider(
        "rc_price",
        "Price per GPU-hour (USD)",
        RENTAL_PRICE,
        "One price for every chip; DeepSeek's own assumption is $2 per H800-hour.",
    ),
    slider(
        "rc_gpus",
        "GPUs in the cluster",
        count("GPUs", 100, 100_000, 1, source="v3_cluster_gpus"),
        f"{_V3_CLUSTER} Sets the wall-clock time, not the cost.",
    ),
)

BY_NAME: dict[str, Assumption] = {a.name: a for a in ASSUMPTIONS}

#: /training-cost's inputs on each of its routes (``route``), besides the cluster's size and
#: R1's stage, which every route shows. The compute route reads one of its two MFU rows, the
#: one of the basis in use (:mod:`aicost.inputs.basis`).
ROUTE_INPUTS: dict[str, tuple[str, ...]] = {
    "rental": ("price", "pre", "ctx", "post"),
    "compute": ("params_b", "tokens_t", "gpu", "precision", "mfu", "mfu_bf16", "ctx", "post")
    + ("price",),
    # the price on the ownership route: the rental price owning is compared with
    "ownership": ("pre", "ctx", "post", "own_price", "own_life", "own_srv", "own_ic", "tdp")
    + ("spf", "util", "pue", "kwh", "price"),
}
