"""Data releases in the browser: stable file URLs, and an old link that shows its release."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pandas as pd
import pytest
from playwright.sync_api import expect

from aicost.base import release
from aicost.base.data import SCHEMAS
from tests.conftest import RELEASES, ROOT
from tests.contracts.observe import same_figure
from tests.e2e.conftest import assert_healthy, metric_value, page_url

pytestmark = pytest.mark.e2e
STORE = release.Store(RELEASES)


@pytest.mark.parametrize("rid", [r.id for r in STORE.releases])
def test_each_release_file_has_a_stable_url_pandas_can_read(app_server, rid):
    for name in [*SCHEMAS, "changelog"]:
        url = f"{app_server.url}/app/static/{rid}/{name}.csv"
        served = pd.read_csv(url, dtype=str, keep_default_na=False)
        local = pd.read_csv(STORE.folder(rid) / f"{name}.csv", dtype=str, keep_default_na=False)
        pd.testing.assert_frame_equal(served, local)


def test_the_static_route_serves_nothing_outside_the_releases(app_server):
    for path in ("%2e%2e/figures.csv", "%2e%2e/%2e%2e/app.py", "..%2f..%2f.streamlit/config.toml"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            urllib.request.urlopen(f"{app_server.url}/app/static/{path}", timeout=10)
        assert caught.value.code in (400, 403, 404)


def test_an_old_link_shows_its_release_and_leads_to_current_data(app_server, browsing):
    page, watch = browsing.open(page_url(app_server, "gpu-capex", "srv=1.5"))
    expect(metric_value(page, "GPUs alone")).to_have_text("$1.05B")
    expect(page).to_have_url(re.compile(r"[?&]rel=1(&|$)"))
    expect(page.get_by_text("This link shows release 1 (2026-11-28)")).to_be_visible()
    link = page.get_by_role(
        "link", name=f"See this scenario on current data ({STORE.current.label})"
    )
    href = link.get_attribute("href")
    assert href == f"?srv=1.5&rel={STORE.current.id}"
    page.goto(page_url(app_server, "gpu-capex", href[1:]))
    expect(metric_value(page, "GPUs alone")).to_have_text("$1.1B")
    expect(page.get_by_text("This link shows release")).to_have_count(0)
    assert_healthy(page, watch)


CONTRACT = json.loads((ROOT / "tests" / "contracts" / "links.json").read_text())
SAMPLE = [
    e
    for e in CONTRACT
    if e["link"]
    in (
        "/gpu-capex?opex=true&years=6",  # release 1, no rel: the oldest kind of link
        "/training-cost?route=ownership&tc_chart=The+price+per+GPU-hour",
        "/reconcile?rel=1",
        "/gpu-capex?a100_usd=10000&capex_chart=Against+the+training+claim&rel=2",
    )
]


@pytest.mark.parametrize("entry", SAMPLE, ids=lambda e: e["link"])
def test_a_sample_of_recorded_links_shows_its_metrics_in_chromium(app_server, browsing, entry):
    path, _, query = entry["link"].lstrip("/").partition("?")
    page, watch = browsing.open(page_url(app_server, path, query))
    for label, shown in entry["metrics"].items():
        value = metric_value(page, label)
        expect(value).to_be_visible()
        assert same_figure(shown, value.inner_text().strip()), (label, shown)
    expect(page.locator(".js-plotly-plot").first).to_be_visible()
    assert_healthy(page, watch)
