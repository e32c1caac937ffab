"""/timeline: High-Flyer's GPUs against each US export-control step, the models and the market."""

import streamlit as st

from aicost import ui
from aicost.base.text import escape_markdown
from aicost.pages.timeline import charts as timeline_charts
from aicost.pages.timeline import finding as timeline_finding
from aicost.pages.timeline import scenario as timeline

PAGE = "timeline"

tables = ui.page(PAGE)
events = tables["events"]
periods = timeline.legal_periods(events)
finding = timeline_finding.timeline(events, periods)
if finding:
    ui.finding(finding)

chosen = st.pills(
    "Show",
    options=list(timeline.CATEGORIES),
    default=list(timeline.CATEGORIES),
    selection_mode="multi",
    format_func=timeline.CATEGORY_LABELS.get,
    key="timeline_categories",
)
every = st.toggle("Every event, not only the key steps", key="timeline_every")
rows = timeline.chart_rows(events, chosen, key_only=not every)
if rows.empty:
    st.info("Choose at least one category to see its events.", icon=":material/filter_alt:")
else:
    ui.chart(
        timeline_charts.timeline_chart(rows, source=timeline.TIMELINE_SOURCE),
        "deepseek-export-control-timeline",
        alt="Timeline of US export-control steps, Nvidia's China chips, DeepSeek's models and "
        f"the market, one labelled row per event. {finding}",
        after_numbers=False,  # no figures above it: the chart is the page's answer
    )
    st.caption(
        "Rules are dated by announcement; effective and publication dates, where they differ, "
        "are separate events. Year-only or month-only dates sit on the first day."
    )

st.subheader("What China could legally buy")
st.markdown(
    "Between one rule and the next, the Nvidia data-centre chips (A100, A800, H100, H800, "
    "H20, H200) that could be sold to China without a license being refused:\n\n"
    + "\n".join(f"- {escape_markdown(line)}" for line in timeline.could_buy(periods))
)
ui.chart(
    timeline_charts.ceiling_chart(
        timeline.chip_ceiling(events, tables["gpus"]),
        timeline.releases(events),
        source=timeline.CEILING_SOURCE,
    ),
    "best-nvidia-chip-china-could-buy",
    alt="Step chart of the dense BF16 peak and NVLink bandwidth of the best Nvidia chip China "
    "could legally buy, each step labelled with its chip, DeepSeek's V3 and R1 marked",
    after_numbers=False,
)
ui.lazy_static_table(
    "Each chip's standing, period by period",
    "timeline_legality",
    lambda: timeline.legality_table(periods),
)
listed = timeline.timeline_events(events, chosen)
ui.lazy_static_table(
    f"Every event with its source ({len(listed)})",
    "timeline_sources",
    lambda: timeline.timeline_table(listed),
)
