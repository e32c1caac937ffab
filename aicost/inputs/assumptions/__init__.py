"""The adjustable inputs: the declared table and what is computed from it. No streamlit import.

Each :class:`Assumption` names its URL parameter (``name``), its label, its sourced default,
its range and the data row it comes from. This table drives the widgets
(:func:`aicost.ui.widget`), the URL checks (:mod:`aicost.inputs.urlstate`) and the table of link
parameters in ``docs/links.md`` (``python -m aicost.inputs.assumptions --write`` rewrites it in
place; a test fails when the two differ).

An entry is built by its widget's kind (:func:`slider`, :func:`number`, :func:`toggle`,
:func:`choice`) from a :class:`Quantity`: the unit, range, step, format and source row of what
it sets. Pages that set the same quantity (a rental price, a PUE) share one, so they cannot
drift apart.

Widget values are in display units (MFU in percent, parameters in billions); ``scale``
turns one into model units: ``model_value = widget_value * scale``.

A sourced assumption has no default typed here: :func:`resolve` reads it from its data row in
the release a page shows (``value / scale``, rounded to the widget's step), so a link pinned to
an older release keeps that release's defaults. Unsourced ones (choices, toggles, our own
settings) declare theirs.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import typing
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from aicost.base import model
from aicost.base.data import Tables
from aicost.base.gpus import fleet_names
from aicost.inputs.assumptions.spec import KINDS, Assumption, Quantity, Value, Values
from aicost.inputs.assumptions.table import ASSUMPTIONS, BY_NAME, ROUTE_INPUTS

T = typing.TypeVar("T")

__all__ = [
    "ASSUMPTIONS",
    "BY_NAME",
    "KINDS",
    "TABLE_FILE",
    "TABLE_MARKS",
    "ROUTE_INPUTS",
    "Assumption",
    "Quantity",
    "Value",
    "Values",
    "default_row",
    "defaults",
    "fleet_names",
    "for_page",
    "markdown_table",
    "model_values",
    "table_in",
    "resolve",
    "snap",
    "sourced_default",
    "to_model",
    "typed",
    "write_table",
]


def for_page(page: str, tables: Tables | None = None) -> tuple[Assumption, ...]:
    """The assumptions a page declares, in table order; with their defaults from ``tables``.

    >>> [a.name for a in for_page("gpu-capex")][:3]
    ['a100_n', 'a100_usd', 'h800_n']
    """
    if tables is None:
        return tuple(a for a in ASSUMPTIONS if a.page == page)
    return tuple(a for a in resolve(tables).values() if a.page == page)


def _decimals(step: float) -> int:
    text = f"{step:.10g}"
    return len(text.split(".")[1]) if "." in text else 0


def snap(a: Assumption, value: float) -> float | int:
    """``value`` on the widget's grid: a whole step, written with the step's decimals, so the
    link carries its shortest form (``3.4``, never ``3.4000000000000004``).

    >>> snap(BY_NAME["price"], 3.42), snap(BY_NAME["price"], 1.7), snap(BY_NAME["a100_n"], 0)
    (3.4, 1.7, 0)
    """
    steps = round(float(value) / a.step)
    if a.integer:
        return int(round(steps * a.step))
    return round(steps * a.step, _decimals(a.step))


def default_row(tables: Tables, a: Assumption) -> str:
    """The data row an assumption's default is read from: its ``source``, or the default row
    of its ``group`` (a release that makes another row the group's default moves it too).

    >>> from aicost.base.data import load_all
    >>> default_row(load_all("data/releases/1"), BY_NAME["a100_usd"])
    'a100_price_cnbc'
    """
    if not a.group:
        return a.source
    for file in tables.keys():
        frame = tables[file]
        chosen = frame[(frame["group"] == a.group) & frame["is_default"]]
        if len(chosen):
            return str(chosen["id"].iloc[0])
    raise KeyError(f"no default row in group {a.group!r}")


def sourced_default(a: Assumption, tables: Tables) -> float:
    """An assumption's default from its data row: ``value / scale``, rounded to its step.

    >>> from aicost.base.data import load_all
    >>> sourced_default(BY_NAME["mfu"], load_all("data/releases/1"))
    17.3
    """
    value = tables.value(default_row(tables, a))
    value = getattr(model, a.derive)(value) if a.derive else value / a.scale
    return float(round(value)) if a.integer else round(value, _decimals(a.step))


def resolve(tables: Tables) -> dict[str, Assumption]:
    """Every assumption with its default read from ``tables`` (one release's data), by name.

    Computed once per loaded release and kept with it.

    >>> from aicost.base.data import load_all
    >>> resolve(load_all("data/releases/1"))["price"].default
    2.0
    """

    def build(t: Tables) -> dict[str, Assumption]:
        out = {}
        for a in ASSUMPTIONS:
            if a.default is None:
                value = sourced_default(a, t)
                a = replace(a, default=int(value) if a.integer else value, source=default_row(t, a))
            out[a.name] = a
        return out

    return tables.memo("assumptions", build)


def defaults(page: str, tables: Tables) -> dict[str, Value]:
    """Every assumption of a page at its sourced default in ``tables`` (display units).

    >>> from aicost.base.data import load_all
    >>> defaults("training-cost", load_all("data/releases/1"))["price"]
    2.0
    """
    return {a.name: a.default for a in for_page(page, tables)}  # type: ignore[misc]


def to_model(values: Values, page: str) -> dict[str, Value]:
    """Turn display-unit widget values into model units (``value * scale``).

    >>> to_model({"mfu": 17.3}, "training-cost")["mfu"]
    0.173
    """
    out: dict[str, Value] = {}
    for a in for_page(page):
        if a.name in values:
            value = values[a.name]
            if not a.is_numeric:
                out[a.name] = value
            elif a.integer:  # whole numbers: the model uses what the widget shows
                out[a.name] = round(float(value)) * a.scale
            else:
                out[a.name] = round(float(value) * a.scale, 12)
    return out


def model_values(page: str, tables: Tables, values: Values | None = None) -> dict[str, Value]:
    """A page's scenario in model units: its sourced defaults in ``tables``, with ``values``
    (display units, as the widgets give them) in their place.

    >>> from aicost.base.data import load_all
    >>> model_values("training-cost", load_all("data/releases/1"), {"mfu": 40.0})["mfu"]
    0.4
    """
    return to_model({**defaults(page, tables), **(values or {})}, page)


def typed(cls: type[T], values: Mapping[str, Value]) -> T:
    """A page's typed inputs (a dataclass whose fields are assumption names) from model-unit
    ``values``: each read by its field's type, so every read is checked by the type checker.

    >>> from dataclasses import dataclass
    >>> @dataclass(frozen=True)
    ... class Run:
    ...     price: float
    ...     r1: bool
    ...     route: str
    >>> typed(Run, {"price": 2, "r1": True, "route": "rental", "pre": 1.0})
    Run(price=2.0, r1=True, route='rental')
    """
    kwargs: dict[str, Value] = {}
    for name, kind in _fields(typing.cast(Any, cls)):
        value = values[name]
        kwargs[name] = (
            bool(value) if kind is bool else float(value) if kind is float else str(value)
        )
    return cls(**kwargs)


@functools.cache
def _fields(cls: Any) -> tuple[tuple[str, type], ...]:
    """A dataclass's fields and their types, read once."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def markdown_table(tables: Tables) -> str:
    """The table of link parameters (docs/links.md), with the defaults of ``tables`` (the
    current release; ``python -m aicost.inputs.assumptions`` prints it)."""
    lines = [
        "| Parameter | Page | What it sets | Default | Range | Source |",
        "|---|---|---|---|---|---|",
    ]
    for a in resolve(tables).values():
        if a.kind == "choice":
            span = " / ".join(a.options)
        elif a.kind == "toggle":
            span = "true / false"
        else:
            span = f"{a.min:,.10g} to {a.max:,.10g}"
        default = str(a.default).lower() if a.kind == "toggle" else f"{a.default}"
        source = (
            f"`{a.source}`"
            if a.source
            else ("—" if a.kind == "choice" else a.help.split(". ")[0].replace("|", "/"))
        )
        lines.append(f"| `{a.name}` | `/{a.page}` | {a.label} | {default} | {span} | {source} |")
    return "\n".join(lines)


#: Where the generated table of link parameters lives, between :data:`TABLE_MARKS`.
TABLE_FILE = "docs/links.md"
TABLE_MARKS = (
    "<!-- parameters: made by python -m aicost.inputs.assumptions --write -->",
    "<!-- /parameters -->",
)


def table_in(text: str) -> str:
    """The parameter table in a document's ``text``, between :data:`TABLE_MARKS`."""
    start, end = (re.escape(mark) for mark in TABLE_MARKS)
    found = re.search(f"{start}\n(.*?)\n{end}", text, re.S)
    if found is None:
        raise ValueError(f"no {TABLE_MARKS[0]!r} ... {TABLE_MARKS[1]!r} block")
    return found.group(1)


def write_table(path: Path, tables: Tables) -> bool:
    """Rewrite the parameter table in the document at ``path`` in place; whether it changed."""
    text = path.read_text(encoding="utf-8")
    old = table_in(text)
    new = markdown_table(tables)
    if old == new:
        return False
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return True
