"""The floor page: one slider and one ``st.metric``, nothing else.

Whatever a rerun of this page costs is Streamlit's own cost on this machine (session,
script run, widget state, websocket); the benchmark divides the app's figures by it.
"""

import streamlit as st

value = st.slider("Value", min_value=0, max_value=100, value=50, key="v")
st.metric("Value", value)
