"""Data releases: every release loads, its changelog is exactly the diff, a link's release value
is checked, and cutting a release refuses what it must.

The contract of each shared link (tests/properties/test_link_contract.py) rests on these: a
release is never edited, and the working copy is never ahead of the current release without a
new one. Which release a page shows is tests/properties/test_release_links.py's.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest

from aicost.base import release
from aicost.base.data import SCHEMAS, DataError
from aicost.site import PAGES
from tests.conftest import DATA, RELEASES, edit_data, note_change

STORE = release.Store(RELEASES)


IDS = [r.id for r in STORE.releases]


#: Pages anchors-3 section 5 shows to be fabricated or wrong: never a source.
FABRICATED = ("dailytechwire", "ainews.cool", "kolayvibe", "setupai", "trendytechtribe")

#: Every row a release added after the first, with the release that added it.
ADDED = [
    (rid, c)
    for rid in IDS[1:]
    for c in STORE.changelog(rid)
    if c.field == release.ROW and c.new == "added"
]


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


def test_cut_writes_the_release_its_changelog_and_index(workspace):
    edit_data(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    note_change(workspace, "prices,h20_price,,A better quote,Example source,https://example.org/q")
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
    edit_data(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    assert release.main(["--data", str(workspace), "Fix H20"]) == 1
    assert (
        "prices.csv h20_price value: 12000 -> 12500 needs a row with why" in capsys.readouterr().err
    )
    assert release.Store(workspace / "releases").current.id == IDS[-1], "nothing written"


def test_cut_refuses_a_note_without_a_change_and_an_unchanged_copy(workspace):
    note_change(workspace, "prices,h20_price,,Nothing,Example,https://example.org")
    with pytest.raises(DataError, match="the same as release"):
        release.cut(workspace, "Nothing")
    edit_data(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,12500")
    note_change(workspace, "gpus,h20_tdp,,Nothing,Example,https://example.org")
    with pytest.raises(DataError, match="gpus.csv h20_tdp did not change"):
        release.cut(workspace, "Fix")


def test_cut_refuses_invalid_data(workspace):
    edit_data(workspace, "prices", "h20_price,H20,purchase,12000", "h20_price,H20,purchase,lots")
    with pytest.raises(DataError, match="is not a number"):
        release.cut(workspace, "Broken")


def test_an_old_links_banner_names_each_figure_once():
    """A figure whose default row changed and then was corrected again (the A100's TDP:
    400 W, then 300 W in release 2, 250 W in release 4) is one line: 400 W -> 250 W."""
    store = release.store()
    current = store.tables(store.current.id)
    for r in store.releases[:-1]:
        old = store.tables(r.id)
        for p in PAGES:
            moved = [
                (rel, c)
                for rel, c in store.changes_since(r.id)
                if c.file in p.files and c.moves_a_figure
            ]
            titles = [d.short.split(" (")[0] for d in release.describe(moved, current, old)]
            assert len(titles) == len(set(titles)), (r.id, p.path, titles)
    a100 = [
        d.short
        for d in release.describe(
            [(rel, c) for rel, c in store.changes_since("1") if c.file == "gpus"],
            current,
            store.tables("1"),
        )
        if d.short.startswith("A100 TDP")
    ]
    assert a100 == ["A100 TDP (400 W → 250 W)"]


@pytest.mark.parametrize(("rid", "change"), ADDED, ids=lambda x: x if isinstance(x, str) else x.id)
def test_every_added_row_has_a_source_a_quote_and_no_fabricated_page(rid, change):
    row = STORE.tables(rid).row(change.id)
    assert str(row["source_url"]).startswith("https://"), change.id
    assert row["source_name"] and len(str(row["quote"])) > 20
    assert not any(bad in str(row["source_url"]) for bad in FABRICATED)
    if row["status"] == "derived":
        assert row["formula"]
