"""Each page is one record (aicost.site.PAGES) and one result, computed once without Streamlit;
the page shows exactly it.

For every recorded link (``tests/contracts/links.json``) and every page at its defaults, the
pure computation (:func:`aicost.report.page.open_link`, what the previews, the API and the
offline copy read) gives the same figures, as displayed, as the metrics the Streamlit page
shows in AppTest. The site map lists every page file, and each result cites rows that every
release has.
"""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from aicost.base import release
from aicost.base.release import Store
from aicost.report.page import open_link
from aicost.report.page import result as page_result
from aicost.site import BY_PATH, PAGES
from tests.conftest import RELEASES, ROOT, release_tables
from tests.contracts.observe import CONTRACT, seen

STORE = Store(RELEASES)
PAGE_FILES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
LINKS = [entry["link"] for entry in json.loads(CONTRACT.read_text())]
LINKS += [p.url for p in PAGES if f"{p.url}" not in LINKS]


def _pure(link: str):
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True)
    # each release loaded once, as the app keeps it (a Streamlit resource per release)
    return open_link(BY_PATH[parts.path.strip("/")], query, STORE, release_tables)


@pytest.mark.parametrize("link", LINKS)
def test_the_page_shows_the_figures_its_computation_made(link):
    result = _pure(link)
    now = seen(link)  # the page as a first visit opens it (the link contract reads the same)
    assert not now.exceptions, now.exceptions
    # in columns, read column by column
    assert sorted(now.metrics) == sorted((f.label, f.text) for f in result.figures)
    # and the same finding, word for word
    if result.finding:
        assert f"**{result.finding}**" in now.said


@pytest.mark.parametrize("link", ["/training-cost?price=3.5", "/gpu-capex?a100_n=20000"])
def test_a_link_without_rel_opens_on_release_1_and_its_canonical_link_pins_it(link):
    result = _pure(link)
    assert result.release.id == "1"
    assert result.link == f"{link}&rel=1"


def test_a_bare_link_opens_on_the_current_release():
    result = _pure("/training-cost")
    assert result.release == STORE.current
    assert result.link == f"/training-cost?rel={STORE.current.id}"


def test_site_map_lists_every_page_file_with_a_stable_path():
    listed = [p.script for p in PAGES]
    assert listed[0] == "app.py"
    assert sorted(listed[1:]) == PAGE_FILES
    for p in PAGES[1:]:
        # pages/N_<path>.py: Streamlit takes the URL path from the file name.
        assert Path(p.script).stem.split("_", 1)[1] == p.path
    assert [p.path for p in PAGES] == [
        "", "training-cost", "gpu-capex", "reconcile", "timeline", "rules-cost", "market",
        "compare", "data",
    ]  # fmt: skip


def test_every_page_source_row_exists_in_every_release():
    for shown in STORE.releases:
        tables = release_tables(shown.id)
        for p in PAGES:
            r = page_result(p, tables, shown)
            found = {row for source in r.sources for row in source.rows}
            assert set(r.body.rows) <= found, (shown.id, p.path, set(r.body.rows) - found)


def test_a_links_charts_are_built_once_and_shared_by_its_readers():
    """Two readers of one link get the same result, and the same drawn figure (per line and
    theme), not a figure built again; a figure of one's own (make) is a new one."""
    store = release.store()
    query = {"price": ["3.3"], "rel": [store.current.id]}
    # as the server reads a release: once per process (release.tables)
    first = open_link(BY_PATH["training-cost"], query, store, release.tables)
    second = open_link(BY_PATH["training-cost"], query, store, release.tables)
    assert first is second
    chart = first.charts[0]
    line = "What did DeepSeek really cost?, data release 5: https://x/training-cost?price=3.3"
    drawn = chart.drawn(line, "light")
    assert second.charts[0].drawn(line, "light") is drawn
    assert chart.drawn(line, "dark") is not drawn
    assert drawn.layout.title.subtitle.text.endswith("price=3.3")
    assert chart.make() is not chart.make()
    assert chart.make().layout.height < drawn.layout.height, "the stamp makes room for its line"
