// ws-domain.js: My co-op's decisions (what is valid, what is lost, what to do next, a funds
// undo, a file merge in words, what recording an Earnings report does), apart from any page.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const d = load("ws-domain");
const st = load("storage");
const D = { ...data(), defaultFund: "Default non surface funds" };
const T = at("2026-09-01");
const AD = { name: "Autumn print ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: "7,500" };
const withClaim = (fields = {}, id = "c1", s = w.emptyWorkspace(T.now)) =>
  w.addClaim(
    s,
    { name: "Autumn print ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500, ...fields },
    T,
    id,
  );

test("a typed claim becomes its fields: the name trimmed, the amount in units, the currency upper case", () => {
  const made = d.newClaim({ ...AD, name: "  Autumn print ad ", currency: "eur", fund: "Surface funds" }, w.emptyWorkspace(T.now));
  assert.deepEqual(made.fields, {
    name: "Autumn print ad",
    activity: "print-advertising",
    start: "2026-09-01",
    end: "2026-09-30",
    amount: 7500,
    currency: "EUR",
    fund_category: "Surface funds",
  });
  assert.equal(d.newClaim(AD, w.emptyWorkspace(T.now)).fields.currency, "USD", "USD when no currency was typed");
});

test("a typed claim is refused field by field, in the order of the form", () => {
  assert.deepEqual(Object.keys(d.newClaim({}, w.emptyWorkspace(T.now)).errors), ["name", "activity", "start", "end", "amount"]);
  const s = withClaim();
  assert.match(d.newClaim({ ...AD, name: "AUTUMN print ad" }, s).errors.name, /exists already/);
  assert.equal(d.newClaim({ ...AD, end: "2026-08-31" }, s).errors.end, "the end is before the start.");
  assert.deepEqual(Object.keys(d.newClaim({ ...AD, name: "B", amount: "lots", currency: "US" }, s).errors), ["amount", "currency"]);
});

test("a claim's field typed is a patch, or refused with the claim keeping its old value", () => {
  const s = withClaim({ name: "Other" }, "c2", withClaim()),
    c = s.claims[0];
  assert.deepEqual(d.claimField("name", " New name ", c, s), { patch: { name: "New name" } });
  assert.match(d.claimField("name", "other", c, s).error, /another claim has this name/);
  assert.match(d.claimField("name", " ", c, s).error, /keeps its old name/);
  assert.match(d.claimField("end", "", c, s).error, /enter a date/);
  assert.match(d.claimField("start", "2026-10-01", c, s).error, /end before it starts/);
  assert.deepEqual(d.claimField("claimed", "7,000.50", c, s), { patch: { claimed: 7000.5 } });
  assert.deepEqual(d.claimField("claimed", "", c, s), { patch: { claimed: null } }, "an optional amount emptied is removed");
  assert.match(d.claimField("amount", "", c, s).error, /keeps the old one/);
  assert.deepEqual(d.claimField("currency", "eur", c, s), { patch: { currency: "EUR" } });
  assert.equal(d.claimField("next-due", "2026-09-10", c, s).error, "enter the action first.");
  const own = { ...c, next_action: { text: "Call the printer" } };
  assert.deepEqual(d.claimField("next-due", "2026-09-10", own, s), {
    patch: { next_action: { text: "Call the printer", due: "2026-09-10" } },
  });
  assert.deepEqual(d.claimField("next-text", " ", own, s), { patch: { next_action: null } });
});

test("a status is dated on a day, never after today", () => {
  assert.equal(d.statusDay("2026-09-01", "2026-09-01"), null);
  assert.match(d.statusDay("2026-09-02", "2026-09-01"), /cannot be in the future/);
  assert.match(d.statusDay("", "2026-09-01"), /enter the day/);
});

test("typed funds: the default category is left out, another kept; the amount and currency checked", () => {
  assert.deepEqual(d.newFunds({ amount: "40,000" }, "FY27H1", D.defaultFund), {
    usage: "FY27H1",
    amount: 40000,
    currency: "USD",
    extra: { source: "typed" },
  });
  assert.deepEqual(
    d.newFunds({ amount: "5000", category: " Surface funds ", usage: "FY27H2", currency: "eur" }, "FY27H1", D.defaultFund).extra,
    { source: "typed", category: "Surface funds" },
  );
  assert.equal(d.newFunds({ amount: "5000", category: "default NON surface funds" }, "FY27H1", D.defaultFund).extra.category, undefined);
  assert.equal(d.newFunds({}, "FY27H1", D.defaultFund).error[0], "amount");
  assert.equal(d.newFunds({ amount: "5", currency: "dollars" }, "FY27H1", D.defaultFund).error[0], "currency");
});

test("undoing a removal of funds records them as they were, from a report with what was earned", () => {
  const s = w.importEarnings(w.emptyWorkspace(T.now), { periods: [{ usageHalf: "FY27H1", thresholdMet: true, cents: 1100025 }] }, T);
  const fund = s.funds[0],
    removed = w.removeFunds(s, "FY27H1", at("2026-09-02"));
  const back = d.restoreFund(removed, fund, at("2026-09-03")).funds[0];
  assert.deepEqual({ ...back, updated: null }, { ...fund, updated: null });
  assert.equal(back.source, "earnings");
  assert.equal(back.earned, 11000.25);
});

test("a file that cannot be opened is named for what it is", () => {
  assert.match(d.openLead(["expected a workspace file (JSON), but ..."], "earningId,earningType"), /Earnings report/);
  assert.match(d.openLead(["format: expected ..."], "{}"), /not a workspace file/);
  assert.match(d.openLead(["version: expected ..."], "{}"), /newer version/);
  assert.match(d.openLead(["claims[0].start: expected a date"], "{}"), /some of its entries are not right/);
});

test("adding a file's claims says what was added and updated, and which funds came from the file", () => {
  const before = withClaim();
  const after = { ...w.setFunds(withClaim({}, "c9", w.updateClaim(before, "c1", { amount: 1 }, at("2026-09-02"))), "FY27H1", 5, T) };
  assert.equal(
    d.mergeSummary(before, after, "a.json"),
    "From a.json: 1 claims added, 1 updated with the file's later changes, and the funds of FY27H1 taken from the file.",
  );
  assert.equal(d.mergeSummary(before, before, "a.json"), "From a.json: 0 claims added, 0 updated with the file's later changes.");
});

test("an Earnings report's period is recorded only when over, and says what it replaces", () => {
  const typed = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  assert.deepEqual(d.earningsOutcome(typed, { usageHalf: "FY27H1", thresholdMet: true, cents: 1100025 }), {
    record: true,
    text: "USD 11,000.25 (replaces USD 40,000 you typed)",
  });
  assert.equal(d.earningsOutcome(typed, { usageHalf: "FY27H2", complete: false, cents: 5 }).record, false);
  assert.equal(d.earningsOutcome(w.emptyWorkspace(T.now), { usageHalf: "FY27H2", thresholdMet: false, cents: 5 }).record, false);
  assert.deepEqual(d.earningsOutcome(typed, { usageHalf: "FY27H1", thresholdMet: false, cents: 5 }), {
    record: true,
    text: "USD 0, under the threshold (replaces USD 40,000 you typed)",
  });
});

test("co-op not submitted by the claim deadline is lost; once submitted it is not", () => {
  const s = withClaim({ start: "2026-02-01", end: "2026-02-28" }),
    c = s.claims[0];
  assert.equal(d.isLost(c, D, "2026-09-01"), true);
  assert.equal(d.isLost(c, D, "2026-08-15"), false);
  assert.equal(d.isLost({ ...c, status: "submitted" }, D, "2026-09-01"), false);
  assert.match(d.nextInList(c, D, "2026-09-01").lines[0], /^Lost: the claim deadline, 15 August 2026, passed/);
  assert.ok(d.timingNotes(c, D, "2026-09-01").some((n) => /has passed: this co-op is forfeited/.test(n)));
});

test("the list says the next action with its date, a start day passed, and what the status still asks", () => {
  const c = withClaim().claims[0];
  assert.deepEqual(d.nextInList(c, D, "2026-08-20"), { lines: ["Start the activity", "1 September 2026, 12 days left"], also: null });
  assert.deepEqual(d.nextInList(c, D, "2026-09-05").lines, ["The activity was to start on 1 September 2026: update its status."]);
  const own = { ...c, status: "submitted", next_action: { text: "Call Microsoft" } };
  const shown = d.nextInList(own, D, "2026-09-05");
  assert.equal(shown.lines[0], "Call Microsoft");
  assert.match(shown.also, /^Also: wait for Microsoft's review; .* by \d+ \w+ 2027\.$/);
  assert.equal(d.nextInClaim(c, D, "2026-08-20").text, "Start the activity (on 1 September 2026, 12 days left).");
  assert.match(d.nextInClaim(c, D, "2026-09-05").text, /If it has started, set its status to In progress\.$/);
});

test("proof still open is counted once a claim is submitted, not while planned or once closed", () => {
  const c = withClaim().claims[0],
    a = D.activities["print-advertising"];
  assert.equal(d.openProof(c, a, D), 0);
  assert.equal(d.openProof({ ...c, status: "submitted" }, a, D), 3);
  assert.equal(d.openProof({ ...c, status: "submitted", ticked: ["poe-csr"] }, a, D), 2);
  assert.equal(d.openProof({ ...c, status: "submitted" }, undefined, D), 0);
});

test("undoing a removal of typed funds records them again (they have no earnings)", () => {
  const s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T, "USD", { source: "typed", category: "Surface funds" });
  const back = d.restoreFund(w.removeFunds(s, "FY27H1", at("2026-09-02"), "Surface funds"), s.funds[0], at("2026-09-03")).funds;
  assert.deepEqual(
    back.map((f) => [f.amount, f.source, f.category, "earned" in f]),
    [[40000, "typed", "Surface funds", false]],
  );
});

test("before a file is added, what it would replace, delete or remove of yours is listed, and keeping mine adds only what is new", () => {
  const mine = withClaim({ name: "Mine" }, "c1", withClaim({ name: "Other" }, "c2", w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 100, T)));
  const later = at("2999-01-01");
  let file = w.updateClaim(mine, "c1", { name: "From the file" }, later);
  file = w.deleteClaim(file, "c2", at("2026-09-02"));
  file = w.setFunds(withClaim({ name: "New" }, "c3", file), "FY27H1", 5, at("2026-09-03"));
  file = { ...file, generation: "g" };
  const merged = { ...st.mergeWorkspaces({ ...mine, generation: "g" }, file) };
  const plan = d.mergePlan(mine, merged, file, T.now);
  assert.deepEqual(
    plan.added.map((c) => c.id),
    ["c3"],
  );
  assert.deepEqual(plan.replaced, [{ id: "c1", name: "Mine", mine: T.now, theirs: later.now, future: true }]);
  assert.deepEqual(plan.deleted, [{ id: "c2", name: "Other", at: at("2026-09-02").now }]);
  assert.deepEqual(
    plan.funds.map((f) => [f.usage, f.mine.amount, f.theirs.amount]),
    [["FY27H1", 100, 5]],
  );
  assert.deepEqual(
    plan.removed.map((c) => c.id),
    ["c2"],
  );
  assert.deepEqual(plan.removedFunds, []);
  assert.deepEqual(
    d.mergePlan(mine, merged, { ...file, funds: [] }, T.now).removedFunds.map((f) => f.usage_period),
    ["FY27H1"],
  );
  assert.equal(d.planLoses(plan), true);
  assert.equal(
    d.mergeSummary(mine, merged, "a.json"),
    "From a.json: 1 claims added, 1 updated with the file's later changes, 1 moved to the deleted claims as the file deleted them, and the funds of FY27H1 taken from the file.",
  );
  const kept = st.mergeWorkspaces({ ...mine, generation: "g" }, d.onlyNew(mine, file));
  assert.deepEqual(kept.claims.map((c) => c.id + " " + c.name).sort(), ["c1 Mine", "c2 Other", "c3 New"]);
  assert.equal(kept.funds[0].amount, 100);
  assert.equal(d.planLoses(d.mergePlan(mine, kept, d.onlyNew(mine, file), T.now)), false);
});
