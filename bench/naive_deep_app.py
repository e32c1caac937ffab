"""The naive one-chart page behind a deep link: ``bench/naive_app.py`` served at ``/chart``,
``bench/naive_calculator.py`` (the same chart with a calculator's elements) at ``/calculator``,
and the floor page (``bench/floor_app.py``) at ``/floor``.

A visitor who opens a shared link such as ``/training-cost`` first pays Streamlit's
base-path discovery: the frontend asks ``/training-cost/_stcore/health``, gets a 404, waits
and asks ``/_stcore/health``. The naive page at ``/`` never pays it. The benchmark loads this
page too, so that cost is shown apart from the app's own.
"""

import streamlit as st


def home() -> None:
    st.write("The naive page is at /chart.")


st.navigation(
    [
        st.Page(home, title="Home", default=True),
        st.Page("naive_app.py", url_path="chart"),
        st.Page("naive_calculator.py", url_path="calculator"),
        st.Page("floor_app.py", url_path="floor"),
    ],
    position="hidden",
).run()
