"""/compare: DeepSeek beside other frontier models, as reported and on one shared assumption."""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown, markdown_cells
from aicost.pages.compare.scenario import BASIS
from aicost.site import BY_PATH

PAGE = BY_PATH["compare"]

ui.page(PAGE)

bar = ui.result_bar_place()  # a phone keeps the result in view while the inputs scroll
controls, results = st.columns([1, 2], gap="large")
with controls:
    basis = ui.widget("cmp_basis")
    values = {"cmp_basis": basis}
    if basis == "compute":
        values.update(ui.mfu_inputs(BASIS))  # the chip, the MFU's basis, the MFU of that basis
    values["cmp_price"] = ui.widget("cmp_price")
r = ui.result(PAGE, values)
ui.result_bar(r, bar)

with results:
    ui.heading("Recomputed on one assumption")
    st.markdown(f"Every model's cost as {escape_markdown(r.body.says['basis'])}.")
    columns = st.columns(2)
    for i, figure in enumerate(r.figures):
        ui.metrics([figure], columns[i % 2], border=True)
    ui.says(r, "caveat")
    ui.notes(r)

ui.finding(r)
ui.rest_after_numbers()
ui.charts(r)
ui.says(r, "markers")
ui.lazy_sourced_table(
    f"Every figure, what it counts and its source ({r.body.says['count']})",
    "compare_sources",
    r.body.frames["figures"],
    column_config={
        "model": st.column_config.TextColumn("model", pinned=True),
        "what it counts": st.column_config.TextColumn("what it counts", width="large"),
        "cost (USD)": st.column_config.NumberColumn("cost (USD)", format="dollar"),
    },
)

st.subheader("What each DeepSeek model disclosed")
ui.says(r, "disclosed")
# a static table: its cells wrap (the formulas and sources are read whole), every cell escaped
disclosed = r.body.frames["disclosed"]()
if not disclosed.empty:
    st.table(markdown_cells(disclosed, link="none"), hide_index=True)

ui.pair_box(r)
ui.share_box(r)
