"""AppTest of the story pages: each shows its key figures from the data (that every page runs
clean is tests/test_smoke.py's)."""

from __future__ import annotations

import ast
import re

import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt
from aicost.base.release import store
from aicost.base.text import escape_markdown
from aicost.pages.compare import scenario as compare
from aicost.pages.data import scenario as sources
from aicost.pages.overview import scenario as overview
from aicost.site import PAGES
from aicost.ui.paint import SIGNAL_KEY

from .apptest import held, open_page
from .conftest import ROOT


def _open(page: str = "app.py", *, opened: str = "", **params: str) -> AppTest:
    """Open a page with these link parameters; ``opened``: the key of a source table to open."""
    at = open_page(page, dict(params), opened={opened: True} if opened else None)
    assert not at.exception, [e.value for e in at.exception]
    return at


def _metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


# ---------------------------------------------------------------------------------------------
# Overview


def test_overview_metrics_are_the_data_rows(tables):
    at = _open()
    shown = _metrics(at)
    for row_id, label, _counts in overview.HEADLINE_SPECS:
        row = tables.row(row_id)
        assert shown[label] == fmt.by_unit(tables.value(row_id), str(row["unit"]))
    assert shown["V3 training run, as claimed"] == "$5.576M"
    assert shown["Server capex (SemiAnalysis)"] == "$1.6B"
    helps = [m.help for m in at.metric]
    assert all(h and "Source:" in h for h in helps)


STORE = store()


def test_overview_frames_the_question_and_links_every_page():
    at = _open()
    assert at.subheader[0].value == escape_markdown("Was it $5.6M, or $500M+, or $1.6B?")
    links = at.main.get("page_link")
    targets = {link.proto.page for link in links}
    assert {p.path for p in PAGES[1:]} <= targets
    sources = [link.proto for link in links if link.proto.label == "Its row and full quote"]
    # the release the overview shows, so the row opens as the reader saw it (#28)
    assert [p.query_string for p in sources] == [
        f"file=figures&q={spec[0]}&rel={STORE.current.id}" for spec in overview.HEADLINE_SPECS
    ]
    assert {p.page for p in sources} == {"data"}
    assert "Leaves out" in " ".join(m.value for m in at.markdown)


def _numbers_and_strings(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstring = ast.get_docstring(tree)
    numbers, strings = [], []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and not isinstance(node.value, bool):
            if isinstance(node.value, int | float):
                numbers.append(node.value)
            elif isinstance(node.value, str) and node.value != docstring:
                strings.append(node.value)
    return numbers, strings


def test_overview_has_no_hard_coded_figures():
    numbers, strings = _numbers_and_strings(ROOT / "app.py")
    assert all(abs(n) <= 10 for n in numbers), numbers
    money = re.compile(r"\$\s?\d|\d\s?(?:million|billion|trillion)\b|\d[\d,.]*\s?[KMBT]\b", re.I)
    assert not [s for s in strings if money.search(s)]
    # and every figure it shows is a data row: no arithmetic in the page either
    tree = ast.parse((ROOT / "app.py").read_text(encoding="utf-8"))
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.BinOp)]


# ---------------------------------------------------------------------------------------------
# Timeline


def test_source_tables_are_made_only_when_opened():
    for page, key in (("pages/5_market.py", "market_sources"),
                      ("pages/6_compare.py", "compare_sources")):  # fmt: skip
        closed = _open(page)
        assert not closed.dataframe, page  # no table, so no table code for the browser to load
        assert any(e.label.startswith(("Every", "The three")) for e in closed.expander), page
        assert len(_open(page, opened=key).dataframe) == 1, page
    closed = _open("pages/4_timeline.py")
    assert not closed.table and not closed.dataframe
    assert len(_open("pages/4_timeline.py", opened="timeline_sources").table) == 1


def test_the_timeline_draws_its_chart_in_the_first_run_and_the_market_after_its_numbers():
    """The timeline's chart is its answer (no figures above it): drawn at once. The market's
    numbers come first; its inputs and chart once the browser has painted them."""
    timeline = open_page("pages/4_timeline.py", painted=False)
    assert len(timeline.get("plotly_chart")) == 2 and not held(timeline)
    market = open_page("pages/5_market.py", painted=False)
    assert market.metric and not market.get("plotly_chart") and not market.number_input
    assert held(market) == [SIGNAL_KEY]


def test_timeline_shows_every_event_and_filters(tables):
    at = _open("pages/4_timeline.py", opened="timeline_sources")
    assert len(at.get("plotly_chart")) == 2  # the labelled steps and the chip ceiling
    frame = at.table[0].value
    assert len(frame) == len(tables["events"])
    assert frame["link"].str.startswith("[open source](https://").all()
    pills = at.get("button_group")[0]
    pills.set_value(["policy"]).run()
    assert not at.exception
    frame = at.table[0].value
    assert set(frame["category"]) == {"Policy"}
    assert "2022\\-10\\-07" in set(frame["date"])  # markdown-escaped cells
    pills.set_value([]).run()
    assert len(at.get("plotly_chart")) == 1 and "Choose at least one" in at.info[0].value


def test_timeline_answers_what_china_could_buy(tables):
    # release 3's US-only reading (a link to it keeps it); release 4's: tests/test_legality.py
    at = _open("pages/4_timeline.py", opened="timeline_legality", rel="3")
    text = " ".join(m.value for m in at.markdown)
    assert "2023\\-11\\-09 to 2025\\-04\\-09: H20" in text
    legality = at.table[0].value
    mid_2024 = legality[legality["from"] == "2023\\-11\\-09"].iloc[0]
    assert mid_2024["H20"] == "legal" and mid_2024["H800"] == "license needed"


# ---------------------------------------------------------------------------------------------
# Market


def test_market_defaults(tables):
    at = _open("pages/5_market.py", opened="market_sources")
    shown = _metrics(at)
    assert shown["Close before"] == "$142.62"
    assert shown["Close after"] == "$118.42"
    assert shown["Change in price"] == "-16.97%"
    assert shown["Change in market value"] == "-$589B"
    assert shown["The article's figure"] == "$589B"
    assert shown["Reuters, LSEG data"] == "$592.7B"
    assert shown["The Epoch Times"] == "$593.7B"
    assert shown["US stocks, one day, about"] == "$1T"
    ratio = 24.34e9 * (142.62 - 118.42) / tables.value("v3_cost_total")
    assert shown["Drop ÷ V3 training claim"] == fmt.multiple(ratio)
    assert len(at.get("plotly_chart")) == 1
    implied = at.dataframe[0].value["implied shares"].tolist()
    assert implied == ["24.34B", "24.49B", "24.62B"]


def test_market_share_count_from_the_link_recomputes_the_loss():
    at = _open("pages/5_market.py", mkt_shares="24.49")
    assert at.number_input(key="mkt_shares").value == pytest.approx(24.49)
    assert _metrics(at)["Change in market value"] == fmt.usd(-24.49e9 * 24.20)


def test_market_price_input_recomputes():
    at = _open("pages/5_market.py")
    at.number_input(key="mkt_after").set_value(100.0).run()
    assert not at.exception
    assert _metrics(at)["Change in market value"] == fmt.usd(-24.34e9 * 42.62)
    assert _metrics(at)["Change in price"] == fmt.percent((100 - 142.62) / 142.62, 2)


# ---------------------------------------------------------------------------------------------
# Compare


def test_compare_defaults():
    at = _open("pages/6_compare.py", opened="compare_sources")
    shown = _metrics(at)
    assert shown["DeepSeek-V3"] == "$5.58M"
    assert shown["Llama 3.1 405B"] == "$61.7M"
    assert len(at.get("plotly_chart")) == 1
    table = at.dataframe[0].value
    assert {"what it counts", "link", "figure"} <= set(table.columns)
    assert "Gemini 1.0 Ultra" in set(table["model"])


def test_compare_assumption_lives_in_the_link():
    at = _open("pages/6_compare.py", cmp_price="3")
    assert _metrics(at)["DeepSeek-V3"] == fmt.usd(2.788e6 * 3)
    link = at.code[0].value
    assert "cmp_price=3" in link


def test_compare_compute_basis():
    at = _open("pages/6_compare.py", opened="compare_sources", cmp_basis="compute", cmp_mfu="40")
    assert at.slider(key="cmp_mfu").value == 40.0
    assert at.radio(key="cmp_gpu").value == "H100"
    table = at.dataframe[0].value
    grok = table[(table["model"] == "Grok-3") & (table["figure"] == compare.RECOMPUTED)]
    assert len(grok) == 1


def test_compare_ignores_a_bad_link_value():
    at = _open("pages/6_compare.py", cmp_price="abc")
    assert _metrics(at)["DeepSeek-V3"] == "$5.58M"
    assert at.warning and "cmp_price" in at.warning[0].value


# ---------------------------------------------------------------------------------------------
# Data and sources


def test_data_page_browses_every_file(tables):
    at = _open("pages/7_data.py")
    frame = at.dataframe[0].value
    assert len(frame) == len(tables["figures"])
    assert "shown" in frame.columns and "source_url" in frame.columns
    downloads = at.get("download_button")
    assert len(downloads) == len(sources.data_files())
    assert "Methodology" in [h.value for h in at.header]
    assert "Leaves out" in " ".join(m.value for m in at.markdown)


def test_data_page_file_and_search_from_the_link(tables):
    at = _open("pages/7_data.py", file="events", q="h20")
    frame = at.dataframe[0].value
    assert 0 < len(frame) < len(tables["events"])
    assert "h20_license_informed" in set(frame["id"])
    rows_text = frame.astype(str).apply(" ".join, axis=1).str.lower()
    assert rows_text.str.contains("h20").all()


def test_data_page_filters(tables):
    at = _open("pages/7_data.py")
    at.multiselect(key="cat_figures").set_value(["market"]).run()
    frame = at.dataframe[0].value
    assert set(frame["category"]) == {"market"}
    status = next(b for b in at.get("button_group") if b.key == "status_figures")
    status.set_value(["derived"]).run()
    frame = at.dataframe[0].value
    assert set(frame["status"]) == {"derived"} and set(frame["category"]) == {"market"}


@pytest.mark.parametrize(
    ("script", "link", "named"),
    [
        ("pages/7_data.py", {"file": "nonsense", "zzz": "1"}, ["file", "zzz"]),
        ("pages/4_timeline.py", {"zzz": "1"}, ["zzz"]),
        ("app.py", {"zzz": "1"}, ["zzz"]),
    ],
)
def test_every_page_names_the_parameter_it_ignored(script, link, named):
    """The same shell on every page (ui.page): a link's unusable parameter is named in a
    note, and the page still shows what it shows without it."""
    at = open_page(script, link)
    assert not at.exception
    (note,) = [w.value for w in at.warning]
    assert note.startswith("Some values in this link were ignored")
    assert [n for n in named if f"`{n}`" in note] == named
