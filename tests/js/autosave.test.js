// autosave.js: saving to a file the partner chose, after each change: whether it is offered,
// what a failed write means, and what the page shows and offers in each state.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const a = load("autosave");
const w = load("workspace");
const s = load("ws-state");

test("offered only where the browser has the picker and the page is not inside another site", () => {
  const top = { showSaveFilePicker() {}, location: { origin: "https://p.example" } };
  top.top = top;
  assert.equal(a.offered(top), true);
  assert.equal(a.offered({ location: top.location, top: null }), false, "no picker (Firefox, Safari)");
  assert.equal(a.offered(null), false);
  const sameSite = { showSaveFilePicker() {}, location: { origin: "https://p.example" }, top };
  assert.equal(a.offered(sameSite), true, "a frame of the same site");
  const foreignTop = {};
  Object.defineProperty(foreignTop, "location", {
    get() {
      throw new Error("Blocked a frame with origin");
    },
  });
  assert.equal(a.offered({ showSaveFilePicker() {}, location: top.location, top: foreignTop }), false, "inside another site");
});

test("a failed write is named by its cause", () => {
  const named = (name) => Object.assign(new Error("x"), { name });
  assert.deepEqual(
    ["NotAllowedError", "SecurityError", "NotFoundError", "QuotaExceededError", "NoModificationAllowedError", "TypeError"].map((n) =>
      a.problemOf(named(n)),
    ),
    ["permission", "permission", "gone", "full", "busy", "other"],
  );
  assert.equal(a.problemOf(undefined), "other");
});

test("each state says where it saves and offers what can be done next", () => {
  const off = a.autosaveView(a.AUTOSAVE_OFF, "");
  assert.deepEqual([off.alert, off.actions], [false, ["pick"]]);
  const on = a.autosaveView({ status: "on", name: "co-op.json", at: "2026-09-01T10:00:00.000Z", problem: null }, "10:00");
  assert.match(on.lead, /co-op\.json/);
  assert.match(on.lead, /at 10:00/);
  assert.deepEqual(on.actions, ["stop"]);
  assert.match(a.autosaveView({ status: "on", name: "co-op.json", at: null }, "").lead, /Not yet saved there/);
  const paused = a.autosaveView({ status: "paused", name: "co-op.json" }, "");
  assert.deepEqual([paused.alert, paused.actions[0]], [false, "resume"]);
  const lost = a.autosaveView({ status: "failed", name: "co-op.json", problem: "permission", at: "2026-09-01T10:00:00.000Z" }, "10:00");
  assert.equal(lost.alert, true);
  assert.match(lost.lead, /could not be saved to co-op\.json: the browser no longer lets this page write to it/);
  assert.deepEqual(lost.actions, ["pick", "resume", "stop"]);
  const gone = a.autosaveView({ status: "failed", name: "co-op.json", problem: "gone" }, "");
  assert.match(gone.lead, /moved, renamed or deleted/);
  assert.deepEqual(gone.actions, ["pick", "stop"]);
});

const ctx = (today = "2026-09-01", time = "10:00:00.000") => ({ at: at(today, time), data: data(), rulesVersion: "r1", generation: "g" });

test("an automatic save counts as saved to a file; a later change waits for the next one", () => {
  let state = s.initialState({ ...w.emptyWorkspace(at("2026-08-01").now), funds: [{ usage_period: "FY27H1", amount: 1 }] });
  assert.equal(s.fileState(state, "2026-09-05").unsaved, true);
  state = s.reduce(state, { type: "autosaveChanged", autosave: { status: "on", name: "co-op.json" } }, ctx());
  state = s.reduce(state, { type: "autoSaved", updated: state.workspace.updated, name: "co-op.json" }, ctx("2026-09-05"));
  assert.deepEqual(state.autosave, { status: "on", name: "co-op.json", at: at("2026-09-05", "10:00:00.000").now, problem: null });
  const f = s.fileState(state, "2026-09-09");
  assert.deepEqual([f.unsaved, f.lastFile, f.remind], [false, at("2026-09-05", "10:00:00.000").now, false]);
  // Written while a newer change was on its way: that change still waits (here since the write,
  // as the record knows no earlier day).
  const older = s.reduce(state, { type: "autoSaved", updated: "2026-08-01T00:00:00.000Z", name: "co-op.json" }, ctx("2026-09-06"));
  assert.deepEqual([s.fileState(older, "2026-09-06").unsaved, older.file.since], [true, "2026-09-06"]);
});

test("a failed write is said aloud once; stopping forgets the file", () => {
  let state = s.initialState(w.emptyWorkspace(at("2026-08-01").now));
  state = s.reduce(state, { type: "autosaveChanged", autosave: { status: "on", name: "co-op.json" } }, ctx());
  state = s.reduce(state, { type: "autosaveChanged", autosave: { status: "failed", problem: "permission" } }, ctx());
  assert.deepEqual([state.autosave.name, state.autosave.problem], ["co-op.json", "permission"]);
  assert.equal(state.view.said, "Your changes could not be saved to co-op.json.");
  state = s.reduce(state, { type: "autosaveChanged", autosave: { status: "off" } }, ctx());
  assert.deepEqual(state.autosave, a.AUTOSAVE_OFF);
});

test("a tab follows another tab's choice of file: takes a new one up, keeps its own, stops with it", () => {
  assert.equal(a.followOtherTab(true, false, "off"), "take", "a file chosen elsewhere, none here");
  assert.equal(a.followOtherTab(true, false, "on"), "take", "another file chosen elsewhere");
  assert.equal(a.followOtherTab(true, true, "on"), "keep", "the file this tab writes already");
  assert.equal(a.followOtherTab(true, true, "paused"), "keep");
  assert.equal(a.followOtherTab(true, true, "off"), "take", "the same file, stopped here: taken up again");
  assert.equal(a.followOtherTab(false, false, "on"), "stop", "stopped elsewhere");
  assert.equal(a.followOtherTab(false, false, "paused"), "stop");
  assert.equal(a.followOtherTab(false, false, "off"), "keep");
});
