"""Figures of the story pages: the timeline, the market's scale, the model comparison.

Pure: results and frames in, ``go.Figure`` out; no streamlit import. Built as
:class:`aicost.charts.Draft` dicts and validated once, like every other chart.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from aicost import fmt
from aicost.charts import NEUTRAL, SAFE, Draft, finish_layout, log_dollar_axis
from aicost.compare import COST_METRICS, RECOMPUTED, CompareResult, ModelFigure
from aicost.market import MarketResult
from aicost.overview import KINDS, Headline
from aicost.text import escape_hover, shorten
from aicost.timeline import CATEGORIES, CATEGORY_LABELS, Ceiling

# ---------------------------------------------------------------------------------------------
# Overview

#: The overview chart's colour for each kind of amount (aicost.overview.KINDS).
KIND_COLOURS: dict[str, str] = {
    KINDS["run"]: SAFE[4],
    KINDS["hardware"]: SAFE[0],
    KINDS["market"]: SAFE[1],
}


def headline_scale(items: Sequence[Headline], *, source: str) -> go.Figure:
    """The headline figures on one log dollar axis, smallest first, coloured by what they are.

    Each bar is labelled with what it counts and its amount; the hover adds the source.
    """
    d = Draft(layout={"barmode": "overlay", "bargap": 0.3})
    ordered = sorted(items, key=lambda h: h.value)
    labels = [escape_hover(h.short) for h in ordered]
    for kind, colour in KIND_COLOURS.items():
        part = [h for h in ordered if h.kind == kind]
        if not part:
            continue
        d.add(
            "bar",
            x=[h.value for h in part],
            y=[escape_hover(h.short) for h in part],
            orientation="h",
            name=kind,
            marker={"color": colour},
            text=[h.shown for h in part],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                f"{escape_hover(h.label)}: {h.shown}<br>{_wrap(h.counts)}"
                f"<br>Source: {_wrap(h.source_name)}"
                for h in part
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )
    d.xaxis.update(
        log_dollar_axis(
            [h.value for h in ordered],
            "USD, log scale (each gridline ×10)",
            sparse=True,
            headroom=0.5,
        ),
        fixedrange=True,
    )
    d.yaxis.update(title={"text": ""}, categoryorder="array", categoryarray=labels, fixedrange=True)
    lo, hi = ordered[0], ordered[-1]
    title = f"From {lo.shown} to {hi.shown}: {len(ordered)} figures that count different things"
    return finish_layout(d, title, source, height=60 + 40 * len(ordered))


# ---------------------------------------------------------------------------------------------
# Timeline

#: Each event category's (colour, marker symbol) on the timeline: one row per category that
#: data.SCHEMAS["events"] declares (tests/test_timeline.py checks that they match).
# fmt: off
# A table: category, colour, symbol, one category a line.
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    "company": (SAFE[3], "square"),
    "chips":   (SAFE[0], "diamond"),
    "policy":  (SAFE[1], "circle"),
    "models":  (SAFE[4], "triangle-up"),
    "markets": (SAFE[2], "triangle-down"),
}
# fmt: on


def _wrap(text: object, width: int = 60) -> str:
    """Data text for a hover label: escaped, then broken into lines of ``width`` characters."""
    return "<br>".join(escape_hover(line) for line in textwrap.wrap(str(text), width))


def _hover_text(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.to_dict("records"):
        date = pd.Timestamp(r["when"]).strftime("%d %b %Y")
        chips = f"<br>Chips: {escape_hover(r['chips_shown'])}" if r["chips"] else ""
        out.append(
            f"<b>{_wrap(r['label'])}</b><br>{date} · {r['lane']}{chips}"
            f"<br>{_wrap(r['detail'])}<br>Source: {_wrap(r['source_name'])}"
        )
    return out


#: Height of one event's row on the timeline chart (px): its marker and its label.
ROW_PX = 24


def timeline_chart(rows: pd.DataFrame, *, source: str) -> go.Figure:
    """One row per event, oldest at the top, each marker labelled on the chart itself.

    ``rows`` come from :func:`aicost.timeline.chart_rows`. A label sits on the side of its
    marker with more room (right in the earlier part of the range, left in the later), so
    the chart reads without hovering, also on a 390 px phone. The hover adds the date,
    the chips caught, the event's detail and its source.
    """
    d = Draft()
    n = len(rows)
    if n:
        first, last = rows["when"].min(), rows["when"].max()
        span = max(last - first, pd.Timedelta(days=30))
        middle = first + span * 0.55
    for category in CATEGORIES:
        part = rows[rows["category"] == category]
        if part.empty:
            continue
        colour, symbol = CATEGORY_STYLES[category]
        d.add(
            "scatter",
            x=part["when"],
            y=list(part.index),
            mode="markers+text",
            name=CATEGORY_LABELS[category],
            text=[escape_hover(t) for t in part["short"]],
            textposition=["middle right" if w <= middle else "middle left" for w in part["when"]],
            textfont={"size": 12},
            cliponaxis=False,
            marker={
                "color": colour,
                "size": 11,
                "symbol": symbol,
                "line": {"width": 1, "color": "#333333"},
            },
            customdata=_hover_text(part),
            hovertemplate="%{customdata}<extra></extra>",
        )
    d.yaxis.update(
        title={"text": ""},
        autorange=False,
        range=[n - 0.4, -0.6],
        showticklabels=False,
        showgrid=False,
        zeroline=False,
        fixedrange=True,
    )
    d.xaxis.update(title={"text": "Date"}, type="date")
    if n:
        pad = span * 0.04
        d.xaxis.update(range=[first - pad, last + pad])
        title = (
            f"{n} events, {first.year} to {last.year}: each rule caught more chips, "
            "Nvidia answered with China-only variants"
            if n > 1
            else f"1 event, {first.year}"
        )
    else:
        title = "No events chosen"
    return finish_layout(d, title, source, height=40 + ROW_PX * max(n, 1))


#: How a step of the ceiling began, by the effect of the rule that opened it.
_OPENED = {"sale": "on sale", "allowed": "licensed"}


def _merged(steps: Sequence[Ceiling]) -> list[tuple[Ceiling, str]]:
    """Consecutive periods with the same best chip as one step: (first period, its end)."""
    out: list[tuple[Ceiling, str]] = []
    for c in steps:
        if out and out[-1][0].chip == c.chip:
            out[-1] = (out[-1][0], c.end)
        else:
            out.append((c, c.end))
    return out


def ceiling_chart(
    steps: Sequence[Ceiling], releases: Sequence[tuple[str, str]], *, source: str
) -> go.Figure:
    """The best Nvidia chip China could legally buy: its dense BF16 peak and NVLink, as steps.

    Each step is labelled with its chip and how the rule that opened it let it be sold;
    ``releases`` = (date, name) are DeepSeek's models, drawn as dashed lines. Periods when no
    chip was legal are gaps, marked with an x on the time axis.
    """
    d = Draft()
    merged = _merged(steps)
    for axis, value, unit, colour, name in (
        ("y", "bf16_tflops", "TFLOPS", SAFE[4], "Dense BF16 peak (TFLOPS)"),
        ("y2", "nvlink_gbs", "GB/s", SAFE[6], "NVLink (GB/s)"),
    ):
        xs: list[str] = []
        ys: list[float | None] = []
        texts: list[str] = []
        hovers: list[str] = []
        for c, end in merged:
            if not c.chip:
                continue
            level = float(getattr(c, value))
            hover = (
                f"{escape_hover(c.chip)} from {c.start} to {end}: {level:,.0f} {unit}"
                f"<br>Opened by: {_wrap(c.rule)}"
                + (f"<br>Also legal, no spec row: {', '.join(c.unranked)}" if c.unranked else "")
                + f"<br>Rows: {', '.join(c.spec_ids)}"
            )
            label = f"{escape_hover(c.chip)}<br>{_OPENED.get(c.effect, '')}" if axis == "y" else ""
            xs += [c.start, end, end]
            ys += [level, level, None]
            texts += [label, "", ""]
            hovers += [hover, hover, ""]
        d.add(
            "scatter",
            x=xs,
            y=ys,
            yaxis=axis,
            mode="lines+markers",
            line={"color": colour, "width": 3},
            marker={"size": 7, "color": colour},
            customdata=hovers,
            hovertemplate="%{customdata}<extra></extra>",
            connectgaps=False,
            name=name,
        )
        if axis == "y":  # the labels, a trace of their own: plotly drops text next to gaps
            starts = [i for i, t in enumerate(texts) if t]
            # lifted off their step, so the label's second line is not struck through by it
            lift = 0.06 * max((y for y in ys if y is not None), default=0.0)
            d.add(
                "scatter",
                x=[xs[i] for i in starts],
                y=[(ys[i] or 0.0) + lift for i in starts],
                mode="text",
                text=[texts[i] for i in starts],
                textposition="top right",
                textfont={"size": 11},
                cliponaxis=False,
                hoverinfo="skip",
                showlegend=False,
            )
    gaps = [(c, end) for c, end in merged if not c.chip]
    if gaps:
        d.add(
            "scatter",
            x=[c.start for c, _end in gaps],
            y=[0.0] * len(gaps),
            yaxis="y2",
            mode="markers",
            marker={"symbol": "x-thin-open", "size": 12, "color": NEUTRAL, "line": {"width": 2}},
            name="None without a license",
            customdata=[
                f"No chip without a license, {c.start} to {end}<br>Set by: {_wrap(c.rule)}"
                for c, end in gaps
            ],
            hovertemplate="%{customdata}<extra></extra>",
            cliponaxis=False,
        )
    shapes, notes = [], []
    for date, _name in releases:
        shapes.append(
            {
                "type": "line",
                "xref": "x",
                "yref": "paper",
                "x0": date,
                "x1": date,
                "y0": 0,
                "y1": 1,
                "line": {"color": SAFE[1], "width": 1.5, "dash": "dash"},
            }
        )
    if releases:
        # DeepSeek's releases are weeks apart: one label for them all keeps them legible.
        notes.append(
            {
                "x": releases[0][0],
                "y": 0.36,
                "xref": "x",
                "yref": "paper",
                "yanchor": "middle",
                "xanchor": "right",
                "text": "DeepSeek " + ", ".join(escape_hover(n) for _d, n in releases),
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    d.layout.update(shapes=shapes, annotations=notes)
    top = max([c.bf16_tflops for c in steps] + [1.0])
    d.yaxis.update(
        title={"text": "BF16 TFLOPS"}, domain=[0.42, 1.0], range=[0, top * 1.35], fixedrange=True
    )
    d.layout["yaxis2"] = {
        "title": {"text": "NVLink GB/s"},
        "domain": [0.0, 0.3],
        "range": [0, max([c.nvlink_gbs for c in steps] + [1.0]) * 1.2],
        "fixedrange": True,
    }
    d.xaxis.update(title={"text": "Date"}, type="date", anchor="y2")
    title = "The best Nvidia chip China could legally buy"
    return finish_layout(d, title, source, height=380)


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
    d.xaxis.update(log_dollar_axis(values.tolist(), "USD, log scale (gridlines ×10)", sparse=True))
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


#: Which of a model's figures keeps its value label when two would print over each other:
#: the recomputed one (the page's point), then as reported, then the others.
LABEL_ORDER = (
    RECOMPUTED,
    COST_METRICS["cost_reported"],
    COST_METRICS["cost_amortized"],
    COST_METRICS["cost_cloud"],
)
#: Two value labels in one model's row closer than this (decades on the log axis) collide.
LABEL_GAP_DECADES = 0.5


def labelled(figures: Sequence[ModelFigure]) -> set[tuple[str, str]]:
    """(model, kind) of the figures whose value is written beside its marker: in each model's
    row, a label that would print over one kept before it (:data:`LABEL_ORDER`) is left to
    the hover and the table below the chart.

    >>> from aicost.compare import ModelFigure
    >>> def f(kind, value):
    ...     return ModelFigure("V3", "DeepSeek", kind, value, value, value, "", "", "")
    >>> sorted(labelled([f(RECOMPUTED, 5.58e6), f("As reported", 5.576e6), f("Amortized", 4e7)]))
    [('V3', 'Amortized'), ('V3', 'Recomputed on your assumption')]
    """
    rank = {kind: i for i, kind in enumerate(LABEL_ORDER)}
    kept: dict[str, list[float]] = {}
    out: set[tuple[str, str]] = set()
    for fig in sorted(figures, key=lambda g: rank.get(g.kind, len(rank))):
        if fig.value <= 0:
            continue
        at = math.log10(fig.value)
        row = kept.setdefault(fig.model, [])
        if all(abs(at - other) >= LABEL_GAP_DECADES for other in row):
            row.append(at)
            out.add((fig.model, fig.kind))
    return out


def compare_chart(result: CompareResult, *, source: str) -> go.Figure:
    """Every model's cost figures on a log dollar axis; ranges as horizontal error bars; each
    value written beside its marker unless it would print over another (:func:`labelled`)."""
    d = Draft()
    order = result.order
    shown = labelled([f for f in result.figures if f.in_chart])
    for kind, colour in FIGURE_COLOURS.items():
        part = [f for f in result.figures if f.kind == kind and f.in_chart]
        if not part:
            continue
        recomputed = kind == RECOMPUTED
        d.add(
            "scatter",
            x=np.array([f.value for f in part], dtype=float),
            y=[f.model for f in part],
            mode="markers+text",
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
            # each value written beside its marker, so a printed chart needs no hover
            text=[fmt.usd_figure(f.value) if (f.model, f.kind) in shown else "" for f in part],
            textposition="top center",
            textfont={"size": 11, "color": colour},
            customdata=[
                f"{escape_hover(f.model)}: {fmt.usd_figure(f.value)}<br>{escape_hover(kind)}"
                f"<br>{escape_hover(shorten(f.counts))}"
                for f in part
            ],
            hovertemplate="%{customdata}<extra></extra>",
        )
    everything = [x for f in result.figures if f.in_chart for x in (f.low, f.value, f.high)]
    # every decade labelled
    d.xaxis.update(log_dollar_axis(everything, "Training cost (USD, log scale)"))
    d.yaxis.update(title={"text": ""}, categoryorder="array", categoryarray=order[::-1])
    if result.basis_kind == "rental":
        title = f"Reported vs GPU-hours × {fmt.usd(result.price)}"
    else:
        title = f"Reported vs compute at {fmt.usd(result.price)}/GPU-hour"
    return finish_layout(d, title, source, height=180 + 34 * len(order), legend_below=True)
