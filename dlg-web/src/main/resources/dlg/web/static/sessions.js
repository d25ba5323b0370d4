// The sessions table (GET /), kept live by the manager's feed (GET /api/ui/live): each session's
// state, progress by drop state, failures, start and duration, with cancel and delete. On a
// DataIslandManager or MasterManager also its nodes (islands) with their health; on every manager
// its past sessions; "?node=<node>" shows one node's sessions (DALiuGE's drill-down).
import { $, api, badge, connection, ConnectionLost, elapsedNow, enc, fmtDuration, fmtTime, h, label, legend, ORDER,
  progress, sessionState, showError } from "./dlg.js";
import { openFeed } from "./live.js";

const node = new URLSearchParams(location.search).get("node");
let lines = [];
let receivedAt = Date.now();
let actionError = null; // stays shown until the next action succeeds
const PAST_PAGE = 50;
// the page of past sessions shown; reads counts the reads asked for, so only the latest one's answer
// is shown; shown is what the table was last built from, so a live update that changes nothing in it
// does not rebuild it under the user's pointer
const past = { offset: 0, page: null, dumped: [], reads: 0, shown: "" };

$("legend").append(...legend(ORDER));

if (node) {
  showNode(node);
} else {
  const sessions = data => {
    const now = new Set(data.map(s => s.sessionId));
    const ended = lines.some(s => !now.has(s.sessionId)); // deleted: it is in the history now
    lines = data;
    if (ended && past.page) readPast();
    receivedAt = Date.now();
    render();
  };
  openFeed("/api/ui/live", { sessions, nodes: renderNodes }, {
    poll: async () => { // the same lists, read when the live stream cannot get through
      const [s, n] = await Promise.all([api("GET", "/api/ui/sessions"), api("GET", "/api/ui/nodes")]);
      sessions(s);
      renderNodes(n);
    },
  });
  setInterval(tickDurations, 1000);
  pastSessions();
}

function render() {
  showError(actionError);
  renderPast();
  $("sessions").querySelector("tbody").replaceChildren(...(lines.length ? lines.map(row)
    : [h("tr", {}, h("td", { colspan: 8, class: "muted" }, "No sessions."))]));
}

function row(s) {
  const running = s.state === "running" || s.state === "deploying";
  return h("tr", { "data-session": s.sessionId },
    h("td", { class: "oid" }, h("a", { href: "/session?sessionId=" + enc(s.sessionId) }, s.sessionId),
      s.error ? h("div", { class: "cause" }, s.error) : null),
    h("td", {}, badge(s.state)),
    h("td", { class: "wide" }, progress(s.counts),
      h("div", { class: "counts" }, ...ORDER.filter(n => s.counts?.[n]).map(n =>
        h("span", {}, h("span", { class: "swatch s-" + n }), label(n) + " " + s.counts[n].toLocaleString())))),
    h("td", { class: "num" }, s.size.toLocaleString()),
    h("td", { class: "num" + (s.failed ? " failed" : "") }, s.failed.toLocaleString()),
    h("td", {}, s.started != null ? fmtTime(s.started) : h("span", { class: "muted" }, "created " + fmtTime(s.created))),
    h("td", { class: "num duration", "data-session": s.sessionId }, fmtDuration(elapsedNow(s, receivedAt))),
    h("td", { class: "actions" },
      running ? h("button", { type: "button", onclick: () => act("POST", s.sessionId, "/cancel") }, "Cancel") : null,
      h("button", { type: "button", class: "danger", onclick: () => remove(s.sessionId) }, "Delete")));
}

/** Running sessions' durations count on between updates. */
function tickDurations() {
  for (const s of lines) {
    if (!s.terminal && s.elapsed != null) {
      const cell = document.querySelector("td.duration[data-session='" + CSS.escape(s.sessionId) + "']");
      if (cell) cell.textContent = fmtDuration(elapsedNow(s, receivedAt));
    }
  }
}

function renderNodes(data) {
  if (!data.kind) return;
  $("nodes-section").hidden = false;
  $("nodes-title").textContent = data.kind === "island" ? "Islands" : "Nodes";
  $("nodes").querySelector("tbody").replaceChildren(...data.nodes.map(n => h("tr", {},
    h("td", { class: "oid" }, h("a", { href: "/?node=" + enc(n.node) }, n.node)),
    h("td", {}, n.ok ? h("span", { class: "badge s-finished" }, "up") : h("span", { class: "badge s-error" }, "unreachable"),
      n.error ? h("div", { class: "cause" }, n.error) : null),
    h("td", { class: "num" }, n.sessions?.toLocaleString() ?? ""),
    h("td", { class: "num cpu" }, n.stats ? fmtCpu(n.stats) : ""),
    h("td", { class: "num memory" }, n.stats ? fmtMemory(n.stats) : ""),
    h("td", { class: "num running" }, n.stats?.runningApps?.toLocaleString() ?? ""),
    h("td", { class: "num" }, n.ok ? n.millis + " ms" : ""),
    h("td", { class: "actions" }, h("a", { href: nodeUrl(n.node) }, "open its page")))));
}

/** The node's process's share of its machine's CPU, as a percentage, with the machine's cores. */
function fmtCpu(st) {
  if (st.cpu < 0) return "?";
  return Math.round(st.cpu * 100) + " % of " + st.cores + (st.cores === 1 ? " core" : " cores");
}

/** Resident memory (else the heap in use), with the Java heap's use of its limit in the tooltip. */
function fmtMemory(st) {
  const heap = fmtBytes(st.heapUsed) + " of " + (st.heapMax > 0 ? fmtBytes(st.heapMax) : "unlimited") + " heap";
  return h("span", { title: heap }, st.rss >= 0 ? fmtBytes(st.rss) : fmtBytes(st.heapUsed) + " heap");
}

function fmtBytes(n) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return (i === 0 || n >= 100 ? Math.round(n) : n.toFixed(1)) + " " + units[i];
}

/**
 * The sessions this manager no longer holds, newest first, from its history (GET /api/history),
 * a page at a time, with the sessions whose graphs DALiuGE's --dump_graphs left behind (GET
 * /api/past_sessions) that the history does not have. Each links to its page, which shows the history.
 */
async function pastSessions() {
  $("past-state").addEventListener("change", () => { past.offset = 0; readPast(); });
  $("past-prev").addEventListener("click", () => { past.offset = Math.max(0, past.offset - PAST_PAGE); readPast(); });
  $("past-next").addEventListener("click", () => { past.offset += PAST_PAGE; readPast(); });
  try {
    past.dumped = (await api("GET", "/api/past_sessions")).map(p => p.sessionId);
  } catch (e) {
    showError(e);
  }
  readPast();
}

async function readPast() {
  const read = ++past.reads;
  const q = new URLSearchParams({ limit: PAST_PAGE, offset: past.offset });
  if ($("past-state").value) q.set("state", $("past-state").value);
  let page;
  try {
    page = await api("GET", "/api/history?" + q);
  } catch (e) { // the history cannot be read (503): DALiuGE's list alone
    page = { total: 0, offset: 0, sessions: [], error: e.message };
  }
  if (read !== past.reads) return; // a later read (another state, another page) answers instead
  past.page = page;
  renderPast();
}

function renderPast() {
  if (!past.page) return;
  const current = new Set(lines.map(s => s.sessionId));
  const rows = past.page.sessions.filter(p => !current.has(p.sessionId));
  const held = past.page.sessions.length - rows.length;
  const known = new Set(past.page.sessions.map(p => p.sessionId));
  const dumped = past.offset === 0 && !$("past-state").value
    ? past.dumped.filter(id => !known.has(id) && !current.has(id)) : [];
  const filtered = $("past-state").value !== "";
  const shown = JSON.stringify([past.page, past.offset, filtered, [...current].filter(id => known.has(id)), dumped]);
  if (shown === past.shown) return;
  past.shown = shown;
  $("past-section").hidden = !filtered && past.page.total === 0 && dumped.length === 0 && past.offset === 0;
  const link = id => h("a", { href: "/session?sessionId=" + enc(id) }, id);
  $("past").querySelector("tbody").replaceChildren(
    ...rows.map(p => h("tr", { "data-session": p.sessionId },
      h("td", { class: "oid" }, link(p.sessionId), p.interrupted
        ? h("div", { class: "cause" }, "its manager stopped before it ended") : null),
      h("td", {}, badge(p.state.toLowerCase())),
      h("td", { class: "num" }, p.size.toLocaleString()),
      h("td", { class: "num" + (p.failedDrops ? " failed" : "") }, p.failedDrops.toLocaleString()),
      h("td", {}, fmtTime(Date.parse(p.created))),
      h("td", { class: "num" }, p.durationS != null ? fmtDuration(Math.round(p.durationS * 1000)) : ""))),
    ...dumped.map(id => h("tr", { "data-session": id }, h("td", { class: "oid" }, id),
      h("td", { colspan: 5, class: "muted" }, "a graph dumped in its directory; not in the history"))),
    ...(rows.length + dumped.length === 0
      ? [h("tr", {}, h("td", { colspan: 6, class: "muted" }, past.page.error ? "The history cannot be read: "
        + past.page.error : "No past sessions" + (filtered ? " in that state." : ".")))] : []));
  const first = past.page.total === 0 ? 0 : past.offset + 1;
  const last = past.offset + past.page.sessions.length;
  $("past-shown").textContent = past.page.total === 0 ? "" : first.toLocaleString() + "–" + last.toLocaleString()
    + " of " + past.page.total.toLocaleString() + " in the history, newest first"
    + (held > 0 ? " (" + held.toLocaleString() + " held now: in the table above)" : "");
  $("past-prev").disabled = past.offset === 0;
  $("past-next").disabled = last >= past.page.total;
}

/** A node's own page: its REST port serves the same UI. */
function nodeUrl(n) {
  const [host, port] = n.split(":");
  return location.protocol + "//" + host + ":" + (port || "8000") + "/";
}

/**
 * One node's sessions that this manager knows (DALiuGE's GET /api/node/<node>/sessions, less
 * those made on the node by others: their pages are the node's own), saying how many others there are.
 */
async function showNode(n) {
  $("crumbs").hidden = false;
  $("node-name").textContent = n;
  $("node-link").href = nodeUrl(n);
  $("title").textContent = "Sessions on " + n;
  try {
    const [all, known] = await Promise.all([api("GET", "/api/node/" + enc(n) + "/sessions"),
      api("GET", "/api/ui/sessions")]);
    connection(true);
    const ids = new Set(known.map(s => s.sessionId));
    const sessions = all.filter(s => ids.has(s.sessionId));
    const others = all.length - sessions.length;
    const note = $("node-others");
    note.hidden = others === 0;
    note.replaceChildren(others.toLocaleString() + (others === 1 ? " other session" : " other sessions")
      + " on this node " + (others === 1 ? "was" : "were") + " not made through this manager: ",
      h("a", { href: nodeUrl(n) }, "see the node's own page"), ".");
    const head = $("sessions").querySelector("thead tr");
    head.replaceChildren(h("th", {}, "Session"), h("th", {}, "State on this node"), h("th", { class: "num" }, "Drops"));
    $("sessions").querySelector("tbody").replaceChildren(...(sessions.length ? sessions.map(s => h("tr", {},
      h("td", { class: "oid" }, h("a", { href: "/session?sessionId=" + enc(s.sessionId) }, s.sessionId)),
      h("td", {}, badge(stateOf(s.status))),
      h("td", { class: "num" }, s.size.toLocaleString())))
      : [h("tr", {}, h("td", { colspan: 3, class: "muted" }, "No sessions of this manager on this node."))]));
  } catch (e) {
    if (e instanceof ConnectionLost) connection(false);
    else showError(e);
    $("sessions").querySelector("tbody").replaceChildren();
  }
}

/** A status as a node reports it: a code (a NodeManager), or one per node below it (an island). */
function stateOf(status) {
  if (typeof status === "number") return sessionState(status);
  const states = new Set(Object.values(status ?? {}).map(stateOf));
  return states.size === 1 ? [...states][0] : states.has("running") ? "running" : "unknown";
}

function remove(sid) {
  if (confirm("Delete session " + sid + "? A running session is cancelled first; its directory stays.")) {
    act("DELETE", sid, "");
  }
}

async function act(method, sid, suffix) {
  try {
    await api(method, "/api/sessions/" + enc(sid) + suffix);
    actionError = null;
  } catch (e) {
    actionError = new Error("Session " + sid + ": " + e.message);
  }
  showError(actionError);
}
