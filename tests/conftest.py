"""Shared fixtures: the real data files, and a clean Streamlit cache for every test."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st

from aicost.data import Tables, load_all
from aicost.release import Store

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
RELEASES = DATA / "releases"


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    """Streamlit's caches outlive an AppTest; clear them so no test sees another's data."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture(scope="session")
def tables() -> Tables:
    """The current release's data files, loaded and validated once."""
    return load_all(Store(RELEASES).folder(Store(RELEASES).current.id))
