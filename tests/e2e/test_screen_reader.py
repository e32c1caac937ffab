"""What a screen reader meets (#28.8), read from Chromium's accessibility tree (Playwright's
aria snapshot): a result change is announced by a live region, pages have real section
headings, a slider's name is said once, a metric is one named group, and a keyboard's focus
on a sidebar link is not the current page's grey marker.

axe-core's checks of every page in both themes are tests/e2e/test_accessibility.py.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from aicost.base.release import Store
from aicost.report.page import result
from aicost.site import BY_PATH, PAGES
from aicost.ui.assist import LIVE_REGION
from tests.conftest import RELEASES
from tests.e2e.conftest import CURRENT, PATHS, assert_healthy, page_url, shot_name, wait_for_app

pytestmark = pytest.mark.e2e

STORE = Store(RELEASES)

#: The section titles each page draws as headings (besides its title), that were bold
#: paragraphs before.
SECTIONS = {
    "training-cost": ("Start from a view people argue from", "What this scenario changes"),
    "reconcile": ("Assumptions, step by step", "What this scenario changes"),
    "gpu-capex": ("What this scenario changes",),
    "rules-cost": ("What this scenario changes",),
    "compare": ("Recomputed on one assumption",),
    "data": (f"Download the data files of {STORE.current.label}", "Every change, cell by cell"),
}

#: Each paragraph that is nothing but bold text, in the main part of the page.
BOLD_ONLY_JS = """() => [...document.querySelectorAll('[data-testid="stMain"] p')]
  .filter((p) => p.children.length === 1 && p.firstElementChild.tagName === 'STRONG'
                 && p.textContent.trim() === p.firstElementChild.textContent.trim())
  .map((p) => p.textContent.trim())"""


def test_a_result_change_is_announced_by_a_live_region(app_server, browsing):
    page, watch = browsing.open(page_url(app_server, "training-cost", f"rel={CURRENT}"))
    region = page.locator(f"#{LIVE_REGION}")
    expect(region).to_have_attribute("aria-live", "polite")
    expect(region).to_have_attribute("role", "status")
    expect(region).to_have_text("")  # the first sentence is read with the page
    region.evaluate("r => { r.dataset.first = 'yes'; }")  # the same region all along
    page.get_by_role("button", name="$3.50", exact=True).click()
    wait_for_app(page)
    heard = "At $3.50 per GPU-hour, V3's final training run costs $9.76M"
    expect(region).to_contain_text(heard)
    assert region.get_attribute("data-first") == "yes", "a new region is not announced"
    tree = page.locator("body").aria_snapshot()
    assert re.search(rf"- status: {re.escape(heard)}", tree), tree
    # a new page is not announced as a change: its own sentence is read with it
    page.get_by_test_id("stSidebar").get_by_role("link", name="GPU capex").click()
    expect(page.get_by_test_id("stMain").locator("h1")).to_have_text("GPU capex")
    wait_for_app(page)
    expect(region).to_have_text("")
    assert_healthy(page, watch)


@pytest.mark.parametrize("path", PATHS, ids=[shot_name(p) for p in PATHS])
def test_sections_are_headings_not_bold_paragraphs(app_server, browsing, path):
    page, watch = browsing.open(page_url(app_server, path, f"rel={CURRENT}"))
    main = page.get_by_test_id("stMain")
    tree = main.aria_snapshot()
    levels = [int(n) for n in re.findall(r"- heading .*\[level=(\d)\]", tree)]
    assert levels[:1] == [1] and len(levels) >= 2, f"/{path} has no section heading: {tree}"
    for title in SECTIONS.get(path, ()):
        expect(main.get_by_role("heading", name=title, exact=True)).to_be_visible()
    # a bold paragraph left is the page's finding (emphasis, not a section's title)
    finding = result(BY_PATH[path], STORE.tables(CURRENT), STORE.current).finding
    bold = [t for t in page.evaluate(BOLD_ONLY_JS) if t != finding]
    assert not bold, f"/{path}: bold paragraphs where a heading belongs: {bold}"
    assert_healthy(page, watch)


def test_a_slider_is_named_once_and_a_metric_is_one_group(app_server, browsing):
    page, watch = browsing.open(page_url(app_server, "training-cost", f"rel={CURRENT}"))
    tree = page.get_by_test_id("stMain").aria_snapshot()
    label = "Price per GPU-hour (USD)"
    assert f'- slider "{label}": "2"' in tree, tree
    assert tree.count(label) == 2, "the slider's name, and its help button's"  # "Help for ..."
    assert f'button "Help for {label}"' in tree
    # a metric: its label and value name one group, its help button inside
    assert '- group "Training cost $5.58M":' in tree, tree
    group = page.get_by_role("group", name="Training cost $5.58M")
    expect(group.get_by_role("button", name="Help for Training cost")).to_be_attached()
    assert not re.search(r"- paragraph: \$5\.58M", tree), "the value as a loose paragraph"
    assert not re.search(r"- paragraph: Training cost$", tree, re.M), "the label, loose"
    assert_healthy(page, watch)


def test_the_sidebar_focus_ring_is_not_the_current_page_marker(app_server, browsing):
    page, watch = browsing.open(page_url(app_server, "training-cost", f"rel={CURRENT}"))
    sidebar = page.get_by_test_id("stSidebar")
    current = sidebar.get_by_role("link", name="Training cost")
    other = sidebar.get_by_role("link", name="Overview")
    for _ in range(len(PAGES) + 2):  # from the skip link into the sidebar, by keyboard
        page.keyboard.press("Tab")
        if other.evaluate("a => a === document.activeElement"):
            break
    assert other.evaluate("a => a === document.activeElement"), "the sidebar is not reachable"
    style = "a => { const s = getComputedStyle(a); return [s.outlineStyle, s.outlineWidth,"
    style += " s.outlineColor, s.color, s.backgroundColor]; }"
    ring, width, colour, text, _background = other.evaluate(style)
    assert ring == "solid" and float(width.rstrip("px")) >= 2, (ring, width)
    assert colour == text, "the ring is drawn in the text's colour (4.5:1 on the sidebar)"
    marker = current.evaluate(style)
    assert marker[0] == "none", f"the current page's link has no ring: {marker}"
    assert_healthy(page, watch)
