// Reads each typed amount of tests/js/money_cases.json with portal.js's parseMoney and prints
// the results as JSON. Usage: node run_money.js CASES.json
"use strict";
const fs = require("fs");
const path = require("path");
const rules = require(path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "portal.js"));

const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).cases;
process.stdout.write(JSON.stringify(cases.map((c) => rules.parseMoney(c.typed))));
