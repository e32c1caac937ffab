"""/market's result in one sentence. No streamlit import."""

from __future__ import annotations

from aicost.base import fmt


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
