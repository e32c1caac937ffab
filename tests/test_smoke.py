"""The site map lists every page file under a stable path."""

from __future__ import annotations

from pathlib import Path

from aicost.site import PAGES
from tests.conftest import ROOT

PAGE_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))


def test_site_map_lists_every_page_file_with_a_stable_path():
    listed = [p.script for p in PAGES]
    assert listed[0] == "app.py"
    assert sorted(listed[1:]) == PAGE_FILES
    for p in PAGES[1:]:
        # pages/N_<path>.py: Streamlit takes the URL path from the file name.
        assert Path(p.script).stem.split("_", 1)[1] == p.path
    assert [p.path for p in PAGES] == [
        "", "training-cost", "gpu-capex", "reconcile", "timeline", "market", "compare", "data",
    ]  # fmt: skip
