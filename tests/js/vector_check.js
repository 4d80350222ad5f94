// Compares the results of a vectors file's cases with their "expect": a case whose expect is
// an object is compared on the keys it names. Returns {ran, failures: [{group, index, case,
// found}]}; a group with a different number of results than cases fails as a whole.
"use strict";
const assert = require("node:assert/strict");

function compare(vectors, results) {
  let ran = 0;
  const failures = [];
  for (const [group, cases] of Object.entries(vectors)) {
    if (group === "about") continue;
    const found = results[group] || [];
    if (found.length !== cases.length) failures.push({ group, index: -1, case: cases.length + " cases", found: found.length + " results" });
    cases.forEach((c, index) => {
      ran++;
      let got = found[index];
      const expected = c.expect;
      if (expected && typeof expected === "object" && !Array.isArray(expected) && got && typeof got === "object") {
        got = Object.fromEntries(Object.keys(expected).map((k) => [k, got[k] === undefined ? null : got[k]]));
      }
      try {
        assert.deepStrictEqual(got, expected);
      } catch (e) {
        failures.push({ group, index, case: c, found: got });
      }
    });
  }
  return { ran, failures };
}

module.exports = { compare };
