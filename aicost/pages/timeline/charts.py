"""/timeline's charts. Pure: frames in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from aicost.base.text import escape_hover, wrap_hover
from aicost.pages.timeline.scenario import CATEGORIES, CATEGORY_LABELS
from aicost.pages.timeline.standing import Ceiling
from aicost.report.charts import (
    NEUTRAL,
    SAFE,
    Draft,
    finish_layout,
)

#: Each event category's (colour, marker symbol) on the timeline: one row per category that
#: data.SCHEMAS["events"] declares (tests/pages/test_timeline.py checks that they match).
# fmt: off
# A table: category, colour, symbol, one category a line.
CATEGORY_STYLES: dict[str, tuple[str, str]] = {
    "company": (SAFE[3], "square"),
    "chips":   (SAFE[0], "diamond"),
    "policy":  (SAFE[1], "circle"),
    "models":  (SAFE[4], "triangle-up"),
    "markets": (SAFE[2], "triangle-down"),
}


def _hover_text(rows: pd.DataFrame) -> list[str]:
    out = []
    for r in rows.to_dict("records"):
        date = pd.Timestamp(r["when"]).strftime("%d %b %Y")
        chips = f"<br>Chips: {escape_hover(r['chips_shown'])}" if r["chips"] else ""
        out.append(
            f"<b>{wrap_hover(r['label'])}</b><br>{date} · {r['lane']}{chips}"
            f"<br>{wrap_hover(r['detail'])}<br>Source: {wrap_hover(r['source_name'])}"
        )
    return out


#: Height of one event's row on the timeline chart (px): its marker and its label.
ROW_PX = 24


def timeline_chart(rows: pd.DataFrame, *, source: str) -> go.Figure:
    """One row per event, oldest at the top, each marker labelled on the chart itself.

    ``rows`` come from :func:`aicost.pages.timeline.scenario.chart_rows`. A label sits on the side of its
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
    steps: Sequence[Ceiling],
    releases: Sequence[tuple[str, str]],
    *,
    source: str,
    names: Mapping[str, str] | None = None,
    on: str = "",
) -> go.Figure:
    """The best Nvidia chip China could legally buy: its dense BF16 peak and NVLink, as steps.

    Each step is labelled with its chip and how the rule that opened it let it be sold;
    ``releases`` = (date, name) are DeepSeek's models, drawn as dashed lines. Periods when no
    chip was legal are gaps, marked with an x on the time axis and named by the rule that
    began them (``names``: a period's start -> what opened it), written upwards from the x so
    that rules a few weeks apart stay apart on a phone. ``on``: a day the reader asked about,
    marked with a line.
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
                f"<br>Opened by: {wrap_hover(c.rule)}"
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
    named = names or {}
    rules = [
        {
            "x": c.start,
            "y": 0,
            "xref": "x",
            "yref": "y2",
            "text": escape_hover(named[c.start]),
            "textangle": -90,
            "xanchor": "left",
            "yanchor": "bottom",
            "xshift": 1,
            "yshift": 9,
            "showarrow": False,
            "font": {"size": 10},
        }
        for c, _end in gaps
        if named.get(c.start)
    ]
    if gaps:
        d.add(
            "scatter",
            x=[c.start for c, _end in gaps],
            y=[0.0] * len(gaps),
            yaxis="y2",
            mode="markers",
            marker={"symbol": "x-thin-open", "size": 12, "color": NEUTRAL, "line": {"width": 2}},
            name="None could be obtained",
            customdata=[
                f"No chip without a license, {c.start} to {end}<br>Set by: {wrap_hover(c.rule)}"
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
    first = min((c.start for c in steps), default="")
    last = max((c.end for c in steps), default="")
    if on and first <= on <= last:  # under the labels, named in the legend (a label of its own ran into others)
        line = {"color": NEUTRAL, "width": 2, "dash": "dot"}
        shapes.append(
            {
                "type": "line", "xref": "x", "yref": "paper", "x0": on, "x1": on, "y0": 0,
                "y1": 1, "line": line, "layer": "below",
            }
        )  # fmt: skip
        d.add("scatter", x=[None], y=[None], mode="lines", line=line, name=f"{on}, the day asked")
    if releases:
        # DeepSeek's releases are weeks apart: one label for them all keeps them legible.
        notes.append(
            {
                "x": releases[0][0],
                "y": 0.48,
                "xref": "x",
                "yref": "paper",
                "yanchor": "middle",
                "xanchor": "right",
                "text": "DeepSeek " + ", ".join(escape_hover(n) for _d, n in releases),
                "showarrow": False,
                "font": {"size": 11},
            }
        )
    d.layout.update(shapes=shapes, annotations=[*notes, *rules])
    top = max([c.bf16_tflops for c in steps] + [1.0])
    d.yaxis.update(
        title={"text": "BF16 TFLOPS"}, domain=[0.55, 1.0], range=[0, top * 1.35], fixedrange=True
    )
    d.layout["yaxis2"] = {
        "title": {"text": "NVLink GB/s"},
        "domain": [0.0, 0.42],
        "range": [0, max([c.nvlink_gbs for c in steps] + [1.0]) * 1.2],
        "fixedrange": True,
    }
    d.xaxis.update(title={"text": "Date"}, type="date", anchor="y2")
    if first and last:  # to the last day on file: the stretch without a chip shows to its end
        pad = (pd.Timestamp(last) - pd.Timestamp(first)) * 0.03
        d.xaxis.update(range=[pd.Timestamp(first) - pad, pd.Timestamp(last) + pad])
    title = "The best Nvidia chip China could legally buy"
    return finish_layout(d, title, source, height=380)
