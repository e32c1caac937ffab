"""/training-cost: what one training run cost, on the route and assumptions you choose."""

import streamlit as st

from aicost import ui
from aicost.inputs import assumptions as asm
from aicost.inputs import presets
from aicost.pages.training_cost import price_label
from aicost.site import BY_PATH

PAGE = BY_PATH["training-cost"]

ui.page(PAGE)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows them first, the bar kept in view
    bar = ui.result_bar_place()
    headline = st.container(horizontal=True, gap="medium")
    ui.preset_buttons(
        PAGE,
        presets.training_presets,
        width="stretch",
        heading="Start from a view people argue from",
    )
    controls, results = st.columns([1, 2], gap="large")
    with controls:
        route = ui.widget("route")
        values = {"route": route}
        band = None
        basis = PAGE.mfu
        assert basis is not None
        for name in (*asm.ROUTE_INPUTS[str(route)], "gpus", "r1"):
            if name == basis.chip:  # the chip, the MFU's basis and the MFU of that basis
                values.update(ui.mfu_inputs(basis))
            elif name == "price":  # on the ownership route, the price owning is set against
                label, note = price_label(str(route))
                values[name] = ui.widget(name, label=label, note=note)
                band = st.container()  # where the price sits among sourced quotes
            elif name not in basis.names():
                values[name] = ui.widget(name)
    r = ui.result(PAGE, values)
    ui.result_bar(r, bar)
    ui.metrics(r.figures[:3], headline)
    ui.rest_after_numbers()
    if band is not None:
        with band:
            ui.says(r, "price_band")
    with results:
        ui.metrics(r.figures[3:], st.container(horizontal=True, gap="medium"))
        ui.says(r, "range")
        ui.notes(r)
        ui.finding(r)
        for tab, label in ui.tabs(r, "tc_chart"):
            with tab:
                ui.charts(r, ("tc_chart", label))
                if label == PAGE.views["tc_chart"][1]:
                    ui.says(r, "rent_or_own")  # under the owner's chart, on that route
        ui.change_panel(r)
        ui.pair_box(r)
    ui.share_box(r)


calculator()  # nothing may follow: see aicost/ui/paint.py, rule 2
