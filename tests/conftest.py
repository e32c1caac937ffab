"""Shared fixtures: Streamlit's caches cleared once a run (``fresh_caches`` where a test needs
them empty), the suite's one Chromium, and the checks every chart must pass.

``tables`` (the current release's data, loaded once) is in the root conftest.py, which the
doctests share.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import pytest
import streamlit as st

from aicost.base import release
from devtools.server import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELEASES = DATA / "releases"


def _clear_streamlit_caches() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
    release.clear()


@pytest.fixture(scope="session", autouse=True)
def _streamlit_caches_once_a_run() -> Iterator[None]:
    """Streamlit's caches outlive an AppTest; the run starts and ends with them empty. In
    between, AppTests share them as a server's sessions do: the data is loaded per folder and
    release (``aicost.base.release.tables``), so a test on another folder gets its own entry."""
    _clear_streamlit_caches()
    yield
    _clear_streamlit_caches()


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Empty caches before the test, and again after it: for a test that counts loads, or that
    points the app at other release files (``AICOST_RELEASES_DIR``), whose index the caches
    would otherwise keep for the tests after it."""
    _clear_streamlit_caches()
    yield
    _clear_streamlit_caches()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for every browser test (tests/e2e and the nginx test)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def assert_chart_basics(fig: go.Figure) -> dict:
    """What every chart promises: title, source note, axis titles, no template, finite JSON."""
    layout = fig.layout
    assert layout.title.text, "chart has no title"
    assert "Source:" in (layout.title.subtitle.text or ""), "chart has no source note"
    assert not layout.template.layout.to_plotly_json(), "a full plotly template in the payload"
    assert layout.xaxis.title.text, "x axis has no title"
    payload = fig.to_json()
    assert "NaN" not in payload and "Infinity" not in payload
    assert len(payload) < 40_000, "aggregate before plotting: the payload should stay lean"
    return json.loads(payload)
