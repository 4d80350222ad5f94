// Runs every case of tests/vectors.json through the pure modules (dates.js, estimate.js) on the
// real browser data, compares each with its "expect" and prints {ran, failures} as JSON;
// tests/test_vectors.py asserts that every case ran and none failed.
// Usage: node run_vectors.js VECTORS.json BROWSER_DATA.json
"use strict";
const fs = require("fs");
const { load } = require("./workspace_fixture.js");
const { compare } = require("./vector_check.js");

const d = load("dates");
const { estimate } = load("estimate");
const vectors = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const ms = (iso) => Date.parse(iso);
const snake = (t) => {
  const out = {};
  for (const [k, v] of Object.entries(t)) out[k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())] = v;
  return out;
};
// The checker's answer in the Python shape: periods by id, the second one when it spans two.
function claimTiming(start, end) {
  const t = d.activityTiming(start, end, data),
    id = (iso) => d.periodFor(iso, data).id;
  if (t.status === "end-before-start") return { status: t.status };
  if (t.status === "spans-periods") return { status: t.status, period: id(start), second_period: id(end) };
  return {
    status: t.status,
    period: id(start),
    claim_by: t.claimBy,
    claim_deadline: t.claimDeadline,
    resolution_deadline: t.resolutionDeadline,
  };
}

const results = {
  period_for: vectors.period_for.map((v) => {
    const p = snake(d.periodFor(v.day, data));
    p.calculated = !!p.calculated;
    return p;
  }),
  days_left: vectors.days_left.map((v) => d.daysLeft(d.localDate(ms(v.now), v.zone), v.deadline, data, v.zone)),
  deadline_status: vectors.deadline_status.map((v) => {
    const s = d.deadlineStatus(ms(v.now), v.deadline, data, v.zone);
    return [s.state, s.daysLeft];
  }),
  next_deadlines: vectors.next_deadlines.map((v) =>
    d.nextDeadlines(ms(v.now), data, v.zone).map((x) => [x.kind, x.period, x.day, x.daysLeft]),
  ),
  claim_timing: vectors.claim_timing.map((v) => claimTiming(v.start, v.end)),
  payment_window: vectors.payment_window.map((v) => d.paymentWindow(v.approved, data)),
  estimate: vectors.estimate.map((v) => {
    const r = snake(estimate(v.revenue === "worked-example" ? data.example.revenue : v.revenue, data));
    delete r.threshold;
    return r;
  }),
};
process.stdout.write(JSON.stringify(compare(vectors, results)));
