"""/gpu-capex: what DeepSeek's GPUs cost to buy (and run), set against the $5.6M claim."""

import streamlit as st

from aicost import ui
from aicost.base import fmt, gpus
from aicost.inputs import assumptions as asm
from aicost.inputs import presets
from aicost.pages.gpu_capex import charts as capex_charts
from aicost.pages.gpu_capex import finding as capex_finding
from aicost.pages.gpu_capex import scenario as capex

PAGE = "gpu-capex"
FLEET_SOURCE = (
    "your fleet; prices from data/prices.csv; server/GPU ratio: SemiAnalysis via Epoch AI"
)
CLAIM_SOURCE = "the article; SemiAnalysis (2025-01-31); your fleet"

tables = ui.page(PAGE)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows it first
    headline = st.container(horizontal=True, gap="medium")
    ui.preset_buttons(PAGE, presets.fleet_presets)

    controls, results = st.columns([1, 2], gap="large")
    values: dict[str, asm.Value] = {}
    with controls:
        for gpu in gpus.FLEET_GPUS:
            row = st.container(horizontal=True, vertical_alignment="bottom")
            for name in asm.fleet_names(gpu):
                values[name] = ui.widget(asm.BY_NAME[name], row)
        for name in ("srv", "net", "opex"):
            values[name] = ui.widget(asm.BY_NAME[name])
        if values["opex"]:
            for name in ("years", "fleet_pue", "fleet_kwh"):
                values[name] = ui.widget(asm.BY_NAME[name])

    v = asm.model_values(PAGE, tables, values)
    try:
        fleet = capex.fleet(v, tables)
    except ValueError as exc:
        ui.stop_with_warning(exc, results)

    claim = tables.value("article_training_cost_claim")
    gpu_spend = tables.value("semianalysis_gpu_investment")
    server_capex = tables.value("semianalysis_server_capex")
    base = ui.at_defaults(PAGE, capex.fleet)
    count = sum(float(values[asm.fleet_names(g)[0]]) for g in gpus.FLEET_GPUS)
    years = float(values["years"]) if values["opex"] else None
    finding = capex_finding.fleet(fleet, claim, count, years)
    link = ui.share_link(PAGE, values)
    times = f"Times the {fmt.usd(claim)} claim"
    with headline:
        gpus_only = f"{fmt.usd_exact(fleet.gpu_total)}: the chips only, count x unit price."
        st.metric("GPUs alone", fmt.usd(fleet.gpu_total), help=gpus_only)
        st.metric(
            "With servers",
            fmt.usd(fleet.capex_total),
            help=f"{fmt.usd_exact(fleet.capex_total)}: capital spending (capex), the money "
            "paid up front for the GPUs, their servers and, if set, the network; no electricity.",
        )
        electricity = ", plus electricity" if fleet.operating_cost > 0 else ""
        # the multiple with, under it, what it divides: with electricity on it is not the
        # capex beside it
        kept = (
            f"with servers and {values['years']:g} years of electricity"
            if years
            else "with servers"
        )
        with st.container(width="content", gap=None):
            st.metric(
                times,
                fmt.multiple(fleet.times(claim)),
                help=f"{fmt.usd_exact(fleet.capex_plus_energy)} (with servers{electricity}) "
                f"/ the article's {fmt.usd(claim)}, DeepSeek's $5.576M rounded.",
            )
            st.caption(f"{fmt.usd(fleet.capex_plus_energy)} ({kept}) ÷ {fmt.usd(claim)}")
    ui.rest_after_numbers()
    with results:
        if fleet.operating_cost > 0:
            cost = fleet.operating_cost
            label = f"Electricity over {values['years']:g} years"
            st.metric(label, fmt.usd(cost), help=fmt.usd_exact(cost))
        spread = capex.fleet_range(v, tables)
        st.caption(
            f"Capex with servers over {spread.n:,} draws of prices, counts and overheads, each "
            f"drawn within its source's 90% interval (Epoch AI): median (P50) "
            f"{fmt.usd(spread.p50)}; {spread.band()}, so 8 draws in 10 fall in it. For "
            f"reference, SemiAnalysis put DeepSeek's GPU spending above {fmt.usd(gpu_spend)} "
            f"and its server capex near {fmt.usd(server_capex)} (2025-01-31, estimates)."
        )
        ui.finding(finding)

        def by_gpu() -> None:
            alt = f"Stacked bars of fleet spending by GPU type. {finding}"
            fig = capex_charts.fleet_stack(fleet, source=FLEET_SOURCE)
            ui.chart(fig, "deepseek-fleet-capex-by-gpu", alt=alt, link=link)

        def against_claim() -> None:
            refs = [
                ("V3 run (DeepSeek)", claim),
                ("GPUs (SemiAnalysis, >)", gpu_spend),
                ("Capex (SemiAnalysis)", server_capex),
            ]
            bars = capex.fleet_bars(fleet)
            title = "The fleet against the training claim"
            fig = capex_charts.against_references(bars, refs, title=title, source=CLAIM_SOURCE)
            alt = f"Log-scale bars of the fleet's cost against the training claim. {finding}"
            ui.chart(fig, "deepseek-fleet-vs-training-claim", alt=alt, link=link)

        # the fleet by GPU first; the comparison with the claim one click away (each chart
        # drawn costs the browser as much at first load as the naive page's whole chart)
        ui.views(PAGE, "capex_chart", by_gpu, against_claim)
        ui.change_panel(
            PAGE,
            values,
            [
                ("GPUs alone", fleet.gpu_total, base.gpu_total, fmt.usd),
                ("With servers", fleet.capex_total, base.capex_total, fmt.usd),
                (times, fleet.times(claim), base.times(claim), fmt.multiple),
            ],
        )

    summary = {
        "gpu_total_usd": fleet.gpu_total,
        "capex_total_usd": fleet.capex_total,
        "operating_cost_usd": fleet.operating_cost,
        "total_usd": fleet.capex_plus_energy,
        **{f"capex_{g}_usd": c for g, c in fleet.capex_by_gpu.items()},
    }
    ui.share_box(PAGE, values, {k: round(c, 2) for k, c in summary.items()}, finding)


calculator()
