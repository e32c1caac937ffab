"""/timeline: High-Flyer's GPUs against each US export-control step, the models and the market.

:func:`compute` is what the page shows; the events and the legality periods are
:mod:`.scenario`, the sentence :mod:`.finding`, the charts :mod:`.charts`.
"""

from __future__ import annotations

from collections.abc import Iterable

import plotly.graph_objects as go

from aicost.base.data import Tables
from aicost.pages.timeline import charts, finding, scenario, standing
from aicost.report.page import Body, Chart, Scenario

EVENTS_CHART = "deepseek-export-control-timeline"


def events_chart(
    tables: Tables, categories: Iterable[str], every: bool, sentence: str
) -> Chart | None:
    """The timeline of events of ``categories`` (the key steps only, unless ``every``); None
    when no event is left to show."""
    rows = scenario.chart_rows(tables["events"], categories, key_only=not every)
    if rows.empty:
        return None
    return Chart(
        EVENTS_CHART,
        "Timeline of US export-control steps, Nvidia's China chips, DeepSeek's models and the "
        f"market, one labelled row per event. {sentence}",
        lambda: charts.timeline_chart(rows, source=scenario.TIMELINE_SOURCE),
    )


def compute(s: Scenario) -> Body:
    """Everything /timeline shows (its data release sets it all).

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["timeline"], tables, Store("data/releases").current)
    >>> r.finding[:40], [c.file for c in r.charts]
    ('DeepSeek trained V3 (released 2024-12-26', ['deepseek-export-control-timeline', 'best-nvidia-chip-china-could-buy'])
    """
    tables = s.tables
    events = tables["events"]
    periods = standing.legal_periods(events)
    sentence = finding.timeline(events, periods)

    def ceiling() -> go.Figure:
        return charts.ceiling_chart(
            standing.chip_ceiling(events, tables["gpus"]),
            standing.releases(events),
            source=standing.CEILING_SOURCE,
        )

    return Body(
        figures=(),
        finding=sentence,
        statement=sentence.split(". ")[0].rstrip(".") + "." if sentence else "",
        charts=(
            *filter(None, [events_chart(tables, scenario.CATEGORIES, False, sentence)]),
            Chart(
                "best-nvidia-chip-china-could-buy",
                "Step chart of the dense BF16 peak and NVLink bandwidth of the best Nvidia chip "
                "China could legally buy, each step labelled with its chip, DeepSeek's V3 and R1 "
                "marked",
                ceiling,
            ),
        ),
        says={"could_buy": "\n".join(standing.could_buy(periods))},
        frames={
            "legality": lambda: standing.legality_table(periods),
            "events": lambda: scenario.timeline_table(scenario.timeline_events(events)),
        },
        rows=(),
        detail=periods,
    )
