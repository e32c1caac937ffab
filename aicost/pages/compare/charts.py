"""/compare's chart. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from aicost.base import fmt
from aicost.base.text import escape_hover, shorten
from aicost.pages.compare.scenario import (
    COST_METRICS,
    RECOMPUTED,
    RECOMPUTED_ESTIMATE,
    CompareResult,
    ModelFigure,
)
from aicost.report.charts import (
    SAFE,
    Draft,
    finish_layout,
    log_dollar_axis,
)

FIGURE_COLOURS: dict[str, str] = {
    COST_METRICS["cost_reported"]: SAFE[1],
    COST_METRICS["cost_amortized"]: SAFE[4],
    COST_METRICS["cost_cloud"]: SAFE[0],
    RECOMPUTED: SAFE[3],
    RECOMPUTED_ESTIMATE: SAFE[3],  # ours: the same kind, its own marker and legend entry
}


FIGURE_SYMBOLS: dict[str, str] = {
    COST_METRICS["cost_reported"]: "circle",
    COST_METRICS["cost_amortized"]: "square",
    COST_METRICS["cost_cloud"]: "triangle-up",
    RECOMPUTED: "diamond-open",
    RECOMPUTED_ESTIMATE: "x-thin-open",
}


#: Which of a model's figures keeps its value label when two would print over each other:
#: the recomputed one (the page's point), then as reported, then the others.
LABEL_ORDER = (
    RECOMPUTED,
    COST_METRICS["cost_reported"],
    COST_METRICS["cost_amortized"],
    COST_METRICS["cost_cloud"],
)


#: Two value labels on one side of a row closer than this (decades on the log axis) collide:
#: on a 390 px phone a decade is about 40 px and "$1.16B" 35 px wide.
LABEL_GAP_DECADES = 1.0
ABOVE, BELOW = "top center", "bottom center"


def labelled(
    figures: Sequence[ModelFigure], order: Sequence[str] = ()
) -> dict[tuple[str, str], str]:
    """(model, kind) of the figures whose value is written beside its marker -> where: above
    it, or below it when the place above is taken. In each model's row a label goes above
    unless it would print over one kept there before it (:data:`LABEL_ORDER`), then below
    unless it would print over one below it or over one above in the next row (``order``: the
    models from the top row down); a label with no room is left to the hover and the table.

    >>> from aicost.pages.compare.scenario import ModelFigure
    >>> def f(kind, value, model="V3"):
    ...     return ModelFigure(model, "DeepSeek", kind, value, value, value, "", "", "")
    >>> places = labelled([f(RECOMPUTED, 5.58e6), f("As reported", 5.576e6), f("Amortized", 4e7)])
    >>> sorted(places.items())
    [(('V3', 'As reported'), 'bottom center'), (('V3', 'Recomputed on your assumption'), 'top center')]
    >>> labelled([f("Amortized", 3.01e8, "Grok-3"), f("Cloud", 1.16e9, "Grok-3")])
    {('Grok-3', 'Amortized'): 'top center', ('Grok-3', 'Cloud'): 'bottom center'}
    >>> labelled(
    ...     [f("Amortized", 3e8, "A"), f("Cloud", 1.2e9, "A"), f("Amortized", 1e9, "B")], ["A", "B"]
    ... )
    {('A', 'Amortized'): 'top center', ('B', 'Amortized'): 'top center'}
    """
    rank = {kind: i for i, kind in enumerate(LABEL_ORDER)}
    ranked = sorted((g for g in figures if g.value > 0), key=lambda g: rank.get(g.kind, len(rank)))
    under = {model: order[i + 1] for i, model in enumerate(order[:-1])}
    above: dict[str, list[float]] = {}
    below: dict[str, list[float]] = {}
    out: dict[tuple[str, str], str] = {}

    def free(at: float, taken: Sequence[float]) -> bool:
        return all(abs(at - other) >= LABEL_GAP_DECADES for other in taken)

    for fig in ranked:
        at, row = math.log10(fig.value), above.setdefault(fig.model, [])
        if free(at, row):
            row.append(at)
            out[(fig.model, fig.kind)] = ABOVE
    for fig in ranked:
        if (fig.model, fig.kind) in out:
            continue
        at, row = math.log10(fig.value), below.setdefault(fig.model, [])
        if free(at, [*row, *above.get(under.get(fig.model, ""), [])]):
            row.append(at)
            out[(fig.model, fig.kind)] = BELOW
    return out


def compare_chart(result: CompareResult, *, source: str) -> go.Figure:
    """Every model's cost figures on a log dollar axis; ranges as horizontal error bars; each
    value written beside its marker unless it would print over another (:func:`labelled`)."""
    d = Draft()
    order = result.order
    shown = labelled([f for f in result.figures if f.in_chart], order)
    for kind, colour in FIGURE_COLOURS.items():
        # by label: a recomputed figure that is our estimate is its own trace, named so
        part = [f for f in result.figures if f.label == kind and f.in_chart]
        if not part:
            continue
        recomputed = kind in (RECOMPUTED, RECOMPUTED_ESTIMATE)
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
            text=[
                (fmt.usd_figure(f.value) + (" (our est.)" if f.estimate else ""))
                if (f.model, f.kind) in shown
                else ""
                for f in part
            ],
            textposition=[shown.get((f.model, f.kind), ABOVE) for f in part],
            textfont={"size": 11, "color": colour},
            customdata=[
                f"{escape_hover(f.model)}: {fmt.usd_figure(f.value)}<br>{escape_hover(kind)}"
                + (f"<br>{escape_hover(f.formula)}" if f.formula else "")
                + f"<br>{escape_hover(shorten(f.counts))}"
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
