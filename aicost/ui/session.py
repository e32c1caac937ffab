"""The data a session's page shows: the release index and each release's validated files,
loaded once per server process, and the release the session's page picked."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import streamlit as st

from aicost.base import release
from aicost.base.data import Tables, load_all

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]

# Streamlit runs a full gc.collect() after every script run (runner.postScriptGC). Everything
# imported by now (streamlit, pandas, plotly, numpy) lives as long as the server: freezing it
# keeps that collection to what the run itself created. It was over half of a rerun's time.
gc.freeze()


def releases_dir() -> Path:
    """The data releases (``data/releases``), or ``$AICOST_RELEASES_DIR`` when set."""
    return Path(os.environ.get("AICOST_RELEASES_DIR") or ROOT / "data" / "releases")


def release_folder(release_id: str) -> Path:
    """The folder of one release's files. ``$AICOST_DATA_DIR``, when set, stands in for the
    current release's folder (tests of broken data files use it)."""
    store = releases()
    override = os.environ.get("AICOST_DATA_DIR")
    if override and release_id == store.current.id:
        return Path(override)
    return store.folder(release_id)


@st.cache_resource(show_spinner=False)
def releases() -> release.Store:
    """The release index, read once per server process."""
    return release.Store(releases_dir())


@st.cache_resource(show_spinner=False)
def load_tables(folder: str) -> Tables:
    """One release's data files, validated once per server and shared by every session.

    A resource cache, not a data cache: one shared object instead of an unpickled copy on
    every rerun. Nothing may modify these frames; pages only filter them into new ones.
    Keyed by the release's folder, so an old release is loaded once per process too.
    """
    tables = load_all(folder)
    gc.freeze()  # the tables live as long as the server, like the imports above
    return tables


def tables() -> Tables:
    """The data of the release this session's page shows, as :func:`aicost.ui.page` loaded it
    (kept in the session: every widget, note and link of a rerun asks for it)."""
    kept = st.session_state.get("_release_tables")
    if kept is not None:
        return kept
    return load_tables(str(release_folder(shown_release().id)))


def shown_release() -> release.Release:
    """The release this session's page shows (set by :func:`aicost.ui.page`)."""
    kept = st.session_state.get("_release_shown")
    return kept if kept is not None else releases().current


def per_release(compute: Callable[[Tables], T]) -> T:
    """``compute(tables)`` for the release this page shows, once per loaded release (presets,
    a page's figures at the sourced defaults): kept with the data, shared by every session."""
    key = f"{compute.__module__}.{compute.__qualname__}"
    if "<lambda>" in key or "<locals>" in key:
        raise ValueError(f"per_release needs a named module-level function, not {key}")
    return tables().memo(key, compute)


@st.cache_resource(show_spinner=False, max_entries=64)
def _shared(key: str, values: dict, release_id: str, _compute: Callable, _tables: Tables):
    return _compute(values, _tables)


def shared(compute: Callable[[dict, Tables], T], values: dict) -> T:
    """``compute(values, tables)`` once per server for these values on this release, one
    read-only result for every session (the Monte Carlo of /reconcile: a data cache would
    unpickle its 20,000 draws on every rerun)."""
    key = f"{compute.__module__}.{compute.__qualname__}"
    return _shared(key, values, shown_release().id, compute, tables())
