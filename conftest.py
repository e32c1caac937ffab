"""Fixtures for the whole run, doctests included: the current release's data, loaded once.

The doctests in ``aicost/`` read it as ``tables`` (pytest's ``doctest_namespace``), so they
show the worked example instead of reloading and revalidating five CSV files each.
"""

from __future__ import annotations

import os
from pathlib import Path

# Every chart the tests build is checked against plotly's schema (the app skips the check).
os.environ["AICOST_VALIDATE_CHARTS"] = "1"

import pytest

from aicost.base.data import Tables, load_all
from aicost.base.release import Store

ROOT = Path(__file__).resolve().parent
RELEASES = ROOT / "data" / "releases"


@pytest.fixture(scope="session")
def tables() -> Tables:
    """The current release's data files, loaded and validated once."""
    store = Store(RELEASES)
    return load_all(store.folder(store.current.id))


@pytest.fixture(scope="session", autouse=True)
def _doctest_tables(doctest_namespace: dict, tables: Tables) -> None:
    doctest_namespace["tables"] = tables
