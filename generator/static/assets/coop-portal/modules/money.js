// Money as whole cents (integers), read from what people type and shown as on the site
// ('USD 32,400', 'USD 1,234.50'). Anything that could be read two ways is refused with a
// reason, never guessed: '1.000' (one, or a thousand the European way) and '1,5'.

const LIMIT = 1e12; // amounts of this size or more are refused (cents stay exact integers)

/**
 * Whole cents of a decimal amount (a number from a file), rounded half away from zero after
 * rounding to 6 decimals (so 1.005 is 100.5 cents, not 100.49999...): the portal's one rounding
 * rule for money. Python's generator/domain.py whole_cents is the same rule, for the build.
 */
export const toCents = (x) => Math.round(Number((Math.abs(x) * 100).toFixed(6))) * (x < 0 ? -1 : 1);
export const fromCents = (c) => c / 100;
export const sumCents = (list) => list.reduce((a, b) => a + b, 0);
/** A percentage of an amount in cents, rounded to the cent as toCents rounds (the one rule). */
export const percentOf = (cents, percent) => toCents((cents * percent) / 10000);

function fail(code, message) {
  return { cents: null, currency: null, error: code, message };
}

/**
 * An amount as people type it: '$ 100,000', 'USD 100,000', 'EUR 2,500.75', '100000.50',
 * '100 000'. Returns {cents: null} for an empty field, {cents, currency} (currency: a
 * three-letter code when one was typed, else null) or {error: code, message: text}.
 */
export function parseMoney(text) {
  const typed = String(text == null ? "" : text)
    .replace(/[\u00a0\u2007\u2009\u202f]/g, " ")
    .trim();
  if (!typed) return { cents: null, currency: null, error: null };
  let currency = null;
  const s = typed
    .replace(/^(US\$|\$|[A-Za-z]{3}(?![A-Za-z]))\s*/, (m, c) => ((currency = c), ""))
    .replace(/\s*(US\$|\$|[A-Za-z]{3})$/, (m, c) => ((currency = currency || c), ""));
  if (currency) currency = currency === "$" ? null : /\$/.test(currency) ? "USD" : currency.toUpperCase();
  const quoted = "\u201c" + typed + "\u201d";
  if (/^[-\u2212\u2013(]/.test(s)) return fail("negative", "Enter zero or more: an amount here is never negative.");
  if (!/^[0-9., ]+$/.test(s) || !/[0-9]/.test(s)) {
    return fail("not-a-number", quoted + " is not an amount. Use digits, for example 100,000 or 100000.50.");
  }
  const dots = s.split(".");
  if (dots.length > 2) {
    return fail("several-dots", "Use a dot only before the cents. Between thousands use commas or spaces, for example 1,000,000.");
  }
  const [whole, fraction = null] = dots;
  if (fraction !== null && /[, ]/.test(fraction)) return fail("cents-first", "Put the cents last, after a dot, for example 1,000.50.");
  if (fraction !== null && fraction.length === 3 && /^[0-9]{1,3}$/.test(whole)) {
    return fail(
      "ambiguous-dot",
      quoted +
        " is unclear: some countries write a dot between thousands. For " +
        whole +
        "," +
        fraction +
        " type " +
        whole +
        fraction +
        " or " +
        whole +
        "," +
        fraction +
        "; use a dot only before two-digit cents.",
    );
  }
  if (fraction !== null && fraction.length > 2)
    return fail("too-many-cents", "Cents have two digits at most: check the digits after the dot.");
  if (/[, ]/.test(whole)) {
    if (/,/.test(whole) && / /.test(whole)) return fail("mixed-groups", "Use either commas or spaces between thousands, not both.");
    const groups = whole.split(/[, ]/);
    if (!/^[0-9]{1,3}$/.test(groups[0]) || !groups.slice(1).every((g) => /^[0-9]{3}$/.test(g))) {
      if (fraction === null && groups.length === 2 && /,/.test(whole) && /^[0-9]{1,2}$/.test(groups[1])) {
        return fail(
          "decimal-comma",
          quoted +
            " looks like a decimal comma. Use a dot before the cents (" +
            groups[0] +
            "." +
            (groups[1] + "0").slice(0, 2) +
            "); a comma only separates thousands, with three digits after it.",
        );
      }
      return fail("grouping", "Commas or spaces go between groups of three digits, for example 100,000 or 100 000.");
    }
  }
  const digits = whole.replace(/[, ]/g, "") || "0";
  if (digits.length > 12 || Number(digits) >= LIMIT) {
    return fail("too-large", "That is more than this tool handles: enter less than 1,000,000,000,000.");
  }
  return { cents: Number(digits) * 100 + Number(((fraction || "") + "00").slice(0, 2)), currency, error: null };
}

/**
 * An amount typed for a given currency: {cents, message}. A currency written in the amount
 * ("EUR 5,000") must be that one; message says what is wrong, else it is null.
 */
export function amountIn(text, currency) {
  const m = parseMoney(text);
  if (m.error) return { cents: null, message: m.message };
  if (m.currency && m.currency !== currency) {
    return { cents: null, message: "the amount says " + m.currency + " but the currency is " + currency + ". Change one of them." };
  }
  return { cents: m.cents, message: null };
}

/** 10,000 or 1,234.50: whole amounts without cents, as the site's tables show them. */
export function formatAmount(cents) {
  const sign = cents < 0 ? "-" : "",
    abs = Math.abs(cents);
  const whole = String(Math.floor(abs / 100)).replace(/\B(?=([0-9]{3})+$)/g, ",");
  return sign + whole + (abs % 100 ? "." + String(abs % 100).padStart(2, "0") : "");
}

/** USD 32,400 or USD 1,234.50. */
export const formatMoney = (cents, currency = "USD") => currency + " " + formatAmount(cents);
