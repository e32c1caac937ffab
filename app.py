"""/ (overview): the headline figures, what each counts, and the way into every page.

Every number here comes from a data row (through aicost.pages.overview); none is typed here.
"""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages.overview.scenario import chunks
from aicost.site import BY_PATH, PAGES

PAGE = BY_PATH[""]

ui.page(PAGE)
r = ui.result(PAGE)

st.subheader(escape_markdown(r.body.says["framing"]))
ui.finding(r)
ui.charts(r)
st.markdown(r.body.says["guide"])
ui.says(r, "article")

for row in chunks(r.figures, 3):
    for column, figure in zip(st.columns(3), row, strict=False):
        with column:
            ui.metrics([figure], border=True)
            # the original source in one step; its row, with the quote in full, one more
            st.markdown(ui.source_link(figure.key))
            st.page_link(
                ui.DATA_PAGE,
                label="Its row and full quote",
                icon=":material/table:",
                query_params={"file": "figures", "q": figure.key, "rel": r.release.id},
                help="Opens this row on the Data and sources page, with its quote and link.",
            )

ui.rest_after_numbers()
st.info(escape_markdown(r.body.says["ratios"]), icon=":material/compare_arrows:")

st.subheader("What each number includes and leaves out")
st.markdown(r.body.says["scopes"])

st.subheader("Explore")
for p in PAGES[1:]:
    st.page_link(p.script, label=p.label, icon=p.icon)
    st.caption(p.blurb)
