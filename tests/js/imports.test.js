// The browser code's imports: every module of generator/static/assets/coop-portal is read for
// its static imports, re-exports and dynamic import("...")s, and no chain of them comes back
// to where it started (a circle makes the order modules run in depend on who loads first).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const ROOT = path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal");
const IMPORT = /\bimport\s*\(\s*["']([^"']+)["']\s*\)|\b(?:import|export)\s+(?:[^;"'()]*?\s+from\s+)?["']([^"']+)["']/g;

function files(dir) {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith(".js") ? [path.join(dir, e.name)] : []));
}
// Comments out of the way, so an example in one is not read as an import.
const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[^:"'\\])\/\/.*$/gm, "$1");

/** {module: [modules it imports]}, paths relative to ROOT; only relative specifiers are local. */
function graph() {
  const out = {};
  for (const file of files(ROOT)) {
    const from = path.relative(ROOT, file),
      deps = [];
    for (const m of code(fs.readFileSync(file, "utf8")).matchAll(IMPORT)) {
      const spec = m[1] || m[2];
      if (spec.startsWith(".")) deps.push(path.relative(ROOT, path.resolve(path.dirname(file), spec)));
    }
    out[from] = deps;
  }
  return out;
}

/** Every circle of g, each as the path that closes it: [a, b, a]. */
function circles(g) {
  const found = [],
    state = {},
    stack = [];
  const visit = (n) => {
    state[n] = "open";
    stack.push(n);
    for (const m of g[n] || []) {
      if (state[m] === "open") found.push(stack.slice(stack.indexOf(m)).concat([m]));
      else if (!state[m]) visit(m);
    }
    stack.pop();
    state[n] = "done";
  };
  for (const n of Object.keys(g).sort()) if (!state[n]) visit(n);
  return found;
}

test("the reader finds static, re-exported and dynamic imports", () => {
  const g = graph();
  assert.ok(g["components/ws-claims.js"].includes("components/ws-store.js"));
  assert.ok(g["components/ws-claims.js"].includes("components/ws-claim.js"), "the dynamic import of the open claim's code");
  assert.ok(g["modules/workspace.js"].includes("modules/workspace-file.js"));
  assert.ok(g["components/ws-ui.js"].includes("modules/ws-domain.js"), "a re-export");
  assert.ok(Object.keys(g).length > 30);
});

test("the circle finder finds a circle, direct or through others", () => {
  assert.deepEqual(circles({ a: ["b"], b: ["c"], c: ["a"], d: ["a"] }), [["a", "b", "c", "a"]]);
  assert.deepEqual(circles({ a: ["a"] }), [["a", "a"]]);
  assert.deepEqual(circles({ a: ["b", "c"], b: ["c"], c: [] }), []);
});

test("every import names a module that exists", () => {
  const g = graph(),
    missing = Object.entries(g).flatMap(([from, deps]) => deps.filter((d) => !(d in g)).map((d) => from + " -> " + d));
  assert.deepEqual(missing, []);
});

test("no module of components/ or modules/ imports itself through others", () => {
  assert.deepEqual(
    circles(graph()).map((c) => c.join(" -> ")),
    [],
  );
});
