// One session (GET /session?sessionId=<sid>[&view=graph|constructs|list|timeline]): its state and elapsed
// time, progress by drop state, its failures, and three views of its drops (graph, list,
// timeline) with a drop panel. Everything is kept live by the session's feed
// (GET /api/ui/sessions/<sid>/live): a snapshot, then deltas as drops change.
import { $, api, ApiError, badge, fill, elapsedNow, enc, fmtDuration, fmtTime, h, legend, ORDER, progress, showError,
  throttle, shownOf } from "./dlg.js";
import { openFeed } from "./live.js";
import { GraphView } from "./graph.js";
import { DropList } from "./drops.js";
import { Timeline } from "./timeline.js";
import { ConstructTable } from "./constructs.js";
import { DropPanel } from "./panel.js";
import { pastSession, showPast } from "./past.js";

const params = new URLSearchParams(location.search);
const sid = params.get("sessionId");
const base = "/api/ui/sessions/" + enc(sid ?? "");
let line = null;
let receivedAt = Date.now();
let view = null;
let panel = null;

$("sid").textContent = sid ?? "";
if (!sid) {
  showError(new Error("No session given: open this page as /session?sessionId=<id>."));
  $("state").textContent = "";
} else {
  document.title = sid + " · " + document.title;
  begin();
}

/**
 * The live page of a session this manager holds; else what its history kept of it. Asked first,
 * so that a past session's page does not start with requests that answer 404 (errors in the console).
 */
async function begin() {
  let where = null;
  try {
    where = await api("GET", "/api/history/lookup/" + enc(sid));
  } catch {
    // the manager is restarting, or its history cannot be read: the live page shows why, and recovers
  }
  if (where && !where.current) {
    gone(where.past);
    return;
  }
  start();
}

function start() {
  panel = new DropPanel(sid, oid => {
    show("graph");
    graph.focus(oid);
  });
  const select = oid => {
    panel.open(oid);
    graph.select(oid);
  };
  const byConstruct = (key, name) => {
    list.filterByGroup(key, name);
    show("list");
  };
  const graph = new GraphView($("graph"), sid, select, $("graph-note"), byConstruct);
  const list = new DropList(sid, select);
  const timeline = new Timeline($("timeline"), $("timeline-note"), sid, select);
  const constructs = new ConstructTable(sid, byConstruct);
  const views = { graph, list, timeline, constructs };

  for (const tab of document.querySelectorAll(".tabs button")) {
    tab.addEventListener("click", () => show(tab.dataset.view));
  }
  const show = name => {
    view = name in views ? name : "graph";
    for (const tab of document.querySelectorAll(".tabs button")) {
      tab.setAttribute("aria-selected", String(tab.dataset.view === view));
    }
    for (const n of Object.keys(views)) $("view-" + n).hidden = n !== view;
    const url = new URL(location);
    url.searchParams.set("view", view);
    history.replaceState(null, "", url);
    views[view].show();
  };

  const refetch = throttle(() => {
    header();
    causes();
    views[view]?.reload();
    panel.reload();
  }, 1000);

  openFeed(base + "/live", {
    snapshot: e => {
      summary(e.summary);
      graph.groups(e.groups);
      constructs.groups(e.groups);
      refetch(); // what the page shows may have changed while it was not listening
    },
    delta: e => {
      summary(e.summary);
      if (e.changes) {
        graph.changes(e.changes);
        list.changes(e.changes);
        timeline.changes(e.changes);
        panel.changes(e.changes);
      }
      if (e.groups) {
        graph.groups(e.groups);
        constructs.groups(e.groups);
      }
      if (e.truncated || e.resync) refetch();
    },
    gone: () => gone(),
  }, { check: base, gone: () => gone(), poll: async () => {
    // read when the live stream cannot get through; the views are read again only on a change
    const before = line && JSON.stringify([line.state, line.counts, line.failed]);
    detail(await api("GET", base));
    if (JSON.stringify([line.state, line.counts, line.failed]) !== before) {
      views[view]?.reload();
      panel.reload();
    }
  } });

  setInterval(() => { if (line) $("elapsed").textContent = fmtDuration(elapsedNow(line, receivedAt)); }, 1000);
  header();
  causes();
  if (params.get("group")) list.filterByGroup(params.get("group")); // a link to one construct's drops
  show(params.get("view"));
  const oid = location.hash.startsWith("#drop=") ? decodeURIComponent(location.hash.slice(6)) : null;
  if (oid) panel.open(oid);
}

/** The session's detail: directory and failures (the live feed carries the rest). */
async function header() {
  try {
    detail(await api("GET", base));
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) gone();
    else showError(e);
  }
}

/** The session's summary, directory and failures. */
function detail(d) {
  summary(d.session);
  $("dir").textContent = d.dir ?? "";
  $("failures").hidden = d.failures.length === 0;
  $("failure-list").replaceChildren(...d.failures.map(f => h("li", {},
    h("a", { href: "#drop=" + enc(f.oid), class: "oid", onclick: ev => {
      ev.preventDefault();
      panel?.open(f.oid);
    } }, f.name !== f.oid ? f.name + " (" + f.oid + ")" : f.oid), ": ", h("span", { class: "cause" }, f.error ?? "failed"))));
  const cut = d.failures.length < d.session.failed; // the manager sends the first few
  $("failures-shown").hidden = !cut;
  $("failures-shown").textContent = cut ? shownOf(d.failures.length, d.session.failed, "failed drops")
    + " shown here; the list below shows them all, failed first." : "";
}

/** The failures grouped by root cause (GET .../failures); a 404 is left to header(). */
async function causes() {
  try {
    rootCauses(await api("GET", base + "/failures"));
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 404)) {
      $("root-causes").replaceChildren(h("p", { class: "muted" }, "Root causes not available: " + e.message));
    }
  }
}
let failuresThrottled = null;
function failuresSoon() {
  (failuresThrottled ??= throttle(header, 1000))();
}
let causesThrottled = null;
let rootCausesShown = false; // the list in graph order is collapsed once, when the causes first show
function causesSoon() {
  (causesThrottled ??= throttle(causes, 1000))();
}

/** The root-cause groups: cause, construct, counts, and the first roots as links to their panel. */
function rootCauses(r) {
  const BLAME = "A drop that failed downstream of several failures is counted once, for the one that failed first.";
  const n = v => v.toLocaleString();
  const drops = v => n(v) + (v === 1 ? " drop" : " drops");
  const link = (e, i) => h("span", { class: "example" }, i > 0 ? ", " : null,
    h("a", { href: "#drop=" + enc(e.oid), class: "oid", title: [e.name, e.node ? "on " + e.node : null].join(" ").trim(),
      onclick: ev => {
        ev.preventDefault();
        panel?.open(e.oid);
      } }, e.oid),
    e.downstream > 0 ? h("span", { class: "muted", title: drops(e.downstream) + " failed because of it" },
      " +" + n(e.downstream)) : null);
  const items = r.groups.map(g => h("li", { class: "root-cause", "data-key": g.key },
    h("span", { class: "cause" }, g.cause), " ", h("span", { class: "muted" }, "in " + g.construct),
    h("div", { class: "counts-line", title: BLAME }, drops(g.roots) + " failed on " + (g.roots === 1 ? "its" : "their")
      + " own, " + drops(g.downstream) + " failed downstream because of " + (g.roots === 1 ? "it" : "them")),
    h("div", { class: "examples" }, ...g.examples.map(link),
      g.examples.length < g.roots ? h("span", { class: "muted examples-shown" }, " (" + shownOf(g.examples.length, g.roots, "shown") + ")")
        : null)));
  const notes = [];
  if (r.groups.length < r.groupCount) notes.push(shownOf(r.groups.length, r.groupCount, "causes shown"));
  if (r.imported > 0) notes.push(drops(r.imported) + " failed because of drops of other managers not shown here");
  if (r.approximate) notes.push("counts are approximate: some lists were too long to follow in full");
  if (r.groups.length > 0 && !rootCausesShown) { // the causes come first: the whole list is one click away
    rootCausesShown = true;
    $("failures-all").open = false;
  }
  $("root-causes").replaceChildren(...(r.groups.length === 0 && notes.length === 0 ? [] : [
    h("p", { class: "counts-line", title: BLAME }, "Root causes: " + drops(r.roots) + " failed on "
      + (r.roots === 1 ? "its" : "their") + " own, " + drops(r.downstream) + " downstream because of "
      + (r.roots === 1 ? "it" : "them") + " (+n: how many failed because of that drop)."),
    h("ol", { id: "root-cause-list" }, ...items),
    ...(notes.length ? [h("p", { id: "root-causes-note", class: "muted" }, notes.join("; ") + ".")] : [])]));
}

function summary(s) {
  if (line && s.failed !== line.failed) { // new failures: their causes and the first listed may have changed
    causesSoon();
    failuresSoon();
  }
  line = s;
  receivedAt = Date.now();
  $("state").classList.remove("muted");
  $("state").replaceChildren(badge(s.state));
  $("elapsed").textContent = s.started == null ? "not deployed" : fmtDuration(elapsedNow(s, receivedAt));
  $("count").textContent = s.size.toLocaleString();
  $("failed").textContent = s.failed.toLocaleString();
  $("failed").classList.toggle("failed", s.failed > 0);
  $("started").textContent = s.started != null ? fmtTime(s.started) : "created " + fmtTime(s.created);
  progress(s.counts, $("progress"));
  $("legend").replaceChildren(...legend(ORDER, s.counts ?? {}));
  if (s.nodes) {
    $("nodes-label").hidden = $("nodes").hidden = false;
    $("nodes").replaceChildren(...Object.entries(s.nodes).map(([n, st]) => h("div", { class: "node-state" },
      h("span", { class: "mono" }, n), " ", badge(st.state), st.error ? h("span", { class: "cause" }, " " + st.error) : null)));
  }
  showError(s.error ? new Error(s.error) : null);
  const live = s.state === "running" || s.state === "deploying";
  fill($("actions"),
    live ? h("button", { type: "button", id: "cancel", onclick: cancel }, "Cancel session") : null,
    h("a", { href: "/api/sessions/" + enc(sid) + "/logs" }, "Session log"));
}

async function cancel() {
  try {
    await api("POST", "/api/sessions/" + enc(sid) + "/cancel");
  } catch (e) {
    showError(e);
  }
}

/**
 * The session is not (or no longer) in this manager's memory: its history, if it has one.
 *
 * @param inHistory whether the history has it (undefined: not known, then asked)
 */
async function gone(inHistory) {
  let past = null;
  try {
    if (inHistory !== false) past = await pastSession(sid);
  } catch (e) {
    showError(new Error("Session " + sid + " is not in this manager's memory, and its history cannot be read: "
      + e.message));
    return;
  }
  if (past) {
    showPast(past);
    return;
  }
  showError(new Error("Session " + sid + " does not exist on this manager, nor in its history (deleted?)."));
  $("state").replaceChildren(badge("unknown"));
  $("actions").replaceChildren();
}
