// ws-plan.js: the ticks of an activity page carried to the claim planned from it.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const p = load("ws-plan");
const s = load("ws-state");
const w = load("workspace");
const D = data();
const ACT = Object.keys(D.activities)[0];
const boxes = p.boxesOf(D.activities[ACT].checklist);
const [a, b, c] = Object.keys(boxes);
const ctx = { at: at("2026-09-01"), data: D, rulesVersion: "r1", generation: "g" };

test("the page's current ticks go into the address; stale ones stay behind", () => {
  const ticks = { [a]: { hash: boxes[a], at: "2026-09-01", stale: false }, [b]: { hash: "old", at: "", stale: true } };
  const q = p.planSearch(ACT, ticks);
  assert.equal(q, "?plan=" + encodeURIComponent(ACT) + "&ticked=" + encodeURIComponent(a + "." + boxes[a]));
  assert.deepEqual(p.planFrom(q, D), { activity: ACT, ticks: [{ id: a, hash: boxes[a] }] });
  assert.equal(p.planSearch(ACT, {}), "?plan=" + encodeURIComponent(ACT));
});

test("an address is taken only for a known activity and ticks of its checklist in their current wording", () => {
  assert.equal(p.planFrom("?plan=no-such-activity&ticked=x.y", D), null);
  assert.equal(p.planFrom("", D), null);
  const q = "?plan=" + ACT + "&ticked=" + [a + "." + boxes[a], b + ".changed", "zz.1", a + "." + boxes[a]].join(",");
  assert.deepEqual(p.planFrom(q, D).ticks, [{ id: a, hash: boxes[a] }]);
});

test("a claim planned from an activity page starts with its ticks; another activity's claim does not", () => {
  let state = s.initialState(w.emptyWorkspace(at("2026-08-01").now));
  const ticks = [a, c].map((id) => ({ id, hash: boxes[id] }));
  state = s.reduce(state, { type: "planOpened", activity: ACT, ticks }, ctx);
  assert.equal(state.view.drafts.add.activity, ACT);
  for (const [field, value] of [
    ["name", "From the page"],
    ["start", "2026-09-01"],
    ["end", "2026-09-30"],
    ["amount", "1000"],
  ])
    state = s.reduce(state, { type: "draftTyped", form: "add", field, value }, ctx);
  state = s.reduce(state, { type: "claimAdded", id: "k1" }, ctx);
  const claim = state.workspace.claims[0];
  assert.deepEqual([...claim.ticked].sort(), [a, c].sort());
  assert.deepEqual(claim.tick_hashes, { [a]: boxes[a], [c]: boxes[c] });
  assert.equal(state.view.plan, null, "the plan is used once");
});

test("the activity page says which of its ticks are in a claim and which are not", () => {
  const ticks = { [a]: { hash: boxes[a], at: "", stale: false }, [b]: { hash: boxes[b], at: "", stale: false } };
  assert.deepEqual(p.ticksInClaims(ACT, ticks, []), { claims: [], loose: 2, text: "These ticks are not in a claim yet." });
  const claims = [
    { id: "k1", name: "Autumn ad", activity: ACT, ticked: [a] },
    { id: "k2", name: "Other", activity: "elsewhere", ticked: [a, b] },
  ];
  const r = p.ticksInClaims(ACT, ticks, claims);
  assert.deepEqual([r.claims, r.loose], [[{ id: "k1", name: "Autumn ad", shared: 1 }], 1]);
  assert.equal(r.text, "1 of these ticks is not in a claim yet. Ticks for the claim Autumn ad are kept in My co-op; open it there.");
});
