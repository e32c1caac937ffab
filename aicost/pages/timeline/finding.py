"""/timeline's result in one sentence or two. No streamlit import."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from aicost.pages.timeline.standing import CHINA_TEXT, US_TEXT, ChipStanding, Period


def in_play(s: ChipStanding) -> bool:
    """A chip someone was trying to sell to China or buy there: a sale was promised, licensed
    or reviewed, or China took a stance on it."""
    return s.us_state in ("promised", "case_by_case", "allowed") or s.china_stance != "none"


def _why_not(s: ChipStanding) -> str:
    parts = []
    if s.us_state not in ("none", "allowed"):
        parts.append(US_TEXT[s.us_state].replace("US ", "a US ", 1))
    if s.china_stance != "none":
        parts.append(CHINA_TEXT[s.china_stance])
    if s.delivered is False and in_play(s):  # a chip not yet offered is not "undelivered"
        parts.append(s.delivered_text.split(":")[0])
    return ", ".join(parts)


def latest(period: Period) -> str:
    """Where the chips stood in the last period on file: what a Chinese buyer could legally
    obtain, and why not the chips that were in play. Empty for a release without both sides.

    >>> from aicost.pages.timeline.standing import legal_periods
    >>> print(latest(legal_periods(tables["events"])[-1]))
    From 2026-01-28, a Chinese buyer could legally obtain none of the Nvidia chips followed
    here (the H20: stopped at China's customs; the H200: a US licence reviewed case by case,
    purchases approved by China for named firms, none delivered by 2026-02-24; the RTX Pro
    6000D: stopped at China's customs).
    """
    if not period.standings:
        return ""
    legal = [s.chip for s in period.standings if s.obtainable]
    blocked = [s for s in period.standings if not s.obtainable and in_play(s)]
    what = ", ".join(f"the {c}" for c in legal) or "none of the Nvidia chips followed here"
    why = "; ".join(f"the {s.chip}: {_why_not(s)}" for s in blocked)
    return f"From {period.start}, a Chinese buyer could legally obtain {what}" + (
        f" ({why})." if why else "."
    )


def _and(names: Sequence[str]) -> str:
    """>>> _and(["A100"]), _and(["A100", "H20"]), _and(["A100", "A800", "H20"])
    ('A100', 'A100 and H20', 'A100, A800 and H20')
    """
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def on_day(standings: Sequence[ChipStanding], day: str) -> str:
    """What a Chinese buyer could legally obtain on ``day`` (each chip that could not be, and
    why: the US rule, China's stance, no delivery), then which chips had been reported as
    delivered to China by then. Empty for a release without both sides.

    >>> from aicost.pages.timeline.standing import standing
    >>> print(on_day(standing(tables["events"], "2024-06-30"), "2024-06-30"))
    On 2024-06-30, a Chinese buyer could legally obtain the H20 (not the H200: a US licence
    required, presumption of denial; the A100, A800, H100 and H800: a US licence required).
    Reported as delivered to China by then: the A100 and H20.
    >>> print(on_day(standing(tables["events"], "2026-01-20"), "2026-01-20"))
    On 2026-01-20, a Chinese buyer could legally obtain none of the Nvidia chips followed here
    (not the H200: a US licence reviewed case by case, stopped at China's customs, none
    delivered by 2026-02-24; the A100, A800, H100 and H800: a US licence required; the H20 and
    RTX Pro 6000D: stopped at China's customs). Reported as delivered to China by then: the
    A100, H800 and H20.
    """
    if not standings or not any(s.us_state != "none" or s.on_sale for s in standings):
        return ""
    legal = [s.chip for s in standings if s.obtainable]
    why: dict[str, list[str]] = {}  # why not -> the chips it stopped, in their order
    for s in standings:
        if s.obtainable or (s.us_state == "none" and s.china_stance == "none" and not s.on_sale):
            continue  # a chip never offered in China was not refused
        why.setdefault(_why_not(s) or s.sale_text, []).append(s.chip)
    # a chip stopped for its own reasons first (those in play), then the ones a rule shared
    grouped = sorted(why.items(), key=lambda item: len(item[1]) > 1)
    what = f"the {_and(legal)}" if legal else "none of the Nvidia chips followed here"
    reasons = "; ".join(f"the {_and(chips)}: {reason}" for reason, chips in grouped)
    sentence = f"On {day}, a Chinese buyer could legally obtain {what}" + (
        f" (not {reasons})." if reasons else "."
    )
    arrived = [s.chip for s in standings if s.delivered]
    if arrived:
        sentence += f" Reported as delivered to China by then: the {_and(arrived)}."
    return sentence


def timeline(events: pd.DataFrame, periods: Sequence[Period], *, now: bool = True) -> str:
    """/timeline's finding: the chip DeepSeek trained V3 on, when it went on sale in China and
    the rule that then caught it (dates only: the alt text carries no data text), dated as the
    page's "What China could legally buy" list; where the events carry both sides of each rule
    (release 4 on) and ``now``, then where the chips stood in the last period on file.
    Empty when the events lack V3's release or that chip's steps.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.timeline.standing import legal_periods
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
    sentence = (
        f"DeepSeek trained V3 (released {v3['date'].iloc[0]}) on the {chip}, which could be "
        f"sold to China from {periods[first].start} until the US rule of {rule.start} caught it."
    )
    last = latest(periods[-1]) if periods and now else ""
    return f"{sentence} {last}" if last else sentence
