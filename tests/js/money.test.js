// money.js: typed amounts to whole cents, refusing what could be read two ways; formatting.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const { load } = require("./workspace_fixture.js");

const m = load("money");

test("every typed amount of the estimator's cases reads to the same value, in cents", () => {
  const cases = JSON.parse(fs.readFileSync(path.join(__dirname, "money_cases.json"), "utf8")).cases;
  for (const c of cases) {
    const r = m.parseMoney(c.typed);
    if ("value" in c.expect) {
      assert.equal(r.error, null, c.typed);
      assert.equal(r.cents, c.expect.value === null ? null : Math.round(c.expect.value * 100), c.typed);
    } else {
      assert.equal(r.cents, null, c.typed);
      assert.equal(r.error, c.expect.error, c.typed);
      assert.ok(r.message.length > 20, c.typed);
    }
  }
});

test("the cents are exact where floating point would drift", () => {
  assert.equal(m.parseMoney("0.10").cents + m.parseMoney("0.20").cents, 30);
  assert.equal(m.parseMoney("1,234,567.89").cents, 123456789);
  assert.equal(m.parseMoney("999999999999.99").cents, 99999999999999);
  assert.equal(m.parseMoney("19.9").cents, 1990);
  assert.equal(m.parseMoney("0.07").cents, 7);
});

test("a currency code typed before or after the amount is returned; a bare $ names none", () => {
  assert.deepEqual([m.parseMoney("EUR 2,500.75").cents, m.parseMoney("EUR 2,500.75").currency], [250075, "EUR"]);
  assert.equal(m.parseMoney("100 gbp").currency, "GBP");
  assert.equal(m.parseMoney("US$ 5").currency, "USD");
  assert.equal(m.parseMoney("$ 5").currency, null);
  assert.equal(m.parseMoney("5").currency, null);
});

test("ambiguous or hostile text is refused with a reason, never read as a number", () => {
  for (const typed of ["1,5", "1.000", "1.000,50", "<script>alert(1)</script>", "5;DROP", "Infinity", "NaN", "0x10", "1_000", "٣٤"]) {
    const r = m.parseMoney(typed);
    assert.equal(r.cents, null, typed);
    assert.ok(r.error && r.message, typed);
  }
  assert.match(m.parseMoney("<b>1</b>").message, /<b>1<\/b>/); // quoted back as plain text, for textContent
});

test("an empty field is no amount and no error", () => {
  assert.deepEqual(m.parseMoney("  "), { cents: null, currency: null, error: null });
  assert.equal(m.parseMoney(null).error, null);
  assert.equal(m.parseMoney(undefined).cents, null);
});

test("amounts show as on the site: whole ones without cents, others with two digits", () => {
  assert.equal(m.formatMoney(3240000), "USD 32,400");
  assert.equal(m.formatMoney(123450), "USD 1,234.50");
  assert.equal(m.formatMoney(5), "USD 0.05");
  assert.equal(m.formatMoney(0), "USD 0");
  assert.equal(m.formatMoney(-250000), "USD -2,500");
  assert.equal(m.formatMoney(100000000000000 - 1, "EUR"), "EUR 999,999,999,999.99");
  assert.equal(m.formatAmount(100000), "1,000");
});

test("numbers from a file become cents rounded half away from zero", () => {
  assert.equal(m.toCents(1234.56), 123456);
  assert.equal(m.toCents(1.005), 101);
  assert.equal(m.toCents(-2.5), -250);
  assert.equal(m.toCents(0.1 + 0.2), 30);
  assert.equal(m.fromCents(m.toCents(7500)), 7500);
  assert.equal(m.sumCents([1, 2, 3]), 6);
});

test("a percentage of an amount is rounded to the cent as toCents rounds", () => {
  assert.equal(m.percentOf(4000000, 25), 1000000);
  assert.equal(m.percentOf(333, 10), 33);
  assert.equal(m.percentOf(0, 50), 0);
  assert.equal(m.percentOf(335, 10), 34); // 33.5 cents: half away from zero, as toCents rounds
  assert.equal(m.percentOf(125, 2), 3); // 2.5 cents
});

test("an amount typed for a currency refuses another currency written in it", () => {
  assert.deepEqual(m.amountIn("EUR 5,000", "USD"), {
    cents: null,
    message: "the amount says EUR but the currency is USD. Change one of them.",
  });
  assert.deepEqual(m.amountIn("EUR 5,000", "EUR"), { cents: 500000, message: null });
  assert.deepEqual(m.amountIn("7,500", "USD"), { cents: 750000, message: null });
  assert.equal(m.amountIn("1.000", "USD").cents, null);
  assert.match(m.amountIn("1.000", "USD").message, /1\.000/);
});
