"""The one declared table of user-adjustable assumptions. No streamlit import.

Each :class:`Assumption` names its URL parameter (``name``), its label and unit, its sourced
default, its range and the data row it comes from. This table drives the sliders
(:func:`aicost.ui.widget`), the URL checks (:mod:`aicost.urlstate`) and the README's
parameter list (``tests/test_docs.py`` keeps them in step).

Widget values are in display units (MFU in percent, parameters in billions); ``scale``
turns one into model units: ``model_value = widget_value * scale``.

A sourced assumption has no default typed here: :func:`resolve` reads it from its data row in
the release a page shows (``value / scale``, rounded to the widget's step), so a link pinned to
an older release keeps that release's defaults. Unsourced ones (choices, toggles, our own
settings) declare theirs.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from aicost import model
from aicost.data import Tables

KINDS = ("slider", "number", "toggle", "choice")


@dataclass(frozen=True)
class Assumption:
    """One adjustable input: its URL name, label, unit, sourced default and allowed range."""

    name: str
    page: str
    label: str
    unit: str
    default: float | bool | str | None = None  # None: read from the ``source`` row
    min: float = 0.0
    max: float = 0.0
    step: float = 1.0
    kind: str = "slider"
    source: str = ""  # a data row id, or "" when the help text names the source
    group: str = ""  # or a group of rows: the default is the group's default row
    help: str = ""
    scale: float = 1.0
    options: tuple[str, ...] = ()
    fmt: str = ""  # printf-style format for the widget, e.g. "%.2f"
    integer: bool = False
    derive: str = ""  # a function of aicost.model that turns the row's value into the default

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("slider", "number")


def _a(**kwargs: object) -> Assumption:
    return Assumption(**kwargs)  # type: ignore[arg-type]


_EPOCH = "Epoch AI (Cottier et al. 2024) cost method"

# One spec per quantity that several pages let the visitor set: unit, sourced default, range,
# step and format. Pages add their own name, label and help, and cannot drift apart.
_RENTAL_PRICE: dict[str, object] = {
    "unit": "USD/GPU-hour", "min": 0.5, "max": 10.0, "step": 0.05,
    "fmt": "$%.2f", "source": "v3_rental_price_assumption",
}  # fmt: skip
_H800_SERVER_PRICE: dict[str, object] = {
    "unit": "USD/GPU", "min": 5_000, "max": 200_000, "step": 250,
    "kind": "number", "fmt": "%d", "integer": True, "source": "h800_dgx_per_gpu",
}  # fmt: skip
_PUE: dict[str, object] = {
    "unit": "multiplier", "min": 1.0, "max": 2.0, "step": 0.01,
    "fmt": "%.2f", "source": "epoch_pue_nonhyperscaler",
}  # fmt: skip
_ENERGY_PRICE: dict[str, object] = {
    "unit": "USD/kWh", "min": 0.01, "max": 0.5, "step": 0.0001,
    "fmt": "$%.4f", "source": "epoch_energy_price_2024",
}  # fmt: skip

ASSUMPTIONS: tuple[Assumption, ...] = (
    # ---- /training-cost ---------------------------------------------------------------------
    _a(
        name="route",
        page="training-cost",
        label="How to price the run",
        unit="",
        default="rental",
        kind="choice",
        options=("rental", "compute", "ownership"),
        help="rental: GPU-hours x a rental price (DeepSeek's own method). compute: GPU-hours "
        "from 6 x parameters x tokens at a utilisation. ownership: Epoch AI's amortized "
        "hardware + energy per GPU-hour.",
    ),
    _a(
        name="price",
        page="training-cost",
        label="Price per GPU-hour (USD)",
        **_RENTAL_PRICE,
        help="DeepSeek-V3 report, Table 1: 'assuming the rental price of H800 is $2 per GPU "
        "hour'. 2025 market quotes for H100s ran from about $2 to $12.",
    ),
    _a(
        name="pre",
        page="training-cost",
        label="Pre-training (thousand GPU-hours)",
        unit="GPU-hours",
        min=10,
        max=1_000_000,
        step=10,
        kind="number",
        fmt="%d",
        integer=True,
        source="v3_gpu_hours_pretraining",
        help="DeepSeek-V3 report, Table 1: 2,664K H800 GPU-hours.",
        scale=1000,
    ),
    _a(
        name="ctx",
        page="training-cost",
        label="Context extension (thousand GPU-hours)",
        unit="GPU-hours",
        min=0,
        max=100_000,
        step=1,
        kind="number",
        fmt="%d",
        integer=True,
        source="v3_gpu_hours_context_ext",
        help="DeepSeek-V3 report, Table 1: 119K H800 GPU-hours.",
        scale=1000,
    ),
    _a(
        name="post",
        page="training-cost",
        label="Post-training (thousand GPU-hours)",
        unit="GPU-hours",
        min=0,
        max=100_000,
        step=1,
        kind="number",
        fmt="%d",
        integer=True,
        source="v3_gpu_hours_posttraining",
        help="DeepSeek-V3 report, Table 1: 5K H800 GPU-hours.",
        scale=1000,
    ),
    _a(
        name="r1",
        page="training-cost",
        label="Add R1's RL stage",
        unit="",
        default=False,
        kind="toggle",
        source="r1_total_gpu_hours_derived",
        help="DeepSeek-R1 (Nature, 2025-09-17): 512 H800s for 198 + 80 hours plus 5K GPU-hours "
        "of SFT data, about 147K GPU-hours ($294K at $2).",
    ),
    _a(
        name="gpus",
        page="training-cost",
        label="GPUs in the cluster",
        unit="GPUs",
        min=100,
        max=100_000,
        step=1,
        fmt="%d",
        integer=True,
        source="v3_cluster_gpus",
        help="DeepSeek-V3 report: 'a cluster equipped with 2048 NVIDIA H800 GPUs'. Sets the "
        "wall-clock time, not the cost.",
    ),
    _a(
        name="gpu",
        page="training-cost",
        label="GPU",
        unit="",
        default="H800",
        kind="choice",
        options=("H800", "H100", "A100", "H20"),
        help="Peak FLOP/s come from data/gpus.csv (dense, no sparsity).",
    ),
    _a(
        name="precision",
        page="training-cost",
        label="Number format of the peak",
        unit="",
        default="FP8",
        kind="choice",
        options=("FP8", "BF16"),
        help="MFU is only comparable on the same basis: V3 trained in FP8, most models in BF16. "
        "The A100 has no FP8; BF16 is used for it.",
    ),
    _a(
        name="mfu",
        page="training-cost",
        label="Model FLOP utilisation (MFU)",
        unit="percent",
        min=5.0,
        max=70.0,
        step=0.1,
        fmt="%.1f%%",
        scale=0.01,
        source="v3_mfu_fp8_derived",
        help="17.3% is what V3's reported hours imply against the H800's dense FP8 peak "
        "(34.6% against BF16). Epoch AI's median of 33 known runs: 37.5%.",
    ),
    _a(
        name="params_b",
        page="training-cost",
        label="Active parameters (billions)",
        unit="parameters",
        min=1.0,
        max=5000.0,
        step=1.0,
        kind="number",
        fmt="%.1f",
        scale=1e9,
        source="v3_active_params",
        help="DeepSeek-V3: 671B parameters in all, 37B active per token (mixture of experts).",
    ),
    _a(
        name="tokens_t",
        page="training-cost",
        label="Training tokens (trillions)",
        unit="tokens",
        min=0.1,
        max=1000.0,
        step=0.1,
        kind="number",
        fmt="%.1f",
        scale=1e12,
        source="v3_training_tokens",
        help="DeepSeek-V3 report: 'pre-train DeepSeek-V3 on 14.8 trillion ... tokens'.",
    ),
    _a(
        name="own_price",
        page="training-cost",
        label="GPU price incl. server (USD per GPU)",
        **_H800_SERVER_PRICE,
        help="H800 per-GPU price from a DGX server price (Epoch AI hardware prices, 2025-02-21).",
    ),
    _a(
        name="own_life",
        page="training-cost",
        label="Written off over (years)",
        unit="years",
        min=1.0,
        max=10.0,
        step=0.01,
        fmt="%.2f",
        source="epoch_depreciation_ooms",
        derive="epoch_amortization_years",
        help=f"{_EPOCH}: 0.14 orders of magnitude of price-performance a year, written off at "
        "0.14 x ln(10) = 32% a year, i.e. about 3.1 years.",
    ),
    _a(
        name="own_srv",
        page="training-cost",
        label="Server cost / GPU price",
        unit="multiplier",
        default=1.0,
        min=1.0,
        max=3.0,
        step=0.01,
        fmt="%.2f",
        help=f"1.0 because the default price is a DGX per-GPU price that already includes the "
        f"server. {_EPOCH} applies 1.64 to bare-chip prices.",
    ),
    _a(
        name="own_ic",
        page="training-cost",
        label="Interconnect share of cluster cost",
        unit="percent",
        min=0.0,
        max=50.0,
        step=1.0,
        fmt="%d%%",
        scale=0.01,
        source="epoch_interconnect_fraction",
        help=f"{_EPOCH}: 19% of a cluster's cost.",
    ),
    _a(
        name="tdp",
        page="training-cost",
        label="GPU power, TDP (W)",
        unit="W",
        min=100,
        max=2000,
        step=10,
        kind="number",
        fmt="%d",
        integer=True,
        source="h800_tdp",
        help="H800 SXM: 700 W, as the H100 SXM.",
    ),
    _a(
        name="spf",
        page="training-cost",
        label="Server power / GPU TDP",
        unit="multiplier",
        min=1.0,
        max=3.0,
        step=0.05,
        fmt="%.2f",
        source="epoch_chip_to_server_power",
        help=f"{_EPOCH}: 1.8 for GPUs without a DGX figure (the H800 falls here).",
    ),
    _a(
        name="util",
        page="training-cost",
        label="Average power / TDP",
        unit="percent",
        min=30.0,
        max=100.0,
        step=1.0,
        fmt="%d%%",
        scale=0.01,
        source="epoch_power_tdp_fraction",
        help=f"{_EPOCH}: 75% for GPUs.",
    ),
    _a(
        name="pue",
        page="training-cost",
        label="Data-centre PUE",
        **_PUE,
        help=f"{_EPOCH}: 1.25 outside the hyperscalers (1.1 for them).",
    ),
    _a(
        name="kwh",
        page="training-cost",
        label="Electricity (USD per kWh)",
        **_ENERGY_PRICE,
        help=f"{_EPOCH}: US industrial average, 2024: $0.0771/kWh.",
    ),
    # ---- /gpu-capex ---------------------------------------------------------------------------
    _a(
        name="a100_n",
        page="gpu-capex",
        label="A100 count",
        unit="GPUs",
        min=0,
        max=1_000_000,
        step=500,
        kind="number",
        fmt="%d",
        integer=True,
        source="article_a100_count",
        help="The article: High-Flyer's supercomputer 'constructed from 10,000 A100' GPUs, "
        "bought in 2021.",
    ),
    _a(
        name="a100_usd",
        page="gpu-capex",
        label="A100 price (USD)",
        unit="USD/GPU",
        min=1_000,
        max=100_000,
        step=250,
        kind="number",
        fmt="%d",
        integer=True,
        group="a100_purchase",
        help="What High-Flyer paid for its 2021 A100s (PCIe cards) is not public. Data release 2 "
        "uses the PCIe card's $15,000 list price (Epoch AI); release 1 used CNBC's 2023 'roughly "
        "$10,000'.",
    ),
    _a(
        name="h800_n",
        page="gpu-capex",
        label="H800 count",
        unit="GPUs",
        min=0,
        max=1_000_000,
        step=500,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_h800_count",
        help="SemiAnalysis (2025-01-31): about 10,000 H800s.",
    ),
    _a(
        name="h800_usd",
        page="gpu-capex",
        label="H800 price (USD)",
        unit="USD/GPU",
        min=1_000,
        max=100_000,
        step=100,
        kind="number",
        fmt="%d",
        integer=True,
        group="h800_purchase",
        help="Reseller listing of one H800 SXM, 2025-02-21 (Epoch AI hardware prices).",
    ),
    _a(
        name="h100_n",
        page="gpu-capex",
        label="H100 count",
        unit="GPUs",
        min=0,
        max=1_000_000,
        step=500,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_h100_count",
        help="SemiAnalysis (2025-01-31): about 10,000 H100s.",
    ),
    _a(
        name="h100_usd",
        page="gpu-capex",
        label="H100 price (USD)",
        unit="USD/GPU",
        min=1_000,
        max=100_000,
        step=250,
        kind="number",
        fmt="%d",
        integer=True,
        group="h100_purchase",
        help="Raymond James (Aug 2023): Nvidia sells H100s for $25,000 to $30,000.",
    ),
    _a(
        name="h20_n",
        page="gpu-capex",
        label="H20 count",
        unit="GPUs",
        min=0,
        max=1_000_000,
        step=500,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_h20_count_derived",
        help="SemiAnalysis: about 50,000 Hopper GPUs in all; after 10,000 H800s and 10,000 H100s "
        "the rest are H20s (derived).",
    ),
    _a(
        name="h20_usd",
        page="gpu-capex",
        label="H20 price (USD)",
        unit="USD/GPU",
        min=1_000,
        max=100_000,
        step=250,
        kind="number",
        fmt="%d",
        integer=True,
        group="h20_purchase",
        help="Nvidia HGX H20, Nov 2023: $10,000 to $13,000 (Epoch AI hardware prices).",
    ),
    _a(
        name="srv",
        page="gpu-capex",
        label="Server cost / GPU price",
        unit="multiplier",
        min=1.0,
        max=3.0,
        step=0.01,
        fmt="%.2f",
        source="semianalysis_server_overhead_implied",
        help=(
            "1.4 is the ratio SemiAnalysis' DGX H100 cost breakdown implies (cited by Epoch AI, "
            "whose 90% interval is 1.3 to 2.1); Epoch's point value for bare-chip prices is 1.64."
        ),
    ),
    _a(
        name="net",
        page="gpu-capex",
        label="Cluster network share",
        unit="percent",
        default=0.0,
        min=0.0,
        max=40.0,
        step=1.0,
        fmt="%d%%",
        scale=0.01,
        help="0 counts servers only, like SemiAnalysis' 'server CapEx'. Epoch AI's method adds "
        "19% of the cluster's cost for its network.",
    ),
    _a(
        name="opex",
        page="gpu-capex",
        label="Add electricity to run the fleet",
        unit="",
        default=False,
        kind="toggle",
        help="Power per GPU from data/gpus.csv x server power 1.8 x 75% average x PUE x price.",
    ),
    _a(
        name="years",
        page="gpu-capex",
        label="Years of operation",
        unit="years",
        default=4.0,
        min=1.0,
        max=10.0,
        step=0.5,
        fmt="%.1f",
        help="SemiAnalysis' table labels its operating cost 'TCO (4y ownership)' (as read by a "
        "critic); Epoch AI assumes 4-year server lives for 2021-22 chips.",
    ),
    _a(
        name="fleet_pue",
        page="gpu-capex",
        label="Data-centre PUE",
        **_PUE,
        help=f"{_EPOCH}: 1.25 outside the hyperscalers.",
    ),
    _a(
        name="fleet_kwh",
        page="gpu-capex",
        label="Electricity (USD per kWh)",
        **_ENERGY_PRICE,
        help=f"{_EPOCH}: US industrial average, 2024.",
    ),
    # ---- /market ------------------------------------------------------------------------------
    _a(
        name="mkt_before",
        page="market",
        label="Nvidia close, Fri 24 Jan 2025 (USD)",
        unit="USD/share",
        min=1.0,
        max=1000.0,
        step=0.01,
        kind="number",
        fmt="%.2f",
        source="nvda_close_2025_01_24",
        help="Closing price before the drop.",
    ),
    _a(
        name="mkt_after",
        page="market",
        label="Nvidia close, Mon 27 Jan 2025 (USD)",
        unit="USD/share",
        min=1.0,
        max=1000.0,
        step=0.01,
        kind="number",
        fmt="%.2f",
        source="nvda_close_2025_01_27",
        help="Most reports give $118.42; others $118.50, $118.51 or $118.58 (early prints).",
    ),
    _a(
        name="mkt_shares",
        page="market",
        label="Shares outstanding (billions)",
        unit="shares",
        min=1.0,
        max=100.0,
        step=0.01,
        kind="number",
        fmt="%.2f",
        scale=1e9,
        source="nvda_shares_implied_589_derived",
        help="24.34 billion is the share count the $589B figure implies; Reuters/LSEG's "
        "$592.7B implies 24.49 billion.",
    ),
    # ---- /compare -----------------------------------------------------------------------------
    _a(
        name="cmp_basis",
        page="compare",
        label="Recompute every model by",
        unit="",
        default="rental",
        kind="choice",
        options=("rental", "compute"),
        help="rental: known GPU-hours x one price. compute: known training FLOP on one GPU at "
        "one MFU, then x the price.",
    ),
    _a(
        name="cmp_price",
        page="compare",
        label="Price per GPU-hour (USD)",
        **_RENTAL_PRICE,
        help="One price for every model; DeepSeek's own assumption is $2 per H800-hour.",
    ),
    _a(
        name="cmp_gpu",
        page="compare",
        label="GPU (compute basis)",
        unit="",
        default="H100",
        kind="choice",
        options=("H100", "H800", "A100", "H20"),
        help="Peak dense FLOP/s from data/gpus.csv.",
    ),
    _a(
        name="cmp_precision",
        page="compare",
        label="Number format of the peak",
        unit="",
        default="BF16",
        kind="choice",
        options=("BF16", "FP8"),
        help="Most of these models trained in BF16; DeepSeek-V3 in FP8.",
    ),
    _a(
        name="cmp_mfu",
        page="compare",
        label="MFU (compute basis)",
        unit="percent",
        min=5.0,
        max=70.0,
        step=0.5,
        fmt="%.1f%%",
        scale=0.01,
        source="epoch_median_mfu",
        help=f"{_EPOCH}: median MFU of 33 known runs, 37.5%.",
    ),
    # ---- /reconcile ---------------------------------------------------------------------------
    _a(
        name="rec_r1_gpus",
        page="reconcile",
        label="Step 1: H800s used for R1's RL stage",
        unit="GPUs",
        min=64,
        max=2048,
        step=8,
        fmt="%d",
        integer=True,
        source="r1_rl_gpus",
        help="Nature supplement via Reuters and The Register: 512 H800s (64 x 8) for 198 h "
        "(R1-Zero) + 80 h (R1), plus 5K GPU-hours of SFT data. Some Chinese reports say 648.",
    ),
    _a(
        name="rec_price",
        page="reconcile",
        label="Steps 1-2: rental price per GPU-hour",
        **_RENTAL_PRICE,
        help="DeepSeek-V3 report, Table 1: 'assuming the rental price of H800 is $2 per GPU "
        "hour'. Quotes in data/prices.csv run from $1.70 (H100 contracts) to $12.29 (AWS "
        "on-demand); the one H800 quote is $3.42.",
    ),
    _a(
        name="rec_own_price",
        page="reconcile",
        label="Steps 3 and 5: H800 price, server included (USD per GPU)",
        **_H800_SERVER_PRICE,
        help="Epoch AI hardware prices: a DGX H800 listing / 8 (2025-02-21). A bare H800 "
        "was listed at $33,800; Epoch's 90% interval on hardware prices is 0.5x to 2x.",
    ),
    _a(
        name="rec_ooms",
        page="reconcile",
        label="Step 3: hardware price-performance gain (orders of magnitude a year)",
        unit="OOMs/year",
        min=0.05,
        max=0.40,
        step=0.01,
        fmt="%.2f",
        source="epoch_depreciation_ooms",
        help=f"{_EPOCH}: hardware gets 0.14 orders of magnitude cheaper per FLOP a year, so it "
        "is written off at 0.14 x ln(10) = 32% a year (about 3.1 years). 90% interval "
        "0.10 to 0.18.",
    ),
    _a(
        name="rec_mult",
        page="reconcile",
        label="Step 4: all compute / the final run (x)",
        unit="multiplier",
        min=1.0,
        max=10.0,
        step=0.1,
        fmt="%.1f×",
        source="lambert_experiment_multiplier",
        help="Nathan Lambert (Interconnects, 2025-01-09): pre-training experiments likely took "
        "2-4 times the reported run's compute. The V3 paper's cost excludes 'prior research "
        "and ablation experiments'. 1 counts the final run only.",
    ),
    _a(
        name="rec_gpus",
        page="reconcile",
        label="Step 5: H800s in the cluster bought",
        unit="GPUs",
        min=256,
        max=16_384,
        step=64,
        fmt="%d",
        integer=True,
        source="v3_cluster_gpus",
        help="DeepSeek-V3 report: 'a cluster equipped with 2048 NVIDIA H800 GPUs'. A Japanese "
        "report (via Solidot) put the cluster at 2,000-3,000 H800s.",
    ),
    _a(
        name="rec_gpu_spend",
        page="reconcile",
        label="Step 6: GPU spending over the company's history (USD millions)",
        unit="USD",
        min=100,
        max=5_000,
        step=10,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_gpu_investment",
        help="SemiAnalysis (2025-01-31): GPU investments 'more than $500M', a lower bound. "
        "Dario Amodei put 50,000 Hopper chips 'on the order of ~$1B'.",
        scale=1e6,
    ),
    _a(
        name="rec_capex",
        page="reconcile",
        label="Step 7: server capex, whole fleet (USD millions)",
        unit="USD",
        min=100,
        max=10_000,
        step=10,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_server_capex",
        help="SemiAnalysis (2025-01-31): 'total server CapEx for DeepSeek is ~$1.6B'. A "
        "critic reads their table as $1.3B, without the H100s.",
        scale=1e6,
    ),
    _a(
        name="rec_opex",
        page="reconcile",
        label="Step 7b: cost of operating the clusters (USD millions)",
        unit="USD",
        min=0,
        max=10_000,
        step=10,
        kind="number",
        fmt="%d",
        integer=True,
        source="semianalysis_operating_cost",
        help="SemiAnalysis (2025-01-31): 'a considerable cost of $944M associated with "
        "operating such clusters'. The period is not stated; a critic reads it as 4 years.",
        scale=1e6,
    ),
    # (reconcile assumptions go here)
)

BY_NAME: dict[str, Assumption] = {a.name: a for a in ASSUMPTIONS}


def for_page(page: str, tables: Tables | None = None) -> tuple[Assumption, ...]:
    """The assumptions a page declares, in table order; with their defaults from ``tables``.

    >>> [a.name for a in for_page("gpu-capex")][:3]
    ['a100_n', 'a100_usd', 'h800_n']
    """
    if tables is None:
        return tuple(a for a in ASSUMPTIONS if a.page == page)
    return tuple(a for a in resolve(tables).values() if a.page == page)


def _decimals(step: float) -> int:
    text = f"{step:.10g}"
    return len(text.split(".")[1]) if "." in text else 0


def default_row(tables: Tables, a: Assumption) -> str:
    """The data row an assumption's default is read from: its ``source``, or the default row
    of its ``group`` (a release that makes another row the group's default moves it too).

    >>> from aicost.data import load_all
    >>> default_row(load_all("data/releases/1"), BY_NAME["a100_usd"])
    'a100_price_cnbc'
    """
    if not a.group:
        return a.source
    for file in tables.keys():
        frame = tables[file]
        chosen = frame[(frame["group"] == a.group) & frame["is_default"]]
        if len(chosen):
            return str(chosen["id"].iloc[0])
    raise KeyError(f"no default row in group {a.group!r}")


def sourced_default(a: Assumption, tables: Tables) -> float:
    """An assumption's default from its data row: ``value / scale``, rounded to its step.

    >>> from aicost.data import load_all
    >>> sourced_default(BY_NAME["mfu"], load_all("data/releases/1"))
    17.3
    """
    value = tables.value(default_row(tables, a))
    value = getattr(model, a.derive)(value) if a.derive else value / a.scale
    return float(round(value)) if a.integer else round(value, _decimals(a.step))


def resolve(tables: Tables) -> dict[str, Assumption]:
    """Every assumption with its default read from ``tables`` (one release's data), by name.

    Computed once per loaded release and kept with it.

    >>> from aicost.data import load_all
    >>> resolve(load_all("data/releases/1"))["price"].default
    2.0
    """

    def build(t: Tables) -> dict[str, Assumption]:
        out = {}
        for a in ASSUMPTIONS:
            if a.default is None:
                value = sourced_default(a, t)
                a = replace(a, default=int(value) if a.integer else value, source=default_row(t, a))
            out[a.name] = a
        return out

    return tables.memo("assumptions", build)


def defaults(page: str, tables: Tables) -> dict[str, float | bool | str]:
    """Every assumption of a page at its sourced default in ``tables`` (display units).

    >>> from aicost.data import load_all
    >>> defaults("training-cost", load_all("data/releases/1"))["price"]
    2.0
    """
    return {a.name: a.default for a in for_page(page, tables)}  # type: ignore[misc]


def to_model(values: dict[str, float | bool | str], page: str) -> dict[str, float | bool | str]:
    """Turn display-unit widget values into model units (``value * scale``).

    >>> to_model({"mfu": 17.3}, "training-cost")["mfu"]
    0.173
    """
    out: dict[str, float | bool | str] = {}
    for a in for_page(page):
        if a.name in values:
            value = values[a.name]
            if not a.is_numeric:
                out[a.name] = value
            elif a.integer:  # whole numbers: the model uses what the widget shows
                out[a.name] = round(float(value)) * a.scale
            else:
                out[a.name] = round(float(value) * a.scale, 12)
    return out


def markdown_table(tables: Tables) -> str:
    """The README's table of link parameters, with the defaults of ``tables`` (the current
    release; ``python -m aicost.assumptions`` prints it)."""
    lines = [
        "| Parameter | Page | What it sets | Default | Range | Source |",
        "|---|---|---|---|---|---|",
    ]
    for a in resolve(tables).values():
        if a.kind == "choice":
            span = " / ".join(a.options)
        elif a.kind == "toggle":
            span = "true / false"
        else:
            span = f"{a.min:,.10g} to {a.max:,.10g}"
        default = str(a.default).lower() if a.kind == "toggle" else f"{a.default}"
        source = (
            f"`{a.source}`"
            if a.source
            else ("—" if a.kind == "choice" else a.help.split(". ")[0].replace("|", "/"))
        )
        lines.append(f"| `{a.name}` | `/{a.page}` | {a.label} | {default} | {span} | {source} |")
    return "\n".join(lines)


if __name__ == "__main__":
    from aicost.release import Store

    store = Store("data/releases")
    print(markdown_table(store.tables(store.current.id)))
