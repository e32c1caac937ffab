"""/compare's result in one sentence. No streamlit import."""

from __future__ import annotations

from collections.abc import Collection

from aicost.base import fmt
from aicost.base.text import times


def compare(
    basis: str, highlights: list[tuple[str, float]], stage_only: Collection[str] = ()
) -> str:
    """/compare's finding: the models its metrics show, each at the figure they show
    (``fmt.usd_figure``), and how far apart the whole training runs among them are (a figure
    of one stage, named in ``stage_only``, is left out of that spread and said to be so).

    >>> print(
    ...     compare(
    ...         "reported GPU-hours × $2.00 per GPU-hour",
    ...         [("DeepSeek-V3", 5.576e6), ("GPT-4", 63e6)],
    ...     )
    ... )
    Recomputed on one assumption (reported GPU-hours × $2.00 per GPU-hour): DeepSeek-V3 $5.58M,
    GPT-4 $63M; the costliest is 11 times the cheapest.
    >>> print(
    ...     compare(
    ...         "x",
    ...         [("DeepSeek-V3", 5.576e6), ("GPT-4", 114e6), ("DeepSeek-R1", 294.7e3)],
    ...         stage_only={"DeepSeek-R1"},
    ...     )
    ... )
    Recomputed on one assumption (x): DeepSeek-V3 $5.58M, GPT-4 $114M, DeepSeek-R1 $294.7K; of
    the whole training runs, the costliest is 20 times the cheapest (DeepSeek-R1's figure is one
    stage, so it is left out).
    """
    shown = ", ".join(f"{model} {fmt.usd_figure(value)}" for model, value in highlights)
    values = [v for model, v in highlights if v > 0 and model not in stage_only]
    left_out = [model for model, _ in highlights if model in stage_only]
    spread = ""
    if len(values) > 1:
        whole = "of the whole training runs, " if left_out else ""
        spread = f"; {whole}the costliest is {times(max(values) / min(values))} the cheapest"
        if left_out:
            names = " and ".join(f"{m}'s" for m in left_out)
            spread += f" ({names} figure is one stage, so it is left out)"
    return f"Recomputed on one assumption ({basis}): {shown}{spread}."
