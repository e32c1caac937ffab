"""What the link fuzz needs: every page's link parameters, found from the app, hostile values
for them, and what a page may never show.

The parameters are not listed here. For each page they are

* every widget bound to the URL (``bind="query-params"``) that the page draws, found by running
  it in AppTest (once plain, then once per option of each bound choice, so inputs that appear
  only for another route are found too, and once per option of a choice that only such a view
  draws), tabs included;
* what the page's link notes know: its assumptions (``aicost.inputs.assumptions``), its tabs
  (``aicost.ui.VIEWS``) and its declared page parameters (``aicost.ui.PARAMS``, ``"*"`` for
  every page's);
* the parameters every page reads outside widgets, from ``aicost.inputs.urlstate.SITE_PARAMS`` (the
  data release ``rel``, read by ``ui.page``), Streamlit's own embedding ones aside;
* names no page has.

So a parameter added later is fuzzed without editing a test, and a bound widget that the link
notes do not know, or a known parameter no view draws, fails the fuzz's first test.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Iterator, Sequence

from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.element_tree import Toggle

from aicost.base.release import Store
from aicost.inputs import assumptions as asm
from aicost.inputs import urlstate
from aicost.site import BY_PATH
from aicost.site import PAGES as SITE_PAGES
from tests.apptest import open_page, paint
from tests.conftest import RELEASES

#: Release 1's data: a fuzzed link carries page parameters and (unless it fuzzes rel) no rel,
#: so it opens on release 1; the notes' names do not depend on the release's defaults.
TABLES = Store(RELEASES).tables("1")

#: (script, page name) of every page; the page name is its URL path ("" for the overview).
PAGES: tuple[tuple[str, str], ...] = tuple((p.script, p.path) for p in SITE_PAGES)
NOTE_HEAD = "Some values in this link were ignored"

#: Hostile values, by kind; each kind is sent to every parameter of every page.
HOSTILE: dict[str, tuple[str, ...]] = {
    "empty": ("",),
    "whitespace": (" ", "\t", " 3 ", "\u00a0", "\u2003"),
    "unicode digits": ("٣", "３", "²", "𝟑", "߃"),
    "html": ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "<b>bold</b>"),
    "javascript": ("javascript:alert(1)", "JaVaScRiPt:alert(document.cookie)"),
    "markdown": (
        "[x](javascript:alert(1))",
        "![](http://example.invalid/x.png)",
        "[click](http://example.invalid/)",
        "**bold** _it_ `code` $x^2$",
    ),
    "10 KB": ("9" * 10_240, "<" * 10_240, "a" * 10_240),
    "nan": ("nan", "NaN", "-nan"),
    "inf": ("inf", "-inf", "Infinity", "-Infinity"),
    "1e309": ("1e309", "-1e309", "1" + "0" * 400),
    "negative": ("-1", "-0", "-1e9", "-0.0001"),
    "wrong type": ("abc", "true", "1,000", "0x10", "1_000", "None", "[]", "{}", "null"),
}
#: Link parameter names no page has (hostile ones included).
UNKNOWN_NAMES = (
    "zz", "PRICE", "<b>x</b>", "[x](javascript:alert(1))", "a" * 300, "q2", "rel_", "file[]",
)  # fmt: skip

#: Markdown that would render as a link, an image or HTML: not backslash-escaped. (Streamlit
#: also escapes raw HTML in markdown, which the app never allows.)
_MARKUP = re.compile(
    r"(?<!\\)\]\(\s*(javascript:|https?://example\.invalid)|(?<!\\)!(?<!\\)\["
    r"|(?<!\\)<\s*/?\s*(script|img|svg|iframe|a)\b",
    re.IGNORECASE,
)
#: The share box's embed snippet (our own HTML, shown as code) and its address.
_OWN_SNIPPET = re.compile(r'^\{?"?(text"?:\s*")?<iframe src=\\?"')
_SRC = re.compile(r'src=\\?"([^"\\]*)')
_SAFE_SRC = re.compile(r"^[A-Za-z0-9/_.:?=&;%+\-]*$")
#: In a chart's text, which plotly renders as HTML (its own <b> and <br> aside): a tag that
#: would make a link, an image or a script. Markdown means nothing to plotly.
_CHART_MARKUP = re.compile(r"<\s*/?\s*(script|img|svg|iframe|a)\b", re.IGNORECASE)
#: A number that is not one, as a person would see it.
_NOT_A_NUMBER = re.compile(r"(?<![A-Za-z])(nan|inf|infinity)(?![A-Za-z])", re.IGNORECASE)
#: Proto fields that hold a widget's value (the visitor's own text), not what the page says.
_VALUE_FIELDS = {"value", "default", "raw_value", "set_value", "id", "query_param_key"}


# ------------------------------------------------------------------------------------------
# the parameters
# ------------------------------------------------------------------------------------------


def _query_keys(message: object, depth: int = 0) -> Iterator[str]:
    """``query_param_key`` of a proto and of its set sub-messages (a tab container's)."""
    fields = getattr(message, "ListFields", None)
    if fields is None or depth > 2:
        return
    for desc, value in fields():
        if desc.name == "query_param_key" and value:
            yield str(value)
        elif desc.message_type is not None and not isinstance(value, Sequence):
            yield from _query_keys(value, depth + 1)


def _nodes(node: object) -> Iterator[object]:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def bound_widgets(at: AppTest) -> dict[str, object]:
    """Every widget (and tab container) of the run bound to a URL parameter, by parameter."""
    found: dict[str, object] = {}
    for node in _nodes(at._tree):
        for key in _query_keys(getattr(node, "proto", None)):
            found.setdefault(key, node)
    return found


def _choices(node: object) -> list[str]:
    """The link values that show another view of the page: each option of a bound choice or
    tab, the other state of a toggle (an electricity toggle draws its own inputs)."""
    if isinstance(node, Toggle):
        return ["false" if node.value else "true"]
    options = getattr(node, "options", None)
    if not options:
        return []
    shown = str(getattr(node, "value", None))  # the plain run drew that one already
    return [o for o in (str(getattr(o, "content", o)) for o in options) if o != shown]


#: The kinds of element an assumption is drawn as (``ui.widget``).
INPUT_KINDS = ("slider", "number_input", "toggle", "radio")


@functools.cache
def _discover(script: str) -> tuple[frozenset[str], frozenset[str]]:
    """Open the page plain, then in each view its bound choices and toggles lead to: the
    parameters of its URL-bound widgets, and the keys of the inputs it drew."""
    bound: set[str] = set()
    inputs: set[str] = set()

    def read(at: AppTest) -> dict[str, object]:
        assert not at.exception, (script, [e.value for e in at.exception])
        found = bound_widgets(at)
        bound.update(found)
        inputs.update(str(w.key) for kind in INPUT_KINDS for w in at.get(kind))
        return found

    plain = read(open_page(script))
    for key, node in plain.items():
        for option in _choices(node):
            found = read(open_page(script, {key: option}))
            # a choice that only this view draws (the MFU's basis, on the compute route) leads
            # to inputs of its own: each of its options, with this one
            for inner, inner_node in found.items():
                if inner in plain:
                    continue
                for inner_option in _choices(inner_node):
                    read(open_page(script, {key: option, inner: inner_option}))
    return frozenset(bound), frozenset(inputs)


def discovered(script: str) -> frozenset[str]:
    """The URL-bound widgets a page draws: plain, then with each option of its bound choices
    and the other state of each bound toggle."""
    return _discover(script)[0]


def inputs_drawn(script: str) -> frozenset[str]:
    """The keys of the sliders, number inputs, toggles and radios the page draws (bound or
    not), in the same views as :func:`discovered`."""
    return _discover(script)[1]


def declared(page: str) -> dict[str, object]:
    """What the page's link notes know: assumptions, tabs and page parameters, by name."""
    known: dict[str, object] = {a.name: a for a in asm.for_page(page, TABLES)}
    known.update(BY_PATH[page].views)
    known.update({p.name: p for p in BY_PATH[page].params})
    return known


#: Parameters every page reads that are not widgets (the data release), from the app's list.
SITE_PARAMS = sorted(urlstate.SITE_PARAMS - urlstate.RESERVED)


def params(script: str, page: str) -> list[str]:
    """Every parameter the fuzz feeds on this page."""
    return sorted(set(discovered(script)) | set(declared(page)) | set(SITE_PARAMS))


def valid_extremes(page: str, name: str) -> list[str]:
    """Values the parameter accepts at its edges, and near misses just past them."""
    spec = declared(page).get(name)
    if isinstance(spec, asm.Assumption):
        if spec.kind == "toggle":
            return ["true", "false", "TRUE", "yes", "1"]
        if spec.kind == "choice":
            return [*spec.options, spec.options[-1].upper(), f" {spec.options[0]}"]
        lo, hi, step = float(spec.min), float(spec.max), float(spec.step)
        return [f"{v:.12g}" for v in (lo, hi, lo - step, hi + step, hi * 10, lo + step / 3)]
    if isinstance(spec, urlstate.PageParam):
        return [*spec.options, *(o.upper() for o in spec.options), "H800", "v3_"]
    if isinstance(spec, tuple):  # a tab: its labels
        return [*spec, spec[-1].lower(), f"{spec[0]} "]
    return ["1", "2", "x"]  # the data release: ids are small whole numbers


def matrix(names: Sequence[str]) -> Iterator[tuple[str, dict[str, list[str]]]]:
    """Links that give every parameter every kind of hostile value, once alone and once
    repeated, with an unknown parameter beside them: (kind, link) pairs.

    The values of a kind take turns over the parameters, and a link is split when it would
    pass Streamlit's limit (a query string over 512 Ki characters is dropped whole).
    """
    for k, (kind, values) in enumerate(HOSTILE.items()):
        for repeated in (False, True):
            link: dict[str, list[str]] = {UNKNOWN_NAMES[k % len(UNKNOWN_NAMES)]: [values[0]]}
            size = 0
            for i, name in enumerate(names):
                value = values[i % len(values)]
                raws = [value, values[(i + 1) % len(values)]] if repeated else [value]
                size += sum(3 * len(r) + len(name) + 2 for r in raws)
                if size > 256 * 1024:
                    yield kind, link
                    link, size = {}, 0
                link[name] = raws
            yield f"{kind}{', repeated' if repeated else ''}", link


# ------------------------------------------------------------------------------------------
# what the page shows
# ------------------------------------------------------------------------------------------


def notes(at: AppTest) -> dict[str, str]:
    """The link notes on the page: parameter (as shown) -> reason."""
    shown: dict[str, str] = {}
    for warning in at.warning:
        if warning.value.startswith(NOTE_HEAD):
            for line in warning.value.splitlines()[1:]:
                match = re.match(r"- `(.*?)`: (.*)", line)
                assert match, f"a note line that names no parameter: {line!r}"
                shown[match.group(1)] = match.group(2)
    return shown


def _strings(value: object, field: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield field, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item, field)


def _numbers(value: object) -> Iterator[float]:
    if isinstance(value, float):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _numbers(item)
    elif isinstance(value, list):
        for item in value:
            yield from _numbers(item)


def screen_problems(at: AppTest) -> list[str]:
    """What a visitor must never see: NaN or inf, or link text rendered as HTML, link or image.

    Reads every element the run sent (text, alerts, metrics, labels and help, captions, chart
    figures). A link note may quote a harmless excerpt of a bad value, so NaN there is fine.
    """
    from google.protobuf.json_format import MessageToDict

    problems: list[str] = []
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "ListFields"):
            continue
        kind = type(node).__name__
        data = MessageToDict(proto, preserving_proto_field_name=True)
        is_note = kind == "Warning" and str(data.get("body", "")).startswith(NOTE_HEAD)
        for field, text in _strings(data):
            if field in _VALUE_FIELDS:
                continue
            if field == "url":  # a link's target (a link button's): never a script
                if re.match(r"\s*(javascript|data|vbscript):", text, re.IGNORECASE):
                    problems.append(f"{kind}.url: {text[:120]!r}")
                continue
            if field == "spec":  # a plotly figure
                figure = json.loads(text)
                if any(not math.isfinite(x) for x in _numbers(figure)):
                    problems.append(f"{kind}: a chart holds NaN or inf")
                for _f, inner in _strings(figure):
                    if _CHART_MARKUP.search(inner) or _NOT_A_NUMBER.search(inner):
                        problems.append(f"{kind}: chart text {inner[:80]!r}")
                continue
            if field in ("code_text", "json") and _OWN_SNIPPET.search(text):
                # the share box's iframe snippet, shown as text and copied, never rendered:
                # its address may hold only what encode() writes, never the link's raw text
                if not all(_SAFE_SRC.match(src) for src in _SRC.findall(text)):
                    problems.append(f"{kind}.{field}: unsafe snippet {text[:120]!r}")
                continue
            if _MARKUP.search(text):
                problems.append(f"{kind}.{field}: {text[:120]!r}")
            if not is_note and field != "code_text" and _NOT_A_NUMBER.search(text):
                problems.append(f"{kind}.{field} shows {_NOT_A_NUMBER.search(text)[0]!r}")
    return problems


def accepted(raws: Sequence[str], value: object) -> bool:
    """Whether the widget's value is one the link gave (so nothing was ignored)."""
    for raw in raws:
        if isinstance(value, bool):
            if raw.strip().lower() == str(value).lower():
                return True
        elif isinstance(value, int | float):
            try:
                number = float(raw)
            except ValueError:
                continue
            if math.isfinite(number) and (
                math.isclose(number, value, rel_tol=1e-9) or int(number) == value
            ):
                return True
        elif value is not None and raw == value:
            return True
    return False


def expected_notes(page: str, link: dict[str, list[str]]) -> list[str]:
    """The parameters the page's notes must name for this link (as the notes name them)."""
    _values, expected = urlstate.check_params(
        link, asm.for_page(page, TABLES), BY_PATH[page].views, BY_PATH[page].params
    )
    return [n.name for n in expected]


def open_link(script: str, link: dict[str, list[str]]) -> tuple[AppTest, list[str]]:
    """Open the link as a first visit does: the page's numbers first, then (the browser's
    signal) the whole page. The page, and what the two runs showed differently: the numbers
    of the first run, read from the link, must be the ones the widgets then compute."""
    at = open_page(script, link, painted=False)
    first = [(m.label, m.value) for m in at.metric]
    paint(at)
    then = {}
    for m in at.metric:
        then.setdefault(m.label, m.value)
    changed = [
        f"first run showed {label} = {value}, then {then.get(label, 'nothing')}"
        for label, value in first
        if then.get(label) != value
    ]
    return at, changed


def link_problems(at: AppTest, page: str, link: dict[str, list[str]]) -> list[str]:
    """Whatever a link with these parameters did wrong on the page that ran it."""
    problems = [f"exception: {e.value}" for e in at.exception]
    problems += [f"error: {e.value[:200]}" for e in at.error]
    problems += screen_problems(at)
    shown = notes(at)
    known = {**declared(page), **dict.fromkeys(SITE_PARAMS)}  # rel: known, read by ui.page
    _values, expected = urlstate.check_params(
        link, asm.for_page(page, TABLES), BY_PATH[page].views, BY_PATH[page].params
    )
    expected_names = {n.name for n in expected}
    for name, raws in link.items():
        if name.lower() in urlstate.RESERVED:
            continue
        label = urlstate.excerpt(name, 32) or "(unnamed)"
        if name not in known:
            if label not in shown:
                problems.append(f"unknown parameter {label!r} not named in a note")
            continue
        if name in at.session_state:  # a widget drawn from the link
            value = at.session_state[name]
            if not accepted(raws, value) and name not in shown:
                problems.append(f"{name}={raws!r:.80} ignored (page uses {value!r:.40}), no note")
        elif name not in shown:
            after = at.query_params.get(name)
            after = [] if after is None else [after] if isinstance(after, str) else list(after)
            if name in expected_names:
                problems.append(f"{name}={raws!r:.80}: its note is missing")
            elif after != list(raws):  # the page rewrote or dropped it from the address
                problems.append(f"{name}={raws!r:.80} became {after!r:.40}, no note")
    return problems
