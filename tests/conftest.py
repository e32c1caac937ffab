"""Shared fixtures: Streamlit's caches cleared once a run (``fresh_caches`` where a test needs
them empty), the suite's one Chromium, the checks every chart must pass, each release's data
loaded once, and the scenarios several suites open.

``tables`` (the current release's data, loaded once) is in the root conftest.py, which the
doctests share.

The folders: ``pages/`` one module per page (its computation, finding, charts and AppTest),
``properties/`` what holds on every page (generated broken data and hostile links, recorded
links, numbers first, security, the change panel, docs, deploy), ``base/`` the foundation
(data, releases, model, Monte Carlo, assumptions, links), ``e2e/`` the browser.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import plotly.graph_objects as go
import pytest
import streamlit as st

from aicost.base import release
from aicost.base.data import Tables
from aicost.base.release import Store
from aicost.report import charts
from devtools.server import CHROMIUM, CHROMIUM_ARGS

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELEASES = DATA / "releases"


#: Scenarios the change panel's arithmetic and each page's finding are checked on (display
#: values, as a link sets them).
SCENARIOS: dict[str, list[dict[str, float | bool | str]]] = {
    "training-cost": [
        {"price": 3.4},
        {"price": 3.4, "r1": True, "gpus": 4096},
        {"route": "compute", "mfu_bf16": 40.0, "gpu": "H100", "precision": "BF16", "price": 2.0},
        {"route": "ownership", "own_price": 30_000, "own_life": 5.0, "kwh": 0.12, "pre": 3000},
        {"pre": 1000, "ctx": 50, "post": 20, "price": 1.0},
    ],
    "gpu-capex": [
        {"srv": 2.0},
        {"srv": 2.0, "h800_n": 20_000, "opex": True, "years": 6.0},
        {"a100_n": 0, "h20_usd": 15_000, "net": 10.0, "h100_n": 2_000},
    ],
    "reconcile": [
        {"rec_price": 3.0},
        {"rec_price": 3.0, "rec_r1_gpus": 648, "rec_capex": 1300},
        {"rec_own_price": 60_000, "rec_ooms": 0.3, "rec_mult": 4.0, "rec_gpus": 10_000},
    ],
}


def as_link(values: dict[str, float | bool | str]) -> dict[str, str]:
    """Display values as a link carries them (``true`` for a toggle that is on)."""
    return {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in values.items()}


@functools.cache
def release_tables(release_id: str) -> Tables:
    """A published release's data, loaded once a run (for tests of what a link pinned to an
    older release shows; the current one is the ``tables`` fixture)."""
    return Store(RELEASES).tables(release_id)


def edit_data(folder: Path, file: str, old: str, new: str) -> None:
    """Replace the one occurrence of ``old`` in ``folder``'s data file ``file``.csv."""
    path = folder / f"{file}.csv"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def note_change(folder: Path, line: str) -> None:
    """Add a line to ``folder``'s changes.csv (why a row changed, for the next release)."""
    path = folder / "changes.csv"
    path.write_text(path.read_text() + line + "\n")


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


def assert_chart_basics(fig: go.Figure, title_has: str = "") -> dict:
    """What every chart promises: title (holding ``title_has``), source note, axis titles, no
    template, finite JSON, a lean payload."""
    layout = fig.layout
    assert layout.title.text and title_has in layout.title.text, layout.title.text
    assert (layout.title.subtitle.text or "").startswith("Source: "), "chart has no source note"
    assert not layout.template.layout.to_plotly_json(), "a full plotly template in the payload"
    assert layout.xaxis.title.text, "x axis has no title"
    payload = fig.to_json()
    assert "NaN" not in payload and "Infinity" not in payload
    assert len(payload) < 40_000, "aggregate before plotting: the payload should stay lean"
    return json.loads(payload)


def assert_legend_in_image(fig: go.Figure) -> None:
    """The legend is placed in the figure's own box, under the plot, with room kept for it:
    a downloaded PNG (the figure's box) holds it whole and it covers no data."""
    legend = fig.layout.legend
    assert legend.yref == "container" and legend.yanchor == "bottom"
    assert 0 <= legend.y <= 1
    rows = charts._legend_rows([t.name for t in fig.data if t.showlegend is not False])
    assert fig.layout.margin.b >= 20 + 22 * rows, "room at the bottom for every legend row"
