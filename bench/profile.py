"""Where a rerun's time goes, under load: py-spy on the server's script threads.

    .venv/bin/python -m bench.profile [--what slider|first|page] [--sessions 4] [--seconds 15]

It starts the app (``streamlit run app.py``), drives one workload over Streamlit's websocket
protocol (bench/wsclient.py) while ``py-spy record`` samples the server (every thread, 250 Hz),
and prints the script threads' samples split by who runs them:

* **Streamlit**: ``streamlit/``, the event loop it wakes for every message (``asyncio``), the
  messages' encoding (``protobuf``), threads and locks;
* **plotly**: building and serialising figures (``plotly``, ``_plotly_utils``);
* **the app**: ``aicost/`` and the page scripts, and the libraries it calls (pandas, numpy);

then the functions with the most samples of their own, and the app's functions by the samples
under them. Workloads: ``slider`` (sessions moving a calculator's slider), ``first`` (new tabs
opening a shared link, one after another), ``page`` (reruns of ``--page`` with the same link).
A profiler slows what it watches: read shares, not times. The raw samples (py-spy's collapsed
stacks) go to ``bench/results/profile-<what>-<time>.txt``.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.common import LOGS, RESULTS, SLIDERS, load_avg
from bench.wsclient import Session
from devtools.server import start_app

PY_SPY = Path(sys.executable).with_name("py-spy")

#: Who runs a frame, by the first folder of its file (or the file).
STREAMLIT = (
    "streamlit",
    "asyncio",
    "google",
    "protobuf",
    "threading.py",
    "selectors.py",
    "tornado",
)
PLOTLY = ("plotly", "_plotly_utils")
APP = ("aicost", "pages", "app.py", "pandas", "numpy")


def who(frame: str) -> str:
    found = re.search(r"\(([^():]+)(?::\d+)?\)$", frame)
    path = found.group(1) if found else frame
    top = path.split("/")[0]
    if top in STREAMLIT or path in STREAMLIT:
        return "Streamlit"
    if top in PLOTLY:
        return "plotly"
    if top in APP or re.match(r"\d+_[\w-]+\.py$", path):
        return "the app"
    return "other (stdlib)"


def analyse(raw: Path, top: int = 12) -> dict[str, object]:
    """Shares of the script threads' samples: by owner, by function (self), the app's
    functions (inclusive)."""
    owners: collections.Counter[str] = collections.Counter()
    own: collections.Counter[str] = collections.Counter()
    under: collections.Counter[str] = collections.Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        frames = stack.split(";")
        if "ScriptRunner.scriptThread" not in frames[0]:
            continue
        n = int(count)
        total += n
        leaf = re.sub(r":\d+\)$", ")", frames[-1])
        owners[who(frames[-1])] += n
        own[leaf] += n
        seen = set()
        for frame in frames[1:]:
            name = re.sub(r":\d+\)$", ")", frame)
            if name not in seen and ("aicost/" in name or re.search(r"\(\d+_[\w-]+\.py", name)):
                seen.add(name)
                under[name] += n

    def share(counter: collections.Counter[str], k: int) -> list[tuple[str, float]]:
        return [(name, round(100 * v / total, 1)) for name, v in counter.most_common(k)]

    return {
        "samples": total,
        "owners": share(owners, 10),
        "self": share(own, top),
        "app_inclusive": share(under, top),
    }


async def _work(what: str, port: int, sessions: int, seconds: float, page: str, query: str) -> int:
    """The runs ``sessions`` clients make in ``seconds``: ``slider`` moves the page's slider and
    reruns, ``page`` reruns the same link, ``first`` opens the link in a new session each time."""

    async def one() -> int:
        n, end = 0, time.perf_counter() + seconds
        if what == "first":
            while time.perf_counter() < end:
                async with Session(port, page, query) as s:
                    await s.open()
                n += 1
            return n
        async with Session(port, page, query) as s:
            await s.open()
            while time.perf_counter() < end:
                if what == "slider":
                    s.step(SLIDERS[page])
                await s.rerun()
                n += 1
        return n

    return sum(await asyncio.gather(*(one() for _ in range(sessions))))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n")[0])
    ap.add_argument("--what", choices=("slider", "first", "page"), default="slider")
    ap.add_argument("--page", default="training-cost", help="the page (default training-cost)")
    ap.add_argument("--query", default="", help="the link's query")
    ap.add_argument("--sessions", type=int, default=4)
    ap.add_argument("--seconds", type=float, default=15)
    args = ap.parse_args(argv)
    RESULTS.mkdir(parents=True, exist_ok=True)
    raw = RESULTS / f"profile-{args.what}-{time.strftime('%Y%m%d-%H%M%S')}.txt"
    app = start_app(LOGS)
    try:
        spy = subprocess.Popen(
            [str(PY_SPY), "record", "--pid", str(app.proc.pid), "--format", "raw", "--rate",
             "250", "--threads", "--duration", str(int(args.seconds) + 1), "--output", str(raw),
             "--nonblocking"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        time.sleep(0.5)
        runs = asyncio.run(
            _work(args.what, app.port, args.sessions, args.seconds, args.page, args.query)
        )
        _, err = spy.communicate(timeout=args.seconds + 60)
        if spy.returncode != 0 or not raw.exists():
            print(err, file=sys.stderr)
            return 1
    finally:
        app.stop()
    found = analyse(raw)
    print(
        f"\n{args.what} on /{args.page}{'?' + args.query if args.query else ''}: {args.sessions}"
        f" sessions, {args.seconds:g} s, {runs} runs; {found['samples']} samples of the script"
        f" threads; load average {load_avg()}"
    )
    print("\nBy who runs the frame (self time):")
    for name, pct in found["owners"]:  # type: ignore[union-attr]
        print(f"  {pct:5.1f}%  {name}")
    print("\nFunctions, their own samples:")
    for name, pct in found["self"]:  # type: ignore[union-attr]
        print(f"  {pct:5.1f}%  {name[:110]}")
    print("\nThe app's functions, the samples under them:")
    for name, pct in found["app_inclusive"]:  # type: ignore[union-attr]
        print(f"  {pct:5.1f}%  {name[:110]}")
    print(f"\nraw samples: {raw.relative_to(RESULTS.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
