"""Behind the shipped nginx (deploy/nginx.conf), a preview card or an API answer is made once by
a replica and then served by nginx: a storm of link-preview crawlers on a viral link does not
reach Python for a card already made."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from devtools.nginx import Nginx, get, start_nginx
from devtools.server import AppServer, start_app

CARD = "/og/training-cost.png?price=3.5&rel=3"
ANSWER = "/api/training-cost?price=3.5&rel=3"


@pytest.fixture(scope="module")
def behind_nginx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[AppServer, Nginx]]:
    tmp: Path = tmp_path_factory.mktemp("previews")
    replica = start_app(tmp / "replica")
    nginx = start_nginx(tmp / "nginx", [replica.port, replica.port + 1])
    try:
        yield replica, nginx
    finally:
        nginx.stop()
        replica.stop()


def _replica_hits(nginx: Nginx, path: str) -> int:
    """How many times nginx passed ``path`` to a replica (its access log's upstream field)."""
    lines = [line for line in nginx.access_log().splitlines() if f'"GET {path} ' in line]
    return sum(1 for line in lines if "upstream=127.0.0.1:" in line)


@pytest.mark.parametrize("path", [CARD, ANSWER])
def test_a_card_or_answer_is_made_once_then_served_by_nginx(behind_nginx, path):
    _replica, nginx = behind_nginx
    with ThreadPoolExecutor(max_workers=20) as pool:  # a storm of crawlers at once
        answers = list(pool.map(lambda _i: get(nginx.url + path, timeout=30), range(40)))
    assert [status for status, _h, _b in answers] == [200] * 40
    assert len({body for _s, _h, body in answers}) == 1, "every crawler got the same bytes"
    status, headers, _body = get(nginx.url + path)
    assert status == 200 and headers["X-Cache"] == "HIT"
    assert _replica_hits(nginx, path) == 1, "one request reached Python; nginx made the rest"
