// Files to take away: the claim list and the evidence list as CSV that Excel opens (UTF-8
// BOM, CRLF, quoting; text that a spreadsheet would run as a formula is made inert), and
// reminders as an iCalendar file (RFC 5545: CRLF, lines folded at 75 octets, escaped text).

import { changeText } from "./claim-log.js";
import { addDays, cutoffMs } from "./dates.js";
import { claimMoney } from "./ledger.js";
import { fromCents } from "./money.js";
import {
  checklistProgress,
  checklistUnits,
  claimTiming,
  claimUsage,
  keepUntil,
  nextAction,
  own,
  stageDeadline,
  stageOf,
  statusOf,
} from "./workspace.js";
import { xlsx } from "./xlsx.js";

/** One CSV value: quoted when needed; text starting like a formula gets a leading apostrophe. */
export function csvCell(v) {
  let s = v === null || v === undefined ? "" : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = "'" + s;
  return /[",;\r\n]|^\s|\s$/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
}

/** A CSV value always in quotes (for claim numbers: spreadsheets that import quoted fields as
 * text, such as LibreOffice's "Format quoted field as text", then keep 0001234567 whole). */
export function csvText(v) {
  const s = csvCell(v === null || v === undefined ? "" : String(v));
  return s.startsWith('"') ? s : '"' + s + '"';
}

/** Rows (the first one the header) as CSV text with a BOM, so Excel reads UTF-8; the columns
 * whose headers are in `quoted` are always in quotes. Numbers keep a decimal point and no
 * thousands separator. */
export function toCsv(rows, quoted = []) {
  const always = rows.length ? rows[0].map((head) => quoted.includes(head)) : [];
  return "\uFEFF" + rows.map((r, y) => r.map((v, x) => (y && always[x] ? csvText(v) : csvCell(v))).join(",")).join("\r\n") + "\r\n";
}

/** Columns kept as text in every file: numbers such as 0001234567 that are not amounts. */
export const TEXT_COLUMNS = ["Claim number"];

const opt = (v) => (v === undefined || v === null ? "" : v);
const activityName = (c, d) => (own(d.activities, c.activity) || { name: c.activity }).name;

// One table, many uses: each column is its header and its value together.
export const CLAIM_COLUMNS = [
  ["Claim name", (c) => c.name],
  ["Claim number", (c) => opt(c.claim_number)],
  ["Activity", activityName],
  ["Usage period", claimUsage],
  ["Start", (c) => c.start],
  ["End", (c) => c.end],
  ["Currency", (c) => c.currency || "USD"],
  ["Planned amount", (c) => c.amount],
  ["Claimed", (c) => opt(c.claimed)],
  ["Approved", (c) => opt(c.approved)],
  ["Paid", (c) => opt(c.paid)],
  ["Status", (c, d) => (statusOf(c.status, d) || { name: c.status }).name],
  ["Claim by", (c, d) => claimTiming(c, d).claimBy],
  ["Claim deadline", (c, d) => claimTiming(c, d).claimDeadline],
  ["Resolution deadline", (c, d) => claimTiming(c, d).resolutionDeadline],
  ["Next action", (c, d, today) => nextAction(c, d, today).text],
  ["Next action due", (c, d, today) => opt(nextAction(c, d, today).due)],
  [
    "Proof done",
    (c, d) => {
      const a = own(d.activities, c.activity);
      if (!a) return "";
      const p = checklistProgress(c, a.checklist);
      return p.done + " of " + p.total;
    },
  ],
  ["Notes", (c) => opt(c.notes)],
  [
    "Status dates",
    (c, d) =>
      Object.entries(c.status_dates || {})
        .map(([k, v]) => (statusOf(k, d) || { name: k }).name + " " + v)
        .join("; "),
  ],
];

/**
 * The claim list as rows, the first one the header (amounts as numbers); on the viewer's
 * `today` each claim ends with its money lost (the one money model, ledger.js: past a
 * deadline, or the cut of a partly approved claim) and at risk.
 */
export const claimRows = (state, data, today) => {
  const heads = CLAIM_COLUMNS.map((c) => c[0]).concat(today ? ["Lost", "At risk"] : []);
  const money = (claim) => {
    if (!today) return [];
    const m = claimMoney(claim, data, { today });
    return [fromCents(m.lostDeadline + m.lostCut), fromCents(m.atRisk)];
  };
  return [heads].concat(state.claims.map((claim) => CLAIM_COLUMNS.map((c) => c[1](claim, data, today)).concat(money(claim))));
};

/** The claim list as CSV. */
export const claimsCsv = (state, data, today) => toCsv(claimRows(state, data, today), TEXT_COLUMNS);

// Text columns as strings, so the workbook writes them as text cells.
const asText = (rows) => {
  const at = rows[0].map((head) => TEXT_COLUMNS.includes(head));
  return rows.map((r, y) => (y ? r.map((v, x) => (at[x] && v !== "" ? String(v) : v)) : r));
};

/** The claim list as an Excel workbook (bytes), dated and with its money on `today`: amounts numeric, claim numbers text. */
export const claimsXlsx = (state, data, today) =>
  xlsx(asText(claimRows(state, data, today)), { sheet: "Claims", title: "Co-op claims", creator: data.brand, day: today });

// The log of changes, one row per entry: each column is its header and its value together
// (c: the claim, e: the entry, deleted: whether the claim is in the bin).
export const CHANGE_COLUMNS = [
  ["Claim name", (c) => c.name],
  ["Claim number", (c) => opt(c.claim_number)],
  ["Claim deleted", (c, e, d, deleted) => (deleted ? "yes" : "")],
  ["When (UTC)", (c, e) => e.at],
  ["What changed", (c, e, d) => changeText(e, c, d)],
  ["Kind", (c, e) => e.kind],
  ["Field, status or item", (c, e) => opt(e.field)],
  ["From", (c, e) => opt(e.from)],
  ["To", (c, e) => opt(e.to)],
  ["Day", (c, e) => opt(e.day)],
];

/** Every claim's log of changes as rows, the first one the header: the claims, then the deleted ones, each log oldest first. */
export function changeRows(state, data) {
  const rows = [CHANGE_COLUMNS.map((c) => c[0])];
  const add = (claim, deleted) => {
    for (const e of claim.changes || []) rows.push(CHANGE_COLUMNS.map((col) => col[1](claim, e, data, deleted)));
  };
  for (const c of state.claims) add(c, false);
  for (const t of state.deleted || []) if (t.claim) add(t.claim, true);
  return rows;
}

/** The log of changes for an audit bundle, as CSV (text a spreadsheet would run as a formula made inert). */
export const changesCsv = (state, data) => toCsv(changeRows(state, data), TEXT_COLUMNS);

/** The evidence list as an Excel workbook (bytes). */
export const evidenceXlsx = (state, data, day) =>
  xlsx(asText(evidenceRows(state, data)), { sheet: "Evidence", title: "Co-op evidence", creator: data.brand, day });

/**
 * The evidence list for an audit bundle: per claim, every tick box of its checklist and every
 * logged file or location, with the date to keep it until (the rules' retention months).
 */
export const evidenceCsv = (state, data) => toCsv(evidenceRows(state, data), TEXT_COLUMNS);

/** The evidence list as rows, the first one the header. */
export function evidenceRows(state, data) {
  const rows = [
    ["Claim name", "Claim number", "Activity", "Usage period", "Proof", "State", "File or location", "Note", "Logged on", "Keep until"],
  ];
  for (const c of state.claims) {
    const a = own(data.activities, c.activity),
      keep = keepUntil(c, data),
      log = c.evidence || {};
    const p = a ? checklistProgress(c, a.checklist) : { items: {} },
      texts = a ? checklistUnits(a.checklist).texts : {};
    const ids = [...new Set(Object.keys(p.items).concat(c.ticked, Object.keys(log)))];
    for (const id of ids) {
      const mark = own(p.items, id) || (c.ticked.includes(id) ? "ticked, no longer listed" : "no longer listed");
      for (const e of own(log, id) && log[id].length ? log[id] : [null]) {
        rows.push([
          c.name,
          opt(c.claim_number),
          activityName(c, data),
          claimUsage(c, data),
          own(texts, id) || id,
          mark,
          e ? e.file : "",
          e ? e.note : "",
          e ? e.at : "",
          keep,
        ]);
      }
    }
  }
  return rows;
}

// ------------------------------------------------------------------ iCalendar

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export const icsText = (s) =>
  String(s)
    .replace(/[\\;,]/g, (c) => "\\" + c)
    .replace(/\r\n|\r|\n/g, "\\n");

/** Folds a content line at 75 octets (RFC 5545 3.1) without splitting a character. */
export function foldLine(line) {
  let out = "",
    n = 0;
  for (const ch of line) {
    const c = ch.codePointAt(0),
      size = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (n + size > 75) ((out += "\r\n "), (n = 1));
    out += ch;
    n += size;
  }
  return out;
}

const utc = (ms) => new Date(ms).toISOString().replace(/[-:]|\.[0-9]{3}/g, "");

/**
 * Reminders: for each claim not yet submitted its claim-by date and its claim deadline, for
 * each claim waiting on a review or an answer its resolution deadline (each an hour ending at
 * the cut-off, with an alarm warnDays before), and the user's own next action as a whole day.
 * Days already gone by at `now` (ISO timestamp, which also stamps the file) are left out.
 */
export function remindersIcs(state, data, now) {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//coop-portal//co-op workspace//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "X-WR-CALNAME:" + icsText("Co-op claims" + (data.brand ? " (" + data.brand + ")" : "")),
  ];
  const stampNow = "DTSTAMP:" + utc(Date.parse(now));
  for (const c of state.claims) {
    const stage = stageOf(c, data),
      t = claimTiming(c, data),
      deadline = stageDeadline(stage, data),
      plan = deadline === "claim";
    const about = " Activity: " + activityName(c, data) + ", " + c.start + " to " + c.end + ", usage period " + claimUsage(c, data) + ".";
    const events = plan ? [["claim-by", t.claimBy, "Claim by: ", "Submit this co-op claim in Partner Center (the advised date)"]] : [];
    if (plan && t.claimDeadline !== t.claimBy)
      events.push(["claim-deadline", t.claimDeadline, "Claim deadline: ", "Co-op not claimed by now is forfeited"]);
    if (deadline === "resolution") events.push(["resolution", t.resolutionDeadline, "Resolve by: ", "This claim must be resolved"]);
    for (const [kind, day, lead, what] of events) {
      const end = cutoffMs(day, data);
      if (end < Date.parse(now)) continue; // a reminder of a day gone by helps nobody
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + c.id + "-" + kind + "@coop-portal",
        stampNow,
        "DTSTART:" + utc(end - 3600000),
        "DTEND:" + utc(end),
        "SUMMARY:" + icsText(lead + c.name),
        "DESCRIPTION:" + icsText(what + ": " + day + ", " + data.cutoffUtc + " UTC." + about),
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "TRIGGER:-P" + data.warnDays + "D",
        "DESCRIPTION:" + icsText(lead + c.name),
        "END:VALARM",
        "END:VEVENT",
      );
    }
    const own = c.next_action;
    if (own && own.text && own.due && stage !== "closed" && own.due >= now.slice(0, 10)) {
      const next = own.due.replace(/-/g, ""),
        after = addDays(own.due, 1).replace(/-/g, "");
      lines.push(
        "BEGIN:VEVENT",
        "UID:" + c.id + "-own@coop-portal",
        stampNow,
        "DTSTART;VALUE=DATE:" + next,
        "DTEND;VALUE=DATE:" + after,
        "SUMMARY:" + icsText(own.text + ": " + c.name),
        "DESCRIPTION:" + icsText("Your next action on this co-op claim." + about),
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(foldLine).join("\r\n") + "\r\n";
}
