"""/timeline: High-Flyer's GPUs against each US export-control step, the models and the market."""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages import timeline
from aicost.site import BY_PATH

PAGE = BY_PATH["timeline"]

tables = ui.page(PAGE)
r = ui.result(PAGE)
ui.finding(r)

chosen = st.pills(
    "Show",
    options=list(timeline.scenario.CATEGORIES),
    default=list(timeline.scenario.CATEGORIES),
    selection_mode="multi",
    format_func=timeline.scenario.CATEGORY_LABELS.get,
    key="timeline_categories",
)
every = st.toggle("Every event, not only the key steps", key="timeline_every")
events = timeline.events_chart(tables, chosen, every, r.finding)
if events is None:
    st.info("Choose at least one category to see its events.", icon=":material/filter_alt:")
else:
    ui.chart(r, events)
    st.caption(
        "Rules are dated by announcement; effective and publication dates, where they differ, "
        "are separate events. Year-only or month-only dates sit on the first day."
    )

st.subheader("What China could legally buy")
st.markdown(
    "Between one rule and the next, the Nvidia data-centre chips (A100, A800, H100, H800, "
    "H20, H200) that could be sold to China without a license being refused:\n\n"
    + "\n".join(f"- {escape_markdown(line)}" for line in r.body.says["could_buy"].splitlines())
)
ui.chart(r, r.charts[-1])
ui.lazy_static_table(
    "Each chip's standing, period by period", "timeline_legality", r.body.frames["legality"]
)
listed = timeline.scenario.timeline_events(tables["events"], chosen)
ui.lazy_static_table(
    f"Every event with its source ({len(listed)})",
    "timeline_sources",
    lambda: timeline.scenario.timeline_table(listed),
)
