"""What China could legally buy, from both sides (/timeline's legality view, /rules-cost's
periods): each chip's standing under Washington's rule and Beijing's stance, event by event;
the periods in which it held; the ceiling of what could be bought. Pure: the events (and GPU)
frames in, records out; no streamlit import.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from aicost.base.data import Tables

#: The chips the legality view follows, in the order Nvidia released them. A chip shows in
#: the legality table once an event sets its standing.
CHIPS: tuple[str, ...] = ("A100", "A800", "H100", "H800", "H20", "H200", "RTX Pro 6000D")

#: Releases 1 to 3 carry no standing columns in events.csv: their reading of the events that
#: changed what Nvidia could sell in China, kept so a link to them shows what it showed. A
#: chip goes on ``sale`` (and may be sold), needs a ``license`` (so it may not), or is
#: ``allowed`` again under license. Which chips each event touched is read from its ``chips``
#: column in events.csv.
RULES: tuple[tuple[str, str], ...] = (
    ("a100_purchase_2021", "sale"),
    ("usg_a100_license_informed", "license"),
    ("a800_launch", "sale"),
    ("h800_launch", "sale"),
    ("bis_rule_2023_10_17", "license"),
    ("h20_launch", "sale"),
    ("h20_license_informed", "license"),
    ("h20_sales_resume_announced", "allowed"),
    ("h200_approval", "allowed"),
)

#: What a chip's state reads as in the table of a release without standing columns.
STATES: dict[str, str] = {
    "": "not on sale",
    "sale": "legal",
    "license": "license needed",
    "allowed": "legal with license",
}
LEGAL_STATES = frozenset({"sale", "allowed"})

#: Each US rule state (events.csv ``us_rule``) in words.
US_TEXT: dict[str, str] = {
    "none": "no US licence needed",
    "licence": "US licence required",
    "denial": "US licence required, presumption of denial",
    "case_by_case": "US licence reviewed case by case",
    "promised": "US sales promised, no licence issued yet",
    "allowed": "US licences issued",
}
#: Each stance of China's (events.csv ``china_rule``) in words.
CHINA_TEXT: dict[str, str] = {
    "none": "no Chinese restriction",
    "restricted": "barred from China's state-funded data centres",
    "discouraged": "Chinese firms told to avoid it",
    "banned": "Chinese firms ordered not to buy it",
    "customs_block": "stopped at China's customs",
    "approved": "purchases approved by China for named firms",
}
#: How strict each Chinese stance is: a later, milder measure does not lift a stricter one;
#: only an approval (or an explicit ``none``) does.
_CHINA_SEVERITY: dict[str, int] = {
    "none": 0,
    "approved": 0,
    "restricted": 1,
    "discouraged": 2,
    "banned": 3,
    "customs_block": 4,
}
#: US states under which a chip may be sold to a Chinese buyer.
US_OBTAINABLE = frozenset({"none", "allowed"})
#: Chinese stances under which a chip cannot be brought in.
CHINA_BLOCKING = frozenset({"banned", "customs_block"})
_SIDES = ("us_rule", "china_rule", "supply", "delivered")


@dataclass(frozen=True)
class Step:
    """One event's effect on one side of one chip's standing (a row of events.csv, per chip)."""

    date: str
    event_id: str
    label: str
    source_name: str
    chip: str
    side: str  # us_rule | china_rule | supply | delivered
    state: str


def _chips_of(cell: object) -> list[str]:
    return [c.strip() for c in str(cell).split(";") if c.strip()]


def two_sided(events: pd.DataFrame) -> bool:
    """Whether the events carry both sides of each rule (the standing columns of release 4).

    >>> two_sided(tables["events"])
    True
    """
    return any(side in events and (events[side] != "").any() for side in _SIDES)


def steps(events: pd.DataFrame) -> list[Step]:
    """Every effect an event has on a chip's standing, oldest first (file order within a day).

    Read from the standing columns (``us_rule``, ``china_rule``, ``supply``, ``delivered``) for
    each chip the event names.

    >>> [(s.date, s.chip, s.side, s.state) for s in steps(tables["events"]) if s.chip == "H20"][:3]
    [('2023-11-09', 'H20', 'supply', 'announced'), ('2024-05-24', 'H20', 'supply', 'on_sale'),
     ('2024-05-24', 'H20', 'delivered', 'yes')]
    """
    found: list[tuple[str, int, Step]] = []
    for order, row in enumerate(events.to_dict("records")):
        for side in _SIDES:
            state = str(row.get(side, "") or "")
            for chip in _chips_of(row["chips"]) if state else []:
                step = Step(
                    str(row["date"]),
                    str(row["id"]),
                    str(row["label"]),
                    str(row["source_name"]),
                    chip,
                    side,
                    state,
                )
                found.append((step.date, order, step))
    found.sort(key=lambda t: (t[0], t[1]))
    return [step for _date, _order, step in found]


@dataclass(frozen=True)
class ChipStanding:
    """What a Chinese buyer could legally obtain of one chip on one day, and what arrived.

    ``us_state`` is a :data:`aicost.base.data.US_RULES` value (``none`` where no rule is on
    file), ``china_stance`` a :data:`aicost.base.data.CHINA_RULES` value; ``delivered`` is True
    once deliveries to China are reported, False where a report says none had arrived by a
    later date, and None where nothing is reported. A chip is ``obtainable`` only when it is on
    sale, the US rule lets it be sold without a refused licence (none needed, or licences
    issued) and China does not stop it: never on an announcement alone.
    """

    chip: str
    on: str
    us_state: str
    us_text: str
    china_stance: str
    china_text: str
    on_sale: bool
    sale_text: str
    delivered: bool | None
    delivered_text: str
    obtainable: bool
    #: Conditions attached to sales (a revenue share, a tariff), each as its event's label.
    terms: tuple[str, ...] = ()
    #: The events behind the standing (US rule, China's stance, supply, deliveries, terms).
    event_ids: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def reasons(self) -> list[str]:
        """Why the chip could not be obtained (empty when it could): the US rule and China's
        stance that stopped it, or else that it was not on sale."""
        if self.obtainable:
            return []
        out = []
        if self.us_state not in US_OBTAINABLE:
            out.append(US_TEXT[self.us_state])
        if self.china_stance in CHINA_BLOCKING:
            out.append(CHINA_TEXT[self.china_stance])
        return out or [self.sale_text]  # legal on both sides, but not (yet) on sale

    @property
    def cell(self) -> str:
        """The standing in a few words, for a table cell.

        >>> [standing(tables["events"], "2026-01-20")[5].cell]
        ["US licence reviewed case by case; stopped at China's customs"]
        """
        if self.obtainable:
            text = "legal with licence" if self.us_state == "allowed" else "legal"
            if self.china_stance not in ("none", "approved"):
                text += f"; {CHINA_TEXT[self.china_stance]}"
            return text
        return "; ".join(self.reasons)


def _legacy_standing(chip: str, on: str, state: str) -> ChipStanding:
    us = {"": "none", "sale": "none", "license": "licence", "allowed": "allowed"}[state]
    on_sale = state in ("sale", "allowed")
    return ChipStanding(
        chip=chip,
        on=on,
        us_state=us,
        us_text=US_TEXT[us],
        china_stance="none",
        china_text=CHINA_TEXT["none"],
        on_sale=on_sale or state == "license",
        sale_text="on sale" if state else "not on sale",
        delivered=None,
        delivered_text="",
        obtainable=state in LEGAL_STATES,
    )


def _standing_from(chip_steps: Sequence[Step], chip: str, on: str) -> ChipStanding:
    """A chip's standing on ``on`` from its steps (oldest first, any date)."""
    before = [s for s in chip_steps if s.date <= on]
    us, us_step, terms, terms_steps = "none", None, [], []
    china, china_step = "none", None
    supply_step = None
    for s in before:
        if s.side == "us_rule":
            if s.state == "terms":
                terms.append(s.label)
                terms_steps.append(s)
                continue
            if s.state in ("none", "licence", "denial"):
                terms, terms_steps = [], []  # a tightening ends the conditions of a sale
            us, us_step = s.state, s
        elif s.side == "china_rule":
            if (
                s.state in ("none", "approved")
                or _CHINA_SEVERITY[s.state] >= _CHINA_SEVERITY[china]
            ):
                china, china_step = s.state, s
        elif s.side == "supply":
            supply_step = s
    on_sale = supply_step is not None and supply_step.state in ("on_sale", "halted")
    if supply_step is None:
        sale_text = "not on sale in China"
    elif supply_step.state == "announced":
        sale_text = f"announced, not yet on sale ({supply_step.date})"
    elif supply_step.state == "halted":
        sale_text = f"production halted {supply_step.date}, sold from stock"
    else:
        sale_text = f"on sale from {supply_step.date}"
    deliveries = [s for s in chip_steps if s.side == "delivered"]
    arrived = [s for s in deliveries if s.state == "yes" and s.date <= on]
    none_by = [s for s in deliveries if s.state == "none_yet" and s.date >= on]
    none_before = [s for s in deliveries if s.state == "none_yet" and s.date < on]
    delivered: bool | None
    if arrived:
        delivered, delivered_step = True, arrived[-1]
        delivered_text = f"deliveries reported by {delivered_step.date}: {delivered_step.label}"
    elif none_by:
        delivered, delivered_step = False, none_by[0]
        delivered_text = f"none delivered by {delivered_step.date}: {delivered_step.label}"
    elif none_before:
        delivered, delivered_step = None, none_before[-1]
        delivered_text = f"none delivered by {delivered_step.date}; nothing reported since"
    else:
        delivered, delivered_step, delivered_text = None, None, "no delivery reported"
    behind = [us_step, china_step, supply_step, delivered_step, *terms_steps]
    used = [s for s in behind if s is not None]
    us_text = US_TEXT[us] + (f" ({us_step.date}: {us_step.label})" if us_step else "")
    china_text = CHINA_TEXT[china] + (
        f" ({china_step.date}: {china_step.label})" if china_step else ""
    )
    return ChipStanding(
        chip=chip,
        on=on,
        us_state=us,
        us_text=us_text,
        china_stance=china,
        china_text=china_text,
        on_sale=on_sale,
        sale_text=sale_text,
        delivered=delivered,
        delivered_text=delivered_text,
        obtainable=on_sale and us in US_OBTAINABLE and china not in CHINA_BLOCKING,
        terms=tuple(terms),
        event_ids=tuple(dict.fromkeys(s.event_id for s in used)),
        sources=tuple(dict.fromkeys(s.source_name for s in used)),
    )


def _followed(all_steps: Sequence[Step]) -> list[str]:
    named = {s.chip for s in all_steps}
    return [c for c in CHIPS if c in named]


def standing(events: pd.DataFrame, on: str) -> list[ChipStanding]:
    """Each followed chip's standing on ``on`` (YYYY-MM-DD): the US rule, China's stance, its
    supply, whether any had arrived, and whether a Chinese buyer could legally obtain it.

    A release without standing columns (1 to 3) is read as it was published: the US side only.

    >>> by_chip = {s.chip: s for s in standing(tables["events"], "2024-06-30")}
    >>> by_chip["H20"].obtainable, by_chip["H800"].obtainable, by_chip["A800"].obtainable
    (True, False, False)
    >>> h200 = {s.chip: s for s in standing(tables["events"], "2025-12-08")}["H200"]
    >>> h200.us_state, h200.obtainable
    ('promised', False)
    """
    if not two_sided(events):
        period = next((p for p in reversed(_legacy_periods(events)) if p.start <= on), None)
        return [
            _legacy_standing(chip, on, period.states.get(chip, "") if period else "")
            for chip in CHIPS[:6]
        ]
    all_steps = steps(events)
    return [
        _standing_from([s for s in all_steps if s.chip == chip], chip, on)
        for chip in _followed(all_steps)
    ]


@dataclass(frozen=True)
class Period:
    """A stretch of time between two rules, and what each chip's standing was in it."""

    start: str
    end: str
    event_id: str
    event: str
    #: Each chip's standing in words (a release without standing columns: a :data:`STATES` key).
    states: dict[str, str]
    #: Each chip's standing in full, where the events carry both sides (release 4 on).
    standings: tuple[ChipStanding, ...] = ()

    @property
    def legal(self) -> list[str]:
        """The chips a Chinese buyer could legally obtain in this period."""
        if self.standings:
            return [s.chip for s in self.standings if s.obtainable]
        return [c for c in CHIPS if self.states.get(c, "") in LEGAL_STATES]


def _legacy_periods(events: pd.DataFrame, today: str = "") -> list[Period]:
    """Releases 1 to 3: each period between the :data:`RULES` events, US side only."""
    by_id = events.set_index("id")
    rule_steps = []
    for event_id, effect in RULES:
        if event_id not in by_id.index:
            continue
        row = by_id.loc[event_id]
        chips = [c for c in _chips_of(row["chips"]) if c in CHIPS]
        rule_steps.append((str(row["date"]), event_id, str(row["label"]), effect, chips))
    rule_steps.sort(key=lambda s: s[0])
    end_of_data = today or str(events["date"].max())
    state = dict.fromkeys(CHIPS[:6], "")
    periods: list[Period] = []
    for i, (date, event_id, label, effect, chips) in enumerate(rule_steps):
        for chip in chips:
            state[chip] = effect
        end = rule_steps[i + 1][0] if i + 1 < len(rule_steps) else max(end_of_data, date)
        if periods and periods[-1].start == date:
            periods.pop()  # two rules on one day: the later one in the list wins
        periods.append(Period(date, end, event_id, label, dict(state)))
    return periods


def legal_periods(events: pd.DataFrame, today: str = "") -> list[Period]:
    """Each period between two changes of a chip's legal standing (the US rule, China's
    stance, its supply), with every followed chip's standing in it.

    A release without standing columns (1 to 3) is read as it was published: the periods
    between the :data:`RULES` events, the US side only.

    >>> periods = legal_periods(tables["events"])
    >>> mid_2024 = next(p for p in periods if p.start <= "2024-07-01" < p.end)
    >>> mid_2024.legal, mid_2024.start
    (['H20'], '2024-05-24')
    """
    if not two_sided(events):
        return _legacy_periods(events, today)
    every = steps(events)
    all_steps = [s for s in every if s.side != "delivered"]
    chips = _followed(all_steps)
    by_chip = {chip: [s for s in every if s.chip == chip] for chip in chips}
    dates = sorted({s.date for s in all_steps if s.chip in chips})
    end_of_data = today or str(events["date"].max())
    periods: list[Period] = []
    for i, date in enumerate(dates):
        today_steps = [s for s in all_steps if s.date == date and s.chip in chips]
        labels = list(dict.fromkeys(s.label for s in today_steps))
        standings = tuple(_standing_from(by_chip[chip], chip, date) for chip in chips)
        periods.append(
            Period(
                start=date,
                end=dates[i + 1] if i + 1 < len(dates) else max(end_of_data, date),
                event_id=today_steps[-1].event_id,
                event="; ".join(labels),
                states={s.chip: s.cell for s in standings},
                standings=standings,
            )
        )
    return periods


def legality_table(periods: Sequence[Period]) -> pd.DataFrame:
    """One row a period: from, to, the rule that opened it, and each chip's standing.

    >>> t = legality_table(legal_periods(tables["events"]))
    >>> t.loc[t["from"] == "2024-05-24", ["H800", "H20"]].values.tolist()
    [['US licence required', 'legal']]
    """
    chips = [c for c in CHIPS if any(c in p.states for p in periods)]
    return pd.DataFrame(
        [
            {
                "from": p.start,
                "to": p.end,
                "set by": p.event,
                **{
                    c: (p.states.get(c, "") if p.standings else STATES[p.states.get(c, "")])
                    for c in chips
                },
                "could buy": ", ".join(p.legal)
                or ("none" if p.standings else "none without a license"),
            }
            for p in periods
        ]
    )


@dataclass(frozen=True)
class Ceiling:
    """The best Nvidia chip China could legally buy over one period, with its sourced specs."""

    start: str
    end: str
    chip: str
    bf16_tflops: float
    nvlink_gbs: float
    rule: str
    spec_ids: tuple[str, ...]
    event_id: str
    #: Chips also legal then that gpus.csv has no BF16 row for, so they cannot be ranked.
    unranked: tuple[str, ...] = ()
    #: How the period let the chip be sold: ``sale`` (no licence needed) or ``allowed`` (under
    #: licences issued); a :data:`RULES` effect in a release without standing columns.
    effect: str = ""


def _effect(period: Period, chip: str) -> str:
    """How the period let ``chip`` be sold: ``allowed`` (under licences issued) or ``sale``."""
    if not period.standings:
        return dict(RULES).get(period.event_id, "")
    held = next(s for s in period.standings if s.chip == chip)
    return "allowed" if held.us_state == "allowed" else "sale"


def periods_of(tables: Tables) -> list[Period]:
    """The periods between changes of the rules (:func:`legal_periods`), once per release."""
    return tables.memo("legal_periods", lambda t: legal_periods(t["events"]))


def chip_ceiling(periods: Sequence[Period], gpus: pd.DataFrame) -> list[Ceiling]:
    """For each period, the obtainable chip with the highest dense BF16 peak (ties: more
    NVLink).

    A period in which no chip was obtainable has ``chip == ""`` and zero specs. An obtainable
    chip without a BF16 row in gpus.csv cannot be ranked: it is named in ``unranked``.

    >>> [(c.start, c.chip) for c in chip_ceiling(periods_of(tables), tables["gpus"])][:8]
    [('2021-01-01', 'A100'), ('2022-08-26', ''), ('2022-10-07', ''), ('2022-11-08', 'A800'),
     ('2023-03-21', 'H800'), ('2023-10-17', ''), ('2023-11-09', ''), ('2024-05-24', 'H20')]
    """
    specs: dict[tuple[str, str], tuple[float, str]] = {}
    for r in gpus[gpus["is_default"]].to_dict("records"):
        specs.setdefault((str(r["gpu"]), str(r["spec"])), (float(r["value"]), str(r["id"])))
    out: list[Ceiling] = []
    for p in periods:
        ranked = sorted(
            (
                (specs[(c, "bf16_dense")][0], specs.get((c, "nvlink"), (0.0, ""))[0], c)
                for c in p.legal
                if (c, "bf16_dense") in specs
            ),
            reverse=True,
        )
        unranked = tuple(c for c in p.legal if (c, "bf16_dense") not in specs)
        if not ranked:
            out.append(Ceiling(p.start, p.end, "", 0.0, 0.0, p.event, (), p.event_id, unranked))
            continue
        bf16, nvlink, chip = ranked[0]
        ids = (specs[(chip, "bf16_dense")][1], specs.get((chip, "nvlink"), (0.0, ""))[1])
        out.append(
            Ceiling(
                start=p.start,
                end=p.end,
                chip=chip,
                bf16_tflops=bf16,
                nvlink_gbs=nvlink,
                rule=p.event,
                spec_ids=tuple(i for i in ids if i),
                event_id=p.event_id,
                unranked=unranked,
                effect=_effect(p, chip),
            )
        )
    return out


#: DeepSeek's releases marked on the chip-ceiling view: (event id, name shown).
RELEASES: tuple[tuple[str, str], ...] = (("v3_release", "V3"), ("r1_release", "R1"))

CEILING_SOURCE = "data/events.csv (rules, launches), data/gpus.csv (specs)"


def releases(events: pd.DataFrame) -> list[tuple[str, str]]:
    """(date, name) of DeepSeek's releases that the events file has.

    >>> releases(tables["events"])
    [('2024-12-26', 'V3'), ('2025-01-20', 'R1')]
    """
    dates = dict(zip(events["id"], events["date"], strict=True))
    return [(str(dates[i]), name) for i, name in RELEASES if i in dates]


@dataclass(frozen=True)
class Run:
    """Periods in a row with the same answer to "what could a Chinese buyer legally obtain?"
    (another chip's standing changed in between), as one stretch of time."""

    start: str
    end: str
    answer: str  # the chips, or "none"

    def holds(self, day: str) -> bool:
        """Whether ``day`` falls in it."""
        return self.start <= day < self.end


def runs(periods: Sequence[Period]) -> list[Run]:
    """The stretches of time with one answer, oldest first (:class:`Run`)."""
    out: list[Run] = []
    for p in periods:
        answer = ", ".join(p.legal) or ("none" if p.standings else "none without a license")
        if out and out[-1].answer == answer:
            out[-1] = Run(out[-1].start, p.end, answer)
        else:
            out.append(Run(p.start, p.end, answer))
    return out


def run_of(stretches: Sequence[Run], day: str) -> int | None:
    """The index of the stretch ``day`` falls in; the last stretch holds every later day (the
    last day on file included); None before the first.

    >>> stretches = runs(periods_of(tables))
    >>> run_of(stretches, "2016-01-01"), run_of(stretches, "2099-01-01") == len(stretches) - 1
    (None, True)
    """
    found = next((i for i, r in enumerate(stretches) if r.holds(day)), None)
    if found is None and stretches and day >= stretches[-1].end:
        return len(stretches) - 1
    return found


def could_buy(periods: Sequence[Period], names: Mapping[str, str] | None = None) -> list[str]:
    """One line a stretch of time: what a Chinese buyer could legally obtain then (plain text,
    from the data): the chips on sale that neither the US rule nor China stopped. Periods in a
    row with the same answer (another chip's standing changed) are one line; ``names`` (a
    period's start -> what opened it, :func:`opening_names`) names the rule that began each.

    >>> periods = legal_periods(tables["events"])
    >>> could_buy(periods)[4:7]
    ['2023-10-17 to 2024-05-24: none', '2024-05-24 to 2025-04-09: H20',
     '2025-04-09 to 2025-08-08: none']
    >>> from aicost.pages.timeline.scenario import opening_names
    >>> could_buy(periods, opening_names(tables["events"], periods))[4]
    '2023-10-17 (Rule: A800, H800 caught) to 2024-05-24: none'
    """
    named = names or {}
    return [
        f"{r.start}{f' ({named[r.start]})' if named.get(r.start) else ''} to {r.end}: {r.answer}"
        for r in runs(periods)
    ]
