// claim-history.js: a claim's status dates in the life cycle's order, and days that break it.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load } = require("./workspace_fixture.js");

const hist = load("claim-history");
const words = load("words");
const D = data();
// A claim back-filled in December for an activity of July.
const claim = { id: "c", status: "submitted", status_dates: { submitted: "2026-08-20", planned: "2026-07-02" } };

test("the history is in the life cycle's order, whatever order the dates were kept in", () => {
  const h = hist.historyOf(claim, D);
  assert.deepEqual(
    h.map((x) => [x.status, x.day]),
    [
      ["planned", "2026-07-02"],
      ["submitted", "2026-08-20"],
    ],
  );
  assert.equal(h[0].name, D.statuses.find((s) => s.id === "planned").name);
  assert.deepEqual(hist.historyOf({ id: "x" }, D), []);
});

test("a day before an earlier status's, or after a later one's, is refused naming both dates", () => {
  const wrong = hist.orderProblem(claim, "submitted", "2026-06-30", D);
  assert.ok(wrong.includes(words.longDate("2026-06-30")) && wrong.includes(words.longDate("2026-07-02")), wrong);
  const early = hist.orderProblem(claim, "planned", "2026-09-01", D);
  assert.ok(early.includes(words.longDate("2026-09-01")) && early.includes(words.longDate("2026-08-20")), early);
  assert.equal(hist.orderProblem(claim, "planned", "2026-07-01", D), null, "planned made earlier: fine");
  assert.equal(hist.orderProblem(claim, "approved", "2026-08-20", D), null, "the same day keeps the order");
  assert.equal(hist.orderProblem(claim, "paid", "2026-08-01", D) !== null, true, "paid before submitted");
});

test("action required and review go back and forth, and a closed status can follow any other", () => {
  const c = { status_dates: { submitted: "2026-08-20", "action-required": "2026-09-01" } };
  assert.equal(hist.orderProblem(c, "submitted", "2026-09-10", D), null);
  assert.equal(hist.orderProblem(c, "rejected", "2026-08-01", D), null);
});
