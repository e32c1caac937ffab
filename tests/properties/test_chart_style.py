"""Every chart's shared style (aicost.report.charts): one colour-blind-safe palette, the app's
theme's too, and dollar ticks a reader can read on log and linear axes. What each chart must
carry (title, source note, axis titles, a lean payload) is ``tests.conftest.assert_chart_basics``,
which each page's chart tests call.
"""

from __future__ import annotations

import tomllib

from aicost.report import charts
from tests.conftest import ROOT


def test_the_apps_theme_draws_with_the_charts_palette():
    # One palette: the theme's categorical colours (every theme section that sets them) are
    # the charts' own, so a chart Streamlit colours and one the code colours agree.
    with open(ROOT / ".streamlit" / "config.toml", "rb") as file:
        theme = tomllib.load(file)["theme"]
    sections = [theme, *(theme[name] for name in ("light", "dark") if name in theme)]
    palettes = [s["chartCategoricalColors"] for s in sections if "chartCategoricalColors" in s]
    assert palettes, "config.toml sets no chartCategoricalColors"
    assert all(palette == list(charts.SAFE) for palette in palettes)
    assert len(set(charts.SAFE)) == len(charts.SAFE) == 12


def test_dollar_ticks_on_a_log_axis_label_every_decade_or_only_thousands():
    ticks, text = charts.dollar_ticks([5e6, 2e8])
    assert ticks == [1e6, 1e7, 1e8, 1e9] and text == ["$1M", "$10M", "$100M", "$1B"]
    ticks, every = charts.dollar_ticks([294e3, 1e12])
    assert every == ["$100K", "$1M", "$10M", "$100M", "$1B", "$10B", "$100B", "$1T"]
    _ticks, sparse = charts.dollar_ticks([294e3, 1e12], sparse=True)
    assert [t for t in sparse if t] == ["$1M", "$1B", "$1T"]


def test_dollar_ticks_on_a_linear_axis_use_b_for_billions():
    ticks, labels = charts.dollar_ticks([0, 2.6e9], log=False)
    assert labels == ["$0", "$500M", "$1B", "$1.5B", "$2B", "$2.5B"]
    assert ticks[-1] <= 2.6e9
