"""Open a page in Streamlit's AppTest the way a visitor opens a link, and read what it shows."""

from __future__ import annotations

import json
import re

from streamlit.testing.v1 import AppTest

from aicost.site import PAGES
from aicost.ui.paint import PAINTED
from tests.conftest import ROOT


def open_page(
    script: str = "app.py",
    params: dict[str, str | list[str]] | None = None,
    *,
    opened: dict[str, object] | None = None,
    painted: bool = True,
    share: bool = True,
) -> AppTest:
    """Run ``script`` through the entry point (as a deep link does), with the link's params.

    Pages must run through ``app.py``: the navigation's ``st.page_link`` calls resolve pages
    relative to the entry point. ``opened``: lazy tabs and expanders to open, by key (a tab's
    label, or True), as the visitor's click sets them before the page reruns.

    ``painted``: then, as the visitor's browser does once it has drawn the page's numbers,
    let the rest of the page follow (:func:`paint`); False leaves the page as its first run
    drew it (the numbers only, on a numbers-first page).

    ``share``: the share box opened (its link, citations and offline copy are made only once
    it is: a lazy popover), as a visitor about to copy the link has it.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if script != "app.py":
        at.switch_page(script)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, state in ({**(SHARE_OPEN if share else {}), **(opened or {})}).items():
        at.session_state[key] = state
    at.run()
    return paint(at) if painted else at


#: Every page's share box, open (its key is ``share_<page>``: aicost.ui.share).
SHARE_OPEN = {f"share_{p.slug}": True for p in PAGES}


def paint(at: AppTest) -> AppTest:
    """The browser's "numbers painted" signal: the rest of the page (inputs, charts, share
    box) is drawn in the run it starts. In the browser that run is the calculator's fragment
    on a calculator; AppTest reruns the whole page."""
    if not held(at):
        return at
    at.session_state[PAINTED] = True
    return at.run()


def held(at: AppTest) -> list[str]:
    """The keys of the after-paint signals on the page: one where a first run drew the numbers
    only and waits for the browser (other components, such as copy buttons, aside)."""
    return [str(e.key) for e in at.get("bidi_component") if str(e.key).startswith("_after_paint_")]


def chart_titles(at: AppTest) -> list[str]:
    """The titles of the plotly charts the page made, in order (wrapped lines joined)."""
    return [
        json.loads(c.proto.spec)["layout"]["title"]["text"].replace("<br>", " ")
        for c in at.get("plotly_chart")
    ]


def metric(at: AppTest, label: str) -> str:
    """The value of the metric with this label (fails, listing the labels, when absent)."""
    found = [m.value for m in at.metric if m.label == label]
    assert found, f"no metric {label!r}; have {[m.label for m in at.metric]}"
    return found[0]


_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~$])")


def plain(text: str) -> str:
    """Markdown text as a reader sees it: backslash escapes removed (``\\$5\\.58M`` -> ``$5.58M``).

    >>> plain(r"At \\$2\\.00 per GPU\\-hour")
    'At $2.00 per GPU-hour'
    """
    return _ESCAPED.sub(r"\1", text)


def finding(at: AppTest) -> str:
    """The page's finding sentence as a reader sees it: the one paragraph that is all bold
    (``aicost.ui.results.finding``), without its escapes and its ``**``."""
    said = [
        plain(m.value)[2:-2]
        for m in at.main.markdown
        if m.value.startswith("**") and m.value.endswith("**") and "\n" not in m.value
    ]
    assert len(said) == 1, f"not one finding on the page: {said}"
    return said[0]


def captions(at: AppTest) -> list[str]:
    """The page's captions as a reader sees them."""
    return [plain(c.value) for c in at.caption]
