"""Text set in lines for the preview card (:mod:`aicost.report.card`): its font, widths
measured once per string at one reference size, lines wrapped, balanced, shortened and fitted
to a box. Pure Pillow; no streamlit import.

The font is Source Sans 3 (Adobe; SIL Open Font License 1.1), the variable font inside the
installed Streamlit package (the app's own typeface), read from there: the repository copies
no font file. Without it, Pillow's bundled Aileron (public domain, CC0), with the few
characters Aileron lacks spelled out ("x" for "×").

>>> clean("a\\nb\\u202e c")
'a b c'
"""

from __future__ import annotations

import importlib.util
import io
import unicodedata
from collections.abc import Sequence
from functools import cache, lru_cache
from pathlib import Path

from PIL import ImageFont

LINE = 1.3  # line height, in font sizes
REGULAR, SEMIBOLD, BOLD = 400, 600, 700


# ---- fonts ------------------------------------------------------------------------------------

_STREAMLIT_FONT = "static/static/media/SourceSansVF-Upright.ttf.*.woff2"
#: What Pillow's fallback font (Aileron) cannot draw, spelled with what it can.
_PLAIN = str.maketrans({"×": "x", "–": "-", "—": "-", "−": "-", "→": "->", "≈": "~", "…": "..."})
#: Widths are measured at this size and scaled, with this much to spare (a glyph's advance is
#: rounded to whole pixels at each size: under 1.5% on a line, measured).
_REF, _SPARE = 100, 1.02


@cache
def font_file() -> Path | None:
    """Source Sans 3 inside the installed Streamlit package, found without importing it (its
    file name carries a content hash), or None."""
    spec = importlib.util.find_spec("streamlit")
    for folder in (spec and spec.submodule_search_locations) or ():
        found = sorted(Path(folder).glob(_STREAMLIT_FONT))
        if found:
            return found[0]
    return None


@cache
def font_bytes() -> bytes | None:
    """Source Sans 3's bytes, or None where Streamlit's copy is missing."""
    path = font_file()
    return path.read_bytes() if path else None


@cache
def font(size: int, weight: int = REGULAR) -> ImageFont.FreeTypeFont:
    """The card's font at ``size`` px and ``weight`` (400 regular to 700 bold), loaded once.
    Pillow's basic layout (no text shaping library), so a card is the same wherever it is
    drawn."""
    data = font_bytes()
    if data is None:
        return ImageFont.load_default(size=size)  # type: ignore[return-value]
    f = ImageFont.truetype(io.BytesIO(data), size, layout_engine=ImageFont.Layout.BASIC)
    f.set_variation_by_axes([weight])  # its one axis; the variable font's default is 200
    return f


def stroke(weight: int, size: int) -> int:
    """Pseudo-bold for the fallback font, which has one weight: an outline that grows with
    the size (4 px on a 152 px headline)."""
    if font_bytes() is not None or weight < SEMIBOLD:
        return 0
    return max(1, round(size / (36 if weight >= BOLD else 60)))


@lru_cache(maxsize=8192)
def ref_length(text: str, weight: int) -> float:
    """How wide ``text`` is at the reference size (measured once per string)."""
    return font(_REF, weight).getlength(text)


def text_width(text: str, size: int, weight: int = REGULAR) -> float:
    """How wide ``text`` is at ``size``, with a little to spare."""
    return ref_length(text, weight) * size / _REF * _SPARE + 1 + 2 * stroke(weight, size)


def cap(size: int) -> float:
    """The height of a capital or a figure over the baseline (Source Sans: 0.66 em)."""
    return 0.66 * size


def descent(size: int) -> float:
    """How far a line reaches under its baseline (0.25 em)."""
    return 0.25 * size


# ---- plain text -----------------------------------------------------------------------------


def clean(text: str) -> str:
    """``text`` as one line of plain characters: control and format characters (newlines,
    bidirectional overrides, zero-width joiners) made spaces or dropped, runs of spaces made
    one. The card draws strings; nothing in them is markup or layout."""
    out = []
    for ch in text:
        kind = unicodedata.category(ch)
        if ch.isspace() or kind in ("Cc", "Zl", "Zp"):
            out.append(" ")
        elif kind not in ("Cf", "Cs", "Co", "Cn"):
            out.append(ch)
    line = " ".join("".join(out).split())
    return line if font_bytes() is not None else line.translate(_PLAIN)


# ---- text in lines ----------------------------------------------------------------------------


def _greedy(words: Sequence[str], size: int, width: float, weight: int) -> list[str]:
    """Words in lines no wider than ``width`` (a word wider than a line: a line of its own)."""
    space = ref_length(" ", weight)
    limit = (width - 1 - 2 * stroke(weight, size)) / (size / _REF * _SPARE)  # in reference units
    lines: list[list[str]] = []
    used = 0.0
    for word in words:
        w = ref_length(word, weight)
        if lines and used + space + w <= limit:
            lines[-1].append(word)
            used += space + w
        else:
            lines.append([word])
            used = w
    return [" ".join(line) for line in lines]


def wrap(text: str, size: int, width: float, weight: int = REGULAR) -> list[str]:
    """``text`` in lines no wider than ``width``, broken at spaces only."""
    return _greedy(text.split(" "), size, width, weight) if text else []


def balance(lines: Sequence[str], size: int, width: float, weight: int = REGULAR) -> list[str]:
    """The same words in as many lines, as even as they go (no lone word on a last line):
    the narrowest width that still takes no more lines. For up to five lines."""
    if not 1 < len(lines) <= 5:
        return list(lines)
    words = " ".join(lines).split(" ")
    lo, hi = width / 2, width
    for _ in range(7):
        mid = (lo + hi) / 2
        if len(_greedy(words, size, mid, weight)) <= len(lines):
            hi = mid
        else:
            lo = mid
    return _greedy(words, size, hi, weight)


def shorten(text: str, size: int, width: float, weight: int = REGULAR) -> str:
    """``text`` if it fits in ``width``; else its first words and an ellipsis, or, for a
    single word too long, its first characters and one."""
    if text_width(text, size, weight) <= width:
        return text
    dots = clean("…")
    words = text.split(" ")
    while len(words) > 1:
        words.pop()
        trial = " ".join(words).rstrip(",;:") + dots
        if text_width(trial, size, weight) <= width:
            return trial
    word = words[0]
    while word and text_width(word + dots, size, weight) > width:
        word = word[:-1]
    return word + dots


def block_height(n: int, size: int) -> float:
    """``n`` lines at ``size``: from the first line's cap height to the last one's descent."""
    return cap(size) + (n - 1) * LINE * size + descent(size) if n else 0.0


def fit_lines(
    text: str, sizes: Sequence[int], width: float, height: float, weight: int = REGULAR
) -> tuple[int, list[str]]:
    """The largest of ``sizes`` at which ``text`` wraps into ``width`` x ``height``, and its
    lines. If it fits at none, at the smallest: the lines that fit, the last cut after a whole
    word and ended with an ellipsis."""
    for size in sizes:
        lines = wrap(text, size, width, weight)
        if all(text_width(ln, size, weight) <= width for ln in lines) and (
            block_height(len(lines), size) <= height
        ):
            return size, lines
    size = sizes[-1]
    lines = [shorten(ln, size, width, weight) for ln in wrap(text, size, width, weight)]
    room = max(1, int((height - cap(size) - descent(size)) // (LINE * size)) + 1)
    if len(lines) > room:
        dots = clean("…")
        words = lines[room - 1].split(" ")
        while len(words) > 1 and text_width(" ".join(words) + dots, size, weight) > width:
            words.pop()
        lines = [*lines[: room - 1], " ".join(words).rstrip(",;:") + dots]
    return size, lines


def is_cut(lines: Sequence[str]) -> bool:
    """Whether ``lines`` end with the ellipsis of a text cut to fit."""
    return bool(lines) and lines[-1].endswith(clean("…"))
