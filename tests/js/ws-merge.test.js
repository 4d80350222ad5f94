// ws-merge.js: two tabs' changes to one workspace merged record by record, field by field and
// tick by tick, deletions held unless the claim changed after them.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, at, saveOnTop } = require("./workspace_fixture.js");

const m = load("ws-merge");
const w = load("workspace");

const T0 = at("2026-09-01");
const T = (n) => ({ now: "2026-09-01T12:00:00." + String(n).padStart(3, "0") + "Z", today: "2026-09-01" });
const fields = { activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 100 };
function start() {
  let s = w.emptyWorkspace(T0.now);
  s = w.addClaim(s, { name: "A", ...fields }, T(1), "a");
  s = w.addClaim(s, { name: "B", ...fields }, T(2), "b");
  return w.setFunds(s, "FY27H1", 1000, T(3));
}
// What one tab saves on top of what storage holds (the merge ws-db.js makes under the lock).
const save = (base, mine, stored) => saveOnTop(m, base, mine, stored);
const claim = (s, id) => s.claims.find((c) => c.id === id);

test("records and back give the same workspace", () => {
  const s = w.deleteClaim(start(), "b", T(9));
  assert.deepEqual(m.workspaceOf(m.recordsOf(s)), s);
});

test("only the records an edit changed differ from their base", () => {
  const s = start(),
    e = w.updateClaim(s, "a", { notes: "x" }, T(10));
  assert.deepEqual([...m.changedKeys(m.recordsOf(s), m.recordsOf(e))].sort(), ["c:a", "meta"]);
});

test("two tabs editing different claims keep both edits", () => {
  const s = start();
  const one = w.updateClaim(s, "a", { notes: "one" }, T(10)),
    two = w.updateClaim(s, "b", { notes: "two" }, T(11));
  const stored = save(s, two, save(s, one, s));
  assert.equal(claim(stored, "a").notes, "one");
  assert.equal(claim(stored, "b").notes, "two");
});

test("two tabs editing different fields of one claim keep both, with the later stamp", () => {
  const s = start();
  const one = w.updateClaim(s, "a", { notes: "one" }, T(10)),
    two = w.updateClaim(s, "a", { claim_number: "C-1" }, T(11));
  const stored = save(s, two, save(s, one, s));
  assert.equal(claim(stored, "a").notes, "one");
  assert.equal(claim(stored, "a").claim_number, "C-1");
  assert.equal(claim(stored, "a").updated, T(11).now);
});

test("ticks and unticks from two tabs on one claim are each kept", () => {
  let s = w.tick(start(), "a", "poe-csr", "h1", T(5));
  const one = w.tick(w.untick(s, "a", "poe-csr", T(10)), "a", "x1", "h2", T(11)),
    two = w.tick(s, "a", "x2", "h3", T(12));
  const stored = save(s, two, save(s, one, s));
  assert.deepEqual([...claim(stored, "a").ticked].sort(), ["x1", "x2"]);
  assert.deepEqual(claim(stored, "a").tick_hashes, { x1: "h2", x2: "h3" });
});

test("one field changed in both tabs goes to the later change, whichever saves first", () => {
  const s = start();
  const one = w.updateClaim(s, "a", { notes: "earlier" }, T(10)),
    two = w.updateClaim(s, "a", { notes: "later" }, T(11));
  assert.equal(claim(save(s, two, save(s, one, s)), "a").notes, "later");
  assert.equal(claim(save(s, one, save(s, two, s)), "a").notes, "later");
});

test("evidence logged in two tabs under one item keeps both entries", () => {
  const s = start();
  const one = w.addEvidence(s, "a", "poe-csr", { file: "one.pdf" }, T(10), "e1"),
    two = w.addEvidence(s, "a", "poe-csr", { file: "two.pdf" }, T(11), "e2");
  const log = claim(save(s, two, save(s, one, s)), "a").evidence["poe-csr"];
  assert.deepEqual(log.map((e) => e.id).sort(), ["e1", "e2"]);
});

test("a deletion holds against an earlier edit, and gives way to a later one", () => {
  const s = start();
  const edit = w.updateClaim(s, "a", { notes: "edited" }, T(10)),
    del = w.deleteClaim(s, "a", T(11));
  const held = save(s, edit, save(s, del, s));
  assert.equal(claim(held, "a"), undefined);
  assert.equal(held.deleted.find((t) => t.id === "a").claim.notes, "edited");
  const laterEdit = w.updateClaim(s, "a", { notes: "after" }, T(12));
  const back = save(s, laterEdit, save(s, del, s));
  assert.equal(claim(back, "a").notes, "after");
  assert.equal(back.deleted.length, 0);
});

test("a claim added in each tab: both are there, and funds recorded in one stay", () => {
  const s = start();
  const one = w.addClaim(s, { name: "C", ...fields }, T(10), "c"),
    two = w.setFunds(w.addClaim(s, { name: "D", ...fields }, T(11), "d"), "FY27H2", 5, T(12));
  const stored = save(s, two, save(s, one, s));
  assert.deepEqual(
    stored.claims.map((c) => c.id),
    ["a", "b", "c", "d"],
  );
  assert.equal(stored.funds.length, 2);
  assert.equal(stored.updated, T(12).now);
});

test("the merge of what is unchanged is the stored workspace itself", () => {
  const s = start();
  assert.equal(save(s, s, s), s);
});

test("fuzz: two values are the same as saved exactly when their JSON is, plain data or not", () => {
  let seed = 5;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const leaf = () =>
    pick([
      null,
      "",
      "a",
      "b",
      "1",
      0,
      -0,
      1,
      1.5,
      NaN,
      Infinity,
      true,
      false,
      undefined,
      () => 1,
      new Date(0),
      "null",
      { toJSON: () => "a" },
    ]);
  const value = (depth) => {
    const r = rand();
    if (depth > 2 || r < 0.4) return leaf();
    if (r < 0.7) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
    const out = {};
    for (const k of ["x", "y", "1", "z"]) if (rand() < 0.5) out[k] = value(depth + 1);
    return out;
  };
  // A value and one a little changed (or the same copied): key order, one entry, one leaf.
  const vary = (v) => {
    if (rand() < 0.3) return v === undefined ? null : JSON.parse(JSON.stringify(v) ?? "null");
    if (Array.isArray(v)) return rand() < 0.5 ? v.map((x) => (rand() < 0.3 ? vary(x) : x)) : v.slice(1);
    if (v && typeof v === "object" && !(v instanceof Date) && typeof v.toJSON !== "function") {
      const keys = Object.keys(v);
      return Object.fromEntries((rand() < 0.3 ? keys.reverse() : keys).map((k) => [k, rand() < 0.3 ? vary(v[k]) : v[k]]));
    }
    return rand() < 0.5 ? v : leaf();
  };
  let equal = 0;
  for (let i = 0; i < 20000; i++) {
    const a = value(0),
      b = rand() < 0.5 ? vary(a) : value(0);
    if (a === undefined || b === undefined) continue;
    const want = a === b || JSON.stringify(a) === JSON.stringify(b);
    assert.equal(m.same(a, b), want, JSON.stringify([a, b]) + " " + String(a) + " " + String(b));
    if (want) equal++;
  }
  assert.ok(equal > 2000, "equal pairs: " + equal);
});
