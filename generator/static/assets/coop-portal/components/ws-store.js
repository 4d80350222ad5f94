// The store of My co-op on this page: one state (modules/ws-state.js) changed only by
// store.dispatch(action) through the pure reducer; then the workspace and the record of saving
// to a file are kept in the browser (merged with what another tab saved), every component
// subscribed draws the new state, and the element the state names gets the focus. Where
// storage is blocked the work lives in memory. The rules' data is read in one place: `dataOf`.

import { isCalculated, isoOf, periodOfUsage } from "../modules/dates.js";
import {
  KEY,
  fileName,
  keepBackup,
  loadWorkspace,
  newGeneration,
  parseWorkspace,
  readBackups,
  saveWorkspace,
  serializeWorkspace,
  wrapStorage,
  BACKUP_KEY,
} from "../modules/storage.js";
import { keyFor } from "../modules/store-kv.js";
import { reconcile } from "../modules/workspace.js";
import { nextStamp, readFileRecord } from "../modules/workspace-file.js";
import { reportFailure } from "./failures.js";
import { carryMoves } from "../modules/ws-moves.js";
import { fileState, initialState, reduce } from "../modules/ws-state.js";
import { download, monthSpan } from "./ws-ui.js";

const META_KEY = keyFor("workspace-file", 1); // coop-portal:v1:workspace-file

function today() {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate());
}
/** The `at` every reducer takes: this instant and the viewer's calendar date. */
export const stamp = () => ({ now: new Date().toISOString(), today: today() });

const stores = new WeakMap();
// Actions that bring in what is saved already (by another tab, or by this save): not saved again.
const SAVED = new Set(["otherTabSaved", "otherTabFile", "stored"]);

// The site root, from this module's address (assets/coop-portal/components/): activity pages'
// paths in the site's data are relative to it, so links work under a sub-path and in a frame.
const SITE_ROOT = new URL("../../../", import.meta.url);

// What My co-op is given, read in this one place: the site's browser data that boot.js passes
// to start(root, data).
function dataOf(data) {
  if (!data || !data.activities) throw new Error("the portal's rules data is missing");
  const links = Object.fromEntries(Object.entries(data.activities).map(([id, a]) => [id, new URL(a.path || "./", SITE_ROOT).href]));
  return { data, rulesVersion: data.rulesVersion, links, naming: data.naming.text };
}

/** The store of the workspace on this page (one per page, shared by its components), on the
 * site's browser data (boot.js passes it to every component). */
export function storeFor(doc, given) {
  const holder = doc.querySelector("[data-cp-workspace]");
  if (!holder) throw new Error("this page has no workspace");
  if (!stores.has(holder)) stores.set(holder, createStore(holder, dataOf(given)));
  return stores.get(holder);
}

function createStore(holder, { data, rulesVersion, links, naming }) {
  const doc = holder.ownerDocument,
    adapter = wrapStorage(() => window.localStorage);
  const listeners = new Set();
  const loaded = loadWorkspace(adapter, stamp().now);
  // A damaged record only makes the reminder come sooner: nothing is lost.
  const file = readFileRecord(adapter.get(META_KEY));
  const asked = new URL(location.href).searchParams.get("claim");
  const moved = carryMoves(loaded.state, data.moved); // claims of a renamed activity follow it
  if (moved !== loaded.state && keepBackup(adapter, adapter.get(KEY), ["before renamed activities were carried over"], stamp().now))
    adapter.set(KEY, serializeWorkspace(moved));
  const workspace = reconcile(moved, data);
  let state = initialState(workspace, {
    file,
    open: asked && workspace.claims.some((c) => c.id === asked) ? asked : null,
    storage: { saved: !adapter.blocked, status: loaded.status, errors: loaded.errors, backups: readBackups(adapter) },
  });

  // Each change is later than the last one, even when the clock stands still or goes back.
  function later() {
    const at = stamp();
    return { ...at, now: nextStamp(at.now, state.workspace.updated) };
  }
  const ctx = () => {
    const at = later();
    return { at, data, rulesVersion, generation: newGeneration(at.now) };
  };

  let known = null; // the text this tab saved last
  function persist(before) {
    if (state.workspace !== before.workspace) {
      const result = saveWorkspace(adapter, state.workspace, known);
      known = result.text;
      state = reduce(state, { type: "stored", workspace: result.state, saved: result.saved, backups: readBackups(adapter) }, ctx());
    }
    if (state.file !== before.file) adapter.set(META_KEY, JSON.stringify(state.file));
  }

  function notify(action) {
    listeners.forEach((fn) => {
      // A part that cannot draw says so once and never stops the others (Clear, Open, Save).
      try {
        fn(state, action);
      } catch (e) {
        reportFailure(holder, e, "A part of My co-op could not be shown");
      }
    });
    const id = state.view.focus,
      el = id && doc.getElementById(id);
    if (el) {
      state = reduce(state, { type: "focused" }, ctx());
      el.focus();
    }
  }

  const store = {
    data,
    links,
    naming,
    adapter,
    get state() {
      return state;
    },
    /** Calls fn(state, action) now and after every action. */
    subscribe(fn) {
      listeners.add(fn);
      fn(state, { type: "subscribed" });
    },
    /** Changes the state by a named action (modules/ws-state.js), keeps it and draws it. */
    dispatch(action) {
      const before = state;
      state = reduce(state, action, ctx());
      if (state === before) return;
      if (!SAVED.has(action.type)) persist(before);
      if (state.view.open !== before.view.open) address(state.view.open);
      notify(action);
    },
    /** Draws the state again (code a part needs has loaded). */
    refresh: () => notify({ type: "loaded" }),
    /** Offers the workspace as a file and records that it was saved. */
    saveToFile() {
      download(fileName(today()), serializeWorkspace(state.workspace), "application/json");
      store.dispatch({ type: "savedToFile" });
    },
    fileState: () => fileState(state, today()),
    /** " (calculated ...)" after a period's date that comes from the calendar rule, else "". */
    calculated: (period, field) => (period && isCalculated(period, field) ? " (" + data.calculatedText + ")" : ""),
    /** The activities as [id, activity], by name, for the pickers. */
    activities: Object.entries(data.activities).sort((x, y) => x[1].name.localeCompare(y[1].name)),
    /** FY27H1 (July to December 2026): a usage half with its months. */
    label(usage) {
      const p = periodOfUsage(usage, data);
      return p ? usage + " (" + monthSpan(p.usageStart, p.usageEnd) + ")" : usage;
    },
    dropBackups() {
      adapter.remove(BACKUP_KEY);
      store.dispatch({ type: "backupsDropped" });
    },
  };

  // The address names the open claim, so a bookmark or a reload comes back to it.
  function address(id) {
    const url = new URL(location.href);
    if (id) url.searchParams.set("claim", id);
    else url.searchParams.delete("claim");
    history.replaceState(history.state, "", url);
  }

  // Another tab saved: take its changes in.
  const onStorage = (e) => {
    if (!holder.isConnected) return window.removeEventListener("storage", onStorage);
    if (e.key === META_KEY && e.newValue) return store.dispatch({ type: "otherTabFile", file: readFileRecord(e.newValue) });
    if (e.key !== KEY || !e.newValue) return;
    const read = parseWorkspace(e.newValue);
    if (read.ok) store.dispatch({ type: "otherTabSaved", workspace: read.state });
  };
  window.addEventListener("storage", onStorage);
  // Flags from a rules update, and what could be read of damaged data, are saved at once.
  if (workspace !== loaded.state || loaded.status === "recovered") persist({ ...state, workspace: null });
  // With nowhere to keep it, leaving the page would lose unsaved work: ask first.
  window.addEventListener("beforeunload", (e) => {
    if (holder.isConnected && !state.storage.saved && store.fileState().unsaved) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  return store;
}
