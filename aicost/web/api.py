"""The JSON API's description and the site's guide for assistants: both made from the site map
and the assumptions table, so they list every page and parameter the app reads. Pure.

``GET /api/<page>?<the page's own query>`` answers what the page shows for that link
(:meth:`aicost.report.page.PageResult.as_json`), with the same release rules as the page.
"""

from __future__ import annotations

from typing import Any

from aicost.base import release
from aicost.inputs import urlstate
from aicost.inputs.assumptions import Assumption
from aicost.report.page import SITE_TITLE, Page
from aicost.site import PAGES

#: The longest query string the routes read (a real link is a few hundred characters).
MAX_QUERY = 4096

RELEASE_POLICY = (
    "The figures are corrected in numbered data releases; a release is never edited once "
    "published. A link's `rel` pins the release it was made on, so it keeps showing the same "
    "numbers. A link with any of the page's parameters but no `rel` was made before releases "
    "existed and opens on release 1; a bare link opens on the current release. Every answer "
    "names its release and its canonical link (with `rel`)."
)


def _schema(a: Assumption) -> dict[str, Any]:
    if a.kind == "toggle":
        return {"type": "boolean", "default": bool(a.default)}
    if a.kind == "choice":
        return {"type": "string", "enum": list(a.options), "default": a.default}
    return {"type": "number", "minimum": a.min, "maximum": a.max, "default": a.default}


def parameters(page: Page) -> list[dict[str, Any]]:
    """The page's link parameters as OpenAPI parameters (assumptions, tabs, own, ``rel``)."""
    out: list[dict[str, Any]] = []
    for a in page.assumptions(release.tables(release.store().current.id)):
        unit = f" ({a.unit})" if a.unit else ""
        out.append(
            {
                "name": a.name,
                "in": "query",
                "required": False,
                "description": f"{a.label}{unit}. {a.help}".strip(),
                "schema": _schema(a),
            }
        )
    for param, labels in page.views.items():
        out.append(
            {
                "name": param,
                "in": "query",
                "required": False,
                "description": "The open tab (its charts), by its label.",
                "schema": {"type": "string", "enum": list(labels), "default": labels[0]},
            }
        )
    for p in page.params:
        schema: dict[str, Any] = {"type": "string", "default": p.default}
        if p.options:
            schema["enum"] = list(p.options)
        out.append({"name": p.name, "in": "query", "required": False, "schema": schema,
                    "description": f"The page's {p.what}."})  # fmt: skip
    out.append(
        {
            "name": release.PARAM,
            "in": "query",
            "required": False,
            "description": RELEASE_POLICY,
            "schema": {"type": "string", "pattern": "^[1-9][0-9]*$"},
        }
    )
    return out


def openapi(site: str = "") -> dict[str, Any]:
    """The API's OpenAPI 3.1 description."""
    answer = {
        "type": "object",
        "description": "What the page shows for the link: the values used (with unit, default "
        "and source), the parameters it ignored and why, the headline figures (number and text "
        "as displayed), the finding, the change panel, the data release, the canonical link, "
        "the citation (APA, BibTeX) and the sources.",
        "required": ["page", "link", "data_release", "figures", "finding", "citation"],
    }
    paths: dict[str, Any] = {}
    for page in PAGES:
        paths[f"/api/{page.slug}"] = {
            "get": {
                "summary": f"{page.title}: what the page {page.url} shows for a link",
                "description": page.intro,
                "operationId": f"get_{page.slug.replace('-', '_')}",
                "parameters": parameters(page),
                "responses": {
                    "200": {
                        "description": "The page's result.",
                        "content": {"application/json": {"schema": answer}},
                    },
                    "414": {"description": f"A query longer than {MAX_QUERY} characters."},
                    "422": {
                        "description": "A scenario the model cannot compute (the message "
                        "says why, e.g. a fleet of no GPUs)."
                    },  # fmt: skip
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": f"{SITE_TITLE}: the pages as JSON",
            "version": release.store().current.id,
            "description": "Each page of the dashboard, computed for a link without a browser. "
            + RELEASE_POLICY,
        },
        "servers": [{"url": site or "/"}],
        "paths": paths,
    }


def llms_txt(site: str = "") -> str:
    """``/llms.txt``: what the site is, its pages and parameters, the API and the release
    policy, for assistants and crawlers (the llms.txt convention: markdown)."""
    current = release.store().current
    lines = [
        f"# {SITE_TITLE}",
        "",
        "> An interactive dashboard for checking what frontier AI really costs, starting with "
        "DeepSeek: DeepSeek's $5.6M training claim beside its GPU spending, Nvidia's one-day "
        "loss and other models, every figure a sourced data row, every assumption adjustable, "
        "and every scenario a link that reopens exactly what its sender saw.",
        "",
        f"Data: release {current.id} ({current.date}). {RELEASE_POLICY}",
        "",
        "## Pages",
        "",
    ]
    for page in PAGES:
        lines.append(f"- [{page.title}]({site}{page.url}): {page.blurb or page.intro}")
    lines += [
        "",
        "## API",
        "",
        f"- `GET {site}/api/<page>?<the page's own query>`: what the page shows for that link, "
        "as JSON (figures with number and display text, finding, values used with units, "
        "defaults and sources, ignored parameters, data release, canonical link, citation, "
        "sources). The page is its path (`training-cost`), or `overview` for `/`.",
        f"- `{site}/api/openapi.json`: the OpenAPI description, every parameter with its range.",
        f"- `{site}/og/<page>.png?<query>`: the scenario's 1200x630 preview card.",
        f"- `{site}/offline/<page>.html?<query>`: the scenario as one standalone HTML file.",
        "",
        "## Parameters",
        "",
    ]
    for page in PAGES:
        names = [p["name"] for p in parameters(page) if p["name"] != release.PARAM]
        if names:
            lines.append(f"- `{page.url}`: " + ", ".join(f"`{n}`" for n in names))
    lines += [
        f"- every page: `{release.PARAM}` (the data release)",
        "",
        "Values outside a parameter's range, or not one of its options, are ignored and named "
        "in the answer's `ignored` list; the page then uses the sourced default.",
        "",
        f"Parameters Streamlit itself reads: {', '.join(sorted(urlstate.RESERVED))}.",
    ]
    return "\n".join(lines) + "\n"
