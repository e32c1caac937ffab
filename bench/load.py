"""Part 4: concurrent sessions moving the calculators' sliders with a think time, on one server:
rerun latency p50/p95, errors and the server's memory."""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from bench.common import SLIDERS, load_avg, pct, rss_mb
from bench.wsclient import Session


@dataclass
class LoadLevel:
    sessions: int
    seconds: float
    think_s: float
    rerun_ms: list[float] = field(default_factory=list)
    initial_ms: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    rss_base_mb: float = 0.0
    rss_samples: list[float] = field(default_factory=list)
    loadavg: list[float] = field(default_factory=list)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def summary(self) -> dict[str, object]:
        peak = max(self.rss_samples, default=float("nan"))
        return {
            "sessions": self.sessions,
            "seconds": self.seconds,
            "think_s": self.think_s,
            "reruns": len(self.rerun_ms),
            "p50_ms": round(pct(self.rerun_ms, 50), 1),
            "p95_ms": round(pct(self.rerun_ms, 95), 1),
            "max_ms": round(max(self.rerun_ms, default=float("nan")), 1),
            "first_run_p95_ms": round(pct(self.initial_ms, 95), 1),
            "errors": sum(self.errors.values()),
            "errors_by_kind": self.errors,
            "rss_base_mb": round(self.rss_base_mb, 1),
            "rss_peak_mb": round(peak, 1),
            "mb_per_session": round((peak - self.rss_base_mb) / self.sessions, 2),
            "loadavg": self.loadavg,
        }


async def one_user(
    port: int, page: str, slider: str, level: LoadLevel, start_at: float, stop_at: float
) -> None:
    await asyncio.sleep(max(0.0, start_at - time.perf_counter()))
    try:
        async with Session(port, page, timeout=30) as s:
            run = await s.open()  # the first run and its charts' follow-up, as a browser
            if not run.ok:
                level.error("first run: " + (run.problems[:1] or [run.status])[0][:80])
                return
            level.initial_ms.append(run.ms)
            while time.perf_counter() < stop_at:
                await asyncio.sleep(level.think_s)
                s.step(slider)
                run = await s.rerun()
                if run.status == "timeout":
                    level.error("timeout")
                    return
                if not run.ok:
                    level.error((run.problems[:1] or [run.status])[0][:80])
                level.rerun_ms.append(run.ms)
    except (OSError, TimeoutError) as exc:
        level.error(type(exc).__name__)
    except Exception as exc:  # websockets' own errors count as errors
        level.error(type(exc).__name__)


async def sample_rss(pid: int, level: LoadLevel, stop: asyncio.Event) -> None:
    while not stop.is_set():
        level.rss_samples.append(rss_mb(pid))
        try:
            await asyncio.wait_for(stop.wait(), timeout=0.5)
        except TimeoutError:
            pass


async def measure_load(
    port: int,
    pid: int,
    level: LoadLevel,
    ramp_s: float,
    pages: dict[str, str] | None = None,
) -> None:
    """``level.sessions`` users spread over ``pages`` (URL path -> slider key), each moving
    its slider with ``level.think_s`` between reruns; RSS sampled every 0.5 s."""
    pages = pages or SLIDERS
    # one session first: imports, the data cache and the page's first run are paid before load
    for page, slider in pages.items():
        async with Session(port, page) as s:
            await s.open()
            s.step(slider)
            await s.rerun()
    await asyncio.sleep(1.0)
    level.rss_base_mb = rss_mb(pid)
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, level, stop))
    now = time.perf_counter()
    stop_at = now + ramp_s + level.seconds
    calculators = list(pages.items())
    users = []
    for i in range(level.sessions):
        page, slider = calculators[i % len(calculators)]
        start_at = now + ramp_s * i / max(1, level.sessions - 1) + random.uniform(0, 0.2)
        users.append(one_user(port, page, slider, level, start_at, stop_at))
    await asyncio.gather(*users)
    stop.set()
    await sampler
    level.loadavg = load_avg()
