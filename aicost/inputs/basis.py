"""An MFU stated against the FP8 or the BF16 peak of a chip: two declared inputs, one per
basis, and the choice of basis. No streamlit import.

MFU (model FLOP utilisation) is a share of a chip's peak, and the peak depends on the number
format: these chips do twice as many FP8 operations a second as BF16 ones, so V3's run used
17.3% of the H800's FP8 peak, which is 34.6% of its BF16 peak. A page that lets a reader state
an MFU therefore declares one input per basis (``mfu`` against the FP8 peak, ``mfu_bf16``
against the BF16 peak, each with its sourced default) and a choice of basis. The page's
computation reads the input of the basis in use; the page converts the reader's value when
the basis changes (:func:`aicost.ui.convert_basis`), so switching the basis restates the MFU
and never changes a result. A chip without FP8 units (the A100) is always on the BF16 basis.

A link made before the split carried one ``mfu``: the MFU against the peak of the format the
page showed. :meth:`MfuBasis.upgrade` reads such a link as it was meant: on a BF16 basis its
``mfu`` is the BF16 figure, so the link keeps showing what it showed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from aicost.base.data import Tables
from aicost.base.gpus import FP8_PER_BF16, has_fp8
from aicost.inputs.assumptions import Assumption, Value
from aicost.inputs.urlstate import ParamNote, check_value

FP8, BF16 = "FP8", "BF16"


@dataclass(frozen=True)
class Upgraded:
    """A link read as a page reads it now: its query, notes on what was read another way, and
    which parameters moved to a new name (old -> new)."""

    query: dict[str, list[str]]
    notes: tuple[ParamNote, ...] = ()
    moved: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MfuBasis:
    """A page's MFU inputs: ``fp8`` (the MFU against the FP8 peak; ``<fp8>_bf16`` is the one
    against the BF16 peak), the choice of basis ``format`` (FP8 or BF16) and the chip choice
    ``chip`` ("" when the page has none). ``factor``: FP8 peak / BF16 peak of these chips."""

    fp8: str
    format: str
    chip: str = ""
    factor: float = FP8_PER_BF16

    @property
    def bf16(self) -> str:
        return f"{self.fp8}_bf16"

    def names(self) -> tuple[str, ...]:
        """Every input of the basis: the chip, the choice and both MFU rows."""
        return tuple(n for n in (self.chip, self.format, self.fp8, self.bf16) if n)

    def basis(self, values: Mapping[str, Value], tables: Tables) -> str:
        """FP8 or BF16: the choice, or BF16 for a chip without FP8 units.

        >>> b = MfuBasis("mfu", "precision", "gpu")
        >>> b.basis({"gpu": "H800", "precision": "FP8"}, tables)
        'FP8'
        >>> b.basis({"gpu": "A100", "precision": "FP8"}, tables)
        'BF16'
        """
        if self.chip and not has_fp8(tables, str(values[self.chip])):
            return BF16
        return BF16 if str(values[self.format]) == BF16 else FP8

    def mfu(self, values: Mapping[str, Value], tables: Tables) -> str:
        """The name of the MFU input the basis in use reads."""
        return self.fp8 if self.basis(values, tables) == FP8 else self.bf16

    def unused(self, values: Mapping[str, Value], tables: Tables) -> str:
        """The name of the MFU input the basis in use does not read."""
        return self.bf16 if self.basis(values, tables) == FP8 else self.fp8

    def unread(self, values: Mapping[str, Value], tables: Tables) -> frozenset[str]:
        """The inputs of the basis a scenario does not read: the other basis's MFU, and the
        choice itself on a chip without FP8 (it can only be BF16 there)."""
        out = {self.unused(values, tables)}
        if self.chip and not has_fp8(tables, str(values[self.chip])):
            out.add(self.format)
        return frozenset(out)

    def normalize(self, values: Mapping[str, Value], tables: Tables) -> dict[str, Value]:
        """``values`` with the choice showing the basis in use (BF16 on a chip without FP8).

        >>> MfuBasis("mfu", "precision", "gpu").normalize(
        ...     {"gpu": "A100", "precision": "FP8"}, tables
        ... )["precision"]
        'BF16'
        """
        out = dict(values)
        if self.format in out and self.chip in out:
            out[self.format] = self.basis(out, tables)
        return out

    def upgrade(
        self,
        query: Mapping[str, Sequence[str]],
        assumptions: Mapping[str, Assumption],
        tables: Tables,
    ) -> Upgraded:
        """The link as the page reads it now, with a note for what is read another way.

        A link that gives ``fp8`` a usable value and no ``<fp8>_bf16``, on the BF16 basis (the
        choice BF16, or a chip without FP8), was made when ``fp8`` was the MFU against the
        peak the page showed: it is read as ``<fp8>_bf16``. A link that asks for FP8 on a chip
        without it is told the basis is BF16.

        >>> from aicost.inputs.assumptions import resolve
        >>> b = MfuBasis("mfu", "precision", "gpu")
        >>> up = b.upgrade({"precision": ["BF16"], "mfu": ["40"]}, resolve(tables), tables)
        >>> up.query, dict(up.moved)
        ({'precision': ['BF16'], 'mfu_bf16': ['40']}, {'mfu': 'mfu_bf16'})
        >>> print(up.notes[0].reason)
        40.0% is read against the BF16 peak this link uses (now mfu_bf16); mfu is the MFU
        against the FP8 peak
        >>> b.upgrade({"gpu": ["A100"], "precision": ["FP8"]}, resolve(tables), tables).notes
        (ParamNote(name='precision', reason='the A100 has no FP8 units; its peak and MFU are
        stated in BF16'),)
        """
        out = {k: list(v) for k, v in query.items()}
        notes: list[ParamNote] = []
        moved: dict[str, str] = {}
        chip = (
            str(check_value(assumptions[self.chip], out.get(self.chip, []))[0]) if self.chip else ""
        )
        choice = str(check_value(assumptions[self.format], out.get(self.format, []))[0])
        no_fp8 = bool(chip) and not has_fp8(tables, chip)
        if no_fp8 and out.get(self.format) and choice == FP8:
            notes.append(
                ParamNote(
                    self.format, f"the {chip} has no FP8 units; its peak and MFU are stated in BF16"
                )
            )
        basis = BF16 if no_fp8 else choice
        raws = out.get(self.fp8, [])
        if basis == BF16 and raws and self.bf16 not in out:
            a = assumptions[self.fp8]
            value, problem = check_value(a, raws)
            if problem is None:
                del out[self.fp8]
                out[self.bf16] = raws[-1:]
                moved[self.fp8] = self.bf16
                shown = a.show(value)
                notes.append(
                    ParamNote(
                        self.fp8,
                        f"{shown} is read against the BF16 peak this link uses (now "
                        f"{self.bf16}); {self.fp8} is the MFU against the FP8 peak",
                    )
                )
        return Upgraded(out, tuple(notes), moved)
