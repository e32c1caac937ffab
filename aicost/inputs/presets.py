"""Named scenarios people argue from, each with its source. No streamlit import.

A preset sets some assumptions (display units); the rest stay at their sourced defaults.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from aicost.base.data import Tables
from aicost.base.gpus import median_rental
from aicost.inputs.assumptions import BY_NAME, snap


@dataclass(frozen=True)
class Preset:
    """A named scenario: which values it sets and where they come from."""

    key: str
    label: str
    source: str
    values: dict[str, float | bool | str] = field(default_factory=dict)


def training_presets(tables: Tables) -> list[Preset]:
    """The training-cost page's presets, with values read from the data files.

    >>> [p.key for p in training_presets(tables)]
    ['reported', 'epoch', 'market2025', 'skeptic']
    """
    # the quotes of the GPUs the page prices an hour of (its GPU choice), not every chip on file
    market, n_quotes = median_rental(tables["prices"], "2025", BY_NAME["gpu"].options)
    h800_quote = tables.value("h800_rental_cr8dl")
    return [
        Preset(
            "reported",
            "DeepSeek as reported",
            "DeepSeek-V3 technical report, Table 1: 2,788K H800 GPU-hours at an assumed $2.",
        ),
        Preset(
            "epoch",
            "Epoch-style ownership",
            "Epoch AI's method: amortized H800 server + 19% interconnect + energy per GPU-hour.",
            {"route": "ownership"},
        ),
        Preset(
            "market2025",
            "2025 market rental",
            f"Median of the {n_quotes} rental quotes dated 2025 in data/prices.csv for the GPUs "
            f"this page prices: ${market:.2f} per GPU-hour.",
            {"route": "rental", "price": snap(BY_NAME["price"], market)},
        ),
        Preset(
            "skeptic",
            "A skeptic's view",
            f"The one H800 rental quote found (${h800_quote:.2f}/hour, CR8DL) and R1's RL stage "
            "added; still excludes research, failed runs and staff.",
            {"route": "rental", "price": snap(BY_NAME["price"], h800_quote), "r1": True},
        ),
    ]


def fleet_presets(tables: Tables) -> list[Preset]:
    """The GPU capex page's fleets: the sourced one, and SemiAnalysis' Hoppers alone.

    >>> [(p.key, p.values) for p in fleet_presets(tables)]
    [('sourced', {}), ('hopper', {'a100_n': 0})]
    """
    hoppers = sum(
        tables.value(row)
        for row in (
            "semianalysis_h800_count",
            "semianalysis_h100_count",
            "semianalysis_h20_count_derived",
        )
    )
    a100s = tables.value("article_a100_count")
    return [
        Preset(
            "sourced",
            f"Sourced fleet ({hoppers + a100s:,.0f} GPUs)",
            f"The article's {a100s:,.0f} A100s (bought in 2021) plus SemiAnalysis' "
            f"{hoppers:,.0f} Hopper GPUs.",
        ),
        Preset(
            "hopper",
            f"Hopper only ({hoppers:,.0f} GPUs)",
            f"SemiAnalysis' estimate alone (2025-01-31): about {hoppers:,.0f} Hopper GPUs "
            "(H800, H100, H20), without the article's A100s.",
            {"a100_n": 0},
        ),
    ]
