// Calendar dates as ISO strings ('2026-09-30'), free of time zones, and the fiscal halves,
// periods and deadlines that rules.yaml's calendar gives. Every date rule comes from the
// data object (portal_data in generator/timing.py): nothing here knows a month or a day.

const DAY = 86400000;

// A real calendar date, leap years included. The workspace schema uses the same pattern.
export const DATE_PATTERN =
  "^(?:[12][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)" +
  "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:1[26]|2[048])00)-02-29)$";
const DATE_RE = new RegExp(DATE_PATTERN);

export const isDate = (s) => typeof s === "string" && DATE_RE.test(s);

const parts = (iso) => iso.split("-").map(Number);
const pad = (n) => String(n).padStart(2, "0");
export const isoOf = (y, m, d) => String(y).padStart(4, "0") + "-" + pad(m) + "-" + pad(d);

/** Days since 1970-01-01. */
export function dayNumber(iso) {
  const [y, m, d] = parts(iso);
  return Math.round(Date.UTC(y, m - 1, d) / DAY);
}

export function fromDayNumber(n) {
  const t = new Date(n * DAY);
  return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

export const addDays = (iso, days) => fromDayNumber(dayNumber(iso) + days);

/** Whole days from `from` to `to`: negative when `to` is earlier. */
export const daysBetween = (from, to) => dayNumber(to) - dayNumber(from);

/** The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 = 28 Feb). */
export function addMonths(iso, months) {
  const [y, m, d] = parts(iso);
  const index = y * 12 + m - 1 + months;
  const year = Math.floor(index / 12), month = index - year * 12 + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return isoOf(year, month, Math.min(d, last));
}

export const minDate = (a, b) => (a < b ? a : b);
export const maxDate = (a, b) => (a > b ? a : b);

/** The instant (ms) a deadline ends: its date at the calendar's UTC cut-off time. */
export function cutoffMs(iso, data) {
  const [y, m, d] = parts(iso);
  const [h, mi, s] = data.cutoffUtc.split(":").map(Number);
  return Date.UTC(y, m - 1, d, h, mi, s);
}

/** The calendar date of an instant in an IANA time zone. */
export function localDate(ms, zone) {
  const p = {};
  for (const x of new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
    .formatToParts(new Date(ms))) p[x.type] = x.value;
  return p.year + "-" + p.month + "-" + p.day;
}

/** Days from `today` (the viewer's date) to the local date on which a deadline's cut-off falls. */
export function daysLeft(today, deadline, data, zone = "UTC") {
  return daysBetween(today, zone === "UTC" ? deadline : localDate(cutoffMs(deadline, data), zone));
}

// ------------------------------------------------------------------ fiscal halves

/** 'FY27H1' for {fy: 2027, id: 'H1'}. */
export const halfLabel = (h) => "FY" + pad(h.fy % 100) + h.id;

export function parseHalf(label) {
  const m = /^FY([0-9]{2})(H[12])$/.exec(label || "");
  return m ? { fy: 2000 + Number(m[1]), id: m[2] } : null;
}

export const nextHalf = (h) => (h.id === "H1" ? { fy: h.fy, id: "H2" } : { fy: h.fy + 1, id: "H1" });
export const previousHalf = (h) => (h.id === "H2" ? { fy: h.fy, id: "H1" } : { fy: h.fy - 1, id: "H2" });

/** First and last day of a half, from the calendar's month/day boundaries. */
export function halfDates(h, cal) {
  const def = cal.halves.find((x) => x.id === h.id);
  const start = h.fy - (def.start[0] >= cal.fiscalYearStart[0] ? 1 : 0);
  const end = start + (def.end[0] < def.start[0] ? 1 : 0);
  return [isoOf(start, def.start[0], def.start[1]), isoOf(end, def.end[0], def.end[1])];
}

/** The fiscal half that contains a date. */
export function halfOf(iso, cal) {
  const year = parts(iso)[0];
  for (const fy of [year, year + 1]) {
    for (const def of cal.halves) {
      const h = { fy, id: def.id };
      const [start, end] = halfDates(h, cal);
      if (start <= iso && iso <= end) return h;
    }
  }
  throw new Error("the calendar's halves do not cover " + iso);
}

// The first date strictly after iso that falls on [month, day].
function nextOn(iso, md) {
  const candidate = isoOf(parts(iso)[0], md[0], md[1]);
  return candidate > iso ? candidate : isoOf(parts(iso)[0] + 1, md[0], md[1]);
}

/** The period earned in a half, as the calendar rule gives it; marked calculated. */
export function calculatedPeriod(earning, data) {
  const cal = data.calendar, usage = nextHalf(earning);
  const [earningStart, earningEnd] = halfDates(earning, cal);
  const [usageStart, usageEnd] = halfDates(usage, cal);
  const rule = cal.deadlines.find((d) => d.usageHalf === usage.id);
  const claimDeadline = nextOn(usageEnd, rule.claim);
  return {
    id: halfLabel(earning).toLowerCase(), earningHalf: halfLabel(earning), earningStart, earningEnd,
    usageHalf: halfLabel(usage), usageStart, usageEnd, claimDeadline,
    resolutionDeadline: nextOn(claimDeadline, rule.resolution), derived: [], calculated: true,
  };
}

/** The period whose usage half contains a date: the published row, else the rule's. */
export function periodFor(iso, data) {
  return data.periods.find((p) => p.usageStart <= iso && iso <= p.usageEnd) ||
    calculatedPeriod(previousHalf(halfOf(iso, data.calendar)), data);
}

/** The period spent in a usage half ('FY27H1'), or null for a label that is not a half. */
export function periodOfUsage(label, data) {
  const h = parseHalf(label);
  return h && (data.periods.find((p) => p.usageHalf === label) || calculatedPeriod(previousHalf(h), data));
}

/** The period earned in an earning half. */
export function periodOfEarning(label, data) {
  const h = parseHalf(label);
  return h && (data.periods.find((p) => p.earningHalf === label) || calculatedPeriod(h, data));
}

/**
 * Where an activity stands against a usage period (the one named, else the one its start falls
 * in): status "ok", "end-before-start", "spans-periods" (start and end in different usage
 * halves) or "outside-period"; startsBefore / endsAfter the period; and claimBy = the earlier
 * of end + the advised days and the period's claim deadline.
 */
export function activityTiming(start, end, data, usage) {
  const period = usage ? periodOfUsage(usage, data) : periodFor(start, data);
  if (!period) return { status: "unknown-period" };
  const ok = end >= start;
  const spans = ok && periodFor(start, data).usageHalf !== periodFor(end, data).usageHalf;
  const startsBefore = ok && start < period.usageStart, endsAfter = ok && end > period.usageEnd;
  return {
    status: !ok ? "end-before-start" : spans ? "spans-periods" : startsBefore || endsAfter ? "outside-period" : "ok",
    period: period.usageHalf, calculated: !!period.calculated, startsBefore, endsAfter,
    claimBy: ok ? minDate(addDays(end, data.claimWithinDays), period.claimDeadline) : period.claimDeadline,
    claimDeadline: period.claimDeadline, resolutionDeadline: period.resolutionDeadline,
  };
}
