"""The change panel's arithmetic, the finding sentences and the citation, on the real data.

The effect lines of a scenario (each change alone from the defaults, plus what the changes do
together) must add up exactly to its difference from the sourced defaults; the sentence a page
states must carry the numbers its metrics show; a citation names the link and the release.
"""

from __future__ import annotations

import json
import math
import re

import pytest

from aicost.base import fmt, gpus, text
from aicost.base.data import load_all
from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.pages.overview import finding as overview_finding
from aicost.pages.reconcile import finding as chain_finding
from aicost.pages.reconcile import scenario as reconcile
from aicost.pages.training_cost import finding as training_finding
from aicost.pages.training_cost import scenario as training
from aicost.report import explain
from aicost.report.page import result as page_result
from aicost.site import BY_PATH, PAGES
from tests.apptest import metric, open_page
from tests.conftest import ROOT

TABLES = load_all(ROOT / "data" / "releases" / "2")

SCENARIOS = {
    "training-cost": [
        {"price": 3.4},
        {"price": 3.4, "r1": True, "gpus": 4096},
        {"route": "compute", "mfu": 40.0, "gpu": "H100", "precision": "BF16", "price": 2.0},
        {"route": "ownership", "own_price": 30_000, "own_life": 5.0, "kwh": 0.12, "pre": 3000},
        {"pre": 1000, "ctx": 50, "post": 20, "price": 1.0},
    ],
    "gpu-capex": [
        {"srv": 2.0},
        {"srv": 2.0, "h800_n": 20_000, "opex": True, "years": 6.0},
        {"a100_n": 0, "h20_usd": 15_000, "net": 10.0, "h100_n": 2_000},
    ],
    "reconcile": [
        {"rec_price": 3.0},
        {"rec_price": 3.0, "rec_r1_gpus": 648, "rec_capex": 1300},
        {"rec_own_price": 60_000, "rec_ooms": 0.3, "rec_mult": 4.0, "rec_gpus": 10_000},
    ],
}
CASES = [(page, values) for page, many in SCENARIOS.items() for values in many]


@pytest.mark.parametrize(("page", "values"), CASES)
def test_the_effect_lines_add_up_exactly_to_the_difference(page, values):
    figures = BY_PATH[page].changes
    b = explain.breakdown(page, figures, values, TABLES)
    defaults = asm.defaults(page, TABLES)
    now = figures({**defaults, **values}, TABLES)
    base = figures(defaults, TABLES)
    assert b.lines, "every scenario here changes something"
    assert {line.name for line in b.lines} == {
        n for n, v in values.items() if explain.differs(asm.resolve(TABLES)[n], v)
    }
    for k in base:
        lines = sum(line.effects[k] for line in b.lines) + b.together[k]
        assert math.isclose(lines, now[k] - base[k], rel_tol=1e-12, abs_tol=1e-6), k
    # each line is that change alone from the defaults
    for line in b.lines:
        alone = figures({**defaults, line.name: line.value}, TABLES)
        assert all(line.effects[k] == alone[k] - base[k] for k in base)
    sizes = [line.size for line in b.lines]
    assert sizes == sorted(sizes, reverse=True), "largest effect first"


def test_a_scenario_at_the_defaults_has_no_lines_and_no_difference():
    b = explain.breakdown(
        "training-cost",
        BY_PATH["training-cost"].changes,
        asm.defaults("training-cost", TABLES),
        TABLES,
    )
    assert b.lines == () and b.total == {"Training cost": 0.0} and b.together == b.total


def test_separate_changes_that_do_not_interact_leave_nothing_together():
    b = explain.breakdown(
        "reconcile", BY_PATH["reconcile"].changes, {"rec_capex": 1300, "rec_opex": 500}, TABLES
    )
    assert b.together["Server capex"] == 0 and b.together["+ operations"] == 0
    assert b.total["Server capex"] == pytest.approx(-300e6)


def _amounts(text: str) -> list[str]:
    return re.findall(r"[+−]?\$[\d.,]+[KMBT]?", text.replace("\\", ""))


def test_the_panel_shows_the_lines_and_a_together_line_that_match_the_total():
    at = open_page("pages/1_training-cost.py", {"price": "3.4", "r1": "true", "rel": "2"})
    assert not at.exception
    shown = [m.value.replace("\\", "") for m in at.markdown]
    price = next(t for t in shown if t.startswith("Price per GPU-hour (USD): $2.00 → **$3.40**"))
    r1 = next(t for t in shown if t.startswith("Add R1's RL stage: off → **on**"))
    together = next(t for t in shown if t.startswith("Together, beyond"))
    total = next(t for t in shown if t.startswith("**In all:**"))
    b = explain.breakdown(
        "training-cost",
        BY_PATH["training-cost"].changes,
        {"route": "rental", "price": 3.4, "r1": True},
        TABLES,
    )
    assert "Training cost +$3.9M" in price and "Training cost +$295K" in r1
    assert _amounts(together) == [explain.signed(b.together["Training cost"])] == ["+$206K"]
    assert _amounts(total) == [explain.signed(b.total["Training cost"])]
    # the lines are largest first, and each has a button back to its default
    assert shown.index(price) < shown.index(r1)
    assert [b.label for b in at.button if b.key and b.key.startswith("undo_")] == [
        "Default", "Default",
    ]  # fmt: skip


def test_a_default_button_puts_one_assumption_back():
    at = open_page("pages/1_training-cost.py", {"price": "3.4", "r1": "true", "rel": "2"})
    at.button(key="undo_price").click().run()
    assert not at.exception
    assert at.slider(key="price").value == 2.0
    assert at.toggle(key="r1").value is True
    assert metric(at, "Training cost") == "$5.87M"
    assert at.code[0].value.endswith("?r1=true&rel=2")


# ---- the finding, in words: its numbers are the page's metrics ------------------------------


@pytest.mark.parametrize("values", SCENARIOS["training-cost"])
def test_the_training_finding_carries_the_metrics(values):
    params = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in values.items()}
    at = open_page("pages/1_training-cost.py", {**params, "rel": "2"})
    assert not at.exception
    result = training.training(training.inputs(TABLES, values), TABLES)
    sentence = training_finding.training(result, TABLES)
    assert f"**{sentence}**" in [m.value.replace("\\", "") for m in at.markdown]
    assert metric(at, "Training cost") in sentence
    assert f"{metric(at, 'Price per GPU-hour')} per GPU-hour" in sentence
    ratio = result.cost / TABLES.value("v3_cost_total")
    assert text.times(ratio) in sentence and "DeepSeek's $5.576M" in sentence
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert at.get("plotly_chart")[0].proto.alt.endswith(sentence), "the chart's alt text"
    assert metric(at, "Training cost") in chart["layout"]["title"]["text"]


@pytest.mark.parametrize("values", SCENARIOS["gpu-capex"])
def test_the_fleet_finding_carries_the_metrics(values):
    params = {k: str(v).lower() if isinstance(v, bool) else str(v) for k, v in values.items()}
    at = open_page("pages/2_gpu-capex.py", {**params, "rel": "2"})
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "A fleet of" in m.value)
    claim = fmt.usd(TABLES.value("article_training_cost_claim"))
    for label in ("GPUs alone", "With servers", f"Times the {claim} claim"):
        assert metric(at, label) in text, label
    full = {**asm.defaults("gpu-capex", TABLES), **values}
    count = sum(float(full[f"{g.lower()}_n"]) for g in gpus.FLEET_GPUS)
    assert f"A fleet of {fmt.count(count)} GPUs" in text


@pytest.mark.parametrize("values", SCENARIOS["reconcile"])
def test_the_reconcile_finding_carries_the_metrics(values):
    at = open_page("pages/3_reconcile.py", {**{k: str(v) for k, v in values.items()}, "rel": "2"})
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "cost figures span" in m.value)
    for label in ("R1's RL stage", "V3's run", "Capex + operations", "Widest / narrowest"):
        assert metric(at, label) in text, label
    c = reconcile.chain(reconcile.inputs(TABLES, values), TABLES)
    assert text == f"**{chain_finding.chain(c)}**"


# ---- cite it, and the chart leads back --------------------------------------------------------


def test_the_share_box_cites_the_exact_scenario_and_the_chart_names_the_link():
    at = open_page("pages/1_training-cost.py", {"price": "3.4", "rel": "2"})
    codes = [c.value for c in at.code]
    link = codes[0]
    assert link.endswith("/training-cost?price=3.4&rel=2")
    iframe = next(c for c in codes if c.startswith("<iframe"))
    assert 'src="/training-cost?price=3.4&amp;rel=2&amp;embed=true"' in iframe
    apa = next(c for c in codes if c.startswith("What did DeepSeek really cost? (2026)."))
    assert "data release 2 of 2026-11-30" in apa and apa.endswith(f"from {link}")
    assert "At $3.40 per GPU-hour, V3's final training run costs $9.48M" in apa
    bib = next(c for c in codes if c.startswith("@misc{"))
    assert f"url          = {{{link}}}" in bib and "data release 2 (2026-11-30)" in bib
    chart = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert chart["layout"]["title"]["subtitle"]["text"].endswith(
        "Scenario: /training-cost?price=3.4&rel=2 (data release 2)"
    )
    sources = next(m.value for m in at.markdown if m.value.startswith("- [DeepSeek"))
    assert "(https://arxiv.org/abs/2412.19437)" in sources


def test_every_page_source_row_exists_in_every_release():
    store = Store(ROOT / "data" / "releases")
    for shown in store.releases:
        tables = store.tables(shown.id)
        for p in PAGES:
            r = page_result(p, tables, shown)
            found = {row for source in r.sources for row in source.rows}
            assert set(r.body.rows) <= found, (shown.id, p.path, set(r.body.rows) - found)


@pytest.mark.parametrize(
    "params", [{}, {"mkt_before": "150", "mkt_after": "100"}, {"mkt_shares": "30"}]
)
def test_the_market_finding_carries_the_metrics(params):
    at = open_page("pages/5_market.py", {**params, "rel": "2"})
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "Nvidia's close went" in m.value)
    for label in ("Close before", "Close after", "Change in price", "Change in market value",
                  "Drop ÷ V3 training claim"):  # fmt: skip
        assert metric(at, label) in text, label


@pytest.mark.parametrize("params", [{}, {"cmp_price": "3.5"}, {"cmp_basis": "compute"}])
def test_the_compare_finding_carries_the_metrics(params):
    at = open_page("pages/6_compare.py", {**params, "rel": "2"})
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "the costliest is" in m.value)
    shown = [m for m in at.metric if m.label in text]
    assert len(shown) == 4
    for m in shown:
        assert f"{m.label} {m.value}" in text


def test_the_overview_links_each_figure_to_its_original_source():
    at = open_page("app.py", {"rel": "2"})
    links = [m.value for m in at.markdown if m.value.startswith(":material/link: Source:")]
    assert len(links) == len(at.metric) and all("](https://" in v for v in links)


@pytest.mark.parametrize("release", ["1", "2"])
def test_the_overview_finding_carries_the_cards_and_the_ratio_box(release):
    at = open_page("app.py", {"rel": release})
    assert not at.exception
    text = next(
        t
        for t in (m.value.replace("\\", "") for m in at.markdown)
        if "server-capex estimate is" in t
    )
    tables = load_all(ROOT / "data" / "releases" / release)
    from aicost.pages.overview import scenario as overview

    r = overview.ratios(tables)
    assert text == f"**{overview_finding.overview(overview.headlines(tables), r)}**"
    # the figures as their cards show them, the multiples as the ratio box under the cards
    claim, capex = (
        metric(at, "V3 training run, as claimed"),
        metric(at, "Server capex (SemiAnalysis)"),
    )
    assert f"{capex} server-capex estimate" in text and f"DeepSeek's {claim} training" in text
    box = next(i.value.replace("\\", "") for i in at.info if "the training claim" in i.value)
    for multiple in (fmt.multiple(r.capex_x), fmt.multiple(r.nvidia_drop_x)):
        assert multiple in text and multiple in box, multiple
    assert text.strip("*") in at.get("plotly_chart")[0].proto.alt


def test_the_timeline_finding_dates_the_chip_and_the_rule_as_the_page_does():
    at = open_page("pages/4_timeline.py", {"rel": "2"})
    assert not at.exception
    text = next(m.value.replace("\\", "") for m in at.markdown if "DeepSeek trained V3" in m.value)
    assert text == (
        "**DeepSeek trained V3 (released 2024-12-26) on the H800, which could be sold to China "
        "from 2023-03-21 until the US rule of 2023-10-17 caught it.**"
    )
    events = load_all(ROOT / "data" / "releases" / "2")["events"].set_index("id")
    assert (
        events.loc["v3_release", "date"] == "2024-12-26"
        and "H800" in events.loc["v3_release", "chips"]
    )
    assert events.loc["h800_launch", "date"] == "2023-03-21"
    assert events.loc["bis_rule_2023_10_17", "date"] == "2023-10-17"
    # the same dates open the lines of the page's "What China could legally buy" list
    listing = next(
        m.value.replace("\\", "")
        for m in at.markdown
        if "could be sold to China without" in m.value
    )
    assert "- 2023-03-21 to 2023-10-17: A800, H800" in listing
    assert "H800" not in listing.split("- 2023-10-17")[1].split("\n")[0]
    assert text.strip("*") in at.get("plotly_chart")[0].proto.alt
