// One drop's log entries (GET /sessions/<sid>/graph/drop/<oid>), from the manager's
// GET /api/sessions/<sid>/graph/drop/<oid>, with a level filter. Refreshed on demand only.
import { api, badge, connection, ConnectionLost, enc, h, sessionState, showError, shownOf } from "./dlg.js";

const COLUMNS = ["time", "Level", "Module", "Function/Method", "Line #", "Message"];
const LEVELS = ["CRITICAL", "ERROR", "WARNING", "INFO", "DEBUG", "TRACE"];

// The path is /sessions/<sid>/graph/drop/<oid>; the server has already matched its shape.
const parts = location.pathname.split("/");
const sid = decodeURIComponent(parts[2] ?? "");
const oid = decodeURIComponent(parts[5] ?? "");
const $ = id => document.getElementById(id);
let entries = [];

$("session-link").textContent = sid;
$("session-link").href = "/session?sessionId=" + enc(sid);
$("oid").textContent = oid;
document.title = oid + " · " + document.title;
$("level").addEventListener("change", show);
$("refresh").addEventListener("click", load);
load();

async function load() {
  try {
    const reply = await api("GET", "/api/sessions/" + enc(sid) + "/graph/drop/" + enc(oid));
    connection(true);
    showError(null);
    $("state").classList.remove("muted");
    $("state").replaceChildren(badge(sessionState(reply.status)));
    entries = reply.logs ?? [];
    levels();
    show();
  } catch (e) {
    $("state").textContent = "";
    if (e instanceof ConnectionLost) connection(false);
    else showError(e);
  }
}

/** The filter offers the levels present, most severe first, keeping the current choice. */
function levels() {
  const select = $("level");
  const chosen = select.value;
  const present = [...new Set(entries.map(e => String(e.Level)))]
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  select.replaceChildren(h("option", { value: "" }, "all"), ...present.map(l => h("option", { value: l }, l)));
  select.value = present.includes(chosen) ? chosen : "";
}

function rank(level) {
  const i = LEVELS.indexOf(level);
  return i < 0 ? LEVELS.length : i;
}

function show() {
  const level = $("level").value;
  const rows = entries.filter(e => !level || String(e.Level) === level);
  $("shown").textContent = shownOf(rows.length, entries.length, "entries");
  $("logs").querySelector("tbody").replaceChildren(...(rows.length ? rows.map(row)
    : [h("tr", {}, h("td", { colspan: COLUMNS.length, class: "muted" },
      entries.length ? "No entries at this level." : "This drop has logged nothing."))]));
}

function row(e) {
  return h("tr", { class: "level-" + String(e.Level).toLowerCase().replace(/[^a-z]/g, "") },
    ...COLUMNS.map(c => h("td", { class: c === "Message" ? "message" : c === "Line #" ? "num" : null }, e[c] ?? "")));
}
