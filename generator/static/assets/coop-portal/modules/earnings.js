// Partner Center's Earnings report (CSV) to the co-op earned per earning half: RFC 4180
// parsing, columns found by name in any order and spelling of case and spaces, each earning
// counted once, amounts summed exactly, and the threshold outcome of each half.

import { halfLabel, halfOf, isDate, isoOf, periodOfEarning } from "./dates.js";
import { formatMoney, toCents } from "./money.js";

export const COLUMNS = ["earningId", "earningType", "earningAmountUSD", "earningDate"];
const squash = (s) => s.replace(/[\s_]+/g, "").toLowerCase();

/**
 * Records of a CSV text (quotes, doubled quotes, commas and line breaks inside quotes, CRLF
 * or LF, a leading BOM). The delimiter is the comma, or the semicolon or tab when the first
 * line has more of those (as spreadsheets in some countries save). Throws on an open quote.
 * `progress(share)`, when given, is told the share of the text read (0 to 1) now and then.
 * use(values, index) is called with each record as it is read (a big file is never held as rows).
 */
function eachRecord(input, progress, use) {
  const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const head = s.slice(0, s.search(/\r|\n|$/)).replace(/"[^"]*"/g, "");
  const count = (c) => head.split(c).length;
  const d = [";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ",");
  const n = s.length,
    dc = d.charCodeAt(0),
    step = 1 << 20;
  let row = [],
    cell = "",
    i = 0,
    records = 0,
    next = step;
  // Runs of plain text are sliced out whole (adding one character at a time is slow on big files).
  while (i < n) {
    if (cell === "" && s.charCodeAt(i) === 34) {
      // A quoted value: up to the closing quote, a doubled quote standing for one.
      const start = records + 1;
      let j = i + 1;
      for (;;) {
        const q = s.indexOf('"', j);
        if (q < 0) throw new Error("row " + start + ": a quoted value is never closed. Hint: check the quote marks in that row");
        if (s.charCodeAt(q + 1) === 34) {
          cell += s.slice(j, q + 1);
          j = q + 2;
          continue;
        }
        cell += s.slice(j, q);
        i = q + 1;
        break;
      }
      continue;
    }
    let j = i,
      k = 0;
    while (j < n && (k = s.charCodeAt(j)) !== dc && k !== 13 && k !== 10) j++;
    cell += s.slice(i, j);
    if (j >= n) break;
    row.push(cell);
    cell = "";
    if (k === dc) i = j + 1;
    else {
      use(row, records++);
      row = [];
      i = j + (k === 13 && s.charCodeAt(j + 1) === 10 ? 2 : 1);
      if (progress && i >= next) ((next = i + step), progress(i / n));
    }
  }
  if (cell !== "" || row.length) use(row.concat([cell]), records++);
}

/** Every record of a CSV text (see eachRecord) as a list of its values. */
export function parseCsv(input, progress) {
  const rows = [];
  eachRecord(input, progress, (row) => rows.push(row));
  return rows;
}

// An exact decimal: {n: BigInt, scale} for "-1,234.5678" or "1.5E-3"; null when not a number.
function decimal(text) {
  const m = /^(-?)([0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.([0-9]*))?(?:[eE]([-+]?[0-9]{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  const fraction = m[3] || "",
    exp = Number(m[4] || 0);
  let n = BigInt(m[1] + m[2].replace(/,/g, "") + fraction),
    scale = fraction.length - exp;
  if (scale < 0) ((n *= 10n ** BigInt(-scale)), (scale = 0));
  return { n, scale };
}
const add = (a, b) => {
  if (a.scale === b.scale) return { n: a.n + b.n, scale: a.scale };
  const scale = Math.max(a.scale, b.scale);
  return { n: a.n * 10n ** BigInt(scale - a.scale) + b.n * 10n ** BigInt(scale - b.scale), scale };
};
// Whole cents, half away from zero.
function cents(d) {
  if (d.scale <= 2) return Number(d.n * 10n ** BigInt(2 - d.scale));
  const div = 10n ** BigInt(d.scale - 2),
    abs = d.n < 0n ? -d.n : d.n;
  const q = abs / div + (2n * (abs % div) >= div ? 1n : 0n);
  return Number(d.n < 0n ? -q : q);
}

/**
 * Reads an Earnings report: {ok: false, message, missing} when it cannot be used, else
 * {ok: true, periods: [{earningHalf, usageHalf, cents, earnings, thresholdMet, calculated,
 * complete}], problems: [{row, message}], coopRows, duplicates, otherRows, notes}.
 * Rows are numbered as a spreadsheet shows them (the header is row 1). `today` (optional)
 * tells whether each earning half is over. `progress(share)` (optional) is told how far the
 * reading is, from 0 to 1. `problemCount` is the number of problems however many are listed.
 */
export function readEarnings(input, data, today, progress) {
  let header = null,
    missing = [];
  const at = {},
    problems = [],
    seen = new Map(),
    found = [],
    slash = [];
  let duplicates = 0,
    otherRows = 0,
    coopRows = 0;
  try {
    eachRecord(input, progress && ((x) => progress(0.9 * x)), (r, i) => {
      if (header) return missing.length ? undefined : record(r, i);
      if (!r.some((c) => c.trim())) return undefined;
      header = r.map(squash);
      for (const name of COLUMNS) at[name] = header.indexOf(squash(name));
      missing = COLUMNS.filter((name) => at[name] < 0);
      return undefined;
    });
  } catch (e) {
    return { ok: false, message: e.message, missing: [] };
  }
  if (!header) missing = COLUMNS.slice();
  if (missing.length) {
    return {
      ok: false,
      missing,
      message:
        "This file has no column " +
        missing.join(", ") +
        ". Hint: download the Earnings report from Partner Center's Earnings workspace and choose it here unchanged",
    };
  }
  function record(r, i) {
    const row = i + 1,
      get = (name) => (r[at[name]] || "").trim();
    if (!r.some((c) => c.trim())) return;
    if (squash(get("earningType")).replace(/-/g, "") !== "coop") {
      otherRows++;
      return;
    }
    coopRows++;
    let amount = decimal(get("earningAmountUSD"));
    const whole = amount ? cents(amount) : 0;
    if (amount && Math.abs(whole) >= 1e14) amount = null; // a trillion dollars or more is a misread
    const id = get("earningId"),
      day = get("earningDate");
    if (!id) problems.push({ row, message: "row " + row + ": earningId is empty, so this earning cannot be told apart from others" });
    else if (seen.has(id)) {
      duplicates++;
      if (amount && seen.get(id) !== whole) {
        problems.push({ row, message: "row " + row + ": earning " + id + " appears again with another amount; only its first row counts" });
      }
    } else if (!amount) {
      problems.push({
        row,
        message: "row " + row + ": earningAmountUSD: expected a number like 1234.56, but got '" + get("earningAmountUSD") + "'",
      });
    } else {
      const iso = /^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ].*)?$/.exec(day);
      const us = /^([0-9]{1,2})\/([0-9]{1,2})\/([0-9]{4})(?: .*)?$/.exec(day);
      if (iso && isDate(iso[1])) found.push({ row, amount, day: iso[1] });
      else if (us) slash.push({ row, amount, parts: us.slice(1).map(Number) });
      else
        problems.push({
          row,
          message: "row " + row + ": earningDate: expected a date like 2026-07-31 or 7/31/2026, but got '" + day + "'",
        });
      seen.set(id, whole);
    }
  }
  // Slashed dates: month first, as Partner Center writes them, unless the file shows days first.
  const notes = [];
  const dayFirst = slash.some((x) => x.parts[0] > 12),
    monthFirst = slash.some((x) => x.parts[1] > 12);
  if (slash.length && !dayFirst && !monthFirst)
    notes.push("Dates like 7/1/2026 were read as month/day/year, as Partner Center writes them.");
  for (const x of slash) {
    const [a, b, y] = x.parts,
      day = dayFirst ? isoOf(y, b, a) : isoOf(y, a, b);
    if (dayFirst && monthFirst)
      problems.push({
        row: x.row,
        message: "row " + x.row + ": earningDate: the file mixes day/month and month/day dates, so this one is unclear",
      });
    else if (!isDate(day))
      problems.push({ row: x.row, message: "row " + x.row + ": earningDate: '" + [a, b, y].join("/") + "' is not a date" });
    else found.push({ row: x.row, amount: x.amount, day });
  }
  const sums = new Map(),
    halves = new Map(); // a report has many rows per day: each day's half is worked out once
  for (const x of found) {
    let label = halves.get(x.day);
    if (label === undefined) halves.set(x.day, (label = halfLabel(halfOf(x.day, data.calendar))));
    const s = sums.get(label);
    sums.set(label, s ? { total: add(s.total, x.amount), count: s.count + 1 } : { total: x.amount, count: 1 });
  }
  const threshold = toCents(data.threshold);
  const periods = [...sums.keys()].sort().map((label) => {
    const p = periodOfEarning(label, data),
      total = cents(sums.get(label).total);
    return {
      earningHalf: label,
      usageHalf: p.usageHalf,
      cents: total,
      earnings: sums.get(label).count,
      thresholdMet: total >= threshold,
      calculated: !!p.calculated,
      complete: today ? today > p.earningEnd : null,
    };
  });
  problems.sort((x, y) => x.row - y.row);
  return { ok: true, periods, problems, problemCount: problems.length, coopRows, duplicates, otherRows, notes };
}

/** The threshold outcome of one earning half, in plain words. */
export function thresholdText(period, data) {
  const t = formatMoney(toCents(data.threshold));
  return period.thresholdMet
    ? formatMoney(period.cents) +
        " of co-op earned in " +
        period.earningHalf +
        " meets the " +
        t +
        " threshold: it can be spent in " +
        period.usageHalf +
        "."
    : formatMoney(period.cents) + " of co-op earned in " + period.earningHalf + " is under the " + t + " threshold: it turns into rebate.";
}
