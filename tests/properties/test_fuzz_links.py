"""Hostile links on every parameter of every page, the parameters found from the app itself.

See tests/properties/linkfuzz.py for how the parameters are found and what a page may never
show. The first test holds the discovery to the page's declarations, both ways. Each page then
gets every kind of hostile value on all its parameters at once (the matrix), then
property-based links (hypothesis: a few parameters, each with a hostile, extreme or random
value, sometimes repeated), derandomized and without an example database, so every run tries
the same links. One readable example per page is in its module in tests/pages/.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aicost.inputs import assumptions as asm
from tests.properties import linkfuzz as lf

PAGE_IDS = [path or "overview" for _script, path in lf.PAGES]
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_discovery_finds_bound_widgets_tabs_and_declared_params():
    """The finder sees what the pages draw: sliders, inputs hidden behind another route,
    tabs, /data's file and search, and the data release every page reads."""
    found = lf.discovered("pages/1_training-cost.py")
    assert {"price", "route", "r1", "tc_chart", "mfu", "own_price"} <= found
    assert {"file", "q"} <= lf.discovered("pages/7_data.py")
    assert {"rec_chart", "rec_uncertainty"} <= lf.discovered("pages/3_reconcile.py")
    # the data release, read by every page from the link (not a widget), from the app's list
    assert all("rel" in lf.params(script, page) for script, page in lf.PAGES)


@pytest.mark.parametrize(("script", "page"), lf.PAGES, ids=PAGE_IDS)
def test_the_page_draws_exactly_what_its_link_notes_know(script, page):
    """A widget bound to the URL that the notes do not know would be called unknown, or its
    bad values ignored in silence: declare it (assumptions, or the page's views or params in
    aicost.site). A parameter the notes know that no view draws is one nothing reads. And a
    page of assumptions draws exactly those as its inputs: none outside the table."""
    drawn, known = lf.discovered(script), set(lf.declared(page))
    assert drawn - known == set(), "drawn, bound to the URL, unknown to the link notes"
    assert known - drawn == set(), "declared, and drawn in no view of the page"
    assumptions = {a.name for a in asm.for_page(page)}
    if assumptions:  # (/timeline has none; its every-event toggle is a view no link carries)
        assert lf.inputs_drawn(script) == assumptions


@pytest.mark.parametrize(("script", "page"), lf.PAGES, ids=PAGE_IDS)
def test_every_kind_of_hostile_value_on_every_parameter(script, page):
    failures = []
    for kind, link in lf.matrix(lf.params(script, page)):
        at, changed = lf.open_link(script, link)
        failures += [f"{kind}: {p}" for p in [*changed, *lf.link_problems(at, page, link)]]
    assert not failures, "\n".join(failures[:40])


@st.composite
def links(draw: st.DrawFn, script: str, page: str) -> dict[str, list[str]]:
    names = lf.params(script, page)
    chosen = draw(
        st.lists(st.sampled_from([*names, *lf.UNKNOWN_NAMES]), min_size=1, max_size=4, unique=True)
    )
    hostile = [v for values in lf.HOSTILE.values() for v in values]
    link = {}
    for name in chosen:
        one = st.one_of(
            st.sampled_from(hostile),
            st.sampled_from(lf.valid_extremes(page, name)),
            st.text(max_size=12),
        )
        link[name] = draw(st.lists(one, min_size=1, max_size=3))
    return link


@pytest.mark.parametrize(("script", "page"), lf.PAGES, ids=PAGE_IDS)
@FUZZ
@given(data=st.data())
def test_random_hostile_links(script, page, data):
    link = data.draw(links(script, page), label="link")
    at, changed = lf.open_link(script, link)
    problems = changed + lf.link_problems(at, page, link)
    assert not problems, "\n".join(problems)
