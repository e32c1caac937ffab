"""Two scenarios of one page side by side, as one link. No streamlit import.

A page that declares the link parameter ``vs`` (:data:`SECOND`) shows a second scenario beside
the one its link sets: ``/training-cost?price=3&vs=price%3D3.5&rel=5`` is $3 beside $3.50 on
release 5. ``vs`` holds the second scenario's query (what follows ``?`` in a link of the same
page; a whole link of the page is read too). It is checked like every link parameter
(:func:`aicost.report.page.read_link`): each value the page cannot use is named in a note
(``vs: price: 'abc' is not a number ...``) and takes its default, and anything but the page's
own assumptions and parameters is ignored with a note. The second scenario is computed by the
same computation on the same release; the canonical link carries its canonical query.

:func:`read` reads ``vs``; :func:`rows` and :func:`differences` set the two results side by
side (:class:`Pair`, made by :func:`aicost.report.page.result`).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlencode, urlsplit

from aicost.base import fmt
from aicost.inputs import urlstate
from aicost.inputs.urlstate import PageParam, ParamNote
from aicost.report import explain

if TYPE_CHECKING:
    from aicost.base.data import Tables
    from aicost.inputs import assumptions as asm
    from aicost.report.page import Figure, Page, PageResult

#: The link parameter that holds a second scenario of the same page.
SECOND = PageParam("vs", what="second scenario", label="A second scenario of this page")
NAME = SECOND.name
#: The longest ``vs`` read (a scenario's query is a few dozen characters).
MAX_CHARS = 2000
#: What the parameters of a second scenario may not be (they belong to the pair's link).
_NOT_INNER = frozenset({NAME, "embed", "embed_options"})


@dataclass(frozen=True)
class Second:
    """``vs`` read: the second scenario's values, its own page parameters, its canonical
    query ("" for none) and a note for each part of it that was ignored."""

    values: dict[str, asm.Value]
    params: dict[str, str]
    query: str
    notes: tuple[ParamNote, ...] = ()


def _inner(raw: str, page: Page) -> tuple[str, list[str]]:
    """The query a ``vs`` value holds (its part after ``?`` if it is a link), and notes."""
    text = raw.strip()
    if "?" not in text and "=" not in text:
        path = urlsplit(text).path.strip("/") if text.startswith(("/", "http")) else None
        if path is not None and path.rsplit("/", 1)[-1] == page.path:
            return "", []  # a bare link of this page: its defaults
        return "", [f"'{urlstate.excerpt(text) or '…'}' is no link or query of this page"]
    if "?" in text:
        head, _, query = text.partition("?")
        path = urlsplit(head).path.strip("/").rsplit("/", 1)[-1] if head else page.path
        if path != page.path:
            shown = urlstate.excerpt(path, 32) or "…"
            return "", [f"it links to '{shown}', not to this page; no second scenario"]
        return query, []
    return text, []


def read(page: Page, raw: str, tables: Tables, release_id: str) -> Second:
    """The second scenario ``raw`` (a ``vs`` value) sets on ``page``, read on ``tables``.

    >>> from aicost.site import BY_PATH
    >>> page = BY_PATH["training-cost"]
    >>> s = read(page, "price=3.5&r1=true", tables, "5")
    >>> s.query, s.values["price"], s.notes
    ('price=3.5&r1=true', 3.5, ())
    >>> s = read(page, "https://x.org/training-cost?price=abc&zz=1&rel=3", tables, "5")
    >>> s.query, [n.reason for n in s.notes]
    ('', ["price: 'abc' is not a number; using the default $2.00",
          'zz: not a parameter of this page; ignored',
          'rel: the second scenario is read on release 5, as the first'])
    """
    from aicost.report.page import read_link  # the one way a link is read

    notes: list[ParamNote] = []
    if len(raw) > MAX_CHARS:
        reason = f"{len(raw):,} characters, more than {MAX_CHARS:,}; no second scenario"
        return Second({}, {}, "", (ParamNote(NAME, reason),))
    query, problems = _inner(raw, page)
    notes += [ParamNote(NAME, p) for p in problems]
    parsed = parse_qs(query, keep_blank_values=True)
    for name in sorted(set(parsed) & _NOT_INNER):
        what = "a second scenario holds no third" if name == NAME else "not a scenario's"
        notes.append(ParamNote(NAME, f"{urlstate.excerpt(name)}: {what}; ignored"))
    rel = parsed.pop("rel", None)
    inner = {k: v for k, v in parsed.items() if k not in _NOT_INNER and k not in page.views}
    link = read_link(_without_second(page), inner, tables)
    notes += [ParamNote(NAME, f"{n.name}: {n.reason}") for n in link.notes]
    if rel and rel[-1] != release_id:
        reason = f"rel: the second scenario is read on release {release_id}, as the first"
        notes.append(ParamNote(NAME, reason))
    assumptions = page.assumptions(tables)
    own = {p.name: link.params.get(p.name, p.default) for p in page.params if p.name != NAME}
    pairs = [
        q
        for q in (
            urlstate.encode(link.values, assumptions),
            urlencode([(k, v) for k, v in own.items() if v != _default(page, k)]),
        )
        if q
    ]
    return Second(link.values, own, "&".join(pairs), tuple(notes))


def _default(page: Page, name: str) -> str:
    return next(p.default for p in page.params if p.name == name)


def _without_second(page: Page) -> Page:
    """The page as a second scenario reads it: without its own ``vs``."""
    from dataclasses import replace

    return replace(page, params=tuple(p for p in page.params if p.name != NAME))


# ---- side by side -----------------------------------------------------------------------------

#: How a difference of a figure reads, by its unit (a figure's own ``format`` comes first).
_BY_UNIT: dict[str, Callable[[float], str]] = {
    "USD": fmt.usd,
    "USD/share": fmt.usd,
    "USD per GPU-hour": fmt.usd,
    "days": fmt.days,
    "GPU-hours": fmt.gpu_hours,
    "multiple": fmt.multiple,
    "FLOP": fmt.sci,
    "GPUs": fmt.count,
    "H100-equivalents": fmt.count,
    "fraction": lambda v: f"{v * 100:,.2g} points" if abs(v) < 0.1 else f"{v * 100:,.1f} points",
}


def _formatter(f: Figure) -> Callable[[float], str]:
    return f.format or _BY_UNIT.get(f.unit, fmt.compact)


def _number(f: Figure) -> float | None:
    return f.value if f.value is not None and math.isfinite(f.value) else None


@dataclass(frozen=True)
class Pair:
    """A second scenario beside the first: its query and result, each headline figure of
    both and their difference, and the settings in which they differ."""

    query: str
    second: PageResult
    rows: tuple[dict[str, str], ...]
    differs: tuple[dict[str, str], ...]

    def as_json(self, site: str = "") -> dict[str, object]:
        return {
            "vs": self.query,
            "link": self.second.full_link(site),
            "differs": [dict(d) for d in self.differs],
            "figures": [dict(r) for r in self.rows],
        }


#: The side-by-side table's columns (short: it fits a 390 px phone).
COLUMNS = ("Figure", "This scenario", "Second", "Second − this")


def rows(first: tuple[Figure, ...], second: tuple[Figure, ...]) -> tuple[dict[str, str], ...]:
    """Each headline figure of the first scenario beside the same figure of the second (by its
    key, else its label) and their difference, as the page formats them."""
    by_key = {(g.key or g.label): g for g in second}
    out = []
    for f in first:
        g = by_key.get(f.key or f.label)
        if g is None:
            continue
        a, b = _number(f), _number(g)
        diff = (
            explain.signed(explain.noise_free(b - a, a, b), _formatter(f))
            if a is not None and b is not None
            else ""
        )
        label = f.label if f.label == g.label else f"{f.label} / {g.label}"
        out.append(dict(zip(COLUMNS, (label, f.text, g.text, diff or fmt.DASH), strict=True)))
    return tuple(out)


def differences(first: PageResult, second: PageResult) -> tuple[dict[str, str], ...]:
    """The settings in which the second scenario differs from the first (either reads it)."""
    theirs = {v.name: v for v in second.values}
    out = []
    for v in first.values:
        w = theirs.get(v.name)
        if w is None or not (v.used or w.used) or v.shown == w.shown:
            continue
        out.append({"name": v.name, "label": v.label, "this": v.shown, "second": w.shown})
    own_first = dict(_params_of(first))
    for name, value in _params_of(second):
        if own_first.get(name, "") != value:
            label = next((p.label or p.name for p in first.page.params if p.name == name), name)
            shown = own_first.get(name) or "the page's own"
            out.append({"name": name, "label": label, "this": shown, "second": value or "—"})
    return tuple(out)


def _params_of(r: PageResult) -> list[tuple[str, str]]:
    query = parse_qs(urlsplit(r.link).query)
    return [(p.name, query.get(p.name, [""])[-1]) for p in r.page.params if p.name != NAME]


def hold(r: PageResult) -> str:
    """A scenario as the second of a pair: its canonical query, without its release, tabs or
    own second scenario (what "Hold this scenario" puts in ``vs``)."""
    kept = [
        (k, v)
        for k, values in parse_qs(urlsplit(r.link).query).items()
        if k not in ("rel", NAME) and k not in r.page.views
        for v in values
    ]
    return urlencode(kept)
