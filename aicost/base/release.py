"""Data releases: every published state of ``data/``, unchanged, with a changelog. No streamlit.

A shared link is a citation, so the figures it shows must not move when the data is corrected.
Each correction is therefore a new *release*: a frozen copy of the data files, numbered
1, 2, 3 ..., and links carry the release they were made on (``rel=2``).

Layout (plain CSV files, so a release is easy to read and to diff)::

    data/*.csv                    the working copy: edit these
    data/changes.csv              why each pending edit was made, and its source (by row, or
                                  by row and field)
    data/releases/index.csv       id, date, summary of every release (the last is current)
    data/releases/<id>/*.csv      the release's data files, never edited again
    data/releases/<id>/changelog.csv   every cell that changed since the release before

Cutting a release (``python -m aicost.base.release "One-line summary"``) validates the working
copy, diffs it against the current release cell by cell, requires a note in
``data/changes.csv`` for every changed row (and no note without a change), then writes the new
release folder, its changelog and its index row, and empties ``changes.csv``. The changelog is
made by the diff, never by hand; ``tests/base/test_release.py`` re-diffs every pair of releases and
checks each changelog against it.

>>> store = Store("data/releases")
>>> [r.id for r in store.releases][:2]
['1', '2']
>>> store.tables("1").value("v3_cost_total")
5576000.0
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import functools
import io
import os
import re
import shutil
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from aicost.base import fmt
from aicost.base.data import SCHEMAS, DataError, Tables, load_all

#: The URL parameter that pins a link to a release.
PARAM = "rel"
CHANGELOG_COLUMNS = ("file", "id", "field", "old", "new", "why", "source_name", "source_url")
NOTE_COLUMNS = ("file", "id", "field", "why", "source_name", "source_url")
INDEX_COLUMNS = ("id", "date", "summary")
#: The field name a changelog uses for a whole row added or removed.
ROW = "(row)"
#: Fields whose change can change a figure a page computes or shows (not labels or quotes).
FIGURE_FIELDS = frozenset({"value", "low", "high", "unit", "is_default", "group", "formula", ROW})
_ID = re.compile(r"^[1-9][0-9]{0,5}$")


@dataclass(frozen=True)
class Release:
    """One published release of the data: its id, the day it was cut and what it changed."""

    id: str
    date: str
    summary: str

    @property
    def label(self) -> str:
        """'release 2 (2026-11-30)'."""
        return f"release {self.id} ({self.date})"


@dataclass(frozen=True)
class Change:
    """One changed cell (or a whole row added or removed) between two releases."""

    file: str
    id: str
    field: str
    old: str
    new: str
    why: str = ""
    source_name: str = ""
    source_url: str = ""

    @property
    def moves_a_figure(self) -> bool:
        """Whether this change can change a number: a value, a default, a removed row."""
        return self.field in FIGURE_FIELDS and not (self.field == ROW and self.new == "added")

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.file, self.id, self.field, self.old, self.new)

    def text(self) -> str:
        """'gpus.csv a100_tdp is_default: true -> false'."""
        if self.field == ROW:
            return f"{self.file}.csv {self.id}: row {self.new or 'removed'}"
        return f"{self.file}.csv {self.id} {self.field}: {self.old or '(empty)'} -> {self.new}"


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[dict[str, str]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def diff(old_dir: str | Path, new_dir: str | Path) -> list[Change]:
    """Every cell that differs between two folders of data files, row by row (by id).

    A row added or removed is one change with field ``(row)``; a changed row gives one change
    per field. The order is file, then the new file's row order, then column order. A column
    the new file adds (:attr:`aicost.base.data.Column.since_release`) is compared too: each of
    its filled cells on a kept row is a change from empty.
    """
    changes: list[Change] = []
    for name in SCHEMAS:
        old_columns, old_rows = _read_csv(Path(old_dir) / f"{name}.csv")
        new_columns, new_rows = _read_csv(Path(new_dir) / f"{name}.csv")
        columns = old_columns + [c for c in new_columns if c not in old_columns]
        old = {row["id"]: row for row in old_rows}
        new = {row["id"]: row for row in new_rows}
        for row_id, row in new.items():
            if row_id not in old:
                changes.append(Change(name, row_id, ROW, "", "added"))
                continue
            for column in columns:
                if column != "id" and old[row_id].get(column, "") != row.get(column, ""):
                    changes.append(
                        Change(
                            name, row_id, column, old[row_id].get(column, ""), row.get(column, "")
                        )
                    )
        changes += [Change(name, i, ROW, "present", "") for i in old if i not in new]
    return changes


class Store:
    """The releases in one folder (``data/releases``): their index, data and changelogs.

    Every release is validated by :func:`aicost.base.data.load_all` when it is loaded.
    """

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self._changelogs: dict[str, list[Change]] = {}

    @cached_property
    def releases(self) -> list[Release]:
        """Every release, oldest first; the last one is the current release."""
        path = self.root / "index.csv"
        if not path.exists():
            raise DataError([f"index.csv: no release index in {self.root}"])
        columns, rows = _read_csv(path)
        if tuple(columns) != INDEX_COLUMNS:
            raise DataError([f"index.csv: columns must be {', '.join(INDEX_COLUMNS)}"])
        releases = [Release(r["id"], r["date"], r["summary"]) for r in rows]
        for line, release in enumerate(releases, start=2):
            if release.id != str(line - 1):
                raise DataError([f"index.csv, row {line}, column 'id': expected {line - 1}"])
        if not releases:
            raise DataError(["index.csv: lists no release"])
        return releases

    @property
    def current(self) -> Release:
        return self.releases[-1]

    def get(self, release_id: str) -> Release:
        """The release with this id; KeyError if there is none."""
        for release in self.releases:
            if release.id == release_id:
                return release
        raise KeyError(release_id)

    def folder(self, release_id: str) -> Path:
        return self.root / self.get(release_id).id

    def tables(self, release_id: str) -> Tables:
        """The release's data, validated (a DataError names the release, file, row and column)."""
        try:
            return load_all(self.folder(release_id))
        except DataError as exc:
            raise DataError([f"release {release_id}: {p}" for p in exc.problems]) from None

    def changelog(self, release_id: str) -> list[Change]:
        """What this release changed since the one before (empty for release 1); read once."""
        if release_id not in self._changelogs:
            _, rows = _read_csv(self.folder(release_id) / "changelog.csv")
            changes = [Change(**{c: row.get(c, "") for c in CHANGELOG_COLUMNS}) for row in rows]
            self._changelogs[release_id] = changes
        return list(self._changelogs[release_id])

    def changes_since(self, release_id: str) -> list[tuple[Release, Change]]:
        """Every change made after ``release_id`` up to the current release, oldest first."""
        out: list[tuple[Release, Change]] = []
        ids = [r.id for r in self.releases]
        for release in self.releases[ids.index(release_id) + 1 :]:
            out += [(release, change) for change in self.changelog(release.id)]
        return out

    def check(self, raw: Sequence[str]) -> tuple[Release, str | None]:
        """The release a link's ``rel`` values ask for, and a note if it cannot be used.

        >>> store = Store("data/releases")
        >>> store.check(["1"])[0].id, store.check(["1"])[1]
        ('1', None)
        >>> store.check(["99"])[1] == f"there is no release 99; showing the current release"
        True
        """
        if not raw:
            return self.current, None
        value = raw[-1]
        shown = re.sub(r"[^0-9A-Za-z ._-]", "", value)[:20] or "(empty)"
        if not _ID.match(value):
            return self.current, f"'{shown}' is not a release number; showing the current release"
        try:
            release = self.get(value)
        except KeyError:
            return self.current, f"there is no release {shown}; showing the current release"
        if len(raw) > 1:
            return release, f"given {len(raw)} times; using the last ({release.id})"
        return release, None


@dataclass(frozen=True)
class Coverage:
    """What one release's data covers: the date of its latest event and of its latest price,
    as precisely as the rows date them ("2026-06" for a price quoted for a month)."""

    events: str
    prices: str

    def text(self) -> str:
        """'events through 2026-05-31, prices through 2026-06'."""
        return f"events through {self.events}, prices through {self.prices}"


def coverage(tables: Tables) -> Coverage:
    """Where a release's data stops, from the dates of its rows (computed once per loaded data).

    A release's own date says when it was cut, not how far its data reaches:

    >>> store = Store("data/releases")
    >>> coverage(store.tables("3")).text(), store.get("3").date
    ('events through 2026-01-15, prices through 2026-03', '2026-11-30')
    >>> coverage(store.tables("5")).text()
    'events through 2026-05-31, prices through 2026-06'
    """

    def latest(t: Tables, file: str) -> str:
        dates = [str(d) for d in t[file]["date"] if isinstance(d, str) and d.strip()]
        # ISO dates sort as text; of "2026-06" and "2026-06-15" the more precise one is later
        return max(dates) if dates else "no dated rows"

    return tables.memo("coverage", lambda t: Coverage(latest(t, "events"), latest(t, "prices")))


_WORDS = {
    "tdp": "TDP",
    "bf16_dense": "BF16 peak",
    "fp8_dense": "FP8 peak",
    "nvlink": "NVLink",
    "purchase": "price",
    "rental": "rental price",
}


def row_title(row: dict[str, object]) -> str:
    """A row's readable name: its label, or what it measures (gpu and spec, model and metric).

    >>> row_title({"id": "a100_tdp", "gpu": "A100", "spec": "tdp"})
    'A100 TDP'
    """
    if row.get("label"):
        return str(row["label"])
    parts = [row.get(c) for c in ("gpu", "model", "spec", "kind", "metric", "provider")]
    words = [_WORDS.get(str(p), str(p)) for p in parts if p]
    return " ".join(words) or str(row.get("id", ""))


def _shown(tables: Tables, row_id: str) -> str:
    row = tables.row(row_id)
    value = row.get("value")
    return fmt.by_unit(float(value), str(row["unit"])) if isinstance(value, float) else row_id


@dataclass(frozen=True)
class Described:
    """A changed figure in words: ``short`` for a summary line, ``text`` with why and source."""

    short: str
    text: str


def _field_change(c: Change, unit: str) -> str:
    """'$2.00/GPU-hour → $3.00/GPU-hour' for a value; 'label old → new' for other fields."""
    if c.field == ROW:
        return "row added" if c.new else "row removed"
    if c.field in ("value", "low", "high") and unit:
        try:
            return f"{fmt.by_unit(float(c.old), unit)} → {fmt.by_unit(float(c.new), unit)}"
        except ValueError:
            pass
    return f"{c.field} {c.old or '(empty)'} → {c.new or '(empty)'}"


def _unit(new: Tables, old: Tables | None, row_id: str) -> str:
    """A row's unit, from the later data or, for a row since removed, the earlier."""
    try:
        return str((new if row_id in new.values else old or new).row(row_id).get("unit", ""))
    except KeyError:
        return ""


def describe(
    changes: Sequence[tuple[Release, Change]], new: Tables, old: Tables | None = None
) -> list[Described]:
    """Each changed figure in plain words: what it is, old -> new, why, and in which release.

    A change of a group's default row reads as the figure it sets ("A100 tdp: 400 W -> 300 W").
    ``new`` is the later release's data, ``old`` the earlier one's (for rows since removed).
    """
    out: list[Described] = []
    flips: dict[tuple[str, str], dict[str, tuple[Release, Change]]] = {}
    rows: dict[tuple[str, str], list[tuple[Release, Change]]] = {}
    for item in changes:
        release, change = item
        if change.field == "is_default":
            group = str(new.row(change.id).get("group") or change.id)
            side = "to" if change.new == "true" else "from"
            flips.setdefault((change.file, group), {})[side] = item
        else:
            rows.setdefault((change.file, change.id), []).append(item)
    for (file, _group), sides in flips.items():
        release, change = sides.get("to") or sides["from"]
        title = row_title({**new.row(change.id), "label": "", "provider": ""})
        was = f"{_shown(old or new, sides['from'][1].id)}" if "from" in sides else "none"
        now = f"{_shown(new, sides['to'][1].id)}" if "to" in sides else "none"
        ids = " → ".join(sides[k][1].id for k in ("from", "to") if k in sides)
        text = (
            f"{title}: the default is now {now}, was {was} (rows {ids}). Why: {change.why} "
            f"(release {release.id}; source: {change.source_name})"
        )
        # the new default's own later corrections are this figure's too: one line, not two
        # (A100 TDP: 400 W -> 250 W, not that and "300 W -> 250 W" besides)
        if "to" in sides:
            for later, c in rows.pop((file, sides["to"][1].id), []):
                text += f"; then {_field_change(c, _unit(new, old, c.id))}. Why: {c.why} "
                text += f"(release {later.id}; source: {c.source_name})"
        out.append(Described(f"{title} ({was} → {now})", text))
    for (file, row_id), items in rows.items():
        try:
            title = row_title(new.row(row_id))
        except KeyError:
            title = row_title(old.row(row_id)) if old is not None else row_id
        unit = _unit(new, old, row_id)
        fields = "; ".join(_field_change(c, unit) for _, c in items)
        release, last = items[-1]
        out.append(
            Described(
                f"{title} ({fields})",
                f"{title} ({file}.csv, {row_id}): {fields}. Why: {last.why} "
                f"(release {release.id}; source: {last.source_name})",
            )
        )
    return out


def read_notes(path: Path) -> list[Change]:
    """The notes in ``data/changes.csv``: why each pending row change was made, and its source."""
    if not path.exists():
        return []
    columns, rows = _read_csv(path)
    if tuple(columns) != NOTE_COLUMNS:
        raise DataError([f"{path.name}: columns must be {', '.join(NOTE_COLUMNS)}"])
    return [
        Change(r["file"], r["id"], r["field"], "", "", r["why"], r["source_name"], r["source_url"])
        for r in rows
    ]


def annotate(changes: list[Change], notes: list[Change]) -> list[Change]:
    """Each change with the why and source of its note: the note for its row and field, or
    else for its whole row (empty field). DataError if a change has no complete note, or a
    note names a row or field that did not change."""
    by_key = {(n.file, n.id, n.field): n for n in notes}

    def note_for(c: Change) -> Change | None:
        return by_key.get((c.file, c.id, c.field)) or by_key.get((c.file, c.id, ""))

    problems = []
    for change in changes:
        note = note_for(change)
        if note is None or not note.why or not note.source_name or not note.source_url:
            problems.append(f"changes.csv: {change.text()} needs a row with why and source")
    changed = {(c.file, c.id, f) for c in changes for f in (c.field, "")}
    problems += [
        f"changes.csv: {n.file}.csv {n.id} {n.field} did not change; remove its note".replace(
            "  ", " "
        )
        for n in notes
        if (n.file, n.id, n.field) not in changed
    ]
    if problems:
        raise DataError(problems)
    out = []
    for change in changes:
        note = note_for(change)
        assert note is not None
        out.append(
            Change(
                *change.key, why=note.why, source_name=note.source_name, source_url=note.source_url
            )
        )
    return out


def cut(data_dir: str | Path, summary: str, date: str | None = None) -> Release:
    """Cut the next release from the working copy in ``data_dir``; returns it.

    Validates the working copy, diffs it against the current release, takes each change's why
    and source from ``changes.csv``, writes ``releases/<id>/`` and its changelog, adds the index
    row and empties ``changes.csv``. Nothing is written if any check fails.
    """
    data_dir = Path(data_dir)
    store = Store(data_dir / "releases")
    load_all(data_dir)  # the working copy must pass every check first
    if not summary.strip():
        raise DataError(["a release needs a one-line summary"])
    previous = store.current
    changes = diff(store.folder(previous.id), data_dir)
    if not changes:
        raise DataError([f"the data files are the same as release {previous.id}; nothing to cut"])
    notes_path = data_dir / "changes.csv"
    changes = annotate(changes, read_notes(notes_path))
    release = Release(str(int(previous.id) + 1), date or dt.date.today().isoformat(), summary)
    folder = store.root / release.id
    folder.mkdir()
    for name in SCHEMAS:
        shutil.copyfile(data_dir / f"{name}.csv", folder / f"{name}.csv")
    _write_csv(folder / "changelog.csv", CHANGELOG_COLUMNS, (_row(c) for c in changes))
    rows = [r.__dict__ for r in [*store.releases, release]]
    _write_csv(store.root / "index.csv", INDEX_COLUMNS, rows)
    _write_csv(notes_path, NOTE_COLUMNS, [])
    return release


def _row(change: Change) -> dict[str, str]:
    return {c: getattr(change, c) for c in CHANGELOG_COLUMNS}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m aicost.base.release",
        description="Cut a new data release from data/*.csv (see aicost/release.py).",
    )
    parser.add_argument("summary", help="one line: what this release corrects or adds")
    parser.add_argument("--data", default="data", help="the data folder (default: data)")
    parser.add_argument("--date", help="the release date, YYYY-MM-DD (default: today)")
    args = parser.parse_args(argv)
    try:
        release = cut(args.data, args.summary, args.date)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    changes = Store(Path(args.data) / "releases").changelog(release.id)
    print(f"Cut {release.label}: {release.summary}")
    for change in changes:
        print(f"  {change.text()}  ({change.why})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


# ---- the releases a process serves -----------------------------------------------------------
#
# Every page, preview, API answer and offline copy of one server process reads the same loaded
# data: one Store and one Tables per release folder, validated once and shared (nothing may
# modify them). ``clear()`` empties them (tests that point the app at other files).

ROOT = Path(__file__).resolve().parents[2]


def releases_dir() -> Path:
    """The data releases (``data/releases``), or ``$AICOST_RELEASES_DIR`` when set."""
    return Path(os.environ.get("AICOST_RELEASES_DIR") or ROOT / "data" / "releases")


@functools.lru_cache(maxsize=8)
def _store(root: str) -> Store:
    return Store(root)


def store() -> Store:
    """The release index this process serves, read once."""
    return _store(str(releases_dir()))


def folder(release_id: str) -> Path:
    """The folder of one release's files. ``$AICOST_DATA_DIR``, when set, stands in for the
    current release's folder (tests of broken data files use it)."""
    s = store()
    override = os.environ.get("AICOST_DATA_DIR")
    if override and release_id == s.current.id:
        return Path(override)
    return s.folder(release_id)


@functools.lru_cache(maxsize=16)
def _tables(path: str) -> Tables:
    return load_all(path)


def tables(release_id: str) -> Tables:
    """One release's data, validated once per process and shared (a DataError names the file,
    row and column; it is not kept, so a fixed file loads on the next try)."""
    return _tables(str(folder(release_id)))


def clear() -> None:
    """Forget the loaded releases (tests that point the app at other files)."""
    _store.cache_clear()
    _tables.cache_clear()
