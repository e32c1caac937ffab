"""/reconcile: DeepSeek's cost headlines on one scale, with uncertainty bands and sensitivity."""

import streamlit as st

from aicost import assumptions as asm
from aicost import charts_reconcile, fmt, reconcile, ui

PAGE = reconcile.PAGE


@st.cache_resource(show_spinner=False, max_entries=64)
def uncertainty(v: dict, release: str, _tables) -> reconcile.Uncertainty:
    """Monte Carlo and tornado for these assumptions on this data release: same inputs, same
    draws, one shared read-only result (a data cache would unpickle 20,000 draws a rerun)."""
    return reconcile.uncertainty(v, _tables)


tables = ui.page(
    "Reconcile the headlines",
    "DeepSeek's cost headlines count different things. This chain puts them on one scale, "
    "narrowest first: each step says what it adds to the one before, and every assumption "
    "is yours to change.",
    PAGE,
)
ui.link_notes(PAGE)

controls, results_column = st.columns([1, 2], gap="large")
# On a phone the columns stack; this key puts the results above the sliders (ui.TOUCH_CSS).
results = results_column.container(key=ui.RESULTS_FIRST)
values: dict = {}
with controls:
    st.markdown("**Assumptions, step by step**")
    st.caption("Each starts at its sourced value; hover the (?) for the source.")
    for a in asm.for_page(PAGE):
        values[a.name] = ui.widget(a)

full = {**asm.defaults(PAGE, tables), **values}
v = asm.to_model(full, PAGE)
try:
    c = reconcile.chain(v, tables)
except ValueError as exc:
    results.warning(f"{exc}.", icon=":material/warning:")
    st.stop()

SOURCE = "DeepSeek-V3 report; Nature; Epoch AI; Lambert; SemiAnalysis"
with results:
    m = st.columns(2) + st.columns(2)
    m[0].metric("R1's RL stage", fmt.usd_figure(c["r1_rl"].value),
                help=f"{fmt.usd_exact(c['r1_rl'].value)}: {c['r1_rl'].includes}")  # fmt: skip
    m[1].metric("V3's run", fmt.usd(c["v3_rental"].value),
                help=f"{fmt.usd_exact(c['v3_rental'].value)}: {c['v3_rental'].includes}")  # fmt: skip
    m[2].metric("Capex + operations", fmt.usd(c.widest),
                help=f"{fmt.usd_exact(c.widest)}: steps 7 and 7b together.")  # fmt: skip
    m[3].metric("Widest / narrowest", fmt.multiple(c.spread),
                help="The figures are not rivals: each counts more than the one before.")  # fmt: skip
    ladder_tab, waterfall_tab = ui.lazy_tabs(PAGE, "rec_chart")
    if ladder_tab:
        with ladder_tab:
            ui.chart(charts_reconcile.ladder(c, source=SOURCE), "deepseek-cost-chain-log",
                     alt="Log-scale bars of each step of the cost chain, from R1's RL stage to "
                     "SemiAnalysis' capex plus operations")  # fmt: skip
            st.caption("On a log scale every tenfold step is the same length, so the small "
                       "figures stay visible. The waterfall tab shows how the dollars add up.")  # fmt: skip
    if waterfall_tab:
        with waterfall_tab:
            ui.chart(charts_reconcile.waterfall(c, source=SOURCE), "deepseek-cost-chain-waterfall",
                     alt="Waterfall of what each step of the cost chain adds, on a linear scale")  # fmt: skip
            st.caption("On a linear scale the training-run figures are slivers beside the fleet: "
                       "that is the gap the headlines argue about.")  # fmt: skip

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
u = uncertainty(v, ui.shown_release().id, tables)
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
right.metric(
    "Fleet server capex, our model (P50)",
    fmt.usd(u.fleet.p50),
    help="Count x unit price x server overhead for the GPU capex page's sourced fleet "
    f"(at those values: {fmt.usd(u.fleet.point)}).",
)
right.caption(f"{u.fleet.band()} · SemiAnalysis {fmt.usd(c['server_capex'].value)}")

# one chart a tab: each chart drawn at first load costs the browser as much as the naive page's
train_spread, train_drivers, fleet_spread, fleet_drivers = ui.lazy_tabs(PAGE, "rec_uncertainty")
if train_spread:
    with train_spread:
        ui.chart(
            charts_reconcile.histogram(
                u.training_hist, u.training, title="Step 4 across the draws",
                x_title="V3 run + research, owned (USD)", source="Monte Carlo of step 4",
                references=[("Chain's figure", u.training.point)],
            ),
            "deepseek-step4-uncertainty", alt="Histogram of step 4's cost across the draws",
        )  # fmt: skip
        if u.training.p50 > u.training.point * 1.05:
            st.caption(
                "The median is above the chain's figure mainly because the default multiplier is "
                "the low end of Lambert's 2-4x."
            )
if train_drivers:
    with train_drivers:
        ui.chart(
            charts_reconcile.tornado(
                u.training_swings, u.training.point, title="Which input moves step 4 most",
                x_title="V3 run + research, owned (USD)",
                source="each input at the ends of its 90% interval, the others at your values",
            ),
            "deepseek-step4-tornado", alt="Tornado chart ranking the inputs of step 4",
        )  # fmt: skip
if fleet_spread:
    with fleet_spread:
        ui.chart(
            charts_reconcile.histogram(
                u.fleet_hist, u.fleet, title="Fleet server capex across the draws",
                x_title="Server capex (USD)", source="Monte Carlo of the GPU capex page's fleet",
                references=[("SemiAnalysis", c["server_capex"].value)],
            ),
            "deepseek-fleet-capex-uncertainty",
            alt="Histogram of the fleet's server capex across the draws",
        )  # fmt: skip
if fleet_drivers:
    with fleet_drivers:
        ui.chart(
            charts_reconcile.tornado(
                u.fleet_swings, u.fleet.point, title="Which input moves fleet capex most",
                x_title="Server capex (USD)",
                source="each input at the ends of its 90% interval, the others at the sourced fleet",
                point_label="at the sourced fleet",
            ),
            "deepseek-fleet-capex-tornado", alt="Tornado chart ranking the inputs of fleet capex",
        )  # fmt: skip
if fleet_spread or fleet_drivers:
    st.page_link("pages/2_gpu-capex.py", label="Change the fleet on the GPU capex page",
                 icon=":material/memory:")  # fmt: skip

box = ui.lazy_expander("The distributions used", "reconcile_distributions")
if box is not None:
    with box:
        st.dataframe(reconcile.interval_table(u), hide_index=True, width="stretch")

ui.share_box(PAGE, values, {**c.summary(), **u.summary()})
