"""Open a page in Streamlit's AppTest the way a visitor opens a link, and read what it shows."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def open_page(
    script: str = "app.py",
    params: dict[str, str | list[str]] | None = None,
    *,
    opened: dict[str, object] | None = None,
) -> AppTest:
    """Run ``script`` through the entry point (as a deep link does), with the link's params.

    Pages must run through ``app.py``: the navigation's ``st.page_link`` calls resolve pages
    relative to the entry point. ``opened``: lazy tabs and expanders to open, by key (a tab's
    label, or True), as the visitor's click sets them before the page reruns.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    if script != "app.py":
        at.switch_page(script)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    for key, state in (opened or {}).items():
        at.session_state[key] = state
    return at.run()


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
