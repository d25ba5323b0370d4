// The list view: a page of the session's drops at a time, those in error first, filterable by
// state, node and name (the server filters and pages: 100,000 drops stay quick). Rows change
// state in place as the live feed says; the page is read again, at most every 2 s, to keep the
// order (a drop that fails moves up).
import { api, badge, downloadLink, enc, h, label, ORDER, showError, throttle } from "./dlg.js";

const PAGE = 100;

export class DropList {
  constructor(sid, onSelect) {
    this.sid = sid;
    this.onSelect = onSelect;
    this.offset = 0;
    this.rows = new Map(); // oid -> its state cell
    this.shown = false;
    this.loaded = false;
    this.body = document.querySelector("#drops tbody");
    const state = document.getElementById("list-state");
    state.append(...ORDER.map(n => h("option", { value: n }, label(n))));
    const refilter = () => {
      this.offset = 0;
      this.reload();
    };
    state.addEventListener("change", refilter);
    let typing = null;
    for (const id of ["list-node", "list-name"]) {
      document.getElementById(id).addEventListener("input", () => {
        clearTimeout(typing);
        typing = setTimeout(refilter, 300);
      });
    }
    document.getElementById("list-prev").addEventListener("click", () => {
      this.offset = Math.max(0, this.offset - PAGE);
      this.reload();
    });
    document.getElementById("list-next").addEventListener("click", () => {
      this.offset += PAGE;
      this.reload();
    });
    this.again = throttle(() => this.reload(), 2000);
  }

  show() {
    this.shown = true;
    if (!this.loaded) this.reload();
  }

  /**
   * Lists exactly the drops of one construct (its group key), shown as a removable chip: unlike
   * the name filter, "calib" does not also list "calibrate". The key is kept in the page's
   * address (&group=), so the link lists them again; {@code keepPage} only names the chip.
   */
  filterByGroup(key, name, keepPage) {
    this.group = key;
    this.groupName = key == null ? null : name;
    if (key != null) document.getElementById("list-name").value = ""; // exactly the construct's drops
    const chip = document.getElementById("list-group");
    chip.hidden = key == null;
    chip.replaceChildren(...(key == null ? [] : [h("span", { class: "chip", title: key }, "construct: " + (name ?? key),
      h("button", { type: "button", id: "list-group-clear", "aria-label": "Show every construct", onclick: () => {
        this.filterByGroup(null);
        this.reload();
      } }, "×"))]));
    if (keepPage) return;
    this.offset = 0;
    this.loaded = false;
    const url = new URL(location); // kept in the address: a link to one construct's drops
    if (key == null) url.searchParams.delete("group");
    else url.searchParams.set("group", key);
    history.replaceState(null, "", url);
  }

  filterByName(name) {
    document.getElementById("list-name").value = name;
    this.offset = 0;
    this.loaded = false;
  }

  changes(changes) {
    if (!this.shown || document.getElementById("view-list").hidden) return;
    let seen = false;
    for (const c of changes) {
      const cell = this.rows.get(c.oid);
      if (cell) {
        cell.replaceChildren(badge(c.state));
        seen = true;
      }
    }
    if (seen || changes.some(c => c.state === "error")) this.again();
  }

  async reload() {
    if (!this.shown) return;
    const q = new URLSearchParams({ offset: this.offset, limit: PAGE });
    const state = document.getElementById("list-state").value;
    if (state) q.set("state", state);
    const node = document.getElementById("list-node").value.trim();
    if (node) q.set("node", node);
    const name = document.getElementById("list-name").value.trim();
    if (name) q.set("name", name);
    if (this.group) q.set("group", this.group);
    try {
      const page = await api("GET", "/api/ui/sessions/" + enc(this.sid) + "/drops?" + q);
      this.loaded = true;
      if (this.group && this.groupName == null && page.drops.length) { // opened from a link: name the construct
        this.filterByGroup(this.group, page.drops[0].name, true);
      }
      this.render(page);
    } catch (e) {
      showError(e);
    }
  }

  render(page) {
    this.rows.clear();
    const path = "/sessions/" + enc(this.sid) + "/graph/drop/";
    this.body.replaceChildren(...(page.drops.length ? page.drops.map(d => {
      const state = h("td", {}, badge(d.state));
      this.rows.set(d.oid, state);
      return h("tr", { class: "clickable" + (d.state === "error" ? " failed-row" : ""), "data-oid": d.oid,
        onclick: ev => { if (ev.target.tagName !== "A") this.onSelect(d.oid); } },
        h("td", { class: "oid" }, d.oid),
        h("td", {}, d.name),
        h("td", {}, d.app ? "app" : "data"),
        h("td", { class: "mono" }, d.node ?? ""),
        state,
        h("td", { class: "cause" }, d.error ?? ""),
        h("td", { class: "actions" },
          h("a", { href: path + enc(d.oid) }, "Details"),
          downloadLink(path, d, d.app)));
    }) : [h("tr", {}, h("td", { colspan: 7, class: "muted" }, "No drops match."))]));
    const from = page.matched ? page.offset + 1 : 0;
    const to = page.offset + page.drops.length;
    document.getElementById("list-shown").textContent = from.toLocaleString() + "–" + to.toLocaleString() + " of "
      + page.matched.toLocaleString() + (page.matched !== page.total ? " matching (" + page.total.toLocaleString() + " in all)" : "")
      + (page.failed ? ", " + page.failed.toLocaleString() + " failed first" : "");
    document.getElementById("list-prev").disabled = page.offset === 0;
    document.getElementById("list-next").disabled = to >= page.matched;
  }
}
