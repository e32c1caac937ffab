"""The floor page as the app serves itself: the same slider and metric as bench/floor_app.py,
with the app's two server settings (``TCP_NODELAY`` on accepted connections, from
:func:`aicost.web.tcp_nodelay`, and ``runner.postScriptGC=false``, given on its command line).

A reference row only: what Streamlit's own cost becomes with what the app changes in it.
"""

import streamlit as st

if __name__ == "__main__":  # a script run
    value = st.slider("Value", min_value=0, max_value=100, value=50, key="v")
    st.metric("Value", value)
else:  # the server: `streamlit run` finds this App
    from aicost.web import tcp_nodelay

    tcp_nodelay()
    app = st.App("floor_tuned_app.py")  # relative to this file
