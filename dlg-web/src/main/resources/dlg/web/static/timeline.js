// The timeline: the whole session, from its deploy (0 on the axis) to its end (or now), one row
// per node, one bar per application from its start to its end (or to now while it runs),
// coloured by construct; failed bars outlined in red with a red stripe, running ones dashed;
// overlapping apps go to lanes under each other (Dask's task stream, Airflow's Gantt chart). A
// big session's bars are a sample the server chose over the whole session (every failure, the
// longest, the rest evenly spread), and the note says so. Read again, at most every 2 s, while
// drops change. The page may ask for fewer bars with ?timelineLimit=<n>.
import { api, constructColour, enc, fmtDuration, h, label, showError, shownOf, svg, throttle } from "./dlg.js";

const LANE = 14;
const GAP = 8;
const LABEL = 170;
const AXIS = 22;
/** A node's row is at most this high: many apps at once make thinner lanes, then share them. */
const MAX_ROW = 280;
/** Constructs named in the legend; the others are counted. */
const LEGEND = 10;
const FAILED = "#b71c1c";
/** The red stripe over the top of a failed bar, px. */
const STRIPE = 3;
/** Tick steps, ms: the first that leaves about 90 px between ticks. */
const STEPS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1e3, 2e3, 5e3, 10e3, 15e3, 30e3, 60e3, 120e3, 300e3, 600e3,
  900e3, 1800e3, 3600e3, 7200e3, 3 * 3600e3, 6 * 3600e3, 12 * 3600e3, 24 * 3600e3];

export class Timeline {
  constructor(container, note, sid, onSelect) {
    this.container = container;
    this.note = note;
    this.legend = h("div", { id: "timeline-legend", class: "timeline-legend" });
    container.before(this.legend);
    const limit = new URLSearchParams(location.search).get("timelineLimit");
    this.url = "/api/ui/sessions/" + enc(sid) + "/timeline" + (limit ? "?limit=" + enc(limit) : "");
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
      this.legend.replaceChildren();
      this.container.replaceChildren();
      return;
    }
    const constructs = new Map((t.constructs ?? []).map(c => [c.key, c]));
    const nameOf = key => constructs.get(key)?.label ?? key ?? "";
    // the session's deploy is 0, even when its first app started later; the end is its end, or now
    const t0 = t.start ?? Math.min(...t.apps.map(a => a.start));
    const t1 = Math.max(t0 + 1, t.end ?? t.now, ...t.apps.map(a => a.end ?? t.now));
    const byNode = new Map();
    for (const a of t.apps) {
      const node = a.node ?? document.body.dataset.manager;
      if (!byNode.has(node)) byNode.set(node, []);
      byNode.get(node).push(a);
    }
    const width = Math.max(400, this.container.clientWidth || 900);
    const x = ms => LABEL + (width - LABEL - 10) * (ms - t0) / (t1 - t0);
    const items = [];
    const legend = legendOf(t.constructs ?? []); // first: the most frequent constructs pick their colours first
    const bars = [];
    const marks = []; // failed bars and their stripes, over every other bar
    let y = AXIS + 4;
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
        const top1 = top + laneOf[k] % shown * laneHeight;
        const left = x(a.start);
        const w = Math.max(a.state === "error" ? 4 : 2, x(end) - left); // a failure stays visible however short
        const hgt = Math.max(1, laneHeight - (laneHeight > 4 ? 2 : 0));
        const failed = a.state === "error";
        const running = a.end == null;
        const bar = svg("rect", { x: left, y: top1, width: w, height: hgt, fill: constructColour(a.construct).bg,
          class: "bar" + (failed ? " failed" : "") + (running ? " running" : ""), "data-oid": a.oid,
          "data-construct": a.construct, "data-state": a.state, onclick: () => this.onSelect(a.oid) },
        svg("title", {}, [a.name + " (" + a.oid + ")", "construct: " + nameOf(a.construct), "state: " + label(a.state)
          + (running ? " (still running)" : ""), "duration: " + fmtDuration(end - a.start), "node: " + node].join("\n")));
        (failed ? marks : bars).push(bar);
        if (failed) marks.push(svg("rect", { x: left, y: top1, width: w, height: Math.min(STRIPE, hgt), fill: FAILED,
          class: "stripe", "pointer-events": "none" }));
      });
      const height = Math.max(LANE, shown * laneHeight);
      items.push(svg("text", { x: 4, y: top + Math.min(height, LANE) - 3, class: "row-label" }, node));
      items.push(svg("line", { x1: 0, x2: width, y1: top + height + GAP / 2, y2: top + height + GAP / 2, class: "row-line" }));
      y = top + height + GAP;
    }
    const span = t1 - t0;
    const step = STEPS.find(s => span / s <= Math.max(2, (width - LABEL) / 90)) ?? STEPS[STEPS.length - 1];
    for (let ms = 0; ms <= span; ms += step) { // the axis: time since the session's deploy
      items.push(svg("line", { x1: x(t0 + ms), x2: x(t0 + ms), y1: AXIS - 4, y2: y, class: "grid" }));
      items.push(svg("text", { x: x(t0 + ms), y: 14, class: "tick", "text-anchor": ms === 0 ? "start" : "middle" },
        tick(ms, step)));
    }
    this.container.replaceChildren(svg("svg", { width, height: y + 4, class: "timeline-svg" }, ...items, ...bars, ...marks));
    this.legend.replaceChildren(...legend);
    this.note.textContent = noteOf(t);
  }
}

/** What the bars are: all the session's applications, or a sample of them, and what a sample always keeps. */
function noteOf(t) {
  const apps = t.total === 1 ? "application" : "applications";
  if (!t.sampled) return t.total.toLocaleString() + " " + apps + " that ran, by node, coloured by construct; click a bar for its drop.";
  const failedShown = t.apps.filter(a => a.state === "error").length;
  const longest = t.longest === 1 ? "the longest" : "the " + t.longest.toLocaleString() + " longest";
  const kept = failedShown < t.failed ? "only failures: " + shownOf(failedShown, t.failed, "failures") + " shown"
    : !t.failed ? longest + " shown"
    : (t.failed === 1 ? "its failure" : "all " + t.failed.toLocaleString() + " failures") + " and " + longest + " shown";
  return shownOf(t.apps.length, t.total, apps) + " shown, sampled evenly over the session; " + kept
    + ". Click a bar for its drop.";
}

/** The most frequent constructs' colours, "and N more", and what a failed and a running bar look like. */
function legendOf(constructs) {
  const named = constructs.slice(0, LEGEND);
  const more = constructs.length - named.length;
  const items = named.map(c => h("span", { class: "construct", "data-construct": c.key },
    h("span", { class: "swatch", style: "background:" + constructColour(c.key).bg }), c.label + " ",
    h("span", { class: "muted" }, c.count.toLocaleString())));
  if (more > 0) items.push(h("span", { class: "muted" }, "and " + more.toLocaleString() + " more"));
  items.push(h("span", {}, h("span", { class: "swatch mark-failed" }), "failed"));
  items.push(h("span", {}, h("span", { class: "swatch mark-running" }), "running"));
  return items;
}

/** A tick's label: ms below a second's steps, then s, min, h. */
function tick(ms, step) {
  if (ms === 0) return "0";
  if (step < 1000) return ms < 1000 ? ms + " ms" : (ms / 1000).toFixed(step < 10 ? 3 : step < 100 ? 2 : 1) + " s";
  if (ms < 60e3) return ms / 1000 + " s";
  const hours = Math.floor(ms / 3600e3);
  const m = Math.floor(ms % 3600e3 / 60e3);
  const s = Math.round(ms % 60e3 / 1000);
  return [hours ? hours + " h" : "", m ? m + " min" : "", s ? s + " s" : ""].filter(Boolean).join(" ");
}
