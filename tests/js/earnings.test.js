// earnings.js: RFC 4180 parsing and the Earnings report read into co-op per earning half.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load } = require("./workspace_fixture.js");

const e = load("earnings");
const D = data();
const HEAD = "earningId,earningType,earningAmountUSD,earningDate";
const csv = (...rows) => [HEAD, ...rows].join("\r\n") + "\r\n";

test("quoted values keep commas, doubled quotes and line breaks; CRLF, LF and a BOM are read", () => {
  assert.deepEqual(e.parseCsv('\uFEFFa,b\r\n"x, y","say ""hi"""\n"two\r\nlines",\r\n'), [
    ["a", "b"],
    ["x, y", 'say "hi"'],
    ["two\r\nlines", ""],
  ]);
  assert.deepEqual(e.parseCsv("a,b\nc,d"), [
    ["a", "b"],
    ["c", "d"],
  ]);
  assert.deepEqual(e.parseCsv(""), []);
  assert.deepEqual(e.parseCsv(",\n"), [["", ""]]);
});

test("a file saved with semicolons or tabs is read with that delimiter", () => {
  assert.deepEqual(e.parseCsv('a;b;"c;d"\r\n1,5;2;3'), [
    ["a", "b", "c;d"],
    ["1,5", "2", "3"],
  ]);
  assert.deepEqual(e.parseCsv("a\tb\n1\t2"), [
    ["a", "b"],
    ["1", "2"],
  ]);
});

test("a quote that is never closed is refused with its row", () => {
  assert.throws(() => e.parseCsv('a,b\n1,2\n"3,4\n5,6'), /^Error: row 3: a quoted value is never closed/);
  const r = e.readEarnings(HEAD + '\n1,Coop,"5,2026-07-01\n', D);
  assert.deepEqual([r.ok, r.message.slice(0, 6)], [false, "row 2:"]);
});

test("co-op rows are summed per earning half, and the usage half follows", () => {
  const r = e.readEarnings(
    csv("1,Coop,6000,2026-06-30", "2,Coop,4000.00,2026-01-01", "3,coop,9999.99,2026-07-01", "4,Rebate,50000,2026-07-01"),
    D,
  );
  assert.equal(r.ok, true);
  assert.deepEqual(
    r.periods.map((p) => [p.earningHalf, p.usageHalf, p.cents, p.earnings, p.thresholdMet]),
    [
      ["FY26H2", "FY27H1", 1000000, 2, true],
      ["FY27H1", "FY27H2", 999999, 1, false],
    ],
  );
  assert.deepEqual([r.coopRows, r.otherRows, r.problems], [3, 1, []]);
});

test("columns are found in any order, spelling of case and spaces, with extra columns ignored", () => {
  const text =
    "Program Name,EARNING DATE,earning_amount_usd,Earning Type,lever, earningid \n" +
    "MCI,2026-08-01,12000.5,CO-OP,x,a1\nMCI,2026-08-02,1,Co-op,y,a2\n";
  const r = e.readEarnings(text, D);
  assert.deepEqual(
    r.periods.map((p) => [p.earningHalf, p.cents]),
    [["FY27H1", 1200150]],
  );
});

test("each earning is counted once; a repeat with another amount is reported", () => {
  const r = e.readEarnings(csv("7,Coop,100,2026-08-01", "7,Coop,100,2026-08-01", "7,Coop,999,2026-08-01"), D);
  assert.deepEqual([r.periods[0].cents, r.duplicates], [10000, 2]);
  assert.deepEqual(r.problems, [{ row: 4, message: "row 4: earning 7 appears again with another amount; only its first row counts" }]);
});

test("amounts are summed exactly and rounded to the cent once, at the end", () => {
  const r = e.readEarnings(
    csv(
      "1,Coop,0.005,2026-08-01",
      "2,Coop,0.005,2026-08-01",
      "3,Coop,0.1,2026-08-01",
      "4,Coop,0.2,2026-08-01",
      '5,Coop,"1,000.10",2026-08-01',
      "6,Coop,-0.3,2026-08-01",
      "7,Coop,1.5E+2,2026-08-01",
    ),
    D,
  );
  assert.equal(r.periods[0].cents, 1 + 100010 + 15000);
});

test("a file without the needed columns is refused, naming them", () => {
  const r = e.readEarnings("earningId,amount\n1,5\n", D);
  assert.deepEqual([r.ok, r.missing], [false, ["earningType", "earningAmountUSD", "earningDate"]]);
  assert.match(r.message, /^This file has no column earningType, earningAmountUSD, earningDate\. Hint:/);
  assert.deepEqual(e.readEarnings("", D).missing, e.COLUMNS);
});

test("bad amounts and dates are reported with the row a spreadsheet shows", () => {
  const r = e.readEarnings(
    csv(
      '1,Coop,"12,5",2026-08-01',
      '"multi\nline",Rebate,1,2026-08-01',
      "3,Coop,ten,2026-08-01",
      "4,Coop,5,2026-02-30",
      "8,Coop,1e999,2026-08-01",
      "5,Coop,5,yesterday",
      ",Coop,5,2026-08-01",
      "6,Coop,7,2026-08-01",
    ),
    D,
  );
  assert.deepEqual(
    r.problems.map((p) => p.message),
    [
      "row 2: earningAmountUSD: expected a number like 1234.56, but got '12,5'",
      "row 4: earningAmountUSD: expected a number like 1234.56, but got 'ten'",
      "row 5: earningDate: expected a date like 2026-07-31 or 7/31/2026, but got '2026-02-30'",
      "row 6: earningAmountUSD: expected a number like 1234.56, but got '1e999'",
      "row 7: earningDate: expected a date like 2026-07-31 or 7/31/2026, but got 'yesterday'",
      "row 8: earningId is empty, so this earning cannot be told apart from others",
    ],
  );
  assert.deepEqual(
    r.periods.map((p) => p.cents),
    [700],
  );
});

test("slashed dates are month first, as Partner Center writes them, and that is said", () => {
  const r = e.readEarnings(csv("1,Coop,1,7/1/2026", "2,Coop,2,6/3/2026 12:00:00 AM"), D);
  assert.deepEqual(
    r.periods.map((p) => [p.earningHalf, p.cents]),
    [
      ["FY26H2", 200],
      ["FY27H1", 100],
    ],
  );
  assert.deepEqual(r.notes, ["Dates like 7/1/2026 were read as month/day/year, as Partner Center writes them."]);
  assert.deepEqual(e.readEarnings(csv("1,Coop,1,7/1/2026", "2,Coop,2,6/30/2026"), D).notes, []);
});

test("a file whose dates show the day first is read day first; a mix is reported", () => {
  const r = e.readEarnings(csv("1,Coop,1,1/7/2026", "2,Coop,2,31/12/2025"), D);
  assert.deepEqual(
    r.periods.map((p) => [p.earningHalf, p.cents]),
    [
      ["FY26H1", 200],
      ["FY27H1", 100],
    ],
  );
  const mixed = e.readEarnings(csv("1,Coop,1,13/1/2026", "2,Coop,2,1/13/2026"), D);
  assert.equal(mixed.problems.length, 2);
  assert.match(mixed.problems[0].message, /mixes day\/month and month\/day/);
});

test("dates with a time and negative adjustments are taken", () => {
  const r = e.readEarnings(csv("1,Coop,500,2026-07-01T00:00:00Z", "2,Coop,-200.25,2026-07-02 10:00"), D);
  assert.deepEqual(
    r.periods.map((p) => p.cents),
    [29975],
  );
});

test("the threshold comes from the data, and today tells whether a half is over", () => {
  const r = e.readEarnings(csv("1,Coop,5000,2026-08-01"), { ...D, threshold: 4000 }, "2026-12-31");
  assert.deepEqual([r.periods[0].thresholdMet, r.periods[0].complete], [true, false]);
  assert.equal(e.readEarnings(csv("1,Coop,5000,2026-08-01"), D, "2027-01-01").periods[0].complete, true);
  const under = e.readEarnings(csv("1,Coop,5000,2026-08-01"), D).periods[0];
  assert.equal(e.thresholdText(under, D), "USD 5,000 of co-op earned in FY27H1 is under the USD 10,000 threshold: it turns into rebate.");
  assert.equal(
    e.thresholdText(r.periods[0], { ...D, threshold: 4000 }),
    "USD 5,000 of co-op earned in FY27H1 meets the USD 4,000 threshold: it can be spent in FY27H2.",
  );
});

test("hostile cells stay data", () => {
  const r = e.readEarnings(csv('"<script>alert(1)</script>",Coop,1,2026-08-01', "=cmd|' /C calc'!A0,Coop,=1+1,2026-08-01"), D);
  assert.deepEqual([r.periods[0].cents, r.problems.length], [100, 1]);
  assert.match(r.problems[0].message, /but got '=1\+1'/);
});
