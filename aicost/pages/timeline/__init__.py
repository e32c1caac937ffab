"""/timeline: what a Chinese buyer could legally obtain on any day (``on`` in the link), the
rules that changed it beside the best chip they left, and every export-control step, model and
market event.

:func:`compute` is what the page shows; the events and the legality periods are
:mod:`.scenario`, the sentence :mod:`.finding`, the charts :mod:`.charts`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from aicost.base.data import Tables
from aicost.pages.timeline import charts, finding, scenario, standing
from aicost.pages.timeline.finding import in_play
from aicost.report.page import Body, Chart, Scenario

EVENTS_CHART = "deepseek-export-control-timeline"
CEILING_CHART = "best-nvidia-chip-china-could-buy"
#: The events chart's two views, bound to the link (``tl_events``): the key steps, or every
#: event on file.
VIEWS = {"tl_events": ("Key steps", "Every event")}


def events_chart(
    tables: Tables,
    categories: Iterable[str],
    every: bool,
    sentence: str,
    view: tuple[str, str] | None = None,
) -> Chart | None:
    """The timeline of events of ``categories`` (the key steps only, unless ``every``); None
    when no event is left to show. ``view``: the tab it is drawn in.

    Kept with the release's tables, so a reader's own filter (the page's pills) is made and
    drawn once, not again on every rerun of the page.
    """
    chosen = frozenset(categories)

    def make() -> Chart | None:
        rows = scenario.chart_rows(tables["events"], chosen, key_only=not every)
        if rows.empty:
            return None
        return Chart(
            EVENTS_CHART + ("-every-event" if every else ""),
            "Timeline of US export-control steps, Nvidia's China chips, DeepSeek's models and "
            f"the market, one labelled row per event. {sentence}",
            lambda: charts.timeline_chart(rows, source=scenario.TIMELINE_SOURCE),
            view,
        )

    return tables.cached("timeline-events-chart", (chosen, every, sentence, view), make)


def listed_events(tables: Tables, categories: Iterable[str]) -> pd.DataFrame:
    """The events of ``categories`` as the page's table lists them (kept with the tables)."""
    chosen = frozenset(categories)
    return tables.cached(
        "timeline-listed-events",
        chosen,
        lambda: scenario.timeline_events(tables["events"], chosen),
    )


@dataclass(frozen=True)
class OnDay:
    """What the page says of one day: each chip's standing on it, and the stretch of time
    (of :func:`aicost.pages.timeline.standing.could_buy`'s list) it falls in."""

    day: str
    asked: bool  # the reader gave it (``on`` in the link); else the last day on file
    standings: tuple[standing.ChipStanding, ...]
    run: int | None  # the index of its line in the list
    lines: tuple[tuple[str, str], ...] = ()  # each chip, and its standing in words


def _standing_text(s: standing.ChipStanding) -> str:
    """A chip's standing on a day in one line: could it be obtained, the US rule, China's
    stance, its supply, what arrived, the terms attached to a sale."""
    verdict = "could be obtained" if s.obtainable else "could not be obtained"
    china = s.china_text if s.china_stance != "none" else ""
    # "none delivered by" a later day says something of a chip in play, not of one not offered
    quiet = s.delivered_text == "no delivery reported" or (s.delivered is False and not in_play(s))
    arrived = "" if quiet else s.delivered_text
    parts = [s.us_text, china, s.sale_text, arrived]
    terms = f" Terms: {'; '.join(s.terms)}." if s.terms else ""
    said = "; ".join(p for p in parts if p)
    return f"{verdict}. {said[:1].upper()}{said[1:]}.{terms}"


def compute(s: Scenario) -> Body:
    """Everything /timeline shows for a day (``on`` in the link; by default the last day on
    file) on its data release: what a Chinese buyer could legally obtain then and what had
    arrived, the periods between rules, the best chip of each, and the events.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["timeline"], tables, Store("data/releases").current)
    >>> r.finding[:40], [c.file for c in r.charts]
    ('DeepSeek trained V3 (released 2024-12-26', ['deepseek-export-control-timeline', 'best-nvidia-chip-china-could-buy'])
    >>> current = Store("data/releases").current
    >>> day = result(BY_PATH["timeline"], tables, current, params={"on": "2026-01-20"})
    >>> day.finding[:59], day.link == f"/timeline?on=2026-01-20&rel={current.id}"
    ('On 2026-01-20, a Chinese buyer could legally obtain none of', True)
    """
    tables = s.tables
    events = tables["events"]
    periods = standing.periods_of(tables)
    asked = s.params.get("on", "")
    # a day the reader asked about replaces where the chips stood on the last day on file
    story = finding.timeline(events, periods, now=not asked)
    day = asked or str(events["date"].max())
    standings = tuple(standing.standing(events, day))
    said = finding.on_day(standings, day)
    sentence = " ".join(t for t in (said if asked else "", story) if t)
    names = scenario.opening_names(events, periods)
    stretches = standing.runs(periods)
    run = standing.run_of(stretches, day)
    view = s.view("tl_events")

    def ceiling() -> go.Figure:
        return charts.ceiling_chart(
            standing.chip_ceiling(periods, tables["gpus"]),
            standing.releases(events),
            source=standing.CEILING_SOURCE,
            names=names,
            on=asked,
        )

    events_view = events_chart(
        tables, scenario.CATEGORIES, view == VIEWS["tl_events"][1], sentence, ("tl_events", view)
    )
    legal = [c.chip for c in standings if c.obtainable]
    lines = tuple((c.chip, _standing_text(c)) for c in standings)  # each chip's, in words
    return Body(
        figures=(),
        finding=sentence,
        statement=sentence.split(". ")[0].rstrip(".") + "." if sentence else "",
        headline=f"what China could obtain on {asked}" if asked else "",
        charts=(
            *filter(None, [events_view]),
            Chart(
                CEILING_CHART,
                "Step chart of the dense BF16 peak and NVLink bandwidth of the best Nvidia chip "
                "China could legally buy, each step labelled with its chip, each gap with the "
                f"rule that began it, DeepSeek's V3 and R1 marked. {sentence}",
                ceiling,
            ),
        ),
        says={"could_buy": "\n".join(standing.could_buy(periods, names))},
        frames={
            "legality": lambda: standing.legality_table(periods),
            "events": lambda: scenario.timeline_table(scenario.timeline_events(events)),
        },
        summary={
            "on": day,
            "obtainable": ", ".join(legal) or "none",
            "delivered_by_then": ", ".join(c.chip for c in standings if c.delivered) or "none",
            **dict(lines),
        },
        rows=(),
        detail=OnDay(day, bool(asked), standings, run, lines),
    )
