"""/gpu-capex: what DeepSeek's GPUs cost to buy (and run), set against the $5.6M claim."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts, fmt, scenarios, ui

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
    with headline:
        st.metric("GPUs alone", fmt.usd(fleet.gpu_total), help=fmt.usd_exact(fleet.gpu_total))
        st.metric("With servers", fmt.usd(fleet.capex_total),
                  help=fmt.usd_exact(fleet.capex_total))  # fmt: skip
        st.metric(f"Times the {fmt.usd(claim)} claim", fmt.multiple(fleet.times(claim)),
                  help="Fleet spending (with electricity if counted) / the article's $5.6M.")  # fmt: skip
    with results:
        if fleet.operating_cost > 0:
            st.metric(f"Electricity over {full['years']:g} years", fmt.usd(fleet.operating_cost),
                      help=fmt.usd_exact(fleet.operating_cost))  # fmt: skip
        spread = scenarios.fleet_range(v, tables)
        st.caption(
            f"Capex with servers over 10,000 draws of prices, counts and overheads (Epoch AI's 90% "
            f"intervals): {spread.band()}. For reference, SemiAnalysis put DeepSeek's GPU spending "
            f"above {fmt.usd(gpu_spend)} and its server capex near {fmt.usd(server_capex)} "
            "(2025-01-31, estimates)."
        )
        # the fleet by GPU first; the comparison with the claim one click away (each chart
        # drawn costs the browser as much at first load as the naive page's whole chart)
        by_gpu, against = ui.lazy_tabs(PAGE, "capex_chart")
        if by_gpu:
            with by_gpu:
                ui.chart(charts.fleet_stack(fleet, source="your fleet; prices from data/prices.csv; "
                                            "server/GPU ratio: SemiAnalysis via Epoch AI"),
                         "deepseek-fleet-capex-by-gpu",
                         alt="Stacked bars of fleet spending by GPU type")  # fmt: skip
        if against:
            with against:
                bars = [
                    ("Your fleet", fleet.total_cost_of_ownership),
                    ("Your GPUs", fleet.gpu_total),
                ]
                refs = [("V3 run (DeepSeek)", claim), ("GPUs (SemiAnalysis, >)", gpu_spend),
                        ("Capex (SemiAnalysis)", server_capex)]  # fmt: skip
                ui.chart(
                    charts.against_references(bars, refs, title="The fleet against the training claim",
                                              source="the article; SemiAnalysis (2025-01-31); your fleet"),
                    "deepseek-fleet-vs-training-claim",
                    alt="Log-scale bars of the fleet's cost against the $5.6M training claim",
                )  # fmt: skip

    ui.share_box(PAGE, values, {
        "gpu_total_usd": round(fleet.gpu_total, 2),
        "capex_total_usd": round(fleet.capex_total, 2),
        "operating_cost_usd": round(fleet.operating_cost, 2),
        "total_usd": round(fleet.total_cost_of_ownership, 2),
        **{f"capex_{g}_usd": round(c, 2) for g, c in fleet.capex_by_gpu.items()},
    })  # fmt: skip


calculator()
