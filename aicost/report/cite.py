"""Citing and embedding a scenario: APA and BibTeX text, its sources, a short link for charts
and an iframe snippet. No streamlit import.

A citation names the exact scenario (its full link, which pins the data release), the data
release and its date, and the day it was accessed:

>>> c = Citation(
...     title="Training cost",
...     page="training-cost",
...     link="https://example.org/training-cost?price=3.4&rel=2",
...     release="2",
...     release_date="2026-11-30",
...     accessed="2026-12-01",
...     finding="At $3.40 per GPU-hour, V3's final training run costs $9.48M.",
... )
>>> print(c.apa())
What did DeepSeek really cost? (2026). Training cost: scenario [Interactive dashboard, data release
2 of 2026-11-30]. At $3.40 per GPU-hour, V3's final training run costs $9.48M. Retrieved December 1,
2026, from https://example.org/training-cost?price=3.4&rel=2
>>> print(c.bibtex())
@misc{whatdeepseekcost_training_cost_rel2_2026_12_01,
  title        = {{Training cost}: scenario},
  author       = {{What did DeepSeek really cost?}},
  year         = {2026},
  howpublished = {Interactive dashboard, data release 2 (2026-11-30)},
  url          = {https://example.org/training-cost?price=3.4&rel=2},
  urldate      = {2026-12-01},
  note         = {At \\$3.40 per GPU-hour, V3's final training run costs \\$9.48M.}
}
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from urllib.parse import parse_qsl, urlsplit

from aicost.base.data import Tables
from aicost.inputs import assumptions as asm

#: The site's name: the overview's title, the second half of every page's title, the author.
SITE = "What did DeepSeek really cost?"

_BIBTEX_SPECIAL = re.compile(r"([\\{}$%&#_^~])")


@dataclass(frozen=True)
class Citation:
    """Everything a citation of one scenario names."""

    title: str  # the page's title
    page: str  # its URL path, "" for the overview
    link: str  # the full link that reopens the scenario (with rel=)
    release: str  # the data release id
    release_date: str  # YYYY-MM-DD
    accessed: str  # YYYY-MM-DD
    finding: str = ""

    @property
    def year(self) -> str:
        return self.release_date[:4]

    def apa(self) -> str:
        """APA style (7th ed.) for dynamic web content: group author, year, title [description],
        retrieval date and URL."""
        day = dt.date.fromisoformat(self.accessed)
        retrieved = f"{day:%B} {day.day}, {day.year}"
        finding = f" {self.finding}" if self.finding else ""
        return (
            f"{SITE} ({self.year}). {self.title}: scenario [Interactive dashboard, data release "
            f"{self.release} of {self.release_date}].{finding} Retrieved {retrieved}, from "
            f"{self.link}"
        )

    def key(self) -> str:
        page = re.sub(r"[^a-z0-9]+", "_", self.page.lower()).strip("_") or "overview"
        return f"whatdeepseekcost_{page}_rel{self.release}_{self.accessed.replace('-', '_')}"

    def bibtex(self) -> str:
        """A biblatex-friendly ``@misc`` entry (``url`` and ``urldate`` fields)."""
        fields = [
            ("title", f"{{{bib_escape(self.title)}}}: scenario"),
            ("author", f"{{{SITE}}}"),
            ("year", self.year),
            (
                "howpublished",
                f"Interactive dashboard, data release {self.release} ({self.release_date})",
            ),
            ("url", self.link),
            ("urldate", self.accessed),
        ]
        if self.finding:
            fields.append(("note", bib_escape(self.finding)))
        return _bib_entry("misc", self.key(), fields)

    def fields(self) -> dict[str, str]:
        """The citation's fields, for the CSV and JSON downloads."""
        return {**asdict(self), "site": SITE, "apa": self.apa(), "bibtex": self.bibtex()}


def dataset_bibtex(release: str, date: str, url: str, files: Iterable[str]) -> str:
    """A biblatex-friendly ``@dataset`` entry for the data of one release (its files' folder
    at ``url``), for a reader who cites the data rather than a scenario.

    >>> print(dataset_bibtex("5", "2026-12-07", "https://h/app/static/5/", ["figures", "events"]))
    @dataset{whatdeepseekcost_data_rel5,
      title        = {{What did DeepSeek really cost?} Sourced data, release 5},
      author       = {{What did DeepSeek really cost?}},
      year         = {2026},
      date         = {2026-12-07},
      version      = {5},
      howpublished = {CSV files: figures, events},
      note         = {Compilation licensed CC BY 4.0; quotes remain their sources'},
      url          = {https://h/app/static/5/}
    }
    """
    fields = [
        ("title", f"{{{SITE}}} Sourced data, release {bib_escape(release)}"),
        ("author", f"{{{SITE}}}"),
        ("year", date[:4]),
        ("date", date),
        ("version", bib_escape(release)),
        ("howpublished", "CSV files: " + ", ".join(bib_escape(f) for f in files)),
        ("note", "Compilation licensed CC BY 4.0; quotes remain their sources'"),
        ("url", url),
    ]
    key = "whatdeepseekcost_data_rel" + re.sub(r"[^A-Za-z0-9]+", "_", release)
    return _bib_entry("dataset", key, fields)


def _bib_entry(kind: str, key: str, fields: Iterable[tuple[str, str]]) -> str:
    """``@kind{key, ...}`` with one aligned ``name = {value}`` line a field."""
    body = ",\n".join(f"  {name:<12} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{key},\n{body}\n}}"


def bib_escape(text: str) -> str:
    """Escape TeX's special characters in a BibTeX field (not in ``url``).

    >>> bib_escape("$5.6M & 50% of #1_x")
    '\\\\$5.6M \\\\& 50\\\\% of \\\\#1\\\\_x'
    """
    return _BIBTEX_SPECIAL.sub(r"\\\1", text)


@dataclass(frozen=True)
class Source:
    """A source the page's figures come from."""

    name: str
    url: str
    rows: tuple[str, ...]


def sources(page: str, tables: Tables, extra: Iterable[str] = ()) -> list[Source]:
    """The sources of a page's figures: the data rows its assumptions' defaults come from and
    the rows it reads besides (``extra``), grouped by source (in the order first met).

    >>> from aicost.base.data import load_all
    >>> found = sources("training-cost", load_all("data/releases/2"), ["v3_cost_total"])
    >>> (
    ...     found[0].name.startswith("DeepSeek-AI, DeepSeek-V3 Technical Report"),
    ...     "v3_cost_total" in found[0].rows,
    ... )
    (True, True)
    """
    ids = [a.source for a in asm.for_page(page, tables) if a.source]
    ids += list(extra)
    grouped: dict[tuple[str, str], list[str]] = {}
    for row_id in dict.fromkeys(ids):
        try:
            row = tables.row(row_id)
        except KeyError:
            continue
        key = (str(row.get("source_name") or ""), str(row.get("source_url") or ""))
        grouped.setdefault(key, []).append(row_id)
    return [Source(name, url, tuple(rows)) for (name, url), rows in grouped.items()]


def short_link(link: str) -> str:
    """The page path and its parameters, without the host: what a chart's source line shows.

    >>> short_link("http://localhost:8501/training-cost?price=3.4&rel=2")
    '/training-cost?price=3.4&rel=2'
    >>> short_link("/?rel=2")
    '/?rel=2'
    """
    parts = urlsplit(link)
    path = parts.path or "/"
    return f"{path}?{parts.query}" if parts.query else path


def chart_line(link: str, release: str) -> str:
    """The line a chart's source note ends with: the site's name, the data release and the
    scenario's link, with its host when it has one (a chart on a slide leads back to the site).

    Written to be read and typed from a screenshot: a tab's name as words, not
    percent-encoded (a browser encodes it again when the address is typed).

    >>> chart_line("http://h/training-cost?price=3.4&rel=2", "2")
    'What did DeepSeek really cost?, data release 2: http://h/training-cost?price=3.4&rel=2'
    >>> chart_line("/reconcile?rec_chart=Waterfall+%28linear+scale%29&rel=2", "2")
    'What did DeepSeek really cost?, data release 2: /reconcile?rec_chart=Waterfall (linear scale)&rel=2'
    >>> chart_line("http://h/data?q=%3Cb%3Ex%3C%2Fb%3E&rel=2", "2")
    'What did DeepSeek really cost?, data release 2: http://h/data?q=%3Cb%3Ex%3C%2Fb%3E&rel=2'
    """
    parts = urlsplit(link)
    site = f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
    if any(c in site for c in "<>&\"' "):  # plotly would read it as markup: the path alone
        site = ""
    short = short_link(link)
    path, _, query = short.partition("?")
    pairs = parse_qsl(query, keep_blank_values=True)
    # plotly reads <, > and & in a title as markup: a value with one stays percent-encoded
    if query and not any(c in v for _k, v in pairs for c in "<>&"):
        short = f"{path}?" + "&".join(f"{k}={v}" for k, v in pairs)
    return f"{SITE}, data release {release}: {site}{short}"


def embed_url(link: str) -> str:
    """The scenario's link with Streamlit's ``embed=true`` (no toolbar, no padding).

    >>> embed_url("https://h/gpu-capex?srv=2&rel=2"), embed_url("https://h/?rel=2")
    ('https://h/gpu-capex?srv=2&rel=2&embed=true', 'https://h/?rel=2&embed=true')
    """
    return f"{link}{'&' if '?' in link else '?'}embed=true"


def embed_snippet(link: str, height: int, title: str) -> str:
    """An iframe snippet that embeds the scenario, ``height`` pixels high (the page's record
    says what shows its headline and first chart).

    >>> link = "https://h/training-cost?price=3.4&rel=2"
    >>> print(embed_snippet(link, 1150, "Training cost"))
    <iframe src="https://h/training-cost?price=3.4&amp;rel=2&amp;embed=true" title="Training
    cost · What did DeepSeek really cost?" width="100%" height="1150" style="border:0"
    loading="lazy"></iframe>
    """
    src = html.escape(embed_url(link), quote=True)
    label = html.escape(f"{title} · {SITE}", quote=True)
    return (
        f'<iframe src="{src}" title="{label}" width="100%" height="{height}" '
        'style="border:0" loading="lazy"></iframe>'
    )
