// A session this manager no longer holds in memory (deleted, or the manager restarted), shown from
// its history (GET /api/history/sessions/<sid>): its states with their times, drops per state, the
// failures kept, and its apps' durations by construct. Its drops cannot be listed, drawn or opened
// one by one any more: the page says so, and hides the views that would need them.
import { $, api, ApiError, badge, fill, fmtDuration, fmtTime, h, legend, ORDER, progress, shownOf, showError }
  from "./dlg.js";

/** The session as the history kept it, or null when the history does not have it either. */
export async function pastSession(sid) {
  try {
    return await api("GET", "/api/history/sessions/" + encodeURIComponent(sid));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e; // 503: the history cannot be read; the caller says so
  }
}

/** Replaces the live page's parts with what the history kept of session {@code p}. */
export function showPast(p) {
  for (const view of document.querySelectorAll("#tabs, .view, #panel")) view.hidden = true;
  const created = Date.parse(p.created);
  const at = new Map(p.states.map(s => [s.state, Date.parse(s.at)]));
  const started = at.get("DEPLOYING") ?? at.get("RUNNING") ?? null;
  const ended = p.ended == null ? null : Date.parse(p.ended);
  const state = p.state.toLowerCase();

  $("state").classList.remove("muted");
  fill($("state"), badge(state), " ", h("span", { class: "badge history" }, "from the history"));
  $("elapsed").textContent = ended != null ? fmtDuration(ended - (started ?? created))
    : p.interrupted ? "unknown: its manager stopped first" : "";
  $("count").textContent = p.size.toLocaleString();
  $("failed").textContent = p.failedDrops.toLocaleString();
  $("failed").classList.toggle("failed", p.failedDrops > 0);
  $("started").textContent = started != null ? fmtTime(started) : "created " + fmtTime(created);
  $("dir").textContent = p.sessionDir ?? "";
  const counts = Object.fromEntries(Object.entries(p.dropCounts).map(([k, v]) => [k.toLowerCase(), v]));
  progress(counts, $("progress"));
  $("legend").replaceChildren(...legend(ORDER.filter(n => counts[n]), counts));
  fill($("actions"));
  if (p.nodes?.length) { // a composite's record, with its nodes' own records merged in
    $("nodes-label").hidden = $("nodes").hidden = false;
    $("nodes").replaceChildren(...p.nodes.map(n => h("div", { class: "node-state" },
      h("span", { class: "mono" }, n.node), " ", badge(n.state.toLowerCase()),
      " " + n.size.toLocaleString() + " drops, " + n.failedDrops.toLocaleString() + " failed",
      n.interrupted ? h("span", { class: "cause" }, " (it stopped before the session ended)") : null)));
  }
  showError(p.failure ? new Error(p.failure) : null);

  const note = $("from-history");
  note.hidden = false;
  fill(note, h("strong", {}, "From the history. "),
    "This manager no longer holds this session in memory (it was deleted, or the manager restarted), so its drops"
    + " cannot be listed, drawn or opened one by one. What follows was recorded by " + p.owner
    + (p.interrupted ? " before it stopped: the session had not ended, its last state seen is shown." : " when it ended."),
    p.logFile ? [" Its log: ", h("span", { class: "mono" }, p.logFile), "."] : null,
    p.graphFile ? [" Its graph: ", h("span", { class: "mono" }, p.graphFile), "."] : null);

  failures(p);
  $("past").hidden = false;
  $("past-states").querySelector("tbody").replaceChildren(...p.states.map(s => h("tr", {},
    h("td", {}, badge(s.state.toLowerCase())), h("td", {}, fmtTime(Date.parse(s.at))),
    h("td", { class: "num" }, fmtDuration(Date.parse(s.at) - created)))));
  constructs(p);
}

/**
 * The failures the history kept, those that failed on their own (the root causes) first; not
 * links: their drops are gone.
 */
function failures(p) {
  $("failures").hidden = p.failures.length === 0;
  $("root-causes").replaceChildren(); // the live page's grouping needs the drops
  $("failures-all").open = true;
  $("failures-all").querySelector("summary").textContent = "Failed drops kept in the history, root causes first";
  $("failure-list").replaceChildren(...p.failures.map(f => h("li", { class: f.onItsOwn ? "root" : null },
    h("span", { class: "oid" }, f.name && f.name !== f.oid ? f.name + " (" + f.oid + ")" : f.oid),
    f.node ? h("span", { class: "muted" }, " on " + f.node) : null,
    f.onItsOwn === true ? [" ", h("span", { class: "badge s-error" }, "failed on its own")] : null,
    f.onItsOwn === false ? h("span", { class: "muted" }, " (because of its inputs)") : null, ": ",
    h("span", { class: "cause" }, f.cause ?? "failed"))));
  const cut = p.failures.length < p.failedDrops;
  $("failures-shown").hidden = !cut;
  $("failures-shown").textContent = cut ? shownOf(p.failures.length, p.failedDrops, "failed drops")
    + " were kept in the history." : "";
}

function constructs(p) {
  const rows = [...p.constructs].sort((a, b) => (b.totalMs ?? 0) - (a.totalMs ?? 0));
  $("past-constructs").hidden = rows.length === 0;
  $("past-constructs-note").textContent = rows.length === 0
    ? (p.manager === "NodeManager" ? "No application ran." : "Each node's history has the durations of the apps it ran.")
    : "Applications' durations by construct, the longest in total first.";
  $("past-constructs").querySelector("tbody").replaceChildren(...rows.map(c => h("tr", {},
    h("td", {}, c.name ?? c.key), h("td", { class: "num" }, c.count.toLocaleString()),
    h("td", { class: "num" + (c.failed ? " failed" : "") }, c.failed.toLocaleString()),
    h("td", { class: "num" }, c.ran.toLocaleString()),
    h("td", { class: "num" }, fmtDuration(c.medianMs)), h("td", { class: "num" }, fmtDuration(c.p95Ms)),
    h("td", { class: "num" }, fmtDuration(c.maxMs)))));
}
