// Dates, days and periods in the words the portal's pages use: '15 February 2027',
// 'July to December 2026', '3 days left'. Text only, no page.

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
const parts = (iso) => iso.split("-").map(Number);

/** 15 February 2027. */
export function longDate(iso) {
  const [y, m, d] = parts(iso);
  return d + " " + MONTHS[m - 1] + " " + y;
}
/** 15 Feb 2027. */
export function shortDate(iso) {
  const [y, m, d] = parts(iso);
  return d + " " + MONTHS[m - 1].slice(0, 3) + " " + y;
}
/** 'July to December 2026', or 'July 2026 to January 2027' across a new year. */
export function monthSpan(from, to) {
  const [a, am] = parts(from),
    [b, bm] = parts(to);
  return MONTHS[am - 1] + (a === b ? "" : " " + a) + " to " + MONTHS[bm - 1] + " " + b;
}
/** The six months from a date as column names: 'Jul 2026', ... */
export function sixMonths(from) {
  const [y, m] = parts(from);
  return [0, 1, 2, 3, 4, 5].map((i) => MONTHS[(m - 1 + i) % 12].slice(0, 3) + " " + (y + Math.floor((m - 1 + i) / 12)));
}
/** An instant (ms) in a time zone: 'Mon, 15 February 2027, 23:59 GMT'. */
export const localTime = (ms, zone) =>
  new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    weekday: "short",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(new Date(ms));

/** 'FY27H1 (1 July 2026 to 31 December 2026)'. */
export const usageText = (p) => p.usageHalf + " (" + longDate(p.usageStart) + " to " + longDate(p.usageEnd) + ")";
/** 'Ends today.', '1 day left.', '5 days left.' */
export const daysText = (n) => (n === 0 ? "Ends today." : n === 1 ? "1 day left." : n + " days left.");
/** 'it ends today', '1 day left', '5 days left'. */
export const leftText = (n) => (n === 0 ? "it ends today" : n === 1 ? "1 day left" : n + " days left");
/** 'earlier today', '1 day ago', '5 days ago' for zero or fewer days left. */
export const agoText = (n) => (n === 0 ? "earlier today" : -n === 1 ? "1 day ago" : -n + " days ago");
/** What to do with an activity across two usage periods: the timing checker and My co-op say it alike. */
export const SPLIT_ADVICE = "split it into two claims, one per usage period";
/** What to do about an approved claim whose payment window has passed: the claim and What needs you say it alike. */
export const PAYMENT_LATE = "The payment is late: ask Microsoft about it";
/** '1 item', '3 items'. */
export const count = (n, noun) => n + " " + noun + (n === 1 ? "" : "s");
/** What each logged field of a claim is called in its log of changes (claim-log.js). */
export const CHANGE_FIELDS = {
  name: "Claim name",
  activity: "Activity",
  start: "Start of the activity",
  end: "End of the activity",
  amount: "Planned amount",
  currency: "Currency",
  usage_period: "Usage period",
  fund_category: "Fund category",
  claim_number: "Claim number",
  claimed: "Amount claimed",
  approved: "Amount approved",
  paid: "Amount paid",
  notes: "Notes",
  next_action: "Your own next action",
  next_action_due: "Due date of your own next action",
};
/** A time (ISO) as the day and hour it was in a time zone (the viewer's when none): '2 December 2026, 14:05'. */
export function dayAndTime(iso, zone) {
  const t = new Date(iso);
  if (isNaN(t)) return iso;
  const part = (o) => new Intl.DateTimeFormat("en-CA", { timeZone: zone, ...o }).format(t);
  const day = part({ year: "numeric", month: "2-digit", day: "2-digit" });
  return longDate(day) + ", " + part({ hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}
