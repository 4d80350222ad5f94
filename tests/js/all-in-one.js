// Every *.test.js of this folder in one node process, in name order: tests/test_js_units.py
// runs this (node and the modules load once, not once per file: about a third less CPU for
// the step). `node --test tests/js/` still runs each file in a process of its own.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

for (const name of fs.readdirSync(__dirname).sort()) {
  if (name.endsWith(".test.js")) require(path.join(__dirname, name));
}
