"""Which release a page shows (ui.page, the same on every page): a bare page the current one, a
link its own or, made before releases, release 1 with what changed since; a bad or broken
release is named. The store and cutting a release are tests/base/test_release.py's.
"""

from __future__ import annotations

import re
import shutil

import pytest

from aicost.base import release
from aicost.report import offline
from aicost.report.page import open_link
from aicost.site import BY_PATH, PAGES
from tests.apptest import metric, open_page
from tests.conftest import DATA, RELEASES, edit_data, note_change

STORE = release.Store(RELEASES)
TRAINING, CAPEX = "pages/1_training-cost.py", "pages/2_gpu-capex.py"


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: without the escapes that keep data text literal."""
    return re.sub(r"\\(.)", r"\1", markdown)


def test_a_bare_page_opens_on_the_current_release_and_says_so():
    at = open_page(CAPEX)
    assert not at.exception and not at.warning
    assert at.query_params["rel"] == STORE.current.id
    assert f"Data: {STORE.current.label}, covering " in " ".join(c.value for c in at.caption)
    assert not at.info, "no banner on the current release"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.slug)
def test_under_every_title_the_data_says_where_it_stops(page):
    """A release's date is when it was cut ("release 3 (2026-11-30)" read as "current to
    November 2026" when its events stopped on 2026-01-15): each page says what the data
    covers, computed from the dates of its rows."""
    at = open_page(page.script)
    assert not at.exception
    current = STORE.current
    assert current.id == "5", "the expected coverage below is release 5's"
    line = f"Data: {current.label}, covering events through 2026-05-31, prices through 2026-06"
    assert line in [c.value for c in at.caption]


def test_an_old_link_says_where_its_own_data_stops_and_data_lists_each_release():
    at = open_page(CAPEX, {"srv": "1.5"})
    assert (
        "Data: release 1 (2026-11-28), covering events through 2026-01-15, prices through "
        "2026-03" in [c.value for c in at.caption]
    )
    data = open_page("pages/7_data.py")
    said = [plain(m.value) for m in data.markdown]
    assert any(
        t.startswith("**Release 5** · 2026-12-07 · covers events through 2026-05-31, prices "
                     "through 2026-06 · ")
        for t in said
    ), said[:5]  # fmt: skip
    assert any(
        t.startswith("**Release 3** · 2026-11-30 · covers events through 2026-01-15") for t in said
    )


def test_the_json_answer_and_the_offline_copy_say_where_the_data_stops():
    r = open_link(BY_PATH["gpu-capex"], {}, STORE, STORE.tables)
    covers = "events through 2026-05-31, prices through 2026-06"
    assert r.as_json()["data_release"]["covers"] == covers
    assert f"covering {covers}" in offline.render(r)


def test_a_link_made_before_releases_opens_on_release_1_with_the_changes_since():
    at = open_page(CAPEX, {"srv": "1.5"})
    assert not at.exception
    assert at.query_params["rel"] == "1"
    assert metric(at, "GPUs alone") == "$1.05B", "release 1's $10,000 A100s"
    banner = plain(at.info[0].value)
    assert "This link shows release 1 (2026-11-28)" in banner
    assert "A100 price ($10K/GPU → $15K/GPU)" in banner
    # release 2 took the 80 GB card's 300 W; release 4 corrected it to the 40 GB card's 250 W
    assert "A100 TDP (400 W → 250 W)" in banner, "the TDP is one of this page's figures"
    assert "NVLink" not in banner, "a removed rival figure was never shown"
    assert "nvda" not in banner, "events are not a figure of this page"
    why = at.expander[0]
    assert why.label == "Why they changed, with sources"
    assert "PCIe A100 GPUs', Fire-Flyer 2" in plain(why.markdown[0].value)
    (button,) = at.get("link_button")
    assert button.proto.url == "?srv=1.5&rel=" + STORE.current.id


def test_an_old_links_banner_names_its_own_result_on_both_releases():
    """The usability test's editor (task 11) had to open a second tab to learn that the link's
    $1.61B is $1.75B on current data: the banner says both, computed by the page's own
    computation on each release with the values the link sets."""
    at = open_page(CAPEX, {"a100_n": "20000"})
    assert not at.exception
    assert metric(at, "With servers") == "$1.61B"
    banner = plain(at.info[0].value)
    assert banner.startswith("**This link shows release 1 (2026-11-28)**")
    assert (
        "This scenario's result: **With servers: $1.61B on release 1, $1.75B on current data "
        f"(release {STORE.current.id})**." in banner
    )
    # what the button opens shows that number
    (button,) = at.get("link_button")
    assert button.proto.url == f"?a100_n=20000&rel={STORE.current.id}"
    assert metric(
        open_page(CAPEX, {"a100_n": "20000", "rel": STORE.current.id}), "With servers"
    ) == ("$1.75B")


def test_a_link_whose_page_values_are_all_ignored_is_no_old_scenario():
    """``?price=abc`` set nothing a page can use: it opens on current data, names what it
    ignored, and the address bar drops the parameter that is no parameter of the page."""
    at = open_page(TRAINING, {"price": "abc", "zzz": "1"})
    assert not at.exception
    assert at.query_params["rel"] == STORE.current.id
    assert not at.info, "no old-release banner: the link was never made on release 1"
    notes = " ".join(w.value for w in at.warning)
    assert "`price`" in notes and "`zzz`" in notes
    assert "zzz" not in at.query_params
    assert metric(at, "Training cost") == "$5.58M"


def test_the_same_scenario_on_current_data_takes_the_new_defaults():
    old = open_page(CAPEX, {"srv": "1.5", "rel": "1"})
    new = open_page(CAPEX, {"srv": "1.5", "rel": STORE.current.id})
    assert metric(old, "GPUs alone") == "$1.05B" and metric(new, "GPUs alone") == "$1.1B"
    assert not new.info


def test_a_new_release_changes_the_bare_page_not_a_link_pinned_to_the_old(
    fresh_caches, tmp_path, monkeypatch
):
    """Cut a release that moves the default rental price; only the current page follows it."""
    work = tmp_path / "data"
    shutil.copytree(DATA, work)
    old = "v3_rental_price_assumption,deepseek_v3,DeepSeek's assumed H800 rental price,2,"
    edit_data(work, "figures", old, old.replace(",2,", ",3,"))
    note_change(work, "figures,v3_rental_price_assumption,,Test,Example,https://example.org")
    new = release.cut(work, "A test release", "2027-01-01")
    monkeypatch.setenv("AICOST_RELEASES_DIR", str(work / "releases"))

    bare = open_page(TRAINING)
    assert bare.query_params["rel"] == new.id
    assert metric(bare, "Training cost") == "$8.36M"
    pinned = open_page(TRAINING, {"rel": "2"})
    assert metric(pinned, "Training cost") == "$5.58M"
    assert "H800 rental price ($2.00/GPU-hour → $3.00/GPU-hour)" in plain(pinned.info[0].value)


def test_a_bad_release_in_a_link_is_named_and_the_current_one_shown():
    # after the charts' follow-up run too: the note stays until the visitor resets
    at = open_page(TRAINING, {"rel": "<script>9</script>", "price": "3"})
    assert not at.exception
    assert at.query_params["rel"] == STORE.current.id
    notes = " ".join(w.value for w in at.warning)
    assert "`rel`: 'script9script' is not a release number" in notes
    assert "<script>" not in notes
    assert metric(at, "Training cost") == "$8.36M", "the link's price, on current data"


def test_the_share_link_and_downloads_carry_the_release():
    at = open_page(TRAINING, {"price": "3", "rel": "1"})
    assert at.code[0].value.endswith("?price=3&rel=1")
    at = open_page(TRAINING)
    assert at.code[0].value.endswith(f"?rel={STORE.current.id}")


def test_a_broken_old_release_is_named_and_the_current_one_offered(
    fresh_caches, tmp_path, monkeypatch
):
    shutil.copytree(RELEASES, tmp_path / "releases")
    path = tmp_path / "releases" / "1" / "gpus.csv"
    path.write_text(
        path.read_text().replace(
            "a100_bf16_dense,A100,bf16_dense,312.0", "a100_bf16_dense,A100,bf16_dense,lots"
        )
    )
    monkeypatch.setenv("AICOST_RELEASES_DIR", str(tmp_path / "releases"))
    at = open_page(TRAINING, {"rel": "1"})
    assert not at.exception
    assert "did not pass their checks" in at.error[0].value
    assert "release 1: gpus.csv, row 2, column 'value'" in at.code[0].value
    (button,) = at.get("link_button")
    assert button.proto.url.endswith("rel=" + STORE.current.id)
    assert not open_page(TRAINING).error, "the current release still works"


def test_an_old_release_is_loaded_once_per_server_process(fresh_caches, monkeypatch):
    """Every session on release 1 shares one validated copy (aicost.base.release.tables)."""
    loaded: list[str] = []
    real = release.load_all
    monkeypatch.setattr(release, "load_all", lambda f: loaded.append(f) or real(f))
    for params in ({"rel": "1"}, {"rel": "1", "price": "3"}, {"srv": "1.5"}):
        page = CAPEX if "srv" in params else TRAINING
        assert not open_page(page, params).exception  # each AppTest is a new session
    assert loaded.count(str(STORE.folder("1"))) == 1
