"""The overview's chart. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Sequence

import plotly.graph_objects as go

from aicost.base.text import escape_hover, wrap_hover
from aicost.pages.overview.scenario import KINDS, Headline
from aicost.report.charts import (
    OUTSIDE_LABEL_PX,
    SAFE,
    Draft,
    finish_layout,
    log_dollar_axis,
)

#: The overview chart's colour for each kind of amount (aicost.pages.overview.scenario.KINDS).
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
                f"{escape_hover(h.label)}: {h.shown}<br>{wrap_hover(h.counts)}"
                f"<br>Source: {wrap_hover(h.source_name)}"
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
    # each figure is written past its bar's end; on a 390 px phone half a decade of headroom
    # is 15 px, and "$589B" ran out of the chart: the margin holds the widest figure
    return finish_layout(d, title, source, height=60 + 40 * len(ordered), right=OUTSIDE_LABEL_PX)
