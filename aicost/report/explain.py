"""What a scenario changes and what each change does. No streamlit import.

A scenario is the page's assumptions at the values a link (or the visitor) set. Against the
sourced defaults of the release the page shows, :func:`breakdown` lists every assumption that
differs, with the effect of that change **taken alone** (the defaults with only that value
changed), and one more line, ``together``, for what the changes do together beyond their
separate effects (the total difference minus the sum of the single effects). The lines
therefore add up exactly to the total difference, for each figure the page reports.

Some inputs only matter once another is set: an MFU is read on the compute route only, so
alone, from the rental defaults, it does nothing. A page declares what each input depends on
(:attr:`aicost.report.page.Page.depends`), and a change is counted **after** the changes it
depends on (the defaults with those values set, then this one too), and listed after them:
the route, then what only that route reads. Each line then reads as a cause, and the lines
still add up exactly:

>>> from aicost.base.data import load_all
>>> from aicost.site import BY_PATH
>>> t = load_all("data/releases/2")
>>> page = BY_PATH["training-cost"]
>>> b = breakdown(page.path, page.changes, {"price": 3.4, "r1": True}, t)
>>> [line.name for line in b.lines]  # largest effect first
['price', 'r1']
>>> [fmt.usd(line.effects["Training cost"]) for line in b.lines]
['$3.9M', '$295K']
>>> fmt.usd(b.together["Training cost"])  # R1's hours are priced at $3.40 too
'$206K'
>>> b.closes()
True

Every figure is computed by the same functions the pages call (:mod:`aicost.scenarios`,
:mod:`aicost.pages.reconcile.scenario`), and each breakdown is kept with the loaded release (a slider step
that comes back to a scenario already seen costs one lookup).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm
from aicost.inputs.urlstate import default_of

Values = Mapping[str, float | bool | str]
Figures = dict[str, float]
#: A page's change-panel figures of a scenario (display-unit values, every assumption).
FigureFunction = Callable[[Values, Tables], Figures]
_CACHE_SIZE = 256


@dataclass(frozen=True)
class Line:
    """One assumption that differs from its sourced default, and what changing it alone does."""

    name: str
    label: str
    default: float | bool | str
    value: float | bool | str
    default_text: str
    value_text: str
    source: str  # the data row the default comes from, or a short note
    source_name: str  # that row's source, "" for our own settings
    effects: Figures  # figure label -> change when this value changes (after ``given``)
    #: the changes it is counted after, as (label, value shown): what it depends on
    given: tuple[tuple[str, str], ...] = ()

    @property
    def size(self) -> float:
        return sum(abs(v) for v in self.effects.values())

    @property
    def given_text(self) -> str:
        """'given How to price the run: compute', or '' for a change counted alone."""
        if not self.given:
            return ""
        return "given " + "; ".join(f"{label}: {value}" for label, value in self.given)


@dataclass(frozen=True)
class Breakdown:
    """Every change of a scenario, its effect alone, and the changes' joint remainder."""

    page: str
    base: Figures  # at the sourced defaults
    current: Figures  # at the scenario
    lines: tuple[Line, ...]  # what others depend on first; then largest effect first
    together: Figures  # total difference - sum of the lines' effects
    #: how a change of each figure reads (a figure not named here is in dollars)
    formats: Mapping[str, Callable[[float], str]] = field(default_factory=dict, compare=False)

    @property
    def total(self) -> Figures:
        return {k: self.current[k] - self.base[k] for k in self.base}

    def closes(self) -> bool:
        """The lines (and ``together``) add up to the total difference, for every figure."""
        return all(
            math.isclose(
                sum(line.effects[k] for line in self.lines) + self.together[k],
                self.total[k],
                rel_tol=1e-9,
                abs_tol=1e-6,
            )
            for k in self.base
        )

    @property
    def interacts(self) -> bool:
        """Whether the changes do anything together beyond their lines (a line to show)."""
        return len(self.lines) > 1 and any(self.together.values())

    def moved(self) -> list[str]:
        """The figures some change moves, in the page's order."""
        return [
            k
            for k in self.base
            if any(line.effects[k] for line in self.lines) or self.together[k] or self.total[k]
        ]


def differs(a: asm.Assumption, value: float | bool | str) -> bool:
    """Whether ``value`` is not the assumption's default (numbers to float precision)."""
    default = default_of(a)
    if a.is_numeric:
        return not math.isclose(float(value), float(default), rel_tol=1e-9, abs_tol=1e-12)
    if a.kind == "toggle":
        return bool(value) != bool(default)
    return str(value) != str(default)


def show(a: asm.Assumption, value: float | bool | str) -> str:
    """A widget value as the widget shows it: ``$3.40``, ``2,048``, ``on``, ``compute``.

    >>> (
    ...     show(asm.BY_NAME["price"], 3.4),
    ...     show(asm.BY_NAME["gpus"], 4096),
    ...     show(asm.BY_NAME["r1"], True),
    ... )
    ('$3.40', '4,096', 'on')
    """
    return a.show(value)


def source_of(a: asm.Assumption) -> str:
    """Where a default comes from: its data row, or the first sentence of its help."""
    if a.source:
        return a.source
    if a.kind == "choice":
        return "the page's first option"
    return a.help.split(". ")[0] if a.help else "our setting"


def noise_free(value: float, *figures: float) -> float:
    """``value``, a difference of ``figures``, or 0 where it is only what float arithmetic
    leaves of equal figures (an effect of ``+8.88e-16×`` is no effect).

    >>> noise_free(6.69 * 3 / 3 - 6.69, 6.69), noise_free(0.01, 6.69)
    (0.0, 0.01)
    """
    scale = max(1.0, *(abs(f) for f in figures))
    return 0.0 if abs(value) <= 1e-12 * scale else value


def signed(value: float, formatter: Callable[[float], str] = fmt.usd) -> str:
    """A difference with its sign: ``+$3.9M``, ``−$1.2M``, ``±0``.

    >>> signed(3.9e6), signed(-1.2e6), signed(0.0), signed(0.5, fmt.multiple)
    ('+$3.9M', '−$1.2M', '±0', '+0.5×')
    """
    if not math.isfinite(value) or value == 0:
        return "±0" if value == 0 else fmt.DASH
    return ("+" if value > 0 else "−") + formatter(abs(value))


def _after(
    name: str, depends: Mapping[str, Sequence[str]], changed: Mapping[str, object]
) -> list[str]:
    """The changed assumptions ``name`` depends on, directly or through others, parents first."""
    out: list[str] = []

    def visit(n: str, seen: frozenset[str]) -> None:
        for parent in depends.get(n, ()):
            if parent in seen:  # a cycle in a declaration: stop there
                continue
            visit(parent, seen | {parent})
            if parent in changed and parent not in out:
                out.append(parent)

    visit(name, frozenset({name}))
    return out


def breakdown(
    page: str,
    figures: FigureFunction,
    values: Values,
    tables: Tables,
    formats: Mapping[str, Callable[[float], str]] | None = None,
    depends: Mapping[str, Sequence[str]] | None = None,
    labels: Mapping[str, str] | None = None,
) -> Breakdown:
    """The scenario ``values`` (display units, the assumptions it reads) against the sourced
    defaults of ``tables``: one line per changed assumption. ``figures`` computes the page's
    figures of a scenario; ``depends`` names, for an assumption, those its effect depends on
    (the route an MFU is read on): it is counted after them and listed after them. Otherwise
    the largest effect comes first. ``labels`` names an assumption as its control does in
    this scenario, where that differs from its declared label.

    The reference example, an MFU that only the compute route reads:

    >>> from aicost.site import BY_PATH
    >>> page = BY_PATH["training-cost"]
    >>> b = breakdown(
    ...     page.path, page.changes, {"route": "compute", "mfu": 30.0}, tables, depends=page.depends
    ... )
    >>> [(line.label, fmt.usd(line.effects["Training cost"]), line.given_text) for line in b.lines]
    [('How to price the run', '$6.21K', ''),
     ('MFU, against the FP8 peak', '-$2.26M', 'given How to price the run: compute')]
    >>> b.interacts, b.closes()
    (False, True)

    Raises ValueError when the page's model cannot compute the scenario (a fleet of no GPUs).
    """
    depends = depends or {}
    cache: dict = tables.memo("explain_breakdowns", lambda _t: {})
    order = tuple(sorted((k, tuple(v)) for k, v in depends.items()))
    key = (page, tuple(sorted((k, values[k]) for k in values)), order)
    if key in cache:
        return cache[key]
    resolved = asm.for_page(page, tables)
    defaults = {a.name: default_of(a) for a in resolved}
    by_name = {a.name: a for a in resolved}
    base = figures(defaults, tables)
    current = figures({**defaults, **values}, tables)
    changed = {
        name: value
        for name, value in values.items()
        if (a := by_name.get(name)) is not None and differs(a, value)
    }
    seen: dict[tuple[str, ...], Figures] = {(): base}

    def at(names: Sequence[str]) -> Figures:
        """The figures with these changes made, the rest at the defaults."""
        if tuple(names) not in seen:
            seen[tuple(names)] = figures({**defaults, **{n: changed[n] for n in names}}, tables)
        return seen[tuple(names)]

    lines = []
    depth: dict[str, int] = {}
    for name, value in changed.items():
        a = by_name[name]
        after = _after(name, depends, changed)
        depth[name] = len(after)
        before = at(after)
        alone = at([*after, name])
        try:
            source_name = str(tables.row(a.source)["source_name"]) if a.source else ""
        except KeyError:
            source_name = ""
        lines.append(
            Line(
                name=name,
                label=(labels or {}).get(name, a.label),
                default=default_of(a),
                value=value,
                default_text=show(a, default_of(a)),
                value_text=show(a, value),
                source=source_of(a),
                source_name=source_name,
                effects={k: noise_free(alone[k] - before[k], alone[k], before[k]) for k in base},
                given=tuple((by_name[p].label, show(by_name[p], changed[p])) for p in after),
            )
        )
    # what others depend on first (each line then reads as a cause); else the largest first
    lines.sort(key=lambda line: (depth[line.name], -line.size))
    together = {}
    for k in base:
        rest = (current[k] - base[k]) - sum(line.effects[k] for line in lines)
        # what float arithmetic leaves of an exact attribution is no effect of the changes
        together[k] = noise_free(rest, base[k], current[k])
    result = Breakdown(page, base, current, tuple(lines), together, dict(formats or {}))
    if len(cache) >= _CACHE_SIZE:
        cache.clear()
    cache[key] = result
    return result


def _json_numbers(effects: Mapping[str, float]) -> dict[str, float | None]:
    """Effects as JSON holds them: a figure a scenario has no number for is null, not NaN
    (which strict JSON has no word for)."""
    return {k: v if math.isfinite(v) else None for k, v in effects.items()}


def as_json(b: Breakdown) -> list[dict[str, object]]:
    """The change panel's lines as data: each change with its effect alone, then what the
    changes do together beyond that, then the total (the JSON API's ``changes``)."""
    moved = b.moved()
    out: list[dict[str, object]] = [
        {
            "name": line.name,
            "label": line.label,
            "from": line.default_text,
            "to": line.value_text,
            "effect": effect_text(line.effects, moved, b.formats),
            "effects": _json_numbers(line.effects),
            "given": [label for label, _value in line.given],
            "default_source": line.source_name or line.source,
        }
        for line in b.lines
    ]
    if b.interacts:
        out.append({"name": "together", "effect": effect_text(b.together, moved, b.formats),
                    "effects": _json_numbers(b.together)})  # fmt: skip
    if b.lines:
        out.append(
            {
                "name": "total",
                "effect": effect_text(b.total, moved, b.formats),
                "effects": _json_numbers(b.total),
            }
        )
    return out


def effect_text(
    effects: Mapping[str, float],
    figures: list[str],
    formats: Mapping[str, Callable[[float], str]] | None = None,
) -> str:
    """A line's effects on the figures it moves: ``Training cost +$3.90M`` (a figure named in
    ``formats`` is written by its own formatter, others in dollars); a line that moves none
    names what it leaves unchanged (another figure on the page may move: the cluster's size
    moves the wall-clock, not the training cost).

    >>> effect_text({"Training cost": 0.0}, ["Training cost"])
    'Training cost unchanged'
    """
    how = formats or {}
    parts = [f"{k} {signed(effects[k], how.get(k, fmt.usd))}" for k in figures if effects.get(k)]
    return ", ".join(parts) or ", ".join(f"{k} unchanged" for k in figures) or "no effect"


def beside(rows: list[tuple[str, float, float, Callable[[float], str]]]) -> list[dict[str, str]]:
    """The headline metrics of a scenario beside the sourced defaults', and their difference.

    Each row is (label, this scenario, sourced defaults, formatter).

    >>> beside([("Training cost", 9.4792e6, 5.576e6, fmt.usd)])
    [{'Figure': 'Training cost', 'Scenario': '$9.48M', 'Defaults': '$5.58M', 'Change': '+$3.9M'}]
    >>> beside([("Times the H800 run's GPU-hours", 0.1 + 0.2, 0.3, fmt.multiple)])[0]["Change"]
    '±0'
    """
    return [
        {
            "Figure": label,
            "Scenario": formatter(now),  # short headers: the table fits a 390 px phone
            "Defaults": formatter(base),
            "Change": signed(noise_free(now - base, now, base), formatter),
        }
        for label, now, base, formatter in rows
    ]
