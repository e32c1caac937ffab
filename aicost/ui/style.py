"""The app's own CSS, and the keys of the blocks it places: one style block a page, no layout
drawn here. Its selectors use Streamlit's test ids (:mod:`aicost.ui.coupling`)."""

from __future__ import annotations

from aicost.ui.coupling import KEY_CLASS_PREFIX as KEY
from aicost.ui.coupling import MARKDOWN, PAGE_LINK, WRAPPER

#: A container with this key is shown before the other columns of its row on a phone: the
#: results above the inputs.
RESULTS_FIRST = "results_first"
#: The pages menu drawn above the title on a phone, instead of the sidebar.
PHONE_NAV = "phone_nav"
#: A container with this key goes after its siblings on a phone: a page's inputs under the
#: results they set, where the inputs and results are not two columns.
INPUTS_LAST = "inputs_last"
#: A page's result in a few words, kept in view at the top of a phone's screen while the
#: reader scrolls to the inputs that change it (:func:`aicost.ui.result_bar`); not drawn on a
#: wider screen, where the headline figures sit beside the inputs.
RESULT_BAR = "result_bar"
#: The result bar's background per theme: the app's own (Streamlit's defaults: the theme in
#: .streamlit/config.toml sets none), so the page scrolls under it unseen.
BACKGROUND = {"light": "#FFFFFF", "dark": "#171614"}
#: The browser-side help every page mounts (:mod:`aicost.ui.assist`; its keys start with
#: this): out of the flow of the page, so it takes no room.
ASSIST = "aicost_assist"

#: On touch screens plotly's toolbar, once shown by a tap, stays on top of the chart's title;
#: a phone has no use for its PNG and reset buttons. On a narrow screen the columns stack,
#: and a row holding a RESULTS_FIRST container stacks in reverse. A style-only st.html
#: takes no space on the page. On a touch screen the "?" help icons (16 px) get a tap target
#: of at least 24 x 24 CSS px, the minimum of WCAG 2.5.8.
TOUCH_CSS = (
    "<style>@media (hover: none) { .modebar-container { display: none !important; }"
    " [data-testid='stTooltipHoverTarget'] > button"
    " { min-width: 24px; min-height: 24px; justify-content: center; } }"
    "@media (max-width: 640px) { div[data-testid='stHorizontalBlock']"
    f":has(> div[data-testid='stColumn'] .{KEY}{RESULTS_FIRST})"
    " { flex-direction: column-reverse; }"
    # the keyed block sits in a layout wrapper: the wrapper is what its parent orders
    f" div[data-testid='stLayoutWrapper']:has(> .{KEY}{INPUTS_LAST}) {{ order: 1; }} }}"
    # Streamlit's sidebar becomes an overlay at 768 px and below (its "md" breakpoint)
    f"@media (min-width: 769px) {{ .{KEY}{PHONE_NAV} {{ display: none; }} }}"
    # the result bar sticks under Streamlit's header (3.75rem) on a phone, and is not drawn
    # on a wider screen (its layout wrapper neither: no gap is left)
    f"@media (max-width: 640px) {{ div[data-testid='{WRAPPER}']:has(> .{KEY}{RESULT_BAR})"
    " { position: sticky; top: 3.75rem; z-index: 90; }"
    f" .{KEY}{RESULT_BAR} {{ padding: 0.4rem 0.25rem; border-bottom: 1px solid"
    " rgba(128, 128, 128, 0.4); } }"
    f"@media (min-width: 641px) {{ div[data-testid='{WRAPPER}']:has(> .{KEY}{RESULT_BAR})"
    " { display: none; } }"
    f"[class*='{KEY}{ASSIST}'] {{ position: absolute; width: 1px; height: 1px;"
    " overflow: hidden; }"
    # a page link under the keyboard gets a ring of the text's colour: Streamlit marks it with
    # the same faint grey background as the current page's link
    f" a[data-testid='{PAGE_LINK}']:focus-visible {{ outline: 2px solid currentColor;"
    " outline-offset: 2px; }"
    # a section's heading inside a page's part (aicost.ui.heading): a heading to a screen
    # reader, at the size of a panel's title (Streamlit draws an h3 at 1.75rem)
    f" [data-testid='{MARKDOWN}'] h3 {{ font-size: 1.25rem; padding: 0.5rem 0 0 0; }}"
    f" [data-testid='{MARKDOWN}'] h4 {{ font-size: 1.05rem; padding: 0.25rem 0 0 0; }}"
    # a table of figures (a scenario beside the defaults, or beside a second one) in a narrow
    # column: cells as tight as a metric's caption, so four columns fit the results column
    # from a 960 px window with the sidebar open (at 900 px they took 100 px more than it, now 39)
    f" [data-testid='{MARKDOWN}'] :is(th, td) {{ padding: 0.25rem 0.5rem; font-size: 0.875rem; }}"
    "@media (max-width: 768px) { section[data-testid='stSidebar'],"
    " [data-testid='stExpandSidebarButton'] { display: none !important; } }</style>"
)
