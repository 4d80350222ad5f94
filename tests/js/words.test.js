// words.js: dates, periods and days in the portal's words.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const w = load("words");

test("dates read as on the site's pages", () => {
  assert.equal(w.longDate("2027-02-05"), "5 February 2027");
  assert.equal(w.shortDate("2026-07-01"), "1 Jul 2026");
  assert.equal(w.monthSpan("2026-07-01", "2026-12-31"), "July to December 2026");
  assert.equal(w.monthSpan("2026-10-01", "2027-03-31"), "October 2026 to March 2027");
  assert.deepEqual(w.sixMonths("2026-10-01"), ["Oct 2026", "Nov 2026", "Dec 2026", "Jan 2027", "Feb 2027", "Mar 2027"]);
  assert.equal(
    w.usageText({ usageHalf: "FY27H1", usageStart: "2026-07-01", usageEnd: "2026-12-31" }),
    "FY27H1 (1 July 2026 to 31 December 2026)",
  );
});

test("days left and ago are said in words, one day singular", () => {
  assert.deepEqual([0, 1, 5].map(w.daysText), ["Ends today.", "1 day left.", "5 days left."]);
  assert.deepEqual([0, 1, 5].map(w.leftText), ["it ends today", "1 day left", "5 days left"]);
  assert.deepEqual([0, -1, -5].map(w.agoText), ["earlier today", "1 day ago", "5 days ago"]);
  assert.deepEqual(
    [1, 2].map((n) => w.count(n, "lever")),
    ["1 lever", "2 levers"],
  );
});

test("an instant is shown in the viewer's time zone", () => {
  const ms = Date.UTC(2027, 1, 15, 23, 59, 59);
  assert.match(w.localTime(ms, "UTC"), /Mon,? 15 February 2027.*23:59/);
  assert.match(w.localTime(ms, "Pacific/Auckland"), /Tue,? 16 February 2027.*12:59/);
});
