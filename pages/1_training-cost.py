"""/training-cost: what one training run cost, on the route and assumptions you choose."""

import streamlit as st

from aicost import ui
from aicost.base import fmt, gpus
from aicost.inputs import assumptions as asm
from aicost.inputs import presets
from aicost.pages.training_cost import charts as training_charts
from aicost.pages.training_cost import finding as training_finding
from aicost.pages.training_cost import scenario as training

PAGE = "training-cost"
PHASES_SOURCE = "DeepSeek-V3 technical report (arXiv 2412.19437), Table 1; your assumptions"
OWNERSHIP_SOURCE = "Epoch AI cost method (Cottier et al. 2024); data/prices.csv"
PRICE_SOURCE = "data/prices.csv (dated rental quotes); DeepSeek-V3 Table 1"

tables = ui.page(PAGE)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows it first
    headline = st.container(horizontal=True, gap="medium")
    ui.preset_buttons(
        PAGE,
        presets.training_presets,
        width="stretch",
        heading="**Start from a view people argue from**",
    )

    controls, results = st.columns([1, 2], gap="large")
    with controls:
        route = ui.widget(asm.BY_NAME["route"])
        names = (*asm.ROUTE_INPUTS[str(route)], "gpus", "r1")
        values = {"route": route, **{name: ui.widget(asm.BY_NAME[name]) for name in names}}

    result = training.training(asm.model_values(PAGE, tables, values), tables)
    base = ui.at_defaults(PAGE, training.training)
    finding = training_finding.training(result, tables)
    link = ui.share_link(PAGE, values)
    cost, hours, price = result.cost, result.gpu_hours, result.price_per_gpu_hour

    with headline:
        exact = f"{fmt.usd_exact(cost)} = {fmt.gpu_hours(hours)} x {fmt.usd(price)} per GPU-hour"
        st.metric("Training cost", fmt.usd(cost), help=exact)
        summed = "Sum of the phases shown in the chart below."
        st.metric("GPU-hours", fmt.gpu_hours(hours).replace(" GPU-hours", ""), help=summed)
        priced = "The slider on the rental route; Epoch's ownership cost on that route."
        st.metric("Price per GPU-hour", fmt.usd(price), help=priced)
    ui.rest_after_numbers()
    with results:
        with st.container(horizontal=True, gap="medium"):
            st.metric(f"Wall-clock on {fmt.count(values['gpus'])} GPUs", fmt.days(result.days))
            st.metric(
                "MFU",
                fmt.percent(result.mfu),
                help="Model FLOP utilisation: the share of the chips' peak speed the run "
                f"actually used. Basis: {result.mfu_basis}.",
            )
            st.metric(
                "Compute, 6·N·D (FLOP)",
                fmt.sci(result.flop),
                help=f"{fmt.flop_words(result.flop)} operations (FLOP: floating-point "
                "operations): 6 x active parameters (N) x training tokens (D), the usual "
                "estimate of a training run's arithmetic.",
            )
        # 3.29e24 as words a reader can say, without hovering
        st.caption(f"{fmt.sci(result.flop)} FLOP: {fmt.flop_words(result.flop)} operations.")
        spread = training.training_range(result)
        st.caption(
            f"Range over {spread.n:,} draws of the price inputs, each drawn within its source's "
            f"90% interval (Epoch AI), around the values set here: {spread.band()}, so 8 draws "
            f"in 10 fall in it. MFU basis: {result.mfu_basis}. The cost counts the final run "
            "only: no research, ablations, failed runs or staff."
        )
        for note in result.notes:
            st.info(note, icon=":material/info:")
        ui.finding(finding)

        def by_phase() -> None:
            title = training_finding.training_title(result)
            fig = training_charts.phase_costs(
                result.phase_costs, price, source=PHASES_SOURCE, title=title
            )
            alt = f"Bar chart of the cost of each training phase. {finding}"
            ui.chart(fig, "deepseek-training-cost-by-phase", alt=alt, link=link)

        def by_price() -> None:
            if result.ownership is not None:
                rental = asm.defaults(PAGE, tables)["price"]
                fig = training_charts.ownership_breakdown(
                    result.ownership, rental, source=OWNERSHIP_SOURCE
                )
                alt = (
                    "Stacked bar of the owner's cost per GPU-hour beside the rental price. "
                    + finding
                )
                ui.chart(fig, "deepseek-ownership-cost-per-gpu-hour", alt=alt, link=link)
            quotes = gpus.rental_quotes(tables)
            fig = training_charts.cost_vs_price(hours, price, quotes, source=PRICE_SOURCE)
            alt = (
                "Line of the run's cost against price per GPU-hour with market quotes marked. "
                + finding
            )
            ui.chart(fig, "deepseek-training-cost-vs-price", alt=alt, link=link)

        # the phases first; the price's own charts one click away (each chart drawn costs
        # the browser as much at first load as the naive page's whole chart)
        ui.views(PAGE, "tc_chart", by_phase, by_price)
        ui.change_panel(
            PAGE,
            values,
            [
                ("Training cost", cost, base.cost, fmt.usd),
                ("GPU-hours", hours, base.gpu_hours, fmt.gpu_hours),
                ("Price per GPU-hour", price, base.price_per_gpu_hour, fmt.usd),
            ],
        )

    ui.share_box(PAGE, values, result.summary(), finding)


calculator()
