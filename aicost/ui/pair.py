"""A second scenario beside the page's (:mod:`aicost.report.pair`): where the reader puts it,
and the two side by side. The numbers come from the page's result (``r.pair``)."""

from __future__ import annotations

import streamlit as st

from aicost.base.text import escape_markdown, markdown_table
from aicost.report import pair
from aicost.report.page import PageResult
from aicost.ui.session import current_page, shown_release, tables

#: The box's key (its expander).
KEY = "second_scenario"


def _hold(query: str) -> None:
    """Callback: this scenario becomes the second; the reader then changes the first."""
    st.session_state[pair.NAME] = query


def _clear() -> None:
    st.session_state[pair.NAME] = ""


def _tidy() -> None:
    """Callback: what the reader pasted (a whole link, say) becomes its canonical query, so
    the address bar holds what the share link holds (unless part of it was ignored: then it
    stays as pasted, beside the notes that say which part and why)."""
    raw = str(st.session_state.get(pair.NAME) or "")
    if raw:
        second = pair.read(current_page(), raw, tables(), shown_release().id)
        if second.query and not second.notes:  # with notes, the reader sees what they name
            st.session_state[pair.NAME] = second.query


def pair_box(r: PageResult) -> None:
    """Put a second scenario of this page beside this one: hold this one as the second (then
    change this one), or paste a link of this page; then both sets of headline figures and
    their difference. The pair is one link (the share box's)."""
    p = r.page
    if not any(q.name == pair.NAME for q in p.params):
        return
    both = r.pair
    with st.expander(
        "Put a second scenario beside this one", icon=":material/compare_arrows:",
        expanded=both is not None, key=KEY,
    ):  # fmt: skip
        st.caption(
            "Both scenarios' figures side by side, and their difference, in one link: hold "
            "this scenario, then change the inputs; or paste another link of this page."
        )
        row = st.container(horizontal=True, vertical_alignment="bottom")
        row.button(
            "Hold this scenario as the second",
            on_click=_hold,
            args=(pair.hold(r),),
            icon=":material/push_pin:",
            key="vs_hold",
        )
        if both is not None:
            row.button(
                "Remove the second", on_click=_clear, icon=":material/close:", key="vs_clear"
            )
        st.text_input(
            "The second scenario: a link of this page, or what follows its ?",
            key=pair.NAME,
            bind="query-params",
            on_change=_tidy,
            placeholder="e.g. price=3.5",
            max_chars=pair.MAX_CHARS + 1,
        )
        notes = [n for n in r.notes if n.name == pair.NAME]  # what in it was ignored, and why
        if notes:
            said = "\n".join(f"- `{n.name}`: {escape_markdown(n.reason)}" for n in notes)
            st.warning(
                f"Some values in this link were ignored:\n{said}", icon=":material/link_off:"
            )
        if both is None:
            return
        st.markdown("**This scenario beside the second**")
        if both.differs:
            said = "; ".join(
                f"{escape_markdown(d['label'])}: {escape_markdown(d['this'])} here, "
                f"**{escape_markdown(d['second'])}** in the second"
                for d in both.differs
            )
            st.markdown(f"The second differs in: {said}.")
        else:
            st.caption("The second scenario sets every input as this one does.")
        st.markdown(markdown_table(pair.COLUMNS, both.rows))
        st.page_link(
            p.script,
            label="Open the second scenario on its own",
            icon=":material/open_in_new:",
            query_params=_query(both.second.link),
        )


def _query(link: str) -> dict[str, str | list[str]]:
    from urllib.parse import parse_qs, urlsplit

    return {k: v if len(v) > 1 else v[0] for k, v in parse_qs(urlsplit(link).query).items()}
