// The workspace file: versioned JSON with migrations, checked field by field (exactly what
// generator/workspace_schema.py describes); two tabs' states merged; unreadable saved text
// kept as a backup. Storage is an adapter {get, set, remove} from store-kv.js: see wrapStorage.

import { DATE_PATTERN } from "./dates.js";
import { toCents } from "./money.js";
import { backupKeyFor, keepBackup as keepText, keyFor, openKV, readBackups as readTexts } from "./store-kv.js";

export const FORMAT = "coop-portal/workspace";
export const VERSION = 1;
export const KEY = keyFor("workspace", 1); // coop-portal:v1:workspace
export const BACKUP_KEY = backupKeyFor("workspace"); // coop-portal:v1:workspace-backup
export const FLAGS = ["activity-removed", "checklist-changed", "items-removed", "unknown-status"];

/** Migrations by the version they upgrade from: MIGRATIONS[1] makes a version 2 file of a 1. */
export const MIGRATIONS = {};

export const emptyWorkspace = (now) => ({ format: FORMAT, version: VERSION, updated: now, funds: [], claims: [], deleted: [] });

// ------------------------------------------------------------------ checking

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  ID = /^[A-Za-z0-9_-]{1,64}$/,
  MAX = 1e12;
const isObject = (v) => v && typeof v === "object" && !Array.isArray(v);
const describe = (v) =>
  typeof v === "string"
    ? "'" + (v.length > 40 ? v.slice(0, 40) + "\u2026" : v) + "'"
    : Array.isArray(v)
      ? "a list"
      : isObject(v)
        ? "an object"
        : String(v);

// Each checker returns null when the value is right, else what was expected.
const text =
  (max, min = 0) =>
  (v) =>
    typeof v !== "string"
      ? "expected a text"
      : v.length > max && [...v].length > max
        ? "expected a text of at most " + max + " characters"
        : v.length < min
          ? "expected a text that is not empty"
          : null;
const match = (re, what) => (v) => (typeof v === "string" && re.test(v) ? null : "expected " + what);
const number = (signed) => (v) =>
  typeof v !== "number" || !isFinite(v)
    ? "expected a number"
    : (signed ? v <= -MAX : v < 0) || v >= MAX
      ? "expected a number " + (signed ? "over -1e12" : "from 0") + " and under 1e12"
      : null;
const oneOf = (list) => (v) => (list.includes(v) ? null : "expected one of " + list.join(", "));
const listOf = (item, unique) => (v, path, errors) => {
  if (!Array.isArray(v)) return "expected a list";
  v.forEach((x, i) => field(item, x, path + "[" + i + "]", errors));
  return unique && new Set(v).size !== v.length ? "expected each entry once" : null;
};
const join = (path, k) => (path ? path + "." + k : k);
const mapOf = (what, value) => (v, path, errors) => {
  if (!isObject(v)) return "expected an object";
  for (const k of Object.keys(v)) {
    if (!SLUG.test(k) || k.length > 120) errors.push(path + ": expected keys like '" + what + "', but got " + describe(k));
    else field(value, v[k], join(path, k), errors);
  }
  return null;
};
const object = (required, optional, extra) => (v, path, errors) => {
  if (!isObject(v)) return "expected an object";
  for (const k of Object.keys(required)) {
    if (!(k in v)) errors.push(join(path, k) + ": " + required[k](undefined, "", []) + ", but it is missing");
  }
  for (const k of Object.keys(v)) {
    const check = required[k] || optional[k];
    if (check) field(check, v[k], join(path, k), errors);
    else errors.push(join(path, k) + ": expected no such field, but got " + describe(v[k]) + ". Hint: remove it");
  }
  return extra ? extra(v) : null;
};

function field(check, value, path, errors) {
  const wrong = check(value, path, errors);
  if (wrong) errors.push((path ? path + ": " : "") + wrong + ", but got " + describe(value));
}

const slug = (max, what) => (v) => (typeof v === "string" && v.length <= max && SLUG.test(v) ? null : "expected " + what);
const date = match(new RegExp(DATE_PATTERN), "a date like 2026-09-30");
const time = match(/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z$/, "a time like 2026-09-30T12:00:00.000Z");
const half = match(/^FY[0-9]{2}H[12]$/, "a half-year like FY27H1");
const currency = match(/^[A-Z]{3}$/, "a currency code like USD");
const amount = number(false);

const FUND = object(
  { usage_period: half, amount, currency },
  { category: text(100, 1), source: oneOf(["typed", "earnings"]), earned: number(true), updated: time },
);
const EVIDENCE = object({ id: match(ID, "an id"), file: text(500), note: text(2000), at: date }, {});
const CLAIM = object(
  {
    id: match(ID, "an id of letters, digits, - or _"),
    name: text(200),
    activity: slug(80, "an activity id like 'print-advertising'"),
    start: date,
    end: date,
    amount,
    status: text(80, 1),
    ticked: listOf(slug(120, "an item id like 'poe-csr'"), true),
  },
  {
    currency,
    usage_period: half,
    fund_category: text(100, 1),
    claim_number: text(100),
    claimed: amount,
    approved: amount,
    paid: amount,
    notes: text(5000),
    next_action: object({ text: text(500) }, { due: date }),
    status_dates: mapOf("gathering-proof", date),
    tick_hashes: mapOf("poe-csr", text(64, 1)),
    evidence: mapOf("poe-csr", listOf(EVIDENCE)),
    flags: listOf(oneOf(FLAGS), true),
    created: time,
    updated: time,
  },
);
const TOMBSTONE = object(
  { id: match(/^(?:[A-Za-z0-9_-]{1,64}|fund:FY[0-9]{2}H[12](?::.{1,100})?)$/, "a claim id or fund:FY27H1"), at: time },
  { claim: CLAIM, fund: FUND },
  (v) => ("claim" in v && "fund" in v ? "expected a claim or a fund, not both" : null),
);
const WORKSPACE = object(
  {
    format: (v) => (v === FORMAT ? null : "expected '" + FORMAT + "'"),
    version: (v) => (v === VERSION ? null : "expected " + VERSION),
    funds: listOf(FUND),
    claims: listOf(CLAIM),
  },
  { updated: time, rules_version: text(100), generation: text(100), deleted: listOf(TOMBSTONE) },
);

const run = (check, value, path, errors = []) => (field(check, value, path, errors), errors);
/** Problems of a claim, a fund or a workspace, one line each: "path: expected ..., but got ...". */
export const checkClaim = (claim, path = "claim") => run(CLAIM, claim, path);
export const checkFund = (fund, path = "fund") => run(FUND, fund, path);
export const checkWorkspace = (w) => run(WORKSPACE, w, "");

// ------------------------------------------------------------------ reading and writing

/** Brings an older file up to VERSION, one migration at a time. */
export function migrate(file, migrations = MIGRATIONS, target = VERSION) {
  let out = file;
  while (out.version < target) {
    const step = migrations[out.version];
    if (!step) throw new Error("version: expected a version this portal can read, but got " + out.version);
    out = { ...step(out), version: out.version + 1 };
  }
  return out;
}

// Amounts to whole cents, so hand-edited fractions of a cent cannot drift the sums.
function normalise(w) {
  const cents = (o) => {
    for (const k of ["amount", "claimed", "approved", "paid", "earned"]) if (typeof o[k] === "number") o[k] = toCents(o[k]) / 100;
  };
  w.funds.forEach(cents);
  w.claims.forEach(cents);
  return w;
}

/** Reads a workspace file or saved text: {ok: true, state, migrated} or {ok: false, errors}. */
export function parseWorkspace(textValue, migrations = MIGRATIONS) {
  let file;
  try {
    file = JSON.parse(textValue);
  } catch (e) {
    return { ok: false, errors: ["expected a workspace file (JSON), but the text is not JSON: " + e.message] };
  }
  if (!file || typeof file !== "object" || file.format !== FORMAT) {
    return {
      ok: false,
      errors: ["format: expected '" + FORMAT + "', but got " + describe(file && file.format) + ". Hint: this is not a workspace file"],
    };
  }
  if (!Number.isInteger(file.version) || file.version < 1 || file.version > VERSION) {
    return {
      ok: false,
      errors: [
        "version: expected a whole number from 1 to " +
          VERSION +
          ", but got " +
          describe(file.version) +
          ". Hint: a file from a newer portal opens only there",
      ],
    };
  }
  let state;
  try {
    state = migrate(file, migrations);
  } catch (e) {
    return { ok: false, errors: [e.message] };
  }
  const errors = checkWorkspace(state);
  if (errors.length) return { ok: false, errors };
  return { ok: true, state: normalise({ deleted: [], ...state }), migrated: file.version !== VERSION };
}

/** The workspace as the text of a file (also what is saved in the browser). */
export const serializeWorkspace = (state) => JSON.stringify(state, null, 1) + "\n";

/** A generation stamp: the time, then a random part; a later one sorts after an earlier one. */
export const newGeneration = (now) => now + "/" + Math.random().toString(36).slice(2, 10);

/** A name for a saved file: coop-workspace-2026-09-01.json. */
export const fileName = (today) => "coop-workspace-" + today + ".json";

// The funds, claims and bin entries of a damaged file that are each still correct.
function salvage(textValue, now) {
  let file = null;
  try {
    file = JSON.parse(textValue);
  } catch (e) {
    /* nothing to save */
  }
  const out = emptyWorkspace(now),
    keep = (list, check) => (Array.isArray(list) ? list.filter((x) => !check(x).length) : []);
  if (!isObject(file)) return out;
  out.funds = keep(file.funds, checkFund);
  out.claims = keep(file.claims, checkClaim);
  out.deleted = keep(file.deleted, (t) => run(TOMBSTONE, t, "t"));
  return normalise(out);
}

// ------------------------------------------------------------------ two tabs

/** What tells funds apart: the usage half and the fund category (none for the default one). */
export const fundKey = (f) => "fund:" + f.usage_period + (f.category ? ":" + f.category : "");

// The later of two copies; of two equal ones the second (so a tab keeps its own objects).
const newer = (a, b) => (a === b ? b : a.updated > b.updated || (a.updated === b.updated && JSON.stringify(a) > JSON.stringify(b)) ? a : b);

/**
 * Merges two tabs' states: per claim and per fund the later `updated` wins, claims of either
 * side are kept, and a deletion holds unless the claim changed after it. Order does not matter.
 * Of two generations (see newGeneration) the later one wins.
 */
export function mergeWorkspaces(a, b) {
  // A workspace opened from a file or cleared starts a new generation, which replaces the old one whole.
  if ((a.generation || "") !== (b.generation || "")) return (a.generation || "") > (b.generation || "") ? a : b;
  const items = new Map(),
    bins = new Map();
  const put = (k, x) => items.set(k, items.has(k) ? newer(items.get(k), x) : x);
  for (const s of [a, b]) {
    for (const c of s.claims) put(c.id, c);
    for (const f of s.funds) put(fundKey(f), f);
    for (const t of s.deleted || []) {
      const old = bins.get(t.id);
      bins.set(t.id, !old || t.at > old.at || (t.at === old.at && JSON.stringify(t) > JSON.stringify(old)) ? t : old);
    }
  }
  const funds = [],
    claims = [],
    deleted = [];
  for (const [k, x] of items) {
    const t = bins.get(k);
    if (t && t.at >= (x.updated || "")) bins.set(k, { ...t, [k.startsWith("fund:") ? "fund" : "claim"]: newer(t.claim || t.fund || x, x) });
    else {
      bins.delete(k);
      (k.startsWith("fund:") ? funds : claims).push(x);
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
 * "ok", "migrated" (an older version) or "recovered" (damaged: each fund and claim still
 * correct is in `state`, and the caller keeps the text as a backup).
 */
export function readSaved(raw, now) {
  const read = parseWorkspace(raw);
  if (read.ok) return { state: read.state, status: read.migrated ? "migrated" : "ok", errors: [] };
  return { state: salvage(raw, now), status: "recovered", errors: read.errors };
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
