// workspace.js: the reducer (each change returns a new state) and the selectors.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const st = load("storage");
const D = data();
const T = at("2026-09-01");

function withClaim(fields = {}, id = "c1") {
  return w.addClaim(
    w.emptyWorkspace(T.now),
    { name: "Autumn print ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500, ...fields },
    T,
    id,
  );
}
const claim = (state, id = "c1") => state.claims.find((c) => c.id === id);

test("a new claim starts planned, in USD, with the day of its status and its times", () => {
  const s = withClaim();
  assert.deepEqual(claim(s), {
    id: "c1",
    name: "Autumn print ad",
    activity: "print-advertising",
    start: "2026-09-01",
    end: "2026-09-30",
    amount: 7500,
    currency: "USD",
    status: "planned",
    status_dates: { planned: "2026-09-01" },
    ticked: [],
    created: T.now,
    updated: T.now,
  });
});

test("a change returns a new state and leaves the old one as it was", () => {
  const before = withClaim();
  const frozen = JSON.stringify(before);
  const after = w.updateClaim(before, "c1", { amount: 8000 }, at("2026-09-02"));
  assert.equal(JSON.stringify(before), frozen);
  assert.equal(claim(after).amount, 8000);
  assert.equal(claim(after).updated, "2026-09-02T10:00:00.000Z");
});

test("a wrong field is refused with its name, and the state is not changed", () => {
  const s = withClaim();
  assert.throws(() => w.updateClaim(s, "c1", { amount: "abc" }, T), /claim\.amount: expected a number, but got 'abc'/);
  assert.throws(() => w.updateClaim(s, "c1", { start: "2026-02-30" }, T), /claim\.start: expected a date/);
  assert.throws(() => w.updateClaim(s, "c1", { colour: "red" }, T), /colour: not a field you can change/);
  assert.throws(
    () => w.addClaim(s, { name: "x", activity: "Print Ads", start: "2026-09-01", end: "2026-09-02", amount: 1 }, T, "c2"),
    /claim\.activity: expected an activity id/,
  );
  assert.throws(() => w.updateClaim(s, "c1", { amount: 1 }, { now: T.now }), /at: expected/);
});

test("hostile text in a name is kept as plain text", () => {
  const name = "<img src=x onerror=alert(1)>\"'&;\u202e";
  assert.equal(claim(w.updateClaim(withClaim(), "c1", { name }, T)).name, name);
});

test("clearing an optional field removes it; a claim another tab deleted is left alone", () => {
  const s = w.updateClaim(withClaim(), "c1", { claim_number: "INV-1", notes: "n" }, T);
  const cleared = w.updateClaim(s, "c1", { claim_number: null, notes: "" }, T);
  assert.ok(!("claim_number" in claim(cleared)) && !("notes" in claim(cleared)));
  assert.equal(w.updateClaim(s, "gone", { amount: 1 }, T), s);
});

test("each status change records its day, and earlier days are kept", () => {
  let s = w.setStatus(withClaim(), "c1", "in-progress", at("2026-09-01"));
  s = w.setStatus(s, "c1", "submitted", at("2026-11-02"));
  assert.deepEqual(claim(s).status_dates, { planned: "2026-09-01", "in-progress": "2026-09-01", submitted: "2026-11-02" });
  assert.equal(claim(s).status, "submitted");
});

test("statuses are found by id, name or alias in any case", () => {
  assert.equal(w.statusOf("Ready to submit", D).id, "editing");
  assert.equal(w.statusOf("gathering proof", D).id, "gathering-proof");
  assert.equal(w.statusOf("PARTNER ACTION REQUIRED", D).id, "action-required");
  assert.equal(w.statusOf("<script>", D), null);
  assert.equal(w.stageOf({ status: "whatever" }, D), "plan");
});

test("a group of alternatives is done when one option is ticked, and counts once", () => {
  let s = w.tick(withClaim(), "c1", "poe-csr", "h2", T);
  const checklist = D.activities["print-advertising"].checklist;
  let p = w.checklistProgress(claim(s), checklist);
  assert.deepEqual([p.done, p.total], [1, 3]);
  s = w.tick(s, "c1", "poe-third-party-invoice", "h1", T);
  p = w.checklistProgress(claim(s), checklist);
  assert.deepEqual([p.done, p.total, p.items["poe-csr"], p.items["poe-estimated-reach"]], [1, 3, "ticked", "open"]);
});

test("a checklist with a choice and a plain item is done when both are", () => {
  const s = w.tick(w.tick(withClaim({ activity: "customer-offers" }), "c1", "poe-invoice", "a1", T), "c1", "poe-offer", "a3", T);
  const p = w.checklistProgress(claim(s), D.activities["customer-offers"].checklist);
  assert.deepEqual([p.done, p.total], [2, 2]);
});

test("ticking twice keeps one tick; unticking removes it and its wording", () => {
  let s = w.tick(w.tick(withClaim(), "c1", "poe-csr", "h2", T), "c1", "poe-csr", "h2", T);
  assert.deepEqual(claim(s).ticked, ["poe-csr"]);
  s = w.untick(s, "c1", "poe-csr", T);
  assert.deepEqual(claim(s).ticked, []);
  assert.ok(!("tick_hashes" in claim(s)));
});

test("an item whose wording changed since it was ticked is flagged and not counted", () => {
  const s = w.tick(withClaim(), "c1", "poe-final-printed-piece", "old-hash", T);
  const p = w.checklistProgress(claim(s), D.activities["print-advertising"].checklist);
  assert.equal(p.items["poe-final-printed-piece"], "changed");
  assert.equal(p.done, 0);
});

test("evidence is logged per item as a location and a note, and can be removed", () => {
  let s = w.addEvidence(withClaim(), "c1", "poe-csr", { file: "\\\\server\\co-op\\csr.pdf", note: "signed <b>copy</b>" }, T, "e1");
  s = w.addEvidence(s, "c1", "poe-csr", { file: "csr-v2.pdf" }, at("2026-09-03"), "e2");
  assert.deepEqual(claim(s).evidence["poe-csr"], [
    { id: "e1", file: "\\\\server\\co-op\\csr.pdf", note: "signed <b>copy</b>", at: "2026-09-01" },
    { id: "e2", file: "csr-v2.pdf", note: "", at: "2026-09-03" },
  ]);
  s = w.removeEvidence(w.removeEvidence(s, "c1", "poe-csr", "e1", T), "c1", "poe-csr", "e2", T);
  assert.ok(!("evidence" in claim(s)));
});

test("a deleted claim goes to the bin with all its data and comes back on undo", () => {
  const s = w.tick(withClaim(), "c1", "poe-csr", "h2", T);
  const gone = w.deleteClaim(s, "c1", at("2026-09-05"));
  assert.equal(gone.claims.length, 0);
  assert.deepEqual(gone.deleted[0].claim, claim(s));
  const back = w.restoreClaim(gone, "c1", at("2026-09-06"));
  assert.deepEqual({ ...claim(back), updated: null }, { ...claim(s), updated: null });
  assert.equal(claim(back).updated, "2026-09-06T10:00:00.000Z");
  assert.equal(back.deleted.length, 0);
  assert.equal(w.restoreClaim(back, "c1", T), back);
});

test("funds are set per usage period, replaced, removed into the bin and refused when wrong", () => {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  s = w.setFunds(s, "FY26H2", 12000, T);
  s = w.setFunds(s, "FY27H1", 41000, T);
  assert.deepEqual(
    s.funds.map((f) => [f.usage_period, f.amount]),
    [
      ["FY26H2", 12000],
      ["FY27H1", 41000],
    ],
  );
  const removed = w.removeFunds(s, "FY26H2", T);
  assert.deepEqual([removed.funds.length, removed.deleted[0].id], [1, "fund:FY26H2"]);
  assert.throws(() => w.setFunds(s, "2027 H1", 5, T), /fund\.usage_period: expected a half-year/);
  assert.throws(() => w.setFunds(s, "FY27H1", -5, T), /fund\.amount/);
});

test("an Earnings import sets the funds of each usage period; under the threshold none are left", () => {
  const result = {
    periods: [
      { earningHalf: "FY26H2", usageHalf: "FY27H1", cents: 4012345, thresholdMet: true },
      { earningHalf: "FY27H1", usageHalf: "FY27H2", cents: 500000, thresholdMet: false },
    ],
  };
  const s = w.importEarnings(w.emptyWorkspace(T.now), result, T);
  assert.deepEqual(
    s.funds.map((f) => [f.usage_period, f.amount, f.earned, f.source]),
    [
      ["FY27H1", 40123.45, 40123.45, "earnings"],
      ["FY27H2", 0, 5000, "earnings"],
    ],
  );
});

test("after a rules update a claim keeps its data and is flagged for what changed", () => {
  let s = withClaim({}, "a");
  s = w.tick(s, "a", "poe-final-printed-piece", "old", T);
  s = w.tick(s, "a", "poe-old-item", "x", T);
  s = w.addClaim(
    s,
    { name: "b", activity: "retired-activity", start: "2026-09-01", end: "2026-09-02", amount: 1, status: "gathering proof" },
    T,
    "b",
  );
  const after = w.reconcile(s, D);
  assert.deepEqual(claim(after, "a").flags, ["checklist-changed", "items-removed"]);
  assert.deepEqual(claim(after, "a").ticked, ["poe-final-printed-piece", "poe-old-item"]);
  assert.deepEqual(
    [claim(after, "b").flags, claim(after, "b").status, claim(after, "b").activity],
    [["activity-removed"], "gathering-proof", "retired-activity"],
  );
  assert.equal(w.reconcile(after, D), after);
  const odd = w.reconcile(w.setStatus(after, "a", "lost-in-mail", T), D);
  assert.ok(claim(odd, "a").flags.includes("unknown-status"));
});

test("the next action follows the status", () => {
  const s = withClaim({ start: "2026-10-01", end: "2026-10-31" });
  const next = (status, extra = {}) => w.nextAction({ ...claim(s), status, ...extra }, D);
  assert.deepEqual(next("planned"), { kind: "start", text: "Start the activity", due: "2026-10-01" });
  assert.equal(next("in-progress").due, "2026-10-31");
  assert.deepEqual([next("gathering-proof").kind, next("gathering-proof").due], ["submit", "2026-12-15"]);
  assert.deepEqual([next("editing").kind, next("editing").due], ["submit", "2026-12-15"]);
  assert.deepEqual([next("submitted").kind, next("submitted").due], ["wait", "2027-03-31"]);
  assert.deepEqual([next("action-required").kind, next("action-required").due], ["answer", "2027-03-31"]);
  assert.deepEqual(next("approved", { status_dates: { approved: "2027-01-16" } }).due, "2027-02-25");
  assert.deepEqual([next("paid").kind, next("paid").due], ["keep", "2029-02-15"]);
  assert.deepEqual(next("rejected"), { kind: "none", text: "The claim failed validation; you may dispute it", due: null });
  assert.deepEqual(next("planned", { next_action: { text: "Book the printer", due: "2026-09-20" } }), {
    kind: "own",
    text: "Book the printer",
    due: "2026-09-20",
  });
});

test("payment follows the rules' cycle: by the 15th this month, later next month", () => {
  assert.deepEqual(w.paymentWindow("2022-10-15", D), ["2022-10-20", "2022-10-25"]);
  assert.deepEqual(w.paymentWindow("2022-10-16", D), ["2022-11-20", "2022-11-25"]);
  assert.deepEqual(w.paymentWindow("2026-12-31", D), ["2027-01-20", "2027-01-25"]);
});

test("proof is kept for the retention months after the later of earning end and claim deadline", () => {
  assert.equal(w.keepUntil({ start: "2026-09-01", end: "2026-09-30" }, D), "2029-02-15");
  assert.equal(w.keepUntil({ start: "2026-09-01", end: "2026-09-30" }, { ...D, retentionMonths: 36 }), "2030-02-15");
});

function busy() {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  const add = (id, fields) => {
    s = w.addClaim(s, { name: id, activity: "print-advertising", amount: 1000, ...fields }, T, id);
  };
  add("A", { status: "planned", start: "2026-12-01", end: "2026-12-20", amount: 7500 });
  add("B", { status: "gathering-proof", start: "2026-09-01", end: "2026-10-20", amount: 5000 });
  add("C", { status: "submitted", start: "2026-08-01", end: "2026-08-31", amount: 3000, claimed: 2800 });
  add("D", { status: "approved", start: "2026-08-01", end: "2026-08-31", amount: 4000, claimed: 4000, approved: 3500 });
  add("E", { status: "paid", start: "2026-07-01", end: "2026-07-31", amount: 2000, approved: 2000, paid: 1900 });
  add("F", { status: "rejected", start: "2026-07-01", end: "2026-07-31", amount: 1000 });
  add("G", { status: "planned", start: "2026-10-01", end: "2026-10-02", amount: 500, currency: "EUR" });
  add("H", { status: "planned", start: "2027-02-01", end: "2027-02-02", amount: 900 });
  add("I", { status: "action-required", start: "2026-08-01", end: "2026-08-31", amount: 1500, claimed: 1500 });
  return s;
}

test("the dashboard adds up a usage period's money in cents", () => {
  const d = w.dashboard(busy(), D, "FY27H1", { today: "2026-12-10" });
  assert.deepEqual(
    [d.available, d.planned, d.claimed, d.approved, d.paid, d.committed, d.remaining, d.atRisk],
    [4000000, 1250000, 1030000, 550000, 190000, 2230000, 1770000, 0],
  );
  assert.deepEqual([d.forfeitOn, d.daysToForfeit, d.claims, d.otherCurrency, d.overPlanned], ["2027-02-15", 67, 8, ["G"], false]);
  assert.equal(d.toClaim, 1770000 + 1250000);
  // Past the advised claim-by date is not overdue: the claim deadline is what forfeits money.
  assert.deepEqual(d.overdue, []);
  assert.deepEqual(d.pastClaimBy, [
    {
      id: "B",
      name: "B",
      stage: "plan",
      daysLeft: 67,
      deadlines: [
        { kind: "claim-by", day: "2026-12-04", daysLeft: -6 },
        { kind: "claim-deadline", day: "2027-02-15", daysLeft: 67 },
      ],
    },
  ]);
  assert.deepEqual(d.dueSoon, []);
});

test("near the deadlines the dashboard lists what is overdue or due soon and the money at risk", () => {
  const d = w.dashboard(busy(), D, "FY27H1", { today: "2027-03-20" });
  // Unsubmitted past the claim deadline: lost, not overdue.
  assert.deepEqual(d.overdue, []);
  assert.deepEqual(
    d.forfeited.map((x) => [x.id, x.daysLeft]),
    [
      ["A", -33],
      ["B", -33],
    ],
  );
  assert.equal(d.lost, 750000 + 500000);
  assert.deepEqual(
    d.dueSoon.map((x) => [x.id, x.daysLeft, x.deadlines[0].kind]),
    [
      ["C", 11, "resolution-deadline"],
      ["I", 11, "resolution-deadline"],
    ],
  );
  assert.equal(d.atRisk, 280000 + 150000);
  assert.equal(d.daysToForfeit, -33);
});

test("more planned than available shows a negative remainder", () => {
  const s = w.updateClaim(busy(), "A", { amount: 30000 }, T);
  const d = w.dashboard(s, D, "FY27H1", { today: "2026-12-10" });
  assert.deepEqual([d.remaining, d.overPlanned], [-480000, true]);
});

test("a period without funds has nothing available, and every used period is listed", () => {
  const s = busy();
  const d = w.dashboard(s, D, "FY27H2", { today: "2026-12-10" });
  assert.deepEqual([d.available, d.planned, d.remaining, d.forfeitOn], [0, 90000, -90000, "2027-08-15"]);
  assert.deepEqual(w.usagePeriods(s, D), ["FY27H1", "FY27H2"]);
});

test("caps are checked against the period's funds in its currency; a cap without a figure is listed to read", () => {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  const add = (id, activity, amount) => {
    s = w.addClaim(s, { name: id, activity, start: "2026-09-01", end: "2026-09-02", amount }, T, id);
  };
  add("o1", "customer-offers", 6000);
  add("o2", "customer-offers", 5000);
  add("s1", "product-seeding", 3900);
  s = w.addClaim(
    s,
    { name: "euro", activity: "customer-offers", start: "2026-09-01", end: "2026-09-02", amount: 9000, currency: "EUR" },
    T,
    "o3",
  );
  const caps = w.capChecks(s, D, "FY27H1");
  assert.deepEqual(
    caps.map((c) => [c.cap, c.limit, c.used, c.over]),
    [
      ["quarter-of-earned-coop", 1000000, 1100000, true],
      ["seeding-limit", 400000, 390000, false],
      ["three-people", null, 390000, false],
    ],
  );
  assert.deepEqual(caps[0].claims, ["o1", "o2"]);
});

test("a claim may draw on a usage period other than the one its dates start in", () => {
  const s = w.updateClaim(busy(), "H", { usage_period: "FY27H1" }, T);
  assert.equal(w.claimUsage(claim(s, "H"), D), "FY27H1");
  assert.equal(w.claimTiming(claim(s, "H"), D).status, "outside-period");
});

test("ids are fresh each time", () => {
  const ids = new Set(Array.from({ length: 200 }, () => w.newId()));
  assert.equal(ids.size, 200);
  for (const id of ids) assert.match(id, /^[A-Za-z0-9_-]{1,64}$/);
});

test("funds are kept per usage period and fund category, and the dashboard adds them up", () => {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 30000, T);
  s = w.setFunds(s, "FY27H1", 5000, T, "USD", { category: "Surface funds" });
  s = w.setFunds(s, "FY27H1", 35000, T); // the default category again: replaced, the other kept
  assert.deepEqual(
    s.funds.map((f) => [f.category || "", f.amount]),
    [
      ["", 35000],
      ["Surface funds", 5000],
    ],
  );
  s = w.addClaim(s, { name: "ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 1000 }, T, "a");
  s = w.addClaim(
    s,
    { name: "kit", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 2000, fund_category: "Surface funds" },
    T,
    "b",
  );
  const d = w.dashboard(s, D, "FY27H1", { today: "2026-09-10" });
  assert.equal(d.available, 4000000);
  assert.deepEqual(d.byCategory, [
    { category: "", available: 3500000, held: 100000, remaining: 3400000 },
    { category: "Surface funds", available: 500000, held: 200000, remaining: 300000 },
  ]);
  const gone = w.removeFunds(s, "FY27H1", T, "Surface funds");
  assert.deepEqual(
    gone.funds.map((f) => f.category || ""),
    [""],
  );
  assert.equal(gone.deleted[0].id, "fund:FY27H1:Surface funds");
  assert.deepEqual(st.checkWorkspace(gone), []);
  assert.deepEqual(
    st.mergeWorkspaces(gone, s).funds.map((f) => f.category || ""),
    [""],
  );
});

test("the deadline a stage must still meet, and the open statuses, come from the data", () => {
  const d = data();
  assert.equal(w.stageDeadline("draft", d), "claim");
  assert.equal(w.stageDeadline("action", d), "resolution");
  assert.equal(w.stageDeadline("paid", d), null);
  const s = w.addClaim(
    w.emptyWorkspace(T.now),
    { name: "x", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1, status: "editing" },
    T,
    "c",
  );
  assert.equal(w.nextAction(s.claims[0], d).kind, "submit");
  const noDeadline = { ...d, stages: d.stages.map((x) => (x.id === "draft" ? { id: x.id, name: x.name, meaning: x.meaning } : x)) };
  assert.notEqual(w.nextAction(s.claims[0], noDeadline).kind, "submit");
  // An unknown status counts as the first stage the data declares.
  assert.equal(w.stageOf({ status: "no-such-status" }, d), d.stages[0].id);
});

test("past the resolution deadline, a claim in an open status is lost and one Microsoft still reviews is overdue", () => {
  const d = w.dashboard(busy(), D, "FY27H1", { today: "2027-04-02" });
  assert.deepEqual(
    d.forfeited.map((x) => x.id),
    ["A", "B", "I"],
  ); // I: action-required, one of data.openStatuses
  assert.deepEqual(
    d.overdue.map((x) => x.id),
    ["C"],
  ); // C: submitted, waiting on Microsoft
  // Which statuses are open is the data's: without action-required among them, I is overdue too.
  const other = w.dashboard(busy(), { ...D, openStatuses: [] }, "FY27H1", { today: "2027-04-02" });
  assert.deepEqual(other.overdue.map((x) => x.id).sort(), ["C", "I"]);
});

test("a claim's stage, worked out once per claim, follows a change of its status and of the rules' stages", () => {
  const s = withClaim();
  const first = w.stageOf(claim(s), D);
  const other = D.statuses.find((x) => x.stage !== first);
  const changed = w.setStatus(s, "c1", other.id, at("2026-09-02"));
  assert.equal(w.stageOf(claim(changed), D), other.stage);
  assert.equal(w.stageOf(claim(s), D), first); // the earlier copy keeps its own stage
  const renamed = { ...D, statuses: D.statuses.map((x) => (x.id === other.id ? { ...x, stage: first } : x)) };
  assert.equal(w.stageOf(claim(changed), renamed), first); // other rules' data: worked out again
});

test("the dashboard, worked out once per claim, follows a claim's new status", () => {
  const s = w.setFunds(withClaim(), "FY27H1", 40000, T);
  const usage = w.claimUsage(claim(s), D);
  const before = w.dashboard(s, D, usage, { today: "2026-09-02" });
  const paid = D.statuses.find((x) => x.stage === "paid");
  const after = w.dashboard(w.setStatus(s, "c1", paid.id, at("2026-09-02")), D, usage, { today: "2026-09-02" });
  assert.equal(before.paid, 0);
  assert.equal(after.paid, before.committed); // the planned amount, now paid
  assert.ok(after.paid > 0);
  assert.equal(w.dashboard(s, D, usage, { today: "2026-09-02" }).paid, 0); // the earlier state is unchanged
});
