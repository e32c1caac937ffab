"""Part 5: a link that goes viral: N readers open the same shared scenario at the same moment.

Each wave connects N sessions first, then sends their first runs together (as N browsers
opening the link in the same second would), and times each from its request to the first
run's ``script_finished`` (the numbers on screen), and to the end of the follow-up run that
draws the charts (the whole page). Per process:

* ``cold``: the first wave on a server just started (``streamlit run app.py``, its start-up
  warm-up done, as ``/_stcore/health`` answers only then): nobody has opened the link yet.
* ``warm``: a second wave on the same server, on the same link.

The floor page (``bench/floor_app.py``, one metric) takes the same two waves on its own fresh
server, as the reference for what Streamlit itself costs N first runs on this machine.
With ``--nginx`` the app's waves go through ``deploy/nginx.conf`` to two replicas, the
sessions spread evenly over them by their route cookie.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import LOGS, SLIDERS, load_avg, pct, servers
from bench.wsclient import Run, Session

#: The shared link: a calculator with its first slider moved off the default.
PAGE = "training-cost"


def shared_query(page: str = PAGE) -> str:
    """A scenario someone shared: the page's first slider set to a value within its range
    that is not its default (the release the link was made on is the current one)."""
    from aicost.site import BY_PATH

    key = SLIDERS[page]
    a = next(a for a in BY_PATH[page].assumptions() if a.name == key)
    value = round(a.min + (a.max - a.min) * 0.3 / a.step) * a.step if a.step else a.min
    return urllib.parse.urlencode({key: f"{value:g}"})


@dataclass
class Wave:
    """N first visits at once."""

    name: str
    readers: int
    first_ms: list[float] = field(default_factory=list)  # request -> numbers
    page_ms: list[float] = field(default_factory=list)  # request -> charts drawn too
    errors: list[str] = field(default_factory=list)
    metric: set[str] = field(default_factory=set)  # the headline every reader was shown

    def summary(self) -> dict[str, object]:
        return {
            "name": self.name,
            "readers": self.readers,
            "first_p50_ms": round(pct(self.first_ms, 50)),
            "first_p95_ms": round(pct(self.first_ms, 95)),
            "first_max_ms": round(max(self.first_ms, default=float("nan"))),
            "page_p95_ms": round(pct(self.page_ms, 95)) if self.page_ms else None,
            "errors": len(self.errors),
            "error_kinds": sorted(set(self.errors))[:3],
            "headlines": sorted(self.metric),
            "loadavg": load_avg()[0],
        }


async def wave(
    name: str,
    n: int,
    port: int,
    page: str,
    query: str,
    *,
    url: str | None = None,
    cookies: list[str] | None = None,
) -> Wave:
    """``n`` sessions connect, then all ask for their first run at once."""
    w = Wave(name, n)
    tabs = [
        Session(
            port,
            page,
            query,
            url=url,
            timeout=60,
            headers={"Cookie": cookies[i]} if cookies else None,
        )
        for i in range(n)
    ]
    await asyncio.gather(*(t.__aenter__() for t in tabs))
    try:
        go = asyncio.Event()

        async def read(tab: Session) -> None:
            await go.wait()
            start = time.perf_counter()
            try:
                run: Run = await tab.rerun()
                w.first_ms.append(run.ms)
                for held in run.held:  # the browser's signal once the numbers are painted
                    follow = await tab.rerun(painted=held)
                    run.problems.extend(follow.problems)
                if run.held:
                    w.page_ms.append((time.perf_counter() - start) * 1000)
                if not run.ok:
                    w.errors.append((run.problems[:1] or [run.status])[0][:80])
                w.metric.update(v for k, v in run.metrics.items() if k == first_metric(run))
            except Exception as exc:  # a reader who got nothing is an error, not a crash
                w.errors.append(type(exc).__name__)

        readers = [asyncio.create_task(read(t)) for t in tabs]
        await asyncio.sleep(0.2)
        go.set()
        await asyncio.gather(*readers)
    finally:
        await asyncio.gather(*(t.__aexit__(None, None, None) for t in tabs))
    return w


def first_metric(run: Run) -> str:
    return next(iter(run.metrics), "")


async def waves(n: int, port: int, page: str, query: str, label: str, **kw) -> list[Wave]:
    cold = await wave(f"{label}, cold", n, port, page, query, **kw)
    await asyncio.sleep(1.0)
    warm = await wave(f"{label}, warm", n, port, page, query, **kw)
    return [cold, warm]


def measure_crowd(readers: tuple[int, ...], nginx: bool = False) -> list[dict[str, object]]:
    """Each crowd size on fresh servers: the app's link, then the floor page."""
    query = shared_query()
    out: list[dict[str, object]] = []
    for n in readers:
        link = f"/{PAGE}?{query}"
        if nginx:
            got = asyncio.run(_through_nginx(n, query))
        else:
            with servers("app") as srv:
                got = asyncio.run(waves(n, srv["app"].port, PAGE, query, f"app {link}"))
        with servers("floor") as srv:
            got += asyncio.run(waves(n, srv["floor"].port, "", "", "floor page"))
        out += [w.summary() for w in got]
    return out


async def _through_nginx(n: int, query: str) -> list[Wave]:
    from bench.throughput_nginx import balanced_routes
    from devtools.nginx import ROUTE_COOKIE, start_nginx
    from devtools.server import start_app, wait_healthy

    with tempfile.TemporaryDirectory(prefix="aicost-crowd-") as tmp:
        apps = [start_app(LOGS, wait=False) for _ in range(2)]
        proxy = None
        try:
            for a in apps:
                wait_healthy(a.url, proc=a.proc)
            proxy = start_nginx(Path(tmp) / "nginx", [a.port for a in apps])
            ports = [a.port for a in apps]
            cookies = [f"{ROUTE_COOKIE}={k}" for k in balanced_routes(proxy, ports, n)]
            url = f"ws://127.0.0.1:{proxy.port}/_stcore/stream"
            label = f"2 replicas via nginx /{PAGE}?{query}"
            return await waves(n, 0, PAGE, query, label, url=url, cookies=cookies)
        finally:
            if proxy is not None:
                proxy.stop()
            for a in apps:
                a.stop()
