"""/training-cost's charts. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from aicost.base import fmt
from aicost.base.model import OwnershipRate
from aicost.report.charts import (
    HIGHLIGHT,
    NEUTRAL,
    SAFE,
    Draft,
    finish_layout,
)


def phase_costs(
    phase_costs: Mapping[str, float], price: float, *, source: str, title: str = ""
) -> go.Figure:
    """Horizontal bars: the cost of each phase of a training run (USD). ``title`` names the
    model and the result, for a slide (default: the price)."""
    names = list(phase_costs)
    values = np.array([phase_costs[n] for n in names], dtype=float)
    d = Draft()
    d.add(
        "bar",
        x=values,
        y=names,
        orientation="h",
        marker={"color": SAFE[4]},
        text=[fmt.usd(v) for v in values],
        textposition="auto",
        hovertemplate="%{y}: %{text}<extra></extra>",
    )
    d.xaxis.update(title={"text": "Cost (USD)"}, tickprefix="$", tickformat="~s")
    d.yaxis.update(title={"text": "Phase"}, autorange="reversed")
    title = title or f"Cost by phase at {fmt.usd(price)} per GPU-hour"
    return finish_layout(d, title, source, height=240)


def cost_vs_price(
    gpu_hours: float,
    price: float,
    market: Sequence[tuple[str, float]],
    *,
    source: str,
    price_range: tuple[float, float] = (0.5, 10.0),
) -> go.Figure:
    """Run cost against price per GPU-hour: the line, the chosen point, and market quotes."""
    top = max([price_range[1], *(m[1] for m in market)])
    prices = np.linspace(price_range[0], top, 40)
    d = Draft()

    def on_line(xs: np.ndarray, hover: str, **trace: object) -> None:
        """Points (or the line) at prices ``xs`` on the run's cost: price x GPU-hours."""
        d.add(
            "scatter",
            x=xs,
            y=xs * gpu_hours,
            hovertemplate=f"{hover}$%{{x:.2f}}/GPU-hour → $%{{y:.3s}}<extra></extra>",
            **trace,
        )

    line = {"color": SAFE[4], "width": 2}
    on_line(prices, "", mode="lines", name="Cost of this run", line=line)
    if market:
        on_line(
            np.array([m[1] for m in market], dtype=float),
            "%{text}: ",
            mode="markers",
            name="Market quotes (data/prices.csv)",
            marker={"color": SAFE[6], "size": 9, "symbol": "diamond"},
            text=[m[0] for m in market],
        )
    on_line(
        np.array([price], dtype=float),
        "Your assumption: ",
        mode="markers+text",
        name="Your assumption",
        marker={"color": HIGHLIGHT, "size": 14, "line": {"width": 1, "color": "white"}},
        text=[fmt.usd(price * gpu_hours)],
        cliponaxis=False,
        # the line rises to the right: below-right or above-left of the point stays off it
        textposition="bottom right" if price < (price_range[0] + top) / 2 else "top left",
    )
    d.xaxis.update(title={"text": "Price per GPU-hour (USD)"}, tickprefix="$")
    d.yaxis.update(title={"text": "Cost of the run (USD)"}, tickprefix="$", tickformat="~s")
    title = f"What {fmt.gpu_hours(gpu_hours)} cost at other prices"
    # the legend under the plot: in the corner it covered the line and the chosen point's label
    return finish_layout(d, title, source, height=360, legend_below=True)


def ownership_breakdown(rate: OwnershipRate, rental_price: float, *, source: str) -> go.Figure:
    """Stacked bar of the owner's cost per GPU-hour beside the rental price it is compared
    with (the reader's; DeepSeek's $2 by default)."""
    parts = (
        ("Hardware, amortized", rate.hardware, SAFE[4]),
        ("Interconnect", rate.interconnect, SAFE[0]),
        ("Energy", rate.energy, SAFE[2]),
    )
    d = Draft(layout={"barmode": "stack"})
    for name, value, colour in parts:
        d.add(
            "bar",
            x=[value],
            y=["Owning (Epoch method)"],
            name=name,
            orientation="h",
            marker={"color": colour},
            text=[fmt.usd(value)],
            textposition="inside",
            hovertemplate=f"{name}: %{{text}} per GPU-hour<extra></extra>",
        )
    d.add(
        "bar",
        x=[rental_price],
        y=["Renting (your price)"],
        name="Rental price",
        orientation="h",
        marker={"color": NEUTRAL},
        text=[fmt.usd(rental_price)],
        textposition="inside",
        hovertemplate="Rental: %{text} per GPU-hour<extra></extra>",
    )
    d.xaxis.update(title={"text": "Cost per GPU-hour (USD)"}, tickprefix="$")
    d.yaxis.update(title={"text": ""})
    title = f"Owning costs {fmt.usd(rate.total)} per GPU-hour; renting {fmt.usd(rental_price)}"
    # four long names: above the plot they wrapped into the title on a phone and in the PNG
    return finish_layout(d, title, source, height=230, legend_below=True)
