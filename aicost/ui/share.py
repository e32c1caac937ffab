"""Sharing a scenario: its link, the share box (link, embed snippet, citations, each with a
copy button, and the sources), Reset, and the CSV and JSON downloads."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Mapping
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from aicost.base import release
from aicost.base.text import escape_markdown, markdown_link
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.report import cite
from aicost.ui.session import shown_release, tables
from aicost.ui.site import SITE_TITLE, VIEWS, page_params
from aicost.ui.widgets import reset_to_defaults


def share_link(page_name: str, values: asm.Values) -> str:
    """The link that reopens this scenario."""
    base = st.context.url or f"/{page_name}"
    views = VIEWS.get(page_name, {})
    open_views = {param: st.session_state.get(param, labels[0]) for param, labels in views.items()}
    query = urlstate.encode(values, asm.for_page(page_name, tables()), views, open_views)
    pin = urlencode({release.PARAM: shown_release().id})
    return f"{base}?{query}&{pin}" if query else f"{base}?{pin}"


def page_title() -> str:
    return st.session_state.get("_page", ("", SITE_TITLE))[1]


def citation(page_name: str, link: str, finding: str = "") -> cite.Citation:
    """The citation of this scenario: the page, its full link, the release, today's date."""
    shown = shown_release()
    return cite.Citation(
        page_title(), page_name, link, shown.id, shown.date, dt.date.today().isoformat(), finding
    )


def address_link() -> str:
    """The page's link for pages without a scenario: its path, the parameters it reads and
    used (not those its link notes ignored, nor unknown ones), and the release."""
    name = st.session_state.get("_page", ("", ""))[0]
    base = st.context.url or f"/{name}"
    ignored = {n.name for n in st.session_state.get(f"_link_notes_{name}", [])}
    keep = (page_params(name) | {release.PARAM}) - ignored
    query = urlencode(
        [(k, v) for k in st.query_params if k in keep for v in st.query_params.get_all(k)]
    )
    return f"{base}?{query}" if query else base


_COPY_JS = """
export default function (component) {
  const { data, parentElement } = component;
  let button = parentElement.querySelector("button");
  if (!button) {
    button = document.createElement("button");
    button.type = "button";
    parentElement.appendChild(button);
  }
  button.textContent = data.label;
  button.setAttribute("aria-label", data.label);
  button.onclick = async () => {
    let ok = false;
    try {
      await navigator.clipboard.writeText(data.text);
      ok = true;
    } catch (e) {
      const area = document.createElement("textarea");
      area.value = data.text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      try { ok = document.execCommand("copy"); } catch (e2) { ok = false; }
      area.remove();
    }
    button.textContent = ok ? "Copied" : "Select the text above and copy it";
    setTimeout(() => { button.textContent = data.label; }, 2000);
  };
}
"""
_COPY_CSS = """
button {
  font: inherit; font-size: 0.875rem; line-height: 1.6; cursor: pointer;
  padding: 0.25rem 0.75rem; border-radius: 0.5rem;
  border: 1px solid rgba(128, 128, 128, 0.45);
  background: transparent; color: var(--st-text-color, inherit);
}
button:hover, button:focus-visible { border-color: var(--st-primary-color, currentColor); }
"""


@functools.cache
def _copy_component():
    return st.components.v2.component("aicost_copy", html="", css=_COPY_CSS, js=_COPY_JS)


def copy_button(text: str, label: str, key: str) -> None:
    """A button that copies ``text`` to the clipboard, always visible (Streamlit's own copy
    icon on a code block shows only while the pointer is over it, and never on a phone).

    Streamlit has no copy element that runs on the server; this is a tiny
    ``st.components.v2`` component (a button and ten lines of JavaScript, drawn in the page,
    no iframe). The text goes in as data and is set as text, never as HTML.
    """
    _copy_component()(data={"text": text, "label": label}, key=key, height="content")


def source_link(name: str, row_id: str) -> str:
    """Markdown: "Source: <name>" linking straight to the original source of a data row."""
    url = str(tables().row(row_id).get("source_url") or "")
    return f":material/link: Source: {markdown_link(name, url)}"


def share_box(
    page_name: str,
    values: asm.Values,
    results: Mapping[str, float | str],
    finding: str = "",
) -> None:
    """Share (link, embed, citation, each with a visible copy button, and the sources), reset
    to the sourced defaults, download CSV or JSON (with the citation)."""
    link = share_link(page_name, values)
    cited = citation(page_name, link, finding)
    found = cite.sources(page_name, tables())
    row = st.container(horizontal=True)  # one block for the four controls (columns cost five)
    # The link sits in a popover: its code block is drawn (and Streamlit's 1.5 MB syntax
    # highlighter loaded) only when opened, which took 180 ms off every calculator's first load.
    with row.popover("Share this scenario", icon=":material/share:"):
        st.code(link, language=None, wrap_lines=True)
        copy_button(link, "Copy link", f"copy_link_{page_name}")
        if finding:
            st.caption(f"What it shows: {escape_markdown(finding)}")
        st.caption(
            "Whoever opens the link sees these values, on the same data release; the address "
            "bar holds the same link."
        )
        snippet = cite.embed_snippet(link, page_name, page_title())
        for heading, text, copy, key in (
            (
                "**Embed it** (an iframe; the page without its sidebar)",
                snippet,
                "embed code",
                "iframe",
            ),
            ("**Cite it** (APA)", cited.apa(), "APA citation", "apa"),
            ("**BibTeX**", cited.bibtex(), "BibTeX", "bib"),
        ):
            st.markdown(heading)
            st.code(text, language=None, wrap_lines=True)
            copy_button(text, f"Copy {copy}", f"copy_{key}_{page_name}")
        if found:
            st.markdown("**Sources of this page's figures**")
            st.markdown("\n".join(f"- {markdown_link(x.name, x.url)}" for x in found))
    row.button(
        "Reset to sourced defaults",
        on_click=reset_to_defaults,
        args=(page_name,),
        icon=":material/restart_alt:",
        key=f"reset_{page_name}",
    )
    shown = shown_release()
    rows = [_row("data", release.PARAM, "data release", shown.id, shown.date)]
    rows += scenario_rows(page_name, values, results)
    rows += [_row("citation", k, k, v) for k, v in cited.fields().items()]
    rows += [_row("source", ";".join(x.rows), x.name, x.url) for x in found]
    scenario = {
        "page": page_name,
        "link": link,
        "finding": finding,
        "data_release": {"id": shown.id, "date": shown.date, "summary": shown.summary},
        "assumptions": dict(values),
        "results": dict(results),
        "citation": cited.fields(),
        "sources": [{"name": x.name, "url": x.url, "rows": list(x.rows)} for x in found],
    }
    # The files are made when clicked (a callable as data): made on every rerun, each slider
    # step replaced the previous file, and a browser still holding the old one got a 404.
    row.download_button(
        "Scenario as CSV",
        data=lambda: pd.DataFrame(rows).to_csv(index=False),
        file_name=f"deepseek-cost-{page_name}-scenario.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"csv_{page_name}",
        on_click="ignore",
    )
    row.download_button(
        "Scenario as JSON",
        data=lambda: json.dumps(scenario, indent=2, default=str),
        file_name=f"deepseek-cost-{page_name}-scenario.json",
        mime="application/json",
        icon=":material/download:",
        key=f"json_{page_name}",
        on_click="ignore",
    )


def _row(kind: str, name: str, label: str, value: object, unit: str = "") -> dict[str, object]:
    return {"kind": kind, "name": name, "label": label, "value": value, "unit": unit}


def scenario_rows(
    page_name: str, values: asm.Values, results: Mapping[str, float | str]
) -> list[dict[str, object]]:
    """Assumptions and results as rows of (kind, name, label, value, unit)."""
    rows = [
        _row("assumption", a.name, a.label, values[a.name], a.unit)
        for a in asm.for_page(page_name, tables())
        if a.name in values
    ]
    return rows + [_row("result", name, name, value) for name, value in results.items()]
