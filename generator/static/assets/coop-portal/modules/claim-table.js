// The claim table's order, filter and totals: pure functions of the claims and the rules' data.
// A column's sort key is worked out once per claim object (a changed claim is a new object).

import { toCents } from "./money.js";
import { sortedEntries, summedOver } from "./sorted.js";
import { claimTiming, stageDeadline, stageOf, statusOf } from "./workspace.js";

/** The columns a partner can sort the table by, in the table's order. */
export const SORTABLE = ["name", "claim_number", "activity", "dates", "status", "deadline", "amount", "claimed", "approved", "paid"];

/** The date a claim must still meet at its stage: before it is submitted its advised claim-by
 * date, or once that has passed (on `today`) the claim deadline; the resolution deadline while
 * Microsoft reviews it; none once approved, paid or closed. */
export function deadlineOf(claim, data, today = null) {
  const which = stageDeadline(stageOf(claim, data), data),
    t = claimTiming(claim, data);
  if (which === "claim") return today && t.claimBy && t.claimBy < today && t.claimDeadline ? t.claimDeadline : t.claimBy;
  if (which === "resolution") return t.resolutionDeadline;
  return null;
}

/** What the Deadline column says of a claim past the deadlines (approved, paid or closed): why
 * there is none, in the words of its status ("None (paid)"). */
export function noDeadline(claim, data) {
  const s = statusOf(claim.status, data);
  return "None (" + (s ? s.name : claim.status).toLowerCase() + ")";
}

// A status's place in the life cycle (data.statuses is in stage order); unknown ones last.
function statusRank(claim, data) {
  const s = statusOf(claim.status, data),
    i = s ? data.statuses.indexOf(s) : -1;
  return i < 0 ? data.statuses.length : i;
}

const money = (v) => (typeof v === "number" ? toCents(v) : null);
const keys = new WeakMap();
function keyOf(claim, column, data, activityName, today) {
  let k = keys.get(claim);
  if (!k || k.data !== data || k.today !== today) keys.set(claim, (k = { data, today }));
  if (column in k) return k[column];
  let v;
  if (column === "name") v = (claim.name || "").toLowerCase();
  else if (column === "claim_number") v = claim.claim_number || null;
  else if (column === "activity") v = activityName(claim.activity).toLowerCase();
  else if (column === "dates") v = claim.start + "/" + claim.end;
  else if (column === "status") v = statusRank(claim, data);
  else if (column === "deadline") v = deadlineOf(claim, data, today);
  else v = money(claim[column]);
  return (k[column] = v);
}

const compare = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

// By start, then name. (localeCompare without a locale: in Chromium 156 and node 20 it is about
// twice as fast as a shared Intl.Collator's compare on plain names, with the same order.)
const byStart = (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.name.localeCompare(b.name));
const one = (c) => [c];
let listed = null;

/** The claims in the list's own order, by start, then name (ties in the workspace's order); a list
 * shared by every caller, never to be changed. After an edit only the changed claim moves. */
export function listOrder(claims) {
  listed = sortedEntries(listed, claims, one, byStart);
  return listed.entries;
}

/**
 * The claims (already in the list's own order: by start, then name) sorted by `sort`
 * ({column, dir: "ascending" | "descending"}); ties keep the list's order, and claims without
 * a value (no claim number, no deadline, no amount approved) come last either way. A new array;
 * `claims` itself when there is no sort.
 */
export function sortClaims(claims, sort, data, activityName = (id) => id, today = null) {
  if (!sort || !SORTABLE.includes(sort.column)) return claims;
  const sign = sort.dir === "descending" ? -1 : 1;
  const keyed = claims.map((c, i) => [keyOf(c, sort.column, data, activityName, today), i, c]);
  keyed.sort(([a, i], [b, j]) => {
    if (a === null || b === null) return a === b ? i - j : a === null ? 1 : -1;
    return sign * compare(a, b) || i - j;
  });
  return keyed.map((x) => x[2]);
}

/** The sort after a click on a column's header: ascending first, then the other way round. */
export function nextSort(sort, column) {
  return sort && sort.column === column && sort.dir === "ascending" ? { column, dir: "descending" } : { column, dir: "ascending" };
}

/** Whether a claim shows under the status filter (a status id; "" shows all). */
export const statusMatches = (claim, status, data) => !status || (statusOf(claim.status, data) || { id: claim.status }).id === status;

// What a claim adds to the totals, once per claim object and rules' data: its status (id, name,
// place in the life cycle), currency and amounts in cents.
const totalled = new WeakMap();
function totalFacts(c, data) {
  let x = totalled.get(c);
  if (x && x.data === data) return x;
  const s = statusOf(c.status, data),
    cents = (v) => money(v) || 0;
  x = { data, id: s ? s.id : c.status, name: s ? s.name : c.status, rank: statusRank(c, data), currency: c.currency || "USD" };
  Object.assign(x, { planned: cents(c.amount), claimed: cents(c.claimed), approved: cents(c.approved), paid: cents(c.paid) });
  totalled.set(c, x);
  return x;
}

/**
 * The totals by status, in life-cycle order, of the statuses the claims have:
 * [{status, name, count, totals: [{currency, planned, claimed, approved, paid}]}], amounts in
 * cents, one entry per currency (a claim's own, USD when it names none).
 */
export function totalsByStatus(claims, data) {
  // After an edit or a tick (the claims where they were but a few), only those are taken out and added again.
  const last = summedOver(summed.get(data) || null, claims, {
    empty: () => new Map(),
    copy: copySums,
    add: (by, c, sign) => addSums(by, totalFacts(c, data), sign),
  });
  summed.set(data, last);
  const by = last.sums;
  return [...by.values()]
    .filter((t) => t.count > 0)
    .sort((a, b) => a.rank - b.rank || compare(a.status, b.status))
    .map(({ status, name, count, money: m }) => ({
      status,
      name,
      count,
      totals: [...m.values()]
        .filter((x) => x.count > 0)
        .map(({ currency, planned, claimed, approved, paid }) => ({ currency, planned, claimed, approved, paid }))
        .sort((a, b) => compare(a.currency, b.currency)),
    }));
}

// The sums by status and currency last worked out, by rules' data (summedOver).
const summed = new WeakMap();
// A claim's amounts added to (sign 1) or taken from (-1) the sums: status id -> {status, name,
// rank, count, money: currency -> {currency, count, planned, claimed, approved, paid}}.
function addSums(by, x, sign) {
  let t = by.get(x.id);
  if (!t) by.set(x.id, (t = { status: x.id, name: x.name, rank: x.rank, count: 0, money: new Map() }));
  t.count += sign;
  let m = t.money.get(x.currency);
  if (!m) t.money.set(x.currency, (m = { currency: x.currency, count: 0, planned: 0, claimed: 0, approved: 0, paid: 0 }));
  m.count += sign;
  m.planned += sign * x.planned;
  m.claimed += sign * x.claimed;
  m.approved += sign * x.approved;
  m.paid += sign * x.paid;
}
const copySums = (by) => new Map([...by].map(([k, t]) => [k, { ...t, money: new Map([...t.money].map(([c, m]) => [c, { ...m }])) }]));
