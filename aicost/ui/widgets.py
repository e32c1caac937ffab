"""The inputs: one widget per declared assumption, bound to the link; presets, quick values,
Reset and the change panel's Default buttons, which all set those widgets' values."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.errors import StreamlitAPIException

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.base.gpus import has_fp8
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.report.page import Page
from aicost.ui.paint import numbers_only
from aicost.ui.session import Keys, current_page, first_link, shown_release, tables


class Preset(Protocol):
    key: str
    label: str
    source: str
    values: dict[str, asm.Value]


def widget(
    name: str,
    container: DeltaGenerator | None = None,
    on_change: Callable[[], None] | None = None,
    *,
    label: str = "",
    options: Sequence[str] = (),
    note: str = "",
) -> asm.Value:
    """Draw the widget the assumption ``name`` declares, bound to the link's ``name``
    (``on_change``: a callback when the reader changes it; ``label``: another label where
    the input plays another part; ``options``: the only options a choice has here, the first
    by default; ``note``: said first in its help).

    In a :func:`~aicost.ui.paint.numbers_only` run nothing is drawn: the value is the one the
    widget will take from the link (:func:`link_value`)."""
    target: Any = container if container is not None else st
    a = asm.resolve(tables())[name]  # the default of the release this page shows
    if numbers_only():
        return link_value(a)
    help_text = f"{note} {a.help}".strip()
    if a.source:
        help_text += f" Default from data row `{a.source}` ({shown_release().label})."
    common: dict[str, Any] = {"key": a.name, "help": help_text or None, "bind": "query-params"}
    if on_change is not None:
        common["on_change"] = on_change
    label = label or a.label  # labels in the table carry their units
    if a.kind == "toggle":
        return target.toggle(label, value=bool(a.default), **common)
    if a.kind == "choice":
        choices = list(options or a.options)
        index = choices.index(str(a.default)) if str(a.default) in choices else 0
        radio = target.radio
        return radio(label, options=choices, index=index, horizontal=True, **common)
    if not a.is_numeric:
        raise ValueError(f"unknown widget kind {a.kind!r} for {a.name}")
    # Whole-number inputs are float inputs shown without decimals: Streamlit 1.67 parses a
    # number input's link value as a float, and its int input raises OverflowError on inf or
    # a 400-digit number before its own validation can drop the value.
    cast = int if a.integer and a.kind == "slider" else float
    bounds = {
        "min_value": cast(a.min),
        "max_value": cast(a.max),
        "value": cast(urlstate.default_of(a)),
        "step": cast(a.step),
        "format": "%.0f" if a.integer and a.kind == "number" else (a.fmt or None),
    }
    if a.kind == "slider":
        value = target.slider(label, **bounds, **common)
        if a.quick:
            quick_values(a, target)
        return value
    if a.integer:
        _shortest_in_address(a)
    value = target.number_input(label, **bounds, **common)
    if a.integer and a.scale == 1 and a.unit in ("GPUs", "USD/GPU"):
        # A number input cannot group digits (its format must stay numeric): 10000
        # reads as 1,000 or 100,000 at a glance, so the amount is repeated, grouped.
        per_gpu = a.unit == "USD/GPU"
        shown = f"{fmt.usd(value, 5)} per GPU" if per_gpu else f"{fmt.count(value)} GPUs"
        target.caption(shown)
    return value


def link_value(a: asm.Assumption) -> asm.Value:
    """The value :func:`widget` draws its widget with on a session's first run: the session's
    own if it has one, else the link's as Streamlit's binding reads it (the page's link, read
    once by :func:`aicost.ui.page`), of the type the widget returns."""
    if a.name in st.session_state:
        held: asm.Value = st.session_state[a.name]
        return held
    link = first_link(current_page())
    value = link.values[a.name] if link is not None else urlstate.default_of(a)
    if a.kind in ("toggle", "choice"):
        return value
    return int(value) if a.integer and a.kind == "slider" else float(value)


def _shortest_in_address(a: asm.Assumption) -> None:
    """A whole number a session set here goes back into the address bar as ``0``, not ``0.0``.

    When a visitor returns to a page, Streamlit writes each bound widget's value back into
    the address as Python prints it, and a float input's count prints as ``0.0``. Written
    first in its shortest form, the address already holds it. On any other rerun the widget
    is bound, the browser owns the address, and Streamlit refuses the write.
    """
    held = st.session_state.get(a.name)
    default = float(urlstate.default_of(a))
    if held is None or a.name in st.query_params or float(held) == default:
        return
    try:
        st.query_params[a.name] = str(round(float(held)))
    except StreamlitAPIException:
        pass


def _set_value(name: str, value: float) -> None:
    st.session_state[name] = value


def convert_basis(fp8: str, factor: float, basis: str) -> Callable[[], None]:
    """A callback for the number-format choice ``basis`` (its key): the MFU the reader set on
    one basis, carried over to the basis the choice now holds (``<fp8>`` against the FP8 peak,
    ``<fp8>_bf16`` against the BF16 peak; the BF16 figure is ``factor`` times the FP8 one), so
    switching the basis changes how the MFU is stated, never the result."""
    bf16 = f"{fp8}_bf16"

    def held(name: str) -> float:
        a = asm.resolve(tables())[name]
        return float(st.session_state[name] if name in st.session_state else link_value(a))

    def convert() -> None:
        resolved = asm.resolve(tables())
        if st.session_state.get(basis) == "BF16":
            st.session_state[bf16] = asm.snap(resolved[bf16], held(fp8) * factor)
        else:
            st.session_state[fp8] = asm.snap(resolved[fp8], held(bf16) / factor)

    return convert


def follow_chip(chip: str, basis: str, fp8: str, factor: float) -> Callable[[], None]:
    """A callback for a chip choice: a chip without FP8 units states its MFU against its BF16
    peak, so a choice of basis on FP8 moves to BF16 and the MFU converts with it."""

    def follow() -> None:
        if has_fp8(tables(), str(st.session_state.get(chip))):
            return
        if str(st.session_state.get(basis, link_value(asm.resolve(tables())[basis]))) == "FP8":
            st.session_state[basis] = "BF16"
            convert_basis(fp8, factor, basis)()

    return follow


def quick_values(a: asm.Assumption, container: Any) -> None:
    """One-click exact values under a slider (a slider step is about 1 px wide on a phone;
    the arrow keys move it one step). The link carries the value's shortest form."""
    row = container.container(horizontal=True, gap="small", key=f"quick_{a.name}")
    for number in a.quick:
        snapped = asm.snap(a, number)
        row.button(
            a.show(snapped),
            key=f"quick_{a.name}_{snapped:g}",
            on_click=_set_value,
            args=(a.name, snapped),
            type="tertiary",
            help=f"Set {a.label.lower()} to exactly this value.",
        )


def preset_buttons(
    p: Page,
    make: Callable[[Tables], Sequence[Preset]],
    width: str = "content",
    heading: str = "",
) -> None:
    """One button a preset (``make(tables)``, made once per release), in one row, under
    ``heading`` (a section heading) if given. Drawn with the inputs: not in a numbers-only
    run."""
    if numbers_only():
        return
    if heading:
        st.markdown(f"### {heading}", anchors=False)
    row = st.container(horizontal=True)
    made = tables().memo(f"presets:{make.__module__}.{make.__qualname__}", make)
    for preset in made:
        row.button(
            preset.label,
            help=preset.source,
            on_click=apply_preset,
            args=(p, preset.values),
            key=f"preset_{preset.key}",
            width=width,  # type: ignore[arg-type]
        )


def apply_preset(p: Page, preset: asm.Values) -> None:
    """Callback: set the named assumptions (display units); the rest go back to defaults."""
    for a in p.assumptions(tables()):
        st.session_state[a.name] = preset.get(a.name, a.default)
    st.session_state[Keys.notes(p.path)] = []


def reset_to_defaults(p: Page) -> None:
    """Callback: every assumption of the page back to its sourced default."""
    for a in p.assumptions(tables()):
        st.session_state[a.name] = a.default
    st.session_state[Keys.notes(p.path)] = []
    st.session_state[Keys.release_note(p.path)] = None


def undo_change(p: Page, name: str) -> None:
    """Callback: one assumption back to its sourced default (a change panel's button)."""
    st.session_state[name] = asm.resolve(tables())[name].default
    st.session_state[Keys.notes(p.path)] = []


def day(p: Page, name: str, container: DeltaGenerator | None = None) -> str:
    """Draw the page's date parameter ``name`` (a date input bound to the link) and return the
    day as YYYY-MM-DD, or "" for the page's own default day. In a numbers-only run nothing is
    drawn: the day the link gave."""
    param = next(q for q in p.params if q.name == name)
    assert param.dates is not None
    if numbers_only():
        link = first_link(p)
        return link.params.get(name, "") if link else ""
    target: Any = container if container is not None else st
    low, high = (dt.date.fromisoformat(d) for d in param.dates)
    chosen = target.date_input(
        param.label or name,
        value=None,
        min_value=low,
        max_value=high,
        format="YYYY-MM-DD",
        key=name,
        bind="query-params",
        help="Leave it empty for the page's own day. The link carries the day you pick.",
    )
    return chosen.isoformat() if isinstance(chosen, dt.date) else ""
