"""/gpu-capex's result in one sentence. No streamlit import."""

from __future__ import annotations

from aicost.base import fmt, model


def fleet(f: model.FleetResult, claim: float, gpus: float, years: float | None = None) -> str:
    """/gpu-capex's finding, with the numbers of its "GPUs alone", "With servers" and
    "Times the claim" metrics (``claim`` is the article's $5.6M; ``gpus`` the fleet's count).

    >>> from aicost.base.data import load_all
    >>> from aicost.pages.gpu_capex.scenario import fleet as compute, inputs
    >>> t = load_all("data/releases/2")
    >>> f = compute(inputs(t), t)
    >>> print(fleet(f, t.value("article_training_cost_claim"), 60_000))
    A fleet of 60,000 GPUs costs $1.54B with servers ($1.1B for the GPUs alone), 274× the $5.6M
    training claim.
    """
    head = (
        f"A fleet of {fmt.count(gpus)} GPUs costs {fmt.usd(f.capex_total)} with servers "
        f"({fmt.usd(f.gpu_total)} for the GPUs alone)"
    )
    if f.operating_cost > 0:
        span = f"{years:g} years of " if years else ""
        head += (
            f"; with {span}electricity, {fmt.usd(f.capex_plus_energy)} in all "
            f"({fmt.usd(f.operating_cost)} of it electricity)"
        )
    return f"{head}, {fmt.multiple(f.times(claim))} the {fmt.usd(claim)} training claim."
