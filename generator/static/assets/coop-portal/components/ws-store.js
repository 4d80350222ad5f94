// The workspace of this page: loaded from the browser's storage, changed only through
// store.change(reducer), saved after each change (merged with what another tab saved), and
// redrawn by every component subscribed. Where storage is blocked it lives in memory.

import { daysBetween, isCalculated, isoOf, periodOfUsage } from "../modules/dates.js";
import { KEY, emptyWorkspace, fileName, loadWorkspace, mergeWorkspaces, newGeneration, parseWorkspace, readBackups,
  saveWorkspace, serializeWorkspace, wrapStorage, BACKUP_KEY } from "../modules/storage.js";
import { reconcile } from "../modules/workspace.js";
import { download, focus as focusOn, monthSpan } from "./ws-ui.js";

const META_KEY = "coop-portal:v1:workspace-file";
/** Days of changes not saved to a file before the page reminds the user. */
export const REMIND_DAYS = 3;

function today() {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
/** The `at` every reducer takes: this instant and the viewer's calendar date. */
export const stamp = () => ({ now: new Date().toISOString(), today: today() });

const stores = new WeakMap();

/** The store of the workspace on this page (one per page, shared by its components), on the
 * site's browser data (boot.js passes it to every component). */
export function storeFor(doc, data) {
  const holder = doc.querySelector("[data-cp-workspace]");
  if (!holder) throw new Error("this page has no workspace");
  if (!data) throw new Error("the portal's rules data is missing");
  if (!stores.has(holder)) stores.set(holder, createStore(holder, data));
  return stores.get(holder);
}

// The site root, from this module's address (assets/coop-portal/components/): activity pages'
// paths in the data are relative to it, so links work under a sub-path and in a frame.
const SITE_ROOT = new URL("../../../", import.meta.url);

function createStore(holder, data) {
  const adapter = wrapStorage(() => window.localStorage), rulesVersion = data.rulesVersion;
  const links = Object.fromEntries(Object.entries(data.activities).map(([id, a]) => [id, new URL(a.path || "./", SITE_ROOT).href]));
  const listeners = new Set();
  const loaded = loadWorkspace(adapter, stamp().now);
  let meta = {};
  try {
    meta = JSON.parse(adapter.get(META_KEY) || "{}") || {};
  } catch (e) { /* start again: the reminder shows sooner, nothing is lost */ }

  const store = {
    data, adapter, rulesVersion, links, naming: data.naming.text,
    state: reconcile(loaded.state, data), loadStatus: loaded.status, loadErrors: loaded.errors,
    ui: {}, // view state the components share: the open claim, the last deletion
    saved: !adapter.blocked,
    subscribe(fn) {
      listeners.add(fn);
      fn(store);
    },
    notify: () => listeners.forEach((fn) => fn(store)),
    /** Applies reducer(state, at) and saves; a reducer's error (a wrong field) is thrown. */
    change(reducer) {
      const at = later(), next = reducer(store.state, at);
      if (next === store.state) return;
      if (!meta.since || meta.savedUpdated === store.state.updated) meta.since = at.today;
      persist({ ...next, rules_version: rulesVersion });
    },
    /** Puts a whole new workspace in place (opened from `file`, or cleared): a new generation. */
    replace(state, file) {
      const at = later();
      meta = file ? { file: meta.file, opened: file, savedUpdated: at.now } : { ...meta, since: at.today };
      persist({ ...state, rules_version: rulesVersion, updated: at.now, generation: newGeneration(at.now) });
    },
    /** Offers the workspace as a file and remembers that it was saved. */
    saveToFile() {
      download(fileName(today()), serializeWorkspace(store.state), "application/json");
      meta = { file: stamp().now, savedUpdated: store.state.updated };
      adapter.set(META_KEY, JSON.stringify(meta));
      store.notify();
    },
    /** {unsaved, lastFile, since, remind}: whether changes await saving to a file, since when. */
    fileState() {
      const s = store.state, empty = !s.claims.length && !s.funds.length;
      const unsaved = !empty && meta.savedUpdated !== s.updated, since = meta.since || today();
      return { unsaved, lastFile: meta.file || null, since, remind: unsaved && daysBetween(since, today()) >= REMIND_DAYS };
    },
    /** Opens a claim (loading the open claim's code first) and moves focus to it. */
    async open(id, focus = true) {
      if (id && !store.ui.claimView) store.ui.claimView = await import("./ws-claim.js");
      store.ui.open = id;
      // The address names the open claim, so a bookmark or a reload comes back to it.
      const url = new URL(location.href);
      if (id) url.searchParams.set("claim", id);
      else url.searchParams.delete("claim");
      history.replaceState(history.state, "", url);
      store.notify();
      if (focus) focusOn("cp-ws-claim-heading");
    },
    /** " (calculated ...)" after a period's date that comes from the calendar rule, else "". */
    calculated: (period, field) => (period && isCalculated(period, field) ? " (" + data.calculatedText + ")" : ""),
    /** The activities as [id, activity], by name, for the pickers. */
    activities: Object.entries(data.activities).sort((x, y) => x[1].name.localeCompare(y[1].name)),
    /** FY27H1 (July to December 2026): a usage half with its months. */
    label(usage) {
      const p = periodOfUsage(usage, data);
      return p ? usage + " (" + monthSpan(p.usageStart, p.usageEnd) + ")" : usage;
    },
    backups: () => readBackups(adapter),
    dropBackups() {
      adapter.remove(BACKUP_KEY);
      store.notify();
    },
    empty: () => emptyWorkspace(stamp().now),
  };

  // Each change is later than the last one, even when the clock stands still or goes back.
  function later() {
    const at = stamp(), last = store.state.updated || "";
    if (at.now <= last) at.now = new Date(Date.parse(last) + 1).toISOString();
    return at;
  }

  let known = null; // the text this tab saved last
  function persist(next) {
    const mine = reconcile(next, data), result = saveWorkspace(adapter, mine, known);
    known = result.text;
    store.state = result.state === mine ? mine : reconcile(result.state, data); // another tab's claims came in
    store.saved = result.saved;
    adapter.set(META_KEY, JSON.stringify(meta));
    store.notify();
  }

  // Another tab saved: take its changes in (merged claim by claim, so neither side loses any).
  const onStorage = (e) => {
    if (!holder.isConnected) return window.removeEventListener("storage", onStorage);
    if (e.key === META_KEY && e.newValue) {
      try {
        meta = JSON.parse(e.newValue) || meta;
      } catch (err) { /* keep ours */ }
      return store.notify();
    }
    if (e.key !== KEY || !e.newValue) return;
    const read = parseWorkspace(e.newValue);
    if (!read.ok) return;
    store.state = reconcile(mergeWorkspaces(store.state, read.state), data);
    store.notify();
  };
  window.addEventListener("storage", onStorage);
  const asked = new URL(location.href).searchParams.get("claim");
  if (asked && store.state.claims.some((c) => c.id === asked)) store.open(asked, false);
  // Flags from a rules update, and what could be read of damaged data, are saved at once.
  if (store.state !== loaded.state || loaded.status === "recovered") persist(store.state);
  // With nowhere to keep it, leaving the page would lose unsaved work: ask first.
  window.addEventListener("beforeunload", (e) => {
    if (holder.isConnected && !store.saved && store.fileState().unsaved) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  return store;
}
