"""The export-control timeline (/timeline): events by category, the chips each rule caught.

Pure: the events frame in, frames and tuples out; no streamlit import. The chart is
:func:`aicost.pages.timeline.charts.timeline_chart`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import pandas as pd

from aicost.base import fmt
from aicost.base.data import SCHEMAS, Column
from aicost.base.text import shorten


def _category_column() -> Column:
    return next(c for c in SCHEMAS["events"].columns if c.name == "category")


#: The event categories, as the events file declares them (one lane each on the chart).
CATEGORIES: tuple[str, ...] = tuple(_category_column().choices or ())
#: Each category's name on the chart: the declared name, capitalised.
CATEGORY_LABELS: dict[str, str] = {category: category.capitalize() for category in CATEGORIES}


def timeline_events(events: pd.DataFrame, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Events of the chosen categories, oldest first, with a readable category and chips.

    >>> ev = timeline_events(tables["events"], ["policy"])
    >>> set(ev["category"]), ev["date"].is_monotonic_increasing
    ({'policy'}, True)
    """
    chosen = set(CATEGORIES if categories is None else categories)
    rows = events[events["category"].isin(chosen)].copy()
    rows["when"] = pd.to_datetime(rows["date"])
    rows = rows.sort_values(["when", "id"], kind="stable").reset_index(drop=True)
    rows["lane"] = rows["category"].map(CATEGORY_LABELS)
    rows["chips_shown"] = [chips_text(c) for c in rows["chips"]]
    return rows


def chips_text(chips: str) -> str:
    """The chips cell (``A100;H100``) as a list to read; an em dash when none are named.

    >>> chips_text("A100;H100"), chips_text("")
    ('A100, H100', '—')
    """
    names = [c.strip() for c in str(chips).split(";") if c.strip()]
    return ", ".join(names) if names else fmt.DASH


TIMELINE_SOURCE = "data/events.csv (BIS, Nvidia filings, news reports)"


def timeline_table(rows: pd.DataFrame) -> pd.DataFrame:
    """The timeline's rows for a table: date, category, event, chips caught, detail, source."""
    return pd.DataFrame(
        {
            "date": rows["date"],
            "category": rows["lane"],
            "event": rows["label"],
            "chips caught": rows["chips_shown"],
            "link": rows["source_url"],
            "source": rows["source_name"],
            "detail": rows["detail"],
        }
    )


# ---------------------------------------------------------------------------------------------
# The key steps, labelled on the chart itself

#: (event id, short label): the steps the chart labels without hover, in the story's order.
#: Labels stay under 26 characters so that they fit beside their marker on a 390 px phone.
KEY_STEPS: tuple[tuple[str, str], ...] = (
    ("a100_purchase_2021", "10,000 A100s bought"),
    ("usg_a100_license_informed", "License letter: A100, H100"),
    ("bis_rule_2022_10_07", "Rule: A100, H100 caught"),
    ("a800_launch", "A800 on sale"),
    ("h800_launch", "H800 on sale"),
    ("bis_rule_2023_10_17", "Rule: A800, H800 caught"),
    ("h20_launch", "H20 on sale"),
    ("bis_rule_2024_12_02", "Rule: HBM, 140 entities"),
    ("v3_release", "DeepSeek-V3"),
    ("r1_release", "DeepSeek-R1"),
    ("nvda_drop", "Nvidia: record 1-day fall"),
    ("h20_license_informed", "H20 needs a license"),
    ("h20_sales_resume_announced", "H20 licenses promised"),
    ("h200_rule_2026_01_15", "H200: case-by-case"),
)

#: Characters of an event's own label shown beside its marker when it is not a key step.
LABEL_LIMIT = 26


def chart_rows(
    events: pd.DataFrame, categories: Iterable[str] | None = None, *, key_only: bool = True
) -> pd.DataFrame:
    """The timeline chart's rows, one event a row (oldest first), each with its ``short`` label.

    ``key_only`` keeps the :data:`KEY_STEPS`; otherwise every event of the chosen categories.

    >>> rows = chart_rows(tables["events"])
    >>> rows["short"].iloc[0], len(rows) == len(KEY_STEPS)
    ('10,000 A100s bought', True)
    """
    rows = timeline_events(events, categories)
    short = dict(KEY_STEPS)
    if key_only:
        rows = rows[rows["id"].isin(list(short))].reset_index(drop=True)
    rows["short"] = [
        short.get(i) or shorten(str(label), LABEL_LIMIT)
        for i, label in zip(rows["id"], rows["label"], strict=True)
    ]
    return rows


# ---------------------------------------------------------------------------------------------
# What China could legally buy

#: The chips the legality table follows, in the order Nvidia released them.
CHIPS: tuple[str, ...] = ("A100", "A800", "H100", "H800", "H20", "H200")

#: The events that changed what Nvidia could sell in China, and how: a chip goes on ``sale``
#: (and may be sold), needs a ``license`` (so it may not), or is ``allowed`` again under
#: license. Which chips each event touched is read from its ``chips`` column in events.csv.
RULES: tuple[tuple[str, str], ...] = (
    ("a100_purchase_2021", "sale"),
    ("usg_a100_license_informed", "license"),
    ("a800_launch", "sale"),
    ("h800_launch", "sale"),
    ("bis_rule_2023_10_17", "license"),
    ("h20_launch", "sale"),
    ("h20_license_informed", "license"),
    ("h20_sales_resume_announced", "allowed"),
    ("h200_approval", "allowed"),
)

#: What a chip's state reads as in the table.
STATES: dict[str, str] = {
    "": "not on sale",
    "sale": "legal",
    "license": "license needed",
    "allowed": "legal with license",
}
LEGAL_STATES = frozenset({"sale", "allowed"})


@dataclass(frozen=True)
class Period:
    """A stretch of time between two rules, and what each chip's standing was in it."""

    start: str
    end: str
    event_id: str
    event: str
    states: dict[str, str]

    @property
    def legal(self) -> list[str]:
        """The chips that could be sold to China in this period."""
        return [c for c in CHIPS if self.states.get(c, "") in LEGAL_STATES]


def legal_periods(events: pd.DataFrame, today: str = "") -> list[Period]:
    """Each period between the :data:`RULES` events, with every chip's standing in it.

    >>> periods = legal_periods(tables["events"])
    >>> mid_2024 = next(p for p in periods if p.start <= "2024-07-01" < p.end)
    >>> mid_2024.legal, mid_2024.start
    (['H20'], '2023-11-09')
    """
    by_id = events.set_index("id")
    steps = []
    for event_id, effect in RULES:
        if event_id not in by_id.index:
            continue
        row = by_id.loc[event_id]
        chips = [c.strip() for c in str(row["chips"]).split(";") if c.strip() in CHIPS]
        steps.append((str(row["date"]), event_id, str(row["label"]), effect, chips))
    steps.sort(key=lambda s: s[0])
    end_of_data = today or str(events["date"].max())
    state = dict.fromkeys(CHIPS, "")
    periods: list[Period] = []
    for i, (date, event_id, label, effect, chips) in enumerate(steps):
        for chip in chips:
            state[chip] = effect
        end = steps[i + 1][0] if i + 1 < len(steps) else max(end_of_data, date)
        if periods and periods[-1].start == date:
            periods.pop()  # two rules on one day: the later one in the list wins
        periods.append(Period(date, end, event_id, label, dict(state)))
    return periods


def legality_table(periods: Sequence[Period]) -> pd.DataFrame:
    """One row a period: from, to, the rule that opened it, and each chip's standing.

    >>> t = legality_table(legal_periods(tables["events"]))
    >>> t.loc[t["from"] == "2023-11-09", ["H800", "H20"]].values.tolist()
    [['license needed', 'legal']]
    """
    return pd.DataFrame(
        [
            {
                "from": p.start,
                "to": p.end,
                "set by": p.event,
                **{c: STATES[p.states[c]] for c in CHIPS},
                "could buy": ", ".join(p.legal) or "none without a license",
            }
            for p in periods
        ]
    )


@dataclass(frozen=True)
class Ceiling:
    """The best Nvidia chip China could legally buy over one period, with its sourced specs."""

    start: str
    end: str
    chip: str
    bf16_tflops: float
    nvlink_gbs: float
    rule: str
    spec_ids: tuple[str, ...]
    event_id: str
    #: Chips also legal then that gpus.csv has no BF16 row for, so they cannot be ranked.
    unranked: tuple[str, ...] = ()
    #: How the rule that opened the period acted (a :data:`RULES` effect).
    effect: str = ""


def chip_ceiling(events: pd.DataFrame, gpus: pd.DataFrame, today: str = "") -> list[Ceiling]:
    """For each period, the legal chip with the highest dense BF16 peak (ties: more NVLink).

    A period in which no chip was legal has ``chip == ""`` and zero specs. A legal chip
    without a BF16 row in gpus.csv cannot be ranked: it is named in ``unranked``.

    >>> [(c.start, c.chip) for c in chip_ceiling(tables["events"], tables["gpus"])][:5]
    [('2021-01-01', 'A100'), ('2022-08-26', ''), ('2022-11-08', 'A800'), ('2023-03-21', 'H800'),
     ('2023-10-17', '')]
    """
    specs: dict[tuple[str, str], tuple[float, str]] = {}
    for r in gpus[gpus["is_default"]].to_dict("records"):
        specs.setdefault((str(r["gpu"]), str(r["spec"])), (float(r["value"]), str(r["id"])))
    out: list[Ceiling] = []
    for p in legal_periods(events, today):
        ranked = sorted(
            (
                (specs[(c, "bf16_dense")][0], specs.get((c, "nvlink"), (0.0, ""))[0], c)
                for c in p.legal
                if (c, "bf16_dense") in specs
            ),
            reverse=True,
        )
        unranked = tuple(c for c in p.legal if (c, "bf16_dense") not in specs)
        if not ranked:
            out.append(Ceiling(p.start, p.end, "", 0.0, 0.0, p.event, (), p.event_id, unranked))
            continue
        bf16, nvlink, chip = ranked[0]
        ids = (specs[(chip, "bf16_dense")][1], specs.get((chip, "nvlink"), (0.0, ""))[1])
        out.append(
            Ceiling(
                start=p.start,
                end=p.end,
                chip=chip,
                bf16_tflops=bf16,
                nvlink_gbs=nvlink,
                rule=p.event,
                spec_ids=tuple(i for i in ids if i),
                event_id=p.event_id,
                unranked=unranked,
                effect=dict(RULES)[p.event_id],
            )
        )
    return out


#: DeepSeek's releases marked on the chip-ceiling view: (event id, name shown).
RELEASES: tuple[tuple[str, str], ...] = (("v3_release", "V3"), ("r1_release", "R1"))

CEILING_SOURCE = "data/events.csv (rules, launches), data/gpus.csv (specs)"


def releases(events: pd.DataFrame) -> list[tuple[str, str]]:
    """(date, name) of DeepSeek's releases that the events file has.

    >>> releases(tables["events"])
    [('2024-12-26', 'V3'), ('2025-01-20', 'R1')]
    """
    dates = dict(zip(events["id"], events["date"], strict=True))
    return [(str(dates[i]), name) for i, name in RELEASES if i in dates]


def could_buy(periods: Sequence[Period]) -> list[str]:
    """One line a period: what China could legally buy then (plain text, from the data).

    >>> could_buy(legal_periods(tables["events"]))[5]
    '2023-11-09 to 2025-04-09: H20'
    """
    return [
        f"{p.start} to {p.end}: {', '.join(p.legal) or 'none without a license'}" for p in periods
    ]
