"""A chart's image for a slide (#28.7): the camera button's PNG has an opaque white background
and dark text whatever the page's theme, nothing cut at its edges, and names the site with the
scenario's full link.

The image is the one the camera button downloads in Chromium; its SVG twin (the same button,
asked for SVG) is drawn in a blank page to measure every text against the image's bounds.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Locator, Page

from aicost.report.charts import EXPORT_WIDTH
from aicost.report.cite import SITE
from tests.e2e.conftest import ARTIFACTS, CURRENT, assert_healthy, page_url

pytestmark = pytest.mark.e2e

#: (page, link parameters): a two-line title with a legend above the plot, and a legend under
#: it with a long name ("Market quotes (data/prices.csv)", which the image cut).
CHARTS = {
    "overview": ("", f"rel={CURRENT}"),
    "price": ("training-cost", f"price=3.5&tc_chart=The+price+per+GPU-hour&rel={CURRENT}"),
}

#: The figure's texts as the page holds them: title, legend names, source note.
FIGURE_JS = """(gd) => ({
  title: gd.layout.title.text, subtitle: gd.layout.title.subtitle.text,
  legend: gd.data.filter((t) => t.showlegend !== false && t.name).map((t) => t.name),
})"""

#: Every text of an SVG drawn in the page, with its box, and the image's own size.
SVG_TEXTS_JS = """() => {
  const svg = document.querySelector('svg');
  const texts = [...svg.querySelectorAll('text')].filter((t) => t.textContent.trim());
  const frame = svg.getBoundingClientRect();
  return {width: frame.width, height: frame.height, texts: texts.map((t) => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, x: r.left - frame.left, y: r.top - frame.top,
            right: r.right - frame.left, bottom: r.bottom - frame.top};
  })};
}"""


def _download(page: Page, chart: Locator, fmt: str) -> bytes:
    """What the chart's camera button saves, as PNG or (asked for it) as SVG."""
    chart.scroll_into_view_if_needed()
    chart.hover()
    if fmt != "png":
        chart.locator(".js-plotly-plot").evaluate(
            "(gd, fmt) => { gd._context.toImageButtonOptions = "
            "{...gd._context.toImageButtonOptions, format: fmt}; }",
            fmt,
        )
    with page.expect_download() as download:
        chart.locator('.modebar-btn[data-title^="Download plot"]').click()
    return Path(download.value.path()).read_bytes()


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("which", list(CHARTS))
def test_a_charts_png_is_made_for_a_slide(app_server, browsing, which, scheme):
    path, query = CHARTS[which]
    url = page_url(app_server, path, query)
    page, watch = browsing.open(url, color_scheme=scheme, accept_downloads=True)
    chart = page.get_by_test_id("stPlotlyChart").first
    figure = chart.locator(".js-plotly-plot").evaluate(FIGURE_JS)

    png = Image.open(io.BytesIO(_download(page, chart, "png")))
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    png.save(ARTIFACTS / f"export-{which}-{scheme}.png")
    assert png.width == 2 * EXPORT_WIDTH, png.size  # at scale 2
    rgba = png.convert("RGBA")
    alphas = rgba.getchannel("A").getextrema()
    assert alphas == (255, 255), f"the image is not opaque: alpha {alphas}"
    white = (255, 255, 255, 255)
    w, h = rgba.size
    frame = [(x, y) for x in range(w) for y in (*range(8), *range(h - 8, h))]
    frame += [(x, y) for y in range(h) for x in (*range(8), *range(w - 8, w))]
    ink = [p for p in frame if rgba.getpixel(p) != white]
    assert not ink, f"something is cut at the image's edge (not background): {ink[:5]}"
    # dark text on white, whatever the page's theme: the title's pixels reach near-black
    darkest = min(_luminance(rgba.getpixel((x, y))[:3]) for x in range(w // 3) for y in range(60))
    assert (1.05) / (darkest + 0.05) >= 7, f"no dark text at the top: luminance {darkest}"

    # the same image as SVG: every text inside its bounds, and it says what the figure says
    svg = _download(page, chart, "svg").decode()
    blank, _ = browsing.new_page()
    blank.set_content(f"<body style='margin:0'>{svg}</body>")
    drawn = blank.evaluate(SVG_TEXTS_JS)
    assert drawn["width"] == 2 * EXPORT_WIDTH  # at scale 2, as the PNG
    out = [
        t
        for t in drawn["texts"]
        if t["x"] < -0.5 or t["y"] < -0.5
        or t["right"] > drawn["width"] + 0.5 or t["bottom"] > drawn["height"] + 0.5
    ]  # fmt: skip
    assert not out, f"text outside the image: {out}"
    texts = " | ".join(t["text"] for t in drawn["texts"])  # a text's lines run together
    for line in figure["title"].replace("<b>", "").replace("</b>", "").split("<br>"):
        assert line in texts, (line, texts)
    for name in figure["legend"]:
        assert name in texts, (name, texts)
    source = " ".join(figure["subtitle"].split("<br>"))
    assert source.startswith("Source: ")
    link = f"{app_server.url}/{path}?"
    assert f"{SITE}, data release {CURRENT}: {link}" in source, source
    for line in figure["subtitle"].split("<br>"):
        assert line in texts, (line, texts)
    assert_healthy(page, watch)
