"""The site map and what each page reads from a link. Declarations only: no widget is drawn here.

Every page is declared once: its script, label, icon and URL path (:data:`PAGES`), its views
(:data:`VIEWS`), its own link parameters (:data:`PARAMS`) and the data files its figures come
from (:data:`PAGE_FILES`). The link checks, the fuzz tests and the navigation all read these.
"""

from __future__ import annotations

from typing import NamedTuple

from aicost.base.data import SCHEMAS
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate

#: The site's name: the overview's title, and the fallback of a page title.
SITE_TITLE = "What did DeepSeek really cost?"
FAVICON = "💸"


class PageInfo(NamedTuple):
    """One page: its script, its label (its title too, but for the overview's), its icon and
    its URL path. The URL paths are promises: people share them."""

    script: str
    label: str
    icon: str
    path: str


PAGES: tuple[PageInfo, ...] = (
    PageInfo("app.py", "Overview", ":material/home:", ""),
    PageInfo("pages/1_training-cost.py", "Training cost", ":material/calculate:", "training-cost"),
    PageInfo("pages/2_gpu-capex.py", "GPU capex", ":material/memory:", "gpu-capex"),
    PageInfo(
        "pages/3_reconcile.py",
        "Reconcile the headlines",
        ":material/stacked_bar_chart:",
        "reconcile",
    ),
    PageInfo("pages/4_timeline.py", "Export-control timeline", ":material/timeline:", "timeline"),
    PageInfo("pages/5_market.py", "Market shock", ":material/trending_down:", "market"),
    PageInfo("pages/6_compare.py", "Compare models", ":material/compare_arrows:", "compare"),
    PageInfo("pages/7_data.py", "Data and sources", ":material/table:", "data"),
)
BY_PATH: dict[str, PageInfo] = {p.path: p for p in PAGES}
DATA_PAGE = BY_PATH["data"].script

#: Each page's introduction, under its title: the question it answers, in plain words.
INTROS: dict[str, str] = {
    "": (
        "DeepSeek said it trained a frontier model for a few million dollars. Analysts put its "
        "GPU spending in the hundreds of millions, and Nvidia lost hundreds of billions in a day. "
        "These numbers count different things. Check each one, and its source, here."
    ),
    "training-cost": (
        "DeepSeek priced V3's final training run at $5.576M: 2.788M H800 GPU-hours at an assumed "
        "$2 per GPU-hour. Change the price, the hours or the route and see what it becomes."
    ),
    "gpu-capex": (
        "The $5.6M was one training run. Buying the GPUs is another matter: the article's 10,000 "
        "A100s, and SemiAnalysis' estimate of about 50,000 Hopper GPUs. Build the fleet."
    ),
    "reconcile": (
        "DeepSeek's cost headlines count different things. This chain puts them on one scale, "
        "narrowest first: each step says what it adds to the one before, and every assumption "
        "is yours to change."
    ),
    "timeline": (
        "High-Flyer bought its A100s before the first US export controls. Each later rule caught "
        "more chips, Nvidia answered with China-only variants, and DeepSeek trained V3 on H800s, "
        "the variant the 2023 rule then caught. Every step is labelled below; point at or tap a "
        "marker for its detail and source."
    ),
    "market": (
        "On Monday 27 January 2025, a week after DeepSeek-R1's release, Nvidia lost more "
        "stock-market value in one day than any company before. Change the closing prices or "
        "the share count and the loss is recomputed."
    ),
    "compare": (
        "Reported training costs count different things: a rental-price estimate of one final run, "
        "amortized hardware and energy, a cloud bill, or a CEO's round number. Where a model's "
        "GPU-hours or training compute are known, it is recomputed here on one assumption you set."
    ),
    "data": (
        "Every figure on this site is a row here, with the sentence it was taken from and a link "
        "to the source. Reported rows come straight from a source, estimates from an analyst or "
        "model, and derived rows are computed from other rows by the formula shown."
    ),
}

#: The pages whose body is a calculator (:func:`aicost.ui.calculator`, an ``st.fragment``):
#: their link notes are drawn inside it, so Reset and the presets, which rerun only the
#: fragment, clear them. Every other page's notes are drawn by :func:`aicost.ui.page`.
CALCULATORS = frozenset({"training-cost", "gpu-capex"})

#: The pages with headline numbers and charts: a session's first one draws its numbers first,
#: and the rest of the page once the browser has painted them (:mod:`aicost.ui.paint`).
NUMBERS_FIRST = frozenset({"", "training-cost", "gpu-capex", "reconcile", "market", "compare"})

#: Each page's views (lazy tabs), by URL parameter: the tab labels, the default one first.
#: The open tab travels in the link (``bind="query-params"``), so a shared link reopens it.
VIEWS: dict[str, dict[str, tuple[str, ...]]] = {
    "training-cost": {"tc_chart": ("Cost by phase", "The price per GPU-hour")},
    "gpu-capex": {"capex_chart": ("The fleet by GPU", "Against the training claim")},
    "reconcile": {
        "rec_chart": ("Every step (log scale)", "Waterfall (linear scale)"),
        "rec_uncertainty": (
            "Step 4: spread",
            "Step 4: what moves it",
            "Fleet capex: spread",
            "Fleet capex: what moves it",
        ),
    },
}

#: The data files each page's figures come from: an older release's banner lists the changes
#: made since to these files.
PAGE_FILES: dict[str, tuple[str, ...]] = {
    "": ("figures",),
    "training-cost": ("figures", "gpus", "prices"),
    "gpu-capex": ("figures", "gpus", "prices"),
    "reconcile": ("figures", "gpus", "prices"),
    "timeline": ("events",),
    "market": ("figures",),
    "compare": ("models", "figures", "gpus", "prices"),
    "data": ("figures", "events", "gpus", "prices", "models"),
}

#: The link parameters a page reads besides its assumptions and its tabs, by page ("*": every
#: page). The page draws its widget from this declaration (options, default first) and
#: :func:`aicost.ui.link_notes` checks the link against the same one, so a new parameter is
#: declared here once; tests/test_fuzz_links.py then feeds it hostile values on every page.
PARAMS: dict[str, tuple[urlstate.PageParam, ...]] = {
    "*": (),
    "data": (
        urlstate.PageParam("file", tuple(SCHEMAS), "data file"),
        urlstate.PageParam("q"),  # the search: any text is a search
    ),
}


def title(name: str) -> str:
    """The title of the page at URL path ``name``."""
    return SITE_TITLE if name == "" else BY_PATH[name].label


def declared_params(page_name: str) -> dict[str, urlstate.PageParam]:
    """The page's declared :data:`PARAMS` (those of every page included), by name."""
    return {p.name: p for p in (*PARAMS["*"], *PARAMS.get(page_name, ()))}


def page_params(name: str) -> frozenset[str]:
    """Every link parameter the page ``name`` reads besides ``rel``: its assumptions, its
    views (tabs) and its own (``/data``'s file and search)."""
    own = {a.name for a in asm.for_page(name)}
    return frozenset(own) | frozenset(VIEWS.get(name, {})) | frozenset(declared_params(name))


#: A container with this key is shown before the other columns of its row on a phone: the
#: results above the inputs.
RESULTS_FIRST = "results_first"
#: The pages menu drawn above the title on a phone, instead of the sidebar.
PHONE_NAV = "phone_nav"
#: A container with this key goes after its siblings on a phone: a page's inputs under the
#: results they set, where the inputs and results are not two columns.
INPUTS_LAST = "inputs_last"
#: On touch screens plotly's toolbar, once shown by a tap, stays on top of the chart's title;
#: a phone has no use for its PNG and reset buttons. On a narrow screen the columns stack,
#: and a row holding a RESULTS_FIRST container stacks in reverse. A style-only st.html
#: takes no space on the page. On a touch screen the "?" help icons (16 px) get a tap target
#: of at least 24 x 24 CSS px, the minimum of WCAG 2.5.8.
TOUCH_CSS = (
    "<style>@media (hover: none) { .modebar-container { display: none !important; }"
    " [data-testid='stTooltipHoverTarget'] > button"
    " { min-width: 24px; min-height: 24px; justify-content: center; } }"
    "@media (max-width: 640px) { div[data-testid='stHorizontalBlock']"
    f":has(> div[data-testid='stColumn'] .st-key-{RESULTS_FIRST})"
    " { flex-direction: column-reverse; }"
    # the keyed block sits in a layout wrapper: the wrapper is what its parent orders
    f" div[data-testid='stLayoutWrapper']:has(> .st-key-{INPUTS_LAST}) {{ order: 1; }} }}"
    # Streamlit's sidebar becomes an overlay at 768 px and below (its "md" breakpoint)
    f"@media (min-width: 769px) {{ .st-key-{PHONE_NAV} {{ display: none; }} }}"
    "@media (max-width: 768px) { section[data-testid='stSidebar'],"
    " [data-testid='stExpandSidebarButton'] { display: none !important; } }</style>"
)
