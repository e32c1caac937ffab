"""What a reader copies and prints: shortest link values in every release, and one rounding per
figure on every page. (Each metric equal to its bar: tests/pages/test_gpu_capex.py.)"""

from __future__ import annotations

import re

import pytest

from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.inputs import presets, urlstate
from tests.apptest import open_page
from tests.conftest import RELEASES, release_tables

RELEASE_IDS = [r.id for r in Store(RELEASES).releases]


def _shortest(value: float | int) -> bool:
    """Whether the text Streamlit writes for a value (``str``) is its shortest decimal."""
    text = str(value)
    if isinstance(value, int) or float(value).is_integer():
        return text in (f"{int(value)}", f"{int(value)}.0")
    return float(text) == value and text == f"{value:.12g}"


@pytest.mark.parametrize("release", RELEASE_IDS)
def test_every_preset_and_default_goes_into_the_link_in_its_shortest_form(release):
    tables = release_tables(release)
    resolved = asm.resolve(tables)
    values = [(a, a.default) for a in resolved.values() if a.is_numeric]
    for p in presets.training_presets(tables) + presets.fleet_presets(tables):
        values += [(resolved[k], v) for k, v in p.values.items() if resolved[k].is_numeric]
    values += [(a, asm.snap(a, q)) for a in resolved.values() for q in a.quick]
    assert len(values) > 40
    for a, value in values:
        assert _shortest(value), (a.name, value)
        link = urlstate.url_value(a, value)
        assert link == (f"{int(value)}" if float(value).is_integer() else repr(float(link))), (
            a.name,
            link,
        )


def _texts(at) -> list[str]:
    out = [m.value for m in at.metric]
    out += [e.value for e in at.markdown] + [e.value for e in at.caption]
    out += [e.value for e in at.info] + [e.label for e in at.metric]
    return [str(t) for t in out]


PAGES = ["app.py", "pages/1_training-cost.py", "pages/2_gpu-capex.py", "pages/3_reconcile.py",
         "pages/5_market.py", "pages/6_compare.py"]  # fmt: skip

#: Each shared figure: how any rounding of it looks, and the forms allowed (reported as
#: reported, recomputed as fmt.usd_figure, the article's own rounding where it is quoted).
FIGURES = {
    "R1's RL stage": (r"\$29[45](?:\.\d+)?K", {"$294K", "$294.7K"}),
    "Nvidia's reported losses": (r"\$59[0-9](?:\.\d+)?B", {"$592.7B", "$593.7B"}),
    "DeepSeek-V3's claim": (r"\$5\.(?:5\d*|6\d*)M", {"$5.576M", "$5.58M", "$5.6M"}),
}


def test_each_shared_figure_reads_the_same_on_every_page():
    seen: dict[str, set[str]] = {name: set() for name in FIGURES}
    ratios: set[str] = set()
    for page in PAGES:
        text = " ".join(_texts(open_page(page)))
        for name, (pattern, _allowed) in FIGURES.items():
            seen[name] |= set(re.findall(pattern, text))
        ratios |= set(re.findall(r"\b10\d,\d{3}×", text))
    for name, (_pattern, allowed) in FIGURES.items():
        assert seen[name], f"{name} is shown nowhere"
        assert seen[name] <= allowed, (name, seen[name] - allowed)
    assert len(ratios) == 1, f"Nvidia's drop over the claim reads {ratios}"
