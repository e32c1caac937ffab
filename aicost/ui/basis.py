"""Drawing an MFU stated against the FP8 or the BF16 peak (:mod:`aicost.inputs.basis`): the
chip, the choice of basis and the MFU of the basis in use, converted when the basis changes."""

from __future__ import annotations

import streamlit as st

from aicost.base.gpus import has_fp8
from aicost.inputs import assumptions as asm
from aicost.inputs.basis import BF16, FP8, MfuBasis
from aicost.ui.paint import numbers_only
from aicost.ui.session import tables
from aicost.ui.widgets import convert_basis, follow_chip, widget


def mfu_inputs(b: MfuBasis) -> dict[str, asm.Value]:
    """Draw the chip (if the page has one), the choice of basis and the MFU of the basis in
    use; their values. On a chip without FP8 units the choice shows BF16, its only basis."""
    values: dict[str, asm.Value] = {}
    chip = ""
    if b.chip:
        values[b.chip] = widget(b.chip, on_change=follow_chip(b.chip, b.format, b.fp8, b.factor))
        chip = str(values[b.chip])
    fp8_ok = not chip or has_fp8(tables(), chip)
    if not fp8_ok and not numbers_only() and st.session_state.get(b.format) == FP8:
        st.session_state[b.format] = BF16  # a Default button put FP8 back on an A100
    values[b.format] = widget(
        b.format,
        on_change=convert_basis(b.fp8, b.factor, b.format),
        # its only option, not greyed out: a disabled radio's text fails WCAG contrast
        options=() if fp8_ok else (BF16,),
        note="" if fp8_ok else f"The {chip} has no FP8 units: BF16 is its only basis.",
    )
    name = b.mfu(values, tables())
    values[name] = widget(name)
    return values
