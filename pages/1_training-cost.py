"""/training-cost: what one training run cost, on the route and assumptions you choose."""

import streamlit as st

from aicost import ui
from aicost.inputs import assumptions as asm
from aicost.inputs import presets
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
        names = (*asm.ROUTE_INPUTS[str(route)], "gpus", "r1")
        values = {"route": route, **{name: ui.widget(name) for name in names}}
    r = ui.result(PAGE, values)
    ui.result_bar(r, bar)
    ui.metrics(r.figures[:3], headline)
    ui.rest_after_numbers()
    with results:
        ui.metrics(r.figures[3:], st.container(horizontal=True, gap="medium"))
        ui.says(r, "range")
        ui.notes(r)
        ui.finding(r)
        for tab, label in ui.tabs(r, "tc_chart"):
            with tab:
                ui.charts(r, ("tc_chart", label))
        ui.change_panel(r)
    ui.share_box(r)


calculator()  # nothing may follow: see aicost/ui/paint.py, rule 2
