"""Plotly figure builders. Pure: numbers and frames in, ``go.Figure`` out; no streamlit import.

Every figure has a title, axis titles with units, a source note under the plot and colours
from the colour-blind-safe CARTO "Safe" palette (Paul Tol's research). Figures carry no
plotly template (``template="none"``) so the payload stays small; the app's theme styles them."""

from __future__ import annotations

import math
import os
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from aicost.base import fmt

#: CARTO "Safe" qualitative palette (colour-blind friendly); also the app's
#: ``chartCategoricalColors`` in .streamlit/config.toml (tests/test_charts.py ties the two).
# fmt: off
# A table: the palette's twelve colours in two rows of six, as the palette is published.
SAFE = (
    "#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
    "#44AA99", "#999933", "#882255", "#661100", "#6699CC", "#888888",
)


# fmt: on
#: Per theme, the palette colours that fall below WCAG's 3:1 for graphics on that theme's
#: background, and the same hue darkened (light) or lightened (dark) until it passes:
#: #332288 on the dark background is 1.55:1, #8877DD 5.2:1; #88CCEE on white 1.8:1,
#: #3A8FB7 3.6:1. The other colours already pass, so the palette stays colour-blind safe.
THEMED: dict[str, dict[str, str]] = {
    "light": {SAFE[0]: "#3A8FB7", SAFE[2]: "#A68A2E", SAFE[6]: "#2E8B7A"},
    "dark": {SAFE[4]: "#8877DD", SAFE[8]: "#CC5588", SAFE[9]: "#CC6633"},
}


#: Per theme, text colours swapped beyond :data:`THEMED`: the dark green is enough for a mark
#: on the dark background (3:1), not for the small text beside it (4.5:1).
TEXT_THEMED: dict[str, dict[str, str]] = {"dark": {SAFE[3]: "#55BB77"}}


#: Per theme, the colour of a figure written inside a bar (a trace's ``insidetextfont``):
#: white on the light theme's #332288 bars (12:1), near-black on the dark theme's #8877DD
#: (5.2:1); plotly's own choice there, white, is 3.6:1.
INSIDE_TEXT = {"light": "#FFFFFF", "dark": "#111111"}


HIGHLIGHT = SAFE[1]


NEUTRAL = SAFE[11]


def _merge(into: dict, new: Mapping[str, object]) -> dict:
    """Deep-merge ``new`` into ``into`` (nested dicts merge, everything else replaces)."""
    for key, value in new.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value
    return into


@dataclass
class Draft:
    """A figure under construction as plain dicts: traces, axes and layout.

    :func:`finish_layout` validates it once. Building through ``go.Bar(...)`` and
    ``fig.update_*`` validates at every step, which cost tens of milliseconds per rerun.
    """

    traces: list[dict] = field(default_factory=list)
    xaxis: dict = field(default_factory=dict)
    yaxis: dict = field(default_factory=dict)
    layout: dict = field(default_factory=dict)

    def add(self, kind: str, **trace: object) -> None:
        self.traces.append({"type": kind, **trace})


#: Plotly's "none" template as the figure carries it once validated. Figures are built
#: unvalidated (:data:`VALIDATE`), which would leave the name "none" in the layout: plotly.js
#: knows no template names, and a chart drawn with it differed from the validated one (a
#: label of /timeline's chip ceiling went missing in the browser).
NO_TEMPLATE: dict = pio.templates["none"].to_plotly_json()


#: Room (px) for a dollar figure written past a bar's end ("$1.22B" at 13 px, and a gap).
OUTSIDE_LABEL_PX = 48


def finish_layout(
    fig: go.Figure | Draft,
    title: str,
    source: str,
    *,
    height: int = 360,
    legend_inside: bool = False,
    legend_below: bool = False,
    right: int = 16,
) -> go.Figure:
    """Title and source note top left (outside the plot area), legend above the plot.

    ``right``: the margin (px) right of the plot; :data:`OUTSIDE_LABEL_PX` for a chart whose
    figures are written past its bars' ends (on a 390 px phone an axis' headroom alone is too
    narrow for "$589B").

    ``legend_inside`` puts the legend in the plot's lower right corner instead, for charts
    whose long category labels would make a legend above the plot wrap into the title;
    ``legend_below`` puts it at the bottom of the figure, for long names over a full row.

    The layout is merged as plain dicts and the figure validated once: plotly's
    ``update_layout`` and ``update_xaxes`` re-validate the whole figure on every call, which
    cost tens of milliseconds per chart on every rerun.
    """
    if isinstance(fig, Draft):
        traces: Sequence = fig.traces
        layout = {**fig.layout, "xaxis": dict(fig.xaxis), "yaxis": dict(fig.yaxis)}
        names = [str(t.get("name") or "") for t in fig.traces if t.get("showlegend") is not False]
    else:
        traces, layout = fig.data, fig.layout.to_plotly_json()
        names = [str(t.name or "") for t in fig.data if t.showlegend is not False]
    source_lines = textwrap.wrap(f"Source: {source}", 60)  # fits a 390 px phone
    # Titles wrap too: on a 390 px phone a longer line runs off the chart's right edge.
    title_lines = textwrap.wrap(title, TITLE_CHARS) or [""]
    has_legend = len(names) > 1
    # plotly lifts a title of n lines anchored at its top by half a line per line after the
    # first, out of the figure (the first line of a two-line title was cut off): pushed down
    lift = _title_lift(len(title_lines))
    top = 30 + 18 * len(title_lines) + 15 * len(source_lines) + lift
    if has_legend and not legend_inside and not legend_below:
        top += 22 * _legend_rows(names)
    legend = (
        {
            "x": 1,
            "xanchor": "right",
            "y": 0,
            "yanchor": "bottom",
            "bgcolor": "rgba(128,128,128,0.12)",
        }
        if legend_inside
        else {"orientation": "h", "x": 0, "xanchor": "left", "y": 1.0, "yanchor": "bottom"}
    )
    if legend_below:
        # in the figure's own box (container), so a downloaded PNG keeps it whole
        legend.update(yref="container", y=0, yanchor="bottom")
    bottom = 20 + 22 * _legend_rows(names) if legend_below else 10
    _merge(
        layout,
        {
            "template": NO_TEMPLATE,
            "title": {
                "text": "<br>".join(title_lines),
                "x": 0,
                "xanchor": "left",
                "xref": "container",
                "y": 1,
                "yanchor": "top",
                "yref": "container",
                "pad": {"t": 10 + lift, "l": 10},
                "font": {"size": TITLE_PX},
                "subtitle": {"text": "<br>".join(source_lines), "font": {"size": 11}},
            },
            "height": height + top,
            "margin": {"l": 10, "r": right, "t": top, "b": bottom},
            "paper_bgcolor": "rgba(0,0,0,0)",
            "plot_bgcolor": "rgba(0,0,0,0)",
            "legend": legend,
            "hoverlabel": {"namelength": -1},
            "font": {"size": 13},
        },
    )
    grid = {"automargin": True, "gridcolor": "rgba(128,128,128,0.25)"}
    axes = {k for k in layout if k.startswith(("xaxis", "yaxis"))} | {"xaxis", "yaxis"}
    for axis in sorted(axes):
        _merge(layout.setdefault(axis, {}), grid)
    return go.Figure(data=traces, layout=layout, _validate=VALIDATE)


#: Whether figures are checked against plotly's schema as they are built. The tests build
#: every chart with it on (tests/conftest.py sets ``AICOST_VALIDATE_CHARTS=1``), so a wrong
#: property fails there; the app skips it, a third of a chart's time on every rerun.
VALIDATE = os.environ.get("AICOST_VALIDATE_CHARTS", "0") == "1"


def stamp(fig: go.Figure, line: str) -> go.Figure:
    """Add ``line`` (the scenario's short link and data release) under a figure's source note,
    wrapped for a 390 px phone, and make room for it above the plot. In place; returns ``fig``.

    >>> fig = finish_layout(Draft(), "T", "a source")
    >>> top = fig.layout.margin.t
    >>> fig = stamp(fig, "Scenario: /training-cost?price=3.4&rel=2 (data release 2)")
    >>> fig.layout.title.subtitle.text
    'Source: a source<br>Scenario: /training-cost?price=3.4&rel=2 (data release 2)'
    >>> fig.layout.margin.t - top
    15
    """
    lines = wrap_link_line(line, 60)
    subtitle = fig.layout.title.subtitle.text
    fig.layout.title.subtitle.text = "<br>".join([subtitle, *lines] if subtitle else lines)
    extra = 15 * len(lines)
    fig.layout.margin.t = (fig.layout.margin.t or 0) + extra
    if fig.layout.height:
        fig.layout.height += extra
    return fig


def wrap_link_line(line: str, width: int) -> list[str]:
    """``line`` in lines of at most ``width`` characters, at spaces; a link longer than a line
    is cut before a ``/``, ``?`` or ``&`` (never inside a host name or a value), and its pieces
    join without a space, so the lines read back as the link.

    >>> for x in wrap_link_line(
    ...     "data release 5: http://localhost:8622/training-cost?price=3.4&r1=true&gpus=4096&rel=5",
    ...     40,
    ... ):
    ...     print(x)
    data release 5:
    http://localhost:8622/training-cost
    ?price=3.4&r1=true&gpus=4096&rel=5
    >>> [len(x) for x in wrap_link_line("x" * 70 + "/yy/a", 60)]  # no place to cut: at the width
    [60, 15]
    """
    pieces: list[tuple[str, str]] = []  # (text, what joins it to the one before)
    for word in line.split():
        glue = " "
        while len(word) > width:
            cut = max(word.rfind(c, 1, width) for c in "/?&")
            if cut > 0 and word[cut - 1] == "/":  # not between the two slashes of "://"
                cut = max(word.rfind(c, 1, cut - 1) for c in "/?&")
            cut = cut if cut > 0 else width
            pieces.append((word[:cut], glue))
            word, glue = word[cut:], ""
        pieces.append((word, glue))
    lines: list[str] = []
    for text, glue in pieces:
        if lines and len(lines[-1]) + len(glue) + len(text) <= width:
            lines[-1] += glue + text
        else:
            lines.append(text)
    return lines


#: Characters of a chart title on one line: what fits a 390 px phone at the title's size.
TITLE_CHARS = 44

#: A chart title's size (px): Streamlit's own, stated so that an exported image keeps it.
TITLE_PX = 16


def _title_lift(lines: int) -> int:
    """How far (px) plotly lifts a title of ``lines`` lines anchored at its top: half a line
    (1.3 times the size) per line after the first.

    >>> _title_lift(1), _title_lift(2), _title_lift(3)
    (0, 11, 21)
    """
    return math.ceil(0.65 * TITLE_PX * (lines - 1))


#: Width (px) a horizontal legend may take before it wraps: a 390 px phone's chart.
LEGEND_PX = 330


def _legend_rows(names: Sequence[str]) -> int:
    """Rows a horizontal legend of ``names`` takes on a phone (about 6.5 px a character,
    40 px for the symbol and gap of each entry), so the top margin leaves it room.

    >>> _legend_rows(["Chips", "Policy", "Models"]), _legend_rows(["One training run"] * 3)
    (1, 2)
    """
    rows, used = 1, 0.0
    for name in names:
        width = 40 + 6.5 * len(name)
        if used and used + width > LEGEND_PX:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def _swap(value: object, colours: Mapping[str, str]) -> object:
    if isinstance(value, str):
        return colours.get(value.upper(), value)
    if isinstance(value, list | tuple):
        return [_swap(v, colours) for v in value]
    return value


def for_theme(fig: go.Figure, theme: str) -> go.Figure:
    """The figure with the palette colours that are hard to see on ``theme`` swapped (in place):
    in its markers, lines and error bars, the text written beside them, its shapes (lines
    such as a P50) and its annotations. Text needs more contrast than a mark (4.5:1, not
    3:1), so on the dark theme a text in the palette's dark green is lightened too.

    >>> fig = go.Figure(go.Bar(x=[1], y=[1], marker={"color": SAFE[4]}))
    >>> for_theme(fig, "dark").data[0].marker.color
    '#8877DD'
    >>> bar = go.Figure(go.Bar(x=[1], y=[1], insidetextfont={"color": INSIDE_TEXT["light"]}))
    >>> for_theme(bar, "dark").data[0].insidetextfont.color
    '#111111'
    >>> dots = go.Figure(go.Scatter(x=[1], y=[1], textfont={"color": SAFE[3]}))
    >>> _ = dots.add_vline(
    ...     x=1, line_color=SAFE[4], annotation_text="P50", annotation_font_color=SAFE[4]
    ... )
    >>> dots = for_theme(dots, "dark")
    >>> dots.data[0].textfont.color, dots.layout.shapes[0].line.color
    ('#55BB77', '#8877DD')
    >>> dots.layout.annotations[0].font.color
    '#8877DD'
    """
    for trace in fig.data:
        font = getattr(trace, "insidetextfont", None)
        if font is not None and font.color is not None and theme in INSIDE_TEXT:
            font.color = INSIDE_TEXT[theme]
    colours = THEMED.get(theme, {})
    if not colours:
        return fig
    text_colours = {**colours, **TEXT_THEMED.get(theme, {})}
    holders = [
        (getattr(trace, part, None), text_colours if part == "textfont" else colours)
        for trace in fig.data
        for part in ("marker", "line", "error_x", "textfont")
    ]
    holders += [(shape.line, colours) for shape in fig.layout.shapes or ()]
    holders += [(note.font, text_colours) for note in fig.layout.annotations or ()]
    for holder, swaps in holders:
        if holder is None or getattr(holder, "color", None) is None:
            continue
        swapped = _swap(holder.color, swaps)
        if swapped != holder.color:
            holder.color = swapped
    return fig


#: A chart's image (its camera button) is made for a slide, whatever the page's theme: opaque
#: white, dark text, the light theme's colours (:func:`slide_style`, applied in the browser by
#: :mod:`aicost.ui.assist`), this many CSS px wide (at scale 2: 2000 px).
EXPORT_WIDTH = 1000
#: Fonts the image is drawn in: ones a system has. An image is drawn without the page's web
#: fonts, so text laid out in Source Sans and drawn in a wider fallback ran out of the image.
SLIDE_FONT = "Arial, Helvetica, 'Liberation Sans', 'DejaVu Sans', sans-serif"
#: The image's text: titles and labels (15:1 on white), tick labels and the source note (7:1).
SLIDE_TEXT = "#262730"
SLIDE_MUTED = "#4F5260"
SLIDE_LINES = "#B4B6BE"


def slide_colours() -> dict[str, str]:
    """Every colour a chart is drawn with on a theme that the light theme draws differently
    -> the light theme's (upper case): the palette's raw colours and the dark theme's swaps.

    >>> colours = slide_colours()
    >>> colours["#8877DD"], colours["#88CCEE"], "#332288" in colours
    ('#332288', '#3A8FB7', False)
    """
    light = THEMED["light"]
    out = {raw.upper(): swapped.upper() for raw, swapped in light.items()}
    for theme_swaps in (THEMED["dark"], TEXT_THEMED["dark"]):
        for raw, swapped in theme_swaps.items():
            out[swapped.upper()] = light.get(raw, raw).upper()
    return {k: v for k, v in out.items() if k != v}


def slide_style() -> dict[str, object]:
    """What the browser changes in a chart for its image (:mod:`aicost.ui.assist`): the layout
    (``layout``, merged; every axis gets ``axis``), the width, the colours swapped anywhere in
    the figure and the colour of a figure written inside a bar."""
    font = {"family": SLIDE_FONT, "color": SLIDE_TEXT}
    return {
        "width": EXPORT_WIDTH,
        "layout": {
            "paper_bgcolor": "#FFFFFF",
            "plot_bgcolor": "#FFFFFF",
            "font": font,
            "title": {"font": font, "subtitle": {"font": {**font, "color": SLIDE_MUTED}}},
            "legend": {"font": font, "title": {"font": font}},
        },
        "axis": {
            "tickfont": {**font, "color": SLIDE_MUTED},
            "title": {"font": font},
            "tickcolor": SLIDE_LINES,
            "linecolor": SLIDE_LINES,
            "zerolinecolor": SLIDE_LINES,
        },
        "colours": slide_colours(),
        "inside_text": INSIDE_TEXT["light"],
    }


def dollar_ticks(
    values: Sequence[float], *, log: bool = True, sparse: bool = False, target: int = 6
) -> tuple[list[float], list[str]]:
    """Tick positions and human labels ($10K, $1M, $1.5B) for a dollar axis covering ``values``.

    On a log axis (``log=True``) a tick at every power of ten; ``sparse`` labels only $1K,
    $1M, $1B and $1T once there are more than five gridlines, so a phone screen stays clear.
    On a linear axis about ``target`` round steps from the smallest value to the largest
    (plotly's own SI format would write $1.5G).

    >>> dollar_ticks([2e6, 3e8])[1]
    ['$1M', '$10M', '$100M', '$1B']
    >>> dollar_ticks([294e3, 1e12], sparse=True)[1]
    ['', '$1M', '', '', '$1B', '', '', '$1T']
    >>> dollar_ticks([0, 2.6e9], log=False)[1]
    ['$0', '$500M', '$1B', '$1.5B', '$2B', '$2.5B']
    """
    if not log:
        return _linear_ticks(min(values), max(values), target)
    finite = [v for v in values if v > 0 and math.isfinite(v)]
    low = math.floor(math.log10(min(finite)))
    high = math.ceil(math.log10(max(finite)))
    ticks = [10.0**e for e in range(low, high + 1)]
    labels = [fmt.usd(t) for t in ticks]
    if sparse and len(ticks) > 5:
        labels = [t if (low + i) % 3 == 0 else "" for i, t in enumerate(labels)]
    return ticks, labels


def log_dollar_axis(
    values: Sequence[float], title: str, *, sparse: bool = False, headroom: float | None = None
) -> dict[str, object]:
    """A log dollar axis covering ``values``: a tick a decade (:func:`dollar_ticks`) and, with
    ``headroom``, a range that many decades past the last tick, for labels outside the bars.

    >>> axis = log_dollar_axis([5e6, 2e8], "USD", headroom=0.3)
    >>> axis["ticktext"], axis["range"]
    (['$1M', '$10M', '$100M', '$1B'], [6.0, 9.3])
    """
    ticks, text = dollar_ticks(values, sparse=sparse)
    axis: dict[str, object] = {
        "type": "log",
        "title": {"text": title},
        "tickvals": ticks,
        "ticktext": text,
        # a gridline a decade, labelled or not: the axis titles say "each gridline ×10"
        "showgrid": True,
    }
    if headroom is not None:
        axis["range"] = [math.log10(ticks[0]), math.log10(ticks[-1]) + headroom]
    return axis


def _linear_ticks(low: float, high: float, target: int) -> tuple[list[float], list[str]]:
    span = high - low
    if not span > 0:
        return [low], [fmt.usd(low)]
    raw = span / target
    magnitude = 10 ** np.floor(np.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = np.ceil(low / step) * step
    ticks = [float(t) for t in np.arange(first, high + step * 1e-9, step)]
    return ticks, ["$0" if t == 0 else fmt.usd(t) for t in ticks]
