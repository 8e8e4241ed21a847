// dyads web app: hand-written JavaScript, no framework, no build step, no CDN.
// Every view reads the JSON API under /api (see docs/api.md). Text from the database is only ever
// put into the page as text nodes or attribute values (never as HTML), so nothing it holds can run.
"use strict";

const QUADS = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
const FILTER_KEYS = ["actor", "country", "cameo", "quad_class", "plover", "date_from", "date_to", "place", "q"];
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 50;

// ---- small DOM helpers -------------------------------------------------------------------
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  setAttrs(node, attrs);
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVGNS, tag);
  setAttrs(node, attrs);
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}
function setAttrs(node, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  }
}
function add(node, ...children) {
  // like node.append, but skips null/undefined/false (append would print them as text)
  for (const c of children.flat(Infinity)) if (c !== null && c !== undefined && c !== false) node.append(c);
}
function fmt(n) { return n === null || n === undefined ? "–" : Number(n).toLocaleString("en-US"); }
function fmtG(g) { return g === null || g === undefined ? "–" : (g > 0 ? "+" : "") + Number(g).toFixed(1); }

// ---- routing and state ---------------------------------------------------------------------
function parseHash() {
  const h = location.hash.replace(/^#\/?/, "");
  const [view, qs] = h.split("?");
  return { view: view || "overview", params: new URLSearchParams(qs || "") };
}
function hrefFor(view, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const s = p.toString();
  return "#/" + view + (s ? "?" + s : "");
}
function currentFilter(params) {
  const f = {};
  for (const k of FILTER_KEYS) if (params.get(k)) f[k] = params.get(k);
  return f;
}
async function api(path, params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  const url = "/api/" + path + (p.toString() ? "?" + p.toString() : "");
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let detail = r.statusText;
    try { detail = JSON.stringify((await r.json()).detail); } catch (e) { /* not JSON */ }
    throw new Error(r.status + " " + detail);
  }
  return r.json();
}
function csvUrl(filter) {
  const p = new URLSearchParams(filter);
  return "/api/events.csv" + (p.toString() ? "?" + p.toString() : "");
}

// ---- filter form -------------------------------------------------------------------------
const form = () => document.getElementById("filters");
function fillForm(filter) {
  for (const k of FILTER_KEYS) {
    const input = form().elements[k];
    if (input) input.value = filter[k] || "";
  }
}
function readForm() {
  const f = {};
  for (const k of FILTER_KEYS) {
    const v = form().elements[k].value.trim();
    if (v) f[k] = v;
  }
  return f;
}
async function loadFacets() {
  const [facets, stats] = await Promise.all([api("facets"), api("stats")]);
  const add = (name, options) => {
    const sel = form().elements[name];
    for (const [value, label] of options) sel.append(el("option", { value }, label));
  };
  add("country", facets.countries.map((c) => [c.country, `${c.country} (${c.n})`]));
  add("cameo", facets.cameo_roots.map((r) => [r.code, `${r.code} ${r.name || ""} (${r.n})`]));
  add("quad_class", facets.quad_classes.map((q) => [String(q.quad_class), `${q.quad_class} ${q.name}`]));
  add("plover", facets.plover.map((p) => [p.plover, `${p.plover} (${p.n})`]));
  document.getElementById("dbinfo").textContent =
    `${stats.database}: ${fmt(stats.articles)} articles, ${fmt(stats.events)} events` +
    (stats.first_date ? `, ${stats.first_date} to ${stats.last_date}` : "");
}
async function suggestActors() {
  const q = form().elements.actor.value.trim();
  const list = document.getElementById("actor-list");
  const found = await api("actors", { q, limit: 15 });
  list.replaceChildren(...found.map((a) => el("option", { value: a.code }, `${a.name || a.code} (${a.n})`)));
}

// ---- shared widgets ------------------------------------------------------------------------
function legendQuads() {
  return el("div", { class: "legend" },
    Object.entries(QUADS).map(([q, name]) => el("span", {}, el("span", { class: "swatch sw-q" + q }), name)));
}
function card(label, value, id) {
  return el("div", { class: "card" }, el("div", { class: "num", id }, value), el("div", { class: "muted" }, label));
}
function actorLabel(a) {
  const who = a.name && a.name !== a.text ? `${a.text} (${a.name})` : a.text;
  return `${a.code || "?"}: ${who}`;
}
function actorsCell(list) {
  if (!list.length) return el("span", { class: "muted" }, "–");
  return el("span", {}, list.map((a, i) => [i ? "; " : "", el("b", {}, a.code || "?"), " ", el("span", { class: "muted" }, a.text)]));
}
function sentenceWithTrigger(ev) {
  const s = ev.sentence || "";
  const off = ev.sentence_start || 0;
  const a = (ev.trigger_start ?? -1) - off, b = (ev.trigger_end ?? -1) - off;
  if (a < 0 || b > s.length || a >= b) return el("span", { class: "sentence" }, s);
  return el("span", { class: "sentence" }, s.slice(0, a), el("mark", {}, s.slice(a, b)), s.slice(b));
}
function eventsTable(items, opts = {}) {
  if (!items.length) return el("div", { class: "empty", id: "no-events" }, "No events match.");
  const head = el("tr", {}, opts.direction ? el("th", {}, "dir") : null,
    el("th", {}, "date"), el("th", {}, "source"), el("th", {}, "event"), el("th", {}, "target"),
    el("th", { class: "num" }, "Goldstein"), el("th", {}, "place"), el("th", {}, "sentence"), el("th", {}, "article"));
  const rows = items.map((ev) => el("tr", { class: "event-row" + (ev.id === opts.selected ? " selected" : ""), "data-id": ev.id },
    opts.direction ? el("td", {}, ev.direction === "ab" ? "A→B" : "B→A") : null,
    el("td", {}, ev.event_date || ev.date || "–"),
    el("td", {}, actorsCell(ev.source)),
    el("td", {}, el("span", { class: "tag q" + ev.quad_class, title: QUADS[ev.quad_class] }, ev.cameo), " ",
      ev.cameo_name, ev.plover ? el("div", { class: "muted" }, ev.plover) : null),
    el("td", {}, actorsCell(ev.target)),
    el("td", { class: "num" }, fmtG(ev.goldstein)),
    el("td", {}, ev.location_name || ev.location_country || "–"),
    el("td", {}, sentenceWithTrigger(ev)),
    el("td", {}, el("a", { href: hrefFor("article", { id: ev.article_id, event: ev.id }), class: "article-link" },
      ev.article_id))));
  return el("table", { class: "list events" }, el("thead", {}, head), el("tbody", {}, rows));
}
function pager(page, onMove) {
  const from = page.total ? page.offset + 1 : 0, to = Math.min(page.offset + page.items.length, page.total);
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: page.offset === 0, onclick: () => onMove(Math.max(0, page.offset - page.limit)) }, "‹ prev"),
    el("span", { class: "page-info" }, `${fmt(from)}–${fmt(to)} of ${fmt(page.total)}`),
    el("button", { type: "button", disabled: to >= page.total, onclick: () => onMove(page.offset + page.limit) }, "next ›"));
}
function barList(rows, label, value, href) {
  if (!rows.length) return el("div", { class: "empty" }, "none");
  const max = Math.max(...rows.map(value), 1);
  return el("table", { class: "list" }, el("tbody", {}, rows.map((r) => {
    const bar = el("span", { class: "bar" });
    bar.style.width = Math.max(2, (120 * value(r)) / max) + "px";
    return el("tr", {}, el("td", {}, href ? el("a", { href: href(r) }, label(r)) : label(r)),
      el("td", { class: "num" }, fmt(value(r))), el("td", {}, bar));
  })));
}

// ---- charts (SVG) --------------------------------------------------------------------------
function stackedBars(rows, opts) {
  const W = opts.width || 900, H = opts.height || 220, m = { l: 44, r: 10, t: 10, b: 40 };
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", id: opts.id });
  if (!rows.length) { s.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events")); return s; }
  const max = Math.max(...rows.map((r) => r.total), 1);
  const iw = W - m.l - m.r, ih = H - m.t - m.b, bw = iw / rows.length;
  const y = (v) => m.t + ih - (ih * v) / max;
  for (const t of ticks(0, max, 4)) {
    s.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), stroke: "#e3e7ee" }),
      svg("text", { x: m.l - 4, y: y(t) + 4, "text-anchor": "end" }, fmt(t)));
  }
  rows.forEach((r, i) => {
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r["q" + q];
      if (!v) continue;
      const rect = svg("rect", { x: m.l + i * bw + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(acc + v), height: y(acc) - y(acc + v),
        class: "q" + q, "data-period": r.period }, svg("title", {}, `${r.period}: ${v} ${QUADS[q]}`));
      if (opts.onclick) { rect.addEventListener("click", () => opts.onclick(r)); rect.style.cursor = "pointer"; }
      s.append(rect);
      acc += v;
    }
  });
  labelPeriods(s, rows.map((r) => r.period), m.l, bw, H - m.b + 14);
  return s;
}
function periodEnd(start, interval) {
  // the last day of the period that starts on `start` (YYYY-MM-DD), for a date_to filter
  const [y, m, d] = start.split("-").map(Number);
  const end = interval === "year" ? new Date(Date.UTC(y + 1, 0, 0))
    : interval === "week" ? new Date(Date.UTC(y, m - 1, d + 6))
      : interval === "day" ? new Date(Date.UTC(y, m - 1, d))
        : new Date(Date.UTC(y, m, 0));
  return end.toISOString().slice(0, 10);
}
function ticks(lo, hi, n) {
  const step = Math.max(1, niceStep((hi - lo) / n));
  const out = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + 1e-9; v += step) out.push(v);
  return out;
}
function niceStep(x) {
  const p = Math.pow(10, Math.floor(Math.log10(x || 1)));
  const f = x / p;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}
function labelPeriods(s, periods, x0, bw, y) {
  const every = Math.max(1, Math.ceil(periods.length / 12));
  periods.forEach((p, i) => {
    if (i % every) return;
    s.append(svg("text", { x: x0 + i * bw + bw / 2, y, "text-anchor": "middle" }, p.slice(0, 7)));
  });
}
function dyadChart(series, a, b) {
  const W = 900, H = 300, m = { l: 44, r: 44, t: 12, b: 40 };
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", id: "dyad-chart" });
  if (!series.length) { s.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events")); return s; }
  const iw = W - m.l - m.r, ih = H - m.t - m.b, bw = iw / series.length;
  const max = Math.max(...series.map((r) => Math.max(r.ab_n, r.ba_n)), 1);
  const y = (v) => m.t + ih - (ih * v) / max;
  const yg = (g) => m.t + ih / 2 - (ih / 2) * (g / 10);
  for (const t of ticks(0, max, 4)) {
    s.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), stroke: "#eef0f4" }),
      svg("text", { x: m.l - 4, y: y(t) + 4, "text-anchor": "end" }, fmt(t)));
  }
  for (const g of [-10, -5, 0, 5, 10]) s.append(svg("text", { x: W - m.r + 4, y: yg(g) + 4 }, fmtG(g)));
  s.append(svg("line", { x1: m.l, x2: W - m.r, y1: yg(0), y2: yg(0), stroke: "#99a", "stroke-dasharray": "3 3" }));
  series.forEach((r, i) => {
    const x = m.l + i * bw;
    s.append(svg("rect", { x: x + bw * 0.1, width: Math.max(1, bw * 0.38), y: y(r.ab_n), height: y(0) - y(r.ab_n), fill: "#2f5fb3", "fill-opacity": 0.45, class: "bar-ab" },
      svg("title", {}, `${r.period}: ${a} → ${b}: ${r.ab_n} events, mean Goldstein ${fmtG(r.ab_goldstein)}`)));
    s.append(svg("rect", { x: x + bw * 0.5, width: Math.max(1, bw * 0.38), y: y(r.ba_n), height: y(0) - y(r.ba_n), fill: "#d08c1f", "fill-opacity": 0.45, class: "bar-ba" },
      svg("title", {}, `${r.period}: ${b} → ${a}: ${r.ba_n} events, mean Goldstein ${fmtG(r.ba_goldstein)}`)));
  });
  for (const [key, colour] of [["ab", "#1d3f80"], ["ba", "#8a5500"]]) {
    const pts = series.map((r, i) => [m.l + i * bw + bw / 2, r[key + "_goldstein"]]).filter((p) => p[1] !== null);
    if (pts.length > 1) s.append(svg("polyline", { points: pts.map(([x, g]) => `${x},${yg(g)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
    for (const [x, g] of pts) s.append(svg("circle", { cx: x, cy: yg(g), r: 3.5, fill: "#fff", stroke: colour, "stroke-width": 2, class: "g-" + key }));
  }
  labelPeriods(s, series.map((r) => r.period), m.l, bw, H - m.b + 14);
  return s;
}

// ---- views ---------------------------------------------------------------------------------
async function viewOverview(params, root) {
  const filter = currentFilter(params);
  const interval = params.get("interval") || "month";
  const o = await api("overview", { ...filter, interval, top: 10 });
  const intervalSel = el("select", { id: "interval", onchange: (e) => { location.hash = hrefFor("overview", { ...filter, interval: e.target.value }); } },
    ["week", "month", "year"].map((i) => el("option", { value: i, selected: i === interval }, i)));
  const search = (extra) => hrefFor("search", { ...filter, ...extra });
  add(root, 
    el("h2", {}, "Overview"),
    el("div", { class: "cards" }, card("events", fmt(o.events), "total-events"), card("articles", fmt(o.articles), "total-articles"),
      o.by_quad.map((q) => card(q.name, fmt(q.n), "quad-" + q.quad_class)),
      el("div", { class: "card" }, el("a", { href: csvUrl(filter), id: "csv-link", download: "dyads-events.csv" }, "CSV of these events"))),
    el("div", { class: "panel wide" }, el("h3", {}, "Events over time by quad class ", intervalSel,
      o.undated ? el("span", { class: "muted" }, ` (${fmt(o.undated)} undated not shown)`) : null),
    legendQuads(), stackedBars(o.timeline, { id: "timeline",
      onclick: (r) => { location.hash = search({ date_from: r.period, date_to: periodEnd(r.period, interval) }); } })),
    el("div", { class: "grid" },
      el("div", { class: "panel", id: "top-actors" }, el("h3", {}, "Top actors"),
        barList(o.top_actors, (r) => r.name ? `${r.code} (${r.name})` : r.code, (r) => r.n, (r) => search({ actor: r.code }))),
      el("div", { class: "panel", id: "top-dyads" }, el("h3", {}, "Top dyads (source → target)"),
        barList(o.top_dyads, (r) => `${r.source} → ${r.target} (${fmtG(r.goldstein)})`, (r) => r.n,
          (r) => hrefFor("dyad", { ...filter, a: r.source, b: r.target }))),
      el("div", { class: "panel", id: "top-places" }, el("h3", {}, "Top places"),
        barList(o.top_places, (r) => [r.name, r.country].filter(Boolean).join(", "), (r) => r.n,
          (r) => search({ place: r.name || r.country }))),
      el("div", { class: "panel", id: "by-root" }, el("h3", {}, "CAMEO roots"),
        barList(o.by_root, (r) => `${r.code} ${r.name || ""}`, (r) => r.n, (r) => search({ cameo: r.code })))));
}

async function viewSearch(params, root) {
  const filter = currentFilter(params);
  const offset = Number(params.get("offset") || 0);
  const sort = params.get("sort") || "-date";
  const page = await api("events", { ...filter, limit: PAGE, offset, sort });
  const move = (off) => { location.hash = hrefFor("search", { ...filter, sort, offset: off }); };
  const sortSel = el("select", { id: "sort", onchange: (e) => { location.hash = hrefFor("search", { ...filter, sort: e.target.value }); } },
    [["-date", "newest first"], ["date", "oldest first"], ["-goldstein", "most cooperative"], ["goldstein", "most conflictual"], ["article", "by article"]]
      .map(([v, l]) => el("option", { value: v, selected: v === sort }, l)));
  add(root, 
    el("h2", {}, "Events ", el("span", { class: "muted", id: "result-count" }, `${fmt(page.total)} match`)),
    el("div", { class: "pager" }, "sort ", sortSel, el("a", { href: csvUrl(filter), id: "csv-link", download: "dyads-events.csv" }, "download CSV of this filter")),
    pager(page, move), eventsTable(page.items), page.total > PAGE ? pager(page, move) : null);
}

async function viewDyad(params, root) {
  const filter = currentFilter(params);
  const a = params.get("a") || "", b = params.get("b") || "";
  const interval = params.get("interval") || "month";
  const offset = Number(params.get("offset") || 0);
  const pick = el("form", { class: "pager", id: "dyad-form", onsubmit: (e) => {
    e.preventDefault();
    const fd = new FormData(e.target);
    location.hash = hrefFor("dyad", { ...filter, a: fd.get("a"), b: fd.get("b"), interval: fd.get("interval") });
  } }, "A ", el("input", { name: "a", value: a, size: 10, list: "actor-list" }), " B ", el("input", { name: "b", value: b, size: 10, list: "actor-list" }),
  el("select", { name: "interval" }, ["week", "month", "year"].map((i) => el("option", { value: i, selected: i === interval }, i))),
  el("button", { type: "submit" }, "Show"),
  el("a", { href: hrefFor("dyad", { ...filter, a: b, b: a, interval }) }, "swap"));
  add(root, el("h2", {}, "Dyad ", el("span", { id: "dyad-title" }, a && b ? `${a} ⇄ ${b}` : "")), pick);
  if (!a || !b) { add(root, el("div", { class: "empty" }, "Pick two actor codes (a code prefix: RUS includes RUSGOV).")); return; }
  const d = await api("dyad", { ...filter, a, b, interval, limit: PAGE, offset });
  const t = d.totals;
  add(root, 
    el("div", { class: "cards" },
      card(`${d.a} → ${d.b} events, mean Goldstein ${fmtG(t.ab.goldstein)}`, fmt(t.ab.n), "dyad-ab-n"),
      card(`${d.b} → ${d.a} events, mean Goldstein ${fmtG(t.ba.goldstein)}`, fmt(t.ba.n), "dyad-ba-n")),
    el("div", { class: "panel wide" },
      el("div", { class: "legend" }, el("span", {}, el("span", { class: "swatch sw-ab" }), `${d.a} → ${d.b}`),
        el("span", {}, el("span", { class: "swatch sw-ba" }), `${d.b} → ${d.a}`),
        el("span", { class: "muted" }, `bars: events per ${interval} (left axis); lines: mean Goldstein (right axis, −10 to +10)`)),
      dyadChart(d.series, d.a, d.b)),
    el("h3", {}, "Events of both directions"),
    pager(d.events, (off) => { location.hash = hrefFor("dyad", { ...filter, a, b, interval, offset: off }); }),
    eventsTable(d.events.items, { direction: true }));
}

function layoutNetwork(nodes, edges, W, H) {
  // Fruchterman-Reingold in a unit square (repulsion between all nodes, springs along edges, a pull
  // to the centre so separate components stay near), then scaled to fill the drawing
  const n = nodes.length;
  const pos = nodes.map((_, i) => ({ x: 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n), y: 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n) }));
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
  const k = 0.8 / Math.sqrt(Math.max(n, 1));
  const iterations = n > 150 ? 120 : 300;
  for (let it = 0; it < iterations; it++) {
    const disp = pos.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) {
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(1e-3, Math.hypot(dx, dy)), f = (k * k) / d;
      dx /= d; dy /= d;
      disp[i].x += dx * f; disp[i].y += dy * f; disp[j].x -= dx * f; disp[j].y -= dy * f;
    }
    for (const [i, j] of links) {
      let dx = pos[i].x - pos[j].x, dy = pos[i].y - pos[j].y;
      const d = Math.max(1e-3, Math.hypot(dx, dy)), f = (d * d) / k;
      dx /= d; dy /= d;
      disp[i].x -= dx * f; disp[i].y -= dy * f; disp[j].x += dx * f; disp[j].y += dy * f;
    }
    const temp = 0.1 * (1 - it / iterations) + 0.002;
    pos.forEach((p, i) => {
      disp[i].x += (0.5 - p.x) * k * 4; disp[i].y += (0.5 - p.y) * k * 4;
      const d = Math.max(1e-9, Math.hypot(disp[i].x, disp[i].y));
      p.x += (disp[i].x / d) * Math.min(d, temp); p.y += (disp[i].y / d) * Math.min(d, temp);
    });
  }
  const xs = pos.map((p) => p.x), ys = pos.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const mx = 70, my = 40;
  return pos.map((p) => ({ x: mx + ((p.x - x0) / Math.max(1e-9, x1 - x0)) * (W - 2 * mx), y: my + ((p.y - y0) / Math.max(1e-9, y1 - y0)) * (H - 2 * my) }));
}

async function viewNetwork(params, root) {
  const filter = currentFilter(params);
  const level = params.get("level") || "code";
  const limit = params.get("limit") || "60";
  const net = await api("network", { ...filter, level, limit, min_count: params.get("min_count") || 1 });
  const controls = el("div", { class: "pager" },
    "nodes ", el("select", { id: "net-level", onchange: (e) => { location.hash = hrefFor("network", { ...filter, level: e.target.value, limit }); } },
      [["code", "actor codes"], ["country", "countries"]].map(([v, l]) => el("option", { value: v, selected: v === level }, l))),
    " edges ", el("select", { id: "net-limit", onchange: (e) => { location.hash = hrefFor("network", { ...filter, level, limit: e.target.value }); } },
      ["20", "60", "150", "500"].map((v) => el("option", { value: v, selected: v === limit }, v))),
    el("span", { class: "legend" }, el("span", {}, el("span", { class: "swatch sw-q2" }), "mostly cooperation"),
      el("span", {}, el("span", { class: "swatch sw-q4" }), "mostly conflict"),
      el("span", { class: "muted" }, "width: events; click an edge for the dyad, a node for its events")));
  add(root, el("h2", {}, "Actor network ", el("span", { class: "muted", id: "net-count" }, `${net.nodes.length} actors, ${net.edges.length} edges`)), controls);
  if (!net.edges.length) { add(root, el("div", { class: "empty" }, "No source → target pairs match.")); return; }
  const W = 960, H = 560;
  const pos = layoutNetwork(net.nodes, net.edges, W, H);
  const at = new Map(net.nodes.map((d, i) => [d.id, pos[i]]));
  const maxN = Math.max(...net.edges.map((e) => e.n));
  const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, id: "network" },
    svg("defs", {}, ["cooperation", "conflict"].map((kind) => svg("marker", { id: "arrow-" + kind, viewBox: "0 0 10 10", refX: 10, refY: 5,
      markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto-start-reverse" }, svg("path", { d: "M0,0L10,5L0,10z", fill: kind === "conflict" ? "#b2182b" : "#1b7837" })))));
  const radius = (n) => 6 + 10 * Math.sqrt(n / Math.max(...net.nodes.map((d) => d.n)));
  const nodeR = new Map(net.nodes.map((d) => [d.id, radius(d.n)]));
  for (const e of net.edges) {
    const p = at.get(e.source), q = at.get(e.target);
    const dx = q.x - p.x, dy = q.y - p.y, d = Math.max(1, Math.hypot(dx, dy));
    const r1 = nodeR.get(e.source), r2 = nodeR.get(e.target) + 2;
    // a slight sideways offset keeps A->B and B->A apart
    const ox = (-dy / d) * 3, oy = (dx / d) * 3;
    const line = svg("line", { x1: p.x + (dx / d) * r1 + ox, y1: p.y + (dy / d) * r1 + oy, x2: q.x - (dx / d) * r2 + ox, y2: q.y - (dy / d) * r2 + oy,
      class: "net-edge " + e.kind, "stroke-width": 1 + 6 * Math.sqrt(e.n / maxN), "stroke-opacity": 0.7,
      "marker-end": `url(#arrow-${e.kind})`, "data-source": e.source, "data-target": e.target },
    svg("title", {}, `${e.source} → ${e.target}: ${e.n} events (${e.cooperation} cooperation, ${e.conflict} conflict), mean Goldstein ${fmtG(e.goldstein)}`));
    line.addEventListener("click", () => { location.hash = hrefFor("dyad", { ...filter, a: e.source, b: e.target }); });
    s.append(line);
  }
  net.nodes.forEach((d) => {
    const p = at.get(d.id);
    const g = svg("g", { class: "net-node", "data-id": d.id, transform: `translate(${p.x},${p.y})` },
      svg("circle", { r: nodeR.get(d.id) }, svg("title", {}, `${d.id}${d.name ? " (" + d.name + ")" : ""}: ${d.n} events in these edges`)),
      svg("text", { y: nodeR.get(d.id) + 11, "text-anchor": "middle" }, d.id));
    g.addEventListener("click", () => { location.hash = hrefFor("search", { ...filter, actor: d.id }); });
    s.append(g);
  });
  add(root, el("div", { class: "panel wide" }, s));
}

let worldCache = null;
async function viewMap(params, root) {
  const filter = currentFilter(params);
  if (!worldCache) worldCache = await (await fetch("/static/world.json")).json();
  const m = await api("map", { ...filter, limit: 2000 });
  const centroid = new Map(worldCache.countries.filter((c) => c.iso3).map((c) => [c.iso3, c.centroid]));
  const s = svg("svg", { viewBox: "0 0 360 180", width: 1000, height: 500, id: "map" },
    svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "map-bg" }));
  for (let lon = 0; lon <= 360; lon += 30) s.append(svg("line", { x1: lon, x2: lon, y1: 0, y2: 180, class: "graticule" }));
  for (let lat = 0; lat <= 180; lat += 30) s.append(svg("line", { x1: 0, x2: 360, y1: lat, y2: lat, class: "graticule" }));
  for (const c of worldCache.countries) s.append(svg("path", { d: c.d, class: "country", "data-iso3": c.iso3 || "" }, svg("title", {}, c.name)));
  const all = [
    ...m.points.map((p) => ({ ...p, x: p.lon + 180, y: 90 - p.lat, label: [p.name, p.country].filter(Boolean).join(", "), byCountry: false })),
    ...m.countries.filter((c) => centroid.has(c.country)).map((c) => ({ ...c, x: centroid.get(c.country)[0] + 180,
      y: 90 - centroid.get(c.country)[1], label: `${c.country} (country only)`, byCountry: true })),
  ];
  const maxN = Math.max(1, ...all.map((p) => p.n));
  all.sort((p, q) => q.n - p.n);
  for (const p of all) {
    const dominant = [1, 2, 3, 4].reduce((best, q) => (p["q" + q] > p["q" + best] ? q : best), 1);
    const dot = svg("circle", { cx: p.x, cy: p.y, r: 0.8 + 5 * Math.sqrt(p.n / maxN), class: `map-dot q${dominant}${p.byCountry ? " by-country" : ""}`,
      "data-label": p.label },
    svg("title", {}, `${p.label}: ${p.n} events (` + [1, 2, 3, 4].map((q) => `${p["q" + q]} ${QUADS[q].toLowerCase()}`).join(", ") + ")"));
    dot.addEventListener("click", () => { location.hash = hrefFor("search", { ...filter, place: p.byCountry ? p.country : (p.name || p.country) }); });
    s.append(dot);
  }
  add(root, el("h2", {}, "Map ", el("span", { class: "muted", id: "map-count" },
    `${m.points.length} places, ${all.length - m.points.length} countries placed at their centre` +
    (all.length - m.points.length < m.countries.length ? ` (${m.countries.length - (all.length - m.points.length)} not on the outline)` : "") +
    `, ${fmt(m.unplaced)} events without a location`)),
  legendQuads(), el("div", { class: "panel wide" }, s),
  el("p", { class: "muted" }, "Dot size: events; colour: the most frequent quad class. Dashed dots stand for events located only by country. ",
    worldCache.source));
}

async function viewArticles(params, root) {
  const q = params.get("q") || "";
  const offset = Number(params.get("offset") || 0);
  const page = await api("articles", { q, limit: PAGE, offset });
  const f = el("form", { class: "pager", onsubmit: (e) => { e.preventDefault(); location.hash = hrefFor("articles", { q: new FormData(e.target).get("q") }); } },
    el("input", { name: "q", value: q, placeholder: "id or title" }), el("button", { type: "submit" }, "Find"));
  add(root, el("h2", {}, "Articles ", el("span", { class: "muted" }, `${fmt(page.total)}`)), f,
    pager(page, (off) => { location.hash = hrefFor("articles", { q, offset: off }); }),
    page.items.length ? el("table", { class: "list" }, el("thead", {}, el("tr", {}, el("th", {}, "date"), el("th", {}, "id"), el("th", {}, "title"), el("th", { class: "num" }, "events"))),
      el("tbody", {}, page.items.map((a) => el("tr", {}, el("td", {}, a.publication_date || "–"),
        el("td", {}, el("a", { href: hrefFor("article", { id: a.id }), class: "article-link" }, a.id)), el("td", {}, a.title || ""), el("td", { class: "num" }, fmt(a.n_events))))))
      : el("div", { class: "empty" }, "No articles."));
}

function highlightedText(text, spans) {
  // split the text at every span boundary; each piece carries the classes of the spans covering it
  const cuts = new Set([0, text.length]);
  for (const s of spans) { if (s.start >= 0 && s.end <= text.length && s.start < s.end) { cuts.add(s.start); cuts.add(s.end); } }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i], b = points[i + 1];
    const cover = spans.filter((s) => s.start <= a && s.end >= b && s.start < s.end);
    const piece = text.slice(a, b);
    if (!cover.length) { out.push(piece); continue; }
    const classes = [...new Set(cover.map((s) => "hl-" + s.kind))];
    const attrs = { class: classes.join(" "), title: cover.map((s) => s.label).join("\n"), "data-start": a };
    for (const s of cover) if (s.event) attrs["data-event"] = s.event;
    out.push(el("span", attrs, piece));
  }
  return out;
}

async function viewArticle(params, root) {
  const id = params.get("id");
  const selected = params.get("event");
  if (!id) { add(root, el("div", { class: "empty" }, "No article chosen.")); return; }
  const art = await api("articles/" + encodeURIComponent(id));
  const L = art.layers;
  const spans = [
    ...L.quotes.map((q) => ({ kind: "quote", start: q.start, end: q.end, label: `quote${q.speaker ? " by " + (q.speaker.name || q.speaker.text) + (q.speaker.code ? " [" + q.speaker.code + "]" : "") : ""}` })),
    ...L.actors.map((a) => ({ kind: "actor", start: a.start, end: a.end, label: "actor " + actorLabel(a) })),
    ...L.times.map((t) => ({ kind: "time", start: t.start, end: t.end, label: `time ${t.type} ${t.value}` })),
    ...L.places.map((p) => ({ kind: "place", start: p.start, end: p.end, label: `place ${p.name || p.text}${p.country ? ", " + p.country : ""}` })),
    ...art.events.map((e) => ({ kind: "trigger", start: e.trigger_start, end: e.trigger_end, event: e.id,
      label: `event ${e.cameo} ${e.cameo_name} (Goldstein ${fmtG(e.goldstein)})` })),
  ];
  if (selected) {
    const ev = art.events.find((e) => e.id === selected);
    if (ev) spans.push({ kind: "selected", start: ev.sentence_start, end: ev.sentence_end, label: "selected event's sentence" });
  }
  const keys = el("div", { class: "keys" }, [["actor", "actors"], ["trigger", "event triggers"], ["time", "times"], ["place", "places"], ["quote", "quotes"]]
    .map(([k, l]) => el("span", { class: "hl-" + k }, `${l} (${k === "trigger" ? art.events.length : (L[k + "s"] || []).length})`)));
  add(root, 
    el("h2", { id: "article-title" }, art.title || art.id),
    el("div", { class: "muted" }, [art.publication_date, art.source, art.location_name, art.url].filter(Boolean).join(" · "),
      ` · coded ${art.coded_at || ""} by dyads ${art.coder_version}`),
    keys,
    el("div", { class: "article-text", id: "article-text" }, highlightedText(art.text, spans)),
    el("h3", {}, `Events (${art.events.length})`), eventsTable(art.events, { selected }),
    art.no_events.length ? el("details", {}, el("summary", {}, `${art.no_events.length} sentences without an event, and why`),
      el("ul", {}, art.no_events.map((n) => el("li", {}, `sentence ${n.sentence_index}: `, el("q", {}, art.text.slice(n.start, n.end).slice(0, 160)), ` — ${n.reason}`)))) : null);
  const sel = root.querySelector(".hl-selected");
  if (sel) sel.scrollIntoView({ block: "center" });
}

const VIEWS = { overview: viewOverview, search: viewSearch, dyad: viewDyad, network: viewNetwork, map: viewMap,
  articles: viewArticles, article: viewArticle };

async function render() {
  const { view, params } = parseHash();
  const fn = VIEWS[view] || viewOverview;
  fillForm(currentFilter(params));
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  const root = document.getElementById("view");
  const fresh = el("div", { id: "view-" + view, class: "loading" });
  root.replaceChildren(fresh);
  try {
    await fn(params, fresh);
  } catch (err) {
    fresh.append(el("div", { class: "error" }, "Could not load: " + err.message));
  }
  fresh.classList.remove("loading");
  fresh.classList.add("ready");
  document.body.dataset.ready = view;
}

function init() {
  form().addEventListener("submit", (e) => {
    e.preventDefault();
    const { view } = parseHash();
    const target = ["article", "articles"].includes(view) ? "search" : view;
    const keep = {};
    const p = parseHash().params;
    if (view === "dyad") { keep.a = p.get("a"); keep.b = p.get("b"); keep.interval = p.get("interval"); }
    if (view === "network") { keep.level = p.get("level"); keep.limit = p.get("limit"); }
    location.hash = hrefFor(target, { ...keep, ...readForm() });
  });
  document.getElementById("clear-filters").addEventListener("click", () => {
    const { view } = parseHash();
    location.hash = hrefFor(["article", "articles"].includes(view) ? "overview" : view, {});
  });
  let timer = null;
  form().elements.actor.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => suggestActors().catch(() => {}), 200); });
  window.addEventListener("hashchange", render);
  loadFacets().catch((err) => { document.getElementById("dbinfo").textContent = "API error: " + err.message; });
  render();
}
document.addEventListener("DOMContentLoaded", init);
