"""The shape of an adjustable input: a :class:`Quantity` (unit, range, step, format, where
the default comes from) and an :class:`Assumption` (one input: its link parameter, label,
page and help), built by its widget's kind with :func:`slider`, :func:`number`,
:func:`toggle` or :func:`choice`. No streamlit import."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, replace

KINDS = ("slider", "number", "toggle", "choice")

#: A widget's value: a number (display units), a toggle's state or a choice.
Value = float | bool | str
#: Values by assumption name, as pages read them from their widgets.
Values = Mapping[str, Value]


@dataclass(frozen=True)
class Quantity:
    """What an input sets: unit, range, step, widget format, and where its default comes
    from (a data row ``source``, the default row of a ``group``, or a typed ``default``)."""

    unit: str
    min: float
    max: float
    step: float
    fmt: str = ""  # printf-style format for the widget, e.g. "%.2f"
    source: str = ""
    group: str = ""
    default: float | None = None
    scale: float = 1.0
    integer: bool = False
    quick: tuple[float, ...] = ()  # one-click values beside a slider, for exact entry
    derive: str = ""  # a function of aicost.base.model that turns the row's value into the default


@dataclass(frozen=True)
class Assumption:
    """One adjustable input: its URL name, label, unit, sourced default and allowed range."""

    name: str
    page: str
    label: str
    unit: str
    default: Value | None = None  # None: read from the ``source`` row
    min: float = 0.0
    max: float = 0.0
    step: float = 1.0
    kind: str = "slider"
    source: str = ""  # a data row id, or "" when the help text names the source
    group: str = ""  # or a group of rows: the default is the group's default row
    help: str = ""
    scale: float = 1.0
    options: tuple[str, ...] = ()
    fmt: str = ""
    quick: tuple[float, ...] = ()
    integer: bool = False
    derive: str = ""

    @property
    def is_numeric(self) -> bool:
        return self.kind in ("slider", "number")

    def show(self, value: Value) -> str:
        """A value as its widget shows it: ``$3.40``, ``2,048``, ``on``, ``compute``."""
        if self.kind == "toggle":
            return "on" if value else "off"
        if self.kind == "choice":
            return str(value)
        number = float(value)
        if self.integer:
            return f"{number:,.0f}"
        return self.fmt % number if self.fmt else f"{number:g}"


def _numeric(kind: str, name: str, label: str, q: Quantity, help: str) -> Assumption:
    return Assumption(name=name, page="", label=label, kind=kind, help=help, **asdict(q))


def slider(name: str, label: str, q: Quantity, help: str) -> Assumption:
    """A slider over ``q``'s range (labels carry their units)."""
    return _numeric("slider", name, label, q, help)


def number(name: str, label: str, q: Quantity, help: str) -> Assumption:
    """A number input over ``q``'s range: for wide ranges a slider cannot step through."""
    return _numeric("number", name, label, q, help)


def toggle(name: str, label: str, help: str, source: str = "") -> Assumption:
    """An on/off input, off by default (it adds what its ``source`` row counts)."""
    return Assumption(name, "", label, "", False, kind="toggle", source=source, help=help)


def choice(name: str, label: str, options: tuple[str, ...], help: str) -> Assumption:
    """One of ``options``, the first by default."""
    return Assumption(name, "", label, "", options[0], kind="choice", options=options, help=help)


def _on(page: str, *entries: Assumption) -> tuple[Assumption, ...]:
    return tuple(replace(a, page=page) for a in entries)


def count(
    unit: str,
    low: float,
    high: float,
    step: float,
    *,
    source: str = "",
    group: str = "",
    scale: float = 1.0,
) -> Quantity:
    """A whole number (GPUs, dollars, watts), shown without decimals."""
    return Quantity(unit, low, high, step, "%d", source, group, scale=scale, integer=True)


def percent(
    low: float,
    high: float,
    step: float,
    fmt: str,
    *,
    source: str = "",
    default: float | None = None,
) -> Quantity:
    """A share, set in percent and used as a fraction."""
    return Quantity("percent", low, high, step, fmt, source, default=default, scale=0.01)


def usd_millions(low: float, high: float, source: str) -> Quantity:
    """An amount of dollars set in millions."""
    return count("USD", low, high, 10, source=source, scale=1e6)
