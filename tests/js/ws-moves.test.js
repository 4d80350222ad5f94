// ws-moves.js and checklist-state.js movedNames: what was saved under a renamed activity's old
// id follows it to the new one.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const m = load("ws-moves");
const c = load("checklist-state");

test("claims of a moved activity, deleted ones too, take its new id; others are kept as they are", () => {
  const claim = { id: "c1", activity: "print-ads-old", ticked: ["poe-csr"], evidence: { "poe-csr": [{ where: "drive" }] } };
  const other = { id: "c2", activity: "digital-advertising", ticked: [] };
  const workspace = {
    claims: [claim, other],
    deleted: [
      { id: "c3", at: "t", claim: { ...claim, id: "c3" } },
      { id: "fund:FY27H1", at: "t" },
    ],
  };
  const moved = m.carryMoves(workspace, { "print-ads-old": "print-ads" });
  assert.deepEqual(
    moved.claims.map((x) => x.activity),
    ["print-ads", "digital-advertising"],
  );
  assert.deepEqual(moved.claims[0].ticked, ["poe-csr"]);
  assert.deepEqual(moved.claims[0].evidence, claim.evidence);
  assert.equal(moved.claims[1], other);
  assert.equal(moved.deleted[0].claim.activity, "print-ads");
  assert.deepEqual(moved.deleted[1], { id: "fund:FY27H1", at: "t" });
  assert.equal(workspace.claims[0].activity, "print-ads-old"); // the input is not changed
});

test("nothing moved gives the same workspace back", () => {
  const workspace = { claims: [{ id: "c1", activity: "a" }], deleted: [] };
  assert.equal(m.carryMoves(workspace, { b: "c" }), workspace);
  assert.equal(m.carryMoves(workspace, undefined), workspace);
  assert.equal(m.carryMoves(workspace, { toString: "x" }), workspace); // own keys only
});

test("a checklist finds the names it was saved under before its activity moved", () => {
  const moved = { "print-old": "print-ads", older: "print-ads", "web-old": "web" };
  assert.deepEqual(c.movedNames("activity:print-ads", moved), ["activity:print-old", "activity:older"]);
  assert.deepEqual(c.movedNames("claim", moved), []);
  assert.deepEqual(c.movedNames("activity:print-ads", undefined), []);
});
