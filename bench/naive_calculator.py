"""The naive page with a calculator's furniture: what Streamlit itself costs for that content.

The same plotly express line as ``bench/naive_app.py``, plus the elements /training-cost
shows on a first visit, written the plain way (no fragment, no caching): eight sidebar
links, a title and an intro, six metrics, four buttons, a radio, two sliders, three number
inputs, a toggle, a caption, two tabs, a popover and three buttons. ``bench/naive_deep_app.py``
serves it at ``/calculator``; the benchmark shows it as a reference row, not judged.
"""

import numpy as np
import plotly.express as px
import streamlit as st

st.set_page_config(layout="wide")
with st.sidebar:
    st.markdown("**A naive app**")
    for i in range(8):
        st.page_link("naive_app.py", label=f"Page {i + 1}")
    st.caption("Eight links, as the app's sidebar has.")
st.title("A naive calculator")
st.caption("The content of a calculator page at its first visit, written the plain way.")
top = st.columns(3)
for i, column in enumerate(top):
    column.metric(f"Headline {i + 1}", f"${i + 1}.00M", help="A number.")
st.markdown("**Presets**")
for i, column in enumerate(st.columns(4)):
    column.button(f"Preset {i + 1}", help="A preset.", width="stretch")
controls, results = st.columns([1, 2])
with controls:
    st.radio("Route", ["rental", "compute", "ownership"], horizontal=True, help="A choice.")
    k = st.slider("Frequency", min_value=1, max_value=50, value=10, key="k", help="A slider.")
    for name in ("First", "Second", "Third"):
        st.number_input(f"{name} input", value=100.0, help="A number.")
    st.slider("Count", min_value=256, max_value=20000, value=2048, help="Another slider.")
    st.toggle("A switch", help="A toggle.")
with results:
    for i, column in enumerate(st.columns(3)):
        column.metric(f"Result {i + 1}", f"{i + 1}.0 days")
    st.caption("A caption under the results, a sentence or two long, as the calculators have.")
    first, _second = st.tabs(["A chart", "Another chart"])
    with first:
        x = np.linspace(0.0, 1.0, 500)
        fig = px.line(x=x, y=np.sin(2 * np.pi * k * x), title=f"sin(2π·{k}·x)")
        st.plotly_chart(fig)
with st.popover("Share"):
    st.code("https://example.org/calculator?k=10", language=None)
st.button("Reset")
st.download_button("CSV", data="a,b\n1,2\n", file_name="a.csv")
st.download_button("JSON", data="{}", file_name="a.json")
