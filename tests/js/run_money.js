// Reads each typed amount of tests/js/money_cases.json as the estimator does (estimate.js
// readAmount) and prints the results as JSON. Usage: node run_money.js CASES.json
"use strict";
const fs = require("fs");
const { load } = require("./workspace_fixture.js");

const { readAmount } = load("estimate");
const cases = JSON.parse(fs.readFileSync(process.argv[2], "utf8")).cases;
process.stdout.write(JSON.stringify(cases.map((c) => readAmount(c.typed))));
