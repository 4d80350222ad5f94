// The co-op estimator: rebate and co-op from billed revenue per lever (the golden cases are
// tests/vectors.json), amounts read as typed, and the saved state
// {v: 1, period: 'FY27H1', values: {leverId: ['100,000', '', ...]}}: exactly what was typed.

import { parseMoney, toCents } from "./money.js";
import { parseHalf } from "./dates.js";

const cents = (x) => toCents(x) / 100; // the portal's one rounding rule (money.js)
const sum = (list) => cents(list.reduce((a, b) => a + b, 0));

/** Rebate and co-op per month and for the half from billed revenue ({leverId: [USD per month]}). */
export function estimate(revenue, data) {
  const levers = new Map(data.levers.map((l) => [l.id, l]));
  const months = Math.max(0, ...Object.values(revenue).map((r) => r.length));
  let rebate = Array(months).fill(0), coop = Array(months).fill(0);
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
  const rebateTotal = sum(rebate), coopTotal = sum(coop), met = coopTotal >= data.threshold;
  return { rebate, coop, rebateTotal, coopTotal, threshold: data.threshold, thresholdMet: met, coopToClaim: met ? coopTotal : 0,
    rebateWithConversion: met ? rebateTotal : cents(rebateTotal + coopTotal) };
}

/** A typed USD amount: {value: null, error: null} when empty, {value, error: null}, or {value: null, error, message}. */
export function readAmount(text) {
  const r = parseMoney(text);
  if (r.error) return { value: null, error: r.error, message: r.message };
  if (r.currency && r.currency !== "USD") {
    return { value: null, error: "currency", message: "\u201c" + String(text).trim() + "\u201d is not in US dollars: enter the amount in USD." };
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
  if (!parsed || parsed.v !== 1 || typeof parsed.values !== "object" || !parsed.values || Array.isArray(parsed.values)) return null;
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
  isEmpty(state.values) && !kept ? null : JSON.stringify({ v: 1, period: state.period, values: state.values });
