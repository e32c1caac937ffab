"""/rules-cost's computation: for each period between two changes of the export rules (both
sides of each rule, as /timeline reads them), the best chip a Chinese buyer could obtain and
what a model's final training run would have needed on it, beside the best chip sold anywhere
then (the run without the rules). No streamlit import.

A run is a training compute ``C`` (FLOP). On a chip, at an MFU (the share of the chip's peak
the run uses) stated against the peak of a number format::

    GPU-hours = C / (peak in that format x MFU x (1 - interconnect penalty) x 3600 s)

DeepSeek-V3's final run is the compute its reported H800 hours did at its own MFU: 6·N·D of
pre-training scaled to all 2.788M hours, so the H800 period gives back 2.788M GPU-hours. The
number format only sets the basis the MFU is stated against, and the MFU converts with it:
17.3% of the H800's FP8 peak is 34.6% of its BF16 peak (the FP8 peak of these chips is twice
their BF16 peak). A chip with FP8 units runs at the FP8 figure of its FP8 peak; one without
(the A100, A800) at the BF16 figure of its BF16 peak. The format therefore never doubles or
halves a result; it says which figure the MFU is.
"""

from __future__ import annotations

from dataclasses import dataclass

from aicost.base import model
from aicost.base.data import Tables
from aicost.base.gpus import (
    FP8_PER_BF16,
    epoch_ownership,
    gpu_spec,
    h100_equivalents,
    has_fp8,
    market_rental,
    purchase_price,
)
from aicost.inputs import assumptions as asm
from aicost.inputs.basis import MfuBasis
from aicost.pages.timeline.standing import Period, periods_of

PAGE = "rules-cost"
#: The models whose final run the page can price: V3 from its reported hours, the others from
#: their training compute in models.csv (disclosed, or our 6·N·D estimate).
MODELS: dict[str, str] = {
    "DeepSeek-V3": "",
    "DeepSeek-V4-Pro": "deepseek_v4_pro_flop_6nd",
    "DeepSeek-V4-Flash": "deepseek_v4_flash_flop_6nd",
    "Llama 3.1 405B": "llama31_405b_flops",
    "GPT-4": "gpt4_flops",
}
#: How a chip's GPU-hour is priced (``rc_route``).
ROUTES = ("one price", "market", "ownership")
#: The interconnect a full chip of its generation has (GB/s): below it, a cut chip.
FULL_NVLINK = {"A100": 600.0, "A800": 600.0}
FULL_NVLINK_DEFAULT = 900.0
SECONDS_PER_HOUR = 3600.0


#: The MFU and the number format it is stated in (no chip choice: each period's best chip).
#: Not the page record's ``mfu``: this page came after the MFU's split, so its links never
#: carry an MFU of the old meaning to read another way.
BASIS = MfuBasis("rc_mfu", "rc_format")


@dataclass(frozen=True)
class RulesInputs:
    """/rules-cost's assumptions in model units."""

    rc_model: str
    rc_format: str
    rc_mfu: float  # against the FP8 peak
    rc_mfu_bf16: float  # against the BF16 peak
    rc_link: float  # the interconnect penalty, a fraction
    rc_route: str
    rc_price: float
    rc_gpus: float

    @property
    def mfu_bf16(self) -> float:
        """The MFU on the BF16 basis, whichever basis the reader stated it on."""
        return self.rc_mfu * FP8_PER_BF16 if self.rc_format == "FP8" else self.rc_mfu_bf16


def inputs(tables: Tables, values: asm.Values | None = None) -> RulesInputs:
    """The page's inputs: its sourced defaults, with ``values`` (display units) in their place.

    >>> i = inputs(tables)
    >>> i.rc_model, i.rc_format, round(i.rc_mfu, 3), round(i.mfu_bf16, 3), i.rc_gpus
    ('DeepSeek-V3', 'FP8', 0.173, 0.346, 2048.0)
    """
    return asm.typed(RulesInputs, asm.model_values(PAGE, tables, values))


@dataclass(frozen=True)
class Run:
    """The training run priced: its compute and how it was counted."""

    model: str
    flop: float
    how: str  # in words: where the compute comes from
    estimate: bool  # our 6·N·D estimate, not a disclosed figure
    rows: tuple[str, ...]
    missing: str = ""  # the model asked for, when the release has no compute for it


def run(tables: Tables, name: str) -> Run:
    """The compute of a model's final training run (FLOP).

    >>> r = run(tables, "DeepSeek-V3")
    >>> f"{r.flop:.3e}", r.estimate
    ('3.436e+24', False)
    """
    if name == "DeepSeek-V3" or name not in MODELS:
        total = tables.value("v3_gpu_hours_total")
        mfu = float(asm.resolve(tables)["rc_mfu"].default or 0) * asm.BY_NAME["rc_mfu"].scale
        peak = gpu_spec(tables, "H800", "fp8_dense") * 1e12
        return Run(
            "DeepSeek-V3",
            total * SECONDS_PER_HOUR * peak * mfu,
            f"the compute of its {total / 1e6:.4g}M reported H800 GPU-hours at the {mfu:.1%} "
            "MFU they imply against the H800's FP8 peak",
            False,
            ("v3_gpu_hours_total", "v3_mfu_fp8_derived", "h800_fp8_dense"),
        )
    row_id = MODELS[name]
    try:
        row = tables.row(row_id)
    except KeyError:  # a link to an older release, from before the model's row was added
        v3 = run(tables, "DeepSeek-V3")
        return Run(v3.model, v3.flop, v3.how, v3.estimate, v3.rows, missing=name)
    estimate = str(row.get("status")) != "reported"
    how = "our 6·N·D estimate" if estimate else "its disclosed training compute"
    return Run(name, tables.value(row_id), how, estimate, (row_id,))


@dataclass(frozen=True)
class OnChip:
    """The run on one chip: GPU-hours, cost, days on the cluster, and the fleet (and its capex)
    that would finish it as fast as DeepSeek's run."""

    chip: str
    peak_tflops: float  # in the format used
    precision: str
    mfu: float  # against that peak, after any interconnect penalty
    gpu_hours: float
    price: float | None  # USD per GPU-hour (None: no sourced price on this route)
    cost: float | None
    days: float  # on the cluster
    fleet: float  # GPUs to finish in DeepSeek's time
    capex: float | None  # of that fleet at its purchase price
    h100e: float  # that fleet in H100-equivalents
    cut_link: bool
    rows: tuple[str, ...] = ()


def on_chip(tables: Tables, chip: str, c: Run, i: RulesInputs, hours_to_finish: float) -> OnChip:
    """The run ``c`` on ``chip`` with the inputs ``i``.

    >>> i = inputs(tables)
    >>> v3 = run(tables, "DeepSeek-V3")
    >>> h800 = on_chip(tables, "H800", v3, i, 1361.3)
    >>> round(h800.gpu_hours), round(h800.days, 1), round(h800.cost or 0)
    (2788000, 56.7, 5576000)
    """
    if has_fp8(tables, chip):  # the format's basis; converted for a chip without FP8
        precision = "FP8"
        peak = gpu_spec(tables, chip, "fp8_dense")
        mfu = i.mfu_bf16 / FP8_PER_BF16
    else:
        precision = "BF16"
        peak = gpu_spec(tables, chip, "bf16_dense")
        mfu = i.mfu_bf16
    try:
        nvlink = gpu_spec(tables, chip, "nvlink")
    except KeyError:
        nvlink = FULL_NVLINK_DEFAULT
    cut = nvlink < FULL_NVLINK.get(chip, FULL_NVLINK_DEFAULT)
    if cut:
        mfu *= 1 - i.rc_link
    hours = model.gpu_hours_for_flop(c.flop, peak * 1e12, mfu)
    price, rows = _price(tables, chip, i)
    fleet = hours / hours_to_finish
    bought = purchase_price(tables, chip)
    return OnChip(
        chip=chip,
        peak_tflops=peak,
        precision=precision,
        mfu=mfu,
        gpu_hours=hours,
        price=price,
        cost=None if price is None else model.rental_cost(hours, price),
        days=model.wall_clock_days(hours, i.rc_gpus),
        fleet=fleet,
        capex=None if bought is None else fleet * bought[0],
        h100e=fleet * h100_equivalents(tables, chip),
        cut_link=cut,
        rows=rows + ((bought[1],) if bought else ()),
    )


def _price(tables: Tables, chip: str, i: RulesInputs) -> tuple[float | None, tuple[str, ...]]:
    """A GPU-hour of the chip on the reader's route: one price for every chip, the chip's
    market median, or what owning one costs an hour (Epoch AI's method)."""
    if i.rc_route == "market":
        quoted = market_rental(tables, chip)
        return (quoted[0], ()) if quoted else (None, ())
    if i.rc_route == "ownership":
        bought = purchase_price(tables, chip)
        if bought is None:
            return None, ()
        try:
            owned = epoch_ownership(tables, chip, bought[0])
        except KeyError:  # no sourced power figure: no owner's cost either
            return None, ()
        return model.ownership_rate(owned).total, (bought[1],)
    return i.rc_price, ()


@dataclass(frozen=True)
class PeriodCost:
    """One period between rule changes: the best chip a Chinese buyer could obtain (None: no
    chip could be obtained), the run on it, and the run without the rules."""

    start: str
    end: str
    rule: str
    event_id: str
    chip: OnChip | None
    free: OnChip | None  # on the best chip sold anywhere then


@dataclass(frozen=True)
class RulesCost:
    """Every period, the run, and the H800 run it is set against."""

    run: Run
    periods: tuple[PeriodCost, ...]
    h800: OnChip  # the run on the H800 (for V3, DeepSeek's own)
    hours_to_finish: float  # DeepSeek's wall-clock: 2.788M H800-hours / 2,048 GPUs
    inputs: RulesInputs


def best(tables: Tables, chips: list[str]) -> str | None:
    """The chip with the highest dense BF16 peak (ties: more NVLink); None for no chip."""
    ranked = []
    for chip in chips:
        try:
            ranked.append((gpu_spec(tables, chip, "bf16_dense"), _nvlink(tables, chip), chip))
        except KeyError:
            continue
    return max(ranked)[2] if ranked else None


def _nvlink(tables: Tables, chip: str) -> float:
    try:
        return gpu_spec(tables, chip, "nvlink")
    except KeyError:
        return 0.0


def sold_anywhere(tables: Tables, on: str) -> list[str]:
    """The chips sold anywhere by ``on``: each chip's first day on sale worldwide, from the
    events of ``region`` "world" (release 5 on; an older release has none, and the page
    shows no run without the rules).

    >>> sold_anywhere(tables, "2023-06-30"), sold_anywhere(tables, "2024-12-31")
    (['A100', 'H100'], ['A100', 'H100', 'H200', 'B200'])
    """
    out: list[str] = []
    for date, chips in _world_sales(tables):
        if date <= on:
            out += chips
    return list(dict.fromkeys(out))


def _world_sales(tables: Tables) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(date, chips) of every worldwide sale event, read once per loaded release."""

    def read(t: Tables) -> tuple[tuple[str, tuple[str, ...]], ...]:
        events = t["events"]
        if "region" not in events:
            return ()
        rows = events[events["region"] == "world"]
        return tuple(
            (str(date), tuple(c.strip() for c in str(chips or "").split(";") if c.strip()))
            for date, chips in zip(rows["date"], rows["chips"], strict=True)
        )

    return tables.memo("world_sales", read)


def rules_cost(i: RulesInputs, tables: Tables) -> RulesCost:
    """The run on the best chip of every period, and without the rules.

    The H800 period gives back DeepSeek's reported hours and $5.576M at $2; the H20's gives
    the ratio of the two chips' dense peaks (1,979 / 296 TFLOPS at FP8):

    >>> rc = rules_cost(inputs(tables), tables)
    >>> h800 = next(p for p in rc.periods if p.chip and p.chip.chip == "H800")
    >>> round(h800.chip.gpu_hours), round(h800.chip.cost or 0)
    (2788000, 5576000)
    >>> h20 = next(p for p in rc.periods if p.chip and p.chip.chip == "H20")
    >>> round(h20.chip.gpu_hours / h800.chip.gpu_hours, 3), round(1979 / 296, 3)
    (6.686, 6.686)
    """
    c = run(tables, i.rc_model)
    hours_to_finish = tables.value("v3_gpu_hours_total") / tables.value("v3_cluster_gpus")
    periods = []
    for p in periods_of(tables):
        chip = best(tables, p.legal)
        free = best(tables, sold_anywhere(tables, p.start))
        periods.append(
            PeriodCost(
                start=p.start,
                end=p.end,
                rule=p.event,
                event_id=p.event_id,
                chip=on_chip(tables, chip, c, i, hours_to_finish) if chip else None,
                free=on_chip(tables, free, c, i, hours_to_finish) if free else None,
            )
        )
    return RulesCost(
        run=c,
        periods=merged(periods),
        h800=on_chip(tables, "H800", c, i, hours_to_finish),
        hours_to_finish=hours_to_finish,
        inputs=i,
    )


def _chip_of(p: PeriodCost) -> tuple[str, str]:
    return (p.chip.chip if p.chip else "", p.free.chip if p.free else "")


def merged(periods: list[PeriodCost]) -> tuple[PeriodCost, ...]:
    """Consecutive periods with the same best chip (and the same chip without the rules) as
    one: a rule that changed nothing for the run is not a new row."""
    out: list[PeriodCost] = []
    for p in periods:
        if out and _chip_of(out[-1]) == _chip_of(p):
            last = out[-1]
            out[-1] = PeriodCost(last.start, p.end, last.rule, last.event_id, last.chip, last.free)
        else:
            out.append(p)
    return tuple(out)


def chosen(rc: RulesCost, on: str, periods: list[Period] | None = None) -> PeriodCost:
    """The period a reader asked about (the one ``on`` falls in); by default the one that
    caught the chip V3 was trained on: the first period, after the H800 could be bought, in
    which it could not."""
    if on:
        inside = [p for p in rc.periods if p.start <= on]
        return inside[-1] if inside else rc.periods[0]
    seen = False
    for p in rc.periods:
        h800 = p.chip is not None and p.chip.chip == "H800"
        if h800:
            seen = True
        elif seen:
            return p
    return rc.periods[-1]


def next_with_chip(rc: RulesCost, period: PeriodCost) -> PeriodCost | None:
    """The first period from ``period`` on in which some chip could be obtained."""
    later = [p for p in rc.periods if p.start >= period.start and p.chip is not None]
    return later[0] if later else None
