"""Drawing pages: the only part of the package that imports streamlit.

A page script draws its frame (:func:`page`), its inputs (:func:`widget`), asks for its result
(:func:`result`: the page's computation in :mod:`aicost.pages`, one object with every number
and sentence it shows) and renders it: :func:`metrics`, :func:`finding`, :func:`charts` and
:func:`tabs`, :func:`change_panel`, :func:`share_box`. By concern:

- :mod:`~aicost.ui.shell`: what every page is drawn in; the link read once; a calculator as a
  fragment; :func:`stop_with_warning`.
- :mod:`~aicost.ui.widgets`: one widget per declared assumption, bound to the link; presets,
  Reset and the change panel's Default buttons.
- :mod:`~aicost.ui.basis`: an MFU stated against the FP8 or the BF16 peak, converted with it.
- :mod:`~aicost.ui.results`: the page's result and its figures, finding, notes, change panel.
- :mod:`~aicost.ui.figures`: charts, tabs and tables made only once opened.
- :mod:`~aicost.ui.share`: the share box (link, embed, citations, downloads).
- :mod:`~aicost.ui.pair`: a second scenario of the page beside the first, in one link.
- :mod:`~aicost.ui.paint`: a session's first page draws its numbers first (its rules).
- :mod:`~aicost.ui.release_notes`: the release line under a title; /data's releases.
- :mod:`~aicost.ui.session`: what a session keeps, and each release's data loaded once.
- :mod:`~aicost.ui.style` and :mod:`~aicost.ui.coupling`: the CSS, and the Streamlit internals
  it and the rest rely on.
"""

from aicost.ui.basis import mfu_inputs
from aicost.ui.coupling import skip_direct_run_check
from aicost.ui.figures import (
    chart,
    charts,
    lazy_expander,
    lazy_sourced_table,
    lazy_static_table,
    sourced_table,
    tabs,
)
from aicost.ui.paint import rest_after_numbers
from aicost.ui.pair import pair_box
from aicost.ui.release_notes import DATA_PAGE, page_link, releases_section
from aicost.ui.results import (
    change_panel,
    finding,
    heading,
    metrics,
    notes,
    result,
    result_bar,
    result_bar_place,
    says,
)
from aicost.ui.session import release_folder, shown_release
from aicost.ui.share import share_box, source_link
from aicost.ui.shell import calculator, page, stop_with_warning
from aicost.ui.style import INPUTS_LAST, RESULTS_FIRST
from aicost.ui.widgets import convert_basis, day, follow_chip, preset_buttons, widget

__all__ = [
    "skip_direct_run_check",
    "DATA_PAGE",
    "INPUTS_LAST",
    "RESULTS_FIRST",
    "calculator",
    "change_panel",
    "chart",
    "charts",
    "convert_basis",
    "day",
    "finding",
    "follow_chip",
    "heading",
    "lazy_expander",
    "lazy_sourced_table",
    "lazy_static_table",
    "metrics",
    "mfu_inputs",
    "notes",
    "page",
    "page_link",
    "pair_box",
    "preset_buttons",
    "release_folder",
    "releases_section",
    "rest_after_numbers",
    "result",
    "result_bar",
    "result_bar_place",
    "says",
    "share_box",
    "shown_release",
    "source_link",
    "sourced_table",
    "stop_with_warning",
    "tabs",
    "widget",
]
