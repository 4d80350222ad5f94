// A proof-of-execution checklist: tick boxes saved in this browser, with progress, export,
// import, a link carrying the ticks, reset and print. Changed wording flags a tick to be
// read again. Root: [data-cp-checklist], whose rows the page already lists.

import * as ticks from "../modules/checklist-state.js";
import { localDate } from "../modules/dates.js";
import { count, longDate } from "../modules/words.js";
import { el, load, save, viewerZone } from "./ui.js";

const today = () => localDate(Date.now(), viewerZone());
const STORAGE_NOTE = "This browser does not let the portal save here (for example in an embedded or private window). " +
  "Your ticks last only while this page is open; use Export progress to keep them.";

// The entries in order, from the site's data for this checklist's key (plain items, and "one of"
// groups with their options); a checklist the data lacks (an older override) has plain rows.
function entriesOf(root, data) {
  const key = root.getAttribute("data-cp-checklist");
  const all = [data.claimChecklist, ...Object.values(data.activities).map((a) => a.checklist)];
  const found = all.find((c) => c.key === key);
  if (found) return found.sections.flatMap((s) => s.entries);
  return [...root.querySelectorAll("[data-cp-item]")].map((row) => ({ id: row.getAttribute("data-cp-item"), hash: row.getAttribute("data-cp-hash") }));
}

/** Starts the checklist. */
export function start(root, data) {
  const name = root.getAttribute("data-cp-checklist"), key = "checklist:" + name, slug = name.replace(/[^a-z0-9-]/g, "-");
  const title = root.getAttribute("data-cp-title"), rulesVersion = data.rulesVersion;
  const items = []; // every tick box: plain items and the options of "one of" groups
  const counted = []; // what the progress counts: plain items, and each group once
  const hashes = {}, groups = new Set();
  let state = {}; // a group's own id only holds a tick saved before it was a choice

  const progress = el("p", { class: "cp-checklist__progress", role: "status", "aria-live": "polite" });
  const notices = el("div", { class: "cp-checklist__notices", "aria-live": "polite" });
  const buttons = el("p", { class: "cp-checklist__buttons" });
  const button = (label, action, parent = buttons) =>
    parent.appendChild(el("button", { type: "button", class: "md-button" + (action === "reset-confirm" ? " md-button--primary" : ""), "data-cp-action": action }, label));
  const exportButton = button("Export progress", "export"), importButton = button("Import progress", "import");
  const linkButton = button("Copy a link with these ticks", "link"), resetButton = button("Reset", "reset");
  const printButton = button("Print", "print");
  const fileInput = el("input", { type: "file", accept: "application/json,.json", hidden: "", "data-cp-import-file": "" });
  const confirmBox = el("div", { class: "cp-checklist__confirm", role: "group", "aria-label": "Confirm reset", hidden: "" });
  confirmBox.append(el("p", {}, "Untick every item of this checklist? This cannot be undone."));
  const confirmYes = button("Untick all", "reset-confirm", confirmBox);
  confirmBox.append(" ");
  const confirmNo = button("Cancel", "reset-cancel", confirmBox);
  const linkBox = el("p", { class: "cp-checklist__link", hidden: "" });
  const linkField = el("input", { type: "text", readonly: "", "data-cp-state-link": "" });
  linkBox.appendChild(el("label", {}, "Link to this checklist with your ticks: ")).append(linkField);
  const tools = el("div", { class: "cp-checklist__tools" });
  tools.append(progress, notices, buttons, fileInput, confirmBox, linkBox);
  root.prepend(tools);

  function notice(text, kind = "info") {
    const p = notices.appendChild(el("p", { class: "cp-notice cp-notice--" + kind, "data-cp-notice": kind }));
    if (kind === "error") p.setAttribute("role", "alert");
    p.append(el("strong", {}, kind === "error" ? "Problem: " : "Note: "), text);
    return p;
  }
  const clearNotices = (kind) => notices.querySelectorAll("[data-cp-notice" + (kind ? "=" + kind : "") + "]").forEach((n) => n.remove());

  function addItem(entry, group) {
    const row = root.querySelector("[data-cp-item='" + entry.id + "']");
    if (!row || Object.prototype.hasOwnProperty.call(hashes, entry.id)) return null;
    const id = entry.id, inputId = "cp-" + slug + "-" + id;
    const box = el("input", { type: "checkbox", id: inputId, class: "cp-checklist__box" });
    const label = el("label", { for: inputId, class: "cp-checklist__label" });
    label.append(row.querySelector(".cp-checklist__text"));
    row.prepend(box, label);
    const flag = row.appendChild(el("span", { class: "cp-checklist__changed", "data-cp-changed": "", hidden: "" }));
    const item = { id, row, box, flag };
    hashes[id] = entry.hash;
    items.push(item);
    box.addEventListener("change", () => {
      state = box.checked ? ticks.tick(state, id, entry.hash, today(), group && group.id) : ticks.untick(state, id);
      persist();
      render();
    });
    return item;
  }
  // A "one of" group: its options are ticked one by one, and it counts as done when any is.
  function addGroup(entry) {
    const node = root.querySelector("[data-cp-choice='" + entry.id + "']"), legend = node && node.querySelector("legend");
    if (!legend) return null;
    const group = { id: entry.id, node, options: [], status: el("span", { class: "cp-checklist__choice-state", "data-cp-choice-state": "" }),
      flag: el("p", { class: "cp-checklist__changed", "data-cp-changed": "choice", hidden: "" }) };
    legend.append(group.status);
    legend.after(group.flag);
    groups.add(entry.id);
    for (const option of entry.options) {
      const item = addItem(option, group);
      if (item) group.options.push(item);
    }
    return group.options.length ? group : null;
  }
  for (const entry of entriesOf(root, data)) {
    const unit = entry.options && entry.options.length ? addGroup(entry) : addItem(entry, null);
    if (unit) counted.push(unit);
  }

  const ticked = (id) => ticks.isTicked(state, id);
  const since = (entry) => "Changed since you ticked it" + (entry.at ? " on " + longDate(entry.at) : "");
  function render() {
    let done = 0, changed = 0;
    for (const item of items) {
      const entry = state[item.id], stale = !!(entry && entry.stale);
      item.box.checked = ticked(item.id);
      item.row.classList.toggle("cp-done", ticked(item.id));
      item.row.classList.toggle("cp-changed", stale);
      item.flag.hidden = !stale;
      item.flag.textContent = stale ? " " + since(entry) + ": read it again and tick it." : "";
      if (stale) changed++;
    }
    for (const unit of counted) {
      if (!unit.options) {
        if (ticked(unit.id)) done++;
        continue;
      }
      const isDone = unit.options.some((option) => ticked(option.id)), old = state[unit.id];
      unit.node.classList.toggle("cp-choice-done", isDone);
      unit.status.textContent = isDone ? " (done)" : " (not done yet)";
      unit.flag.hidden = !old;
      unit.flag.textContent = old ? since(old) + ": this is now a choice, so tick the option you have." : "";
      unit.node.classList.toggle("cp-changed", !!old);
      if (old) changed++;
      if (isDone) done++;
    }
    progress.textContent = done + " of " + counted.length + " done" +
      (changed ? "; " + changed + " changed since you ticked " + (changed === 1 ? "it" : "them") : "") + ".";
  }

  function storageNotice() {
    if (root.hasAttribute("data-cp-memory")) return;
    root.setAttribute("data-cp-memory", "");
    notice(STORAGE_NOTE, "storage");
  }
  function persist() {
    if (!save(key, ticks.savedText(state, rulesVersion))) storageNotice();
  }
  function adopt(entries) {
    const r = ticks.adopt(entries, hashes, groups);
    state = r.state;
    return r.dropped;
  }

  const stored = load(key);
  if (!stored.ok) storageNotice();
  if (stored.value) {
    const entries = ticks.readSaved(stored.value);
    if (!entries) {
      save(key, null);
      notice("Your saved ticks for this checklist could not be read, so it starts fresh.", "corrupt");
    } else if (adopt(entries)) persist();
  }

  // A link can carry ticks: #ticked=id.hash,id.hash
  function fromLink() {
    const entries = ticks.linkEntries(location.hash, today());
    if (!entries) return;
    history.replaceState(history.state, "", location.pathname + location.search);
    const incoming = count(Object.keys(entries).length, "ticked item");
    const take = () => {
      adopt(entries);
      persist();
      render();
    };
    if (!Object.keys(state).length) {
      take();
      notice("Loaded " + incoming + " from the link.", "link");
      return;
    }
    const ask = notice("The link you opened carries " + incoming + ", and this browser already has ticks for this checklist. ", "link");
    const use = button("Use the link's ticks", "link-use", ask);
    ask.append(" ");
    const keep = button("Keep mine", "link-keep", ask);
    use.addEventListener("click", () => {
      take();
      ask.textContent = "Using the ticks from the link.";
    });
    keep.addEventListener("click", () => (ask.textContent = "Kept your own ticks."));
  }

  exportButton.addEventListener("click", () => {
    const body = ticks.exportText(name, title, rulesVersion, state, new Date().toISOString());
    const link = el("a", { href: URL.createObjectURL(new Blob([body], { type: "application/json" })), download: "coop-checklist-" + slug + "-" + today() + ".json" });
    document.body.append(link);
    link.click();
    link.remove();
  });
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", () => {
    const file = fileInput.files && fileInput.files[0];
    fileInput.value = "";
    if (!file) return;
    clearNotices("error");
    const reader = new FileReader();
    reader.onload = () => {
      const r = ticks.readExport(String(reader.result), name);
      if (r.error) return void notice(r.error, "error");
      const dropped = adopt(r.entries);
      persist();
      render();
      notice("Imported " + count(Object.keys(state).length, "item") + " from " + file.name + (dropped ? "; " + dropped + " no longer exist in the rules" : "") + ".", "import");
    };
    reader.onerror = () => notice("That file could not be read.", "error");
    reader.readAsText(file);
  });
  linkButton.addEventListener("click", () => {
    linkField.value = location.href.split("#")[0] + ticks.linkHash(state);
    linkBox.hidden = false;
    linkField.focus();
    linkField.select();
    try {
      if (navigator.clipboard) navigator.clipboard.writeText(linkField.value).catch(() => {});
    } catch (e) { /* not allowed here */ }
  });
  resetButton.addEventListener("click", () => {
    confirmBox.hidden = false;
    confirmYes.focus();
  });
  confirmNo.addEventListener("click", () => {
    confirmBox.hidden = true;
    resetButton.focus();
  });
  confirmYes.addEventListener("click", () => {
    state = {};
    persist();
    render();
    confirmBox.hidden = true;
    clearNotices();
    notice("All items are unticked.", "reset");
    resetButton.focus();
  });
  printButton.addEventListener("click", () => window.print());

  render();
  fromLink();
}
