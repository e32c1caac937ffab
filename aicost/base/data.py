"""Load and validate the curated CSV files in ``data/``. No streamlit import.

Each file has one declared :class:`Schema` (:mod:`aicost.base.schemas`, re-exported here). :func:`load_table` reads a file, checks every row
against its schema and raises one :class:`DataError` that lists every problem found, each
naming the file, the row (as the line number a spreadsheet shows, header = line 1) and the
column. Pages never see a half-valid table.

A column added after the first release says so (``Column.since_release``): the files of the
releases before it lack it, and they still load, with the column empty, so an old link keeps
showing its release. Every other column must be in every file.

>>> tables = load_all("data")
>>> sorted(tables)
['events', 'figures', 'gpus', 'models', 'prices']
>>> tables.value("v3_cost_total")
5576000.0
"""

from __future__ import annotations

import ast
import csv
import io
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd

from aicost.base.schemas import (
    _UNIT_RANGES,
    CHINA_RULES,
    CONFIDENCES,
    DELIVERED,
    REGIONS,
    SCHEMAS,
    STANDING_COLUMNS,
    STATUSES,
    SUPPLY,
    UNITS,
    US_RULES,
    Column,
    RowCheck,
    Schema,
)

__all__ = [
    "CHINA_RULES",
    "CONFIDENCES",
    "DELIVERED",
    "REGIONS",
    "SCHEMAS",
    "STANDING_COLUMNS",
    "STATUSES",
    "SUPPLY",
    "UNITS",
    "US_RULES",
    "Column",
    "DataError",
    "RowCheck",
    "Schema",
    "Tables",
    "evaluate_formula",
    "formula_ids",
    "load_all",
    "load_table",
    "validate_rows",
]

T = TypeVar("T")
_ID_RE = re.compile(r"^[a-z0-9_]+$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FULL_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Only these nodes may appear in a derived row's formula: arithmetic over ids and numbers.
_FORMULA_NODES = (
    ast.Expression,
    ast.BinOp,
    ast.UnaryOp,
    ast.Add,
    ast.Sub,
    ast.Mult,
    ast.Div,
    ast.USub,
    ast.UAdd,
    ast.Constant,
    ast.Name,
    ast.Load,
    ast.Call,
)


class DataError(Exception):
    """A data file failed validation. ``problems`` lists each one as plain text."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        head = f"{len(problems)} problem(s) in the data files:"
        super().__init__("\n".join([head, *problems]))


def _check_cell(col: Column, raw: str) -> str | None:
    """Return a problem text for one cell, or None if the cell is fine."""
    if raw == "":
        return "is empty" if col.required else None
    if raw != raw.strip():
        return f"has stray whitespace ({raw!r})"
    if len(raw) < col.min_length:
        return f"is too short ({raw!r}); it needs at least {col.min_length} characters"
    if col.kind == "number":
        try:
            number = float(raw)
        except ValueError:
            return f"is not a number ({raw[:40]!r})"
        if not math.isfinite(number):
            return f"is not a finite number ({raw!r})"
    elif col.kind == "date":
        if not _DATE_RE.match(raw) or pd.to_datetime(raw, errors="coerce") is pd.NaT:
            return f"is not a date YYYY, YYYY-MM or YYYY-MM-DD ({raw[:40]!r})"
    elif col.kind == "full_date":
        if not _FULL_DATE_RE.match(raw) or pd.to_datetime(raw, errors="coerce") is pd.NaT:
            return f"is not a date YYYY-MM-DD ({raw[:40]!r})"
    elif col.kind == "bool":
        if raw not in ("true", "false"):
            return f"must be true or false ({raw[:40]!r})"
    elif col.kind == "id":
        if not _ID_RE.match(raw):
            return f"is not a valid id, lower-case letters, digits and _ ({raw[:40]!r})"
    elif col.kind == "url":
        if not re.match(r"^https?://[^\s/]+[^\s.]/?\S*$", raw):
            return f"is not an http(s) URL ({raw[:60]!r})"
    elif col.kind == "formula":
        problem = _formula_problem(raw)
        if problem:
            return problem
    if col.choices is not None and raw not in col.choices:
        if col.name == "unit":
            return f"has unknown unit {raw[:40]!r}"
        return f"must be one of {', '.join(sorted(col.choices))} ({raw[:40]!r})"
    return None


def _formula_problem(formula: str) -> str | None:
    try:
        tree = ast.parse(formula, mode="eval")
    except SyntaxError:
        return f"is not an arithmetic formula ({formula[:60]!r})"
    for node in ast.walk(tree):
        if not isinstance(node, _FORMULA_NODES):
            return f"may only use + - * / ( ), numbers, ids and round() ({formula[:60]!r})"
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id == "round"
        ):
            return f"may only call round() ({formula[:60]!r})"
    return None


def formula_ids(formula: str) -> set[str]:
    """The row ids a derived row's formula refers to.

    >>> sorted(formula_ids("6 * v3_active_params * v3_training_tokens"))
    ['v3_active_params', 'v3_training_tokens']
    """
    tree = ast.parse(formula, mode="eval")
    return {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id != "round"}


def evaluate_formula(formula: str, values: Mapping[str, float]) -> float:
    """Evaluate a derived row's formula with the values of the rows it names.

    >>> evaluate_formula("6 * a * b", {"a": 37e9, "b": 14.8e12})
    3.2856e+24
    """
    problem = _formula_problem(formula)
    if problem:
        raise ValueError(f"formula {problem}")
    missing = formula_ids(formula) - set(values)
    if missing:
        raise KeyError(f"formula names unknown ids: {', '.join(sorted(missing))}")
    code = compile(ast.parse(formula, mode="eval"), "<formula>", "eval")
    env = {"__builtins__": {}, "round": round, **values}
    # The AST was checked above: arithmetic over names and numbers only.
    return float(eval(code, env))


def _read_text(path: Path) -> str:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DataError([f"{path.name}: starts with a byte-order mark (BOM); save as UTF-8"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(
            [f"{path.name}: is not UTF-8 text ({exc.reason} at byte {exc.start})"]
        ) from None


def validate_rows(
    file_name: str, schema: Schema, header: list[str], rows: list[list[str]]
) -> list[str]:
    """Check parsed CSV rows against a schema; return every problem found."""
    problems: list[str] = []
    expected = schema.column_names
    added = set(schema.added_columns)
    missing = [c for c in expected if c not in header and c not in added]
    extra = [c for c in header if c not in expected]
    for name in missing:
        problems.append(f"{file_name}: missing column '{name}'")
    for name in extra:
        problems.append(f"{file_name}: unexpected column '{name}'")
    if missing:
        return problems
    index = {name: header.index(name) for name in expected if name in header}
    present = [col for col in schema.columns if col.name in index]
    seen: dict[str, int] = {}
    for offset, row in enumerate(rows):
        line = offset + 2  # header is line 1
        if len(row) != len(header):
            problems.append(
                f"{file_name}, row {line}: has {len(row)} fields, the header has {len(header)}"
            )
            continue
        for col in present:
            problem = _check_cell(col, row[index[col.name]])
            if problem:
                problems.append(f"{file_name}, row {line}, column '{col.name}': {problem}")
        cells = {name: row[i] for name, i in index.items()}
        for check in schema.row_checks:
            problem = check(cells)
            if problem:
                problems.append(f"{file_name}, row {line}, {problem}")
        row_id = row[index["id"]]
        if row_id in seen:
            problems.append(
                f"{file_name}, row {line}, column 'id': duplicate id {row_id!r}"
                f" (first on row {seen[row_id]})"
            )
        else:
            seen[row_id] = line
        status, formula = row[index["status"]], row[index["formula"]]
        if status == "derived" and not formula:
            problems.append(
                f"{file_name}, row {line}, column 'formula': a derived row needs its formula"
            )
        if status != "derived" and formula:
            problems.append(
                f"{file_name}, row {line}, column 'formula': only derived rows have a formula"
            )
        if "unit" in index and "value" in index:
            problems.extend(
                _range_problem(file_name, line, row[index["unit"]], row[index["value"]])
            )
    return problems


def _range_problem(file_name: str, line: int, unit: str, raw_value: str) -> list[str]:
    try:
        value = float(raw_value)
    except ValueError:
        return []
    low, high = _UNIT_RANGES.get(unit, (-math.inf, math.inf))
    if unit not in _UNIT_RANGES and value < 0:
        return [f"{file_name}, row {line}, column 'value': {unit} must not be negative ({value:g})"]
    if not low <= value <= high:
        return [
            f"{file_name}, row {line}, column 'value': {value:g} {unit} is outside"
            f" the plausible range {low:g} to {high:g}"
        ]
    return []


def load_table(path: str | Path, schema: Schema | None = None) -> pd.DataFrame:
    """Read and validate one data file; raise :class:`DataError` listing every problem.

    Number columns become floats, ``is_default`` a bool; everything else stays text
    (empty cells become ``""``), so no NaN reaches a page.
    """
    path = Path(path)
    schema = schema or SCHEMAS[path.stem]
    if not path.exists():
        raise DataError([f"{path.name}: file not found in {path.parent}"])
    text = _read_text(path)
    if not text.strip():
        raise DataError([f"{path.name}: file is empty"])
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        raise DataError([f"{path.name}: is not valid CSV ({exc})"]) from None
    header, rows = records[0], [r for r in records[1:] if r]
    if not rows:
        raise DataError([f"{path.name}: has a header but no rows"])
    problems = validate_rows(path.name, schema, header, rows)
    if problems:
        raise DataError(problems)
    frame = pd.DataFrame(rows, columns=header)
    for name in schema.added_columns:
        if name not in frame:
            frame[name] = ""  # a file published before the column was added
    frame = frame[schema.column_names]
    for col in schema.columns:
        if col.kind == "number":
            numbers = pd.to_numeric(frame[col.name].replace("", None), errors="raise")
            frame[col.name] = numbers.astype(float)  # all-integer columns too
        elif col.kind == "bool":
            frame[col.name] = frame[col.name] == "true"
    return frame


_CACHE_LOCK = threading.Lock()


@dataclass
class Tables:
    """All validated data tables, with lookup by id across files."""

    frames: dict[str, pd.DataFrame]
    _values: dict[str, float] = field(default_factory=dict, repr=False)
    _rows: dict[str, dict[str, object]] = field(default_factory=dict, repr=False)
    _memo: dict[str, Any] = field(default_factory=dict, repr=False)  # key -> a T of memo()

    def __post_init__(self) -> None:
        for frame in self.frames.values():
            for record in frame.to_dict("records"):
                self._rows[str(record["id"])] = record
                value = record.get("value")
                if isinstance(value, float) and math.isfinite(value):
                    self._values[str(record["id"])] = value

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.frames[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.frames)

    def keys(self) -> list[str]:
        return list(self.frames)

    def value(self, row_id: str) -> float:
        """The numeric value of the row with this id (any file)."""
        try:
            return self._values[row_id]
        except KeyError:
            raise KeyError(f"no numeric row with id {row_id!r} in the data files") from None

    def row(self, row_id: str) -> dict[str, object]:
        """The whole row with this id, as a dict (any file)."""
        try:
            return self._rows[row_id]
        except KeyError:
            raise KeyError(f"no row with id {row_id!r} in the data files") from None

    @property
    def values(self) -> dict[str, float]:
        return dict(self._values)

    def memo(self, key: str, compute: Callable[[Tables], T]) -> T:
        """``compute(self)``, computed once per loaded data and kept with it.

        For results that depend only on the data (market quotes, presets), so a rerun reads
        them instead of filtering the frames again.

        >>> tables.memo("n", lambda t: len(t["gpus"])) == tables.memo("n", lambda t: -1)
        True
        """
        if key not in self._memo:
            self._memo[key] = compute(self)
        return self._memo[key]

    def cached(self, name: str, key: Hashable, compute: Callable[[], T], size: int = 256) -> T:
        """``compute()`` kept with the loaded data under ``(name, key)``; at most ``size`` kept
        per name (the oldest goes first). For results that depend on the data and a scenario.

        >>> tables.cached("sq", 3, lambda: 9), tables.cached("sq", 3, lambda: -1)
        (9, 9)
        """
        kept: OrderedDict[Hashable, T] = self.memo(f"cached:{name}", lambda _t: OrderedDict())
        with _CACHE_LOCK:  # sessions run in threads of one process
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        value = compute()  # outside the lock: two sessions may compute the same value once each
        with _CACHE_LOCK:
            kept[key] = value
            while len(kept) > size:
                kept.popitem(last=False)
        return value


def _cross_file_problems(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    problems: list[str] = []
    owner: dict[str, str] = {}
    for name, frame in frames.items():
        for offset, row_id in enumerate(frame["id"]):
            if row_id in owner:
                problems.append(
                    f"{name}.csv, row {offset + 2}, column 'id': id {row_id!r} is already used"
                    f" in {owner[row_id]}.csv"
                )
            owner.setdefault(row_id, name)
        grouped = frame[frame["group"] != ""].groupby("group")["is_default"].sum()
        for group, defaults in grouped.items():
            if defaults != 1:
                problems.append(
                    f"{name}.csv, column 'is_default': group {group!r} has {int(defaults)}"
                    " default rows; it needs exactly one"
                )
    values = {
        str(r["id"]): float(r["value"])
        for f in frames.values()
        if "value" in f
        for r in f.to_dict("records")
        if isinstance(r["value"], float) and math.isfinite(r["value"])
    }
    for name, frame in frames.items():
        for offset, record in enumerate(frame.to_dict("records")):
            if record["formula"]:
                unknown = formula_ids(str(record["formula"])) - set(values)
                if unknown:
                    problems.append(
                        f"{name}.csv, row {offset + 2}, column 'formula': names unknown ids"
                        f" {', '.join(sorted(unknown))}"
                    )
    return problems


def load_all(data_dir: str | Path = "data") -> Tables:
    """Load and validate every declared data file in ``data_dir``.

    Raises one :class:`DataError` with the problems of all files together.
    """
    data_dir = Path(data_dir)
    frames: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    for name, schema in SCHEMAS.items():
        try:
            frames[name] = load_table(data_dir / f"{name}.csv", schema)
        except DataError as exc:
            problems.extend(exc.problems)
    if not problems:
        problems = _cross_file_problems(frames)
    if problems:
        raise DataError(problems)
    return Tables(frames)
