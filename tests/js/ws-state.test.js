// ws-state.js: My co-op's one state, changed by named actions through a pure reducer.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const st = load("storage");
const s = load("ws-state");
const D = { ...data(), defaultFund: "Default non surface funds" };
const ctx = (today = "2026-09-01", time = "10:00:00.000") => ({
  at: at(today, time),
  data: D,
  rulesVersion: "r1",
  generation: today + "/g",
});
const empty = () => s.initialState(w.emptyWorkspace(at("2026-08-01").now));

// Every step of a run: the state after each action, with the one before left as it was.
function run(state, actions, c = ctx()) {
  for (const action of actions) {
    const frozen = JSON.stringify(state);
    const next = s.reduce(state, action, c);
    assert.equal(JSON.stringify(state), frozen, action.type + " changed the state it was given");
    state = next;
  }
  return state;
}
const type = (form, field, value) => ({ type: "draftTyped", form, field, value });
const AD = [
  type("add", "name", "Autumn ad"),
  type("add", "activity", "print-advertising"),
  type("add", "start", "2026-09-01"),
  type("add", "end", "2026-09-30"),
  type("add", "amount", "7,500"),
];
const added = (id = "c1", name = "Autumn ad") => run(empty(), [...AD, type("add", "name", name), { type: "claimAdded", id }]);

test("a claim typed into the add form is added from its draft, opened, and the form emptied but for its currency", () => {
  const state = run(empty(), [...AD, type("add", "currency", "eur"), { type: "claimAdded", id: "c1" }]);
  assert.deepEqual(
    state.workspace.claims.map((c) => [c.id, c.name, c.amount, c.currency]),
    [["c1", "Autumn ad", 7500, "EUR"]],
  );
  assert.equal(state.view.open, "c1");
  assert.equal(state.view.focus, "cp-ws-claim-heading");
  assert.deepEqual(state.view.drafts.add, { currency: "eur" });
  assert.equal(state.workspace.rules_version, "r1");
  assert.equal(state.file.since, "2026-09-01", "changes wait for a file from today");
});

test("a refused claim keeps what was typed, says why by field, and focuses the first error", () => {
  const before = run(empty(), [type("add", "amount", "lots")]);
  const state = s.reduce(before, { type: "claimAdded", id: "c1" }, ctx());
  assert.equal(state.workspace, before.workspace);
  assert.deepEqual(Object.keys(state.view.errors.add), ["name", "activity", "start", "end", "amount"]);
  assert.equal(state.view.focus, "cp-ws-add-name");
  assert.equal(state.view.drafts.add.amount, "lots");
});

test("a draft survives another tab's save: the state drawn again still holds it", () => {
  const other = added("c9", "Other tab").workspace;
  const state = run(empty(), [
    type("add", "name", "half typed"),
    type(s.claimForm("x"), "notes", "draft note"),
    { type: "otherTabSaved", workspace: other },
  ]);
  assert.deepEqual(
    state.workspace.claims.map((c) => c.id),
    ["c9"],
  );
  assert.equal(s.draftOf(state.view, "add").name, "half typed");
  assert.equal(s.draftOf(state.view, s.claimForm("x")).notes, "draft note");
});

test("a field refused stays typed with its error on its own claim; entered, both go", () => {
  let state = run(added(), [...AD, type("add", "name", "Second"), { type: "claimAdded", id: "c2" }]);
  state = run(state, [{ type: "claimFieldEntered", id: "c2", field: "end", value: "" }]);
  assert.match(s.errorsOf(state.view, "claim:c2").end, /enter a date/);
  assert.equal(s.draftOf(state.view, "claim:c2").end, "");
  assert.deepEqual(s.errorsOf(state.view, "claim:c1"), {}, "another claim shows none of it");
  state = run(state, [{ type: "claimFieldEntered", id: "c2", field: "end", value: "2026-09-20" }]);
  assert.deepEqual(s.errorsOf(state.view, "claim:c2"), {});
  assert.equal(s.draftOf(state.view, "claim:c2").end, undefined);
  assert.equal(state.workspace.claims[1].end, "2026-09-20");
});

test("a status is set from its draft on the day chosen, never a day after today", () => {
  let state = run(added(), [
    { type: "draftChanged", form: "claim:c1", field: "status", value: "approved" },
    type("claim:c1", "status-day", "2026-12-31"),
    { type: "statusSet", id: "c1" },
  ]);
  assert.match(state.view.errors["claim:c1"].status, /cannot be in the future/);
  assert.equal(state.workspace.claims[0].status, "planned");
  state = run(state, [type("claim:c1", "status-day", "2026-08-10"), { type: "statusSet", id: "c1" }]);
  assert.equal(state.workspace.claims[0].status, "approved");
  assert.equal(state.workspace.claims[0].status_dates.approved, "2026-08-10");
  assert.deepEqual(state.view.drafts["claim:c1"], {});
  assert.deepEqual(state.view.errors["claim:c1"], {});
});

test("ticks, evidence from its draft, and a delete undone bring the claim back whole and open", () => {
  let state = run(added(), [
    { type: "ticked", id: "c1", item: "poe-csr", hash: "h2", on: true },
    type("ev:c1:poe-csr", "file", " Finance/csr.pdf "),
    { type: "evidenceAdded", id: "c1", item: "poe-csr", entry: "e1" },
  ]);
  assert.deepEqual(
    state.workspace.claims[0].evidence["poe-csr"].map((e) => e.file),
    ["Finance/csr.pdf"],
  );
  assert.equal(state.view.drafts["ev:c1:poe-csr"], undefined);
  const kept = state.workspace.claims[0];
  state = run(state, [{ type: "claimDeleted", id: "c1" }]);
  assert.deepEqual(state.workspace.claims, []);
  assert.deepEqual(state.view.undo, { id: "c1", name: "Autumn ad" });
  assert.equal(state.view.open, null);
  assert.equal(state.view.focus, "cp-ws-undo");
  state = run(state, [{ type: "deleteUndone" }], ctx("2026-09-01", "11:00:00.000"));
  const back = state.workspace.claims[0];
  assert.deepEqual({ ...back, updated: null, changes: null }, { ...kept, updated: null, changes: null });
  // Its log keeps every entry it had, then says it was deleted and restored.
  assert.deepEqual(back.changes.slice(0, kept.changes.length), kept.changes);
  assert.deepEqual(
    back.changes.slice(kept.changes.length).map((e) => e.kind),
    ["deleted", "restored"],
  );
  assert.equal(state.view.open, "c1");
  assert.equal(state.view.undo, null);
});

test("an empty evidence entry is not logged: the file field gets the focus", () => {
  const before = added(),
    state = s.reduce(before, { type: "evidenceAdded", id: "c1", item: "poe-csr", entry: "e1" }, ctx());
  assert.equal(state.workspace, before.workspace);
  assert.equal(state.view.focus, "cp-ws-ev-c1-poe-csr-file");
});

test("funds recorded from the form, removed, and the removal undone", () => {
  let state = run(empty(), [type("fund", "amount", "40,000"), { type: "fundsRecorded" }]);
  assert.deepEqual(
    state.workspace.funds.map((f) => [f.usage_period, f.amount, f.source]),
    [["FY27H1", 40000, "typed"]],
  );
  assert.equal(state.view.drafts.fund.amount, undefined);
  state = run(state, [{ type: "fundsRemoved", usage: "FY27H1" }]);
  assert.deepEqual(state.workspace.funds, []);
  assert.equal(state.view.fundUndo.amount, 40000);
  state = run(state, [{ type: "fundsUndone" }]);
  assert.deepEqual(
    state.workspace.funds.map((f) => f.amount),
    [40000],
  );
  assert.equal(state.view.fundUndo, null);
  const wrong = run(empty(), [type("fund", "amount", "5"), type("fund", "currency", "x"), { type: "fundsRecorded" }]);
  assert.deepEqual(wrong.view.errors.fund, { currency: "enter a three-letter currency code like USD." });
  assert.equal(wrong.view.focus, "cp-ws-fund-currency");
});

test("a workspace file read: refused with its errors, put in place in an empty workspace, offered otherwise", () => {
  const file = added("f1", "From the file").workspace;
  const refused = run(empty(), [
    { type: "fileRead", name: "x.csv", text: "earningId,", read: { ok: false, errors: ["expected a workspace file (JSON), but"] } },
  ]);
  assert.match(refused.view.openErrors.lead, /Earnings report/);
  const opened = run(empty(), [{ type: "fileRead", name: "w.json", text: "", read: { ok: true, state: file } }]);
  assert.deepEqual(
    opened.workspace.claims.map((c) => c.id),
    ["f1"],
  );
  assert.equal(opened.workspace.generation, "2026-09-01/g", "a new generation, so other tabs take it whole");
  assert.equal(opened.view.done, "Opened w.json.");
  assert.equal(opened.file.opened, "w.json");
  const offered = run(added(), [{ type: "fileRead", name: "w.json", text: "", read: { ok: true, state: file } }]);
  assert.equal(offered.view.opened.name, "w.json");
  const merged = run(offered, [{ type: "fileUsed", how: "merge" }]);
  assert.deepEqual(merged.workspace.claims.map((c) => c.id).sort(), ["c1", "f1"]);
  assert.match(merged.view.done, /^From w.json: 1 claims added/);
});

test("clearing empties the workspace, closes the claim and forgets the undo", () => {
  const state = run(added(), [{ type: "claimDeleted", id: "c1" }, { type: "clearAsked" }, { type: "cleared" }]);
  assert.deepEqual([state.workspace.claims, state.workspace.funds, state.view.undo, state.view.clearing], [[], [], null, false]);
  assert.equal(state.view.done, "The workspace is cleared.");
});

test("the view's own actions: lists shown whole, search, filter, evidence logs, the dashboard's period, closing", () => {
  const state = run(added(), [
    { type: "listExpanded", key: "overdue" },
    { type: "queryChanged", text: "autumn" },
    { type: "filterChanged", usage: "FY27H1" },
    { type: "evidenceToggled", id: "c1", item: "poe-csr" },
    { type: "usageChosen", usage: "FY27H2" },
    { type: "claimClosed" },
  ]);
  assert.deepEqual(
    [state.view.expanded, state.view.query, state.view.filter, state.view.evidence, state.view.usage, state.view.open, state.view.focus],
    [{ overdue: true }, "autumn", "FY27H1", { "ev:c1:poe-csr": true }, "FY27H2", null, "cp-ws-open-c1"],
  );
  assert.deepEqual(run(state, [{ type: "evidenceToggled", id: "c1", item: "poe-csr" }]).view.evidence, {});
});

test("saving to a file is recorded; changes waiting for days bring the reminder", () => {
  let state = added();
  assert.equal(s.fileState(state, "2026-09-03").remind, false);
  assert.deepEqual(s.fileState(state, "2026-09-04"), { unsaved: true, lastFile: null, since: "2026-09-01", remind: true });
  state = run(state, [{ type: "savedToFile" }]);
  const f = s.fileState(state, "2026-09-04");
  assert.deepEqual([f.unsaved, f.lastFile, f.remind], [false, "2026-09-01T10:00:00.000Z", false]);
});

test("every named action is handled, and a name it does not know is refused", () => {
  const state = added();
  for (const name of s.ACTIONS) {
    try {
      s.reduce(state, { type: name }, ctx());
    } catch (e) {
      assert.doesNotMatch(e.message, /unknown action/, name);
    }
  }
  assert.throws(() => s.reduce(state, { type: "claimAddd" }, ctx()), /unknown action: claimAddd/);
});

test("an action that changes nothing gives back the same state", () => {
  const state = added();
  assert.equal(s.reduce(state, { type: "deleteUndone" }, ctx()), state);
  assert.equal(s.reduce(state, { type: "claimFieldEntered", id: "nope", field: "name", value: "x" }, ctx()), state);
  assert.equal(s.reduce({ ...state, view: { ...state.view, focus: null } }, { type: "focused" }, ctx()).view.focus, null);
  assert.ok(st.checkWorkspace(state.workspace).length === 0, "the workspace stays a valid file");
});

test("a new claim takes the rules' first planning status where the data names them", () => {
  const c = { ...ctx(), data: { ...D, planningStatuses: ["in-progress", "planned"] } };
  const state = run(empty(), [...AD, { type: "claimAdded", id: "c1" }], c);
  assert.equal(state.workspace.claims[0].status, "in-progress");
  assert.deepEqual(state.workspace.claims[0].status_dates, { "in-progress": "2026-09-01" });
});

test("saving to a file, here or in another tab, is said aloud once", () => {
  const saved = run(added(), [{ type: "savedToFile" }]);
  assert.equal(saved.view.said, "Saved to a file.");
  assert.equal(added().view.said, "");
  const other = run(added(), [{ type: "otherTabFile", file: { file: "2026-09-01T11:00:00.000Z", savedUpdated: "x" } }]);
  assert.equal(other.view.said, "Saved to a file.");
  assert.equal(run(added(), [{ type: "otherTabFile", file: { since: "2026-09-01" } }]).view.said, "");
});

test("a restored draft is marked, field by field, until it is changed or entered", () => {
  const c1 = s.claimForm("c1");
  let state = run(added(), [{ type: "draftsRestored", drafts: { [c1]: { notes: "kept", name: "Ad" }, add: { amount: "5" } } }]);
  assert.deepEqual(s.restoredOf(state.view, c1).sort(), ["name", "notes"]);
  assert.deepEqual(s.restoredOf(state.view, "add"), ["amount"]);
  assert.deepEqual(s.restoredOf(state.view, "fund"), []);
  state = run(state, [type(c1, "notes", "kept and more")]);
  assert.deepEqual(s.restoredOf(state.view, c1), ["name"], "typed on: no longer as it was brought back");
  state = run(state, [{ type: "claimFieldEntered", id: "c1", field: "name", value: "Ad" }]);
  assert.deepEqual(s.restoredOf(state.view, c1), [], "entered: saved, no longer a draft");
  assert.deepEqual(s.restoredOf(s.initialState(w.emptyWorkspace(at("2026-08-01").now)).view, "add"), []);
});

test("where the focus is is kept by its element's id, and moving it nowhere new changes nothing", () => {
  const state = added();
  const moved = s.reduce(state, { type: "focusMoved", key: "cp-ws-c-notes" }, ctx());
  assert.equal(moved.view.focusAt, "cp-ws-c-notes");
  assert.equal(moved.workspace, state.workspace, "the workspace is not changed by focus");
  assert.equal(s.reduce(moved, { type: "focusMoved", key: "cp-ws-c-notes" }, ctx()), moved);
  assert.equal(s.reduce(moved, { type: "focusMoved", key: "" }, ctx()).view.focusAt, null);
  // Another tab's save keeps where the focus is, so the redraw can put it back.
  const other = s.reduce(moved, { type: "otherTabSaved", workspace: state.workspace }, ctx());
  assert.equal(other.view.focusAt, "cp-ws-c-notes");
});

test("a status's day is changed in its history, and one out of the life cycle's order is refused naming both dates", () => {
  // Added on 1 September (planned that day), submitted on 20 September.
  const state = run(added(), [
    { type: "draftChanged", form: "claim:c1", field: "status", value: "submitted" },
    { type: "draftTyped", form: "claim:c1", field: "status-day", value: "2026-09-01" },
    { type: "statusSet", id: "c1" },
  ]);
  const back = s.reduce(state, { type: "statusDayEntered", id: "c1", status: "planned", day: "2026-07-02" }, ctx());
  assert.equal(back.workspace.claims[0].status_dates.planned, "2026-07-02");
  assert.equal(back.workspace.claims[0].status, "submitted", "the status itself is unchanged");
  const wrong = s.reduce(back, { type: "statusDayEntered", id: "c1", status: "submitted", day: "2026-07-01" }, ctx());
  assert.equal(wrong.workspace, back.workspace);
  assert.match(s.errorsOf(wrong.view, "claim:c1")["day-submitted"], /1 July 2026.*2 July 2026/);
  assert.equal(
    s.reduce(back, { type: "statusDayEntered", id: "c1", status: "approved", day: "2026-07-05" }, ctx()),
    back,
    "no such day kept",
  );
});
