"""/rules-cost's chart: the run's wall-clock and cost on the best chip of each period between
rule changes, beside the run without the rules. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

import plotly.graph_objects as go

from aicost.base import fmt
from aicost.pages.rules_cost.scenario import OnChip, PeriodCost, RulesCost
from aicost.report.charts import HIGHLIGHT, NEUTRAL, SAFE, Draft, finish_layout


def _label(p: PeriodCost) -> str:
    chip = p.chip.chip if p.chip else "no chip"
    return f"{p.start}<br>{chip}"


def _text(chip: OnChip | None) -> str:
    if chip is None:
        return "none could be bought"
    cost = f" · {fmt.usd(chip.cost)}" if chip.cost is not None else ""
    return f"{fmt.days(chip.days)}{cost}"


def by_period(rc: RulesCost, chosen: PeriodCost, *, source: str) -> go.Figure:
    """Horizontal bars, one row per period (oldest on top), each labelled with the rule's date
    and the chip: the wall-clock on the reader's cluster and the cost on the bar; a thinner
    grey bar for the same run without the rules. The period a reader asked about is
    highlighted."""
    rows = list(rc.periods)
    labels = [_label(p) for p in rows]
    days = [p.chip.days if p.chip else 0.0 for p in rows]
    colours = [HIGHLIGHT if p is chosen else SAFE[4] for p in rows]
    d = Draft(layout={"barmode": "group", "bargap": 0.25, "bargroupgap": 0.05})
    d.add(
        "bar",
        y=labels,
        x=days,
        orientation="h",
        name="On the best chip China could obtain",
        marker={"color": colours},
        text=[_text(p.chip) for p in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    free = [p.free.days if p.free else 0.0 for p in rows]
    d.add(
        "bar",
        y=labels,
        x=free,
        orientation="h",
        name="Without the rules (best chip sold anywhere)",
        marker={"color": NEUTRAL},
        text=[f"{p.free.chip}: {fmt.days(p.free.days)}" if p.free else "" for p in rows],
        textposition="outside",
        cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    top = max([*days, *free, 1.0])
    d.xaxis.update(
        title={"text": f"Days on {fmt.count(rc.inputs.rc_gpus)} GPUs"}, range=[0, top * 1.45]
    )
    d.yaxis.update(title={"text": "Rules in force from"}, autorange="reversed")
    title = f"{rc.run.model}'s final run under each export rule"
    height = 70 + 46 * len(rows)
    return finish_layout(d, title, source, height=height, legend_below=True)
