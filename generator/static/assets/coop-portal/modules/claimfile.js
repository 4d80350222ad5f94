// A claim's printable file as plain data (the page renders and prints it): a cover sheet with
// its money, statuses and deadlines, its checklist with each item's state, the evidence
// logged per item, and its log of changes. Everything stays text: the page puts it into the
// document as text.

import { changeText } from "./claim-log.js";
import { daysLeft } from "./dates.js";
import { claimMoney } from "./ledger.js";
import { formatMoney, toCents } from "./money.js";
import {
  checklistProgress,
  checklistUnits,
  claimTiming,
  claimUsage,
  keepUntil,
  nextAction,
  own,
  reconcile,
  stageDeadline,
  stageOf,
  statusOf,
} from "./workspace.js";

/** Each flag in plain words: stored ones (storage.js FLAGS) and timing problems. */
export const FLAG_TEXT = {
  "activity-removed": "Its activity is no longer in the rules. The claim keeps all its data; check it against the current rules.",
  "checklist-changed": "The wording of a ticked proof item changed after it was ticked; check those items again.",
  "items-removed": "Some ticked proof items are no longer in the checklist; they are listed at the end.",
  "unknown-status": "Its status is not one the rules know; choose the current status.",
  "end-before-start": "The activity ends before it starts; correct the dates.",
  "spans-periods": "The activity runs across two usage periods; co-op from one period pays only for work in it.",
  "outside-period": "The activity falls partly outside its usage period.",
  "claim-by-passed": "The claim-by date has passed and the claim is not submitted.",
};

export const STATE_TEXT = { ticked: "Done", open: "Open", changed: "Changed since ticked: check again" };

// What the one money model (ledger.js) counts as lost on the claim, when anything is.
const lostRows = (m, currency) =>
  [
    ["Lost: not approved (claimed minus approved)", m.lostCut],
    ["Lost: deadline passed", m.lostDeadline],
  ]
    .filter(([, c]) => c > 0)
    .map(([label, c]) => ({ label, cents: c, text: formatMoney(c, currency) }));

const money = (v, currency) =>
  typeof v === "number" ? { cents: toCents(v), text: formatMoney(toCents(v), currency) } : { cents: null, text: "not recorded" };

/**
 * A one-of entry's state, its options and where its evidence prints: each option with the
 * evidence logged for it (so an invoice never prints under the unticked CSR option), and
 * evidence logged for the entry as a whole under the one option chosen, else on the entry.
 */
export function oneOf(entry, item, logOf) {
  const options = entry.options.map((o) => ({ ...item(o.id), evidence: logOf([o.id]) })),
    chosen = options.filter((o) => o.state !== "open").map((o) => o.id);
  const state = options.some((o) => o.state === "ticked") ? "ticked" : chosen.length ? "changed" : "open";
  const whole = logOf([entry.id]),
    ticked = options.filter((o) => o.state === "ticked");
  if (ticked.length === 1) ticked[0].evidence = ticked[0].evidence.concat(whole);
  return { state, stateText: STATE_TEXT[state], options, chosen, evidence: ticked.length === 1 ? [] : whole };
}

/**
 * The claim file of one claim against the rules `data` on the viewer's day `today`:
 * {cover, sections: [{id, title, items}], removed, changes: [{at, kind, text}] (every entry of
 * its log, oldest first)}; cover.proof = {done, total} when the activity is known. An item is {id, text, state, stateText,
 * evidence}; a one-of item also has options (each with its state and evidence, see oneOf) and
 * chosen (ids ticked).
 */
export function claimFile(claim, data, today) {
  const activity = own(data.activities, claim.activity),
    t = claimTiming(claim, data),
    stage = stageOf(claim, data);
  const currency = claim.currency || "USD",
    status = statusOf(claim.status, data),
    next = nextAction(claim, data, today);
  const flags = (reconcile({ claims: [claim] }, data).claims[0].flags || []).slice();
  if (t.status !== "ok") flags.push(t.status);
  const deadline = stageDeadline(stage, data);
  if (deadline === "claim" && t.claimBy < today) flags.push("claim-by-passed");
  const day = (label, date) => ({ label, date, days: date ? daysLeft(today, date, data) : null });
  const order = data.statuses.map((s) => s.id);
  const statusDates = Object.keys(claim.status_dates || {})
    .map((k) => {
      const s = statusOf(k, data);
      return { status: s ? s.name : k, date: claim.status_dates[k], rank: s ? order.indexOf(s.id) : order.length };
    })
    .sort((a, b) => a.rank - b.rank || (a.date < b.date ? -1 : 1))
    .map(({ status, date }) => ({ status, date }));
  const cover = {
    name: claim.name,
    number: claim.claim_number || "",
    activity: activity ? activity.name : claim.activity,
    activityKnown: !!activity,
    usagePeriod: claimUsage(claim, data),
    start: claim.start,
    end: claim.end,
    currency,
    amounts: [
      ["Planned", claim.amount],
      ["Claimed", claim.claimed],
      ["Approved", claim.approved],
      ["Paid", claim.paid],
    ]
      .map(([label, v]) => ({ label, ...money(v, currency) }))
      .concat(lostRows(claimMoney(claim, data, { today }), currency)),
    status: status ? status.name : claim.status,
    statusMeaning: status ? status.meaning || "" : "",
    statusDates,
    // Only the dates that still apply at this stage: none to claim by once a claim is submitted.
    dates: [
      deadline === "claim" ? day("Claim by", t.claimBy) : null,
      deadline === "claim" ? day("Claim deadline", t.claimDeadline) : null,
      deadline ? day("Resolution deadline", t.resolutionDeadline) : null,
      day("Keep proof until", keepUntil(claim, data)),
    ].filter(Boolean),
    nextAction: { text: next.text, ...day("Due", next.due) },
    flags: flags.map((id) => ({ id, text: FLAG_TEXT[id] })),
    notes: claim.notes || "",
    // Who provides the portal, as the printed forms say it: the name, and the logo's path from
    // the site root ("" for none).
    brand: { name: data.brand || "", logo: data.brandLogo || "" },
  };
  const log = claim.evidence || {},
    used = new Set();
  const logOf = (ids) =>
    ids.flatMap((id) => (used.add(id), (own(log, id) || []).map((e) => ({ item: id, file: e.file, note: e.note, at: e.at }))));
  const sections = [],
    removed = [];
  if (activity) {
    const p = checklistProgress(claim, activity.checklist),
      texts = checklistUnits(activity.checklist).texts;
    cover.proof = { done: p.done, total: p.total };
    const item = (id) => ({ id, text: texts[id], state: p.items[id], stateText: STATE_TEXT[p.items[id]] });
    for (const s of activity.checklist.sections) {
      sections.push({
        id: s.id,
        title: s.title,
        items: s.entries.map((e) => {
          if (!(e.options && e.options.length)) return { ...item(e.id), evidence: logOf([e.id]) };
          return { id: e.id, text: e.text, ...oneOf(e, item, logOf) };
        }),
      });
    }
  }
  // Ticks and evidence the checklist no longer lists (or every one, when the activity is gone).
  for (const id of [...new Set(claim.ticked.concat(Object.keys(log)))]) {
    if (!used.has(id)) removed.push({ id, ticked: claim.ticked.includes(id), evidence: logOf([id]) });
  }
  const changes = (claim.changes || []).map((e) => ({ at: e.at, kind: e.kind, text: changeText(e, claim, data) }));
  return { cover, sections, removed, changes };
}
