"""What a link's page says before any JavaScript runs: its ``<head>``, for link previews
(Slack, X, LinkedIn, Mastodon, email), crawlers and the browser's first paint.

Pure: a :class:`~aicost.report.page.PageResult` in, HTML text out; every value from the data
or the link is escaped (``html.escape``), so nothing a link carries becomes markup.

>>> from aicost.base import release
>>> from aicost.report.page import open_link
>>> from aicost.site import BY_PATH
>>> r = open_link(BY_PATH["training-cost"], {"price": ["3.5"]}, release.store(), release.tables)
>>> html = head(r, "https://example.org")
>>> print(html.split("\\n")[0])
<title>Training cost: $9.76M at $3.50 per GPU-hour · What did DeepSeek really cost?</title>
>>> 'property="og:image" content="https://example.org/og/training-cost.png?price=3.5&amp;rel=1"' in html
True
"""

from __future__ import annotations

from html import escape
from urllib.parse import urlsplit

from aicost.report.page import SITE_TITLE, Page, PageResult

#: The preview card's size in pixels (what og:image:width/height declare).
CARD_SIZE = (1200, 630)

# Tells Streamlit's frontend where its server is (the page's own folder: the site's root for
# /training-cost, /app/ for /app/training-cost), so a deep link does not first ask
# /<page>/_stcore/health, get a 404 and wait before it asks the right address.
BACKEND_BASE = (
    "<script>window.__streamlit = Object.assign({}, window.__streamlit, "
    '{BACKEND_BASE_URL: new URL(".", window.location.href).href});</script>'
)


def query_of(link: str) -> str:
    """The query string of a short link (``/page?a=1&rel=3`` -> ``a=1&rel=3``)."""
    return urlsplit(link).query


def card_url(page: Page, query: str, site: str) -> str:
    """The preview card of a scenario: ``/og/<page>.png?<its canonical query>``."""
    return f"{site}/og/{page.slug}.png" + (f"?{query}" if query else "")


def api_url(page: Page, query: str, site: str) -> str:
    """The JSON answer of a scenario: ``/api/<page>?<its canonical query>``."""
    return f"{site}/api/{page.slug}" + (f"?{query}" if query else "")


def head(r: PageResult, site: str) -> str:
    """The tags a page's ``<head>`` gets for one scenario: title, description, canonical link,
    Open Graph and Twitter card tags (the card is release-pinned: its URL carries ``rel``),
    the JSON answer as an alternate, and where Streamlit's server is."""
    title = f"{r.title} · {SITE_TITLE}"
    description = r.finding or r.page.intro
    url = r.full_link(site)
    query = query_of(r.link)
    image = card_url(r.page, query, site)
    tags = [
        f"<title>{escape(title)}</title>",
        f'<meta name="description" content="{escape(description)}" />',
        f'<link rel="canonical" href="{escape(url)}" />',
        '<meta property="og:type" content="website" />',
        f'<meta property="og:site_name" content="{escape(SITE_TITLE)}" />',
        f'<meta property="og:title" content="{escape(r.title)}" />',
        f'<meta property="og:description" content="{escape(description)}" />',
        f'<meta property="og:url" content="{escape(url)}" />',
        f'<meta property="og:image" content="{escape(image)}" />',
        '<meta property="og:image:type" content="image/png" />',
        f'<meta property="og:image:width" content="{CARD_SIZE[0]}" />',
        f'<meta property="og:image:height" content="{CARD_SIZE[1]}" />',
        f'<meta property="og:image:alt" content="{escape(description)}" />',
        '<meta name="twitter:card" content="summary_large_image" />',
        f'<meta name="twitter:title" content="{escape(r.title)}" />',
        f'<meta name="twitter:description" content="{escape(description)}" />',
        f'<meta name="twitter:image" content="{escape(image)}" />',
        f'<meta name="twitter:image:alt" content="{escape(description)}" />',
        f'<link rel="alternate" type="application/json" href="{escape(api_url(r.page, query, site))}" />',
        BACKEND_BASE,
    ]
    return "\n".join(tags)


def plain_head(page: Page) -> str:
    """A page's head when no scenario can be read from its link (a link too long to read)."""
    return "\n".join(
        [
            f"<title>{escape(page.title)} · {escape(SITE_TITLE)}</title>",
            f'<meta name="description" content="{escape(page.intro)}" />',
            BACKEND_BASE,
        ]
    )


def into_index(index: str, tags: str) -> str:
    """Streamlit's ``index.html`` with its ``<title>Streamlit</title>`` replaced by ``tags``."""
    marker = "<title>Streamlit</title>"
    if marker not in index:  # a Streamlit upgrade changed its page: still add the tags
        return index.replace("</head>", f"{tags}\n</head>", 1)
    return index.replace(marker, tags, 1)
