// My co-op draws from its state and never reads it back from the page: in its components a
// form value (.value, .checked, .files, FormData, a selected option) is read only from the
// event's own element (e.target) in that element's listener; elsewhere it is only written.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const DIR = path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "components");
const MINE = fs.readdirSync(DIR).filter((f) => f === "workspace.js" || /^ws-.*\.js$/.test(f));
const READ = /\.(value|checked|files|selectedOptions|selectedIndex)\b(?!\s*=[^=])|\bFormData\b|\.elements\b/g;
const OWN = /(^|[^\w$.])[a-z]{1,2}\.target$/; // e.target, ev.target: the listener's own element

/** The form-value reads of `text` that are not the event's own element, as "line: code". */
function reads(text) {
  const out = [];
  text.split("\n").forEach((line, i) => {
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

test("My co-op's components read no form value outside that element's own listener", () => {
  assert.ok(MINE.length >= 9, MINE.join(", "));
  const found = MINE.flatMap((f) => reads(fs.readFileSync(path.join(DIR, f), "utf8")).map((r) => f + ":" + r));
  assert.deepEqual(found, []);
});
