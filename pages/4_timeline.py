"""/timeline: what a Chinese buyer could legally obtain on any day, each export-control step
and the chips it caught, DeepSeek's models and the market."""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages import timeline
from aicost.site import BY_PATH

PAGE = BY_PATH["timeline"]
RULES_COST = BY_PATH["rules-cost"]

tables = ui.page(PAGE)
r = ui.result(PAGE)
ui.finding(r)
on = r.body.detail

# The rules and the best chip they left, on one screen: the list beside its chart.
st.subheader("What China could legally buy", anchor="what-china-could-legally-buy")
st.caption(
    "Between one rule and the next, the Nvidia data-centre chips a Chinese buyer could "
    "legally obtain: on sale in China, not refused by a US licence, not stopped by China. In "
    "brackets, the rule or event that began each stretch."
)
ui.day(PAGE, "on", st.container(width=320))
listed, drawn = st.columns([1, 2], gap="medium")
with listed:
    lines = r.body.says["could_buy"].splitlines()
    st.markdown(
        "\n".join(
            f"- **{escape_markdown(line)}**"
            if i == on.run and on.asked
            else f"- {escape_markdown(line)}"
            for i, line in enumerate(lines)
        )
    )
    ui.page_link(RULES_COST, r.release.id, **({"on": on.day} if on.asked else {}))
with drawn:
    ui.chart(r, next(c for c in r.charts if c.file == timeline.CEILING_CHART))

if on.lines:
    ui.heading(
        f"On {on.day}: each chip, and what had arrived"
        if on.asked
        else f"On {on.day}, the last day on file: each chip, and what had arrived",
        4,
    )
    st.markdown(
        "\n".join(
            f"- **{escape_markdown(chip)}** {escape_markdown(text)}" for chip, text in on.lines
        )
    )

st.subheader("Every step, labelled")
chosen = st.pills(
    "Show",
    options=list(timeline.scenario.CATEGORIES),
    default=list(timeline.scenario.CATEGORIES),
    selection_mode="multi",
    format_func=timeline.scenario.CATEGORY_LABELS.get,
    key="timeline_categories",
)
for tab, label in ui.tabs(r, "tl_events"):
    with tab:
        view = ("tl_events", label)
        if set(chosen) == set(timeline.scenario.CATEGORIES):
            shown = [c for c in r.charts if c.view == view]
        else:  # a filter of the reader's own, not in the link
            every = label == timeline.VIEWS["tl_events"][1]
            made = timeline.events_chart(tables, chosen, every, r.finding, view)
            shown = [made] if made else []
        if not shown:
            st.info("Choose at least one category to see its events.", icon=":material/filter_alt:")
        for chart in shown:
            ui.chart(r, chart)
st.caption(
    "Rules are dated by announcement; effective and publication dates, where they differ, "
    "are separate events. Year-only or month-only dates sit on the first day."
)
ui.lazy_static_table(
    "Each chip's standing, period by period", "timeline_legality", r.body.frames["legality"]
)
listed_events = timeline.listed_events(tables, chosen)
ui.lazy_static_table(
    f"Every event with its source ({len(listed_events)})",
    "timeline_sources",
    lambda: timeline.scenario.timeline_table(listed_events),
)
ui.share_box(r)
