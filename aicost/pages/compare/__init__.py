"""/compare: DeepSeek beside other frontier models, as reported and on one shared assumption.

:func:`compute` is everything the page shows for one scenario; the computation is
:mod:`.scenario`, the sentence :mod:`.finding`, the chart :mod:`.charts`.
"""

from __future__ import annotations

from aicost.base import fmt
from aicost.base.text import escape_markdown
from aicost.pages.compare import charts, finding
from aicost.pages.compare.scenario import (
    COMPARE_SOURCE,
    HOURS_CAVEAT,
    ModelFigure,
    compare_highlights,
    compare_inputs,
    compare_models,
    compare_table,
    deepseek_disclosures,
    disclosed_in_words,
    inputs,
    scope,
)
from aicost.report.page import Bar, Body, Chart, Figure, Scenario


def _headline(highlights: list[ModelFigure]) -> str:
    """The first whole run beside the costliest: "DeepSeek-V3 $5.58M vs GPT-4 $114M"."""
    runs = [h for h in highlights if not h.one_stage and h.value > 0]
    if not runs:
        return ""
    first, top = runs[0], max(runs, key=lambda h: h.value)
    if top is first:
        return f"{first.model} {fmt.usd_figure(first.value)}"
    return f"{first.model} {fmt.usd_figure(first.value)} vs {top.model} {fmt.usd_figure(top.value)}"


def _figure(h: ModelFigure) -> Figure:
    """A recomputed figure as a metric; ours (a model that disclosed no compute or cost) is
    labelled so, with its formula, in its label and caption."""
    if h.estimate:
        # what it covers, in the data's words: "pre-training only, a floor"
        covers = h.scope_text.partition(" (")[2].split(":")[0].rstrip(")")
        return Figure(
            f"{h.model}, our estimate",
            h.value,
            fmt.usd_figure(h.value),
            "USD",
            help=escape_markdown(f"{h.label}: {h.counts}"),
            caption=f"Our estimate, not {h.developer}'s: {h.formula}"
            + (f" ({covers})" if covers else "")
            + ", recomputed on your assumption",
            key=f"recomputed_{h.model}",
        )
    return Figure(
        h.model,
        h.value,
        fmt.usd_figure(h.value),
        "USD",
        help=escape_markdown(h.counts),
        caption=f"Recomputed: {scope(h)}",
        key=f"recomputed_{h.model}",
    )


def compute(s: Scenario) -> Body:
    """Everything /compare shows for one scenario.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["compare"], tables, Store("data/releases").current)
    >>> [(f.label, f.text) for f in r.figures][:2]
    [('DeepSeek-V3', '$5.58M'), ('DeepSeek-R1', '$294.7K')]
    """
    tables = s.tables
    i = inputs(tables, s.values)
    result = compare_models(i, tables)
    highlights = compare_highlights(result, limit=4)
    sentence = finding.compare(
        result.basis,
        [(h.model, h.value) for h in highlights],
        stage_only={h.model for h in highlights if h.one_stage},
    )
    # our estimates (models that disclosed no compute or cost) after the four headline models,
    # each labelled as ours with its formula
    estimates = [f for f in result.recomputed if f.estimate and f not in highlights]
    disclosed = tables.memo("deepseek_disclosures", deepseek_disclosures)  # once per release
    return Body(
        figures=tuple(_figure(h) for h in [*highlights, *estimates]),
        finding=sentence,
        headline=_headline(highlights),
        charts=(
            Chart(
                "deepseek-vs-frontier-models-training-cost",
                "Log-scale dot plot of each model's training cost: as reported, amortized, "
                "cloud price, and recomputed on the chosen assumption, with ranges as error "
                f"bars. {sentence}",
                lambda: charts.compare_chart(result, source=COMPARE_SOURCE),
            ),
        ),
        notes=tuple(result.notes),
        says={
            "basis": result.basis,
            "caveat": HOURS_CAVEAT,
            "markers": "Markers show each model's default figure of each kind; the table lists "
            "every figure, including alternatives. Do not read a CEO's statement and a "
            "modelled estimate as the same kind of number.",
            "count": str(len(result.figures)),
            "disclosed": disclosed_in_words(disclosed),
        },
        bars=tuple(Bar(h.model, h.value, fmt.usd_figure(h.value), ours=True) for h in highlights),
        frames={"figures": lambda: compare_table(result), "disclosed": lambda: disclosed},
        summary=result.summary(),
        used=frozenset({"cmp_basis", *compare_inputs(i.cmp_basis)}),
        detail=result,
    )
