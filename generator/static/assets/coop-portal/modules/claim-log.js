// A claim's log of changes: what one action changed on a claim, as entries appended to the
// claim's `changes` (an entry, once there, is never changed or removed), the union of two
// copies' logs when tabs or a file are merged, and each entry in a partner's words.
//
// An entry is {at, kind, field?, from?, to?, day?}: `at` is the time of the change (the claim's
// new `updated` stamp), `kind` one of CHANGE_KINDS, `field` the field, status or proof item it
// is about, `from` and `to` the values before and after as text (none for long text such as
// notes: the log says they changed, never what they say), `day` the day a status happened.

import { CHANGE_KINDS, isTime } from "./workspace-file.js";
import { formatMoney, toCents } from "./money.js";
import { CHANGE_FIELDS, longDate } from "./words.js";
import { EDITABLE, checklistUnits, own, statusOf } from "./workspace.js";

export { CHANGE_KINDS };

// The fields logged with their values before and after; notes and the next action (long
// text) are only said to have changed.
const VALUED = EDITABLE.filter((k) => k !== "notes" && k !== "next_action");
const MONEY = new Set(["amount", "claimed", "approved", "paid"]);
const DATES = new Set(["start", "end", "next_action_due"]);
const KIND_RANK = new Map(CHANGE_KINDS.map((k, i) => [k, i]));

const text = (v) => (v === undefined || v === null || v === "" ? undefined : String(v));
// An entry with only the keys that have a value, always in one order (so equal entries are equal as text).
function entry(at, kind, extra = {}) {
  const out = { at, kind };
  for (const k of ["field", "from", "to", "day"]) if (extra[k] !== undefined) out[k] = extra[k];
  return out;
}
const statusKey = (s) =>
  String(s)
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");
const hashOf = (c, item) => own(c.tick_hashes, item);

/**
 * The entries to append to a claim for one action, oldest to newest: `before` is the claim as
 * it was (null for a new claim), `after` as it is now, `at` the time of the change (ISO). Only
 * what a partner changed is logged (not `updated`, `flags` or the log itself).
 */
export function claimEntries(before, after, at) {
  if (!after) return [];
  if (!before) {
    const status = statusKey(after.status);
    const out = [entry(at, "created", { to: after.status, day: own(after.status_dates, status) })];
    for (const item of after.ticked || []) out.push(entry(at, "ticked", { field: item }));
    return out;
  }
  const out = [];
  if (before.status !== after.status) {
    out.push(entry(at, "status", { from: before.status, to: after.status, day: own(after.status_dates, statusKey(after.status)) }));
  }
  const was = before.status_dates || {},
    now = after.status_dates || {},
    newStatus = before.status !== after.status ? statusKey(after.status) : null;
  for (const k of new Set([...Object.keys(was), ...Object.keys(now)])) {
    if (own(was, k) === own(now, k) || (k === newStatus && own(was, k) === undefined)) continue;
    out.push(entry(at, "status-day", { field: k, from: own(was, k), to: own(now, k) }));
  }
  for (const k of VALUED) {
    const from = text(before[k]),
      to = text(after[k]);
    if (from !== to) out.push(entry(at, "field", { field: k, from, to }));
  }
  if ((before.notes || "") !== (after.notes || "")) out.push(entry(at, "field", { field: "notes" }));
  const na = before.next_action || {},
    nb = after.next_action || {};
  if ((na.text || "") !== (nb.text || "")) out.push(entry(at, "field", { field: "next_action" }));
  if (text(na.due) !== text(nb.due)) out.push(entry(at, "field", { field: "next_action_due", from: text(na.due), to: text(nb.due) }));
  const had = new Set(before.ticked || []),
    has = new Set(after.ticked || []);
  for (const item of has) {
    if (!had.has(item) || hashOf(before, item) !== hashOf(after, item)) out.push(entry(at, "ticked", { field: item }));
  }
  for (const item of had) if (!has.has(item)) out.push(entry(at, "unticked", { field: item }));
  const ea = before.evidence || {},
    eb = after.evidence || {};
  for (const item of new Set([...Object.keys(ea), ...Object.keys(eb)])) {
    const ids = (log) => new Set((log || []).map((e) => e.id)),
      old = ids(own(ea, item)),
      fresh = ids(own(eb, item));
    for (const id of fresh) if (!old.has(id)) out.push(entry(at, "evidence-added", { field: item }));
    for (const id of old) if (!fresh.has(id)) out.push(entry(at, "evidence-removed", { field: item }));
  }
  return out;
}

/** The claim with `entries` appended to its log (the same claim when there are none). */
export function appendEntries(claim, entries) {
  if (!entries.length) return claim;
  return { ...claim, changes: (claim.changes || []).concat(entries) };
}

// The time of a change to `claim`: its new `updated` stamp, else `now`.
const stampOf = (claim, now) => (claim && isTime(claim.updated) ? claim.updated : now);

/**
 * The workspace `after` one action on `before`, with each changed claim's entries appended:
 * claims added or edited, claims moved into the bin (deleted) and out of it (restored). `now`
 * is the action's time. The same object when nothing is to be logged.
 */
export function logWorkspace(before, after, now) {
  if (before === after) return after;
  // Claims are looked up by position first (an edit keeps each claim where it was), by id
  // only past a claim that moved, so an edit costs little with 50,000 claims.
  let byId = null,
    bins = null;
  const idsOf = () => byId || (byId = new Map(before.claims.map((x) => [x.id, x])));
  const binned = (id) => (bins || (bins = new Map((before.deleted || []).filter((t) => t.claim).map((t) => [t.id, t])))).has(id);
  let claims = after.claims;
  for (let i = 0; i < after.claims.length; i++) {
    const c = after.claims[i],
      at = before.claims[i];
    if (at === c) continue;
    const was = at && at.id === c.id ? at : idsOf().get(c.id) || null;
    if (was === c) continue;
    const entries = was
      ? claimEntries(was, c, stampOf(c, now))
      : binned(c.id)
        ? [entry(stampOf(c, now), "restored")]
        : claimEntries(null, c, c.created && isTime(c.created) ? c.created : stampOf(c, now));
    if (!entries.length) continue;
    if (claims === after.claims) claims = after.claims.slice();
    claims[i] = appendEntries(c, entries);
  }
  // Claims moved into the bin by this action: each says it was deleted.
  let deleted = after.deleted || [];
  if (deleted !== (before.deleted || [])) {
    const old = new Set(before.deleted || []),
      live = new Set(after.claims.map((c) => c.id));
    deleted = deleted.map((t) =>
      old.has(t) || !t.claim || live.has(t.id) || !idsOf().has(t.id)
        ? t
        : { ...t, claim: appendEntries(t.claim, [entry(isTime(t.at) ? t.at : now, "deleted")]) },
    );
    if (deleted.every((t, i) => t === after.deleted[i])) deleted = after.deleted;
  }
  return claims === after.claims && deleted === after.deleted ? after : { ...after, claims, deleted };
}

// ------------------------------------------------------------------ merging

const order = (x, y) => (x < y ? -1 : x > y ? 1 : 0);
const keyOf = (e) => JSON.stringify([e.at, e.kind, e.field, e.from, e.to, e.day]);

/** Two entries in time order (ties: by kind as CHANGE_KINDS lists them, then as text), the same for any copy. */
export function byTime(a, b) {
  return (
    order(a.at || "", b.at || "") ||
    (KIND_RANK.get(a.kind) ?? CHANGE_KINDS.length) - (KIND_RANK.get(b.kind) ?? CHANGE_KINDS.length) ||
    order(keyOf(a), keyOf(b))
  );
}

/** The union of logs (each a list, or undefined): every entry once, in time order. */
export function unionLogs(...logs) {
  const seen = new Map();
  for (const log of logs) for (const e of log || []) if (!seen.has(keyOf(e))) seen.set(keyOf(e), e);
  return [...seen.values()].sort(byTime);
}

/**
 * `claim` holding the union of its own log and the logs of `others` (other copies of it: the
 * other tab's, the file's, the one in the bin). The same claim when that adds nothing, so a
 * merge keeps unchanged claims as they are.
 */
export function withLogsOf(claim, ...others) {
  if (!claim) return claim;
  const mine = claim.changes || [];
  const extra = others.filter((o) => o && o.changes && o.changes !== claim.changes && o.changes.length);
  if (!extra.length) return claim;
  const known = new Set(mine.map(keyOf));
  if (extra.every((o) => o.changes.every((e) => known.has(keyOf(e))))) return claim;
  return { ...claim, changes: unionLogs(mine, ...extra.map((o) => o.changes)) };
}

/** The bin entry `win` (the later of two for one claim), its claim holding what `lose`'s copy
 * logged too; `win` itself when that adds nothing. */
export function binWithLogsOf(win, lose) {
  const claim = win.claim && lose.claim ? withLogsOf(win.claim, lose.claim) : win.claim;
  return claim === win.claim ? win : { ...win, claim };
}

/**
 * The workspace `w` with each of its claims (live or in the bin) holding what the copy of it in
 * `other` logged too: a file's claims left out of a merge ("keep my versions") still bring
 * their entries. The same workspace when that adds nothing.
 */
export function withLogsFrom(w, other) {
  const copies = new Map();
  for (const c of other.claims) copies.set(c.id, c);
  for (const t of other.deleted || []) if (t.claim && !copies.has(t.id)) copies.set(t.id, t.claim);
  if (!copies.size) return w;
  const claims = w.claims.map((c) => withLogsOf(c, copies.get(c.id)));
  const deleted = (w.deleted || []).map((t) => {
    const claim = t.claim && withLogsOf(t.claim, copies.get(t.id));
    return claim === t.claim ? t : { ...t, claim };
  });
  const same = (a, b) => a.every((x, i) => x === b[i]);
  return same(claims, w.claims) && same(deleted, w.deleted || []) ? w : { ...w, claims, deleted };
}

// ------------------------------------------------------------------ words

// A proof item's text on the claim's checklist, else its id in words.
function itemText(claim, item, data) {
  const a = data && own(data.activities, claim.activity),
    t = a ? own(checklistUnits(a.checklist).texts, item) : undefined;
  return t || item.replace(/^(poe|core|evidence)-/, "").replace(/-/g, " ");
}
const statusName = (s, data) => (s === undefined ? "" : data ? (statusOf(s, data) || { name: s }).name : s);

// A logged value of `field` in words: money in the claim's currency, dates in words, names for ids.
function valueText(field, v, claim, data) {
  if (v === undefined) return "";
  if (MONEY.has(field) && isFinite(Number(v))) return formatMoney(toCents(Number(v)), claim.currency || "USD");
  if (DATES.has(field)) return /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDate(v) : v;
  if (field === "activity" && data) return (own(data.activities, v) || { name: v }).name;
  if (field === "fund_category" && !v) return data ? data.defaultFund : "";
  return v;
}

/** What an entry of `claim`'s log says, in a sentence without its time: "Status changed from Planned to Submitted (on 2 September 2026)." */
export function changeText(e, claim, data) {
  const on = e.day && /^\d{4}-\d{2}-\d{2}$/.test(e.day) ? " (on " + longDate(e.day) + ")" : "";
  switch (e.kind) {
    case "created":
      return "Claim created" + (e.to ? " with the status " + statusName(e.to, data) : "") + ".";
    case "status":
      return (e.from ? "Status changed from " + statusName(e.from, data) + " to " : "Status set to ") + statusName(e.to, data) + on + ".";
    case "status-day": {
      const name = statusName(e.field, data),
        d = (x) => (x && /^\d{4}-\d{2}-\d{2}$/.test(x) ? longDate(x) : x);
      if (e.from && e.to) return "Day of " + name + " changed from " + d(e.from) + " to " + d(e.to) + ".";
      return e.to ? "Day of " + name + " set to " + d(e.to) + "." : "Day of " + name + " removed (was " + d(e.from) + ").";
    }
    case "field": {
      const label = own(CHANGE_FIELDS, e.field) || e.field || "A field",
        from = valueText(e.field, e.from, claim, data),
        to = valueText(e.field, e.to, claim, data);
      if (e.from === undefined && e.to === undefined) return label + " changed.";
      if (e.from === undefined) return label + " set to " + to + ".";
      if (e.to === undefined) return label + " removed (was " + from + ").";
      return label + " changed from " + from + " to " + to + ".";
    }
    case "ticked":
      return "Ticked: " + itemText(claim, e.field || "", data);
    case "unticked":
      return "Unticked: " + itemText(claim, e.field || "", data);
    case "evidence-added":
      return "Proof logged for: " + itemText(claim, e.field || "", data);
    case "evidence-removed":
      return "Proof taken off the log of: " + itemText(claim, e.field || "", data);
    case "deleted":
      return "Claim deleted.";
    case "restored":
      return "Claim restored.";
    default:
      return "Changed.";
  }
}

/** The latest `limit` entries of a claim's log, newest first, and how many there are: {shown, total}. */
export function latestChanges(claim, limit = Infinity) {
  const log = claim.changes || [];
  const shown = log.slice(Math.max(0, log.length - limit)).reverse();
  return { shown, total: log.length };
}
