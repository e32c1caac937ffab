"""/gpu-capex: what DeepSeek's GPUs cost to buy (and run), set against the $5.6M claim.

:func:`compute` is everything the page shows for one scenario; the computation is
:mod:`.scenario`, the sentence :mod:`.finding`, the charts :mod:`.charts`.
"""

from __future__ import annotations

from aicost.base import fmt, model
from aicost.base.data import Tables
from aicost.base.gpus import FLEET_GPUS, h100_equivalents
from aicost.inputs import assumptions as asm
from aicost.pages.gpu_capex import charts, finding
from aicost.pages.gpu_capex.scenario import FleetInputs, fleet, fleet_bars, fleet_range, inputs
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

FLEET_SOURCE = (
    "your fleet; prices from data/prices.csv; server/GPU ratio: SemiAnalysis via Epoch AI"
)
CLAIM_SOURCE = "the article; SemiAnalysis (2025-01-31); your fleet"
VIEW = "capex_chart"
VIEWS = {VIEW: ("The fleet by GPU", "Against the training claim")}
CLAIM_ROW = "article_training_cost_claim"
GPU_SPEND_ROW = "semianalysis_gpu_investment"
SERVER_CAPEX_ROW = "semianalysis_server_capex"
ROWS = (CLAIM_ROW, GPU_SPEND_ROW, SERVER_CAPEX_ROW)
#: The electricity's inputs: read only when it is counted.
ELECTRICITY = frozenset({"years", "fleet_pue", "fleet_kwh"})
#: What each input's effect depends on, for the change panel: electricity's inputs count only
#: once electricity is added.
DEPENDS: dict[str, tuple[str, ...]] = dict.fromkeys(sorted(ELECTRICITY), ("opex",))


def figures(
    f: model.FleetResult, i: FleetInputs, claim: float, tables: Tables
) -> tuple[Figure, ...]:
    """The page's metrics: the three headline figures, then the electricity if counted."""
    electricity = ", plus electricity" if f.operating_cost > 0 else ""
    # the multiple with, under it, what it divides: with electricity on it is not the capex
    # beside it
    kept = f"with servers and {i.years:g} years of electricity" if i.opex else "with servers"
    out = [
        Figure(
            "GPUs alone",
            f.gpu_total,
            fmt.usd(f.gpu_total),
            "USD",
            help=f"{fmt.usd_exact(f.gpu_total)}: the chips only, count x unit price.",
            key="gpu_total_usd",
            format=fmt.usd,
        ),
        Figure(
            "With servers",
            f.capex_total,
            fmt.usd(f.capex_total),
            "USD",
            help=f"{fmt.usd_exact(f.capex_total)}: capital spending (capex), the money paid up "
            "front for the GPUs, their servers and, if set, the network; no electricity.",
            key="capex_total_usd",
            format=fmt.usd,
        ),
        Figure(
            f"Times the {fmt.usd(claim)} claim",
            f.times(claim),
            fmt.multiple(f.times(claim)),
            "multiple",
            help=f"{fmt.usd_exact(f.capex_plus_energy)} (with servers{electricity}) / the "
            f"article's {fmt.usd(claim)}, DeepSeek's $5.576M rounded.",
            caption=f"{fmt.usd(f.capex_plus_energy)} ({kept}) ÷ {fmt.usd(claim)}",
            key="times_claim",
            format=fmt.multiple,
        ),
    ]
    equivalents = {g: i.count(g) * h100_equivalents(tables, g) for g in FLEET_GPUS}
    total_h100e = sum(equivalents.values())
    out.append(
        Figure(
            "In H100-equivalents",
            total_h100e,
            fmt.count(total_h100e),
            "H100-equivalents",
            help="Each GPU counted as Epoch AI counts chips: its dense 8-bit throughput over the "
            "H100's 1,979 TFLOPS (an A100, 624 INT8 TOPS: 0.32; an H20, 296 FP8 TFLOPS: 0.15), "
            "so fleets of different chips can be compared.",
            caption=" + ".join(f"{fmt.count(n)} {g}" for g, n in equivalents.items() if n > 0),
            key="h100_equivalents",
        )
    )
    if f.operating_cost > 0:
        out.append(
            Figure(
                f"Electricity over {i.years:g} years",
                f.operating_cost,
                fmt.usd(f.operating_cost),
                "USD",
                help=fmt.usd_exact(f.operating_cost),
                key="operating_cost_usd",
            )
        )
    return tuple(out)


def compute(s: Scenario) -> Body:
    """Everything /gpu-capex shows for one scenario. A fleet of no GPUs raises ValueError.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["gpu-capex"], tables, Store("data/releases").current)
    >>> [f.text for f in r.figures]
    ['$1.1B', '$1.54B', '274×', '27,640']
    """
    tables = s.tables
    i = inputs(tables, s.values)
    f = fleet(i, tables)
    claim = tables.value(CLAIM_ROW)
    gpu_spend = tables.value(GPU_SPEND_ROW)
    server_capex = tables.value(SERVER_CAPEX_ROW)
    sentence = finding.fleet(f, claim, i.gpus, i.years if i.opex else None)
    spread = fleet_range(i, tables)
    references = [
        ("V3 run (DeepSeek)", claim),
        ("GPUs (SemiAnalysis, >)", gpu_spend),
        ("Capex (SemiAnalysis)", server_capex),
    ]
    return Body(
        figures=figures(f, i, claim, tables),
        finding=sentence,
        lead=1,  # with servers: what the finding leads with
        headline=f"{fmt.usd(f.capex_total)} for {fmt.count(i.gpus)} GPUs with servers",
        charts=(
            Chart(
                "deepseek-fleet-capex-by-gpu",
                f"Stacked bars of fleet spending by GPU type. {sentence}",
                lambda: charts.fleet_stack(f, source=FLEET_SOURCE),
                view=(VIEW, VIEWS[VIEW][0]),
            ),
            Chart(
                "deepseek-fleet-vs-training-claim",
                f"Log-scale bars of the fleet's cost against the training claim. {sentence}",
                lambda: charts.against_references(
                    fleet_bars(f),
                    references,
                    title="The fleet against the training claim",
                    source=CLAIM_SOURCE,
                ),
                view=(VIEW, VIEWS[VIEW][1]),
            ),
        ),
        says={
            "range": f"Capex with servers over {spread.n:,} draws of prices, counts and "
            "overheads, each drawn within its source's 90% interval (Epoch AI): median (P50) "
            f"{fmt.usd(spread.p50)}; {spread.band()}, so 8 draws in 10 fall in it. For "
            f"reference, SemiAnalysis put DeepSeek's GPU spending above {fmt.usd(gpu_spend)} "
            f"and its server capex near {fmt.usd(server_capex)} (2025-01-31, estimates).",
        },
        bars=(
            Bar("With servers", f.capex_total, fmt.usd(f.capex_total), ours=True),
            Bar("GPUs alone", f.gpu_total, fmt.usd(f.gpu_total), ours=True),
            Bar("SemiAnalysis' server capex", server_capex, fmt.usd(server_capex)),
            Bar("DeepSeek's training claim", claim, fmt.usd(claim)),
        ),
        summary={
            k: round(v, 2)
            for k, v in {
                "gpu_total_usd": f.gpu_total,
                "capex_total_usd": f.capex_total,
                "operating_cost_usd": f.operating_cost,
                "total_usd": f.capex_plus_energy,
                **{f"capex_{g}_usd": c for g, c in f.capex_by_gpu.items()},
            }.items()
        },
        used=None if i.opex else frozenset(a.name for a in asm.for_page("gpu-capex")) - ELECTRICITY,
        rows=ROWS,
        detail=f,
    )


def changes(values: asm.Values, tables: Tables) -> dict[str, float]:
    """The change panel's figure: the fleet's spending (GPUs, servers, network and, if counted,
    electricity), the figure its chart totals and its "Times the claim" metric divides."""
    return {"Fleet spending": fleet(inputs(tables, values), tables).capex_plus_energy}
