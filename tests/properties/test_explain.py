"""The change panel and the share box (aicost.report.explain, aicost.report.cite), on the real
data of release 2.

The effect lines of a scenario (each change alone from the defaults, plus what the changes do
together) must add up exactly to its difference from the sourced defaults, and the panel on the
page shows those lines; a citation names the link and the release. (Each page's finding, which
the share box quotes, is checked in that page's module, tests/pages/.)
"""

from __future__ import annotations

import json
import math
import re

import pytest

from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.report import explain
from aicost.report.page import open_link
from aicost.site import BY_PATH
from tests.apptest import metric, open_page, plain
from tests.conftest import RELEASES, SCENARIOS, release_tables

TABLES = release_tables("2")
CASES = [(page, values) for page, many in SCENARIOS.items() for values in many]


@pytest.mark.parametrize(("page", "values"), CASES)
def test_the_effect_lines_add_up_exactly_to_the_difference(page, values):
    figures = BY_PATH[page].changes
    depends = BY_PATH[page].depends
    b = explain.breakdown(page, figures, values, TABLES, depends=depends)
    defaults = asm.defaults(page, TABLES)
    now = figures({**defaults, **values}, TABLES)
    base = figures(defaults, TABLES)
    assert b.lines, "every scenario here changes something"
    changed = {n: v for n, v in values.items() if explain.differs(asm.resolve(TABLES)[n], v)}
    assert {line.name for line in b.lines} == set(changed)
    for k in base:
        lines = sum(line.effects[k] for line in b.lines) + b.together[k]
        assert math.isclose(lines, now[k] - base[k], rel_tol=1e-12, abs_tol=1e-6), k
    # each line is that change from the defaults with the changes it depends on made first
    by_label = {asm.resolve(TABLES)[n].label: n for n in changed}
    order = [line.name for line in b.lines]
    for line in b.lines:
        after = {by_label[label]: changed[by_label[label]] for label, _shown in line.given}
        assert set(after) == {n for n in changed if n in _ancestors(line.name, depends)}
        before = figures({**defaults, **after}, TABLES)
        then = figures({**defaults, **after, line.name: line.value}, TABLES)
        assert all(line.effects[k] == then[k] - before[k] for k in base)
        assert all(order.index(n) < order.index(line.name) for n in after), "causes first"
    alone = [line.size for line in b.lines if not line.given]
    assert alone == sorted(alone, reverse=True), "largest effect first"


def _ancestors(name: str, depends) -> set[str]:
    out: set[str] = set()
    todo = list(depends.get(name, ()))
    while todo:
        n = todo.pop()
        if n not in out:
            out.add(n)
            todo += depends.get(n, ())
    return out


def test_a_change_that_only_matters_on_another_route_is_counted_after_the_route():
    """The usability test's example: /training-cost?route=compute&mfu=30 said "route +$3.51K",
    "MFU: Training cost unchanged" and "together: -$2.26M". The MFU is read on the compute
    route only, so it is counted after the route: each line is a cause, and they still add up
    exactly to the total."""
    current = release_tables("5")
    page = BY_PATH["training-cost"]
    b = explain.breakdown(
        page.path, page.changes, {"route": "compute", "mfu": 30.0}, current, depends=page.depends
    )
    lines = [
        (
            line.label,
            line.value_text,
            explain.signed(line.effects["Training cost"]),
            line.given_text,
        )
        for line in b.lines
    ]
    assert lines == [
        # 17.3% (the default, rounded) of 2 x 989 TFLOPS, not of the data's 1,979 (c. 0.05%)
        ("How to price the run", "compute", "+$6.21K", ""),
        ("MFU, against the FP8 peak", "30.0%", "−$2.26M", "given How to price the run: compute"),
    ]
    assert not b.interacts and b.together == {"Training cost": 0.0}
    assert b.closes() and explain.signed(b.total["Training cost"]) == "−$2.25M"
    at = open_page("pages/1_training-cost.py", {"route": "compute", "mfu": "30", "rel": "5"})
    shown = [plain(m.value) for m in at.markdown]
    assert any(
        t.startswith(
            "MFU, against the FP8 peak: 17.3% → **30.0%** · Training cost −$2.26M (given How to "
            "price the run: compute)"
        )
        for t in shown
    ), shown
    assert not any(t.startswith("Together, beyond") for t in shown), "nothing left over"
    assert any(t.startswith("**In all:** Training cost −$2.25M") for t in shown)


def test_the_json_answer_names_what_each_change_is_counted_after():
    store = Store(RELEASES)
    r = open_link(
        BY_PATH["training-cost"], {"route": ["compute"], "mfu": ["30"], "rel": ["5"]}, store,
        release_tables,
    )  # fmt: skip
    changes = r.as_json()["changes"]
    assert [(c["name"], c.get("given")) for c in changes] == [
        ("route", []), ("mfu", ["How to price the run"]), ("total", None),
    ]  # fmt: skip


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


def test_every_change_line_names_its_input_even_without_a_source_row():
    """A change whose default is derived (electricity) kept only its grey 'default:' line:
    the label, the values and the effect were swallowed by a conditional expression."""
    at = open_page("pages/2_gpu-capex.py", {"opex": "true", "rel": "2"})
    lines = [m.value for m in at.markdown if "·" in m.value and "→" in m.value]
    electricity = next(line for line in lines if "default: Power per GPU" in line)
    assert electricity.startswith("Add electricity to run the fleet: off → **on** · ")


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
    assert (
        chart["layout"]["title"]["subtitle"]["text"]
        .replace("<br>", " ")
        .endswith("What did DeepSeek really cost?, data release 2: /training-cost?price=3.4&rel=2")
    )
    sources = next(m.value for m in at.markdown if m.value.startswith("- [DeepSeek"))
    assert "(https://arxiv.org/abs/2412.19437)" in sources
