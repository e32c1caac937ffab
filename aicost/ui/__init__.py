"""Page furniture: the only part of the package that imports streamlit.

Pages call these helpers so that no page copies a slider block, a loader or a link box. By
concern:

- :mod:`~aicost.ui.site`: the site map (:data:`PAGES`), each page's views, own link
  parameters and data files. No widget is drawn there.
- :mod:`~aicost.ui.session`: each release's data, loaded once per server; the release a
  session's page shows (:func:`tables`, :func:`shown_release`).
- :mod:`~aicost.ui.shell`: what every page is drawn in (:func:`page`), the notes on what a
  link had that the page ignored (:func:`link_notes`), a calculator as a fragment
  (:func:`calculator`), :func:`stop_with_warning`.
- :mod:`~aicost.ui.widgets`: one widget from an :class:`~aicost.inputs.assumptions.Assumption`,
  bound to the link (:func:`widget`); presets, Reset, the change panel.
- :mod:`~aicost.ui.share`: the share box (link, embed, citations, downloads).
- :mod:`~aicost.ui.paint`: a session's first page draws its numbers first, the rest once
  the browser has painted them (:func:`numbers_only`, :func:`rest_after_numbers`).
- :mod:`~aicost.ui.figures`: :func:`chart` (a plotly chart with its PNG named, its place
  held in a numbers-only run), tables with sources, lazy tabs and
  expanders (content made only once opened).
- :mod:`~aicost.ui.release_notes`: the release line under a page's title, and /data's list
  of releases.
"""

from aicost.ui.figures import (
    PLOTLY_CONFIG_BASE,
    chart,
    lazy_expander,
    lazy_sourced_table,
    lazy_static_table,
    lazy_tabs,
    sourced_table,
    views,
)
from aicost.ui.paint import PAINTED, SIGNAL_KEY, numbers_only, rest_after_numbers
from aicost.ui.release_notes import release_line, releases_section, static_url
from aicost.ui.session import (
    load_tables,
    per_release,
    release_folder,
    releases,
    releases_dir,
    shared,
    shown_release,
    tables,
)
from aicost.ui.share import (
    address_link,
    citation,
    copy_button,
    page_title,
    scenario_rows,
    share_box,
    share_link,
    source_link,
)
from aicost.ui.shell import (
    at_defaults,
    calculator,
    embedded,
    finding,
    link_notes,
    navigation,
    page,
    pick_release,
    stop_with_warning,
)
from aicost.ui.site import (
    CALCULATORS,
    DATA_PAGE,
    FAVICON,
    INPUTS_LAST,
    INTROS,
    NUMBERS_FIRST,
    PAGE_FILES,
    PAGES,
    PARAMS,
    PHONE_NAV,
    RESULTS_FIRST,
    SITE_TITLE,
    TOUCH_CSS,
    VIEWS,
    declared_params,
    page_params,
)
from aicost.ui.widgets import (
    apply_preset,
    change_panel,
    link_value,
    preset_buttons,
    quick_values,
    reset_to_defaults,
    undo_change,
    widget,
)

__all__ = [
    "CALCULATORS",
    "DATA_PAGE",
    "FAVICON",
    "INTROS",
    "PAGES",
    "PAGE_FILES",
    "PARAMS",
    "PLOTLY_CONFIG_BASE",
    "INPUTS_LAST",
    "NUMBERS_FIRST",
    "PAINTED",
    "SIGNAL_KEY",
    "PHONE_NAV",
    "RESULTS_FIRST",
    "SITE_TITLE",
    "TOUCH_CSS",
    "VIEWS",
    "address_link",
    "apply_preset",
    "at_defaults",
    "calculator",
    "change_panel",
    "chart",
    "citation",
    "copy_button",
    "declared_params",
    "embedded",
    "finding",
    "lazy_expander",
    "lazy_sourced_table",
    "lazy_static_table",
    "lazy_tabs",
    "link_notes",
    "link_value",
    "load_tables",
    "navigation",
    "numbers_only",
    "page",
    "page_params",
    "page_title",
    "per_release",
    "pick_release",
    "preset_buttons",
    "quick_values",
    "release_folder",
    "release_line",
    "releases",
    "releases_dir",
    "releases_section",
    "reset_to_defaults",
    "rest_after_numbers",
    "scenario_rows",
    "shared",
    "share_box",
    "share_link",
    "shown_release",
    "sourced_table",
    "source_link",
    "static_url",
    "stop_with_warning",
    "tables",
    "undo_change",
    "views",
    "widget",
]
