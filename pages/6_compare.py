"""/compare: DeepSeek beside other frontier models, as reported and on one shared assumption."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts_story, compare, findings, fmt, ui
from aicost.text import escape_markdown

PAGE = "compare"
A = asm.BY_NAME

tables = ui.page(
    "Compare models",
    "Reported training costs count different things: a rental-price estimate of one final run, "
    "amortized hardware and energy, a cloud bill, or a CEO's round number. Where a model's "
    "GPU-hours or training compute are known, it is recomputed here on one assumption you set.",
    PAGE,
)
ui.link_notes(PAGE)

controls, results = st.columns([1, 2], gap="large")
with controls:
    values: dict = {"cmp_basis": ui.widget(A["cmp_basis"])}
    for name in compare.compare_inputs(str(values["cmp_basis"])):
        values[name] = ui.widget(A[name])

full = {**asm.defaults(PAGE, tables), **values}
result = compare.compare_models(asm.to_model(full, PAGE), tables)

with results:
    st.markdown(f"**Recomputed on one assumption:** {escape_markdown(result.basis)}")
    highlights = compare.compare_highlights(result, limit=4)
    m = st.columns(2)
    for i, item in enumerate(highlights):
        col = m[i % 2]
        col.metric(item.model, fmt.usd_figure(item.value), help=escape_markdown(item.counts),
                   border=True)  # fmt: skip
        col.caption(f"Recomputed: {escape_markdown(compare.scope(item))}")
    st.caption(compare.HOURS_CAVEAT)
    for note in result.notes:
        st.info(escape_markdown(note), icon=":material/info:")

finding = findings.compare(
    result.basis,
    [(h.model, h.value) for h in highlights],
    stage_only={h.model for h in highlights if h.one_stage},
)
ui.finding(finding)
ui.chart(
    charts_story.compare_chart(result, source=compare.COMPARE_SOURCE),
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
