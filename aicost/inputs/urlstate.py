"""Scenario <-> URL query string. Pure: no streamlit import.

Streamlit's ``bind="query-params"`` seeds each widget from the link and drops a value it
cannot use. :func:`check_params` reads the same raw link the same way, so a page can tell the
visitor which parameter it ignored and why, and which value the page uses instead.
:func:`encode` writes the link for a scenario (only values that differ from the defaults,
as Streamlit does), and the open tab when it is not the first, so the link reopens the view.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from aicost.inputs.assumptions import Assumption

#: Parameters Streamlit itself reads from a link (embedding); never reported as unknown.
RESERVED = frozenset({"embed", "embed_options"})
#: Parameters every page reads: Streamlit's, and the data release (``rel``, aicost.base.release).
SITE_PARAMS = RESERVED | {"rel"}
_SAFE_CHARS = re.compile(r"[^A-Za-z0-9.+\-_ ]")


@dataclass(frozen=True)
class ParamNote:
    """A parameter of the link that the page did not use as given, and why."""

    name: str
    reason: str

    def text(self) -> str:
        return f"{self.name}: {self.reason}"


@dataclass(frozen=True)
class PageParam:
    """A link parameter a page reads that is not an assumption or a tab: one of ``options``
    (the default first), a day (``dates``: the first and last it may be, YYYY-MM-DD; empty
    means the page's own default day), or free text when neither is given (a search, say).

    Declared once, on the page's record (:data:`aicost.site.PAGES`), and read there by the
    page that draws it, so the page and its link notes cannot disagree about what it accepts.
    """

    name: str
    options: tuple[str, ...] = ()
    what: str = "value"
    dates: tuple[str, str] | None = None
    label: str = ""

    @property
    def default(self) -> str:
        return self.options[0] if self.options else ""


def _day(raw: str) -> str | None:
    """A day as Streamlit's date input reads it from a link (ISO or YYYY/MM/DD), in ISO."""
    for form in ("%Y-%m-%d", "%Y/%m/%d"):
        try:
            return dt.datetime.strptime(raw, form).date().isoformat()
        except ValueError:
            continue
    return None


def _check_day(p: PageParam, raws: Sequence[str]) -> tuple[str, str | None]:
    """The day a date parameter takes from the link, and a note when one was ignored.

    Mirrors Streamlit 1.67's binding of a date input: every value must be a day in range
    (otherwise the default: no day), and the first is used.

    >>> on = PageParam("on", what="day", dates=("2016-01-01", "2026-12-31"))
    >>> _check_day(on, ["2024-06-30"]), _check_day(on, ["2024/06/30"])
    (('2024-06-30', None), ('2024-06-30', None))
    >>> _check_day(on, ["30.6.2024"])
    ('', "'30.6.2024' is not a day (YYYY-MM-DD); showing the page's default day")
    >>> _check_day(on, ["2031-01-01"])
    ('', "out of range (2016-01-01 to 2026-12-31); showing the page's default day")
    """
    assert p.dates is not None
    showing = "showing the page's default day"
    days = [_day(raw) for raw in raws]
    if any(d is None for d in days):
        bad = next(raw for raw, d in zip(raws, days, strict=True) if d is None)
        return "", f"'{excerpt(bad) or '…'}' is not a day (YYYY-MM-DD); {showing}"
    low, high = p.dates
    if any(not low <= str(d) <= high for d in days):
        return "", f"out of range ({low} to {high}); {showing}"
    first = str(days[0])
    return first, (f"given {len(raws)} times, the first is used" if len(raws) > 1 else None)


def excerpt(raw: str, limit: int = 24) -> str:
    """A harmless excerpt of untrusted text: letters, digits and . + - _ only, shortened.

    >>> excerpt("<script>alert(1)</script>")
    'scriptalert1script'
    >>> excerpt("1" * 40)
    '111111111111111111111111…'
    """
    clean = _SAFE_CHARS.sub("", raw)
    return clean if len(clean) <= limit else clean[:limit] + "…"


def _parse_number(raw: str) -> float | None:
    try:
        number = float(raw)
    except ValueError:
        return None
    return number


def default_of(a: Assumption) -> float | bool | str:
    """The default of a resolved assumption (:func:`aicost.inputs.assumptions.resolve` reads every
    sourced default from its data row); an unresolved one has none yet.

    >>> from aicost.inputs.assumptions import resolve
    >>> default_of(resolve(tables)["price"])
    2.0
    """
    if a.default is None:
        raise ValueError(f"{a.name} has no default: resolve it against the data first")
    return a.default


def _fmt_bound(a: Assumption, value: float) -> str:
    return f"{value:,.0f}" if a.integer or value == int(value) else f"{value:g}"


def check_value(a: Assumption, raws: Sequence[str]) -> tuple[float | bool | str, str | None]:
    """The value a widget takes from the link's values for it, and a note when one was ignored.

    Mirrors Streamlit 1.67's binding: a slider needs exactly one value; other widgets take
    the last; a number must parse, be finite and lie in the range; a toggle is true or
    false; a choice must be one of the options exactly.

    >>> from aicost.inputs.assumptions import resolve
    >>> BY_NAME = resolve(tables)
    >>> check_value(BY_NAME["price"], ["3.5"])
    (3.5, None)
    >>> check_value(BY_NAME["price"], ["abc"])
    (2.0, "'abc' is not a number; using the default $2.00")
    >>> check_value(BY_NAME["gpus"], ["1e9"])
    (2048, 'out of range (100 to 100,000); using the default 2048')
    """
    default, default_text = default_of(a), _default_text(a)
    if not raws:
        return default, None
    if len(raws) > 1 and a.kind == "slider":
        return default, f"given {len(raws)} times; using the default {default_text}"
    raw = raws[-1]
    repeated = f"given {len(raws)} times, the last one is used; " if len(raws) > 1 else ""
    shown = excerpt(raw) or "…"  # only symbols: nothing of it is safe to show
    if raw == "":
        return default, f"{repeated}empty; using the default {default_text}"
    if a.kind == "toggle":
        if raw.lower() in ("true", "false"):
            value = raw.lower() == "true"
            return value, (repeated.rstrip("; ") or None) if repeated else None
        return (
            default,
            f"{repeated}'{shown}' is not true or false; using the default {default_text}",
        )
    if a.kind == "choice":
        if raw in a.options:
            return raw, repeated.rstrip("; ") or None
        options = ", ".join(a.options)
        return (
            default,
            f"{repeated}'{shown}' is not one of {options}; using the default {default_text}",
        )
    number = _parse_number(raw)
    if number is None:
        return default, f"{repeated}'{shown}' is not a number; using the default {default_text}"
    if not math.isfinite(number):
        return (
            default,
            f"{repeated}'{shown}' is not a finite number; using the default {default_text}",
        )
    if not a.min <= number <= a.max:
        span = f"{_fmt_bound(a, a.min)} to {_fmt_bound(a, a.max)}"
        return default, f"{repeated}out of range ({span}); using the default {default_text}"
    if a.integer and a.kind == "slider":
        return int(number), repeated.rstrip("; ") or None  # an int slider truncates
    return number, repeated.rstrip("; ") or None


def _default_text(a: Assumption) -> str:
    if a.kind in ("toggle", "choice"):
        return str(a.default).lower() if a.kind == "toggle" else str(a.default)
    if a.fmt:
        try:
            return a.fmt % a.default
        except TypeError:
            pass
    return f"{a.default}"


def check_view(labels: Sequence[str], raws: Sequence[str]) -> str | None:
    """The note for a view parameter (an open tab) whose value is not one of its tabs.

    >>> check_view(["Cost by phase", "The price per GPU-hour"], ["Nonsense"])
    "'Nonsense' is not one of this page's views; showing 'Cost by phase'"
    >>> check_view(["Cost by phase", "The price per GPU-hour"], ["The price per GPU-hour"])
    """
    if not raws or raws[-1] in labels:
        return None
    shown = excerpt(raws[-1]) or "(empty)"
    return f"'{shown}' is not one of this page's views; showing '{labels[0]}'"


def check_page_param(p: PageParam, raws: Sequence[str]) -> str | None:
    """The note for a page parameter whose value the page cannot use, or None.

    Mirrors Streamlit 1.67's binding of the widget that draws it: a choice (a segmented
    control) takes one value that is one of its options; free text (a text input) takes the
    last value given.

    >>> files = PageParam("file", ("figures", "events"), "data file")
    >>> check_page_param(files, [""])
    "empty; showing the data file 'figures'"
    >>> check_page_param(files, ["<b>gpus</b>"])
    "'bgpusb' is not a data file of this page (figures, events); showing 'figures'"
    >>> check_page_param(files, ["x", "events", "figures"])
    "given 3 times, the first usable one is used ('events')"
    >>> check_page_param(PageParam("q"), ["a", "b"])
    'given 2 times, the last one is used'
    """
    if not raws:
        return None
    if p.dates is not None:
        return _check_day(p, raws)[1]
    if not p.options:
        return f"given {len(raws)} times, the last one is used" if len(raws) > 1 else None
    showing = f"showing '{p.default}'"
    if len(raws) > 1:  # Streamlit keeps the first value that is an option
        usable = [r for r in raws if r in p.options]
        if usable:
            return f"given {len(raws)} times, the first usable one is used ('{usable[0]}')"
        raws = raws[-1:]
    raw = raws[0]
    if raw in p.options:
        return None
    if raw == "":
        return f"empty; showing the {p.what} '{p.default}'"
    choices = ", ".join(p.options)
    return f"'{excerpt(raw) or '…'}' is not a {p.what} of this page ({choices}); {showing}"


def page_param_value(p: PageParam, raws: Sequence[str]) -> str:
    """The value the page's widget for ``p`` takes from the link's values (as
    :func:`check_page_param` describes it).

    >>> files = PageParam("file", ("figures", "events"), "data file")
    >>> page_param_value(files, ["x", "events"]), page_param_value(files, ["<b>"])
    ('events', 'figures')
    >>> page_param_value(PageParam("q"), ["a", "b"]), page_param_value(PageParam("q"), [])
    ('b', '')
    """
    if not raws:
        return p.default
    if p.dates is not None:
        return _check_day(p, raws)[0]
    if not p.options:
        return raws[-1]
    usable = [r for r in raws if r in p.options] if len(raws) > 1 else list(raws[:1])
    return usable[0] if usable and usable[0] in p.options else p.default


def check_params(
    raw: Mapping[str, Sequence[str]],
    assumptions: Iterable[Assumption],
    views: Mapping[str, Sequence[str]] | None = None,
    params: Iterable[PageParam] = (),
) -> tuple[dict[str, float | bool | str], list[ParamNote]]:
    """Values a page will use for a link's parameters, and a note for each one ignored.

    ``raw`` maps each parameter to all its values in the link (repeated ones included);
    ``views`` maps the page's view parameters (its tabs) to their labels, the default first;
    ``params`` are the page's other parameters (:class:`PageParam`).

    >>> from aicost.inputs.assumptions import for_page
    >>> page = for_page("training-cost", tables)
    >>> values, notes = check_params({"price": ["nan"], "zz": ["1"]}, page)
    >>> values["price"], [n.text() for n in notes]
    (2.0, ["price: 'nan' is not a finite number; using the default $2.00",
     'zz: not a parameter of this page; ignored'])
    """
    known = {a.name: a for a in assumptions}
    values: dict[str, float | bool | str] = {}
    notes: list[ParamNote] = []
    for name, a in known.items():
        value, note = check_value(a, list(raw.get(name, ())))
        values[name] = value
        if note:
            notes.append(ParamNote(name, note))
    views = views or {}
    for name, labels in views.items():
        note = check_view(labels, list(raw.get(name, ())))
        if note:
            notes.append(ParamNote(name, note))
    page_params = {p.name: p for p in params}
    for name, p in page_params.items():
        note = check_page_param(p, list(raw.get(name, ())))
        if note:
            notes.append(ParamNote(name, note))
    for name in raw:
        if name in known or name in views or name in page_params:
            continue
        if name.lower() not in SITE_PARAMS:
            notes.append(
                ParamNote(excerpt(name, 32) or "(unnamed)", "not a parameter of this page; ignored")
            )
    return values, notes


def url_value(a: Assumption, value: float | bool | str) -> str:
    """A value as a link writes it: ``true``, ``compute``, ``4096``, ``3.4``."""
    if a.kind == "toggle":
        return "true" if value else "false"
    if a.kind == "choice":
        return str(value)
    number = float(value)
    if a.integer or number == int(number):
        return str(int(number))
    return f"{number:.10g}"


def encode(
    values: Mapping[str, float | bool | str],
    assumptions: Iterable[Assumption],
    views: Mapping[str, Sequence[str]] | None = None,
    open_views: Mapping[str, str] | None = None,
) -> str:
    """The query string for a scenario: only values that differ from their defaults, then
    the open tab of each of ``views`` that is not its first (``open_views``: param -> label).

    >>> from aicost.inputs.assumptions import for_page
    >>> page = for_page("training-cost", tables)
    >>> encode({"price": 3.0, "gpus": 2048, "route": "compute"}, page)
    'route=compute&price=3'
    >>> encode({"price": 2.0}, page)
    ''
    >>> views = {"tc_chart": ["Cost by phase", "The price per GPU-hour"]}
    >>> encode({"price": 3.0}, page, views, {"tc_chart": "The price per GPU-hour"})
    'price=3&tc_chart=The+price+per+GPU-hour'
    """
    pairs: list[tuple[str, str]] = []
    for a in assumptions:
        if a.name not in values:
            continue
        value, default = values[a.name], default_of(a)
        same = value == default if not a.is_numeric else math.isclose(float(value), float(default))
        if not same:
            pairs.append((a.name, url_value(a, value)))
    for name, labels in (views or {}).items():
        label = (open_views or {}).get(name)
        if label is not None and label in labels[1:]:
            pairs.append((name, label))
    return urlencode(pairs)
