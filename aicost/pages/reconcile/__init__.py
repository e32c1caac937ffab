"""/reconcile: DeepSeek's cost headlines on one scale, with uncertainty bands and sensitivity.

:func:`compute` is everything the page shows for one scenario; the chain is
:mod:`.scenario`, the sentence :mod:`.finding`, the charts :mod:`.charts`.
"""

from __future__ import annotations

from functools import partial

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm
from aicost.pages.reconcile import charts, finding
from aicost.pages.reconcile.scenario import (
    ChainInputs,
    Uncertainty,
    chain,
    inputs,
    interval_table,
    sourced_fleet_size,
    step_table,
    uncertainty,
)
from aicost.report.page import Bar, Body, Chart, Figure, Scenario

SOURCE = "DeepSeek-V3 report; Nature; Epoch AI; Lambert; SemiAnalysis"
VIEWS = {
    "rec_chart": ("Every step (log scale)", "Waterfall (linear scale)"),
    "rec_uncertainty": (
        "Step 4: spread",
        "Step 4: what moves it",
        "Fleet capex: spread",
        "Fleet capex: what moves it",
    ),
}
REPORTED_ROWS = ("r1_rl_cost", "v3_cost_total")
ROWS = (
    *REPORTED_ROWS,
    "epoch_interconnect_fraction",
    "epoch_energy_price_2024",
    "lambert_experiment_multiplier_high",
    "semianalysis_table_capex_critic",
)
#: The steps that are analysts' estimates, not computed from the reader's assumptions.
ANALYSTS = frozenset({"fleet_gpus", "server_capex", "operations"})
#: The uncertainty tabs' two subjects: (file name part, subject, x-axis title, the others at).
SUBJECTS = {
    "training": ("step4", "step 4", "V3 run + research, owned (USD)", "your values"),
    "fleet": ("fleet-capex", "fleet capex", "Server capex (USD)", "the sourced fleet"),
}


def _uncertainty(i: ChainInputs, tables: Tables) -> Uncertainty:
    """The Monte Carlo of a scenario, once per loaded release for each (read-only, shared)."""
    return tables.cached("reconcile_uncertainty", i, lambda: uncertainty(i, tables), size=64)


def compute(s: Scenario) -> Body:
    """Everything /reconcile shows for one scenario.

    >>> from aicost.site import BY_PATH
    >>> from aicost.report.page import result
    >>> from aicost.base.release import Store
    >>> r = result(BY_PATH["reconcile"], tables, Store("data/releases").current)
    >>> [f.text for f in r.figures[:4]]
    ['$294.7K', '$5.58M', '$2.54B', '8,633×']
    """
    tables = s.tables
    i = inputs(tables, s.values)
    c = chain(i, tables)
    u = _uncertainty(i, tables)
    sentence = finding.chain(c)
    r1, v3 = c["r1_rl"], c["v3_rental"]
    price = fmt.usd(i.rec_price)
    reported = [fmt.usd_reported(tables.value(row)) for row in REPORTED_ROWS]
    says = {
        "recomputed": f"The first two are recomputed from GPU-hours at {price} per GPU-hour; "
        f"DeepSeek reported {reported[0]} and {reported[1]} at $2.00.",
        "ladder": "On a log scale every tenfold step is the same length, so the small figures "
        "stay visible. The waterfall tab shows how the dollars add up.",
        "waterfall": "On a linear scale the training-run figures are slivers beside the fleet: "
        "that is the gap the headlines argue about.",
        "uncertainty": f"{u.training.n:,} Monte Carlo draws (seeded). Each uncertain input is "
        "drawn around your value from a lognormal fitted to its source's 90% interval (Epoch "
        "AI's credible intervals, Lambert's 2-4x); the table under the charts lists them.",
        "fleet": f"The sourced default fleet ({sourced_fleet_size(tables):,.0f} GPUs): a fleet "
        "set on the GPU capex page does not carry over here. That page shows the range of the "
        "fleet set there.",
    }
    if c["v3_owned"].value < v3.value:  # the ladder steps down: say why
        says["step3"] = (
            f"Step 3 goes down: at {price} per GPU-hour renting costs more than owning "
            f"({fmt.usd(c.ownership.total)} per GPU-hour), so owning was cheaper than renting "
            "at that price. That is a finding, not an error."
        )
    if u.training.p50 > u.training.point * 1.05:
        says["median"] = (
            "The median is above the chain's figure mainly because the default multiplier is "
            "the low end of Lambert's 2-4x."
        )
    figures = (
        Figure(
            "R1's RL stage",
            r1.value,
            fmt.usd_figure(r1.value),
            "USD",
            help=f"{fmt.usd_exact(r1.value)}: {r1.includes}",
            key="r1_rl_usd",
            format=fmt.usd_figure,
        ),
        Figure(
            "V3's run",
            v3.value,
            fmt.usd(v3.value),
            "USD",
            help=f"{fmt.usd_exact(v3.value)}: {v3.includes}",
            key="v3_rental_usd",
            format=fmt.usd,
        ),
        Figure(
            "Capex + operations",
            c.widest,
            fmt.usd(c.widest),
            "USD",
            help=f"{fmt.usd_exact(c.widest)}: steps 7 and 7b together.",
            key="widest_usd",
            format=fmt.usd,
        ),
        Figure(
            "Widest / narrowest",
            c.spread,
            fmt.multiple(c.spread),
            "multiple",
            help="The figures are not rivals: each counts more than the one before.",
            key="widest_over_narrowest",
            format=fmt.multiple,
        ),
        Figure(
            "Step 4: V3 with research, owned (P50)",
            u.training.p50,
            fmt.usd(u.training.p50),
            "USD",
            help=f"At your values: {fmt.usd(u.training.point)}. P10 {fmt.usd(u.training.p10)}, "
            f"P90 {fmt.usd(u.training.p90)}.",
            caption=f"{u.training.band()} · chain's figure {fmt.usd(u.training.point)}",
            key="training_p50_usd",
        ),
        Figure(
            "Fleet server capex, our model (P50)",
            u.fleet.p50,
            fmt.usd(u.fleet.p50),
            "USD",
            help="Count x unit price x server overhead for the GPU capex page's sourced fleet "
            f"(at those values: {fmt.usd(u.fleet.point)}). This page keeps that default fleet; "
            "a fleet you set on the GPU capex page does not carry over.",
            caption=f"{u.fleet.band()} · SemiAnalysis {fmt.usd(c['server_capex'].value)}",
            key="fleet_capex_p50_usd",
        ),
    )
    return Body(
        figures=figures,
        finding=sentence,
        lead=3,  # widest / narrowest: the span the page is about
        headline=f"{fmt.usd_figure(r1.value)} to {fmt.usd(c.widest)} ({fmt.multiple(c.spread)})",
        charts=(
            Chart(
                "deepseek-cost-chain-log",
                "Log-scale bars of each step of the cost chain, from R1's RL stage to "
                f"SemiAnalysis' capex plus operations. {sentence}",
                lambda: charts.ladder(c, source=SOURCE),
                view=("rec_chart", VIEWS["rec_chart"][0]),
            ),
            Chart(
                "deepseek-cost-chain-waterfall",
                f"Waterfall of what each step of the cost chain adds, on a linear scale. {sentence}",
                lambda: charts.waterfall(c, source=SOURCE),
                view=("rec_chart", VIEWS["rec_chart"][1]),
            ),
            *_uncertainty_charts(u, c["server_capex"].value),
        ),
        says=says,
        bars=tuple(
            Bar(step.short, step.value, fmt.usd_figure(step.value), ours=step.key not in ANALYSTS)
            for step in c.steps
        ),
        frames={
            "steps": lambda: step_table(c, tables),
            "distributions": lambda: interval_table(u),
        },
        summary={**c.summary(), **u.summary()},
        rows=ROWS,
        detail=c,
    )


def _uncertainty_charts(u: Uncertainty, semianalysis: float) -> tuple[Chart, ...]:
    """The four uncertainty tabs: each subject's spread across the draws, and which of its
    inputs moves it most."""
    labels = VIEWS["rec_uncertainty"]
    spreads = {
        "training": ("Step 4 across the draws", "Monte Carlo of step 4",
                     "Histogram of step 4's cost across the draws",
                     ("Chain's figure", u.training.point)),
        "fleet": ("Fleet server capex across the draws",
                  "Monte Carlo of the GPU capex page's fleet",
                  "Histogram of the fleet's server capex across the draws",
                  ("SemiAnalysis", semianalysis)),
    }  # fmt: skip
    out = []
    for n, which in enumerate(("training", "fleet")):
        name, subject, x_title, at = SUBJECTS[which]
        title, source, alt, ref = spreads[which]
        dist, hist = getattr(u, which), getattr(u, f"{which}_hist")
        swings = getattr(u, f"{which}_swings")
        spread = partial(
            charts.histogram, hist, dist, title=title, x_title=x_title, source=source,
            references=[ref],
        )  # fmt: skip
        moves = partial(
            charts.tornado,
            swings,
            dist.point,
            title=f"Which input moves {subject} most",
            x_title=x_title,
            source=f"each input at the ends of its 90% interval, the others at {at}",
            point_label=f"at {at}",
        )
        out += [
            Chart(f"deepseek-{name}-uncertainty", alt, spread, ("rec_uncertainty", labels[2 * n])),
            Chart(
                f"deepseek-{name}-tornado",
                f"Tornado chart ranking the inputs of {subject}",
                moves,
                ("rec_uncertainty", labels[2 * n + 1]),
            ),
        ]
    return tuple(out)


def changes(values: asm.Values, tables: Tables) -> dict[str, float]:
    """The change panel's figures: every step of the chain, by its short label."""
    c = chain(inputs(tables, values), tables)
    return {s.short: s.value for s in c.steps}
