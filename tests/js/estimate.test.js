// estimate.js: rebate and co-op from revenue, typed USD amounts, the saved estimator state.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const e = load("estimate");
const data = { threshold: 10000, levers: [{ id: "azure", ratePercent: 4, rebatePercent: 60, coopPercent: 40 },
  { id: "m365", ratePercent: 10, rebatePercent: 50, coopPercent: 50 }] };

test("rebate and co-op are summed per month over levers, to the cent", () => {
  const r = e.estimate({ azure: [10000, 0.33], m365: [1000] }, data);
  assert.deepEqual(r.rebate, [290, 0.01]);
  assert.deepEqual(r.coop, [210, 0.01]);
  assert.deepEqual([r.rebateTotal, r.coopTotal, r.thresholdMet, r.coopToClaim, r.rebateWithConversion], [290.01, 210.01, false, 0, 500.02]);
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
  for (const bad of ["{", "null", '{"v":2,"values":{}}', '{"v":1,"values":[]}', '{"v":1,"period":"2027","values":{}}',
    '{"v":1,"values":{"Azure":[]}}', '{"v":1,"values":{"a":["","","","","","",""]}}', '{"v":1,"values":{"a":[1]}}']) {
    assert.equal(e.readEstimatorState(bad), null, bad);
  }
});

test("the saved text is exactly {v, period, values}, and nothing when all is empty", () => {
  const state = { period: "FY27H1", values: { azure: ["1", ""] } };
  assert.equal(e.estimatorText(state, false), '{"v":1,"period":"FY27H1","values":{"azure":["1",""]}}');
  assert.equal(e.estimatorText({ period: "FY27H1", values: { azure: [" ", ""] } }, false), null);
  assert.equal(e.estimatorText({ period: "FY27H1", values: { old: ["", ""] } }, true), '{"v":1,"period":"FY27H1","values":{"old":["",""]}}');
  assert.equal(e.isEmpty({ a: ["", " "] }), true);
});
