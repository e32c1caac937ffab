"""Fixtures for the browser tests: a running app, fresh contexts and what a page logged
(the one Chromium, ``browser``, is in tests/conftest.py: the nginx test shares it).

Modelled on Streamlit's own ``e2e_playwright`` suite: the server is polled on
``/_stcore/health`` and pages on ``stApp``'s ``data-test-script-state``, never slept for.
Screenshots and server logs go to ``artifacts/e2e/`` (git-ignored).
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from aicost.base.release import Store
from aicost.site import PAGES
from devtools.server import AppServer, start_app
from tests.conftest import RELEASES

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts" / "e2e"
LOGS = ARTIFACTS / "logs"

#: Every page's URL path, from the app's own site map ("" is the overview at "/").
PATHS: tuple[str, ...] = tuple(p.path for p in PAGES)
#: The current release's id: a bare page opens on it, and the address bar says so.
CURRENT = Store(RELEASES).current.id

DESKTOP = {"viewport": {"width": 1280, "height": 900}}
TIMEOUT_MS = 30_000
# expect() has its own 5 s default; a shared 2-core CI machine can take longer to rerun a page.
expect.set_options(timeout=15_000)

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def page_url(server: AppServer, path: str, query: str = "") -> str:
    return f"{server.url}/{path}" + (f"?{query}" if query else "")


def shot_name(path: str) -> str:
    return path or "overview"


# ---- what a page logged --------------------------------------------------------------------

#: Streamlit's frontend finds the server's base path by probing ``<page path>/_stcore/health``
#: and ``.../host-config`` before the root ones; on a page URL such as /training-cost the first
#: probe answers 404. That is the framework's own discovery, not a fault of the app.
_BASE_PATH_PROBE = re.compile(r"^/[^/]+(?:/[^/]+)*/_stcore/(?:health|host-config)$")


def _allowed(text: str, url: str) -> bool:
    if "404" in text and url and _BASE_PATH_PROBE.match(urlsplit(url).path):
        return True
    return False


@dataclass
class Watch:
    """Console errors, uncaught page errors and dialogs seen by one page."""

    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        def on_console(msg) -> None:
            if msg.type == "error":
                url = (msg.location or {}).get("url", "")
                if not _allowed(msg.text, url):
                    self.errors.append(f"console: {msg.text} ({url})")

        def on_dialog(dialog) -> None:
            self.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("console", on_console)
        page.on("pageerror", lambda exc: self.errors.append(f"pageerror: {exc}"))
        page.on("dialog", on_dialog)


# ---- waiting for the app -------------------------------------------------------------------


def wait_for_app(page: Page, timeout: float = TIMEOUT_MS) -> None:
    """Wait until the app is connected and its script has run to the end.

    The run state is "initial" until the first run starts; the page title (every page draws
    one through ``ui.page``) shows that a run has begun, and notRunning then means it ended.
    Lazily loaded elements (plotly charts, dataframes) show a stSkeleton placeholder until
    their code has arrived, which can be a second after the run; those are waited out too.
    A session's first page holds its charts' places until its numbers are painted, and the
    charts' own fragment runs draw them (``aicost.ui.chart``): those runs are waited for.
    """
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=timeout)
    app = page.locator('[data-testid="stApp"]')
    if app.get_attribute("data-test-connection-state", timeout=timeout) is not None:
        page.wait_for_selector(
            '[data-testid="stApp"][data-test-connection-state="CONNECTED"]', timeout=timeout
        )
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[class*=\"st-key-aicost-held-\"]')", timeout=timeout
    )
    page.wait_for_selector(APP_IDLE, timeout=timeout)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=timeout
    )


def screenshot(page: Page, name: str) -> Path:
    """The whole page as a PNG in artifacts/e2e/.

    Streamlit scrolls inside ``stMain``, not the document, so a "full page" screenshot would
    stop at the viewport; the viewport is stretched to the content for the shot instead.
    """
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    viewport = page.viewport_size
    height = page.evaluate(
        "() => { const m = document.querySelector('[data-testid=\"stMain\"]');"
        " return m ? m.scrollHeight : document.documentElement.scrollHeight; }"
    )
    if viewport and height > viewport["height"]:
        page.set_viewport_size({"width": viewport["width"], "height": min(int(height), 8000)})
        page.evaluate(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        page.screenshot(path=str(path))
        page.set_viewport_size(viewport)
    else:
        page.screenshot(path=str(path))
    return path


# ---- fixtures ------------------------------------------------------------------------------


def _assert_clean_log(server: AppServer) -> None:
    log = server.log()
    assert "Traceback" not in log, f"server log has a traceback:\n{log[-4000:]}"


@pytest.fixture(scope="package")
def app_server() -> Iterator[AppServer]:
    """One ``streamlit run app.py`` shared by the browser tests (each test has its own session)."""
    if LOGS.exists():
        shutil.rmtree(LOGS)
    server = start_app(LOGS)
    yield server
    server.stop()


@pytest.fixture(autouse=True)
def _no_server_traceback(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail the test during which the shared server logged a traceback (a page crashed)."""
    if "app_server" not in request.fixturenames:
        yield
        return
    server: AppServer = request.getfixturevalue("app_server")
    start = len(server.log())
    yield
    new = server.log()[start:]
    assert "Traceback" not in new, f"the server logged a traceback during this test:\n{new[-4000:]}"


@pytest.fixture
def fresh_server() -> Iterator[AppServer]:
    """A server that has served nothing yet: its first page request is the test's."""
    server = start_app(LOGS)
    yield server
    server.stop()
    _assert_clean_log(server)


class Browsing:
    """Opens pages in fresh browser contexts and closes them all at the end of a test."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: list[BrowserContext] = []

    def new_page(self, **context_options: object) -> tuple[Page, Watch]:
        options = {**DESKTOP, **context_options}
        context = self.browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        self.contexts.append(context)
        page = context.new_page()
        watch = Watch()
        watch.attach(page)
        return page, watch

    def open(self, url: str, **context_options: object) -> tuple[Page, Watch]:
        """Open ``url`` in a new context and wait for the app's first run to finish."""
        page, watch = self.new_page(**context_options)
        page.goto(url)
        wait_for_app(page)
        return page, watch

    def close(self) -> None:
        for context in self.contexts:
            context.close()


@pytest.fixture
def browsing(browser: Browser) -> Iterator[Browsing]:
    b = Browsing(browser)
    yield b
    b.close()


# ---- checks shared by the modules ----------------------------------------------------------


def metric_value(page: Page, label: str):
    """The value element of the st.metric whose label is exactly ``label``."""
    label_el = page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stMetric").filter(has=label_el).get_by_test_id("stMetricValue")


def assert_healthy(page: Page, watch: Watch) -> None:
    """No exception box, no error alert, no console error, no dialog."""
    assert page.get_by_test_id("stException").count() == 0, page.get_by_test_id(
        "stException"
    ).first.inner_text()
    errors = page.get_by_test_id("stAlertContentError")
    assert errors.count() == 0, errors.first.inner_text()
    assert not watch.errors, watch.errors
    assert not watch.dialogs, watch.dialogs
