"""The numbers-first rules (aicost/ui/paint.py) hold on every page, and the pages work with it
switched off (``AICOST_NUMBERS_FIRST=0``)."""

from __future__ import annotations

import ast

import pytest

from aicost.site import PAGES
from tests.apptest import held, open_page
from tests.conftest import ROOT


def _module_calls(script: str) -> tuple[list[ast.stmt], set[str]]:
    tree = ast.parse((ROOT / script).read_text(encoding="utf-8"))
    fragments = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any("calculator" in ast.unparse(d) for d in node.decorator_list)
    }
    return tree.body, fragments


@pytest.mark.parametrize("page", [p for p in PAGES if p.calculator], ids=lambda p: p.path)
def test_nothing_follows_a_calculators_fragment(page):
    """Rule 2: the run the browser's signal starts reruns only the fragment, so anything after
    its call would be missing on every first visit."""
    body, fragments = _module_calls(page.script)
    assert len(fragments) == 1, f"{page.script}: one @ui.calculator function"
    last = body[-1]
    assert isinstance(last, ast.Expr) and ast.unparse(last.value) == f"{fragments.pop()}()", (
        f"{page.script}: the calculator's call must be its last statement"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path or "overview")
def test_a_first_visit_draws_the_numbers_and_asks_for_the_rest(page):
    """Rules 1 and 3: a numbers-first page's first run draws its headline figures and no
    input, and leaves the signal that asks for the rest; other pages draw whole at once."""
    at = open_page(page.script, painted=False)
    assert not at.exception
    inputs = [*at.slider, *at.number_input, *at.toggle, *at.radio]
    if page.numbers_first:
        assert held(at), "the signal that asks for the rest of the page"
        assert not inputs and not at.get("plotly_chart")
        assert at.metric, "the headline figures"
    else:
        assert not held(at)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path or "overview")
def test_every_page_works_with_numbers_first_off(page, monkeypatch):
    """The switch: off, a first visit draws the whole page in one run, as painted ones do.
    Either way the page runs clean through the entry point: its title, no error, no traceback."""
    whole = open_page(page.script)
    monkeypatch.setenv("AICOST_NUMBERS_FIRST", "0")
    first = open_page(page.script, painted=False)
    for at in (whole, first):
        assert not at.exception, [e.value for e in at.exception]
        assert at.title and not at.error
    assert not held(first)
    assert [(m.label, m.value) for m in first.metric] == [(m.label, m.value) for m in whole.metric]
    assert len(first.get("plotly_chart")) == len(whole.get("plotly_chart"))
