"""A page as one record, and what it shows as one result. No streamlit import.

Every page of the site is a :class:`Page` (its path, label, introduction, link parameters,
tabs, data files and computation), declared once in :data:`aicost.site.PAGES`. What a page
shows for one scenario is a :class:`PageResult`, made by :func:`result` from the page's link
(or a mapping of values) and one data release:

- the values used, each with its unit, default and source (:class:`ValueUsed`), and the
  notes for what the link set that the page ignored;
- the headline figures, each as a number and as the page displays it (:class:`Figure`);
- the finding (the result in one sentence), the change panel's lines, the charts
  (:class:`Chart`, each made only when drawn), the citation, the sources and the canonical
  short link.

The Streamlit page draws widgets and renders this result; the preview card, the JSON API
and the offline copy render the same one, so every surface shows the same numbers.

>>> from aicost.site import BY_PATH
>>> from aicost.base.release import Store
>>> store = Store("data/releases")
>>> r = open_link(BY_PATH["training-cost"], {"price": ["3.5"]}, store, store.tables)
>>> r.release.id, r.link, r.figure("Training cost").text
('1', '/training-cost?price=3.5&rel=1', '$9.76M')
>>> r.finding
"At $3.50 per GPU-hour, V3's final training run costs $9.76M, 1.75 times DeepSeek's $5.576M."
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from aicost.base import release as rel
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.report import cite, explain, pair
from aicost.report.records import (
    SITE_TITLE,
    Bar,
    Body,
    ChangeFigures,
    Chart,
    Compute,
    Figure,
    Page,
    PageResult,
    Scenario,
    ValueUsed,
)

__all__ = [
    "SITE_TITLE",
    "Bar",
    "Body",
    "ChangeFigures",
    "Chart",
    "Compute",
    "Figure",
    "Page",
    "PageResult",
    "Scenario",
    "ValueUsed",
]

# ---- reading a link ---------------------------------------------------------------------------

Query = Mapping[str, Sequence[str]]


@dataclass(frozen=True)
class Link:
    """One link read once against one release: the values its widgets take, the open tabs,
    the page's own parameters, and a note for each parameter the page ignored."""

    values: dict[str, asm.Value]
    views: dict[str, str]
    params: dict[str, str]
    notes: tuple[urlstate.ParamNote, ...]
    #: parameters an older link named otherwise, read under their new name (old -> new)
    moved: Mapping[str, str] = field(default_factory=dict)

    @property
    def ignored(self) -> frozenset[str]:
        return frozenset(n.name for n in self.notes) - frozenset(self.moved)


def read_link(page: Page, query: Query, tables: Tables) -> Link:
    """The link's values as the page's widgets take them on ``tables`` (Streamlit's binding
    rules, :func:`aicost.inputs.urlstate.check_params`), and what it ignored.

    A link made before the page's MFU had one input per basis is read as it was meant
    (:meth:`aicost.inputs.basis.MfuBasis.upgrade`), with a note saying so."""
    moved: Mapping[str, str] = {}
    extra: tuple[urlstate.ParamNote, ...] = ()
    if page.mfu is not None:
        up = page.mfu.upgrade(query, asm.resolve(tables), tables)
        query, extra, moved = up.query, up.notes, up.moved
    values, notes = urlstate.check_params(query, page.assumptions(tables), page.views, page.params)
    notes += extra
    views = {}
    for param, labels in page.views.items():
        given = list(query.get(param, ()))
        views[param] = given[-1] if given and given[-1] in labels else labels[0]
    params = {
        p.name: urlstate.page_param_value(p, list(query.get(p.name, ()))) for p in page.params
    }
    if page.mfu is not None:
        values = page.mfu.normalize(values, tables)
    return Link(values, views, params, tuple(notes), moved)


def pick_release(
    page: Page, query: Query, store: rel.Store, load: Callable[[str], Tables]
) -> tuple[rel.Release, str | None]:
    """The release a link opens on, and a note if its ``rel`` could not be used.

    A link's ``rel`` wins. A link that sets any of the page's parameters to a value the page
    can use on release 1, but has no ``rel``, was made before releases existed: it opens on
    release 1. A bare link, one whose every value is ignored, or one that sets only parameters
    the page has read since releases (:attr:`Page.new_params`) opens on the current release.
    """
    given = list(query.get(rel.PARAM, ()))
    if given:
        return store.check(given)
    if page.since_release > 1:  # no link to it is older than releases
        return store.current, None
    known = page.link_params() - page.new_params
    ours = {k: v for k, v in query.items() if k in known}
    if not ours:
        return store.current, None
    first = store.releases[0]
    try:
        first_tables = load(first.id)
    except Exception:  # a broken release 1: the page names what is broken there
        return first, None
    ignored = read_link(page, ours, first_tables).ignored
    if any(k not in ignored for k in ours):
        return first, None
    return store.current, None


def open_link(
    page: Page,
    query: Query,
    store: rel.Store,
    load: Callable[[str], Tables],
    *,
    accessed: str | None = None,
) -> PageResult:
    """What ``page`` shows for a link's ``query`` (parameter -> every value given): the
    release it asks for (:func:`pick_release`), the link read once (:func:`read_link`) and
    the page computed on them."""
    shown, note = pick_release(page, query, store, load)
    tables = load(shown.id)
    link = read_link(page, query, tables)
    return result(
        page, tables, shown, link.values, views=link.views, params=link.params,
        notes=link.notes, release_note=note, accessed=accessed,
    )  # fmt: skip


@dataclass(frozen=True)
class OnCurrentData:
    """An old link's scenario on the release it names and on current data: the figure the
    page leads with, on each."""

    label: str
    then: Figure
    now: Figure
    release: rel.Release  # the link's
    current: rel.Release

    def text(self) -> str:
        """'With servers: $1.61B on release 1, $1.75B on current data (release 5)'."""
        same = " (unchanged)" if self.then.text == self.now.text else ""
        return (
            f"{self.label}: {self.then.text} on release {self.release.id}, {self.now.text} on "
            f"current data (release {self.current.id}){same}"
        )


def on_current_data(
    page: Page, query: Query, store: rel.Store, load: Callable[[str], Tables]
) -> OnCurrentData | None:
    """The link's scenario (``query``) on its own release and on the current release, when
    they differ: the values the link sets are kept, the rest take each release's sourced
    defaults (as "See this scenario on current data" opens it). None on the current release,
    for a page without figures, or for a scenario either release cannot compute.

    >>> from aicost.site import BY_PATH
    >>> from aicost.base.release import Store
    >>> store = Store("data/releases")
    >>> on_current_data(BY_PATH["gpu-capex"], {"a100_n": ["20000"]}, store, store.tables).text()
    'With servers: $1.61B on release 1, $1.75B on current data (release 5)'
    """
    try:
        then = open_link(page, query, store, load)
        if then.release.id == store.current.id or then.lead is None:
            return None
        current = {k: v for k, v in query.items() if k != rel.PARAM}
        now = open_link(page, {**current, rel.PARAM: [store.current.id]}, store, load)
    except (ValueError, KeyError):  # a scenario a release cannot compute: no banner line
        return None
    lead = then.lead
    match = [f for f in now.figures if f.label == lead.label]
    if not match:
        return None
    return OnCurrentData(lead.label, lead, match[0], then.release, now.release)


# ---- the result -------------------------------------------------------------------------------


def canonical_link(
    page: Page,
    tables: Tables,
    release: rel.Release,
    values: Mapping[str, asm.Value],
    views: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
) -> str:
    """The shortest link that reopens the scenario: the values that differ from the
    defaults, the open tabs that are not the first, the page's own parameters that are not
    their defaults, and the release.

    >>> from aicost.site import BY_PATH
    >>> from aicost.base.release import Store
    >>> store = Store("data/releases")
    >>> page, r1 = BY_PATH["training-cost"], store.get("1")
    >>> canonical_link(page, store.tables("1"), r1, {"price": 3.0, "gpus": 2048})
    '/training-cost?price=3&rel=1'
    """
    query = urlstate.encode(values, page.assumptions(tables), page.views, views)
    own = [
        (p.name, v)
        for p in page.params
        if (v := (params or {}).get(p.name, p.default)) != p.default
    ]
    pairs = [q for q in (query, urlencode(own), urlencode({rel.PARAM: release.id})) if q]
    return f"{page.url}?{'&'.join(pairs)}"


def result(
    page: Page,
    tables: Tables,
    release: rel.Release,
    values: Mapping[str, asm.Value] | None = None,
    *,
    views: Mapping[str, str] | None = None,
    params: Mapping[str, str] | None = None,
    notes: Sequence[urlstate.ParamNote] = (),
    release_note: str | None = None,
    accessed: str | None = None,
) -> PageResult:
    """What ``page`` shows for ``values`` (display units, as its widgets give them; missing
    ones at their sourced defaults in ``tables``) on ``release``.

    Raises ValueError when the page's model cannot compute the scenario (a fleet of no GPUs);
    the message says why.

    A result is kept with the loaded release, by its canonical link (and the notes on the link
    it was read from): every session, preview and API call of the same scenario shares one,
    so the thousandth reader of a shared link costs a lookup. At most
    :data:`RESULTS_KEPT` are kept per page and release, the least recently read going first.
    """
    resolved = page.assumptions(tables)
    full: dict[str, asm.Value] = {a.name: urlstate.default_of(a) for a in resolved}
    full.update({k: v for k, v in (values or {}).items() if k in full})
    if page.mfu is not None:  # the choice shows the basis in use (BF16 on an A100)
        full = page.mfu.normalize(full, tables)
    open_views = {p: (views or {}).get(p) or labels[0] for p, labels in page.views.items()}
    own = {p.name: (params or {}).get(p.name, p.default) for p in page.params}
    second = None
    if own.get(pair.NAME):  # a second scenario: read and checked as a link, canonical
        second = pair.read(page, own[pair.NAME], tables, release.id)
        own[pair.NAME] = second.query
        notes = (*notes, *second.notes)
    day = accessed or dt.date.today().isoformat()
    link = canonical_link(page, tables, release, full, open_views, own)
    key = (link, tuple(notes), release_note, day)
    return tables.cached(
        f"result:{page.path}",
        key,
        lambda: _result(page, tables, release, full, open_views, own, link, key, second),
        size=RESULTS_KEPT,
    )


#: How many results are kept per page and release (the scenarios read most recently).
RESULTS_KEPT = 128


def _result(
    page: Page,
    tables: Tables,
    release: rel.Release,
    full: dict[str, asm.Value],
    open_views: dict[str, str],
    own: dict[str, str],
    link: str,
    key: tuple[str, tuple[urlstate.ParamNote, ...], str | None, str],
    second: pair.Second | None = None,
) -> PageResult:
    _link, notes, release_note, day = key
    resolved = page.assumptions(tables)
    scenario = Scenario(page, tables, release, full, open_views, own, day)
    body = page.compute(scenario) if page.compute else Body(figures=())
    used = body.used
    if used is not None and page.mfu is not None:  # the other basis's MFU is not read
        used = used - page.mfu.unread(full, tables)
    shown = tuple(
        ValueUsed(
            name=a.name,
            label=a.label,
            unit=a.unit,
            value=full[a.name],
            default=urlstate.default_of(a),
            shown=explain.show(a, full[a.name]),
            default_shown=explain.show(a, urlstate.default_of(a)),
            source=explain.source_of(a),
            source_name=_source_name(tables, a),
            used=used is None or a.name in used,
        )
        for a in resolved
    )
    changes: explain.Breakdown | None = None
    beside: tuple[dict[str, str], ...] = ()
    if page.changes is not None:
        in_use = {k: v for k, v in full.items() if used is None or k in used}
        changes = explain.breakdown(
            page.path,
            page.changes,
            in_use,
            tables,
            page.change_formats,
            page.depends,
            body.labels,
        )
        base = {f.label: f.value for f in _defaults_body(page, tables, release).figures}
        beside = tuple(
            explain.beside(
                [
                    (f.label, f.value, b, f.format)
                    for f in body.figures
                    if f.format and f.value is not None and (b := base.get(f.label)) is not None
                ]
            )
        )
    citation = cite.Citation(
        page.title, page.path, link, release.id, release.date, day, body.finding
    )
    first = PageResult(
        page=page,
        release=release,
        link=link,
        values=shown,
        notes=tuple(notes),
        body=body,
        changes=changes,
        beside=beside,
        citation=citation,
        sources=tuple(cite.sources(page.path, tables, body.rows)),
        release_note=release_note,
        covers=rel.coverage(tables).text(),
    )
    if second is None or not second.query:
        return first
    # the second scenario: the same computation on the same release, its own values
    other = result(
        page, tables, release, second.values, views=open_views,
        params={**second.params, pair.NAME: ""}, accessed=day,
    )  # fmt: skip
    both = pair.Pair(
        second.query, other, pair.rows(first.figures, other.figures), pair.differences(first, other)
    )
    return replace(first, pair=both)


def _defaults_body(page: Page, tables: Tables, release: rel.Release) -> Body:
    """The page's own computation at its sourced defaults, once per loaded release."""

    def compute(t: Tables) -> Body:
        values = {a.name: urlstate.default_of(a) for a in page.assumptions(t)}
        views = {p: labels[0] for p, labels in page.views.items()}
        own = {p.name: p.default for p in page.params}
        scenario = Scenario(page, t, release, values, views, own)
        return page.compute(scenario) if page.compute else Body(figures=())

    return tables.memo(f"page_defaults:{page.path}", compute)


def _source_name(tables: Tables, a: asm.Assumption) -> str:
    if not a.source:
        return ""
    try:
        return str(tables.row(a.source).get("source_name") or "")
    except KeyError:
        return ""
