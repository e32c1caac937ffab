"""Sharing a scenario: its link, the share box (link, embed snippet, citations, each with a
copy button, and the sources), Reset, and the CSV and JSON downloads."""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from aicost.base import release
from aicost.base.text import escape_markdown, markdown_link, short_source
from aicost.report import cite, offline
from aicost.report.page import PageResult
from aicost.ui.results import heading, site_url
from aicost.ui.session import tables
from aicost.ui.widgets import reset_to_defaults

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


def copyable(title: str, text: str, what: str, key: str, about: str = "") -> None:
    """``text`` to copy (a citation, an embed code) under a small heading, in a code block
    that wraps, with a "Copy <what>" button."""
    heading(title, 4)
    if about:
        st.caption(about)
    st.code(text, language=None, wrap_lines=True)
    copy_button(text, f"Copy {what}", key)


def source_link(row_id: str) -> str:
    """Markdown: "Source: <its source's short name>" linking straight to the original source
    of a data row."""
    row = tables().row(row_id)
    name = short_source(str(row.get("source_name") or ""))
    return f":material/link: Source: {markdown_link(name, str(row.get('source_url') or ''))}"


def share_box(r: PageResult) -> None:
    """Share (link, embed, citation, each with a visible copy button, and the sources), reset
    to the sourced defaults, download CSV or JSON (with the citation)."""
    p = r.page
    site = site_url(p)
    link = r.full_link(site)
    answer = r.as_json(site)
    citation = r.cited(site)
    row = st.container(horizontal=True)  # one block for the four controls (columns cost five)
    # A lazy popover: its link, embed code, citations and copy buttons are made, sent and drawn
    # only once it is opened (a slider step then costs none of them).
    box = row.popover(
        "Share this scenario", icon=":material/share:", on_change="rerun", key=f"share_{p.slug}"
    )
    if box.open:
        with box:
            _share_contents(r, link, citation)
    if p.assumptions():  # a page with nothing to set (the overview, /timeline) has no reset
        row.button(
            "Reset to sourced defaults",
            on_click=reset_to_defaults,
            args=(p,),
            icon=":material/restart_alt:",
            key=f"reset_{p.path}",
        )
    # The files are made when clicked (a callable as data): made on every rerun, each slider
    # step replaced the previous file, and a browser still holding the old one got a 404.
    row.download_button(
        "Scenario as CSV",
        data=lambda: pd.DataFrame(scenario_rows(answer)).to_csv(index=False),
        file_name=f"deepseek-cost-{p.slug}-scenario.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"csv_{p.path}",
        on_click="ignore",
    )
    row.download_button(
        "Scenario as JSON",
        data=lambda: json.dumps(answer, indent=2, default=str),
        file_name=f"deepseek-cost-{p.slug}-scenario.json",
        mime="application/json",
        icon=":material/download:",
        key=f"json_{p.path}",
        on_click="ignore",
    )


def _share_contents(r: PageResult, link: str, citation: cite.Citation) -> None:
    """What the share box holds: the link, the embed code, APA and BibTeX, each with a copy
    button, the sources, and the offline copy."""
    p = r.page
    st.code(link, language=None, wrap_lines=True)
    copy_button(link, "Copy link", f"copy_link_{p.path}")
    if r.finding:
        st.caption(f"What it shows: {escape_markdown(r.finding)}")
    st.caption(
        "Whoever opens the link sees these values, on the same data release; the address bar "
        "holds the same link."
    )
    snippet = cite.embed_snippet(link, p.embed_height, p.title)
    copyable(
        "Embed it",
        snippet,
        "embed code",
        f"copy_iframe_{p.path}",
        about="An iframe: the page without its sidebar.",
    )
    copyable("Cite it (APA)", citation.apa(), "APA citation", f"copy_apa_{p.path}")
    copyable("BibTeX", citation.bibtex(), "BibTeX", f"copy_bib_{p.path}")  # fmt: skip
    if r.sources:
        heading("Sources of this page's figures", 4)
        st.markdown("\n".join(f"- {markdown_link(x.name, x.url)}" for x in r.sources))
    heading("Keep a copy", 4)
    st.caption("It opens with no network: the numbers, charts and citation.")
    site = site_url(p)
    st.download_button(
        "Download this view (HTML)",
        data=lambda: offline.render(r, site),
        file_name=f"deepseek-cost-{p.slug}-rel{r.release.id}.html",
        mime="text/html",
        icon=":material/download:",
        key=f"offline_{p.path}",
        on_click="ignore",
    )


def _row(kind: str, name: str, label: str, value: object, unit: str = "") -> dict[str, object]:
    return {"kind": kind, "name": name, "label": label, "value": value, "unit": unit}


def scenario_rows(answer: Mapping[str, Any]) -> list[dict[str, object]]:
    """A result's JSON (:meth:`~aicost.report.page.PageResult.as_json`) as rows of (kind,
    name, label, value, unit): the release, the assumptions, the figures, the citation and
    the sources."""
    shown = answer["data_release"]
    rows = [_row("data", release.PARAM, "data release", shown["id"], shown["date"])]
    rows += [_row("assumption", v["name"], v["label"], v["value"], v["unit"])
             for v in answer["values"] if v["used"]]  # fmt: skip
    rows += [_row("figure", f["key"] or f["label"], f["label"], f["value"], f["unit"])
             for f in answer["figures"]]  # fmt: skip
    rows += [_row("result", k, k, v) for k, v in answer["results"].items()]
    rows += [_row("citation", k, k, v) for k, v in answer["citation"].items()]
    rows += [_row("source", ";".join(x["rows"]), x["name"], x["url"]) for x in answer["sources"]]
    return rows
