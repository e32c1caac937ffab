"""The overview's result in one sentence. No streamlit import."""

from __future__ import annotations

from collections.abc import Sequence

from aicost.base import fmt
from aicost.pages.overview.scenario import Headline, Ratios


def overview(items: Sequence[Headline], r: Ratios) -> str:
    """The overview's finding: the training claim beside the server capex and Nvidia's loss,
    each figure as its headline card shows it, each multiple as the ratio box under them.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.overview.scenario import headlines, ratios
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
