// The timeline: one row per node, one bar per application from its start to its end (or to now
// while it runs), coloured by state; overlapping apps go to lanes under each other (Dask's task
// stream, Airflow's Gantt chart). Read again, at most every 2 s, while drops change.
import { api, colour, enc, fmtDuration, label, showError, svg, throttle } from "./dlg.js";

const LANE = 14;
const GAP = 8;
const LABEL = 170;
/** A node's row is at most this high: many apps at once make thinner lanes, then share them. */
const MAX_ROW = 280;

export class Timeline {
  constructor(container, note, sid, onSelect) {
    this.container = container;
    this.note = note;
    this.url = "/api/ui/sessions/" + enc(sid) + "/timeline";
    this.onSelect = onSelect;
    this.again = throttle(() => this.reload(), 2000);
    this.data = null;
    window.addEventListener("resize", () => { if (this.data && this.visible()) this.render(this.data); });
  }

  visible() {
    return !document.getElementById("view-timeline").hidden;
  }

  show() {
    this.reload();
  }

  changes() {
    if (this.visible()) this.again();
  }

  async reload() {
    if (!this.visible()) return;
    try {
      this.data = await api("GET", this.url);
      this.render(this.data);
    } catch (e) {
      showError(e);
    }
  }

  render(t) {
    if (!t.apps.length) {
      this.note.textContent = "No application has started yet.";
      this.container.replaceChildren();
      return;
    }
    const t0 = Math.min(...t.apps.map(a => a.start));
    const t1 = Math.max(t0 + 1, ...t.apps.map(a => a.end ?? t.now));
    const byNode = new Map();
    for (const a of t.apps) {
      const node = a.node ?? document.body.dataset.manager;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push(a);
    }
    const width = Math.max(400, this.container.clientWidth || 900);
    const x = ms => LABEL + (width - LABEL - 10) * (ms - t0) / (t1 - t0);
    const items = [];
    let y = 24;
    for (const [node, apps] of byNode) {
      const lanes = []; // the end of the last bar in each lane
      const laneOf = apps.map(a => {
        const end = a.end ?? t.now;
        let lane = lanes.findIndex(e => e <= a.start);
        if (lane < 0) {
          lane = lanes.length;
          lanes.push(end);
        } else {
          lanes[lane] = end;
        }
        return lane;
      });
      const top = y;
      const laneHeight = Math.max(1, Math.min(LANE, Math.floor(MAX_ROW / lanes.length)));
      const shown = Math.min(lanes.length, Math.floor(MAX_ROW / laneHeight));
      apps.forEach((a, k) => {
        const end = a.end ?? t.now;
        const lane = laneOf[k] % shown;
        const left = x(a.start);
        items.push(svg("rect", { x: left, y: top + lane * laneHeight, width: Math.max(2, x(end) - left),
          height: Math.max(1, laneHeight - (laneHeight > 4 ? 2 : 0)),
          fill: colour(a.state).bg, class: "bar", "data-oid": a.oid, onclick: () => this.onSelect(a.oid) },
        svg("title", {}, a.name + " (" + a.oid + "): " + label(a.state) + ", " + fmtDuration(end - a.start))));
      });
      const height = Math.max(LANE, shown * laneHeight);
      items.push(svg("text", { x: 4, y: top + Math.min(height, LANE) - 3, class: "row-label" }, node));
      items.push(svg("line", { x1: 0, x2: width, y1: top + height + GAP / 2, y2: top + height + GAP / 2, class: "row-line" }));
      y = top + height + GAP;
    }
    for (let k = 0; k <= 5; k++) { // the axis: time since the first start
      const ms = (t1 - t0) * k / 5;
      items.push(svg("text", { x: x(t0 + ms), y: 14, class: "tick", "text-anchor": k === 0 ? "start" : k === 5 ? "end" : "middle" },
        fmtDuration(Math.round(ms))));
    }
    this.container.replaceChildren(svg("svg", { width, height: y + 4, class: "timeline-svg" }, ...items));
    this.note.textContent = (t.truncated ? "The latest " + t.apps.length.toLocaleString() + " of " : "")
      + t.total.toLocaleString() + (t.total === 1 ? " application" : " applications")
      + " that ran, by node; click a bar for its drop.";
  }
}

