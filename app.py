"""/ (overview): the headline figures, what each counts, and the way into every page.

Every number here comes from a data row (through aicost.pages.overview.scenario); none is typed in this file.
"""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages.market import scenario as market
from aicost.pages.overview import charts as overview_charts
from aicost.pages.overview import finding as overview_finding
from aicost.pages.overview import scenario as overview

PAGE = ""

tables = ui.page(PAGE)

st.subheader(escape_markdown(overview.framing(tables)))
items = overview.headlines(tables)
finding = overview_finding.overview(items, overview.ratios(tables))
ui.finding(finding)
ui.chart(
    overview_charts.headline_scale(items, source=overview.OVERVIEW_SOURCE),
    "deepseek-cost-headlines-on-one-scale",
    alt="The six headline figures on one log-scale bar chart, from R1's RL stage to the US "
    "stock market's one-day drop, coloured by kind: one training run, hardware over years, "
    f"stock-market value. {finding}",
)
st.markdown(
    "Each figure below answers a different question: what one training run would cost at a "
    "rental price, what the company spent on hardware over the years, or how much stock-market "
    "value changed hands. The **?** beside a figure (point at it, or tap it on a phone) says "
    "what it counts and where it comes from; the link under it opens the source, and the next "
    "its row on the Data and sources page, with the quote in full."
)
st.caption(escape_markdown(f'Where this site says "the article", it means {market.ARTICLE}.'))

for row in overview.chunks(items, 3):
    for column, item in zip(st.columns(3), row, strict=False):
        with column:
            st.metric(item.label, item.shown, help=item.help, border=True)
            # the original source in one step; its row, with the quote in full, one more
            st.markdown(ui.source_link(item.source_short, item.id))
            st.page_link(
                ui.DATA_PAGE,
                label="Its row and full quote",
                icon=":material/table:",
                query_params={"file": "figures", "q": item.id},
                help="Opens this row on the Data and sources page, with its quote and link.",
            )

ui.rest_after_numbers()
st.info(escape_markdown(overview.ratio_sentence(tables)), icon=":material/compare_arrows:")

st.subheader("What each number includes and leaves out")
st.markdown(overview.scope_markdown(tables))

st.subheader("Explore")
for script, label, icon, _path in ui.PAGES[1:]:
    st.page_link(script, label=label, icon=icon)
    st.caption(overview.PAGE_BLURBS[script])
