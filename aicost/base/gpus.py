"""GPU facts read from the data: dense peaks, specs, rental quotes and the Monte Carlo's
intervals, each indexed once per loaded release; the fleet's GPU types and their link names.
No streamlit import."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

import pandas as pd

from aicost.base import model, montecarlo
from aicost.base.data import Tables


@dataclass(frozen=True)
class Peak:
    """A GPU's dense peak FLOP/s on one number format, and what was used if that was missing."""

    gpu: str
    precision: str
    flops: float
    note: str = ""

    @property
    def basis(self) -> str:
        return f"{self.gpu} dense {self.precision} peak, {self.flops / 1e12:,.0f} TFLOPS"


def peak_flops(tables: Tables, gpu: str, precision: str) -> Peak:
    """Dense peak FLOP/s of ``gpu`` in ``precision`` (FP8 or BF16) from data/gpus.csv.

    A GPU without an FP8 row (the A100) falls back to BF16, with a note saying so.

    >>> peak_flops(tables, "H800", "FP8").flops / 1e12
    1979.0
    >>> p = peak_flops(tables, "A100", "FP8")
    >>> p.precision, p.flops / 1e12, p.note
    ('BF16', 312.0, 'The A100 has no FP8 units; its BF16 peak is used.')
    """
    spec = {"FP8": "fp8_dense", "BF16": "bf16_dense"}[precision]
    value = _default_specs(tables).get((gpu, spec))
    if value is None and precision == "FP8":
        fallback = peak_flops(tables, gpu, "BF16")
        note = f"The {gpu} has no FP8 units; its BF16 peak is used."
        return Peak(gpu, "BF16", fallback.flops, note)
    if value is None:
        raise KeyError(f"no {spec} row for {gpu} in gpus.csv")
    return Peak(gpu, precision, value * 1e12)


#: A chip's dense FP8 peak over its BF16 one: exactly 2 on every chip with FP8 units in
#: gpus.csv (Nvidia rates the H100 at 1,978.9 and 989.4 TFLOPS; the data rounds the latter).
FP8_PER_BF16 = 2.0


def stated_peak(
    tables: Tables, gpu: str, precision: str, mfu_fp8: float, mfu_bf16: float
) -> tuple[Peak, float, float]:
    """The peak an MFU is stated against, the MFU of that basis, and the FLOP/s the run gets.

    ``precision``'s peak, or on a chip without FP8 units its BF16 peak, with a note saying so.
    The FLOP/s are counted against the BF16 peak on either basis (the FP8 peak being that
    times :data:`FP8_PER_BF16`), so restating an MFU on the other basis (17.3% of the FP8 peak
    is 34.6% of the BF16 one) never changes a result. (Counted against the BF16 peak, not the
    FP8 one, so that every recorded link keeps its numbers: /compare's basis is BF16.)

    >>> peak, mfu, flops = stated_peak(tables, "A100", "FP8", 0.17, 0.35)
    >>> peak.precision, mfu, peak.note, round(flops / 1e12, 1)
    ('BF16', 0.35, 'The A100 has no FP8 units: its MFU is stated against its BF16 peak', 109.2)
    >>> fp8, bf16 = (stated_peak(tables, "H800", p, 0.173, 0.346) for p in ("FP8", "BF16"))
    >>> fp8[1], bf16[1], fp8[2] == bf16[2]
    (0.173, 0.346, True)
    """
    if not has_fp8(tables, gpu):
        note = f"The {gpu} has no FP8 units: its MFU is stated against its BF16 peak"
        peak = replace(peak_flops(tables, gpu, "BF16"), note=note)
        return peak, mfu_bf16, peak.flops * mfu_bf16
    bf16 = peak_flops(tables, gpu, "BF16")
    if precision == "FP8":
        return peak_flops(tables, gpu, "FP8"), mfu_fp8, bf16.flops * mfu_fp8 * FP8_PER_BF16
    return bf16, mfu_bf16, bf16.flops * mfu_bf16


def gpu_spec(tables: Tables, gpu: str, spec: str) -> float:
    """One default spec value of a GPU (TFLOPS, W or GB/s) from data/gpus.csv."""
    value = _default_specs(tables).get((gpu, spec))
    if value is None:
        raise KeyError(f"no {spec} row for {gpu} in gpus.csv")
    return value


def epoch_ownership(
    tables: Tables, gpu: str, gpu_price: float, ooms_per_year: float | None = None
) -> model.OwnershipAssumptions:
    """Epoch AI's ownership inputs for one ``gpu`` bought at ``gpu_price`` (per GPU, its share
    of the server included, as a DGX per-GPU price is), written off at ``ooms_per_year`` (the
    data's Epoch figure when None); its TDP, the network, power and electricity from the data.
    KeyError when the GPU has no sourced TDP.

    >>> round(model.ownership_rate(epoch_ownership(tables, "H800", 44_750, 0.14)).total, 2)
    2.12
    """
    ooms = tables.value("epoch_depreciation_ooms") if ooms_per_year is None else ooms_per_year
    return model.OwnershipAssumptions(
        gpu_price=gpu_price,
        amortization_years=model.epoch_amortization_years(ooms),
        server_overhead=1.0,
        interconnect_fraction=tables.value("epoch_interconnect_fraction"),
        tdp_watts=gpu_spec(tables, gpu, "tdp"),
        server_power_factor=tables.value("epoch_chip_to_server_power"),
        power_fraction=tables.value("epoch_power_tdp_fraction"),
        pue=tables.value("epoch_pue_nonhyperscaler"),
        energy_price_kwh=tables.value("epoch_energy_price_2024"),
    )


def _default_specs(tables: Tables) -> dict[tuple[str, str], float]:
    """(gpu, spec) -> value of gpus.csv's default rows, made once per loaded data.

    Filtering the frame on every slider step cost more than the rest of the scenario, and
    its Arrow string kernels release the GIL several times a run (slow under many sessions).
    """

    def index(t: Tables) -> dict[tuple[str, str], float]:
        rows = t["gpus"][t["gpus"]["is_default"]]
        out: dict[tuple[str, str], float] = {}
        for g, spec, v in zip(rows["gpu"], rows["spec"], rows["value"], strict=True):
            out.setdefault((str(g), str(spec)), float(v))  # the first row, as before
        return out

    return tables.memo("gpu_default_specs", index)


#: The Monte Carlo's 90% intervals as (key, interval) pairs: hashable, so ranges memoise.
IntervalItems = tuple[tuple[str, montecarlo.Interval], ...]


def price_intervals(tables: Tables) -> IntervalItems:
    """The Monte Carlo's 90% intervals, read from ``tables`` once per loaded data."""

    def read(t: Tables) -> IntervalItems:
        return tuple(montecarlo.intervals_from_tables(t).items())

    return tables.memo("montecarlo_intervals", read)


def market_quotes(
    prices: pd.DataFrame, year: str | None = None, gpus: Sequence[str] | None = None
) -> list[tuple[str, float]]:
    """Rental quotes as (label, USD per GPU-hour), optionally only those dated in ``year`` and
    only those of ``gpus``.

    >>> quotes = market_quotes(tables["prices"])
    >>> all(0 < q[1] < 100 for q in quotes)
    True
    >>> {q[0].split(",")[0] for q in market_quotes(tables["prices"], gpus=("H800",))}
    {'H800'}
    """
    rows = prices[prices["kind"] == "rental"]
    if year:
        rows = rows[rows["date"].str.startswith(year)]
    if gpus is not None:
        rows = rows[rows["gpu"].isin(list(gpus))]
    out = []
    for r in rows.to_dict("records"):
        who = f"{r['gpu']}, {r['provider']}" if r["provider"] else str(r["gpu"])
        out.append((f"{who} ({r['date']})", float(r["value"])))
    return out


def rental_quotes(tables: Tables, gpus: Sequence[str] | None = None) -> list[tuple[str, float]]:
    """:func:`market_quotes` of every year (of ``gpus`` only, if given), computed once per loaded
    data (a chart's markers)."""
    key = "market_quotes" if gpus is None else f"market_quotes:{','.join(gpus)}"
    return tables.memo(key, lambda t: market_quotes(t["prices"], gpus=gpus))


def median_rental(
    prices: pd.DataFrame, year: str, gpus: Sequence[str] | None = None
) -> tuple[float, int]:
    """Median rental quote dated in ``year`` (of ``gpus`` only, if given) and how many quotes it
    is the median of."""
    quotes = [q[1] for q in market_quotes(prices, year, gpus)]
    if not quotes:
        raise ValueError(f"no rental quotes dated {year} in prices.csv")
    return float(pd.Series(quotes).median()), len(quotes)


#: The GPU types of /gpu-capex's fleet, in the order its inputs are drawn.
FLEET_GPUS = ("A100", "H800", "H100", "H20")


def fleet_names(gpu: str) -> tuple[str, str]:
    """The link parameters of one GPU type of /gpu-capex's fleet: its count and unit price.

    >>> fleet_names("H800")
    ('h800_n', 'h800_usd')
    """
    return f"{gpu.lower()}_n", f"{gpu.lower()}_usd"


@dataclass(frozen=True)
class Band:
    """The sourced range of a GPU's rental price around a date: what named quotes said.

    ``first`` and ``last`` are the dates of the oldest and newest quote in the band; ``ids``
    and ``sources`` name the rows and who quoted them.
    """

    gpu: str
    on: str
    low: float
    high: float
    median: float
    n: int
    first: str
    last: str
    sources: tuple[str, ...]
    ids: tuple[str, ...]

    def text(self) -> str:
        """The band in words, to sit beside a chosen price.

        >>> price_band(tables, "H100", "2026-06-30").text()
        'H100 rental, 2025-10 to 2026-06: $1.70 to $5.00 per GPU-hour, median $2.50 (6 quotes, 6 sources)'

        One quote, or one month, is said once:

        >>> price_band(tables, "H800", "2024-12-26").text()
        'H800 rental, 2024-08: $3.42 per GPU-hour (1 quote, 1 source)'
        """
        quotes = "quote" if self.n == 1 else "quotes"
        named = "source" if len(self.sources) == 1 else "sources"
        first, last = self.first[:7], self.last[:7]
        when = first if first == last else f"{first} to {last}"
        if self.low == self.high:
            prices = f"${self.low:,.2f} per GPU-hour"
        else:
            prices = (
                f"${self.low:,.2f} to ${self.high:,.2f} per GPU-hour, median ${self.median:,.2f}"
            )
        count = f"{self.n} {quotes}, {len(self.sources)} {named}"
        return f"{self.gpu} rental, {when}: {prices} ({count})"


def _quote_day(date: str) -> dt.date:
    """A quote's date as a day: a month-only date is its 15th, a year-only date its 1 July."""
    parts = [int(x) for x in date.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(parts[0], parts[1], parts[2])


def _quotes(tables: Tables, gpu: str, kind: str) -> list[dict]:
    """The reported quotes of ``gpu`` of ``kind`` in prices.csv, as rows: read once per release
    (a slider moves the price many times; the quotes stay)."""

    def read(t: Tables) -> dict[tuple[str, str], list[dict]]:
        prices = t["prices"]
        out: dict[tuple[str, str], list[dict]] = {}
        for r in prices[prices["status"] == "reported"].to_dict("records"):
            out.setdefault((str(r["gpu"]), str(r["kind"])), []).append(r)
        return out

    return tables.memo("gpus:quotes", read).get((gpu, kind), [])


def price_band(
    tables: Tables, gpu: str, on: str, *, window_days: int = 365, kind: str = "rental"
) -> Band | None:
    """The sourced band of ``gpu``'s rental price at ``on`` (YYYY-MM-DD): the named market quotes
    in prices.csv dated in the ``window_days`` up to that day, and their low, high and median.

    Only quotes someone paid or posted count: an estimate or derived row (DeepSeek's own $2
    assumption, say) is no market price. None when no quote falls in the window.

    >>> b = price_band(tables, "H800", "2025-03-31")
    >>> (b.low, b.high, b.n, b.first, b.last)
    (3.42, 3.42, 2, '2024-08-24', '2025-03-03')
    >>> price_band(tables, "H20", "2025-06-30") is None
    True
    """
    day = dt.date.fromisoformat(on)
    start = day - dt.timedelta(days=window_days)
    chosen = [r for r in _quotes(tables, gpu, kind) if start < _quote_day(str(r["date"])) <= day]
    if not chosen:
        return None
    chosen.sort(key=lambda r: _quote_day(str(r["date"])))
    values = [float(r["value"]) for r in chosen]
    return Band(
        gpu=gpu,
        on=on,
        low=min(values),
        high=max(values),
        median=float(pd.Series(values).median()),
        n=len(values),
        first=str(chosen[0]["date"]),
        last=str(chosen[-1]["date"]),
        sources=tuple(dict.fromkeys(str(r["provider"] or r["source_name"]) for r in chosen)),
        ids=tuple(str(r["id"]) for r in chosen),
    )


# ---- what a chip does per hour, and what it costs ----------------------------------------------


def has_fp8(tables: Tables, gpu: str) -> bool:
    """Whether gpus.csv has a dense FP8 peak for the chip (the A100 and A800 have no FP8)."""
    return (gpu, "fp8_dense") in _default_specs(tables)


def eight_bit_tflops(tables: Tables, gpu: str) -> float:
    """The chip's dense 8-bit throughput (TFLOPS or TOPS): its FP8 peak, or for a chip without
    FP8 twice its BF16 peak (the A100's INT8 is 624 TOPS, twice its 312 BF16 TFLOPS).

    >>> eight_bit_tflops(tables, "H20"), eight_bit_tflops(tables, "A100")
    (296.0, 624.0)
    """
    specs = _default_specs(tables)
    if (gpu, "fp8_dense") in specs:
        return specs[(gpu, "fp8_dense")]
    return 2 * gpu_spec(tables, gpu, "bf16_dense")


def h100_equivalents(tables: Tables, gpu: str) -> float:
    """How many H100s one of the chip makes, counted as Epoch AI counts them: its dense 8-bit
    throughput over the H100's (1,979 TFLOPS).

    >>> round(h100_equivalents(tables, "A100"), 3), round(h100_equivalents(tables, "H20"), 3)
    (0.315, 0.15)
    """
    return eight_bit_tflops(tables, gpu) / eight_bit_tflops(tables, "H100")


def _default_prices(tables: Tables) -> dict[str, tuple[float, str]]:
    """Each chip's default purchase price (USD per GPU) and its row: the default of the price
    group ``<chip>_purchase``, made once per loaded data."""

    def index(t: Tables) -> dict[str, tuple[float, str]]:
        rows = t["prices"][(t["prices"]["kind"] == "purchase") & t["prices"]["is_default"]]
        out: dict[str, tuple[float, str]] = {}
        for gpu, group, value, row_id in zip(
            rows["gpu"], rows["group"], rows["value"], rows["id"], strict=True
        ):
            if str(group) == f"{str(gpu).lower()}_purchase":
                out.setdefault(str(gpu), (float(value), str(row_id)))
        return out

    return tables.memo("gpu_default_prices", index)


def purchase_price(tables: Tables, gpu: str) -> tuple[float, str] | None:
    """The chip's sourced purchase price (USD per GPU) and its data row, or None.

    >>> purchase_price(tables, "H20")
    (12000.0, 'h20_price')
    """
    return _default_prices(tables).get(gpu)


def market_rental(tables: Tables, gpu: str) -> tuple[float, int] | None:
    """The median of the chip's rental quotes in prices.csv (named providers and indices; no
    estimate such as DeepSeek's own $2) and how many there are, or None without any.

    >>> market_rental(tables, "A100")
    (2.91, 4)
    """

    def index(t: Tables) -> dict[str, tuple[float, int]]:
        p = t["prices"]
        rows = p[(p["kind"] == "rental") & (p["status"] == "reported")]
        out = {}
        for name, group in rows.groupby("gpu"):
            out[str(name)] = (round(float(group["value"].median()), 2), len(group))
        return out

    return tables.memo("gpu_market_rental", index).get(gpu)
