"""Broken data, generated from the declared schema: each rule of each file broken one at a time.

For every file in ``aicost.base.data.SCHEMAS`` and every rule its columns declare (required, a
placeholder too short to be a value, kind, choices, the plausible range of a unit past either
end, unique ids, one default per group, formulas over known ids, the file's shape), one
mutation of the shipped file breaks that rule alone. The loader must name it (file, row,
column, what is wrong, and the bad cell where it quotes one).

A page shows any broken release through one path (``ui.page``: the loader's list, no figures),
so each page is opened once, each with a mutation of another rule and file, one across files.
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from aicost.base.data import _UNIT_RANGES, SCHEMAS, DataError, load_all, load_table
from aicost.site import PAGES
from tests.apptest import open_page
from tests.conftest import DATA

Rows = list[list[str]]

#: A value that breaks each column kind, and the words of the loader's message for it.
BAD_BY_KIND = {
    "number": [("abc", "is not a number"), ("inf", "is not a finite number")],
    "date": [("2024-13-45", "is not a date YYYY, YYYY-MM or YYYY-MM-DD")],
    "full_date": [
        ("2024-05", "is not a date YYYY-MM-DD"),
        ("2022-11-31", "is not a date YYYY-MM-DD"),
    ],
    "bool": [("yes", "must be true or false")],
    "id": [("Bad Id", "is not a valid id")],
    "url": [("javascript:alert(1)", "is not an http(s) URL")],
    "formula": [
        ("__import__('os').system('id')", "may only"),
        ("6 *", "is not an arithmetic formula"),
    ],
}


@dataclass(frozen=True)
class Mutation:
    """One rule of one file, broken: ``edit`` changes the parsed rows (header first) or the
    raw bytes, and the loader's message must contain ``expected``."""

    file: str
    rule: str
    expected: str
    edit: Callable[[Rows], Rows | bytes]
    cross: bool = False  # a rule across files, checked once every file has loaded
    shows: str = ""  # the bad cell as the message quotes it, so the reader finds it

    @property
    def id(self) -> str:
        return f"{self.file}-{self.rule}"


def read(file: str) -> Rows:
    text = (DATA / f"{file}.csv").read_text(encoding="utf-8")
    return [r for r in csv.reader(io.StringIO(text, newline="")) if r]


def write_rows(rows: Rows) -> bytes:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode("utf-8")


def _set(row: int, col: int, value: str) -> Callable[[Rows], Rows]:
    def edit(rows: Rows) -> Rows:
        rows[row][col] = value
        return rows

    return edit


def _first(rows: Rows, matches: Iterator[bool]) -> int | None:
    """The index of the first data row for which ``matches`` (one bool a row) is true."""
    return next((i for i, ok in enumerate(matches, start=1) if ok), None)


def mutations() -> Iterator[Mutation]:
    ids_elsewhere = {f: read(f)[1][0] for f in SCHEMAS}
    for file, schema in SCHEMAS.items():
        rows = read(file)
        header = rows[0]
        at = {name: header.index(name) for name in header}
        name = f"{file}.csv"
        status, formula = at["status"], at["formula"]
        plain = _first(rows, (r[status] != "derived" for r in rows[1:]))
        derived = _first(rows, (r[status] == "derived" for r in rows[1:]))
        for col in schema.columns:
            c = at[col.name]
            # a derived row's formula is where formulas live; other cells on a plain row
            target = derived if col.kind == "formula" else plain
            if target is None:
                continue
            where = f"{name}, row {target + 1}, column '{col.name}'"
            if col.required:
                yield Mutation(file, f"{col.name}-empty", f"{where}: is empty", _set(target, c, ""))
            original = rows[target][c]
            if original:
                yield Mutation(
                    file,
                    f"{col.name}-whitespace",
                    f"{where}: has stray whitespace",
                    _set(target, c, f" {original}"),
                )
            for i, (bad, words) in enumerate(BAD_BY_KIND.get(col.kind, [])):
                yield Mutation(
                    file,
                    f"{col.name}-{col.kind}-{i}",
                    f"{where}: {words}",
                    _set(target, c, bad),
                    shows=repr(bad),
                )
            if col.choices is not None:
                words = "has unknown unit" if col.name == "unit" else "must be one of"
                yield Mutation(
                    file,
                    f"{col.name}-choice",
                    f"{where}: {words}",
                    _set(target, c, "parsecs"),
                    shows=repr("parsecs"),
                )
            if col.min_length:
                short = "n/a"[: col.min_length - 1]
                yield Mutation(
                    file,
                    f"{col.name}-short",
                    f"{where}: is too short",
                    _set(target, c, short),
                    shows=repr(short),
                )
        # each unit's plausible range, past either end, and no negative amounts
        if "unit" in at and "value" in at:
            for unit, (low, high) in _UNIT_RANGES.items():
                row = _first(
                    rows, (r[at["unit"]] == unit and r[status] != "derived" for r in rows[1:])
                )
                if row is None:
                    continue
                for end, value in (("above", high * 10), ("below", low - (high - low))):
                    yield Mutation(
                        file,
                        f"range-{end}-{unit}",
                        f"{name}, row {row + 1}, column 'value': {value:g} {unit} is outside",
                        _set(row, at["value"], f"{value:g}"),
                    )
            row = _first(
                rows,
                (r[at["unit"]] not in _UNIT_RANGES and r[status] != "derived" for r in rows[1:]),
            )
            if row is not None:
                yield Mutation(
                    file,
                    "negative",
                    f"{name}, row {row + 1}, column 'value': {rows[row][at['unit']]} must not be",
                    _set(row, at["value"], "-5"),
                )
        # ids: unique in the file and across files
        yield Mutation(
            file,
            "duplicate-id",
            f"{name}, row 3, column 'id': duplicate id {rows[1][0]!r}",
            _set(2, 0, rows[1][0]),
        )
        # an id another file has: the file loaded later is the one named
        order = list(SCHEMAS)
        other = order[order.index(file) - 1] if order.index(file) else order[1]
        first, later = sorted((file, other), key=order.index)
        yield Mutation(
            file,
            "id-in-another-file",
            f"{later}.csv, row 2, column 'id': id {ids_elsewhere[other]!r} is already used in"
            f" {first}.csv",
            _set(1, 0, ids_elsewhere[other]),
            cross=True,
        )
        # groups: exactly one default row
        grouped = _first(
            rows, (r[at["group"]] != "" and r[at["is_default"]] == "true" for r in rows[1:])
        )
        if grouped is not None:
            group = rows[grouped][at["group"]]
            yield Mutation(
                file,
                "group-no-default",
                f"{name}, column 'is_default': group {group!r} has 0 default rows",
                _set(grouped, at["is_default"], "false"),
                cross=True,
            )
        # formulas: derived rows have one, over known ids; other rows have none
        if derived is not None:
            where = f"{name}, row {derived + 1}, column 'formula'"
            yield Mutation(
                file,
                "formula-unknown-id",
                f"{where}: names unknown ids no_such_row",
                _set(derived, formula, "2 * no_such_row"),
                cross=True,
            )
            yield Mutation(
                file,
                "derived-without-formula",
                f"{where}: a derived row needs its formula",
                _set(derived, formula, ""),
            )
        yield Mutation(
            file,
            "formula-on-reported-row",
            f"{name}, row {plain + 1}, column 'formula': only derived rows have a formula",
            _set(plain, formula, "1 + 1"),
        )
        # the file's shape
        yield Mutation(
            file,
            "missing-column",
            f"{name}: missing column 'quote'",
            lambda r: [[v for i, v in enumerate(row) if i != r[0].index("quote")] for row in r],
        )
        yield Mutation(
            file,
            "extra-column",
            f"{name}: unexpected column 'notes'",
            lambda r: [[*r[0], "notes"], *[[*row, ""] for row in r[1:]]],
        )
        yield Mutation(
            file,
            "short-row",
            f"{name}, row 2: has {len(header) - 1} fields, the header has {len(header)}",
            lambda r: [r[0], r[1][:-1], *r[2:]],
        )
        yield Mutation(
            file,
            "bom",
            f"{name}: starts with a byte-order mark",
            lambda r: b"\xef\xbb\xbf" + write_rows(r),
        )
        yield Mutation(
            file, "not-utf8", f"{name}: is not UTF-8", lambda r: write_rows(r) + b"caf\xe9\n"
        )
        yield Mutation(file, "empty", f"{name}: file is empty", lambda r: b"")
        yield Mutation(
            file, "header-only", f"{name}: has a header but no rows", lambda r: write_rows(r[:1])
        )


MUTATIONS = list(mutations())


def broken_bytes(m: Mutation) -> bytes:
    result = m.edit(read(m.file))
    return result if isinstance(result, bytes) else write_rows(result)


def broken_copy(m: Mutation, tmp: Path) -> Path:
    """A copy of the data folder with the mutation's file broken."""
    folder = tmp / "data"
    shutil.copytree(DATA, folder)
    (folder / f"{m.file}.csv").write_bytes(broken_bytes(m))
    return folder


def test_every_file_and_rule_kind_has_mutations():
    rules = {m.rule.split("-")[0] for m in MUTATIONS}
    assert {m.file for m in MUTATIONS} == set(SCHEMAS)
    assert {"range", "duplicate", "group", "formula", "missing", "bom"} <= rules
    kinds = {c.kind for s in SCHEMAS.values() for c in s.columns}
    assert {k for k in kinds if k != "text"} <= set(BAD_BY_KIND)
    assert len(MUTATIONS) > 150


def test_the_unbroken_copy_loads(tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    for file in SCHEMAS:  # read and written back as the mutations do: still valid
        (folder / f"{file}.csv").write_bytes(write_rows(read(file)))
    assert sorted(load_all(folder).keys()) == sorted(SCHEMAS)


@pytest.mark.parametrize("m", MUTATIONS, ids=lambda m: m.id)
def test_the_loader_names_each_broken_rule(m, tmp_path):
    with pytest.raises(DataError) as info:
        if m.cross:
            load_all(broken_copy(m, tmp_path))
        else:  # the file alone: what load_all reports for it is what load_table raises
            path = tmp_path / f"{m.file}.csv"
            path.write_bytes(broken_bytes(m))
            load_table(path)
    assert any(m.expected in p and m.shows in p for p in info.value.problems), info.value.problems


def _sample(size: int) -> list[Mutation]:
    """``size`` mutations of different rules, taken from each file in turn, the last one a
    rule across files (a formula naming an unknown id, a group without its default)."""
    chosen: list[Mutation] = []
    rules: set[str] = set()
    while len(chosen) < size - 1:
        for file in SCHEMAS:
            rule = next(
                (m for m in MUTATIONS if m.file == file and m.rule.split("-")[-1] not in rules),
                None,
            )
            if rule is not None and len(chosen) < size - 1:
                chosen.append(rule)
                rules.add(rule.rule.split("-")[-1])
    return [*chosen, next(m for m in reversed(MUTATIONS) if m.cross)]


#: Each page, with the broken data it is opened on.
BROKEN_PAGES = list(zip(PAGES, _sample(len(PAGES)), strict=True))


@pytest.mark.parametrize(
    ("page", "m"), BROKEN_PAGES, ids=[f"{p.path or 'overview'}-{m.id}" for p, m in BROKEN_PAGES]
)
def test_every_page_names_a_broken_file_and_shows_no_traceback(page, m, tmp_path, monkeypatch):
    monkeypatch.setenv("AICOST_DATA_DIR", str(broken_copy(m, tmp_path)))
    at = open_page(page.script)
    assert not at.exception, [e.value for e in at.exception]
    assert at.error and "did not pass their checks" in at.error[0].value
    shown = "\n".join(c.value for c in at.code)
    assert m.expected in shown and m.shows in shown, shown[:500]
    assert not at.metric and not at.get("plotly_chart"), "figures shown anyway"
