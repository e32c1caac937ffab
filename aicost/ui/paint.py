"""A session's first page: its numbers on screen first, the rest once the browser has painted
them.

Streamlit's frontend loads each kind of element's code the first time it draws one, and React
reveals every element that waited for its code in one go. On a session's first page that was
the inputs, buttons, tabs and the share box, all drawn before any number appeared (the
profile is in docs/performance.md). So the first run of a session's first page, on a page
whose record says ``numbers_first``, draws the page's frame (navigation, title, data release),
reads the inputs from the link without drawing them, draws the headline numbers, holds each
chart's place and stops at :func:`rest_after_numbers`. The small component left there tells
the server once the browser shows the numbers, and the rerun it starts draws the whole page
(only the calculator's fragment, on a calculator). From then on the session draws every page
in one run.

**The rules a page author must keep** (tests/properties/test_numbers_first.py checks each one):

1. Everything the headline figures need is computed above ``ui.rest_after_numbers()``, and
   every input above it is drawn with :func:`aicost.ui.widget`: in the first run it draws
   nothing and returns the value the widget will take from the link. A raw ``st.slider``
   there is drawn at once and defeats the purpose.
2. **On a calculator page nothing follows the call of the calculator's fragment.** The run
   the signal starts reruns only the fragment, so anything after it would be missing on
   every first visit (and AppTest, which reruns the whole page, would not notice).
3. A ``numbers_first`` page reaches ``ui.rest_after_numbers()`` in every run, or stops with
   ``ui.stop_with_warning()`` (which sends the signal): otherwise its first run draws no
   inputs and no charts and never asks for the rest.
4. A chart drawn above the line only holds its place in that run (:func:`aicost.ui.chart`);
   it is drawn in the next.

Set ``AICOST_NUMBERS_FIRST=0`` to switch it off: every page then draws whole in one run (the
test suite runs every page both ways). The Streamlit internals this relies on are listed in
:mod:`aicost.ui.coupling`.
"""

from __future__ import annotations

import os

import streamlit as st

from aicost.ui.coupling import SKELETON_TESTID
from aicost.ui.session import Keys, current_page

#: Set in a session once its browser has painted a page's numbers.
PAINTED = Keys.PAINTED

# The browser's "numbers are on screen" signal: once no element is still waiting for its code
# (no skeleton: the metrics are drawn), on the next frame, it sets its trigger (at most 3 s on).
_AFTER_PAINT_JS = """
export default function ({ parentElement, setTriggerValue }) {
  if (parentElement.__aicostFired) return;
  parentElement.__aicostFired = true;
  const start = performance.now();
  const waiting = () => document.querySelector('[data-testid="SKELETON"]') !== null;
  const poll = () => {
    if (waiting() && performance.now() - start < 3000) return setTimeout(poll, 16);
    requestAnimationFrame(() => setTimeout(() => setTriggerValue("painted", true), 0));
  };
  poll();
}
""".replace("SKELETON", SKELETON_TESTID)
_after_paint = st.components.v2.component("aicost_after_paint", js=_AFTER_PAINT_JS)

#: The signal's key (tests find a page waiting for it by this prefix).
SIGNAL_KEY = "_after_paint_numbers"
#: The key of the block that holds the signal: its CSS class (``st-key-aicost-held-rest``)
#: tells browser tests that the rest of the page is still to come, as a held chart's place
#: does (``st-key-aicost-held-<file name>``).
HELD_REST = "aicost-held-rest"


def enabled() -> bool:
    """Whether numbers first is on (``AICOST_NUMBERS_FIRST=0`` switches it off)."""
    return os.environ.get("AICOST_NUMBERS_FIRST", "1") != "0"


def numbers_only() -> bool:
    """Whether this run draws only the page's numbers: a ``numbers_first`` page, first in a
    session whose browser has painted none."""
    if not enabled() or st.session_state.get(PAINTED):
        return False
    return current_page().numbers_first


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
