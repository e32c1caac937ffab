"""Two scenarios of a page side by side, as one link (#28.11): the link's ``vs`` holds the
second scenario's query, read and checked like every link parameter, computed by the page's
own computation on the same release; the page, the JSON answer, the preview card and the
offline copy all carry it, and no ``vs`` of any kind breaks them.

The link fuzz (tests/properties/test_fuzz_links.py) sends every hostile value to ``vs`` too: it
is a declared parameter of these pages, drawn as a widget bound to the link.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from aicost.base.release import Store
from aicost.report import card, offline, pair
from aicost.report.page import open_link
from aicost.site import BY_PATH, PAGES
from aicost.web import head
from tests.apptest import metric, open_page, plain
from tests.conftest import RELEASES, release_tables

STORE = Store(RELEASES)
TRAINING = "pages/1_training-cost.py"

#: A second scenario for each page that takes one: one changed value.
SECONDS = {
    "training-cost": "price=3.5",
    "gpu-capex": "h800_n=20000&srv=2",
    "rules-cost": "rc_route=market&on=2024-06-30",
    "reconcile": "rec_price=3",
    "market": "mkt_after=100",
    "compare": "cmp_basis=compute",
}


def _open(path: str, query: dict[str, list[str]]):
    return open_link(BY_PATH[path], {**query, "rel": ["5"]}, STORE, release_tables,
                     accessed="2026-12-07")  # fmt: skip


def test_the_pages_that_take_a_second_scenario():
    """The calculators, /reconcile, /market and /compare, declared on each page's record."""
    taking = {p.path for p in PAGES if pair.SECOND in p.params}
    assert taking == set(SECONDS)
    assert {p.path for p in PAGES if p.calculator} <= taking


def test_3_dollars_beside_3_50_as_one_link():
    """The usability test's analyst (task 17): $3 beside $3.50 needed two windows."""
    r = _open("training-cost", {"price": ["3"], "vs": ["price=3.5"]})
    assert r.link == "/training-cost?price=3&vs=price%3D3.5&rel=5"
    assert r.pair is not None and r.pair.query == "price=3.5"
    rows = {row["Figure"]: row for row in r.pair.rows}
    assert rows["Training cost"] == {
        "Figure": "Training cost", "This scenario": "$8.36M", "Second": "$9.76M",
        "Second − this": "+$1.39M",
    }  # fmt: skip
    assert rows["GPU-hours"]["Second − this"] == "±0"
    assert r.pair.differs == (
        {"name": "price", "label": "Price per GPU-hour (USD)", "this": "$3.00", "second": "$3.50"},
    )
    answer = r.as_json("https://example.org")["second_scenario"]
    assert answer["vs"] == "price=3.5"
    assert answer["link"] == "https://example.org/training-cost?price=3.5&rel=5"
    assert answer["figures"][0]["Second"] == "$9.76M"
    # the first scenario is the page's own: the second changes none of its figures
    alone = _open("training-cost", {"price": ["3"]})
    assert [f.text for f in r.figures] == [f.text for f in alone.figures]


def test_a_pasted_link_reads_as_its_query_and_what_it_cannot_use_is_named():
    r = _open("training-cost", {"vs": ["https://site.example/training-cost?price=abc&r1=true&zz=1&rel=2"]})  # fmt: skip
    assert r.link == "/training-cost?vs=r1%3Dtrue&rel=5"
    reasons = [n.reason for n in r.notes if n.name == "vs"]
    assert reasons == [
        "price: 'abc' is not a number; using the default $2.00",
        "zz: not a parameter of this page; ignored",
        "rel: the second scenario is read on release 5, as the first",
    ]
    other = _open("training-cost", {"vs": ["/gpu-capex?a100_n=5"]})
    assert other.pair is None
    assert [n.reason for n in other.notes] == [
        "it links to 'gpu-capex', not to this page; no second scenario"
    ]


@pytest.mark.parametrize(
    "vs",
    [
        "<script>alert(1)</script>",
        "price=<b>3</b>",
        "[x](javascript:alert(1))",
        "price=nan&gpus=inf&pre=1e309",
        "vs=price%3D3&price=4",
        "price=3.5&price=4&price=abc",
        "9" * 10_240,
        "=" * 50,
        "?",
        "https://evil.example/training-cost?price=3.5",
        "route=compute&mfu=40&precision=BF16",
        "own_price=200000&own_life=1&route=ownership&price=10",
    ],
)
def test_a_tampered_second_scenario_gets_a_note_and_a_safe_default(vs):
    r = _open("training-cost", {"price": ["3"], "vs": [vs]})
    text = json.dumps(r.as_json())
    assert "<script" not in text.lower() and "javascript:" not in text.lower()
    for n in r.notes:
        assert "<" not in n.reason and "](" not in n.reason
    if r.pair is not None:
        for row in r.pair.rows:
            assert all("nan" not in v.lower() and "inf" not in v.lower() for v in row.values())
    assert [f.text for f in r.figures][0] == "$8.36M", "the first scenario is untouched"
    assert len(r.link) < 400


@pytest.mark.parametrize("path", sorted(SECONDS))
def test_every_surface_carries_the_pair_and_none_breaks(path):
    r = _open(path, {"vs": [SECONDS[path]]})
    assert r.pair is not None, [n.reason for n in r.notes]
    assert not [n for n in r.notes if n.name == "vs"]
    assert f"vs={quote(SECONDS[path], safe='')}" in r.link
    assert r.pair.rows and r.pair.differs
    for row in r.pair.rows:
        assert set(row) == set(pair.COLUMNS)
        assert all(v and "nan" not in v.lower() for v in row.values())
    answer = r.as_json("https://example.org")
    json.dumps(answer, allow_nan=False)  # strict JSON: no NaN or infinity anywhere
    assert answer["second_scenario"]["figures"], "the second scenario's figures are answered"
    png = card.render(r, "https://example.org")
    assert png.startswith(b"\x89PNG")
    assert "vs=" in head.head(r, "https://example.org")
    assert "This scenario beside the second" in offline.render(r, "https://example.org")


def test_on_the_page_hold_this_scenario_then_change_it():
    at = open_page(TRAINING, {"price": "3", "rel": "5"})
    at.button(key="vs_hold").click().run()
    at.slider(key="price").set_value(3.5).run()
    assert not at.exception
    assert metric(at, "Training cost") == "$9.76M"
    said = [plain(m.value) for m in at.markdown]
    assert (
        "The second differs in: Price per GPU-hour (USD): $3.50 here, **$3.00** in the second."
        in said
    )
    table = next(
        t for t in said if t.startswith("| Figure | This scenario | Second | Second − this |")
    )
    assert "| Training cost | $9.76M | $8.36M | −$1.39M |" in table
    assert at.code[0].value.endswith("/training-cost?price=3.5&vs=price%3D3&rel=5"), "one link"


def test_on_the_page_a_pasted_link_becomes_its_query():
    at = open_page(TRAINING, {"rel": "5"})
    at.text_input(key="vs").input("https://site.example/training-cost?price=3.5&rel=5").run()
    assert not at.exception
    assert at.text_input(key="vs").value == "price=3.5"
    assert at.code[0].value.endswith("/training-cost?vs=price%3D3.5&rel=5")
    at.text_input(key="vs").input("price=abc").run()
    notes = " ".join(plain(w.value) for w in at.warning)
    assert "`vs`: price: 'abc' is not a number; using the default $2.00" in notes


def test_a_link_with_a_second_scenario_opens_with_both():
    at = open_page("pages/2_gpu-capex.py", {"vs": "h800_n=20000", "rel": "5"})
    assert not at.exception
    expander = next(e for e in at.expander if e.label == "Put a second scenario beside this one")
    assert expander.proto.expanded
    table = next(plain(m.value) for m in at.markdown if m.value.startswith("| Figure"))
    assert "| With servers | $1.54B |" in table
