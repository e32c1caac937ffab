"""What a session keeps: the page it shows, the data release and link it was opened with, and
each release's validated files, loaded once per server process.

Every key this app writes into ``st.session_state`` is named here (:class:`Keys`), so the
protocol between the page's parts is in one place. Widgets keep their values under their
assumption's name (``price``), tabs under their link parameter (``tc_chart``).
"""

from __future__ import annotations

import gc
from pathlib import Path

import streamlit as st

from aicost.base import release
from aicost.base.data import Tables
from aicost.report.page import Link, Page
from aicost.site import BY_PATH

# Streamlit runs a full gc.collect() after every script run unless runner.postScriptGC is off.
# Everything imported by now (streamlit, pandas, plotly, numpy) lives as long as the server:
# freezing it keeps any collection to what a run itself created.
gc.freeze()


class Keys:
    """The session-state keys this app writes (besides widgets' and tabs' own)."""

    #: the URL path of the page this run draws
    PAGE = "_page"
    #: the release the page shows (a Release), and its data (Tables)
    RELEASE = "_release_shown"
    TABLES = "_release_tables"
    #: set once the browser has painted a page's numbers (aicost.ui.paint)
    PAINTED = "_aicost_painted"

    @staticmethod
    def link(path: str) -> str:
        """The page's link as first read (a Link): its values, tabs and notes."""
        return f"_link_{path}"

    @staticmethod
    def notes(path: str) -> str:
        """The notes on what the link had that the page ignored, shown until a reset."""
        return f"_link_notes_{path}"

    @staticmethod
    def release_note(path: str) -> str:
        """Why the link's ``rel`` could not be used, shown until a reset."""
        return f"_release_note_{path}"


def current_page() -> Page:
    """The page this run draws (set by :func:`aicost.ui.page`; the overview before that)."""
    return BY_PATH[st.session_state.get(Keys.PAGE, "")]


def releases() -> release.Store:
    """The release index this process serves (read once, shared with the web routes)."""
    return release.store()


def load_release(release_id: str) -> Tables:
    """The data of the release with this id, validated once per process and shared by every
    session (and by the previews and the API)."""
    data = release.tables(release_id)
    if id(data) not in _FROZEN:  # the tables live as long as the server, like the imports
        _FROZEN.add(id(data))
        gc.freeze()
    return data


_FROZEN: set[int] = set()


def release_folder(release_id: str) -> Path:
    """The folder of one release's files."""
    return release.folder(release_id)


def tables() -> Tables:
    """The data of the release this session's page shows, as :func:`aicost.ui.page` loaded it."""
    kept = st.session_state.get(Keys.TABLES)
    if kept is not None:
        return kept
    return load_release(shown_release().id)


def shown_release() -> release.Release:
    """The release this session's page shows (set by :func:`aicost.ui.page`)."""
    kept = st.session_state.get(Keys.RELEASE)
    return kept if kept is not None else releases().current


def first_link(page: Page) -> Link | None:
    """The page's link as read on the session's first run of it (None before that)."""
    return st.session_state.get(Keys.link(page.path))
