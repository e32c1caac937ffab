"""/market: Nvidia's record one-day loss, why outlets reported different amounts, its scale."""

import streamlit as st

from aicost import ui
from aicost.base import fmt
from aicost.base.text import escape_markdown
from aicost.inputs import assumptions as asm
from aicost.pages.market import charts as market_charts
from aicost.pages.market import finding as market_finding
from aicost.pages.market import scenario as market

PAGE = "market"

tables = ui.page(PAGE)

# On a phone the headline figures come before the closes that set them (INPUTS_LAST).
head = st.container()
with head, st.container(key=ui.INPUTS_LAST):
    inputs = st.columns(3)
    values = {
        name: ui.widget(asm.BY_NAME[name], column)
        for name, column in zip(market.MARKET_INPUTS, inputs, strict=True)
    }
result = market.market_drop(asm.model_values(PAGE, tables, values), tables)

with head:
    m = st.columns(4)
    before, after = (asm.BY_NAME[name].help for name in ("mkt_before", "mkt_after"))
    m[0].metric("Close before", fmt.usd(result.before), help=before)
    change = fmt.usd(result.price_change)
    m[1].metric("Close after", fmt.usd(result.after), change, help=after)
    how = "(close after - close before) / close before"
    m[2].metric("Change in price", fmt.percent(result.pct_change, 2), help=how)
    m[3].metric(
        "Change in market value",
        fmt.usd(result.value_change),
        help=f"{fmt.compact(result.shares, 4)} shares × {escape_markdown(change)} a share.",
    )
    m = st.columns(4)
    m[0].metric(
        "Drop ÷ V3 training claim",
        fmt.multiple(result.drop_vs_claim) if result.drop > 0 else fmt.DASH,
        help=escape_markdown(f"{fmt.usd(result.drop)} / {fmt.usd(result.claim)}")
        + ": the drop above over the rental-equivalent GPU cost of DeepSeek-V3's final training run.",
    )
    wide = tables.row("us_market_value_erased")
    m[1].metric(
        "US stocks, one day, about",
        fmt.usd(result.market_wide),
        help=f"Source: {escape_markdown(wide['source_name'])}. Reuters-based reports: 'up to' this "
        "much.",
    )
ui.rest_after_numbers()

st.subheader("Three reported figures, three share counts")
st.markdown(escape_markdown(market.reported_explainer(result)))
r = st.columns(len(result.reported))
for col, loss in zip(r, result.reported, strict=True):
    source = f"Source: {escape_markdown(loss.source_name)}"
    col.metric(loss.label, fmt.usd_reported(loss.value), help=source, border=True)
    if loss.id == "nvda_mcap_loss_589":  # say which article, and whose report is the source
        col.caption(escape_markdown(f"{market.BLOOMBERG_NOTE} The article: {market.ARTICLE}."))
    col.caption(f"implies {fmt.compact(loss.implied_shares, 4)} shares")
ui.lazy_sourced_table(
    "The three reported losses, with their sources",
    "market_sources",
    lambda: market.reported_table(result),
)
times = result.drop_vs_claim if result.drop > 0 else None
finding = market_finding.market(
    result.before, result.after, result.pct_change, result.value_change, times
)
ui.finding(finding)
scale = market_charts.scale_chart(result, source=market.MARKET_SOURCE)
what = (
    "Log-scale bar chart: DeepSeek's training costs, analysts' estimates of its hardware "
    "spending, Nvidia's one-day loss and the US market-wide loss."
)
ui.chart(scale, "deepseek-market-drop-vs-training-cost", alt=f"{what} {finding}")

ui.share_box(PAGE, values, result.summary(), finding)
