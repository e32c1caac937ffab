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


def _contrast(colour: str, background: str = "#FFFFFF") -> float:
    def lum(hex_colour: str) -> float:
        parts = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in parts)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((lum(colour), lum(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_a_multi_line_title_stays_inside_the_figure():
    """plotly lifts a title anchored at its top by half a line for each line after the first;
    the pad and the top margin take it back, so a two-line title's first line is not cut."""
    one = charts.finish_layout(charts.Draft(), "A short title", "a source")
    two = charts.finish_layout(
        charts.Draft(), "A title long enough to wrap onto a second line here", "a source"
    )
    assert two.layout.title.text.count("<br>") == 1
    assert one.layout.title.pad.t == 10 and two.layout.title.pad.t == 10 + 11
    assert two.layout.margin.t - one.layout.margin.t == 18 + 11
    assert two.layout.title.font.size == charts.TITLE_PX


def test_a_charts_image_for_a_slide_is_dark_on_white_in_the_light_themes_colours():
    style = charts.slide_style()
    layout = style["layout"]
    assert layout["paper_bgcolor"] == layout["plot_bgcolor"] == "#FFFFFF"
    assert _contrast(charts.SLIDE_TEXT) >= 7 and _contrast(charts.SLIDE_MUTED) >= 4.5
    assert _contrast(charts.SLIDE_LINES) >= 1.5  # gridlines and ticks: seen, not read
    colours = style["colours"]
    # every colour the dark theme swaps in goes back to the light theme's own
    for raw, dark in charts.THEMED["dark"].items():
        assert colours[dark.upper()] == charts.THEMED["light"].get(raw, raw).upper()
    for raw, light in charts.THEMED["light"].items():
        assert colours[raw.upper()] == light.upper()
    # so every palette colour an image is drawn in is a mark on white (3:1), as on the page
    drawn = {colours.get(c.upper(), c.upper()) for c in charts.SAFE}
    weak = {c for c in drawn if _contrast(c) < 3}
    assert not weak, weak
    assert style["inside_text"] == charts.INSIDE_TEXT["light"]
    assert style["width"] == charts.EXPORT_WIDTH >= 800
