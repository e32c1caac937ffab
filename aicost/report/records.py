"""The records of a page and of what it shows: :class:`Page` (declared once per page in
:data:`aicost.site.PAGES`), the :class:`Scenario` its computation reads, the :class:`Body` it
returns (:class:`Figure`, :class:`Chart`, :class:`Bar`), the :class:`ValueUsed` of each input
and the whole :class:`PageResult`. No streamlit import; :mod:`aicost.report.page` makes them
from a link and re-exports them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

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
    summary: Mapping[str, float | str | None] = field(default_factory=dict)
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
