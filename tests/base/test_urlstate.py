"""Reading a link's parameters like Streamlit does, and writing links for a scenario."""

from __future__ import annotations

import pytest

from aicost.base.data import load_all
from aicost.inputs import assumptions
from aicost.inputs.urlstate import check_params, check_value, encode, excerpt
from tests.conftest import DATA

TABLES = load_all(DATA)
BY_NAME = assumptions.resolve(TABLES)
PRICE, GPUS, HOURS, ROUTE, R1 = (BY_NAME[n] for n in ("price", "gpus", "pre", "route", "r1"))


def for_page(page: str):
    return assumptions.for_page(page, TABLES)


@pytest.mark.parametrize(
    ("a", "raws", "value", "reason"),
    [
        (PRICE, ["3"], 3.0, None),
        (PRICE, [" 3.5 "], 3.5, None),
        (PRICE, ["3e0"], 3.0, None),
        (PRICE, ["abc"], 2.0, "not a number"),
        (PRICE, ["nan"], 2.0, "not a finite number"),
        (PRICE, ["inf"], 2.0, "not a finite number"),
        (PRICE, ["-inf"], 2.0, "not a finite number"),
        (PRICE, ["1e309"], 2.0, "not a finite number"),
        (PRICE, ["1e308"], 2.0, "out of range (0.5 to 10)"),
        (PRICE, ["-5"], 2.0, "out of range"),
        (PRICE, [""], 2.0, "empty"),
        (PRICE, ["3", "4"], 2.0, "given 2 times; using the default"),
        (PRICE, ["<script>alert(1)</script>"], 2.0, "'scriptalert1script' is not a number"),
        (GPUS, ["4096.7"], 4096, None),
        (GPUS, ["99"], 2048, "out of range (100 to 100,000)"),
        (HOURS, ["1", "5000"], 5_000, "given 2 times, the last one is used"),
        (ROUTE, ["compute"], "compute", None),
        (ROUTE, ["Compute"], "rental", "is not one of rental, compute, ownership"),
        (ROUTE, ["<img src=x onerror=alert(1)>"], "rental", "'img srcx onerroralert1'"),
        (R1, ["True"], True, None),
        (R1, ["1"], False, "is not true or false"),
    ],
)
def test_check_value_mirrors_streamlit(a, raws, value, reason):
    got, note = check_value(a, raws)
    assert got == value
    if reason is None:
        assert note is None
    else:
        assert note is not None and reason in note


def test_check_params_notes_unknown_and_keeps_embed():
    values, notes = check_params(
        {"price": ["2.5"], "embed": ["true"], "<b>x</b>": ["1"]}, for_page("training-cost")
    )
    assert values["price"] == 2.5 and values["route"] == "rental"
    assert [n.text() for n in notes] == ["bxb: not a parameter of this page; ignored"]


def test_notes_never_carry_markup():
    _values, notes = check_params(
        {"price": ["<script>alert('x')</script>"], "<svg onload=1>": ["1"]},
        for_page("training-cost"),
    )
    for note in notes:
        assert "<" not in note.text() and ">" not in note.text()


def test_encode_round_trips_through_check_params():
    page = for_page("training-cost")
    scenario = {"route": "compute", "price": 3.25, "mfu": 40.0, "gpus": 4096, "r1": True}
    query = encode(scenario, page)
    assert query == "route=compute&price=3.25&r1=true&gpus=4096&mfu=40"
    from urllib.parse import parse_qs

    values, notes = check_params(parse_qs(query), page)
    assert notes == []
    assert {k: values[k] for k in scenario} == scenario


def test_excerpt_is_bounded():
    assert len(excerpt("9" * 1000)) == 25
