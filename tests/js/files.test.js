// files.js: the claim and evidence lists as CSV for Excel, and reminders as iCalendar.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const f = load("files");
const w = load("workspace");
const { parseCsv } = load("earnings");
const D = data();
const T = at("2026-09-01");

function workspace(name = "Autumn print ad") {
  let s = w.addClaim(
    w.emptyWorkspace(T.now),
    { name, activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500, claim_number: "INV-7" },
    T,
    "p1",
  );
  s = w.tick(w.addEvidence(s, "p1", "poe-csr", { file: "share/csr.pdf", note: "signed" }, T, "e1"), "p1", "poe-csr", "h2", T);
  s = w.tick(s, "p1", "poe-retired", "zz", T);
  s = w.addClaim(
    s,
    { name: "Waiting", activity: "customer-offers", start: "2026-08-01", end: "2026-08-31", amount: 1000, status: "submitted" },
    T,
    "p2",
  );
  return w.addClaim(
    s,
    { name: "Done", activity: "print-advertising", start: "2026-08-01", end: "2026-08-31", amount: 10, status: "paid" },
    T,
    "p3",
  );
}

test("CSV values are quoted only when needed, with quotes doubled", () => {
  assert.deepEqual(["plain", "a,b", 'say "hi"', "two\nlines", " padded", "x;y", 7500, 0.5, null, undefined].map(f.csvCell), [
    "plain",
    '"a,b"',
    '"say ""hi"""',
    '"two\nlines"',
    '" padded"',
    '"x;y"',
    "7500",
    "0.5",
    "",
    "",
  ]);
});

test("text a spreadsheet would run as a formula is made inert; numbers are left alone", () => {
  assert.deepEqual(['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\tx"].map(f.csvCell), [
    '"\'=HYPERLINK(""http://x"")"',
    "'+1",
    "'-1",
    "'@SUM(A1)",
    "'\tx",
  ]);
  assert.equal(f.csvCell(-5), "-5");
});

test("the CSV rule follows the vectors the build's exports share (tests/formula_vectors.json)", () => {
  const { cases } = JSON.parse(require("node:fs").readFileSync(require("node:path").join(__dirname, "..", "formula_vectors.json"), "utf8"));
  const unquote = (v) => (v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v);
  for (const c of cases) assert.equal(unquote(f.csvCell(c.text)), c.csv, JSON.stringify(c));
});

test("a CSV file starts with a BOM and ends every row with CRLF", () => {
  assert.equal(
    f.toCsv([
      ["a", "b"],
      ["1", "2"],
    ]),
    "\uFEFFa,b\r\n1,2\r\n",
  );
});

test("the claim list has one row per claim with its dates, money, status and proof", () => {
  const rows = parseCsv(f.claimsCsv(workspace(), D));
  const head = rows[0],
    row = Object.fromEntries(head.map((h, i) => [h, rows[1][i]]));
  assert.deepEqual(
    head,
    f.CLAIM_COLUMNS.map((c) => c[0]),
  );
  assert.equal(rows.length, 4);
  assert.deepEqual(row, {
    "Claim name": "Autumn print ad",
    "Claim number": "INV-7",
    Activity: "Print advertising",
    "Usage period": "FY27H1",
    Start: "2026-09-01",
    End: "2026-09-30",
    Currency: "USD",
    "Planned amount": "7500",
    Claimed: "",
    Approved: "",
    Paid: "",
    Status: "Planned",
    "Claim by": "2026-11-14",
    "Claim deadline": "2027-02-15",
    "Resolution deadline": "2027-03-31",
    "Next action": "Start the activity",
    "Next action due": "2026-09-01",
    "Proof done": "1 of 3",
    Notes: "",
    "Status dates": "Planned 2026-09-01",
  });
});

test("hostile claim names reach the CSV as inert text", () => {
  const name = "=cmd|' /C calc'!A0,\"<script>\"\n";
  const rows = parseCsv(f.claimsCsv(workspace(name), D));
  assert.equal(rows[1][0], "'" + name);
  assert.equal(rows.length, 4);
});

test("the evidence list names every proof of each claim, what was logged, and the day to keep it until", () => {
  const rows = parseCsv(f.evidenceCsv(workspace(), D));
  const mine = rows.filter((r) => r[0] === "Autumn print ad").map((r) => [r[4], r[5], r[6], r[7], r[8], r[9]]);
  assert.deepEqual(mine, [
    ["A third-party invoice", "open", "", "", "", "2029-02-15"],
    ["A CSR", "ticked", "share/csr.pdf", "signed", "2026-09-01", "2029-02-15"],
    ["The printed ad", "open", "", "", "", "2029-02-15"],
    ["Estimated reach", "open", "", "", "", "2029-02-15"],
    ["poe-retired", "ticked, no longer listed", "", "", "", "2029-02-15"],
  ]);
  assert.deepEqual(rows[0].slice(-3), ["Note", "Logged on", "Keep until"]);
});

test("iCalendar text escapes backslashes, semicolons, commas and line breaks", () => {
  assert.equal(f.icsText("a\\b;c,d\r\ne\nf"), "a\\\\b\\;c\\,d\\ne\\nf");
});

test("long lines are folded at 75 octets without splitting a character", () => {
  const line = "SUMMARY:" + "é€\u{1F4B0}x".repeat(40);
  const folded = f.foldLine(line);
  for (const part of folded.split("\r\n")) assert.ok(Buffer.byteLength(part) <= 75, part);
  assert.equal(folded.replace(/\r\n /g, ""), line);
  assert.equal(f.foldLine("short"), "short");
});

test("reminders hold the claim-by date and claim deadline of claims to submit and the resolution deadline of those under review", () => {
  const ics = f.remindersIcs(workspace("Ad; with, commas\nand a line"), D, "2026-09-01T10:00:00.000Z");
  assert.ok(ics.endsWith("END:VCALENDAR\r\n"));
  assert.equal(ics.replace(/\r\n/g, "").includes("\n"), false);
  const events = ics
    .split("BEGIN:VEVENT")
    .slice(1)
    .map((e) => e.replace(/\r\n /g, ""));
  assert.equal(events.length, 3);
  assert.match(events[1], /UID:p1-claim-deadline@coop-portal[\s\S]*DTEND:20270215T235959Z/);
  assert.match(events[1], /SUMMARY:Claim deadline: Ad/);
  assert.match(
    events[0],
    /UID:p1-claim-by@coop-portal\r\nDTSTAMP:20260901T100000Z\r\nDTSTART:20261114T225959Z\r\nDTEND:20261114T235959Z\r\n/,
  );
  assert.match(events[0], /SUMMARY:Claim by: Ad\\; with\\, commas\\nand a line\r\n/);
  assert.match(events[0], /TRIGGER:-P14D/);
  assert.match(events[2], /UID:p2-resolution@coop-portal[\s\S]*DTEND:20270331T235959Z/);
  for (const line of ics.split("\r\n")) assert.ok(Buffer.byteLength(line) <= 75, line);
});

test("the user's own next action is a whole-day reminder", () => {
  const s = w.updateClaim(workspace("Own"), "p1", { next_action: { text: "Ask the agency for the invoice", due: "2026-10-05" } }, T);
  const own = f
    .remindersIcs(s, D, "2026-09-01T10:00:00.000Z")
    .split("BEGIN:VEVENT")
    .slice(1)
    .find((e) => e.includes("-own@"));
  assert.match(own, /DTSTART;VALUE=DATE:20261005\r\nDTEND;VALUE=DATE:20261006\r\nSUMMARY:Ask the agency for the invoice: Own/);
});

test("ids that name built-in properties are refused in a claim, and stay plain ids where they are met anyway", () => {
  const fields = { name: "odd", activity: "constructor", start: "2026-09-01", end: "2026-09-02", amount: 1 };
  assert.throws(() => w.addClaim(w.emptyWorkspace(T.now), fields, T, "x"), /^Error: claim\.activity: expected an activity id/);
  // Data an older portal kept in memory, with such ids: every lookup is by own property.
  let s = {
    ...w.emptyWorkspace(T.now),
    claims: [
      {
        id: "x",
        ...fields,
        currency: "USD",
        status: "planned",
        ticked: ["to-string"],
        tick_hashes: { "to-string": "h" },
        evidence: { constructor: [{ id: "e", file: "f", note: "", at: T.today }] },
      },
    ],
  };
  s = w.reconcile(s, D);
  assert.deepEqual(s.claims[0].flags, ["activity-removed"]);
  const rows = parseCsv(f.evidenceCsv(s, D))
    .slice(1)
    .map((r) => [r[2], r[4], r[5], r[6]]);
  assert.deepEqual(rows, [
    ["constructor", "to-string", "ticked, no longer listed", ""],
    ["constructor", "constructor", "no longer listed", "f"],
  ]);
  assert.equal(parseCsv(f.claimsCsv(s, D))[1][17], "");
});

test("the reminders calendar carries the distributor's name when the portal has one", () => {
  const name = (data) =>
    f
      .remindersIcs(workspace(), data, "2026-09-01T10:00:00.000Z")
      .split("\r\n")
      .find((l) => l.startsWith("X-WR-CALNAME:"));
  assert.equal(name(D), "X-WR-CALNAME:Co-op claims");
  assert.equal(name({ ...D, brand: "Contoso, Partners; Co" }), "X-WR-CALNAME:Co-op claims (Contoso\\, Partners\\; Co)");
});
