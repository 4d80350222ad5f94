// My co-op's decisions, apart from any page: what a typed claim, field, status or fund is
// worth (or why it is refused), what is lost, what to do next and what the status still asks,
// what undoing a removal of funds records, what adding a file's claims changed, and what
// recording an Earnings report would do. Text only; the components draw it.

import { daysLeft, isDate } from "./dates.js";
import { amountIn, formatMoney, toCents } from "./money.js";
import { SPLIT_ADVICE, longDate as wordsDate } from "./words.js";
import { checklistProgress, claimTiming, nextAction, setFunds, stageDeadline, stageOf } from "./workspace.js";
import { fundKey } from "./workspace-file.js";

/** 15 February 2027, or nothing for no date. */
export const longDate = (iso) => (iso ? wordsDate(iso) : "");
/** "3 days overdue", "due today", "1 day left". */
export const daysText = (n) =>
  n < 0 ? -n + (n === -1 ? " day" : " days") + " overdue" : n === 0 ? "due today" : n + (n === 1 ? " day" : " days") + " left";

// Whether another claim has this name (in any case, spaces around left out): each claim's name
// is worked out once per claim object, not for every claim on every edit.
const named = new WeakMap();
const nameOf = (c) => named.get(c) ?? named.set(c, c.name.trim().toLowerCase()).get(c);
const taken = (claims, name, except) => {
  const n = name.trim().toLowerCase();
  return claims.some((c) => c.id !== except && nameOf(c) === n);
};
const CODE = /^[A-Z]{3}$/;

/**
 * The add form's draft ({name, activity, start, end, amount, currency, fund}) as the fields of
 * a new claim, or the errors by field (first one first).
 */
export function newClaim(draft, workspace) {
  const v = (k, fallback = "") => (typeof draft[k] === "string" ? draft[k] : fallback);
  const name = v("name").trim(),
    activity = v("activity"),
    start = v("start"),
    end = v("end"),
    typed = v("amount");
  const cur = v("currency", "USD").trim().toUpperCase(),
    errors = {};
  if (!name) errors.name = "enter a name for the claim.";
  if (!activity) errors.activity = "choose the activity.";
  if (!isDate(start)) errors.start = "enter the day the activity starts.";
  if (!isDate(end)) errors.end = "enter the day the activity ends.";
  else if (isDate(start) && end < start) errors.end = "the end is before the start.";
  if (name && taken(workspace.claims, name))
    errors.name = "a claim with this name exists already. Add the month or a number to tell them apart.";
  const m = amountIn(typed, cur);
  if (!typed.trim()) errors.amount = "enter the planned amount, for example 7,500.";
  else if (m.message) errors.amount = m.message;
  if (!CODE.test(cur)) errors.currency = "enter a three-letter currency code like USD.";
  if (Object.keys(errors).length) return { errors: order(errors, ["name", "activity", "start", "end", "amount", "currency"]) };
  return { fields: { name, activity, start, end, amount: m.cents / 100, currency: cur, fund_category: v("fund") } };
}

const order = (errors, keys) => Object.fromEntries(keys.filter((k) => k in errors).map((k) => [k, errors[k]]));

const MONEY = new Set(["amount", "claimed", "approved", "paid"]);

/**
 * What a claim's field typed as `text` changes ({patch}) or why it is refused ({error}):
 * a name others do not have, a date that keeps the activity in order, an amount in the
 * claim's currency (an optional one emptied is removed), a currency code; `next-text` and
 * `next-due` are the user's own next action.
 */
export function claimField(field, text, claim, workspace) {
  const value = String(text);
  if (field === "name") {
    const name = value.trim();
    if (!name) return { error: "enter a name; the claim keeps its old name until you do." };
    if (taken(workspace.claims, name, claim.id))
      return { error: "another claim has this name. Add the month or a number to tell them apart." };
    return { patch: { name } };
  }
  if (field === "start" || field === "end") {
    if (!isDate(value)) return { error: "enter a date; the claim keeps the old one until you do." };
    const start = field === "start" ? value : claim.start,
      end = field === "end" ? value : claim.end;
    return end < start ? { error: "the activity would end before it starts." } : { patch: { [field]: value } };
  }
  if (MONEY.has(field)) {
    if (!value.trim())
      return field === "amount"
        ? { error: "enter the planned amount; the claim keeps the old one until you do." }
        : { patch: { [field]: null } };
    const m = amountIn(value, claim.currency || "USD");
    return m.message ? { error: m.message } : { patch: { [field]: m.cents / 100 } };
  }
  if (field === "currency") {
    return /^[A-Za-z]{3}$/.test(value.trim())
      ? { patch: { currency: value.trim().toUpperCase() } }
      : { error: "enter a three-letter currency code like USD or EUR." };
  }
  if (field === "notes") return { patch: { notes: value } };
  if (field === "next-text") {
    const v = value.trim();
    return { patch: { next_action: v ? { ...claim.next_action, text: v } : null } };
  }
  if (field === "next-due") {
    const own = claim.next_action && claim.next_action.text;
    if (!own) return { error: "enter the action first." };
    return { patch: { next_action: value ? { text: own, due: value } : { text: own } } };
  }
  return { patch: { [field]: value.trim() } };
}

/** A status set on `day` (typed): refused without a date or with one after today. */
export function statusDay(day, today) {
  if (!isDate(day)) return "enter the day the status changed.";
  if (day > today) return "the day the status changed cannot be in the future.";
  return null;
}

/**
 * The fund form's draft ({usage, category, amount, currency}) as funds to record
 * ({usage, amount, currency, extra}), or the field and error ({error: [field, message]}).
 */
export function newFunds(draft, defaultUsage, defaultFund) {
  const typed = typeof draft.amount === "string" ? draft.amount : "",
    cur = (draft.currency ?? "USD").trim().toUpperCase();
  const m = amountIn(typed, cur),
    category = (draft.category ?? defaultFund).trim();
  const error = !typed.trim()
    ? ["amount", "enter the co-op available, for example 40,000."]
    : m.message
      ? ["amount", m.message]
      : !CODE.test(cur)
        ? ["currency", "enter a three-letter currency code like USD."]
        : null;
  if (error) return { error };
  const extra = { source: "typed" };
  if (category && category.toLowerCase() !== defaultFund.toLowerCase()) extra.category = category;
  return { usage: draft.usage || defaultUsage, amount: m.cents / 100, currency: cur, extra };
}

/** Undoes the removal of `fund`: it is recorded again as it was (its source and earnings kept). */
export function restoreFund(state, fund, at) {
  const extra = { category: fund.category };
  if (fund.source) extra.source = fund.source;
  if (typeof fund.earned === "number") extra.earned = fund.earned; // typed funds have none
  return setFunds(state, fund.usage_period, fund.amount, at, fund.currency, extra);
}

/** The first thing to say about a file that cannot be opened, in plain words. */
export function openLead(errors, text) {
  const first = errors[0] || "";
  if (first.startsWith("expected a workspace file (JSON)") && /earning/i.test(text.slice(0, 300))) {
    return "It looks like Partner Center's Earnings report: read it under Co-op funds instead.";
  }
  if (first.startsWith("expected a workspace file (JSON)")) return "It is not a workspace file saved from My co-op.";
  if (first.startsWith("format:")) return "It is not a workspace file saved from My co-op.";
  if (first.startsWith("version:")) return "It was saved by a newer version of this portal; open it there.";
  return "It is a workspace file, but some of its entries are not right:";
}

/**
 * What adding a file's claims would do to this workspace, before it is done: `before` is the
 * workspace, `after` the merge with the file (ws-state.js fileUsed "merge"), `file` the file's
 * workspace, `now` the time. {added: claims new here, replaced: [{id, name, mine, theirs,
 * future}] (a claim of yours the file's later copy replaces; future: that copy is dated after
 * now), deleted: [{id, name, at}] (a claim of yours the file's bin deletes), funds: [{key,
 * usage, mine, theirs}] (funds the file's replace or remove: theirs null), removed and
 * removedFunds: claims and funds of yours that replacing the workspace by the file would
 * remove}. Each list in your order.
 */
export function mergePlan(before, after, file, now) {
  const result = new Map(after.claims.map((c) => [c.id, c])),
    inFile = new Set(file.claims.map((c) => c.id)),
    mine = new Set(before.claims.map((c) => c.id).concat((before.deleted || []).map((t) => t.id)));
  const replaced = [],
    deleted = [];
  for (const c of before.claims) {
    const got = result.get(c.id);
    if (!got) {
      const t = (after.deleted || []).find((x) => x.id === c.id);
      deleted.push({ id: c.id, name: c.name, at: t ? t.at : "" });
    } else if (got !== c && JSON.stringify(got) !== JSON.stringify(c)) {
      replaced.push({ id: c.id, name: c.name, mine: c.updated || "", theirs: got.updated || "", future: (got.updated || "") > now });
    }
  }
  const funds = [],
    kept = new Map(after.funds.map((f) => [fundKey(f), f]));
  for (const f of before.funds) {
    const theirs = kept.get(fundKey(f)) || null;
    if (!theirs || JSON.stringify(theirs) !== JSON.stringify(f))
      funds.push({ key: fundKey(f), usage: f.usage_period, category: f.category || "", mine: f, theirs });
  }
  return {
    added: after.claims.filter((c) => !mine.has(c.id)),
    replaced,
    deleted,
    funds,
    removed: before.claims.filter((c) => !inFile.has(c.id)),
    removedFunds: before.funds.filter((f) => !file.funds.some((x) => fundKey(x) === fundKey(f))),
  };
}

/** Whether adding a file would replace or delete anything of yours (then the page asks first). */
export const planLoses = (plan) => plan.replaced.length + plan.deleted.length + plan.funds.length > 0;

/**
 * The file's workspace without what would replace or delete anything of yours: claims and
 * funds you have (or deleted) and its deletions of what you have are left out, so adding it
 * only brings in what is new ("keep my versions").
 */
export function onlyNew(before, file) {
  const ids = new Set(before.claims.map((c) => c.id).concat((before.deleted || []).map((t) => t.id))),
    funds = new Set(before.funds.map(fundKey).concat((before.deleted || []).map((t) => t.id)));
  const live = new Set(before.claims.map((c) => c.id).concat(before.funds.map(fundKey)));
  return {
    ...file,
    claims: file.claims.filter((c) => !ids.has(c.id)),
    funds: file.funds.filter((f) => !funds.has(fundKey(f))),
    deleted: (file.deleted || []).filter((t) => !live.has(t.id) && !ids.has(t.id) && !funds.has(t.id)),
  };
}

/** What adding a file's claims changed, in words: claims added, updated and deleted, funds replaced. */
export function mergeSummary(before, after, name) {
  const was = new Map(before.claims.map((c) => [c.id, JSON.stringify(c)]));
  const live = new Set(after.claims.map((c) => c.id));
  const added = after.claims.filter((c) => !was.has(c.id)).length;
  const updated = after.claims.filter((c) => was.has(c.id) && was.get(c.id) !== JSON.stringify(c)).length;
  const deleted = before.claims.filter((c) => !live.has(c.id)).length;
  const funds = after.funds
    .filter((f) => JSON.stringify(f) !== JSON.stringify(before.funds.find((x) => fundKey(x) === fundKey(f))))
    .map((f) => f.usage_period + (f.category ? " (" + f.category + ")" : ""));
  return (
    "From " +
    name +
    ": " +
    added +
    " claims added, " +
    updated +
    " updated with the file's later changes" +
    (deleted ? ", " + deleted + " moved to the deleted claims as the file deleted them" : "") +
    (funds.length ? ", and the funds of " + funds.join(", ") + " taken from the file" : "") +
    "."
  );
}

/** What recording an Earnings report's period `p` would do: {record, text}. */
export function earningsOutcome(workspace, p) {
  const had = workspace.funds.find((f) => f.usage_period === p.usageHalf && !f.category);
  const was = had
    ? " (replaces " + formatMoney(toCents(had.amount), had.currency) + (had.source === "earnings" ? " from a report)" : " you typed)")
    : "";
  if (p.complete === false) return { record: false, text: "Not recorded: the earning period is not over, so this is the co-op so far." };
  if (!p.thresholdMet && !had) return { record: false, text: "Not recorded: under the threshold there is no co-op to spend." };
  return { record: true, text: (p.thresholdMet ? formatMoney(p.cents) : "USD 0, under the threshold") + was };
}

/** Whether a claim's co-op is lost: its claim deadline passed before it was submitted. */
export function isLost(claim, data, today) {
  return stageDeadline(stageOf(claim, data), data) === "claim" && today > claimTiming(claim, data).claimDeadline;
}

/** The timing problems of a claim on `today`, one sentence each. */
export function timingNotes(c, data, today) {
  const t = claimTiming(c, data),
    must = stageDeadline(stageOf(c, data), data),
    out = [];
  if (t.status === "spans-periods")
    out.push("The activity runs across two usage periods. It must start and end inside one: " + SPLIT_ADVICE + ".");
  if (t.status === "end-before-start") out.push("The activity ends before it starts.");
  if (t.startsBefore) out.push("The activity starts before usage period " + t.period + " begins.");
  if (t.endsAfter) out.push("The activity ends after usage period " + t.period + " is over.");
  if (must === "claim" && today > t.claimDeadline)
    out.push("The claim deadline, " + longDate(t.claimDeadline) + ", has passed: this co-op is forfeited.");
  else if (must === "claim" && today > t.claimBy)
    out.push(
      "The advised claim-by date, " +
        longDate(t.claimBy) +
        ", has passed. Claim before the claim deadline, " +
        longDate(t.claimDeadline) +
        ".",
    );
  if (must === "resolution" && today > t.resolutionDeadline)
    out.push("The resolution deadline, " + longDate(t.resolutionDeadline) + ", has passed.");
  return out;
}

/**
 * A claim's row in the list, next action: {lines, also}. `lines` say what is lost, a start
 * day that passed, or the next action with its date; `also` is what the status still asks
 * when the user's own action is shown (null when nothing, or when the money is lost).
 */
export function nextInList(c, data, today) {
  const next = nextAction(c, data, today),
    t = claimTiming(c, data),
    lost = isLost(c, data, today);
  const lines = lost
    ? ["Lost: the claim deadline, " + longDate(t.claimDeadline) + ", passed before it was submitted."]
    : next.kind === "start" && next.due < today
      ? ["The activity was to start on " + longDate(next.due) + ": update its status."]
      : next.kind === "submit"
        ? [submitText(next, t), daysText(daysLeft(today, next.due, data))]
        : [next.text].concat(next.due ? [longDate(next.due) + ", " + daysText(daysLeft(today, next.due, data))] : []);
  const asked = next.kind === "own" ? nextAction({ ...c, next_action: undefined }, data, today) : null;
  const said =
    asked && asked.due && !lost
      ? asked.kind === "submit"
        ? submitText(asked, t)
        : asked.text + (asked.kind === "keep" ? " until " : " by ") + longDate(asked.due)
      : null;
  const also = said ? "Also: " + said.charAt(0).toLowerCase() + said.slice(1) + "." : null;
  return { lines, also };
}

// "Submit the claim by 14 November 2026", or by the claim deadline once the advised date passed.
const submitText = (next, t) =>
  next.text +
  (next.due === t.claimBy ? " by " : " by the claim deadline, ") +
  longDate(next.due) +
  (next.due === t.claimBy ? "" : " (the advised claim-by date, " + longDate(t.claimBy) + ", has passed)");

/** The open claim's "Next:" sentence, {kind, text}. */
export function nextInClaim(c, data, today) {
  const next = nextAction(c, data, today);
  const text =
    next.kind === "start" && next.due < today
      ? "the activity was to start on " + longDate(next.due) + ". If it has started, set its status to In progress."
      : next.kind === "submit" && next.due !== claimTiming(c, data).claimBy
        ? submitText(next, claimTiming(c, data)) + " (" + daysText(daysLeft(today, next.due, data)) + ")."
        : next.text +
          (next.due
            ? " (" +
              (next.kind === "keep" ? "until " : next.kind === "start" ? "on " : "by ") +
              longDate(next.due) +
              ", " +
              daysText(daysLeft(today, next.due, data)) +
              ")"
            : "") +
          ".";
  return { kind: next.kind, text };
}

/** Proof items not ticked on a claim submitted or further along (said, not blocked); 0 otherwise. */
export function openProof(c, activity, data) {
  const stage = stageOf(c, data);
  if (!activity || stage === "plan" || stage === "closed") return 0;
  const p = checklistProgress(c, activity.checklist);
  return p.total - p.done;
}
