// A proof-of-execution checklist: tick boxes saved in this browser, with progress, export,
// import, a link carrying the ticks, reset and print. Changed wording flags a tick to be
// read again. Root: [data-cp-checklist], whose rows the page already lists.
// One state (modules/checklist-state.js) changed by named actions; the view is drawn from it.

import * as ticks from "../modules/checklist-state.js";
import { localDate } from "../modules/dates.js";
import { browserKV, backupKeyFor, keyFor, slot } from "../modules/store-kv.js";
import { longDate } from "../modules/words.js";
import { RECORDS, openDB, readAllOf, transact } from "../modules/idb.js";
import { planSearch, ticksInClaims } from "../modules/ws-plan.js";
import { el, viewerZone } from "./ui.js";

// The site root, from this module's address (assets/coop-portal/components/), as ws-store.js has it.
const SITE_ROOT = new URL("../../../", import.meta.url);

const today = () => localDate(Date.now(), viewerZone());

// The entries in order (plain items, and "one of" groups with their options): from the site's
// data for this checklist's key; a checklist the data does not have (an older override) has
// plain rows.
function checklistOf(root, data) {
  const key = root.getAttribute("data-cp-checklist");
  return [data.claimChecklist, ...Object.values(data.activities || {}).map((a) => a.checklist)].find((c) => c && c.key === key);
}
function entriesOf(root, data) {
  const found = checklistOf(root, data);
  if (found && Array.isArray(found.sections)) return found.sections.flatMap((s) => s.entries || []);
  return [...root.querySelectorAll("[data-cp-item]")].map((row) => ({
    id: row.getAttribute("data-cp-item"),
    hash: row.getAttribute("data-cp-hash"),
  }));
}

/**
 * Where a checklist's ticks are saved (coop-portal:v2:checklist:<name>; before: coop-portal:v1:checklist:<name>).
 * `movedFrom`: the names it was saved under before its activity moved; their ticks are carried
 * over once (the old text kept in the backups).
 */
export const savedSlot = (name, rulesVersion, movedFrom = []) =>
  slot(browserKV(), {
    key: keyFor("checklist", ticks.SAVED_VERSION, name),
    backupKey: backupKeyFor("checklist"),
    read: ticks.readSaved,
    write: (entries) => ticks.savedText(entries, rulesVersion),
    legacy: [name, ...movedFrom].flatMap((n, i) => [
      ...(i ? [{ key: keyFor("checklist", ticks.SAVED_VERSION, n), read: ticks.readSaved }] : []),
      { key: keyFor("checklist", 1, n), read: ticks.readSaved },
    ]),
  });

/** My co-op's claims as its IndexedDB keeps them (one record "c:<id>" per claim), read only;
 * none where there is no database or it cannot be read. */
async function readClaims() {
  try {
    const db = await openDB(globalThis.indexedDB);
    try {
      const records = await transact(db, [RECORDS], "readonly", (tx) => readAllOf(tx.objectStore(RECORDS)));
      return [...records].filter(([k, v]) => String(k).startsWith("c:") && v && Array.isArray(v.ticked)).map(([, v]) => v);
    } finally {
      db.close();
    }
  } catch (e) {
    return [];
  }
}

/** Starts the checklist. */
export function start(root, data) {
  // The site's data (boot.js passes it), read here only.
  const entries = entriesOf(root, data),
    name = root.getAttribute("data-cp-checklist"),
    title = root.getAttribute("data-cp-title");
  const rulesVersion = data.rulesVersion,
    slug = name.replace(/[^a-z0-9-]/g, "-");
  const saved = savedSlot(name, rulesVersion, ticks.movedNames(name, data.moved));

  // The view's fixed parts: the tools above the list, and a box and flag on each row.
  const progress = el("p", { class: "cp-checklist__progress", role: "status", "aria-live": "polite" });
  const notices = el("div", { class: "cp-checklist__notices", "aria-live": "polite" });
  const buttons = el("p", { class: "cp-checklist__buttons" });
  const button = (label, action, parent = buttons) =>
    parent.appendChild(
      el(
        "button",
        { type: "button", class: "md-button" + (action === "reset-confirm" ? " md-button--primary" : ""), "data-cp-action": action },
        label,
      ),
    );
  const exportButton = button("Export progress", "export"),
    importButton = button("Import progress", "import");
  const linkButton = button("Copy a link with these ticks", "link"),
    resetButton = button("Reset", "reset");
  const printButton = button("Print", "print");
  // An activity's checklist can start a claim in My co-op with its ticks (modules/ws-plan.js).
  const activity = name.startsWith("activity:") ? name.slice("activity:".length) : null,
    known = activity && data.activities && Object.prototype.hasOwnProperty.call(data.activities, activity);
  const planLink = known
    ? buttons.appendChild(el("a", { class: "md-button", "data-cp-plan": "" }, "Plan a claim for this activity"))
    : null;
  const inClaims = known ? el("p", { class: "cp-checklist__claims", "data-cp-in-claims": "", "aria-live": "polite" }) : null;
  let claims = []; // My co-op's claims, read once from where it keeps them
  const planBase = known
    ? new URL((data.activities[activity].path || "").endsWith(".html") ? "workspace.html" : "workspace/", SITE_ROOT).href
    : "";
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
  tools.append(progress, notices, buttons, ...(inClaims ? [inClaims] : []), fileInput, confirmBox, linkBox);
  root.prepend(tools);

  const items = [],
    groups = [],
    hashes = {},
    units = [];
  function addItem(entry, group) {
    const row = root.querySelector("[data-cp-item='" + entry.id + "']");
    if (!row || Object.prototype.hasOwnProperty.call(hashes, entry.id)) return null;
    const id = entry.id,
      inputId = "cp-" + slug + "-" + id;
    const box = el("input", { type: "checkbox", id: inputId, class: "cp-checklist__box" });
    const label = el("label", { for: inputId, class: "cp-checklist__label" });
    label.append(row.querySelector(".cp-checklist__text"));
    row.prepend(box, label);
    const flag = row.appendChild(el("span", { class: "cp-checklist__changed", "data-cp-changed": "", hidden: "" }));
    hashes[id] = entry.hash;
    items.push({ id, row, box, flag });
    box.addEventListener("change", (e) =>
      dispatch(e.target.checked ? { type: "tick", id, hash: entry.hash, at: today(), group: group && group.id } : { type: "untick", id }),
    );
    return id;
  }
  // A "one of" group: its options are ticked one by one, and it counts as done when any is.
  function addGroup(entry) {
    const node = root.querySelector("[data-cp-choice='" + entry.id + "']"),
      legend = node && node.querySelector("legend");
    if (!legend) return null;
    const group = {
      id: entry.id,
      node,
      options: [],
      status: el("span", { class: "cp-checklist__choice-state", "data-cp-choice-state": "" }),
      flag: el("p", { class: "cp-checklist__changed", "data-cp-changed": "choice", hidden: "" }),
    };
    legend.append(group.status);
    legend.after(group.flag);
    for (const option of entry.options) {
      const id = addItem(option, group);
      if (id) group.options.push(id);
    }
    if (!group.options.length) return null;
    groups.push(group);
    return { id: group.id, options: group.options };
  }
  for (const entry of entries) {
    const unit = entry.options && entry.options.length ? addGroup(entry) : addItem(entry, null);
    if (unit) units.push(unit);
  }

  const moved = (checklistOf(root, data) || {}).moved || {};
  let state = ticks.initial({ hashes, groups: groups.map((g) => g.id), units, moved });
  let shownNotices = null;

  const since = (entry) => "Changed since you ticked it" + (entry.at ? " on " + longDate(entry.at) : "");
  function drawNotices() {
    notices.textContent = "";
    for (const n of state.notices) {
      const p = notices.appendChild(el("p", { class: "cp-notice cp-notice--" + n.kind, "data-cp-notice": n.kind }));
      if (n.kind === "error") p.setAttribute("role", "alert");
      p.append(el("strong", {}, n.kind === "error" ? "Problem: " : "Note: "), n.text);
      if (!n.ask) continue;
      button("Use the link's ticks", "link-use", p).addEventListener("click", () => dispatch({ type: "linkUse" }));
      p.append(" ");
      button("Keep mine", "link-keep", p).addEventListener("click", () => dispatch({ type: "linkKeep" }));
    }
    shownNotices = state.notices;
  }
  function render() {
    const t = state.ticks;
    for (const item of items) {
      const entry = t[item.id],
        stale = !!(entry && entry.stale),
        on = ticks.isTicked(t, item.id);
      item.box.checked = on;
      item.row.classList.toggle("cp-done", on);
      item.row.classList.toggle("cp-changed", stale);
      item.flag.hidden = !stale;
      item.flag.textContent = stale ? " " + since(entry) + ": read it again and tick it." : "";
    }
    for (const group of groups) {
      const isDone = group.options.some((id) => ticks.isTicked(t, id)),
        old = t[group.id];
      group.node.classList.toggle("cp-choice-done", isDone);
      group.status.textContent = isDone ? " (done)" : " (not done yet)";
      group.flag.hidden = !old;
      group.flag.textContent = old ? since(old) + ": this is now a choice, so tick the option you have." : "";
      group.node.classList.toggle("cp-changed", !!old);
    }
    progress.textContent = ticks.progress(state).text;
    if (planLink) planLink.href = planBase + planSearch(activity, state.ticks);
    if (planLink) drawInClaims();
    if (state.notices !== shownNotices) drawNotices();
    if (state.memory) root.setAttribute("data-cp-memory", "");
    confirmBox.hidden = !state.confirming;
    linkBox.hidden = state.link === null;
    linkField.value = state.link || "";
  }

  // Which of the page's ticks are in which claim of My co-op (modules/ws-plan.js ticksInClaims).
  function drawInClaims() {
    const box = inClaims,
      r = ticksInClaims(activity, state.ticks, claims);
    box.textContent = r.text ? r.text + " " : "";
    for (const c of r.claims) {
      box.append(
        el("a", { href: planBase + "?claim=" + encodeURIComponent(c.id), "data-cp-claim-link": c.id }, "Open " + c.name + " in My co-op"),
        " ",
      );
    }
  }

  // Every change goes through here: the new state is saved when its ticks changed, then drawn.
  function dispatch(action) {
    const before = state;
    state = ticks.reduce(state, action);
    if (state.ticks !== before.ticks && action.type !== "synced" && !saved.save(state.ticks))
      state = ticks.reduce(state, { type: "blocked" });
    render();
  }

  if (planLink)
    readClaims().then((list) => {
      claims = list;
      render();
    });

  const { status, value: found } = saved.load(new Date().toISOString());
  if (browserKV().blocked) dispatch({ type: "blocked" });
  if (status === "corrupt") dispatch({ type: "corrupt" });
  if (found) dispatch({ type: "loaded", entries: found });
  render();
  saved.watch(root, (value) => dispatch({ type: "synced", entries: value }));

  // A link can carry ticks: #ticked=id.hash,id.hash
  const linked = ticks.linkEntries(location.hash, today());
  if (linked) {
    history.replaceState(history.state, "", location.pathname + location.search);
    dispatch({ type: "linkOpened", entries: linked });
  }

  exportButton.addEventListener("click", () => {
    const body = ticks.exportText(name, title, rulesVersion, state.ticks, new Date().toISOString());
    const link = el("a", {
      href: URL.createObjectURL(new Blob([body], { type: "application/json" })),
      download: "coop-checklist-" + slug + "-" + today() + ".json",
    });
    document.body.append(link);
    link.click();
    link.remove();
  });
  importButton.addEventListener("click", () => fileInput.click());
  fileInput.addEventListener("change", (e) => {
    const file = e.target.files && e.target.files[0];
    fileInput.value = "";
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const r = ticks.readExport(String(reader.result), name);
      dispatch(r.error ? { type: "importFailed", error: r.error } : { type: "imported", entries: r.entries, file: file.name });
    };
    reader.onerror = () => dispatch({ type: "importFailed", error: "That file could not be read." });
    reader.readAsText(file);
  });
  linkButton.addEventListener("click", () => {
    dispatch({ type: "shareLink", url: location.href.split("#")[0] + ticks.linkHash(state.ticks) });
    linkField.focus();
    linkField.select();
    try {
      if (navigator.clipboard) navigator.clipboard.writeText(state.link).catch(() => {});
    } catch (e) {
      /* not allowed here */
    }
  });
  resetButton.addEventListener("click", () => {
    dispatch({ type: "resetAsk" });
    confirmYes.focus();
  });
  confirmNo.addEventListener("click", () => {
    dispatch({ type: "resetCancel" });
    resetButton.focus();
  });
  confirmYes.addEventListener("click", () => {
    dispatch({ type: "resetConfirm" });
    resetButton.focus();
  });
  printButton.addEventListener("click", () => window.print());
}
