"""The link fuzz's worst cases in a real Chromium: every parameter of every page (found as
tests/properties/linkfuzz.py finds them) gets a markdown link, an image, HTML, NaN or an
overflowing number at once, beside an unknown parameter with a hostile name. The page opens,
says what it ignored, fetches nothing from the link and runs none of it."""

from __future__ import annotations

from urllib.parse import quote, urlsplit

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_healthy, page_url, screenshot, wait_for_app
from tests.properties import linkfuzz as lf

pytestmark = pytest.mark.e2e

WORST = (
    "[x](javascript:window.__pwned=1)",
    "![](http://example.invalid/x.png)",
    "<img src=x onerror=window.__pwned=1>",
    "nan",
    "1e309",
    "",
    "<" * 2000,
)
UNKNOWN = "[y](http://example.invalid/)"

INJECTED = """() => ({
  images: [...document.images].filter(i => /example\\.invalid|^x$/.test(i.getAttribute('src') || '')).length,
  links: document.querySelectorAll('a[href^="javascript"], a[href*="example.invalid"]').length,
  handlers: document.querySelectorAll('[onerror], [onload]').length,
  pwned: window.__pwned === undefined ? 0 : 1,
})"""


def _query(link: dict[str, list[str]]) -> str:
    return "&".join(
        f"{quote(k, safe='')}={quote(v, safe='')}" for k, vs in link.items() for v in vs
    )


@pytest.mark.parametrize(("script", "path"), lf.PAGES, ids=[p or "overview" for _s, p in lf.PAGES])
def test_worst_link_on_every_page(app_server, browsing, script, path):
    names = lf.params(script, path)
    link = {name: [WORST[i % len(WORST)]] for i, name in enumerate(names)}
    link[UNKNOWN] = ["1"]
    requested: list[str] = []
    page, watch = browsing.new_page()
    page.on("request", lambda r: requested.append(r.url))
    page.goto(page_url(app_server, path, _query(link)))
    wait_for_app(page)
    # the link notes, and the data release's own note when `rel` was unusable
    notes = page.get_by_test_id("stAlert").filter(has_text="Some values in this link were ignored")
    expect(notes.first).to_be_visible()
    text = "\n".join(notes.all_inner_texts())
    assert "yhttpexample.invalid" in text, text  # the unknown parameter, named harmlessly
    # none of WORST is a release id, so a site parameter (rel) is always named too
    expected = [*lf.expected_notes(path, link), *(n for n in lf.SITE_PARAMS if n in link)]
    assert len(expected) >= len(names) - 1  # all but /data's search, which takes any text
    for name in expected:
        assert f"{name}:" in text, (name, text)
    assert page.evaluate(INJECTED) == {"images": 0, "links": 0, "handlers": 0, "pwned": 0}
    assert not [u for u in requested if urlsplit(u).hostname == "example.invalid"], requested
    assert_healthy(page, watch)
    if path in ("training-cost", "data"):
        screenshot(page, f"worst-link-{path or 'overview'}")


def test_data_page_with_an_empty_file_parameter(app_server, browsing):
    """Regression: `/data?file=` showed an exception box."""
    page, watch = browsing.open(page_url(app_server, "data", "file="))
    expect(page.get_by_text("empty; showing the data file 'figures'")).to_be_visible()
    expect(page.get_by_text("rows of figures.csv")).to_be_visible()
    assert_healthy(page, watch)
    screenshot(page, "data-empty-file")
