// Advice that follows the rules: each claim's next action (workspace.js nextAction, shown by
// ws-domain.js in the list and the open claim) agrees with the timing checker's reading of its
// dates (dates.js activityTiming), the money model's risks (ledger.js) and its stage.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const dates = load("dates");
const dom = load("ws-domain");
const words = load("words");
const { claimMoney } = load("ledger");
const D = data();
const T = at("2026-09-01");
const P = dates.periodOfUsage("FY27H1", D);

const claim = (fields) =>
  w.addClaim(w.emptyWorkspace(T.now), { name: "x", activity: "print-advertising", amount: 1000, ...fields }, T, "c").claims[0];
const planning = D.statuses.filter((s) => w.stageDeadline(s.stage, D) === "claim").map((s) => s.id);

test("a claim across two usage periods is advised to be split, in the checker's words, and counted at risk", () => {
  const start = dates.addDays(P.usageEnd, -10),
    end = dates.addDays(P.usageEnd, 10);
  assert.equal(dates.activityTiming(start, end, D).status, "spans-periods");
  for (const status of planning) {
    const c = claim({ status, start, end });
    for (const today of [dates.addDays(start, -30), start, end, dates.addDays(end, 30)]) {
      const list = dom.nextInList(c, D, today).lines.join(" "),
        open = dom.nextInClaim(c, D, today).text;
      for (const said of [list, open]) {
        assert.ok(said.includes(words.SPLIT_ADVICE), status + " on " + today + ": " + said);
        assert.doesNotMatch(said, /Start the activity|Collect proof/);
      }
      assert.ok(claimMoney(c, D, { today }).risks.includes("spans-periods"));
      assert.ok(claimMoney(c, D, { today }).atRisk > 0 || claimMoney(c, D, { today }).lostDeadline > 0);
    }
    assert.ok(dom.timingNotes(c, D, start).some((n) => n.includes(words.SPLIT_ADVICE)));
  }
});

test("an activity that has ended is to be submitted by its claim-by date, never 'collect proof while it runs'", () => {
  const start = dates.addDays(P.usageStart, 20),
    end = dates.addDays(start, 9),
    t = dates.activityTiming(start, end, D);
  for (const status of planning) {
    const c = claim({ status, start, end });
    for (let day = 1; dates.addDays(end, day) <= t.claimDeadline; day += 7) {
      const today = dates.addDays(end, day),
        list = dom.nextInList(c, D, today).lines[0],
        open = dom.nextInClaim(c, D, today).text;
      const by =
        today > t.claimBy
          ? "Submit the claim by the claim deadline, " + words.longDate(t.claimDeadline)
          : "Submit the claim by " + words.longDate(t.claimBy);
      assert.ok(list.startsWith(by), status + " on " + today + ": " + list);
      const inClaim = today > t.claimBy ? by : "Submit the claim (by " + words.longDate(t.claimBy) + ",";
      assert.ok(open.startsWith(inClaim), status + " on " + today + ": " + open);
      assert.doesNotMatch(list + open, /Collect proof|Start the activity|was to start/);
      assert.equal(w.nextAction(c, D, today).kind, "submit");
    }
  }
  // While it runs, the planning steps still apply.
  const running = claim({ status: "in-progress", start, end });
  assert.equal(dom.nextInList(running, D, start).lines[0], "Collect proof while the activity runs");
});

test("the partner's own action comes first, and the rules' advice follows as 'Also'", () => {
  const start = dates.addDays(P.usageStart, 20),
    end = dates.addDays(start, 9),
    t = dates.activityTiming(start, end, D);
  const c = claim({ status: "in-progress", start, end, next_action: { text: "Ask the printer for the invoice", due: end } });
  const shown = dom.nextInList(c, D, dates.addDays(end, 1));
  assert.equal(shown.lines[0], "Ask the printer for the invoice");
  assert.equal(shown.also, "Also: submit the claim by " + words.longDate(t.claimBy) + ".");
});

test("once submitted, the stage's advice holds: no submit or split advice", () => {
  const start = dates.addDays(P.usageEnd, -10),
    end = dates.addDays(P.usageEnd, 10);
  for (const status of D.statuses.filter((s) => !planning.includes(s.id)).map((s) => s.id)) {
    const next = w.nextAction(claim({ status, start, end, claimed: 1000 }), D, dates.addDays(end, 5));
    assert.ok(!["submit", "split", "start", "collect"].includes(next.kind), status + ": " + next.kind);
  }
});

test("a claim whose dates fall outside its chosen usage period, or end before they start, is to be fixed first", () => {
  const c = claim({ status: "planned", start: P.usageStart, end: dates.addDays(P.usageStart, 3), usage_period: "FY27H2" });
  assert.equal(w.nextAction(c, D, P.usageStart).kind, "fix");
  assert.match(dom.nextInList(c, D, P.usageStart).lines[0], /^Move the activity's dates inside usage period FY27H2/);
  assert.ok(claimMoney(c, D, { today: P.usageStart }).risks.includes("outside-period"));
});

test("an approved claim waits for the payment until its window closes, then says the payment is late, as What needs you does", () => {
  const approved = D.statuses.find((s) => s.stage === "approved").id;
  const c = claim({ status: approved, start: P.usageStart, end: dates.addDays(P.usageStart, 3), claimed: 1000, approved: 1000 });
  const end = dates.paymentWindow(c.status_dates[approved], D)[1];
  const before = w.nextAction(c, D, end),
    after = w.nextAction(c, D, dates.addDays(end, 1));
  assert.equal(before.text, "Wait for the payment");
  assert.equal(after.text, words.PAYMENT_LATE);
  assert.equal(before.due, end);
  assert.equal(after.due, end);
  const { needs } = load("needs");
  const ws = { ...w.emptyWorkspace(T.now), claims: [c] };
  const late = needs(ws, D, { today: dates.addDays(end, 1) }).filter((n) => n.kind === "payment");
  assert.deepEqual(
    late.map((n) => n.what),
    [words.PAYMENT_LATE],
  );
  assert.deepEqual(
    needs(ws, D, { today: end }).filter((n) => n.kind === "payment"),
    [],
  );
});
