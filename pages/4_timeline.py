"""/timeline: High-Flyer's GPUs against each US export-control step, the models and the market."""

import streamlit as st

from aicost import story, ui

tables = ui.page(
    "Export-control timeline",
    "High-Flyer bought its A100s before the first US export controls. Each later rule caught "
    "more chips, and Nvidia answered with China-only variants. Hover over a marker for the "
    "date, the chips a rule caught and the source; the table below the chart lists every event.",
    ":material/timeline:",
)

chosen = st.pills(
    "Show",
    options=list(story.CATEGORIES),
    default=list(story.CATEGORIES),
    selection_mode="multi",
    format_func=story.CATEGORY_LABELS.get,
    key="timeline_categories",
)
rows = story.timeline_events(tables["events"], chosen)
if rows.empty:
    st.info("Choose at least one category to see its events.", icon=":material/filter_alt:")
else:
    ui.chart(
        story.timeline_chart(
            rows,
            source=story.TIMELINE_SOURCE,
            marks=story.timeline_marks(tables["events"]),
        ),
        "deepseek-export-control-timeline",
        alt="Timeline of High-Flyer, DeepSeek, US export-control, chip, model and market "
        "events, one lane per category",
        after_numbers=False,  # no figures above it: the chart is the page's answer
    )
    st.caption(
        "Rules are dated by announcement; effective and publication dates, where they differ, "
        "are separate events. Year-only or month-only dates sit on the first day."
    )
    ui.lazy_sourced_table(
        f"Every event with its source ({len(rows)})",
        "timeline_sources",
        lambda: story.timeline_table(rows),
        column_config={
            "date": st.column_config.TextColumn("date", pinned=True),
            "event": st.column_config.TextColumn("event", width="medium"),
            "detail": st.column_config.TextColumn("detail", width="large"),
        },
    )
