"""/gpu-capex's charts. Pure: results in, ``go.Figure`` out."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from aicost.base import fmt
from aicost.base.model import FleetResult
from aicost.report.charts import (
    HIGHLIGHT,
    NEUTRAL,
    SAFE,
    Draft,
    finish_layout,
    log_dollar_axis,
)


def fleet_stack(fleet: FleetResult, *, source: str) -> go.Figure:
    """Stacked bars by GPU type: GPUs, servers and network, and electricity if counted."""
    gpus = [g for g in fleet.gpu_cost if fleet.gpu_cost[g] > 0] or list(fleet.gpu_cost)
    chips = np.array([fleet.gpu_cost[g] for g in gpus], dtype=float)
    capex = np.array([fleet.capex_by_gpu[g] for g in gpus], dtype=float)
    d = Draft(layout={"barmode": "stack"})
    parts = [("GPUs", chips, SAFE[4]), ("Servers and network", capex - chips, SAFE[0])]
    if fleet.operating_cost > 0:
        opex = np.array([fleet.operating_cost_by_gpu.get(g, 0.0) for g in gpus], dtype=float)
        parts.append(("Electricity", opex, SAFE[2]))
    for name, values, colour in parts:
        # each part's value written on it, so a slide reader who cannot hover still reads it
        hover_name = name if name == "GPUs" else name.lower()
        d.add(
            "bar",
            x=gpus,
            y=values,
            name=name,
            marker={"color": colour},
            text=[fmt.usd(v) for v in values],
            textposition="inside",
            insidetextanchor="middle",
            constraintext="none",
            hovertemplate=f"%{{x}} {hover_name}: $%{{y:.3s}}<extra></extra>",
        )
    d.xaxis.update(title={"text": "GPU type"})
    d.yaxis.update(title={"text": "Spending (USD)"}, tickprefix="$", tickformat="~s")
    total = fleet.capex_plus_energy
    return finish_layout(d, f"Fleet spending by GPU type: {fmt.usd(total)} in all", source)


def against_references(
    bars: Sequence[tuple[str, float]],
    references: Sequence[tuple[str, float]],
    *,
    title: str,
    source: str,
) -> go.Figure:
    """Ranked horizontal bars on a log dollar axis: your scenario's bars beside sourced figures.

    ``bars`` are the visitor's results (highlighted); ``references`` are sourced figures (grey).
    No legend: on a phone it covers the bars, so the labels say whose figure each is.
    """
    rows = [(label, value, "Your scenario") for label, value in bars]
    rows += [(label, value, "Sourced figure") for label, value in references]
    rows.sort(key=lambda r: r[1], reverse=True)
    d = Draft(layout={"barmode": "overlay", "bargap": 0.25})
    for kind, colour in (("Your scenario", HIGHLIGHT), ("Sourced figure", NEUTRAL)):
        picked = [r for r in rows if r[2] == kind]
        d.add(
            "bar",
            x=np.array([r[1] for r in picked], dtype=float),
            y=[r[0] for r in picked],
            orientation="h",
            name=kind,
            marker={"color": colour},
            showlegend=False,
            text=[fmt.usd(r[1]) for r in picked],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    d.xaxis.update(log_dollar_axis([r[1] for r in rows], "USD (log scale)", headroom=0.3))
    d.yaxis.update(
        title={"text": ""}, categoryorder="array", categoryarray=[r[0] for r in rows][::-1]
    )
    return finish_layout(d, title, source, height=90 + 44 * len(rows))
