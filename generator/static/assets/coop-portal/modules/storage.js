// The saved workspace: its file format (workspace-file.js) kept in the browser; two tabs'
// states merged; unreadable saved text kept as a backup. Storage is an adapter {get, set, remove} from store-kv.js: see wrapStorage.

import { binWithLogsOf, withLogsOf } from "./claim-log.js";
import { emptyWorkspace, fundKey, parseWorkspace, readStored, serializeWorkspace } from "./workspace-file.js";
import { backupKeyFor, keepBackup as keepText, keyFor, openKV, readBackups as readTexts } from "./store-kv.js";

// The file format, its checks and the salvage of damaged data live in workspace-file.js.
export {
  FLAGS,
  FORMAT,
  MIGRATIONS,
  VERSION,
  checkClaim,
  checkFund,
  checkWorkspace,
  emptyWorkspace,
  fundKey,
  migrate,
  parseWorkspace,
  readStored,
  serializeWorkspace,
} from "./workspace-file.js";

export const KEY = keyFor("workspace", 1); // coop-portal:v1:workspace
export const BACKUP_KEY = backupKeyFor("workspace"); // coop-portal:v1:workspace-backup

/** A generation stamp: the time, then a random part; a later one sorts after an earlier one. */
export const newGeneration = (now) => now + "/" + Math.random().toString(36).slice(2, 10);

/** A name for a saved file: coop-workspace-2026-09-01.json. */
export const fileName = (today) => "coop-workspace-" + today + ".json";

// ------------------------------------------------------------------ two tabs

// The later of two copies; of two equal ones the second (so a tab keeps its own objects).
const newer = (a, b) => (a === b ? b : a.updated > b.updated || (a.updated === b.updated && JSON.stringify(a) > JSON.stringify(b)) ? a : b);

// The later of two copies of a claim, holding what both logged (claim-log.js).
const newerClaim = (a, b) => {
  const win = newer(a, b);
  return withLogsOf(win, win === a ? b : a);
};
// The later of two bin entries; of two holding a claim, its copy holds what both logged.
const newerBin = (a, b) => {
  const win = b.at > a.at || (b.at === a.at && JSON.stringify(b) > JSON.stringify(a)) ? b : a;
  return binWithLogsOf(win, win === a ? b : a);
};

/**
 * Merges two tabs' states: per claim and per fund the later `updated` wins, claims of either
 * side are kept, and a deletion holds unless the claim changed after it. A claim's log of
 * changes is the union of both sides' (no entry is dropped). Order does not matter.
 * Of two generations (see newGeneration) the later one wins.
 */
export function mergeWorkspaces(a, b) {
  // A workspace opened from a file or cleared starts a new generation, which replaces the old one whole.
  if ((a.generation || "") !== (b.generation || "")) return (a.generation || "") > (b.generation || "") ? a : b;
  const items = new Map(),
    bins = new Map();
  const put = (k, x, join) => items.set(k, items.has(k) ? join(items.get(k), x) : x);
  for (const s of [a, b]) {
    for (const c of s.claims) put(c.id, c, newerClaim);
    for (const f of s.funds) put(fundKey(f), f, newer);
    for (const t of s.deleted || []) {
      const old = bins.get(t.id);
      bins.set(t.id, old ? newerBin(old, t) : t);
    }
  }
  const funds = [],
    claims = [],
    deleted = [];
  for (const [k, x] of items) {
    const t = bins.get(k);
    if (t && t.at >= (x.updated || "")) {
      const fund = k.startsWith("fund:");
      bins.set(k, { ...t, [fund ? "fund" : "claim"]: fund ? newer(t.fund || x, x) : newerClaim(t.claim || x, x) });
    } else {
      bins.delete(k);
      (k.startsWith("fund:") ? funds : claims).push(t && t.claim ? withLogsOf(x, t.claim) : x);
    }
  }
  for (const t of bins.values()) deleted.push(t);
  const order = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
  claims.sort((x, y) => order(x.created || "", y.created || "") || order(x.id, y.id));
  funds.sort((x, y) => order(fundKey(x), fundKey(y)));
  deleted.sort((x, y) => order(x.at, y.at) || order(x.id, y.id));
  return { ...newer(a, b), funds, claims, deleted };
}

// ------------------------------------------------------------------ browser storage

// The adapter, its memory fallback and the backup list are the tools' shared layer (store-kv.js).

/**
 * A storage adapter over the browser's storage (`open` returns it, and may throw): every call
 * is wrapped, and what the browser refuses to keep lives in memory for this page instead.
 */
export const wrapStorage = (open) => openKV(open);

/** Keeps unreadable saved text in the backup list (each text once), never discarding it. */
export const keepBackup = (adapter, textValue, errors, now) => keepText(adapter, BACKUP_KEY, { at: now, errors, text: textValue });

/** The kept backups, [{at, errors, text}], oldest first; an unreadable list is one backup. */
export const readBackups = (adapter) => readTexts(adapter, BACKUP_KEY);

/**
 * The saved workspace, {state, status, errors}; status "new", "ok", "migrated" or "recovered"
 * (damaged text: kept as a backup, and each fund and claim still correct is in `state`).
 */
export function loadWorkspace(adapter, now) {
  const raw = adapter.get(KEY);
  if (raw === null || raw === undefined) return { state: emptyWorkspace(now), status: "new", errors: [] };
  const read = readSaved(raw, now);
  if (read.status === "recovered") keepBackup(adapter, raw, read.errors, now);
  return read;
}

/**
 * Saved text read as the page would open it, from any medium: {state, status, errors}; status
 * "ok", "migrated" (an older version) or "recovered" (damaged: what could still be read is in
 * `state`, workspace-file.js readStored, and the caller keeps the text as a backup).
 */
export function readSaved(raw, now) {
  const read = readStored(raw, now);
  return { state: read.workspace, status: read.status, errors: read.messages };
}

/**
 * Saves a state merged with what another tab saved meanwhile: {state (to show), saved, text}.
 * `known` is the text this tab saved last: when the store still holds it, nothing is merged.
 */
export function saveWorkspace(adapter, state, known) {
  const raw = adapter.get(KEY);
  const read = raw && raw !== known ? parseWorkspace(raw) : null;
  if (read && !read.ok) keepBackup(adapter, raw, read.errors, state.updated);
  const merged = read && read.ok ? mergeWorkspaces(read.state, state) : state,
    text = serializeWorkspace(merged);
  return { state: merged, saved: adapter.set(KEY, text), text };
}
