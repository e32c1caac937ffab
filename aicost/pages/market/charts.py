"""/market's chart. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from aicost.base import fmt
from aicost.pages.market.scenario import MarketResult
from aicost.report.charts import (
    SAFE,
    Draft,
    finish_layout,
    log_dollar_axis,
)

SCALE_COLOURS = {"deepseek": SAFE[4], "analyst": SAFE[0], "market": SAFE[1]}


def scale_chart(result: MarketResult, *, source: str) -> go.Figure:
    """Log-scale bars: DeepSeek's costs, the analysts' estimates and the market losses.

    The title states how many times the training claim the Nvidia drop is.
    """
    bars = [(label, value, group) for label, value, group in result.scale]
    if result.drop > 0:
        bars.append(("Nvidia drop", result.drop, "market"))
    bars.append(("US stocks", result.market_wide, "market"))
    labels = [b[0] for b in bars]
    values = np.array([b[1] for b in bars], dtype=float)
    d = Draft()
    d.add(
        "bar",
        x=values,
        y=labels,
        orientation="h",
        marker={"color": [SCALE_COLOURS[b[2]] for b in bars]},
        text=[fmt.usd(v) for v in values],
        textposition="auto",
        hovertemplate="%{y}: %{text}<extra></extra>",
        showlegend=False,
    )
    d.xaxis.update(log_dollar_axis(values.tolist(), "USD, log scale (gridlines ×10)", sparse=True))
    d.yaxis.update(title={"text": ""}, autorange="reversed")
    if result.drop > 0:
        title = f"Nvidia's drop: {fmt.multiple(result.drop_vs_claim)} the V3 claim"
    else:
        title = "No drop: the market beside DeepSeek's costs"
    return finish_layout(d, title, source, height=90 + 40 * len(bars))
