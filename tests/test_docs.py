"""The README keeps its promises: two commands, every page path and every link parameter."""

from __future__ import annotations

import re

import pytest

from aicost.inputs.assumptions import ASSUMPTIONS
from aicost.site import PAGES
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_readme_has_the_two_commands_and_ci_runs_the_second():
    assert "bash scripts/start.sh" in README
    assert "bash scripts/test.sh" in README
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text()


@pytest.mark.parametrize("a", ASSUMPTIONS, ids=lambda a: a.name)
def test_every_link_parameter_is_documented(a):
    row = re.search(rf"^\| `{a.name}` \|(.+)$", README, re.M)
    assert row, f"README has no row for the link parameter {a.name}"
    assert f"/{a.page}" in row.group(1)


def test_the_pages_table_lists_every_page_by_its_path_and_label_in_site_map_order():
    section = README.split("\n## Pages\n", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `(/[^`]*)` \| ([^|]+?) \|", section, re.M)
    assert rows == [(f"/{p.path}", p.label) for p in PAGES]


def test_parameter_table_is_the_generated_one(tables):
    from aicost.inputs.assumptions import markdown_table

    assert markdown_table(tables) in README, (
        "run: python -m aicost.inputs.assumptions, paste into README.md"
    )
