// Every component draws from its state and never reads it back from the page: a form value
// (.value, .checked, .files, FormData, a selected option) is read only from the event's own
// element (e.target) in that element's listener; elsewhere it is only written. One exception,
// named here: the estimator and the timing checker take, once as they start, what was typed
// before their module loaded (or what the browser restored on going back), so it is not lost.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const DIR = path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "components");
const ALL = fs.readdirSync(DIR).filter((f) => f.endsWith(".js"));
const AT_START = { "estimator.js": /^\s*const early = /, "timing-checker.js": /^\s*const early = / };
const READ = /\.(value|checked|files|selectedOptions|selectedIndex)\b(?!\s*=[^=])|\bFormData\b|\.elements\b/g;
const OWN = /(^|[^\w$.])[a-z]{1,2}\.target$/; // e.target, ev.target: the listener's own element

/** The form-value reads of `text` that are not the event's own element, as "line: code". */
function reads(text, atStart = null) {
  const out = [];
  text.split("\n").forEach((line, i) => {
    if (atStart && atStart.test(line)) return;
    const code = line.replace(/\/\/.*$/, "");
    for (const m of code.matchAll(READ)) if (!(m[0].startsWith(".") && OWN.test(code.slice(0, m.index)))) out.push(i + 1 + ": " + m[0]);
  });
  return out;
}

test("the check sees a read of another element, and lets the event's own element and writes pass", () => {
  assert.deepEqual(reads("const v = input.value;"), ["1: .value"]);
  assert.deepEqual(reads("x = document.getElementById('a').checked"), ["1: .checked"]);
  assert.deepEqual(reads("new FormData(form)"), ["1: FormData"]);
  assert.deepEqual(reads("const f = form.elements;"), ["1: .elements"]);
  assert.deepEqual(reads("if (a.value == b) x();"), ["1: .value"]);
  assert.deepEqual(reads("if (store.target.value) x();"), ["1: .value"]);
  assert.deepEqual(reads("onchange: (e) => go(e.target.value, ev.target.files[0])"), []);
  assert.deepEqual(reads("el.checked = v; e.target.value = '';"), []);
});

test("no component reads a form value outside that element's own listener", () => {
  assert.ok(ALL.length >= 19 && ALL.includes("checklist.js") && ALL.includes("ws-store.js"), ALL.join(", "));
  const found = ALL.flatMap((f) => reads(fs.readFileSync(path.join(DIR, f), "utf8"), AT_START[f]).map((r) => f + ":" + r));
  assert.deepEqual(found, []);
});

test("the one exception covers only the start-up read it names", () => {
  assert.deepEqual(reads("  const early = fields.map((f) => f.input.value);", AT_START["estimator.js"]), []);
  assert.deepEqual(reads("  const later = input.value;", AT_START["estimator.js"]), ["1: .value"]);
});
