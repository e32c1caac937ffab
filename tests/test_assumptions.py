"""The declared assumptions table: well formed, and every default is its source's value."""

from __future__ import annotations

import math

import pytest

from aicost import model
from aicost.assumptions import ASSUMPTIONS, BY_NAME, KINDS, for_page, resolve, to_model
from aicost.release import Store
from aicost.urlstate import SITE_PARAMS
from tests.conftest import RELEASES

STORE = Store(RELEASES)
RESOLVED = [(r.id, a) for r in STORE.releases for a in resolve(STORE.tables(r.id)).values()]

PAGES = ("training-cost", "gpu-capex", "market", "compare", "reconcile")


def test_names_are_unique_short_and_url_safe():
    names = [a.name for a in ASSUMPTIONS]
    assert len(names) == len(set(names))
    for name in names:
        assert name.isidentifier() and name == name.lower() and len(name) <= 14, name
        assert name not in SITE_PARAMS


@pytest.mark.parametrize(("release", "a"), RESOLVED, ids=lambda x: getattr(x, "name", x))
def test_each_assumption_is_well_formed_in_every_release(release, a):
    assert a.kind in KINDS
    assert a.page in PAGES
    assert a.label and a.help, "every input explains itself and names its source"
    if a.is_numeric:
        assert a.min < a.max
        assert a.min <= float(a.default) <= a.max
        assert a.step > 0
        steps = (float(a.default) - a.min) / a.step
        assert math.isclose(steps, round(steps), abs_tol=1e-6) or a.kind == "number"
    if a.kind == "choice":
        assert a.default in a.options


# Defaults that are a function of their source row rather than the row itself.
_TRANSFORMS = {
    "own_life": lambda v: round(model.epoch_amortization_years(v), 2),
    "mfu": lambda v: round(v * 100, 1),
    "own_ic": lambda v: v * 100,
    "util": lambda v: v * 100,
    "cmp_mfu": lambda v: v * 100,
    "params_b": lambda v: v / 1e9,
    "tokens_t": lambda v: v / 1e12,
    "mkt_shares": lambda v: round(v / 1e9, 2),
    "pre": lambda v: v / 1000,
    "ctx": lambda v: v / 1000,
    "post": lambda v: v / 1000,
    "rec_gpu_spend": lambda v: v / 1e6,
    "rec_capex": lambda v: v / 1e6,
    "rec_opex": lambda v: v / 1e6,
}


@pytest.mark.parametrize("a", [a for a in ASSUMPTIONS if a.source or a.group], ids=lambda a: a.name)
def test_sourced_defaults_are_their_rows_and_typed_nowhere(tables, a):
    if a.kind == "toggle":
        assert a.default is False  # toggles add a sourced quantity; off by default
        return
    assert a.default is None, "a sourced default is read from its row, never typed twice"
    source = tables.value(resolve(tables)[a.name].source)
    expected = _TRANSFORMS.get(a.name, lambda v: v)(source)
    assert float(resolve(tables)[a.name].default) == pytest.approx(expected, rel=1e-6)


def test_ranges_cover_what_people_argue_about():
    assert (BY_NAME["price"].min, BY_NAME["price"].max) == (0.5, 10.0)
    assert (BY_NAME["gpus"].min, BY_NAME["gpus"].max) == (100, 100_000)
    assert (BY_NAME["mfu"].min, BY_NAME["mfu"].max) == (5.0, 70.0)


def test_a_default_follows_its_group_default_row():
    """Release 2 made the PCIe list price the A100's default row: the slider's default moved
    with it, and release 1 keeps CNBC's $10,000."""
    r1, r2 = (resolve(STORE.tables(i))["a100_usd"] for i in ("1", "2"))
    assert (r1.source, r1.default) == ("a100_price_cnbc", 10_000)
    assert (r2.source, r2.default) == ("a100_list_price_pcie", 15_000)


def test_to_model_scales_display_units():
    out = to_model({"mfu": 40.0, "params_b": 37.0, "route": "compute"}, "training-cost")
    assert out == {"route": "compute", "mfu": 0.4, "params_b": 37e9}


def test_every_page_has_its_assumptions():
    for page in ("training-cost", "gpu-capex", "market", "compare"):
        assert for_page(page)
