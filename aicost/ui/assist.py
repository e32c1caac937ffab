"""What the browser adds to Streamlit's page: a chart's image made for a slide.

One small ``st.components.v2`` component (drawn in the page, no iframe), mounted by every page
(:func:`hooks`, from :func:`aicost.ui.page`); its script installs itself once per browser tab:

- **A chart's image for a slide.** Plotly's camera button draws the chart as the page shows
  it: a transparent background (a chart exported from the dark theme is near-white text,
  unreadable on a white slide) and the page's web fonts, which an image cannot use, so the
  text was measured in one font and drawn in a wider one (a legend ran out of the image). On
  the button's click, before plotly reads the figure, the script hands it the same figure
  made for a slide (:func:`aicost.report.charts.slide_style`: opaque white, dark text, the
  light theme's colours, system fonts, 1000 px wide), and gives the page's figure back
  after. The Streamlit and plotly internals this relies on are listed in
  :mod:`aicost.ui.coupling`.

The element itself takes no room on the page (:data:`aicost.ui.style.ASSIST`).
"""

from __future__ import annotations

import json

import streamlit as st

from aicost.report.charts import slide_style
from aicost.ui.coupling import PLOTLY_CAMERA, PLOTLY_GRAPH
from aicost.ui.style import ASSIST

_JS = """
const SLIDE = __SLIDE__;
const CAMERA = __CAMERA__;
const GRAPH = __GRAPH__;

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

export default function () {
  if (window.__aicostAssist) return;
  window.__aicostAssist = true;
  document.addEventListener("click", exportForSlides, true);
}
"""

_assist = st.components.v2.component(
    "aicost_assist",
    js=_JS.replace("__SLIDE__", json.dumps(slide_style()))
    .replace("__CAMERA__", json.dumps(PLOTLY_CAMERA))
    .replace("__GRAPH__", json.dumps(PLOTLY_GRAPH)),
)


def hooks() -> None:
    """Install the page's browser-side help (once per browser tab; a rerun draws nothing)."""
    _assist(key=ASSIST, height="content")
