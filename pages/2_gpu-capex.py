"""/gpu-capex: what DeepSeek's GPUs cost to buy (and run), set against the $5.6M claim."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts, findings, fmt, presets, scenarios, ui

PAGE = "gpu-capex"
A = asm.BY_NAME

tables = ui.page(
    "GPU capex",
    "The $5.6M was one training run. Buying the GPUs is another matter: the article's 10,000 "
    "A100s, and SemiAnalysis' estimate of about 50,000 Hopper GPUs. Build the fleet.",
    PAGE,
)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows it first
    headline = st.container(horizontal=True, gap="medium")

    buttons = st.container(horizontal=True)
    for p in tables.memo("fleet_presets", presets.fleet_presets):
        buttons.button(p.label, help=p.source, on_click=ui.apply_preset, args=(PAGE, p.values),
                       key=f"preset_{p.key}")  # fmt: skip

    controls, results = st.columns([1, 2], gap="large")
    values: dict = {}
    with controls:
        for gpu in scenarios.FLEET_GPUS:
            row = st.container(horizontal=True, vertical_alignment="bottom")
            values[f"{gpu.lower()}_n"] = ui.widget(A[f"{gpu.lower()}_n"], row)
            values[f"{gpu.lower()}_usd"] = ui.widget(A[f"{gpu.lower()}_usd"], row)
        values["srv"] = ui.widget(A["srv"])
        values["net"] = ui.widget(A["net"])
        values["opex"] = ui.widget(A["opex"])
        if values["opex"]:
            for name in ("years", "fleet_pue", "fleet_kwh"):
                values[name] = ui.widget(A[name])

    full = {**asm.defaults(PAGE, tables), **values}
    v = asm.to_model(full, PAGE)
    try:
        fleet = scenarios.fleet(v, tables)
    except ValueError as exc:
        results.warning(f"{exc}.", icon=":material/warning:")
        st.stop()

    claim = tables.value("article_training_cost_claim")
    gpu_spend = tables.value("semianalysis_gpu_investment")
    server_capex = tables.value("semianalysis_server_capex")
    base = tables.memo("fleet_at_defaults", lambda t: scenarios.fleet(
        asm.to_model(asm.defaults(PAGE, t), PAGE), t))  # fmt: skip
    count = sum(float(full[f"{g.lower()}_n"]) for g in scenarios.FLEET_GPUS)
    finding = findings.fleet(
        fleet, claim, count, float(full["years"]) if full.get("opex") else None
    )
    link = ui.share_link(PAGE, values)
    with headline:
        st.metric("GPUs alone", fmt.usd(fleet.gpu_total),
                  help=f"{fmt.usd_exact(fleet.gpu_total)}: the chips only, count x unit price.")  # fmt: skip
        st.metric("With servers", fmt.usd(fleet.capex_total),
                  help=f"{fmt.usd_exact(fleet.capex_total)}: capital spending (capex), the money paid "
                       "up front for the GPUs, their servers and, if set, the network; no electricity.")  # fmt: skip
        st.metric(f"Times the {fmt.usd(claim)} claim", fmt.multiple(fleet.times(claim)),
                  help=f"{fmt.usd_exact(fleet.capex_plus_energy)} (with servers"
                       f"{', plus electricity' if fleet.operating_cost > 0 else ''}) / the article's "
                       f"{fmt.usd(claim)}, DeepSeek's $5.576M rounded.")  # fmt: skip
    with results:
        if fleet.operating_cost > 0:
            st.metric(f"Electricity over {full['years']:g} years", fmt.usd(fleet.operating_cost),
                      help=fmt.usd_exact(fleet.operating_cost))  # fmt: skip
        spread = scenarios.fleet_range(v, tables)
        st.caption(
            f"Capex with servers over 10,000 draws of prices, counts and overheads, each drawn "
            f"within its source's 90% interval (Epoch AI): median (P50) {fmt.usd(spread.p50)}; "
            f"{spread.band()}, so 8 draws in 10 fall in it. For reference, SemiAnalysis put DeepSeek's GPU spending "
            f"above {fmt.usd(gpu_spend)} and its server capex near {fmt.usd(server_capex)} "
            "(2025-01-31, estimates)."
        )
        ui.finding(finding)
        # the fleet by GPU first; the comparison with the claim one click away (each chart
        # drawn costs the browser as much at first load as the naive page's whole chart)
        by_gpu, against = ui.lazy_tabs(PAGE, "capex_chart")
        if by_gpu:
            with by_gpu:
                ui.chart(charts.fleet_stack(fleet, source="your fleet; prices from data/prices.csv; "
                                            "server/GPU ratio: SemiAnalysis via Epoch AI"),
                         "deepseek-fleet-capex-by-gpu",
                         alt=f"Stacked bars of fleet spending by GPU type. {finding}", link=link)  # fmt: skip
        if against:
            with against:
                bars = scenarios.fleet_bars(fleet)
                refs = [("V3 run (DeepSeek)", claim), ("GPUs (SemiAnalysis, >)", gpu_spend),
                        ("Capex (SemiAnalysis)", server_capex)]  # fmt: skip
                ui.chart(
                    charts.against_references(bars, refs, title="The fleet against the training claim",
                                              source="the article; SemiAnalysis (2025-01-31); your fleet"),
                    "deepseek-fleet-vs-training-claim",
                    alt=f"Log-scale bars of the fleet's cost against the training claim. {finding}",
                    link=link,
                )  # fmt: skip
        ui.change_panel(PAGE, values, [
            ("GPUs alone", fleet.gpu_total, base.gpu_total, fmt.usd),
            ("With servers", fleet.capex_total, base.capex_total, fmt.usd),
            (f"Times the {fmt.usd(claim)} claim", fleet.times(claim), base.times(claim), fmt.multiple),
        ])  # fmt: skip

    ui.share_box(PAGE, values, {
        "gpu_total_usd": round(fleet.gpu_total, 2),
        "capex_total_usd": round(fleet.capex_total, 2),
        "operating_cost_usd": round(fleet.operating_cost, 2),
        "total_usd": round(fleet.capex_plus_energy, 2),
        **{f"capex_{g}_usd": round(c, 2) for g, c in fleet.capex_by_gpu.items()},
    }, finding)  # fmt: skip


calculator()
