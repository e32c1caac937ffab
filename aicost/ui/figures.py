"""Drawing a page's charts (after its numbers at a session's first page), tables with their
sources, and content made only once opened (lazy tabs, expanders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from aicost.base.text import markdown_cells
from aicost.report import cite
from aicost.report.page import Chart, PageResult
from aicost.ui.paint import numbers_only
from aicost.ui.results import site_url

#: Plotly's toolbar keeps only the PNG camera and the reset: on a phone the full bar covers titles.
_REMOVED_BUTTONS = (
    "zoom2d pan2d select2d lasso2d zoomIn2d zoomOut2d autoScale2d hoverClosestCartesian "
    "hoverCompareCartesian toggleSpikelines"
)
PLOTLY_CONFIG_BASE = {"displaylogo": False, "modeBarButtonsToRemove": _REMOVED_BUTTONS.split()}


def sourced_table(
    frame: pd.DataFrame, *, link: str = "link", column_config: dict | None = None, **kwargs: Any
) -> None:
    """A table whose ``link`` column opens each row's source; the one way pages show sources."""
    config = {link: st.column_config.LinkColumn(link, display_text="open source")}
    columns = {**config, **(column_config or {})}
    st.dataframe(frame, hide_index=True, column_config=columns, **kwargs)


def lazy_expander(label: str, key: str) -> Any | None:
    """A collapsed expander whose content is made only once opened: its container, or None.

    Streamlit's lazy expander (``on_change="rerun"`` and ``.open``; the state is kept in
    ``st.session_state[key]``). For tables below a chart: a dataframe makes the browser load
    about 1.6 MB of Streamlit's table code before it can draw the page's chart, which was a
    fifth of /timeline's first load.
    """
    box = st.expander(label, icon=":material/table:", on_change="rerun", key=key)
    return box if box.open else None


def lazy_sourced_table(
    label: str, key: str, frame: Callable[[], pd.DataFrame], **table: Any
) -> None:
    """A :func:`sourced_table` in a :func:`lazy_expander`: ``frame()`` is made, sent and drawn
    only once the visitor opens it."""
    box = lazy_expander(label, key)
    if box is not None:
        with box:
            sourced_table(frame(), **table)


def lazy_static_table(
    label: str, key: str, frame: Callable[[], pd.DataFrame], *, link: str = "link"
) -> None:
    """A static table (``st.table``: cells wrap, none is cut) in a :func:`lazy_expander`;
    every cell escaped, the ``link`` column as links to the sources."""
    box = lazy_expander(label, key)
    if box is not None:
        with box:
            st.table(markdown_cells(frame(), link=link), hide_index=True)


def tabs(r: PageResult, param: str) -> list[tuple[Any, str]]:
    """The page's tabs of ``param`` (``r.page.views``), content made only while open: each open
    tab's container and its label.

    Streamlit's lazy tabs (``on_change="rerun"`` and ``.open``; a click reruns the page, or the
    calculator's fragment), bound to the link's ``param``. For a page's further charts: every
    chart drawn at first load costs the browser about as much plotly layout as a whole one-chart
    page, and a slider step redraws it too.
    """
    labels = r.page.views[param]
    made = st.tabs(list(labels), on_change="rerun", key=param, bind="query-params")
    return [(tab, label) for tab, label in zip(made, labels, strict=True) if tab.open]


def charts(r: PageResult, view: tuple[str, str] | None = None) -> None:
    """Draw the page's charts that belong to ``view`` (a tab: its parameter and label; None:
    the charts on the page itself), in order."""
    for c in r.charts:
        if c.view == view:
            chart(r, c)


def chart(r: PageResult, c: Chart, *, key: str | None = None) -> None:
    """Draw one of the page's charts full width; its camera button saves ``c.file``.png.

    In a :func:`~aicost.ui.paint.numbers_only` run (a session's first page), the chart's place
    is held (an empty box of its height): the chart comes with the rest of the page once the
    browser has painted the numbers.

    The figure's source note ends with the site's name, the data release and the scenario's
    full link (its host too), so a screenshot or the PNG on a slide leads back to the exact
    scenario. The camera button's PNG is made for a slide (:mod:`aicost.ui.assist`).
    """
    line = cite.chart_line(r.full_link(site_url(r.page)), r.release.id)
    fig = c.drawn(line, st.context.theme.type or "light")  # built once per link and theme
    if numbers_only():
        height = getattr(getattr(fig, "layout", None), "height", None) or 450
        # the chart's place, so nothing moves; its key (CSS class st-key-aicost-held-...)
        # tells browser tests that a chart is still to come
        st.container(height=int(height), border=False, key=f"aicost-held-{c.file}")
        return
    config = {
        **PLOTLY_CONFIG_BASE,
        "toImageButtonOptions": {"format": "png", "filename": c.file, "scale": 2},
    }
    st.plotly_chart(fig, width="stretch", config=config, theme="streamlit", key=key, alt=c.alt)
