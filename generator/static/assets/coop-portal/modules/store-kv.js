// The one storage layer of the portal's tools (checklist, estimator, My co-op): keys namespaced
// and versioned (coop-portal:v<version>:<store>[:<name>]); every call to the browser's storage
// goes through two small functions that catch (read, write), and what blocked or full storage
// refuses lives in memory for the page; unreadable or replaced text is kept in a backup list;
// text saved under an older key moves to the new one; another tab's change arrives by `watch`.

export const NS = "coop-portal";

/** A key: coop-portal:v2:checklist:activity:print-advertising. */
export const keyFor = (store, version, name) => NS + ":v" + version + ":" + store + (name ? ":" + name : "");
/** Where a store keeps the texts it could not read or has replaced: coop-portal:v1:checklist-backup. */
export const backupKeyFor = (store) => keyFor(store + "-backup", 1);

/**
 * A key-value store over the browser's storage (`open` returns it, and may throw): {get, set,
 * remove, blocked}. set(k, null) removes; set returns false when the browser refused, and the
 * value then lives in memory for this page.
 */
export function openKV(open) {
  const memory = new Map();
  let blocked = false,
    store = null;
  try {
    store = open();
  } catch (e) {
    store = null;
  }
  if (!store) blocked = true;
  function read(k) {
    if (memory.has(k)) return memory.get(k);
    try {
      return store.getItem(k);
    } catch (e) {
      blocked = true;
      return null;
    }
  }
  function write(k, v) {
    try {
      if (v === null) store.removeItem(k);
      else store.setItem(k, v);
      memory.delete(k);
      return true;
    } catch (e) {
      blocked = true;
      memory.set(k, v);
      return false;
    }
  }
  return {
    get: read,
    set: write,
    remove: (k) => write(k, null),
    get blocked() {
      return blocked;
    },
  };
}

let shared = null;
/** The page's store over localStorage; its memory outlives Material's instant navigation (modules stay loaded). */
export const browserKV = () => shared || (shared = openKV(() => window.localStorage));

/** The kept backups, [{at, errors, text, ...}], oldest first; an unreadable list is one backup. */
export function readBackups(kv, backupKey) {
  const raw = kv.get(backupKey);
  if (raw === null || raw === undefined) return [];
  try {
    const list = JSON.parse(raw);
    if (Array.isArray(list) && list.every((b) => b && typeof b.text === "string")) return list;
  } catch (e) {
    /* kept below as it is */
  }
  return [{ at: "", errors: ["the backup list itself could not be read"], text: raw }];
}

/** Adds {at, errors, text, ...} to the backup list (each text once), never discarding one; false when not saved. */
export function keepBackup(kv, backupKey, entry) {
  const list = readBackups(kv, backupKey);
  if (!list.some((b) => b.text === entry.text)) list.push(entry);
  return kv.set(backupKey, JSON.stringify(list));
}

/**
 * One saved value: spec {key, backupKey, read(text) -> value or null when unreadable,
 * write(value) -> text or null (nothing to keep), legacy: [{key, read}] older keys}.
 * load(now) gives {value, status}: "new", "ok", "migrated" (read from an older key, written
 * to the new one, the old text moved to the backups) or "corrupt" (kept in the backups; value null).
 */
export function slot(kv, spec) {
  const backup = (key, text, errors, now) => keepBackup(kv, spec.backupKey, { at: now, key, errors, text });
  return {
    key: spec.key,
    load(now) {
      const raw = kv.get(spec.key);
      if (raw !== null && raw !== undefined) {
        const value = spec.read(raw);
        if (value !== null) return { value, status: "ok" };
        if (backup(spec.key, raw, ["could not be read"], now)) kv.remove(spec.key);
        return { value: null, status: "corrupt" };
      }
      for (const old of spec.legacy || []) {
        const text = kv.get(old.key);
        if (text === null || text === undefined) continue;
        const value = old.read(text);
        if (backup(old.key, text, value === null ? ["could not be read"] : [], now)) kv.remove(old.key);
        if (value === null) return { value: null, status: "corrupt" };
        kv.set(spec.key, spec.write(value));
        return { value, status: "migrated" };
      }
      return { value: null, status: "new" };
    },
    /** Saves a value; false when the browser refused (it then lives in memory). */
    save: (value) => kv.set(spec.key, spec.write(value)),
    /**
     * Calls onChange(value) when another tab saves this key (null: removed); unreadable text is
     * ignored. Stops once `root` has left the page. Returns the function that stops it.
     */
    watch(root, onChange) {
      const listen = (event) => {
        if (!root.isConnected) return void window.removeEventListener("storage", listen);
        if (event.key !== spec.key) return;
        const value = event.newValue === null ? null : spec.read(event.newValue);
        if (event.newValue === null || value !== null) onChange(value);
      };
      window.addEventListener("storage", listen);
      return () => window.removeEventListener("storage", listen);
    },
  };
}
