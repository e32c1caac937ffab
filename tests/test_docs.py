"""The README keeps its promises: two commands and every page path. (Its link-parameter table is
the generated one, row for row: tests/test_assumptions.py.)"""

from __future__ import annotations

import re

from aicost.site import PAGES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_commands_and_ci_runs_the_second():
    assert "bash scripts/start.sh" in README
    assert "bash scripts/test.sh" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


def test_the_pages_table_lists_every_page_by_its_path_and_label_in_site_map_order():
    section = README.split("\n## Pages\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(/[^`]*)` \| ([^|]+?) \|", section, re.M)
    assert rows == [(f"/{p.path}", p.label) for p in PAGES]
