"""The overview (/): the headline figures, what each counts, and how far apart they are.

Pure: data rows in, dataclasses and text out; no streamlit import.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aicost.base import fmt
from aicost.base.data import Tables
from aicost.base.text import escape_markdown, fill_from_rows, short_source
from aicost.pages.market import scenario as market


@dataclass(frozen=True)
class Headline:
    """One headline figure: its value as shown, what it counts and where it comes from."""

    id: str
    label: str
    value: float
    shown: str
    counts: str
    source_name: str
    source_url: str
    date: str
    status: str
    confidence: str
    kind: str = ""
    short: str = ""

    @property
    def source_short(self) -> str:
        """The source's name up to its first comma: ``SemiAnalysis``."""
        return short_source(self.source_name)

    @property
    def help(self) -> str:
        """The metric's help text (markdown): what it counts, its source, date and standing."""
        md = escape_markdown
        return (
            f"{md(self.counts)}\n\nSource: {md(self.source_name)} ({md(self.date)}); "
            f"{self.status}, {self.confidence} confidence. Row `{self.id}` on Data and sources."
        )


OVERVIEW_SOURCE = "data/figures.csv (DeepSeek, SemiAnalysis, Reuters, Business Insider)"

#: (row id, label, what it counts). Fields in braces are filled from the data rows.
HEADLINE_SPECS: tuple[tuple[str, str, str], ...] = (
    (
        "v3_cost_total",
        "V3 training run, as claimed",
        "{v3_gpu_hours_total} of H800 time at an assumed {v3_rental_price_assumption}: the "
        "final V3 training run only, priced as if rented. It excludes research and "
        "ablations, the R1 stage, staff and buying any hardware.",
    ),
    (
        "r1_rl_cost",
        "R1 reasoning stage",
        "The reinforcement-learning stage that turned V3-Base into R1, on {r1_rl_gpus} (H800), "
        "priced the same way. It comes on top of the V3 run.",
    ),
    (
        "semianalysis_gpu_investment",
        "On GPUs, more than (SemiAnalysis)",
        "An analyst's estimate of what High-Flyer and DeepSeek spent on GPUs over the "
        "company's history: hardware bought, not one training run.",
    ),
    (
        "semianalysis_server_capex",
        "Server capex (SemiAnalysis)",
        "An analyst's estimate of total server capital spending for about "
        "{semianalysis_hopper_gpus} of the Hopper generation: GPUs plus servers and "
        "networking, for research, training and serving.",
    ),
    (
        "nvda_mcap_loss_589",
        "Nvidia, one-day loss",
        "Stock-market value Nvidia lost on Monday 27 January 2025, a "
        "{nvda_pct_drop_2025_01_27} move. A change in investors' expectations, not money "
        "anyone spent.",
    ),
    (
        "us_market_value_erased",
        "US stocks, one day, about",
        "Value erased across US stocks that day, led by chipmakers and AI-related companies.",
    ),
)


#: What kind of amount each headline figure is: the overview chart's colours.
KINDS: dict[str, str] = {
    "run": "One training run",
    "hardware": "Hardware, over years",
    "market": "Stock-market value",
}

#: (row id, kind, short label for the chart): what each figure counts, in a few words.
HEADLINE_KINDS: dict[str, tuple[str, str]] = {
    "r1_rl_cost": ("run", "R1's RL stage"),
    "v3_cost_total": ("run", "V3's final run"),
    "semianalysis_gpu_investment": ("hardware", "GPUs bought (over)"),
    "semianalysis_server_capex": ("hardware", "Server capex"),
    "nvda_mcap_loss_589": ("market", "Nvidia's drop"),
    "us_market_value_erased": ("market", "US stocks' drop"),
}


def headlines(tables: Tables) -> list[Headline]:
    """The overview's headline figures, each formatted from its data row.

    >>> h = headlines(tables)
    >>> h[0].shown, h[0].id
    ('$5.576M', 'v3_cost_total')
    """
    out = []
    for row_id, label, counts in HEADLINE_SPECS:
        row = tables.row(row_id)
        value = tables.value(row_id)
        out.append(
            Headline(
                id=row_id,
                label=label,
                value=value,
                shown=fmt.by_unit(value, str(row["unit"])),
                counts=fill_from_rows(counts, tables),
                source_name=str(row["source_name"]),
                source_url=str(row["source_url"]),
                date=str(row["date"]),
                status=str(row["status"]),
                confidence=str(row["confidence"]),
                kind=KINDS[HEADLINE_KINDS[row_id][0]],
                short=HEADLINE_KINDS[row_id][1],
            )
        )
    return out


def chunks(items: Sequence[object], size: int) -> list[list[object]]:
    """``items`` in rows of ``size``: a grid that reads left to right, also on a phone.

    >>> chunks([1, 2, 3, 4, 5], 3)
    [[1, 2, 3], [4, 5]]
    """
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def framing(tables: Tables) -> str:
    """The overview's question, with its three amounts from the data.

    >>> framing(tables)
    'Was it $5.6M, or $500M+, or $1.6B?'
    """
    return fill_from_rows(
        "Was it {v3_cost_total:2}, or {semianalysis_gpu_investment:2}+, or "
        "{semianalysis_server_capex:2}?",
        tables,
    )


@dataclass(frozen=True)
class Ratios:
    """How far apart the headline figures are, as multiples of the training claim."""

    claim: float
    gpu_spend: float
    capex: float
    nvidia_drop: float

    @property
    def gpu_spend_x(self) -> float:
        return self.gpu_spend / self.claim

    @property
    def capex_x(self) -> float:
        return self.capex / self.claim

    @property
    def nvidia_drop_x(self) -> float:
        return self.nvidia_drop / self.claim


def ratios(tables: Tables) -> Ratios:
    """Headline figures over the training claim (computed, never typed in).

    Nvidia's drop is /market's own computation at its sourced defaults (closes and share
    count from the rows), so both pages show the same multiple.

    >>> r = ratios(tables)
    >>> fmt.multiple(r.capex_x), fmt.multiple(r.gpu_spend_x)
    ('287×', '89.7×')
    """
    return Ratios(
        claim=tables.value("v3_cost_total"),
        gpu_spend=tables.value("semianalysis_gpu_investment"),
        capex=tables.value("semianalysis_server_capex"),
        nvidia_drop=market.market_drop(market.inputs(tables), tables).drop,
    )


def ratio_sentence(tables: Tables) -> str:
    """How many times the training claim the other headline figures are, in one sentence.

    >>> ratio_sentence(tables)[:60]
    'The GPU spending estimate is 89.7× the training claim, the s'
    """
    r = ratios(tables)
    return (
        f"The GPU spending estimate is {fmt.multiple(r.gpu_spend_x)} the training claim, "
        f"the server-capex estimate {fmt.multiple(r.capex_x)}, and Nvidia's one-day loss "
        f"{fmt.multiple(r.nvidia_drop_x)}. They are not rival answers to one question: "
        "each counts something different."
    )


#: (row id, includes, excludes): what each headline number counts.
SCOPES: tuple[tuple[str, str, str], ...] = (
    (
        "v3_cost_total",
        "GPU time of V3's final pre-training, context extension and post-training, priced at "
        "an assumed rental rate",
        "research and ablation runs, the R1 stage, data, staff, buying or running hardware",
    ),
    (
        "r1_rl_cost",
        "GPU time of R1's reinforcement-learning stage, priced the same way",
        "the V3 base model it starts from, experiments, staff",
    ),
    (
        "semianalysis_gpu_investment",
        "GPUs bought over the company's history (analyst estimate)",
        "servers, networking, power, staff",
    ),
    (
        "semianalysis_server_capex",
        "GPUs, servers and networking for the whole fleet (analyst estimate)",
        "operating costs (estimated separately), staff",
    ),
    (
        "nvda_mcap_loss_589",
        "the fall in Nvidia's stock-market value over one day",
        "any money spent on AI; it is a change in investors' expectations",
    ),
    (
        "us_market_value_erased",
        "the fall in the value of US stocks that day, Nvidia's included (a round 'more than')",
        "any money spent on AI; like Nvidia's drop, a change in investors' expectations",
    ),
)


def scope_markdown(tables: Tables) -> str:
    """What each headline number includes and excludes, as escaped markdown bullets.

    >>> scope_markdown(tables).splitlines()[0][:40]
    '- **Total official training cost at \\\\$2/'
    """
    md = escape_markdown
    lines = []
    for row_id, includes, excludes in SCOPES:
        row = tables.row(row_id)
        value = fmt.by_unit(tables.value(row_id), str(row["unit"]))
        lines.append(
            f"- **{md(row['label'])}: {md(value)}.** Counts {md(includes)}. Leaves out "
            f"{md(excludes)}. _Source: {md(row['source_name'])}_"
        )
    return "\n".join(lines)
