"""/market: Nvidia's record one-day loss, why outlets reported different amounts, its scale.

:func:`compute` is everything the page shows for one scenario; the computation is
:mod:`.scenario`, the sentence :mod:`.finding`, the chart :mod:`.charts`.
"""

from __future__ import annotations

from aicost.base import fmt
from aicost.base.text import escape_markdown
from aicost.inputs import assumptions as asm
from aicost.pages.market import charts, finding
from aicost.pages.market.scenario import (
    ARTICLE,
    BLOOMBERG_NOTE,
    MARKET_SOURCE,
    MarketResult,
    inputs,
    market_drop,
    reported_explainer,
    reported_table,
)
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

ROWS = ("us_market_value_erased",)


def figures(result: MarketResult, wide_source: str) -> tuple[Figure, ...]:
    """The closes, the change, its scale, then each outlet's reported loss."""
    change = fmt.usd(result.price_change)
    before, after = (asm.BY_NAME[name].help for name in ("mkt_before", "mkt_after"))
    dropped = result.drop > 0
    out = [
        Figure("Close before", result.before, fmt.usd(result.before), "USD/share", help=before,
               key="close_before_usd"),
        Figure("Close after", result.after, fmt.usd(result.after), "USD/share", help=after,
               delta=change, key="close_after_usd"),
        Figure("Change in price", result.pct_change, fmt.percent(result.pct_change, 2),
               "fraction", help="(close after - close before) / close before",
               key="pct_change"),
        Figure("Change in market value", result.value_change, fmt.usd(result.value_change),
               "USD", key="market_value_change_usd",
               help=f"{fmt.compact(result.shares, 4)} shares × {escape_markdown(change)} a share."),
        Figure("Drop ÷ V3 training claim", result.drop_vs_claim if dropped else None,
               fmt.multiple(result.drop_vs_claim) if dropped else fmt.DASH, "multiple",
               key="drop_vs_training_claim",
               help=escape_markdown(f"{fmt.usd(result.drop)} / {fmt.usd(result.claim)}")
               + ": the drop above over the rental-equivalent GPU cost of DeepSeek-V3's final "
               "training run."),
        Figure("US stocks, one day, about", result.market_wide, fmt.usd(result.market_wide),
               "USD", key="us_market_value_erased_usd",
               help=f"Source: {escape_markdown(wide_source)}. Reuters-based reports: 'up to' "
               "this much."),
    ]  # fmt: skip
    for loss in result.reported:
        note = ""
        if loss.id == "nvda_mcap_loss_589":  # which article, and whose report is the source
            note = f"{BLOOMBERG_NOTE} The article: {ARTICLE}. "
        out.append(
            Figure(
                loss.label,
                loss.value,
                fmt.usd_reported(loss.value),
                "USD",
                help=f"Source: {escape_markdown(loss.source_name)}",
                caption=f"{note}implies {fmt.compact(loss.implied_shares, 4)} shares",
                key=f"reported_{loss.id}",
            )
        )
    return tuple(out)


def compute(s: Scenario) -> Body:
    """Everything /market shows for one scenario.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["market"], tables, Store("data/releases").current)
    >>> [f.text for f in r.figures[:5]]
    ['$142.62', '$118.42', '-16.97%', '-$589B', '105,600×']
    """
    tables = s.tables
    result = market_drop(inputs(tables, s.values), tables)
    times = result.drop_vs_claim if result.drop > 0 else None
    sentence = finding.market(
        result.before, result.after, result.pct_change, result.value_change, times
    )
    wide = tables.row("us_market_value_erased")
    what = (
        "Log-scale bar chart: DeepSeek's training costs, analysts' estimates of its hardware "
        "spending, Nvidia's one-day loss and the US market-wide loss."
    )
    return Body(
        figures=figures(result, str(wide["source_name"])),
        finding=sentence,
        lead=3,  # the change in market value: the page's news
        headline=f"Nvidia {fmt.usd(result.value_change)} in a day "
        f"({fmt.percent(result.pct_change, 2)})",
        charts=(
            Chart(
                "deepseek-market-drop-vs-training-cost",
                f"{what} {sentence}",
                lambda: charts.scale_chart(result, source=MARKET_SOURCE),
            ),
        ),
        says={"reported": reported_explainer(result)},
        bars=(
            Bar(
                "Nvidia's one-day change",
                abs(result.value_change),
                fmt.usd(abs(result.value_change)),
                ours=True,
            ),
            Bar("V3 training claim", result.claim, fmt.usd(result.claim)),
        ),  # fmt: skip
        frames={"sources": lambda: reported_table(result)},
        summary=result.summary(),
        rows=ROWS,
        detail=result,
    )
