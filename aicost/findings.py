"""Each page's result in one sentence, from the scenario the page computed. No streamlit import.

A finding stands above the page's chart, is the chart's alt text, and travels with the link
when it is shared or cited. Every number in it is formatted exactly as the page's metrics
format it, so the sentence and the metrics cannot disagree (tests/test_findings.py checks it
on several scenarios per page).

Functions take what the page has already computed; none recomputes a scenario.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

import pandas as pd

from aicost import fmt, model
from aicost.data import Tables
from aicost.overview import Headline, Ratios
from aicost.reconcile import Chain
from aicost.scenarios import R1_PHASE, TrainingResult
from aicost.timeline import Period

#: DeepSeek's own headline, the figure every training scenario is read against.
CLAIM_ROW = "v3_cost_total"


def times(ratio: float) -> str:
    """A ratio in words: ``1.7 times``, ``287 times``, ``60% of``, ``the same as``.

    >>> times(1.7002), times(286.9), times(0.6), times(1.001), times(1.05)
    ('1.7 times', '287 times', '60% of', 'the same as', '1.05 times')
    """
    if abs(ratio - 1) < 0.005:
        return "the same as"
    if ratio < 1:
        return f"{fmt.percent(ratio, 0)} of"
    if ratio >= 10:
        return f"{ratio:,.0f} times"
    return f"{ratio:.2f}".rstrip("0").rstrip(".") + " times"


def run_subject(result: TrainingResult) -> str:
    """What the training page costs: V3's final run, and R1's RL stage if added."""
    if R1_PHASE in result.phase_costs:
        return "V3's final training run plus R1's RL stage"
    return "V3's final training run"


def price_phrase(result: TrainingResult) -> str:
    """How the run is priced, with the "Price per GPU-hour" metric's number."""
    price = fmt.usd(result.price_per_gpu_hour)
    if result.route == "ownership":
        return f"At an owner's cost of {price} per GPU-hour (Epoch AI's method)"
    if result.route == "compute":
        return (
            f"Recomputed from 6·N·D at {fmt.percent(result.mfu)} MFU "
            f"({fmt.gpu_hours(result.gpu_hours)}) and priced at {price} per GPU-hour"
        )
    return f"At {price} per GPU-hour"


def training(result: TrainingResult, tables: Tables) -> str:
    """/training-cost's finding.

    >>> from aicost.data import load_all
    >>> from aicost import assumptions as asm, scenarios
    >>> t = load_all("data/releases/2")
    >>> r = scenarios.training(
    ...     asm.to_model({**asm.defaults("training-cost", t), "price": 3.4}, "training-cost"), t
    ... )
    >>> training(r, t)
    "At $3.40 per GPU-hour, V3's final training run costs $9.48M, 1.7 times DeepSeek's $5.576M."
    """
    claim = tables.value(CLAIM_ROW)
    return (
        f"{price_phrase(result)}, {run_subject(result)} costs {fmt.usd(result.cost)}, "
        f"{times(result.cost / claim)} DeepSeek's {fmt.usd(claim, 4)}."
    )


def training_title(result: TrainingResult) -> str:
    """The phase chart's title, for a slide: the model, the result and the price.

    >>> from aicost.data import load_all
    >>> from aicost import assumptions as asm, scenarios
    >>> t = load_all("data/releases/2")
    >>> r = scenarios.training(
    ...     asm.to_model({**asm.defaults("training-cost", t), "price": 3.4}, "training-cost"), t
    ... )
    >>> training_title(r)
    'DeepSeek-V3 final run: $9.48M at $3.40 per GPU-hour'
    """
    who = "DeepSeek-V3 final run"
    if R1_PHASE in result.phase_costs:
        who += " + R1's RL stage"
    owner = "an owner's " if result.route == "ownership" else ""
    return (
        f"{who}: {fmt.usd(result.cost)} at {owner}{fmt.usd(result.price_per_gpu_hour)} per GPU-hour"
    )


def fleet(f: model.FleetResult, claim: float, gpus: float, years: float | None = None) -> str:
    """/gpu-capex's finding, with the numbers of its "GPUs alone", "With servers" and
    "Times the claim" metrics (``claim`` is the article's $5.6M; ``gpus`` the fleet's count).

    >>> from aicost.data import load_all
    >>> from aicost import assumptions as asm, scenarios
    >>> t = load_all("data/releases/2")
    >>> f = scenarios.fleet(asm.to_model(asm.defaults("gpu-capex", t), "gpu-capex"), t)
    >>> print(fleet(f, t.value("article_training_cost_claim"), 60_000))
    A fleet of 60,000 GPUs costs $1.54B with servers ($1.1B for the GPUs alone), 274× the $5.6M
    training claim.
    """
    head = (
        f"A fleet of {fmt.count(gpus)} GPUs costs {fmt.usd(f.capex_total)} with servers "
        f"({fmt.usd(f.gpu_total)} for the GPUs alone)"
    )
    if f.operating_cost > 0:
        span = f"{years:g} years of " if years else ""
        head += (
            f"; with {span}electricity, {fmt.usd(f.capex_plus_energy)} in all "
            f"({fmt.usd(f.operating_cost)} of it electricity)"
        )
    return f"{head}, {fmt.multiple(f.times(claim))} the {fmt.usd(claim)} training claim."


def chain(c: Chain) -> str:
    """/reconcile's finding, with the numbers of its four metrics.

    >>> from aicost.data import load_all
    >>> from aicost import assumptions as asm, reconcile
    >>> t = load_all("data/releases/2")
    >>> print(chain(reconcile.chain(asm.to_model(asm.defaults("reconcile", t), "reconcile"), t)))
    DeepSeek's cost figures span 8,633× from R1's RL stage ($294.7K) to capex plus operations
    ($2.54B); V3's run, rented, is $5.58M.
    """
    return (
        f"DeepSeek's cost figures span {fmt.multiple(c.spread)} from R1's RL stage "
        f"({fmt.usd_figure(c['r1_rl'].value)}) to capex plus operations ({fmt.usd(c.widest)}); "
        f"V3's run, rented, is {fmt.usd(c['v3_rental'].value)}."
    )


# ---- story pages: functions of what the page already computed ---------------------------------


def market(
    before: float, after: float, pct_change: float, value_change: float, drop_vs_claim: float | None
) -> str:
    """/market's finding, with the numbers of its "Close before", "Close after", "Change in
    price", "Change in market value" and "Drop ÷ V3 training claim" metrics.

    >>> print(market(142.62, 118.42, -0.16968, -589.0e9, 105_634.2))
    Nvidia's close went from $142.62 to $118.42 (-16.97%), a change in market value of -$589B:
    105,600× the V3 training claim.
    """
    head = (
        f"Nvidia's close went from {fmt.usd(before)} to {fmt.usd(after)} "
        f"({fmt.percent(pct_change, 2)}), a change in market value of {fmt.usd(value_change)}"
    )
    if drop_vs_claim is None:
        return head + "."
    return f"{head}: {fmt.multiple(drop_vs_claim)} the V3 training claim."


def compare(
    basis: str, highlights: list[tuple[str, float]], stage_only: Collection[str] = ()
) -> str:
    """/compare's finding: the models its metrics show, each at the figure they show
    (``fmt.usd_figure``), and how far apart the whole training runs among them are (a figure
    of one stage, named in ``stage_only``, is left out of that spread and said to be so).

    >>> print(
    ...     compare(
    ...         "reported GPU-hours × $2.00 per GPU-hour",
    ...         [("DeepSeek-V3", 5.576e6), ("GPT-4", 63e6)],
    ...     )
    ... )
    Recomputed on one assumption (reported GPU-hours × $2.00 per GPU-hour): DeepSeek-V3 $5.58M,
    GPT-4 $63M; the costliest is 11 times the cheapest.
    >>> print(
    ...     compare(
    ...         "x",
    ...         [("DeepSeek-V3", 5.576e6), ("GPT-4", 114e6), ("DeepSeek-R1", 294.7e3)],
    ...         stage_only={"DeepSeek-R1"},
    ...     )
    ... )
    Recomputed on one assumption (x): DeepSeek-V3 $5.58M, GPT-4 $114M, DeepSeek-R1 $294.7K; of
    the whole training runs, the costliest is 20 times the cheapest (DeepSeek-R1's figure is one
    stage, so it is left out).
    """
    shown = ", ".join(f"{model} {fmt.usd_figure(value)}" for model, value in highlights)
    values = [v for model, v in highlights if v > 0 and model not in stage_only]
    left_out = [model for model, _ in highlights if model in stage_only]
    spread = ""
    if len(values) > 1:
        whole = "of the whole training runs, " if left_out else ""
        spread = f"; {whole}the costliest is {times(max(values) / min(values))} the cheapest"
        if left_out:
            names = " and ".join(f"{m}'s" for m in left_out)
            spread += f" ({names} figure is one stage, so it is left out)"
    return f"Recomputed on one assumption ({basis}): {shown}{spread}."


def overview(items: Sequence[Headline], r: Ratios) -> str:
    """The overview's finding: the training claim beside the server capex and Nvidia's loss,
    each figure as its headline card shows it, each multiple as the ratio box under them.

    >>> from aicost.data import load_all
    >>> from aicost.overview import headlines, ratios
    >>> t = load_all("data/releases/2")
    >>> overview(headlines(t), ratios(t))
    "SemiAnalysis' $1.6B server-capex estimate is 287× DeepSeek's $5.576M training claim, and
    Nvidia's one-day loss was 105,600× the claim."
    """
    shown = {item.id: item.shown for item in items}
    return (
        f"SemiAnalysis' {shown['semianalysis_server_capex']} server-capex estimate is "
        f"{fmt.multiple(r.capex_x)} DeepSeek's {shown['v3_cost_total']} training claim, and "
        f"Nvidia's one-day loss was {fmt.multiple(r.nvidia_drop_x)} the claim."
    )


def timeline(events: pd.DataFrame, periods: Sequence[Period]) -> str:
    """/timeline's finding: the chip DeepSeek trained V3 on, when it went on sale in China and
    the rule that then caught it (dates only: the alt text carries no data text), dated as the
    page's "What China could legally buy" list.
    Empty when the events lack V3's release or that chip's steps.

    >>> from aicost.data import load_all
    >>> from aicost.timeline import legal_periods
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
