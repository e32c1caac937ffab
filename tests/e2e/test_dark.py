"""Dark theme: a visitor whose system prefers dark gets a dark app whose text and chart
labels stay legible (WCAG contrast ratio, computed from the colours the browser painted)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PATHS, assert_healthy, page_url, screenshot, shot_name

pytestmark = pytest.mark.e2e

#: The app's theme has no fixed base (.streamlit/config.toml), so Streamlit follows the
#: system setting; Chromium reports it from the context's colour scheme.
DARK = {"color_scheme": "dark"}

#: Chart text a reader must read: title, source note, axis titles, tick labels, legend,
#: annotations. Labels drawn on top of bars are judged against the bar, so they are left out.
CHART_TEXT = (
    ".gtitle, .g-gtitle text, .g-xtitle text, .g-ytitle text, .xtick text, .ytick text,"
    " .legendtext, .annotation-text"
)

CONTRAST_JS = """([root, selector]) => {
  const parse = (c) => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const lum = (c) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a), a: 1,
  });
  const ratio = (x, y) => { const [l1, l2] = [lum(x), lum(y)].sort((a, b) => b - a); return (l1 + 0.05) / (l2 + 0.05); };
  const app = parse(getComputedStyle(document.querySelector('[data-testid="stApp"]')).backgroundColor);
  // The colour under an element: the painted CSS backgrounds up the tree, and for a legend
  // or an annotation the box plotly draws behind it (an SVG rect with a fill and an opacity).
  const background = (el) => {
    const layers = [];
    const box = el.closest && (el.closest('.legend') || el.closest('.annotation'));
    const rect = box && box.querySelector('rect.bg');
    if (rect) {
      const cs = getComputedStyle(rect);
      const fill = parse(cs.fill);
      if (fill) layers.push({...fill, a: fill.a * Number(cs.fillOpacity || 1)});
    }
    for (let e = el; e; e = e.parentElement) {
      const bg = parse(getComputedStyle(e).backgroundColor);
      if (bg && bg.a > 0) layers.push(bg);
      if (layers.length && layers[layers.length - 1].a >= 1) break;
    }
    let colour = app;
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const scope = root ? document.querySelectorAll(root) : [document];
  const out = [];
  for (const r of scope) {
    for (const el of r.querySelectorAll(selector)) {
      const box = el.getBoundingClientRect();
      if (!box.width || !el.textContent.trim()) continue;
      const cs = getComputedStyle(el);
      let fg = parse(el instanceof SVGElement ? cs.fill : cs.color);
      if (!fg) continue;
      const opacity = Number(cs.fillOpacity || 1) * Number(cs.opacity || 1);
      fg = {...fg, a: fg.a * (el instanceof SVGElement ? opacity : Number(cs.opacity || 1))};
      const bg = background(el);
      out.push({text: el.textContent.trim().slice(0, 40), ratio: ratio(over(fg, bg), bg)});
    }
  }
  return {app, appLum: lum(app), items: out};
}"""


@pytest.mark.parametrize("path", PATHS, ids=[shot_name(p) for p in PATHS])
def test_dark_theme_text_and_charts_are_legible(app_server, browsing, path):
    page, watch = browsing.open(page_url(app_server, path), **DARK)
    charts = page.get_by_test_id("stPlotlyChart")
    for i in range(charts.count()):
        if charts.nth(i).is_visible():
            expect(charts.nth(i).locator(".main-svg").first).to_be_visible()
    screenshot(page, f"dark-{shot_name(path)}")

    text = page.evaluate(
        CONTRAST_JS,
        [
            '[data-testid="stMain"]',
            'h1, [data-testid="stMetricValue"], [data-testid="stMarkdown"] p',
        ],
    )
    assert text["appLum"] < 0.1, f"the app is not dark with a dark system setting: {text['app']}"
    low = [t for t in text["items"] if t["ratio"] < 4.5]
    assert text["items"] and not low, f"text below 4.5:1 on the dark background: {low[:8]}"

    if charts.count():
        chart_text = page.evaluate(CONTRAST_JS, ['[data-testid="stPlotlyChart"]', CHART_TEXT])
        items = chart_text["items"]
        visible_charts = sum(charts.nth(i).is_visible() for i in range(charts.count()))
        if visible_charts:
            assert items, "no chart text found to check"
        low = [t for t in items if t["ratio"] < 3]
        assert not low, f"chart text below 3:1 in dark mode ({len(low)} of {len(items)}): {low[:8]}"
    assert_healthy(page, watch)
