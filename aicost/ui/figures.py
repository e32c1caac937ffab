"""Drawing what a page computed: plotly charts (after the page's numbers at a session's first
page), tables with their sources, and content made only once opened (lazy tabs, expanders)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from aicost.base.text import markdown_cells
from aicost.report import charts, cite
from aicost.report.charts import for_theme
from aicost.ui.paint import numbers_only
from aicost.ui.session import shown_release
from aicost.ui.share import address_link
from aicost.ui.site import VIEWS

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


def lazy_tabs(page_name: str, param: str) -> list[Any | None]:
    """The view ``param`` of :data:`VIEWS` as tabs whose content is made only while open:
    each tab's container, or None if closed.

    Streamlit's lazy tabs (``on_change="rerun"`` and ``.open``; a click reruns the page, or
    the calculator's fragment), bound to the link's ``param``. For a page's further charts:
    every chart drawn at first load costs the browser about as much plotly layout as the naive
    one-chart page's whole chart, and a slider step redraws it too.
    """
    labels = VIEWS[page_name][param]
    tabs = st.tabs(list(labels), on_change="rerun", key=param, bind="query-params")
    return [tab if tab.open else None for tab in tabs]


def views(page_name: str, param: str, *draw: Callable[[], None]) -> list[bool]:
    """The view ``param`` of :data:`VIEWS` as :func:`lazy_tabs`: ``draw[i]()`` fills tab ``i``,
    and only the open tab's is called. Which tab was open, as flags."""
    tabs = lazy_tabs(page_name, param)
    for tab, fill in zip(tabs, draw, strict=True):
        if tab is not None:
            with tab:
                fill()
    return [tab is not None for tab in tabs]


def chart(
    fig: object,
    file_name: str,
    *,
    alt: str,
    key: str | None = None,
    link: str | None = None,
    after_numbers: bool = True,
) -> None:
    """Draw a plotly figure full width; its camera button saves ``file_name``.png.

    In a :func:`~aicost.ui.paint.numbers_only` run (a session's first page), the chart's place
    is held (an empty box of its height): the chart comes with the rest of the page once the
    browser has painted the numbers. ``after_numbers=False`` draws it at once on a page whose
    chart is its answer (no numbers to wait for).

    The figure's source note ends with the scenario's short link and data release (``link``,
    or the address bar's), so a screenshot or the PNG leads back to the exact scenario.
    """
    if after_numbers and numbers_only():
        height = getattr(getattr(fig, "layout", None), "height", None) or 450
        # the chart's place, so nothing moves; its key (CSS class st-key-aicost-held-...)
        # tells browser tests that a chart is still to come
        st.container(height=int(height), border=False, key=f"aicost-held-{file_name}")
        return
    fig = charts.stamp(fig, cite.chart_line(link or address_link(), shown_release().id))
    config = {
        **PLOTLY_CONFIG_BASE,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
    }
    fig = for_theme(fig, st.context.theme.type or "light")
    st.plotly_chart(fig, width="stretch", config=config, theme="streamlit", key=key, alt=alt)
