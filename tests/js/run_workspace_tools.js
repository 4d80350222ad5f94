// Lets pytest drive the workspace modules. Usage:
//   node run_workspace_tools.js check FILES.json   -> {verdicts: [[errors...] per file], constants}
//   node run_workspace_tools.js ics DATA.json WORKSPACE.json NOW -> the reminders file
//   node run_workspace_tools.js replay DATA.json STEPS.json -> the workspace file the reducers make
//     (STEPS: [["addClaim", {fields}, "@2026-09-01", "id"], ...]: a workspace.js reducer and its
//     arguments after the state, "@day" standing for {now, today} of that day; reconciled at the end)
//   node run_workspace_tools.js csv DATA.json WORKSPACE.json -> the claim list
//   node run_workspace_tools.js bundle DATA.json WORKSPACE.json NOW TODAY OUT.zip -> writes the audit bundle
//   node run_workspace_tools.js call DATA.json CALLS.json -> [result per call]: each call is
//     [module, function, ...args] of modules/, "$data" standing for DATA (tests/js_rules.py)
"use strict";
const fs = require("node:fs");
const { load, at } = require("./workspace_fixture.js");

const storage = load("storage");
const file = load("workspace-file");
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const [command, ...args] = process.argv.slice(2);

if (command === "check") {
  const verdicts = read(args[0]).map((text) => {
    const r = file.parseWorkspace(text);
    return r.ok ? [] : r.errors;
  });
  const constants = {
    DATE_PATTERN: load("dates").DATE_PATTERN,
    FLAGS: file.FLAGS,
    CHANGE_KINDS: file.CHANGE_KINDS,
    FORMAT: file.FORMAT,
    VERSION: file.VERSION,
    RESERVED: file.RESERVED,
    TIME_PATTERN: file.TIME_PATTERN,
    MAX_AMOUNT: file.MAX_AMOUNT,
    OBJECT_NAMES: Object.getOwnPropertyNames(Object.prototype).sort(),
  };
  process.stdout.write(JSON.stringify({ verdicts, constants }));
} else if (command === "ics") {
  process.stdout.write(load("files").remindersIcs(read(args[1]), read(args[0]), args[2]));
} else if (command === "replay") {
  const w = load("workspace"),
    steps = read(args[1]);
  let state = w.emptyWorkspace("2026-01-01T00:00:00.000Z");
  for (const [op, ...rest] of steps) {
    if (typeof w[op] !== "function") throw new Error("no reducer " + op);
    state = w[op](state, ...rest.map((x) => (typeof x === "string" && x[0] === "@" ? at(x.slice(1)) : x)));
  }
  process.stdout.write(storage.serializeWorkspace(w.reconcile(state, read(args[0]))));
} else if (command === "csv") {
  process.stdout.write(load("files").claimsCsv(read(args[1]), read(args[0])));
} else if (command === "bundle") {
  fs.writeFileSync(args[4], load("bundle").auditBundle(read(args[1]), read(args[0]), args[2], args[3]).bytes);
} else if (command === "call") {
  const data = read(args[0]);
  const results = read(args[1]).map(([module, fn, ...rest]) => load(module)[fn](...rest.map((x) => (x === "$data" ? data : x))));
  process.stdout.write(JSON.stringify(results));
} else {
  process.stderr.write("unknown command: " + command + "\n");
  process.exit(2);
}
