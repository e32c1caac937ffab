"""/reconcile: DeepSeek's cost headlines on one scale, with uncertainty bands and sensitivity."""

import streamlit as st

from aicost import ui
from aicost.site import BY_PATH

PAGE = BY_PATH["reconcile"]

ui.page(PAGE)

bar = ui.result_bar_place()  # a phone keeps the result in view while the inputs scroll
controls, results_column = st.columns([1, 2], gap="large")
# On a phone the columns stack; this key puts the results above the sliders (ui.RESULTS_FIRST).
results = results_column.container(key=ui.RESULTS_FIRST)
with controls:
    ui.heading("Assumptions, step by step")
    st.caption("Each starts at its sourced value; the (?) beside it gives the source.")
    values = {a.name: ui.widget(a.name) for a in PAGE.assumptions()}
try:
    r = ui.result(PAGE, values)
except ValueError as exc:
    ui.stop_with_warning(exc, results)

ui.result_bar(r, bar)
with results:
    top, bottom = st.columns(2), st.columns(2)
    for column, figure in zip([*top, *bottom], r.figures[:4], strict=True):
        ui.metrics([figure], column)
    ui.says(r, "recomputed")
    ui.finding(r)
    ui.rest_after_numbers()
    ui.says(r, "step3")
    for tab, label in ui.tabs(r, "rec_chart"):
        with tab:
            ui.charts(r, ("rec_chart", label))
            ui.says(r, "ladder" if label == PAGE.views["rec_chart"][0] else "waterfall")
    ui.change_panel(r)

st.subheader("What each figure counts")
ui.lazy_sourced_table(
    "Every step: what it adds, includes and leaves out, and its source",
    "reconcile_steps",
    r.body.frames["steps"],
    link="Link",
    width="stretch",
    row_height=96,
    height=40 + 96 * len(r.body.detail.steps),
    column_config={
        "Step": st.column_config.TextColumn(width=44, pinned=True),
        "Figure": st.column_config.TextColumn(width=170, pinned=True),
        "Value": st.column_config.TextColumn(width=110),
        "What this step adds": st.column_config.TextColumn(width=330),
        "Includes": st.column_config.TextColumn(width=330),
        "Excludes": st.column_config.TextColumn(width=240),
        "Data rows": st.column_config.TextColumn(
            width="medium", help="Ids in data/figures.csv; see the Data and sources page."
        ),
        "Source": st.column_config.TextColumn(width="medium"),
    },
)

st.subheader("How sure are these numbers?")
ui.says(r, "uncertainty")
left, right = st.columns(2, gap="large")
ui.metrics(r.figures[4:5], left)
ui.metrics(r.figures[5:6], right)
with right:
    ui.says(r, "fleet")

uncertainty = PAGE.views["rec_uncertainty"]
opened = ui.tabs(r, "rec_uncertainty")
for tab, label in opened:
    with tab:
        ui.charts(r, ("rec_uncertainty", label))
        if label == uncertainty[0]:
            ui.says(r, "median")
if any(label in uncertainty[2:] for _tab, label in opened):  # a fleet tab
    ui.page_link(BY_PATH["gpu-capex"], r.release.id, label="Change the fleet on the GPU capex page")

box = ui.lazy_expander("The distributions used", "reconcile_distributions")
if box is not None:
    with box:
        st.dataframe(r.body.frames["distributions"](), hide_index=True, width="stretch")

ui.pair_box(r)
ui.share_box(r)
