"""/training-cost: what one training run cost, on the route and assumptions you choose."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts, fmt, presets, scenarios, ui

PAGE = "training-cost"
A = asm.BY_NAME

tables = ui.page(
    "Training cost",
    "DeepSeek priced V3's final training run at $5.576M: 2.788M H800 GPU-hours at an assumed "
    "$2 per GPU-hour. Change the price, the hours or the route and see what it becomes.",
    PAGE,
)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows it first
    headline = st.container(horizontal=True, gap="medium")

    preset_list = tables.memo("training_presets", presets.training_presets)
    st.markdown("**Start from a view people argue from**")
    buttons = st.container(horizontal=True)
    for p in preset_list:
        buttons.button(p.label, help=p.source, on_click=ui.apply_preset, args=(PAGE, p.values),
                       key=f"preset_{p.key}", width="stretch")  # fmt: skip

    controls, results = st.columns([1, 2], gap="large")
    with controls:
        values: dict = {"route": ui.widget(A["route"])}
        route = values["route"]
        if route == "compute":
            names = ["params_b", "tokens_t", "gpu", "precision", "mfu", "ctx", "post"]
        elif route == "ownership":
            names = ["pre", "ctx", "post", "own_price", "own_life", "own_srv", "own_ic",
                     "tdp", "spf", "util", "pue", "kwh"]  # fmt: skip
        else:
            names = ["price", "pre", "ctx", "post"]
        for name in names:
            values[name] = ui.widget(A[name])
        values["gpus"] = ui.widget(A["gpus"])
        values["r1"] = ui.widget(A["r1"])

    shown = dict(values)
    full = {**asm.defaults(PAGE, tables), **values}
    result = scenarios.training(asm.to_model(full, PAGE), tables)

    with headline:
        st.metric("Training cost", fmt.usd(result.cost),
                  help=f"{fmt.usd_exact(result.cost)} = {fmt.gpu_hours(result.gpu_hours)} x "
                       f"{fmt.usd(result.price_per_gpu_hour)} per GPU-hour")  # fmt: skip
        st.metric("GPU-hours", fmt.gpu_hours(result.gpu_hours).replace(" GPU-hours", ""),
                  help="Sum of the phases shown in the chart below.")  # fmt: skip
        st.metric("Price per GPU-hour", fmt.usd(result.price_per_gpu_hour),
                  help="The slider on the rental route; Epoch's ownership cost on that route.")  # fmt: skip
    with results:
        with st.container(horizontal=True, gap="medium"):
            st.metric(f"Wall-clock on {fmt.count(full['gpus'])} GPUs", fmt.days(result.days))
            st.metric("MFU", fmt.percent(result.mfu), help=f"Basis: {result.mfu_basis}.")
            st.metric("Compute, 6·N·D (FLOP)", fmt.sci(result.flop))
        st.caption(f"Range over 10,000 draws of the price inputs (Epoch AI's 90% intervals): "
                   f"{scenarios.training_range(result).band()}. MFU basis: {result.mfu_basis}. "
                   "The cost counts the final run only: no research, ablations, failed runs or staff.")  # fmt: skip
        for note in result.notes:
            st.info(note, icon=":material/info:")

        # the phases first; the price's own charts one click away (each chart drawn costs
        # the browser as much at first load as the naive page's whole chart)
        by_phase, by_price = ui.lazy_tabs(PAGE, "tc_chart")
        if by_phase:
            with by_phase:
                ui.chart(charts.phase_costs(result.phase_costs, result.price_per_gpu_hour,
                                            source="DeepSeek-V3 technical report (arXiv 2412.19437), "
                                            "Table 1; your assumptions"),
                         "deepseek-training-cost-by-phase",
                         alt="Bar chart of the cost of each training phase")  # fmt: skip
        if by_price:
            with by_price:
                if result.ownership is not None:
                    ui.chart(
                        charts.ownership_breakdown(result.ownership, asm.defaults(PAGE, tables)["price"],
                                                   source="Epoch AI cost method (Cottier et al. 2024); data/prices.csv"),
                        "deepseek-ownership-cost-per-gpu-hour",
                        alt="Stacked bar of the owner's cost per GPU-hour beside the rental price",
                    )  # fmt: skip
                ui.chart(
                    charts.cost_vs_price(result.gpu_hours, result.price_per_gpu_hour,
                                         tables.memo("market_quotes", lambda t: scenarios.market_quotes(t["prices"])),
                                         source="data/prices.csv (dated rental quotes); DeepSeek-V3 Table 1"),
                    "deepseek-training-cost-vs-price",
                    alt="Line of the run's cost against price per GPU-hour with market quotes marked",
                )  # fmt: skip

    ui.share_box(PAGE, shown, result.summary())


calculator()
