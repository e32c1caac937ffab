"""What every page is drawn in: configuration, navigation, title, the data release, the notes
on what a link had that the page ignored, and the "cannot compute this, stop" warning."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from aicost.base import release
from aicost.base.data import DataError, Tables
from aicost.base.text import escape_markdown
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.ui.paint import rest_after_numbers
from aicost.ui.release_notes import release_line
from aicost.ui.session import load_tables, release_folder, releases, tables
from aicost.ui.site import (
    CALCULATORS,
    FAVICON,
    INTROS,
    PAGES,
    PHONE_NAV,
    TOUCH_CSS,
    VIEWS,
    declared_params,
    page_params,
    title,
)

T = TypeVar("T")


def page(name: str) -> Tables:
    """Draw the page at URL path ``name``: configuration, navigation, title and introduction
    (from :data:`~aicost.ui.site.PAGES` and :data:`~aicost.ui.site.INTROS`), the data release
    it shows and, unless its body is a calculator, the notes on what its link had that it
    ignored. Returns the data of the release the link asks for (see :func:`pick_release`).

    The browser tab always shows :data:`FAVICON`, an emoji drawn locally. A broken data file
    stops the page with the loader's message, never a traceback.
    """
    heading = title(name)
    st.set_page_config(
        page_title=f"{heading} · What did DeepSeek cost?", page_icon=FAVICON, layout="wide"
    )
    st.session_state["_page"] = (name, heading)
    navigation()
    st.html(TOUCH_CSS)
    st.title(heading)
    st.caption(INTROS[name])
    try:
        store = releases()
        shown, note = pick_release(store, name)
    except DataError as exc:  # the release index itself
        _data_error(exc.problems)
    try:
        data = load_tables(str(release_folder(shown.id)))
    except DataError as exc:
        _data_error([f"release {shown.id}: {p}" for p in exc.problems], store, shown)
    st.session_state["_release_tables"] = data
    release_line(store, shown, name, note)
    if name not in CALCULATORS:
        link_notes(name)
    return data


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


def pick_release(store: release.Store, name: str) -> tuple[release.Release, str | None]:
    """The release this page shows, and a note if the link's ``rel`` could not be used.

    A link's ``rel`` wins. A link with any of the page's parameters but no ``rel`` was made
    before releases existed, so it opens on release 1. A bare page opens on the current
    release. The address bar then carries the release, so a reload or a copied address keeps
    it, and every later rerun of the session reads it from there.
    """
    raw = st.query_params.get_all(release.PARAM)
    if raw:
        shown, note = store.check(raw)
    elif _made_before_releases(store.releases[0], name):
        shown, note = store.releases[0], None
    else:
        shown, note = store.current, None
    if raw != [shown.id]:
        st.query_params[release.PARAM] = shown.id
    st.session_state["_release_shown"] = shown
    return shown, note


def _made_before_releases(first: release.Release, name: str) -> bool:
    """Whether the link sets at least one of the page's parameters to a value the page can
    use on release 1: a link made before releases existed. A link whose every page value is
    ignored (``?price=abc``) set nothing, so it is no old scenario and opens on current data."""
    known = page_params(name)
    ours = {k: st.query_params.get_all(k) for k in st.query_params if k in known}
    if not ours:
        return False
    try:
        first_tables = load_tables(str(release_folder(first.id)))
    except DataError:
        return True  # the page then names what is broken in release 1 and offers current data
    ignored = {n.name for n in _check_link(name, ours, first_tables)}
    return any(k not in ignored for k in ours)


def _check_link(name: str, raw: dict[str, list[str]], data: Tables) -> list[urlstate.ParamNote]:
    """A note for each of the link's parameters the page ``name`` cannot use on ``data``."""
    _values, notes = urlstate.check_params(
        raw, asm.for_page(name, data), VIEWS.get(name), declared_params(name).values()
    )
    return notes


def navigation() -> None:
    """Sidebar links to every page, with readable labels (the file names set the URLs).

    Not drawn inside an iframe (``?embed=true``): an embedded scenario shows its page only.
    """
    if embedded():
        return
    with st.sidebar:
        st.markdown("**What did DeepSeek cost?**")
        for script, label, icon, _path in PAGES:
            st.page_link(script, label=label, icon=icon)
        st.caption("Every number links to its source on the Data and sources page.")
    # On a phone the sidebar is an overlay that a page link does not close (only Streamlit's
    # file-name page list does), so there the pages are a menu above the title instead, and
    # the sidebar is hidden (TOUCH_CSS): a new page opens with its menu closed.
    with st.container(key=PHONE_NAV), st.popover("Pages", icon=":material/menu:"):
        for script, label, icon, _path in PAGES:
            st.page_link(script, label=label, icon=icon)


def embedded() -> bool:
    """Whether the page is shown with Streamlit's ``?embed=true`` (inside another site)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:
        return False


def link_notes(page_name: str) -> list[urlstate.ParamNote]:
    """On a session's first run of a page, check the link's parameters; show what was ignored.

    Streamlit's binding already drops values it cannot use; this tells the visitor which
    ones and why. The notes stay until the visitor resets.
    """
    flag = f"_link_checked_{page_name}"
    if flag not in st.session_state:
        st.session_state[flag] = True
        raw = {key: st.query_params.get_all(key) for key in st.query_params}
        st.session_state[f"_link_notes_{page_name}"] = _check_link(page_name, raw, tables())
        # a parameter that is no parameter of the page leaves the address bar (the note says
        # so), so that a copied address does not carry it on
        known = page_params(page_name)
        for key in raw:
            if key.lower() not in urlstate.SITE_PARAMS and key not in known:
                del st.query_params[key]
    notes = st.session_state.get(f"_link_notes_{page_name}", [])
    if notes:
        lines = "\n".join(f"- `{n.name}`: {escape_markdown(n.reason)}" for n in notes)
        st.warning(f"Some values in this link were ignored:\n{lines}", icon=":material/link_off:")
    return notes


def calculator(page_name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorator: a calculator's body as an ``st.fragment``, the link's notes at its top.

    Moving one of its inputs reruns the calculator only, not the navigation, the title and
    the ``pages/`` discovery around it (half the work of a rerun, and fewer messages). The
    notes are inside it, so Reset and the presets, which rerun only the fragment, clear them.
    Inside, rows of metrics and buttons are ``st.container(horizontal=True)``: one block
    message each, where ``st.columns(n)`` sends n + 1.
    """
    if page_name not in CALCULATORS:
        raise ValueError(f"declare {page_name!r} in CALCULATORS: its notes are drawn here")

    def wrap(body: Callable[[], None]) -> Callable[[], None]:
        @st.fragment
        @functools.wraps(body)  # the fragment's id comes from the page's function, not this one
        def run() -> None:
            link_notes(page_name)
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


def at_defaults(page_name: str, compute: Callable[[dict[str, asm.Value], Tables], T]) -> T:
    """``compute`` on the page's sourced defaults, once per loaded release (the figures a
    scenario is set beside)."""
    key = f"{page_name}:{compute.__module__}.{compute.__qualname__}"
    return tables().memo(key, lambda t: compute(asm.model_values(page_name, t), t))


def finding(text: str) -> None:
    """The page's result in one sentence, above its chart."""
    st.markdown(f"**{escape_markdown(text)}**")
