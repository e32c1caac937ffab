"""Open a link in AppTest and read what a reader sees: its metrics and its charts' numbers.

``python -m tests.contracts.observe "/page?..."`` records links into
``tests/contracts/links.json``; the contract test (``tests/properties/test_link_contract.py``)
opens every recorded link and checks it still shows the same. Record a link once, on the
release it names, and never re-record it: that file is the promise that a shared link keeps
showing what its sender saw.

:func:`seen` opens a link once a run, as a first visit does (the numbers first, then the rest
once painted), and keeps what both runs showed: the contract and the page-results test read
the same opening.
"""

from __future__ import annotations

import base64
import functools
import json
import math
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import numpy as np
from streamlit.testing.v1 import AppTest

from aicost.site import PAGES
from tests.apptest import open_page, paint

CONTRACT = Path(__file__).resolve().parent / "links.json"
SCRIPTS = {p.path: p.script for p in PAGES}


#: Controls a redesign put in front of what a link used to show at once, set as the reader's
#: one click sets them: /timeline showed every event until its key-steps view (issue #15) put
#: the rest behind its "Every event" tab (a switch before #28.10).
ONE_CLICK_AWAY: dict[str, dict[str, object]] = {"timeline": {"tl_events": "Every event"}}


def open_link(link: str, *, painted: bool = True) -> AppTest:
    """Open ``/page?query`` as a visitor's browser does: the page, with the link's params.
    ``painted=False``: as the first run drew it (the numbers only, on a page that has them)."""
    parts = urlsplit(link)
    path = parts.path.strip("/")
    params = {k: v if len(v) > 1 else v[0] for k, v in parse_qs(parts.query).items()}
    return open_page(SCRIPTS[path], params, opened=ONE_CLICK_AWAY.get(path), painted=painted)


def _values(values: object) -> list[object]:
    """A trace's x or y as a list: plotly sends number arrays as base64 typed arrays."""
    if isinstance(values, dict) and "bdata" in values:
        raw = base64.b64decode(values["bdata"])
        return np.frombuffer(raw, dtype=np.dtype(values["dtype"])).ravel().tolist()
    return values if isinstance(values, list) else []


def _points(values: object) -> list[float | str]:
    """Numbers (6 significant digits) and dates (YYYY-MM-DD) of one axis of a trace."""
    out: list[float | str] = []
    for v in _values(values):
        if isinstance(v, int | float) and not isinstance(v, bool) and math.isfinite(v):
            out.append(float(f"{v:.6g}"))
        elif isinstance(v, str) and _DATE.match(v):
            out.append(v[:10])
    return out


def chart_points(at: AppTest) -> list[list[float | str]]:
    """Every number and date the page's charts plot (each trace's x and y), chart by chart."""
    charts = []
    for element in at.get("plotly_chart"):
        spec = json.loads(element.proto.spec)
        points: list[float | str] = []
        for trace in spec.get("data", []):
            points += _points(trace.get("x")) + _points(trace.get("y"))
        charts.append(sorted(points, key=lambda p: (isinstance(p, str), p)))
    return charts


Metrics = tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Seen:
    """What one opening of a link showed: its first run, then the whole page once painted
    (the same run on a page that draws whole at once)."""

    first: Metrics  # (label, value) of each metric of the first run, in page order
    first_exceptions: tuple[str, ...]
    metrics: Metrics  # of the painted page, in page order
    said: tuple[str, ...]  # its markdown as a reader sees it (backslash escapes removed)
    charts: list[list[float | str]]  # :func:`chart_points`
    exceptions: tuple[str, ...]


def _metrics(at: AppTest) -> Metrics:
    return tuple((m.label, m.value) for m in at.metric)


@functools.cache
def seen(link: str) -> Seen:
    """Open ``/page?query`` once a run, as a first visit does, and read both runs."""
    at = open_link(link, painted=False)
    first, first_exceptions = _metrics(at), tuple(str(e.value) for e in at.exception)
    paint(at)
    return Seen(
        first=first,
        first_exceptions=first_exceptions,
        metrics=_metrics(at),
        said=tuple(m.value.replace("\\", "") for m in at.markdown),
        charts=chart_points(at),
        exceptions=tuple(str(e.value) for e in at.exception),
    )


def observe(link: str) -> dict[str, object]:
    """What the link shows: metric label -> shown value, and the numbers each chart plots."""
    now = seen(link)
    assert not now.exceptions, f"{link}: {now.exceptions}"
    return {"link": link, "metrics": dict(now.metrics), "charts": now.charts}


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_SHOWN = re.compile(r"^[^\d-]*(-?[\d,]*\.?\d+)\s*([KMBT]?)")
_SCALE = {"": 1.0, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}


def shown_number(text: str) -> tuple[float, float]:
    """A shown figure as (value, half its last digit): '$5.58M' -> (5.58e6, 5e3).

    >>> shown_number("$5.58M")
    (5580000.0, 5000.0)
    >>> shown_number("262x")
    (262.0, 0.5)
    >>> shown_number("-16.97%")
    (-16.97, 0.005)

    A multiple of 10,000 or more shows four significant digits (``fmt.multiple``), so its
    trailing zeros are rounding:

    >>> shown_number("105,600×"), shown_number("60,000")
    ((105600.0, 50.0), (60000.0, 0.5))
    """
    match = _SHOWN.match(text.replace("\u2212", "-"))
    if not match:
        raise ValueError(f"no number in {text!r}")
    digits, suffix = match.groups()
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    scale = _SCALE[suffix]
    value = float(digits.replace(",", "")) * scale
    if text.endswith("×") and value >= 10_000:
        return value, 0.5 * 10 ** (len(str(int(value))) - 4)
    return value, 0.5 * 10**-decimals * scale


def same_figure(recorded: str, shown: str) -> bool:
    """Whether two displays can show the same number: within the coarser one's rounding.

    A change of format ('$5.6M' -> '$5.576M') keeps a figure; a change of value does not.

    >>> same_figure("$5.6M", "$5.576M"), same_figure("$1.05B", "$1.10B")
    (True, False)
    """
    if recorded == shown:
        return True
    try:
        (a, da), (b, db) = shown_number(recorded), shown_number(shown)
    except ValueError:
        return False
    return abs(a - b) <= max(da, db) * (1 + 1e-9)


def record(links: list[str], path: Path = CONTRACT) -> None:
    """Add these links, as they show now, to the contract file (existing ones are kept)."""
    existing = json.loads(path.read_text()) if path.exists() else []
    known = {entry["link"] for entry in existing}
    for link in links:
        if link in known:
            print(f"kept   {link} (recorded before; never re-recorded)")
            continue
        existing.append(observe(link))
        print(f"record {link}")
    path.write_text(json.dumps(existing, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    record(sys.argv[1:])
