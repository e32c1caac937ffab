"""What a page says about its data release: the line under its title, and for an older release
what changed since; /data's list of releases with their changelogs and stable file URLs."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from aicost.base import release
from aicost.base.data import SCHEMAS, Tables
from aicost.base.text import escape_markdown
from aicost.report import cite
from aicost.report.cite import SITE
from aicost.report.page import Page, on_current_data
from aicost.site import BY_PATH
from aicost.ui.results import heading
from aicost.ui.session import Keys, load_release, releases
from aicost.ui.share import copyable

DATA_PAGE = BY_PATH["data"].script


def page_link(
    p: Page,
    rel: str,
    *,
    where: Any = None,
    label: str = "",
    icon: str = "",
    help: str | None = None,
    **params: str,
) -> None:
    """A link to page ``p`` (with ``params``) on data release ``rel``: every link the app
    writes keeps the reader on the release they are reading."""
    (where or st).page_link(
        p.script,
        label=label or p.label,
        icon=icon or p.icon,
        query_params={**params, release.PARAM: rel},
        help=help,
    )


def release_line(store: release.Store, shown: release.Release, p: Page, note: str | None) -> None:
    """Under the title: the release the figures come from, linked to the changelog. For an
    older release, what changed since in the files this page reads, and a way to current data."""
    line = st.container(horizontal=True, vertical_alignment="center", gap="small")
    # the release's date says when it was cut; what its data reaches is said beside it
    covers = release.coverage(load_release(shown.id)).text()
    line.caption(f"Data: {shown.label}, covering {covers}")
    page_link(
        BY_PATH["data"],
        shown.id,
        where=line,
        label="Releases and changelog",
        icon=":material/history:",
    )
    kept = Keys.release_note(p.path)  # shown until the visitor resets, like the link notes
    if note:
        st.session_state[kept] = note
    if st.session_state.get(kept):
        st.warning(
            "Some values in this link were ignored:\n"
            f"- `{release.PARAM}`: {escape_markdown(st.session_state[kept])}",
            icon=":material/link_off:",
        )
    if shown.id == store.current.id:
        return
    files = p.files
    old = load_release(shown.id)
    changes = [(r, c) for r, c in store.changes_since(shown.id) if c.file in files]
    figures = [(r, c) for r, c in changes if c.moves_a_figure and _was_used(c, old)]
    current = store.current
    described = release.describe(figures, load_release(current.id), old)
    head = (
        f"**This link shows {shown.label}**, the data it was made on; the current data is "
        f"{current.label}."
    )
    asked = {k: st.query_params.get_all(k) for k in st.query_params}
    both = on_current_data(p, asked, store, load_release)  # the link's own result, on each
    if both is not None:
        head += f" This scenario's result: **{escape_markdown(both.text())}**."
    if described:
        summary = "; ".join(d.short for d in described)
        head += f" Since then, {len(described)} of the figures this page reads changed: "
        head += escape_markdown(summary) + "."
    else:
        head += " None of the figures this page reads changed since."
    with st.container(border=True):
        st.info(head, icon=":material/history:")
        if described:
            with st.expander("Why they changed, with sources"):
                st.markdown("\n".join(f"- {escape_markdown(d.text)}" for d in described))
        params = [k for k in st.query_params if k != release.PARAM]
        query = [(k, v) for k in params for v in st.query_params.get_all(k)]
        target = "?" + urlencode([*query, (release.PARAM, current.id)])
        st.link_button(
            f"See this scenario on current data ({current.label})",
            target,
            icon=":material/update:",
            help="The values this link sets are kept; everything else takes the current "
            "release's sourced defaults.",
        )


def _was_used(change: release.Change, old: Tables) -> bool:
    """A removed row moved a figure only if it was a default (a rival figure was not shown)."""
    if change.field != release.ROW:
        return True
    try:
        return bool(old.row(change.id).get("is_default"))
    except KeyError:
        return True


def releases_section() -> None:
    """/data's list of releases: each one's date, summary, changelog and stable file URLs."""
    store = releases()
    st.header("Releases and changelog", anchor="releases")
    st.markdown(
        "The figures are corrected in numbered **releases**; a release is never edited once "
        "published. Every link carries the release it was made on (`rel=` in the address), so "
        "it keeps showing what its sender saw; a page shows which release it uses under its "
        "title. Each release's files stay online at a fixed address, for example:"
    )
    current = store.current
    # no syntax colours: Streamlit's fail WCAG's 4.5:1 on its code block (3.8:1 and 2.96:1 in
    # the light theme, 4.12:1 in the dark)
    st.code(
        f'import pandas as pd\nfigures = pd.read_csv("{static_url(current.id, "figures.csv")}")',
        language=None,
    )
    for rel in reversed(store.releases):
        files = " · ".join(
            f"[{name}.csv]({static_url(rel.id, name + '.csv')})" for name in [*SCHEMAS, "changelog"]
        )
        changes = len(store.changelog(rel.id))
        covers = release.coverage(load_release(rel.id)).text()
        st.markdown(
            f"**Release {rel.id}** · {rel.date} · covers {covers} · {changes} changed cells  \n"
            f"{escape_markdown(rel.summary)}  \nFiles: {files}"
        )
    log = [
        {"release": rel.id, **release._row(change)}
        for rel in reversed(store.releases)
        for change in store.changelog(rel.id)
    ]
    if log:
        heading("Every change, cell by cell")
        st.caption("Made by diffing the releases.")
        st.dataframe(
            pd.DataFrame(log),
            hide_index=True,
            column_config={
                "source_url": st.column_config.LinkColumn("source", display_text="open source"),
                "why": st.column_config.TextColumn("why", width="large"),
            },
        )
    st.subheader("Reuse and cite the data")
    st.markdown(
        "The compilation (the five CSV files, their selection, labels and notes) is licensed "
        "under [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/); quotes remain their "
        "sources' and each row links to its source. The code is MIT-licensed. Cite the "
        "release you used, for example:"
    )
    folder = static_url(current.id, "")
    text = f"{SITE} Sourced data, release {current.id} ({current.date}). {folder}"
    bib = cite.dataset_bibtex(current.id, current.date, folder, [*SCHEMAS, "changelog"])
    copyable("As text", text, "citation", "copy_data_text")
    copyable("BibTeX", bib, "BibTeX", "copy_data_bib")


def static_url(release_id: str, file: str) -> str:
    """The stable address of a release's file (Streamlit serves ``static/`` = data/releases)."""
    base = (st.context.url or "").split("?")[0]
    root = base.rsplit("/", 1)[0] if base else ""
    return f"{root}/app/static/{release_id}/{file}"
