"""/timeline's result in one sentence. No streamlit import."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from aicost.pages.timeline.scenario import Period


def timeline(events: pd.DataFrame, periods: Sequence[Period]) -> str:
    """/timeline's finding: the chip DeepSeek trained V3 on, when it went on sale in China and
    the rule that then caught it (dates only: the alt text carries no data text), dated as the
    page's "What China could legally buy" list.
    Empty when the events lack V3's release or that chip's steps.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.timeline.scenario import legal_periods
    >>> ev = load_all("data/releases/2")["events"]
    >>> timeline(ev, legal_periods(ev))
    'DeepSeek trained V3 (released 2024-12-26) on the H800, which could be sold to China from
    2023-03-21 until the US rule of 2023-10-17 caught it.'
    """
    v3 = events[events["id"] == "v3_release"]
    if v3.empty:
        return ""
    chip = next((c.strip() for c in str(v3["chips"].iloc[0]).split(";") if c.strip()), "")
    legal = [i for i, p in enumerate(periods) if chip in p.legal]
    if not chip or not legal:
        return ""
    first = legal[0]
    end = next((j for j in range(first, len(periods)) if chip not in periods[j].legal), None)
    if end is None:
        return ""
    rule = periods[end]
    return (
        f"DeepSeek trained V3 (released {v3['date'].iloc[0]}) on the {chip}, which could be "
        f"sold to China from {periods[first].start} until the US rule of {rule.start} caught it."
    )
