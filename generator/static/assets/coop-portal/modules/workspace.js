// The workspace as one plain object (the saved file's shape, amounts in currency units),
// changed by small functions that return a new one; selectors count in cents. Reducers take
// `at` = {now: ISO time, today: the viewer's date}; `data` is the site's browser data
// (generator/browser_data.py), which declares the stages, statuses and open statuses.

import { activityTiming, addMonths, daysLeft, maxDate, paymentWindow, periodFor, periodOfUsage } from "./dates.js";
import { percentOf, sumCents, toCents } from "./money.js";
import { PAYMENT_LATE, SPLIT_ADVICE } from "./words.js";
import { NONE, changedAt, sortedEntries, summedOver } from "./sorted.js";
import { checkClaim, checkFund, emptyWorkspace, fundKey, nextStamp } from "./workspace-file.js";

export { emptyWorkspace, paymentWindow };

const SUBMITTED = new Set(["review", "action", "approved", "paid"]);
/** The fields of a claim a partner edits (claim-log.js logs the values of all but the long texts). */
export const EDITABLE = [
  "name",
  "activity",
  "start",
  "end",
  "amount",
  "currency",
  "usage_period",
  "fund_category",
  "claim_number",
  "claimed",
  "approved",
  "paid",
  "notes",
  "next_action",
];

/** obj[k] when obj has k itself (never one of Object's own properties, like "constructor"). */
export const own = (obj, k) => (obj && Object.prototype.hasOwnProperty.call(obj, k) ? obj[k] : undefined);

const cache = new WeakMap();
const memo = (object, make) => cache.get(object) || cache.set(object, make(object)).get(object);

/** A fresh random id. */
export function newId() {
  const c = globalThis.crypto;
  if (c && c.getRandomValues) return Array.from(c.getRandomValues(new Uint8Array(9)), (b) => (b + 256).toString(16).slice(1)).join("");
  return Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
}

// ------------------------------------------------------------------ statuses

const key = (s) =>
  String(s)
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, "-");

/** The status a stored text names (its id, name or an alias, in any case), or null. */
export function statusOf(status, data) {
  const index = memo(data.statuses, (list) => {
    const map = new Map();
    for (const s of list) for (const name of [s.id, s.name, ...(s.aliases || [])]) if (!map.has(key(name))) map.set(key(name), s);
    return map;
  });
  return index.get(key(status)) || null;
}

/** The stage of a claim's status; an unknown status counts as the first stage (money still to spend). */
export function stageOf(claim, data) {
  return derive(claim, data, "stage", () => {
    const status = statusOf(claim.status, data);
    return status ? status.stage : data.stages[0].id;
  });
}

/** The deadline a claim at `stage` must still meet: "claim", "resolution" or null (data.stages). */
export function stageDeadline(stage, data) {
  const found = data.stages.find((s) => s.id === stage);
  return (found && found.deadline) || null;
}

// ------------------------------------------------------------------ checklists

/**
 * A checklist as the portal carries it ({sections: [{entries: [{id, text, hash, options?}]}]}):
 * the units that count (each item, and each entry with options once) and each tick box's
 * hash and text.
 */
export const checklistUnits = (checklist) =>
  memo(checklist, (c) => {
    const hashes = Object.create(null),
      texts = Object.create(null),
      units = [];
    for (const entry of c.sections.flatMap((s) => s.entries)) {
      const boxes = entry.options && entry.options.length ? entry.options : [entry];
      for (const b of boxes) ((hashes[b.id] = b.hash), (texts[b.id] = b.text));
      units.push({ id: entry.id, text: entry.text, boxes: boxes.map((b) => b.id) });
    }
    return { units, hashes, texts };
  });

/**
 * A claim's ticks against a checklist: done and total units, each item's state ("ticked",
 * "changed" when its wording changed since, or "open"), and ticked ids no longer listed.
 */
export function checklistProgress(claim, checklist) {
  const { units, hashes } = checklistUnits(checklist);
  const ticks = claim.tick_hashes,
    items = Object.create(null);
  for (const id of Object.keys(hashes)) {
    items[id] = !claim.ticked.includes(id) ? "open" : own(ticks, id) && ticks[id] !== hashes[id] ? "changed" : "ticked";
  }
  const done = units.filter((u) => u.boxes.some((id) => items[id] === "ticked")).length;
  return { done, total: units.length, items, removed: claim.ticked.filter((id) => !(id in hashes)) };
}

// ------------------------------------------------------------------ reducers

function stamp(at) {
  if (!at || !at.now || !at.today) throw new Error("at: expected {now, today}");
}
// The stamp of a change to a record last changed at these times: `at.now`, or just after the
// latest of them when that is later (a copy dated in the future, from a wrong clock, must not
// win over this change, or undo this deletion, when two copies are merged).
const after = (at, ...times) => nextStamp(at.now, times.filter(Boolean).sort().pop() || "");

function check(value, checker) {
  const errors = checker(value);
  if (errors.length) throw new Error(errors.join("\n"));
  return value;
}

function mapClaim(state, id, at, change) {
  stamp(at);
  let found = false;
  const claims = state.claims.map((c) => {
    if (c.id !== id) return c;
    found = true;
    return check({ ...change(c), updated: after(at, c.updated) }, checkClaim);
  });
  return found ? { ...state, claims, updated: at.now } : state;
}

function set(object, name, value) {
  const out = { ...object };
  if (value === null || value === undefined || value === "") delete out[name];
  else out[name] = value;
  return out;
}

/**
 * Records the co-op available in a usage period ('FY27H1') and fund category (extra.category;
 * none for the default one); amount in currency units. Recording it again replaces it.
 */
export function setFunds(state, usage, amount, at, currency = "USD", extra = {}) {
  stamp(at);
  const key = fundKey({ usage_period: usage, category: extra.category });
  const old = state.funds.find((f) => fundKey(f) === key),
    bin = (state.deleted || []).find((t) => t.id === key);
  const fund = check(
    set(
      { ...old, ...extra, usage_period: usage, amount, currency, updated: after(at, old && old.updated, bin && bin.at) },
      "category",
      extra.category,
    ),
    checkFund,
  );
  const funds = state.funds
    .filter((f) => fundKey(f) !== key)
    .concat([fund])
    .sort((a, b) => (fundKey(a) < fundKey(b) ? -1 : 1));
  return { ...state, funds, deleted: (state.deleted || []).filter((t) => t.id !== key), updated: at.now };
}

/** Removes the funds of a usage period (and category) into the bin, so another tab cannot bring them back. */
export function removeFunds(state, usage, at, category) {
  stamp(at);
  const key = fundKey({ usage_period: usage, category });
  const fund = state.funds.find((f) => fundKey(f) === key);
  if (!fund) return state;
  return {
    ...state,
    funds: state.funds.filter((f) => f !== fund),
    deleted: (state.deleted || []).concat([{ id: key, at: after(at, fund.updated), fund }]),
    updated: at.now,
  };
}

/** Sets funds from an Earnings report (earnings.js): none where co-op stayed under the threshold. */
export function importEarnings(state, result, at) {
  return result.periods.reduce(
    (s, p) => setFunds(s, p.usageHalf, p.thresholdMet ? p.cents / 100 : 0, at, "USD", { source: "earnings", earned: p.cents / 100 }),
    state,
  );
}

/** Adds a claim; fields as in the file (name, activity, start, end, amount, status, ...). The page
 * passes data.planningStatuses[0] as a new claim's status; "planned" stands in when none is given. */
export function addClaim(state, fields, at, id = newId()) {
  stamp(at);
  const status = fields.status || "planned";
  let claim = { id, name: "", currency: "USD", ticked: [], created: at.now };
  for (const name of EDITABLE) if (name in fields) claim = set(claim, name, fields[name]);
  claim = check({ ...claim, status, status_dates: { [key(status)]: at.today }, updated: at.now }, checkClaim);
  return { ...state, claims: state.claims.concat([claim]), updated: at.now };
}

/** Changes a claim's own fields; null or "" removes an optional one. */
export function updateClaim(state, id, patch, at) {
  for (const name of Object.keys(patch)) if (!EDITABLE.includes(name)) throw new Error(name + ": not a field you can change");
  return mapClaim(state, id, at, (c) => Object.keys(patch).reduce((o, name) => set(o, name, patch[name]), c));
}

/** Moves a claim to a status (an id from data.statuses) and records the day it did. */
export function setStatus(state, id, status, at) {
  return mapClaim(state, id, at, (c) => ({ ...c, status, status_dates: { ...c.status_dates, [key(status)]: at.today } }));
}

/** Changes the day a claim's status happened (its history), the status itself left as it is. */
export function setStatusDay(state, id, status, day, at) {
  return mapClaim(state, id, at, (c) => ({ ...c, status_dates: { ...c.status_dates, [key(status)]: day } }));
}

/** Ticks a checklist item of a claim, remembering the wording (hash) that was ticked. */
export function tick(state, id, item, hash, at) {
  return mapClaim(state, id, at, (c) => ({
    ...c,
    ticked: c.ticked.includes(item) ? c.ticked : c.ticked.concat([item]),
    tick_hashes: { ...c.tick_hashes, [item]: hash },
  }));
}

export function untick(state, id, item, at) {
  return mapClaim(state, id, at, (c) => {
    const hashes = { ...c.tick_hashes };
    delete hashes[item];
    return set({ ...c, ticked: c.ticked.filter((x) => x !== item) }, "tick_hashes", Object.keys(hashes).length ? hashes : null);
  });
}

/** Logs where a piece of proof is kept (a file name or location, never the file) and a note. */
export function addEvidence(state, id, item, entry, at, entryId = newId()) {
  return mapClaim(state, id, at, (c) => {
    const log = (own(c.evidence, item) || []).concat([{ id: entryId, file: entry.file || "", note: entry.note || "", at: at.today }]);
    return { ...c, evidence: { ...c.evidence, [item]: log } };
  });
}

export function removeEvidence(state, id, item, entryId, at) {
  return mapClaim(state, id, at, (c) => {
    const evidence = { ...c.evidence, [item]: (own(c.evidence, item) || []).filter((e) => e.id !== entryId) };
    if (!evidence[item].length) delete evidence[item];
    return set(c, "evidence", Object.keys(evidence).length ? evidence : null);
  });
}

/** Deletes a claim into the bin, whole, so it can be restored and another tab keeps it deleted. */
export function deleteClaim(state, id, at) {
  stamp(at);
  const claim = state.claims.find((c) => c.id === id);
  if (!claim) return state;
  return {
    ...state,
    claims: state.claims.filter((c) => c !== claim),
    deleted: (state.deleted || []).filter((t) => t.id !== id).concat([{ id, at: after(at, claim.updated), claim }]),
    updated: at.now,
  };
}

/** Brings a deleted claim back (undo), newer than its deletion. */
export function restoreClaim(state, id, at) {
  stamp(at);
  const bin = (state.deleted || []).find((t) => t.id === id && t.claim);
  if (!bin || state.claims.some((c) => c.id === id)) return state;
  return {
    ...state,
    claims: state.claims.concat([{ ...bin.claim, updated: after(at, bin.at, bin.claim.updated) }]),
    deleted: state.deleted.filter((t) => t !== bin),
    updated: at.now,
  };
}

/**
 * After a rules update every claim keeps its data and is flagged for what changed (workspace-file.js
 * FLAGS); a status written as a name or alias ('Gathering proof') is stored as its id.
 */
export function reconcile(state, data) {
  let changed = false;
  const claims = state.claims.map((c) => {
    const next = reconcileClaim(c, data);
    changed = changed || next !== c;
    return next;
  });
  return changed ? { ...state, claims } : state;
}

/** One claim as reconcile leaves it: the same object when nothing changes. */
export function reconcileClaim(c, data) {
  const flags = [],
    activity = own(data.activities, c.activity),
    status = statusOf(c.status, data);
  if (!activity) flags.push("activity-removed");
  else {
    // Ticks whose item was reworded since (checklistProgress "changed"), and ticks of items gone.
    const { hashes } = checklistUnits(activity.checklist),
      ticks = c.tick_hashes;
    let reworded = false,
      gone = false;
    for (const id of c.ticked) {
      if (!(id in hashes)) gone = true;
      else if (own(ticks, id) && ticks[id] !== hashes[id]) reworded = true;
    }
    if (reworded) flags.push("checklist-changed");
    if (gone) flags.push("items-removed");
  }
  if (!status) flags.push("unknown-status");
  const was = c.flags,
    sameFlags = flags.length ? Array.isArray(was) && was.length === flags.length && flags.every((f, i) => was[i] === f) : was === undefined;
  if (sameFlags && (!status || status.id === c.status)) return c;
  return set({ ...c, status: status ? status.id : c.status }, "flags", flags.length ? flags : null);
}

// ------------------------------------------------------------------ selectors

// What a claim's own fields decide, worked out once per claim object (a changed claim is a new
// object) and rules' data: the list, the dashboard and the caps ask for it on every redraw.
const derived = new WeakMap();
function derive(claim, data, name, make) {
  let d = derived.get(claim);
  if (!d || d.data !== data) derived.set(claim, (d = { data }));
  return name in d ? d[name] : (d[name] = make());
}

// Days left to each day asked for, per rules' data and viewer's day: the claims of a period
// share their deadlines, so 50,000 claims ask for a few days.
const lefts = new WeakMap();
/** dates.js daysLeft(ctx.today, day, data, ctx.zone), worked out once per day, rules' data and ctx. */
export function daysUntil(day, data, ctx) {
  const zone = ctx.zone || "";
  let c = lefts.get(data);
  if (!c || c.today !== ctx.today || c.zone !== zone) lefts.set(data, (c = { today: ctx.today, zone, days: new Map() }));
  let n = c.days.get(day);
  if (n === undefined && !c.days.has(day)) c.days.set(day, (n = daysLeft(ctx.today, day, data, ctx.zone)));
  return n;
}

// What a claim's fields decide on one day (ctx = {today, zone?}: its money, its lines in "What
// needs you"), worked out once per claim object, rules' data and day, so a redraw after an edit
// works out only the claim it changed. What it gives is shared: callers never change it.
const daily = new WeakMap();
export function onDay(claim, data, ctx, name, make) {
  const today = ctx.today,
    zone = ctx.zone || "";
  let d = daily.get(claim);
  if (!d || d.data !== data || d.today !== today || d.zone !== zone) daily.set(claim, (d = { data, today, zone, got: new Map() }));
  const v = d.got.get(name);
  if (v !== undefined || d.got.has(name)) return v;
  const made = make();
  d.got.set(name, made);
  return made;
}

/** The usage half a claim draws on: its own choice, else the one its activity starts in. */
export const claimUsage = (claim, data) => claim.usage_period || derive(claim, data, "usage", () => periodFor(claim.start, data).usageHalf);

/** dates.js activityTiming for a claim. */
export const claimTiming = (claim, data) =>
  derive(claim, data, "timing", () => activityTiming(claim.start, claim.end, data, claim.usage_period));

/** What a claim holds of its period's funds (cents): planned, claimed or approved; 0 once closed. */
export function committedCents(claim, stage) {
  if (stage === "closed") return 0;
  const pick = stage === "approved" || stage === "paid" ? [claim.approved, claim.claimed] : SUBMITTED.has(stage) ? [claim.claimed] : [];
  const value = pick.find((x) => typeof x === "number");
  return toCents(value === undefined ? claim.amount : value);
}

/** Until when a claim's proof is kept: retention months from the later of earning end and claim deadline. */
export function keepUntil(claim, data) {
  const p = periodOfUsage(claimUsage(claim, data), data);
  return addMonths(maxDate(p.earningEnd, p.claimDeadline), data.retentionMonths);
}

/**
 * What to do next on a claim, {kind, text, due}: the user's own, else what its stage asks under
 * the period rules. A claim not yet submitted whose dates break them is to be fixed first (kind
 * "split" for an activity across two usage periods, in the timing checker's words, or "fix");
 * on the viewer's `today` (optional) an activity that has ended is to be submitted (kind
 * "submit", due the claim-by date, or the claim deadline once that date has passed), whatever
 * step its planning status still names.
 */
export function nextAction(claim, data, today) {
  if (claim.next_action && claim.next_action.text) return { kind: "own", text: claim.next_action.text, due: claim.next_action.due || null };
  const stage = stageOf(claim, data),
    t = claimTiming(claim, data),
    status = statusOf(claim.status, data);
  const id = status ? status.id : "",
    step = status && status.nextStep;
  if (stageDeadline(stage, data) === "claim" && t.status !== "ok") {
    if (t.status === "spans-periods")
      return { kind: "split", text: "The activity spans two usage periods: " + SPLIT_ADVICE, due: t.claimDeadline || null };
    if (t.status === "end-before-start") return { kind: "fix", text: "Correct the dates: the activity ends before it starts", due: null };
    if (t.status === "outside-period")
      return {
        kind: "fix",
        text: "Move the activity's dates inside usage period " + t.period + ", or choose the usage period it runs in",
        due: t.claimDeadline,
      };
  }
  if (today && t.claimBy && stageDeadline(stage, data) === "claim" && claim.end < today)
    return { kind: "submit", text: "Submit the claim", due: t.claimBy < today ? t.claimDeadline : t.claimBy };
  // A planning status's own step: "start" on the activity's start, "collect" by its end.
  if (step)
    return step.due === "start"
      ? { kind: "start", text: step.text, due: claim.start }
      : { kind: "collect", text: step.text, due: claim.end };
  if (stageDeadline(stage, data) === "claim") return { kind: "submit", text: "Submit the claim", due: t.claimBy };
  if (stage === "review")
    return {
      kind: "wait",
      text: "Wait for Microsoft's review; it must be resolved before the resolution deadline",
      due: t.resolutionDeadline,
    };
  if (stage === "action")
    return { kind: "answer", text: "Answer Microsoft's questions and resubmit before the resolution deadline", due: t.resolutionDeadline };
  if (stage === "approved") {
    const on = own(claim.status_dates, id);
    const due = on && data.coopPayment ? paymentWindow(on, data)[1] : null;
    return { kind: "payment", text: today && due && due < today ? PAYMENT_LATE : "Wait for the payment", due };
  }
  if (stage === "paid") return { kind: "keep", text: "Keep the proof for audits", due: keepUntil(claim, data) };
  // Closed: what its status means, which may leave a step (a rejection can be disputed).
  return { kind: "none", text: status && status.meaning ? status.meaning.replace(/\.$/, "") : "Nothing left to do", due: null };
}

// Deadlines that still matter for a claim, by its stage's deadline.
function deadlinesOf(deadline, t) {
  if (deadline === "claim") {
    return t.claimBy === t.claimDeadline
      ? [["claim-deadline", t.claimDeadline]]
      : [
          ["claim-by", t.claimBy],
          ["claim-deadline", t.claimDeadline],
        ];
  }
  return deadline === "resolution" ? [["resolution-deadline", t.resolutionDeadline]] : [];
}

// What the dashboard takes from one claim that does not depend on the day, once per claim
// object: its stage, what it holds (cents), whether it still waits for its claim deadline, its
// deadlines as [kind, day], and whether its status waits on the partner (data.openStatuses).
const dashboardFacts = (claim, data) =>
  derive(claim, data, "dashboard", () => {
    const stage = stageOf(claim, data),
      deadline = stageDeadline(stage, data),
      status = statusOf(claim.status, data);
    return {
      stage,
      held: committedCents(claim, stage),
      byClaim: deadline === "claim",
      pairs: deadlinesOf(deadline, claimTiming(claim, data)),
      open: status !== null && data.openStatuses.includes(status.id),
    };
  });

// A claim's deadlines on ctx.today with the days left to each, and the dashboard's list it
// goes in: {entry, list}, or null when no claim or resolution deadline still applies to it.
function dueOf(claim, data, ctx, stage, pairs, open) {
  const deadlines = pairs.map(([kind, day]) => ({ kind, day, daysLeft: daysUntil(day, data, ctx) }));
  const hard = deadlines.filter((d) => d.kind !== "claim-by");
  if (!hard.length) return null;
  const soonest = Math.min(...hard.map((d) => d.daysLeft));
  const entry = { id: claim.id, name: claim.name, stage, deadlines, daysLeft: soonest };
  // Past the claim deadline unsubmitted, or past the resolution deadline in a status that
  // waits on the partner (data.openStatuses): the money is lost, not at risk.
  if (soonest < 0 && (hard.some((d) => d.kind === "claim-deadline") || open)) return { entry, list: "lost" };
  if (soonest < 0) return { entry, list: "overdue" };
  if (soonest <= data.warnDays) return { entry, list: "dueSoon" };
  return { entry, list: deadlines.some((d) => d.kind === "claim-by" && d.daysLeft < 0) ? "pastClaimBy" : null };
}

/**
 * One usage period's money in cents: available, planned, claimed, approved, paid, atRisk (money
 * whose claim or resolution deadline is within warnDays, or past while Microsoft reviews it),
 * lost (held by claims past the claim deadline unsubmitted, or past the resolution deadline
 * waiting on the partner: those are listed in forfeited), remaining (not yet planned), toClaim
 * (not yet submitted) and forfeitOn (the claim deadline); the claims overdue or due soon against
 * those deadlines, with days to each, and those only past the advised claim-by date;
 * caps. ctx = {today, zone?}. Claims in another currency than the funds are listed in
 * otherCurrency, not added up.
 */
export function dashboard(state, data, usage, ctx) {
  const period = periodOfUsage(usage, data),
    { currency, available, categories } = fundsOf(state, usage),
    claims = claimsOf(state, data, usage),
    zone = ctx.zone || "";
  // What the claims add up to, taken over from the last time when only a few claims changed.
  let kept = dashed.get(data);
  if (!kept) dashed.set(data, (kept = new Map()));
  const was = kept.get(usage),
    same = was && was.funds === state.funds && was.today === ctx.today && was.zone === zone;
  const other = (c) => (c.currency || "USD") !== currency,
    partOf = (c) => onDay(c, data, ctx, "dashboard", () => dashboardPart(c, data, ctx));
  const summed = summedOver(same ? was.summed : null, claims, {
      empty: emptyParts,
      copy: copyParts,
      add: (s, c, sign) => {
        if (!other(c)) addPart(s, partOf(c), sign);
      },
    }),
    sums = summed.sums;
  // The lists in the claims' order, then by days left (sorted.js: only changed claims move).
  const lists = {};
  for (const name of DUE_LISTS) {
    const inList = (c) => {
      const due = other(c) ? null : partOf(c).due;
      return due && due.list === name ? [due.entry] : NONE;
    };
    lists[name] = sortedEntries(same && was.lists[name], claims, inList, byDaysLeft);
  }
  lists.other = sortedEntries(
    same && was.lists.other,
    claims,
    (c) => (other(c) ? [c] : NONE),
    () => 0,
  );
  kept.set(usage, { funds: state.funds, today: ctx.today, zone, summed, lists });
  const out = {
    usage,
    period,
    currency,
    available,
    planned: sums.planned,
    claimed: sums.claimed,
    approved: sums.approved,
    paid: sums.paid,
    atRisk: sums.atRisk,
    lost: sums.lost,
    committed: sums.committed,
    claims: claims.length,
    overdue: lists.overdue.entries.slice(),
    dueSoon: lists.dueSoon.entries.slice(),
    pastClaimBy: lists.pastClaimBy.entries.slice(),
    forfeited: lists.lost.entries.slice(),
    otherCurrency: lists.other.entries.map((c) => c.id),
  };
  out.remaining = out.available - out.committed;
  out.toClaim = Math.max(0, out.remaining + out.planned);
  out.overPlanned = out.remaining < 0;
  out.forfeitOn = period.claimDeadline;
  out.daysToForfeit = daysLeft(ctx.today, period.claimDeadline, data, ctx.zone);
  out.caps = capChecks(state, data, usage);
  // Per fund category ("" is the default one): shown when there is more than the default.
  for (const [category, c] of sums.held) if (c.count > 0 && !categories.has(category)) categories.set(category, { available: 0, held: 0 });
  out.byCategory = [...categories]
    .map(([category, c]) => {
      const held = sums.held.has(category) ? sums.held.get(category).held : 0;
      return { category, available: c.available, held, remaining: c.available - held };
    })
    .sort((a, b) => (a.category < b.category ? -1 : 1));
  return out;
}

// The dashboard's lists of claims by their deadlines (dueOf), each by days left ("lost": past the
// deadline, shown as forfeited).
const DUE_LISTS = ["overdue", "dueSoon", "pastClaimBy", "lost"];
const byDaysLeft = (a, b) => a.daysLeft - b.daysLeft;
// The sums last worked out per rules' data and usage half: {funds, today, zone, summed, lists}.
const dashed = new WeakMap();

// What one claim in the funds' currency adds to its usage half's dashboard on ctx.today (cents).
function dashboardPart(claim, data, ctx) {
  const { stage, held, byClaim, pairs, open } = dashboardFacts(claim, data),
    due = onDay(claim, data, ctx, "due", () => dueOf(claim, data, ctx, stage, pairs, open));
  const forfeited = !!due && due.list === "lost";
  return {
    category: claim.fund_category || "",
    committed: held,
    planned: byClaim ? held : 0,
    claimed: SUBMITTED.has(stage) ? toCents(typeof claim.claimed === "number" ? claim.claimed : claim.amount) : 0,
    approved: stage === "approved" || stage === "paid" ? held : 0,
    paid: stage === "paid" ? (typeof claim.paid === "number" ? toCents(claim.paid) : held) : 0,
    // Past the claim deadline unsubmitted, or past the resolution deadline waiting on the partner: lost, not at risk.
    lost: forfeited ? held : 0,
    atRisk: due && !forfeited && due.entry.daysLeft <= data.warnDays ? held : 0,
    due,
  };
}

const PART_SUMS = ["committed", "planned", "claimed", "approved", "paid", "lost", "atRisk"];
const emptyParts = () => ({ ...Object.fromEntries(PART_SUMS.map((k) => [k, 0])), held: new Map() });
const copyParts = (sums) => ({ ...sums, held: new Map([...sums.held].map(([k, c]) => [k, { ...c }])) });
// A claim's part added to (sign 1) or taken from (-1) the sums, and to what its fund category holds.
function addPart(sums, part, sign) {
  for (const k of PART_SUMS) sums[k] += sign * part[k];
  let c = sums.held.get(part.category);
  if (!c) sums.held.set(part.category, (c = { held: 0, count: 0 }));
  c.held += sign * part.committed;
  c.count += sign;
}

/** A usage half's funds in one currency (the first recorded): the total and each category's. */
export function fundsOf(state, usage) {
  const funds = state.funds.filter((f) => f.usage_period === usage),
    currency = funds.length ? funds[0].currency : "USD";
  const categories = new Map();
  let available = 0;
  for (const f of funds.filter((x) => x.currency === currency)) {
    available += toCents(f.amount);
    categories.set(f.category || "", { available: toCents(f.amount), held: 0 });
  }
  return { currency, available, categories };
}

// The claims of each usage half (in the list's order), worked out once per claims list and
// rules' data: the dashboard, the money model and What needs you each look at one half.
const byUsage = new WeakMap(),
  lastGroups = new WeakMap(); // per rules' data: the last claims list grouped
function claimsByUsage(claims, data) {
  let b = byUsage.get(claims);
  if (b && b.data === data) return b.halves;
  // After an edit that keeps every claim in its usage half, only that half's list is new.
  const last = lastGroups.get(data),
    changed = last && last.claims.length === claims.length ? changedAt(last.claims, claims, 64) : null;
  if (changed && changed.every((i) => claimUsage(claims[i], data) === last.usage[i])) {
    const halves = new Map(last.halves);
    for (const i of changed) {
      const u = last.usage[i];
      if (halves.get(u) === last.halves.get(u)) halves.set(u, halves.get(u).slice());
      halves.get(u)[last.slot[i]] = claims[i];
    }
    b = { data, halves, claims, usage: last.usage, slot: last.slot };
  } else {
    const halves = new Map(),
      usage = [],
      slot = [];
    for (const c of claims) {
      const u = claimUsage(c, data);
      let list = halves.get(u);
      if (!list) halves.set(u, (list = []));
      usage.push(u);
      slot.push(list.length);
      list.push(c);
    }
    b = { data, halves, claims, usage, slot };
  }
  byUsage.set(claims, b);
  lastGroups.set(data, b);
  return b.halves;
}

/** The claims that draw on usage half `usage`, in the workspace's order (a list to read, never to change). */
export const claimsOf = (state, data, usage) => claimsByUsage(state.claims, data).get(usage) || [];

/** Every usage half the workspace has funds or claims for, in order. */
export function usagePeriods(state, data) {
  return [...new Set(state.funds.map((f) => f.usage_period).concat([...claimsByUsage(state.claims, data).keys()]))].sort();
}

/**
 * The caps of the activities in a usage period against what their claims hold (cents): a share
 * of the period's funds, an amount, or the higher of both; a cap with neither is only listed.
 */
export function capChecks(state, data, usage) {
  const { currency, available } = fundsOf(state, usage),
    out = [],
    byActivity = new Map();
  for (const claim of claimsOf(state, data, usage)) {
    const activity = own(data.activities, claim.activity);
    if (!activity || !(activity.caps || []).length || (claim.currency || "USD") !== currency) continue;
    const list = byActivity.get(claim.activity) || byActivity.set(claim.activity, []).get(claim.activity);
    list.push(claim);
  }
  for (const [activity, claims] of byActivity) {
    const caps = data.activities[activity].caps || [];
    if (!caps.length) continue;
    // What the activity's claims hold, once for all its caps.
    const used = sumCents(claims.map((c) => dashboardFacts(c, data).held)),
      ids = claims.map((c) => c.id);
    for (const cap of caps) {
      const limits = [];
      if (typeof cap.percentOfCoop === "number") limits.push(percentOf(available, cap.percentOfCoop));
      if (typeof cap.amountUsd === "number") limits.push(toCents(cap.amountUsd));
      const limit = limits.length ? Math.max(...limits) : null;
      out.push({
        activity,
        cap: cap.id,
        text: cap.text,
        limit,
        used,
        over: limit !== null && used > limit,
        claims: [...ids],
      });
    }
  }
  return out;
}
