// Time to draw the same data into the page (data -> SVG in the DOM -> layout done), in Chromium:
// the web app's hand-drawn functions (app.js, loaded as the app loads it) against Observable Plot,
// Vega-Lite and d3-force. run.py drives it; docs/web.md has the figures.
"use strict";
const Plot = window.lib_plot, d3 = window.lib_d3, vega = window.lib_vega;
const W = 1300, H = 220, QS = [1, 2, 3, 4];

function days(n) { // n consecutive days from 1990-01-01 with quad-class counts (a day of news: some zero)
  const out = [];
  let seed = 7;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  for (let i = 0; i < n; i++) {
    const d = new Date(Date.UTC(1990, 0, 1 + i)).toISOString().slice(0, 10);
    const r = { period: d, q1: Math.floor(rnd() * 6), q2: Math.floor(rnd() * 4), q3: Math.floor(rnd() * 5), q4: Math.floor(rnd() * 3) };
    r.total = r.q1 + r.q2 + r.q3 + r.q4;
    r.ab_n = r.q1 + r.q2; r.ba_n = r.q3 + r.q4;
    r.ab_goldstein = r.ab_n ? rnd() * 20 - 10 : null; r.ba_goldstein = r.ba_n ? rnd() * 20 - 10 : null;
    out.push(r);
  }
  return out;
}
function network(nNodes, nEdges) {
  let seed = 11;
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const nodes = Array.from({ length: nNodes }, (_, i) => ({ id: "N" + i }));
  const edges = [];
  const seen = new Set();
  while (edges.length < nEdges) {
    const a = Math.floor(Math.pow(rnd(), 2) * nNodes), b = Math.floor(rnd() * nNodes);
    if (a === b || seen.has(a + ":" + b)) continue;
    seen.add(a + ":" + b);
    edges.push({ source: "N" + a, target: "N" + b, n: 1 + Math.floor(rnd() * 20) });
  }
  return { nodes, edges };
}
function timed(draw) { // ms from data to a laid-out SVG in the page
  const out = document.getElementById("out");
  out.replaceChildren();
  const t0 = performance.now();
  const node = draw();
  out.append(node);
  out.getBoundingClientRect();
  document.body.offsetHeight; // layout
  return { ms: performance.now() - t0, elements: out.querySelectorAll("*").length };
}
async function timedAsync(draw) {
  const out = document.getElementById("out");
  out.replaceChildren();
  const t0 = performance.now();
  await draw(out);
  document.body.offsetHeight;
  return { ms: performance.now() - t0, elements: out.querySelectorAll("*").length };
}
function long(rows) { // one row per period and quad class, for the libraries
  const out = [];
  for (const r of rows) for (const q of QS) if (r["q" + q]) out.push({ start: new Date(r.period), end: new Date(Date.parse(r.period) + 86400000), q, n: r["q" + q], href: "#/search?date_from=" + r.period });
  return out;
}
const CASES = {
  // the overview's stacked bars per period, every period from the first to the last
  "series/hand-drawn": (rows) => timed(() => stackedBars(rows, { height: H, interval: "day", href: (r) => "#/search?date_from=" + r.period, id: "x" })(W)),
  "series/plot": (rows) => timed(() => Plot.plot({ width: W, height: H, x: { type: "utc" }, color: { domain: QS },
    marks: [Plot.rectY(long(rows), Plot.stackY({ x1: "start", x2: "end", y: "n", fill: "q", href: "href", title: (d) => `${d.n}` }))] })),
  "series/vega-lite": async (rows) => timedAsync(async (out) => {
    const spec = { width: W - 60, height: H - 40, data: { values: long(rows).map((d) => ({ ...d, start: +d.start, end: +d.end })) },
      mark: "rect", encoding: { x: { field: "start", type: "temporal" }, x2: { field: "end" }, y: { aggregate: "sum", field: "n", stack: "zero" },
        color: { field: "q", type: "nominal" }, href: { field: "href" }, tooltip: { field: "n" } } };
    const view = new vega.View(vega.parse(vega.compile(spec).spec), { renderer: "svg", container: out });
    await view.runAsync();
  }),
  // the dyad page: bars both ways and a Goldstein line per direction, broken at empty periods
  "dyad/hand-drawn": (rows) => timed(() => dyadChart(rows, "AAA", "BBB", "day", () => "#")(W)),
  "dyad/plot": (rows) => timed(() => {
    const t = rows.map((r) => ({ ...r, date: new Date(r.period) }));
    return Plot.plot({ width: W, height: 300, x: { type: "utc" }, marks: [
      Plot.rectY(t, { x1: "date", x2: (d) => new Date(+d.date + 86400000), y: "ab_n", fill: "#2f5fb3", fillOpacity: 0.45, href: () => "#" }),
      Plot.rectY(t, { x1: "date", x2: (d) => new Date(+d.date + 86400000), y: "ba_n", fill: "#d08c1f", fillOpacity: 0.45, href: () => "#" }),
      Plot.lineY(t, { x: "date", y: "ab_goldstein", stroke: "#1d3f80" }), Plot.lineY(t, { x: "date", y: "ba_goldstein", stroke: "#8a5500" }),
      Plot.dot(t, { x: "date", y: "ab_goldstein", stroke: "#1d3f80", r: 3.5 }), Plot.dot(t, { x: "date", y: "ba_goldstein", stroke: "#8a5500", r: 3.5 })] });
  }),
  // the network layout alone (positions), then drawn the same way
  "network/hand-drawn": (net) => { const t0 = performance.now(); layoutNetwork(net.nodes, net.edges, W, 600); return { ms: performance.now() - t0, elements: null }; },
  "network/d3-force": (net) => {
    const t0 = performance.now();
    const nodes = net.nodes.map((d) => ({ ...d })), links = net.edges.map((e) => ({ ...e }));
    d3.forceSimulation(nodes).force("link", d3.forceLink(links).id((d) => d.id)).force("charge", d3.forceManyBody())
      .force("center", d3.forceCenter(W / 2, 300)).force("x", d3.forceX(W / 2)).force("y", d3.forceY(300)).stop().tick(300);
    return { ms: performance.now() - t0, elements: null };
  },
};
window.runCase = async (name, size, repeats) => {
  const data = name.startsWith("network/") ? network(size, Math.min(size * 4, 500)) : days(size);
  const runs = [];
  for (let i = 0; i < repeats; i++) runs.push(await CASES[name](data));
  const ms = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { name, size, median_ms: ms[Math.floor(ms.length / 2)], min_ms: ms[0], elements: runs[0].elements };
};
window.loadApp = () => new Promise((resolve, reject) => { // app.js as the app loads it; its init runs on DOMContentLoaded, long past
  const s = document.createElement("script");
  s.src = "../../src/dyads/web/static/app.js";
  s.onload = resolve; s.onerror = reject;
  document.body.append(s);
});
