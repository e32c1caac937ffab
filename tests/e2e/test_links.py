"""Shared links in a real browser: the keyboard moves a slider, the metric and the URL follow,
and the URL reopens the same scenario; hostile links are ignored visibly and run nothing."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from aicost.base import fmt
from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.pages.gpu_capex import scenario as capex
from aicost.pages.training_cost import scenario as training
from tests.conftest import RELEASES
from tests.e2e.conftest import assert_healthy, metric_value, page_url, screenshot, wait_for_app

pytestmark = pytest.mark.e2e
RELEASE_1 = Store(RELEASES).tables("1")
CURRENT = Store(RELEASES).current


@dataclass(frozen=True)
class Calculator:
    page: str
    slider: str  # the assumption (URL parameter and widget key) moved with the keyboard
    presses: int
    metric: str  # the st.metric label whose value the model predicts

    def expected(self, tables, **values) -> str:
        """The metric's text for the page's defaults with ``values`` changed, from aicost alone."""
        if self.page == "training-cost":
            return fmt.usd(training.training(training.inputs(tables, values), tables).cost)
        return fmt.usd(capex.fleet(capex.inputs(tables, values), tables).capex_total)


CALCULATORS = (
    Calculator("training-cost", "price", 2, "Training cost"),
    Calculator("gpu-capex", "srv", 3, "With servers"),
)


def slider_thumb(page: Page, key: str):
    return page.locator(f".st-key-{key}").get_by_role("slider")


@pytest.mark.parametrize("calc", CALCULATORS, ids=[c.page for c in CALCULATORS])
def test_keyboard_moves_slider_metric_and_url_then_link_reopens_it(
    app_server, browsing, tables, calc
):
    a = asm.resolve(tables)[calc.slider]
    moved = round(float(a.default) + calc.presses * a.step, 6)
    before, after = calc.expected(tables), calc.expected(tables, **{calc.slider: moved})
    assert before != after, "the move must change the metric, or this test proves nothing"

    page, watch = browsing.open(page_url(app_server, calc.page))
    metric = metric_value(page, calc.metric)
    expect(metric).to_have_text(before)
    thumb = slider_thumb(page, calc.slider)
    thumb.focus()
    for _ in range(calc.presses):
        page.keyboard.press("ArrowRight")
    expect(thumb).to_have_value(f"{moved:g}")
    expect(thumb).to_have_attribute("aria-valuetext", a.fmt % moved)
    expect(metric).to_have_text(after)
    param = re.compile(rf"[?&]{calc.slider}={re.escape(f'{moved:g}')}(&|$)")
    expect(page).to_have_url(param)
    wait_for_app(page)
    assert_healthy(page, watch)
    link = page.url

    # The link, opened by someone else: a fresh context with no session and no history.
    other, other_watch = browsing.open(link)
    expect(slider_thumb(other, calc.slider)).to_have_value(f"{moved:g}")
    expect(slider_thumb(other, calc.slider)).to_have_attribute("aria-valuetext", a.fmt % moved)
    expect(metric_value(other, calc.metric)).to_have_text(after)
    expect(other).to_have_url(param)
    screenshot(other, f"shared-link-{calc.page}")
    assert_healthy(other, other_watch)


def test_the_open_tab_travels_with_the_link(app_server, browsing, tables):
    """A tab opened after a slider move is in the address bar and the share link, and both
    reopen that tab, its chart drawn, with the moved value."""
    page, watch = browsing.open(page_url(app_server, "training-cost", "price=3"))
    tab = page.get_by_role("tab", name="The price per GPU-hour")
    tab.click()
    expect(tab).to_have_attribute("aria-selected", "true")
    # a link made before data releases opens on release 1, and the address bar pins it
    expect(page).to_have_url(re.compile(r"\?price=3&rel=1&tc_chart=The\+price\+per\+GPU-hour$"))
    wait_for_app(page)
    chart = page.get_by_test_id("stPlotlyChart").filter(has_text="cost at other prices")
    expect(chart.locator(".main-svg .trace").first).to_be_attached()
    page.get_by_role("button", name="Share this scenario").click()
    share = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first.inner_text().strip()
    query = "price=3&tc_chart=The+price+per+GPU-hour&rel=1"
    assert share == page_url(app_server, "training-cost", query)
    assert_healthy(page, watch)

    other, other_watch = browsing.open(share)
    expect(other.get_by_role("tab", name="The price per GPU-hour")).to_have_attribute(
        "aria-selected", "true"
    )
    chart = other.get_by_test_id("stPlotlyChart").filter(has_text="cost at other prices")
    expect(chart.locator(".main-svg .trace").first).to_be_attached()
    expect(metric_value(other, "Training cost")).to_have_text(
        CALCULATORS[0].expected(tables, price=3.0)
    )
    alerts = other.get_by_test_id("stAlert")
    expect(alerts.filter(has_text="ignored")).to_have_count(0)
    expect(alerts.filter(has_text="This link shows release 1")).to_have_count(1)
    assert_healthy(other, other_watch)


# ---- hostile links -------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SVG = "<svg onload=window.__pwned=1>"

#: (page, raw query pairs, the parameters the "ignored" note must name). Markup only: that a
#: bad value is ignored, named and replaced by its default is AppTest's to check, for every
#: kind of bad value (tests/properties/test_fuzz_links.py); what only a browser shows is that
#: none of it becomes an element, a handler or a script.
HOSTILE = [
    ("training-cost", [("price", SCRIPT), ("route", IMG)], ["price", "route"]),
    # markup in a parameter's name, and in a tab's name
    (
        "training-cost",
        [("<img src=x onerror=window.__pwned=1>", "1"), ("tc_chart", SVG)],
        ["img srcx", "tc_chart"],
    ),
    (
        "gpu-capex",
        [("srv", SCRIPT), ("net", "NaN"), ("opex", SVG), ("gpus", "1")],
        ["srv", "net", "opex", "gpus"],
    ),
]


def _query(pairs: list[tuple[str, str]]) -> str:
    # Percent-encoded as a browser sends them; quote(safe="") keeps the payloads intact.
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)


INJECTED = """() => ({
  img: document.querySelectorAll('img[src="x"]').length,
  handlers: document.querySelectorAll('[onerror], [onload]').length,
  svg: document.querySelectorAll('[data-testid="stMain"] svg[onload]').length,
  scripts: [...document.scripts].filter(s => s.textContent.includes('alert(1)')).length,
  pwned: window.__pwned === undefined ? 0 : 1,
})"""


@pytest.mark.parametrize(
    ("path", "pairs", "named"), HOSTILE, ids=[f"{p}-{i}" for i, (p, _, _) in enumerate(HOSTILE)]
)
def test_hostile_link_is_ignored_visibly_and_runs_nothing(app_server, browsing, path, pairs, named):
    # every page value in the link is ignored, so it set nothing: no old scenario, current data
    tables = Store(RELEASES).tables(CURRENT.id)
    calc = next(c for c in CALCULATORS if c.page == path)
    page, watch = browsing.open(page_url(app_server, path, _query(pairs)))

    note = page.get_by_test_id("stAlert").filter(has_text="Some values in this link were ignored")
    expect(note).to_have_count(1)
    text = note.inner_text()
    for name in named:
        assert f"{name}" in text, f"the note does not name {name!r}:\n{text}"
    assert "<" not in text and "alert(1)" not in text, text

    # Every hostile value fell back to its sourced default: the headline is the default one.
    expect(metric_value(page, calc.metric)).to_have_text(calc.expected(tables))
    # The link offered for sharing carries none of it.
    page.get_by_role("button", name="Share this scenario").click()
    share = page.get_by_test_id("stPopoverBody").get_by_test_id("stCode").first.inner_text().strip()
    assert share == page_url(app_server, path, f"rel={CURRENT.id}"), share

    assert page.evaluate(INJECTED) == {"img": 0, "handlers": 0, "svg": 0, "scripts": 0, "pwned": 0}
    assert_healthy(page, watch)  # includes: no dialog opened
    if pairs[0][1] == SCRIPT:
        screenshot(page, f"hostile-link-{path}")
    # Reset (a rerun of the calculator fragment only) takes the note away with the values.
    page.keyboard.press("Escape")  # close the share popover
    page.get_by_role("button", name="Reset to sourced defaults").click()
    expect(note).to_have_count(0)
    expect(metric_value(page, calc.metric)).to_have_text(calc.expected(tables))


# ---- scenario downloads ----------------------------------------------------------------------


def test_scenario_downloads_carry_the_scenario_on_screen(app_server, browsing):
    tables = RELEASE_1  # page parameters and no rel: a link made before releases
    """The CSV and JSON files are made on click, from the values the visitor sees."""
    page, watch = browsing.open(page_url(app_server, "training-cost", "price=3.4&r1=true"))
    expected = CALCULATORS[0].expected(tables, price=3.4, r1=True)
    expect(metric_value(page, "Training cost")).to_have_text(expected)
    with page.expect_download() as info:
        page.get_by_role("button", name="Scenario as JSON").click()
    scenario = json.loads(Path(info.value.path()).read_text())
    assert info.value.suggested_filename == "deepseek-cost-training-cost-scenario.json"
    # the page's result as the JSON API answers it (aicost.report.page.PageResult.as_json),
    # with the keys the download had before the API (assumptions, results, data_release)
    values = {v["name"]: v["value"] for v in scenario["values"]}
    assert values["price"] == 3.4 and values["r1"] is True
    assert scenario["assumptions"]["price"] == 3.4 and scenario["assumptions"]["r1"] is True
    assert fmt.usd(scenario["results"]["total_cost_usd"]) == expected
    assert scenario["link"].endswith("/training-cost?price=3.4&r1=true&rel=1")
    assert scenario["data_release"]["id"] == "1"
    with page.expect_download() as info:
        page.get_by_role("button", name="Scenario as CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text())))
    by_name = {r["name"]: r["value"] for r in rows}
    assert by_name["price"] == "3.4" and by_name["route"] == "rental" and by_name["rel"] == "1"
    assert fmt.usd(float(by_name["total_cost_usd"])) == expected
    # the citation of the exact scenario travels with both files
    cited = scenario["citation"]
    assert cited["link"] == scenario["link"] and cited["release"] == "1"
    assert cited["apa"].endswith(f"from {scenario['link']}") and expected in scenario["finding"]
    assert "data release 1" in cited["apa"] and scenario["link"] in cited["bibtex"]
    assert by_name["apa"] == cited["apa"] and by_name["bibtex"] == cited["bibtex"]
    assert any(r["kind"] == "source" and r["value"].startswith("https://") for r in rows)
    assert_healthy(page, watch)
