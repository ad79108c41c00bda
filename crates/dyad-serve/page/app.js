// dyad's page: plain JavaScript and SVG, no libraries, no network beyond
// this server. Every view reads the filter form; the evidence view opens
// from a table row, a map point, a network edge or a coded event.
"use strict";

const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
  "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
const COLORS = ["#4e79a7", "#59a14f", "#8cd17d", "#b6992d", "#499894", "#86bcb6", "#f1ce63", "#a0cbe8",
  "#ff9d9a", "#fabfd2", "#e15759", "#f28e2b", "#d37295", "#b07aa1", "#9d7660", "#79706e"];
const SVG = "http://www.w3.org/2000/svg";
const $ = (sel) => document.querySelector(sel);

let world = null;
let cursor = null;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function svg(tag, attrs, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c instanceof Node ? c : document.createTextNode(String(c ?? "")));
  return node;
}

function color(type) {
  const i = TYPES.indexOf(type);
  return i < 0 ? "#bbb" : COLORS[i];
}

async function api(path, init) {
  const response = await fetch(path, init);
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || response.statusText);
  return body;
}

function showError(err) {
  $("#error").textContent = err ? String(err.message || err) : "";
}

/** The filter parameters of the form (empty fields left out). */
function filterParams() {
  const params = new URLSearchParams();
  for (const [k, v] of new FormData($("#filters"))) {
    if (v !== "" && k !== "per") params.set(k, v);
  }
  return params;
}

function withParams(path, extra) {
  const params = filterParams();
  for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
  const q = params.toString();
  return q ? `${path}?${q}` : path;
}

async function refresh() {
  showError(null);
  cursor = null;
  $("#events tbody").replaceChildren();
  const jobs = [loadEvents(), loadTimeline(), loadMap(), loadNetwork()];
  const results = await Promise.allSettled(jobs);
  const failed = results.find((r) => r.status === "rejected");
  if (failed) showError(failed.reason);
}

async function loadStats() {
  const s = await api("/api/stats");
  $("#stats").textContent = `${s.documents} documents, ${s.events} events` +
    (s.first_date ? `, ${s.first_date} to ${s.last_date}` : "");
}

// ---- table ----

async function loadEvents() {
  const extra = { limit: 50 };
  if (cursor !== null) extra.after = cursor;
  const page = await api(withParams("/api/events", extra));
  const body = $("#events tbody");
  for (const e of page.events) {
    const type = e.plover ? e.plover.event_type : "";
    const row = el("tr", { "data-event": e.event_id, "data-type": type },
      el("td", {}, e.event_date || e.doc_date || ""),
      el("td", {}, e.source.code),
      el("td", {}, el("span", { style: `border-left: 4px solid ${color(type)}; padding-left: 4px` }, type)),
      el("td", {}, e.cameo),
      el("td", {}, e.target.code),
      el("td", {}, e.location ? (e.location.name || e.location.text) : ""),
      el("td", { class: "sentence" }, e.sentence));
    row.addEventListener("click", () => openEvent(e.event_id));
    body.append(row);
  }
  cursor = page.next;
  $("#more").hidden = cursor === null;
  $("#count").textContent = `(${body.children.length}${cursor === null ? "" : "+"} shown)`;
}

// ---- timeline: stacked bars per bucket by PLOVER type ----

async function loadTimeline() {
  const per = $("#f-per").value;
  const { rows } = await api(withParams("/api/aggregate/timeline", { per, by: "plover" }));
  const buckets = [...new Set(rows.map((r) => r.bucket))];
  const totals = new Map(buckets.map((b) => [b, 0]));
  for (const r of rows) totals.set(r.bucket, totals.get(r.bucket) + r.count);
  const max = Math.max(1, ...totals.values());
  const W = 900, H = 180, pad = 28;
  const bw = buckets.length ? (W - pad) / buckets.length : 0;
  const chart = svg("svg", { viewBox: `0 0 ${W} ${H + 20}`, role: "img", "aria-label": "events over time" });
  chart.append(svg("text", { x: 0, y: 10, "font-size": 10 }, String(max)));
  const stacked = new Map(buckets.map((b) => [b, 0]));
  for (const r of rows) {
    const i = buckets.indexOf(r.bucket);
    const h = (r.count / max) * (H - 10);
    const y = H - stacked.get(r.bucket) - h;
    stacked.set(r.bucket, stacked.get(r.bucket) + h);
    chart.append(svg("rect", { class: "bar", x: pad + i * bw, y, width: Math.max(1, bw - 1), height: h,
      fill: color(r.key), "data-type": r.key || "" },
    svg("title", {}, `${r.bucket} ${r.key || "no type"}: ${r.count}`)));
  }
  if (buckets.length) {
    chart.append(svg("text", { x: pad, y: H + 14, "font-size": 10 }, buckets[0]));
    chart.append(svg("text", { x: W, y: H + 14, "font-size": 10, "text-anchor": "end" }, buckets[buckets.length - 1]));
  }
  $("#timeline").replaceChildren(chart);
  const present = [...new Set(rows.map((r) => r.key))];
  $("#legend").replaceChildren(...present.map((t) =>
    el("span", {}, el("i", { style: `background:${color(t)}` }), t || "no type")));
}

// ---- map: country shapes and event places ----

async function loadMap() {
  if (!world) world = await api("/assets/world.json");
  const { rows } = await api(withParams("/api/aggregate/places", { limit: 300 }));
  const map = svg("svg", { viewBox: `0 0 ${world.width} ${world.height}`, role: "img", "aria-label": "event places" });
  for (const c of world.countries) map.append(svg("path", { class: "country", d: c.d }, svg("title", {}, c.name)));
  const max = Math.max(1, ...rows.map((r) => r.count));
  for (const r of rows) {
    const x = (r.lon + 180) * world.width / 360, y = (90 - r.lat) * world.height / 180;
    const point = svg("circle", { class: "point", cx: x, cy: y, r: 2 + 6 * Math.sqrt(r.count / max), "data-place": r.key },
      svg("title", {}, `${r.key} (${r.country || "?"}): ${r.count} events`));
    point.addEventListener("click", () => openFirst({ place: r.key }, () => true));
    map.append(point);
  }
  $("#map").replaceChildren(map);
}

// ---- network: top dyads on a circle ----

async function loadNetwork() {
  const { rows } = await api(withParams("/api/aggregate/dyads", { limit: 30 }));
  const names = [...new Set(rows.flatMap((r) => [r.key, r.target]))];
  const W = 420, R = 160, cx = W / 2, cy = W / 2;
  const pos = new Map(names.map((n, i) => {
    const a = (2 * Math.PI * i) / Math.max(1, names.length);
    return [n, [cx + R * Math.cos(a), cy + R * Math.sin(a)]];
  }));
  const net = svg("svg", { viewBox: `0 0 ${W} ${W}`, role: "img", "aria-label": "actor network" });
  const max = Math.max(1, ...rows.map((r) => r.count));
  for (const r of rows) {
    const [x1, y1] = pos.get(r.key), [x2, y2] = pos.get(r.target);
    const edge = svg("path", { class: "edge", d: `M${x1} ${y1} Q${cx} ${cy} ${x2} ${y2}`,
      "stroke-width": 1 + 5 * r.count / max, "data-source": r.key, "data-target": r.target },
    svg("title", {}, `${r.key} → ${r.target}: ${r.count} events, Goldstein ${r.goldstein.toFixed(1)}`));
    edge.addEventListener("click", () =>
      openFirst({ actor: r.key }, (e) => e.source.code === r.key && e.target.code === r.target));
    net.append(edge);
  }
  for (const [n, [x, y]] of pos) {
    net.append(svg("g", { class: "node" }, svg("circle", { cx: x, cy: y, r: 5 }),
      svg("text", { x: x + (x >= cx ? 7 : -7), y: y + 3, "text-anchor": x >= cx ? "start" : "end" }, n)));
  }
  $("#network").replaceChildren(net);
}

/** Opens the first event (under the form's filters and `extra`) that `keep` accepts. */
async function openFirst(extra, keep) {
  try {
    const page = await api(withParams("/api/events", { ...extra, limit: 1000 }));
    const event = page.events.find(keep);
    if (event) await openEvent(event.event_id);
    else showError(new Error("no matching event on the first page"));
  } catch (err) {
    showError(err);
  }
}

// ---- evidence view ----

async function openEvent(id) {
  try {
    const view = await api(`/api/events/${encodeURIComponent(id)}`);
    const doc = await api(`/api/documents/${encodeURIComponent(view.record.doc_id)}`);
    showEvidence(doc, view.record, view);
  } catch (err) {
    showError(err);
  }
}

/** The spans of an event to highlight: [start, end, class]. */
function spans(e) {
  const out = [[e.source.span, "source"], [e.target.span, "target"], [e.evidence.verb_span, "trigger"]];
  if (e.attribution) out.push([e.attribution.span, "attribution"]);
  if (e.location && e.location.text) {
    const at = e.sentence.indexOf(e.location.text);
    if (at >= 0) {
      const start = e.sentence_span[0] + [...e.sentence.slice(0, at)].length;
      out.push([[start, start + [...e.location.text].length], "place"]);
    }
  }
  return out.filter(([s]) => s && s[1] > s[0]);
}

/** The document text with the event's spans marked (offsets are in chars). */
function highlighted(text, event) {
  const chars = [...text];
  const marks = new Array(chars.length).fill("");
  for (const [[a, b], cls] of spans(event)) {
    for (let i = a; i < b && i < chars.length; i++) marks[i] = marks[i] ? `${marks[i]} ${cls}` : cls;
  }
  const box = el("div", { class: "doc-text" });
  const [sa, sb] = event.sentence_span;
  const key = (k) => `${marks[k]}|${k >= sa && k < sb}`;
  let i = 0;
  while (i < chars.length) {
    let j = i + 1;
    while (j < chars.length && key(j) === key(i)) j++;
    const piece = chars.slice(i, j).join("");
    let node = marks[i] ? el("mark", { class: marks[i].split(" ")[0], title: marks[i] }, piece) : document.createTextNode(piece);
    if (i >= sa && i < sb) node = el("span", { class: "current" }, node);
    box.append(node);
    i = j;
  }
  return box;
}

function fields(e, view) {
  const rows = [
    ["Source", `${e.source.text} → ${e.source.code}${e.source.entity ? ` (${e.source.entity})` : ""}`],
    ["Target", `${e.target.text} → ${e.target.code}${e.target.entity ? ` (${e.target.entity})` : ""}`],
    ["Trigger", e.evidence.verb],
    ["Event", `CAMEO ${e.cameo}, ${e.plover ? e.plover.event_type : "no PLOVER type"}` +
      `${e.plover && e.plover.mode ? ` (${e.plover.mode})` : ""}, QuadClass ${e.quad_class ?? "?"}, Goldstein ${e.goldstein ?? "?"}`],
    ["Date", `${e.event_date || "unknown"} (${e.event_date_precision || "?"})`],
    ["Place", e.location ? `${e.location.text}${e.location.country ? `, ${e.location.country}` : ""}` +
      (e.location.lat != null ? ` (${e.location.lat}, ${e.location.lon})` : "") : "unknown"],
    ["Attribution", e.attribution ? `${e.attribution.text}${e.attribution.code ? ` → ${e.attribution.code}` : ""}` : "none"],
    ["Modality", `${e.modality}${e.negated ? ", negated" : ""}`],
    ["Rule", e.evidence.rule],
    ["Pattern", e.evidence.pattern || "the verb's own code"],
    ["Actor rules", (e.evidence.actor_rules || []).join("; ") || "none"],
  ];
  if (view) rows.push(["Document", `${view.doc_origin}${view.doc_url ? `, ${view.doc_url}` : ""}`]);
  const dl = el("dl", { class: "fields" });
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v));
  return dl;
}

function keys() {
  return el("p", { class: "keys" }, ...["source", "target", "trigger", "attribution", "place"]
    .map((k) => el("span", {}, el("mark", { class: k }, k))));
}

function showEvidence(doc, event, view) {
  const body = $("#evidence-body");
  body.replaceChildren(
    el("h2", {}, doc.title || doc.doc_id),
    el("p", {}, `${doc.doc_id}${doc.date ? `, ${doc.date}` : ""} · event ${event.event_id}`),
    keys(), fields(event, view), highlighted(doc.text, event));
  $("#evidence").hidden = false;
  const current = body.querySelector(".current");
  if (current && current.scrollIntoView) current.scrollIntoView({ block: "center" });
}

// ---- code this text ----

async function codeText(ev) {
  ev.preventDefault();
  const text = $("#code-text").value;
  const date = $("#code-date").value;
  $("#code-status").textContent = "coding…";
  try {
    const doc = await api("/api/code", { method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify(date ? { text, date } : { text }) });
    $("#code-status").textContent = `${doc.events.length} events`;
    const list = el("ol", { class: "event-list" });
    for (const e of doc.events) {
      const item = el("li", { "data-event": e.event_id },
        `${e.source.code} ${e.evidence.verb} ${e.target.code}: ${e.plover ? e.plover.event_type : e.cameo} (CAMEO ${e.cameo})`);
      item.addEventListener("click", () => showEvidence(doc, e, null));
      list.append(item);
    }
    $("#code-result").replaceChildren(list);
    if (doc.events.length) showEvidence(doc, doc.events[0], null);
  } catch (err) {
    $("#code-status").textContent = String(err.message || err);
  }
}

function init() {
  const select = $("#f-type");
  for (const t of TYPES) select.append(el("option", { value: t }, t));
  $("#filters").addEventListener("submit", (ev) => { ev.preventDefault(); refresh(); });
  $("#f-reset").addEventListener("click", () => setTimeout(refresh, 0));
  $("#f-type").addEventListener("change", refresh);
  $("#more").addEventListener("click", () => loadEvents().catch(showError));
  $("#evidence-close").addEventListener("click", () => { $("#evidence").hidden = true; });
  document.addEventListener("keydown", (ev) => { if (ev.key === "Escape") $("#evidence").hidden = true; });
  $("#code-form").addEventListener("submit", codeText);
  loadStats().catch(showError);
  refresh();
}

init();
