"""Figures of the story pages: the timeline, the market's scale, the model comparison.

Pure: results and frames in, ``go.Figure`` out; no streamlit import. Built as
:class:`aicost.charts.Draft` dicts and validated once, like every other chart.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aicost import fmt
from aicost.charts import SAFE, Draft, dollar_ticks, finish_layout
from aicost.compare import COST_METRICS, RECOMPUTED, CompareResult
from aicost.market import MarketResult
from aicost.text import escape_hover, shorten
from aicost.timeline import CATEGORIES, CATEGORY_LABELS, timeline_events

# ---------------------------------------------------------------------------------------------
# Timeline

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


def _hover_text(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.to_dict("records"):
        date = pd.Timestamp(r["when"]).strftime("%d %b %Y")
        chips = f"<br>Chips: {escape_hover(r['chips_shown'])}" if r["chips"] else ""
        out.append(
            f"<b>{escape_hover(r['label'])}</b><br>{date} · {r['lane']}{chips}"
            f"<br>Source: {escape_hover(r['source_name'])}"
        )
    return out


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
    d = Draft()
    for category in CATEGORIES:
        part = rows[rows["category"] == category]
        if part.empty:
            continue
        d.add(
            "scatter",
            x=part["when"],
            y=part["lane"],
            mode="markers",
            name=CATEGORY_LABELS[category],
            marker={
                "color": CATEGORY_COLOURS[category],
                "size": 12,
                "symbol": CATEGORY_SYMBOLS[category],
                "line": {"width": 1, "color": "#333333"},
            },
            text=_hover_text(part),
            hovertemplate="%{text}<extra></extra>",
            showlegend=False,
        )
    lanes = [CATEGORY_LABELS[c] for c in CATEGORIES if c in set(rows["category"])]
    annotations = []
    for event_id, note in marks:
        hit = rows[rows["id"] == event_id]
        if hit.empty:
            continue
        annotations.append(
            {
                "x": hit["when"].iloc[0],
                "y": hit["lane"].iloc[0],
                "text": escape_hover(note),
                "showarrow": True,
                "arrowhead": 2,
                "ax": -50,
                "ay": 28,
                "font": {"size": 11},
                "bgcolor": "rgba(128,128,128,0.18)",
                "bordercolor": "#888888",
            }
        )
    if annotations:
        d.layout["annotations"] = annotations
    d.xaxis.update(title={"text": "Date"}, type="date")
    d.yaxis.update(
        title={"text": ""}, categoryorder="array", categoryarray=lanes[::-1], type="category"
    )
    first = rows["when"].min().year if not rows.empty else ""
    last = rows["when"].max().year if not rows.empty else ""
    title = f"{len(rows)} events, {first} to {last}" if not rows.empty else "No events chosen"
    return finish_layout(d, title, source, height=height)


# ---------------------------------------------------------------------------------------------
# Market

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
    d = Draft()
    d.add(
        "bar",
        x=values,
        y=labels,
        orientation="h",
        marker={"color": [SCALE_COLOURS[b[2]] for b in bars]},
        text=[fmt.usd(v) for v in values],
        textposition="auto",
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    )
    ticks, text = dollar_ticks(values.tolist(), sparse=True)
    d.xaxis.update(
        type="log",
        title={"text": "USD, log scale (gridlines ×10)"},
        tickvals=ticks,
        ticktext=text,
    )
    d.yaxis.update(title={"text": ""}, autorange="reversed")
    if result.drop > 0:
        title = f"Nvidia's drop: {fmt.multiple(result.drop_vs_claim)} the V3 claim"
    else:
        title = "No drop: the market beside DeepSeek's costs"
    return finish_layout(d, title, source, height=90 + 40 * len(bars))


# ---------------------------------------------------------------------------------------------
# Compare

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


def compare_chart(result: CompareResult, *, source: str) -> go.Figure:
    """Every model's cost figures on a log dollar axis; ranges as horizontal error bars."""
    d = Draft()
    order = result.order
    for kind, colour in FIGURE_COLOURS.items():
        part = [f for f in result.figures if f.kind == kind and f.in_chart]
        if not part:
            continue
        recomputed = kind == RECOMPUTED
        d.add(
            "scatter",
            x=np.array([f.value for f in part], dtype=float),
            y=[f.model for f in part],
            mode="markers",
            name=kind,
            marker={
                "color": colour,
                "size": 15 if recomputed else 12,
                "symbol": FIGURE_SYMBOLS[kind],
                "line": {
                    "width": 2.5 if recomputed else 1,
                    "color": colour if recomputed else "#333333",
                },
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "color": colour,
                "thickness": 1.5,
                "array": [f.high - f.value for f in part],
                "arrayminus": [f.value - f.low for f in part],
            },
            text=[
                f"{escape_hover(f.model)}: {fmt.usd(f.value)}<br>{escape_hover(kind)}"
                f"<br>{escape_hover(shorten(f.counts))}"
                for f in part
            ],
            hovertemplate="%{text}<extra></extra>",
        )
    everything = [x for f in result.figures if f.in_chart for x in (f.low, f.value, f.high)]
    ticks, text = dollar_ticks(everything, sparse=True)
    d.xaxis.update(
        type="log", title={"text": "Training cost (USD, log scale)"}, tickvals=ticks, ticktext=text
    )
    d.yaxis.update(title={"text": ""}, categoryorder="array", categoryarray=order[::-1])
    if result.basis_kind == "rental":
        title = f"Reported vs GPU-hours × {fmt.usd(result.price)}"
    else:
        title = f"Reported vs compute at {fmt.usd(result.price)}/GPU-hour"
    return finish_layout(d, title, source, height=180 + 34 * len(order), legend_below=True)
