"""The README keeps its promises: two commands, every page path, every data release, the API
example that works; and docs/links.md has the link-parameter table the assumptions generate, row
for row (so every parameter is documented with its page)."""

from __future__ import annotations

import re

from aicost.inputs import assumptions as asm
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


def test_the_parameter_table_is_the_generated_one(tables):
    doc = (ROOT / asm.TABLE_FILE).read_text(encoding="utf-8")
    assert asm.table_in(doc) == asm.markdown_table(tables), (
        "run: python -m aicost.inputs.assumptions --write"
    )


def test_the_command_rewrites_the_table_in_place(tables, tmp_path):
    doc = (ROOT / asm.TABLE_FILE).read_text(encoding="utf-8")
    stale = tmp_path / "links.md"
    stale.write_text(doc.replace("| `price` | `/training-cost` |", "| `prix` | `/x` |"))
    assert asm.write_table(stale, tables) is True
    assert stale.read_text(encoding="utf-8") == doc
    assert asm.write_table(stale, tables) is False, "a second run changes nothing"


def test_the_readme_lists_every_data_release():
    from aicost.base import release

    for r in release.store().releases:
        assert f"\n| {r.id} | {r.date} |" in README, f"release {r.id} is missing"


def test_every_doc_the_readme_links_exists():
    for target in re.findall(r"\]\((docs/[^)#]+)", README):
        assert (ROOT / target).exists(), target
    for doc in (ROOT / "docs").glob("*.md"):
        text = doc.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([a-z-]+\.md)", text):
            assert (ROOT / "docs" / target).exists(), (doc.name, target)
