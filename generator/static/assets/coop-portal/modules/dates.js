// Calendar dates as ISO strings ('2026-09-30'), free of time zones, and the fiscal halves,
// periods and deadlines of the rules' calendar. Every date rule comes from `data`
// (the site's browser data, generator/browser_data.py): nothing here knows a month or a day.

const DAY = 86400000;

/** A real date from 1000 to 2999, leap years included (the workspace schema's pattern too). */
export const DATE_PATTERN =
  "^(?:[12][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)" +
  "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:1[26]|2[048])00)-02-29)$";
const DATE_RE = new RegExp(DATE_PATTERN);
export const isDate = (s) => typeof s === "string" && DATE_RE.test(s);

const parts = (iso) => iso.split("-").map(Number);
const pad = (n) => String(n).padStart(2, "0");
export const isoOf = (y, m, d) => y + "-" + pad(m) + "-" + pad(d);

/** Days since 1970-01-01. */
export const dayNumber = (iso) => Math.round(Date.UTC(...parts(iso).map((x, i) => x - (i === 1))) / DAY);
export function fromDayNumber(n) {
  const t = new Date(n * DAY);
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}
export const addDays = (iso, days) => fromDayNumber(dayNumber(iso) + days);
/** Whole days from `from` to `to`, negative when `to` is earlier. */
export const daysBetween = (from, to) => dayNumber(to) - dayNumber(from);
const lastDay = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The same day `months` later, or the last day of a shorter month. */
export function addMonths(iso, months) {
  const [y, m, d] = parts(iso),
    i = y * 12 + m - 1 + months,
    year = Math.floor(i / 12),
    month = i - year * 12 + 1;
  return isoOf(year, month, Math.min(d, lastDay(year, month)));
}
export const minDate = (a, b) => (a < b ? a : b);
export const maxDate = (a, b) => (a > b ? a : b);

/** The instant (ms) a deadline ends: its date at the calendar's UTC cut-off time. */
export const cutoffMs = (iso, data) => dayNumber(iso) * DAY + data.cutoffUtc.split(":").reduce((a, x) => a * 60 + +x, 0) * 1000;

const formats = new Map();
/** The calendar date of an instant in an IANA time zone. */
export function localDate(ms, zone) {
  if (!formats.has(zone))
    formats.set(zone, new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }));
  const p = {};
  for (const x of formats.get(zone).formatToParts(ms)) p[x.type] = x.value;
  return p.year + "-" + p.month + "-" + p.day;
}

/** Days from the viewer's `today` to the local date on which a deadline's cut-off falls. */
export const daysLeft = (today, deadline, data, zone = "UTC") =>
  daysBetween(today, zone === "UTC" ? deadline : localDate(cutoffMs(deadline, data), zone));

// ------------------------------------------------------------------ fiscal halves

/** 'FY27H1' for {fy: 2027, id: 'H1'}, and back (null for anything else). */
export const halfLabel = (h) => "FY" + pad(h.fy % 100) + h.id;
export function parseHalf(label) {
  const m = /^FY([0-9]{2})(H[12])$/.exec(label || "");
  return m ? { fy: 2000 + +m[1], id: m[2] } : null;
}
export const nextHalf = (h) => (h.id === "H1" ? { fy: h.fy, id: "H2" } : { fy: h.fy + 1, id: "H1" });
export const previousHalf = (h) => (h.id === "H2" ? { fy: h.fy, id: "H1" } : { fy: h.fy - 1, id: "H2" });

/** First and last day of a half, from the calendar's month/day boundaries. */
export function halfDates(h, cal) {
  const def = cal.halves.find((x) => x.id === h.id);
  const start = h.fy - (def.start[0] >= cal.fiscalYearStart[0]),
    end = start + (def.end[0] < def.start[0]);
  return [isoOf(start, ...def.start), isoOf(end, ...def.end)];
}

/** The fiscal half that contains a date. */
export function halfOf(iso, cal) {
  for (const fy of [parts(iso)[0], parts(iso)[0] + 1]) {
    for (const def of cal.halves) {
      const [start, end] = halfDates({ fy, id: def.id }, cal);
      if (start <= iso && iso <= end) return { fy, id: def.id };
    }
  }
  throw new Error("the calendar's halves do not cover " + iso);
}

// The first date after iso that falls on [month, day].
const nextOn = (iso, md) => (isoOf(parts(iso)[0], ...md) > iso ? isoOf(parts(iso)[0], ...md) : isoOf(parts(iso)[0] + 1, ...md));

/** The period earned in a half as the calendar rule gives it, marked calculated. */
export function calculatedPeriod(earning, data) {
  const usage = nextHalf(earning),
    [earningStart, earningEnd] = halfDates(earning, data.calendar);
  const [usageStart, usageEnd] = halfDates(usage, data.calendar);
  const rule = data.calendar.deadlines.find((d) => d.usageHalf === usage.id),
    claimDeadline = nextOn(usageEnd, rule.claim);
  return {
    id: halfLabel(earning).toLowerCase(),
    earningHalf: halfLabel(earning),
    earningStart,
    earningEnd,
    usageHalf: halfLabel(usage),
    usageStart,
    usageEnd,
    claimDeadline,
    resolutionDeadline: nextOn(claimDeadline, rule.resolution),
    derived: [],
    calculated: true,
  };
}

/** The period whose usage half contains a date: the published row, else the rule's. */
export const periodFor = (iso, data) =>
  data.periods.find((p) => p.usageStart <= iso && iso <= p.usageEnd) || calculatedPeriod(previousHalf(halfOf(iso, data.calendar)), data);

/** The period spent in a usage half ('FY27H1') or earned in an earning half; null for no half. */
export const periodOfUsage = (label, data) =>
  parseHalf(label) && (data.periods.find((p) => p.usageHalf === label) || calculatedPeriod(previousHalf(parseHalf(label)), data));
export const periodOfEarning = (label, data) =>
  parseHalf(label) && (data.periods.find((p) => p.earningHalf === label) || calculatedPeriod(parseHalf(label), data));

/**
 * An activity against a usage period (the one named, else the one it starts in): status "ok",
 * "end-before-start", "spans-periods" or "outside-period"; startsBefore / endsAfter it; and
 * claimBy, the earlier of end + the advised days and the period's claim deadline.
 */
export function activityTiming(start, end, data, usage) {
  const p = usage ? periodOfUsage(usage, data) : periodFor(start, data);
  if (!p) return { status: "unknown-period" };
  const ok = end >= start,
    startsBefore = ok && start < p.usageStart,
    endsAfter = ok && end > p.usageEnd;
  const spans = ok && periodFor(start, data).usageHalf !== periodFor(end, data).usageHalf;
  return {
    status: !ok ? "end-before-start" : spans ? "spans-periods" : startsBefore || endsAfter ? "outside-period" : "ok",
    period: p.usageHalf,
    calculated: !!p.calculated,
    startsBefore,
    endsAfter,
    claimBy: ok ? minDate(addDays(end, data.claimWithinDays), p.claimDeadline) : p.claimDeadline,
    claimDeadline: p.claimDeadline,
    resolutionDeadline: p.resolutionDeadline,
  };
}

/** A period by id: a published row, or the rule's (ids like 'fy28h1' name the earning half). */
export const periodById = (id, data) => data.periods.find((p) => p.id === id) || periodOfEarning(String(id).toUpperCase(), data);

/** True when a period's date (field: 'claimDeadline', ...) comes from the rule, not a source. */
export const isCalculated = (p, field) => !!p.calculated || (p.derived || []).includes(field);

/** Every published period, plus the rule's for the usage halves before, at and after a date. */
export function periodsNear(iso, data) {
  const out = data.periods.slice(),
    published = new Set(data.periods.map((p) => p.earningHalf)),
    usage = halfOf(iso, data.calendar);
  for (const h of [previousHalf(usage), usage, nextHalf(usage)]) {
    if (!published.has(halfLabel(previousHalf(h)))) out.push(calculatedPeriod(previousHalf(h), data));
  }
  return out.sort((a, b) => (a.usageStart < b.usageStart ? -1 : a.usageStart > b.usageStart ? 1 : 0));
}

/** {state: 'passed', 'soon' (warnDays local days or fewer left) or 'open', daysLeft} at an instant (ms). */
export function deadlineStatus(now, deadline, data, zone = "UTC") {
  const left = daysLeft(localDate(now, zone), deadline, data, zone);
  return { state: cutoffMs(deadline, data) <= now ? "passed" : left <= data.warnDays ? "soon" : "open", daysLeft: left };
}

/** The next claim and resolution deadlines whose cut-off is after `now` (ms): [{kind, period, day, daysLeft}]. */
export function nextDeadlines(now, data, zone = "UTC") {
  const periods = periodsNear(localDate(now, "UTC"), data),
    out = [];
  for (const kind of ["claim", "resolution"]) {
    let best = null;
    for (const p of periods) {
      const day = p[kind + "Deadline"];
      if (cutoffMs(day, data) > now && (!best || day < best.day || (day === best.day && p.id < best.period))) best = { period: p.id, day };
    }
    if (best) out.push({ kind, ...best, daysLeft: daysLeft(localDate(now, zone), best.day, data, zone) });
  }
  return out;
}

/** When an approved claim is paid: [from, to], this month if approved by the cut-off day, else next. */
export function paymentWindow(approved, data) {
  const r = data.coopPayment;
  let [y, m, d] = parts(approved);
  if (d > r.approvedByDay) [y, m] = m === 12 ? [y + 1, 1] : [y, m + 1];
  return [isoOf(y, m, r.paidFromDay), isoOf(y, m, Math.min(r.paidToDay, lastDay(y, m)))];
}
