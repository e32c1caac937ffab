"""A minimal client of Streamlit 1.67's websocket protocol, for timing reruns without a browser.

One :class:`Session` is one browser tab as the server sees it:

1. it opens ``ws://127.0.0.1:PORT/_stcore/stream`` with the subprotocol ``streamlit``;
2. it sends ``BackMsg.rerun_script`` with a ``ClientState`` (query string, ``page_name`` = the
   URL path such as ``training-cost``, later the page's script hash, and the widget states);
   the server does not run the script until the client asks, exactly as with the frontend;
   after a slider drawn inside an ``st.fragment`` moves, the request names that fragment, so
   only the fragment reruns, as when a browser moves it;
3. it reads ``ForwardMsg`` frames until ``script_finished``, counting bytes per rerun and the
   size of every plotly chart element;
4. :meth:`Session.open` is a tab opening the page: where the first run drew only the page's
   numbers (``aicost.ui.paint``), it then sends what the browser sends once it has painted
   them (the ``aicost_after_paint`` component's trigger), and that run (the calculator's
   fragment, or the page) draws the rest: inputs, charts, share box.

Like the frontend, it keeps the hashes of the large ("cacheable") element messages it has
received and sends them back, so the server answers an unchanged element with a short
reference; the byte counts are therefore what a browser tab receives. ``cache=False`` turns
that off (every element in full).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

#: The component ``aicost.ui.rest_after_numbers`` leaves where a first run's numbers end.
AFTER_PAINT = "aicost_after_paint"


@dataclass
class Chart:
    """One plotly chart element as it arrived: the whole message and the figure JSON."""

    message_bytes: int
    spec_bytes: int
    spec_hash: int


@dataclass
class Run:
    """One script run as the client saw it."""

    ms: float = 0.0
    status: str = ""
    bytes_in: int = 0
    messages: int = 0
    charts: list[Chart] = field(default_factory=list)
    metrics: dict[str, str] = field(default_factory=dict)  # label -> value shown
    cached_refs: int = 0
    problems: list[str] = field(default_factory=list)
    held: list[tuple[str, str]] = field(default_factory=list)  # (component id, fragment id)
    follow_ups: list[Run] = field(default_factory=list)  # the runs the signal started

    @property
    def ok(self) -> bool:
        finished = ("FINISHED_SUCCESSFULLY", "FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
        return self.status in finished and not self.problems


@dataclass
class Slider:
    id: str
    key: str | None
    label: str
    min: float
    max: float
    step: float
    value: list[float]
    fragment_id: str = ""  # set when the slider is drawn inside an st.fragment


@dataclass
class Tabs:
    """A tab container drawn with a key (``st.tabs(..., key=...)``): its labels, in order."""

    id: str
    key: str | None
    labels: list[str] = field(default_factory=list)
    fragment_id: str = ""


def user_key(element_id: str) -> str | None:
    """The ``key=`` a widget was given (Streamlit ids read ``$$ID-<hash>-<key>``)."""
    key = element_id.split("-", maxsplit=2)[-1]
    return None if key == "None" else key


class Session:
    """One connected tab. Use ``async with Session(port, "training-cost") as s``.

    ``url`` replaces the loopback address of ``port`` (a load balancer's, say) and
    ``headers`` go with the websocket handshake (a sticky-session cookie).
    """

    def __init__(
        self,
        port: int,
        page: str = "",
        query: str = "",
        *,
        cache: bool = True,
        timeout: float = 60.0,
        url: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        self.url = url or f"ws://127.0.0.1:{port}/_stcore/stream"
        self.headers = headers or {}
        self.page = page.strip("/")
        self.query = query
        self.cache = cache
        self.timeout = timeout
        self.page_script_hash = ""
        self.sliders: dict[str, Slider] = {}
        self.tabs: dict[str, Tabs] = {}  # by key
        self._strings: dict[str, str] = {}  # widget id -> value (an open tab's label)
        self.cached_hashes: set[str] = set()
        self._ws: websockets.ClientConnection | None = None
        self._bounce: dict[str, int] = {}
        self._moved: Slider | Tabs | None = None
        self._last_tabs: Tabs | None = None

    async def __aenter__(self) -> Session:
        self._ws = await websockets.connect(
            self.url,
            subprotocols=["streamlit"],
            additional_headers=self.headers,
            max_size=None,
            open_timeout=self.timeout,
            ping_interval=None,
            compression=None,
        )
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._ws is not None:
            await self._ws.close()
            self._ws = None

    # -- the protocol ------------------------------------------------------------------------

    def _rerun_message(self, painted: tuple[str, str] | None = None) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        if self.page_script_hash:
            state.page_script_hash = self.page_script_hash
        else:
            state.page_name = self.page
        if painted is not None:  # the after-paint component's trigger, from its fragment
            component_id, state.fragment_id = painted
            trigger = state.widget_states.widgets.add()
            trigger.id = _make_trigger_id(component_id, "events")
            trigger.json_trigger_value = '[{"event": "painted", "value": true}]'
        elif self._moved is not None and self._moved.fragment_id:
            # as the frontend does: a widget inside a fragment reruns only that fragment
            state.fragment_id = self._moved.fragment_id
        self._moved = None
        for slider in self.sliders.values():
            widget = state.widget_states.widgets.add()
            widget.id = slider.id
            widget.double_array_value.data.extend(slider.value)
        for widget_id, value in self._strings.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.string_value = value
        if self.cache:
            state.cached_message_hashes.extend(sorted(self.cached_hashes))
        return msg.SerializeToString()

    def _on_element(self, element: object, run: Run, size: int, fragment_id: str) -> None:
        kind = element.WhichOneof("type")
        if kind == "slider":
            s = element.slider
            value = list(s.value) if s.set_value and len(s.value) else list(s.default)
            old = self.sliders.get(s.id)
            if old is not None and not s.set_value:
                value = old.value  # the tab keeps its own value unless the script set one
            self.sliders[s.id] = Slider(
                s.id, user_key(s.id), s.label, s.min, s.max, s.step or 1.0, value, fragment_id
            )
        elif kind == "metric":
            run.metrics[element.metric.label] = element.metric.body
        elif kind == "plotly_chart":
            spec = element.plotly_chart.spec
            run.charts.append(Chart(size, len(spec.encode()), hash(spec)))
        elif kind == "bidi_component" and element.bidi_component.component_name == AFTER_PAINT:
            run.held.append((element.bidi_component.id, fragment_id))
        elif kind == "exception":
            run.problems.append(f"exception {element.exception.type}: {element.exception.message}")
        elif kind == "alert" and element.alert.format == Alert.ERROR:
            run.problems.append(f"st.error: {element.alert.body[:200]}")

    def _on_block(self, block: object, fragment_id: str) -> None:
        kind = block.WhichOneof("type")
        if kind == "tab_container" and block.tab_container.id:
            tabs = Tabs(block.tab_container.id, user_key(block.tab_container.id), [], fragment_id)
            self.tabs[tabs.key or tabs.id] = tabs
            self._last_tabs = tabs
        elif kind == "tab" and self._last_tabs is not None:
            if block.tab.label not in self._last_tabs.labels:
                self._last_tabs.labels.append(block.tab.label)

    async def open(self) -> Run:
        """A tab opening the page: its first run, then the run that draws the rest of the page
        (as the browser asks for it once the numbers are painted). The charts of both, and
        the follow-up in ``follow_ups``; ``ms`` and ``bytes_in`` are the first run's."""
        run = await self.rerun()
        for held in run.held:  # the signal, as the browser sends it
            follow = await self.rerun(painted=held)
            run.follow_ups.append(follow)
            run.problems.extend(follow.problems)
        run.charts.extend(max((f.charts for f in run.follow_ups), key=len, default=[]))
        return run

    async def rerun(self, painted: tuple[str, str] | None = None) -> Run:
        """Ask for a run with the current widget states; read until ``script_finished``.

        ``painted``: the (component id, fragment id) of the after-paint signal: the run it
        starts (that fragment's, or the page's when the id is empty)."""
        assert self._ws is not None, "use the session as an async context manager"
        run = Run()
        start = time.perf_counter()
        await self._ws.send(self._rerun_message(painted))
        deadline = start + self.timeout
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                run.status = "timeout"
                break
            try:
                data = await asyncio.wait_for(self._ws.recv(), timeout=remaining)
            except TimeoutError:
                run.status = "timeout"
                break
            if isinstance(data, str):
                continue
            run.bytes_in += len(data)
            run.messages += 1
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if msg.metadata.cacheable and msg.hash:
                self.cached_hashes.add(msg.hash)
            if kind == "new_session" and not self.page_script_hash:
                self.page_script_hash = msg.new_session.page_script_hash
            elif kind == "navigation" and msg.navigation.page_script_hash:
                self.page_script_hash = msg.navigation.page_script_hash
            elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                self._on_element(msg.delta.new_element, run, len(data), msg.delta.fragment_id)
            elif kind == "delta" and msg.delta.WhichOneof("type") == "add_block":
                self._on_block(msg.delta.add_block, msg.delta.fragment_id)
            elif kind == "ref_hash":
                run.cached_refs += 1
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            elif kind == "page_not_found":
                run.problems.append(f"page not found: {msg.page_not_found.page_name}")
            elif kind == "session_event":
                event = msg.session_event.WhichOneof("type")
                if event == "script_compilation_exception":
                    run.problems.append("compile error")
            elif kind == "script_finished":
                status = msg.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                run.status = ForwardMsg.ScriptFinishedStatus.Name(status)
                break
        run.ms = (time.perf_counter() - start) * 1000
        return run

    # -- widgets -----------------------------------------------------------------------------

    def slider(self, key: str | None = None) -> Slider:
        """The slider with this ``key=`` (the first slider when ``key`` is None)."""
        for slider in self.sliders.values():
            if key is None or slider.key == key:
                return slider
        seen = [s.key for s in self.sliders.values()]
        raise KeyError(f"no slider with key {key!r} on /{self.page} (sliders: {seen})")

    def open_tab(self, key: str, index: int = 1) -> str:
        """Click the tab ``index`` of the tab container with this ``key=``; return its label."""
        tabs = self.tabs[key]
        label = tabs.labels[index]
        self._strings[tabs.id] = label
        self._moved = tabs  # a click inside a fragment reruns that fragment
        return label

    def step(self, key: str | None = None) -> float:
        """Move a slider one step, bouncing between its ends; return the new value."""
        slider = self.slider(key)
        direction = self._bounce.get(slider.id, 1)
        value = slider.value[0] + direction * slider.step
        if not slider.min <= value <= slider.max:
            direction = -direction
            value = slider.value[0] + direction * slider.step
        self._bounce[slider.id] = direction
        slider.value = [round(value, 10), *slider.value[1:]]
        self._moved = slider
        return slider.value[0]
