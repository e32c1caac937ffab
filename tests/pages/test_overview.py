"""/ (app.py): the overview's computation (aicost.pages.overview: the headline figures are the
data rows, their ratios and what each counts), its chart, its finding, and the page in AppTest
(every figure from the data with its source, no figure typed into the script).
"""

from __future__ import annotations

import ast
import math
import re

import pytest
from streamlit.testing.v1 import AppTest

from aicost.base import fmt
from aicost.base.release import store
from aicost.base.text import escape_markdown
from aicost.pages.market import scenario as market
from aicost.pages.overview import charts as overview_charts
from aicost.pages.overview import finding as overview_finding
from aicost.pages.overview import scenario as overview
from aicost.site import PAGES
from tests.apptest import finding, metric, open_page
from tests.conftest import ROOT, assert_chart_basics, release_tables


def _open(**params: str) -> AppTest:
    at = open_page("app.py", dict(params))
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---- the computation ------------------------------------------------------------------------


def test_headlines_are_the_data_rows_formatted(tables):
    items = overview.headlines(tables)
    assert [h.id for h in items] == [spec[0] for spec in overview.HEADLINE_SPECS]
    for h in items:
        row = tables.row(h.id)
        assert h.value == tables.value(h.id)
        assert h.shown == fmt.by_unit(tables.value(h.id), str(row["unit"]))
        assert h.source_name == row["source_name"] and h.source_url.startswith("http")
        assert h.source_short and len(h.source_short) <= 29
        assert "Source:" in h.help and h.id in h.help
        assert "{" not in h.counts, "an unfilled template field"
    shown = {h.id: h.shown for h in items}
    assert shown["v3_cost_total"] == "$5.576M"
    assert shown["semianalysis_server_capex"] == "$1.6B"
    assert shown["nvda_mcap_loss_589"] == "$589B"


def test_headline_help_escapes_dollars_for_markdown(tables):
    v3 = overview.headlines(tables)[0]
    assert "\\$2\\.00" in v3.help  # "$2.00/GPU-hour" would start LaTeX in markdown
    assert "$2.00" not in v3.help.replace("\\$2\\.00", "")


def test_framing_question_comes_from_the_data(tables):
    assert overview.framing(tables) == "Was it $5.6M, or $500M+, or $1.6B?"


def test_ratios_are_computed_not_typed(tables):
    r = overview.ratios(tables)
    assert r.capex_x == pytest.approx(1.6e9 / 5.576e6)
    assert round(r.capex_x) == 287
    assert 100_000 < r.nvidia_drop_x < 110_000
    sentence = overview.ratio_sentence(tables)
    assert fmt.multiple(r.capex_x) in sentence and fmt.multiple(r.nvidia_drop_x) in sentence


def test_chunks_and_page_blurbs():
    assert overview.chunks(list("abcdefg"), 3) == [list("abc"), list("def"), ["g"]]
    assert overview.chunks([], 3) == []

    assert all(p.blurb for p in PAGES[1:])


def test_scopes_say_what_each_number_counts(tables):
    text = overview.scope_markdown(tables)
    assert text.count("\n- ") == len(overview.SCOPES) - 1
    assert "Leaves out" in text and "\\$5\\.576M" in text
    assert "$5" not in text.replace("\\$5", "")
    # every headline card on the overview is in the list
    assert {row_id for row_id, _in, _out in overview.SCOPES} == {
        item.id for item in overview.headlines(tables)
    }


def test_headlines_are_finite(tables):
    for h in overview.headlines(tables):
        assert math.isfinite(h.value) and h.shown != fmt.DASH


def test_overview_and_market_share_one_ratio(tables):
    m = market.market_drop(market.inputs(tables), tables)
    assert fmt.multiple(overview.ratios(tables).nvidia_drop_x) == fmt.multiple(m.drop_vs_claim)


# ---- the chart ------------------------------------------------------------------------------


def test_headline_scale_puts_the_six_figures_on_one_log_axis(tables):
    items = overview.headlines(tables)
    fig = overview_charts.headline_scale(items, source=overview.OVERVIEW_SOURCE)
    assert_chart_basics(fig)
    assert fig.layout.xaxis.type == "log"
    bars = {y: x for t in fig.data for x, y in zip(t.x, t.y, strict=True)}
    assert len(bars) == 6
    assert bars["R1's RL stage"] == 294e3 and bars["V3's final run"] == 5.576e6
    assert bars["Nvidia's drop"] == 589e9 and bars["US stocks' drop"] == 1e12
    assert [t.name for t in fig.data] == list(overview.KINDS.values())
    hover = " ".join(h for t in fig.data for h in t.customdata)
    assert hover.count("Source:") == 6


# ---- the page -------------------------------------------------------------------------------


def test_overview_metrics_are_the_data_rows(tables):
    at = _open()
    shown = {m.label: m.value for m in at.metric}
    for row_id, label, _counts in overview.HEADLINE_SPECS:
        row = tables.row(row_id)
        assert shown[label] == fmt.by_unit(tables.value(row_id), str(row["unit"]))
    assert shown["V3 training run, as claimed"] == "$5.576M"
    assert shown["Server capex (SemiAnalysis)"] == "$1.6B"
    helps = [m.help for m in at.metric]
    assert all(h and "Source:" in h for h in helps)


def test_overview_frames_the_question_and_links_every_page():
    at = _open()
    assert at.subheader[0].value == escape_markdown("Was it $5.6M, or $500M+, or $1.6B?")
    links = at.main.get("page_link")
    targets = {link.proto.page for link in links}
    assert {p.path for p in PAGES[1:]} <= targets
    sources = [link.proto for link in links if link.proto.label == "Its row and full quote"]
    # the release the overview shows, so the row opens as the reader saw it (#28)
    assert [p.query_string for p in sources] == [
        f"file=figures&q={spec[0]}&rel={store().current.id}" for spec in overview.HEADLINE_SPECS
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


def test_a_link_parameter_the_overview_lacks_is_named():
    """One readable example (the link fuzz tries every kind on every page): the page shows
    what it shows, and names the parameter it ignored."""
    at = _open(zzz="1")
    (note,) = [w.value for w in at.warning]
    assert note.startswith("Some values in this link were ignored") and "`zzz`" in note
    assert metric(at, "V3 training run, as claimed") == "$5.576M"


# ---- the finding, in words ------------------------------------------------------------------


def test_the_overview_links_each_figure_to_its_original_source():
    at = open_page("app.py", {"rel": "2"})
    links = [m.value for m in at.markdown if m.value.startswith(":material/link: Source:")]
    assert len(links) == len(at.metric) and all("](https://" in v for v in links)


@pytest.mark.parametrize("release", ["1", "2"])
def test_the_overview_finding_carries_the_cards_and_the_ratio_box(release):
    at = open_page("app.py", {"rel": release})
    assert not at.exception
    text = finding(at)
    tables = release_tables(release)
    r = overview.ratios(tables)
    assert text == overview_finding.overview(overview.headlines(tables), r)
    # the figures as their cards show them, the multiples as the ratio box under the cards
    claim, capex = (
        metric(at, "V3 training run, as claimed"),
        metric(at, "Server capex (SemiAnalysis)"),
    )
    assert f"{capex} server-capex estimate" in text and f"DeepSeek's {claim} training" in text
    box = next(i.value.replace("\\", "") for i in at.info if "the training claim" in i.value)
    for multiple in (fmt.multiple(r.capex_x), fmt.multiple(r.nvidia_drop_x)):
        assert multiple in text and multiple in box, multiple
    assert text.strip("*") in at.get("plotly_chart")[0].proto.alt
