// What every page shares: DOM building that never parses text as HTML (oids and session ids come
// from users), REST calls that turn the manager's error bodies into messages, state badges and
// legends, and a poller that never overlaps its own requests.
import { SESSION_STATES, DROP_STATES, APP_STATES, APP_CATEGORIES } from "./states.js";

export { SESSION_STATES, APP_CATEGORIES };
export const REFRESH_MS = 2000;

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

export const enc = encodeURIComponent;

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
    if (body && typeof body.type === "string") throw new ApiError(res.status, body.type, body.args);
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

export const label = name => name.replace(/_/g, " ");

export function badge(name) {
  return h("span", { class: "badge s-" + name }, label(name));
}

/** One entry per state, with its count when counts are given (zero counts are greyed, not hidden). */
export function legend(names, counts) {
  return names.map(n => h("span", { class: counts && !counts[n] ? "zero" : null },
    h("span", { class: "swatch s-" + n }), label(n), counts ? " " + (counts[n] ?? 0) : null));
}

// ---- Page state: the connection banner and the error panel ----

export function connection(ok, lastUpdate) {
  const banner = document.getElementById("banner");
  banner.hidden = ok;
  if (!ok) {
    banner.textContent = "Connection to the manager lost; retrying every " + REFRESH_MS / 1000 + " s."
      + (lastUpdate ? " What is shown is from " + lastUpdate.toLocaleTimeString() + "." : "");
  }
  document.querySelector("main").classList.toggle("stale", !ok);
}

export function showError(e) {
  const panel = document.getElementById("error");
  panel.hidden = e == null;
  panel.textContent = e == null ? "" : String(e.message ?? e);
}

/** Runs step now and again REFRESH_MS after each run ends, until step returns false. */
export function poll(step) {
  const run = async () => {
    let again = true;
    try {
      again = (await step()) !== false;
    } catch (e) { // a bug in a page shows up in the panel instead of silently stopping the updates
      showError(e);
    }
    if (again) setTimeout(run, REFRESH_MS);
  };
  run();
}
