// needs.js: the "What needs you" list, from a workspace with one claim of each kind.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const dates = load("dates");
const { needs } = load("needs");
const { ledger } = load("ledger");
const D = data();
const T = at("2026-09-01");
const P = dates.periodOfUsage("FY27H1", D);
const day = (n) => dates.addDays(P.usageEnd, n); // days from the end of the usage period

function workspace(today) {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  const add = (id, fields) => {
    s = w.addClaim(s, { name: id, activity: "print-advertising", amount: 1000, ...fields }, T, id);
  };
  add("show", { status: "planned", start: day(-23), end: day(-21), amount: 5000 });
  add("answer", {
    status: "action-required",
    start: day(-120),
    end: day(-110),
    amount: 7250,
    claimed: 7250,
    next_action: { text: "Send the signed invoice", due: dates.addDays(today, 2) },
  });
  add("ended", { status: "in-progress", start: day(-91), end: day(-61), amount: 3000 });
  add("two", { status: "planned", start: day(-11), end: day(10), amount: 2500 });
  add("late", { status: "approved", start: day(-150), end: day(-140), amount: 4000, claimed: 4000, approved: 3400 });
  s = { ...s, claims: s.claims.map((c) => (c.id === "late" ? { ...c, status_dates: { approved: day(-82) } } : c)) };
  add("paid", { status: "paid", start: day(-150), end: day(-140), amount: 1000, approved: 1000, paid: 1000 });
  return s;
}

test("a month before the usage period ends, the list has each due item once, by date", () => {
  const today = day(-29),
    s = workspace(today),
    list = needs(s, D, { today });
  const t = (id) =>
    w.claimTiming(
      s.claims.find((c) => c.id === id),
      D,
    );
  const window = dates.paymentWindow(day(-82), D)[1];
  assert.deepEqual(
    list.map((n) => [n.kind, n.claim, n.due]),
    [
      ["payment", "late", window],
      ["own", "answer", dates.addDays(today, 2)],
      ["start", "show", day(-23)],
      ["submit", "ended", t("ended").claimBy],
      ["unplanned", null, P.usageEnd],
      ["usage-end", null, P.usageEnd],
      ["fix", "two", P.claimDeadline],
      ["answer", "answer", P.resolutionDeadline],
    ],
  );
  const l = ledger(s, D, "FY27H1", { today });
  const by = Object.fromEntries(list.map((n) => [n.kind, n]));
  assert.equal(by.unplanned.cents, l.leftToPlan);
  assert.equal(by.payment.cents, 340000);
  assert.equal(by.answer.cents, 725000);
  assert.equal(by["usage-end"].daysLeft, 29);
  assert.equal(by.start.daysLeft, 6);
  assert.equal(by.start.cents, 500000);
  assert.ok(by.payment.daysLeft < 0);
  assert.match(by.fix.what, /split it into two claims/);
  for (const n of list) assert.ok(n.what && n.due, JSON.stringify(n));
});

test("after the claim deadline, what was not submitted is lost, not due; the answers still are", () => {
  const today = dates.addDays(P.claimDeadline, 1),
    s = workspace(today),
    list = needs(s, D, { today });
  assert.deepEqual(
    list.map((n) => [n.kind, n.claim]),
    [
      ["payment", "late"],
      ["own", "answer"],
      ["answer", "answer"],
    ],
  );
});

test("a planned activity is listed from START_DAYS before its start until it starts, and not once it runs", () => {
  const { START_DAYS } = load("needs");
  const start = day(-60);
  const one = (status, today) => {
    let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
    s = w.addClaim(s, { name: "fair", activity: "print-advertising", start, end: dates.addDays(start, 2), amount: 900, status }, T, "fair");
    return needs(s, D, { today }).filter((n) => n.kind === "start");
  };
  const before = (n) => dates.addDays(start, -n);
  assert.deepEqual(
    one("planned", before(START_DAYS)).map((n) => [n.claim, n.due, n.daysLeft, n.cents]),
    [["fair", start, START_DAYS, 90000]],
  );
  assert.match(one("planned", before(0))[0].what, /pre-approval.*proof/);
  assert.deepEqual(one("planned", before(START_DAYS + 1)), [], "too early");
  assert.deepEqual(one("planned", dates.addDays(start, 1)), [], "already started");
  assert.deepEqual(one("in-progress", before(3)), [], "already running");
});

test("nothing due gives an empty list", () => {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 1000, T);
  s = w.addClaim(
    s,
    { name: "p", activity: "print-advertising", start: day(-150), end: day(-140), amount: 1000, status: "paid", paid: 1000 },
    T,
    "p",
  );
  assert.deepEqual(needs(s, D, { today: day(1) }), []);
  assert.deepEqual(needs(w.emptyWorkspace(T.now), D, { today: day(-29) }), []);
  // While the period runs, its end is still due, even with every cent planned.
  assert.deepEqual(
    needs(s, D, { today: day(-29) }).map((n) => n.kind),
    ["usage-end"],
  );
});

test("for random workspaces the list is in date order and agrees with the money model and the advice", () => {
  const { claimMoney } = load("ledger");
  let seed = 7;
  const r = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(r() * list.length)];
  for (let round = 0; round < 200; round++) {
    let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", Math.round(r() * 50000), T);
    const n = Math.floor(r() * 8);
    for (let i = 0; i < n; i++) {
      const start = dates.addDays(P.usageStart, Math.floor(r() * 190));
      const fields = { name: "c" + i, activity: "print-advertising", start, end: dates.addDays(start, Math.floor(r() * 30)) };
      Object.assign(fields, { amount: 100 + Math.floor(r() * 9000), status: pick(D.statuses).id });
      if (r() < 0.3) fields.next_action = { text: "Call", due: dates.addDays(start, 3) };
      s = w.addClaim(s, fields, T, "c" + i);
    }
    const today = dates.addDays("2026-06-15", Math.floor(r() * 320));
    const list = needs(s, D, { today });
    const where = "round " + round + " on " + today;
    for (let i = 1; i < list.length; i++) assert.ok(list[i - 1].due <= list[i].due, where + ": by date");
    for (const line of list) {
      assert.equal(line.daysLeft, dates.daysBetween(today, line.due), where);
      if (!line.claim) continue;
      const c = s.claims.find((x) => x.id === line.claim),
        m = claimMoney(c, D, { today });
      if (line.kind !== "own") assert.equal(m.lostDeadline, 0, where + ": money lost is not due");
      if (line.kind === "fix") assert.ok(m.atRisk > 0, where + ": a claim to fix is at risk");
      if (line.kind === "submit") assert.ok(c.end < today && m.planned > 0, where);
      if (line.kind === "start") assert.ok(c.start >= today && line.daysLeft <= 14 && m.stage === "plan", where);
    }
    for (const c of s.claims) {
      const m = claimMoney(c, D, { today });
      const lines = list.filter((x) => x.claim === c.id).map((x) => x.kind);
      if (m.planned && c.end < today && !m.risks.some((k) => k in { "spans-periods": 1, "outside-period": 1, "end-before-start": 1 }))
        assert.ok(lines.includes("submit"), where + ": " + c.id + " ended, to submit");
      if (m.stage === "action" && !m.lostDeadline) assert.ok(lines.includes("answer"), where + ": " + c.id + " waits on the partner");
      if (m.planned && m.risks.includes("spans-periods")) assert.ok(lines.includes("fix"), where + ": " + c.id + " to split");
    }
  }
});
