// The drop panel: one drop's kind, class, node, state and its timestamps, the cause of an error,
// its inputs and outputs, its parameters (the spec as submitted) and the tail of its log, with
// DALiuGE's Details (log page) and Download (data) links. Read again when the drop changes.
import { $, api, ApiError, badge, downloadLink, enc, fill, fmtDuration, fmtTime, h, showError, throttle, shownOf } from "./dlg.js";

export class DropPanel {
  constructor(sid, onNeighbourhood) {
    this.sid = sid;
    this.onNeighbourhood = onNeighbourhood;
    this.oid = null;
    this.again = throttle(() => this.reload(), 1000);
    $("panel-close").addEventListener("click", () => this.close());
    document.addEventListener("keydown", ev => { if (ev.key === "Escape") this.close(); });
  }

  open(oid) {
    this.oid = oid;
    $("panel").hidden = false;
    $("panel-title").textContent = oid;
    $("panel-body").replaceChildren(h("p", { class: "muted" }, "Loading…"));
    history.replaceState(null, "", "#drop=" + enc(oid));
    this.reload();
  }

  close() {
    this.oid = null;
    $("panel").hidden = true;
    history.replaceState(null, "", location.pathname + location.search);
  }

  changes(changes) {
    if (this.oid && changes.some(c => c.oid === this.oid)) this.again();
  }

  async reload() {
    const oid = this.oid;
    if (!oid) return;
    try {
      const d = await api("GET", "/api/ui/sessions/" + enc(this.sid) + "/drops/" + enc(oid));
      if (oid !== this.oid) return; // another drop was opened meanwhile
      showError(null, $("panel-error"));
      this.render(d);
    } catch (e) {
      if (oid !== this.oid) return;
      showError(e instanceof ApiError && e.status === 404 ? new Error("No drop " + oid + " in this session.") : e,
        $("panel-error"));
      $("panel-body").replaceChildren();
    }
  }

  render(d) {
    const path = "/sessions/" + enc(this.sid) + "/graph/drop/";
    const app = d.category === "Application" || d.category === "Socket";
    $("panel-title").textContent = d.name;
    const facts = [
      ["oid", d.oid], ["uid", d.uid !== d.oid ? d.uid : null], ["kind", d.category], ["class", d.dropclass],
      ["node", d.node], ["island", d.island], ["state", badge(d.state)],
      ["drop state", d.dropState], ["execution", d.execState],
      ["started", d.started != null ? fmtTime(d.started) : null],
      [app ? "ended" : "settled", d.ended != null ? fmtTime(d.ended) : null],
      ["ran for", d.started != null && d.ended != null ? fmtDuration(d.ended - d.started) : null],
      ["file", d.path], ["size", d.size != null ? d.size.toLocaleString() + " bytes" : null],
    ].filter(([, v]) => v != null && v !== "");
    fill($("panel-body"),
      h("div", { class: "toolbar" },
        h("a", { href: path + enc(d.oid) }, "Details"),
        downloadLink(path, d, app),
        h("button", { type: "button", onclick: () => this.onNeighbourhood(d.oid) }, "Neighbourhood in graph")),
      d.error ? h("div", { class: "error cause-box" }, h("strong", {}, "Error: "), d.error) : null,
      h("dl", { class: "facts" }, ...facts.flatMap(([k, v]) => [h("dt", {}, k), h("dd", {}, v)])),
      links("Inputs", d.inputs, o => this.open(o)),
      links("Outputs", d.outputs, o => this.open(o)),
      h("h3", {}, "Parameters"),
      params(d.spec),
      h("h3", {}, "Log"),
      d.logCount > (d.logs?.length ?? 0) ? h("p", { id: "log-shown", class: "muted" }, "The last "
        + shownOf(d.logs.length, d.logCount, "entries") + "; all of them under ", h("a", { href: path + enc(d.oid) }, "Details"), ".")
        : null,
      d.logs?.length ? h("table", { class: "grid logs" }, h("tbody", {}, ...d.logs.map(l => h("tr",
        { class: "level-" + l.level.toLowerCase() }, h("td", { class: "mono" }, l.time.slice(11)), h("td", {}, l.level),
        h("td", { class: "message" }, l.message)))))
        : h("p", { class: "muted" }, "Nothing logged."));
  }
}

function links(title, oids, open) {
  if (!oids?.length) return null;
  return h("div", { class: "links" }, h("h3", {}, title),
    ...oids.map(o => h("button", { type: "button", class: "link oid", onclick: () => open(o) }, o)));
}

const HIDDEN = new Set(["oid", "uid", "categoryType", "dropclass", "name", "node", "island", "consumers", "inputs",
  "outputs", "producers", "streamingConsumers", "streamingInputs"]);

function params(spec) {
  const rows = Object.entries(spec ?? {}).filter(([k]) => !HIDDEN.has(k));
  if (!rows.length) return h("p", { class: "muted" }, "None.");
  return h("table", { class: "grid params" }, h("tbody", {}, ...rows.map(([k, v]) => h("tr", {},
    h("th", {}, k), h("td", { class: "mono" }, typeof v === "string" ? v : JSON.stringify(v))))));
}
