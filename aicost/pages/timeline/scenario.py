"""The export-control timeline (/timeline): events by category, the chips each rule caught.

Pure: the events frame in, frames and tuples out; no streamlit import. The chart is
:func:`aicost.pages.timeline.charts.timeline_chart`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from aicost.base import fmt
from aicost.base.data import SCHEMAS, Column
from aicost.base.text import shorten
from aicost.pages.timeline.standing import Period, two_sided


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
    ("h20_launch", "H20 priced, not on sale"),
    ("h20_on_sale_2024_05", "H20 on sale in China"),
    ("bis_rule_2024_12_02", "Rule: HBM, 140 entities"),
    ("v3_release", "DeepSeek-V3"),
    ("r1_release", "DeepSeek-R1"),
    ("nvda_drop", "Nvidia: record 1-day fall"),
    ("h20_license_informed", "H20 needs a license"),
    ("h20_sales_resume_announced", "H20 licenses promised"),
    ("h20_licences_issued", "H20 licensed, 15% to US"),
    ("china_customs_crackdown_2025_10", "China customs stop H20"),
    ("h200_rule_2026_01_15", "H200: case-by-case"),
    ("china_customs_h200_block", "China customs stop H200"),
    ("v4_preview", "DeepSeek-V4 preview"),
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


def opening_names(events: pd.DataFrame, periods: Sequence[Period]) -> dict[str, str]:
    """Each period's start -> what opened it, in a few words: that day's key step as the
    timeline labels it (:data:`KEY_STEPS`), else the label of the event that changed a
    standing that day, shortened. A release without both sides (1 to 3) read the events
    otherwise (the H20 on sale from its first price report): its own labels, in full.

    >>> from aicost.pages.timeline.standing import legal_periods
    >>> names = opening_names(tables["events"], legal_periods(tables["events"]))
    >>> names["2021-01-01"], names["2023-10-17"], names["2025-10-10"]
    ('10,000 A100s bought', 'Rule: A800, H800 caught', 'China customs stop H20')
    """
    order = {event_id: i for i, (event_id, _label) in enumerate(KEY_STEPS)}
    short = dict(KEY_STEPS) if two_sided(events) else {}
    labels = dict(zip(events["id"], events["label"], strict=True))
    by_day: dict[str, list[str]] = {}
    for event_id, date in zip(events["id"], events["date"], strict=True):
        by_day.setdefault(str(date), []).append(str(event_id))
    out: dict[str, str] = {}
    for p in periods:
        keyed = sorted((i for i in by_day.get(p.start, []) if i in short), key=order.__getitem__)
        if keyed:
            out[p.start] = short[keyed[0]]
        elif p.event_id in labels:  # in full, for a release without both sides
            out[p.start] = (
                str(labels[p.event_id])
                if not short
                else shorten(str(labels[p.event_id]), LABEL_LIMIT)
            )
    return out
