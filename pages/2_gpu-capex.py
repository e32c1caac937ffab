"""/gpu-capex: what DeepSeek's GPUs cost to buy (and run), set against the $5.6M claim."""

import streamlit as st

from aicost import ui
from aicost.base.gpus import FLEET_GPUS, fleet_names
from aicost.inputs import presets
from aicost.site import BY_PATH

PAGE = BY_PATH["gpu-capex"]

ui.page(PAGE)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows them first, the bar kept in view
    bar = ui.result_bar_place()
    headline = st.container(horizontal=True, gap="medium")
    ui.preset_buttons(PAGE, presets.fleet_presets)
    controls, results = st.columns([1, 2], gap="large")
    values = {}
    with controls:
        for gpu in FLEET_GPUS:
            row = st.container(horizontal=True, vertical_alignment="bottom")
            for name in fleet_names(gpu):
                values[name] = ui.widget(name, row)
        for name in ("srv", "net", "opex"):
            values[name] = ui.widget(name)
        if values["opex"]:
            for name in ("years", "fleet_pue", "fleet_kwh"):
                values[name] = ui.widget(name)
    try:
        r = ui.result(PAGE, values)
    except ValueError as exc:  # a fleet of no GPUs
        ui.stop_with_warning(exc, results)
    ui.result_bar(r, bar)
    ui.metrics(r.figures[:3], headline)
    ui.rest_after_numbers()
    with results:
        ui.metrics(r.figures[3:])
        ui.says(r, "range")
        ui.finding(r)
        for tab, label in ui.tabs(r, "capex_chart"):
            with tab:
                ui.charts(r, ("capex_chart", label))
        ui.change_panel(r)
        ui.pair_box(r)
    ui.share_box(r)


calculator()  # nothing may follow: see aicost/ui/paint.py, rule 2
