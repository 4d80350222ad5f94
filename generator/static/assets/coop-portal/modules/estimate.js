// The co-op estimator: rebate and co-op from billed revenue per lever (the golden cases are
// tests/vectors.json), amounts read as typed, and the saved state
// {v: 2, period: 'FY27H1', values: {leverId: ['100,000', '', ...]}}: exactly what was typed
// (v 1 was the same under the old key). The form's whole state, and the named actions that
// change it, are at the end (reduceEstimator).

import { parseMoney, toCents } from "./money.js";
import { parseHalf } from "./dates.js";

const cents = (x) => toCents(x) / 100; // the portal's one rounding rule (money.js)
const sum = (list) => cents(list.reduce((a, b) => a + b, 0));

/** Rebate and co-op per month and for the half from billed revenue ({leverId: [USD per month]}). */
export function estimate(revenue, data) {
  const levers = new Map(data.levers.map((l) => [l.id, l]));
  const months = Math.max(0, ...Object.values(revenue).map((r) => r.length));
  let rebate = Array(months).fill(0),
    coop = Array(months).fill(0);
  for (const [id, amounts] of Object.entries(revenue)) {
    const lever = levers.get(id);
    if (!lever) throw new Error("unknown lever: " + id);
    amounts.forEach((amount, month) => {
      const earned = (amount * lever.ratePercent) / 100;
      rebate[month] += (earned * lever.rebatePercent) / 100;
      coop[month] += (earned * lever.coopPercent) / 100;
    });
  }
  rebate = rebate.map(cents);
  coop = coop.map(cents);
  const rebateTotal = sum(rebate),
    coopTotal = sum(coop),
    met = coopTotal >= data.threshold;
  return {
    rebate,
    coop,
    rebateTotal,
    coopTotal,
    threshold: data.threshold,
    thresholdMet: met,
    coopToClaim: met ? coopTotal : 0,
    rebateWithConversion: met ? rebateTotal : cents(rebateTotal + coopTotal),
  };
}

/**
 * The edition of the rates for co-op earned in a half ('FY27H1'): the one whose earning periods
 * hold it (data.editions, oldest first; none listed: the levers alone, as one edition).
 */
export function editionFor(half, data) {
  const editions = data.editions && data.editions.length ? data.editions : [{ id: "base", levers: data.levers }];
  const holds = (e) => (!e.earningFrom || half >= e.earningFrom) && (!e.earningUntil || half <= e.earningUntil);
  return editions.find(holds) || editions[editions.length - 1];
}

/** The estimate at the rates of the edition for a half: estimate() with that edition's levers. */
export const estimateFor = (revenue, half, data) => estimate(revenue, { ...data, levers: editionFor(half, data).levers });

/** A typed USD amount: {value: null, error: null} when empty, {value, error: null}, or {value: null, error, message}. */
export function readAmount(text) {
  const r = parseMoney(text);
  if (r.error) return { value: null, error: r.error, message: r.message };
  if (r.currency && r.currency !== "USD") {
    return {
      value: null,
      error: "currency",
      message: "\u201c" + String(text).trim() + "\u201d is not in US dollars: enter the amount in USD.",
    };
  }
  return { value: r.cents === null ? null : r.cents / 100, error: null };
}

const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

/** A saved estimator state read back, {period, values}, or null when it cannot be trusted. */
export function readEstimatorState(text) {
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return null;
  }
  if (
    !parsed ||
    (parsed.v !== 1 && parsed.v !== SAVED_VERSION) ||
    typeof parsed.values !== "object" ||
    !parsed.values ||
    Array.isArray(parsed.values)
  )
    return null;
  if (parsed.period != null && !parseHalf(parsed.period)) return null;
  const values = {};
  for (const id in parsed.values) {
    if (!own(parsed.values, id)) continue;
    const months = parsed.values[id];
    if (!/^[a-z0-9-]{1,80}$/.test(id) || !Array.isArray(months) || months.length > 6) return null;
    if (!months.every((x) => typeof x === "string" && x.length <= 200)) return null;
    values[id] = months.slice();
  }
  return { period: parsed.period || null, values };
}

/** True when no amount is typed. */
export const isEmpty = (values) => Object.values(values).every((months) => months.every((x) => !x.trim()));

/** The text to save for a state, or null (remove the saved state) when nothing is typed or kept. */
export const estimatorText = (state, kept) =>
  isEmpty(state.values) && !kept ? null : JSON.stringify({ v: SAVED_VERSION, period: state.period, values: state.values });
export const SAVED_VERSION = 2;

// ------------------------------------------------------------------ the form's state

const MONTHS = 6;
const blank = () => Array(MONTHS).fill("");
const field = (lever, month) => lever + ":" + month;

/**
 * The values of a state: six typed texts for each lever of the rules, and those of levers no
 * longer in the rules that still hold an amount (kept, left out of the estimate).
 */
function normalise(values, levers) {
  const out = {};
  for (const id of levers) out[id] = blank().map((x, i) => (values[id] && values[id][i] != null ? values[id][i] : x));
  for (const id of Object.keys(values)) if (!levers.includes(id) && values[id].some((x) => x.trim())) out[id] = values[id].slice();
  return out;
}

/**
 * The estimator form's state. levers: the rules' lever ids (fixed); period: the earning period
 * chosen; values: {leverId: [six typed texts]}; checked: {"lever:month": true} fields whose
 * problem is shown (left, or estimated); result: null, or {values} the estimate was asked for;
 * notices: [{kind, text, undo: {period, values} or null}]; editing: the field being typed in
 * ("lever:month"), which another tab's save leaves alone; memory: storage is blocked.
 */
export const initialEstimator = (levers, period) => ({
  levers,
  period,
  values: normalise({}, levers),
  checked: {},
  result: null,
  notices: [],
  editing: null,
  memory: false,
});

const STORAGE_NOTE =
  "This browser does not let the portal save here (for example in an embedded or private window). " +
  "Your amounts last only while this page is open.";
const notice = (state, kind, text, undo = null) => [...state.notices.filter((n) => n.kind !== kind), { kind, text, undo }];
// A field with an amount shows its problem once it is filled in from a save, a link or an undo.
const checkFilled = (checked, values) => {
  const out = { ...checked };
  for (const id of Object.keys(values)) values[id].forEach((x, m) => x.trim() && (out[field(id, m)] = true));
  return out;
};
const take = (state, incoming, keep) => {
  const values = normalise(incoming.values, state.levers);
  if (keep) {
    const [id, m] = keep.split(":");
    if (state.values[id] && values[id]) values[id][+m] = state.values[id][+m];
  }
  return { ...state, period: incoming.period || state.period, values, checked: checkFilled(state.checked, values) };
};

/**
 * The named actions: loaded {period, values} (the save read at start), corrupt, blocked,
 * typed {lever, month, text}, left {lever, month} (the field lost focus), editing {field or null},
 * periodChosen {period}, estimated, replaced {period, values, kind, text, estimate} (Clear or
 * the worked example: undoable when something was typed), undo {kind}, synced {period, values}
 * (another tab saved). A period in an action is one the page knows.
 */
export function reduceEstimator(state, action) {
  switch (action.type) {
    case "loaded": {
      const next = take(state, action);
      return { ...next, result: isEmpty(next.values) ? null : { values: next.values } };
    }
    case "synced":
      return take(state, action, state.editing);
    case "corrupt":
      return { ...state, notices: notice(state, "corrupt", "Your saved amounts could not be read, so the estimator starts empty.") };
    case "blocked":
      return state.memory ? state : { ...state, memory: true, notices: notice(state, "storage", STORAGE_NOTE) };
    case "typed": {
      const values = { ...state.values, [action.lever]: state.values[action.lever].slice() };
      values[action.lever][action.month] = action.text;
      return { ...state, values };
    }
    case "left":
      return { ...state, checked: { ...state.checked, [field(action.lever, action.month)]: true } };
    case "editing":
      return { ...state, editing: action.field };
    case "periodChosen":
      return { ...state, period: action.period, result: state.result && { values: state.values } };
    case "estimated": {
      const checked = { ...state.checked };
      for (const id of state.levers) for (let m = 0; m < MONTHS; m++) checked[field(id, m)] = true;
      return { ...state, checked, result: { values: state.values } };
    }
    case "replaced": {
      const before = isEmpty(state.values) ? null : { period: state.period, values: state.values };
      const next = take({ ...state, values: normalise({}, state.levers) }, action);
      return {
        ...next,
        result: action.estimate ? { values: next.values } : null,
        notices: notice(state, action.kind, action.text, before),
      };
    }
    case "undo": {
      const n = state.notices.find((x) => x.kind === action.kind);
      if (!n || !n.undo) return state;
      const next = take({ ...state, values: normalise({}, state.levers) }, n.undo);
      return {
        ...next,
        result: null,
        notices: state.notices.map((x) => (x === n ? { kind: n.kind, text: "Your earlier amounts are back.", undo: null } : x)),
      };
    }
    default:
      throw new Error("unknown estimator action: " + action.type);
  }
}

/** How many levers no longer in the rules still hold amounts. */
export const keptLevers = (state) => Object.keys(state.values).filter((id) => !state.levers.includes(id)).length;

/** One field as shown: {text, error: null or its message, shown: whether the problem is shown}. */
export function fieldView(state, lever, month) {
  const text = state.values[lever][month],
    r = readAmount(text);
  return { text, error: r.error ? r.message : null, shown: !!r.error && !!state.checked[field(lever, month)] };
}

/** The revenue of the values the estimate was asked for, and the fields that stop it: {revenue, bad: [{lever, month, message}]}. */
export function revenueOf(values, levers) {
  const revenue = {},
    bad = [];
  for (const id of levers) {
    values[id].forEach((text, month) => {
      const r = readAmount(text);
      if (r.error) bad.push({ lever: id, month, message: r.message });
      if (r.error || r.value === null) return;
      revenue[id] = revenue[id] || blank().map(() => 0);
      revenue[id][month] = r.value;
    });
  }
  return { revenue, bad };
}
