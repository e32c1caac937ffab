"""Streamlit's own cost for a calculator's slider rerun: the elements /training-cost sends when
its price slider moves (counted from the app's websocket messages: 70), drawn plainly inside
an ``st.fragment``, with no computation of the app's.

Thirteen buttons, thirteen markdown lines, six metrics, three number inputs, two sliders, a
radio, a toggle, two tabs, a popover, an expander with a text input, two download buttons, an
HTML block, a one-line component and one small plotly bar chart, in the same fourteen
containers and two columns. A reference row of the benchmark: the app's slider rerun against
it is what the app adds to what Streamlit costs for that content.
"""

import plotly.graph_objects as go
import streamlit as st

_tiny = st.components.v2.component("bench_tiny", js="export default function () {}")


@st.fragment
def calculator() -> None:
    headline = st.container(horizontal=True)
    presets = st.container(horizontal=True)
    controls, results = st.columns([1, 2])
    with controls:
        st.radio("Route", ["rental", "compute", "ownership"], horizontal=True, help="A choice.")
        v = st.slider("Value", min_value=0, max_value=100, value=50, key="v", help="A slider.")
        quick = st.container(horizontal=True)
        for i in range(6):
            quick.button(f"${i + 1}.00", key=f"q{i}")
        for name in ("First", "Second", "Third"):
            st.number_input(f"{name} input", value=100.0, help="A number.")
        st.slider("Count", min_value=256, max_value=20000, value=2048, help="Another slider.")
        st.toggle("A switch", help="A toggle.")
    for i in range(3):
        headline.metric(f"Headline {i + 1}", f"${v + i}.00M", help="A number.")
    for i in range(4):
        presets.button(f"Preset {i + 1}", help="A preset.")
    with results:
        row = st.container(horizontal=True)
        for i in range(3):
            row.metric(f"Result {i + 1}", f"{v + i}.0 days")
        for i in range(5):
            st.markdown(f"A sentence of the result, {v} in it, line {i + 1}.")
        first, _second = st.tabs(["A chart", "Another chart"])
        with first:
            fig = go.Figure(go.Bar(y=["a", "b", "c"], x=[v, 2 * v, 3], orientation="h"))
            st.plotly_chart(fig)
        with st.container(border=True):
            st.markdown("**What this scenario changes**")
            line = st.container(horizontal=True)
            line.markdown(f"Value: 50 -> {v}")
            line.button("Default", key="default")
            st.container(horizontal=True).markdown("Beside the sourced defaults.")
        st.markdown("Notes")
        for i in range(4):
            st.container(horizontal=True).markdown(f"A note under the chart, {v}, {i + 1}.")
        st.html("<span></span>")
        _tiny(key="tiny", data={"v": v}, height="content")
        with st.expander("Put a second scenario beside this one"):
            st.text_input("A link", key="second")
    bar = st.container(horizontal=True)
    with bar:
        st.popover("Share")  # its content is made once opened, as the app's
        st.button("Reset")
        st.button("Another")
        st.download_button("CSV", data="a,b\n1,2\n", file_name="a.csv")
        st.download_button("JSON", data="{}", file_name="a.json")


calculator()
