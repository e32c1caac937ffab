"""The link-preview card: one scenario as a 1200x630 PNG, for the previews of Slack, X,
LinkedIn, Mastodon and email. Pure: a :class:`~aicost.report.page.PageResult` in, PNG bytes
out; no streamlit import, no browser, no system fonts.

The card shows the page's name, its headline figure large (label and text as the page shows
them), the finding, a small bar chart of the scenario's comparison (``result.body.bars``: the
scenario's bars in :data:`~aicost.report.charts.HIGHLIGHT`, sourced ones in
:data:`~aicost.report.charts.NEUTRAL`; on a log scale, in segments of 10x, when they span
decades, which the card says), the data release, the short link and the site's name. A page
without figures (the timeline, the data) shows its finding large instead.

It is read as a thumbnail (a chat preview is 300-400 px wide): no text is under 28 px at
1200 wide, the headline figure is over a tenth of the card's height, every text colour passes
WCAG AA on the background. Every string is drawn as text, never read as markup; control and
bidirectional characters are dropped first (:func:`clean`).

The layout is computed first (:func:`layout`: every string and rectangle with the box it is
drawn in), so tests check what a card says and where without reading pixels; :func:`card_text`
is its strings alone, :func:`render` the PNG. Text sizes are chosen from widths measured once
per word at one reference size, so a card costs a handful of font loads.

Its text is set by :mod:`aicost.report.typeset`: the font (Source Sans 3, the app's own),
widths, wrapping and fitting.

>>> from aicost.site import BY_PATH
>>> from aicost.base.release import Store
>>> from aicost.report.page import open_link
>>> store = Store("data/releases")
>>> r = open_link(BY_PATH["training-cost"], {"price": ["3.5"], "rel": ["3"]}, store, store.tables)
>>> t = card_text(r, "https://deepseek-cost.example")
>>> t.title, t.headline_label, t.headline
('Training cost', 'Training cost', '$9.76M')
>>> t.link, t.release
(('deepseek-cost.example/training-cost?price=3.5&rel=3',), 'Data release 3, 2026-11-30')
>>> t.bars
(('This scenario', '$9.76M'), ("DeepSeek's figure", '$5.576M'))
>>> render(r, "https://deepseek-cost.example")[:8]
b'\\x89PNG\\r\\n\\x1a\\n'
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageColor, ImageDraw

from aicost.report.charts import HIGHLIGHT, NEUTRAL
from aicost.report.page import SITE_TITLE, Bar, Figure, PageResult
from aicost.report.typeset import (
    BOLD,
    LINE,
    REGULAR,
    SEMIBOLD,
    balance,
    block_height,
    clean,
    fit_lines,
    font,
    font_file,
    shorten,
)
from aicost.report.typeset import cap as _cap
from aicost.report.typeset import descent as _descent
from aicost.report.typeset import is_cut as _is_cut
from aicost.report.typeset import stroke as _stroke
from aicost.report.typeset import text_width as _width

__all__ = [
    "BOLD",
    "HEIGHT",
    "WIDTH",
    "CardText",
    "Item",
    "Layout",
    "card_text",
    "clean",
    "font",
    "font_file",
    "layout",
    "render",
]

#: The card's size: what Open Graph and X's large summary card expect (1.91:1).
WIDTH, HEIGHT = 1200, 630
#: No text is smaller (px at 1200 wide): about 9 px on a 400 px wide chat preview.
MIN_TEXT = 28

# ---- colours (their contrast on BACKGROUND: tests/properties/test_card.py) -----------------
BACKGROUND = "#FFFFFF"
INK = "#111111"  # the title, the headline figure, the finding, the bars' values: 18.9:1
TEXT = "#333333"  # the bars' labels: 12.6:1
MUTED = "#595959"  # the headline's label, the chart's key and note, the release: 7.0:1
BRAND = "#332288"  # the site's name, the link, the top rule (the app's primary colour): 12.6:1
RULE = "#D6D6D6"  # the footer's hairline (decoration)
TRACK = "#EBEBEB"  # behind a bar on a log scale (decoration)
#: The bars: the scenario's (the app's highlight, 3.6:1 on white) and sourced ones (3.5:1),
#: both over the 3:1 WCAG asks of graphics; the key names them, so colour is not the only cue.
OURS, SOURCED = HIGHLIGHT, NEUTRAL

# ---- the grid (px) ----------------------------------------------------------------------------
MARGIN = 64  # left and right
ACCENT = 10  # the brand rule across the top
TITLE_BASE = 92  # the title's baseline
FOOT_BASE = HEIGHT - 42  # the footer's last baseline
GUTTER = 56  # between the left column and the chart
#: The chart's widths, widest first: a long finding gets the room it needs.
CHART_WIDTHS = (440, 400, 360)
#: The headline figure's sizes, largest first: at the smallest its digits are 58 px tall and
#: its "$" over 63 px, a tenth of the card.
HEADLINE_SIZES = (152, 142, 132, 124, 116, 108, 100, 94, 88)
FINDING_SIZES = (38, 36, 34, 32, 30, 28)
#: The finding's sizes on a page without figures, where it is the headline.
STATEMENT_SIZES = (52, 48, 44, 40, 36, 32)
TITLE_SIZES = (46, 42, 38, 34)
LABEL_SIZE = 30

# ---- what the card says -----------------------------------------------------------------------


def site_host(site: str) -> str:
    """The site's address as the card prints it: no scheme, no trailing slash."""
    host = site.strip().rstrip("/")
    for scheme in ("https://", "http://"):
        if host.lower().startswith(scheme):
            host = host[len(scheme) :]
    return host


def release_line(result: PageResult) -> str:
    """'Data release 3, 2026-11-30'."""
    return clean(f"Data release {result.release.id}, {result.release.date}")


def link_line(result: PageResult, site: str = "") -> str:
    """The short link as printed: 'deepseek-cost.example/training-cost?price=3.5&rel=3'."""
    return clean(site_host(site) + result.link)


# ---- the layout -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Item:
    """One thing drawn: a text (``text`` set, ``xy`` its anchor point, ``anchor`` Pillow's)
    or a rectangle (no text). ``box``: where its ink falls, (left, top, right, bottom)."""

    role: str
    box: tuple[int, int, int, int]
    fill: str
    text: str = ""
    size: int = 0
    weight: int = REGULAR
    xy: tuple[int, int] = (0, 0)
    anchor: str = "ls"

    @property
    def is_text(self) -> bool:
        return bool(self.text)


@dataclass(frozen=True)
class Layout:
    """Everything a card draws, in drawing order, and whether its chart is on a log scale."""

    items: tuple[Item, ...]
    log_scale: bool = False
    width: int = WIDTH
    height: int = HEIGHT

    def texts(self, role: str | None = None) -> list[Item]:
        return [i for i in self.items if i.is_text and (role is None or i.role == role)]

    def text(self, role: str) -> str:
        """The strings drawn as ``role``, joined by spaces ('' if none)."""
        return " ".join(i.text for i in self.texts(role))


@dataclass(frozen=True)
class CardText:
    """The exact strings a card draws, by part."""

    title: str
    site: str  # the site's name ('' when it is the title: the overview)
    headline_label: str  # the headline figure's label ('' on a page without figures)
    headline: str  # the headline figure as displayed ('' on a page without figures)
    finding: tuple[str, ...]  # its lines
    bars: tuple[tuple[str, str], ...]  # (label, value), top to bottom
    more: str  # 'and 3 more' when not every bar fits ('' when they do)
    key: tuple[str, ...]  # the chart's key: what the two colours are
    scale: str  # the chart's note on its scale ('' on a linear one)
    release: str
    link: tuple[str, ...]  # its lines: one, unless it is very long

    @property
    def link_text(self) -> str:
        """The link, its lines joined."""
        return "".join(self.link)

    def strings(self) -> tuple[str, ...]:
        """Every string, in reading order."""
        return (
            self.title, self.site, self.headline_label, self.headline, *self.finding,
            *(s for bar in self.bars for s in bar), self.more, *self.key, self.scale, self.release,
            *self.link,
        )  # fmt: skip


class _Builder:
    def __init__(self) -> None:
        self.items: list[Item] = []

    def text(
        self,
        role: str,
        text: str,
        xy: tuple[float, float],
        size: int,
        weight: int = REGULAR,
        fill: str = INK,
        anchor: str = "ls",
    ) -> Item:
        stroke = _stroke(weight, size)
        # a pseudo-bold outline grows inwards from the margin, not past it
        x = round(xy[0]) + {"l": stroke, "r": -stroke}.get(anchor[0], 0)
        y = round(xy[1])
        left, top, right, bottom = font(size, weight).getbbox(
            text, anchor=anchor, stroke_width=stroke
        )
        box = (x + int(left), y + int(top), x + math.ceil(right), y + math.ceil(bottom))
        item = Item(role, box, fill, text, size, weight, (x, y), anchor)
        self.items.append(item)
        return item

    def rect(self, role: str, box: tuple[float, float, float, float], fill: str) -> None:
        x0, y0, x1, y1 = (round(v) for v in box)
        self.items.append(Item(role, (x0, y0, x1, y1), fill))

    def paragraph(
        self,
        role: str,
        lines: Sequence[str],
        x: float,
        top: float,
        size: int,
        weight: int = REGULAR,
        fill: str = INK,
    ) -> None:
        """Lines from ``top`` (their first capital's top) down."""
        for n, line in enumerate(lines):
            self.text(role, line, (x, top + _cap(size) + n * LINE * size), size, weight, fill)


def layout(result: PageResult, site: str = "") -> Layout:
    """Where everything on ``result``'s card goes. ``site``: the site's address, printed in
    front of the link."""
    b = _Builder()
    right = WIDTH - MARGIN
    b.rect("accent", (0, 0, WIDTH, ACCENT), BRAND)

    # the header: the page's name; the site's name at the right
    title = clean(result.page.title)
    site_name = clean(SITE_TITLE) if clean(SITE_TITLE) != title else ""
    room: float = right - MARGIN
    if site_name:
        b.text("site", site_name, (right, TITLE_BASE), MIN_TEXT, SEMIBOLD, BRAND, "rs")
        room -= _width(site_name, MIN_TEXT, SEMIBOLD) + 40
    size = next((s for s in TITLE_SIZES if _width(title, s, BOLD) <= room), TITLE_SIZES[-1])
    b.text("title", shorten(title, size, room, BOLD), (MARGIN, TITLE_BASE), size, BOLD)

    # the footer: the link; the release at the right, or under it when there is no room
    foot_top = _footer(b, link_line(result, site), release_line(result))
    rule_y = round(foot_top) - 26
    b.rect("rule", (MARGIN, rule_y, right, rule_y + 2), RULE)

    top, bottom = TITLE_BASE + 44, rule_y - 30
    bars = result.body.bars
    figure = result.lead
    finding = clean(result.finding if figure is not None else result.statement)
    if not bars:
        _left(b, _plan(figure, title, finding, right - MARGIN, top, bottom), top, bottom)
        return Layout(tuple(b.items))
    # the widest chart that leaves the finding whole
    widths = [w for w in CHART_WIDTHS if w >= _chart_needs(bars)] or [CHART_WIDTHS[0]]
    for chart_w in widths:
        plan = _plan(figure, title, finding, right - chart_w - GUTTER - MARGIN, top, bottom)
        if not _is_cut(plan.finding):
            break
    log = _chart(b, bars, (right - chart_w, top, right, bottom))
    _left(b, plan, top, bottom)
    return Layout(tuple(b.items), log)


def _footer(b: _Builder, link: str, release: str) -> float:
    """The link and the release; returns the top of the footer's first line."""
    right, full = WIDTH - MARGIN, WIDTH - 2 * MARGIN
    step = round(LINE * MIN_TEXT)
    if _width(link, MIN_TEXT, SEMIBOLD) + 48 + _width(release, MIN_TEXT) <= full:
        b.text("link", link, (MARGIN, FOOT_BASE), MIN_TEXT, SEMIBOLD, BRAND)
        b.text("release", release, (right, FOOT_BASE), MIN_TEXT, fill=MUTED, anchor="rs")
        return FOOT_BASE - _cap(MIN_TEXT)
    lines = _break_link(link, full)
    if len(lines) > 2:
        lines = [lines[0], shorten("".join(lines[1:]), MIN_TEXT, full, SEMIBOLD)]
    # the release beside the link's last line if it fits there, else under it
    beside = _width(lines[-1], MIN_TEXT, SEMIBOLD) + 48 + _width(release, MIN_TEXT) <= full
    first = FOOT_BASE - step * (len(lines) - (1 if beside else 0))
    for n, line in enumerate(lines):
        b.text("link", line, (MARGIN, first + n * step), MIN_TEXT, SEMIBOLD, BRAND)
    if beside:
        b.text("release", release, (right, FOOT_BASE), MIN_TEXT, fill=MUTED, anchor="rs")
    else:
        b.text("release", release, (MARGIN, FOOT_BASE), MIN_TEXT, fill=MUTED)
    return first - _cap(MIN_TEXT)


def _break_link(link: str, width: float) -> list[str]:
    """A long link in lines, broken before a '?' or '&' (never inside a value unless one
    value is wider than a line, which is then cut with an ellipsis)."""
    parts, start = [], 0
    for i, ch in enumerate(link):
        if ch in "?&" and i > start:
            parts.append(link[start:i])
            start = i
    parts.append(link[start:])
    lines: list[str] = []
    for part in parts:
        if lines and _width(lines[-1] + part, MIN_TEXT, SEMIBOLD) <= width:
            lines[-1] += part
        else:
            lines.append(part)
    return [shorten(line, MIN_TEXT, width, SEMIBOLD) for line in lines]


@dataclass(frozen=True)
class _Plan:
    """The left column: the headline's label (None: not drawn, it is the title), its text
    and size, and the finding's size and lines."""

    label: str | None
    headline: str | None  # None: a page without figures, its finding is the headline
    headline_size: int
    finding_size: int
    finding: list[str]
    width: float


def _plan(
    figure: Figure | None, title: str, finding: str, width: float, top: float, bottom: float
) -> _Plan:
    """The largest headline that leaves the finding whole, then the largest finding."""
    if figure is None:
        size, lines = fit_lines(finding, STATEMENT_SIZES, width, bottom - top, BOLD)
        return _Plan(None, None, 0, size, lines if finding else [], width)
    label = clean(figure.label)
    shown = shorten(label, LABEL_SIZE, width, SEMIBOLD) if label and label != title else None
    headline = clean(figure.text) or "–"
    y = top + (_LABEL_STEP if shown is not None else _NO_LABEL)
    fitting = [s for s in HEADLINE_SIZES if _width(headline, s, BOLD) <= width]
    plan = _Plan(shown, headline, HEADLINE_SIZES[-1], 0, [], width)
    for hs in fitting or HEADLINE_SIZES[-1:]:
        room = bottom - (y + _cap(hs) + _HEADLINE_GAP * hs)
        size, lines = fit_lines(finding, FINDING_SIZES, width, room) if finding else (0, [])
        plan = _Plan(shown, headline, hs, size, lines, width)
        if not _is_cut(lines):
            break
    return plan


_HEADLINE_GAP = 0.45  # from the headline's baseline to the finding's first capital, in its size
_LABEL_STEP = _cap(LABEL_SIZE) + 28  # from the label's top to the headline's
_NO_LABEL = 18  # the headline's "$" reaches over its figures: room under the title


def _left(b: _Builder, plan: _Plan, top: float, bottom: float) -> None:
    """The left column: the headline's label and figure, then the finding; on a page without
    figures, the finding large, in the middle of the space."""
    if plan.headline is None:
        lines = plan.finding
        if not _is_cut(lines):
            lines = balance(lines, plan.finding_size, plan.width, BOLD)
        height = block_height(len(lines), plan.finding_size)
        y = top + max(0.0, (bottom - top - height) * 0.4)
        b.paragraph("finding", lines, MARGIN, y, plan.finding_size, BOLD)
        return
    y = top + (_LABEL_STEP if plan.label is not None else _NO_LABEL)
    if plan.label is not None:
        b.text("headline-label", plan.label, (MARGIN, top + _cap(LABEL_SIZE)), LABEL_SIZE,
               SEMIBOLD, MUTED)  # fmt: skip
    hs = plan.headline_size
    b.text("headline", plan.headline, (MARGIN, y + _cap(hs)), hs, BOLD)
    y += _cap(hs) + _HEADLINE_GAP * hs
    lines = plan.finding
    if not _is_cut(lines):
        lines = balance(lines, plan.finding_size, plan.width)
    b.paragraph("finding", lines, MARGIN, y, plan.finding_size)


# ---- the chart --------------------------------------------------------------------------------

SCALE_NOTE = "Log scale: each segment is 10×"
KEY = (("This scenario", OURS), ("Sourced", SOURCED))


def log_scale(bars: Sequence[Bar]) -> bool:
    """Whether the bars are drawn on a log scale: when all are positive and the longest is at
    least 30 times the shortest (on a linear scale the shortest would be a sliver)."""
    values = [b.value for b in bars if math.isfinite(b.value)]
    if len(values) < 2 or min(values) <= 0:
        return False
    return max(values) / min(values) >= 30


def _decades(values: Sequence[float]) -> tuple[int, int]:
    """The powers of ten around the (positive) values: under the smallest, over the largest."""
    floor = math.floor(math.log10(min(values)))
    return floor, max(floor + 1, math.ceil(math.log10(max(values))))


def _shares(bars: Sequence[Bar], log: bool) -> list[float]:
    """Each bar's length as a share of the axis (0 to 1). On a log scale the axis runs in
    whole decades, from the one under the smallest value (which so still shows)."""
    values = [b.value if math.isfinite(b.value) else 0.0 for b in bars]
    top = max(values, default=0.0)
    if top <= 0:
        return [0.0 for _ in values]
    if not log:
        return [max(v, 0.0) / top for v in values]
    floor, ceiling = _decades(values)
    return [(math.log10(v) - floor) / (ceiling - floor) for v in values]


def _ticks(bars: Sequence[Bar]) -> list[float]:
    """On a log scale, where each power of ten falls, as a share of the axis."""
    floor, ceiling = _decades([b.value for b in bars])
    return [(p - floor) / (ceiling - floor) for p in range(floor + 1, ceiling)]


def _chart_needs(bars: Sequence[Bar]) -> float:
    """The narrowest chart that draws every label whole, beside its value."""
    return max(
        _width(clean(bar.label), MIN_TEXT) + 24 + _width(clean(bar.text), MIN_TEXT, SEMIBOLD)
        for bar in bars
    )


def _chart(b: _Builder, bars: Sequence[Bar], box: tuple[float, float, float, float]) -> bool:
    """The bars in ``box``; a key when some are the scenario's and some sourced; a note when
    the scale is logarithmic. Returns whether it is."""
    x0, y, x1, bottom = box
    size = MIN_TEXT
    line = LINE * size
    log = log_scale(bars)
    if len({bar.ours for bar in bars}) == 2:
        x = x0
        for name, colour in KEY:
            b.rect("swatch", (x, y, x + 19, y + 19), colour)
            item = b.text("key", name, (x + 28, y + _cap(size)), size, fill=MUTED)
            x = item.box[2] + 30
        y += line + 12
    if log:
        bottom -= line + 6  # the note, under the bars
    n = len(bars)
    shares = _shares(bars, log)
    ticks = _ticks(bars) if log else []
    labels = [clean(bar.label) for bar in bars]
    values = [clean(bar.text) for bar in bars]
    weights = [SEMIBOLD if bar.ours else REGULAR for bar in bars]
    value_w = max(_width(v, size, w) for v, w in zip(values, weights, strict=True))
    label_room = x1 - x0 - value_w - 120  # beside a bar at least 90 px long
    stacked = (bottom - y) / n
    if stacked >= 54 or (stacked >= 46 and max(_width(t, size) for t in labels) > label_room):
        # a few bars (or long labels): label and value on a line, the bar under them
        pitch = min(stacked, 80)
        thick = max(8.0, min(22.0, pitch - line - 18))  # close under its label
        for k in range(n):
            base = y + _cap(size)
            value = b.text("bar-value", values[k], (x1, base), size, weights[k], INK, "rs")
            label = shorten(labels[k], size, value.box[0] - 24 - x0)
            b.text("bar-label", label, (x0, base), size, fill=TEXT)
            bar_top = base + 0.22 * size + 3
            _bar(b, (x0, bar_top, x1, bar_top + thick), shares[k], bars[k].ours, ticks)
            y += pitch
        last = y - pitch + _cap(size) + 0.22 * size + 3 + thick
    else:
        # many bars: one line each, label, bar, value
        pitch = max(line, min(stacked, 54))
        label_w = min(max(_width(t, size) for t in labels), label_room)
        bar_x0, bar_x1 = x0 + label_w + 16, x1 - value_w - 12
        thick = max(14.0, min(26.0, pitch - 16))
        # more bars than lines: the first ones, and how many more
        rows = max(1, int((bottom - y - _cap(size) - _descent(size)) // pitch) + 1)
        shown = n if n <= rows else rows - 1
        for k in range(shown):
            base = y + _cap(size)
            b.text("bar-label", shorten(labels[k], size, label_w), (x0, base), size, fill=TEXT)
            mid = base - _cap(size) / 2
            end = _bar(b, (bar_x0, mid - thick / 2, bar_x1, mid + thick / 2), shares[k],
                       bars[k].ours, ticks)  # fmt: skip
            # after the bar; on a log scale, after its track
            at = (bar_x1 if ticks else end) + 10
            b.text("bar-value", values[k], (at, base), size, weights[k], INK)
            y += pitch
        if shown < n:
            b.text("more", clean(f"and {n - shown} more"), (x0, y + _cap(size)), size, fill=MUTED)
            y += pitch
        last = y - pitch + _cap(size) + _descent(size)
    if log:
        b.text("scale", clean(SCALE_NOTE), (x0, last + 16 + _cap(size)), size, fill=MUTED)
    return log


def _bar(
    b: _Builder,
    box: tuple[float, float, float, float],
    share: float,
    ours: bool,
    ticks: Sequence[float] = (),
) -> float:
    """One bar in ``box``, from its left, ``share`` of its width long (at least 4 px when
    positive). On a log scale (``ticks``: where each power of ten falls) it lies on a pale
    track the length of the axis, both cut in segments at the ticks. Returns its end."""
    x0, top, x1, bottom = box
    length = (x1 - x0) * share
    if share > 0:
        length = max(length, 4.0)
    if ticks:
        b.rect("track", (x0, top, x1, bottom), TRACK)
    if length > 0:
        b.rect("bar", (x0, top, x0 + length, bottom), OURS if ours else SOURCED)
    for t in ticks:
        x = x0 + (x1 - x0) * t
        b.rect("tick", (x - 1, top, x + 1, bottom), BACKGROUND)
    return x0 + length


# ---- the strings and the picture --------------------------------------------------------------


def card_text(result: PageResult, site: str = "") -> CardText:
    """The exact strings ``result``'s card draws."""
    lay = layout(result, site)
    labels, values = lay.texts("bar-label"), lay.texts("bar-value")
    headline = lay.text("headline")
    return CardText(
        title=lay.text("title"),
        site=lay.text("site"),
        # not drawn twice when it is the page's name
        headline_label=lay.text("headline-label") or (lay.text("title") if headline else ""),
        headline=headline,
        finding=tuple(i.text for i in lay.texts("finding")),
        bars=tuple((a.text, v.text) for a, v in zip(labels, values, strict=True)),
        more=lay.text("more"),
        key=tuple(i.text for i in lay.texts("key")),
        scale=lay.text("scale"),
        release=lay.text("release"),
        link=tuple(i.text for i in lay.texts("link")),
    )


#: The palette: the background, then each colour in 15 steps from faint to full, the shades
#: of text anti-aliased on the background. Every pixel of a card is one of them, so the PNG is
#: a palette image, drawn exactly (no quantising).
_SHADES = 15
_COLOURS = (INK, TEXT, MUTED, BRAND, OURS, SOURCED, TRACK, RULE)


@cache
def _palette() -> tuple[int, ...]:
    out = list(ImageColor.getrgb(BACKGROUND))
    bg = out[:3]
    for colour in _COLOURS:
        rgb = ImageColor.getrgb(colour)
        for k in range(1, _SHADES + 1):
            out += [round(p + (c - p) * k / _SHADES) for p, c in zip(bg, rgb, strict=False)]
    return tuple(out)


def _index(colour: str, shade: int = _SHADES) -> int:
    return 0 if colour == BACKGROUND else 1 + _COLOURS.index(colour) * _SHADES + shade - 1


@cache
def _shade_tables(colour: str) -> tuple[list[int], list[int]]:
    """For a text's coverage (0-255): its palette index, and whether it is drawn at all."""
    shades = [round(v * _SHADES / 255) for v in range(256)]
    return [_index(colour, s) if s else 0 for s in shades], [255 if s else 0 for s in shades]


def draw(lay: Layout) -> Image.Image:
    """The card as a palette ("P") image."""
    index = Image.new("L", (lay.width, lay.height), 0)  # palette indices, 0: the background
    pen = ImageDraw.Draw(index)
    for item in lay.items:
        x0, y0, x1, y1 = item.box
        if not item.is_text:
            pen.rectangle((x0, y0, x1 - 1, y1 - 1), _index(item.fill))
            continue
        # the text's coverage in its own box (a pixel to spare), then its shades pasted
        x0, y0 = x0 - 1, y0 - 1
        cover = Image.new("L", (x1 - x0 + 1, y1 - y0 + 1), 0)
        ImageDraw.Draw(cover).text(
            (item.xy[0] - x0, item.xy[1] - y0), item.text, 255, font(item.size, item.weight),
            anchor=item.anchor, stroke_width=_stroke(item.weight, item.size), stroke_fill=255,
        )  # fmt: skip
        shades, drawn = _shade_tables(item.fill)
        index.paste(cover.point(shades), (x0, y0), cover.point(drawn))
    index.putpalette(_palette())  # now a "P" image: the same pixels, read as palette indices
    return index


def render(result: PageResult, site: str = "") -> bytes:
    """``result``'s preview card: a 1200x630 PNG (a palette image, 18-35 KB). ``site`` is the
    site's address (``https://host``), printed in front of the short link.

    zlib's default level: level 9 (or ``optimize``) saves 7% of the bytes for ten times the
    encoding time (60 ms against 6)."""
    out = io.BytesIO()
    draw(layout(result, site)).save(out, "PNG")
    return out.getvalue()
