// checklist-state.js: a checklist's ticks saved, adopted against changed wording, linked, exported.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const c = load("checklist-state");

test("saved ticks read back exactly; a damaged save is refused whole", () => {
  const saved = '{"v":1,"rulesVersion":"2026.1","items":{"poe-csr":{"hash":"h2","at":"2026-09-01","stale":false}}}';
  const entries = c.readSaved(saved);
  assert.deepEqual(entries, { "poe-csr": { hash: "h2", at: "2026-09-01", stale: false } });
  assert.equal(c.savedText(entries, "2026.1"), saved);
  assert.equal(c.savedText({}, "2026.1"), null);
  assert.deepEqual(c.readSaved('{"v":1,"items":{"a":{"hash":"x"}}}'), { a: { hash: "x", at: "", stale: false } });
  for (const bad of ["{", '{"v":2,"items":{}}', '{"v":1,"items":[]}', '{"v":1,"items":{"A b":{"hash":"x"}}}', '{"v":1,"items":{"a":{}}}']) {
    assert.equal(c.readSaved(bad), null, bad);
  }
});

test("same wording keeps its tick, changed wording is stale, a new choice is stale, removed items drop", () => {
  const entries = { same: { hash: "a", at: "d", stale: false }, changed: { hash: "old", at: "d", stale: false },
    group: { hash: "g", at: "d", stale: false }, gone: { hash: "x", at: "d", stale: false }, constructor: { hash: "y", at: "", stale: false } };
  const r = c.adopt(entries, { same: "a", changed: "new" }, new Set(["group"]));
  assert.equal(r.dropped, 2);
  assert.deepEqual(r.state, { same: { hash: "a", at: "d", stale: false }, changed: { hash: "old", at: "d", stale: true },
    group: { hash: "g", at: "d", stale: true } });
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
  assert.deepEqual(c.linkEntries("#ticked=a.h1,bad,c.h3", "2026-09-01"), { a: { hash: "h1", at: "2026-09-01", stale: false },
    c: { hash: "h3", at: "2026-09-01", stale: false } });
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
