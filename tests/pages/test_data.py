"""/data (pages/7_data.py): the computation (aicost.pages.data: every data file, filtered and
searched, its raw CSV, the methods with worked examples), and the page in AppTest (browse,
filter, search from the link, every release and its changelog).
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aicost.base.release import Store
from aicost.pages.data import scenario as sources
from tests.apptest import open_page
from tests.conftest import DATA, RELEASES

DATA_PAGE = "pages/7_data.py"
STORE = Store(RELEASES)
IDS = [r.id for r in STORE.releases]


def _open(**params: str) -> AppTest:
    at = open_page(DATA_PAGE, dict(params))
    assert not at.exception, [e.value for e in at.exception]
    return at


# ---- the computation ------------------------------------------------------------------------


def test_filter_rows(tables):
    figs = tables["figures"]
    assert len(sources.filter_rows(figs)) == len(figs)
    market = sources.filter_rows(figs, category_column="category", categories=["market"])
    assert set(market["category"]) == {"market"} and len(market) > 5
    derived = sources.filter_rows(figs, statuses=["derived"], confidences=["high", "medium"])
    assert set(derived["status"]) == {"derived"}
    assert set(derived["confidence"]) <= {"high", "medium"}
    hit = sources.filter_rows(figs, query="V3_COST_TOTAL")
    assert "v3_cost_total" in set(hit["id"])
    assert sources.filter_rows(figs, query="no such text anywhere").empty


def test_distinct_values_shown_values_and_column_order(tables):
    assert sources.distinct_values(tables["prices"], "kind") == ["purchase", "rental"]
    shown = sources.with_shown_values(tables["figures"])
    row = shown[shown["id"] == "v3_gpu_hours_total"].iloc[0]
    assert row["shown"] == "2.79M GPU-hours"
    order = sources.column_order(tables["figures"])
    assert order[:2] == ["label", "date"] and "source_url" in order[:8]
    assert order.index("id") == order.index("source_url") + 1, "the id after the source"
    assert set(order) == set(shown.columns)


@pytest.mark.parametrize("name", ["figures", "events", "gpus", "prices", "models"])
def test_raw_csv_is_the_shipped_file(name):
    assert sources.raw_csv(DATA, name) == (DATA / f"{name}.csv").read_bytes()
    frame = pd.read_csv(DATA / f"{name}.csv")
    assert sources.CATEGORY_COLUMN[name] in frame.columns


def test_raw_csv_refuses_other_files():
    with pytest.raises(KeyError):
        sources.raw_csv(DATA, "../pyproject")


def test_methods_have_worked_examples_and_sources(tables):
    methods = sources.methods(tables)
    assert [m.name for m in methods] == [
        "Rental",
        "Compute (6ND)",
        "MFU",
        "Ownership (Epoch AI)",
        "Fleet capex",
    ]
    assert methods[0].example == "2.79M GPU-hours × $2.00/GPU-hour = $5.576M"
    assert "3.29e24 FLOP" in methods[1].example
    assert "17.3%" in methods[2].example
    assert methods[3].example.endswith("$2.12 per GPU-hour")
    assert "287×" in methods[4].example
    for m in methods:
        assert m.formula and m.source_name and m.source_url.startswith("http")
        assert "nan" not in m.example.lower() and "inf" not in m.example.lower()


# ---- the page -------------------------------------------------------------------------------


def test_data_page_browses_every_file(tables):
    at = _open()
    frame = at.dataframe[0].value
    assert len(frame) == len(tables["figures"])
    assert "shown" in frame.columns and "source_url" in frame.columns
    downloads = at.get("download_button")
    assert len(downloads) == len(sources.data_files())
    assert "Methodology" in [h.value for h in at.header]
    assert "Leaves out" in " ".join(m.value for m in at.markdown)


def test_data_page_file_and_search_from_the_link(tables):
    at = _open(file="events", q="h20")
    frame = at.dataframe[0].value
    assert 0 < len(frame) < len(tables["events"])
    assert "h20_license_informed" in set(frame["id"])
    rows_text = frame.astype(str).apply(" ".join, axis=1).str.lower()
    assert rows_text.str.contains("h20").all()


def test_data_page_filters(tables):
    at = _open()
    at.multiselect(key="cat_figures").set_value(["market"]).run()
    frame = at.dataframe[0].value
    assert set(frame["category"]) == {"market"}
    status = next(b for b in at.get("button_group") if b.key == "status_figures")
    status.set_value(["derived"]).run()
    frame = at.dataframe[0].value
    assert set(frame["status"]) == {"derived"} and set(frame["category"]) == {"market"}


def test_a_bad_file_and_an_unknown_parameter_are_named():
    """One readable example (the link fuzz tries every kind on every page)."""
    at = _open(file="nonsense", zzz="1")
    (note,) = [w.value for w in at.warning]
    assert note.startswith("Some values in this link were ignored")
    assert "`file`" in note and "`zzz`" in note
    assert any("rows of figures.csv" in c.value for c in at.caption), "the first file instead"


def test_data_page_with_an_empty_file_parameter_shows_the_first_file():
    """Regression: `/data?file=` (a mangled paste) raised KeyError: None."""
    at = open_page(DATA_PAGE, {"file": ""})
    assert not at.exception
    notes = [w.value.splitlines()[1:] for w in at.warning]
    assert notes == [["- `file`: empty; showing the data file 'figures'"]]
    assert any("rows of figures.csv" in c.value for c in at.caption)
    assert at.dataframe, "the figures table is shown"


def test_the_data_page_lists_every_release_and_its_changelog():
    at = open_page(DATA_PAGE)
    assert not at.exception
    assert any(h.value == "Releases and changelog" for h in at.header)
    listed = [m.value for m in at.markdown if m.value.startswith("**Release ")]
    assert [m.split("**")[1] for m in listed] == [f"Release {i}" for i in reversed(IDS)]
    assert "(http://localhost" in listed[0] or "(/app/static/" in listed[0]
    assert f"/app/static/{IDS[-1]}/figures.csv)" in listed[0]
    frames = [d.value for d in at.dataframe]
    log = next(f for f in frames if "why" in f.columns)
    assert len(log) == sum(len(STORE.changelog(i)) for i in IDS)
    assert any(f"/app/static/{IDS[-1]}/figures.csv" in c.value for c in at.code)


def test_the_data_has_its_own_bibtex_and_its_code_has_no_colours_that_fail_contrast():
    """/data cites the dataset itself (not only a scenario), each citation with a copy button;
    its pandas snippet is plain text: Streamlit's syntax colours are 2.96:1 to 4.12:1 on its
    code block (axe-core's colour-contrast, tests/e2e/test_accessibility.py)."""
    current = Store(RELEASES).current
    at = open_page("pages/7_data.py")
    assert not at.exception
    bib = next(c.value for c in at.code if c.value.startswith("@dataset{"))
    assert bib.startswith(f"@dataset{{whatdeepseekcost_data_rel{current.id},")
    assert f"version      = {{{current.id}}}" in bib and f"date         = {{{current.date}}}" in bib
    assert f"url          = {{/app/static/{current.id}/}}" in bib
    keys = {str(e.key) for e in at.get("bidi_component")}
    assert {"copy_data_text", "copy_data_bib"} <= keys
    snippet = next(c for c in at.code if "pd.read_csv" in c.value)
    assert snippet.language == "plaintext", "no syntax colours"
