"""The declared shape of every curated CSV file in ``data/``: its columns (kind, choices,
whether required, the release that added it), the checks that span a row, the units a row may
carry and the range each unit's values must fall in. Tables, not logic: :mod:`aicost.base.data`
reads every file against them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

#: Every unit a row may carry. A new unit is a deliberate change here, not a typo in a CSV.
UNITS: frozenset[str] = frozenset(
    """
    USD CNY USD/GPU USD/GPU-hour USD/share USD/day USD/year USD/kWh
    GPUs GPU-hours GPU-hours/T-tokens FLOP FLOP/token TFLOPS W GB/s TB/s
    parameters tokens percent fraction multiplier per-year
    year years days hours months people entities nodes shares
    """.split()
)

STATUSES = ("reported", "estimate", "derived")
CONFIDENCES = ("high", "medium", "low")


@dataclass(frozen=True)
class Column:
    """One declared column: its kind, whether it may be empty, and allowed values."""

    name: str
    kind: str = "text"  # text | number | date | full_date | bool | id | url | formula
    required: bool = True
    choices: tuple[str, ...] | frozenset[str] | None = None
    min_length: int = 0  # a filled cell shorter than this is a placeholder, not a value
    #: The data release that added the column (0: it was in the first). Files published before
    #: it lack the column; they load with it empty. Such a column is never required.
    since_release: int = 0

    def __post_init__(self) -> None:
        if self.since_release and self.required:
            raise ValueError(f"column {self.name!r} added in a later release must be optional")


_COMMON_TAIL = (
    Column("source_name", min_length=4),  # a source's name, never "n/a", "?" or "tbd"
    Column("source_url", "url"),
    Column("quote"),
    Column("status", choices=STATUSES),
    Column("confidence", choices=CONFIDENCES),
    Column("formula", "formula", required=False),
    Column("group", required=False),
    Column("is_default", "bool"),
)


#: A check of one whole row (its cells by column name): a problem text, or None if it is fine.
RowCheck = Callable[[Mapping[str, str]], str | None]


@dataclass(frozen=True)
class Schema:
    """The declared columns of one data file, in order, and the checks that span a row."""

    name: str
    columns: tuple[Column, ...]
    description: str = ""
    row_checks: tuple[RowCheck, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    @property
    def added_columns(self) -> list[str]:
        """The columns a later release added: files published before it may lack them."""
        return [c.name for c in self.columns if c.since_release]


#: The US rule's state for a chip, as an event sets it (events.csv ``us_rule``): no licence
#: needed; a licence needed (review policy not stated); a licence with a presumption of denial;
#: a licence reviewed case by case; sales promised (an announcement: no licence issued yet);
#: licences issued; or ``terms``: a condition attached (a revenue share, a tariff) that leaves
#: the licence state as it was.
US_RULES = ("none", "licence", "denial", "case_by_case", "promised", "allowed", "terms")
#: China's stance on buying a chip (events.csv ``china_rule``), from none to a customs block;
#: ``approved`` lifts the restrictions before it for the buyers named.
CHINA_RULES = ("none", "restricted", "discouraged", "banned", "customs_block", "approved")
#: What an event says of a chip's supply to China (events.csv ``supply``).
SUPPLY = ("announced", "on_sale", "halted")
#: What an event reports of deliveries to China (events.csv ``delivered``): some had arrived by
#: its date, or none had yet.
DELIVERED = ("yes", "none_yet")
#: The events columns that set a chip's standing, each for the chips the event names.
STANDING_COLUMNS = ("us_rule", "china_rule", "supply", "delivered")


def _standing_names_a_chip(row: Mapping[str, str]) -> str | None:
    """An event that sets a chip's standing must name the chips it sets it for."""
    set_columns = [c for c in STANDING_COLUMNS if row.get(c, "")]
    if set_columns and not row.get("chips", "").strip():
        return f"column 'chips': is empty, but the row sets {', '.join(set_columns)}"
    return None


#: Where an event happened, when it is not about China (events.csv ``region``, from release 5):
#: ``world`` is a chip's first sale or shipment anywhere, the counterfactual without export
#: rules. Empty: an event as before, whose standing columns, where set, speak of China.
REGIONS = ("world",)


def _world_event_sets_no_standing(row: Mapping[str, str]) -> str | None:
    """A ``world`` event names its chips and sets no standing: the standing columns are China's
    side, and a chip on sale elsewhere is not thereby obtainable in China."""
    if row.get("region", "") != "world":
        return None
    set_columns = [c for c in STANDING_COLUMNS if row.get(c, "")]
    if set_columns:
        return (
            f"column 'region': a world event sets no standing in China ({', '.join(set_columns)})"
        )
    if not row.get("chips", "").strip():
        return "column 'chips': is empty, but a world event is about the chips it names"
    return None


SCHEMAS: dict[str, Schema] = {
    "figures": Schema(
        "figures",
        (
            Column("id", "id"),
            Column(
                "category",
                choices=(
                    "article",
                    "company",
                    "deepseek_v3",
                    "deepseek_r1",
                    "deepseek_later",
                    "fleet",
                    "market",
                    "method",
                ),
            ),
            Column("label"),
            Column("value", "number"),
            Column("unit", choices=UNITS),
            Column("date", "date"),
            *_COMMON_TAIL,
        ),
        "Scalar facts: the article's figures, DeepSeek's papers, fleet estimates, the market "
        "drop and the cost-method constants.",
    ),
    "events": Schema(
        "events",
        (
            Column("id", "id"),
            Column("date", "full_date"),
            Column("category", choices=("company", "chips", "policy", "models", "markets")),
            Column("label"),
            Column("detail"),
            Column("chips", required=False),
            Column("us_rule", required=False, choices=US_RULES, since_release=4),
            Column("china_rule", required=False, choices=CHINA_RULES, since_release=4),
            Column("supply", required=False, choices=SUPPLY, since_release=4),
            Column("delivered", required=False, choices=DELIVERED, since_release=4),
            Column("region", required=False, choices=REGIONS, since_release=5),
            *_COMMON_TAIL,
        ),
        "Dated events for the timeline: export-control steps, chip launches, model releases, "
        "market moves. From release 4 an event may set, for each chip it names, the US rule's "
        "state (us_rule), China's stance (china_rule), the chip's supply and reported "
        "deliveries to China. From release 5 an event with region 'world' records when a chip "
        "was first sold or shipped anywhere (not to China); it sets no standing.",
        row_checks=(_standing_names_a_chip, _world_event_sets_no_standing),
    ),
    "gpus": Schema(
        "gpus",
        (
            Column("id", "id"),
            Column("gpu"),
            Column("spec", choices=("bf16_dense", "fp8_dense", "tdp", "nvlink")),
            Column("value", "number"),
            Column("unit", choices=UNITS),
            Column("date", "date"),
            *_COMMON_TAIL,
            Column("note", required=False, since_release=4),
        ),
        "GPU specifications, one spec per row: dense BF16 and FP8 peak, TDP, NVLink bandwidth. "
        "A note is ours, never the source's words.",
    ),
    "prices": Schema(
        "prices",
        (
            Column("id", "id"),
            Column("gpu"),
            Column("kind", choices=("purchase", "rental")),
            Column("value", "number"),
            Column("unit", choices=("USD/GPU", "USD/GPU-hour")),
            Column("date", "date"),
            Column("provider", required=False),
            *_COMMON_TAIL,
            Column("note", required=False, since_release=4),
        ),
        "GPU prices, each dated: purchase price per GPU and rental price per GPU-hour. A note "
        "is ours, never the source's words.",
    ),
    "models": Schema(
        "models",
        (
            Column("id", "id"),
            Column("model"),
            Column("developer"),
            Column(
                "metric",
                choices=(
                    "gpu_hours",
                    "flop",
                    "cost_reported",
                    "cost_amortized",
                    "cost_cloud",
                    "params_total",
                    "params_active",
                    "tokens",
                ),
            ),
            Column("value", "number"),
            Column("low", "number", required=False),
            Column("high", "number", required=False),
            Column("unit", choices=UNITS),
            Column("hardware", required=False),
            Column("counts"),
            Column("date", "date"),
            *_COMMON_TAIL,
        ),
        "Comparable models: GPU-hours, training compute and costs, each saying what it counts; "
        "for models that disclosed no compute, their parameters and training tokens.",
    ),
}

# Ranges a value must fall in, by unit: a typo of a few orders of magnitude is caught here.
_UNIT_RANGES: dict[str, tuple[float, float]] = {
    "percent": (-100.0, 1e5),  # a fall stops at -100%; margins and growth may exceed 100%
    "fraction": (0.0, 1.0),
    "year": (1900.0, 2100.0),
    "USD/GPU-hour": (0.01, 1000.0),
    "USD/GPU": (100.0, 1e7),
    "TFLOPS": (1.0, 1e5),
    "W": (1.0, 1e5),
}
