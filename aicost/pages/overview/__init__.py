"""/ (the overview): the headline figures, what each counts, and the way into every page.

Every number comes from a data row (:mod:`.scenario`); :func:`compute` is what it shows.
"""

from __future__ import annotations

from aicost.pages.market.scenario import ARTICLE
from aicost.pages.overview import charts, finding
from aicost.pages.overview.scenario import (
    OVERVIEW_SOURCE,
    framing,
    headlines,
    ratio_sentence,
    ratios,
    scope_markdown,
)
from aicost.pages.timeline import finding as timeline_finding
from aicost.pages.timeline import standing
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

#: What the overview says under its chart, before the six figures.
GUIDE = (
    "Each figure below answers a different question: what one training run would cost at a "
    "rental price, what the company spent on hardware over the years, or how much stock-market "
    "value changed hands. The **?** beside a figure (point at it, or tap it on a phone) says "
    "what it counts and where it comes from; the link under it opens the source, and the next "
    "its row on the Data and sources page, with the quote in full."
)


def compute(s: Scenario) -> Body:
    """Everything the overview shows (it has no assumptions: the data release sets it all).

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH[""], tables, Store("data/releases").current)
    >>> [f.text for f in r.figures]
    ['$5.576M', '$294K', '$500M', '$1.6B', '$589B', '$1T']
    """
    tables = s.tables
    items = headlines(tables)
    sentence = finding.overview(items, ratios(tables))
    events = tables["events"]
    # the chip V3 was trained on and the rule that caught it (the timeline's own sentence)
    rules = timeline_finding.timeline(events, standing.periods_of(tables), now=False)
    return Body(
        figures=tuple(
            Figure(item.label, item.value, item.shown, "USD", help=item.help, key=item.id)
            for item in items
        ),
        finding=sentence,
        headline=framing(tables),
        charts=(
            Chart(
                "deepseek-cost-headlines-on-one-scale",
                "The six headline figures on one log-scale bar chart, from R1's RL stage to the "
                "US stock market's one-day drop, coloured by kind: one training run, hardware "
                f"over years, stock-market value. {sentence}",
                lambda: charts.headline_scale(items, source=OVERVIEW_SOURCE),
            ),
        ),
        says={
            "framing": framing(tables),
            "guide": GUIDE,
            "article": f'Where this site says "the article", it means {ARTICLE}.',
            "ratios": ratio_sentence(tables),
            "scopes": scope_markdown(tables),
            "rules": rules,
        },
        bars=tuple(Bar(item.short, item.value, item.shown) for item in items),
        summary={item.id: item.value for item in items},
        rows=tuple(item.id for item in items),
        detail=items,
    )
