"""The first request a server ever gets is a deep link with parameters (a shared link clicked
after a deploy or a restart): the right page, the linked values, no "Page not found"."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from aicost.base.release import Store
from aicost.site import SITE_TITLE
from tests.conftest import RELEASES
from tests.e2e.conftest import assert_healthy, metric_value, page_url, screenshot, wait_for_app
from tests.e2e.test_links import CALCULATORS

pytestmark = pytest.mark.e2e

#: (calculator, title, query, linked values, the URL the page settles on)
DEEP_LINKS = [
    (CALCULATORS[0], "Training cost", "price=3&route=rental", {"price": 3.0}, "price=3&rel=1"),
    (CALCULATORS[1], "GPU capex", "srv=2&h800_n=20000", {"srv": 2.0, "h800_n": 20000}, None),
]


@pytest.mark.parametrize(
    ("calc", "title", "query", "values", "settled"),
    DEEP_LINKS,
    ids=[c.page for c, *_ in DEEP_LINKS],
)
def test_cold_deep_link_opens_the_linked_scenario(
    fresh_server, browsing, calc, title, query, values, settled
):
    """A link made before data releases: it opens on release 1, and the address says so."""
    tables = Store(RELEASES).tables("1")
    page, watch = browsing.new_page()
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    link = page_url(fresh_server, calc.page, query)
    page.goto(link)
    wait_for_app(page)
    assert requests[0] == link  # the server's first page request is the deep link itself

    expect(page).to_have_title(f"{title} · {SITE_TITLE}")
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text(title)
    expect(metric_value(page, calc.metric)).to_have_text(calc.expected(tables, **values))
    # a default (route=rental) leaves the URL; the rest stays, and the release is pinned
    expect(page).to_have_url(page_url(fresh_server, calc.page, settled or f"{query}&rel=1"))
    screenshot(page, f"cold-deep-link-{calc.page}")
    assert "page not found" not in page.inner_text("body").lower()
    assert page.get_by_role("dialog").count() == 0
    assert page.get_by_test_id("stAlert").filter(has_text="ignored").count() == 0
    assert_healthy(page, watch)
