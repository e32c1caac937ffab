"""/market: Nvidia's record one-day loss, why outlets reported different amounts, its scale."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts_story, findings, fmt, market, ui
from aicost.text import escape_markdown

PAGE = "market"
A = asm.BY_NAME

tables = ui.page(
    "Market shock",
    "On Monday 27 January 2025, a week after DeepSeek-R1's release, Nvidia lost more stock-market "
    "value in one day than any company before. Change the closing prices or the share count "
    "and the loss is recomputed.",
    PAGE,
)
ui.link_notes(PAGE)

inputs = st.columns(3)
values = {name: ui.widget(A[name], inputs[i]) for i, name in enumerate(market.MARKET_INPUTS)}
result = market.market_drop(asm.to_model(values, PAGE), tables)

m = st.columns(4)
m[0].metric("Close before", fmt.usd(result.before), help=A["mkt_before"].help)
m[1].metric("Close after", fmt.usd(result.after), fmt.usd(result.price_change),
            help=A["mkt_after"].help)  # fmt: skip
m[2].metric("Change in price", fmt.percent(result.pct_change, 2),
            help="(close after - close before) / close before")  # fmt: skip
m[3].metric(
    "Change in market value",
    fmt.usd(result.value_change),
    help=f"{fmt.compact(result.shares, 4)} shares × {escape_markdown(fmt.usd(result.price_change))} "
    "a share.",
)
m = st.columns(4)
m[0].metric(
    "Drop ÷ V3 training claim",
    fmt.multiple(result.drop_vs_claim) if result.drop > 0 else fmt.DASH,
    help=f"{escape_markdown(fmt.usd(result.drop))} / {escape_markdown(fmt.usd(result.claim))}: the drop above "
    "over the rental-equivalent GPU cost of DeepSeek-V3's final training run.",
)
wide = tables.row("us_market_value_erased")
m[1].metric(
    "US stocks, one day, about",
    fmt.usd(result.market_wide),
    help=f"Source: {escape_markdown(wide['source_name'])}. Reuters-based reports: 'up to' this much.",
)

st.subheader("Three reported figures, three share counts")
st.markdown(escape_markdown(market.reported_explainer(result)))
r = st.columns(len(result.reported))
for col, loss in zip(r, result.reported, strict=True):
    col.metric(loss.label, fmt.usd_reported(loss.value), help=f"Source: {escape_markdown(loss.source_name)}",
               border=True)  # fmt: skip
    if loss.id == "nvda_mcap_loss_589":  # say which article, and whose report is the source
        col.caption(escape_markdown(f"{market.BLOOMBERG_NOTE} The article: {market.ARTICLE}."))
    col.caption(f"implies {fmt.compact(loss.implied_shares, 4)} shares")
ui.lazy_sourced_table(
    "The three reported losses, with their sources",
    "market_sources",
    lambda: market.reported_table(result),
)
finding = findings.market(result.before, result.after, result.pct_change, result.value_change,
                          result.drop_vs_claim if result.drop > 0 else None)  # fmt: skip
ui.finding(finding)
ui.chart(
    charts_story.scale_chart(result, source=market.MARKET_SOURCE),
    "deepseek-market-drop-vs-training-cost",
    alt="Log-scale bar chart: DeepSeek's training costs, analysts' estimates of its hardware "
    f"spending, Nvidia's one-day loss and the US market-wide loss. {finding}",
)

ui.share_box(PAGE, values, result.summary(), finding)
