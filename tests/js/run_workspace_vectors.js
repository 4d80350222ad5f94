// Runs every case of tests/workspace_vectors.json through the workspace's ES modules on the
// real browser data, compares each with its "expect" and prints {ran, failures} as JSON;
// tests/test_workspace_vectors.py asserts that every case ran and none failed.
// Usage: node run_workspace_vectors.js VECTORS DATA
"use strict";
const fs = require("node:fs");
const { load } = require("./workspace_fixture.js");
const { compare } = require("./vector_check.js");

const dates = load("dates");
const money = load("money");
const w = load("workspace");
const { readEarnings } = load("earnings");
const vectors = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const data = JSON.parse(fs.readFileSync(process.argv[3], "utf8"));
const snake = (o) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()), v]));

function remaining(v) {
  let s = w.setFunds(w.emptyWorkspace("2026-01-01T00:00:00.000Z"), v.usage, v.available, {
    now: "2026-01-01T00:00:00.000Z",
    today: "2026-01-01",
  });
  const start = dates.periodOfUsage(v.usage, data).usageStart;
  s = {
    ...s,
    claims: v.claims.map((c, i) => ({ id: "v" + i, name: "", activity: "print-advertising", start, end: start, ticked: [], ...c })),
  };
  const d = w.dashboard(s, data, v.usage, { today: start });
  return { cents: d.remaining, forfeit_on: d.forfeitOn };
}

const results = {
  period_of: vectors.period_of.map((v) => {
    const p = dates.periodFor(v.day, data);
    return {
      half: dates.halfLabel(dates.halfOf(v.day, data.calendar)),
      usage_period: p.usageHalf,
      earning_period: p.earningHalf,
      claim_deadline: p.claimDeadline,
      resolution_deadline: p.resolutionDeadline,
      calculated: !!p.calculated,
      spend_in: dates.halfLabel(dates.nextHalf(dates.halfOf(v.day, data.calendar))),
    };
  }),
  claim_by: vectors.claim_by.map((v) => snake(dates.activityTiming(v.start, v.end, data, v.usage))),
  // Through the Earnings import: one co-op earning of that many cents.
  threshold: vectors.threshold.map((v) => {
    const usd = (v.cents < 0 ? "-" : "") + Math.floor(Math.abs(v.cents) / 100) + "." + String(Math.abs(v.cents) % 100).padStart(2, "0");
    return readEarnings("earningId,earningType,earningAmountUSD,earningDate\n1,Coop," + usd + ",2026-08-01\n", data).periods[0]
      .thresholdMet;
  }),
  to_cents: vectors.to_cents.map((v) => money.toCents(v.value)),
  remaining: vectors.remaining.map(remaining),
  keep_until: vectors.keep_until.map((v) => w.keepUntil({ usage_period: v.usage, start: "2000-01-01" }, data)),
};
process.stdout.write(JSON.stringify(compare(vectors, results)));
