"""Every Streamlit internal the app relies on (aicost/ui/coupling.py) still holds on the
installed Streamlit. An upgrade (requirements.txt pins the version) fails here first, loudly,
instead of silently breaking the numbers-first signal, the phone CSS or the link checks."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
from pathlib import Path

import streamlit as st
import streamlit.delta_generator as delta_generator
from streamlit import config
from streamlit.testing.v1 import AppTest

from aicost.ui import assist, paint, style
from aicost.ui.coupling import KEY_CLASS_PREFIX, PLOTLY_CAMERA, PLOTLY_GRAPH, TESTIDS
from aicost.ui.style import BACKGROUND, TOUCH_CSS
from tests.conftest import ROOT

STATIC = Path(st.__file__).parent / "static"


def _frontend() -> str:
    return "\n".join(p.read_text(errors="ignore") for p in STATIC.rglob("*.js"))


def test_the_pinned_version_is_the_installed_one():
    pinned = re.search(r"^streamlit==(\S+)$", (ROOT / "requirements.txt").read_text(), re.M)
    assert pinned and pinned.group(1) == st.__version__, (
        "Streamlit changed: re-check every item of aicost/ui/coupling.py, then update the pin"
    )


def test_the_frontend_still_has_every_test_id_the_css_and_js_read():
    code = _frontend()
    missing = [t for t in TESTIDS if not re.search(rf"(?<![A-Za-z]){t}(?![A-Za-z])", code)]
    assert not missing, missing
    assert KEY_CLASS_PREFIX in code, "a keyed container's CSS class"


def test_every_test_id_the_css_and_js_read_is_in_the_list_checked_above():
    """A selector added to a script or a style sheet is checked on upgrade too."""
    texts = [assist._script(assist._JS), assist._script(assist._HEARD_JS)]
    texts += [v for m in (style, paint) for v in vars(m).values() if isinstance(v, str)]
    read = {t for text in texts for t in re.findall(r"data-testid=\\?[\"']?(st[\w-]+)", text)}
    assert {"stMetricValue", "stSliderThumbValue", "stHorizontalBlock"} <= read
    assert read <= set(TESTIDS), read - set(TESTIDS)


def test_the_apis_the_app_calls_take_the_arguments_it_passes():
    for widget in (st.slider, st.number_input, st.toggle, st.radio, st.segmented_control,
                   st.text_input, st.tabs):  # fmt: skip
        assert "bind" in inspect.signature(widget).parameters, widget
    for lazy in (st.tabs, st.expander):
        assert {"on_change", "key"} <= set(inspect.signature(lazy).parameters), lazy
    assert callable(st.components.v2.component)
    for name in ("url", "is_embedded", "theme"):
        assert hasattr(type(st.context), name), name
    assert config.get_option("runner.postScriptGC") is not None
    assert {"routes", "middleware"} <= set(inspect.signature(st.App).parameters)


def test_stop_inside_a_fragment_stops_the_whole_run(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st\n"
        "@st.fragment\n"
        "def part():\n"
        "    st.write('inside')\n"
        "    st.stop()\n"
        "part()\n"
        "st.write('after')\n"
    )
    at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["inside"]


def test_a_bound_widgets_parameter_cannot_be_written_on_a_rerun(tmp_path):
    script = tmp_path / "app.py"
    script.write_text(
        "import streamlit as st\n"
        "from streamlit.errors import StreamlitAPIException\n"
        "st.number_input('n', key='n', bind='query-params', value=1.0)\n"
        "try:\n"
        "    st.query_params['n'] = '2'\n"
        "    st.write('written')\n"
        "except StreamlitAPIException:\n"
        "    st.write('refused')\n"
    )
    at = AppTest.from_file(str(script)).run()
    assert [m.value for m in at.markdown] == ["refused"]


def test_plotlys_camera_button_copies_the_figure_as_its_click_starts():
    """aicost.ui.assist hands the camera button a figure made for a slide, in the click's
    capture phase, and puts the page's back after: plotly must find the button and the graph
    by these names and copy the graph's data, layout and context as its handler starts."""
    code = "\n".join(p.read_text(errors="ignore") for p in STATIC.rglob("PlotlyChart*.js"))
    assert code, "Streamlit's plotly bundle moved"
    title = re.search(r'data-title\^="([^"]+)"', PLOTLY_CAMERA)
    assert title and f"{title.group(1)} as a PNG" in code and "modebar-btn" in code
    assert PLOTLY_GRAPH.lstrip(".") in code
    assert re.search(r"\.toImageButtonOptions,\w=\{format:\w\.format\|\|`png`\}", code)
    # to_image: data, layout and context copied at once, before anything is drawn
    copy = (
        r"(\w)\.extendDeep\(\[\],(\w)\.data\),\w=\1\.extendDeep\(\{\},\2\.layout\),\w=\2\._context"
    )
    assert re.search(copy, code)


def test_the_themes_backgrounds_and_the_headers_height_are_the_result_bars():
    """The phone's result bar (aicost.ui.style) sticks under Streamlit's header on the app's
    background: both themes' default backgrounds and the header's height are Streamlit's."""
    code = _frontend()
    for colour in BACKGROUND.values():
        assert f"bgColor:`{colour}`" in code, colour
    assert "headerHeight:`3.75rem`" in code
    assert "top: 3.75rem" in TOUCH_CSS


def test_the_direct_run_check_is_still_a_once_per_process_flag():
    """aicost.ui.skip_direct_run_check sets the flag Streamlit's first-element check reads."""
    assert hasattr(delta_generator, "_use_warning_has_been_displayed")
    source = inspect.getsource(delta_generator._maybe_print_use_warning)
    assert "if not _use_warning_has_been_displayed" in source
    assert "is_repl()" in source, "the check that walks the stack"


def test_the_servers_app_skips_the_direct_run_check():
    code = (
        "import runpy, streamlit.delta_generator as d\n"
        "assert not d._use_warning_has_been_displayed\n"
        "runpy.run_path('app.py', run_name='app')\n"
        "print(d._use_warning_has_been_displayed)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.stdout.strip().splitlines()[-1] == "True", out.stderr[-1500:]
