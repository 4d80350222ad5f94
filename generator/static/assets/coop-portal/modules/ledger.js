// My co-op's one money model: every figure of a usage period (and of each claim in it) as one
// pure function of the workspace, the rules' data and today's date, in whole cents. The
// dashboard's tiles and sentences, the claim list's CSV and the printed claim file all read
// their amounts here, so they cannot disagree.
//
// The parts of a period's money, each cent in exactly one of them:
//
//   available + over = leftToPlan + planned + inReview + approvedUnpaid + paid + lost
//
//   planned         held by claims not yet submitted (planning and draft stages)
//   inReview        claimed and waiting for Microsoft (in review, action required)
//   approvedUnpaid  approved and not yet paid
//   paid            paid
//   lost            one loss figure: lostDeadline (a claim not submitted by the claim
//                   deadline, or left waiting on the partner at the resolution deadline) +
//                   lostCut (the part of a claim Microsoft did not approve: claimed minus
//                   approved) + lostUnplanned (money never planned once the usage period is
//                   over, when nothing more can be spent)
//   leftToPlan      not yet held by any claim, while the usage period still runs (0 and
//                   offered: false once it is over)
//   over            what the claims hold beyond the funds (then leftToPlan is 0)
//
// Figures that overlap the parts, said as such: atRisk (part of planned + inReview: a claim
// that breaks the period rules, or whose next deadline is within warnDays, or whose review is
// overdue), approved = approvedUnpaid + paid (approved includes paid), claimed = what the
// submitted claims claimed (inReview + approved + lostCut + the resolution losses), toClaim =
// leftToPlan + planned (what can still be claimed before the claim deadline). A closed claim
// (rejected, forfeited) holds nothing: its money is left to plan, then lost unplanned.

import { daysLeft, periodOfUsage } from "./dates.js";
import { toCents } from "./money.js";
import { SPLIT_ADVICE } from "./words.js";
import { NONE, changedAt, sortedEntries } from "./sorted.js";
import { claimTiming, claimsOf, daysUntil, fundsOf, onDay, stageDeadline, stageOf, statusOf } from "./workspace.js";

const num = (v) => typeof v === "number";
const cents = (v) => (num(v) ? Math.max(0, toCents(v)) : null);
const first = (...vs) => vs.find((v) => v !== null && v !== undefined) ?? 0;

/** Why a claim's money is at risk, in the checker's and the list's words. */
export const RISK_TEXT = {
  "spans-periods": "the activity spans two usage periods: " + SPLIT_ADVICE,
  "outside-period": "the activity falls partly outside its usage period: move its dates inside the period",
  "end-before-start": "the activity ends before it starts: correct the dates",
  "claim-deadline": "the claim deadline is close",
  "resolution-deadline": "the resolution deadline is close",
  "review-overdue": "Microsoft's review is past the resolution deadline",
};

/**
 * One claim's money on `today` (ctx = {today, zone?}), in cents: its stage, what it holds of
 * its period's funds (held), split as planned, inReview, approvedUnpaid, paid, lostDeadline and
 * lostCut (they add up to held); claimed (what was claimed, for a submitted claim, else 0),
 * approved (approvedUnpaid + paid), atRisk (0 or all of its planned or inReview money) and
 * risks (RISK_TEXT keys, empty when none).
 */
export const claimMoney = (claim, data, ctx) => onDay(claim, data, ctx, "money", () => money(claim, data, ctx));

function money(claim, data, ctx) {
  const stage = stageOf(claim, data),
    must = stageDeadline(stage, data),
    t = claimTiming(claim, data);
  const out = { stage, held: 0, planned: 0, inReview: 0, approvedUnpaid: 0, paid: 0, lostDeadline: 0, lostCut: 0 };
  Object.assign(out, { claimed: 0, approved: 0, atRisk: 0, risks: [] });
  if (stage === "closed") return out;
  const amount = first(cents(claim.amount)),
    claimed = first(cents(claim.claimed), amount);
  const left = (day) => daysUntil(day, data, ctx);
  if (must === "claim" || must === "resolution") {
    const submitted = must === "resolution",
      held = submitted ? claimed : amount,
      deadline = submitted ? t.resolutionDeadline : t.claimDeadline,
      days = deadline ? left(deadline) : Infinity;
    const status = statusOf(claim.status, data),
      waitsOnPartner = status !== null && data.openStatuses.includes(status.id);
    out.held = held;
    if (submitted) out.claimed = claimed;
    if (days < 0 && (!submitted || waitsOnPartner)) {
      out.lostDeadline = held;
      return out;
    }
    out[submitted ? "inReview" : "planned"] = held;
    if (t.status && t.status !== "ok" && t.status !== "unknown-period") out.risks.push(t.status);
    if (days < 0) out.risks.push("review-overdue");
    else if (days <= data.warnDays) out.risks.push(submitted ? "resolution-deadline" : "claim-deadline");
    if (out.risks.length) out.atRisk = held;
    return out;
  }
  // Approved or paid: what was approved (a recorded payment above it counts as approved), and
  // the cut of a partly approved claim, claimed minus approved, lost.
  const paid = stage === "paid" ? first(cents(claim.paid), cents(claim.approved), claimed) : 0;
  const approved = Math.max(first(cents(claim.approved), stage === "paid" ? paid : claimed), paid),
    base = Math.max(claimed, approved);
  Object.assign(out, {
    held: base,
    claimed: base,
    approved,
    paid,
    approvedUnpaid: approved - paid,
    lostCut: base - approved,
  });
  return out;
}

const PARTS = ["planned", "inReview", "approvedUnpaid", "paid", "lostDeadline", "lostCut", "claimed", "approved", "atRisk", "held"];

// The parts of some claims' money added up (PARTS), all 0 for none; each part named, as a
// loop over the names is several times slower over 50,000 claims.
const zero = () => Object.fromEntries(PARTS.map((k) => [k, 0]));
function addTo(s, m, sign = 1) {
  s.planned += sign * m.planned;
  s.inReview += sign * m.inReview;
  s.approvedUnpaid += sign * m.approvedUnpaid;
  s.paid += sign * m.paid;
  s.lostDeadline += sign * m.lostDeadline;
  s.lostCut += sign * m.lostCut;
  s.claimed += sign * m.claimed;
  s.approved += sign * m.approved;
  s.atRisk += sign * m.atRisk;
  s.held += sign * m.held;
}

// The figures of some claims' money (their parts added up) against `available`; offered:
// whether money can still be planned.
function figures(sums, available, offered) {
  const f = { available, ...sums };
  const remaining = available - f.held;
  f.over = Math.max(0, -remaining);
  f.offered = offered;
  f.leftToPlan = offered ? Math.max(0, remaining) : 0;
  f.lostUnplanned = offered ? 0 : Math.max(0, remaining);
  f.lost = f.lostDeadline + f.lostCut + f.lostUnplanned;
  f.toClaim = f.leftToPlan + f.planned;
  return f;
}

/**
 * A usage period's money on ctx.today: the figures above (see the head of this file) for the
 * period's funds currency, the same figures per fund category (byCategory, "" the default one),
 * each claim's claimMoney (claims, by id), the period's dates (period), whether money can still
 * be planned (offered: the usage period has not ended), the claim deadline and days to it, and
 * the claims in another currency (otherCurrency: ids, not added up).
 */
export function ledger(state, data, usage, ctx) {
  const zone = ctx.zone || "";
  let w = worked.get(state.claims);
  if (!w || w.funds !== state.funds || w.data !== data || w.today !== ctx.today || w.zone !== zone)
    worked.set(state.claims, (w = { funds: state.funds, data, today: ctx.today, zone, by: new Map() }));
  if (!w.by.has(usage)) w.by.set(usage, periodMoney(state, data, usage, ctx));
  return w.by.get(usage);
}

// The figures worked out for one claims list, funds, rules' data and day, by usage half: the
// dashboard and What needs you ask for the same ones in one redraw. Shared: never changed.
const worked = new WeakMap();

function periodMoney(state, data, usage, ctx) {
  const period = periodOfUsage(usage, data),
    { currency, available, categories } = fundsOf(state, usage),
    offered = ctx.today <= period.usageEnd,
    list = claimsOf(state, data, usage),
    zone = ctx.zone || "";
  const other = (c) => (c.currency || "USD") !== currency;
  let kept = added.get(data);
  if (!kept) added.set(data, (kept = new Map()));
  const was = kept.get(usage),
    same = was && was.funds === state.funds && was.today === ctx.today && was.zone === zone;
  const sums = same && was.claims === list ? was.sums : addedUp(same ? was : null, list, other, data, ctx);
  const others = sortedEntries(
    same && was.others,
    list,
    (c) => (other(c) ? [c] : NONE),
    () => 0,
  );
  kept.set(usage, { funds: state.funds, today: ctx.today, zone, claims: list, sums, others });
  const byCat = new Map([...categories].map(([k, c]) => [k, c.available]));
  for (const [k, c] of sums.byCat) if (c.count > 0 && !byCat.has(k)) byCat.set(k, 0);
  return {
    usage,
    period,
    currency,
    ...figures(sums.all, available, offered),
    byCategory: [...byCat]
      .map(([category, avail]) => ({
        category,
        ...figures(sums.byCat.has(category) ? sums.byCat.get(category).sums : zero(), avail, offered),
      }))
      .sort((a, b) => (a.category < b.category ? -1 : 1)),
    claims: new Map(sums.byId),
    otherCurrency: others.entries.map((c) => c.id),
    claimDeadline: period.claimDeadline,
    daysToClaimDeadline: daysLeft(ctx.today, period.claimDeadline, data, ctx.zone),
    daysToUsageEnd: daysLeft(ctx.today, period.usageEnd, data, ctx.zone),
  };
}

// What the claims in the funds' currency add up to last time, per rules' data and usage half.
const added = new WeakMap();

// The claims' money added up: {all, byCat: category -> {sums, count}, byId: id -> claimMoney, count}.
// After an edit or a tick (the claims where they were, ids and all, but a few), from `was` by
// taking the changed claims out and adding them again.
function addedUp(was, list, other, data, ctx) {
  const money = (c) => claimMoney(c, data, ctx);
  const changed = was && was.claims.length === list.length ? changedAt(was.claims, list, 64) : null;
  const incremental =
    changed &&
    was.sums.byId.size === was.sums.count &&
    changed.every((i) => was.claims[i].id === list[i].id && other(was.claims[i]) === other(list[i]));
  if (incremental) {
    const s = was.sums,
      out = {
        all: { ...s.all },
        byCat: new Map([...s.byCat].map(([k, c]) => [k, { sums: { ...c.sums }, count: c.count }])),
        byId: new Map(s.byId),
        count: s.count,
      };
    for (const i of changed) {
      if (other(list[i])) continue;
      take(out, was.claims[i], money(was.claims[i]), -1);
      take(out, list[i], money(list[i]), 1);
      out.byId.set(list[i].id, money(list[i]));
    }
    return out;
  }
  const out = { all: zero(), byCat: new Map(), byId: new Map(), count: 0 };
  for (const claim of list) {
    if (other(claim)) continue;
    const m = money(claim);
    out.count++;
    // Two claims of one id (never in a checked file) count once in the total, the later one.
    if (out.byId.has(claim.id)) addTo(out.all, out.byId.get(claim.id), -1);
    out.byId.set(claim.id, m);
    addTo(out.all, m);
    take(out, claim, m, 1, false);
  }
  return out;
}

// A claim's money added to (sign 1) or taken from (-1) its fund category's sums, and the total's
// unless told otherwise.
function take(out, claim, m, sign, total = true) {
  const cat = claim.fund_category || "";
  let c = out.byCat.get(cat);
  if (!c) out.byCat.set(cat, (c = { sums: zero(), count: 0 }));
  addTo(c.sums, m, sign);
  c.count += sign;
  if (total) addTo(out.all, m, sign);
}
