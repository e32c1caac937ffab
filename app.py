"""/ (overview): the headline figures, what each counts, and the way into every page.

Every number here comes from a data row (through aicost.pages.overview); none is typed here.

``streamlit run app.py`` finds the ``st.App`` below and serves it: Streamlit's pages plus the
app's own routes (each page's head for link previews, the preview cards, the JSON API, the
offline copies: aicost.web). Streamlit itself runs this file as the overview page's script.
"""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages.overview.scenario import chunks
from aicost.site import BY_PATH, PAGES

PAGE = BY_PATH[""]


def overview() -> None:
    """The overview page."""
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
                ui.page_link(
                    BY_PATH["data"], r.release.id, label="Its row and full quote",
                    file="figures", q=figure.key,
                    help="Opens this row on the Data and sources page, with its quote and link.",
                )  # fmt: skip

    ui.rest_after_numbers()
    st.info(escape_markdown(r.body.says["ratios"]), icon=":material/compare_arrows:")

    st.subheader("What each number includes and leaves out")
    st.markdown(r.body.says["scopes"])

    if r.body.says["rules"]:
        st.subheader("The chips the export rules allowed")
        st.markdown(escape_markdown(r.body.says["rules"]))
        for p in (BY_PATH["rules-cost"], BY_PATH["timeline"]):  # their blurbs: under Explore
            ui.page_link(p, r.release.id)

    st.subheader("Explore")
    for p in PAGES[1:]:
        ui.page_link(p, r.release.id)
        st.caption(p.blurb)

    ui.share_box(r)


if __name__ == "__main__":  # Streamlit runs this file as the overview page's script
    overview()
else:  # the server imports it: `streamlit run app.py` finds this App and serves it
    from aicost import web

    web.tcp_nodelay()
    ui.skip_direct_run_check()
    app = st.App("app.py", routes=web.routes(), lifespan=web.lifespan)
