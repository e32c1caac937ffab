"""What every page is drawn in: configuration, navigation, title, the data release, the notes
on what a link had that the page ignored, and the "cannot compute this, stop" warning."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NoReturn

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from aicost.base import release
from aicost.base.data import DataError, Tables
from aicost.base.text import escape_markdown
from aicost.inputs import urlstate
from aicost.report.page import SITE_TITLE, Link, Page, pick_release, read_link
from aicost.site import FAVICON, PAGES
from aicost.ui.assist import hooks
from aicost.ui.paint import rest_after_numbers
from aicost.ui.release_notes import release_line
from aicost.ui.session import Keys, first_link, load_release, releases
from aicost.ui.style import PHONE_NAV, TOUCH_CSS


def page(p: Page) -> Tables:
    """Draw the frame of page ``p``: configuration, navigation, title and introduction, the
    data release it shows and, unless its body is a calculator, the notes on what its link had
    that it ignored. Returns the data of the release the link asks for.

    On the session's first run of the page its link is read once (:func:`read_first_link`).
    A broken data file stops the page with the loader's message, never a traceback.
    """
    st.set_page_config(page_title=f"{p.title} · {SITE_TITLE}", page_icon=FAVICON, layout="wide")
    st.session_state[Keys.PAGE] = p.path
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    broken: DataError | None = None
    try:
        store = releases()
        shown, note = _release_of(p, query, store)
    except DataError as exc:  # the release index itself
        broken = exc
    navigation(None if broken else shown.id)
    st.html(TOUCH_CSS)
    hooks()  # a chart's image for a slide (aicost.ui.assist)
    st.title(p.title)
    st.caption(p.intro)
    if broken is not None:
        _data_error(broken.problems)
    try:
        data = load_release(shown.id)
    except DataError as exc:
        _data_error([f"release {shown.id}: {problem}" for problem in exc.problems], store, shown)
    st.session_state[Keys.TABLES] = data
    read_first_link(p, query, data)
    release_line(store, shown, p, note)
    if not p.calculator:
        link_notes(p)
    return data


def _release_of(
    p: Page, query: dict[str, list[str]], store: release.Store
) -> tuple[release.Release, str | None]:
    """The release the page shows (:func:`aicost.report.page.pick_release`). The address bar
    then carries it, so a reload or a copied address keeps it, and every later rerun of the
    session reads it from there."""
    shown, note = pick_release(p, query, store, load_release)
    if query.get(release.PARAM) != [shown.id]:
        st.query_params[release.PARAM] = shown.id
    st.session_state[Keys.RELEASE] = shown
    return shown, note


def read_first_link(p: Page, query: dict[str, list[str]], data: Tables) -> Link:
    """The page's link, read once on the session's first run of the page and kept: the values
    its widgets take, its tabs and a note for each parameter it ignored. A parameter that is
    no parameter of the page leaves the address bar (its note says so), so that a copied
    address does not carry it on."""
    kept = first_link(p)
    if kept is not None:
        return kept
    link = read_link(p, query, data)
    st.session_state[Keys.link(p.path)] = link
    st.session_state[Keys.notes(p.path)] = list(link.notes)
    known = p.link_params()
    for key in query:
        if key.lower() not in urlstate.SITE_PARAMS and key not in known:
            del st.query_params[key]
    # A value an older link gave under another name (an MFU stated against the BF16 peak, as
    # ``mfu``) moves to its name now: its widget takes it, and the address bar says it so.
    for old, new in link.moved.items():
        value = link.values[new]
        st.session_state[new] = value
        if old in st.query_params:
            del st.query_params[old]
        a = next(a for a in p.assumptions(data) if a.name == new)
        st.query_params[new] = urlstate.url_value(a, value)
    return link


def _data_error(
    problems: list[str],
    store: release.Store | None = None,
    shown: release.Release | None = None,
) -> NoReturn:
    st.error(
        "The data files did not pass their checks, so this page cannot show figures. "
        "Each problem names the release, file, row and column:",
        icon=":material/error:",
    )
    st.code("\n".join(problems), language=None, wrap_lines=True)
    if store is not None and shown is not None and shown.id != store.current.id:
        current = store.current  # an older release is broken: the current one may not be
        st.link_button(
            f"Open this page on the current data ({current.label})",
            f"?{release.PARAM}={current.id}",
            icon=":material/update:",
        )
    st.stop()
    raise AssertionError("st.stop() raises")


@functools.cache
def _links() -> tuple[tuple[str, str, str], ...]:
    """(script, label, icon) of every page, for the navigation."""
    return tuple((p.script, p.label, p.icon) for p in PAGES)


def navigation(rel: str | None = None) -> None:
    """Sidebar links to every page, with readable labels (the file names set the URLs), on the
    data release the page shows (``rel``): a reader who opened an older release's link stays
    on it from page to page, as every link the app writes carries its release.

    Not drawn inside an iframe (``?embed=true``): an embedded scenario shows its page only.
    """
    if embedded():
        return
    on = {release.PARAM: rel} if rel else None
    with st.sidebar:
        st.markdown(f"**{SITE_TITLE}**")
        for script, label, icon in _links():
            st.page_link(script, label=label, icon=icon, query_params=on)
        st.caption("Every number links to its source on the Data and sources page.")
    # On a phone the sidebar is an overlay that a page link does not close (only Streamlit's
    # file-name page list does), so there the pages are a menu above the title instead, and
    # the sidebar is hidden (TOUCH_CSS): a new page opens with its menu closed.
    # A lazy popover: its links are made only once it is opened, not on every rerun.
    with st.container(key=PHONE_NAV):
        menu = st.popover("Pages", icon=":material/menu:", on_change="rerun", key="pages_menu")
        if menu.open:
            with menu:
                for script, label, icon in _links():
                    st.page_link(script, label=label, icon=icon, query_params=on)


def embedded() -> bool:
    """Whether the page is shown with Streamlit's ``?embed=true`` (inside another site)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:
        return False


def link_notes(p: Page) -> list[urlstate.ParamNote]:
    """What the link had that the page ignored, and why; shown until the visitor resets.

    Streamlit's binding already drops values it cannot use; this tells the visitor which
    ones and why, and which value the page uses instead.
    """
    notes: list[urlstate.ParamNote] = st.session_state.get(Keys.notes(p.path), [])
    if notes:
        lines = "\n".join(f"- `{n.name}`: {escape_markdown(n.reason)}" for n in notes)
        st.warning(f"Some values in this link were ignored:\n{lines}", icon=":material/link_off:")
    return notes


def calculator(p: Page) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorator: a calculator's body as an ``st.fragment``, the link's notes at its top.

    Moving one of its inputs reruns the calculator only, not the navigation, the title and
    the ``pages/`` discovery around it (half the work of a rerun, and fewer messages). The
    notes are inside it, so Reset and the presets, which rerun only the fragment, clear them.
    Nothing may follow the call of the decorated function in the page's script (rule 2 of
    :mod:`aicost.ui.paint`).
    """
    if not p.calculator:
        raise ValueError(f"page {p.path!r} is no calculator in aicost.site.PAGES")

    def wrap(body: Callable[[], None]) -> Callable[[], None]:
        @st.fragment
        @functools.wraps(body)  # the fragment's id comes from the page's function, not this one
        def run() -> None:
            link_notes(p)
            body()

        return run

    return wrap


def stop_with_warning(problem: Exception | str, where: DeltaGenerator | None = None) -> NoReturn:
    """Say why the page's inputs cannot be computed (``where``: a container, or the page) and
    draw nothing more: a fleet with no GPUs, say."""
    target: Any = where if where is not None else st
    target.warning(f"{problem}.", icon=":material/warning:")
    rest_after_numbers()  # a session's first run: the inputs that can fix it follow
    st.stop()
    raise AssertionError("st.stop() raises")
