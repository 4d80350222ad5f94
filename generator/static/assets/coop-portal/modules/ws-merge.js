// How two tabs' changes to one workspace come together, decided without touching storage.
//
// The workspace is kept as records, one per claim ("c:<id>"), fund ("f:<usage[:category]>")
// and deleted claim or fund ("d:<id>"), beside one record of the whole ("meta"), so that an
// edit writes only what it changed. A tab remembers each record as it last read or wrote it
// (its base); its own changes are the records that differ from their base. When a tab saves,
// or hears that another tab saved, each record is merged three ways (base, this tab, the
// other side): what only one side changed is taken from it, field by field and tick by tick;
// what both changed to different values goes to the later `updated` stamp. A deletion holds
// unless the claim or fund changed after it. A claim's log of changes is the union of every
// copy's (claim-log.js), so no side's entries are ever dropped.

import { binWithLogsOf, withLogsOf } from "./claim-log.js";
import { fundKey } from "./storage.js";

/** The record key of a claim, of a fund and of a deleted claim or fund. */
export const claimKey = (id) => "c:" + id;
export const fundRecordKey = (f) => "f:" + fundKey(f).slice(5);
export const binKey = (id) => "d:" + id;
export const META = "meta";
const META_FIELDS = ["format", "version", "updated", "rules_version", "generation"];

/** The workspace as records: Map key -> value (the values are the workspace's own objects). */
export function recordsOf(w) {
  const out = new Map();
  const meta = {};
  for (const k of META_FIELDS) if (w[k] !== undefined) meta[k] = w[k];
  out.set(META, meta);
  for (const c of w.claims) out.set(claimKey(c.id), c);
  for (const f of w.funds) out.set(fundRecordKey(f), f);
  for (const t of w.deleted || []) out.set(binKey(t.id), t);
  return out;
}

// recordsOf of each workspace object seen, kept: a workspace is never changed in place.
const seen = new WeakMap();
/** recordsOf(w), worked out once per workspace object: a map to read, never to change. */
export function readOnlyRecords(w) {
  let r = seen.get(w);
  if (!r) seen.set(w, (r = recordsOf(w)));
  return r;
}

const order = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
const byClaim = (x, y) => order(x.created || "", y.created || "") || order(x.id, y.id);

/** The workspace of records (the inverse of recordsOf): claims by creation, funds by key, the bin by time. */
export function workspaceOf(records) {
  const meta = records.get(META) || {},
    claims = [],
    funds = [],
    deleted = [];
  for (const [k, v] of records) {
    if (k.startsWith("c:")) claims.push(v);
    else if (k.startsWith("f:")) funds.push(v);
    else if (k.startsWith("d:")) deleted.push(v);
  }
  claims.sort(byClaim);
  funds.sort((x, y) => order(fundKey(x), fundKey(y)));
  deleted.sort((x, y) => order(x.at, y.at) || order(x.id, y.id));
  return { ...meta, funds, claims, deleted };
}

/** The keys whose records differ between two record maps (by identity: unchanged objects are kept as they are). */
export function changedKeys(base, local) {
  const out = new Set();
  for (const [k, v] of local) if (base.get(k) !== v && (k !== META || !sameMeta(base.get(k), v))) out.add(k);
  for (const k of base.keys()) if (!local.has(k)) out.add(k);
  return out;
}
const sameMeta = (a, b) => !!a && !!b && META_FIELDS.every((k) => a[k] === b[k]);

/** Equal as saved (JSON), for values read back from storage. */
export const same = (a, b) =>
  a === b || (a !== undefined && b !== undefined && (plainSame(a, b) ?? JSON.stringify(a) === JSON.stringify(b)));

const PLAIN = new Set(["string", "boolean"]);
// Whether two values of plain data (strings, booleans, finite numbers, null, arrays and objects
// of them) have the same JSON, told without making it: true or false; undefined when either
// holds anything else (then their JSON decides).
function plainSame(a, b) {
  if (a === null || PLAIN.has(typeof a) || (typeof a === "number" && isFinite(a))) {
    if (b === null || PLAIN.has(typeof b) || (typeof b === "number" && isFinite(b))) return a === b;
    return typeof b === "object" && plainKind(b) ? false : undefined;
  }
  const ka = typeof a === "object" ? plainKind(a) : null,
    kb = b !== null && typeof b === "object" ? plainKind(b) : null;
  if (!ka || (b !== null && typeof b === "object" && !kb)) return undefined;
  if (ka !== kb) return kb || b === null || PLAIN.has(typeof b) || (typeof b === "number" && isFinite(b)) ? false : undefined;
  if (ka === "array") {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) {
      const r = plainSame(a[i], b[i]);
      if (r !== true) return r;
    }
    return true;
  }
  const ak = Object.keys(a),
    bk = Object.keys(b);
  if (ak.length !== bk.length) return ak.some((k) => omitted(a[k])) || bk.some((k) => omitted(b[k])) ? undefined : false;
  for (let i = 0; i < ak.length; i++) {
    if (ak[i] !== bk[i]) return undefined;
    const r = plainSame(a[ak[i]], b[bk[i]]);
    if (r !== true) return r;
  }
  return true;
}
// "array" or "object" for an array or an object of Object's own kind without toJSON, else null.
function plainKind(v) {
  if (typeof v.toJSON === "function") return null;
  if (Array.isArray(v)) return Object.getPrototypeOf(v) === Array.prototype ? "array" : null;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null ? "object" : null;
}
// A value JSON leaves out of an object.
const omitted = (v) => v === undefined || typeof v === "function" || typeof v === "symbol";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const hasIds = (list) => list.every((x) => isObject(x) && typeof x.id === "string");
const own = (o, k) => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

/**
 * Merges one value three ways: base (what both started from), mine and theirs. What only one
 * side changed is taken; objects are merged key by key, lists of texts (ticks, flags) as sets
 * (what one side added or removed is added or removed), lists of entries with ids (evidence)
 * entry by entry; where both changed one value differently, `mineLater` decides.
 */
export function merge3(base, mine, theirs, mineLater) {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (isObject(mine) && isObject(theirs)) {
    const b = isObject(base) ? base : {},
      out = {};
    for (const k of new Set([...Object.keys(theirs), ...Object.keys(mine)])) {
      const v = merge3(own(b, k), own(mine, k), own(theirs, k), mineLater);
      if (v !== undefined) out[k] = v;
    }
    return out;
  }
  if (Array.isArray(mine) && Array.isArray(theirs)) {
    const b = Array.isArray(base) ? base : [];
    if ([mine, theirs, b].every((l) => l.every((x) => typeof x === "string"))) {
      const added = mine.filter((x) => !b.includes(x)),
        dropped = new Set(b.filter((x) => !mine.includes(x)));
      return [...new Set([...theirs, ...added])].filter((x) => !dropped.has(x));
    }
    if ([mine, theirs, b].every(hasIds)) {
      const index = (l) => new Map(l.map((x) => [x.id, x])),
        bi = index(b),
        mi = index(mine),
        ti = index(theirs);
      const out = [];
      for (const id of new Set([...ti.keys(), ...mi.keys()])) {
        const v = merge3(bi.get(id), mi.get(id), ti.get(id), mineLater);
        if (v !== undefined) out.push(v);
      }
      return out;
    }
  }
  return mineLater ? mine : theirs;
}

const later = (a, b) => ((a || "") > (b || "") ? a : b);

/**
 * One record merged three ways (undefined: there is none). Claims and funds field by field
 * (their `updated` the later of the two); a deletion record whole, the later one winning;
 * the record of the whole keeps the later `updated`.
 */
export function mergeRecord(key, base, mine, theirs) {
  if (same(mine, base)) return theirs;
  if (same(theirs, base) || same(mine, theirs)) return mine;
  if (mine === undefined || theirs === undefined) return mine === undefined ? theirs : mine;
  if (key.startsWith("d:")) {
    const [win, lose] = (mine.at || "") >= (theirs.at || "") ? [mine, theirs] : [theirs, mine];
    return binWithLogsOf(win, lose);
  }
  const mineLater = (mine.updated || "") >= (theirs.updated || "");
  const out = merge3(base, mine, theirs, mineLater);
  const updated = later(mine.updated, theirs.updated);
  const joined = key.startsWith("c:") ? withLogsOf(out, mine, theirs) : out;
  return updated === undefined ? joined : { ...joined, updated };
}

// A bin entry holding `claim` (the same entry when it holds it already).
const binWith = (bin, claim) => (bin.claim === claim ? bin : { ...bin, claim });

/**
 * Where a claim or fund and its deletion both stand after a merge, one goes: the deletion
 * holds unless the claim or fund changed after it (then the deletion is dropped). `get` and
 * `set(key, value or undefined)` work on the merged records; `ids` are the ids to look at.
 */
export function settleDeletions(ids, get, set) {
  for (const id of ids) {
    const live = id.startsWith("fund:") ? "f:" + id.slice(5) : claimKey(id),
      item = get(live),
      bin = get(binKey(id));
    if (item === undefined || bin === undefined) continue;
    if (bin.at >= (item.updated || "")) {
      set(live, undefined);
      const kept = bin.claim || bin.fund;
      const newer = kept && (item.updated || "") > (kept.updated || "");
      // The later copy is kept in the bin, with what both copies of a claim logged.
      if (bin.claim) set(binKey(id), binWith(bin, newer ? withLogsOf(item, kept) : withLogsOf(kept, item)));
      else if (newer) set(binKey(id), { ...bin, fund: item });
    } else {
      // The claim changed after its deletion: it stays, with what its copy in the bin logged.
      if (bin.claim) set(live, withLogsOf(item, bin.claim));
      set(binKey(id), undefined);
    }
  }
}

/** The claim or fund id a record key is about (the bin's ids: a claim id, or fund:FY27H1[:category]). */
export function idOfKey(key) {
  if (key.startsWith("c:") || key.startsWith("d:")) return key.slice(2);
  if (key.startsWith("f:")) return "fund:" + key.slice(2);
  return null;
}

/** The keys whose records must be read to merge `keys`: each with its claim's or fund's other record, and the whole's. */
export function keysToRead(keys) {
  const out = new Set([META]);
  for (const k of keys) {
    const id = idOfKey(k);
    if (id === null) continue;
    out.add(k);
    out.add(binKey(id));
    out.add(id.startsWith("fund:") ? "f:" + id.slice(5) : claimKey(id));
  }
  return out;
}

/**
 * Merges `keys` three ways: base, mine and theirs are Maps of records (theirs holds what
 * storage or the other tab has now for every key of keysToRead(keys)). Returns Map key ->
 * merged value (undefined: none) for each key read, deletions settled, the whole's `updated`
 * the later one.
 */
export function mergeKeys(keys, base, mine, theirs) {
  const read = keysToRead(keys),
    out = new Map();
  for (const k of read) out.set(k, mergeRecord(k, base.get(k), mine.get(k), theirs.get(k)));
  const ids = new Set([...read].map(idOfKey).filter((x) => x !== null));
  settleDeletions(
    ids,
    (k) => out.get(k),
    (k, v) => out.set(k, v),
  );
  const m = mine.get(META) || {},
    t = theirs.get(META) || {};
  out.set(META, { ...t, ...m, updated: later(m.updated, t.updated) });
  return out;
}

/**
 * A workspace with the records `patch` (Map key -> value or undefined) put in; the same
 * object when nothing changes, and unchanged claims and funds kept as they are.
 */
export function applyRecords(w, patch) {
  if (!patch.size) return w;
  const records = recordsOf(w);
  let changed = false;
  for (const [k, v] of patch) {
    const old = records.get(k);
    if (k === META ? sameMeta(old, v) : old === v || (old !== undefined && same(old, v))) continue;
    changed = true;
    if (v === undefined) records.delete(k);
    else records.set(k, v);
  }
  return changed ? workspaceOf(records) : w;
}
