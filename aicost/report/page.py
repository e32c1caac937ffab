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
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from aicost.base import release as rel
from aicost.base.data import Tables
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.inputs.basis import MfuBasis
from aicost.report import charts as chartkit
from aicost.report import cite, explain, pair

if TYPE_CHECKING:
    import pandas as pd
    import plotly.graph_objects as go

#: The site's name: the overview's title, and the second half of every page's title.
SITE_TITLE = cite.SITE


@dataclass(frozen=True)
class Figure:
    """One headline figure: its number and how the page displays it ("$5.58M")."""

    label: str
    value: float | None  # None: nothing to show (the page shows a dash)
    text: str
    unit: str = ""  # "USD", "GPU-hours", "days", "percent", "multiple", "FLOP", "USD/share"...
    help: str = ""
    delta: str | None = None  # a change shown under the figure ("-$24.20")
    caption: str = ""  # a line shown under it, as it reads
    key: str = ""  # a stable machine name, for downloads and the API
    #: how a change of it reads (set for the figures shown beside the sourced defaults')
    format: Callable[[float], str] | None = field(default=None, repr=False, compare=False)

    def as_json(self) -> dict[str, object]:
        value = self.value if self.value is None or math.isfinite(self.value) else None
        return {"key": self.key, "label": self.label, "value": value, "shown": self.text,
                "unit": self.unit}  # fmt: skip


@dataclass(frozen=True)
class Bar:
    """One bar of the scenario's comparison (the preview card's small chart)."""

    label: str
    value: float
    text: str
    ours: bool = False  # this scenario's figure, not a sourced one


@dataclass(frozen=True)
class Chart:
    """One chart of the page: the file name of its PNG, its alt text (which ends with the
    finding), the tab it belongs to (``view``: the tab's link parameter and label; None: on
    the page) and how to make it, called only when the chart is drawn."""

    file: str
    alt: str
    make: Callable[[], go.Figure] = field(repr=False, compare=False)
    view: tuple[str, str] | None = None
    #: the figures drawn so far, by (source line, theme): see :meth:`drawn`
    _drawn: dict[tuple[str, str], go.Figure] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def drawn(self, line: str, theme: str) -> go.Figure:
        """The figure as a page draws it: its source note ending with ``line`` (the site, the
        data release and the scenario's link), its colours for ``theme``. Made once per line
        and theme, then shared: a result is kept per link (:func:`result`), so every reader
        of a link, and every rerun of a page that does not change its scenario, draws the same
        figure without building it again. Read it, never change it (:func:`make` gives a
        figure of one's own)."""
        key = (line, theme)
        fig = self._drawn.get(key)
        if fig is None:
            fig = chartkit.for_theme(chartkit.stamp(self.make(), line), theme)
            if len(self._drawn) < 4:  # a line and two themes, with room to spare
                self._drawn[key] = fig
        return fig


@dataclass(frozen=True)
class Body:
    """What a page's own computation returns (:attr:`Page.compute`): everything that depends on
    the page's model; :func:`result` adds what every page carries."""

    figures: tuple[Figure, ...]
    finding: str = ""
    #: the result in a few words, after the page's name in a title or a card ("$9.76M at
    #: $3.50 per GPU-hour"); empty: the page's name alone
    headline: str = ""
    #: which figure leads (a preview card shows it large): an index into ``figures``
    lead: int = 0
    #: what a preview of a page without figures says large (by default its finding)
    statement: str = ""
    charts: tuple[Chart, ...] = ()
    notes: tuple[str, ...] = ()  # what the reader should know about this scenario
    #: sentences the page shows besides the finding, by name (a range, a caveat...)
    says: Mapping[str, str] = field(default_factory=dict)
    bars: tuple[Bar, ...] = ()
    #: tables the page shows on request, by name, made only when opened
    frames: Mapping[str, Callable[[], pd.DataFrame]] = field(default_factory=dict, repr=False)
    summary: Mapping[str, float | str] = field(default_factory=dict)
    used: frozenset[str] | None = None  # the assumptions this scenario reads (None: all)
    rows: tuple[str, ...] = ()  # data rows its figures read besides the defaults
    detail: Any = None  # the page's own result object, for what only the page draws
    #: an assumption's label as its control reads in this scenario, where it differs from
    #: the declared one (the change panel says the same)
    labels: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    """One scenario of a page: its values (display units, every assumption of the page), its
    open tabs, its own parameters (``/data``'s file and search) and the data it is read on."""

    page: Page
    tables: Tables
    release: rel.Release
    values: Mapping[str, asm.Value]
    views: Mapping[str, str] = field(default_factory=dict)
    params: Mapping[str, str] = field(default_factory=dict)
    day: str = ""  # the day it is read on (YYYY-MM-DD; "" for today): what "today" is

    @cached_property
    def model(self) -> dict[str, asm.Value]:
        """The values in model units (``value * scale``)."""
        return asm.to_model(self.values, self.page.path)

    def view(self, param: str) -> str:
        """The open tab of ``param`` (its first by default)."""
        return self.views.get(param) or self.page.views[param][0]


Compute = Callable[[Scenario], Body]
ChangeFigures = Callable[[asm.Values, Tables], dict[str, float]]


@dataclass(frozen=True)
class Page:
    """One page of the site. The URL path is a promise: people share it."""

    path: str  # "" for the overview
    script: str  # its Streamlit script
    label: str  # its label in the navigation, and its title (but the overview's)
    icon: str
    intro: str  # under its title: the question it answers, in plain words
    blurb: str  # what the overview's "Explore" list says of it
    files: tuple[str, ...]  # the data files its figures come from
    compute: Compute | None = field(default=None, repr=False, compare=False)
    #: its tabs bound to the link: parameter -> labels, the default first
    views: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    #: its link parameters besides its assumptions and tabs (``/data``'s file and search)
    params: tuple[urlstate.PageParam, ...] = ()
    #: its body is an ``st.fragment`` (:func:`aicost.ui.calculator`): a moved input reruns
    #: only the body, and the link notes are drawn inside it
    calculator: bool = False
    #: a session's first page draws its headline figures first (:mod:`aicost.ui.paint`)
    numbers_first: bool = False
    #: the change panel's figures of a scenario (display-unit values): what each change moves
    changes: ChangeFigures | None = field(default=None, repr=False, compare=False)
    #: how a change of each of those figures reads (a figure not named here is in dollars)
    change_formats: Mapping[str, Callable[[float], str]] = field(
        default_factory=dict, repr=False, compare=False
    )
    embed_height: int = 800  # the iframe's height: the headline and first chart in view
    #: the data release the page first appeared with: a link to it without ``rel`` cannot
    #: have been made before releases existed, so it opens on the current release
    since_release: int = 1
    #: its MFU inputs, one per basis (FP8, BF16), and the choice of basis
    mfu: MfuBasis | None = None
    #: what each assumption's effect depends on (an MFU on the route that reads it): the
    #: change panel counts a change after those (:func:`aicost.report.explain.breakdown`)
    depends: Mapping[str, tuple[str, ...]] = field(default_factory=dict, repr=False, compare=False)
    #: link parameters it has read only since data releases existed: a link that sets only
    #: these, without ``rel``, was not made before releases (it opens on the current release)
    new_params: frozenset[str] = frozenset()

    @property
    def title(self) -> str:
        return SITE_TITLE if self.path == "" else self.label

    @property
    def url(self) -> str:
        return f"/{self.path}"

    @property
    def slug(self) -> str:
        """Its name in file names: its path, or ``overview``."""
        return self.path or "overview"

    def assumptions(self, tables: Tables | None = None) -> tuple[asm.Assumption, ...]:
        """The page's assumptions, with their defaults from ``tables``."""
        return asm.for_page(self.path, tables)

    def link_params(self) -> frozenset[str]:
        """Every link parameter the page reads besides ``rel``: its assumptions, its tabs
        and its own parameters."""
        own = {a.name for a in self.assumptions()}
        return frozenset(own) | frozenset(self.views) | frozenset(p.name for p in self.params)


@dataclass(frozen=True)
class ValueUsed:
    """One assumption as the scenario uses it (display units, as its widget shows it)."""

    name: str
    label: str
    unit: str
    value: asm.Value
    default: asm.Value
    shown: str
    default_shown: str
    source: str  # the data row the default comes from, or how it is set
    source_name: str
    used: bool  # False: this scenario does not read it (another route's input, say)

    @property
    def changed(self) -> bool:
        return self.value != self.default

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name, "label": self.label, "unit": self.unit, "value": self.value,
            "default": self.default, "shown": self.shown, "default_shown": self.default_shown,
            "source": self.source,
            "source_name": self.source_name, "used": self.used,
        }  # fmt: skip


@dataclass(frozen=True)
class PageResult:
    """Everything one page shows for one scenario on one data release."""

    page: Page
    release: rel.Release
    link: str  # the canonical short link: /path?changed values&open tabs&rel=N
    values: tuple[ValueUsed, ...]
    notes: tuple[urlstate.ParamNote, ...]  # what the link set that the page ignored
    body: Body
    changes: explain.Breakdown | None
    beside: tuple[dict[str, str], ...]  # the headline figures beside the sourced defaults'
    citation: cite.Citation
    sources: tuple[cite.Source, ...]
    release_note: str | None = None  # why the link's ``rel`` could not be used
    #: where the release's data stops ("events through 2026-05-31, prices through 2026-06")
    covers: str = ""
    #: a second scenario beside this one (the link's ``vs``), if any
    pair: pair.Pair | None = None

    @property
    def figures(self) -> tuple[Figure, ...]:
        return self.body.figures

    @property
    def finding(self) -> str:
        return self.body.finding

    @property
    def lead(self) -> Figure | None:
        """The figure the page leads with (a preview card shows it large), if it has figures."""
        return self.figures[self.body.lead] if self.figures else None

    @property
    def statement(self) -> str:
        """What a preview of a page without figures says large: its statement, or finding."""
        return self.body.statement or self.finding

    @property
    def title(self) -> str:
        """The page and its result in a few words: what a browser tab or a preview shows."""
        if not self.body.headline:
            return self.page.title
        return (
            self.body.headline
            if self.page.path == ""
            else f"{self.page.label}: {self.body.headline}"
        )

    @property
    def charts(self) -> tuple[Chart, ...]:
        return self.body.charts

    def figure(self, label: str) -> Figure:
        """The figure with this label; KeyError, naming the labels, when there is none."""
        for f in self.figures:
            if f.label == label:
                return f
        raise KeyError(f"no figure {label!r}; have {[f.label for f in self.figures]}")

    def value(self, name: str) -> asm.Value:
        for v in self.values:
            if v.name == name:
                return v.value
        raise KeyError(name)

    def full_link(self, site: str) -> str:
        """The link with the site's address in front (``https://host``, no trailing slash)."""
        return site.rstrip("/") + self.link

    def cited(self, site: str = "") -> cite.Citation:
        """The citation, with the full link when the site's address is known."""
        return _with_link(self.citation, self.full_link(site)) if site else self.citation

    def as_json(self, site: str = "") -> dict[str, object]:
        """The result as the JSON API answers it, and as the JSON download holds it.

        ``assumptions`` and ``results`` are the values used and the page's summary by machine
        name (the download's keys before the API existed); ``values`` and ``figures`` say the
        same with units, defaults, sources and the text the page displays.
        """
        link = self.full_link(site)
        citation = self.cited(site)
        used = [v for v in self.values if v.used]
        return {
            "page": self.page.url,
            "title": self.title,
            "link": link,
            "data_release": {
                "id": self.release.id,
                "date": self.release.date,
                "summary": self.release.summary,
                "covers": self.covers,
            },  # fmt: skip
            "finding": self.finding,
            "figures": [f.as_json() for f in self.figures],
            "assumptions": {v.name: v.value for v in used},
            "values": [v.as_json() for v in self.values],
            "ignored": [{"name": n.name, "reason": n.reason} for n in self.notes],
            "notes": list(self.body.notes),
            "changes": [] if self.changes is None else explain.as_json(self.changes),
            "results": dict(self.body.summary),
            "citation": citation.fields(),
            "sources": [{"name": s.name, "url": s.url, "rows": list(s.rows)} for s in self.sources],
            "second_scenario": self.pair.as_json(site) if self.pair else None,
        }


def _with_link(c: cite.Citation, link: str) -> cite.Citation:
    return replace(c, link=link)


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
        lambda: _result(page, tables, release, full, open_views, own, link, key),
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
) -> PageResult:
    _link, notes, release_note, day = key
    resolved = page.assumptions(tables)
    scenario = Scenario(page, tables, release, full, open_views, own, day)
    body = page.compute(scenario) if page.compute else Body(figures=())
    used = body.used
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
    query = own.get(pair.NAME, "")
    if not query:
        return first
    # the second scenario: the same computation on the same release, its own values
    second = pair.read(page, query, tables, release.id)
    other = result(
        page, tables, release, second.values, views=open_views,
        params={**second.params, pair.NAME: ""}, accessed=day,
    )  # fmt: skip
    both = pair.Pair(
        query, other, pair.rows(first.figures, other.figures), pair.differences(first, other)
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
