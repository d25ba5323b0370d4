// What every page shares: DOM building that never parses text as HTML (oids and session ids come
// from users), REST calls that turn the manager's error bodies into messages, state badges,
// progress bars and legends, times and durations, the connection banner and the error panel.
import { SESSION_STATES, DROP_STATES, APP_STATES, APP_CATEGORIES, SHOWN_STATES } from "./states.js";

export { SESSION_STATES, APP_CATEGORIES, SHOWN_STATES };

/** An element; string children become text nodes, so they are never interpreted as markup. */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v != null && v !== false) el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c != null) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** An SVG element (the timeline). */
export function svg(tag, attrs, ...children) {
  const el = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (v != null) el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c != null) el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

/** Replaces an element's children, leaving out the null ones (replaceChildren would write "null"). */
export function fill(el, ...children) {
  el.replaceChildren(...children.flat().filter(c => c != null));
  return el;
}

export const enc = encodeURIComponent;
export const $ = id => document.getElementById(id);

/** The manager answered with an error body ({"type", "args"}) or a status other than 200. */
export class ApiError extends Error {
  constructor(status, type, args) {
    super(type + (args == null ? "" : ": " + (Array.isArray(args) ? args.join(", ") : JSON.stringify(args))));
    this.status = status;
    this.type = type;
  }
}

/** The manager did not answer at all. */
export class ConnectionLost extends Error {}

export async function api(method, path) {
  let res, text;
  try {
    res = await fetch(path, { method, cache: "no-store", headers: { Accept: "application/json" } });
    text = await res.text();
  } catch (e) {
    throw new ConnectionLost(String(e.message ?? e));
  }
  let body;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    throw new ApiError(res.status, "HTTP " + res.status, [text.slice(0, 300)]);
  }
  if (!res.ok) {
    // ErrorManagerCaughtException (DALiuGE's type for errors in a session) names the real one as its cause
    if (body && typeof body.type === "string") throw new ApiError(res.status, body.cause?.type ?? body.type, body.args);
    throw new ApiError(res.status, "HTTP " + res.status, [text.slice(0, 300)]);
  }
  return body;
}

// ---- States ----

/** The lower-case name of a session state code, "unknown" for a code this page does not know. */
export function sessionState(code) {
  return SESSION_STATES[code]?.name ?? "unknown";
}

export function isTerminal(code) {
  return SESSION_STATES[code]?.terminal === true;
}

/** A drop's state name: an app's execution state when it has one (as DALiuGE's pages show it). */
export function dropState(s) {
  const st = s.execStatus != null ? APP_STATES[s.execStatus] : DROP_STATES[s.status];
  return st?.name ?? "unknown";
}

/** The shown states' names, in DALiuGE's progress-bar order: done first, not started last. */
export const ORDER = SHOWN_STATES.map(s => s.name);

export const label = name => name.replace(/_/g, " ");

/**
 * A drop's Download link, or null where there is nothing to download: an application, or data
 * not (or no longer) COMPLETED (still being written, failed, cancelled, skipped, released).
 */
export function downloadLink(path, drop, isApp) {
  return isApp || drop.state !== "completed" ? null : h("a", { href: path + "data/" + enc(drop.oid) }, "Download");
}

export function badge(name) {
  return h("span", { class: "badge s-" + name }, label(name));
}

/** One entry per state, with its count when counts are given (zero counts are greyed, not hidden). */
export function legend(names, counts) {
  return names.map(n => h("span", { class: counts && !counts[n] ? "zero" : null },
    h("span", { class: "swatch s-" + n }), label(n), counts ? " " + (counts[n] ?? 0).toLocaleString() : null));
}

/** A stacked bar of drops per state (DALiuGE's order), each part titled with its count. */
export function progress(counts, el) {
  const bar = el ?? h("div", { class: "progress", role: "img" });
  const present = ORDER.filter(n => counts?.[n]);
  bar.replaceChildren(...present.map(n =>
    h("span", { class: "s-" + n, style: "flex: " + counts[n] + " 0 0", title: label(n) + ": " + counts[n].toLocaleString() })));
  bar.setAttribute("aria-label", present.map(n => label(n) + " " + counts[n].toLocaleString()).join(", ") || "no drops yet");
  bar.classList.toggle("empty", present.length === 0);
  return bar;
}

/** "20 of 140 entries": what a list shows when it is cut, never a silent cap. */
export function shownOf(shown, total, noun) {
  return shown.toLocaleString() + " of " + total.toLocaleString() + " " + noun;
}

/** A state's colours {bg, fg}, from the style sheet (one place for the palette: dlg.css). */
const colours = {};
export function colour(name) {
  if (!(name in colours)) {
    const probe = h("span", { class: "s-" + name, style: "display:none" });
    document.body.append(probe);
    const style = getComputedStyle(probe);
    colours[name] = {
      bg: style.getPropertyValue("--c").trim() || "#ffffff",
      fg: style.getPropertyValue("--t").trim() || "#ffffff",
    };
    probe.remove();
  }
  return colours[name];
}

// ---- Times ----

export function fmtTime(ms) {
  if (ms == null) return "";
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString() : d.toLocaleString();
}

export function fmtDuration(ms) {
  if (ms == null) return "";
  if (ms < 1000) return ms + " ms";
  const s = ms / 1000;
  if (s < 60) return s.toFixed(s < 10 ? 2 : 1) + " s";
  const m = Math.floor(s / 60);
  if (m < 60) return m + " min " + Math.floor(s % 60) + " s";
  return Math.floor(m / 60) + " h " + (m % 60) + " min";
}

/**
 * A session's elapsed time, counted on by the page while it runs: the server says how long it
 * had run when it answered, the page adds the time since (no clock of the two is compared).
 */
export function elapsedNow(line, receivedAt) {
  if (line.elapsed == null) return null;
  return line.terminal || line.started == null ? line.elapsed : line.elapsed + (Date.now() - receivedAt);
}

// ---- Page state: the connection banner and the error panel ----

export function connection(ok, message) {
  const banner = $("banner");
  banner.hidden = ok;
  if (!ok) banner.textContent = message ?? "Connection to the manager lost; reconnecting…";
  document.querySelector("main").classList.toggle("stale", !ok);
}

export function showError(e, where) {
  const panel = where ?? $("error");
  panel.hidden = e == null;
  panel.textContent = e == null ? "" : String(e.message ?? e);
}

/** Calls fn at most once per ms milliseconds; a call meanwhile runs at the end of the wait. */
export function throttle(fn, ms) {
  let timer = null;
  let again = false;
  return () => {
    if (timer) {
      again = true;
      return;
    }
    fn();
    timer = setTimeout(function done() {
      timer = null;
      if (again) {
        again = false;
        fn();
        timer = setTimeout(done, ms);
      }
    }, ms);
  };
}

// ---- Constructs ----

/**
 * The constructs' palette: 12 colours told apart at a glance (Tableau's, without its red: red
 * marks failures), each with the text colour, black or white, that reads best on it (>= 4.5:1).
 */
export const CONSTRUCT_PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948",
  "#9c755f", "#ff9da7", "#a0cbe8", "#8cd17d", "#d4a6c8", "#bab0ac"].map(bg => ({ bg, fg: textOn(bg) }));

function luminance(hex) {
  const c = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255)
    .map(v => v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
  return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
}

function textOn(bg) {
  const l = luminance(bg);
  return (1.05 / (l + 0.05)) >= ((l + 0.05) / 0.05) ? "#ffffff" : "#000000";
}

const constructSlots = new Map(); // key -> palette index, for the page's life

/**
 * A construct's colours {bg, fg}, by its group key (lg_key=...). The key's hash picks its
 * colour, so a construct has the same colour on every page and after every reload; when that
 * colour is already another construct's on this page, the next free one is taken (so up to 12
 * constructs on a page never share a colour), and a key keeps its colour while the page is open.
 * Order of first appearance alone would give colours that change when the list's order does.
 */
export function constructColour(key) {
  if (!constructSlots.has(key)) {
    const n = CONSTRUCT_PALETTE.length;
    let h = 0;
    for (const ch of String(key)) h = (Math.imul(h, 31) + ch.codePointAt(0)) | 0;
    const wanted = ((h % n) + n) % n;
    const taken = new Set(constructSlots.values());
    let slot = wanted;
    for (let k = 0; k < n && taken.has(slot); k++) slot = (wanted + k + 1) % n;
    constructSlots.set(key, taken.size >= n ? wanted : slot);
  }
  return CONSTRUCT_PALETTE[constructSlots.get(key)];
}
