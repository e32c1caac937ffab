"""A session's first page: its numbers on screen first, the rest once the browser has painted
them.

Streamlit's frontend loads each kind of element's code the first time it draws one, and React
reveals every element that waited for its code in one go. On a session's first page that was
the inputs, buttons, tabs and the share box: a CPU profile of /training-cost showed the
browser's main thread busy for 0.5 s (React, emotion styles, markdown labels) before any
metric appeared, where the floor page (a slider and a metric) needs 0.1 s.

So the first run of a session's first page (a page in :data:`~aicost.ui.site.NUMBERS_FIRST`)
draws the page's frame (navigation, title, data release), reads the inputs from the link
without drawing them (:func:`~aicost.ui.widgets.widget`), draws the headline numbers, holds
each chart's place (:func:`~aicost.ui.figures.chart`) and stops at :func:`rest_after_numbers`.
The small component left there tells the server once the browser shows the numbers, and the
rerun it starts draws the whole page (only the calculator's fragment, on a calculator). From
then on the session draws every page in one run.
"""

from __future__ import annotations

import streamlit as st

from aicost.ui.site import NUMBERS_FIRST

#: Set in a session once its browser has painted a page's numbers.
PAINTED = "_aicost_painted"

# The browser's "numbers are on screen" signal: once no element is still waiting for its code
# (no skeleton: the metrics are drawn), on the next frame, it sets its trigger (at most 3 s on).
_AFTER_PAINT_JS = """
export default function ({ parentElement, setTriggerValue }) {
  if (parentElement.__aicostFired) return;
  parentElement.__aicostFired = true;
  const start = performance.now();
  const waiting = () => document.querySelector('[data-testid="stSkeleton"]') !== null;
  const poll = () => {
    if (waiting() && performance.now() - start < 3000) return setTimeout(poll, 16);
    requestAnimationFrame(() => setTimeout(() => setTriggerValue("painted", true), 0));
  };
  poll();
}
"""
_after_paint = st.components.v2.component("aicost_after_paint", js=_AFTER_PAINT_JS)

#: The signal's key (tests find a page waiting for it by this prefix).
SIGNAL_KEY = "_after_paint_numbers"
#: The key of the block that holds the signal: its CSS class (``st-key-aicost-held-rest``)
#: tells browser tests that the rest of the page is still to come, as a
#: held chart's place does (``st-key-aicost-held-<file name>``).
HELD_REST = "aicost-held-rest"


def numbers_only() -> bool:
    """Whether this run draws only the page's numbers: a page of
    :data:`~aicost.ui.site.NUMBERS_FIRST`, first in a session whose browser has painted none."""
    if st.session_state.get(PAINTED):
        return False
    name, _heading = st.session_state.get("_page", (None, None))
    return name in NUMBERS_FIRST


def _painted() -> None:
    """The signal's callback: from now on every run draws the whole page. The rerun the signal
    starts is the one that draws it (the calculator's fragment, or the page)."""
    st.session_state[PAINTED] = True


def rest_after_numbers() -> None:
    """Where a page's numbers end. In a :func:`numbers_only` run: the after-paint signal, then
    stop (nothing below is drawn). Otherwise nothing: the page goes on."""
    if not numbers_only():
        return
    with st.container(key=HELD_REST):
        _after_paint(key=SIGNAL_KEY, on_painted_change=_painted)
    st.stop()
