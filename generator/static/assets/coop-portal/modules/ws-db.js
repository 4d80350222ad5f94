// My co-op's workspace in the browser's IndexedDB: one record per claim, fund and deletion
// (ws-merge.js), so an edit writes what it changed and not the whole workspace. Every
// read-merge-write runs under one lock shared by the site's tabs (the Web Locks API) and in
// one read-write transaction (which the browser also runs one at a time across tabs, so the
// merge stays whole where a browser has no locks); each write is read back; the other tabs
// hear which records changed (a BroadcastChannel). What an older version kept in
// localStorage moves here once, and the old copy goes only after the new one has read back.

import { KV, RECORDS, done, openDB, readAllOf, transact } from "./idb.js";
import { BACKUP_KEY, KEY, loadWorkspace, readBackups, readSaved, serializeWorkspace } from "./storage.js";
import { readKept } from "./workspace-file.js";
import { META, keysToRead, mergeKeys, recordsOf, same, workspaceOf } from "./ws-merge.js";

export const LOCK = "coop-portal:workspace";
export const CHANNEL = "coop-portal:workspace";
/** The small values kept beside the records: the save-to-file record, drafts, backups, a chosen file. */
export const FILE = "file",
  DRAFTS = "drafts",
  BACKUPS = "backups",
  HANDLE = "handle";

/** Runs fn under the site's workspace lock where the browser has Web Locks, else just runs it. */
export function withLock(locks, fn) {
  return locks && typeof locks.request === "function" ? locks.request(LOCK, { mode: "exclusive" }, fn) : Promise.resolve().then(fn);
}

const put = (store, k, v) => (v === undefined ? store.delete(k) : store.put(v, k));

/**
 * Opens the workspace's database. env = {indexedDB, locks, BroadcastChannel, legacy (the
 * localStorage adapter of store-kv.js), legacyFileKey}. Rejects with the browser's error
 * (idb.js causeOf names it) when there is no database to keep the work in.
 */
export async function openWorkspaceDB(env) {
  const db = await openDB(env.indexedDB);
  const channel = typeof env.BroadcastChannel === "function" ? new env.BroadcastChannel(CHANNEL) : null;
  const lock = (fn) => withLock(env.locks, fn);

  // What the records hold, checked like a file: {state, status, errors, raw}. Records this
  // portal wrote are checked as they are; others go through their text (storage.js readSaved),
  // which is kept as the backup (raw) when part of it cannot be read.
  function check(records, now) {
    const whole = workspaceOf(records),
      kept = readKept(whole);
    if (kept) return { state: kept.workspace, status: kept.status, errors: kept.messages, raw: null };
    const text = serializeWorkspace(whole);
    return { ...readSaved(text, now), raw: text };
  }

  /** Reads (and the first time, moves over from localStorage) the saved workspace and what is kept beside it. */
  async function load(now) {
    return lock(async () => {
      let read = await transact(db, [RECORDS, KV], "readonly", async (tx) => ({
        records: await readAllOf(tx.objectStore(RECORDS)),
        kv: await readAllOf(tx.objectStore(KV)),
      }));
      let migrated = null;
      if (!read.records.has(META)) migrated = await migrate(now);
      if (migrated && migrated.wrote) {
        read = await transact(db, [RECORDS, KV], "readonly", async (tx) => ({
          records: await readAllOf(tx.objectStore(RECORDS)),
          kv: await readAllOf(tx.objectStore(KV)),
        }));
      }
      const kv = read.kv;
      let result;
      if (!read.records.has(META))
        result = { state: null, status: migrated ? migrated.status : "new", errors: migrated ? migrated.errors : [] };
      else {
        const c = check(read.records, now);
        result = { state: c.state, status: c.status, errors: c.errors };
        if (c.status === "recovered") await keepBackup({ at: now, errors: c.errors, text: c.raw });
        if (migrated) {
          result.status = migrated.status === "recovered" ? "recovered" : "migrated";
          result.errors = migrated.errors.concat(c.errors);
        }
      }
      // Read with the records, unless a backup was kept since.
      const backups = (result.status === "recovered" ? await getKV(BACKUPS) : kv.get(BACKUPS)) || [];
      return {
        ...result,
        base: result.state && result.status !== "recovered" ? recordsOf(result.state) : read.records,
        backups,
        file: kv.get(FILE) || null,
        drafts: kv.get(DRAFTS) || null,
        handle: kv.get(HANDLE) || null,
        migration: migrated ? migrated.outcome : null,
      };
    });
  }

  // The workspace an older version kept in localStorage, written here whole; its text is
  // removed from localStorage only once what was written reads back the same.
  async function migrate(now) {
    const legacy = env.legacy;
    if (!legacy || legacy.blocked) return null;
    const raw = legacy.get(KEY),
      fileText = env.legacyFileKey ? legacy.get(env.legacyFileKey) : null,
      backups = readBackups(legacy);
    if ((raw === null || raw === undefined) && !fileText && !backups.length) return null;
    const loaded = loadWorkspace(legacy, now); // parsed or salvaged; damaged text joins the backups
    const kept = readBackups(legacy);
    let file = null;
    try {
      file = fileText ? JSON.parse(fileText) : null;
    } catch (e) {
      /* the reminder shows sooner, nothing is lost */
    }
    const records = recordsOf(loaded.state);
    const wrote = await transact(db, [RECORDS, KV], "readwrite", async (tx) => {
      const store = tx.objectStore(RECORDS);
      if ((await done(store.count())) > 0) return false; // another tab moved it first
      for (const [k, v] of records) store.put(v, k);
      const kvs = tx.objectStore(KV);
      if (file && typeof file === "object") kvs.put(file, FILE);
      if (kept.length) kvs.put(kept, BACKUPS);
      return true;
    });
    if (!wrote) return { wrote: false, status: "ok", errors: [], outcome: "elsewhere" };
    const back = await transact(db, [RECORDS], "readonly", (tx) => readAllOf(tx.objectStore(RECORDS)));
    const intact = same(serializeWorkspace(workspaceOf(back)), serializeWorkspace(workspaceOf(records)));
    if (intact) {
      legacy.remove(KEY);
      if (env.legacyFileKey) legacy.remove(env.legacyFileKey);
      legacy.remove(BACKUP_KEY);
    }
    return { wrote: true, status: loaded.status, errors: loaded.errors, outcome: intact ? "moved" : "kept" };
  }

  async function getKV(k) {
    return transact(db, [KV], "readonly", (tx) => done(tx.objectStore(KV).get(k)));
  }
  /** Keeps a small value (the save-to-file record, drafts, a chosen file); resolves once kept. */
  function setKV(k, v) {
    return transact(db, [KV], "readwrite", (tx) => {
      put(tx.objectStore(KV), k, v);
    });
  }
  /** Adds {at, errors, text} to the kept backups (each text once). */
  async function keepBackup(entry) {
    return transact(db, [KV], "readwrite", async (tx) => {
      const store = tx.objectStore(KV),
        list = (await done(store.get(BACKUPS))) || [];
      if (!list.some((b) => b.text === entry.text)) store.put(list.concat([entry]), BACKUPS);
    });
  }

  /**
   * Saves this tab's changed records (keys) merged with what storage holds now, under the
   * lock: base is what this tab last read or wrote, mine its records now. Resolves with
   * {written: Map key -> value saved (undefined: removed), replaced} where replaced means
   * another tab put a whole new workspace in place (a file opened, or cleared) later than
   * this tab's: nothing was written, and `records` holds what is saved.
   */
  function save(base, mine, keys) {
    return lock(async () => {
      const outcome = await transact(db, [RECORDS], "readwrite", async (tx) => {
        const store = tx.objectStore(RECORDS),
          theirs = new Map();
        // The record of the whole first: a workspace put in place whole (here or in another tab)
        // is written or read whole, without reading its records one by one.
        const tm = await done(store.get(META)),
          bm = base.get(META) || {},
          mm = mine.get(META) || {};
        const gen = (m) => (m && m.generation) || "";
        const replacedThere = tm && gen(tm) !== gen(bm),
          replacedHere = gen(mm) !== gen(bm);
        if (replacedThere && gen(tm) > gen(mm)) return { replaced: true, records: await readAllOf(store) };
        if (replacedThere || replacedHere) {
          // This tab put a whole workspace in place (later than any other): it replaces what is kept.
          store.clear();
          for (const [k, v] of mine) store.put(v, k);
          return { replaced: false, whole: true, written: new Map(mine) };
        }
        theirs.set(META, tm);
        const read = [...keysToRead(keys)].filter((k) => k !== META);
        await Promise.all(read.map(async (k) => theirs.set(k, await done(store.get(k)))));
        const written = mergeKeys(keys, base, mine, theirs);
        for (const [k, v] of written) {
          if (!same(v, theirs.get(k))) put(store, k, v);
          else written.set(k, theirs.get(k));
        }
        return { replaced: false, whole: false, written };
      });
      if (outcome.replaced) return outcome;
      // Read back what was written: what the browser says it kept must be what was sent.
      const keysWritten = [...outcome.written.keys()];
      const back = outcome.whole
        ? await transact(db, [RECORDS], "readonly", (tx) => readAllOf(tx.objectStore(RECORDS)))
        : await transact(db, [RECORDS], "readonly", async (tx) => {
            const store = tx.objectStore(RECORDS),
              out = new Map();
            await Promise.all(keysWritten.map(async (k) => out.set(k, await done(store.get(k)))));
            return out;
          });
      const wrong = keysWritten.filter((k) => !same(back.get(k), outcome.written.get(k)));
      if (wrong.length || (outcome.whole && back.size !== outcome.written.size)) {
        const e = new Error("what was saved did not read back the same (" + (wrong[0] || "records") + ")");
        e.name = "ReadBackError";
        throw e;
      }
      if (channel) channel.postMessage({ keys: keysWritten, whole: outcome.whole });
      return outcome;
    });
  }

  /** What storage holds now for keysToRead(keys), or for every record when whole. */
  function read(keys, whole) {
    return transact(db, [RECORDS], "readonly", async (tx) => {
      const store = tx.objectStore(RECORDS);
      if (whole) return readAllOf(store);
      const out = new Map();
      await Promise.all([...keysToRead(keys)].map(async (k) => out.set(k, await done(store.get(k)))));
      return out;
    });
  }

  /** Calls fn({keys, whole, file}) when another tab saved records (or its record of saving to a file). */
  function watch(fn) {
    if (channel) channel.onmessage = (e) => e.data && Array.isArray(e.data.keys) && fn(e.data);
  }
  /** Tells the other tabs ({keys: [], file}: the record of saving to a file changed). */
  const announce = (message) => channel && channel.postMessage(message);

  return { load, save, read, watch, announce, getKV, setKV, keepBackup, check, close: () => (channel && channel.close(), db.close()) };
}
