"""A scenario as one standalone HTML file: its numbers, finding, change panel, charts,
citation and sources, which opens with no network and no server (for an archive, a paper's
supplement or a newsroom's records). No streamlit import.

Every text from the data or the link is escaped; the charts are plotly figures with
plotly.js inlined once, so the file is about 4.5 MB and needs nothing else.
"""

from __future__ import annotations

from html import escape

import plotly.io as pio

from aicost.report import charts as chartkit
from aicost.report import cite, explain, pair
from aicost.report.page import SITE_TITLE, PageResult

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 64rem;
  margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.5; }
h1 { margin-bottom: 0.25rem; } .intro, .meta { color: #444; }
.figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1.5rem 0; padding: 0; }
.figures li { list-style: none; border: 1px solid #ccc; border-radius: 0.5rem;
  padding: 0.75rem 1rem; min-width: 11rem; }
.figures .label { font-size: 0.9rem; color: #444; } .figures .value { font-size: 1.8rem; }
.finding { font-weight: bold; font-size: 1.15rem; } table { border-collapse: collapse; }
td, th { border-bottom: 1px solid #ddd; padding: 0.3rem 0.6rem; text-align: left; }
pre { white-space: pre-wrap; background: #f5f5f5; padding: 0.75rem; border-radius: 0.4rem; }
"""


def render(r: PageResult, site: str = "") -> str:
    """The standalone HTML of a scenario (``site``: the address its links start with)."""
    link = r.full_link(site)
    cited = r.cited(site)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8" />',
        '<meta name="viewport" content="width=device-width, initial-scale=1" />',
        f"<title>{escape(r.title)} · {escape(SITE_TITLE)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<p class='meta'>{escape(SITE_TITLE)} · offline copy</p>",
        f"<h1>{escape(r.page.title)}</h1>",
        f"<p class='intro'>{escape(r.page.intro)}</p>",
        f"<p class='meta'>Data {escape(r.release.label)}"
        + (f", covering {escape(r.covers)}" if r.covers else "")
        + ". This scenario online: "
        f"<a href='{escape(link, quote=True)}'>{escape(link)}</a></p>",
    ]
    if r.figures:
        items = "".join(
            f"<li><div class='label'>{escape(f.label)}</div>"
            f"<div class='value'>{escape(f.text)}</div>"
            + (f"<div class='meta'>{escape(f.caption)}</div>" if f.caption else "")
            + "</li>"
            for f in r.figures
        )
        parts.append(f"<ul class='figures'>{items}</ul>")
    if r.finding:
        parts.append(f"<p class='finding'>{escape(r.finding)}</p>")
    parts += [f"<p>{escape(note)}</p>" for note in r.body.notes]
    parts += [f"<p class='meta'>{escape(text)}</p>" for text in r.body.says.values() if text]
    parts.append(_changes(r))
    parts.append(_pair(r))
    parts.append(_charts(r, link))
    parts.append(_values(r))
    parts += [
        "<h2>Cite it</h2>",
        f"<p>{escape(cited.apa())}</p>",
        f"<pre>{escape(cited.bibtex())}</pre>",
    ]
    if r.sources:
        items = "".join(
            f"<li><a href='{escape(s.url, quote=True)}'>{escape(s.name)}</a></li>"
            for s in r.sources
        )
        parts.append(f"<h2>Sources</h2><ul>{items}</ul>")
    parts.append("</body></html>")
    return "\n".join(p for p in parts if p)


def _changes(r: PageResult) -> str:
    b = r.changes
    if b is None:
        return ""
    if not b.lines:
        return (
            "<h2>What this scenario changes</h2><p>Every assumption is at its sourced default, "
            f"from data {escape(r.release.label)}.</p>"
        )
    moved = b.moved()
    rows = [
        f"<li>{escape(line.label)}: {escape(line.default_text)} → "
        f"<b>{escape(line.value_text)}</b> · {escape(explain.effect_text(line.effects, moved, b.formats))}"
        + (f" ({escape(line.given_text)})" if line.given else "")
        + "</li>"
        for line in b.lines
    ]
    if b.interacts:
        rows.append(
            "<li>Together, beyond their separate effects: "
            f"{escape(explain.effect_text(b.together, moved, b.formats))}</li>"
        )
    rows.append(f"<li><b>In all:</b> {escape(explain.effect_text(b.total, moved, b.formats))}</li>")
    table = ""
    if r.beside:
        head = list(r.beside[0])
        table = (
            "<table><tr>"
            + "".join(f"<th>{escape(h)}</th>" for h in head)
            + "</tr>"
            + "".join(
                "<tr>" + "".join(f"<td>{escape(row[h])}</td>" for h in head) + "</tr>"
                for row in r.beside
            )
            + "</table>"
        )
    return f"<h2>What this scenario changes</h2><ul>{''.join(rows)}</ul>{table}"


def _pair(r: PageResult) -> str:
    """The second scenario beside this one (the link's ``vs``), as the page shows it."""
    both = r.pair
    if both is None:
        return ""
    differs = "; ".join(f"{d['label']}: {d['this']} here, {d['second']} in the second"
                        for d in both.differs)  # fmt: skip
    head = "".join(f"<th>{escape(c)}</th>" for c in pair.COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(row[c])}</td>" for c in pair.COLUMNS) + "</tr>"
        for row in both.rows
    )
    return (
        "<h2>This scenario beside the second</h2>"
        + (f"<p>The second differs in: {escape(differs)}.</p>" if differs else "")
        + f"<table><tr>{head}</tr>{body}</table>"
    )


def _charts(r: PageResult, link: str) -> str:
    out = []
    config = {"displaylogo": False, "responsive": True}
    for n, chart in enumerate(r.charts):
        fig = chartkit.stamp(chart.make(), cite.chart_line(link, r.release.id))
        drawn = pio.to_html(
            fig,
            full_html=False,
            include_plotlyjs=n == 0,  # plotly.js inlined once: the file needs no network
            config=config,
            default_width="100%",
        )
        out.append(f"<figure aria-label='{escape(chart.alt, quote=True)}'>{drawn}</figure>")
    return "<h2>Charts</h2>" + "\n".join(out) if out else ""


def _values(r: PageResult) -> str:
    rows = "".join(
        f"<tr><td>{escape(v.label)}</td><td>{escape(v.shown)}</td>"
        f"<td>{escape(v.default_shown)}</td><td>{escape(v.source_name or v.source)}</td></tr>"
        for v in r.values
        if v.used
    )
    if not rows:
        return ""
    return (
        "<h2>The values used</h2><table><tr><th>Assumption</th><th>This scenario</th>"
        f"<th>Sourced default</th><th>Default from</th></tr>{rows}</table>"
    )
