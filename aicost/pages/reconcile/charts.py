"""Figures of the reconcile page: ladder, waterfall, histogram, tornado. Pure; no streamlit.

The chain spans four orders of magnitude ($294K to $2.5B), so it is drawn twice:

- :func:`ladder`: each step's figure on a **log** axis, labelled with its multiple of the
  step before; every step is visible and equal ratios look equal;
- :func:`waterfall`: the same steps as a plotly waterfall on a **linear** axis, where the
  increments add up honestly; that the first four steps are slivers is the point.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from aicost.base import fmt
from aicost.base.montecarlo import Distribution, Histogram, Swing
from aicost.pages.reconcile.scenario import Chain
from aicost.report.charts import (
    HIGHLIGHT,
    INSIDE_TEXT,
    NEUTRAL,
    OUTSIDE_LABEL_PX,
    SAFE,
    Draft,
    dollar_ticks,
    finish_layout,
)

#: On two lines: on one, it is wider than a 390 px phone's chart.
LOG_TITLE = "USD (log scale:<br>each gridline is 10 times the last)"


def _step_labels(c: Chain) -> list[str]:
    return [f"{s.number}. {s.short}" for s in c.steps]


def ladder(c: Chain, *, source: str) -> go.Figure:
    """Horizontal bars on a log dollar axis: where the chain stands after each step."""
    labels = _step_labels(c)
    levels = np.array([s.level for s in c.steps], dtype=float)
    shown = [fmt.usd_figure(s.level) + ("+" if s.bound else "") for s in c.steps]
    text = [shown[0]]
    for prev, cur, label in zip(levels[:-1], levels[1:], shown[1:], strict=True):
        text.append(f"{label}  (×{fmt.multiple(cur / prev).rstrip('×')})")
    colours = [HIGHLIGHT if s.key == "v3_rental" else SAFE[4] for s in c.steps]
    ticks, tick_text = dollar_ticks(list(levels))
    # Room on the right for the outside labels: a decade and a half beyond the largest figure.
    lower, upper = np.log10(ticks[0]), np.log10(max(ticks[-1], levels.max())) + 1.5
    # A bar longer than half the axis holds its label inside: on a 390 px phone a label past
    # the end of the longest bars would run off the chart.
    inside = np.log10(levels) - lower >= (upper - lower) / 2
    d = Draft()
    d.add(
        "bar",
        x=levels,
        y=labels,
        orientation="h",
        marker={"color": colours},
        text=text,
        textposition=["inside" if i else "outside" for i in inside],
        insidetextanchor="end",
        insidetextfont={"color": INSIDE_TEXT["light"]},
        cliponaxis=False,
        showlegend=False,
        customdata=[s.label for s in c.steps],
        hovertemplate="%{customdata}: %{text}<extra></extra>",
    )
    d.xaxis.update(
        type="log",
        title={"text": LOG_TITLE},
        tickvals=ticks,
        ticktext=tick_text,
        range=[lower, upper],
    )
    d.yaxis.update(title={"text": ""}, autorange="reversed")
    title = (
        f"From {fmt.usd_figure(c.narrowest)} to {fmt.usd_figure(c.widest)}: "
        f"{fmt.multiple(c.widest / c.narrowest)} apart (× = times the step before)"
    )
    return finish_layout(d, title, source, height=80 + 44 * len(labels))


def waterfall(c: Chain, *, source: str) -> go.Figure:
    """A plotly waterfall on a linear axis: what each step adds to the one before."""
    labels = [*_step_labels(c), "Widest figure"]
    levels = [s.level for s in c.steps]
    deltas = [levels[0], *(b - a for a, b in zip(levels[:-1], levels[1:], strict=True))]
    text = [fmt.usd_figure(deltas[0])]
    text += [("+" if d >= 0 else "−") + fmt.usd(abs(d)) for d in deltas[1:]]
    text.append(fmt.usd(levels[-1]))
    d = Draft()
    d.add(
        "waterfall",
        x=labels,
        y=[*deltas, 0.0],
        measure=["absolute"] + ["relative"] * (len(deltas) - 1) + ["total"],
        text=text,
        textposition="outside",
        cliponaxis=False,
        increasing={"marker": {"color": SAFE[4]}},
        decreasing={"marker": {"color": SAFE[1]}},
        totals={"marker": {"color": SAFE[3]}},
        connector={"line": {"color": NEUTRAL, "dash": "dot", "width": 1}},
        hovertemplate="%{x}: %{text}<extra></extra>",
        showlegend=False,
    )
    top = max(max(levels), 1.0) * 1.15
    ticks, tick_text = dollar_ticks([0.0, top], log=False)
    d.yaxis.update(
        title={"text": "USD (linear scale)"}, tickvals=ticks, ticktext=tick_text, range=[0, top]
    )
    d.xaxis.update(title={"text": "Step"}, tickangle=-30)
    return finish_layout(d, "What each step adds, in dollars", source, height=440)


def _vline(x: float, colour: str, dash: str) -> dict:
    """A vertical line across the plot at ``x`` (a layout shape, as plotly's add_vline makes)."""
    return {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": x,
        "x1": x,
        "y0": 0,
        "y1": 1,
        "line": {"color": colour, "width": 2, "dash": dash},
    }


#: A label's height above the plot (px), and the plot width its rows are planned for: a
#: 390 px phone's, so that labels that clear each other there clear on a desktop too.
LABEL_ROW_PX = 17
LABEL_PLAN_PX = 330


def label_rows(labels: Sequence[tuple[str, float]], low: float, high: float) -> list[int]:
    """For labels centred on their lines' ``x`` (in ``low``..``high``), the row above the plot
    each goes in: the lowest row where it clears the labels already there.

    >>> label_rows([("P10 $8.21M", 8.2), ("Chain: $11.8M", 11.8), ("P50 $15.3M", 15.3)], 0, 55)
    [0, 1, 2]
    >>> label_rows([("P10 $8.21M", 8.2), ("P90 $28.8M", 28.8)], 0, 55)
    [0, 0]
    """
    per_px = (high - low) / LABEL_PLAN_PX
    ends: list[float] = []  # per row, where its rightmost label ends
    rows = [0] * len(labels)
    for i in sorted(range(len(labels)), key=lambda k: labels[k][1]):
        text, x = labels[i]
        half = (6.5 * len(text) + 10) * per_px / 2
        row = next((r for r, end in enumerate(ends) if end <= x - half), len(ends))
        if row == len(ends):
            ends.append(0.0)
        ends[row] = x + half
        rows[i] = row
    return rows


def _label(text: str, x: float, row: int) -> dict:
    """A text label above the plot, centred on its line, in its row (:func:`label_rows`): no
    line of the chart crosses it, and no other label covers it."""
    return {
        "x": x,
        "y": 1,
        "xref": "x",
        "yref": "paper",
        "text": text,
        "showarrow": False,
        "yanchor": "bottom",
        "xanchor": "center",
        "yshift": 2 + LABEL_ROW_PX * row,
        "font": {"size": 11},
    }


def histogram(
    h: Histogram,
    d: Distribution,
    *,
    title: str,
    x_title: str,
    source: str,
    references: Sequence[tuple[str, float]] = (),
) -> go.Figure:
    """Share of Monte Carlo draws per bin (binned on the server), with P10/P50/P90 marked."""
    fig = Draft()
    fig.add(
        "bar",
        x=h.centres,
        y=h.shares * 100.0,
        width=h.widths,
        marker={"color": SAFE[0], "line": {"width": 0}},
        name="Share of draws",
        showlegend=False,
        customdata=np.stack([h.edges[:-1], h.edges[1:]], axis=1),
        hovertemplate="$%{customdata[0]:.3s} to $%{customdata[1]:.3s}: "
        "%{y:.1f}% of draws<extra></extra>",
    )
    marks = [("P10", d.p10, "dot"), ("P50", d.p50, "dash"), ("P90", d.p90, "dot")]
    lines = [(f"{name} {fmt.usd(value)}", value, SAFE[4], dash) for name, value, dash in marks]
    lines += [
        (f"{name}: {fmt.usd(value)}", value, SAFE[(i + 1) % len(SAFE)], "solid")
        for i, (name, value) in enumerate(references)
    ]
    rows = label_rows([(text, x) for text, x, _c, _d in lines], h.edges[0], h.edges[-1])
    fig.layout["shapes"] = [_vline(x, colour, dash) for _text, x, colour, dash in lines]
    fig.layout["annotations"] = [
        _label(text, x, row) for (text, x, _c, _d), row in zip(lines, rows, strict=True)
    ]
    ticks, tick_text = dollar_ticks([float(h.edges[0]), float(h.edges[-1])], log=False)
    fig.xaxis.update(title={"text": x_title}, tickvals=ticks, ticktext=tick_text)
    fig.yaxis.update(title={"text": "Share of draws (%)"}, ticksuffix="%")
    outside = h.below + h.above
    note = f"{source}; seed {d.seed}"
    if outside:
        note += f"; {outside / d.n:.0%} of draws, in the far tails, are off the chart"
    out = finish_layout(fig, f"{title} ({d.n:,} draws)", note, height=360)
    room = LABEL_ROW_PX * (max(rows, default=-1) + 1) + 4  # the label rows above the plot
    out.layout.margin.t += room
    out.layout.height += room
    return out


def tornado(
    swings: Sequence[Swing],
    point: float,
    *,
    title: str,
    x_title: str,
    source: str,
    point_label: str = "at your values",
    top: int = 8,
) -> go.Figure:
    """Bars from the chain's figure to the output with each input at its low and high end."""
    shown = list(swings)[:top]
    labels = [s.label for s in shown]
    low = np.array([s.low_output for s in shown], dtype=float)
    high = np.array([s.high_output for s in shown], dtype=float)
    fig = Draft(layout={"barmode": "overlay", "shapes": [_vline(point, NEUTRAL, "solid")]})
    for name, values, factors, colour in (
        ("Input at the low end of its 90% interval", low, [s.low_factor for s in shown], SAFE[0]),
        ("Input at the high end", high, [s.high_factor for s in shown], SAFE[1]),
    ):
        fig.add(
            "bar",
            y=labels,
            x=values - point,
            base=point,
            orientation="h",
            name=name,
            marker={"color": colour},
            text=[fmt.usd(v) for v in values],
            textposition="outside",
            cliponaxis=False,
            customdata=np.array(factors, dtype=float),
            hovertemplate="%{y} x%{customdata:.2f}: %{text}<extra></extra>",
        )
    ends = np.concatenate([low, high, [point]])
    span = ends.max() - ends.min()
    lo, hi = max(ends.min() - 0.25 * span, 0.0), ends.max() + 0.25 * span
    # four ticks: on a phone, six stood on end
    ticks, tick_text = dollar_ticks([lo, hi], log=False, target=4)
    fig.xaxis.update(title={"text": x_title}, tickvals=ticks, ticktext=tick_text, range=[lo, hi])
    # a figure is written past its bar's end, on the left for the low ends: on a 390 px phone
    # the axis' padding (a quarter of the span) is 25 px and "$1.22B" ran into the input's
    # name; the names stand off the axis by a figure's width, the right margin holds one
    fig.yaxis.update(title={"text": ""}, autorange="reversed", ticklabelstandoff=OUTSIDE_LABEL_PX)
    return finish_layout(
        fig,
        f"{title} (line: {point_label}, {fmt.usd(point)})",
        source,
        height=90 + 40 * len(shown),
        right=OUTSIDE_LABEL_PX,
    )
