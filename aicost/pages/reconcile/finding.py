"""/reconcile's result in one sentence. No streamlit import."""

from __future__ import annotations

from aicost.base import fmt
from aicost.pages.reconcile.scenario import Chain


def chain(c: Chain) -> str:
    """/reconcile's finding, with the numbers of its four metrics.

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.reconcile.scenario import chain as compute, inputs
    >>> t = load_all("data/releases/2")
    >>> print(chain(compute(inputs(t), t)))
    DeepSeek's cost figures span 8,633× from R1's RL stage ($294.7K) to capex plus operations
    ($2.54B); V3's run, rented, is $5.58M.
    """
    return (
        f"DeepSeek's cost figures span {fmt.multiple(c.spread)} from R1's RL stage "
        f"({fmt.usd_figure(c['r1_rl'].value)}) to capex plus operations ({fmt.usd(c.widest)}); "
        f"V3's run, rented, is {fmt.usd(c['v3_rental'].value)}."
    )
