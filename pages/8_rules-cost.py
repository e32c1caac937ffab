"""/rules-cost: what the export rules cost, period by period, in GPU-hours, dollars and days."""

import streamlit as st

from aicost import ui
from aicost.pages.rules_cost import scenario as rules
from aicost.site import BY_PATH

PAGE = BY_PATH["rules-cost"]

ui.page(PAGE)


@ui.calculator(PAGE)
def calculator() -> None:
    # filled below, once the inputs are read: a phone shows them first, the bar kept in view
    bar = ui.result_bar_place()
    headline = st.container(horizontal=True, gap="medium")
    controls, results = st.columns([1, 2], gap="large")
    with controls:
        ui.day(PAGE, "on")
        values = {"rc_model": ui.widget("rc_model")}
        # the MFU converts with its basis: 17.3% of the FP8 peak is 34.6% of the BF16 peak
        values.update(ui.mfu_inputs(rules.BASIS))
        for name in ("rc_link", "rc_route"):
            values[name] = ui.widget(name)
        if values["rc_route"] == "one price":
            values["rc_price"] = ui.widget("rc_price")
        values["rc_gpus"] = ui.widget("rc_gpus")
    r = ui.result(PAGE, values)
    ui.result_bar(r, bar)
    ui.metrics(r.figures[:4], headline)
    ui.rest_after_numbers()
    with results:
        ui.metrics(r.figures[4:], st.container(horizontal=True, gap="medium"))
        ui.notes(r)
        ui.finding(r)
        ui.charts(r)
        ui.lazy_static_table(
            "Every period: the chip, the run on it, and without the rules",
            "rules_cost_periods",
            r.body.frames["periods"],
        )
        ui.change_panel(r)
        ui.pair_box(r)
    ui.share_box(r)


calculator()  # nothing may follow: see aicost/ui/paint.py, rule 2
