// The workspace file: versioned JSON with migrations, checked field by field (exactly what
// generator/workspace_schema.py describes, plus ids that must be unique), and what can be read
// of damaged saved data (readStored). Pure: no storage, no page; the store calls readStored on
// whatever its medium holds (text or a stored value) and keeps the backup it returns.
//
// Every lookup by a name that comes from the data goes through own properties (Object.hasOwn,
// Map or Object.create(null)), and the names JavaScript objects carry already (`__proto__`,
// `constructor`, `valueOf`...) are refused as keys and ids, so no value can reach a checker or
// a record it was not meant for.

import { DATE_PATTERN } from "./dates.js";
import { toCents } from "./money.js";

export const FORMAT = "coop-portal/workspace";
export const VERSION = 1;
export const FLAGS = ["activity-removed", "checklist-changed", "items-removed", "unknown-status"];
/** The kinds of entries in a claim's log of changes (claim-log.js), in the order entries of one time are listed. */
export const CHANGE_KINDS = [
  "created",
  "restored",
  "status",
  "status-day",
  "field",
  "ticked",
  "unticked",
  "evidence-added",
  "evidence-removed",
  "deleted",
];

/** Migrations by the version they upgrade from: MIGRATIONS[1] makes a version 2 file of a 1. */
export const MIGRATIONS = Object.create(null);

/** The largest amount a file may hold (in currency units): under 1e12 once rounded to the cent. */
export const MAX_AMOUNT = 999999999999.99;

/** Names every JavaScript object has (Object.prototype's own): never a key or an id of the file. */
export const RESERVED = [
  "__defineGetter__",
  "__defineSetter__",
  "__lookupGetter__",
  "__lookupSetter__",
  "__proto__",
  "constructor",
  "hasOwnProperty",
  "isPrototypeOf",
  "propertyIsEnumerable",
  "toLocaleString",
  "toString",
  "valueOf",
];
const RESERVED_SET = new Set(RESERVED);
/** Whether ``name`` is one of those names (a stored key that must never be used as a key). */
export const isReserved = (name) => RESERVED_SET.has(name);

/** A real UTC time like 2026-09-30T12:00:00.000Z (a real date from 1000 to 2999, hours 00-23). */
export const TIME_PATTERN = DATE_PATTERN.slice(0, -1) + "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z$";
const TIME_RE = new RegExp(TIME_PATTERN);
export const isTime = (v) => typeof v === "string" && TIME_RE.test(v);

export const emptyWorkspace = (now) => ({ format: FORMAT, version: VERSION, updated: now, funds: [], claims: [], deleted: [] });

/** What tells funds apart: the usage half and the fund category (none for the default one). */
export const fundKey = (f) => "fund:" + f.usage_period + (f.category ? ":" + f.category : "");

const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * The stamp of a change made at `now` in a workspace last changed at `last`: later than `last`
 * even when the clock stands still or goes back, and always a time the file accepts (a `last`
 * that is not one is ignored; past the last time the file can hold, that time is kept).
 */
export function nextStamp(now, last) {
  const base = isTime(now) ? now : null;
  if (!isTime(last)) return base || "2999-12-31T23:59:59.999Z";
  if (base && base > last) return base;
  const next = new Date(Date.parse(last) + 1).toISOString();
  return isTime(next) ? next : last;
}

// ------------------------------------------------------------------ checking

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
  ID = /^[A-Za-z0-9_-]{1,64}$/;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const describe = (v) =>
  typeof v === "string"
    ? "'" + (v.length > 40 ? v.slice(0, 40) + "\u2026" : v) + "'"
    : Array.isArray(v)
      ? "a list"
      : isObject(v)
        ? "an object"
        : typeof v === "number" && v > 1e9
          ? JSON.stringify(v)
          : String(v);
const NOT_RESERVED = " (not a name every JavaScript object has, like constructor)";

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
const name = (re, what) => (v) => (typeof v === "string" && re.test(v) && !RESERVED_SET.has(v) ? null : "expected " + what + NOT_RESERVED);
// Checked before any rounding: a number that rounds to 1e12 is refused, not rounded into one.
const number = (signed) => (v) =>
  typeof v !== "number" || !isFinite(v)
    ? "expected a number"
    : (signed ? v < -MAX_AMOUNT : v < 0) || v > MAX_AMOUNT
      ? "expected a number " + (signed ? "from -999999999999.99" : "from 0") + " to 999999999999.99"
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
    else if (RESERVED_SET.has(k)) errors.push(path + ": expected keys like '" + what + "'" + NOT_RESERVED + ", but got " + describe(k));
    else field(value, v[k], join(path, k), errors);
  }
  return null;
};
// An object's fields: the checkers are in Maps, so a key like __proto__ finds no checker.
const object = (required, optional, extra) => {
  const need = new Map(Object.entries(required)),
    all = new Map([...Object.entries(required), ...Object.entries(optional)]);
  const check = (v, path, errors) => {
    if (!isObject(v)) return "expected an object";
    for (const [k, c] of need) {
      if (!hasOwn(v, k)) errors.push(join(path, k) + ": " + c(undefined, "", []) + ", but it is missing");
    }
    for (const k of Object.keys(v)) {
      const c = all.get(k);
      if (c) field(c, v[k], join(path, k), errors);
      else errors.push(join(path, k) + ": expected no such field, but got " + describe(v[k]) + ". Hint: remove it");
    }
    return extra ? extra(v) : null;
  };
  check.fields = { need, all };
  return check;
};

function field(check, value, path, errors) {
  const wrong = check(value, path, errors);
  if (wrong) errors.push((path ? path + ": " : "") + wrong + ", but got " + describe(value));
}

const slug = (max, what) => (v) =>
  typeof v === "string" && v.length <= max && SLUG.test(v) && !RESERVED_SET.has(v) ? null : "expected " + what + NOT_RESERVED;
const date = match(new RegExp(DATE_PATTERN), "a date like 2026-09-30");
const time = match(TIME_RE, "a real time like 2026-09-30T12:00:00.000Z");
const half = match(/^FY[0-9]{2}H[12]$/, "a half-year like FY27H1");
const currency = match(/^[A-Z]{3}$/, "a currency code like USD");
const amount = number(false);

const FUND = object(
  { usage_period: half, amount, currency },
  { category: text(100, 1), source: oneOf(["typed", "earnings"]), earned: number(true), updated: time },
);
// One entry of a claim's log of changes: when, what kind, and the field, values and day it names.
const CHANGE = object({ at: time, kind: oneOf(CHANGE_KINDS) }, { field: text(120, 1), from: text(200), to: text(200), day: date });
const EVIDENCE = object({ id: name(ID, "an id"), file: text(500), note: text(2000), at: date }, {});
const CLAIM = object(
  {
    id: name(ID, "an id of letters, digits, - or _"),
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
    changes: listOf(CHANGE),
    created: time,
    updated: time,
  },
);
const TOMBSTONE_ID = /^(?:[A-Za-z0-9_-]{1,64}|fund:FY[0-9]{2}H[12](?::.{1,100})?)$/;
const TOMBSTONE = object({ id: name(TOMBSTONE_ID, "a claim id or fund:FY27H1"), at: time }, { claim: CLAIM, fund: FUND }, (v) =>
  hasOwn(v, "claim") && hasOwn(v, "fund") ? "expected a claim or a fund, not both" : null,
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

/**
 * What would be lost by keying the lists by id: a claim id twice, funds of one usage period
 * and category twice, a bin entry twice or for a claim or fund that is not deleted. One line
 * each, naming both places. (JSON Schema cannot say this; the schema's description does.)
 */
export function duplicates(w) {
  const errors = [],
    seen = new Map();
  const once = (k, path, what) => {
    if (seen.has(k))
      errors.push(
        path + ": expected " + what + " once, but got " + describe(k.replace(/^claim:/, "")) + " again (as in " + seen.get(k) + ")",
      );
    else seen.set(k, path);
  };
  (Array.isArray(w.claims) ? w.claims : []).forEach(
    (c, i) => isObject(c) && typeof c.id === "string" && once("claim:" + c.id, "claims[" + i + "].id", "each claim id"),
  );
  (Array.isArray(w.funds) ? w.funds : []).forEach(
    (f, i) => isObject(f) && once("claim:" + fundKey(f), "funds[" + i + "]", "the funds of a usage period and category"),
  );
  (Array.isArray(w.deleted) ? w.deleted : []).forEach((t, i) => {
    if (!isObject(t) || typeof t.id !== "string") return;
    const where = seen.get("claim:" + t.id);
    if (where && !where.startsWith("deleted"))
      errors.push(
        "deleted[" + i + "].id: expected a claim or fund that is deleted, but got " + describe(t.id) + ", which is also in " + where,
      );
    else once("claim:" + t.id, "deleted[" + i + "].id", "each deleted id");
  });
  return errors;
}

/** Problems of a claim, a fund or a workspace, one line each: "path: expected ..., but got ...". */
export const checkClaim = (claim, path = "claim") => run(CLAIM, claim, path);
export const checkFund = (fund, path = "fund") => run(FUND, fund, path);
export const checkWorkspace = (w) => {
  const errors = run(WORKSPACE, w, "");
  return isObject(w) ? errors.concat(duplicates(w)) : errors;
};

// ------------------------------------------------------------------ reading and writing

/** Brings an older file up to VERSION, one migration at a time. */
export function migrate(file, migrations = MIGRATIONS, target = VERSION) {
  let out = file;
  while (out.version < target) {
    const step = hasOwn(migrations, out.version) ? migrations[out.version] : null;
    if (typeof step !== "function") throw new Error("version: expected a version this portal can read, but got " + out.version);
    out = { ...step(out), version: out.version + 1 };
  }
  return out;
}

// Amounts to whole cents, so hand-edited fractions of a cent cannot drift the sums (they were
// checked first: none rounds past the largest amount).
// A fund or claim whose amounts are whole cents already is kept as it is, else copied.
function normalise(w) {
  const cents = (o) => {
    let out = o;
    for (const k of ["amount", "claimed", "approved", "paid", "earned"]) {
      const v = typeof o[k] === "number" ? toCents(o[k]) / 100 : o[k];
      if (v === o[k]) continue;
      if (out === o) out = { ...o };
      out[k] = v;
    }
    return out;
  };
  return { ...w, funds: w.funds.map(cents), claims: w.claims.map(cents) };
}

function parseText(textValue) {
  try {
    return { ok: true, value: JSON.parse(textValue) };
  } catch (e) {
    return { ok: false, error: "expected a workspace file (JSON), but the text is not JSON: " + e.message };
  }
}

// A file (parsed) checked whole: {ok: true, state, migrated} or {ok: false, errors}.
function readValue(file, migrations) {
  if (!isObject(file) || file.format !== FORMAT) {
    return {
      ok: false,
      errors: [
        "format: expected '" +
          FORMAT +
          "', but got " +
          describe(isObject(file) ? file.format : file) +
          ". Hint: this is not a workspace file",
      ],
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

/** Reads a workspace file or saved text: {ok: true, state, migrated} or {ok: false, errors}. Never throws. */
export function parseWorkspace(textValue, migrations = MIGRATIONS) {
  const parsed = parseText(textValue);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  try {
    return readValue(parsed.value, migrations);
  } catch (e) {
    return { ok: false, errors: ["expected a workspace file, but it could not be read: " + (e && e.message)] };
  }
}

/** The workspace as the text of a file (also what is saved in the browser). */
export const serializeWorkspace = (state) => JSON.stringify(state, null, 1) + "\n";

// ------------------------------------------------------------------ salvage

// An object with its unknown fields and its wrong optional ones left out, and wrong entries of
// its required lists left out: {value, dropped: [lines]}.
function repair(check, v, path) {
  const { need, all } = check.fields,
    out = {},
    dropped = [];
  for (const k of Object.keys(v)) {
    const c = all.get(k);
    if (!c) {
      dropped.push(join(path, k) + ": expected no such field, but got " + describe(v[k]) + "; left out");
      continue;
    }
    let value = v[k];
    // A required list, and a claim's log of changes (never dropped whole for one wrong entry):
    // each wrong entry left out, the right ones kept.
    if ((need.has(k) || k === "changes") && Array.isArray(value)) {
      value = [...new Set(value)].filter(
        (x, i) => !run(c, [x], join(path, k)).length || (dropped.push(join(path, k) + "[" + i + "]: left out"), false),
      );
    }
    const errors = run(c, value, join(path, k));
    if (!errors.length) Object.defineProperty(out, k, { value, enumerable: true, writable: true, configurable: true });
    else if (need.has(k)) return { value: null, dropped: errors };
    else dropped.push(...errors.map((e) => e + "; left out"));
  }
  return { value: out, dropped };
}

// The entries of a list still right (after repair), each with what was left out of it.
function salvageList(list, check, name, messages) {
  if (!Array.isArray(list)) {
    if (list !== undefined) messages.push(name + ": expected a list, but got " + describe(list) + "; kept in the backup");
    return [];
  }
  const out = [];
  list.forEach((x, i) => {
    const path = name + "[" + i + "]";
    if (!isObject(x)) return void messages.push(path + ": expected an object, but got " + describe(x) + "; kept in the backup");
    const r = repair(check, x, path);
    const errors = r.value ? run(check, r.value, path) : r.dropped;
    if (r.value && !errors.length) {
      messages.push(...r.dropped);
      out.push(r.value);
    } else messages.push(...errors.slice(0, 3).map((e) => e + "; this entry is kept in the backup"));
  });
  return out;
}

// An id no claim or bin entry has yet: a1-2, a1-3, ...
function freshId(id, taken) {
  for (let n = 2; ; n++) {
    const candidate = id.slice(0, 60) + "-" + n;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * A workspace value this portal kept (IndexedDB's records put together) read as it is, when it
 * is whole and of this version: {workspace, status: "ok", messages: [], backup: null}, with no
 * text made and parsed again; null otherwise, and then readStored reads its text, the way a
 * file is read. Its objects become the workspace's (none is changed).
 */
export function readKept(value) {
  if (!isObject(value) || value.format !== FORMAT || value.version !== VERSION || checkWorkspace(value).length) return null;
  return { workspace: normalise({ deleted: [], ...value }), status: "ok", messages: [], backup: null };
}

/**
 * What can be read of what the browser kept for the workspace (its text, or the value a store
 * such as IndexedDB holds), for a page that must start whatever it is:
 * {workspace, status, messages, backup}. status is "new" (nothing kept), "ok", "migrated" or
 * "recovered"; then `backup` is the text as it was kept (to offer for download), `messages`
 * say what could not be read (path: expected ..., but got ...), and `workspace` holds every
 * fund, claim and bin entry still right: wrong optional fields and unknown fields are left out
 * of an entry, a claim whose id another one has is kept under a new id, a second copy of funds
 * or of a bin entry is left out, and a wrong `updated` is replaced. Pure; never throws.
 */
export function readStored(raw, now, migrations = MIGRATIONS) {
  if (raw === null || raw === undefined) return { workspace: emptyWorkspace(now), status: "new", messages: [], backup: null };
  let backup;
  try {
    backup = typeof raw === "string" ? raw : JSON.stringify(raw);
  } catch (e) {
    backup = undefined;
  }
  if (typeof backup !== "string") backup = String(Object.prototype.toString.call(raw));
  try {
    const parsed = typeof raw === "string" ? parseText(raw) : { ok: true, value: raw };
    if (!parsed.ok) return { workspace: emptyWorkspace(now), status: "recovered", messages: [parsed.error], backup };
    const whole = readValue(parsed.value, migrations);
    if (whole.ok) return { workspace: whole.state, status: whole.migrated ? "migrated" : "ok", messages: [], backup: null };
    const saved = salvage(parsed.value, now, migrations);
    return { workspace: saved.workspace, status: "recovered", messages: saved.renamed.concat(whole.errors), backup };
  } catch (e) {
    return {
      workspace: emptyWorkspace(now),
      status: "recovered",
      messages: ["expected a workspace, but it could not be read: " + (e && e.message ? e.message : String(e))],
      backup,
    };
  }
}

// The funds, claims and bin entries of damaged data that are each still right, and lines
// saying which claims were kept under a new id.
function salvage(value, now, migrations) {
  const out = emptyWorkspace(now),
    notes = [],
    renamed = [];
  if (!isObject(value)) return { workspace: out, renamed };
  let file = value;
  if (Number.isInteger(value.version) && value.version < VERSION) {
    try {
      file = migrate(value, migrations);
    } catch (e) {
      file = value;
    }
  }
  for (const [k, check] of [
    ["rules_version", text(100)],
    ["generation", text(100)],
  ]) {
    if (hasOwn(file, k) && !check(file[k])) out[k] = file[k];
  }
  if (hasOwn(file, "updated") && isTime(file.updated)) out.updated = file.updated;
  const funds = new Set();
  out.funds = salvageList(file.funds, FUND, "funds", notes).filter((f) => !funds.has(fundKey(f)) && funds.add(fundKey(f)));
  const claims = salvageList(file.claims, CLAIM, "claims", notes),
    taken = new Set(claims.map((c) => c.id)),
    seen = new Set();
  out.claims = claims.map((c) => {
    if (!seen.has(c.id)) return (seen.add(c.id), c);
    const id = freshId(c.id, taken);
    taken.add(id);
    renamed.push(
      "claims: a second claim with the id " + describe(c.id) + " (" + describe(c.name) + ") is kept under the new id " + describe(id),
    );
    return { ...c, id };
  });
  out.deleted = salvageList(file.deleted, TOMBSTONE, "deleted", notes).filter(
    (t) => !taken.has(t.id) && !funds.has(t.id) && (taken.add(t.id), true),
  );
  return { workspace: normalise(out), renamed };
}

/**
 * The record of saving to a file as the browser kept it (text, a value, or nothing), with only
 * its right fields: {file: when last saved to a file, opened: the name of the file opened,
 * savedUpdated: the workspace's `updated` then, since: the day changes began to wait}. Pure;
 * never throws, so a damaged record only makes the reminder come sooner.
 */
export function readFileRecord(raw) {
  let value = raw;
  if (typeof raw === "string") {
    try {
      value = JSON.parse(raw);
    } catch (e) {
      value = null;
    }
  }
  const out = {};
  if (!isObject(value)) return out;
  const date = new RegExp(DATE_PATTERN);
  if (hasOwn(value, "file") && isTime(value.file)) out.file = value.file;
  if (hasOwn(value, "opened") && typeof value.opened === "string" && value.opened.length <= 500) out.opened = value.opened;
  if (hasOwn(value, "savedUpdated") && isTime(value.savedUpdated)) out.savedUpdated = value.savedUpdated;
  if (hasOwn(value, "since") && typeof value.since === "string" && date.test(value.since)) out.since = value.since;
  return out;
}
