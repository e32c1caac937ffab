"""/reconcile: DeepSeek's cost headlines on one scale, with uncertainty bands and sensitivity."""

from collections.abc import Callable

import streamlit as st

from aicost import ui
from aicost.base import fmt
from aicost.inputs import assumptions as asm
from aicost.pages.reconcile import charts as charts_reconcile
from aicost.pages.reconcile import finding as chain_finding
from aicost.pages.reconcile import scenario as reconcile

PAGE = "reconcile"
SOURCE = "DeepSeek-V3 report; Nature; Epoch AI; Lambert; SemiAnalysis"

tables = ui.page(PAGE)

controls, results_column = st.columns([1, 2], gap="large")
# On a phone the columns stack; this key puts the results above the sliders (ui.TOUCH_CSS).
results = results_column.container(key=ui.RESULTS_FIRST)
with controls:
    st.markdown("**Assumptions, step by step**")
    st.caption("Each starts at its sourced value; the (?) beside it gives the source.")
    values = {a.name: ui.widget(a) for a in asm.for_page(PAGE)}

v = asm.model_values(PAGE, tables, values)
try:
    c = reconcile.chain(v, tables)
except ValueError as exc:
    ui.stop_with_warning(exc, results)

base = ui.at_defaults(PAGE, reconcile.chain)
finding = chain_finding.chain(c)
link = ui.share_link(PAGE, values)
r1, v3 = c["r1_rl"], c["v3_rental"]
with results:
    top, bottom = st.columns(2), st.columns(2)
    r1_help = f"{fmt.usd_exact(r1.value)}: {r1.includes}"
    top[0].metric("R1's RL stage", fmt.usd_figure(r1.value), help=r1_help)
    top[1].metric("V3's run", fmt.usd(v3.value), help=f"{fmt.usd_exact(v3.value)}: {v3.includes}")
    both = f"{fmt.usd_exact(c.widest)}: steps 7 and 7b together."
    bottom[0].metric("Capex + operations", fmt.usd(c.widest), help=both)
    rivals = "The figures are not rivals: each counts more than the one before."
    bottom[1].metric("Widest / narrowest", fmt.multiple(c.spread), help=rivals)
    reported = [fmt.usd_reported(tables.value(i)) for i in ("r1_rl_cost", "v3_cost_total")]
    st.caption(
        f"The first two are recomputed from GPU-hours at {fmt.usd(v['rec_price'])} per "
        f"GPU-hour; DeepSeek reported {reported[0]} and {reported[1]} at $2.00."
    )
    ui.finding(finding)
    ui.rest_after_numbers()
    if c["v3_owned"].value < v3.value:  # the ladder steps down: say why
        st.caption(
            f"Step 3 goes down: at {fmt.usd(v['rec_price'])} per GPU-hour renting costs more "
            f"than owning ({fmt.usd(c.ownership.total)} per GPU-hour), so owning was cheaper "
            "than renting at that price. That is a finding, not an error."
        )

    def ladder() -> None:
        alt = (
            "Log-scale bars of each step of the cost chain, from R1's RL stage to "
            f"SemiAnalysis' capex plus operations. {finding}"
        )
        fig = charts_reconcile.ladder(c, source=SOURCE)
        ui.chart(fig, "deepseek-cost-chain-log", alt=alt, link=link)
        st.caption(
            "On a log scale every tenfold step is the same length, so the small figures stay "
            "visible. The waterfall tab shows how the dollars add up."
        )

    def waterfall() -> None:
        alt = f"Waterfall of what each step of the cost chain adds, on a linear scale. {finding}"
        fig = charts_reconcile.waterfall(c, source=SOURCE)
        ui.chart(fig, "deepseek-cost-chain-waterfall", alt=alt, link=link)
        st.caption(
            "On a linear scale the training-run figures are slivers beside the fleet: that is "
            "the gap the headlines argue about."
        )

    ui.views(PAGE, "rec_chart", ladder, waterfall)
    ui.change_panel(
        PAGE,
        values,
        [
            ("R1's RL stage", r1.value, base["r1_rl"].value, fmt.usd_figure),
            ("V3's run", v3.value, base["v3_rental"].value, fmt.usd),
            ("Capex + operations", c.widest, base.widest, fmt.usd),
            ("Widest / narrowest", c.spread, base.spread, fmt.multiple),
        ],
    )

st.subheader("What each figure counts")
ui.lazy_sourced_table(
    "Every step: what it adds, includes and leaves out, and its source",
    "reconcile_steps",
    lambda: reconcile.step_table(c, tables),
    link="Link",
    width="stretch",
    row_height=96,
    height=40 + 96 * len(c.steps),
    column_config={
        "Step": st.column_config.TextColumn(width=44, pinned=True),
        "Figure": st.column_config.TextColumn(width=170, pinned=True),
        "Value": st.column_config.TextColumn(width=110),
        "What this step adds": st.column_config.TextColumn(width=330),
        "Includes": st.column_config.TextColumn(width=330),
        "Excludes": st.column_config.TextColumn(width=240),
        "Data rows": st.column_config.TextColumn(
            width="medium", help="Ids in data/figures.csv; see the Data and sources page."
        ),
        "Source": st.column_config.TextColumn(width="medium"),
    },
)

st.subheader("How sure are these numbers?")
u = ui.shared(reconcile.uncertainty, v)
st.caption(
    f"{u.training.n:,} Monte Carlo draws (seeded). Each uncertain input is drawn around your "
    "value from a lognormal fitted to its source's 90% interval (Epoch AI's credible intervals, "
    "Lambert's 2-4x); the table under the charts lists them."
)
left, right = st.columns(2, gap="large")
left.metric(
    "Step 4: V3 with research, owned (P50)",
    fmt.usd(u.training.p50),
    help=f"At your values: {fmt.usd(u.training.point)}. P10 {fmt.usd(u.training.p10)}, "
    f"P90 {fmt.usd(u.training.p90)}.",
)
left.caption(f"{u.training.band()} · chain's figure {fmt.usd(u.training.point)}")
fleet_gpus = reconcile.sourced_fleet_size(tables)
right.metric(
    "Fleet server capex, our model (P50)",
    fmt.usd(u.fleet.p50),
    help="Count x unit price x server overhead for the GPU capex page's sourced fleet "
    f"(at those values: {fmt.usd(u.fleet.point)}). This page keeps that default fleet; a fleet "
    "you set on the GPU capex page does not carry over.",
)
right.caption(f"{u.fleet.band()} · SemiAnalysis {fmt.usd(c['server_capex'].value)}")
right.caption(
    f"The sourced default fleet ({fleet_gpus:,.0f} GPUs): a fleet set on the GPU capex page "
    "does not carry over here. That page shows the range of the fleet set there."
)


#: The uncertainty tabs' two subjects: (file name part, subject, x-axis title, the others at).
SUBJECTS = {
    "training": ("step4", "step 4", "V3 run + research, owned (USD)", "your values"),
    "fleet": ("fleet-capex", "fleet capex", "Server capex (USD)", "the sourced fleet"),
}


def spread(which: str, title: str, source: str, alt: str, ref: tuple[str, float]) -> Callable:
    """A tab: the histogram of ``which`` (``training`` or ``fleet``) across the draws."""
    name, _subject, x_title, _at = SUBJECTS[which]
    dist, hist = getattr(u, which), getattr(u, f"{which}_hist")

    def draw() -> None:
        references = [ref]
        fig = charts_reconcile.histogram(
            hist, dist, title=title, x_title=x_title, source=source, references=references
        )
        ui.chart(fig, f"deepseek-{name}-uncertainty", alt=alt, link=link)
        if which == "training" and dist.p50 > dist.point * 1.05:
            st.caption(
                "The median is above the chain's figure mainly because the default multiplier "
                "is the low end of Lambert's 2-4x."
            )

    return draw


def drivers(which: str) -> Callable[[], None]:
    """A tab: which of ``which``'s inputs moves it most, each at the ends of its interval."""
    name, subject, x_title, at = SUBJECTS[which]
    swings, point = getattr(u, f"{which}_swings"), getattr(u, which).point

    def draw() -> None:
        fig = charts_reconcile.tornado(
            swings,
            point,
            title=f"Which input moves {subject} most",
            x_title=x_title,
            source=f"each input at the ends of its 90% interval, the others at {at}",
            point_label=f"at {at}",
        )
        alt = f"Tornado chart ranking the inputs of {subject}"
        ui.chart(fig, f"deepseek-{name}-tornado", alt=alt, link=link)

    return draw


# one chart a tab: each chart drawn at first load costs the browser as much as the naive page's
opened = ui.views(
    PAGE,
    "rec_uncertainty",
    spread(
        "training",
        "Step 4 across the draws",
        "Monte Carlo of step 4",
        "Histogram of step 4's cost across the draws",
        ("Chain's figure", u.training.point),
    ),
    drivers("training"),
    spread(
        "fleet",
        "Fleet server capex across the draws",
        "Monte Carlo of the GPU capex page's fleet",
        "Histogram of the fleet's server capex across the draws",
        ("SemiAnalysis", c["server_capex"].value),
    ),
    drivers("fleet"),
)
if any(opened[2:]):  # a fleet tab
    st.page_link(
        "pages/2_gpu-capex.py",
        label="Change the fleet on the GPU capex page",
        icon=":material/memory:",
    )

box = ui.lazy_expander("The distributions used", "reconcile_distributions")
if box is not None:
    with box:
        st.dataframe(reconcile.interval_table(u), hide_index=True, width="stretch")

ui.share_box(PAGE, values, {**c.summary(), **u.summary()}, finding)
