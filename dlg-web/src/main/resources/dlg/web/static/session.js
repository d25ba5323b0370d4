// One session (GET /session?sessionId=<sid>). Polls GET /api/sessions/<sid> (state and graph)
// until the session runs, then its status and GET .../graph/status until it ends.
import { api, ApiError, APP_CATEGORIES, badge, connection, ConnectionLost, dropState, enc, h, isTerminal,
  label, legend, poll, sessionState, showError } from "./dlg.js";

/** The table's row budget; the progress bar always counts every drop. */
const MAX_ROWS = 5000;
/** DALiuGE's progress-bar order: done first, not started last. */
const ORDER = ["completed", "finished", "running", "writing", "error", "expired", "deleted", "cancelled",
  "skipped", "not_run", "initialized"];
const BEFORE_RUN = new Set(["pristine", "building", "deploying"]);

const sid = new URLSearchParams(location.search).get("sessionId");
const base = "/api/sessions/" + enc(sid ?? "");
const $ = id => document.getElementById(id);
let running = false;
let lastUpdate = null;
let shownRows = null; // what the table shows, to leave it alone when nothing changed

$("sid").textContent = sid ?? "";
if (!sid) {
  showError(new Error("No session given: open this page as /session?sessionId=<id>."));
  $("state").textContent = "";
} else {
  document.title = sid + " · " + document.title;
  poll(step);
}

async function step() {
  try {
    let code = null;
    let drops;
    if (!running) {
      const info = await api("GET", base);
      code = info.status;
      $("dir").textContent = info.dir?.dir ?? "";
      running = !BEFORE_RUN.has(sessionState(code));
      drops = fromGraph(info.graph ?? {});
    }
    if (running) {
      code ??= await api("GET", base + "/status");
      drops = fromStatus(await api("GET", base + "/graph/status"));
    }
    lastUpdate = new Date();
    connection(true);
    showError(null);
    render(code, drops);
    return !isTerminal(code);
  } catch (e) {
    if (e instanceof ConnectionLost) {
      connection(false, lastUpdate);
      return true;
    }
    if (e instanceof ApiError && e.type === "NoSessionException") { // gone: nothing left to watch
      showError(new Error("Session " + sid + " does not exist on this manager (deleted?). " + e.message));
      return false;
    }
    showError(e);
    return true;
  }
}

/** Before it runs a session has a graph but no drop states yet. */
function fromGraph(graph) {
  return Object.entries(graph).map(([oid, spec]) => {
    const app = APP_CATEGORIES.includes(spec.categoryType);
    return { oid, app, state: app ? "not_run" : "initialized" };
  });
}

function fromStatus(status) {
  return Object.entries(status).map(([oid, s]) => ({ oid, app: s.execStatus != null, state: dropState(s) }));
}

function render(code, drops) {
  const state = sessionState(code);
  $("state").classList.remove("muted");
  $("state").replaceChildren(badge(state));
  $("count").textContent = drops.length;
  $("actions").replaceChildren(state === "running"
    ? h("button", { type: "button", onclick: cancel }, "Cancel session") : "");

  const counts = {};
  for (const d of drops) counts[d.state] = (counts[d.state] ?? 0) + 1;
  const present = ORDER.filter(n => counts[n]);
  $("progress").replaceChildren(...present.map(n =>
    h("span", { class: "s-" + n, style: "flex: " + counts[n] + " 0 0", title: label(n) + ": " + counts[n] })));
  $("progress").setAttribute("aria-label", present.map(n => label(n) + " " + counts[n]).join(", ") || "no drops");
  $("legend").replaceChildren(...legend(ORDER, counts));

  const rows = failedFirst(drops);
  const signature = rows.map(d => d.oid + "\u0000" + d.state).join("\u0001");
  if (signature !== shownRows) {
    shownRows = signature;
    $("drops").querySelector("tbody").replaceChildren(...(rows.length ? rows.map(row)
      : [h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No drops."))]));
  }
  $("note").hidden = drops.length <= MAX_ROWS;
  $("note").textContent = "Showing the first " + MAX_ROWS + " of " + drops.length
    + " drops, failed first; the bar above counts them all.";
}

/** Up to MAX_ROWS drops, those in error first, each group in the server's order. */
function failedFirst(drops) {
  const rows = drops.filter(d => d.state === "error").slice(0, MAX_ROWS);
  for (let i = 0; i < drops.length && rows.length < MAX_ROWS; i++) {
    if (drops[i].state !== "error") rows.push(drops[i]);
  }
  return rows;
}

function row(d) {
  const path = "/sessions/" + enc(sid) + "/graph/drop/";
  return h("tr", {},
    h("td", { class: "oid" }, d.oid),
    h("td", {}, d.app ? "app" : "data"),
    h("td", {}, badge(d.state)),
    h("td", { class: "actions" },
      h("a", { href: path + enc(d.oid) }, "log"),
      d.app ? null : h("a", { href: path + "data/" + enc(d.oid) }, "data")));
}

async function cancel() {
  try {
    await api("POST", base + "/cancel");
  } catch (e) {
    showError(e);
  }
}
