"""/data: every data file, filterable, with its source links, downloads and the methodology."""

import streamlit as st

from aicost import ui
from aicost.base import fmt
from aicost.base.text import escape_markdown
from aicost.pages.data import scenario as sources
from aicost.pages.overview import scenario as overview
from aicost.site import BY_PATH

PAGE = BY_PATH["data"]

tables = ui.page(PAGE)
ui.finding(ui.result(PAGE))

FILE = PAGE.params[0]
files = list(FILE.options)
# Streamlit 1.67 seeds a required segmented control with None from an empty bound value
# (`?file=`); the note above says so, and the page shows the default file.
name = (
    st.segmented_control(
        "Data file",
        options=files,
        default=FILE.default,
        required=True,
        key="file",
        bind="query-params",
    )
    or FILE.default
)
frame = tables[name]
st.caption(sources.SCHEMAS[name].description)

category_column = sources.CATEGORY_COLUMN[name]
left, middle, right = st.columns(3)
categories = left.multiselect(
    f"Filter by {category_column}",
    options=sources.distinct_values(frame, category_column),
    key=f"cat_{name}",
    placeholder="all",
)
statuses = middle.pills(
    "Status", options=list(sources.STATUSES), selection_mode="multi", key=f"status_{name}"
)
confidences = right.pills(
    "Confidence", options=list(sources.CONFIDENCES), selection_mode="multi", key=f"conf_{name}"
)
query = st.text_input(
    "Search every column", key="q", bind="query-params", placeholder="e.g. H800, Reuters, v3_"
)
shown = sources.filter_rows(
    frame,
    category_column=category_column,
    categories=categories or None,
    statuses=statuses or None,
    confidences=confidences or None,
    query=query,
)
st.caption(f"{fmt.count(len(shown))} of {fmt.count(len(frame))} rows of {name}.csv")
ui.sourced_table(
    sources.with_shown_values(shown),
    link="source_url",
    column_order=sources.column_order(shown),
    column_config={
        "id": st.column_config.TextColumn("id"),
        "shown": st.column_config.TextColumn("shown", help="The value, formatted by its unit"),
        "value": st.column_config.NumberColumn("value", format="localized"),
        "low": st.column_config.NumberColumn("low", format="localized"),
        "high": st.column_config.NumberColumn("high", format="localized"),
        "quote": st.column_config.TextColumn("quote", width="large"),
        "is_default": st.column_config.CheckboxColumn("is_default"),
    },
)

shown = ui.shown_release()
ui.heading(f"Download the data files of {shown.label}")
st.caption("Exactly as published, UTF-8 CSV.")
downloads = st.columns(len(files))
for col, file in zip(downloads, files, strict=True):
    col.download_button(
        f"{file}.csv",
        data=sources.raw_csv(ui.release_folder(shown.id), file),
        file_name=f"deepseek-cost-release-{shown.id}-{file}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"download_{file}",
        on_click="ignore",
    )

ui.releases_section()

st.header("Methodology")
st.markdown(
    "Each formula the pages use, with a worked example computed from the rows above and the "
    "source it follows."
)
for method in sources.methods(tables):
    ui.heading(method.name)
    st.code(method.formula, language=None, wrap_lines=True)
    st.caption(f"Example: {escape_markdown(method.example)}")
    st.page_link(
        method.source_url,
        label=f"Source: {escape_markdown(method.source_name)}",
        icon=":material/link:",
    )

st.subheader("What each headline number includes and excludes")
st.markdown(overview.scope_markdown(tables))
