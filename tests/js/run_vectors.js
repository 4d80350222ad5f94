// Runs tests/vectors.json through portal.js's pure functions and prints the results as
// JSON, keyed like the vectors file. tests/test_vectors.py compares them with "expect".
// Usage: node run_vectors.js VECTORS.json PORTAL_DATA.json
"use strict";
const fs = require("fs");
const path = require("path");
const rules = require(path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "portal.js"));

const vectors = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const ms = (iso) => Date.parse(iso);
const snake = (t) => {
  const out = {};
  for (const [k, v] of Object.entries(t)) out[k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase())] = v;
  return out;
};

const results = {
  period_for: vectors.period_for.map((v) => {
    const p = snake(rules.periodFor(v.day, data));
    p.calculated = !!p.calculated;
    return p;
  }),
  days_left: vectors.days_left.map((v) => rules.daysLeft(ms(v.now), v.deadline, v.zone, data)),
  deadline_status: vectors.deadline_status.map((v) => {
    const s = rules.deadlineStatus(ms(v.now), v.deadline, v.zone, data);
    return [s.state, s.daysLeft];
  }),
  next_deadlines: vectors.next_deadlines.map((v) =>
    rules.nextDeadlines(ms(v.now), v.zone, data).map((d) => [d.kind, d.period, d.day, d.daysLeft])),
  claim_timing: vectors.claim_timing.map((v) => snake(rules.claimTiming(v.start, v.end, data))),
  payment_window: vectors.payment_window.map((v) => rules.paymentWindow(v.approved, data)),
  estimate: vectors.estimate.map((v) => {
    const revenue = v.revenue === "worked-example" ? data.example.revenue : v.revenue;
    const r = snake(rules.estimate(revenue, data));
    delete r.threshold;
    return r;
  }),
};
process.stdout.write(JSON.stringify(results));
