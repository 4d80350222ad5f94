// ws-moves.js and checklist-state.js movedNames: what was saved under a renamed activity's old
// id follows it to the new one, and ticks of a renamed checklist item follow the item.
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

test("ticks saved under a renamed item's old id become the new item's, with their hash and date", () => {
  const moved = { "poe-old-reach": "poe-estimated-reach" };
  const saved = { "poe-old-reach": { hash: "h1", at: "2026-09-01", stale: false }, "poe-csr": { hash: "h2", at: "", stale: false } };
  assert.deepEqual(m.carryTicks(saved, moved), {
    "poe-csr": { hash: "h2", at: "", stale: false },
    "poe-estimated-reach": { hash: "h1", at: "2026-09-01", stale: false },
  });
  // A tick of the new id itself wins over the old one's; nothing moved gives the same object.
  const both = { ...saved, "poe-estimated-reach": { hash: "h3", at: "2026-10-01", stale: false } };
  assert.deepEqual(m.carryTicks(both, moved)["poe-estimated-reach"], both["poe-estimated-reach"]);
  assert.equal(m.carryTicks(saved, {}), saved);
  assert.equal(m.carryTicks(saved, undefined), saved);
  assert.equal(m.carryTicks(saved, { toString: "x" }), saved); // own keys only
});

test("a checklist page keeps the tick of a renamed item, and flags it if the wording changed too", () => {
  const layout = (hash) => ({
    hashes: { "poe-new": hash, "poe-csr": "h2" },
    groups: [],
    units: ["poe-new", "poe-csr"],
    moved: { "poe-old": "poe-new" },
  });
  const entries = { "poe-old": { hash: "h1", at: "2026-09-01", stale: false } };
  const same = c.reduce(c.initial(layout("h1")), { type: "loaded", entries });
  assert.ok(c.isTicked(same.ticks, "poe-new"));
  assert.equal(c.progress(same).text, "1 of 2 done.");
  const reworded = c.reduce(c.initial(layout("h9")), { type: "loaded", entries });
  assert.equal(reworded.ticks["poe-new"].stale, true);
  const imported = c.reduce(c.initial(layout("h1")), { type: "imported", entries, file: "ticks.json" });
  assert.ok(c.isTicked(imported.ticks, "poe-new"));
  assert.match(imported.notices[0].text, /^Imported 1 item from ticks\.json\.$/);
});

test("claims take a renamed item's new id in their ticks and evidence, after their activity's move", () => {
  const claim = {
    id: "c1",
    activity: "print-ads-old",
    ticked: ["poe-old", "poe-csr", "poe-new"],
    evidence: { "poe-old": [{ id: "e1" }], "poe-new": [{ id: "e2" }], "poe-csr": [{ id: "e3" }] },
    tick_hashes: { "poe-old": "h-old", "poe-csr": "h-csr" },
  };
  const other = { id: "c2", activity: "web", ticked: ["poe-old"], evidence: {} };
  const workspace = { claims: [claim, other], deleted: [{ id: "c3", at: "t", claim: { ...claim, id: "c3" } }] };
  const items = { "print-ads": { "poe-old": "poe-new" } };
  const moved = m.carryMoves(workspace, { "print-ads-old": "print-ads" }, items);
  assert.equal(moved.claims[0].activity, "print-ads");
  assert.deepEqual(moved.claims[0].ticked, ["poe-new", "poe-csr"]);
  assert.deepEqual(moved.claims[0].evidence, { "poe-new": [{ id: "e1" }, { id: "e2" }], "poe-csr": [{ id: "e3" }] });
  assert.deepEqual(moved.claims[0].tick_hashes, { "poe-csr": "h-csr", "poe-new": "h-old" }); // a reworded item stays flagged
  assert.equal(moved.claims[1], other); // another activity's items did not move
  assert.deepEqual(moved.deleted[0].claim.ticked, ["poe-new", "poe-csr"]);
  // Item moves alone (the activity kept its id) are carried too; nothing to move: the same object.
  const kept = { claims: [{ ...claim, activity: "print-ads" }], deleted: [] };
  assert.deepEqual(m.carryMoves(kept, {}, items).claims[0].ticked, ["poe-new", "poe-csr"]);
  assert.equal(m.carryMoves(kept, {}, {}), kept);
});

test("the site's data gives each activity's item moves", () => {
  const data = {
    activities: {
      "print-ads": { checklist: { key: "activity:print-ads", moved: { "poe-old": "poe-new" } } },
      web: { checklist: { key: "activity:web", moved: {} } },
      old: { checklist: { key: "activity:old" } },
    },
  };
  assert.deepEqual(m.itemMoves(data), { "print-ads": { "poe-old": "poe-new" } });
  assert.deepEqual(m.itemMoves({}), {});
});

// A site whose rules renamed an activity (print-ads-old) and a proof item (poe-reach-old).
const { data, at } = require("./workspace_fixture.js");
const f = load("workspace-file");
const st = load("ws-state");
const w = load("workspace");
function movedData() {
  const d = data();
  d.moved = { "print-ads-old": "print-advertising" };
  d.activities["print-advertising"].checklist.moved = { "poe-reach-old": "poe-estimated-reach" };
  return d;
}
const oldFile = (claim = {}) =>
  JSON.stringify({
    format: "coop-portal/workspace",
    version: 1,
    funds: [],
    claims: [
      {
        id: "c1",
        name: "Autumn ad",
        activity: "print-ads-old",
        start: "2026-09-01",
        end: "2026-09-30",
        amount: 900,
        status: "planned",
        ticked: ["poe-reach-old", "poe-csr"],
        evidence: { "poe-reach-old": [{ id: "e1", file: "reach.pdf", note: "", at: "2026-09-02" }] },
        ...claim,
      },
    ],
  });

test("a workspace file saved before a rename is carried over to the new ids as it is read", () => {
  const read = m.carryFile(f.parseWorkspace(oldFile()), movedData());
  assert.equal(read.ok, true);
  assert.equal(read.moved, true);
  const [claim] = read.state.claims;
  assert.equal(claim.activity, "print-advertising");
  assert.deepEqual(claim.ticked, ["poe-estimated-reach", "poe-csr"]);
  assert.deepEqual(Object.keys(claim.evidence), ["poe-estimated-reach"]);
  // A file of current ids, and a refused file, are given back as they are.
  const current = f.parseWorkspace(oldFile({ activity: "print-advertising", ticked: ["poe-csr"], evidence: {} }));
  assert.equal(m.carryFile(current, movedData()), current);
  const refused = f.parseWorkspace("{");
  assert.equal(m.carryFile(refused, movedData()), refused);
});

test("opening or adding such a file in My co-op puts its claims under the new ids, unflagged, and says so", () => {
  const d = movedData();
  const ctx = { at: at("2026-09-03"), data: d, rulesVersion: "r1", generation: "g" };
  const empty = st.initialState(w.emptyWorkspace(at("2026-08-01").now));
  const read = f.parseWorkspace(oldFile());
  const opened = st.reduce(empty, { type: "fileRead", name: "old.json", text: oldFile(), read }, ctx);
  const [claim] = opened.workspace.claims;
  assert.equal(claim.activity, "print-advertising");
  assert.deepEqual(claim.ticked, ["poe-estimated-reach", "poe-csr"]);
  assert.equal(claim.flags, undefined, "not flagged as a removed activity or removed items");
  assert.match(opened.view.done, /^Opened old\.json\. Its claims of activities or proof items renamed since/);
  // Added to a workspace that has claims: offered first, then merged under the new ids.
  const mine = { ...opened.workspace, claims: [{ ...claim, id: "c0", name: "Mine" }] };
  const offered = st.reduce({ ...opened, workspace: mine }, { type: "fileRead", name: "old.json", text: "", read }, ctx);
  assert.equal(offered.view.opened.state.claims[0].activity, "print-advertising");
  const merged = st.reduce(offered, { type: "fileUsed", how: "merge" }, ctx);
  assert.deepEqual(merged.workspace.claims.map((c) => [c.id, c.activity]).sort(), [
    ["c0", "print-advertising"],
    ["c1", "print-advertising"],
  ]);
  assert.match(merged.view.done, /renamed since it was saved now use the new names\.$/);
});
