"""Each page's result is computed once, without Streamlit, and the page shows exactly it.

For every recorded link (``tests/contracts/links.json``) and every page at its defaults, the
pure computation (:func:`aicost.report.page.open_link`, what the previews, the API and the
offline copy read) gives the same figures, as displayed, as the metrics the Streamlit page
shows in AppTest.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import pytest

from aicost.base.release import Store
from aicost.report.page import open_link
from aicost.site import BY_PATH, PAGES
from tests.conftest import RELEASES
from tests.contracts.observe import CONTRACT, seen

STORE = Store(RELEASES)
LINKS = [entry["link"] for entry in json.loads(CONTRACT.read_text())]
LINKS += [p.url for p in PAGES if f"{p.url}" not in LINKS]


def _pure(link: str):
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True)
    return open_link(BY_PATH[parts.path.strip("/")], query, STORE, STORE.tables)


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
