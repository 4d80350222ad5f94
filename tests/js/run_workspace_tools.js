// Lets pytest drive the workspace modules. Usage:
//   node run_workspace_tools.js check FILES.json   -> {verdicts: [[errors...] per file], constants}
//   node run_workspace_tools.js ics DATA.json WORKSPACE.json NOW -> the reminders file
"use strict";
const fs = require("node:fs");
const { load } = require("./workspace_fixture.js");

const storage = load("storage");
const read = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const [command, ...args] = process.argv.slice(2);

if (command === "check") {
  const verdicts = read(args[0]).map((text) => {
    const r = storage.parseWorkspace(text);
    return r.ok ? [] : r.errors;
  });
  const constants = { DATE_PATTERN: load("dates").DATE_PATTERN, FLAGS: storage.FLAGS, FORMAT: storage.FORMAT, VERSION: storage.VERSION };
  process.stdout.write(JSON.stringify({ verdicts, constants }));
} else if (command === "ics") {
  process.stdout.write(load("files").remindersIcs(read(args[1]), read(args[0]), args[2]));
} else {
  process.stderr.write("unknown command: " + command + "\n");
  process.exit(2);
}
