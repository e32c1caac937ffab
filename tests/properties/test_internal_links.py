"""Every link the app itself writes carries the data release the page shows (issue #28.4).

A link with page parameters but no ``rel`` opens on release 1 (it was made before releases
existed), so an internal link without ``rel`` would send a reader to old data, and a reader on
an older release's link would fall off it from page to page. Walks every page link and every
markdown link to a page of the app, on every page, on the current release and on release 2.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.proto.PageLink_pb2 import PageLink

from aicost.base import release
from aicost.site import PAGES
from tests.apptest import open_page

PATHS = {f"/{p.path}" for p in PAGES}
#: A markdown link to a page of the app: ](/path?query) or ](path?query)
MARKDOWN_LINK = re.compile(r"\]\((/?[a-z-]*)(\?[^)\s]*)?\)")


def _page_links(at) -> list[PageLink]:  # type: ignore[no-untyped-def]
    out = []
    for el in at.get("page_link"):
        proto = el.proto
        if not proto.external:
            out.append(proto)
    return out


def _internal_markdown(at) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    found = []
    for md in [*at.markdown, *at.caption, *at.info, *at.warning]:
        for path, query in MARKDOWN_LINK.findall(md.value):
            if f"/{path.strip('/')}" in PATHS and not path.startswith("http"):
                found.append((path, query))
    return found


CURRENT = release.store().current.id
#: Each page on the current release and on the oldest release it has besides (2, or the one it
#: appeared with).
CASES = [(p, r) for p in PAGES for r in sorted({CURRENT, str(max(2, p.since_release))})]


@pytest.mark.parametrize(("page", "shown"), CASES, ids=[f"{p.slug}-rel{r}" for p, r in CASES])
def test_every_link_the_page_writes_carries_its_release(page, shown):
    at = open_page(page.script, {"rel": shown})
    assert not at.exception
    links = _page_links(at)
    assert len(links) >= len(PAGES), "the navigation's links are page links"
    for link in links:
        query = parse_qs(link.query_string)
        assert query.get("rel") == [shown], (link.label, link.query_string)
    for path, query in _internal_markdown(at):
        assert parse_qs(urlsplit(query).query or query.lstrip("?")).get("rel") == [shown], (
            path,
            query,
        )
