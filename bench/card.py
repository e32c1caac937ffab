"""The link-preview card's cost (aicost/report/card.py): how long a new card takes, cold and
warm, and how many bytes it is, for every page at its defaults and a few scenarios, against a
baseline measured in the same run: encoding a blank 1200x630 PNG.

- cold: the first card in a fresh Python process, font loading included (the module's own
  import, Pillow's with it, is reported beside it); ``--cold`` processes per card.
- warm: fonts loaded, the cache of measured words emptied before each render (a card whose
  words were never measured: the dearest warm case); ``--warm`` renders per card.

    .venv/bin/python -m bench.card                  # about a minute on 2 cores
    .venv/bin/python -m bench.card --cold 3 --warm 10
    .venv/bin/python -m bench.card --docs           # only redraw the sample cards in docs/

Not part of the test suite: timing depends on the machine and its load (printed with the
figures). One process at a time; the cold runs start one after the other.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

ROOT = Path(__file__).resolve().parent.parent
SITE = "https://deepseek-cost.example"
#: Besides every page at its defaults.
SCENARIOS = ("/training-cost?price=3.5", "/gpu-capex?a100_n=20000", "/reconcile?rec_price=4")
#: The sample cards in docs/ (README, "Link previews").
DOCS = {
    "docs/card-training-cost.png": "/training-cost?price=3.5&rel=5",
    "docs/card-gpu-capex.png": "/gpu-capex?a100_n=20000&rel=5",
}

#: Run in a fresh process: the result is computed first (not timed), then the card module is
#: imported and the first card rendered, each timed.
_COLD = """
import json, sys, time
from urllib.parse import parse_qs, urlsplit
from aicost.base.release import Store
from aicost.report.page import open_link
from aicost.site import BY_PATH
link = sys.argv[1]
parts = urlsplit(link)
store = Store("data/releases")
result = open_link(BY_PATH[parts.path.strip("/")], parse_qs(parts.query), store, store.tables)
t0 = time.perf_counter()
from aicost.report import card
t1 = time.perf_counter()
png = card.render(result, sys.argv[2])
t2 = time.perf_counter()
print(json.dumps({"import_ms": (t1 - t0) * 1e3, "render_ms": (t2 - t1) * 1e3, "bytes": len(png)}))
"""


def _links() -> list[str]:
    from aicost.site import PAGES

    return [p.url for p in PAGES] + list(SCENARIOS)


def _result(link: str):
    from aicost.base.release import Store
    from aicost.report.page import open_link
    from aicost.site import BY_PATH

    parts = urlsplit(link)
    store = Store(ROOT / "data" / "releases")
    return open_link(BY_PATH[parts.path.strip("/")], parse_qs(parts.query), store, store.tables)


def baseline(n: int = 30) -> tuple[float, int]:
    """Encoding a blank 1200x630 RGB PNG (Pillow's defaults): median ms and its bytes."""
    from PIL import Image

    blank = Image.new("RGB", (1200, 630), "#FFFFFF")
    times, size = [], 0
    for _ in range(n):
        out = io.BytesIO()
        t = time.perf_counter()
        blank.save(out, "PNG")
        times.append((time.perf_counter() - t) * 1e3)
        size = len(out.getvalue())
    return statistics.median(times), size


def cold(link: str, runs: int) -> list[dict[str, float]]:
    out = []
    for _ in range(runs):
        proc = subprocess.run(
            [sys.executable, "-c", _COLD, link, SITE],
            cwd=ROOT, capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
        out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def warm(link: str, runs: int) -> tuple[list[float], int]:
    from aicost.report import card, typeset

    result = _result(link)
    png = card.render(result, SITE)  # fonts loaded
    times = []
    for _ in range(runs):
        typeset.ref_length.cache_clear()
        t = time.perf_counter()
        card.render(result, SITE)
        times.append((time.perf_counter() - t) * 1e3)
    return times, len(png)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold", type=int, default=5, help="fresh processes per card")
    parser.add_argument("--warm", type=int, default=20, help="warm renders per card")
    parser.add_argument("--docs", action="store_true", help="only redraw docs/card-*.png")
    args = parser.parse_args()
    os.chdir(ROOT)
    if args.docs:
        from aicost.report import card

        for path, link in DOCS.items():
            (ROOT / path).write_bytes(card.render(_result(link), SITE))
            print(path, link)
        return
    load = " ".join(f"{v:.2f}" for v in os.getloadavg())
    base_ms, base_bytes = baseline()
    print(f"Card render (aicost/report/card.py), {os.cpu_count()} cores, load average {load}")
    print(f"baseline: blank 1200x630 RGB PNG encode, median {base_ms:.2f} ms, {base_bytes:,} bytes")
    print(f"cold: first card in a fresh process, {args.cold} processes a card; "
          f"warm: {args.warm} renders, words unmeasured each time")  # fmt: skip
    head = (f"{'card':<28} {'cold ms med/max':>16} {'x base':>7} {'import ms':>10} "
            f"{'warm ms med/max':>16} {'x base':>7} {'bytes':>8} {'x base':>7}")  # fmt: skip
    print(head)
    print("-" * len(head))
    all_cold, all_warm, all_bytes = [], [], []
    for link in _links():
        c = cold(link, args.cold)
        w, size = warm(link, args.warm)
        renders = [r["render_ms"] for r in c]
        imports = [r["import_ms"] for r in c]
        all_cold += renders
        all_warm += w
        all_bytes.append(size)
        cm, wm = statistics.median(renders), statistics.median(w)
        print(
            f"{link:<28} {cm:>7.0f}/{max(renders):<7.0f} {cm / base_ms:>7.0f} "
            f"{statistics.median(imports):>10.0f} {wm:>7.1f}/{max(w):<7.1f} {wm / base_ms:>7.0f} "
            f"{size:>8,} {size / base_bytes:>7.1f}"
        )
    cm, wm = statistics.median(all_cold), statistics.median(all_warm)
    bm = statistics.median(all_bytes)
    print("-" * len(head))
    print(
        f"{'all':<28} {cm:>7.0f}/{max(all_cold):<7.0f} {cm / base_ms:>7.0f} {'':>10} "
        f"{wm:>7.1f}/{max(all_warm):<7.1f} {wm / base_ms:>7.0f} {bm:>8,.0f} {bm / base_bytes:>7.1f}"
    )
    print(f"load average after: {' '.join(f'{v:.2f}' for v in os.getloadavg())}")


if __name__ == "__main__":
    main()
