// estimate.js: rebate and co-op from revenue, typed USD amounts, the saved estimator state.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const e = load("estimate");
const data = {
  threshold: 10000,
  levers: [
    { id: "azure", ratePercent: 4, rebatePercent: 60, coopPercent: 40 },
    { id: "m365", ratePercent: 10, rebatePercent: 50, coopPercent: 50 },
  ],
};

test("rebate and co-op are summed per month over levers, to the cent", () => {
  const r = e.estimate({ azure: [10000, 0.33], m365: [1000] }, data);
  assert.deepEqual(r.rebate, [290, 0.01]);
  assert.deepEqual(r.coop, [210, 0.01]);
  assert.deepEqual([r.rebateTotal, r.coopTotal, r.thresholdMet, r.coopToClaim, r.rebateWithConversion], [290.01, 210.01, false, 0, 500.02]);
});

test("each earning half takes the rates of the edition whose periods hold it", () => {
  const editions = {
    ...data,
    editions: [
      { id: "old", earningUntil: "FY25H2", levers: data.levers },
      { id: "new", earningFrom: "FY26H1", levers: [{ id: "azure", ratePercent: 2, rebatePercent: 60, coopPercent: 40 }] },
    ],
  };
  assert.deepEqual(
    ["FY24H1", "FY25H2", "FY26H1", "FY27H1"].map((h) => e.editionFor(h, editions).id),
    ["old", "old", "new", "new"],
  );
  assert.equal(e.editionFor("FY27H1", data).levers, data.levers); // no editions: the levers alone
  assert.equal(e.estimateFor({ azure: [10000] }, "FY25H1", editions).coopTotal, 160);
  assert.equal(e.estimateFor({ azure: [10000] }, "FY27H1", editions).coopTotal, 80);
  assert.throws(() => e.estimateFor({ m365: [1] }, "FY27H1", editions), /unknown lever: m365/);
});

test("co-op at the threshold is claimed; under it, it turns into rebate", () => {
  const met = e.estimate({ m365: [200000] }, data);
  assert.deepEqual([met.coopTotal, met.thresholdMet, met.coopToClaim, met.rebateWithConversion], [10000, true, 10000, 10000]);
  const under = e.estimate({ m365: [199999.8] }, data);
  assert.deepEqual([under.thresholdMet, under.coopToClaim, under.rebateWithConversion], [false, 0, 19999.98]);
  assert.throws(() => e.estimate({ nope: [1] }, data), /unknown lever: nope/);
});

test("typed amounts are read in US dollars; another currency is refused, not converted", () => {
  assert.deepEqual(e.readAmount("USD 2,500.75"), { value: 2500.75, error: null });
  assert.deepEqual(e.readAmount(" "), { value: null, error: null });
  assert.equal(e.readAmount("1.000").error, "ambiguous-dot");
  const eur = e.readAmount("EUR 100");
  assert.equal(eur.error, "currency");
  assert.match(eur.message, /EUR 100.*US dollars/);
});

test("a saved state is read back as typed; anything odd makes it unreadable", () => {
  const text = JSON.stringify({ v: 1, period: "FY27H1", values: { azure: ["100,000", "", "x"] } });
  assert.deepEqual(e.readEstimatorState(text), { period: "FY27H1", values: { azure: ["100,000", "", "x"] } });
  assert.deepEqual(e.readEstimatorState('{"v":1,"values":{}}'), { period: null, values: {} });
  assert.deepEqual(e.readEstimatorState(text.replace('"v":1', '"v":2')), e.readEstimatorState(text)); // v 1: the old key
  for (const bad of [
    "{",
    "null",
    '{"v":3,"values":{}}',
    '{"v":1,"values":[]}',
    '{"v":1,"period":"2027","values":{}}',
    '{"v":1,"values":{"Azure":[]}}',
    '{"v":1,"values":{"a":["","","","","","",""]}}',
    '{"v":1,"values":{"a":[1]}}',
  ]) {
    assert.equal(e.readEstimatorState(bad), null, bad);
  }
});

test("the saved text is exactly {v, period, values}, and nothing when all is empty", () => {
  const state = { period: "FY27H1", values: { azure: ["1", ""] } };
  assert.equal(e.estimatorText(state, false), '{"v":2,"period":"FY27H1","values":{"azure":["1",""]}}');
  assert.equal(e.estimatorText({ period: "FY27H1", values: { azure: [" ", ""] } }, false), null);
  assert.equal(
    e.estimatorText({ period: "FY27H1", values: { old: ["", ""] } }, true),
    '{"v":2,"period":"FY27H1","values":{"old":["",""]}}',
  );
  assert.equal(e.isEmpty({ a: ["", " "] }), true);
});

// ------------------------------------------------------------------ the form's state

const run = (actions, state = e.initialEstimator(["a", "b"], "FY27H1")) => actions.reduce(e.reduceEstimator, state);
const typed = (lever, month, text) => ({ type: "typed", lever, month, text });

test("typing changes only what was typed; a problem shows once the field is left or estimated", () => {
  let s = run([typed("a", 0, "1,5"), typed("b", 2, "100")]);
  assert.deepEqual(s.values, { a: ["1,5", "", "", "", "", ""], b: ["", "", "100", "", "", ""] });
  assert.equal(e.fieldView(s, "a", 0).shown, false);
  assert.equal(e.fieldView(run([{ type: "left", lever: "a", month: 0 }], s), "a", 0).shown, true);
  s = run([{ type: "estimated" }], s);
  assert.deepEqual(
    [e.fieldView(s, "a", 0).shown, e.revenueOf(s.result.values, s.levers).bad.map((b) => b.lever + b.month)],
    [true, ["a0"]],
  );
  s = run([typed("a", 0, "1,500"), { type: "estimated" }], s);
  assert.deepEqual(e.revenueOf(s.result.values, s.levers), { revenue: { a: [1500, 0, 0, 0, 0, 0], b: [0, 0, 100, 0, 0, 0] }, bad: [] });
  assert.throws(() => e.reduceEstimator(s, { type: "nonsense" }), /unknown estimator action/);
});

test("a save is taken as typed, amounts of levers gone from the rules are kept, and an estimate is shown", () => {
  const s = run([{ type: "loaded", period: "FY26H2", values: { a: ["5", "x"], gone: ["", "9"], empty: ["", ""] } }]);
  assert.deepEqual([s.period, Object.keys(s.values), e.keptLevers(s)], ["FY26H2", ["a", "b", "gone"], 1]);
  assert.deepEqual([e.fieldView(s, "a", 1).shown, s.result.values], [true, s.values]);
  assert.equal(run([{ type: "loaded", period: null, values: {} }]).result, null);
});

test("Clear and the worked example can be undone, each by its own notice", () => {
  let s = run([
    typed("a", 0, "7"),
    { type: "replaced", period: "FY27H1", values: {}, kind: "cleared", text: "All amounts are cleared.", estimate: false },
  ]);
  assert.deepEqual([e.isEmpty(s.values), s.notices[0].undo.values.a[0]], [true, "7"]);
  s = run([{ type: "replaced", period: "FY24H2", values: { b: ["1", "2"] }, kind: "example", text: "Filled in.", estimate: true }], s);
  assert.deepEqual(
    [s.period, s.values.b.slice(0, 2), s.notices.map((n) => [n.kind, !!n.undo])],
    [
      "FY24H2",
      ["1", "2"],
      [
        ["cleared", true],
        ["example", false],
      ],
    ],
  );
  assert.ok(s.result);
  s = run([{ type: "undo", kind: "cleared" }], s);
  assert.deepEqual([s.period, s.values.a[0], s.values.b[0], s.result], ["FY27H1", "7", "", null]);
  assert.equal(s.notices[0].text, "Your earlier amounts are back.");
});

test("another tab's save is taken, except the field being typed in; a period change re-estimates", () => {
  let s = run([typed("a", 0, "12"), { type: "editing", field: "a:0" }, { type: "synced", period: "FY26H2", values: { a: ["1", "2"] } }]);
  assert.deepEqual([s.period, s.values.a.slice(0, 2)], ["FY26H2", ["12", "2"]]);
  s = run([{ type: "estimated" }, typed("b", 0, "3"), { type: "periodChosen", period: "FY27H1" }], s);
  assert.equal(s.result.values.b[0], "3");
  s = run([{ type: "blocked" }, { type: "blocked" }, { type: "corrupt" }], s);
  assert.deepEqual([s.memory, s.notices.map((n) => n.kind)], [true, ["storage", "corrupt"]]);
});
