"""The declared assumptions table: well formed in every release, every default its source's
value, presets its widgets can hold, display units converted for the model. (That each page
draws exactly the inputs it declares is tests/properties/test_fuzz_links.py's, from the fuzz's
discovery of the page's widgets; docs/links.md's table is tests/properties/test_docs.py's.)"""

from __future__ import annotations

import math

import pytest

from aicost.base import model
from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.inputs import presets
from aicost.inputs.assumptions import ASSUMPTIONS, KINDS, for_page, resolve, to_model
from aicost.inputs.urlstate import SITE_PARAMS
from aicost.site import BY_PATH, PAGES
from tests.conftest import RELEASES

STORE = Store(RELEASES)
RESOLVED = [(r.id, a) for r in STORE.releases for a in resolve(STORE.tables(r.id)).values()]
SCRIPTS = {p.path: p.script for p in PAGES}


def test_names_are_unique_short_and_url_safe():
    names = [a.name for a in ASSUMPTIONS]
    assert len(names) == len(set(names))
    for name in names:
        assert name.isidentifier() and name == name.lower() and len(name) <= 14, name
        assert name not in SITE_PARAMS


def _on_grid(a: asm.Assumption, value: float) -> bool:
    steps = (float(value) - a.min) / a.step
    return math.isclose(steps, round(steps), abs_tol=1e-6)


@pytest.mark.parametrize(("release", "a"), RESOLVED, ids=lambda x: getattr(x, "name", x))
def test_each_assumption_is_well_formed_in_every_release(release, a):
    assert a.kind in KINDS
    assert a.page in SCRIPTS and BY_PATH[a.page].files
    assert a.label and a.help, "every input explains itself and names its source"
    if a.is_numeric:
        assert a.min < a.max
        assert a.min <= float(a.default) <= a.max
        assert a.step > 0
        assert _on_grid(a, a.default) or a.kind == "number"
        for quick in a.quick:  # a one-click value the slider can hold
            assert a.min <= asm.snap(a, quick) <= a.max and _on_grid(a, asm.snap(a, quick))
    if a.kind == "choice":
        assert a.default in a.options


@pytest.mark.parametrize("release", [r.id for r in STORE.releases])
def test_every_preset_value_is_one_its_widget_can_hold(release):
    """A preset the range cannot hold would be clamped by the widget, and its link would
    not say what its button promised."""
    tables = STORE.tables(release)
    resolved = resolve(tables)
    chosen = presets.training_presets(tables) + presets.fleet_presets(tables)
    for p in chosen:
        for name, value in p.values.items():
            a = resolved[name]
            if a.kind == "choice":
                assert value in a.options, (p.key, name)
            elif a.is_numeric:
                assert a.min <= value <= a.max and _on_grid(a, value), (p.key, name, value)
    assert any(p.values for p in chosen)


def _expected_default(a: asm.Assumption, value: float) -> float:
    """A row's value in the widget's display units: the model's own conversion if it has
    one, else ``value / scale`` (rounded to the widget's step by the table)."""
    if a.derive:
        return getattr(model, a.derive)(value)
    return value / a.scale


@pytest.mark.parametrize("a", [a for a in ASSUMPTIONS if a.source or a.group], ids=lambda a: a.name)
def test_sourced_defaults_are_their_rows_and_typed_nowhere(tables, a):
    if a.kind == "toggle":
        assert a.default is False  # toggles add a sourced quantity; off by default
        return
    assert a.default is None, "a sourced default is read from its row, never typed twice"
    resolved = resolve(tables)[a.name]
    expected = _expected_default(a, tables.value(resolved.source))
    assert float(resolved.default) == pytest.approx(expected, abs=a.step / 2)


def test_own_life_is_epochs_write_off_period_not_the_rows_rate():
    got = resolve(STORE.tables(STORE.current.id))["own_life"].default
    assert got == pytest.approx(1 / (0.14 * math.log(10)), abs=0.005)


def test_a_default_follows_its_group_default_row():
    """Release 2 made the PCIe list price the A100's default row: the slider's default moved
    with it, and release 1 keeps CNBC's $10,000."""
    r1, r2 = (resolve(STORE.tables(i))["a100_usd"] for i in ("1", "2"))
    assert (r1.source, r1.default) == ("a100_price_cnbc", 10_000)
    assert (r2.source, r2.default) == ("a100_list_price_pcie", 15_000)


def test_to_model_scales_display_units():
    out = to_model({"mfu": 40.0, "params_b": 37.0, "route": "compute"}, "training-cost")
    assert out == {"route": "compute", "mfu": 0.4, "params_b": 37e9}


def test_model_values_fill_the_defaults_and_keep_what_is_set(tables):
    v = asm.model_values("gpu-capex", tables, {"a100_n": 0})
    assert v["a100_n"] == 0 and v["srv"] == pytest.approx(1.4)
    assert set(v) == {a.name for a in for_page("gpu-capex")}
