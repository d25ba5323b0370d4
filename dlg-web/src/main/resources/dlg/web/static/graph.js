// The graph view: Cytoscape.js draws, dagre lays out once (positions given to Cytoscape as a
// preset). A state change recolours a node in place, never lays the graph out again. The server
// keeps the view bounded: every drop of a small session, groups of drops (by logical-graph
// construct) of a big one, or the neighbourhood of one drop.
import { api, colour, enc, fmtDuration, label, ORDER, showError } from "./dlg.js";

let libraries = null;

/** Cytoscape (an ES module) and dagre (a classic script), loaded the first time a graph is shown. */
function loadLibraries() {
  libraries ??= Promise.all([
    import("./cytoscape.js").then(m => m.default),
    new Promise((resolve, reject) => {
      if (window.dagre) return resolve(window.dagre);
      const s = document.createElement("script");
      s.src = "/static/dagre.js";
      s.onload = () => resolve(window.dagre);
      s.onerror = () => reject(new Error("cannot load /static/dagre.js"));
      document.head.append(s);
    }),
  ]);
  return libraries;
}

/** A group's label size, and the smallest it may be drawn at on screen by default (px). */
const GROUP_FONT_PX = 11;
const READABLE_PX = 10;

const STYLE = [
  { selector: "node", style: {
    label: "data(label)", "font-size": 10, "text-valign": "center", "text-halign": "center",
    "text-wrap": "ellipsis", "text-max-width": 112, width: 120, height: 30,
    "border-width": 1, "border-color": "#546e7a" } },
  // a drop's colours; a group has none (its fill is a gradient): a mapping over data an element
  // lacks makes Cytoscape warn on every redraw, so the mapping applies only where the data is
  { selector: "node[bg]", style: { "background-color": "data(bg)" } },
  { selector: "node[fg]", style: { color: "data(fg)" } },
  { selector: "node[?app]", style: { shape: "round-rectangle" } },
  { selector: "node[!app]", style: { shape: "ellipse" } },
  { selector: "node.group", style: {
    width: 170, height: 40, "text-max-width": 160, shape: "round-rectangle", color: "#212121", "font-size": GROUP_FONT_PX, "font-weight": "bold",
    "text-outline-color": "#ffffff", "text-outline-width": 2, "background-fill": "linear-gradient",
    "background-gradient-direction": "to-right", "background-gradient-stop-colors": "data(stopColors)",
    "background-gradient-stop-positions": "data(stopPositions)" } },
  { selector: "node.group[!app]", style: { shape: "barrel" } },
  { selector: "node:selected", style: { "border-width": 3, "border-color": "#0d47a1" } },
  { selector: "edge", style: {
    width: 1.2, "line-color": "#9e9e9e", "target-arrow-color": "#9e9e9e", "target-arrow-shape": "triangle",
    "curve-style": "bezier", "arrow-scale": 0.8 } },
];

export class GraphView {
  constructor(container, sid, onSelect, note, onGroup) {
    this.container = container;
    this.base = "/api/ui/sessions/" + enc(sid) + "/graph";
    this.onSelect = onSelect;
    this.onGroup = onGroup;
    this.note = note;
    this.cy = null;
    this.view = null;
    this.query = { mode: "auto" };
    this.modeSelect = document.getElementById("graph-mode");
    this.dirSelect = document.getElementById("graph-dir");
    this.modeSelect.addEventListener("change", () => {
      this.query = this.modeSelect.value === "neighbourhood" ? { mode: "neighbourhood", focus: this.selected }
        : { mode: this.modeSelect.value };
      this.load();
    });
    this.dirSelect.addEventListener("change", () => this.layout(true));
    document.getElementById("graph-fit").addEventListener("click", () => this.cy && this.fit());
  }

  show() {
    if (!this.view) this.load();
    else this.cy?.resize();
  }

  /** Reads the view again: states are updated in place when the same elements come back. */
  async reload() {
    if (!this.view) return;
    try {
      const v = await api("GET", this.route());
      if (sameElements(this.view, v) && this.cy) {
        this.view = v;
        this.cy.batch(() => v.nodes.forEach(n => this.cy.getElementById(n.id).data(nodeData(n))));
        this.medians();
      } else {
        this.draw(v);
      }
    } catch (e) {
      showError(e, this.error());
    }
  }

  /** The neighbourhood of a drop. */
  focus(oid) {
    this.selected = oid;
    this.modeSelect.querySelector("option[value=neighbourhood]").disabled = false;
    this.modeSelect.value = "neighbourhood";
    this.query = { mode: "neighbourhood", focus: oid };
    this.load();
  }

  /** Drop states pushed by the live feed. */
  changes(changes) {
    if (!this.cy || this.view?.mode === "groups") return;
    this.cy.batch(() => {
      for (const c of changes) {
        const n = this.cy.getElementById(c.oid);
        if (n.nonempty()) n.data({ state: c.state, ...colours(c.state) });
      }
    });
  }

  /** Group counts pushed by the live feed. */
  groups(groups) {
    if (!groups || !this.cy || this.view?.mode !== "groups") return;
    this.cy.batch(() => {
      for (const [key, counts] of Object.entries(groups)) {
        const n = this.cy.getElementById(key);
        if (n.nonempty()) n.data(bar(counts));
      }
    });
  }

  select(oid) {
    this.selected = oid;
    this.modeSelect.querySelector("option[value=neighbourhood]").disabled = oid == null;
    if (!this.cy) return;
    this.cy.$(":selected").unselect();
    if (oid) this.cy.getElementById(oid).select();
  }

  route() {
    const q = new URLSearchParams({ mode: this.query.mode });
    if (this.query.focus) q.set("focus", this.query.focus);
    return this.base + "?" + q;
  }

  error() {
    return document.getElementById("error");
  }

  async load() {
    this.note.textContent = "Loading the graph…";
    try {
      const [v] = await Promise.all([api("GET", this.route()), loadLibraries()]);
      this.draw(v);
    } catch (e) {
      this.note.textContent = "";
      showError(e, this.error());
    }
  }

  async draw(v) {
    const [cytoscape] = await loadLibraries();
    this.view = v;
    const groups = v.mode === "groups";
    const elements = v.nodes.map(n => ({ group: "nodes", data: nodeData(n), classes: groups ? "group" : "" }));
    v.edges.forEach((e, i) => elements.push({ group: "edges", data: { id: "e" + i, source: e.source, target: e.target } }));
    this.cy?.destroy();
    this.cy = cytoscape({
      container: this.container, elements, style: STYLE, layout: { name: "preset" },
      minZoom: 0.01, maxZoom: 3, boxSelectionEnabled: false, // the default wheel sensitivity: any other warns
      hideEdgesOnViewport: v.edges.length > 2000, textureOnViewport: v.nodes.length > 2000,
    });
    this.cy.on("tap", "node", ev => {
      const d = ev.target.data();
      if (groups) this.onGroup?.(d.id, d.name); // the group's key: exactly its drops
      else this.onSelect(d.id);
    });
    this.note.textContent = notes(v);
    this.layout(false);
    this.medians();
    if (this.selected && !groups) this.cy.getElementById(this.selected).select();
  }

  /**
   * Each group's median run in its label ("calib ×10 · 1.20 s"), read from the constructs view;
   * the last known at once (a redraw resets the labels), then read again.
   */
  async medians() {
    if (this.view?.mode !== "groups" || !this.cy) return;
    this.labelMedians();
    try {
      const c = await api("GET", this.base.replace(/\/graph$/, "/constructs"));
      this.known = new Map(c.constructs.filter(x => x.medianMs != null).map(x => [x.key, fmtDuration(x.medianMs)]));
      this.labelMedians();
    } catch (e) {
      showError(e, this.error());
    }
  }

  labelMedians() {
    this.cy?.batch(() => this.known?.forEach((median, key) => {
      const n = this.cy.getElementById(key);
      if (n.nonempty()) n.data("label", n.data("label").split(" · ")[0] + " · " + median);
    }));
  }

  /**
   * dagre computes the positions once; Cytoscape takes them as they are. Groups are laid out in
   * the direction where the whole graph shows biggest ("auto"), and shown at a readable size.
   */
  layout(animate) {
    if (!this.cy) return;
    const groups = this.view?.mode === "groups";
    const dirs = this.dirSelect.value !== "auto" ? [this.dirSelect.value] : groups ? ["LR", "TB"] : ["LR"];
    let best = null;
    for (const dir of dirs) {
      const g = this.dagreLayout(dir);
      const zoom = Math.min(this.cy.width() / g.graph().width, this.cy.height() / g.graph().height);
      if (!best || zoom > best.zoom) best = { g, zoom };
    }
    this.cy.batch(() => this.cy.nodes().forEach(n => n.position({ x: best.g.node(n.id()).x, y: best.g.node(n.id()).y })));
    if (groups) this.readable();
    else this.fit();
  }

  dagreLayout(dir) {
    const dagre = window.dagre;
    const g = new dagre.graphlib.Graph();
    g.setGraph({ rankdir: dir, nodesep: 18, ranksep: 60, edgesep: 8 });
    g.setDefaultEdgeLabel(() => ({}));
    this.cy.nodes().forEach(n => g.setNode(n.id(), { width: n.width() + 10, height: n.height() + 10 }));
    this.cy.edges().forEach(e => g.setEdge(e.source().id(), e.target().id()));
    dagre.layout(g);
    return g;
  }

  /**
   * The whole graph when its labels stay readable fitted; else (a long pipeline would be a strip
   * of tiny boxes) the smallest readable zoom, starting at the sources (top left), to pan from.
   */
  readable() {
    this.fit();
    const least = READABLE_PX / GROUP_FONT_PX;
    if (this.cy.zoom() >= least) return;
    const pad = 20;
    this.cy.zoom(least);
    const bb = this.cy.elements().boundingBox();
    const place = (size, room, from) => size * least <= room - 2 * pad ? (room - size * least) / 2 - from * least
      : pad - from * least;
    this.cy.pan({ x: place(bb.w, this.cy.width(), bb.x1), y: place(bb.h, this.cy.height(), bb.y1) });
    this.note.textContent = notes(this.view) + " Shown from the start at a readable size: drag to move along, or Zoom to fit.";
  }

  /** The whole graph in view, but small graphs not blown up past their natural size. */
  fit() {
    this.cy.fit(undefined, 20);
    if (this.cy.zoom() > 1.2) {
      this.cy.zoom(1.2);
      this.cy.center();
    }
  }
}

function colours(state) {
  const c = colour(state);
  return { bg: c.bg, fg: c.fg };
}

function nodeData(n) {
  if (n.counts) {
    return { id: n.id, name: n.label, label: n.label + " ×" + n.count.toLocaleString(), app: n.app, ...bar(n.counts) };
  }
  return { id: n.id, name: n.label, label: n.label, app: n.app, state: n.state, ...colours(n.state) };
}

/**
 * A group's fill: its progress bar (a gradient with hard stops, one band per state, in
 * progress-bar order), so that a group reads like the session's bar.
 */
function bar(counts) {
  const total = Object.values(counts).reduce((a, b) => a + b, 0) || 1;
  const colours = [];
  const positions = [];
  let at = 0;
  for (const name of ORDER.filter(n => counts[n])) {
    const c = colour(name).bg;
    const end = at + 100 * counts[name] / total;
    colours.push(c, c);
    positions.push(at.toFixed(2), end.toFixed(2));
    at = end;
  }
  if (!colours.length) {
    colours.push("#ffffff", "#ffffff");
    positions.push("0", "100");
  }
  return { stopColors: colours.join(" "), stopPositions: positions.join(" "),
    tip: ORDER.filter(n => counts[n]).map(n => label(n) + " " + counts[n].toLocaleString()).join(", ") };
}

function sameElements(a, b) {
  if (a.mode !== b.mode || a.nodes.length !== b.nodes.length || a.edges.length !== b.edges.length) return false;
  const ids = new Set(a.nodes.map(n => n.id));
  return b.nodes.every(n => ids.has(n.id));
}

function notes(v) {
  const total = v.total.toLocaleString();
  if (v.mode === "groups") {
    return v.nodes.length.toLocaleString() + " groups of " + total + " drops (by " + v.groupBy + "); click a group to list its drops.";
  }
  if (v.mode === "neighbourhood") {
    return v.nodes.length.toLocaleString() + " drops around " + v.focus + " (of " + total + ").";
  }
  return total + " drops; click one for its details.";
}

