"""A scenario inside another site: a host page embeds a link in an iframe with Streamlit's
``?embed=true``, and the scenario is applied, its chart drawn, no sidebar, no console error.
And the share box's copy buttons copy, without hovering."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from aicost.base import fmt
from aicost.pages.training_cost import finding as training_finding
from aicost.pages.training_cost import scenario as training
from aicost.report import cite
from devtools.server import free_port
from tests.e2e.conftest import APP_IDLE, TIMEOUT_MS, assert_healthy, page_url, screenshot

pytestmark = pytest.mark.e2e


@contextmanager
def host_site(body: str) -> Iterator[str]:
    """Another origin than the app's: a real HTTP server on its own loopback port serving one
    article page. (A page the browser answers itself has no network address, and Chromium's
    local-network checks then refuse to frame a loopback app from it.)"""

    class Article(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            data = body.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Article)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/article.html"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _host_page(src: str) -> str:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>An article</title></head>"
        "<body><h1>An article that embeds a scenario</h1><p>Some text above.</p>"
        f"{cite.embed_snippet(src, 'training-cost', 'Training cost')}"
        "<p>Some text below.</p></body></html>"
    )


def test_a_scenario_link_works_inside_an_iframe_on_another_site(app_server, browsing, tables):
    link = page_url(app_server, "training-cost", "price=3.4&r1=true&rel=2")
    page, watch = browsing.new_page()
    with host_site(_host_page(link)) as host:
        page.goto(host)
        _check_embedded(page, watch, tables)


def _check_embedded(page, watch, tables) -> None:
    frame = page.frame_locator("iframe")
    frame.locator(APP_IDLE).wait_for(timeout=TIMEOUT_MS)
    result = training.training(training.inputs(tables, {"price": 3.4, "r1": True}), tables)
    label = frame.get_by_test_id("stMetricLabel").get_by_text("Training cost", exact=True)
    value = frame.get_by_test_id("stMetric").filter(has=label).get_by_test_id("stMetricValue")
    expect(value).to_have_text(fmt.usd(result.cost))
    expect(frame.get_by_text(training_finding.training(result, tables))).to_be_visible()
    chart = frame.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".main-svg").first).to_be_visible()
    # the title names the model and the result (wrapped on narrow charts)
    expect(chart.locator(".gtitle")).to_contain_text(fmt.usd(result.cost))
    assert training_finding.training_title(result).startswith("DeepSeek-V3 final run")
    expect(chart.get_by_text("r1=true&rel=2", exact=False)).to_have_count(1)
    assert frame.get_by_test_id("stSidebar").count() == 0, "no sidebar in an embed"
    expect(frame.get_by_test_id("stToolbar")).to_have_count(0)
    screenshot(page, "embed-training-cost")
    assert_healthy(page, watch)


def test_the_copy_buttons_copy_the_link_and_the_citation(app_server, browsing):
    page, watch = browsing.new_page(permissions=["clipboard-read", "clipboard-write"])
    page.goto(page_url(app_server, "gpu-capex", "srv=2&rel=2"))
    page.locator(APP_IDLE).wait_for(timeout=TIMEOUT_MS)
    page.get_by_role("button", name="Share this scenario").click()
    copy = page.get_by_role("button", name="Copy link")
    expect(copy).to_be_visible()  # without hovering anything
    copy.click()
    expect(copy).to_have_text("Copied")
    link = page.evaluate("navigator.clipboard.readText()")
    assert link.endswith("/gpu-capex?srv=2&rel=2"), link
    page.get_by_role("button", name="Copy BibTeX").click()
    bib = page.evaluate("navigator.clipboard.readText()")
    assert bib.startswith("@misc{whatdeepseekcost_gpu_capex_rel2_") and link in bib
    assert_healthy(page, watch)
