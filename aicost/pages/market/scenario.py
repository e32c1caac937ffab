"""The market page (/market): Nvidia's one-day loss, recomputed, and why reports differ.

Pure: assumption values and data rows in, dataclasses and frames out; no streamlit import.
The chart is :func:`aicost.pages.market.charts.scale_chart`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from aicost.base import fmt, model
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm

PAGE = "market"


@dataclass(frozen=True, kw_only=True)
class Closes:
    """Nvidia's share price at the close before and after the drop (USD)."""

    before: float
    after: float

    @property
    def price_change(self) -> float:
        return self.after - self.before

    @property
    def pct_change(self) -> float:
        return self.price_change / self.before


@dataclass(frozen=True, kw_only=True)
class ReportedLoss(Closes):
    """One outlet's figure for Nvidia's loss, the closes it used and the shares it implies."""

    id: str
    label: str
    value: float
    source_name: str
    source_url: str

    @property
    def implied_shares(self) -> float:
        """The share count behind the figure: loss / fall in the share price."""
        return self.value / -self.price_change


@dataclass(frozen=True, kw_only=True)
class MarketResult(Closes):
    """The market page's figures for one set of inputs (closes and share count)."""

    shares: float
    reported: list[ReportedLoss]
    market_wide: float
    claim: float
    scale: list[tuple[str, float, str]] = field(default_factory=list)

    @property
    def value_change(self) -> float:
        """Change in market value (USD): shares × change in price; negative for a drop."""
        return self.shares * self.price_change

    @property
    def drop(self) -> float:
        """Market value lost (USD, positive for a drop)."""
        return -self.value_change

    @property
    def drop_vs_claim(self) -> float:
        return self.drop / self.claim

    def summary(self) -> dict[str, float | str]:
        """Headline results, for downloads."""
        return {
            "close_before_usd": round(self.before, 2),
            "close_after_usd": round(self.after, 2),
            "shares": round(self.shares),
            "pct_change": round(self.pct_change, 6),
            "market_value_change_usd": round(self.value_change),
            "drop_vs_training_claim": round(self.drop_vs_claim, 1),
        }


#: The page's inputs, in the order they are drawn.
MARKET_INPUTS = ("mkt_before", "mkt_after", "mkt_shares")

#: The article the app quotes, named once where a page first refers to it.
ARTICLE = (
    "The Washington Post, 'China's new AI star DeepSeek grew on more than a shoestring "
    "budget' (January 2025)"
)

#: What the first reported figure's card means: its label is kept for shared links.
BLOOMBERG_NOTE = (
    "The article's figure. Its source here is Business Insider's report of the same $589B; "
    "that report does not name its data vendor."
)

#: (loss row id, label, the close after that the outlet used) for Nvidia's loss.
REPORTED_LOSSES: tuple[tuple[str, str, str], ...] = (
    ("nvda_mcap_loss_589", "The article's figure", "nvda_close_2025_01_27"),
    ("nvda_mcap_loss_lseg", "Reuters, LSEG data", "nvda_close_2025_01_27"),
    ("nvda_mcap_loss_epochtimes", "The Epoch Times", "nvda_close_2025_01_27_epochtimes"),
)

#: (row id, label, colour group) of the amounts set beside the drop on the log chart.
SCALE_ROWS: tuple[tuple[str, str, str], ...] = (
    ("r1_rl_cost", "R1 RL stage", "deepseek"),
    ("v3_cost_total", "V3 claim", "deepseek"),
    ("semianalysis_gpu_investment", "GPUs (over)", "analyst"),
    ("semianalysis_server_capex", "Server capex", "analyst"),
)

MARKET_SOURCE = "data/figures.csv (closes, DeepSeek, SemiAnalysis, BI)"


@dataclass(frozen=True)
class MarketInputs:
    """/market's assumptions in model units."""

    mkt_before: float
    mkt_after: float
    mkt_shares: float


def inputs(tables: Tables, values: asm.Values | None = None) -> MarketInputs:
    """The page's inputs: its sourced defaults, with ``values`` (display units) in their place."""
    return asm.typed(MarketInputs, asm.model_values(PAGE, tables, values))


def market_drop(v: MarketInputs, tables: Tables) -> MarketResult:
    """Nvidia's change in value from the closes and share count (model units) in ``v``.

    At the defaults: $142.62 -> $118.42 on 24.34B shares.

    >>> m = market_drop(inputs(tables), tables)
    >>> fmt.percent(m.pct_change, 2), fmt.usd(m.drop), fmt.usd(m.price_change)
    ('-16.97%', '$589B', '-$24.20')
    >>> [fmt.compact(r.implied_shares, 4) for r in m.reported]
    ['24.34B', '24.49B', '24.62B']
    """
    before = model.check_input("close before", v.mkt_before)
    after = model.check_input("close after", v.mkt_after)
    shares = model.check_input("shares outstanding", v.mkt_shares)
    reported = []
    for row_id, label, close_id in REPORTED_LOSSES:
        row = tables.row(row_id)
        reported.append(
            ReportedLoss(
                id=row_id,
                label=label,
                value=tables.value(row_id),
                source_name=str(row["source_name"]),
                source_url=str(row["source_url"]),
                before=tables.value("nvda_close_2025_01_24"),
                after=tables.value(close_id),
            )
        )
    scale = [(label, tables.value(row_id), group) for row_id, label, group in SCALE_ROWS]
    return MarketResult(
        before=before,
        after=after,
        shares=shares,
        reported=reported,
        market_wide=tables.value("us_market_value_erased"),
        claim=tables.value("v3_cost_total"),
        scale=scale,
    )


def reported_explainer(result: MarketResult) -> str:
    """Why the reported losses differ, with the numbers computed from the rows.

    >>> text = reported_explainer(market_drop(inputs(tables), tables))
    >>> "24.34B" in text and "$4.7B" in text
    True
    """
    first = result.reported[0]
    values = [r.value for r in result.reported]
    shares = ", ".join(fmt.compact(r.implied_shares, 4) for r in result.reported)
    same = [fmt.usd_reported(r.value) for r in result.reported if r.after == first.after]
    other = [r for r in result.reported if r.after != first.after]
    closes = (
        f"The {' and '.join(same)} figures used the same closes ({fmt.usd(first.before)} to "
        f"{fmt.usd(first.after)}, a fall of {fmt.usd(-first.price_change)} a share)"
    )
    for r in other:
        closes += (
            f"; {r.label}' {fmt.usd_reported(r.value)} used an early print of the close, "
            f"{fmt.usd(r.after)}"
        )
    return (
        f"{closes}. "
        f"Divide each loss by its fall in price and you get the share count behind it: "
        f"{shares}. Outlets multiplied by different share counts (from different filings and "
        f"data vendors), so their totals differ by up to {fmt.usd(max(values) - min(values))}."
    )


def reported_table(result: MarketResult) -> pd.DataFrame:
    """The reported figures side by side with the share count each implies."""
    return pd.DataFrame(
        {
            "reported by": [r.label for r in result.reported],
            "loss": [fmt.usd_reported(r.value) for r in result.reported],
            "close after": [fmt.usd(r.after) for r in result.reported],
            "implied shares": [fmt.compact(r.implied_shares, 4) for r in result.reported],
            "link": [r.source_url for r in result.reported],
            "source": [r.source_name for r in result.reported],
        }
    )
