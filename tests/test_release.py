"""Data releases: every release loads, its changelog is exactly the diff, and links keep theirs.

The contract of each shared link (tests/test_link_contract.py) rests on these: a release is
never edited, the working copy is never ahead of the current release without a new one, and a
page shows the release its link asks for.
"""

from __future__ import annotations

import filecmp
import re
import shutil
from pathlib import Path

import pytest

from aicost.base import release
from aicost.base.data import SCHEMAS, DataError
from tests.apptest import metric, open_page
from tests.conftest import DATA, RELEASES

STORE = release.Store(RELEASES)


def plain(markdown: str) -> str:
    """Markdown as a reader sees it: without the escapes that keep data text literal."""
    return re.sub(r"\\(.)", r"\1", markdown)


IDS = [r.id for r in STORE.releases]
TRAINING, CAPEX, DATA_PAGE = "pages/1_training-cost.py", "pages/2_gpu-capex.py", "pages/7_data.py"


# ---- the store ------------------------------------------------------------------------------


def test_releases_are_numbered_from_1_and_dated_in_order():
    assert IDS == [str(n) for n in range(1, len(IDS) + 1)] and len(IDS) >= 2
    dates = [r.date for r in STORE.releases]
    assert dates == sorted(dates) and all(r.summary for r in STORE.releases)


@pytest.mark.parametrize("rid", IDS)
def test_every_release_is_complete_and_valid(rid):
    files = sorted(p.name for p in STORE.folder(rid).iterdir())
    assert files == sorted([*(f"{n}.csv" for n in SCHEMAS), "changelog.csv"])
    STORE.tables(rid)  # validated by the one loader


@pytest.mark.parametrize("rid", IDS[1:])
def test_each_changelog_is_exactly_the_diff_with_a_reason_and_source(rid):
    before = STORE.folder(str(int(rid) - 1))
    diffed = [c.key for c in release.diff(before, STORE.folder(rid))]
    logged = STORE.changelog(rid)
    assert sorted(diffed) == sorted(c.key for c in logged), "changelog and diff disagree"
    assert len(set(diffed)) == len(diffed)
    for change in logged:
        assert change.why and change.source_name, change.text()
        assert change.source_url.startswith(("http://", "https://")), change.text()


def test_release_1_has_no_changelog_entries():
    assert STORE.changelog("1") == []


def test_the_working_copy_is_the_current_release():
    """An edit of data/*.csv lands only as a new release (python -m aicost.base.release)."""
    current = STORE.folder(STORE.current.id)
    for name in SCHEMAS:
        assert filecmp.cmp(DATA / f"{name}.csv", current / f"{name}.csv", shallow=False), (
            f"data/{name}.csv differs from release {STORE.current.id}: cut a release"
        )
    assert release.read_notes(DATA / "changes.csv") == [], "notes wait for a release"


def test_release_2_carries_the_audit_corrections():
    r1, r2 = STORE.tables("1"), STORE.tables("2")
    assert r2.value("v3_mfu_isca_bf16") == 0.3894
    assert "FP8 basis" in str(r2.row("v3_mfu_epoch")["label"])
    assert r2.value("h20_charge_recorded") == 4.5e9
    assert "expect" in str(r2.row("h20_charge_announced")["label"])
    assert "$592.7B" in str(r2.row("nvda_drop")["label"])
    assert r2.row("claude35_sonnet_cost_amodei")["status"] == "estimate"
    assert r2.row("a100_pcie_tdp")["is_default"] and r2.row("a100_list_price_pcie")["is_default"]
    with pytest.raises(KeyError):
        r2.row("h800_nvlink_reuters_inference")
    r1.row("h800_nvlink_reuters_inference")  # release 1 is untouched


@pytest.mark.parametrize(
    ("raw", "shown", "note"),
    [
        ([], "current", None),
        (["1"], "1", None),
        (["2"], "2", None),
        (["99"], "current", "there is no release 99"),
        (["0"], "current", "is not a release number"),
        (["1.0"], "current", "is not a release number"),
        (["<b>1</b>"], "current", "'b1b' is not a release number"),
        ([""], "current", "'(empty)' is not a release number"),
        (["１"], "current", "is not a release number"),  # a full-width digit
        (["1", "2"], "2", "given 2 times"),
    ],
)
def test_a_links_release_value_is_checked(raw, shown, note):
    got, text = STORE.check(raw)
    assert got.id == (STORE.current.id if shown == "current" else shown)
    assert (text is None) if note is None else (note in text and "<" not in text)


# ---- cutting a release ------------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of data/ (working copy and releases) to cut releases in."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    return folder


def _edit(folder: Path, file: str, old: str, new: str) -> None:
    path = folder / f"{file}.csv"
    text = path.read_text()
    assert text.count(old) == 1
    path.write_text(text.replace(old, new))


def _note(folder: Path, line: str) -> None:
    path = folder / "changes.csv"
    path.write_text(path.read_text() + line + "\n")


def test_cut_writes_the_release_its_changelog_and_index(workspace):
    _edit(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    _note(workspace, "prices,h20_price,,A better quote,Example source,https://example.org/q")
    assert release.main(["--data", str(workspace), "--date", "2027-01-01", "Fix H20"]) == 0
    store = release.Store(workspace / "releases")
    new = store.current
    assert (new.id, new.date, new.summary) == (str(len(IDS) + 1), "2027-01-01", "Fix H20")
    (change,) = store.changelog(new.id)
    assert change.key == ("prices", "h20_price", "value", "12000", "12500")
    assert change.why == "A better quote" and change.source_url == "https://example.org/q"
    assert store.tables(new.id).value("h20_price") == 12500
    assert release.read_notes(workspace / "changes.csv") == []
    assert filecmp.cmp(workspace / "prices.csv", store.folder(new.id) / "prices.csv")


def test_cut_refuses_a_change_without_its_reason(workspace, capsys):
    _edit(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    assert release.main(["--data", str(workspace), "Fix H20"]) == 1
    assert (
        "prices.csv h20_price value: 12000 -> 12500 needs a row with why" in capsys.readouterr().err
    )
    assert release.Store(workspace / "releases").current.id == IDS[-1], "nothing written"


def test_cut_refuses_a_note_without_a_change_and_an_unchanged_copy(workspace):
    _note(workspace, "prices,h20_price,,Nothing,Example,https://example.org")
    with pytest.raises(DataError, match="the same as release"):
        release.cut(workspace, "Nothing")
    _edit(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    _note(workspace, "gpus,h20_tdp,,Nothing,Example,https://example.org")
    with pytest.raises(DataError, match="gpus.csv h20_tdp did not change"):
        release.cut(workspace, "Fix")


def test_cut_refuses_invalid_data(workspace):
    _edit(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,lots")
    with pytest.raises(DataError, match="is not a number"):
        release.cut(workspace, "Broken")


# ---- pages ------------------------------------------------------------------------------------


def test_a_bare_page_opens_on_the_current_release_and_says_so():
    at = open_page(CAPEX)
    assert not at.exception and not at.warning
    assert at.query_params["rel"] == STORE.current.id
    assert f"Data: {STORE.current.label}" in [c.value for c in at.caption]
    assert not at.info, "no banner on the current release"


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
    _edit(work, "figures", old, old.replace(",2,", ",3,"))
    _note(work, "figures,v3_rental_price_assumption,,Test,Example,https://example.org")
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
    from aicost.base import release

    loaded: list[str] = []
    real = release.load_all
    monkeypatch.setattr(release, "load_all", lambda f: loaded.append(f) or real(f))
    for params in ({"rel": "1"}, {"rel": "1", "price": "3"}, {"srv": "1.5"}):
        page = CAPEX if "srv" in params else TRAINING
        assert not open_page(page, params).exception  # each AppTest is a new session
    assert loaded.count(str(STORE.folder("1"))) == 1
