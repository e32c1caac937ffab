"""Text helpers for the pages: markdown and hover escaping, templates filled from data rows.

Pure; no streamlit import.
"""

from __future__ import annotations

import html
import string
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import quote

import pandas as pd

from aicost.base import fmt
from aicost.base.data import Tables

_MD_SPECIAL = frozenset("\\`*_{}[]()#+-.!|<>~$")


def escape_markdown(text: object) -> str:
    """Text escaped for Streamlit markdown, so ``$5.6M or $1.6B`` is not read as LaTeX.

    Also what shows untrusted text (a link's values) as typed.

    >>> print(escape_markdown("$5.6M or $1.6B"))
    \\$5\\.6M or \\$1\\.6B
    """
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))


def escape_hover(text: object) -> str:
    """Text for a plotly hover or chart label: angle brackets and ampersands shown as typed.

    >>> escape_hover("<b>A & B</b>")
    '&lt;b&gt;A &amp; B&lt;/b&gt;'
    """
    return html.escape(str(text), quote=False)


def wrap_hover(text: object, width: int = 60) -> str:
    """Data text for a hover label: escaped, then broken into lines of ``width`` characters."""
    return "<br>".join(escape_hover(line) for line in textwrap.wrap(str(text), width))


def fill_from_rows(template: str, tables: Tables) -> str:
    """Fill ``{row_id}`` fields of ``template`` with that row's value, formatted by its unit.

    ``{row_id:2}`` keeps two significant digits for dollar amounts (``$5.6M``).

    >>> fill_from_rows(
    ...     "{v3_cost_total} = {v3_gpu_hours_total} at {v3_rental_price_assumption}",
    ...     tables,
    ... )
    '$5.576M = 2.79M GPU-hours at $2.00/GPU-hour'
    >>> fill_from_rows("about {v3_cost_total:2}", tables)
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


def shorten(text: str, limit: int = 90) -> str:
    """Text cut to ``limit`` characters at a word boundary, with an ellipsis if cut.

    >>> shorten("one two three", 9), shorten("abc", 5)
    ('one two…', 'abc')
    """
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def short_source(name: str, limit: int = 28) -> str:
    """A source's name up to its first comma, shortened: a link label that fits a card.

    >>> short_source("SemiAnalysis, 'DeepSeek Debates' (2025-01-31)")
    'SemiAnalysis'
    >>> short_source("Reuters via The Japan Times (2025-01-28)")
    'Reuters via The Japan Times…'
    """
    head = name.split(",")[0].strip()
    return shorten(head, limit)


def markdown_link(label: str, url: object) -> str:
    """A markdown link to an http(s) ``url`` (characters that would end it percent-encoded),
    or the escaped label alone when the address is anything else.

    >>> markdown_link("open source", "https://en.wikipedia.org/wiki/High-Flyer_(company)")
    '[open source](https://en.wikipedia.org/wiki/High-Flyer_%28company%29)'
    >>> markdown_link("open source", "javascript:alert(1)")
    'open source'
    """
    address = str(url).strip()
    if not address.lower().startswith(("https://", "http://")):
        return escape_markdown(label)
    return f"[{escape_markdown(label)}]({quote(address, safe=':/?&=#%+,;@~!*$')})"


def markdown_cells(frame: pd.DataFrame, *, link: str = "link") -> pd.DataFrame:
    """Every cell escaped for a markdown table (``st.table``), the ``link`` column as links.

    >>> frame = pd.DataFrame({"event": ["$5.6M *claim*"], "link": ["https://a.b/c"]})
    >>> print(*markdown_cells(frame).iloc[0])
    \\$5\\.6M \\*claim\\* [open source](https://a.b/c)
    """
    out = frame.astype(str).map(escape_markdown)
    if link in frame:
        out[link] = [markdown_link("open source", u) for u in frame[link]]
    return out


def times(ratio: float) -> str:
    """A ratio in words: ``1.7 times``, ``287 times``, ``60% of``, ``the same as``.

    >>> times(1.7002), times(286.9), times(0.6), times(1.001), times(1.05)
    ('1.7 times', '287 times', '60% of', 'the same as', '1.05 times')
    """
    if abs(ratio - 1) < 0.005:
        return "the same as"
    if ratio < 1:
        return f"{fmt.percent(ratio, 0)} of"
    if ratio >= 10:
        return f"{ratio:,.0f} times"
    return f"{ratio:.2f}".rstrip("0").rstrip(".") + " times"


def markdown_table(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> str:
    """A markdown table of ``rows`` (each a mapping of column -> text), every cell escaped
    (a ``|`` or ``$`` in the data stays text).

    >>> print(markdown_table(["Figure", "Change"], [{"Figure": "Cost", "Change": "$1M | x"}]))
    | Figure | Change |
    |---|---|
    | Cost | \\$1M \\| x |
    """
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(escape_markdown(row[c]) for c in columns) + " |" for row in rows]
    return "\n".join(lines)
