// dyads web app: hand-written JavaScript, no framework, no build step, no CDN.
// Every view reads the JSON API under /api (see docs/api.md). Text from the database is only ever
// put into the page as text nodes or attribute values (never as HTML), so nothing it holds can run.
// Every number on a page is a link (class "count", data-count = the number) to the rows it counts;
// the page it opens shows its total in an element with data-total (tests/test_web_browser.py checks both).
"use strict";

const QUADS = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };
const FILTER_KEYS = ["actor", "source", "target", "match", "country", "cameo", "quad_class", "plover", "date_from", "date_to",
  "precision", "dates", "place", "place_country", "basis", "q", "article", "negated"];
const SVGNS = "http://www.w3.org/2000/svg";
const PAGE = 50;
const MENTIONS_NOTE = "Counts are mentions: one coded sentence each (the same event reported twice counts twice).";

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
    if (c === null || c === undefined || c === false) continue;
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
function query(params) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) if (v !== null && v !== undefined && v !== "") p.set(k, v);
  return p.toString();
}
function hrefFor(view, params) {
  const s = query(params);
  return "#/" + view + (s ? "?" + s : "");
}
function currentFilter(params) {
  const f = {};
  for (const k of FILTER_KEYS) if (params.get(k)) f[k] = params.get(k);
  if (f.match === "prefix") delete f.match;
  if (f.basis === "all") delete f.basis;
  return f;
}
function apiUrl(path, params) {
  const s = query(params);
  return "/api/" + path + (s ? "?" + s : "");
}
async function api(path, params) {
  const r = await fetch(apiUrl(path, params), { headers: { Accept: "application/json" } });
  if (!r.ok) {
    let detail = r.statusText;
    try {
      const body = await r.json();
      detail = body.message || (typeof body.detail === "string" ? body.detail : JSON.stringify(body.detail));
    } catch (e) { /* not JSON */ }
    const err = new Error(detail);
    err.status = r.status;
    throw err;
  }
  return r.json();
}

// ---- filter form -------------------------------------------------------------------------
const form = () => document.getElementById("filters");
function fillForm(filter) {
  for (const k of FILTER_KEYS) {
    const input = form().elements[k];
    if (input) input.value = filter[k] || (k === "match" ? "prefix" : "");
  }
}
function formFilter(view, params) {
  // what the filter bar shows: the address's filter; on the map, sentence-placed mentions unless told otherwise
  const f = currentFilter(params);
  if (view === "map") f.basis = params.get("basis") === "all" ? "" : params.get("basis") || "sentence";
  return f;
}
function readForm() {
  const f = {};
  for (const k of FILTER_KEYS) {
    const input = form().elements[k];
    const v = input ? input.value.trim() : "";
    if (v) f[k] = v;
  }
  if (f.match === "prefix") delete f.match;
  return f;
}
async function loadFacets() {
  const [facets, stats] = await Promise.all([api("facets"), api("stats")]);
  const addOptions = (name, options) => {
    const sel = form().elements[name];
    for (const [value, label] of options) sel.append(el("option", { value }, label));
  };
  addOptions("country", facets.countries.map((c) => [c.country, `${c.country} ${c.name || ""} (${c.n})`]));
  addOptions("cameo", facets.cameo_roots.map((r) => [r.code, `${r.code} ${r.name || ""} (${r.n})`]));
  addOptions("quad_class", facets.quad_classes.map((q) => [String(q.quad_class), `${q.quad_class} ${q.name}`]));
  addOptions("plover", facets.plover.map((p) => [p.plover, `${p.plover} (${p.n})`]));
  fillForm(formFilter(parseHash().view, parseHash().params));
  const merged = stats.merged_events === null || stats.merged_events === undefined ? "" : `, ${fmt(stats.merged_events)} merged events`;
  document.getElementById("dbinfo").textContent =
    `${stats.database}: ${fmt(stats.articles)} articles, ${fmt(stats.mentions)} mentions${merged}` +
    (stats.first_date ? `, published ${stats.first_date} to ${stats.last_date}` : "");
}
async function suggestActors() {
  const q = form().elements.actor.value.trim();
  const list = document.getElementById("actor-list");
  const found = await api("actors", { q, limit: 15 });
  // a code typed: the codes; a name typed: the names (choosing "Barack Obama" keeps the filter to his name)
  const byCode = /^[A-Z0-9]+$/.test(q);
  list.replaceChildren(...found.map((a) => el("option", { value: byCode || !a.name ? a.code : a.name },
    `${a.code}${a.name ? " · " + a.name : ""} (${a.n} mentions)`)));
}

// ---- shared widgets ------------------------------------------------------------------------
function legendQuads() {
  return el("div", { class: "legend" },
    Object.entries(QUADS).map(([q, name]) => el("span", {}, el("span", { class: "swatch sw-q" + q }), name)));
}
function countLink(n, view, params, attrs = {}) {
  // a number and the rows it counts: the page it opens shows `n` rows in its data-total element
  return el("a", { class: "count", href: hrefFor(view, params), "data-count": n, ...attrs }, fmt(n));
}
function card(label, value, id) {
  return el("div", { class: "card" }, el("div", { class: "num", id }, value), el("div", { class: "muted" }, label));
}
function unitNote(extra) {
  return el("p", { class: "muted unit-note", id: "unit-note" }, MENTIONS_NOTE, extra ? " " + extra : "");
}
function downloads(path, params, tables) {
  // CSV of each list of a view, its JSON, and the API URL of what is on screen
  const json = apiUrl(path, params);
  return el("div", { class: "downloads" }, "Download: ",
    tables.map(([table, label]) => [el("a", { href: apiUrl(path, { ...params, format: "csv", table }), download: "", class: "dl-csv" }, `${label} CSV`), " · "]),
    el("a", { href: json, download: "", class: "dl-json" }, "JSON"), " · ",
    el("a", { href: json, class: "api-url" }, "API URL"));
}
function actorLabel(a) {
  const who = a.name && a.name !== a.text ? `${a.text} (${a.name})` : a.text;
  return `${a.code || "?"}: ${who}`;
}
function actorsCell(list) {
  if (!list.length) return el("span", { class: "muted" }, "–");
  return el("span", {}, list.map((a, i) => [i ? "; " : "",
    a.code ? el("a", { href: hrefFor("actor", { code: a.code }), class: "actor-link" }, el("b", {}, a.code)) : el("b", {}, "?"),
    " ", el("span", { class: "muted" }, a.text)]));
}
function sentenceWithTrigger(ev) {
  const s = ev.sentence || "";
  const off = ev.sentence_start || 0;
  const a = (ev.trigger_start ?? -1) - off, b = (ev.trigger_end ?? -1) - off;
  if (a < 0 || b > s.length || a >= b) return el("span", { class: "sentence" }, s);
  return el("span", { class: "sentence" }, s.slice(0, a), el("mark", {}, s.slice(a, b)), s.slice(b));
}
function dateCell(ev) {
  const d = ev.event_date || ev.date;
  if (!d) return el("span", { class: "muted" }, "undated");
  const prec = ev.date_precision && ev.date_precision !== "day" ? el("span", { class: "prec", title: "date precision" }, ev.date_precision) : null;
  const bad = ev.implausible_date ? el("span", { class: "flag", title: "implausible date: far from the publication dates; kept off time axes" }, "⚠ implausible") : null;
  const shown = ev.date_precision === "year" ? d.slice(0, 4) : ev.date_precision === "month" ? d.slice(0, 7) : d;
  return el("span", {}, shown, " ", prec, " ", bad, ev.date_text ? el("div", { class: "muted" }, `“${ev.date_text}”`) : null);
}
const BASIS = { clause: "sentence", sentence: "sentence", dateline: "dateline" };
function placeCell(ev) {
  const name = ev.location_name || ev.location_country;
  if (!name) return el("span", { class: "muted" }, "–");
  const basis = BASIS[ev.location_basis] || ev.location_basis;
  return el("span", {}, name, basis ? el("div", { class: "basis basis-" + basis, title: "how the place was found" }, "from " + basis) : null);
}
function eventsTable(items, opts = {}) {
  if (!items.length) return el("div", { class: "empty", id: "no-events" }, "No events match.");
  const head = el("tr", {}, opts.direction ? el("th", {}, "dir") : null,
    el("th", {}, "sentence"), el("th", {}, "date"), el("th", {}, "source"), el("th", {}, "event"), el("th", {}, "target"),
    el("th", { class: "num" }, "Goldstein"), el("th", {}, "place"), el("th", {}, "article"));
  const rows = items.map((ev) => el("tr", { class: "event-row" + (ev.id === opts.selected ? " selected" : ""), "data-id": ev.id },
    opts.direction ? el("td", { "data-label": "direction" }, ev.direction === "ab" ? "A→B" : "B→A") : null,
    el("td", { class: "sentence-cell", "data-label": "sentence" }, sentenceWithTrigger(ev),
      " ", el("a", { href: hrefFor("event", { id: ev.id }), class: "event-link", title: "this event: rule, confidence, date, place" }, "details")),
    el("td", { "data-label": "date" }, dateCell(ev)),
    el("td", { "data-label": "source" }, actorsCell(ev.source)),
    el("td", { "data-label": "event" }, el("span", { class: "tag q" + ev.quad_class, title: QUADS[ev.quad_class] }, ev.cameo), " ",
      ev.negated ? "NOT " : "", ev.cameo_name, ev.plover ? el("div", { class: "muted" }, ev.plover) : null),
    el("td", { "data-label": "target" }, actorsCell(ev.target)),
    el("td", { class: "num", "data-label": "Goldstein" }, fmtG(ev.goldstein)),
    el("td", { "data-label": "place" }, placeCell(ev)),
    el("td", { "data-label": "article" }, el("a", { href: hrefFor("article", { id: ev.article_id, event: ev.id }), class: "article-link" },
      ev.article_id))));
  return el("table", { class: "list events responsive" }, el("thead", {}, head), el("tbody", {}, rows));
}
function mergedTable(items) {
  if (!items.length) return el("div", { class: "empty", id: "no-events" }, "No events match.");
  const head = el("tr", {}, el("th", {}, "first mention"), el("th", {}, "date"), el("th", {}, "source"), el("th", {}, "event"),
    el("th", {}, "target"), el("th", {}, "place"), el("th", { class: "num" }, "mentions"), el("th", { class: "num" }, "articles"));
  return el("table", { class: "list merged responsive" }, el("thead", {}, head), el("tbody", {}, items.map((m) => el("tr", { class: "merged-row", "data-id": m.id },
    el("td", { class: "sentence-cell", "data-label": "first mention" }, m.mention ? [sentenceWithTrigger(m.mention), " ",
      el("a", { href: hrefFor("event", { id: m.mention.id }), class: "event-link" }, "details")] : "–"),
    el("td", { "data-label": "date" }, dateCell({ event_date: m.event_date, date_precision: m.date_precision })),
    el("td", { "data-label": "source" }, m.source_code ? el("a", { href: hrefFor("actor", { code: m.source_code }) }, m.source_code) : "–"),
    el("td", { "data-label": "event" }, el("span", { class: "tag q" + m.quad_class }, m.cameo), " ", m.negated ? "NOT " : "", m.cameo_name),
    el("td", { "data-label": "target" }, m.target_code ? el("a", { href: hrefFor("actor", { code: m.target_code }) }, m.target_code) : "–"),
    el("td", { "data-label": "place" }, m.location_name || m.location_country || "–"),
    el("td", { class: "num", "data-label": "mentions" }, fmt(m.num_mentions)),
    el("td", { class: "num", "data-label": "articles" }, fmt(m.num_articles))))));
}
function pager(page, onMove) {
  const from = page.total ? page.offset + 1 : 0, to = Math.min(page.offset + page.items.length, page.total);
  return el("div", { class: "pager" },
    el("button", { type: "button", disabled: page.offset === 0, onclick: () => onMove(Math.max(0, page.offset - page.limit)) }, "‹ prev"),
    el("span", { class: "page-info" }, `${fmt(from)}–${fmt(to)} of ${fmt(page.total)}`),
    el("button", { type: "button", disabled: to >= page.total, onclick: () => onMove(page.offset + page.limit) }, "next ›"));
}
function barList(rows, label, value, countHref, labelHref) {
  // label (a link to its own page) | the count (a link to exactly the rows it counts) | a bar
  if (!rows.length) return el("div", { class: "empty" }, "none");
  const max = Math.max(...rows.map(value), 1);
  return el("table", { class: "list bars" }, el("tbody", {}, rows.map((r) => {
    const bar = el("span", { class: "bar" });
    bar.style.width = Math.max(2, (100 * value(r)) / max) + "%";
    return el("tr", {}, el("td", {}, labelHref ? el("a", { href: labelHref(r) }, label(r)) : label(r)),
      el("td", { class: "num" }, el("a", { class: "count", href: countHref(r), "data-count": value(r) }, fmt(value(r)))),
      el("td", { class: "bar-cell" }, bar));
  })));
}

// ---- charts (SVG, drawn for the width they get and redrawn when it changes) ----------------
function responsive(draw, minWidth = 300) {
  // a box whose chart is drawn at the box's width, again whenever the width changes
  const box = el("div", { class: "chart-box" });
  let last = 0;
  const redraw = () => {
    const w = Math.max(minWidth, Math.floor(box.clientWidth || 0));
    if (!box.clientWidth || Math.abs(w - last) < 8) return;
    last = w;
    box.replaceChildren(draw(w));
  };
  new ResizeObserver(redraw).observe(box);
  requestAnimationFrame(redraw);
  return box;
}
function isoWeek(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = (t.getUTCDay() + 6) % 7; // Monday = 0
  t.setUTCDate(t.getUTCDate() - day + 3); // the week's Thursday decides its year
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t - firstThursday) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, "0")}`;
}
function periodLabel(p, interval) {
  if (interval === "year") return p.slice(0, 4);
  if (interval === "month") return p.slice(0, 7);
  if (interval === "week") return isoWeek(p);
  return p;
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
function labelPeriods(s, periods, interval, x0, bw, y) {
  // every period has its slot (empty ones too); labels as many as fit without overlapping
  const labelW = interval === "day" ? 72 : interval === "week" ? 62 : interval === "month" ? 52 : 34;
  const every = Math.max(1, Math.ceil(labelW / Math.max(bw, 1)));
  periods.forEach((p, i) => {
    if (i % every) return;
    s.append(svg("line", { x1: x0 + i * bw, x2: x0 + i * bw, y1: y - 14, y2: y - 10, stroke: "#99a" }),
      svg("text", { x: x0 + i * bw, y, "text-anchor": "start", class: "period-label" }, periodLabel(p, interval)));
  });
}
function stackedBars(rows, opts) {
  return (W) => {
    const H = opts.height || 220, m = { l: 44, r: 10, t: 10, b: 40 };
    const s = svg("svg", { viewBox: `0 0 ${W} ${H}`, width: W, height: H, class: "chart", id: opts.id });
    if (!rows.length) { s.append(svg("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "no dated events")); return s; }
    const max = Math.max(...rows.map((r) => r.total), 1);
    const iw = W - m.l - m.r, ih = H - m.t - m.b, bw = iw / rows.length;
    const y = (v) => m.t + ih - (ih * v) / max;
    for (const t of ticks(0, max, 4)) {
      s.append(svg("line", { x1: m.l, x2: W - m.r, y1: y(t), y2: y(t), stroke: "#e3e7ee" }),
        svg("text", { x: m.l - 4, y: y(t) + 4, "text-anchor": "end" }, fmt(t)));
    }
    const title = (r) => `${periodLabel(r.period, opts.interval)}: ${r.total} mentions (` +
      [1, 2, 3, 4].map((q) => `${r["q" + q]} ${QUADS[q].toLowerCase()}`).join(", ") + ")";
    if (bw < 2) { // dense (hundreds of periods a pixel or less wide): see denseBars
      denseBars(s, rows, opts, title, { x0: m.l, bw, y });
      labelPeriods(s, rows.map((r) => r.period), opts.interval, m.l, bw, H - m.b + 16);
      return s;
    }
    rows.forEach((r, i) => {
      if (!r.total) return;
      const link = svg("a", { href: opts.href(r), class: "count bar-link", "data-count": r.total, "data-period": r.period },
        svg("title", {}, title(r)));
      let acc = 0;
      for (const q of [1, 2, 3, 4]) {
        const v = r["q" + q];
        if (!v) continue;
        link.append(svg("rect", { x: m.l + i * bw + (bw > 4 ? bw * 0.1 : 0), width: Math.max(1, bw > 4 ? bw * 0.8 : bw), y: y(acc + v),
          height: y(acc) - y(acc + v), class: "q" + q, "data-period": r.period }));
        acc += v;
      }
      s.append(link);
    });
    labelPeriods(s, rows.map((r) => r.period), opts.interval, m.l, bw, H - m.b + 16);
    return s;
  };
}
function denseBars(s, rows, opts, title, { x0, bw, y }) {
  // a period narrower than two pixels: each quad class is one path of all its bars (four elements, not
  // one per period and class), and each period one transparent link over its whole bar, its title made
  // when the pointer first comes over it: 10,000 days draw in about half the time (docs/web.md)
  const d = { 1: [], 2: [], 3: [], 4: [] };
  const w = Math.max(bw, 0.5);
  rows.forEach((r, i) => {
    let acc = 0;
    for (const q of [1, 2, 3, 4]) {
      const v = r["q" + q];
      if (!v) continue;
      d[q].push(`M${(x0 + i * bw).toFixed(2)},${y(acc + v).toFixed(1)}h${w.toFixed(2)}V${y(acc).toFixed(1)}h${(-w).toFixed(2)}Z`);
      acc += v;
    }
  });
  for (const q of [1, 2, 3, 4]) if (d[q].length) s.append(svg("path", { d: d[q].join(""), class: "q" + q }));
  const byPeriod = new Map();
  rows.forEach((r, i) => {
    if (!r.total) return;
    byPeriod.set(r.period, r);
    s.append(svg("a", { href: opts.href(r), class: "count bar-link", "data-count": r.total, "data-period": r.period },
      svg("rect", { x: x0 + i * bw, width: w, y: y(r.total), height: y(0) - y(r.total), class: "hit" })));
  });
  s.addEventListener("pointerover", (e) => {
    const a = e.target.closest && e.target.closest("a.bar-link");
    if (a && !a.querySelector("title")) a.prepend(svg("title", {}, title(byPeriod.get(a.dataset.period))));
  });
}
function dyadChart(series, a, b, interval, hrefDir) {
  return (W) => {
    const H = 300, m = { l: 44, r: 44, t: 12, b: 40 };
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
    const dense = bw < 2; // hundreds of periods a pixel or less wide: paths and links, as in denseBars
    const title = (r, dir) => { const [from, to] = dir === "ab" ? [a, b] : [b, a]; return `${periodLabel(r.period, interval)}: ${from} → ${to}: ${r[dir + "_n"]} mentions, mean Goldstein ${fmtG(r[dir + "_goldstein"])}`; };
    if (dense) {
      const w = Math.max(bw, 0.5), links = [];
      for (const [dir, fill] of [["ab", "#2f5fb3"], ["ba", "#d08c1f"]]) {
        const d = [];
        series.forEach((r, i) => {
          const n = r[dir + "_n"];
          if (!n) return;
          d.push(`M${(m.l + i * bw).toFixed(2)},${y(n).toFixed(1)}h${w.toFixed(2)}V${y(0).toFixed(1)}h${(-w).toFixed(2)}Z`);
          links.push([n, dir, r, i]);
        });
        if (d.length) s.append(svg("path", { d: d.join(""), fill, "fill-opacity": 0.45 }));
      }
      links.sort((p, q) => q[0] - p[0]); // the shorter bar's link on top, so both can be reached
      for (const [n, dir, r, i] of links) {
        s.append(svg("a", { href: hrefDir(dir, r), class: "count bar-" + dir, "data-count": n, "data-period": r.period, "data-dir": dir },
          svg("rect", { x: m.l + i * bw, width: w, y: y(n), height: y(0) - y(n), class: "hit" })));
      }
      const byPeriod = new Map(series.map((r) => [r.period, r]));
      s.addEventListener("pointerover", (e) => {
        const link = e.target.closest && e.target.closest("a.count");
        if (link && !link.querySelector("title")) link.prepend(svg("title", {}, title(byPeriod.get(link.dataset.period), link.dataset.dir)));
      });
    }
    if (!dense) series.forEach((r, i) => {
      const x = m.l + i * bw;
      for (const [dir, from, to, dx, fill] of [["ab", a, b, 0.1, "#2f5fb3"], ["ba", b, a, 0.5, "#d08c1f"]]) {
        const n = r[dir + "_n"];
        if (!n) continue;
        s.append(svg("a", { href: hrefDir(dir, r), class: "count bar-" + dir, "data-count": n },
          svg("rect", { x: x + bw * dx, width: Math.max(1, bw * 0.38), y: y(n), height: y(0) - y(n), fill, "fill-opacity": 0.45 }),
          svg("title", {}, `${periodLabel(r.period, interval)}: ${from} → ${to}: ${n} mentions, mean Goldstein ${fmtG(r[dir + "_goldstein"])}`)));
      }
    });
    for (const [key, colour] of [["ab", "#1d3f80"], ["ba", "#8a5500"]]) {
      // the line is broken where a period has no events: nothing joins across a gap
      let run = [];
      const flush = () => {
        if (run.length > 1) s.append(svg("polyline", { points: run.map(([x, g]) => `${x},${yg(g)}`).join(" "), fill: "none", stroke: colour, "stroke-width": 2 }));
        run = [];
      };
      series.forEach((r, i) => {
        const g = r[key + "_goldstein"];
        if (g === null || g === undefined) { flush(); return; }
        const x = m.l + i * bw + bw / 2;
        run.push([x, g]);
        if (!dense) s.append(svg("circle", { cx: x, cy: yg(g), r: 3.5, fill: "#fff", stroke: colour, "stroke-width": 2, class: "g-" + key }));
      });
      flush();
    }
    labelPeriods(s, series.map((r) => r.period), interval, m.l, bw, H - m.b + 16);
    return s;
  };
}
function zoomable(s, W, H) {
  // wheel or the buttons zoom, dragging pans: the viewBox moves, the drawing stays crisp
  let vb = { x: 0, y: 0, w: W, h: H };
  const set = () => s.setAttribute("viewBox", `${vb.x} ${vb.y} ${vb.w} ${vb.h}`);
  const zoom = (f, cx = vb.x + vb.w / 2, cy = vb.y + vb.h / 2) => {
    const w = Math.min(W, Math.max(W / 40, vb.w * f)), h = (w / vb.w) * vb.h;
    vb = { x: cx - ((cx - vb.x) * w) / vb.w, y: cy - ((cy - vb.y) * h) / vb.h, w, h };
    set();
  };
  s.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = s.getBoundingClientRect();
    zoom(e.deltaY > 0 ? 1.25 : 0.8, vb.x + ((e.clientX - r.left) / r.width) * vb.w, vb.y + ((e.clientY - r.top) / r.height) * vb.h);
  }, { passive: false });
  let drag = null;
  s.addEventListener("pointerdown", (e) => { if (e.target === s || e.target.classList.contains("map-bg") || e.target.classList.contains("country")) drag = { x: e.clientX, y: e.clientY, vb: { ...vb } }; });
  s.addEventListener("pointermove", (e) => {
    if (!drag) return;
    const r = s.getBoundingClientRect();
    vb = { ...drag.vb, x: drag.vb.x - ((e.clientX - drag.x) / r.width) * drag.vb.w, y: drag.vb.y - ((e.clientY - drag.y) / r.height) * drag.vb.h };
    set();
  });
  for (const ev of ["pointerup", "pointerleave"]) s.addEventListener(ev, () => { drag = null; });
  return el("div", { class: "zoom-controls" },
    el("button", { type: "button", class: "zoom-in", onclick: () => zoom(0.67) }, "+"),
    el("button", { type: "button", class: "zoom-out", onclick: () => zoom(1.5) }, "−"),
    el("button", { type: "button", class: "zoom-reset", onclick: () => { vb = { x: 0, y: 0, w: W, h: H }; set(); } }, "reset"),
    el("span", { class: "muted" }, " wheel to zoom, drag to pan"));
}
function pie(cx, cy, r, parts) {
  // a dot as a pie of its quad classes: conflict is not hidden behind the most frequent class
  const total = parts.reduce((a, p) => a + p.n, 0);
  const g = svg("g", {});
  if (!total) return g;
  let angle = -Math.PI / 2;
  for (const p of parts) {
    if (!p.n) continue;
    if (p.n === total) { g.append(svg("circle", { cx, cy, r, class: p.cls })); break; }
    const a2 = angle + (2 * Math.PI * p.n) / total;
    const large = a2 - angle > Math.PI ? 1 : 0;
    g.append(svg("path", { class: p.cls, d: `M${cx},${cy} L${cx + r * Math.cos(angle)},${cy + r * Math.sin(angle)} A${r},${r} 0 ${large} 1 ${cx + r * Math.cos(a2)},${cy + r * Math.sin(a2)} Z` }));
    angle = a2;
  }
  return g;
}

// ---- views ---------------------------------------------------------------------------------
async function viewOverview(params, root) {
  const filter = currentFilter(params);
  const interval = params.get("interval") || "month";
  const o = await api("overview", { ...filter, interval, top: 10 });
  const intervalSel = el("select", { id: "interval", onchange: (e) => { location.hash = hrefFor("overview", { ...filter, interval: e.target.value }); } },
    ["day", "week", "month", "year"].map((i) => el("option", { value: i, selected: i === interval }, i)));
  const search = (extra) => hrefFor("search", { ...filter, ...extra });
  const exact = (extra) => search({ match: "exact", ...extra });
  const offAxis = [
    o.undated ? [countLink(o.undated, "search", { ...filter, dates: "undated" }, { id: "undated-count" }), " undated"] : null,
    o.implausible ? [countLink(o.implausible, "search", { ...filter, dates: "implausible" }, { id: "implausible-count" }),
      " with an implausible date (far from the publication dates)"] : null,
  ].filter(Boolean);
  add(root,
    el("h2", {}, "Overview"),
    unitNote(),
    el("div", { class: "cards" },
      card("mentions", countLink(o.events, "search", filter, { id: "total-events" })),
      card("articles with one", countLink(o.articles, "articles", { ...filter, has_events: "true" }, { id: "total-articles" })),
      o.by_quad.map((q) => card(q.name, countLink(q.n, "search", { ...filter, quad_class: q.quad_class }, { id: "quad-" + q.quad_class })))),
    el("div", { class: "panel wide" }, el("h3", {}, "Mentions over time by quad class, per ", intervalSel),
      legendQuads(),
      responsive(stackedBars(o.timeline, { id: "timeline", interval,
        href: (r) => search({ date_from: r.period, date_to: periodEnd(r.period, interval) }) })),
      offAxis.length ? el("p", { class: "muted", id: "off-axis" }, "Not on the axis: ", offAxis.map((x, i) => [i ? "; " : "", x])) : null,
      downloads("overview", { ...filter, interval, top: 10 }, [["timeline", "series"]])),
    el("div", { class: "grid" },
      el("div", { class: "panel", id: "top-actors" }, el("h3", {}, "Top actors (exact codes)"),
        barList(o.top_actors, (r) => r.name ? `${r.code} · ${r.name}` : r.code, (r) => r.n, (r) => exact({ actor: r.code }),
          (r) => hrefFor("actor", { code: r.code })),
        downloads("overview", { ...filter, top: 10 }, [["top_actors", "list"]])),
      el("div", { class: "panel", id: "top-dyads" }, el("h3", {}, "Top dyads (source → target, exact codes)"),
        barList(o.top_dyads, (r) => `${r.source} → ${r.target} (${fmtG(r.goldstein)})`, (r) => r.n,
          (r) => exact({ source: r.source, target: r.target }), (r) => hrefFor("dyad", { ...filter, match: "exact", a: r.source, b: r.target })),
        downloads("overview", { ...filter, top: 10 }, [["top_dyads", "list"]])),
      el("div", { class: "panel", id: "top-places" }, el("h3", {}, "Top places"),
        barList(o.top_places, (r) => [r.name, r.country].filter(Boolean).join(", "), (r) => r.n,
          (r) => search({ place: r.name, place_country: r.country })),
        downloads("overview", { ...filter, top: 10 }, [["top_places", "list"]])),
      el("div", { class: "panel", id: "by-root" }, el("h3", {}, "CAMEO roots"),
        barList(o.by_root, (r) => `${r.code} ${r.name || ""}`, (r) => r.n, (r) => search({ cameo: r.code })),
        downloads("overview", filter, [["by_root", "list"]]))));
}

async function viewSearch(params, root) {
  const filter = currentFilter(params);
  const offset = Number(params.get("offset") || 0);
  const sort = params.get("sort") || "-date";
  const unit = params.get("unit") === "events" ? "events" : "mentions";
  const page = await api("events", { ...filter, limit: PAGE, offset, sort, unit });
  const go = (extra) => { location.hash = hrefFor("search", { ...filter, sort, unit, ...extra }); };
  const sortSel = el("select", { id: "sort", onchange: (e) => go({ sort: e.target.value }) },
    [["-date", "newest first"], ["date", "oldest first"], ["-goldstein", "most cooperative"], ["goldstein", "most conflictual"], ["article", "by article"]]
      .map(([v, l]) => el("option", { value: v, selected: v === sort }, l)));
  const unitSel = el("select", { id: "unit", onchange: (e) => go({ unit: e.target.value, offset: 0 }) },
    [["mentions", "mentions (coded sentences)"], ["events", "events merged across articles"]].map(([v, l]) => el("option", { value: v, selected: v === unit }, l)));
  const csv = apiUrl("events.csv", { ...filter, unit: unit === "events" ? "events" : null });
  add(root,
    el("h2", {}, unit === "events" ? "Merged events " : "Mentions ",
      el("span", { class: "muted", id: "result-count", "data-total": page.total }, `${fmt(page.total)} match`)),
    el("p", { class: "muted", id: "unit-note" }, unit === "events"
      ? "Counting events merged across articles (the unit of `dyads events` and `dyads export`); each links to its first mention."
      : MENTIONS_NOTE + " The overview, dyad, network and map count these."),
    el("div", { class: "pager" }, "count ", unitSel, " sort ", sortSel),
    el("div", { class: "downloads" }, "Download: ", el("a", { href: csv, id: "csv-link", download: "" }, "CSV"), " · ",
      el("a", { href: apiUrl("events", { ...filter, unit, sort, limit: PAGE, offset }), download: "", class: "dl-json" }, "JSON (this page)"), " · ",
      el("a", { href: apiUrl("events", { ...filter, unit, sort, limit: PAGE, offset }), class: "api-url" }, "API URL")),
    pager(page, (off) => go({ offset: off })),
    unit === "events" ? mergedTable(page.items) : eventsTable(page.items),
    page.total > PAGE ? pager(page, (off) => go({ offset: off })) : null);
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
  el("select", { name: "interval" }, ["day", "week", "month", "year"].map((i) => el("option", { value: i, selected: i === interval }, i))),
  el("button", { type: "submit" }, "Show"),
  el("a", { href: hrefFor("dyad", { ...filter, a: b, b: a, interval }) }, "swap"));
  const how = filter.match === "exact" ? "exact codes" : `code prefixes (${a || "RUS"} includes ${a || "RUS"}GOV)`;
  add(root, el("h2", {}, "Dyad ", el("span", { id: "dyad-title" }, a && b ? `${a} ⇄ ${b}` : "")), pick,
    el("p", { class: "muted" }, `A and B are ${how}; the Match filter switches. `, MENTIONS_NOTE));
  if (!a || !b) { add(root, el("div", { class: "empty" }, "Pick two actor codes.")); return; }
  const d = await api("dyad", { ...filter, a, b, interval, limit: PAGE, offset });
  const t = d.totals;
  const dir = (src, tgt, extra = {}) => hrefFor("search", { ...filter, source: src, target: tgt, ...extra });
  add(root,
    el("div", { class: "cards" },
      card(`${d.a} → ${d.b} mentions, mean Goldstein ${fmtG(t.ab.goldstein)}`, countLink(t.ab.n, "search", { ...filter, source: d.a, target: d.b }, { id: "dyad-ab-n" })),
      card(`${d.b} → ${d.a} mentions, mean Goldstein ${fmtG(t.ba.goldstein)}`, countLink(t.ba.n, "search", { ...filter, source: d.b, target: d.a }, { id: "dyad-ba-n" })),
      [["ab", d.a, d.b], ["ba", d.b, d.a]].map(([k, src, tgt]) => [1, 2, 3, 4].filter((q) => t[k].by_quad[q]).map((q) =>
        card(`${src} → ${tgt}: ${QUADS[q].toLowerCase()}`, countLink(t[k].by_quad[q], "search", { ...filter, source: src, target: tgt, quad_class: q }, { class: "count quad-count" }))))),
    el("div", { class: "panel wide" },
      el("div", { class: "legend" }, el("span", {}, el("span", { class: "swatch sw-ab" }), `${d.a} → ${d.b}`),
        el("span", {}, el("span", { class: "swatch sw-ba" }), `${d.b} → ${d.a}`),
        el("span", { class: "muted" }, `bars: mentions per ${interval} (left axis; click for them); lines: mean Goldstein (right axis, −10 to +10), broken where a period has none`)),
      responsive(dyadChart(d.series, d.a, d.b, interval, (k, r) => {
        const [src, tgt] = k === "ab" ? [d.a, d.b] : [d.b, d.a];
        return dir(src, tgt, { date_from: r.period, date_to: periodEnd(r.period, interval) });
      })),
      downloads("dyad", { ...filter, a, b, interval }, [["series", "series"]])),
    el("h3", {}, "Mentions of both directions"),
    pager(d.events, (off) => { location.hash = hrefFor("dyad", { ...filter, a, b, interval, offset: off }); }),
    eventsTable(d.events.items, { direction: true }));
}

function layoutNetwork(nodes, edges, W, H) {
  // Fruchterman-Reingold in a unit square (repulsion between all nodes, springs along edges, a pull
  // to the centre so separate components stay near), then scaled to fill the drawing. Positions and
  // displacements in typed arrays and Math.sqrt, not Math.hypot, in the inner loops: at 150 nodes
  // that is several times faster in V8, on a par with d3-force (docs/web.md)
  const n = nodes.length;
  const px = new Float64Array(n), py = new Float64Array(n), ddx = new Float64Array(n), ddy = new Float64Array(n);
  for (let i = 0; i < n; i++) { px[i] = 0.5 + 0.4 * Math.cos((2 * Math.PI * i) / n); py[i] = 0.5 + 0.4 * Math.sin((2 * Math.PI * i) / n); }
  const index = new Map(nodes.map((d, i) => [d.id, i]));
  const links = edges.map((e) => [index.get(e.source), index.get(e.target)]);
  const k = 0.8 / Math.sqrt(Math.max(n, 1)), kk = k * k;
  const iterations = n > 150 ? 120 : 300;
  for (let it = 0; it < iterations; it++) {
    ddx.fill(0); ddy.fill(0);
    for (let i = 0; i < n; i++) {
      const xi = px[i], yi = py[i];
      for (let j = i + 1; j < n; j++) {
        let dx = xi - px[j], dy = yi - py[j];
        const d = Math.max(1e-3, Math.sqrt(dx * dx + dy * dy)), f = kk / d;
        dx /= d; dy /= d;
        ddx[i] += dx * f; ddy[i] += dy * f; ddx[j] -= dx * f; ddy[j] -= dy * f;
      }
    }
    for (const [i, j] of links) {
      let dx = px[i] - px[j], dy = py[i] - py[j];
      const d = Math.max(1e-3, Math.sqrt(dx * dx + dy * dy)), f = (d * d) / k;
      dx /= d; dy /= d;
      ddx[i] -= dx * f; ddy[i] -= dy * f; ddx[j] += dx * f; ddy[j] += dy * f;
    }
    const temp = 0.1 * (1 - it / iterations) + 0.002;
    for (let i = 0; i < n; i++) {
      ddx[i] += (0.5 - px[i]) * k * 4; ddy[i] += (0.5 - py[i]) * k * 4;
      const d = Math.max(1e-9, Math.sqrt(ddx[i] * ddx[i] + ddy[i] * ddy[i]));
      px[i] += (ddx[i] / d) * Math.min(d, temp); py[i] += (ddy[i] / d) * Math.min(d, temp);
    }
  }
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) { x0 = Math.min(x0, px[i]); x1 = Math.max(x1, px[i]); y0 = Math.min(y0, py[i]); y1 = Math.max(y1, py[i]); }
  const mx = 70, my = 40;
  return Array.from({ length: n }, (_, i) => ({ x: mx + ((px[i] - x0) / Math.max(1e-9, x1 - x0)) * (W - 2 * mx), y: my + ((py[i] - y0) / Math.max(1e-9, y1 - y0)) * (H - 2 * my) }));
}

async function viewNetwork(params, root) {
  const filter = currentFilter(params);
  const level = params.get("level") || "code";
  const limit = params.get("limit") || "60";
  const net = await api("network", { ...filter, level, limit, min_count: params.get("min_count") || 1 });
  const controls = el("div", { class: "pager wrap" },
    "nodes ", el("select", { id: "net-level", onchange: (e) => { location.hash = hrefFor("network", { ...filter, level: e.target.value, limit }); } },
      [["code", "actor codes"], ["country", "countries only"]].map(([v, l]) => el("option", { value: v, selected: v === level }, l))),
    " edges ", el("select", { id: "net-limit", onchange: (e) => { location.hash = hrefFor("network", { ...filter, level, limit: e.target.value }); } },
      ["20", "60", "150", "500"].map((v) => el("option", { value: v, selected: v === limit }, v))),
    el("span", { class: "legend" }, el("span", {}, el("span", { class: "swatch sw-q2" }), "mostly cooperation"),
      el("span", {}, el("span", { class: "swatch sw-q4" }), "mostly conflict"),
      el("span", { class: "muted" }, "width: mentions; click an edge for the dyad, a node for the actor")));
  add(root, el("h2", {}, "Actor network ", el("span", { class: "muted", id: "net-count" }, `${net.nodes.length} actors, ${net.edges.length} edges`)),
    el("p", { class: "muted" }, MENTIONS_NOTE, level === "country" ? " Countries only: sectors without a country (GOV, BUS, MED) and organisations are left out." : ""),
    controls);
  if (!net.edges.length) { add(root, el("div", { class: "empty" }, "No source → target pairs match.")); return; }
  // an edge's count is the mentions with that source and target: exact codes, or at the country level the codes of each country
  const edgeFilter = (e) => level === "country" ? { ...filter, match: null, source: e.source, target: e.target } : { ...filter, match: "exact", source: e.source, target: e.target };
  const nodeHref = (d) => level === "country" ? hrefFor("search", { ...filter, country: d.id }) : hrefFor("actor", { code: d.id });
  const draw = (Wbox) => {
    const W = Math.max(360, Wbox), H = Math.max(360, Math.round(W * 0.58));
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
      const ox = (-dy / d) * 3, oy = (dx / d) * 3; // a slight sideways offset keeps A->B and B->A apart
      const line = svg("line", { x1: p.x + (dx / d) * r1 + ox, y1: p.y + (dy / d) * r1 + oy, x2: q.x - (dx / d) * r2 + ox, y2: q.y - (dy / d) * r2 + oy,
        class: "net-edge " + e.kind, "stroke-width": 1 + 6 * Math.sqrt(e.n / maxN), "stroke-opacity": 0.7,
        "marker-end": `url(#arrow-${e.kind})`, "data-source": e.source, "data-target": e.target },
      svg("title", {}, `${e.source} → ${e.target}: ${e.n} mentions (${e.cooperation} cooperation, ${e.conflict} conflict), mean Goldstein ${fmtG(e.goldstein)}`));
      line.addEventListener("click", () => { location.hash = hrefFor("dyad", { ...edgeFilter(e), source: null, target: null, a: e.source, b: e.target }); });
      s.append(line);
    }
    net.nodes.forEach((d) => {
      const p = at.get(d.id);
      const g = svg("g", { class: "net-node", "data-id": d.id, transform: `translate(${p.x},${p.y})` },
        svg("circle", { r: nodeR.get(d.id) }, svg("title", {}, `${d.id}${d.name ? " · " + d.name : ""}`)),
        svg("text", { y: nodeR.get(d.id) + 11, "text-anchor": "middle" }, d.id));
      g.addEventListener("click", () => { location.hash = nodeHref(d); });
      s.append(g);
    });
    const box = el("div", {}, s);
    box.prepend(zoomable(s, W, H));
    return box;
  };
  const edgeRows = net.edges.map((e) => el("tr", { class: "edge-row" },
    el("td", {}, el("a", { href: hrefFor("dyad", { ...edgeFilter(e), source: null, target: null, a: e.source, b: e.target }) }, `${e.source} → ${e.target}`)),
    el("td", { class: "num" }, countLink(e.n, "search", edgeFilter(e))),
    el("td", {}, e.kind === "conflict" ? "mostly conflict" : "mostly cooperation"),
    el("td", { class: "num" }, fmtG(e.goldstein))));
  add(root, el("div", { class: "panel wide" }, responsive(draw, 360)),
    el("div", { class: "grid" },
      el("div", { class: "panel" }, el("h3", {}, "Edges"),
        el("table", { class: "list", id: "edge-table" }, el("thead", {}, el("tr", {}, el("th", {}, "source → target"), el("th", { class: "num" }, "mentions"),
          el("th", {}, "kind"), el("th", { class: "num" }, "Goldstein"))), el("tbody", {}, edgeRows)),
        downloads("network", { ...filter, level, limit }, [["edges", "edges"], ["nodes", "nodes"]])),
      el("div", { class: "panel" }, el("h3", {}, "Actors"),
        el("ul", { class: "plain" }, net.nodes.map((d) => el("li", {}, el("a", { href: nodeHref(d) }, d.id), d.name ? el("span", { class: "muted" }, " · " + d.name) : null))))));
}

let worldCache = null;
async function viewMap(params, root) {
  const basis = params.get("basis") || "sentence"; // the map's default: events placed from their own sentence
  const filter = { ...currentFilter(params) };
  if (basis !== "all") filter.basis = basis;
  if (!worldCache) worldCache = await (await fetch("/static/world.json")).json();
  const m = await api("map", { ...filter, limit: 2000 });
  const centroid = new Map(worldCache.countries.filter((c) => c.iso3).map((c) => [c.iso3, c.centroid]));
  const placeFilter = (p) => ({ ...filter, basis: basis === "all" ? null : basis, place: p.name, place_country: p.country });
  const all = [
    ...m.points.map((p) => ({ ...p, x: p.lon + 180, y: 90 - p.lat, label: [p.name, p.country].filter(Boolean).join(", "), byCountry: false })),
    ...m.countries.filter((c) => centroid.has(c.country)).map((c) => ({ ...c, x: centroid.get(c.country)[0] + 180,
      y: 90 - centroid.get(c.country)[1], label: `${c.name || c.country} (country only)`, byCountry: true })),
  ];
  const maxN = Math.max(1, ...all.map((p) => p.n));
  all.sort((p, q) => q.n - p.n);
  const draw = () => {
    const s = svg("svg", { viewBox: "0 0 360 180", id: "map", class: "map", preserveAspectRatio: "xMidYMid meet" },
      svg("rect", { x: 0, y: 0, width: 360, height: 180, class: "map-bg" }));
    for (let lon = 0; lon <= 360; lon += 30) s.append(svg("line", { x1: lon, x2: lon, y1: 0, y2: 180, class: "graticule" }));
    for (let lat = 0; lat <= 180; lat += 30) s.append(svg("line", { x1: 0, x2: 360, y1: lat, y2: lat, class: "graticule" }));
    for (const c of worldCache.countries) s.append(svg("path", { d: c.d, class: "country", "data-iso3": c.iso3 || "" }, svg("title", {}, c.name)));
    for (const p of all) {
      const r = 0.8 + 5 * Math.sqrt(p.n / maxN);
      const dot = svg("a", { href: hrefFor("search", placeFilter(p)), class: `map-dot${p.byCountry ? " by-country" : ""} count`, "data-label": p.label, "data-count": p.n },
        pie(p.x, p.y, r, [1, 2, 3, 4].map((q) => ({ n: p["q" + q], cls: "q" + q }))),
        svg("circle", { cx: p.x, cy: p.y, r, class: "dot-ring" }),
        svg("title", {}, `${p.label}: ${p.n} mentions (` + [1, 2, 3, 4].map((q) => `${p["q" + q]} ${QUADS[q].toLowerCase()}`).join(", ") + ")"));
      s.append(dot);
    }
    const box = el("div", {}, s);
    box.prepend(zoomable(s, 360, 180));
    return box;
  };
  const basisSel = el("select", { id: "map-basis", onchange: (e) => { location.hash = hrefFor("map", { ...currentFilter(params), basis: e.target.value }); } },
    [["sentence", "placed from their own sentence"], ["dateline", "placed from the dateline only (where the story was filed)"], ["all", "all placed events"]]
      .map(([v, l]) => el("option", { value: v, selected: v === basis }, l)));
  const placeRows = [...m.points, ...m.countries].sort((p, q) => q.n - p.n).slice(0, 100).map((p) => el("tr", { class: "place-row" },
    el("td", {}, [p.name, p.country].filter(Boolean).join(", "), p.lat === undefined ? el("span", { class: "muted" }, " (country only)") : null),
    el("td", { class: "num" }, countLink(p.n, "search", placeFilter(p))),
    [1, 2, 3, 4].map((q) => el("td", { class: "num" }, p["q" + q] ? countLink(p["q" + q], "search", { ...placeFilter(p), quad_class: q }) : "0"))));
  add(root, el("h2", {}, "Map ", el("span", { class: "muted", id: "map-count" },
    `${m.points.length} places, ${m.countries.length} countries placed at their centre, `,
    m.unplaced ? countLink(m.unplaced, "search", { ...filter, basis: "none" }, { id: "unplaced-count" }) : "0", " mentions without a place")),
  el("div", { class: "pager wrap" }, "show mentions ", basisSel),
  el("p", { class: "muted" }, MENTIONS_NOTE, " Most news places its events where the story was filed (the dateline): the map shows events placed from their own sentence unless you choose otherwise."),
  legendQuads(), el("div", { class: "panel wide" }, draw()),
  el("p", { class: "muted" }, "Dot size: mentions; slices: the quad classes. Dashed dots stand for events located only by country. ", worldCache.source),
  el("div", { class: "panel wide" }, el("h3", {}, "Places"),
    el("table", { class: "list", id: "place-table" }, el("thead", {}, el("tr", {}, el("th", {}, "place"), el("th", { class: "num" }, "mentions"),
      [1, 2, 3, 4].map((q) => el("th", { class: "num", title: QUADS[q] }, "Q" + q)))), el("tbody", {}, placeRows)),
    downloads("map", { ...filter, limit: 2000 }, [["points", "places"], ["countries", "countries"]])));
}

async function viewActor(params, root) {
  const code = (params.get("code") || "").trim();
  if (!code) { add(root, el("div", { class: "empty" }, "No actor chosen.")); return; }
  const a = await api("actor/" + encodeURIComponent(code));
  const c = a.counts;
  add(root, el("h2", { id: "actor-title" }, a.code, a.label ? el("span", { class: "muted" }, " · " + a.label) : null),
    el("div", { class: "cards" },
      card("mentions with it as either actor", countLink(c.either.n, "search", c.either.filter, { id: "actor-either" })),
      card("as source", countLink(c.source.n, "search", c.source.filter, { id: "actor-source" })),
      card("as target", countLink(c.target.n, "search", c.target.filter, { id: "actor-target" }))),
    el("p", { class: "muted" }, "Counts are of this exact code. ",
      el("a", { href: hrefFor("search", { actor: a.code }) }, `Mentions of ${a.code} and the codes under it`), " · ",
      el("a", { href: hrefFor("network", { actor: a.code }) }, "its network"), " · ",
      el("a", { href: hrefFor("quotes", { speaker: a.code }) }, "its quotes")),
    el("div", { class: "panel wide" }, el("h3", {}, "What the code means"),
      el("ul", { class: "plain" },
        el("li", {}, "root ", el("b", {}, a.root || "–"), a.root_names.length ? ": " + a.root_names.join("; ") : ""),
        a.sector ? el("li", {}, "sector ", el("b", {}, a.sector), a.sector_name ? ": " + a.sector_name : "") : null),
      a.dictionary.length ? el("table", { class: "list", id: "actor-dictionary" }, el("thead", {}, el("tr", {}, ["phrase", "kind", "name", "from", "until", "file"].map((h) => el("th", {}, h)))),
        el("tbody", {}, a.dictionary.map((e) => el("tr", {}, el("td", {}, e.phrase), el("td", {}, e.kind), el("td", {}, e.name || ""),
          el("td", {}, e.from || ""), el("td", {}, e.until || ""), el("td", { class: "muted" }, e.file)))))
        : el("div", { class: "empty" }, "No dictionary entry has this exact code (it is built from a country and a role word)."),
      a.dictionary_entries > a.dictionary.length ? el("p", { class: "muted" }, `first ${a.dictionary.length} of ${a.dictionary_entries} entries`) : null),
    el("div", { class: "panel wide" }, el("h3", {}, "Names and words it had in this database"),
      a.names_in_database.length ? el("table", { class: "list" }, el("thead", {}, el("tr", {}, el("th", {}, "name"), el("th", {}, "text"), el("th", { class: "num" }, "actor mentions"))),
        el("tbody", {}, a.names_in_database.map((r) => el("tr", {}, el("td", {}, r.name || "–"), el("td", {}, r.text || ""),
          el("td", { class: "num" }, fmt(r.n)))))) : el("div", { class: "empty" }, "none")));
}

async function viewEvent(params, root) {
  const id = params.get("id");
  if (!id) { add(root, el("div", { class: "empty" }, "No event chosen.")); return; }
  const e = await api("event/" + encodeURIComponent(id));
  const r = e.record, loc = r.location || {};
  const row = (k, ...v) => el("tr", {}, el("th", {}, k), el("td", {}, ...v));
  const actors = (list) => list.length ? list.map((x, i) => [i ? "; " : "", x.code ? el("a", { href: hrefFor("actor", { code: x.code }) }, x.code) : "?", ` ${x.text}`, x.name ? ` (${x.name})` : ""]) : "–";
  add(root, el("h2", { id: "event-title" }, `${r.negated ? "NOT " : ""}${r.cameo} ${r.cameo_name}`),
    el("p", {}, sentenceWithTrigger({ sentence: r.sentence, sentence_start: r.sentence_start, trigger_start: r.trigger.start, trigger_end: r.trigger.end })),
    el("table", { class: "list facts", id: "event-facts" }, el("tbody", {},
      row("source", actors(r.source)), row("target", actors(r.target)),
      row("CAMEO", `${r.cameo} ${r.cameo_name} (root ${r.cameo_root})`), row("PLOVER", `${r.plover || "–"}${r.plover_mode ? " / " + r.plover_mode : ""}`),
      row("Goldstein · quad class", `${fmtG(r.goldstein)} · ${r.quad_class} ${QUADS[r.quad_class] || ""}`),
      row("rule", el("code", { id: "event-rule" }, e.rule || "–")),
      row("confidence", r.confidence ?? "–"),
      row("date", r.date || "undated", r.date_precision ? ` (precision: ${r.date_precision})` : "", r.date_text ? ` from “${r.date_text}”` : " (no time expression: the publication date)"),
      row("place", loc.name ? `${loc.name}${loc.country ? ", " + loc.country : ""}` : "–", e.location_basis ? el("span", { class: "basis", id: "event-basis" }, ` placed from the ${BASIS[e.location_basis] || e.location_basis}${e.location_basis === "clause" ? " (the event's own clause)" : ""}`) : ""),
      row("quote", e.quote ? [`“${e.quote.text}”`, e.quote.speaker_text ? ` — ${e.quote.speaker_name || e.quote.speaker_text}${e.quote.speaker_code ? " [" + e.quote.speaker_code + "]" : ""}` : ""] : "not in a quotation"),
      row("article", el("a", { href: hrefFor("article", { id: r.article_id, event: r.id }), class: "article-link" }, e.article.title || r.article_id),
        ` ${e.article.publication_date || ""} ${e.article.source || ""}`))),
    el("p", { class: "muted" }, "The rule names the pattern file and line that matched. ",
      el("a", { href: apiUrl("events/" + encodeURIComponent(id)), class: "api-url" }, "contract record (JSON)")),
    explanationPanel(id),
    el("h3", {}, e.merged ? `The merged event: ${e.mentions.length} mention${e.mentions.length === 1 ? "" : "s"} in ${e.merged.num_articles} article${e.merged.num_articles === 1 ? "" : "s"}` : "Merged event"),
    e.merged ? eventsTable(e.mentions, { selected: r.id }) : el("div", { class: "empty" }, "Not merged yet (run `dyads events` once)."));
}

function explanationPanel(id) {
  // why it was coded: the article coded again and explained (`dyads explain`), loaded after the page
  // (the first explanation loads the language model: seconds); class "pending" until it is there
  const box = el("div", { class: "panel wide pending", id: "event-explanation" }, el("h3", {}, "Why it was coded"),
    el("p", { class: "muted" }, "Explaining… (the first explanation loads the language model: a few seconds)"));
  const row = (p) => el("tr", { class: p.passes.length && p.start === Number(box.dataset.start) ? "this" : "" },
    el("td", { "data-label": "word" }, el("strong", {}, p.trigger)),
    el("td", { "data-label": "pattern" }, p.pattern ? el("code", {}, p.pattern) : "no matching pattern"),
    el("td", { "data-label": "result" }, p.dropped ? `dropped${p.dropped_by && !p.dropped.startsWith(p.dropped_by + ":") ? " by " + p.dropped_by : ""}: ${p.dropped}` : `${p.code} ${p.source.join(",") || "–"} → ${p.target.join(",") || "–"}`),
    el("td", { "data-label": "notes" }, p.notes.join("; ")));
  api("explain/" + encodeURIComponent(id)).then((x) => {
    const s = x.sentence, p = x.predicate;
    if (p) box.dataset.start = p.start;
    box.replaceChildren();
    add(box, el("h3", {}, "Why it was coded"),
      el("p", { class: "muted" }, "Its article coded again and explained, as ", el("code", {}, "dyads explain"), " does: every candidate word of the sentence, the pattern it matched (file:line) or why it was dropped."),
      x.note ? el("p", { class: "error", id: "explanation-note" }, x.note) : null,
      s ? el("p", {}, "Actors in the sentence: ", s.actors.join("; ") || "none") : null,
      s && s.predicates.length ? el("table", { class: "list responsive", id: "explanation-table" },
        el("thead", {}, el("tr", {}, el("th", {}, "word"), el("th", {}, "pattern"), el("th", {}, "result"), el("th", {}, "notes"))),
        el("tbody", {}, s.predicates.map(row))) : el("div", { class: "empty" }, "No candidate predicate in this sentence."),
      p && p.passes.length ? el("div", { id: "explanation-passes" }, el("p", {}, "Kept by the passes:"),
        el("ul", {}, p.passes.map((name) => el("li", {}, el("code", {}, name), ": ", x.passes[name] || "")))) : null);
    box.classList.remove("pending");
  }).catch((err) => {
    box.replaceChildren(el("h3", {}, "Why it was coded"), el("p", { class: "error" }, "No explanation: " + err.message));
    box.classList.remove("pending");
  });
  return box;
}

async function viewQuotes(params, root) {
  const q = params.get("q") || "", speaker = params.get("speaker") || "";
  const offset = Number(params.get("offset") || 0);
  const page = await api("quotes", { q, speaker, limit: PAGE, offset });
  const f = el("form", { class: "pager wrap", onsubmit: (e) => { e.preventDefault(); const fd = new FormData(e.target); location.hash = hrefFor("quotes", { q: fd.get("q"), speaker: fd.get("speaker") }); } },
    el("input", { name: "speaker", value: speaker, placeholder: "speaker code or name" }), el("input", { name: "q", value: q, placeholder: "words" }), el("button", { type: "submit" }, "Find"));
  add(root, el("h2", {}, "Quotes ", el("span", { class: "muted", id: "quotes-count", "data-total": page.total }, fmt(page.total))), f,
    downloads("quotes", { q, speaker }, [["items", "quotes"]]),
    pager(page, (off) => { location.hash = hrefFor("quotes", { q, speaker, offset: off }); }),
    page.items.length ? el("table", { class: "list responsive", id: "quote-table" }, el("thead", {}, el("tr", {}, el("th", {}, "speaker"), el("th", {}, "quote"), el("th", {}, "events"), el("th", {}, "article"))),
      el("tbody", {}, page.items.map((x) => el("tr", { class: "quote-row" },
        el("td", { "data-label": "speaker" }, x.speaker_code ? el("a", { href: hrefFor("actor", { code: x.speaker_code }) }, x.speaker_code) : "", " ", x.speaker_name || x.speaker_text || el("span", { class: "muted" }, "unknown")),
        el("td", { "data-label": "quote" }, el("q", {}, x.text), x.kind && x.kind !== "direct" ? el("span", { class: "muted" }, ` (${x.kind})`) : null),
        el("td", { "data-label": "events" }, x.events.length ? x.events.map((id, i) => [i ? ", " : "", el("a", { href: hrefFor("event", { id }) }, id.split(":").slice(-2).join(":"))]) : "–"),
        el("td", { "data-label": "article" }, el("a", { href: hrefFor("article", { id: x.article_id }) }, x.title || x.article_id), el("div", { class: "muted" }, x.publication_date || ""))))))
      : el("div", { class: "empty" }, "No quotes."));
}

async function viewArticles(params, root) {
  const title = params.get("title") || "";
  const filter = currentFilter(params);
  const hasEvents = params.get("has_events") || "";
  const offset = Number(params.get("offset") || 0);
  const page = await api("articles", { ...filter, title, has_events: hasEvents, limit: PAGE, offset });
  const f = el("form", { class: "pager", onsubmit: (e) => { e.preventDefault(); location.hash = hrefFor("articles", { ...filter, has_events: hasEvents, title: new FormData(e.target).get("title") }); } },
    el("input", { name: "title", value: title, placeholder: "id or title" }), el("button", { type: "submit" }, "Find"));
  const filtered = Object.keys(filter).length || hasEvents;
  add(root, el("h2", {}, "Articles ", el("span", { class: "muted", id: "articles-count", "data-total": page.total }, `${fmt(page.total)}`)),
    filtered ? el("p", { class: "muted" }, "Articles with at least one mention that matches the filter.") : null, f,
    pager(page, (off) => { location.hash = hrefFor("articles", { ...filter, has_events: hasEvents, title, offset: off }); }),
    page.items.length ? el("table", { class: "list" }, el("thead", {}, el("tr", {}, el("th", {}, "date"), el("th", {}, "id"), el("th", {}, "title"), el("th", { class: "num" }, "mentions"))),
      el("tbody", {}, page.items.map((a) => el("tr", { class: "article-row" }, el("td", {}, a.publication_date || "–"),
        el("td", {}, el("a", { href: hrefFor("article", { id: a.id }), class: "article-link" }, a.id)), el("td", {}, a.title || ""),
        el("td", { class: "num" }, countLink(a.n_events, "search", { article: a.id }))))))
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
  articles: viewArticles, article: viewArticle, event: viewEvent, actor: viewActor, quotes: viewQuotes };

function errorPage(err, view) {
  // a page a person can read: what went wrong, in words, and a way on (never raw validation JSON)
  const what = err.status === 404 ? "Not found" : err.status === 422 || err.status === 400 ? "This address asks for something the data cannot answer" : "Could not load this page";
  return el("div", { class: "error-page", id: "error-page" }, el("h2", { class: "error" }, what),
    el("p", { id: "error-message" }, err.message),
    el("p", {}, el("a", { href: hrefFor(view === "overview" ? "search" : "overview", {}) }, "Start again without filters"), " · ",
      el("button", { type: "button", onclick: () => history.back() }, "back")));
}

async function render() {
  const { view, params } = parseHash();
  const known = Object.hasOwn(VIEWS, view);
  const fn = known ? VIEWS[view] : viewOverview;
  fillForm(formFilter(view, params));
  for (const a of document.querySelectorAll("#nav a")) a.classList.toggle("active", a.dataset.view === view);
  const root = document.getElementById("view");
  const fresh = el("div", { id: "view-" + (known ? view : "overview"), class: "loading" });
  root.replaceChildren(fresh);
  try {
    if (!known) throw Object.assign(new Error(`There is no page “${view}”. The pages are: ${Object.keys(VIEWS).join(", ")}.`), { status: 404 });
    await fn(params, fresh);
  } catch (err) {
    fresh.replaceChildren(errorPage(err, view));
  }
  fresh.classList.remove("loading");
  fresh.classList.add("ready");
  document.body.dataset.ready = view;
}

function init() {
  form().addEventListener("submit", (e) => {
    e.preventDefault();
    const { view } = parseHash();
    const target = ["article", "articles", "event", "actor", "quotes"].includes(view) ? "search" : view;
    const keep = {};
    const p = parseHash().params;
    if (view === "dyad") { keep.a = p.get("a"); keep.b = p.get("b"); keep.interval = p.get("interval"); }
    if (view === "network") { keep.level = p.get("level"); keep.limit = p.get("limit"); }
    if (view === "search") keep.unit = p.get("unit");
    if (view === "overview") keep.interval = p.get("interval");
    const f = readForm();
    if (view === "map" && !f.basis) f.basis = "all"; // "any" in the bar: every placed mention
    location.hash = hrefFor(target, { ...keep, ...f });
  });
  document.getElementById("clear-filters").addEventListener("click", () => {
    const { view } = parseHash();
    location.hash = hrefFor(["article", "articles", "event", "actor", "quotes"].includes(view) ? "overview" : view, {});
  });
  let timer = null;
  form().elements.actor.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => suggestActors().catch(() => {}), 200); });
  window.addEventListener("hashchange", render);
  loadFacets().catch((err) => { document.getElementById("dbinfo").textContent = "API error: " + err.message; });
  render();
}
document.addEventListener("DOMContentLoaded", init);
