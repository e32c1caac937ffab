"""Write docs/screenshot.png for the README: the overview at 1280 x 900, its one-scale chart at first sight.

Run from the repository root: ``.venv/bin/python -m tests.e2e.readme_screenshot``.
It starts its own server (logs in artifacts/e2e/logs) and stops it afterwards.
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from devtools.server import CHROMIUM, CHROMIUM_ARGS, start_app
from tests.e2e.conftest import LOGS, ROOT, page_url, wait_for_app

OUT = ROOT / "docs" / "screenshot.png"


def main(out: Path = OUT) -> Path:
    out.parent.mkdir(parents=True, exist_ok=True)
    server = start_app(LOGS)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(
                viewport={"width": 1280, "height": 900}, color_scheme="light"
            )
            page = context.new_page()
            page.goto(page_url(server, ""))
            wait_for_app(page)
            for chart in page.get_by_test_id("stPlotlyChart").all():
                chart.locator(".main-svg").first.wait_for()
            page.get_by_test_id("stMain").evaluate("m => m.scrollTo(0, 0)")
            page.mouse.move(900, 60)  # over empty header: no hover state in the picture
            page.screenshot(path=str(out))
            context.close()
            browser.close()
    finally:
        server.stop()
    return out


if __name__ == "__main__":
    print(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
