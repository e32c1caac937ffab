"""A link outside the app, in a real Chromium: the offline copy opens with the network off and
shows the page's numbers; a deep link asks its server at the right address at once (the head
says where Streamlit's server is), so it never waits on a 404 first."""

from __future__ import annotations

import re
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_healthy, metric_value, page_url

pytestmark = pytest.mark.e2e

OFFLINE = "/offline/training-cost.html?price=3.5&rel=3"


def test_the_offline_copy_opens_with_no_network_and_shows_the_numbers(
    app_server, browsing, tmp_path: Path
):
    with urllib.request.urlopen(app_server.url + OFFLINE, timeout=60) as response:
        assert response.headers["Content-Disposition"].startswith("attachment")
        copy = tmp_path / "copy.html"
        copy.write_bytes(response.read())
    page, watch = browsing.new_page(offline=True)
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(copy.as_uri())
    expect(page.get_by_role("heading", name="Training cost", exact=True)).to_be_visible()
    figure = page.locator("ul.figures li").filter(has_text="Training cost")
    expect(figure.locator(".value")).to_have_text("$9.76M")
    expect(page.locator(".finding")).to_have_text(
        "At $3.50 per GPU-hour, V3's final training run costs $9.76M, 1.75 times DeepSeek's "
        "$5.576M."
    )
    # its charts are drawn by the plotly.js inside the file
    expect(page.locator(".js-plotly-plot .main-svg").first).to_be_visible()
    assert page.locator(".js-plotly-plot").count() >= 2
    expect(
        page.get_by_text(re.compile(r"^What did DeepSeek really cost\? \(2026\)\."))
    ).to_be_visible()
    assert [u for u in asked if not u.startswith("file:")] == [], "it needs nothing online"
    assert not watch.errors, watch.errors


def test_a_deep_link_asks_its_server_at_the_right_address_at_once(app_server, browsing):
    page, watch = browsing.new_page()
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(page_url(app_server, "training-cost", "price=3.5"))
    expect(metric_value(page, "Training cost")).to_have_text("$9.76M")
    probes = [u for u in asked if re.search(r"/training-cost/_stcore/", u)]
    assert probes == [], f"the frontend probed the page's path first: {probes}"
    assert any(u.endswith("/_stcore/health") for u in asked)
    assert_healthy(page, watch)
