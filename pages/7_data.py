"""/data: every data file, filterable, with its source links, downloads and the methodology."""

import streamlit as st

from aicost import fmt, story, ui

tables = ui.page(
    "Data and sources",
    "Every figure on this site is a row here, with the sentence it was taken from and a link "
    "to the source. Reported rows come straight from a source, estimates from an analyst or "
    "model, and derived rows are computed from other rows by the formula shown.",
    ":material/table:",
)

PAGE = "data"
ui.link_notes(PAGE)

FILE = ui.page_params(PAGE)["file"]
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
st.caption(story.SCHEMAS[name].description)

category_column = story.CATEGORY_COLUMN[name]
left, middle, right = st.columns(3)
categories = left.multiselect(
    f"Filter by {category_column}",
    options=story.options(frame, category_column),
    key=f"cat_{name}",
    placeholder="all",
)
statuses = middle.pills(
    "Status", options=list(story.STATUSES), selection_mode="multi", key=f"status_{name}"
)
confidences = right.pills(
    "Confidence", options=list(story.CONFIDENCES), selection_mode="multi", key=f"conf_{name}"
)
query = st.text_input(
    "Search every column", key="q", bind="query-params", placeholder="e.g. H800, Reuters, v3_"
)
shown = story.filter_rows(
    frame,
    category_column=category_column,
    categories=categories or None,
    statuses=statuses or None,
    confidences=confidences or None,
    query=query,
)
st.caption(f"{fmt.count(len(shown))} of {fmt.count(len(frame))} rows of {name}.csv")
ui.sourced_table(
    story.readable(shown),
    link="source_url",
    column_order=story.column_order(shown),
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

st.markdown("**Download the data files** (exactly as shipped, UTF-8 CSV)")
downloads = st.columns(len(files))
for col, file in zip(downloads, files, strict=True):
    col.download_button(
        f"{file}.csv",
        data=story.raw_csv(ui.data_dir(), file),
        file_name=f"deepseek-cost-{file}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"download_{file}",
        on_click="ignore",
    )

st.header("Methodology")
st.markdown(
    "Each formula the pages use, with a worked example computed from the rows above and the "
    "source it follows."
)
for method in story.methods(tables):
    st.markdown(f"**{story.md(method.name)}**")
    st.code(method.formula, language=None, wrap_lines=True)
    st.caption(f"Example: {story.md(method.example)}")
    st.page_link(
        method.source_url, label=f"Source: {story.md(method.source_name)}", icon=":material/link:"
    )

st.subheader("What each headline number includes and excludes")
st.markdown(story.scope_markdown(tables))
