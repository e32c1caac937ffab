"""The naive one-chart page: one slider and one plotly express line of 500 points.

This is what a first attempt looks like (default template, default theme, no caching); the
benchmark compares the app's browser timings with it.
"""

import numpy as np
import plotly.express as px
import streamlit as st

k = st.slider("Frequency", min_value=1, max_value=50, value=10, key="k")
x = np.linspace(0.0, 1.0, 500)
fig = px.line(x=x, y=np.sin(2 * np.pi * k * x), title=f"sin(2π·{k}·x)")
st.plotly_chart(fig)
