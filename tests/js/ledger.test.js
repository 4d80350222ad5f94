// ledger.js: the one money model. Hand-worked cases, then invariants over random workspaces
// (a small seeded generator, so a failure names the seed that shows it again).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at, random } = require("./workspace_fixture.js");

const w = load("workspace");
const dates = load("dates");
const { ledger, claimMoney } = load("ledger");
const D = data();
const T = at("2026-09-01");
const P = dates.periodOfUsage("FY27H1", D);

function state(claims, funds = [["FY27H1", 40000]]) {
  let s = w.emptyWorkspace(T.now);
  for (const [usage, amount, extra] of funds) s = w.setFunds(s, usage, amount, T, "USD", extra || {});
  claims.forEach(([id, fields], i) => {
    s = w.addClaim(
      s,
      { name: id, activity: "print-advertising", start: P.usageStart, end: P.usageStart, amount: 1000, ...fields },
      T,
      id || "c" + i,
    );
  });
  return s;
}

const PARTS = ["leftToPlan", "planned", "inReview", "approvedUnpaid", "paid", "lost"];
const whole = (f) => PARTS.reduce((a, k) => a + f[k], 0);

test("a partly approved claim's cut is lost, counted once with the money lost to deadlines", () => {
  const s = state([
    ["cut", { status: "approved", amount: 10000, claimed: 10000, approved: 9400 }],
    ["late", { status: "planned", amount: 2000 }],
  ]);
  const f = ledger(s, D, "FY27H1", { today: dates.addDays(P.claimDeadline, 1) });
  assert.equal(f.lostCut, 60000);
  assert.equal(f.lostDeadline, 200000);
  assert.equal(f.approved, 940000);
  assert.equal(f.approvedUnpaid, 940000);
  // The usage period is over: what was never planned is lost too, and no longer offered.
  assert.equal(f.offered, false);
  assert.equal(f.leftToPlan, 0);
  assert.equal(f.lostUnplanned, 4000000 - 1000000 - 200000);
  assert.equal(f.lost, 60000 + 200000 + 2800000);
  assert.equal(whole(f), f.available);
});

test("paid money is part of approved, and said apart", () => {
  const s = state([["p", { status: "paid", amount: 5000, claimed: 5000, approved: 4500, paid: 4500 }]]);
  const f = ledger(s, D, "FY27H1", { today: P.usageStart });
  assert.deepEqual([f.approved, f.paid, f.approvedUnpaid, f.lostCut, f.claimed], [450000, 450000, 0, 50000, 500000]);
});

test("a claim across two usage periods is at risk, with the checker's advice", () => {
  const s = state([["two", { status: "planned", start: dates.addDays(P.usageEnd, -5), end: dates.addDays(P.usageEnd, 5), amount: 2500 }]]);
  const m = claimMoney(s.claims[0], D, { today: P.usageStart });
  assert.deepEqual(m.risks, ["spans-periods"]);
  assert.equal(m.atRisk, 250000);
  assert.equal(m.planned, 250000);
  const f = ledger(s, D, "FY27H1", { today: P.usageStart });
  assert.equal(f.atRisk, 250000);
});

test("money waiting for Microsoft near the resolution deadline is at risk; waiting on the partner past it, lost", () => {
  const s = state([
    ["rev", { status: "submitted", claimed: 1000 }],
    ["act", { status: "action-required", claimed: 1500 }],
  ]);
  const near = ledger(s, D, "FY27H1", { today: dates.addDays(P.resolutionDeadline, -3) });
  assert.deepEqual([near.inReview, near.atRisk, near.lostDeadline], [250000, 250000, 0]);
  const past = ledger(s, D, "FY27H1", { today: dates.addDays(P.resolutionDeadline, 1) });
  assert.deepEqual([past.inReview, past.atRisk, past.lostDeadline], [100000, 100000, 150000]);
  assert.deepEqual(past.claims.get("rev").risks, ["review-overdue"]);
});

test("over plan: nothing is left to plan and the excess is said", () => {
  const f = ledger(state([["big", { amount: 50000 }]]), D, "FY27H1", { today: P.usageStart });
  assert.deepEqual([f.leftToPlan, f.over, f.toClaim], [0, 1000000, 5000000]);
});

// ------------------------------------------------------------------ invariants

function randomState(r) {
  const pick = (list) => list[Math.floor(r() * list.length)];
  const money = () => Math.round(r() * 2000000) / 100;
  const maybe = (v) => (r() < 0.6 ? v : undefined);
  const funds = [["FY27H1", money()]];
  if (r() < 0.5) funds.push(["FY27H1", money(), { category: "Surface funds" }]);
  const claims = [];
  const n = Math.floor(r() * 12);
  const span = dates.daysBetween(P.usageStart, P.usageEnd);
  for (let i = 0; i < n; i++) {
    const start = dates.addDays(P.usageStart, Math.floor(r() * span));
    const end = dates.addDays(start, Math.floor(r() * (r() < 0.2 ? 120 : 20)));
    const amount = money();
    const fields = {
      status: pick(D.statuses).id,
      start,
      end,
      amount,
      claimed: maybe(Math.round(amount * (0.5 + r()) * 100) / 100),
      approved: maybe(Math.round(amount * r() * 100) / 100),
      paid: maybe(Math.round(amount * r() * 100) / 100),
      currency: r() < 0.1 ? "EUR" : "USD",
      fund_category: r() < 0.3 ? "Surface funds" : undefined,
      usage_period: "FY27H1",
    };
    for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
    claims.push(["r" + i, fields]);
  }
  return state(claims, funds);
}

const MONEY = PARTS.concat(["available", "over", "lostDeadline", "lostCut", "lostUnplanned", "claimed", "approved", "atRisk", "toClaim"]);
const DAYS = dates.daysBetween("2026-06-01", "2027-05-31");

test("for any workspace and day the parts add up, nothing is negative, and loss only grows", () => {
  for (let seed = 1; seed <= 300; seed++) {
    const r = random(seed),
      s = randomState(r);
    const days = [0, 1, 2, 3].map(() => dates.addDays("2026-06-01", Math.floor(r() * DAYS))).sort();
    days.push(P.usageEnd, dates.addDays(P.usageEnd, 1), P.claimDeadline, dates.addDays(P.resolutionDeadline, 1));
    let lostBefore = -1;
    for (const today of [...new Set(days)].sort()) {
      const f = ledger(s, D, "FY27H1", { today });
      const where = "seed " + seed + " on " + today;
      for (const level of [f, ...f.byCategory]) {
        assert.equal(whole(level), level.available + level.over, where + ": the parts make the whole");
        for (const k of MONEY) assert.ok(Number.isInteger(level[k]) && level[k] >= 0, where + ": " + k + " is " + level[k]);
        assert.ok(level.leftToPlan === 0 || level.over === 0, where + ": left to plan and over plan at once");
        assert.equal(level.approved, level.approvedUnpaid + level.paid, where + ": approved includes paid");
        assert.ok(level.atRisk <= level.planned + level.inReview, where + ": at risk is part of planned and claimed");
        assert.equal(level.lost, level.lostDeadline + level.lostCut + level.lostUnplanned, where + ": one loss figure");
        assert.equal(level.toClaim, level.leftToPlan + level.planned, where);
        if (today > P.usageEnd) assert.equal(level.leftToPlan, 0, where + ": nothing to plan after the usage period");
        assert.equal(level.offered, today <= P.usageEnd);
      }
      for (const k of ["planned", "inReview", "approvedUnpaid", "paid", "lostDeadline", "lostCut", "held", "atRisk"]) {
        assert.equal(
          f.byCategory.reduce((a, c) => a + c[k], 0),
          f[k],
          where + ": the categories add up to the period's " + k,
        );
      }
      for (const [id, m] of f.claims) {
        const parts = m.planned + m.inReview + m.approvedUnpaid + m.paid + m.lostDeadline + m.lostCut;
        assert.equal(parts, m.held, where + ": claim " + id + "'s parts");
        assert.ok(m.atRisk === 0 || m.atRisk === m.planned + m.inReview, where);
      }
      const submittedLost = [...f.claims.values()].filter((m) => m.claimed > 0).reduce((a, m) => a + m.lostDeadline, 0);
      assert.equal(f.claimed, f.inReview + f.approved + f.lostCut + submittedLost, where + ": claimed");
      assert.ok(f.lost >= lostBefore, where + ": money lost is never found again later");
      lostBefore = f.lost;
      const other = s.claims.filter((c) => c.currency !== f.currency).map((c) => c.id);
      assert.deepEqual(f.otherCurrency, other, where + ": other currencies apart");
    }
  }
});

test("the claim list's CSV and the printed claim file say the same loss as the dashboard", () => {
  const f = load("files");
  const { claimFile } = load("claimfile");
  const s = state([
    ["cut", { status: "approved", amount: 10000, claimed: 10000, approved: 9400 }],
    ["two", { status: "planned", start: dates.addDays(P.usageEnd, -5), end: dates.addDays(P.usageEnd, 5), amount: 2500 }],
  ]);
  const today = P.usageStart,
    l = ledger(s, D, "FY27H1", { today });
  const rows = load("earnings").parseCsv(f.claimsCsv(s, D, today));
  const col = (name) => rows[0].indexOf(name);
  const sum = (name) => rows.slice(1).reduce((a, r) => a + Math.round(Number(r[col(name)]) * 100), 0);
  assert.equal(sum("Lost"), l.lostCut + l.lostDeadline);
  assert.equal(sum("At risk"), l.atRisk);
  const cover = claimFile(s.claims[0], D, today).cover;
  assert.deepEqual(
    cover.amounts.filter((a) => a.label.startsWith("Lost")).map((a) => a.cents),
    [l.claims.get("cut").lostCut],
  );
  assert.equal(claimFile(s.claims[1], D, today).cover.amounts.filter((a) => a.label.startsWith("Lost")).length, 0);
});
