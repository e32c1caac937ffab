"""Drawing what a page computed: its result (:func:`result`), headline figures, finding, notes
and the change panel. The numbers and words all come from the page's
:class:`~aicost.report.page.PageResult`; nothing here computes one."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from aicost.base.text import escape_markdown, markdown_table
from aicost.inputs import assumptions as asm
from aicost.report import explain
from aicost.report import page as report
from aicost.report.page import Figure, Page, PageResult
from aicost.ui.assist import announce
from aicost.ui.coupling import KEY_CLASS_PREFIX as KEY
from aicost.ui.session import Keys, first_link, shown_release, tables
from aicost.ui.style import BACKGROUND, RESULT_BAR
from aicost.ui.widgets import undo_change


def result(p: Page, values: Mapping[str, asm.Value] | None = None) -> PageResult:
    """What page ``p`` shows for ``values`` (display units, as its widgets gave them; the rest
    at their defaults) on the release the session's page shows, with its open tabs and own
    parameters from the session (or, before they are drawn, from its link).

    Raises ValueError when the page's model cannot compute the scenario (see
    :func:`aicost.ui.stop_with_warning`)."""
    link = first_link(p)
    views = {
        param: st.session_state.get(param) or (link.views.get(param) if link else None) or ""
        for param in p.views
    }
    # a parameter's widget, once drawn, holds it (a day the reader cleared is no day), else
    # the link's
    params = {
        q.name: _text(st.session_state[q.name])
        if q.name in st.session_state
        else (link.params.get(q.name, "") if link else "")
        for q in p.params
    }
    return report.result(
        p,
        tables(),
        shown_release(),
        values,
        views={k: v for k, v in views.items() if v},
        params={k: v for k, v in params.items() if v},
        notes=st.session_state.get(Keys.notes(p.path), ()),
        release_note=st.session_state.get(Keys.release_note(p.path)),
    )


def _text(value: object) -> str:
    """A page parameter's widget value as the link writes it (a date as YYYY-MM-DD)."""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value) if value else ""


def metrics(
    figures: Iterable[Figure], container: DeltaGenerator | None = None, *, border: bool = False
) -> None:
    """The figures as metrics, in order; a figure's caption under it."""
    target: Any = container if container is not None else st
    for f in figures:
        where = target.container(width="content", gap=None) if f.caption else target
        where.metric(f.label, f.text, f.delta, help=f.help or None, border=border)
        if f.caption:
            where.caption(escape_markdown(f.caption))


def finding(r: PageResult) -> None:
    """The page's result in one sentence, above its chart; a screen reader hears it again
    when it changes (:func:`aicost.ui.assist.announce`)."""
    if r.finding:
        st.markdown(f"**{escape_markdown(r.finding)}**")
    announce(r.page, r.finding or "; ".join(f"{f.label}: {f.text}" for f in r.figures[:1]))


def result_bar(r: PageResult, where: DeltaGenerator) -> None:
    """The page's result in a few words (its title: "Training cost: $9.76M at $3.50 per
    GPU-hour") in ``where``, a container made with :func:`result_bar_place` above the inputs:
    on a phone it stays at the top of the screen while the reader scrolls to an input, so a
    tap on a quick price shows its result in view. Not drawn on a wider screen."""
    if not r.body.headline:
        return
    theme = st.context.theme.type or "light"
    where.html(f"<style>.{KEY}{RESULT_BAR} {{ background: {BACKGROUND[theme]}; }}</style>")
    where.markdown(f"{escape_markdown(r.page.label)}: **{escape_markdown(r.body.headline)}**")


def result_bar_place() -> DeltaGenerator:
    """Where :func:`result_bar` goes: the top of the page's inputs and results."""
    return st.container(key=RESULT_BAR, gap=None)


def heading(text: str, level: int = 3) -> None:
    """A section's title as a real heading: a screen reader moves from heading to heading, and
    a bold paragraph is none. Level 3 for a page's sections (under its title), 4 inside them;
    without the link icon Streamlit gives a heading."""
    st.markdown(f"{'#' * level} {escape_markdown(text)}", anchors=False)


def notes(r: PageResult) -> None:
    """What the reader should know about this scenario (a fallback the model used, say)."""
    for note in r.body.notes:
        st.info(escape_markdown(note), icon=":material/info:")


def says(r: PageResult, name: str) -> None:
    """One of the page's sentences (``r.body.says[name]``) as a caption, if it has it; its
    lines as lines."""
    text = r.body.says.get(name)
    if text:
        st.caption("  \n".join(escape_markdown(line) for line in text.splitlines()))


def change_panel(r: PageResult) -> None:
    """What this scenario changes from the sourced defaults, what each change does (alone, or
    after the changes it depends on), what they do together beyond that, each with a button
    back to its default; then the headline figures beside the sourced defaults'."""
    b = r.changes
    if b is None:
        return
    with st.container(border=True, gap="small"):
        heading("What this scenario changes")
        if not b.lines:
            st.caption(f"Every assumption is at its sourced default, from data {r.release.label}.")
            return
        moved = b.moved()
        for line in b.lines:
            row = st.container(horizontal=True, vertical_alignment="center", gap="small")
            # where the default comes from: its source, or how it is derived from the data
            origin = (
                f"default from {escape_markdown(line.source_name)}"
                if line.source_name
                else f"default: {escape_markdown(line.source)}"
            )
            # a change counted after those it depends on says so: the route, for an MFU
            given = f" ({escape_markdown(line.given_text)})" if line.given else ""
            row.markdown(
                f"{escape_markdown(line.label)}: {escape_markdown(line.default_text)} → "
                f"**{escape_markdown(line.value_text)}** · "
                f"{escape_markdown(explain.effect_text(line.effects, moved, b.formats))}{given}  \n"
                f":gray[{origin}]",
                width="stretch",
            )
            row.button(
                "Default",
                key=f"undo_{line.name}",
                on_click=undo_change,
                args=(r.page, line.name),
                icon=":material/undo:",
                help=f"Put this back to {line.default_text}, its sourced default.",
            )
        if b.interacts:
            st.markdown(
                "Together, beyond their separate effects: "
                f"{escape_markdown(explain.effect_text(b.together, moved, b.formats))}"
            )
        st.markdown(
            f"**In all:** {escape_markdown(explain.effect_text(b.total, moved, b.formats))}"
        )
        if r.beside:
            heading("This scenario beside the sourced defaults", 4)
            st.markdown(markdown_table(list(r.beside[0]), r.beside))


def site_url(p: Page) -> str:
    """The site's address as the visitor reached it (scheme, host and any base path), from the
    page's URL: what a full link starts with. Empty outside a browser (AppTest)."""
    url = (st.context.url or "").split("?")[0]
    if p.path and url.endswith("/" + p.path):
        return url[: -len(p.path) - 1]
    return url.rstrip("/")
