"""What the browser adds to Streamlit's page: what a screen reader hears, and a chart's image
made for a slide.

One small ``st.components.v2`` component (drawn in the page, no iframe). Every page mounts it
(:func:`hooks`, from :func:`aicost.ui.page`); its script installs itself once per browser tab:

- **A result change is announced.** :func:`announce` (drawn with each page's finding) puts
  the result in one sentence into a polite live region (``role="status"``) kept in the
  document's body, outside Streamlit's tree, so it outlives every rerun: when a reader moves
  an input and the sentence changes, a screen reader reads the new one. A page's first
  sentence is not announced: it is read with the page.
- **Streamlit's elements as a screen reader should meet them** (re-applied whenever the page
  changes): a metric is one group named by its label and value (not a label, a help button
  and a value as three loose paragraphs); a slider's name is heard once (Streamlit names the
  thumb by itself and by the group around it, which also carries the name).
- **A chart's image for a slide.** Plotly's camera button draws the chart as the page shows
  it: a transparent background (a chart exported from the dark theme is near-white text,
  unreadable on a white slide) and the page's web fonts, which an image cannot use, so the
  text was measured in one font and drawn in a wider one (a legend ran out of the image). On
  the button's click, before plotly reads the figure, the script hands it the same figure
  made for a slide (:func:`aicost.report.charts.slide_style`: opaque white, dark text, the
  light theme's colours, system fonts, 1000 px wide), and gives the page's figure back
  after.

The Streamlit and plotly internals this relies on are listed in :mod:`aicost.ui.coupling`.
The element itself takes no room on the page (:data:`aicost.ui.style.ASSIST`). Text goes in
as data and is set as text, never as HTML.
"""

from __future__ import annotations

import json

import streamlit as st

from aicost.report.charts import slide_style
from aicost.report.page import Page
from aicost.ui.coupling import PLOTLY_CAMERA, PLOTLY_GRAPH
from aicost.ui.paint import numbers_only
from aicost.ui.style import ASSIST

_JS = """
const SLIDE = __SLIDE__;
const CAMERA = __CAMERA__;
const GRAPH = __GRAPH__;
const METRIC = __METRIC__;
const METRIC_LABEL = __METRIC_LABEL__;
const METRIC_VALUE = __METRIC_VALUE__;
const METRIC_DELTA = __METRIC_DELTA__;
const SLIDER = __SLIDER__;
const SLIDER_THUMB = __SLIDER_THUMB__;
const SLIDER_VALUE = __SLIDER_VALUE__;

// a copy of a figure's part with every colour the light theme draws differently swapped;
// plain objects and arrays are copied, typed arrays (plotly's decoded numbers) kept as they are
const swap = (value) => {
  if (typeof value === "string") return SLIDE.colours[value.toUpperCase()] || value;
  if (Array.isArray(value)) return value.map(swap);
  if (value && typeof value === "object" && !ArrayBuffer.isView(value)) {
    const out = {};
    for (const [key, part] of Object.entries(value)) out[key] = swap(part);
    return out;
  }
  return value;
};
const merge = (into, add) => {
  for (const [key, value] of Object.entries(add)) {
    if (value && typeof value === "object" && !Array.isArray(value)) {
      into[key] = merge(into[key] && typeof into[key] === "object" ? into[key] : {}, value);
    } else {
      into[key] = value;
    }
  }
  return into;
};
const forSlide = (layout, data) => {
  const out = merge(swap(layout), SLIDE.layout);
  for (const key of Object.keys(out)) {
    if (/^[xy]axis[0-9]*$/.test(key)) merge(out[key], SLIDE.axis);
  }
  out.width = SLIDE.width;
  const traces = data.map((trace) => {
    const copy = swap(trace);
    if (copy.insidetextfont && copy.insidetextfont.color) copy.insidetextfont.color = SLIDE.inside_text;
    return copy;
  });
  return { layout: out, data: traces };
};

const exportForSlides = (event) => {
  const button = event.target && event.target.closest && event.target.closest(CAMERA);
  const graph = button && button.closest(GRAPH);
  if (!graph || !graph.layout || !graph._context) return;
  const kept = { layout: graph.layout, data: graph.data, options: graph._context.toImageButtonOptions };
  const slide = forSlide(graph.layout, graph.data || []);
  graph.layout = slide.layout;
  graph.data = slide.data;
  graph._context.toImageButtonOptions = { ...(kept.options || {}), width: SLIDE.width };
  // plotly copies the figure as its own click handler starts, in this same event
  setTimeout(() => {
    graph.layout = kept.layout;
    graph.data = kept.data;
    graph._context.toImageButtonOptions = kept.options;
  }, 0);
};

const set = (element, name, value) => {
  if (element.getAttribute(name) !== value) element.setAttribute(name, value);
};
let made = 0;
const idOf = (element) => {
  if (!element.id) element.id = `aicost-part-${++made}`;
  return element.id;
};
const fixMetrics = () => {
  for (const metric of document.querySelectorAll(METRIC)) {
    const parts = [METRIC_LABEL, METRIC_VALUE, METRIC_DELTA]
      .map((selector) => metric.querySelector(selector))
      .filter(Boolean);
    if (!parts.length) continue;
    for (const part of parts) set(part, "aria-hidden", "true");
    set(metric, "role", "group");
    set(metric, "aria-labelledby", parts.map(idOf).join(" "));
  }
};
const fixSliders = () => {
  for (const thumb of document.querySelectorAll(SLIDER_THUMB)) {
    // the thumb is named by itself and by the group around it: by itself only
    if (thumb.hasAttribute("aria-labelledby") && thumb.getAttribute("aria-label")) {
      thumb.removeAttribute("aria-labelledby");
    }
    const group = thumb.closest('[role="group"][aria-label]');
    if (group && group.contains(thumb) && group.closest(SLIDER)) {
      group.removeAttribute("aria-label");
      set(group, "role", "none");
    }
    const shown = thumb.closest(SLIDER).querySelector(SLIDER_VALUE);
    if (shown) set(shown, "aria-hidden", "true");  // the thumb's own value text says it
  }
};
let pending = false;
const fixAll = () => {
  pending = false;
  fixMetrics();
  fixSliders();
};
const watch = () => {
  const later = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(fixAll);
    }
  };
  new MutationObserver(later).observe(document.body, {
    childList: true, subtree: true, attributes: true,
    attributeFilter: ["aria-labelledby", "aria-label"],
  });
  later();
};

export default function () {
  if (!window.__aicostAssist) {
    window.__aicostAssist = true;
    document.addEventListener("click", exportForSlides, true);
    watch();
  }
}
"""

#: What a screen reader hears: a live region, and the page's sentence put in it when it
#: changes. Its own component: it is drawn with each finding, inside a calculator's fragment,
#: so every slider rerun sends it (the rest of the script, 7 KB, goes once).
_HEARD_JS = """
const LIVE_ID = __LIVE__;

const liveRegion = () => {
  let region = document.getElementById(LIVE_ID);
  if (!region) {
    region = document.createElement("div");
    region.id = LIVE_ID;
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    region.setAttribute("aria-atomic", "true");
    Object.assign(region.style, {
      position: "absolute", width: "1px", height: "1px", margin: "-1px", padding: "0",
      border: "0", overflow: "hidden", clipPath: "inset(50%)", whiteSpace: "nowrap",
    });
    document.body.appendChild(region);
  }
  return region;
};
const announce = ({ page, text }) => {
  const heard = window.__aicostHeard;
  const region = liveRegion();
  if (heard && heard.page === page && heard.text !== text) {
    region.textContent = text;  // set as text, never as HTML
  } else if (!heard || heard.page !== page) {
    region.textContent = "";  // a new page is read as a page
  }
  window.__aicostHeard = { page, text };
};

export default function ({ data }) {
  if (data && typeof data.text === "string") announce(data);
}
"""

#: The live region's element id (tests read it).
LIVE_REGION = "aicost-live"


def _testid(name: str, inner: str = "") -> str:
    return f'[data-testid="{name}"]' + (f" {inner}" if inner else "")


_CONSTANTS = {
    "SLIDE": slide_style(),
    "CAMERA": PLOTLY_CAMERA,
    "GRAPH": PLOTLY_GRAPH,
    "LIVE": LIVE_REGION,
    "METRIC": _testid("stMetric"),
    "METRIC_LABEL": _testid("stMetricLabel", _testid("stMarkdownContainer")),
    "METRIC_VALUE": _testid("stMetricValue"),
    "METRIC_DELTA": _testid("stMetricDelta"),
    "SLIDER": _testid("stSlider"),
    "SLIDER_THUMB": _testid("stSlider", 'input[type="range"]'),
    "SLIDER_VALUE": _testid("stSliderThumbValue"),
}


def _script(js: str) -> str:
    for name, value in _CONSTANTS.items():
        js = js.replace(f"__{name}__", json.dumps(value))
    return js


_assist = st.components.v2.component("aicost_assist", js=_script(_JS))
_heard = st.components.v2.component("aicost_heard", js=_script(_HEARD_JS))


def hooks() -> None:
    """Install the page's browser-side help (once per browser tab; a rerun draws nothing)."""
    _assist(key=ASSIST, height="content")


def announce(page: Page, text: str) -> None:
    """Have a screen reader read ``text`` (the page's result in one sentence) when it changes
    on this page. Nothing in a run that draws only the page's numbers: the first sentence is
    read with the page anyway."""
    if numbers_only() or not text:
        return
    _heard(key=f"{ASSIST}_heard", data={"page": page.path, "text": text}, height="content")
