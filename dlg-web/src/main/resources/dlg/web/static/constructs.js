// The constructs view: one row per construct of the logical graph (GET .../constructs), in
// pipeline order (sources first), with its progress bar, how many of its drops are done, failed,
// and its apps' median, p95 and longest run, and the nodes it is on. The live feed's per-group
// counts update the rows in place; the durations are read again at most every few seconds while
// the view is shown. Clicking a construct lists exactly its drops.
import { api, enc, fmtDuration, h, progress, showError, shownOf, throttle } from "./dlg.js";

/**
 * The states of a drop not done yet: not started, or running. "Done" is settled (finished,
 * completed and after, failed, cancelled, skipped), not the engine's terminal (completed data
 * may still expire: it is done for the pipeline all the same).
 */
const UNDONE = new Set(["running", "writing", "not_run", "initialized"]);
const REREAD_MS = 3000;

export class ConstructTable {
  constructor(sid, onPick) {
    this.route = "/api/ui/sessions/" + enc(sid) + "/constructs";
    this.onPick = onPick;
    this.body = document.querySelector("#constructs tbody");
    this.note = document.getElementById("constructs-note");
    this.rows = new Map(); // key -> { bar, done, failed }
    this.shown = false;
    this.again = throttle(() => this.reload(), REREAD_MS);
  }

  /** Read again each time: the feed's counts are not followed while another view is shown. */
  show() {
    this.shown = true;
    this.reload();
  }

  visible() {
    return this.shown && !document.getElementById("view-constructs").hidden;
  }

  async reload() {
    if (!this.visible()) return;
    try {
      const c = await api("GET", this.route);
      this.render(c);
    } catch (e) {
      showError(e);
    }
  }

  /** Group counts pushed by the live feed: the rows' bars and counts at once, their durations soon after. */
  groups(groups) {
    if (!groups || !this.visible()) return;
    let seen = false;
    for (const [key, counts] of Object.entries(groups)) {
      const row = this.rows.get(key);
      if (row) {
        counted(row, counts);
        seen = true;
      }
    }
    if (seen) this.again();
  }

  render(c) {
    this.rows.clear();
    this.body.replaceChildren(...(c.constructs.length ? c.constructs.map((x, i) => {
      const pick = ev => {
        ev.preventDefault();
        this.onPick(x.key, x.label);
      };
      const row = { bar: h("div", { class: "progress" }), done: h("td", { class: "num" }), failed: h("td", { class: "num" }) };
      this.rows.set(x.key, row);
      counted(row, x.counts);
      return h("tr", { class: "clickable", "data-key": x.key, onclick: pick },
        h("td", { class: "num muted" }, (i + 1).toLocaleString()),
        h("td", {}, h("a", { href: "#group=" + enc(x.key), class: "construct", title: x.key, onclick: pick }, x.label)),
        h("td", {}, x.app ? "app" : "data"),
        h("td", { class: "bar" }, row.bar),
        row.done,
        row.failed,
        h("td", { class: "num" }, fmtDuration(x.medianMs)),
        h("td", { class: "num" }, fmtDuration(x.p95Ms)),
        h("td", { class: "num" }, fmtDuration(x.maxMs)),
        h("td", { class: "num" }, x.nodes ? x.nodes.toLocaleString() : ""));
    }) : [h("tr", {}, h("td", { colspan: 10, class: "muted" }, "No constructs."))]));
    const listed = c.constructs.length;
    this.note.textContent = (listed < c.all ? shownOf(listed, c.all, "constructs") : listed.toLocaleString() + " constructs")
      + " of " + c.total.toLocaleString() + " drops (by " + c.groupBy + "), in pipeline order; click one to list its drops.";
  }
}

/** A row's bar, "done of all" and failed count from its counts per state. */
function counted(row, counts) {
  let all = 0;
  let done = 0;
  for (const [state, n] of Object.entries(counts ?? {})) {
    all += n;
    if (!UNDONE.has(state)) done += n;
  }
  progress(counts, row.bar);
  row.done.textContent = done.toLocaleString() + " of " + all.toLocaleString() + " done";
  const failed = counts?.error ?? 0;
  row.failed.textContent = failed.toLocaleString();
  row.failed.classList.toggle("failed", failed > 0);
}
