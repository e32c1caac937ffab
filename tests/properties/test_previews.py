"""What a link says outside a browser: the page's HTML as a link-preview crawler reads it (no
JavaScript), the preview card, the JSON API, its OpenAPI description and /llms.txt, served by
the real server (``streamlit run app.py``, which finds app.py's ``st.App``).

Every figure is the page's own: for every recorded link, the API's figures and the head's
title and description are what the page computes (and tests/test_page_results.py ties that
computation to the metrics the Streamlit page shows).
"""

from __future__ import annotations

import io
import json
import re
import urllib.error
import urllib.request
from html import escape
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from PIL import Image

from aicost.base import release
from aicost.report.page import SITE_TITLE, open_link
from aicost.site import BY_PATH, PAGES
from aicost.web import api
from devtools.server import start_app
from tests.conftest import ROOT
from tests.contracts.observe import CONTRACT

LINKS = [entry["link"] for entry in json.loads(CONTRACT.read_text())]
HOSTILE = "/training-cost?price=%3Cscript%3Ealert(1)%3C/script%3E&%3Cb%3Ezz%3C/b%3E=%22%3E%3Cimg"


@pytest.fixture(scope="module")
def server():
    app = start_app(ROOT / "artifacts" / "web")
    try:
        yield app
    finally:
        app.stop()


def fetch(server, path: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(server.url + path, headers={"User-Agent": "Slackbot 1.0"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, _lower(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, _lower(exc.headers), exc.read()


def _lower(headers) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {k.lower(): v for k, v in headers.items()}


class Head(HTMLParser):
    """The tags of an HTML head: its title, and each meta tag's content by name or property."""

    def __init__(self) -> None:
        super().__init__()
        self.title = ""
        self.meta: dict[str, str] = {}
        self.links: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and (a.get("name") or a.get("property")):
            self.meta[a.get("name") or a["property"]] = a.get("content") or ""
        elif tag == "link" and a.get("rel"):
            self.links[a["rel"]] = a.get("href") or ""

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        self._in_title = self._in_title and tag != "title"

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._in_title:
            self.title += data


def head_of(server, link: str) -> Head:
    status, headers, body = fetch(server, link)
    assert status == 200 and headers["content-type"].startswith("text/html")
    parsed = Head()
    parsed.feed(body.decode())
    return parsed


def computed(link: str):
    parts = urlsplit(link)
    query = parse_qs(parts.query, keep_blank_values=True)
    return open_link(BY_PATH[parts.path.strip("/")], query, release.store(), release.tables)


@pytest.mark.parametrize("link", [*LINKS, HOSTILE])
def test_a_preview_shows_the_scenarios_title_finding_and_card(server, link):
    head = head_of(server, link)
    r = computed(link)
    assert head.title == f"{r.title} · {SITE_TITLE}"
    description = r.finding or r.page.intro
    assert head.meta["description"] == head.meta["og:description"] == description
    assert head.meta["og:image:alt"] == description
    assert head.meta["og:url"] == head.links["canonical"] == server.url + r.link
    assert "rel=" in head.meta["og:url"], "the canonical link pins the data release"
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["og:site_name"] == SITE_TITLE
    assert (head.meta["og:image:width"], head.meta["og:image:height"]) == ("1200", "630")
    image = head.meta["og:image"]
    assert image.startswith(server.url + "/og/") and "rel=" in image
    status, headers, png = fetch(server, image[len(server.url) :])
    assert status == 200 and headers["content-type"] == "image/png"
    assert Image.open(io.BytesIO(png)).size == (1200, 630)
    assert "immutable" in headers["cache-control"], "a release-pinned card never changes"


@pytest.mark.parametrize("link", [*LINKS, HOSTILE])
def test_the_offline_copy_is_the_pages_scenario_in_one_file(server, link):
    """As the server makes it for a visitor (its charts unvalidated, as in production)."""
    parts = urlsplit(link)
    page = BY_PATH[parts.path.strip("/")]
    status, headers, body = fetch(server, f"/offline/{page.slug}.html?{parts.query}")
    assert status == 200 and headers["content-type"].startswith("text/html"), body[:300]
    html = body.decode()
    r = computed(link)
    for f in r.figures:
        assert f">{escape(f.text)}</div>" in html, f.label
    assert escape(r.finding) in html
    assert html.count("<figure") == len(r.charts)
    assert not re.search(r"<script[^>]+src=", html), "the copy needs no network"
    assert "<script>alert" not in html


def test_nothing_from_a_link_is_markup_in_the_head(server):
    status, _headers, body = fetch(server, HOSTILE)
    html = body.decode()
    assert status == 200
    assert "<script>alert" not in html and "<b>zz" not in html and '"><img' not in html
    head = head_of(server, HOSTILE)
    assert head.title.startswith("Training cost: $5.58M at $2.00"), "the ignored value's default"


@pytest.mark.parametrize("link", LINKS)
def test_the_api_answers_the_pages_figures(server, link):
    parts = urlsplit(link)
    page = BY_PATH[parts.path.strip("/")]
    status, headers, body = fetch(server, f"/api/{page.slug}?{parts.query}")
    assert status == 200 and headers["content-type"] == "application/json"
    answer = json.loads(body)
    r = computed(link)
    assert [(f["label"], f["shown"]) for f in answer["figures"]] == [
        (f.label, f.text) for f in r.figures
    ]
    assert answer["finding"] == r.finding
    assert answer["link"] == server.url + r.link
    assert answer["data_release"]["id"] == r.release.id
    assert answer["citation"]["link"] == answer["link"]
    assert answer["citation"]["apa"].endswith(answer["link"])
    for value in answer["values"]:
        assert {"value", "unit", "default", "source"} <= set(value)


def test_the_api_keeps_the_pages_release_rules(server):
    def rel(query: str) -> str:
        return json.loads(fetch(server, f"/api/training-cost?{query}")[2])["data_release"]["id"]

    current = release.store().current.id
    assert rel("price=3.5") == "1", "parameters but no rel: a link made before releases"
    assert rel("") == current, "bare: the current release"
    assert rel("price=abc") == current, "every value ignored: no old scenario"
    answer = json.loads(fetch(server, "/api/training-cost?price=abc")[2])
    assert answer["ignored"] == [{"name": "price", "reason": answer["ignored"][0]["reason"]}]
    assert "not a number" in answer["ignored"][0]["reason"]


def test_the_api_says_what_it_cannot_answer(server):
    status, _h, body = fetch(server, "/api/nonsense")
    assert status == 404 and "training-cost" in json.loads(body)["error"]
    fleet = urlencode({f"{g}_n": 0 for g in ("a100", "h800", "h100", "h20")})
    status, _h, body = fetch(server, f"/api/gpu-capex?{fleet}")
    assert status == 422 and "no GPUs" in json.loads(body)["error"]
    status, _h, body = fetch(server, "/api/training-cost?q=" + "9" * (api.MAX_QUERY + 1))
    assert status == 414
    status, _h, body = fetch(server, "/training-cost?q=" + "9" * (api.MAX_QUERY + 1))
    assert status == 200, "a page still opens with a link too long to read"


def test_the_api_is_described_and_the_site_explained(server):
    status, _h, body = fetch(server, "/api/openapi.json")
    spec = json.loads(body)
    assert status == 200 and spec["openapi"].startswith("3.")
    assert set(spec["paths"]) == {f"/api/{p.slug}" for p in PAGES}
    price = next(
        p for p in spec["paths"]["/api/training-cost"]["get"]["parameters"] if p["name"] == "price"
    )
    assert price["schema"]["minimum"] == 0.5 and price["schema"]["maximum"] == 10.0
    status, headers, body = fetch(server, "/llms.txt")
    text = body.decode()
    assert status == 200 and headers["content-type"].startswith("text/plain")
    assert text.startswith(f"# {SITE_TITLE}\n")
    for p in PAGES:
        assert f"]({server.url}{p.url})" in text
    assert "/api/<page>" in text and "`rel`" in text


def test_a_hostile_query_never_breaks_a_route(server):
    """Every kind of hostile value, on every page's parameters, at every route: no 5xx, no
    exception text, and a page's head carries none of it as markup."""
    from tests.properties.linkfuzz import HOSTILE as KINDS

    bad = [v for values in KINDS.values() for v in values if len(v) < 200]
    for p in PAGES:
        names = [q["name"] for q in api.parameters(p)] + ["zz"]
        for n, value in enumerate(bad):
            query = urlencode({names[n % len(names)]: value, names[(n + 1) % len(names)]: value})
            for path in (f"/api/{p.slug}", f"/og/{p.slug}.png", p.url):
                status, _headers, body = fetch(server, f"{path}?{query}")
                assert status < 500, (path, query, status)
                assert b"Traceback" not in body and b"Error:" not in body[:200], (path, query)
                if path == p.url:
                    assert not re.search(rb"<(script|img|b)[ >][^<]*alert", body), query


def test_the_readmes_api_example_runs(server):
    """The README's pd.read_json example, run as written against the real server."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    share = readme.split("\n## Share a scenario\n", 1)[1].split("\n## ", 1)[0]
    code = re.search(r"```python\n(.*?)```", share, re.S)
    assert code, "the README shows no API example"
    lines = [ln.strip() for ln in code.group(1).splitlines()]  # the block is indented in a list
    source = "\n".join(lines).replace("https://<your-app>", server.url)
    namespace: dict = {}
    exec(compile(source, "README.md", "exec"), namespace)
    r = computed("/training-cost?price=3.5&rel=5")
    assert namespace["answer"]["finding"] == r.finding
    assert list(namespace["figures"]["shown"]) == [f.text for f in r.figures]
