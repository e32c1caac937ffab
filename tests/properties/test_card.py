"""The link-preview card (aicost/report/card.py): a 1200x630 PNG of each page's result that
says the page's own numbers, keeps every text inside the card and its column, reads as a
thumbnail, and is the same bytes for the same result. Timing is bench/card.py's, not here."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import io
import itertools
import re
import subprocess
import sys
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image, ImageColor

from aicost.base.release import Store
from aicost.report import card, typeset
from aicost.report.charts import HIGHLIGHT, NEUTRAL
from aicost.report.page import PageResult, open_link
from aicost.site import BY_PATH, PAGES
from tests.conftest import RELEASES, ROOT

STORE = Store(RELEASES)
SITE = "https://deepseek-cost.example"
HOSTILE = "/training-cost?price=%3Cscript%3E"
#: every page at its defaults, and scenarios: a changed value, a link made before releases,
#: a hostile value, a link too long for one line, a search full of control characters
LINKS = [p.url for p in PAGES] + [
    "/training-cost?price=3.5&rel=3",
    "/training-cost?price=3.5",
    "/gpu-capex?a100_n=20000",
    HOSTILE,
    "/gpu-capex?a100_n=20000&h800_n=12345&h100_n=30000&h20_n=5000&a100_usd=14000"
    "&h800_usd=31000&h100_usd=28000&h20_usd=12000&srv=1.5&years=4",
    "/data?q=%E2%80%AE%3Cb%3Ex%3C/b%3E%0A%0Dline%09two" + "%20long" * 40,
    "/reconcile?rec_price=4",
    "/compare?cmp_price=3",
]


def _result(link: str) -> PageResult:
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True)
    return open_link(BY_PATH[parts.path.strip("/")], query, STORE, STORE.tables)


@pytest.fixture(scope="module", params=LINKS)
def case(request) -> tuple[PageResult, card.Layout]:
    result = _result(request.param)
    return result, card.layout(result, SITE)


def test_the_card_is_a_1200_by_630_png():
    png = card.render(_result("/training-cost?price=3.5&rel=3"), SITE)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG" and image.size == (1200, 630) == (card.WIDTH, card.HEIGHT)
    assert image.mode == "P"  # a palette image: small
    image.load()  # decodes whole


@pytest.mark.parametrize("link", LINKS)
def test_every_card_decodes_to_1200_by_630(link):
    png = card.render(_result(link), SITE)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(io.BytesIO(png)) as image:
        image.load()
        assert image.size == (1200, 630)


def test_the_card_says_the_pages_numbers(case):
    result, _ = case
    text = card.card_text(result, SITE)
    assert text.title == result.page.title
    if result.figures:
        assert text.headline == result.lead.text
        assert text.headline_label == result.lead.label
    else:
        assert text.headline == text.headline_label == ""
    assert text.bars == tuple((b.label, b.text) for b in result.body.bars)
    assert text.release == f"Data release {result.release.id}, {result.release.date}"
    assert text.release == "Data release 3, 2026-11-30" or result.release.id != "3"
    if len(result.link) < 80:  # a link that fits is printed whole, after the site's host
        assert text.link_text == "deepseek-cost.example" + result.link
    else:
        assert ("deepseek-cost.example" + result.link).startswith(text.link_text.rstrip("…"))
    # the finding (on a page without figures: its statement), word for word, in its lines
    said = result.finding if result.figures else result.statement
    assert " ".join(text.finding) == " ".join(said.split())
    if result.page.title != card.SITE_TITLE:
        assert text.site == card.SITE_TITLE
    else:
        assert card.SITE_TITLE in text.strings()


def test_the_training_cost_scenario_card():
    text = card.card_text(_result("/training-cost?price=3.5&rel=3"), SITE)
    assert (text.headline_label, text.headline) == ("Training cost", "$9.76M")
    assert text.link == ("deepseek-cost.example/training-cost?price=3.5&rel=3",)
    assert text.release == "Data release 3, 2026-11-30"
    assert text.bars == (("This scenario", "$9.76M"), ("DeepSeek's figure", "$5.576M"))
    assert text.key == ("This scenario", "Sourced") and text.scale == ""


def test_a_hostile_value_is_ignored_and_nothing_is_read_as_markup():
    result = _result(HOSTILE)
    text = card.card_text(result, SITE)
    assert result.link == f"/training-cost?rel={STORE.current.id}"
    assert text.headline == "$5.58M"  # the default price's
    assert not any("<" in s or "script" in s for s in text.strings())


def test_control_and_bidi_characters_never_reach_the_card(case):
    result, lay = case
    for item in lay.texts():
        assert item.text == item.text.strip() and "  " not in item.text
        bad = [c for c in item.text if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")]
        assert not bad, (item.role, item.text)


def test_clean_drops_what_could_move_or_break_text():
    assert card.clean("a\nb\r\n\tc\u202ed\u200b e\u2028f") == "a b cd e f"
    assert card.clean("<b>$5</b>") == "<b>$5</b>"  # drawn as it reads, not interpreted


def test_no_text_runs_outside_the_card_or_into_another(case):
    _, lay = case
    texts = lay.texts()
    for item in texts:
        x0, y0, x1, y1 = item.box
        # inside the margins (a glyph's side bearing may reach a pixel or two past them)
        assert card.MARGIN - 3 <= x0 and x1 <= card.WIDTH - card.MARGIN + 3, item
        assert card.ACCENT < y0 and y1 <= card.HEIGHT - 20, item
    for a, b in itertools.combinations(texts, 2):
        assert not _overlap(a.box, b.box), (a, b)
    shapes = [i for i in lay.items if i.role in ("bar", "track", "swatch", "rule")]
    for text, shape in itertools.product(texts, shapes):
        assert not _overlap(text.box, shape.box), (text, shape)


def test_the_left_column_stays_clear_of_the_chart(case):
    _, lay = case
    chart = [i.box for i in lay.items if i.role in ("bar", "bar-label", "bar-value", "key")]
    if not chart:
        return
    chart_left = min(box[0] for box in chart)
    for item in lay.texts():
        if item.role in ("headline", "headline-label", "finding"):
            assert item.box[2] <= chart_left - 24, item


def test_every_text_reads_on_a_phone_and_the_headline_is_large(case):
    result, lay = case
    assert min(i.size for i in lay.texts()) >= card.MIN_TEXT == 28
    if result.figures:
        (headline,) = lay.texts("headline")
        height = headline.box[3] - headline.box[1]
        assert height >= 0.1 * card.HEIGHT, headline
        # the largest text on the card
        assert headline.size == max(i.size for i in lay.texts())
    else:
        assert min(i.size for i in lay.texts("finding")) >= 32


def test_a_page_without_figures_shows_its_statement_large():
    for path in ("timeline", "data"):
        result = _result(f"/{path}")
        assert not result.figures
        text = card.card_text(result, SITE)
        assert text.title == result.page.title and text.headline == ""
        assert " ".join(text.finding) == result.statement
        assert result.finding.startswith(result.statement.rstrip("."))
        assert text.release and text.link_text.endswith(result.link)
        finding = card.layout(result, SITE).texts("finding")
        assert finding[0].size >= 40 and finding[0].weight == card.BOLD


def test_the_bars_are_the_scenarios_highlighted_and_the_sourced_neutral():
    lay = card.layout(_result("/gpu-capex"), SITE)
    bars = [i.fill for i in lay.items if i.role == "bar"]
    assert bars == [HIGHLIGHT, HIGHLIGHT, NEUTRAL, NEUTRAL]
    # values from $5.6M to $1.6B: a log scale, and the card says so
    assert lay.log_scale and lay.text("scale") == "Log scale: each segment is 10×"
    plain = card.layout(_result("/training-cost"), SITE)
    assert not plain.log_scale and not plain.texts("scale")


def test_log_bars_are_whole_decades_and_keep_their_order():
    result = _result("/reconcile")
    bars = result.body.bars
    assert card.log_scale(bars)
    shares = card._shares(bars, log=True)
    assert all(0 < s <= 1 for s in shares)
    order = sorted(range(len(bars)), key=lambda k: bars[k].value)
    assert sorted(shares) == [shares[k] for k in order]
    assert card._ticks(bars) == pytest.approx([k / 5 for k in range(1, 5)])  # 1e5..1e10


def test_a_finding_too_long_is_cut_after_a_whole_word_with_an_ellipsis():
    result = _result("/compare")
    long = " ".join([result.finding] * 3)
    text = card.card_text(_with_finding(result, long), SITE)
    last = text.finding[-1]
    assert last.endswith("…")
    shown = " ".join(text.finding)[: -len("…")]
    assert long.startswith(shown) and long[len(shown)] == " "
    # and a finding that fits is never cut
    assert not card.card_text(result, SITE).finding[-1].endswith("…")


def test_a_long_finding_takes_room_from_the_chart_before_it_is_cut():
    # /compare's finding is 271 characters: whole, beside a narrower chart
    result = _result("/compare")
    lay = card.layout(result, SITE)
    assert " ".join(i.text for i in lay.texts("finding")) == result.finding
    chart_left = min(i.box[0] for i in lay.items if i.role == "bar")
    assert chart_left > card.WIDTH - card.MARGIN - card.CHART_WIDTHS[0]


def test_more_bars_than_lines_show_the_first_and_say_how_many_more():
    result = _result("/reconcile")
    many = tuple(
        dataclasses.replace(b, label=f"{b.label} {k}") for k in range(2) for b in result.body.bars
    )
    result = dataclasses.replace(result, body=dataclasses.replace(result.body, bars=many))
    text = card.card_text(result, SITE)
    assert 0 < len(text.bars) < len(many)
    assert [v for _, v in text.bars] == [b.text for b in many[: len(text.bars)]]
    assert text.more == f"and {len(many) - len(text.bars)} more"
    test_no_text_runs_outside_the_card_or_into_another((result, card.layout(result, SITE)))


def test_the_same_result_gives_the_same_bytes():
    result = _result("/gpu-capex?a100_n=20000")
    assert card.render(result, SITE) == card.render(result, SITE)


def test_a_fresh_process_draws_the_same_bytes():
    link = "/reconcile"
    code = (
        "import sys, hashlib\n"
        "from tests.properties.test_card import _result, SITE\n"
        "from aicost.report import card\n"
        f"sys.stdout.write(hashlib.sha256(card.render(_result({link!r}), SITE)).hexdigest())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout  # fmt: skip
    import hashlib

    assert out == hashlib.sha256(card.render(_result(link), SITE)).hexdigest()


def test_text_colours_pass_wcag_aa_and_bars_3_to_1():
    background = ImageColor.getrgb(card.BACKGROUND)
    for colour in (card.INK, card.TEXT, card.MUTED, card.BRAND):
        assert _contrast(colour, background) >= 4.5, colour
    for colour in (card.OURS, card.SOURCED):
        assert _contrast(colour, background) >= 3.0, colour
    lay = card.layout(_result("/reconcile"), SITE)
    assert {i.fill for i in lay.texts()} <= {card.INK, card.TEXT, card.MUTED, card.BRAND}


def test_every_pixel_is_a_palette_shade(case):
    result, lay = case
    image = card.draw(lay)
    palette = image.getpalette() or []
    assert image.mode == "P" and len(palette) // 3 == 1 + 8 * 15
    used = {index for _, index in image.getcolors() or []}
    assert 0 in used and max(used) < len(palette) // 3


def test_the_font_is_the_apps_own_from_the_installed_streamlit():
    path = card.font_file()
    assert path is not None, "Streamlit moved Source Sans 3: update typeset._STREAMLIT_FONT"
    assert card.font(40, card.BOLD).getname()[0].startswith("SourceSans3")
    # it has every character the pages' figures use
    font = card.font(40)
    notdef = font.getmask("\uffff").getbbox()
    for ch in "×–−…·$€%,.’":
        assert font.getmask(ch).getbbox() != notdef, ch


def test_without_the_font_the_card_falls_back_to_pillows_own(monkeypatch):
    monkeypatch.setattr(typeset, "font_bytes", lambda: None)
    _clear_font_caches()
    try:
        result = _result("/gpu-capex")
        text = card.card_text(result, SITE)
        assert text.headline == result.lead.text
        assert "274x" in " ".join(text.finding)  # Aileron has no "×"
        lay = card.layout(result, SITE)
        for item in lay.texts():
            assert card.MARGIN - 3 <= item.box[0] and item.box[2] <= card.WIDTH - card.MARGIN + 3
        with Image.open(io.BytesIO(card.render(result, SITE))) as image:
            assert image.size == (1200, 630)
    finally:
        monkeypatch.undo()
        _clear_font_caches()


def test_pillow_is_pinned_at_the_installed_version():
    pinned = re.search(r"^pillow==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    assert pinned and pinned.group(1) == importlib.metadata.version("pillow")


# ---- helpers ----------------------------------------------------------------------------------


def _overlap(a: tuple[int, int, int, int], b: tuple[int, int, int, int]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _luminance(rgb: tuple[int, ...]) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(colour: str, background: tuple[int, ...]) -> float:
    a, b = _luminance(ImageColor.getrgb(colour)), _luminance(background)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)


def _with_finding(result: PageResult, finding: str) -> PageResult:
    return dataclasses.replace(result, body=dataclasses.replace(result.body, finding=finding))


def _clear_font_caches() -> None:
    card.font.cache_clear()
    typeset.ref_length.cache_clear()
