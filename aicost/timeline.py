"""The export-control timeline (/timeline): events by category, the chips each rule caught.

Pure: the events frame in, frames and tuples out; no streamlit import. The chart is
:func:`aicost.charts_story.timeline_chart`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from aicost import fmt
from aicost.data import SCHEMAS, Column


def _category_column() -> Column:
    return next(c for c in SCHEMAS["events"].columns if c.name == "category")


#: The event categories, as the events file declares them (one lane each on the chart).
CATEGORIES: tuple[str, ...] = tuple(_category_column().choices or ())
CATEGORY_LABELS: dict[str, str] = {
    "company": "Company",
    "chips": "Chips",
    "policy": "Policy",
    "models": "Models",
    "markets": "Markets",
}


def timeline_events(events: pd.DataFrame, categories: Iterable[str] | None = None) -> pd.DataFrame:
    """Events of the chosen categories, oldest first, with a readable category and chips.

    >>> from aicost.data import load_all
    >>> ev = timeline_events(load_all("data")["events"], ["policy"])
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


def find_event(events: pd.DataFrame, year: str, words: Sequence[str]) -> dict[str, object] | None:
    """The first event dated in ``year`` whose id or label contains every one of ``words``.

    >>> from aicost.data import load_all
    >>> find_event(load_all("data")["events"], "2021", ["a100"])["date"][:4]
    '2021'
    """
    for record in events.sort_values("date").to_dict("records"):
        text = f"{record['id']} {record['label']}".lower()
        if str(record["date"]).startswith(year) and all(w.lower() in text for w in words):
            return record
    return None


TIMELINE_SOURCE = "data/events.csv (BIS, Nvidia filings, news reports)"


def timeline_marks(events: pd.DataFrame) -> list[tuple[str, str]]:
    """The events the timeline points out with an arrow: (event id, note).

    >>> from aicost.data import load_all
    >>> timeline_marks(load_all("data")["events"])
    [('a100_purchase_2021', 'A100 purchase (2021)')]
    """
    a100 = find_event(events, "2021", ["a100"])
    return [(str(a100["id"]), "A100 purchase (2021)")] if a100 else []


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
