// The benchmark's browser probe (bench/browser.py), installed in every page before its scripts
// run, after a line that sets window.__benchExpected (the charts the page draws at a first visit).
// It records, in ms since navigation start, the first moment all those plotly charts have traces
// drawn (or, for a page without charts, the script is idle with nothing left to load) and the
// first metric value on screen; and it arms a key-press -> chart-redrawn measurement on demand,
// split into tab -> server, server, and drawing by the websocket messages it sees.
(() => {
  const b = window.__bench = {expected: window.__benchExpected ?? 0, drawn: null, number: null,
                              key: null, redraw: null, sent: null, firstMsg: null, lastMsg: null};
  // note when the tab sends its rerun request and when the server's answer arrives
  const Native = window.WebSocket;
  const Probe = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('message', () => {
      const t = performance.now();
      if (b.sent !== null && b.redraw === null) {
        if (b.firstMsg === null) b.firstMsg = t;
        b.lastMsg = t;
      }
    });
    const send = ws.send.bind(ws);
    ws.send = (data) => {
      if (b.key !== null && b.sent === null) b.sent = performance.now();
      return send(data);
    };
    return ws;
  };
  Probe.prototype = Native.prototype;
  for (const k of ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED']) Probe[k] = Native[k];
  window.WebSocket = Probe;
  const app = () => document.querySelector('[data-testid="stApp"]');
  // idle with content shown: no element still waiting for its code (a skeleton in its place)
  const idle = () => app() && app().dataset.testScriptState === 'notRunning'
      && document.querySelector('[data-testid="stMainBlockContainer"] [data-testid="stElementContainer"]')
      && !document.querySelector('[data-testid="stSkeleton"]');
  const plots = () => [...document.querySelectorAll('.js-plotly-plot')];
  const drawnCount = () => plots().filter(p => p.querySelector('.main-svg .trace')).length;
  // the first number: a metric's value in the DOM with a size (laid out, not a placeholder)
  const number = () => {
    const m = document.querySelector('[data-testid="stMetricValue"]');
    return m !== null && m.getBoundingClientRect().height > 0;
  };
  const check = () => {
    if (b.number === null && number()) b.number = performance.now();
    if (b.drawn !== null) return;
    const ok = b.expected > 0 ? drawnCount() >= b.expected : idle();
    if (ok) b.drawn = performance.now();
  };
  const obs = new MutationObserver(check);
  const start = () => {
    obs.observe(document.documentElement, {subtree: true, childList: true, attributes: true});
    check();
  };
  if (document.documentElement) start(); else document.addEventListener('DOMContentLoaded', start);
  b.signature = () => plots().map(p =>
      [...p.querySelectorAll('.main-svg .trace path, .main-svg .gtitle')]
        .map(e => e.getAttribute('d') || e.textContent).join('|')).join('#');
  b.arm = () => {
    const before = b.signature();
    b.key = null; b.redraw = null; b.sent = null; b.firstMsg = null; b.lastMsg = null;
    document.addEventListener('keydown', () => { b.key = performance.now(); },
                              {capture: true, once: true});
    const watch = new MutationObserver(() => {
      if (b.key === null || b.redraw !== null) return;
      if (b.signature() !== before) {
        watch.disconnect();
        b.redraw = -1;
        requestAnimationFrame(() => { b.redraw = performance.now(); });
      }
    });
    watch.observe(document.body, {subtree: true, childList: true, attributes: true,
                                  characterData: true});
  };
})();
