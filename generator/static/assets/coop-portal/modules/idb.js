// A small promise layer over the browser's IndexedDB, just what My co-op needs: open the
// portal's database, run one transaction over named stores, and turn a failure into its real
// cause (full, blocked, private window, refused). Nothing here knows about workspaces.

export const DB_NAME = "coop-portal";
/** The stores: the workspace's records (one per claim, fund, deletion, and one of the whole) and small values. */
export const RECORDS = "workspace";
export const KV = "kv";

/**
 * Why storage failed, from the error the browser gave: "quota" (full), "blocked" (an older
 * page of this site holds the database open), "private" (a private window that keeps no
 * database), "refused" (the browser's settings, or the portal shown inside another site),
 * "missing" (this browser has no database), or "unknown".
 */
export function causeOf(error) {
  const name = (error && error.name) || "",
    message = String((error && error.message) || "");
  if (name === "QuotaExceededError" || /quota|disk.?full|no space/i.test(message)) return "quota";
  if (name === "BlockedError" || name === "VersionError") return "blocked";
  if (name === "SecurityError" || name === "NotAllowedError") return "refused";
  if (name === "InvalidStateError" && /private|mutation/i.test(message)) return "private";
  if (name === "InvalidStateError") return "private";
  if (name === "MissingError") return "missing";
  return "unknown";
}

const named = (name, message) => {
  const e = new Error(message);
  e.name = name;
  return e;
};

/** Opens the database (made on first use); rejects with an Error whose cause causeOf names. */
export function openDB(factory, name = DB_NAME) {
  return new Promise((resolve, reject) => {
    let request;
    try {
      if (!factory || typeof factory.open !== "function") throw named("MissingError", "this browser has no IndexedDB");
      request = factory.open(name);
    } catch (e) {
      return reject(e);
    }
    request.onupgradeneeded = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains(RECORDS)) db.createObjectStore(RECORDS);
      if (!db.objectStoreNames.contains(KV)) db.createObjectStore(KV);
    };
    request.onblocked = () => reject(named("BlockedError", "another page of this site holds the database open"));
    request.onerror = () => reject(request.error || named("UnknownError", "the database could not be opened"));
    request.onsuccess = () => {
      const db = request.result;
      // A database of this name made without the stores (by a tool, or an interrupted first
      // opening): opened once more at the next version, which makes them.
      if (![RECORDS, KV].every((s) => db.objectStoreNames.contains(s))) {
        const version = db.version + 1;
        db.close();
        const again = factory.open(name, version);
        again.onupgradeneeded = () => {
          const d = again.result;
          if (!d.objectStoreNames.contains(RECORDS)) d.createObjectStore(RECORDS);
          if (!d.objectStoreNames.contains(KV)) d.createObjectStore(KV);
        };
        again.onblocked = request.onblocked;
        again.onerror = () => reject(again.error);
        again.onsuccess = () => resolve(again.result);
        return;
      }
      // A newer page of the portal wants to upgrade: let it, this page reopens when it needs to.
      db.onversionchange = () => db.close();
      resolve(db);
    };
  });
}

/** A request's result as a promise. */
export const done = (request) =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

/**
 * Runs work(tx) in one transaction over `stores` ("readonly" or "readwrite") and resolves with
 * what work's promise gave once the transaction has committed; rejects with the reason the
 * transaction failed (a full disk is reported when the transaction aborts, not when a record
 * is put). work may await requests of tx only (awaiting anything else ends the transaction).
 */
export function transact(db, stores, mode, work) {
  return new Promise((resolve, reject) => {
    let tx, value, failed;
    try {
      tx = db.transaction(stores, mode);
    } catch (e) {
      return reject(e);
    }
    tx.oncomplete = () => (failed ? reject(failed) : resolve(value));
    tx.onabort = () => reject(tx.error || failed || named("AbortError", "the browser did not keep the change"));
    tx.onerror = (e) => {
      failed = failed || (e.target && e.target.error) || tx.error;
    };
    Promise.resolve()
      .then(() => work(tx))
      .then(
        (v) => {
          value = v;
        },
        (e) => {
          failed = e;
          try {
            tx.abort();
          } catch (err) {
            /* ended already */
          }
        },
      );
  });
}

/** Every record of a store as a Map key -> value. */
export async function readAllOf(store) {
  const [keys, values] = await Promise.all([done(store.getAllKeys()), done(store.getAll())]);
  return new Map(keys.map((k, i) => [k, values[i]]));
}
