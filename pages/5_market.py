"""/market: Nvidia's record one-day loss, why outlets reported different amounts, its scale."""

import streamlit as st

from aicost import ui
from aicost.site import BY_PATH

PAGE = BY_PATH["market"]

ui.page(PAGE)

# On a phone the headline figures come before the closes that set them (INPUTS_LAST).
head = st.container()
with head, st.container(key=ui.INPUTS_LAST):
    inputs = st.columns(3)
    values = {
        a.name: ui.widget(a.name, column)
        for a, column in zip(PAGE.assumptions(), inputs, strict=True)
    }
r = ui.result(PAGE, values)

with head:
    for row in (r.figures[:4], r.figures[4:6]):
        for column, figure in zip(st.columns(4), row, strict=False):
            ui.metrics([figure], column)
ui.rest_after_numbers()

st.subheader("Three reported figures, three share counts")
ui.says(r, "reported")
reported = r.figures[6:]
for column, figure in zip(st.columns(len(reported)), reported, strict=True):
    ui.metrics([figure], column, border=True)
ui.lazy_sourced_table(
    "The three reported losses, with their sources",
    "market_sources",
    r.body.frames["sources"],
)
ui.finding(r)
ui.charts(r)

ui.pair_box(r)
ui.share_box(r)
