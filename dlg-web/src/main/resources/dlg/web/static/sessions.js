// The sessions table (GET /): refreshed from GET /api/sessions every REFRESH_MS.
import { api, badge, connection, ConnectionLost, enc, h, legend, poll, sessionState, showError,
  SESSION_STATES } from "./dlg.js";

const tbody = document.querySelector("#sessions tbody");
let lastUpdate = null;
let actionError = null; // stays shown across refreshes until the next action succeeds

document.getElementById("legend").append(...legend(SESSION_STATES.map(s => s.name)));

async function refresh() {
  try {
    const sessions = await api("GET", "/api/sessions");
    lastUpdate = new Date();
    connection(true);
    showError(actionError);
    tbody.replaceChildren(...(sessions.length ? sessions.map(row)
      : [h("tr", {}, h("td", { colspan: 4, class: "muted" }, "No sessions."))]));
  } catch (e) {
    if (e instanceof ConnectionLost) connection(false, lastUpdate);
    else showError(e);
  }
}

function row(s) {
  const state = sessionState(s.status);
  return h("tr", {},
    h("td", { class: "oid" }, h("a", { href: "/session?sessionId=" + enc(s.sessionId) }, s.sessionId)),
    h("td", {}, badge(state)),
    h("td", { class: "num" }, s.size),
    h("td", { class: "actions" },
      state === "running" ? h("button", { type: "button", onclick: () => act("POST", s.sessionId, "/cancel") }, "Cancel") : null,
      h("button", { type: "button", class: "danger", onclick: () => remove(s.sessionId) }, "Delete")));
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
  refresh();
}

poll(refresh);
