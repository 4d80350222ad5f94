// checklist-state.js: a checklist's ticks saved, adopted against changed wording, linked, exported.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const c = load("checklist-state");

test("saved ticks read back exactly; a damaged save is refused whole", () => {
  const saved = '{"v":2,"rulesVersion":"2026.1","items":{"poe-csr":{"hash":"h2","at":"2026-09-01","stale":false}}}';
  const entries = c.readSaved(saved);
  assert.deepEqual(entries, { "poe-csr": { hash: "h2", at: "2026-09-01", stale: false } });
  assert.equal(c.savedText(entries, "2026.1"), saved);
  assert.deepEqual(c.readSaved(saved.replace('"v":2', '"v":1')), entries); // saved under the old key
  assert.equal(c.savedText({}, "2026.1"), null);
  assert.deepEqual(c.readSaved('{"v":1,"items":{"a":{"hash":"x"}}}'), { a: { hash: "x", at: "", stale: false } });
  for (const bad of ["{", '{"v":3,"items":{}}', '{"v":1,"items":[]}', '{"v":1,"items":{"A b":{"hash":"x"}}}', '{"v":1,"items":{"a":{}}}']) {
    assert.equal(c.readSaved(bad), null, bad);
  }
});

test("same wording keeps its tick, changed wording is stale, a new choice is stale, removed items drop", () => {
  const entries = {
    same: { hash: "a", at: "d", stale: false },
    changed: { hash: "old", at: "d", stale: false },
    group: { hash: "g", at: "d", stale: false },
    gone: { hash: "x", at: "d", stale: false },
    constructor: { hash: "y", at: "", stale: false },
  };
  const r = c.adopt(entries, { same: "a", changed: "new" }, new Set(["group"]));
  assert.equal(r.dropped, 2);
  assert.deepEqual(r.state, {
    same: { hash: "a", at: "d", stale: false },
    changed: { hash: "old", at: "d", stale: true },
    group: { hash: "g", at: "d", stale: true },
  });
  assert.equal(c.isTicked(r.state, "same"), true);
  assert.equal(c.isTicked(r.state, "changed"), false);
});

test("ticking an option settles its group's old tick; unticking removes the entry", () => {
  let s = { group: { hash: "g", at: "d", stale: true }, other: { hash: "o", at: "d", stale: false } };
  s = c.tick(s, "option", "h", "2026-09-01", "group");
  assert.deepEqual(Object.keys(s), ["other", "option"]);
  assert.deepEqual(s.option, { hash: "h", at: "2026-09-01", stale: false });
  assert.deepEqual(Object.keys(c.untick(s, "other")), ["option"]);
});

test("a link carries the current ticks and is read back", () => {
  const s = { a: { hash: "h1", at: "", stale: false }, b: { hash: "h2", at: "", stale: true } };
  assert.equal(c.linkHash(s), "#ticked=a.h1");
  assert.deepEqual(c.linkEntries("#ticked=a.h1,bad,c.h3", "2026-09-01"), {
    a: { hash: "h1", at: "2026-09-01", stale: false },
    c: { hash: "h3", at: "2026-09-01", stale: false },
  });
  assert.deepEqual(c.linkEntries("#ticked=", "x"), {});
  assert.equal(c.linkEntries("#top", "x"), null);
});

test("an export opens only on its own checklist, and says what is wrong otherwise", () => {
  const text = c.exportText("print-ads", "Print ads", "2026.1", { a: { hash: "h", at: "", stale: false } }, "2026-09-01T00:00:00.000Z");
  assert.deepEqual(c.readExport(text, "print-ads"), { entries: { a: { hash: "h", at: "", stale: false } } });
  assert.match(c.readExport(text, "events").error, /holds the checklist "Print ads", not this one/);
  assert.match(c.readExport("nope", "print-ads").error, /not valid JSON/);
  assert.match(c.readExport('{"format":"other"}', "print-ads").error, /not a checklist export from this portal/);
  assert.match(c.readExport(text.replace('"hash": "h"', '"hash": 1'), "print-ads").error, /damaged/);
});

// ------------------------------------------------------------------ the page's state

const layout = { hashes: { a: "ha", b: "hb", o1: "h1", o2: "h2" }, groups: ["g"], units: ["a", "b", { id: "g", options: ["o1", "o2"] }] };
const run = (actions, state = c.initial(layout)) => actions.reduce(c.reduce, state);

test("ticks change by named actions, and the progress counts a group once", () => {
  let s = run([
    { type: "tick", id: "a", hash: "ha", at: "2026-09-01" },
    { type: "tick", id: "o1", hash: "h1", at: "2026-09-01", group: "g" },
  ]);
  assert.deepEqual(c.progress(s), { done: 2, changed: 0, total: 3, text: "2 of 3 done." });
  s = run(
    [
      { type: "tick", id: "o2", hash: "h2", at: "2026-09-01", group: "g" },
      { type: "untick", id: "a" },
    ],
    s,
  );
  assert.equal(c.progress(s).text, "1 of 3 done.");
  assert.throws(() => c.reduce(s, { type: "nonsense" }), /unknown checklist action/);
});

test("saved ticks are adopted: changed wording and a tick from before a choice are counted as changed", () => {
  const s = run([
    { type: "loaded", entries: { a: { hash: "old", at: "2026-01-02" }, g: { hash: "x", at: "" }, gone: { hash: "y", at: "" } } },
  ]);
  assert.deepEqual(Object.keys(s.ticks), ["a", "g"]);
  assert.equal(c.progress(s).text, "0 of 3 done; 2 changed since you ticked them.");
  assert.equal(
    c.progress(run([{ type: "tick", id: "o1", hash: "h1", at: "d", group: "g" }], s)).text,
    "1 of 3 done; 1 changed since you ticked it.",
  );
});

test("a link's ticks load at once into an empty list, and otherwise wait for a choice", () => {
  const linked = { b: { hash: "hb", at: "d", stale: false } };
  let s = run([{ type: "linkOpened", entries: linked }]);
  assert.deepEqual([Object.keys(s.ticks), s.notices.map((n) => n.text)], [["b"], ["Loaded 1 ticked item from the link."]]);
  s = run([
    { type: "tick", id: "a", hash: "ha", at: "d" },
    { type: "linkOpened", entries: linked },
  ]);
  assert.deepEqual([Object.keys(s.ticks), s.notices[0].ask], [["a"], true]);
  assert.deepEqual(Object.keys(run([{ type: "linkUse" }], s).ticks), ["b"]);
  const kept = run([{ type: "linkKeep" }], s);
  assert.deepEqual([Object.keys(kept.ticks), kept.notices], [["a"], [{ kind: "link", text: "Kept your own ticks." }]]);
});

test("reset asks first; import replaces earlier problems; blocked storage is said once", () => {
  let s = run([{ type: "tick", id: "a", hash: "ha", at: "d" }, { type: "resetAsk" }]);
  assert.deepEqual([s.confirming, Object.keys(s.ticks)], [true, ["a"]]);
  assert.deepEqual(run([{ type: "resetCancel" }], s).ticks, s.ticks);
  s = run([{ type: "importFailed", error: "bad file" }, { type: "resetConfirm" }], s);
  assert.deepEqual([s.confirming, s.ticks, s.notices.map((n) => n.kind)], [false, {}, ["reset"]]);
  s = run([
    { type: "importFailed", error: "bad file" },
    { type: "imported", entries: { a: { hash: "ha", at: "" }, gone: { hash: "x", at: "" } }, file: "f.json" },
  ]);
  assert.deepEqual(s.notices, [{ kind: "import", text: "Imported 1 item from f.json; 1 no longer exist in the rules." }]);
  s = run([{ type: "blocked" }, { type: "blocked" }, { type: "importFailed", error: "x" }, { type: "resetConfirm" }]);
  assert.deepEqual([s.memory, s.notices.map((n) => n.kind)], [true, ["storage", "reset"]]); // what storage cannot do is still said
  assert.deepEqual(run([{ type: "synced", entries: null }], run([{ type: "tick", id: "a", hash: "ha", at: "d" }])).ticks, {});
});
