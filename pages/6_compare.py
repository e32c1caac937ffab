"""/compare: DeepSeek beside other frontier models, as reported and on one shared assumption."""

import streamlit as st

from aicost import ui
from aicost.base import fmt
from aicost.base.text import escape_markdown
from aicost.inputs import assumptions as asm
from aicost.pages.compare import charts as compare_charts
from aicost.pages.compare import finding as compare_finding
from aicost.pages.compare import scenario as compare

PAGE = "compare"

tables = ui.page(PAGE)

controls, results = st.columns([1, 2], gap="large")
with controls:
    basis = ui.widget(asm.BY_NAME["cmp_basis"])
    shown = compare.compare_inputs(str(basis))
    values = {"cmp_basis": basis, **{name: ui.widget(asm.BY_NAME[name]) for name in shown}}

result = compare.compare_models(asm.model_values(PAGE, tables, values), tables)

with results:
    st.markdown(f"**Recomputed on one assumption:** {escape_markdown(result.basis)}")
    highlights = compare.compare_highlights(result, limit=4)
    m = st.columns(2)
    for i, item in enumerate(highlights):
        col = m[i % 2]
        counts = escape_markdown(item.counts)
        col.metric(item.model, fmt.usd_figure(item.value), help=counts, border=True)
        col.caption(f"Recomputed: {escape_markdown(compare.scope(item))}")
    st.caption(compare.HOURS_CAVEAT)
    for note in result.notes:
        st.info(escape_markdown(note), icon=":material/info:")

finding = compare_finding.compare(
    result.basis,
    [(h.model, h.value) for h in highlights],
    stage_only={h.model for h in highlights if h.one_stage},
)
ui.finding(finding)
ui.rest_after_numbers()
ui.chart(
    compare_charts.compare_chart(result, source=compare.COMPARE_SOURCE),
    "deepseek-vs-frontier-models-training-cost",
    alt="Log-scale dot plot of each model's training cost: as reported, amortized, cloud "
    f"price, and recomputed on the chosen assumption, with ranges as error bars. {finding}",
)
st.caption(
    "Markers show each model's default figure of each kind; the table lists every figure, "
    "including alternatives. Do not read a CEO's statement and a modelled estimate as the "
    "same kind of number."
)
ui.lazy_sourced_table(
    f"Every figure, what it counts and its source ({len(result.figures)})",
    "compare_sources",
    lambda: compare.compare_table(result),
    column_config={
        "model": st.column_config.TextColumn("model", pinned=True),
        "what it counts": st.column_config.TextColumn("what it counts", width="large"),
        "cost (USD)": st.column_config.NumberColumn("cost (USD)", format="dollar"),
    },
)

ui.share_box(PAGE, values, result.summary(), finding)
