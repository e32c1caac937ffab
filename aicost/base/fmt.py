"""Human formats for numbers on screen: $5.58M, 2.79M GPU-hours, $1.6B. No streamlit import.

A value that is not a finite number prints as an em dash, so ``nan`` or ``inf`` never
reaches a page.
"""

from __future__ import annotations

import math
from typing import SupportsFloat

_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
#: Large numbers as words, largest first (:func:`flop_words`).
_FLOP_WORDS = (
    (1e24, "trillion trillion"),
    (1e21, "billion trillion"),
    (1e18, "million trillion"),
    (1e12, "trillion"),
    (1e9, "billion"),
)
DASH = "—"


def _finite(value: SupportsFloat | str | None) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def compact(value: float, digits: int = 3) -> str:
    """A number with a K/M/B/T suffix and ``digits`` significant digits, trailing zeros dropped.

    >>> compact(5_576_000), compact(2_788_000), compact(1.6e9), compact(294_000), compact(512)
    ('5.58M', '2.79M', '1.6B', '294K', '512')
    >>> compact(float("nan"))
    '—'
    """
    number = _finite(value)
    if number is None:
        return DASH
    sign = "-" if number < 0 else ""
    # Round to the significant digits first, so 999,999 prints as "1M", not "1000K".
    rounded = float(f"{abs(number):.{digits}g}")
    for size, suffix in _SUFFIXES:
        if rounded >= size:
            return f"{sign}{_trim(rounded / size, digits)}{suffix}"
    return f"{sign}{_trim(rounded, digits)}"


def _trim(number: float, digits: int) -> str:
    text = f"{number:.{digits}g}"
    if "e" in text:  # very large T values: fall back to a plain integer with separators
        return f"{number:,.0f}"
    return text


def _with_unit(text: str, unit: str) -> str:
    return text if text == DASH else f"{text} {unit}"


def usd(value: float, digits: int = 3) -> str:
    """Dollars, compact: ``$5.58M``; small amounts keep cents: ``$2.12``.

    >>> usd(5_576_000), usd(1.6e9), usd(589e9), usd(2.1227), usd(2), usd(-24.2)
    ('$5.58M', '$1.6B', '$589B', '$2.12', '$2.00', '-$24.20')
    """
    number = _finite(value)
    if number is None:
        return DASH
    if abs(number) < 1000:
        sign = "-" if number < 0 else ""
        return f"{sign}${abs(number):,.2f}"
    text = compact(number, digits)
    return f"-${text[1:]}" if text.startswith("-") else f"${text}"


def usd_figure(value: float) -> str:
    """A figure people compare across pages: three significant digits, four below $1M, so
    R1's recomputed $294,672 reads $294.7K beside Nature's reported $294K, not a rival $295K.

    >>> usd_figure(294_672), usd_figure(294_000), usd_figure(5_576_000)
    ('$294.7K', '$294K', '$5.58M')
    """
    number = _finite(value)
    return usd(value, 4 if number is not None and abs(number) < 1e6 else 3)


def usd_reported(value: float) -> str:
    """A reported dollar figure as its source gave it: as many significant digits as it has,
    three to five, so DeepSeek's $5.576M, The Epoch Times' $593.7B and Nature's $294K read
    the same on every page (never a rival $5.58M, $594B or $295K).

    >>> usd_reported(5_576_000), usd_reported(593.7e9), usd_reported(294_000), usd_reported(1.6e9)
    ('$5.576M', '$593.7B', '$294K', '$1.6B')
    >>> usd_reported(294_672), usd_reported(2), usd_reported(float("nan"))
    ('$294.67K', '$2.00', '—')
    """
    number = _finite(value)
    if number is None:
        return DASH
    for digits in (3, 4, 5):
        if float(f"{number:.{digits}g}") == number:
            return usd(number, digits)
    return usd(number, 5)


def flop_words(value: float) -> str:
    """A FLOP count a reader can say aloud: ``3.3 trillion trillion`` (3.29e24).

    >>> flop_words(3.2856e24), flop_words(2.1e25), flop_words(4e21), flop_words(float("inf"))
    ('3.3 trillion trillion', '21 trillion trillion', '4 billion trillion', '—')
    """
    number = _finite(value)
    if number is None:
        return DASH
    for size, name in _FLOP_WORDS:
        if abs(number) >= size:
            return f"{number / size:.2g} {name}"
    return f"{number:,.0f}"


def usd_exact(value: float) -> str:
    """Whole dollars with separators, for tables: ``$5,576,000``.

    >>> usd_exact(5576000)
    '$5,576,000'
    """
    number = _finite(value)
    return DASH if number is None else f"${number:,.0f}"


def gpu_hours(value: float) -> str:
    """GPU-hours, compact: ``2.79M GPU-hours``.

    >>> gpu_hours(2_788_000), gpu_hours(147_336)
    ('2.79M GPU-hours', '147K GPU-hours')
    """
    return _with_unit(compact(value), "GPU-hours")


def count(value: float) -> str:
    """A whole count with separators: ``2,048``.

    >>> count(2048), count(1e4)
    ('2,048', '10,000')
    """
    number = _finite(value)
    return DASH if number is None else f"{number:,.0f}"


def percent(value: float, digits: int = 1) -> str:
    """A fraction as a percentage: 0.1731 -> ``17.3%``.

    >>> percent(0.17312), percent(-0.1697, 2)
    ('17.3%', '-16.97%')
    """
    number = _finite(value)
    return DASH if number is None else f"{number * 100:.{digits}f}%"


def sci(value: float) -> str:
    """Scientific notation with three significant digits: ``3.29e24``.

    >>> sci(3.2856e24), sci(float("inf"))
    ('3.29e24', '—')
    """
    number = _finite(value)
    if number is None:
        return DASH
    mantissa, exponent = f"{number:.2e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def flop(value: float) -> str:
    """Training compute in scientific notation: ``3.29e24 FLOP``.

    >>> flop(3.2856e24)
    '3.29e24 FLOP'
    """
    return _with_unit(sci(value), "FLOP")


def days(value: float) -> str:
    """Days, one decimal below 100: ``54.2 days``.

    >>> days(54.19), days(1234.5)
    ('54.2 days', '1,234 days')
    """
    number = _finite(value)
    if number is None:
        return DASH
    return f"{number:.1f} days" if number < 100 else f"{number:,.0f} days"


def multiple(value: float) -> str:
    """A ratio as a multiple: ``287×``, ``1.05×``, ``105,600×``.

    At most four significant digits: the figures divided have three or four, so more would
    be noise, and two pages that divide the same figures rounded differently (a reported
    $589B, or a share count times a price fall) show the same multiple.

    >>> multiple(286.9), multiple(1.0523), multiple(105_634.2), multiple(105_631.3)
    ('287×', '1.05×', '105,600×', '105,600×')
    """
    number = _finite(value)
    if number is None:
        return DASH
    if number >= 10_000:
        number = float(f"{number:.4g}")
    if number >= 100:
        return f"{number:,.0f}×"
    return f"{number:.3g}×"


def by_unit(value: float, unit: str) -> str:
    """Format a data-file value by its unit, for tables and metrics; dollars as reported
    (:func:`usd_reported`).

    >>> by_unit(5576000, "USD"), by_unit(2, "USD/GPU-hour"), by_unit(2788000, "GPU-hours")
    ('$5.576M', '$2.00/GPU-hour', '2.79M GPU-hours')
    >>> by_unit(-16.97, "percent"), by_unit(2048, "GPUs"), by_unit(3.2856e24, "FLOP")
    ('-16.97%', '2,048 GPUs', '3.29e24 FLOP')
    """
    number = _finite(value)
    if number is None:
        return DASH
    if unit == "USD":
        return usd_reported(number)
    if unit.startswith("USD/"):
        return f"{usd(number)}/{unit[4:]}"
    if unit == "GPU-hours":
        return gpu_hours(number)
    if unit == "FLOP":
        return flop(number)
    if unit == "percent":
        return f"{number:.2f}%" if abs(number) < 100 else f"{number:,.0f}%"
    if unit == "fraction":
        return percent(number)
    if unit == "year":
        return f"{number:.0f}"
    if unit in ("GPUs", "people", "entities", "nodes", "years", "days", "hours", "months"):
        return f"{number:,.0f} {unit}" if number == int(number) else f"{number:,.1f} {unit}"
    if unit == "CNY":
        return f"CNY {compact(number)}"
    if unit == "multiplier":
        return multiple(number)
    return f"{compact(number)} {unit}"
