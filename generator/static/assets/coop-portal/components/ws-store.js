// The store of My co-op on this page: one state (modules/ws-state.js) changed only by
// store.dispatch(action) through the pure reducer; then the workspace and the record of saving
// to a file are kept in the browser (merged with what another tab saved), every component
// subscribed draws the new state, and the element the state names gets the focus. Where
// storage is blocked the work lives in memory. The rules' data is read in one place: `dataOf`.

import { AUTOSAVE_DELAY, followOtherTab, offered, problemOf } from "../modules/autosave.js";
import { isCalculated, isoOf, periodOfUsage } from "../modules/dates.js";
import { causeOf } from "../modules/idb.js";
import {
  KEY,
  emptyWorkspace,
  fileName,
  keepBackup,
  loadWorkspace,
  newGeneration,
  parseWorkspace,
  readBackups,
  saveWorkspace,
  serializeWorkspace,
  BACKUP_KEY,
} from "../modules/storage.js";
import { browserKV, keyFor } from "../modules/store-kv.js";
import { BACKUPS, FILE, HANDLE, openWorkspaceDB } from "../modules/ws-db.js";
import { applyRecords, changedKeys, mergeKeys, readOnlyRecords, recordsOf, same } from "../modules/ws-merge.js";
import { isReserved, nextStamp, readFileRecord } from "../modules/workspace-file.js";
import { reportFailure } from "./failures.js";
import { carryMoves, itemMoves } from "../modules/ws-moves.js";
import { planFrom } from "../modules/ws-plan.js";
import { fileState, initialState, reduce } from "../modules/ws-state.js";
import { download, monthSpan } from "./ws-ui.js";

const PENDING_KEY = keyFor("workspace-pending", 1); // coop-portal:v1:workspace-pending: changes a closed page had not yet written
const META_KEY = keyFor("workspace-file", 1); // coop-portal:v1:workspace-file (before IndexedDB, and where it is missing)
const DRAFTS_KEY = keyFor("workspace-drafts", 1); // what was typed and not yet entered, kept as it is typed
/** How long typing rests before its draft is kept. */
export const DRAFT_DELAY = 300;

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
    adapter = browserKV(); // localStorage: where older versions kept the workspace, and drafts
  const listeners = new Set();
  // A JSON value kept in localStorage, or null where there is none or it cannot be read.
  const storedJSON = (key) => {
    try {
      return JSON.parse(adapter.get(key) || "null");
    } catch (e) {
      return null;
    }
  };
  // The page starts empty and draws what is saved once IndexedDB has read it (a moment).
  let state = initialState(emptyWorkspace(stamp().now), {
    storage: { saved: true, status: "loading", errors: [], backups: [], medium: "loading", problem: null, persisted: null },
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

  let medium = "loading", // "idb", "local" (localStorage, where IndexedDB is missing) or "memory"
    db = null,
    base = recordsOf(state.workspace), // the records as last read from or written to IndexedDB
    queue = Promise.resolve(), // IndexedDB work of this tab, one at a time
    saving = false,
    again = false,
    known = null; // in localStorage: the text this tab saved last
  const storageSet = (patch) => store.dispatch({ type: "storageChanged", storage: patch });
  const run = (job) => (queue = queue.then(job).catch(fail));

  function fail(e) {
    storageSet({ saved: false, problem: causeOf(e), detail: String((e && e.message) || e) });
  }

  // ---------------------------------------------------------------- IndexedDB
  function scheduleSave() {
    if (medium !== "idb") return;
    if (saving) return void (again = true);
    saving = true;
    holder.setAttribute("data-cp-ws-saving", ""); // while this tab's changes are on their way to storage
    run(saveNow);
  }
  async function saveNow() {
    try {
      do {
        again = false;
        const snapshot = readOnlyRecords(state.workspace),
          keys = changedKeys(base, snapshot);
        if (!keys.size) break;
        const out = await db.save(base, snapshot, keys);
        if (out.replaced) {
          takeWhole(out.records);
          continue;
        }
        if (out.whole) base = new Map(out.written);
        else for (const [k, v] of out.written) v === undefined ? base.delete(k) : base.set(k, v);
        // What was saved, with whatever this tab changed meanwhile on top.
        const patch = mergeKeys(new Set(out.written.keys()), snapshot, readOnlyRecords(state.workspace), out.written);
        const workspace = applyRecords(state.workspace, patch);
        if (workspace !== state.workspace || !state.storage.saved || state.storage.problem)
          store.dispatch({ type: "stored", workspace, saved: true });
        align(out.written.keys());
        if (adapter.get(PENDING_KEY) !== null) keepPending(); // what the page left pending is saved now
        if (state.storage.problem) storageSet({ problem: null, detail: "" });
        askToKeep();
      } while (again || changedKeys(base, readOnlyRecords(state.workspace)).size);
    } finally {
      saving = false;
      holder.removeAttribute("data-cp-ws-saving");
    }
  }
  // The base takes the state's own objects where they hold what storage holds (storage gives
  // copies), so that only real changes differ from it.
  function align(keys) {
    const mine = readOnlyRecords(state.workspace);
    for (const k of keys) {
      const b = base.get(k),
        c = mine.get(k);
      if (b !== undefined && c !== undefined && b !== c && same(b, c)) base.set(k, c);
    }
  }
  // Another tab put a whole workspace in place (a file opened, or cleared): it replaces this one.
  function takeWhole(records) {
    const c = db.check(records, stamp().now);
    base = c.status === "recovered" ? records : recordsOf(c.state);
    store.dispatch({ type: "stored", workspace: c.state });
  }
  // Another tab saved these records: merged with this tab's own changes not yet saved.
  function takeIn({ keys, whole, file, handle: chosen }) {
    if (file) return void store.dispatch({ type: "otherTabFile", file });
    if (chosen) return takeHandle();
    run(async () => {
      const theirs = await db.read(new Set(keys), whole);
      const gen = (m) => (m && m.generation) || "";
      if (whole && gen(theirs.get("meta")) !== gen(base.get("meta"))) return takeWhole(theirs);
      const mine = readOnlyRecords(state.workspace),
        patch = mergeKeys(new Set(whole ? theirs.keys() : keys), base, mine, theirs);
      for (const [k, v] of theirs) v === undefined ? base.delete(k) : base.set(k, v);
      const workspace = applyRecords(state.workspace, patch);
      if (workspace !== state.workspace) store.dispatch({ type: "stored", workspace });
      align(theirs.keys());
      if (changedKeys(base, readOnlyRecords(state.workspace)).size) scheduleSave();
    });
  }

  // Asks the browser once to keep the site's storage for good, and says what it answered.
  let askedToKeep = false;
  function askToKeep() {
    const s = navigator.storage;
    if (askedToKeep || !s || typeof s.persist !== "function") return;
    askedToKeep = true;
    const empty = !state.workspace.claims.length && !state.workspace.funds.length;
    Promise.resolve(typeof s.persisted === "function" ? s.persisted() : false)
      .then((kept) => (kept || empty ? kept : s.persist()))
      .then(
        (kept) => storageSet({ persisted: !!kept }),
        () => storageSet({ persisted: false }),
      );
    if (empty) askedToKeep = false; // ask again once there is something to keep
  }

  // ---------------------------------------------------------------- saving to a file the partner chose
  // Where the browser offers it (modules/autosave.js offered), the partner picks a file once and
  // the workspace is written to it a moment after each change, once IndexedDB has saved it. The
  // file's handle is kept in IndexedDB, so a reload finds it (the browser then asks the partner
  // to allow writing again: "paused" until they do).
  const canAutosave = offered(window);
  let handle = null,
    fileTimer = null,
    fileQueue = Promise.resolve();
  const autosaveSet = (patch) => store.dispatch({ type: "autosaveChanged", autosave: patch });
  function keepHandle(h) {
    // A handle the browser cannot keep (or no IndexedDB) is used for this visit only. Once kept,
    // the other tabs are told, and take the file up (or stop) without a reload (takeHandle).
    if (db)
      run(() =>
        db
          .setKV(HANDLE, h === null ? undefined : h)
          .then(() => db.announce({ keys: [], handle: true }))
          .catch(() => {}),
      );
  }
  function writeSoon(delay = AUTOSAVE_DELAY) {
    if (!handle || state.autosave.status !== "on") return;
    clearTimeout(fileTimer);
    fileTimer = setTimeout(() => {
      fileTimer = null;
      const after = queue; // what IndexedDB has to do first
      fileQueue = fileQueue.then(() => after).then(writeFile, writeFile);
    }, delay);
  }
  async function writeFile() {
    const h = handle;
    if (!h || state.autosave.status !== "on") return;
    const ws = state.workspace,
      text = serializeWorkspace(ws);
    let writable = null;
    try {
      writable = await h.createWritable();
      await writable.write(text);
      await writable.close();
    } catch (e) {
      if (writable)
        await Promise.resolve()
          .then(() => writable.abort())
          .catch(() => {});
      if (handle === h) autosaveSet({ status: "failed", problem: problemOf(e) });
      return;
    }
    if (handle === h) store.dispatch({ type: "autoSaved", updated: ws.updated, name: h.name });
  }
  async function chooseFile() {
    let h;
    try {
      h = await window.showSaveFilePicker({
        suggestedName: handle ? handle.name : fileName(today()),
        types: [{ description: "My co-op workspace", accept: { "application/json": [".json"] } }],
      });
    } catch (e) {
      if (e && e.name === "AbortError") return; // the partner closed the picker
      return void autosaveSet({ status: "failed", problem: problemOf(e) });
    }
    handle = h;
    keepHandle(h);
    autosaveSet({ status: "on", name: h.name, at: null, problem: null });
    writeSoon(0);
  }
  async function resumeFile() {
    const h = handle;
    if (!h) return chooseFile();
    let answer;
    try {
      answer = typeof h.requestPermission === "function" ? await h.requestPermission({ mode: "readwrite" }) : "granted";
    } catch (e) {
      answer = "denied";
    }
    if (handle !== h) return;
    if (answer !== "granted") return void autosaveSet({ status: "failed", problem: "permission" });
    autosaveSet({ status: "on", problem: null });
    writeSoon(0);
  }
  function stopFile() {
    clearTimeout(fileTimer);
    handle = null;
    keepHandle(null);
    autosaveSet({ status: "off" });
  }
  // Another tab chose a file to save to, or stopped saving to one: this tab follows.
  function takeHandle() {
    if (!canAutosave) return;
    const mine = handle;
    run(async () => {
      const h = await db.getKV(HANDLE).catch(() => undefined);
      const same = !!(h && mine && typeof mine.isSameEntry === "function" && (await mine.isSameEntry(h).catch(() => false)));
      if (handle !== mine) return; // this tab chose meanwhile
      const step = followOtherTab(!!h, same, state.autosave.status);
      if (step === "stop") {
        clearTimeout(fileTimer);
        handle = null;
        autosaveSet({ status: "off" });
      } else if (step === "take") resumeKept(h);
    });
  }
  // A file chosen on an earlier visit: writing goes on at once where the browser still allows it.
  function resumeKept(h) {
    if (!canAutosave || !h || typeof h.createWritable !== "function") return;
    handle = h;
    Promise.resolve()
      .then(() => (typeof h.queryPermission === "function" ? h.queryPermission({ mode: "readwrite" }) : "prompt"))
      .catch(() => "prompt")
      .then((answer) => {
        if (handle !== h) return;
        autosaveSet({ status: answer === "granted" ? "on" : "paused", name: h.name, at: state.file.file || null, problem: null });
        if (fileState(state, today()).unsaved) writeSoon(0);
      });
  }

  // ---------------------------------------------------------------- localStorage, where IndexedDB is missing
  function saveLocal() {
    const result = saveWorkspace(adapter, state.workspace, known);
    known = result.text;
    state = reduce(state, { type: "stored", workspace: result.state, saved: result.saved, backups: readBackups(adapter) }, ctx());
    if (!result.saved)
      state = reduce(state, { type: "storageChanged", storage: { problem: adapter.blocked ? "refused" : "quota" } }, ctx());
  }

  function persist(before) {
    if (state.workspace !== before.workspace) {
      if (medium === "idb") queueMicrotask(scheduleSave);
      else if (medium === "local") saveLocal();
    }
    if (state.file !== before.file) {
      if (medium === "idb") {
        const file = state.file;
        run(() => db.setKV(FILE, file).then(() => db.announce({ keys: [], file })));
      } else adapter.set(META_KEY, JSON.stringify(state.file));
    }
    if (state.view.drafts !== before.view.drafts) keepDrafts();
  }

  // ---------------------------------------------------------------- drafts
  // What is typed is kept (in localStorage, which writes at once and so survives a closed tab)
  // a moment after typing rests, and at once when the page is hidden or left.
  let draftTimer = null,
    draftsKept = {};
  function keepDrafts() {
    clearTimeout(draftTimer);
    draftTimer = setTimeout(writeDrafts, DRAFT_DELAY);
  }
  function writeDrafts() {
    clearTimeout(draftTimer);
    draftTimer = null;
    const now = state.view.drafts;
    if (now === draftsKept) return;
    const stored = storedJSON(DRAFTS_KEY) || {};
    // Only what this tab changed since it last wrote: another tab's drafts stay.
    for (const form of new Set([...Object.keys(now), ...Object.keys(draftsKept)])) {
      const a = now[form] || {},
        b = draftsKept[form] || {};
      for (const f of new Set([...Object.keys(a), ...Object.keys(b)])) {
        if (a[f] === b[f]) continue;
        const entry = { ...(stored[form] || {}) };
        if (a[f] === undefined || a[f] === "") delete entry[f];
        else entry[f] = a[f];
        if (Object.keys(entry).length) stored[form] = entry;
        else delete stored[form];
      }
    }
    draftsKept = now;
    adapter.set(DRAFTS_KEY, Object.keys(stored).length ? JSON.stringify(stored) : null);
  }
  function restoreDrafts() {
    const stored = storedJSON(DRAFTS_KEY);
    if (!stored || typeof stored !== "object") return;
    const ids = new Set(state.workspace.claims.map((c) => c.id)),
      drafts = {};
    for (const [form, fields] of Object.entries(stored)) {
      if (isReserved(form)) continue; // stored text is data: a built-in name is never a form
      const claim = /^(?:claim|ev):([A-Za-z0-9_-]+)/.exec(form);
      if (claim && !ids.has(claim[1])) continue; // the claim is gone
      if (!fields || typeof fields !== "object") continue;
      const kept = {};
      for (const [f, v] of Object.entries(fields)) if (typeof v === "string" && v !== "" && !isReserved(f)) kept[f] = v;
      if (Object.keys(kept).length) drafts[form] = kept;
    }
    if (Object.keys(drafts).length) {
      store.dispatch({ type: "draftsRestored", drafts });
      draftsKept = state.view.drafts;
    }
  }
  const flush = () => {
    if (draftTimer !== null) writeDrafts();
    keepPending();
  };
  window.addEventListener("pagehide", flush);
  doc.addEventListener("visibilitychange", () => doc.visibilityState === "hidden" && flush());

  // ---------------------------------------------------------------- changes not yet in IndexedDB
  // IndexedDB writes are asynchronous, and a page that is left or reloaded drops the one under
  // way: the records this tab changed since its last write are kept in localStorage (which
  // writes at once) when the page is hidden or left, and taken in on the next start.
  function keepPending() {
    if (medium !== "idb") return;
    const mine = readOnlyRecords(state.workspace),
      keys = changedKeys(base, mine),
      out = {};
    for (const k of keys) out[k] = mine.has(k) ? mine.get(k) : null;
    adapter.set(PENDING_KEY, keys.size ? JSON.stringify(out) : null);
  }
  // The saved records with the pending ones on top, checked like a file; null when none are kept.
  function withPending(records, now) {
    const pending = storedJSON(PENDING_KEY);
    if (!pending || typeof pending !== "object" || Array.isArray(pending)) return null;
    const merged = new Map(records);
    for (const k of Object.keys(pending)) {
      if (!/^(?:meta|[cfd]:.+)$/.test(k)) continue;
      const saved = merged.get(k),
        p = pending[k];
      // Another tab may have saved this record later than the page that left it pending.
      if (saved && p && typeof saved.updated === "string" && String(p.updated || "") < saved.updated) continue;
      if (p === null) merged.delete(k);
      else merged.set(k, p);
    }
    const c = db.check(merged, now);
    return c.status === "recovered" ? null : c.state;
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
      else if (state.view.drafts !== before.view.drafts) keepDrafts();
      if (state.workspace !== before.workspace) writeSoon();
      // A claim opened from the list, or closed, is a step Back and Forward move between; going
      // from one claim to another (another one opened, or one just added) takes the open
      // claim's place, so Back from any claim returns to the list.
      if (state.view.open !== before.view.open)
        address(
          state.view.open,
          action.type !== "addressChanged" &&
            !(action.type === "claimOpened" && action.focus === false) &&
            !(before.view.open && state.view.open),
        );
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
    /** Whether this browser can save to a file the partner chooses, after each change. */
    canAutosave,
    /** Asks for a file (from a click) and saves to it after each change. */
    chooseAutosaveFile: () => chooseFile(),
    /** Asks the browser (from a click) to let the page write the kept file again. */
    resumeAutosave: () => resumeFile(),
    /** Stops saving to the chosen file. */
    stopAutosave: () => stopFile(),
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
      if (db) run(() => db.setKV(BACKUPS, undefined));
      store.dispatch({ type: "backupsDropped" });
    },
    /** Resolves once what this tab has changed is saved (or failed): for a page about to be left. */
    settled: () => queue,
  };

  // The address names the open claim, so a bookmark or a reload comes back to it, and Back and
  // Forward move between the list and a claim. (Material's instant navigation loads a page
  // only when the path changes, so it leaves these steps to this page.)
  function address(id, step) {
    const url = new URL(location.href);
    if (id) url.searchParams.set("claim", id);
    else url.searchParams.delete("claim");
    if (url.href === location.href) return;
    if (step) history.pushState(null, "", url);
    else history.replaceState(history.state, "", url);
  }
  // A step back or forward on this page that changes only the open claim is this page's own:
  // material-helpers.js hands it to this element (Material's instant navigation, which would
  // load the page again and take the focus away, does not see it).
  holder.setAttribute("data-cp-ws-path", location.pathname);
  holder.addEventListener("cp-ws-address", () =>
    store.dispatch({ type: "addressChanged", claim: new URL(location.href).searchParams.get("claim") }),
  );

  // What is saved, once read: put in place (with anything done meanwhile merged in), the
  // claim the address names opened, drafts brought back, the browser asked to keep it.
  function opened(saved, storage, before) {
    const mine = recordsOf(state.workspace),
      keys = changedKeys(before, mine);
    // Claims of a renamed activity follow it, and ticks of a renamed item; what was saved
    // before is kept as a backup.
    const workspace = carryMoves(saved, data.moved, itemMoves(data));
    if (workspace !== saved) storage = { ...storage, backups: [...storage.backups, keepMoved(saved)] };
    // Reconciled with the rules as it is put in place (ws-state.js "stored").
    let next = workspace;
    if (keys.size > 1) next = applyRecords(next, mergeKeys(keys, before, mine, recordsOf(workspace)));
    store.dispatch({ type: "stored", workspace: next, saved: storage.saved });
    storageSet(storage);
    // The claim the address names now (a step Back or Forward may come before the workspace is read).
    const asked = new URL(location.href).searchParams.get("claim");
    if (asked && !state.view.open && state.workspace.claims.some((c) => c.id === asked))
      store.dispatch({ type: "claimOpened", id: asked, focus: false });
    restoreDrafts();
    planned();
  }

  // A claim planned from an activity page (?plan=...): its activity and ticks, taken once.
  function planned() {
    const plan = planFrom(location.search, data),
      url = new URL(location.href);
    if (!plan) return;
    url.searchParams.delete("plan");
    url.searchParams.delete("ticked");
    history.replaceState(history.state, "", url);
    store.dispatch({ type: "planOpened", activity: plan.activity, ticks: plan.ticks });
  }

  function keepMoved(saved) {
    const entry = { at: stamp().now, errors: ["before renamed activities were carried over"], text: serializeWorkspace(saved) };
    if (medium === "idb") run(() => db.keepBackup(entry));
    else if (medium === "local") keepBackup(adapter, entry.text, entry.errors, entry.at);
    return entry;
  }

  function openLocal(problem) {
    // No IndexedDB here: localStorage as before, or this page's memory where that is refused too.
    medium = adapter.blocked ? "memory" : "local";
    const loaded = loadWorkspace(adapter, stamp().now);
    // A damaged record only makes the reminder come sooner: nothing is lost.
    const file = readFileRecord(adapter.get(META_KEY));
    if (adapter.blocked) medium = "memory";
    state = { ...state, file };
    const before = recordsOf(state.workspace);
    opened(
      loaded.state,
      { saved: !adapter.blocked, status: loaded.status, errors: loaded.errors, backups: readBackups(adapter), medium, problem },
      before,
    );
    if (state.workspace !== loaded.state || loaded.status === "recovered") {
      if (medium === "local") saveLocal();
    }
    window.addEventListener("storage", onStorage);
  }

  // Another tab saved (localStorage only): take its changes in, and save what this tab adds to them.
  const onStorage = (e) => {
    if (!holder.isConnected) return window.removeEventListener("storage", onStorage);
    if (e.key === META_KEY && e.newValue) return store.dispatch({ type: "otherTabFile", file: readFileRecord(e.newValue) });
    if (e.key !== KEY || !e.newValue) return;
    const read = parseWorkspace(e.newValue);
    if (!read.ok) return;
    store.dispatch({ type: "otherTabSaved", workspace: read.state });
    if (serializeWorkspace(state.workspace) !== e.newValue && medium === "local") saveLocal();
  };

  let idbError = null; // where even asking for IndexedDB throws (storage blocked for this site)
  const env = {
    indexedDB: (() => {
      try {
        return window.indexedDB;
      } catch (e) {
        idbError = e;
        return null;
      }
    })(),
    locks: navigator.locks,
    BroadcastChannel: window.BroadcastChannel,
    legacy: adapter,
    legacyFileKey: META_KEY,
  };
  const before = recordsOf(state.workspace);
  queue = openWorkspaceDB(env)
    .then(async (opened_) => {
      db = opened_;
      const loaded = await db.load(stamp().now);
      medium = "idb";
      base = loaded.state ? loaded.base : recordsOf(state.workspace);
      const workspace = withPending(base, stamp().now) || loaded.state || emptyWorkspace(stamp().now);
      adapter.set(PENDING_KEY, null); // in the state now, and saved below with the rest
      if (loaded.file) state = { ...state, file: readFileRecord(loaded.file) };
      const backups = loaded.backups.length ? loaded.backups : readBackups(adapter);
      opened(workspace, { saved: true, status: loaded.status, errors: loaded.errors, backups, medium, problem: null }, before);
      align([...base.keys()]);
      db.watch(takeIn);
      askToKeep();
      resumeKept(loaded.handle);
      if (changedKeys(base, readOnlyRecords(state.workspace)).size) scheduleSave();
    })
    .catch((e) => {
      if (db) return fail(e);
      openLocal(causeOf(idbError || e));
    });
  // With nowhere to keep it, leaving the page would lose unsaved work: ask first.
  window.addEventListener("beforeunload", (e) => {
    if (holder.isConnected && !state.storage.saved && store.fileState().unsaved) {
      e.preventDefault();
      e.returnValue = "";
    }
  });
  return store;
}
