"""The site map: every page, once. No streamlit import.

Each :class:`~aicost.report.page.Page` names its URL path (a promise: people share it), its
script, label, icon, introduction, the overview's line about it, its data files, tabs and own
link parameters, and the computation (:mod:`aicost.pages`) that makes what it shows. The
navigation, the link checks, the previews, the API, the tests and the benchmark all read
this tuple.

To add a page: write its script in ``pages/``, its package in ``aicost/pages/`` (computation,
finding, charts), its assumptions in :mod:`aicost.inputs.assumptions.table`, and one
``Page(...)`` here.
"""

from __future__ import annotations

from aicost.base import fmt
from aicost.base.data import SCHEMAS
from aicost.inputs.urlstate import PageParam
from aicost.pages import (
    compare,
    data,
    gpu_capex,
    market,
    overview,
    reconcile,
    rules_cost,
    timeline,
)
from aicost.pages import training_cost as training
from aicost.report.page import SITE_TITLE, Page
from aicost.report.pair import SECOND

__all__ = ["BY_PATH", "BY_SCRIPT", "FAVICON", "PAGES", "SITE_TITLE", "Page"]

#: The browser tab's icon: an emoji, drawn locally.
FAVICON = "💸"


def _on_day(label: str) -> PageParam:
    """The day whose rules a page shows (``on``), the same range on every page that reads one."""
    return PageParam("on", what="day", dates=("2016-01-01", "2030-12-31"), label=label)


PAGES: tuple[Page, ...] = (
    Page(
        path="",
        script="app.py",
        label="Overview",
        icon=":material/home:",
        intro="DeepSeek said it trained a frontier model for a few million dollars. Analysts "
        "put its GPU spending in the hundreds of millions, and Nvidia lost hundreds of billions "
        "in a day. These numbers count different things. Check each one, and its source, here.",
        blurb="",
        files=("figures", "events"),
        compute=overview.compute,
        numbers_first=True,
    ),
    Page(
        path="training-cost",
        script="pages/1_training-cost.py",
        label="Training cost",
        icon=":material/calculate:",
        intro="DeepSeek priced V3's final training run at $5.576M: 2.788M H800 GPU-hours at an "
        "assumed $2 per GPU-hour. Change the price, the hours or the route and see what it "
        "becomes.",
        blurb="Price the V3 training run yourself: rental, compute or ownership route, any "
        "price per GPU-hour.",
        files=("figures", "gpus", "prices"),
        compute=training.compute,
        views=training.VIEWS,
        calculator=True,
        numbers_first=True,
        changes=training.changes,
        embed_height=1150,
        mfu=training.scenario.BASIS,
        depends=training.DEPENDS,
        params=(SECOND,),
    ),
    Page(
        path="gpu-capex",
        script="pages/2_gpu-capex.py",
        label="GPU capex",
        icon=":material/memory:",
        intro="The $5.6M was one training run. Buying the GPUs is another matter: the article's "
        "10,000 A100s, and SemiAnalysis' estimate of about 50,000 Hopper GPUs. Build the fleet.",
        blurb="Build DeepSeek's GPU fleet: how many A100s, H800s, H100s and H20s, at what unit "
        "prices.",
        files=("figures", "gpus", "prices"),
        compute=gpu_capex.compute,
        views=gpu_capex.VIEWS,
        calculator=True,
        numbers_first=True,
        changes=gpu_capex.changes,
        embed_height=1150,
        depends=gpu_capex.DEPENDS,
        params=(SECOND,),
    ),
    Page(
        path="reconcile",
        script="pages/3_reconcile.py",
        label="Reconcile the headlines",
        icon=":material/stacked_bar_chart:",
        intro="DeepSeek's cost headlines count different things. This chain puts them on one "
        "scale, narrowest first: each step says what it adds to the one before, and every "
        "assumption is yours to change.",
        blurb="Put the headline numbers on one scale and see what each one adds.",
        files=("figures", "gpus", "prices"),
        compute=reconcile.compute,
        views=reconcile.VIEWS,
        numbers_first=True,
        changes=reconcile.changes,
        embed_height=1100,
        params=(SECOND,),
    ),
    Page(
        path="timeline",
        script="pages/4_timeline.py",
        label="Export-control timeline",
        icon=":material/timeline:",
        intro="High-Flyer bought its A100s before the first US export controls. Each later rule "
        "caught more chips, Nvidia answered with China-only variants, and DeepSeek trained V3 on "
        "H800s, the variant the 2023 rule then caught. Every step is labelled below; point at or "
        "tap a marker for its detail and source.",
        blurb="What a Chinese buyer could legally obtain on any day, and what arrived; each US "
        "export-control step and China's answer, from the first A100s to the H200.",
        files=("events", "gpus"),
        compute=timeline.compute,
        views=timeline.VIEWS,
        params=(_on_day("What could a Chinese buyer obtain on"),),
        new_params=frozenset({"on", *timeline.VIEWS}),
    ),
    Page(
        path="rules-cost",
        script="pages/8_rules-cost.py",
        label="What the export rules cost",
        icon=":material/gavel:",
        intro="DeepSeek trained V3 on H800s, a chip cut down for China, and the rules kept "
        "tightening. For each period between rule changes: the best Nvidia chip a Chinese buyer "
        "could legally obtain, what V3's final run would have needed on it in GPU-hours, dollars "
        "and days, and the same run without the rules.",
        blurb="Each export rule in dollars and days: V3's final run on the best chip China "
        "could obtain, period by period, beside the run without the rules.",
        files=("events", "gpus", "prices", "figures", "models"),
        compute=rules_cost.compute,
        calculator=True,
        numbers_first=True,
        changes=rules_cost.changes,
        change_formats={"H20 run, GPU-hours": fmt.gpu_hours, "H20 run, days": fmt.days},
        depends=rules_cost.DEPENDS,
        params=(
            _on_day("Under the rules in force on"),
            SECOND,
        ),
        embed_height=1150,
        since_release=5,
    ),
    Page(
        path="market",
        script="pages/5_market.py",
        label="Market shock",
        icon=":material/trending_down:",
        intro="On Monday 27 January 2025, a week after DeepSeek-R1's release, Nvidia lost more "
        "stock-market value in one day than any company before. Change the closing prices or "
        "the share count and the loss is recomputed.",
        blurb="Nvidia's record one-day loss, why outlets reported different amounts, and its "
        "scale beside the training claim.",
        files=("figures",),
        compute=market.compute,
        numbers_first=True,
        params=(SECOND,),
    ),
    Page(
        path="compare",
        script="pages/6_compare.py",
        label="Compare models",
        icon=":material/compare_arrows:",
        intro="Reported training costs count different things: a rental-price estimate of one "
        "final run, amortized hardware and energy, a cloud bill, or a CEO's round number. Where "
        "a model's GPU-hours or training compute are known, it is recomputed here on one "
        "assumption you set.",
        blurb="DeepSeek beside GPT-4, Llama 3.1, Gemini Ultra and Claude, as reported and "
        "recomputed on one assumption.",
        files=("models", "figures", "gpus", "prices"),
        compute=compare.compute,
        numbers_first=True,
        mfu=compare.scenario.BASIS,
        params=(SECOND,),
    ),
    Page(
        path="data",
        script="pages/7_data.py",
        label="Data and sources",
        icon=":material/table:",
        intro="Every figure on this site is a row here, with the sentence it was taken from and "
        "a link to the source. Reported rows come straight from a source, estimates from an "
        "analyst or model, and derived rows are computed from other rows by the formula shown.",
        blurb="Every row, its source link and the formulas behind the figures; download the data.",
        files=("figures", "events", "gpus", "prices", "models"),
        compute=data.compute,
        params=(
            PageParam("file", tuple(SCHEMAS), "data file"),
            PageParam("q"),  # the search: any text is a search
        ),
    ),
)

BY_PATH: dict[str, Page] = {p.path: p for p in PAGES}
BY_SCRIPT: dict[str, Page] = {p.script: p for p in PAGES}
