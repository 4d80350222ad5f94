// claim-log.js: each claim's append-only log of changes, as the reducer (ws-state.js) keeps it
// through every named action, and as merges of two tabs or a file join it.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at, random, saveOnTop } = require("./workspace_fixture.js");

const w = load("workspace");
const s = load("ws-state");
const st = load("storage");
const m = load("ws-merge");
const log = load("claim-log");
const file = load("workspace-file");
const D = { ...data(), defaultFund: "Default non surface funds" };
const ITEMS = ["poe-third-party-invoice", "poe-csr", "poe-final-printed-piece"];
const HASH = { "poe-third-party-invoice": "h1", "poe-csr": "h2", "poe-final-printed-piece": "h3" };

// The context of an action at the n-th millisecond after 10:00 on `today`.
const ctx = (n = 0, today = "2026-09-10") => ({
  at: at(today, "10:00:" + String(Math.floor(n / 1000) % 60).padStart(2, "0") + "." + String(n % 1000).padStart(3, "0")),
  data: D,
  rulesVersion: "r1",
  generation: "2026-08-01/g",
});
const type = (form, field, value) => ({ type: "draftTyped", form, field, value });
const addActions = (id, name) => [
  type("add", "name", name),
  type("add", "activity", "print-advertising"),
  type("add", "start", "2026-09-01"),
  type("add", "end", "2026-09-30"),
  type("add", "amount", "7,500"),
  { type: "claimAdded", id },
];
const empty = () => ({
  ...s.initialState(w.emptyWorkspace(at("2026-08-01").now)),
  workspace: { ...w.emptyWorkspace(at("2026-08-01").now), generation: "2026-08-01/g" },
});
function run(state, actions, c = ctx()) {
  for (const a of actions) state = s.reduce(state, a, c);
  return state;
}
const claimOf = (state, id) =>
  state.workspace.claims.find((c) => c.id === id) || ((state.workspace.deleted || []).find((t) => t.id === id) || {}).claim;
const kinds = (c) => (c.changes || []).map((e) => e.kind + (e.field ? ":" + e.field : ""));

test("each named action that changes a claim appends what it changed, with the claim's new stamp", () => {
  let state = run(empty(), addActions("c1", "Autumn ad"), ctx(0, "2026-09-01"));
  assert.deepEqual(claimOf(state, "c1").changes, [{ at: "2026-09-01T10:00:00.000Z", kind: "created", to: "planned", day: "2026-09-01" }]);
  const step = (actions, n) => (state = run(state, actions, ctx(n)));
  step([{ type: "claimFieldEntered", id: "c1", field: "amount", value: "8,000" }], 1);
  step([{ type: "claimFieldEntered", id: "c1", field: "end", value: "2026-09-28" }], 2);
  step([{ type: "claimFieldEntered", id: "c1", field: "claim_number", value: "0001234567" }], 3);
  step([{ type: "claimFieldEntered", id: "c1", field: "notes", value: "Printer: Acme, invoice INV-9 arrives Friday" }], 4);
  step([type("claim:c1", "status", "submitted"), type("claim:c1", "status-day", "2026-09-08"), { type: "statusSet", id: "c1" }], 5);
  step([{ type: "statusDayEntered", id: "c1", status: "submitted", day: "2026-09-09" }], 6);
  step([{ type: "ticked", id: "c1", item: "poe-csr", hash: "h2", on: true }], 7);
  step([type("ev:c1:poe-csr", "file", "Finance/csr.pdf"), { type: "evidenceAdded", id: "c1", item: "poe-csr", entry: "e1" }], 8);
  step([{ type: "evidenceRemoved", id: "c1", item: "poe-csr", entry: "e1" }], 9);
  step([{ type: "ticked", id: "c1", item: "poe-csr", on: false }], 10);
  step([{ type: "claimFieldEntered", id: "c1", field: "claimed", value: "7,900" }], 11);
  step([{ type: "claimFieldEntered", id: "c1", field: "claimed", value: "" }], 12);
  const c = claimOf(state, "c1");
  assert.deepEqual(c.changes.slice(1), [
    { at: "2026-09-10T10:00:00.001Z", kind: "field", field: "amount", from: "7500", to: "8000" },
    { at: "2026-09-10T10:00:00.002Z", kind: "field", field: "end", from: "2026-09-30", to: "2026-09-28" },
    { at: "2026-09-10T10:00:00.003Z", kind: "field", field: "claim_number", to: "0001234567" },
    { at: "2026-09-10T10:00:00.004Z", kind: "field", field: "notes" },
    { at: "2026-09-10T10:00:00.005Z", kind: "status", from: "planned", to: "submitted", day: "2026-09-08" },
    { at: "2026-09-10T10:00:00.006Z", kind: "status-day", field: "submitted", from: "2026-09-08", to: "2026-09-09" },
    { at: "2026-09-10T10:00:00.007Z", kind: "ticked", field: "poe-csr" },
    { at: "2026-09-10T10:00:00.008Z", kind: "evidence-added", field: "poe-csr" },
    { at: "2026-09-10T10:00:00.009Z", kind: "evidence-removed", field: "poe-csr" },
    { at: "2026-09-10T10:00:00.010Z", kind: "unticked", field: "poe-csr" },
    { at: "2026-09-10T10:00:00.011Z", kind: "field", field: "claimed", to: "7900" },
    { at: "2026-09-10T10:00:00.012Z", kind: "field", field: "claimed", from: "7900" },
  ]);
  assert.ok(
    c.changes.every((e) => e.at <= c.updated),
    "no entry is dated after the claim's own stamp",
  );
  assert.doesNotMatch(JSON.stringify(c.changes), /Acme|Finance/, "notes and file names are not copied into the log");
  // Deleted: the claim in the bin says so; restored from the list of deleted claims: so does it.
  step([{ type: "claimDeleted", id: "c1" }], 13);
  assert.equal(state.workspace.claims.length, 0);
  assert.deepEqual(kinds(claimOf(state, "c1")).slice(-1), ["deleted"]);
  step([{ type: "claimRestored", id: "c1" }], 14);
  assert.deepEqual(kinds(claimOf(state, "c1")).slice(-2), ["deleted", "restored"]);
  assert.deepEqual(file.checkWorkspace(state.workspace), [], "the log is a valid part of the file");
});

test("a claim planned from an activity page logs its creation and the ticks it starts with", () => {
  let state = run(empty(), [{ type: "planOpened", activity: "print-advertising", ticks: [{ id: "poe-csr", hash: "h2" }] }]);
  state = run(state, addActions("c1", "Planned ad"));
  assert.deepEqual(kinds(claimOf(state, "c1")), ["created", "ticked:poe-csr"]);
});

test("what changes no claim appends nothing: refused edits, the same value again, views, funds", () => {
  let state = run(empty(), addActions("c1", "Autumn ad"));
  const before = claimOf(state, "c1").changes;
  state = run(
    state,
    [
      { type: "claimFieldEntered", id: "c1", field: "amount", value: "lots" },
      { type: "claimFieldEntered", id: "c1", field: "end", value: "2026-08-01" },
      { type: "claimFieldEntered", id: "c1", field: "amount", value: "7,500" },
      { type: "statusSet", id: "c1" },
      { type: "claimOpened", id: "c1" },
      { type: "listSorted", column: "amount" },
      type("fund", "amount", "40,000"),
      { type: "fundsRecorded" },
    ],
    ctx(5),
  );
  assert.deepEqual(claimOf(state, "c1").changes, before);
});

test("entries read in plain words, money in the claim's currency and statuses by name", () => {
  const c = { id: "c1", activity: "print-advertising", currency: "EUR" };
  const say = (e) => log.changeText({ at: "2026-09-10T10:00:00.000Z", ...e }, c, D);
  assert.equal(say({ kind: "created", to: "planned", day: "2026-09-01" }), "Claim created with the status Planned.");
  assert.equal(
    say({ kind: "status", from: "planned", to: "submitted", day: "2026-09-08" }),
    "Status changed from Planned to Submitted (on 8 September 2026).",
  );
  assert.equal(
    say({ kind: "field", field: "amount", from: "7500", to: "8000.5" }),
    "Planned amount changed from EUR 7,500 to EUR 8,000.50.",
  );
  assert.equal(say({ kind: "field", field: "claimed", from: "7900" }), "Amount claimed removed (was EUR 7,900).");
  assert.equal(
    say({ kind: "field", field: "start", from: "2026-09-01", to: "2026-09-02" }),
    "Start of the activity changed from 1 September 2026 to 2 September 2026.",
  );
  assert.equal(say({ kind: "field", field: "notes" }), "Notes changed.");
  assert.equal(say({ kind: "ticked", field: "poe-csr" }), "Ticked: A CSR");
  assert.equal(
    say({ kind: "status-day", field: "submitted", from: "2026-09-08", to: "2026-09-09" }),
    "Day of Submitted changed from 8 September 2026 to 9 September 2026.",
  );
  assert.equal(say({ kind: "deleted" }), "Claim deleted.");
});

test("the latest entries come newest first, with how many there are", () => {
  const changes = Array.from({ length: 120 }, (_, i) => ({
    at: "2026-09-10T10:00:00." + String(i).padStart(3, "0") + "Z",
    kind: "field",
    field: "notes",
  }));
  const r = log.latestChanges({ changes }, 50);
  assert.equal(r.total, 120);
  assert.equal(r.shown.length, 50);
  assert.equal(r.shown[0], changes[119]);
  assert.equal(r.shown[49], changes[70]);
  assert.equal(log.latestChanges({ changes }).shown.length, 120, "nothing is capped unless asked");
  assert.deepEqual(log.latestChanges({}), { shown: [], total: 0 });
});

// ------------------------------------------------------------------ random sequences

const pick = (r, list) => list[Math.floor(r() * list.length)];

// One random named action on `state` (the actions a partner can take on claims, and some that
// touch no claim), as a list of actions to dispatch.
function randomActions(r, state, tab) {
  const live = state.workspace.claims.map((c) => c.id),
    binned = (state.workspace.deleted || []).filter((t) => t.claim).map((t) => t.id);
  const id = live.length ? pick(r, live) : null,
    c = id && claimOf(state, id);
  const n = Math.floor(r() * 1e6);
  const choices = [
    () => addActions(tab + n, "Claim " + tab + n),
    () => [type("fund", "amount", String(1000 + n)), { type: "fundsRecorded" }],
    () => [{ type: "queryChanged", text: "a" }],
  ];
  if (c) {
    const field = pick(r, ["amount", "claimed", "approved", "paid", "claim_number", "notes", "name", "start", "end", "next-text"]);
    const values = {
      amount: String(100 + (n % 9000)),
      claimed: pick(r, ["", String(n % 5000)]),
      approved: String(n % 4000),
      paid: pick(r, ["", "10"]),
      claim_number: pick(r, ["", "CLM-" + n, "=HYPERLINK(1)"]),
      notes: pick(r, ["", "note " + n]),
      name: "Claim " + tab + n,
      start: pick(r, ["2026-09-01", "2026-09-02", "2026-09-03"]),
      end: pick(r, ["2026-09-20", "2026-09-30"]),
      "next-text": pick(r, ["", "Call the printer"]),
    };
    const item = pick(r, ITEMS);
    const evidence = own(c.evidence, item) || [];
    choices.push(
      () => [{ type: "claimFieldEntered", id, field, value: values[field] }],
      () => [
        type("claim:" + id, "status", pick(r, D.statuses).id),
        type("claim:" + id, "status-day", "2026-09-0" + (1 + (n % 9))),
        { type: "statusSet", id },
      ],
      () => [{ type: "ticked", id, item, hash: HASH[item], on: r() < 0.6 }],
      () => [type("ev:" + id + ":" + item, "file", "f" + n), { type: "evidenceAdded", id, item, entry: "e" + n }],
      () => (evidence.length ? [{ type: "evidenceRemoved", id, item, entry: evidence[0].id }] : []),
      () => [{ type: "claimDeleted", id }],
      () => {
        const day = Object.keys(c.status_dates || {})[0];
        return day ? [{ type: "statusDayEntered", id, status: day, day: "2026-09-0" + (1 + (n % 9)) }] : [];
      },
    );
  }
  if (state.view.undo) choices.push(() => [{ type: "deleteUndone" }]);
  if (binned.length) choices.push(() => [{ type: "claimRestored", id: pick(r, binned) }]);
  return pick(r, choices)();
}
const own = (o, k) => (o && Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);

// Every claim, live or in the bin, by id.
const claimsById = (ws) =>
  new Map(ws.claims.map((c) => [c.id, c]).concat((ws.deleted || []).filter((t) => t.claim).map((t) => [t.id, t.claim])));
// A claim as a partner sees it: without its stamp, its flags and its log.
const content = (c) => JSON.stringify({ ...c, updated: null, flags: null, changes: null });
const keysOf = (c) => (c.changes || []).map((e) => JSON.stringify(e));

test("under random action sequences no entry is ever changed or removed, and every change of a claim is logged", () => {
  for (let seed = 1; seed <= 40; seed++) {
    const r = random(seed);
    let state = empty(),
      t = 0;
    for (let i = 0; i < 60; i++) {
      const actions = randomActions(r, state, "a");
      const before = claimsById(state.workspace),
        liveBefore = new Set(state.workspace.claims.map((c) => c.id));
      state = run(state, actions, ctx((t += 7)));
      const liveAfter = new Set(state.workspace.claims.map((c) => c.id));
      const after = claimsById(state.workspace);
      const what = "seed " + seed + ", step " + i + ": " + actions.map((a) => a.type).join(", ");
      for (const [id, was] of before) {
        const now = after.get(id);
        assert.ok(now, what + ": claim " + id + " is gone");
        assert.deepEqual(
          (now.changes || []).slice(0, (was.changes || []).length),
          was.changes || [],
          what + ": the log of " + id + " was rewritten",
        );
        // Edited, deleted or restored: the log says so.
        if (content(was) !== content(now) || liveBefore.has(id) !== liveAfter.has(id))
          assert.ok((now.changes || []).length > (was.changes || []).length, what + ": " + id + " changed without an entry");
      }
      for (const [id, now] of after) if (!before.has(id)) assert.equal(now.changes[0].kind, "created", what);
      assert.deepEqual(file.checkWorkspace(state.workspace), [], what);
    }
  }
});

test("a claim deleted or restored logs it, even when nothing else about it changed", () => {
  let state = run(empty(), addActions("c1", "Autumn ad"));
  state = run(state, [{ type: "claimDeleted", id: "c1" }, { type: "deleteUndone" }, { type: "claimDeleted", id: "c1" }], ctx(3));
  assert.deepEqual(kinds(claimOf(state, "c1")), ["created", "deleted", "restored", "deleted"]);
});

// ------------------------------------------------------------------ merging

// Two tabs that start from one workspace and each take random actions.
function diverged(seed) {
  const r = random(seed);
  let base = empty(),
    t = 0;
  for (let i = 0; i < 15; i++) base = run(base, randomActions(r, base, "b"), ctx((t += 5)));
  let one = base,
    two = base;
  for (let i = 0; i < 20; i++) {
    one = run(one, randomActions(r, one, "x"), ctx((t += 3)));
    two = run(two, randomActions(r, two, "y"), ctx((t += 2)));
  }
  return [base.workspace, one.workspace, two.workspace];
}
// What one tab saves on top of what storage holds (the merge ws-db.js makes under the lock).
const save = (base, mine, stored) => saveOnTop(m, base, mine, stored);
// Each merged claim holds every entry either side had of it, once, in time order.
function assertUnion(merged, sides, what) {
  const all = claimsById(merged);
  for (const side of sides) {
    for (const [id, c] of claimsById(side)) {
      const got = all.get(id);
      if (!got) continue; // a claim deleted by a bare bin entry: none in these sequences
      const keys = new Set(keysOf(got));
      for (const k of keysOf(c)) assert.ok(keys.has(k), what + ": " + id + " lost " + k);
    }
  }
  for (const [id, c] of all) {
    const list = c.changes || [];
    assert.equal(new Set(keysOf(c)).size, list.length, what + ": " + id + " has an entry twice");
    for (let i = 1; i < list.length; i++) assert.ok(log.byTime(list[i - 1], list[i]) < 0, what + ": " + id + " is out of time order");
  }
}

test("merging two tabs or a file keeps the union of both sides' entries, once each, in time order", () => {
  for (let seed = 100; seed < 140; seed++) {
    const [base, one, two] = diverged(seed);
    const what = "seed " + seed;
    // The whole-workspace merge (another tab's save, a file's claims added), both ways.
    const ab = st.mergeWorkspaces(one, two),
      ba = st.mergeWorkspaces(two, one);
    assertUnion(ab, [one, two], what + " mergeWorkspaces");
    for (const [id, c] of claimsById(ab)) assert.deepEqual(c.changes, claimsById(ba).get(id).changes, what + ": order matters for " + id);
    // The record merge: one tab saves, then the other on top of it, whichever goes first.
    assertUnion(save(base, two, save(base, one, base)), [one, two], what + " records, one first");
    assertUnion(save(base, one, save(base, two, base)), [one, two], what + " records, two first");
    assert.deepEqual(file.checkWorkspace(ab), [], what);
  }
});

// c1 planned here, its amount changed in a file's copy, its notes here; then the file added (`how`).
function fileAdded(how) {
  let mine = run(empty(), addActions("c1", "Autumn ad"));
  const theirs = run(mine, [{ type: "claimFieldEntered", id: "c1", field: "amount", value: "9,000" }], ctx(10)).workspace;
  mine = run(mine, [{ type: "claimFieldEntered", id: "c1", field: "notes", value: "mine" }], ctx(20));
  const read = file.parseWorkspace(file.serializeWorkspace(theirs));
  const used = [
    { type: "fileRead", read, name: "other.json", text: "" },
    { type: "fileUsed", how },
  ];
  return claimOf(run(mine, used, ctx(30)), "c1");
}

test("a file's claims added to this workspace keep both copies' entries (fileUsed merge)", () => {
  assert.deepEqual(kinds(fileAdded("merge")), ["created", "field:amount", "field:notes"]);
});

test("keeping my versions of a file's claims still takes the entries the file's copies logged", () => {
  const c = fileAdded("keep");
  assert.equal(c.amount, 7500, "my version is kept");
  assert.equal(c.notes, "mine");
  assert.deepEqual(kinds(c), ["created", "field:amount", "field:notes"]);
});

test("union and join: nothing added keeps the same claim; entries from elsewhere are added once", () => {
  const e = (n, kind = "field") => ({ at: "2026-09-10T10:00:00.00" + n + "Z", kind, field: "notes" });
  const c = { id: "c1", changes: [e(1), e(3)] };
  assert.equal(log.withLogsOf(c, { changes: [e(1)] }, {}), c);
  assert.deepEqual(log.withLogsOf(c, { changes: [e(2), e(3)] }).changes, [e(1), e(2), e(3)]);
  assert.deepEqual(log.unionLogs([e(2), e(1)], undefined, [e(1, "ticked")]), [e(1), e(1, "ticked"), e(2)]);
});

// A claim as a file from before the log holds it (no changes).
const PLAIN = {
  id: "c1",
  name: "A",
  activity: "print-advertising",
  start: "2026-09-01",
  end: "2026-09-30",
  amount: 1,
  status: "planned",
  ticked: [],
};

test("a file from before the log loads, and a log with a wrong entry is refused naming it", () => {
  const claim = PLAIN;
  const ws = { format: file.FORMAT, version: 1, funds: [], claims: [claim] };
  assert.equal(file.parseWorkspace(JSON.stringify(ws)).ok, true);
  const bad = { ...ws, claims: [{ ...claim, changes: [{ at: "2026-09-01T10:00:00.000Z", kind: "created", who: "me" }] }] };
  assert.deepEqual(file.parseWorkspace(JSON.stringify(bad)).errors, [
    "claims[0].changes[0].who: expected no such field, but got 'me'. Hint: remove it",
  ]);
});

test("damaged saved data keeps every right entry of a claim's log, leaving out only the wrong ones", () => {
  const claim = PLAIN;
  const good = [
    { at: "2026-09-01T10:00:00.000Z", kind: "created" },
    { at: "2026-09-02T10:00:00.000Z", kind: "field", field: "amount", from: "1", to: "2" },
  ];
  const ws = {
    format: file.FORMAT,
    version: 1,
    funds: [],
    claims: [{ ...claim, changes: [good[0], { at: "yesterday", kind: "created" }, good[1]] }],
  };
  const r = file.readStored(JSON.stringify(ws), "2026-09-03T10:00:00.000Z");
  assert.equal(r.status, "recovered");
  assert.deepEqual(r.workspace.claims[0].changes, good);
  assert.deepEqual(r.messages, ["claims[0].changes[1].at: expected a real time like 2026-09-30T12:00:00.000Z, but got 'yesterday'"]);
});
