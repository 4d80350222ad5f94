// "What needs you": everything in a workspace that asks the partner to act, one line each,
// ordered by the day it is due: their own due dates, claims waiting on their answer,
// activities ended and not submitted, planned activities that start within START_DAYS,
// claims that break the period rules, approved claims whose payment is late, reviews close to
// the resolution deadline, money still unplanned and the end of the usage period. Empty only when nothing is due. Text only; the dashboard draws it.

import { daysLeft, periodFor } from "./dates.js";
import { claimMoney, ledger } from "./ledger.js";
import { formatMoney } from "./money.js";
import { after, sortedEntries } from "./sorted.js";
import { PAYMENT_LATE } from "./words.js";
import { claimTiming, daysUntil, nextAction, onDay, usagePeriods } from "./workspace.js";

// A planned activity is listed from this many days before it starts.
export const START_DAYS = 14;

// Same day: the partner's own word first, then what loses money soonest.
const ORDER = ["own", "answer", "fix", "submit", "start", "review", "payment", "unplanned", "usage-end"];

/**
 * The lines due in `state` on ctx.today ({today, zone?}), each {kind (ORDER), due (the date),
 * daysLeft (negative: overdue), claim (id) and name, or null for a period's line, usage,
 * cents and currency (the money concerned, null when none), what (what to do, a sentence
 * without its date)}, by due date.
 */
export function needs(state, data, ctx) {
  const today = ctx.today,
    periods = [];
  const add = (kind, due, what, cents, currency, usage) =>
    periods.push(line(kind, due, what, null, cents, currency, usage, daysLeft(today, due, data, ctx.zone)));
  const current = periodFor(today, data);
  for (const usage of usagePeriods(state, data)) {
    const l = ledger(state, data, usage, ctx);
    if (!l.offered || l.period.usageStart > today) continue;
    if (l.leftToPlan > 0)
      add(
        "unplanned",
        l.period.usageEnd,
        "is not planned yet: plan an activity for it inside the usage period, or it is lost",
        l.leftToPlan,
        l.currency,
        usage,
      );
    if (usage === current.usageHalf)
      add(
        "usage-end",
        l.period.usageEnd,
        "Usage period " + usage + " ends: activities after it cannot be paid from its co-op",
        null,
        null,
        usage,
      );
  }
  // A period's line goes after the claims' lines it ties with.
  const out = claimLines(state.claims, data, ctx).slice();
  for (const p of periods) out.splice(after(out, p, byLine), 0, p);
  return out;
}

const rank = (k) => ORDER.indexOf(k);
// By due date, then ORDER, then name.
const byLine = (a, b) =>
  (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) || rank(a.kind) - rank(b.kind) || String(a.name || "").localeCompare(String(b.name || ""));

// The claims' lines last put in order (sorted.js), by rules' data, with the day they are of.
const last = new WeakMap();

/** Every claim's lines in order (byLine, then the claims' order); after an edit only the changed claims' lines move. */
function claimLines(claims, data, ctx) {
  const zone = ctx.zone || "",
    was = last.get(data),
    same = was && was.today === ctx.today && was.zone === zone;
  const sorted = sortedEntries(
    same ? was.sorted : null,
    claims,
    (c) => onDay(c, data, ctx, "needs", () => claimNeeds(c, data, ctx)),
    byLine,
  );
  last.set(data, { today: ctx.today, zone, sorted });
  return sorted.entries;
}

// One line of the list.
const line = (kind, due, what, claim, cents, currency, usage, daysLeft) => ({
  kind,
  due,
  daysLeft,
  claim: claim ? claim.id : null,
  name: claim ? claim.name : null,
  usage,
  cents,
  currency,
  what,
});

// A claim's own lines on ctx.today (workspace.js onDay keeps them per claim object and day).
function claimNeeds(c, data, ctx) {
  const today = ctx.today,
    out = [],
    days = (day) => daysUntil(day, data, ctx);
  const add = (kind, due, what, cents, currency, usage) => out.push(line(kind, due, what, c, cents, currency, usage, days(due)));
  const m = claimMoney(c, data, ctx),
    t = claimTiming(c, data),
    currency = c.currency || "USD",
    next = nextAction(c, data, today),
    asked = next.kind === "own" ? nextAction({ ...c, next_action: undefined }, data, today) : next,
    lost = m.lostDeadline > 0,
    held = m.held || null;
  if (next.kind === "own" && next.due && m.stage !== "closed") add("own", next.due, next.text, held, currency, t.period);
  if (lost || m.stage === "closed") return out;
  if (m.stage === "action") add("answer", asked.due, asked.text, m.inReview, currency, t.period);
  else if (asked.kind === "split" || asked.kind === "fix") add("fix", t.claimDeadline, asked.text, m.planned, currency, t.period);
  else if (asked.kind === "submit" && c.end < today)
    add("submit", asked.due, "The activity has ended: submit the claim", m.planned, currency, t.period);
  else if (asked.kind === "start" && c.start >= today && days(c.start) <= START_DAYS)
    add(
      "start",
      c.start,
      "The activity starts soon: have any pre-approval and your plan for collecting proof ready",
      m.planned,
      currency,
      t.period,
    );
  else if (m.stage === "review" && m.atRisk)
    add(
      "review",
      t.resolutionDeadline,
      "Microsoft's review must be resolved by the resolution deadline: ask partner support about it",
      m.inReview,
      currency,
      t.period,
    );
  // The claim's own advice knows its payment window (workspace.js nextAction): late once it has closed.
  else if (asked.kind === "payment" && asked.due && asked.due < today)
    add("payment", asked.due, PAYMENT_LATE, m.approvedUnpaid, currency, t.period);
  return out;
}

/** A line in words: its money, if any, as "USD 7,250". */
export const needMoney = (n) => (n.cents === null ? "" : formatMoney(n.cents, n.currency));
