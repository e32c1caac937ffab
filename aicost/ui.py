"""The only module of the package that imports streamlit: shared page furniture.

Pages call these helpers so that no page copies a slider block, a loader or a link box:
:func:`page` (config, navigation, data), :func:`calculator` (a calculator as a fragment),
:func:`widget` (one widget from an :class:`~aicost.assumptions.Assumption`, bound to the
link), :func:`link_notes` (what a bad link had that the page ignored), :func:`share_box`
(share link, reset, downloads), :func:`lazy_expander`, :func:`lazy_sourced_table` and
:func:`lazy_tabs` (content made only once opened) and :func:`chart` (a plotly chart with its
PNG export named, drawn after the page's numbers at a session's first page).
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import json
import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import NoReturn
from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from aicost import assumptions as asm
from aicost import charts, cite, explain, fmt, release, urlstate
from aicost.charts import for_theme
from aicost.data import SCHEMAS, DataError, Tables, load_all
from aicost.text import escape_markdown, markdown_cells, markdown_link

ROOT = Path(__file__).resolve().parent.parent

# Streamlit runs a full gc.collect() after every script run (runner.postScriptGC). Everything
# imported by now (streamlit, pandas, plotly, numpy) lives as long as the server: freezing it
# keeps that collection to what the run itself created. It was over half of a rerun's time.
gc.freeze()


def releases_dir() -> Path:
    """The data releases (``data/releases``), or ``$AICOST_RELEASES_DIR`` when set."""
    return Path(os.environ.get("AICOST_RELEASES_DIR") or ROOT / "data" / "releases")


def release_folder(release_id: str) -> Path:
    """The folder of one release's files. ``$AICOST_DATA_DIR``, when set, stands in for the
    current release's folder (tests of broken data files use it)."""
    store = releases()
    override = os.environ.get("AICOST_DATA_DIR")
    if override and release_id == store.current.id:
        return Path(override)
    return store.folder(release_id)


#: The site map: (script, label, icon, URL path). The URL paths are promises: people share them.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("app.py", "Overview", ":material/home:", ""),
    ("pages/1_training-cost.py", "Training cost", ":material/calculate:", "training-cost"),
    ("pages/2_gpu-capex.py", "GPU capex", ":material/memory:", "gpu-capex"),
    (
        "pages/3_reconcile.py",
        "Reconcile the headlines",
        ":material/stacked_bar_chart:",
        "reconcile",
    ),
    ("pages/4_timeline.py", "Export-control timeline", ":material/timeline:", "timeline"),
    ("pages/5_market.py", "Market shock", ":material/trending_down:", "market"),
    ("pages/6_compare.py", "Compare models", ":material/compare_arrows:", "compare"),
    ("pages/7_data.py", "Data and sources", ":material/table:", "data"),
)

#: Each page's views (lazy tabs), by URL parameter: the tab labels, the default one first.
#: The open tab travels in the link (``bind="query-params"``), so a shared link reopens it.
VIEWS: dict[str, dict[str, tuple[str, ...]]] = {
    "training-cost": {"tc_chart": ("Cost by phase", "The price per GPU-hour")},
    "gpu-capex": {"capex_chart": ("The fleet by GPU", "Against the training claim")},
    "reconcile": {
        "rec_chart": ("Every step (log scale)", "Waterfall (linear scale)"),
        "rec_uncertainty": (
            "Step 4: spread", "Step 4: what moves it",
            "Fleet capex: spread", "Fleet capex: what moves it",
        ),
    },
}  # fmt: skip

#: The data files each page's figures come from: an older release's banner lists the changes
#: made since to these files.
PAGE_FILES: dict[str, tuple[str, ...]] = {
    "": ("figures",),
    "training-cost": ("figures", "gpus", "prices"),
    "gpu-capex": ("figures", "gpus", "prices"),
    "reconcile": ("figures", "gpus", "prices"),
    "timeline": ("events",),
    "market": ("figures",),
    "compare": ("models", "figures", "gpus", "prices"),
    "data": ("figures", "events", "gpus", "prices", "models"),
}

DATA_PAGE = "pages/7_data.py"

#: The link parameters a page reads besides its assumptions and its tabs, by page ("*": every
#: page). The page draws its widget from this declaration (options, default first) and
#: :func:`link_notes` checks the link against the same one, so a new parameter is declared
#: here once; tests/test_fuzz_links.py then feeds it hostile values on every page.
PARAMS: dict[str, tuple[urlstate.PageParam, ...]] = {
    "*": (),
    "data": (
        urlstate.PageParam("file", tuple(SCHEMAS), "data file"),
        urlstate.PageParam("q"),  # the search: any text is a search
    ),
}


def declared_params(page_name: str) -> dict[str, urlstate.PageParam]:
    """The page's declared :data:`PARAMS` (those of every page included), by name."""
    return {p.name: p for p in (*PARAMS["*"], *PARAMS.get(page_name, ()))}


FAVICON = "💸"
#: Plotly's toolbar keeps only the PNG camera and the reset: on a phone the full bar covers titles.
PLOTLY_CONFIG_BASE = {
    "displaylogo": False,
    "modeBarButtonsToRemove": [
        "zoom2d", "pan2d", "select2d", "lasso2d", "zoomIn2d", "zoomOut2d", "autoScale2d",
        "hoverClosestCartesian", "hoverCompareCartesian", "toggleSpikelines",
    ],
}  # fmt: skip


#: A container with this key is shown before the other columns of its row on a phone: the
#: results above the inputs.
RESULTS_FIRST = "results_first"
PHONE_NAV = "phone_nav"  # the pages menu shown instead of the sidebar on a phone
#: On touch screens plotly's toolbar, once shown by a tap, stays on top of the chart's title;
#: a phone has no use for its PNG and reset buttons. On a narrow screen the columns stack,
#: and a row holding a RESULTS_FIRST container stacks in reverse. A style-only st.html
#: takes no space on the page. On a touch screen the "?" help icons (16 px) get a tap target
#: of at least 24 x 24 CSS px, the minimum of WCAG 2.5.8.
TOUCH_CSS = (
    "<style>@media (hover: none) { .modebar-container { display: none !important; }"
    " [data-testid='stTooltipHoverTarget'] > button"
    " { min-width: 24px; min-height: 24px; justify-content: center; } }"
    "@media (max-width: 640px) { div[data-testid='stHorizontalBlock']"
    f":has(> div[data-testid='stColumn'] .st-key-{RESULTS_FIRST})"
    " { flex-direction: column-reverse; } }"
    # Streamlit's sidebar becomes an overlay at 768 px and below (its "md" breakpoint)
    f"@media (min-width: 769px) {{ .st-key-{PHONE_NAV} {{ display: none; }} }}"
    "@media (max-width: 768px) { section[data-testid='stSidebar'],"
    " [data-testid='stExpandSidebarButton'] { display: none !important; } }</style>"
)


@st.cache_resource(show_spinner=False)
def releases() -> release.Store:
    """The release index, read once per server process."""
    return release.Store(releases_dir())


@st.cache_resource(show_spinner=False)
def load_tables(folder: str) -> Tables:
    """One release's data files, validated once per server and shared by every session.

    A resource cache, not a data cache: one shared object instead of an unpickled copy on
    every rerun. Nothing may modify these frames; pages only filter them into new ones.
    Keyed by the release's folder, so an old release is loaded once per process too.
    """
    tables = load_all(folder)
    gc.freeze()  # the tables live as long as the server, like the imports above
    return tables


def page(title: str, intro: str, name: str) -> Tables:
    """Configure the page ``name`` (its URL path), draw the navigation, return the data of the
    release the link asks for (see :func:`pick_release`), and say which release that is.

    The browser tab always shows :data:`FAVICON`, an emoji drawn locally. A broken data file
    stops the page with the loader's message, never a traceback.
    """
    st.set_page_config(
        page_title=f"{title} · What did DeepSeek cost?", page_icon=FAVICON, layout="wide"
    )
    st.session_state["_page"] = (name, title)
    navigation()
    st.html(TOUCH_CSS)
    st.title(title)
    if intro:
        st.caption(intro)
    try:
        store = releases()
        shown, note = pick_release(store, name)
    except DataError as exc:  # the release index itself
        _data_error(exc.problems)
    try:
        tables = load_tables(str(release_folder(shown.id)))
    except DataError as exc:
        _data_error([f"release {shown.id}: {p}" for p in exc.problems], store, shown)
    st.session_state["_release_tables"] = tables
    release_line(store, shown, name, note)
    return tables


def _data_error(
    problems: list[str],
    store: release.Store | None = None,
    shown: release.Release | None = None,
) -> NoReturn:
    st.error(
        "The data files did not pass their checks, so this page cannot show figures. "
        "Each problem names the release, file, row and column:",
        icon=":material/error:",
    )
    st.code("\n".join(problems), language=None, wrap_lines=True)
    if store is not None and shown is not None and shown.id != store.current.id:
        current = store.current  # an older release is broken: the current one may not be
        st.link_button(
            f"Open this page on the current data ({current.label})",
            f"?{release.PARAM}={current.id}",
            icon=":material/update:",
        )
    st.stop()
    raise AssertionError("st.stop() raises")


def pick_release(store: release.Store, name: str) -> tuple[release.Release, str | None]:
    """The release this page shows, and a note if the link's ``rel`` could not be used.

    A link's ``rel`` wins. A link with any of the page's parameters but no ``rel`` was made
    before releases existed, so it opens on release 1. A bare page opens on the current
    release. The address bar then carries the release, so a reload or a copied address keeps
    it, and every later rerun of the session reads it from there.
    """
    raw = st.query_params.get_all(release.PARAM)
    if raw:
        shown, note = store.check(raw)
    elif _made_before_releases(store.releases[0], name):
        shown, note = store.releases[0], None
    else:
        shown, note = store.current, None
    if raw != [shown.id]:
        st.query_params[release.PARAM] = shown.id
    st.session_state["_release_shown"] = shown
    return shown, note


def _made_before_releases(first: release.Release, name: str) -> bool:
    """Whether the link sets at least one of the page's parameters to a value the page can
    use on release 1: a link made before releases existed. A link whose every page value is
    ignored (``?price=abc``) set nothing, so it is no old scenario and opens on current data."""
    ours = {k: st.query_params.get_all(k) for k in st.query_params if k in page_params(name)}
    if not ours:
        return False
    try:
        first_tables = load_tables(str(release_folder(first.id)))
    except DataError:
        return True  # the page then names what is broken in release 1 and offers current data
    _values, notes = urlstate.check_params(
        ours,
        asm.for_page(name, first_tables),
        VIEWS.get(name),
        declared_params(name).values(),
    )
    ignored = {n.name for n in notes}
    return any(k not in ignored for k in ours)


def page_params(name: str) -> frozenset[str]:
    """Every link parameter the page ``name`` reads besides ``rel``: its assumptions, its
    views (tabs) and its own (``/data``'s file and search)."""
    views = VIEWS.get(name, {})
    own = {a.name for a in asm.for_page(name)}
    return frozenset(own) | frozenset(views) | frozenset(declared_params(name))


def tables() -> Tables:
    """The data of the release this session's page shows, as :func:`page` loaded it (kept in
    the session: every widget, note and link of a rerun asks for it)."""
    kept = st.session_state.get("_release_tables")
    if kept is not None:
        return kept
    return load_tables(str(release_folder(shown_release().id)))


def shown_release() -> release.Release:
    """The release this session's page shows (set by :func:`page`)."""
    kept = st.session_state.get("_release_shown")
    return kept if kept is not None else releases().current


def release_line(store: release.Store, shown: release.Release, name: str, note: str | None) -> None:
    """Under the title: the release the figures come from, linked to the changelog. For an
    older release, what changed since in the files this page reads, and a way to current data."""
    line = st.container(horizontal=True, vertical_alignment="center", gap="small")
    line.caption(f"Data: {shown.label}")
    line.page_link(
        DATA_PAGE,
        label="Releases and changelog",
        icon=":material/history:",
        query_params={"rel": shown.id},
    )
    kept = f"_release_note_{name}"  # shown until the visitor resets, like the link notes
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
    files = PAGE_FILES.get(name, ())
    old = load_tables(str(release_folder(shown.id)))
    changes = [(r, c) for r, c in store.changes_since(shown.id) if c.file in files]
    figures = [(r, c) for r, c in changes if c.moves_a_figure and _was_used(c, old)]
    current = store.current
    described = release.describe(figures, load_tables(str(release_folder(current.id))), old)
    head = (
        f"**This link shows {shown.label}**, the data it was made on; the current data is "
        f"{current.label}."
    )
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
        query = [(k, v) for k in st.query_params if k != release.PARAM
                 for v in st.query_params.get_all(k)]  # fmt: skip
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


def navigation() -> None:
    """Sidebar links to every page, with readable labels (the file names set the URLs).

    Not drawn inside an iframe (``?embed=true``): an embedded scenario shows its page only.
    """
    if embedded():
        return
    with st.sidebar:
        st.markdown("**What did DeepSeek cost?**")
        for script, label, icon, _path in PAGES:
            st.page_link(script, label=label, icon=icon)
        st.caption("Every number links to its source on the Data and sources page.")
    # On a phone the sidebar is an overlay that a page link does not close (only Streamlit's
    # file-name page list does), so there the pages are a menu above the title instead, and
    # the sidebar is hidden (PHONE_NAV_CSS): a new page opens with its menu closed.
    with st.container(key=PHONE_NAV), st.popover("Pages", icon=":material/menu:"):
        for script, label, icon, _path in PAGES:
            st.page_link(script, label=label, icon=icon)


def embedded() -> bool:
    """Whether the page is shown with Streamlit's ``?embed=true`` (inside another site)."""
    try:
        return bool(st.context.is_embedded)
    except Exception:
        return False


def widget(a: asm.Assumption, container: object = None) -> float | bool | str:
    """Draw the widget an assumption declares, bound to the URL parameter ``a.name``."""
    target = container if container is not None else st
    a = asm.resolve(tables())[a.name]  # the default of the release this page shows
    help_text = a.help
    if a.source:
        help_text += f" Default from data row `{a.source}` ({shown_release().label})."
    common = {"key": a.name, "help": help_text or None, "bind": "query-params"}
    label = a.label  # labels in the table carry their units
    if a.kind == "slider":
        cast = int if a.integer else float
        value = target.slider(
            label,
            min_value=cast(a.min),
            max_value=cast(a.max),
            value=cast(a.default),
            step=cast(a.step),
            format=a.fmt or None,
            **common,
        )  # type: ignore[union-attr]
        if a.quick:
            quick_values(a, target)
        return value
    if a.kind == "number":
        # Whole-number inputs are float inputs shown without decimals: Streamlit 1.67's int
        # number_input raises OverflowError when a link carries inf or a 400-digit number,
        # before its own validation can drop the value; the float input drops it cleanly.
        value = target.number_input(
            label,
            min_value=float(a.min),
            max_value=float(a.max),
            value=float(a.default),
            step=float(a.step),
            format="%.0f" if a.integer else (a.fmt or None),
            **common,
        )  # type: ignore[union-attr]
        if a.integer and a.scale == 1 and a.unit in ("GPUs", "USD/GPU"):
            # A number input cannot group digits (its format must stay numeric): 10000
            # reads as 1,000 or 100,000 at a glance, so the amount is repeated, grouped.
            per_gpu = a.unit == "USD/GPU"
            shown = f"{fmt.usd(value, 5)} per GPU" if per_gpu else f"{fmt.count(value)} GPUs"
            target.caption(shown)  # type: ignore[union-attr]
        return value
    if a.kind == "toggle":
        return target.toggle(label, value=bool(a.default), **common)  # type: ignore[union-attr]
    if a.kind == "choice":
        return target.radio(
            label,
            options=list(a.options),
            index=a.options.index(str(a.default)),
            horizontal=True,
            **common,
        )  # type: ignore[union-attr]
    raise ValueError(f"unknown widget kind {a.kind!r} for {a.name}")


def _set_value(name: str, value: float) -> None:
    st.session_state[name] = value


def quick_values(a: asm.Assumption, container: object) -> None:
    """One-click exact values under a slider (a slider step is about 1 px wide on a phone;
    the arrow keys move it one step). The link carries the value's shortest form."""
    row = container.container(horizontal=True, gap="small", key=f"quick_{a.name}")  # type: ignore[union-attr]
    for number in a.quick:
        snapped = asm.snap(a, number)
        row.button(
            (a.fmt % snapped).replace("%%", "%") if a.fmt else f"{snapped:g}",
            key=f"quick_{a.name}_{snapped:g}",
            on_click=_set_value,
            args=(a.name, snapped),
            type="tertiary",
            help=f"Set {a.label.lower()} to exactly this value.",
        )


def calculator(page_name: str) -> Callable[[Callable[[], None]], Callable[[], None]]:
    """Decorator: a calculator's body as an ``st.fragment``, the link's notes at its top.

    Moving one of its inputs reruns the calculator only, not the navigation, the title and
    the ``pages/`` discovery around it (half the work of a rerun, and fewer messages). The
    notes are inside it, so Reset and the presets, which rerun only the fragment, clear them.
    Inside, rows of metrics and buttons are ``st.container(horizontal=True)``: one block
    message each, where ``st.columns(n)`` sends n + 1.
    """

    def wrap(body: Callable[[], None]) -> Callable[[], None]:
        @st.fragment
        @functools.wraps(body)  # the fragment's id comes from the page's function, not this one
        def run() -> None:
            link_notes(page_name)
            body()

        return run

    return wrap


def link_notes(page_name: str) -> list[urlstate.ParamNote]:
    """On a session's first run of a page, check the link's parameters; show what was ignored.

    Streamlit's binding already drops values it cannot use; this tells the visitor which
    ones and why. The notes stay until the visitor changes something.
    """
    flag = f"_link_checked_{page_name}"
    if flag not in st.session_state:
        st.session_state[flag] = True
        raw = {key: st.query_params.get_all(key) for key in st.query_params}
        _values, notes = urlstate.check_params(
            raw,
            asm.for_page(page_name, tables()),
            VIEWS.get(page_name),
            declared_params(page_name).values(),
        )
        st.session_state[f"_link_notes_{page_name}"] = notes
        # a parameter that is no parameter of the page leaves the address bar (the note says
        # so), so that a copied address does not carry it on
        for key in raw:
            if key.lower() not in urlstate.SITE_PARAMS and key not in page_params(page_name):
                del st.query_params[key]
    notes = st.session_state.get(f"_link_notes_{page_name}", [])
    if notes:
        lines = "\n".join(f"- `{n.name}`: {escape_markdown(n.reason)}" for n in notes)
        st.warning(f"Some values in this link were ignored:\n{lines}", icon=":material/link_off:")
    return notes


def reset_to_defaults(page_name: str) -> None:
    """Callback: every assumption of the page back to its sourced default."""
    for a in asm.for_page(page_name, tables()):
        st.session_state[a.name] = a.default
    st.session_state[f"_link_notes_{page_name}"] = []
    st.session_state[f"_release_note_{page_name}"] = None


def undo_change(page_name: str, name: str) -> None:
    """Callback: one assumption back to its sourced default (a change panel's button)."""
    st.session_state[name] = asm.resolve(tables())[name].default
    st.session_state[f"_link_notes_{page_name}"] = []


def finding(text: str) -> None:
    """The page's result in one sentence, above its chart."""
    st.markdown(f"**{escape_markdown(text)}**")


def change_panel(
    page_name: str,
    values: Mapping[str, float | bool | str],
    beside: list[tuple[str, float, float, Callable[[float], str]]],
) -> None:
    """What this scenario changes from the sourced defaults, what each change does alone, what
    they do together beyond that, each with a button back to its default; then the headline
    metrics beside the sourced defaults'."""
    try:
        b = explain.breakdown(page_name, values, tables())
    except ValueError:  # a scenario the model cannot compute: the page already says why
        return
    shown = shown_release()
    with st.container(border=True, gap="small"):
        st.markdown("**What this scenario changes**")
        if not b.lines:
            st.caption(f"Every assumption is at its sourced default, from data {shown.label}.")
            return
        moved = b.moved()
        for line in b.lines:
            row = st.container(horizontal=True, vertical_alignment="center", gap="small")
            row.markdown(
                f"{escape_markdown(line.label)}: {escape_markdown(line.default_text)} → "
                f"**{escape_markdown(line.value_text)}** · "
                f"{escape_markdown(explain.effect_text(line.effects, moved))}  \n"
                f":gray[default from {escape_markdown(line.source_name)} (row `{line.source}`)]"
                if line.source_name
                else f":gray[default: {escape_markdown(line.source)}]",
                width="stretch",
            )
            row.button(
                "Default",
                key=f"undo_{line.name}",
                on_click=undo_change,
                args=(page_name, line.name),
                icon=":material/undo:",
                help=f"Put this back to {line.default_text}, its sourced default.",
            )
        if len(b.lines) > 1:
            st.markdown(
                "Together, beyond their separate effects: "
                f"{escape_markdown(explain.effect_text(b.together, moved))}"
            )
        st.markdown(f"**In all:** {escape_markdown(explain.effect_text(b.total, moved))}")
        st.markdown("**This scenario beside the sourced defaults**")
        table = explain.beside(beside)
        head = list(table[0])
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(escape_markdown(r[h]) for h in head) + " |" for r in table]
        st.markdown("\n".join(lines))


def apply_preset(page_name: str, preset: Mapping[str, float | bool | str]) -> None:
    """Callback: set the named assumptions (display units); the rest go back to defaults."""
    for a in asm.for_page(page_name, tables()):
        st.session_state[a.name] = preset.get(a.name, a.default)
    st.session_state[f"_link_notes_{page_name}"] = []


def share_link(page_name: str, values: Mapping[str, float | bool | str]) -> str:
    """The link that reopens this scenario."""
    base = st.context.url or f"/{page_name}"
    views = VIEWS.get(page_name, {})
    open_views = {param: st.session_state.get(param, labels[0]) for param, labels in views.items()}
    query = urlstate.encode(values, asm.for_page(page_name, tables()), views, open_views)
    pin = urlencode({release.PARAM: shown_release().id})
    return f"{base}?{query}&{pin}" if query else f"{base}?{pin}"


def page_title() -> str:
    return st.session_state.get("_page", ("", "What did DeepSeek really cost?"))[1]


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
    values: Mapping[str, float | bool | str],
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
        st.markdown("**Embed it** (an iframe; the page without its sidebar)")
        snippet = cite.embed_snippet(link, page_name, page_title())
        st.code(snippet, language=None, wrap_lines=True)
        copy_button(snippet, "Copy embed code", f"copy_iframe_{page_name}")
        st.markdown("**Cite it** (APA)")
        st.code(cited.apa(), language=None, wrap_lines=True)
        copy_button(cited.apa(), "Copy APA citation", f"copy_apa_{page_name}")
        st.markdown("**BibTeX**")
        st.code(cited.bibtex(), language=None, wrap_lines=True)
        copy_button(cited.bibtex(), "Copy BibTeX", f"copy_bib_{page_name}")
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
    rows = scenario_rows(page_name, values, results)
    rows.insert(0, {"kind": "data", "name": release.PARAM, "label": "data release",
                    "value": shown.id, "unit": shown.date})  # fmt: skip
    rows += [{"kind": "citation", "name": k, "label": k, "value": v, "unit": ""}
             for k, v in cited.fields().items()]  # fmt: skip
    rows += [{"kind": "source", "name": ";".join(x.rows), "label": x.name, "value": x.url,
              "unit": ""} for x in found]  # fmt: skip
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


def scenario_rows(
    page_name: str, values: Mapping[str, float | bool | str], results: Mapping[str, float | str]
) -> list[dict[str, object]]:
    """Assumptions and results as rows of (kind, name, label, value, unit)."""
    rows: list[dict[str, object]] = []
    for a in asm.for_page(page_name, tables()):
        if a.name in values:
            rows.append(
                {
                    "kind": "assumption",
                    "name": a.name,
                    "label": a.label,
                    "value": values[a.name],
                    "unit": a.unit,
                }
            )
    for name, value in results.items():
        rows.append({"kind": "result", "name": name, "label": name, "value": value, "unit": ""})
    return rows


def sourced_table(
    frame: pd.DataFrame, *, link: str = "link", column_config: dict | None = None, **kwargs: object
) -> None:
    """A table whose ``link`` column opens each row's source; the one way pages show sources."""
    config = {link: st.column_config.LinkColumn(link, display_text="open source")}
    st.dataframe(
        frame, hide_index=True, column_config={**config, **(column_config or {})}, **kwargs
    )  # type: ignore[arg-type]


def lazy_expander(label: str, key: str) -> object | None:
    """A collapsed expander whose content is made only once opened: its container, or None.

    Streamlit's lazy expander (``on_change="rerun"`` and ``.open``; the state is kept in
    ``st.session_state[key]``). For tables below a chart: a dataframe makes the browser load
    about 1.6 MB of Streamlit's table code before it can draw the page's chart, which was a
    fifth of /timeline's first load.
    """
    box = st.expander(label, icon=":material/table:", on_change="rerun", key=key)
    return box if box.open else None


def lazy_sourced_table(
    label: str, key: str, frame: Callable[[], pd.DataFrame], **table: object
) -> None:
    """A :func:`sourced_table` in a :func:`lazy_expander`: ``frame()`` is made, sent and drawn
    only once the visitor opens it."""
    box = lazy_expander(label, key)
    if box is not None:
        with box:  # type: ignore[attr-defined]
            sourced_table(frame(), **table)  # type: ignore[arg-type]


def lazy_static_table(
    label: str, key: str, frame: Callable[[], pd.DataFrame], *, link: str = "link"
) -> None:
    """A static table (``st.table``: cells wrap, none is cut) in a :func:`lazy_expander`;
    every cell escaped, the ``link`` column as links to the sources."""
    box = lazy_expander(label, key)
    if box is not None:
        with box:  # type: ignore[attr-defined]
            st.table(markdown_cells(frame(), link=link), hide_index=True)


def lazy_tabs(page_name: str, param: str) -> list[object | None]:
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


#: Set in a session once its browser has painted a page with a chart's place held: from then
#: on :func:`chart` draws charts in the run that makes them (plotly's code is loaded by then).
CHARTS_LIVE = "_aicost_charts_live"

# The browser's "numbers are on screen" signal. Streamlit's frontend reveals every element
# that waited for its code (React Suspense) at most every 300 ms after the last placeholder
# shown, and a plotly chart makes the browser load and evaluate plotly's 4.7 MB bundle: a
# 0.6-1.3 s main-thread task that fell inside that window and held every metric back until
# just before the chart. So the first run holds the chart's place; this component, once no
# element is still waiting for its code (the metrics drawn), asks for the chart's fragment.
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


#: The key of every chart's fragment: one signal reruns all the charts a page held at once
#: (two signals sent together could leave one chart's place held).
CHARTS_FRAGMENT = "aicost-charts"


def _charts_live() -> None:
    """The after-paint signal's callback: the charts may follow, all in one rerun of their
    fragments. (A late second signal reruns only its own chart's fragment.)"""
    if not st.session_state.get(CHARTS_LIVE):
        st.session_state[CHARTS_LIVE] = True
        st.rerun(CHARTS_FRAGMENT)


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

    In a session's first page, the chart's place is held (an empty box of its height) and the
    chart is drawn by a rerun of its own fragment once the browser has painted the page's
    numbers: a visitor opening a link sees the headline figures at the speed of a page without
    a chart (see ``_AFTER_PAINT_JS``). Later runs draw it at once. ``after_numbers=False``
    draws it at once on a page whose chart is its answer (no numbers to wait for).

    The figure's source note ends with the scenario's short link and data release (``link``,
    or the address bar's), so a screenshot or the PNG leads back to the exact scenario.
    """
    fig = charts.stamp(fig, cite.chart_line(link or address_link(), shown_release().id))
    config = {
        **PLOTLY_CONFIG_BASE,
        "toImageButtonOptions": {"format": "png", "filename": file_name, "scale": 2},
    }
    fig = for_theme(fig, st.context.theme.type or "light")  # type: ignore[arg-type]
    if not after_numbers:
        st.plotly_chart(fig, width="stretch", config=config, theme="streamlit", key=key, alt=alt)
        return
    height = getattr(getattr(fig, "layout", None), "height", None) or 450
    # one container per chart: a fragment's id comes from its container, and a container
    # may hold two charts
    with st.container():
        _chart_fragment(fig, config, alt, key, file_name, int(height))


@st.fragment(key=CHARTS_FRAGMENT)
def _chart_fragment(
    fig: object, config: dict, alt: str, key: str | None, file_name: str, height: int
) -> None:
    if st.session_state.get(CHARTS_LIVE):
        st.plotly_chart(fig, width="stretch", config=config, theme="streamlit", key=key, alt=alt)
        return
    # the chart's place, so nothing moves; its key (CSS class st-key-aicost-held-...) tells
    # browser tests that a chart is still to come
    st.container(height=height, border=False, key=f"aicost-held-{file_name}")
    _after_paint(key=f"_after_paint_{file_name}", on_painted_change=_charts_live)


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
    st.code(
        f'import pandas as pd\nfigures = pd.read_csv("{static_url(current.id, "figures.csv")}")',
        language="python",
    )
    for rel in reversed(store.releases):
        files = " · ".join(
            f"[{name}.csv]({static_url(rel.id, name + '.csv')})" for name in [*SCHEMAS, "changelog"]
        )
        changes = len(store.changelog(rel.id))
        st.markdown(
            f"**Release {rel.id}** · {rel.date} · {changes} changed cells  \n"
            f"{escape_markdown(rel.summary)}  \nFiles: {files}"
        )
    log = [
        {"release": rel.id, **release._row(change)}
        for rel in reversed(store.releases)
        for change in store.changelog(rel.id)
    ]
    if log:
        st.markdown("**Every change, cell by cell** (made by diffing the releases)")
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
    st.code(
        f"What did DeepSeek really cost? Sourced data, release {current.id} "
        f"({current.date}). {static_url(current.id, '')}",
        language=None,
        wrap_lines=True,
    )


def static_url(release_id: str, file: str) -> str:
    """The stable address of a release's file (Streamlit serves ``static/`` = data/releases)."""
    base = (st.context.url or "").split("?")[0]
    root = base.rsplit("/", 1)[0] if base else ""
    return f"{root}/app/static/{release_id}/{file}"
