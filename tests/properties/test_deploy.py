"""Deployment: the Dockerfile's promises, the Kubernetes manifest, and nginx in front of replicas.

The container image cannot be built on the test machine (no Docker engine), so the Dockerfile is
checked for what it promises: a non-root user, a health check on ``/_stcore/health``, only the
app's files in the image, and production settings whose ``STREAMLIT_*`` names Streamlit really
reads (``streamlit config show`` prints each one as set).

The load-balancer test runs ``deploy/nginx.conf`` itself (ports substituted, ``devtools.nginx``)
with Debian's nginx in front of two ``streamlit run`` replicas, drives real Chromium sessions
through it (the suite's one browser, tests/conftest.py), and stops a replica half-way.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.nginx import NGINX, ROUTE_COOKIE, Nginx, get, route_keys, start_nginx
from devtools.server import AppServer, start_app, wait_healthy, wait_until
from tests.conftest import ROOT

# ---------------------------------------------------------------------------------------------
# Static checks: Dockerfile, .dockerignore, Kubernetes manifest, nginx syntax
# ---------------------------------------------------------------------------------------------


def _dockerfile() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, continuation lines joined, comments dropped."""
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instr, _, args = line.partition(" ")
            out.append((instr.upper(), args.strip()))
    return out


def _dockerfile_env() -> dict[str, str]:
    env: dict[str, str] = {}
    for instr, args in _dockerfile():
        if instr == "ENV":
            for token in shlex.split(args):
                name, _, value = token.partition("=")
                env[name] = value
    return env


def _camel_to_env(section: str, key: str) -> str:
    """server.enableXsrfProtection -> STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION (Streamlit's rule)."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", f"{section}_{key}")
    return "STREAMLIT_" + snake.upper()


def test_dockerfile_runs_as_non_root_with_health_check_and_only_app_files():
    steps = _dockerfile()
    instrs = [i for i, _ in steps]
    base = next(a for i, a in steps if i == "FROM")
    assert re.fullmatch(r"python:3\.1[12]-slim(-\w+)?(@sha256:\w+)?", base), base

    # Non-root: a USER that is neither root nor 0, set before the server starts.
    users = [a for i, a in steps if i == "USER"]
    assert users and users[-1].split(":")[0] not in ("root", "0")
    assert instrs.index("USER") < instrs.index("CMD")

    # Health check on Streamlit's own endpoint, with Python (slim images have no curl).
    health = next(a for i, a in steps if i == "HEALTHCHECK")
    assert "/_stcore/health" in health and "urllib.request" in health and "curl" not in health

    # Only the app's files (and the dependency list) go into the image.
    copied = set()
    for instr, args in steps:
        if instr in ("COPY", "ADD"):
            assert instr == "COPY", "ADD fetches URLs and unpacks archives; COPY is enough"
            parts = [p for p in shlex.split(args) if not p.startswith("--")]
            copied.update(p.rstrip("/") for p in parts[:-1])
    assert copied == {
        "requirements.txt",
        "app.py",
        "pages",
        "aicost",
        "data",
        ".streamlit/config.toml",
    }
    install = " ".join(a for i, a in steps if i == "RUN" and "pip install" in a)
    assert "-r requirements.txt" in install and "--no-cache-dir" in install

    # .dockerignore sends nothing else to the builder: everything ignored, the same list allowed.
    ignore = (ROOT / ".dockerignore").read_text().splitlines()
    rules = [r.strip() for r in ignore if r.strip() and not r.startswith("#")]
    assert rules[0] == "*"
    allowed = {r[1:].rstrip("/") for r in rules if r.startswith("!")}
    assert allowed == copied
    assert "**/__pycache__" in rules

    cmd = next(a for i, a in steps if i == "CMD")
    assert cmd.startswith("[") and "streamlit" in cmd and "app.py" in cmd
    assert "--server.address=0.0.0.0" in cmd
    assert "EXPOSE" in instrs and next(a for i, a in steps if i == "EXPOSE") == "8501"


def test_dockerfile_settings_are_real_streamlit_options_and_production_safe(tmp_path):
    env = {k: v for k, v in _dockerfile_env().items() if k.startswith("STREAMLIT_")}
    expected = {
        "STREAMLIT_SERVER_PORT": "8501",
        "STREAMLIT_SERVER_HEADLESS": "true",
        "STREAMLIT_SERVER_ENABLE_XSRF_PROTECTION": "true",
        "STREAMLIT_SERVER_ENABLE_CORS": "true",
        "STREAMLIT_SERVER_ENABLE_STATIC_SERVING": "true",  # data releases (docs/data.md)
        "STREAMLIT_SERVER_MAX_UPLOAD_SIZE": "1",
        "STREAMLIT_CLIENT_SHOW_ERROR_DETAILS": "none",
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
    }
    assert expected.items() <= env.items()

    # Streamlit reads STREAMLIT_<SECTION>_<OPTION>: a misspelt name is silently ignored. Run
    # `streamlit config show` with exactly these variables, away from any config.toml, and
    # require every one of them to show up as a set (uncommented) option with that value.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("STREAMLIT_")}
    out = subprocess.run(
        [sys.executable, "-m", "streamlit", "config", "show"],
        cwd=tmp_path,
        env={**clean, **env, "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    ).stdout
    shown: dict[str, str] = {}
    section = ""
    for line in out.splitlines():
        if m := re.fullmatch(r"\[(\w+)\]", line.strip()):
            section = m.group(1)
        elif m := re.fullmatch(r"(\w+) = (.*)", line.strip()):
            shown[_camel_to_env(section, m.group(1))] = m.group(2).strip('"')
    for name, value in env.items():
        assert name in shown, f"{name} is not a Streamlit option (or was not applied)"
        assert shown[name] == value, (name, shown[name], value)


def test_kubernetes_manifest_probes_health_and_keeps_sessions_sticky():
    text = (ROOT / "deploy" / "k8s.yaml").read_text()
    docs = [d for d in re.split(r"^---\s*$", text, flags=re.M) if "kind:" in d]
    kinds = {re.search(r"^kind: (\w+)", d, flags=re.M).group(1): d for d in docs}
    assert {"Deployment", "Service", "Ingress"} <= kinds.keys()
    deployment = kinds["Deployment"]
    for probe in ("readinessProbe", "livenessProbe"):
        block = deployment.split(f"{probe}:", 1)[1][:200]
        assert "path: /_stcore/health" in block, probe
    assert "runAsNonRoot: true" in deployment
    assert re.search(r"^\s+replicas: [2-9]", deployment, flags=re.M)
    service = kinds["Service"]
    assert "sessionAffinity: ClientIP" in service
    ingress = kinds["Ingress"]
    assert 'nginx.ingress.kubernetes.io/affinity: "cookie"' in ingress
    assert "proxy-read-timeout" in ingress


def test_shipped_nginx_config_is_valid_as_is(tmp_path):
    (tmp_path / "logs").mkdir()
    (tmp_path / "temp").mkdir()
    res = subprocess.run(
        [NGINX, "-t", "-p", f"{tmp_path}/", "-c", str(ROOT / "deploy" / "nginx.conf"),
         "-e", "stderr"],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert res.returncode == 0, res.stderr
    assert "syntax is ok" in res.stderr


# ---------------------------------------------------------------------------------------------
# End to end: two replicas behind nginx, real browsers, one replica stopped half-way
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def cluster(tmp_path: Path) -> Iterator[tuple[list[AppServer], Nginx]]:
    """Two app replicas (started in parallel) behind the shipped nginx config."""
    tmp = tmp_path
    replicas: list[AppServer] = []
    nginx: Nginx | None = None
    try:
        for _ in range(2):
            replicas.append(start_app(tmp / "replicas", wait=False))
        for r in replicas:
            wait_healthy(r.url, proc=r.proc)
        nginx = start_nginx(tmp / "nginx", [r.port for r in replicas])
        yield replicas, nginx
    finally:
        if nginx is not None:
            nginx.stop()
        for r in replicas:
            r.stop()


def _upstream_port(value: str) -> int:
    """The replica port in an X-Upstream / $upstream_addr value (the last one tried)."""
    return int(value.split(",")[-1].strip().rsplit(":", 1)[1])


_COST_JS = """() => {
    const m = [...document.querySelectorAll('[data-testid="stMetric"]')]
        .find(e => e.querySelector('[data-testid="stMetricLabel"]')?.innerText === 'Training cost');
    const v = m && m.querySelector('[data-testid="stMetricValue"]');
    return v ? v.innerText : null;
}"""


class Visit:
    """One browser session on /training-cost through nginx, recording which replica answered."""

    def __init__(self, browser, nginx: Nginx, route: str | None = None):
        self.context = browser.new_context()
        if route is not None:
            self.context.add_cookies([{"name": ROUTE_COOKIE, "value": route, "url": nginx.url}])
        self.page = self.context.new_page()
        self.page.set_default_timeout(20_000)
        self.upstreams: list[int] = []
        self.page.on("response", self._on_response)
        self.nginx = nginx

    def _on_response(self, response) -> None:
        value = response.headers.get("x-upstream")
        if value and response.url.startswith(self.nginx.url):
            self.upstreams.append(_upstream_port(value))

    def cost(self) -> str | None:
        """The "Training cost" metric as shown now (None while the page has none)."""
        return self.page.evaluate(_COST_JS)

    def open(self, path: str = "/training-cost") -> Visit:
        """Start loading a page; return at once, so that several sessions load in parallel."""
        self.page.goto(f"{self.nginx.url}{path}", wait_until="commit")
        return self

    def move_price(self) -> tuple[str, str]:
        """Once loaded, press ArrowRight on the price slider; return (cost before, after)."""
        slider = self.page.locator(".st-key-price").get_by_role("slider")
        slider.wait_for()
        before = self.page.wait_for_function(_COST_JS).json_value()
        slider.focus()
        slider.press("ArrowRight")
        changed = f"(before) => {{ const v = ({_COST_JS})(); return v && v !== before; }}"
        self.page.wait_for_function(changed, arg=before)
        return before, self.cost()

    def route_cookie(self) -> dict:
        return next(c for c in self.context.cookies() if c["name"] == ROUTE_COOKIE)

    def close(self) -> None:
        self.context.close()


def _log_lines(log: str, route: str) -> list[tuple[str, int]]:
    """(path, replica port) of every access-log line of one route cookie, in log order."""
    out = []
    for line in log.splitlines():
        m = re.search(r'"GET (\S+) HTTP/1\.1" \d+ \d+ route=(\S+) upstream=(.+) rt=', line)
        if m and m.group(2) == route:
            out.append((m.group(1).split("?")[0], _upstream_port(m.group(3))))
    return out


def _wait_for(predicate, timeout: float = 10.0, what: str = "condition"):
    try:
        return wait_until(predicate, timeout, what, poll=0.1)
    except TimeoutError as exc:
        raise AssertionError(str(exc)) from None


@pytest.mark.e2e
def test_two_replicas_behind_nginx_stick_balance_and_survive_one_stopping(cluster, browser):
    replicas, nginx = cluster
    by_port = {r.port: r for r in replicas}

    # The load balancer answers the health check the way a replica does.
    status, _, body = get(f"{nginx.url}/_stcore/health")
    assert (status, body) == (200, "ok")

    # Both replicas take traffic: find a route cookie that lands on each.
    keys = route_keys(nginx.url, list(by_port))
    assert set(keys) == set(by_port), keys

    # A browser with no cookie gets one from nginx and lands on some replica X; a second
    # browser, whose cookie lands on the other replica Y, loads at the same time. Both move
    # the price slider and see the cost change; every HTTP request of each stays on its replica.
    first = Visit(browser, nginx).open()
    x = first.upstreams[0]
    (y,) = set(by_port) - {x}
    second = Visit(browser, nginx, keys[y]).open()
    moved = {}
    for visit in (first, second):
        before, after = moved[id(visit)] = visit.move_price()
        assert before == "$5.58M" and after != before and after.startswith("$")
    assert set(first.upstreams) == {x} and set(second.upstreams) == {y}
    cookie = first.route_cookie()  # minted by nginx on the first response
    assert cookie["httpOnly"] and re.fullmatch(r"[0-9a-f]{32}", cookie["value"])

    # The websockets stay with the replica that served the page. nginx logs each request's
    # route cookie and replica; a websocket's line is written when it closes.
    second.close()
    lines = _wait_for(
        lambda: ("/_stcore/stream", y) in (got := _log_lines(nginx.access_log(), keys[y])) and got,
        what="the second session's websocket in the access log",
    )
    assert {port for _, port in lines} == {y} and ("/training-cost", y) in lines

    # Stop replica X while the first session is open on it.
    moved_url = first.page.url
    moved_cost = moved[id(first)][1]
    assert "price=" in moved_url  # the moved slider is in the link
    first.upstreams.clear()
    by_port[x].stop()
    with pytest.raises(OSError):  # X's own health endpoint is gone ...
        urllib.request.urlopen(f"{by_port[x].url}/_stcore/health", timeout=2)
    status, _, body = get(f"{nginx.url}/_stcore/health")  # ... the balancer's still answers
    assert (status, body) == (200, "ok")
    lines = _wait_for(
        lambda: (
            ("/_stcore/stream", x) in (got := _log_lines(nginx.access_log(), cookie["value"]))
            and got
        ),
        what="the first session's websocket in the access log",
    )
    until_ws_closed = lines[: lines.index(("/_stcore/stream", x)) + 1]
    assert {port for _, port in until_ws_closed} == {x} and ("/training-cost", x) in lines

    # New sessions still load and work: a fresh browser, and one whose cookie points at X.
    for visit in [Visit(browser, nginx).open(), Visit(browser, nginx, keys[x]).open()]:
        before, after = visit.move_price()
        assert before == "$5.58M" and after != before
        assert set(visit.upstreams) == {y}
        visit.close()

    # The session that was on X reconnects through nginx to Y (the frontend retries on its
    # own) and rebuilds its scenario from its link: moving its slider again works, and what it
    # shows is what a fresh visitor sees at the link it now has.
    _wait_for(lambda: y in first.upstreams, 30, "the first session to reconnect through nginx")
    slider = first.page.locator(".st-key-price").get_by_role("slider")
    for _ in range(5):  # a key press during the reconnect handshake may be dropped: retry
        slider.focus()
        slider.press("ArrowRight")
        with contextlib.suppress(AssertionError):
            _wait_for(lambda: first.page.url != moved_url, 5, "the link to change")
            break
    assert first.page.url != moved_url and "price=" in first.page.url
    check = Visit(browser, nginx)
    check.page.goto(first.page.url)
    link_cost = check.page.wait_for_function(_COST_JS).json_value()
    check.close()
    assert link_cost not in ("$5.58M", moved_cost)
    _wait_for(lambda: first.cost() == link_cost, 10, f"the first session to show {link_cost}")
    first.close()

    # With no replica left, the balancer's health check says so.
    by_port[y].stop()
    assert get(f"{nginx.url}/_stcore/health")[0] == 502
    assert not re.search(r"\[(emerg|alert|crit)\]", nginx.error_log()), nginx.error_log()
