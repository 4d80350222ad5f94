// bundle.js: the audit bundle, a ZIP of the workspace, the evidence and claim lists, the claims'
// logs of changes, reminders and a README.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const st = load("storage");
const f = load("files");
const { auditBundle, readme } = load("bundle");
const log = load("claim-log");
const D = data();
const T = at("2026-09-01");

function workspace() {
  let s = w.addClaim(
    w.emptyWorkspace(T.now),
    { name: "Autumn print ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500 },
    T,
    "p1",
  );
  s = w.addClaim(
    s,
    { name: "Spring offer", activity: "customer-offers", start: "2026-02-01", end: "2026-02-28", amount: 900, status: "paid" },
    T,
    "p2",
  );
  s = w.addClaim(s, { name: "Winter ad", activity: "print-advertising", start: "2026-10-01", end: "2026-10-31", amount: 100 }, T, "p3");
  // A log of changes as the reducer keeps it (ws-state.js): one claim edited.
  return log.logWorkspace(s, w.updateClaim(s, "p1", { amount: 8000, claim_number: "=1+1" }, T2), T2.now);
}
const T2 = at("2026-09-02");

// The text of each entry of a store-only ZIP, by name (names and bodies are UTF-8).
function entries(bytes) {
  const v = new DataView(bytes.buffer, bytes.byteOffset),
    out = {},
    dec = new TextDecoder("utf-8", { ignoreBOM: true });
  for (let at = 0; v.getUint32(at, true) === 0x04034b50;) {
    const size = v.getUint32(at + 18, true),
      n = v.getUint16(at + 26, true),
      start = at + 30 + n + v.getUint16(at + 28, true);
    out[dec.decode(bytes.subarray(at + 30, at + 30 + n))] = dec.decode(bytes.subarray(start, start + size));
    at = start + size;
  }
  return out;
}

test("the bundle is named for the day and holds the six files, each as the workspace's own writers make it", () => {
  const s = workspace(),
    b = auditBundle(s, D, T.now, "2026-09-01"),
    files = entries(b.bytes);
  assert.equal(b.name, "coop-audit-2026-09-01.zip");
  assert.deepEqual(Object.keys(files), ["workspace.json", "evidence.csv", "claims.csv", "changes.csv", "reminders.ics", "README.txt"]);
  assert.equal(files["changes.csv"], f.changesCsv(s, D));
  assert.deepEqual(st.parseWorkspace(files["workspace.json"]).state, st.parseWorkspace(st.serializeWorkspace(s)).state);
  assert.equal(files["evidence.csv"], f.evidenceCsv(s, D));
  assert.equal(files["claims.csv"], f.claimsCsv(s, D, "2026-09-01"));
  assert.equal(files["reminders.ics"], f.remindersIcs(s, D, T.now));
  assert.deepEqual(auditBundle(s, D, T.now, "2026-09-01").bytes, b.bytes, "the same workspace gives the same bytes");
});

test("the README says what each file is and until when to keep the proof of each usage period", () => {
  const text = readme(workspace(), D, "2026-09-01");
  assert.ok(text.endsWith("\r\n") && !/[^\r]\n/.test(text), "Windows line ends");
  for (const name of ["workspace.json", "evidence.csv", "claims.csv", "changes.csv", "reminders.ics"])
    assert.match(text, new RegExp("- " + name.replace(".", "\\.") + ": "));
  assert.match(text, /It holds 3 claims\./);
  assert.match(text, /for 24 months, counted from the end of the earning period or the end of the claiming period, whichever is later:/);
  assert.match(text, /- usage period FY26H2: until 2028-08-15 \(1 claim\)\r\n- usage period FY27H1: until 2029-02-15 \(2 claims\)\r\n/);
  assert.match(readme(w.emptyWorkspace(T.now), D, "2026-09-01"), /no claims yet/);
});

test("changes.csv lists each claim's log oldest first, deleted claims too, with formulas made inert", () => {
  const s = workspace(),
    deleted = log.logWorkspace(s, w.deleteClaim(s, "p3", T2), T2.now);
  const lines = f
    .changesCsv(deleted, D)
    .replace(/^\uFEFF/, "")
    .split("\r\n");
  assert.equal(lines[0], 'Claim name,Claim number,Claim deleted,When (UTC),What changed,Kind,"Field, status or item",From,To,Day');
  const when = "2026-09-02T10:00:00.000Z";
  assert.deepEqual(lines.slice(1), [
    `Autumn print ad,"'=1+1",,${when},"Planned amount changed from USD 7,500 to USD 8,000.",field,amount,7500,8000,`,
    `Autumn print ad,"'=1+1",,${when},Claim number set to =1+1.,field,claim_number,,'=1+1,`,
    `Winter ad,"",yes,${when},Claim deleted.,deleted,,,,`,
    "",
  ]);
});
