"""Every Streamlit internal this app relies on, in one list: re-check them on an upgrade.

Streamlit's public API covers most of the app. A few behaviours are not promised by it; each
is named here with where it is used, and ``tests/test_streamlit_coupling.py`` checks that each
still holds on the installed Streamlit (its version is pinned in requirements.txt, so an
upgrade runs those checks before anything else).

- **Test ids** of the frontend's elements, read by CSS and JavaScript (:data:`TESTIDS`):
  the skeleton a waiting element shows (:mod:`aicost.ui.paint`), the tooltip's target, the
  columns' blocks, the layout wrapper, the sidebar and its button, a page link
  (:mod:`aicost.ui.style`); a metric's label, value and delta, a slider's thumb and the value
  shown on it, a markdown block (:mod:`aicost.ui.assist`).
- **A slider's thumb** is an ``input type="range"`` named by its ``aria-label`` and by an
  ``aria-labelledby`` of itself and the ``role="group"`` around it, which has the same
  ``aria-label`` (:mod:`aicost.ui.assist` leaves one name; tests/e2e/test_screen_reader.py
  hears it once).
- **A keyed container's CSS class** is ``st-key-<key>`` (:mod:`aicost.ui.style`, the browser
  tests).
- ``st.components.v2.component`` for the after-paint signal and the copy button.
- **``st.stop()`` inside an ``st.fragment`` stops the whole run** (:mod:`aicost.ui.paint`).
- **The link binding's rules** (``bind="query-params"``), mirrored by
  :func:`aicost.inputs.urlstate.check_value` and ``check_page_param``: a slider takes exactly
  one value, other widgets the last; a number must parse, be finite and lie in range (a number
  input parses it as a float); a toggle is true or false; a choice one of its options; a
  segmented control the first usable value. The link contract and the link fuzz compare the
  mirror with Streamlit on every page.
- **Writing a bound widget's parameter** into ``st.query_params`` raises on a rerun where the
  widget is bound (:func:`aicost.ui.widgets.widget` relies on it to write ``0`` for ``0.0``).
- **Lazy tabs and expanders**: ``st.tabs(on_change="rerun", key=..., bind=...)`` and
  ``st.expander(on_change="rerun", key=...)`` with ``.open``.
- ``st.context.url``, ``st.context.is_embedded`` and ``st.context.theme.type``.
- **The app's background** in each theme is Streamlit's default (#FFFFFF, #171614), and its
  header is 3.75rem high: the phone's result bar sticks under the header on that background
  (:data:`aicost.ui.style.BACKGROUND`; tests/e2e/test_mobile.py compares it with the page's).
- ``runner.postScriptGC = false`` in ``.streamlit/config.toml`` (no full collection after
  every run).
- ``st.App`` (routes and middleware, :mod:`aicost.web`) and the frontend's
  ``window.__streamlit.BACKEND_BASE_URL``.
- **Plotly's camera button and graph**, in the plotly.js Streamlit bundles
  (:mod:`aicost.ui.assist`): the button is a ``.modebar-btn`` whose ``data-title`` starts
  with "Download plot" (:data:`PLOTLY_CAMERA`) inside the graph's ``.js-plotly-plot`` element
  (:data:`PLOTLY_GRAPH`); its click handler copies the element's ``data``, ``layout`` and
  ``_context`` (its ``toImageButtonOptions``) as it starts, in the same event, and draws that
  copy.
- **Streamlit's "run it with streamlit run" check** (``delta_generator._maybe_print_use_warning``)
  walks the whole call stack with ``inspect.stack()`` the first time any element is drawn in a
  process, reading the source of every frame: about 0.2 s added to the first reader's page after
  every start. The app always runs under ``streamlit run``; :func:`skip_direct_run_check` marks
  the check done when the server imports ``app.py``.
- **The server's listening socket has protocol 0** (``starlette_server._bind_socket``), so
  asyncio leaves Nagle's algorithm on for the connections it accepts;
  :func:`aicost.web.tcp_nodelay` turns ``TCP_NODELAY`` on through asyncio's own
  ``base_events._set_nodelay`` (``tests/properties/test_server_socket.py``).
"""

from __future__ import annotations

#: The frontend test id of an element still waiting for its code.
SKELETON_TESTID = "stSkeleton"
#: A page link's test id (its focus ring, :mod:`aicost.ui.style`).
PAGE_LINK = "stPageLink-NavLink"
#: A markdown element's test id (its headings' size, :mod:`aicost.ui.style`).
MARKDOWN = "stMarkdown"
#: The layout wrapper around a keyed container: what its parent lays out (and what sticks).
WRAPPER = "stLayoutWrapper"
#: Every frontend test id the app's CSS or JavaScript reads.
TESTIDS = (
    SKELETON_TESTID,
    PAGE_LINK,
    MARKDOWN,
    "stMetric",
    "stMetricLabel",
    "stMetricValue",
    "stMetricDelta",
    "stMarkdownContainer",
    "stSlider",
    "stSliderThumbValue",
    "stTooltipHoverTarget",
    "stHorizontalBlock",
    "stColumn",
    WRAPPER,
    "stSidebar",
    "stExpandSidebarButton",
)
#: The CSS class prefix of a keyed container.
KEY_CLASS_PREFIX = "st-key-"
#: Plotly's camera button ("Download plot as a PNG"), and the graph element that holds it.
PLOTLY_CAMERA = '.modebar-btn[data-title^="Download plot"]'
PLOTLY_GRAPH = ".js-plotly-plot"


def skip_direct_run_check() -> None:
    """Mark Streamlit's once-per-process "not run with streamlit run?" check as done (see the
    list above): the server imports ``app.py`` only under ``streamlit run``."""
    import streamlit.delta_generator as delta_generator

    delta_generator._use_warning_has_been_displayed = True
