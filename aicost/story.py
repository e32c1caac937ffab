"""The story pages' computations and charts: overview, timeline, market, compare, data.

Pure: data frames and assumption values in, dataclasses, frames and ``go.Figure`` out; no
streamlit import. Every figure a story page shows comes from a data row or from a function
here, so each can be tested without a browser.
"""

from __future__ import annotations

import math
import string
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aicost import data as _data
from aicost import fmt, model
from aicost.charts import SAFE, dollar_ticks, finish_layout
from aicost.data import SCHEMAS, Tables
from aicost.scenarios import peak_flops

# ---------------------------------------------------------------------------------------------
# Text templates filled from the data

_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$")


def md(text: object) -> str:
    """Text escaped for Streamlit markdown, so ``$5.6M or $1.6B`` is not read as LaTeX.

    >>> print(md("$5.6M or $1.6B"))
    \\$5\\.6M or \\$1\\.6B
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def fill(template: str, tables: Tables) -> str:
    """Fill ``{row_id}`` fields of ``template`` with that row's value, formatted by its unit.

    ``{row_id:2}`` keeps two significant digits for dollar amounts (``$5.6M``).

    >>> from aicost.data import load_all
    >>> fill(
    ...     "{v3_cost_total} = {v3_gpu_hours_total} at {v3_rental_price_assumption}",
    ...     load_all("data"),
    ... )
    '$5.58M = 2.79M GPU-hours at $2.00/GPU-hour'
    >>> fill("about {v3_cost_total:2}", load_all("data"))
    'about $5.6M'
    """
    out = []
    for literal, name, spec, _conv in string.Formatter().parse(template):
        out.append(literal)
        if name is None:
            continue
        row = tables.row(name)
        unit = str(row.get("unit", ""))
        value = tables.value(name)
        if spec and unit == "USD":
            out.append(fmt.usd(value, int(spec)))
        else:
            out.append(fmt.by_unit(value, unit))
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Overview


@dataclass(frozen=True)
class Headline:
    """One headline figure: its value as shown, what it counts and where it comes from."""

    id: str
    label: str
    value: float
    shown: str
    counts: str
    source_name: str
    source_url: str
    date: str
    status: str
    confidence: str

    @property
    def source_short(self) -> str:
        """The source's name up to its first comma: ``SemiAnalysis``."""
        return short_source(self.source_name)

    @property
    def help(self) -> str:
        """The metric's help text (markdown): what it counts, its source, date and standing."""
        return (
            f"{md(self.counts)}\n\nSource: {md(self.source_name)} ({md(self.date)}); "
            f"{self.status}, {self.confidence} confidence. Row `{self.id}` on Data and sources."
        )


def short_source(name: str, limit: int = 28) -> str:
    """A source's name up to its first comma, shortened: a link label that fits a card.

    >>> short_source("SemiAnalysis, 'DeepSeek Debates' (2025-01-31)")
    'SemiAnalysis'
    >>> short_source("Reuters via The Japan Times (2025-01-28)")
    'Reuters via The Japan Times…'
    """
    head = name.split(",")[0].strip()
    return _short(head, limit)


#: (row id, label, what it counts). Fields in braces are filled from the data rows.
HEADLINE_SPECS: tuple[tuple[str, str, str], ...] = (
    (
        "v3_cost_total",
        "V3 training run, as claimed",
        "{v3_gpu_hours_total} of H800 time at an assumed {v3_rental_price_assumption}: the "
        "final V3 training run only, priced as if rented. It excludes research and "
        "ablations, the R1 stage, staff and buying any hardware.",
    ),
    (
        "r1_rl_cost",
        "R1 reasoning stage",
        "The reinforcement-learning stage that turned V3-Base into R1, on {r1_rl_gpus} (H800), "
        "priced the same way. It comes on top of the V3 run.",
    ),
    (
        "semianalysis_gpu_investment",
        "On GPUs, more than (SemiAnalysis)",
        "An analyst's estimate of what High-Flyer and DeepSeek spent on GPUs over the "
        "company's history: hardware bought, not one training run.",
    ),
    (
        "semianalysis_server_capex",
        "Server capex (SemiAnalysis)",
        "An analyst's estimate of total server capital spending for about "
        "{semianalysis_hopper_gpus} of the Hopper generation: GPUs plus servers and "
        "networking, for research, training and serving.",
    ),
    (
        "nvda_mcap_loss_589",
        "Nvidia, one-day loss",
        "Stock-market value Nvidia lost on Monday 27 January 2025, a "
        "{nvda_pct_drop_2025_01_27} move. A change in investors' expectations, not money "
        "anyone spent.",
    ),
    (
        "us_market_value_erased",
        "US stocks, one day, about",
        "Value erased across US stocks that day, led by chipmakers and AI-related companies.",
    ),
)


def headlines(tables: Tables) -> list[Headline]:
    """The overview's headline figures, each formatted from its data row.

    >>> from aicost.data import load_all
    >>> h = headlines(load_all("data"))
    >>> h[0].shown, h[0].id
    ('$5.58M', 'v3_cost_total')
    """
    out = []
    for row_id, label, counts in HEADLINE_SPECS:
        row = tables.row(row_id)
        value = tables.value(row_id)
        out.append(
            Headline(
                id=row_id,
                label=label,
                value=value,
                shown=fmt.by_unit(value, str(row["unit"])),
                counts=fill(counts, tables),
                source_name=str(row["source_name"]),
                source_url=str(row["source_url"]),
                date=str(row["date"]),
                status=str(row["status"]),
                confidence=str(row["confidence"]),
            )
        )
    return out


def chunks(items: Sequence[object], size: int) -> list[list[object]]:
    """``items`` in rows of ``size``: a grid that reads left to right, also on a phone.

    >>> chunks([1, 2, 3, 4, 5], 3)
    [[1, 2, 3], [4, 5]]
    """
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def framing(tables: Tables) -> str:
    """The overview's question, with its three amounts from the data.

    >>> from aicost.data import load_all
    >>> framing(load_all("data"))
    'Was it $5.6M, or $500M+, or $1.6B?'
    """
    return fill(
        "Was it {v3_cost_total:2}, or {semianalysis_gpu_investment:2}+, or "
        "{semianalysis_server_capex:2}?",
        tables,
    )


@dataclass(frozen=True)
class Ratios:
    """How far apart the headline figures are, as multiples of the training claim."""

    claim: float
    gpu_spend: float
    capex: float
    nvidia_drop: float

    @property
    def gpu_spend_x(self) -> float:
        return self.gpu_spend / self.claim

    @property
    def capex_x(self) -> float:
        return self.capex / self.claim

    @property
    def nvidia_drop_x(self) -> float:
        return self.nvidia_drop / self.claim


def ratios(tables: Tables) -> Ratios:
    """Headline figures over the training claim (computed, never typed in).

    >>> from aicost.data import load_all
    >>> r = ratios(load_all("data"))
    >>> fmt.multiple(r.capex_x), fmt.multiple(r.gpu_spend_x)
    ('287×', '89.7×')
    """
    return Ratios(
        claim=tables.value("v3_cost_total"),
        gpu_spend=tables.value("semianalysis_gpu_investment"),
        capex=tables.value("semianalysis_server_capex"),
        nvidia_drop=tables.value("nvda_mcap_loss_589"),
    )


def ratio_sentence(tables: Tables) -> str:
    """How many times the training claim the other headline figures are, in one sentence.

    >>> from aicost.data import load_all
    >>> ratio_sentence(load_all("data"))[:60]
    'The GPU spending estimate is 89.7× the training claim, the s'
    """
    r = ratios(tables)
    return (
        f"The GPU spending estimate is {fmt.multiple(r.gpu_spend_x)} the training claim, "
        f"the server-capex estimate {fmt.multiple(r.capex_x)}, and Nvidia's one-day loss "
        f"{fmt.multiple(r.nvidia_drop_x)}. They are not rival answers to one question: "
        "each counts something different."
    )


#: One line per page for the overview's way in (script path -> what you find there).
PAGE_BLURBS: dict[str, str] = {
    "pages/1_training-cost.py": "Price the V3 training run yourself: rental, compute or "
    "ownership route, any price per GPU-hour.",
    "pages/2_gpu-capex.py": "Build DeepSeek's GPU fleet: how many A100s, H800s, H100s and "
    "H20s, at what unit prices.",
    "pages/3_reconcile.py": "Put the headline numbers on one scale and see what each one adds.",
    "pages/4_timeline.py": "High-Flyer's GPUs against each US export-control step, from "
    "the first A100s to the H200 decision.",
    "pages/5_market.py": "Nvidia's record one-day loss, why outlets reported different "
    "amounts, and its scale beside the training claim.",
    "pages/6_compare.py": "DeepSeek beside GPT-4, Llama 3.1, Gemini Ultra and Claude, "
    "as reported and recomputed on one assumption.",
    "pages/7_data.py": "Every row, its source link and the formulas behind the figures; "
    "download the data.",
}


# ---------------------------------------------------------------------------------------------
# Timeline

CATEGORIES: tuple[str, ...] = ("company", "chips", "policy", "models", "markets")
CATEGORY_LABELS: dict[str, str] = {
    "company": "Company",
    "chips": "Chips",
    "policy": "Policy",
    "models": "Models",
    "markets": "Markets",
}
CATEGORY_COLOURS: dict[str, str] = {
    "company": SAFE[3],
    "chips": SAFE[0],
    "policy": SAFE[1],
    "models": SAFE[4],
    "markets": SAFE[2],
}
CATEGORY_SYMBOLS: dict[str, str] = {
    "company": "square",
    "chips": "diamond",
    "policy": "circle",
    "models": "triangle-up",
    "markets": "triangle-down",
}


def timeline_events(events: pd.DataFrame, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Events of the chosen categories, oldest first, with a readable category and chips.

    >>> from aicost.data import load_all
    >>> ev = timeline_events(load_all("data")["events"], ["policy"])
    >>> set(ev["category"]), ev["date"].is_monotonic_increasing
    ({'policy'}, True)
    """
    chosen = set(CATEGORIES if categories is None else categories)
    rows = events[events["category"].isin(chosen)].copy()
    rows["when"] = pd.to_datetime(rows["date"])
    rows = rows.sort_values(["when", "id"], kind="stable").reset_index(drop=True)
    rows["lane"] = rows["category"].map(CATEGORY_LABELS)
    rows["chips_shown"] = [chips_text(c) for c in rows["chips"]]
    return rows


def chips_text(chips: str) -> str:
    """The chips cell (``A100;H100``) as a list to read; an em dash when none are named.

    >>> chips_text("A100;H100"), chips_text("")
    ('A100, H100', '—')
    """
    names = [c.strip() for c in str(chips).split(";") if c.strip()]
    return ", ".join(names) if names else fmt.DASH


def find_event(events: pd.DataFrame, year: str, words: Sequence[str]) -> dict[str, object] | None:
    """The first event dated in ``year`` whose id or label contains every one of ``words``.

    >>> from aicost.data import load_all
    >>> find_event(load_all("data")["events"], "2021", ["a100"])["date"][:4]
    '2021'
    """
    for record in events.sort_values("date").to_dict("records"):
        text = f"{record['id']} {record['label']}".lower()
        if str(record["date"]).startswith(year) and all(w.lower() in text for w in words):
            return record
    return None


TIMELINE_SOURCE = "data/events.csv (BIS, Nvidia filings, news reports)"


def timeline_marks(events: pd.DataFrame) -> list[tuple[str, str]]:
    """The events the timeline points out with an arrow: (event id, note).

    >>> from aicost.data import load_all
    >>> timeline_marks(load_all("data")["events"])
    [('a100_purchase_2021', 'A100 purchase (2021)')]
    """
    a100 = find_event(events, "2021", ["a100"])
    return [(str(a100["id"]), "A100 purchase (2021)")] if a100 else []


def _hover_text(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.to_dict("records"):
        date = pd.Timestamp(r["when"]).strftime("%d %b %Y")
        chips = f"<br>Chips: {r['chips_shown']}" if r["chips"] else ""
        out.append(
            f"<b>{_plain(r['label'])}</b><br>{date} · {r['lane']}{_plain(chips)}"
            f"<br>Source: {_plain(r['source_name'])}"
        )
    return out


def log_ticks(values: Sequence[float]) -> tuple[list[float], list[str]]:
    """Gridlines at every power of ten; labels only where they fit a phone screen.

    Up to five decades are all labelled; beyond that only $1K, $1M, $1B and $1T.

    >>> log_ticks([2e6, 3e8])[1]
    ['$1M', '$10M', '$100M', '$1B']
    >>> log_ticks([294e3, 1e12])[1]
    ['', '$1M', '', '', '$1B', '', '', '$1T']
    """
    ticks, text = dollar_ticks(values)
    if len(ticks) <= 5:
        return ticks, text
    labels = [t if round(math.log10(v)) % 3 == 0 else "" for v, t in zip(ticks, text, strict=True)]
    return ticks, labels


def _plain(text: object) -> str:
    """Text for a plotly hover label: angle brackets and ampersands shown as typed.

    >>> _plain("<b>A & B</b>")
    '&lt;b&gt;A &amp; B&lt;/b&gt;'
    """
    value = str(text)
    if value.startswith("<br>"):  # our own line break, not data
        return "<br>" + _plain(value[4:])
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timeline_chart(
    events: pd.DataFrame,
    *,
    source: str,
    marks: Sequence[tuple[str, str]] = (),
    height: int = 300,
) -> go.Figure:
    """Dated events as markers in one lane per category; ``marks`` = (event id, note) arrows.

    Labels sit in the hover and in the table under the chart, so a phone screen stays clear.
    """
    rows = events if "when" in events else timeline_events(events)
    fig = go.Figure()
    for category in CATEGORIES:
        part = rows[rows["category"] == category]
        if part.empty:
            continue
        fig.add_trace(
            go.Scatter(
                x=part["when"], y=part["lane"], mode="markers",
                name=CATEGORY_LABELS[category],
                marker={"color": CATEGORY_COLOURS[category], "size": 12,
                        "symbol": CATEGORY_SYMBOLS[category],
                        "line": {"width": 1, "color": "#333333"}},
                text=_hover_text(part), hovertemplate="%{text}<extra></extra>",
                showlegend=False,
            )
        )  # fmt: skip
    lanes = [CATEGORY_LABELS[c] for c in CATEGORIES if c in set(rows["category"])]
    for event_id, note in marks:
        hit = rows[rows["id"] == event_id]
        if hit.empty:
            continue
        fig.add_annotation(
            x=hit["when"].iloc[0], y=hit["lane"].iloc[0], text=_plain(note),
            showarrow=True, arrowhead=2, ax=-50, ay=28, font={"size": 11},
            bgcolor="rgba(128,128,128,0.18)", bordercolor="#888888",
        )  # fmt: skip
    fig.update_xaxes(title_text="Date", type="date")
    fig.update_yaxes(
        title_text="", categoryorder="array", categoryarray=lanes[::-1], type="category"
    )
    first = rows["when"].min().year if not rows.empty else ""
    last = rows["when"].max().year if not rows.empty else ""
    title = f"{len(rows)} events, {first} to {last}" if not rows.empty else "No events chosen"
    return finish_layout(fig, title, source, height=height)


def timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The timeline's rows for a table: date, category, event, chips caught, detail, source."""
    return pd.DataFrame(
        {
            "date": rows["date"],
            "category": rows["lane"],
            "event": rows["label"],
            "chips caught": rows["chips_shown"],
            "link": rows["source_url"],
            "source": rows["source_name"],
            "detail": rows["detail"],
        }
    )


# ---------------------------------------------------------------------------------------------
# Market


@dataclass(frozen=True)
class ReportedLoss:
    """One outlet's figure for Nvidia's loss, the closes it used and the shares it implies."""

    id: str
    label: str
    value: float
    source_name: str
    source_url: str
    before: float
    after: float

    @property
    def price_drop(self) -> float:
        return self.before - self.after

    @property
    def implied_shares(self) -> float:
        """The share count behind the figure: loss / fall in the share price."""
        return self.value / self.price_drop


@dataclass(frozen=True)
class MarketResult:
    """The market page's figures for one set of inputs (closes and share count)."""

    before: float
    after: float
    shares: float
    reported: list[ReportedLoss]
    market_wide: float
    claim: float
    scale: list[tuple[str, float, str]] = field(default_factory=list)

    @property
    def price_change(self) -> float:
        return self.after - self.before

    @property
    def pct_change(self) -> float:
        return self.price_change / self.before

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

#: (loss row id, label, the close after that the outlet used) for Nvidia's loss.
REPORTED_LOSSES: tuple[tuple[str, str, str], ...] = (
    ("nvda_mcap_loss_589", "Bloomberg, in the article", "nvda_close_2025_01_27"),
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


def market(v: Mapping[str, float | bool | str], tables: Tables) -> MarketResult:
    """Nvidia's change in value from the closes and share count (model units) in ``v``.

    At the defaults: $142.62 -> $118.42 on 24.34B shares.

    >>> from aicost.data import load_all
    >>> from aicost.assumptions import defaults, to_model
    >>> m = market(to_model(defaults("market", load_all("data")), "market"), load_all("data"))
    >>> fmt.percent(m.pct_change, 2), fmt.usd(m.drop), fmt.usd(m.price_change)
    ('-16.97%', '$589B', '-$24.20')
    >>> [fmt.compact(r.implied_shares, 4) for r in m.reported]
    ['24.34B', '24.49B', '24.62B']
    """
    before = model.check_input("close before", float(v["mkt_before"]))
    after = model.check_input("close after", float(v["mkt_after"]))
    shares = model.check_input("shares outstanding", float(v["mkt_shares"]))
    reported = []
    for row_id, label, close_id in REPORTED_LOSSES:
        row = tables.row(row_id)
        reported.append(
            ReportedLoss(
                row_id, label, tables.value(row_id), str(row["source_name"]),
                str(row["source_url"]), tables.value("nvda_close_2025_01_24"),
                tables.value(close_id),
            )
        )  # fmt: skip
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

    >>> from aicost.data import load_all
    >>> from aicost.assumptions import defaults, to_model
    >>> text = reported_explainer(
    ...     market(to_model(defaults("market", load_all("data")), "market"), load_all("data"))
    ... )
    >>> "24.34B" in text and "$4.7B" in text
    True
    """
    first = result.reported[0]
    values = [r.value for r in result.reported]
    shares = ", ".join(fmt.compact(r.implied_shares, 4) for r in result.reported)
    return (
        f"The closes were the same ({fmt.usd(first.before)} to {fmt.usd(first.after)}, a fall "
        f"of {fmt.usd(first.price_drop)} a share; The Epoch Times used an early close). "
        f"Divide each loss by its fall in price and you get the share count behind it: "
        f"{shares}. Outlets multiplied by different share counts (from different filings and "
        f"data vendors), so their totals differ by up to {fmt.usd(max(values) - min(values))}."
    )


SCALE_COLOURS = {"deepseek": SAFE[4], "analyst": SAFE[0], "market": SAFE[1]}


def scale_chart(result: MarketResult, *, source: str) -> go.Figure:
    """Log-scale bars: DeepSeek's costs, the analysts' estimates and the market losses.

    The title states how many times the training claim the Nvidia drop is.
    """
    bars = [(label, value, group) for label, value, group in result.scale]
    if result.drop > 0:
        bars.append(("Nvidia drop", result.drop, "market"))
    bars.append(("US stocks", result.market_wide, "market"))
    labels = [b[0] for b in bars]
    values = np.array([b[1] for b in bars], dtype=float)
    fig = go.Figure(
        go.Bar(
            x=values, y=labels, orientation="h",
            marker_color=[SCALE_COLOURS[b[2]] for b in bars],
            text=[fmt.usd(v) for v in values], textposition="auto",
            hovertemplate="%{y}: %{text}<extra></extra>", showlegend=False,
        )
    )  # fmt: skip
    ticks, text = log_ticks(values.tolist())
    fig.update_xaxes(type="log", title_text="USD, log scale (gridlines ×10)",
                     tickvals=ticks, ticktext=text)  # fmt: skip
    fig.update_yaxes(title_text="", autorange="reversed")
    if result.drop > 0:
        title = f"Nvidia's drop: {fmt.multiple(result.drop_vs_claim)} the V3 claim"
    else:
        title = "No drop: the market beside DeepSeek's costs"
    return finish_layout(fig, title, source, height=90 + 40 * len(bars))


def reported_table(result: MarketResult) -> pd.DataFrame:
    """The reported figures side by side with the share count each implies."""
    return pd.DataFrame(
        {
            "reported by": [r.label for r in result.reported],
            "loss": [fmt.usd(r.value, 4) for r in result.reported],
            "close after": [fmt.usd(r.after) for r in result.reported],
            "implied shares": [fmt.compact(r.implied_shares, 4) for r in result.reported],
            "link": [r.source_url for r in result.reported],
            "source": [r.source_name for r in result.reported],
        }
    )


# ---------------------------------------------------------------------------------------------
# Compare

COST_METRICS: dict[str, str] = {
    "cost_reported": "Reported by the developer",
    "cost_amortized": "Amortized hardware + energy (Epoch)",
    "cost_cloud": "Cloud-rental price (Epoch / AI Index)",
}
RECOMPUTED = "Recomputed on your assumption"
FIGURE_COLOURS: dict[str, str] = {
    COST_METRICS["cost_reported"]: SAFE[1],
    COST_METRICS["cost_amortized"]: SAFE[4],
    COST_METRICS["cost_cloud"]: SAFE[0],
    RECOMPUTED: SAFE[3],
}
FIGURE_SYMBOLS: dict[str, str] = {
    COST_METRICS["cost_reported"]: "circle",
    COST_METRICS["cost_amortized"]: "square",
    COST_METRICS["cost_cloud"]: "triangle-up",
    RECOMPUTED: "diamond-open",
}


@dataclass(frozen=True)
class ModelFigure:
    """One cost figure for one model: as reported, or recomputed on the shared assumption."""

    model: str
    developer: str
    kind: str
    value: float
    low: float
    high: float
    counts: str
    source_name: str
    source_url: str
    gpu_hours: float = math.nan
    in_chart: bool = True


@dataclass(frozen=True)
class CompareResult:
    """The compare page's figures and what the shared assumption was."""

    figures: list[ModelFigure]
    basis: str
    price: float
    notes: list[str]
    order: list[str]

    @property
    def recomputed(self) -> list[ModelFigure]:
        return [f for f in self.figures if f.kind == RECOMPUTED]

    def summary(self) -> dict[str, float | str]:
        """Recomputed cost per model, for downloads."""
        out: dict[str, float | str] = {"basis": self.basis}
        for f in self.recomputed:
            out[f"{f.model} recomputed USD"] = round(f.value)
        return out


COMPARE_SOURCE = "data/models.csv (DeepSeek, Meta, Epoch AI, AI Index)"


def compare_inputs(basis: str) -> list[str]:
    """The assumptions the compare page draws after the basis, for that basis.

    >>> compare_inputs("rental"), compare_inputs("compute")
    (['cmp_price'], ['cmp_gpu', 'cmp_precision', 'cmp_mfu', 'cmp_price'])
    """
    if basis == "compute":
        return ["cmp_gpu", "cmp_precision", "cmp_mfu", "cmp_price"]
    return ["cmp_price"]


def compare_highlights(result: CompareResult, limit: int = 3) -> list[ModelFigure]:
    """The first ``limit`` recomputed figures in the page's model order (DeepSeek first)."""
    ranked = sorted(result.recomputed, key=lambda f: result.order.index(f.model))
    return ranked[:limit]


def _bound(value: object, fallback: float) -> float:
    return float(value) if isinstance(value, float) and math.isfinite(value) else fallback


def compare(v: Mapping[str, float | bool | str], tables: Tables) -> CompareResult:
    """Each model's reported costs, and its cost recomputed on one shared assumption.

    ``v`` holds model-unit values: cmp_basis (rental | compute), cmp_price, cmp_gpu,
    cmp_precision, cmp_mfu (a fraction).

    >>> from aicost.data import load_all
    >>> from aicost.assumptions import defaults, to_model
    >>> r = compare(to_model(defaults("compare", load_all("data")), "compare"), load_all("data"))
    >>> llama = [f for f in r.recomputed if f.model.startswith("Llama 3.1")][0]
    >>> fmt.gpu_hours(llama.gpu_hours), fmt.usd(llama.value)
    ('30.8M GPU-hours', '$61.7M')
    """
    models = tables["models"]
    basis = str(v["cmp_basis"])
    price = model.check_input("price per GPU-hour", float(v["cmp_price"]))
    notes: list[str] = []
    figures: list[ModelFigure] = []
    for r in models[models["metric"].isin(list(COST_METRICS))].to_dict("records"):
        value = float(r["value"])
        figures.append(
            ModelFigure(
                str(r["model"]), str(r["developer"]), COST_METRICS[str(r["metric"])], value,
                _bound(r["low"], value), _bound(r["high"], value), str(r["counts"]),
                str(r["source_name"]), str(r["source_url"]), in_chart=bool(r["is_default"]),
            )
        )  # fmt: skip
    if basis == "compute":
        peak = peak_flops(tables, str(v["cmp_gpu"]), str(v["cmp_precision"]))
        mfu = float(v["cmp_mfu"])
        if peak.note:
            notes.append(peak.note)
        source_metric = "flop"
        basis_text = (
            f"training compute on the {peak.basis} at {fmt.percent(mfu)} MFU, "
            f"then {fmt.usd(price)} per GPU-hour"
        )
    else:
        source_metric = "gpu_hours"
        basis_text = f"reported GPU-hours × {fmt.usd(price)} per GPU-hour"
    rows = models[(models["metric"] == source_metric) & models["is_default"]]
    missing = sorted(set(models["model"]) - set(rows["model"]))
    for r in rows.to_dict("records"):
        value = float(r["value"])
        low, high = _bound(r["low"], value), _bound(r["high"], value)
        if basis == "compute":
            hours = [model.gpu_hours_for_flop(x, peak.flops, mfu) for x in (value, low, high)]
            counts = f"{fmt.flop(value)} ({r['counts']}) on {peak.gpu}s at {fmt.percent(mfu)} MFU"
        else:
            hours = [value, low, high]
            hw = f" {r['hardware']}" if r["hardware"] else ""
            counts = f"{fmt.gpu_hours(value)}{hw} ({r['counts']})"
        costs = [model.rental_cost(h, price) for h in hours]
        figures.append(
            ModelFigure(
                str(r["model"]), str(r["developer"]), RECOMPUTED, costs[0], costs[1], costs[2],
                f"{counts} × {fmt.usd(price)} per GPU-hour", str(r["source_name"]),
                str(r["source_url"]), hours[0],
            )
        )  # fmt: skip
    if missing:
        other = "compute" if basis == "rental" else "rental"
        what = "GPU-hours" if basis == "rental" else "training compute"
        notes.append(
            f"No {what} published for {', '.join(missing)}: no recomputed figure on this "
            f"basis (try the {other} basis)."
        )
    order = _model_order(models)
    return CompareResult(figures, basis_text, price, notes, order)


def _model_order(models: pd.DataFrame) -> list[str]:
    """Models in the order the data file lists them: the chart's rows, top to bottom."""
    return [str(m) for m in pd.unique(models["model"])]


def compare_table(result: CompareResult) -> pd.DataFrame:
    """Every figure for a table: model, figure, amount, range, what it counts, source."""
    rows = []
    for f in sorted(result.figures, key=lambda f: (result.order.index(f.model), f.kind)):
        ranged = f.low != f.value or f.high != f.value
        rows.append(
            {
                "model": f.model,
                "developer": f.developer,
                "figure": f.kind,
                "cost": fmt.usd(f.value),
                "range": f"{fmt.usd(f.low)} to {fmt.usd(f.high)}" if ranged else "",
                "GPU-hours": fmt.gpu_hours(f.gpu_hours) if math.isfinite(f.gpu_hours) else "",
                "what it counts": f.counts,
                "link": f.source_url,
                "source": f.source_name,
                "cost (USD)": round(f.value),
            }
        )
    return pd.DataFrame(rows)


def compare_chart(result: CompareResult, *, source: str) -> go.Figure:
    """Every model's cost figures on a log dollar axis; ranges as horizontal error bars."""
    fig = go.Figure()
    order = result.order
    for kind, colour in FIGURE_COLOURS.items():
        part = [f for f in result.figures if f.kind == kind and f.in_chart]
        if not part:
            continue
        values = np.array([f.value for f in part], dtype=float)
        fig.add_trace(
            go.Scatter(
                x=values, y=[f.model for f in part], mode="markers", name=kind,
                marker={"color": colour, "size": 15 if kind == RECOMPUTED else 12,
                        "symbol": FIGURE_SYMBOLS[kind],
                        "line": {"width": 2.5 if kind == RECOMPUTED else 1,
                                 "color": colour if kind == RECOMPUTED else "#333333"}},
                error_x={"type": "data", "symmetric": False, "color": colour, "thickness": 1.5,
                         "array": [f.high - f.value for f in part],
                         "arrayminus": [f.value - f.low for f in part]},
                text=[f"{_plain(f.model)}: {fmt.usd(f.value)}<br>{_plain(kind)}"
                      f"<br>{_plain(_short(f.counts))}" for f in part],
                hovertemplate="%{text}<extra></extra>",
            )
        )  # fmt: skip
    everything = [x for f in result.figures if f.in_chart for x in (f.low, f.value, f.high)]
    ticks, text = log_ticks(everything)
    fig.update_xaxes(type="log", title_text="Training cost (USD, log scale)",
                     tickvals=ticks, ticktext=text)  # fmt: skip
    fig.update_yaxes(title_text="", categoryorder="array", categoryarray=order[::-1])
    if result.basis.startswith("reported GPU-hours"):
        title = f"Reported vs GPU-hours × {fmt.usd(result.price)}"
    else:
        title = f"Reported vs compute at {fmt.usd(result.price)}/GPU-hour"
    fig = finish_layout(fig, title, source, height=180 + 34 * len(order))
    fig.update_layout(
        legend={"orientation": "h", "x": 0, "xanchor": "left", "yref": "container", "y": 0,
                "yanchor": "bottom"},
        margin={"b": 20},
    )  # fmt: skip
    return fig


def _short(text: str, limit: int = 90) -> str:
    """Text cut to ``limit`` characters at a word boundary, with an ellipsis if cut.

    >>> _short("one two three", 9), _short("abc", 5)
    ('one two…', 'abc')
    """
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


# ---------------------------------------------------------------------------------------------
# Data and sources

STATUSES = _data.STATUSES
CONFIDENCES = _data.CONFIDENCES

#: The column each file is filtered by as its "category".
CATEGORY_COLUMN: dict[str, str] = {
    "figures": "category",
    "events": "category",
    "gpus": "spec",
    "prices": "kind",
    "models": "metric",
}


def data_files() -> list[str]:
    """The data files, in the loader's order.

    >>> data_files()
    ['figures', 'events', 'gpus', 'prices', 'models']
    """
    return list(SCHEMAS)


def options(frame: pd.DataFrame, column: str) -> list[str]:
    """The distinct values of a column, sorted: the choices of its filter.

    >>> options(pd.DataFrame({"kind": ["rental", "purchase", "rental"]}), "kind")
    ['purchase', 'rental']
    """
    return sorted({str(v) for v in frame[column] if str(v)})


def filter_rows(
    frame: pd.DataFrame,
    *,
    category_column: str = "",
    categories: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
    confidences: Iterable[str] | None = None,
    query: str = "",
) -> pd.DataFrame:
    """Rows matching every filter given: category, status, confidence and a text search.

    ``None`` means no filter; the text search looks in every text column, ignoring case.

    >>> from aicost.data import load_all
    >>> figs = load_all("data")["figures"]
    >>> out = filter_rows(
    ...     figs,
    ...     category_column="category",
    ...     categories=["market"],
    ...     statuses=["reported"],
    ...     query="nvidia",
    ... )
    >>> set(out["category"]), set(out["status"])
    ({'market'}, {'reported'})
    """
    mask = pd.Series(True, index=frame.index)
    if categories is not None and category_column:
        mask &= frame[category_column].isin(list(categories))
    if statuses is not None:
        mask &= frame["status"].isin(list(statuses))
    if confidences is not None:
        mask &= frame["confidence"].isin(list(confidences))
    needle = query.strip().lower()
    if needle:
        text_cols = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
        hit = pd.Series(False, index=frame.index)
        for col in text_cols:
            hit |= frame[col].astype(str).str.lower().str.contains(needle, regex=False)
        mask &= hit
    return frame[mask].reset_index(drop=True)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with a human ``shown`` column (``$5.58M``) beside each numeric value.

    >>> readable(pd.DataFrame({"value": [5576000.0], "unit": ["USD"]}))["shown"].tolist()
    ['$5.58M']
    """
    out = frame.copy()
    if "value" in out and "unit" in out:
        shown = [fmt.by_unit(v, str(u)) for v, u in zip(out["value"], out["unit"], strict=True)]
        out.insert(out.columns.get_loc("value"), "shown", shown)
    return out


#: Columns shown first in the data browser; the rest follow in file order.
LEADING_COLUMNS = ("id", "label", "model", "gpu", "date", "shown", "source_name", "source_url")


def column_order(frame: pd.DataFrame) -> list[str]:
    """The data browser's columns: id, what and how much, the source, then the rest.

    >>> column_order(pd.DataFrame(columns=["id", "value", "unit", "source_url", "label"]))
    ['id', 'label', 'shown', 'source_url', 'value', 'unit']
    """
    columns = list(frame.columns)
    if "value" in columns and "unit" in columns:
        columns.append("shown")
    lead = [c for c in LEADING_COLUMNS if c in columns]
    return lead + [c for c in columns if c not in lead]


def raw_csv(data_dir: str | Path, name: str) -> bytes:
    """The data file's bytes exactly as shipped, for its download button."""
    if name not in SCHEMAS:
        raise KeyError(f"no data file called {name!r}")
    return (Path(data_dir) / f"{name}.csv").read_bytes()


@dataclass(frozen=True)
class Method:
    """One formula the dashboard uses, a worked example from the data, and its source."""

    name: str
    formula: str
    example: str
    source_name: str
    source_url: str


def methods(tables: Tables) -> list[Method]:
    """The formulas behind the figures, each with a worked example computed from the data.

    >>> from aicost.data import load_all
    >>> m = methods(load_all("data"))
    >>> [x.name for x in m]
    ['Rental', 'Compute (6ND)', 'MFU', 'Ownership (Epoch AI)', 'Fleet capex']
    >>> m[0].example
    '2.79M GPU-hours × $2.00/GPU-hour = $5.58M'
    >>> m[3].example.endswith("= $2.12 per GPU-hour")
    True
    """

    def src(row_id: str) -> tuple[str, str]:
        row = tables.row(row_id)
        return str(row["source_name"]), str(row["source_url"])

    val = tables.value
    flop = model.training_flop(val("v3_active_params"), val("v3_training_tokens"))
    fp8 = peak_flops(tables, "H800", "FP8")
    mfu = model.implied_mfu(flop, val("v3_gpu_hours_pretraining"), fp8.flops)
    years = model.epoch_amortization_years(val("epoch_depreciation_ooms"))
    rate = model.ownership_rate(
        model.OwnershipAssumptions(
            gpu_price=val("h800_dgx_per_gpu"),
            amortization_years=years,
            interconnect_fraction=val("epoch_interconnect_fraction"),
            tdp_watts=val("h800_tdp"),
            server_power_factor=val("epoch_chip_to_server_power"),
            power_fraction=val("epoch_power_tdp_fraction"),
            pue=val("epoch_pue_nonhyperscaler"),
            energy_price_kwh=val("epoch_energy_price_2024"),
        )
    )
    ratio = ratios(tables)
    return [
        Method(
            "Rental",
            "cost = GPU-hours × price per GPU-hour",
            fill("{v3_gpu_hours_total} × {v3_rental_price_assumption} = {v3_cost_total}", tables),
            *src("v3_cost_total"),
        ),
        Method(
            "Compute (6ND)",
            "FLOP = 6 × active parameters × training tokens",
            f"DeepSeek-V3: 6 × {fmt.compact(val('v3_active_params'))} parameters × "
            f"{fmt.compact(val('v3_training_tokens'))} tokens = {fmt.flop(flop)}",
            *src("v3_active_params"),
        ),
        Method(
            "MFU",
            "GPU-hours = FLOP / (peak FLOP/s × MFU × 3600)\n"
            "MFU = FLOP / (GPU-hours × 3600 × peak FLOP/s)",
            f"{fmt.flop(flop)} in {fmt.gpu_hours(val('v3_gpu_hours_pretraining'))} against the "
            f"{fp8.basis} = {fmt.percent(mfu)} MFU (Epoch's reading, also against the FP8 "
            f"peak: {fmt.percent(val('v3_mfu_epoch'))}"
            + (
                f"; DeepSeek's own, causal, against the BF16 peak: "
                f"{fmt.percent(val('v3_mfu_isca_bf16'), 2)}"
                if "v3_mfu_isca_bf16" in tables.values
                else ""
            )
            + f"; Epoch's median over known runs: {fmt.percent(val('epoch_median_mfu'))})",
            *src("v3_mfu_epoch"),
        ),
        Method(
            "Ownership (Epoch AI)",
            "hardware per GPU-hour = GPU price × server overhead / (life × hours a year)\n"
            "life = 1 / (price-performance OOMs a year × ln 10)\n"
            "interconnect = hardware × share / (1 − share)\n"
            "energy = TDP × server power factor × average power × PUE × price per kWh",
            f"An H800 at {fmt.usd(val('h800_dgx_per_gpu'))} (DGX price per GPU) over "
            f"{years:.1f} years: {fmt.usd(rate.hardware)} hardware + "
            f"{fmt.usd(rate.interconnect)} interconnect + {fmt.usd(rate.energy)} energy "
            f"= {fmt.usd(rate.total)} per GPU-hour",
            *src("epoch_depreciation_ooms"),
        ),
        Method(
            "Fleet capex",
            "capex = Σ over GPU types (count × unit price) × server overhead / (1 − network share)",
            fill(
                "SemiAnalysis: about {semianalysis_hopper_gpus} (Hopper generation), "
                "{semianalysis_gpu_investment}+ on GPUs, {semianalysis_server_capex} server "
                "capex, ",
                tables,
            )
            + f"{fmt.multiple(ratio.capex_x)} the training claim",
            *src("semianalysis_server_capex"),
        ),
    ]


#: (row id, includes, excludes): what each headline number counts.
SCOPES: tuple[tuple[str, str, str], ...] = (
    (
        "v3_cost_total",
        "GPU time of V3's final pre-training, context extension and post-training, priced at "
        "an assumed rental rate",
        "research and ablation runs, the R1 stage, data, staff, buying or running hardware",
    ),
    (
        "r1_rl_cost",
        "GPU time of R1's reinforcement-learning stage, priced the same way",
        "the V3 base model it starts from, experiments, staff",
    ),
    (
        "semianalysis_gpu_investment",
        "GPUs bought over the company's history (analyst estimate)",
        "servers, networking, power, staff",
    ),
    (
        "semianalysis_server_capex",
        "GPUs, servers and networking for the whole fleet (analyst estimate)",
        "operating costs (estimated separately), staff",
    ),
    (
        "nvda_mcap_loss_589",
        "the fall in Nvidia's stock-market value over one day",
        "any money spent on AI; it is a change in investors' expectations",
    ),
)


def scope_markdown(tables: Tables) -> str:
    """What each headline number includes and excludes, as escaped markdown bullets.

    >>> from aicost.data import load_all
    >>> scope_markdown(load_all("data")).splitlines()[0][:40]
    '- **Total official training cost at \\\\$2/'
    """
    lines = []
    for row_id, includes, excludes in SCOPES:
        row = tables.row(row_id)
        value = fmt.by_unit(tables.value(row_id), str(row["unit"]))
        lines.append(
            f"- **{md(row['label'])}: {md(value)}.** Counts {md(includes)}. Leaves out "
            f"{md(excludes)}. _Source: {md(row['source_name'])}_"
        )
    return "\n".join(lines)


def scopes(tables: Tables) -> pd.DataFrame:
    """What each headline number includes and excludes, with its value and source."""
    rows = []
    for row_id, includes, excludes in SCOPES:
        row = tables.row(row_id)
        rows.append(
            {
                "figure": str(row["label"]),
                "value": fmt.by_unit(tables.value(row_id), str(row["unit"])),
                "includes": includes,
                "excludes": excludes,
                "source": str(row["source_name"]),
                "link": str(row["source_url"]),
            }
        )
    return pd.DataFrame(rows)
