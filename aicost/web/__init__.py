"""The routes the app serves beside Streamlit's own (``st.App``, in app.py): each page's HTML
with its scenario's title, description and preview card in the ``<head>`` (what a link
preview reads: no JavaScript runs there), the preview cards, the JSON API, its OpenAPI
description, ``/llms.txt`` and the offline copies.

Every answer is computed by the page's own computation (:func:`aicost.report.page.open_link`,
the same result the Streamlit page draws, kept once per scenario), on the data release the
link asks for. No streamlit import: a host that runs the plain script (``streamlit run`` of
an older Streamlit, or one that ignores ``st.App``) serves the same pages without these routes.

Routes (``<page>`` is a page's path, or ``overview`` for ``/``):

- ``/``, ``/training-cost``, ... : the page, its head filled in for the link;
- ``/og/<page>.png?<query>``: the 1200x630 preview card;
- ``/api/<page>?<query>``: the JSON answer; ``/api/openapi.json``; ``/llms.txt``;
- ``/offline/<page>.html?<query>``: the standalone copy.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import json
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping
from pathlib import Path
from threading import Lock
from typing import Any
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Route

from aicost.base import release
from aicost.base.data import DataError
from aicost.report import offline
from aicost.report.page import Page, PageResult, open_link
from aicost.site import PAGES
from aicost.web import api, head

BY_SLUG: dict[str, Page] = {p.slug: p for p in PAGES}
#: A card made for a release-pinned link never changes: a CDN may keep it for a year.
FOREVER = "public, max-age=31536000, immutable"
#: An answer for a link without ``rel`` follows the current release: kept for five minutes.
A_WHILE = "public, max-age=300"
#: How many preview cards are kept in memory (about 40 KB each).
CARDS_KEPT = 256


class Refused(Exception):
    """A request the routes answer with an error status and a short message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status


def site_of(request: Request) -> str:
    """The site's address as the request reached it (scheme, host, any base path)."""
    return str(request.base_url).rstrip("/")


def query_of(request: Request) -> dict[str, list[str]]:
    """The request's query (each parameter with every value given); too long: Refused."""
    raw = request.scope.get("query_string", b"")
    if len(raw) > api.MAX_QUERY:
        raise Refused(414, f"The query is longer than {api.MAX_QUERY} characters.")
    return parse_qs(raw.decode("latin-1"), keep_blank_values=True)


def page_of(slug: str) -> Page:
    if slug not in BY_SLUG:
        raise Refused(404, "No such page. Pages: " + ", ".join(sorted(BY_SLUG)) + ".")
    return BY_SLUG[slug]


def result_of(page: Page, query: Mapping[str, list[str]]) -> PageResult:
    """What the page shows for the link (kept once per scenario, see aicost.report.page)."""
    try:
        return open_link(page, query, release.store(), release.tables)
    except DataError as exc:
        raise Refused(
            503, "The data files did not pass their checks: " + "; ".join(exc.problems)
        ) from None
    except ValueError as exc:  # a scenario the model cannot compute: says why
        raise Refused(422, f"{exc}.") from None


def pinned(query: Mapping[str, list[str]]) -> bool:
    return bool(query.get(release.PARAM))


def _answering(handler: Callable[[Request], Response]) -> Callable[[Request], Response]:
    """Turn a Refused into its status and message (JSON for the API, text otherwise)."""

    @functools.wraps(handler)
    def run(request: Request) -> Response:
        try:
            return handler(request)
        except Refused as exc:
            if request.url.path.startswith("/api/"):
                return JSONResponse({"error": str(exc)}, status_code=exc.status)
            return PlainTextResponse(str(exc), status_code=exc.status)

    return run


# ---- the pages ---------------------------------------------------------------------------------


@functools.cache
def _index() -> str:
    """Streamlit's own page (its frontend's ``index.html``), read once."""
    spec = importlib.util.find_spec("streamlit")
    assert spec is not None and spec.origin is not None
    return (Path(spec.origin).parent / "static" / "index.html").read_text(encoding="utf-8")


def page_html(page: Page) -> Callable[[Request], Response]:
    def serve(request: Request) -> Response:
        try:
            tags = head.head(result_of(page, query_of(request)), site_of(request))
        except Refused:  # a link the page cannot read: it still opens, with its plain head
            tags = head.plain_head(page)
        html = head.into_index(_index(), tags)
        return HTMLResponse(html, headers={"Cache-Control": "no-cache"})

    serve.__name__ = f"page_{page.slug.replace('-', '_')}"
    return serve


# ---- the preview cards -------------------------------------------------------------------------

_cards: OrderedDict[tuple[str, str], bytes] = OrderedDict()
_cards_lock = Lock()


def card_png(r: PageResult, site: str) -> bytes:
    """The scenario's card, made once and kept (at most :data:`CARDS_KEPT`)."""
    from aicost.report.card import render  # Pillow, loaded when the first card is asked for

    key = (site, r.link)
    with _cards_lock:
        if key in _cards:
            _cards.move_to_end(key)
            return _cards[key]
    png = render(r, site)
    with _cards_lock:
        _cards[key] = png
        while len(_cards) > CARDS_KEPT:
            _cards.popitem(last=False)
    return png


@_answering
def og_card(request: Request) -> Response:
    page = page_of(request.path_params["slug"])
    query = query_of(request)
    png = card_png(result_of(page, query), site_of(request))
    cache = FOREVER if pinned(query) else A_WHILE
    return Response(png, media_type="image/png", headers={"Cache-Control": cache})


# ---- the API -----------------------------------------------------------------------------------


def _json(data: Any, status: int = 200, cache: str = A_WHILE) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str, allow_nan=False)
    return Response(
        body,
        status_code=status,
        media_type="application/json",
        headers={"Cache-Control": cache, "Access-Control-Allow-Origin": "*"},
    )


@_answering
def api_page(request: Request) -> Response:
    page = page_of(request.path_params["slug"])
    query = query_of(request)
    answer = result_of(page, query).as_json(site_of(request))
    # an answer names the day it was read (its citation's access date): kept an hour at most
    return _json(answer, cache="public, max-age=3600" if pinned(query) else A_WHILE)


@_answering
def api_description(request: Request) -> Response:
    return _json(api.openapi(site_of(request)))


@_answering
def llms(request: Request) -> Response:
    return PlainTextResponse(api.llms_txt(site_of(request)), headers={"Cache-Control": A_WHILE})


# ---- the offline copies ------------------------------------------------------------------------


@_answering
def offline_copy(request: Request) -> Response:
    page = page_of(request.path_params["slug"])
    r = result_of(page, query_of(request))
    name = f"deepseek-cost-{page.slug}-rel{r.release.id}.html"
    return HTMLResponse(
        offline.render(r, site_of(request)),
        headers={
            "Cache-Control": A_WHILE,
            "Content-Disposition": f'attachment; filename="{name}"',
        },
    )


# ---- warming up ---------------------------------------------------------------------------------


def warm() -> dict[str, float]:
    """Everything a first reader would otherwise wait for, done once at start: the data of the
    current release and of release 1 (old links) validated, the assumptions' defaults read,
    every page's result at its defaults computed and each of its charts built once (plotly
    builds its validators on first use). Seconds each step took."""
    import time

    took: dict[str, float] = {}
    start = time.perf_counter()
    store = release.store()
    for shown in {store.current, store.releases[0]}:
        tables = release.tables(shown.id)
        for page in PAGES:
            r = result_of(page, {release.PARAM: [shown.id]})
            if shown == store.current:
                for chart in r.charts:
                    chart.make()
        took[f"release {shown.id}"] = round(time.perf_counter() - start, 3)
        del tables
    return took


@contextlib.asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """``st.App``'s start: :func:`warm` before the first request is served."""
    import anyio.to_thread

    await anyio.to_thread.run_sync(warm)
    yield


def routes() -> list[BaseRoute]:
    """Every route above, for ``st.App(..., routes=routes())``."""
    out: list[BaseRoute] = [
        Route("/api/openapi.json", api_description, methods=["GET"]),
        Route("/api/{slug}", api_page, methods=["GET"]),
        Route("/og/{slug}.png", og_card, methods=["GET"]),
        Route("/offline/{slug}.html", offline_copy, methods=["GET"]),
        Route("/llms.txt", llms, methods=["GET"]),
    ]
    out += [Route(p.url, page_html(p), methods=["GET", "HEAD"]) for p in PAGES]
    return out


def tcp_nodelay() -> None:
    """Send each answer at once on every connection the server accepts (``TCP_NODELAY``).

    Streamlit's server binds its socket as ``socket.socket(family)``, protocol 0, and asyncio
    turns ``TCP_NODELAY`` on only for sockets whose protocol reads ``IPPROTO_TCP`` (as in
    CPython issue #148783). Without it, on a kept-alive connection (nginx's upstream
    ``keepalive``, a browser's next fetch) an answer written in two parts, head then body,
    waits for the client's delayed ACK: about 40 ms on every request after a connection's
    first (measured here: ``/_stcore/health`` 1 ms on a new connection, 42 ms on the next
    ones; 0.4 ms with this). A stream socket of the Internet families is TCP whatever its
    protocol number says; this tells asyncio so, once per process, before the server accepts.
    """
    import asyncio.base_events as loop_base
    import socket

    current = loop_base._set_nodelay  # type: ignore[attr-defined]
    if getattr(current, "aicost", False):
        return

    def set_nodelay(sock: socket.socket) -> None:
        current(sock)
        if (
            sock.family in (socket.AF_INET, socket.AF_INET6)
            and sock.type == socket.SOCK_STREAM
            and sock.proto == 0
        ):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    set_nodelay.aicost = True  # type: ignore[attr-defined]
    loop_base._set_nodelay = set_nodelay  # type: ignore[attr-defined]
