"""The security review, held by tests: no raw HTML, XSRF on, data and link text never rendered
as markup, download names never from the link. (The container's non-root user is checked in
tests/properties/test_deploy.py.)"""

from __future__ import annotations

import ast
import csv
import io
import re
import shutil
import tomllib

import pytest

from aicost.base.data import SCHEMAS
from aicost.site import BY_PATH
from aicost.ui.style import TOUCH_CSS
from tests.apptest import open_page
from tests.conftest import DATA, ROOT
from tests.properties.linkfuzz import PAGES, screen_problems

APP_SOURCES = sorted(
    [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "aicost").rglob("*.py")]
)
#: What would render the app's or a visitor's text as HTML, or run it in the page.
RAW_HTML = re.compile(r"unsafe_allow_html|\bst\.html\(|components\.v1|components\.html|\.iframe\(")
#: Text columns whose cells reach the page (labels, quotes, sources), poisoned below.
POISONED = {"label", "detail", "source_name", "quote", "counts"}
PAYLOAD = (
    " [x](javascript:alert(1)) ![](http://example.invalid/x.png) <img src=x onerror=alert(1)>"
    " <a href='javascript:alert(2)'>a</a> <script>alert(3)</script> **b** $x$"
)


#: The one raw-HTML call the app makes: a constant style block (no data, no link text in it).
STYLE_ONLY = "st.html(TOUCH_CSS)"


def test_no_raw_html_anywhere_in_the_app():
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in APP_SOURCES
        for n, line in enumerate(path.read_text().splitlines(), start=1)
        if RAW_HTML.search(line) and line.strip() != STYLE_ONLY
    ]
    assert APP_SOURCES and not found, found


def test_the_style_block_is_a_constant_with_no_data_in_it():

    assert isinstance(TOUCH_CSS, str) and TOUCH_CSS.startswith("<style>")
    assert TOUCH_CSS.endswith("</style>") and TOUCH_CSS.count("<") == 2


def test_xsrf_and_cross_site_protection_are_on_in_the_config():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    assert config["server"]["enableXsrfProtection"] is True
    assert config["server"]["enableCORS"] is True


def _download_names() -> list[tuple[str, ast.expr]]:
    calls = []
    for path in APP_SOURCES:
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "download_button":
                name = next((k.value for k in node.keywords if k.arg == "file_name"), None)
                calls.append((f"{path.relative_to(ROOT)}:{node.lineno}", name))
    return calls


def test_download_file_names_come_from_the_site_map_and_schemas_not_the_link():
    """Every download's file name is literal text around a page name, a data file name or a
    release id (``p.slug``: the page record's name; ``file``: one of ``aicost.base.data.SCHEMAS``;
    ``shown.id``: a release of the index), never a value read from the link or a widget."""
    calls = _download_names()
    assert len(calls) >= 3
    for where, name in calls:
        assert isinstance(name, ast.JoinedStr), f"{where}: file_name is not an f-string"
        parts = [v.value for v in name.values if isinstance(v, ast.FormattedValue)]
        # shown.id: the data release shown, an id of the release index (never the raw link)
        assert all(
            ast.unparse(p) in {"p.slug", "file", "shown.id", "r.release.id"} for p in parts
        ), f"{where}: file_name uses {[ast.unparse(p) for p in parts]}"
        literal = "".join(v.value for v in name.values if isinstance(v, ast.Constant))
        assert re.fullmatch(r"deepseek-cost--?[a-z-]*\.(csv|json|html)", literal), literal


def _poison(folder):
    for file, schema in SCHEMAS.items():
        path = folder / f"{file}.csv"
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        header = rows[0]
        for row in rows[1:]:
            for col in schema.columns:
                i = header.index(col.name)
                if col.name in POISONED and row and row[i]:
                    row[i] = row[i] + PAYLOAD
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(r for r in rows if r)
        path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.parametrize(("script", "_page"), PAGES, ids=[p or "overview" for _s, p in PAGES])
def test_data_text_is_never_rendered_as_markup(script, _page, tmp_path, monkeypatch):
    """Every label, quote, source name and description cell carries a markdown link, an
    image and HTML; each page shows them as text (escaped), never as a link, image or tag,
    in its first view and with every tab at its last one."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    _poison(folder)
    monkeypatch.setenv("AICOST_DATA_DIR", str(folder))
    last_tabs = {param: labels[-1] for param, labels in BY_PATH[_page].views.items()}
    for link in ({}, last_tabs) if last_tabs else ({},):
        at = open_page(script, link)
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value[:300] for e in at.error]
        assert not screen_problems(at), link
