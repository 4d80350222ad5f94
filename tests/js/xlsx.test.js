// xlsx.js: a one-sheet workbook with numeric cells for numbers and text cells for the rest.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { readFileSync } = require("node:fs");
const { join } = require("node:path");
const { data, load, at } = require("./workspace_fixture.js");

const x = load("xlsx");
const f = load("files");
const w = load("workspace");
const T = at("2026-09-01");

// The stored (uncompressed) entries of a zip made by zip.js, by name.
function entries(bytes) {
  const out = {},
    view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length),
    dec = new TextDecoder();
  for (let at = 0; view.getUint32(at, true) === 0x04034b50;) {
    const size = view.getUint32(at + 18, true),
      nameLength = view.getUint16(at + 26, true),
      start = at + 30 + nameLength;
    out[dec.decode(bytes.subarray(at + 30, start))] = dec.decode(bytes.subarray(start, start + size));
    at = start + size;
  }
  return out;
}

test("column names run A to Z, then AA", () => {
  assert.deepEqual([0, 25, 26, 27, 701, 702].map(x.columnName), ["A", "Z", "AA", "AB", "ZZ", "AAA"]);
});

test("numbers are numeric cells; text, even starting like a formula, is an inline text cell", () => {
  assert.equal(x.cellXml(1234.5, "B2"), '<c r="B2"><v>1234.5</v></c>');
  assert.equal(x.cellXml("", "B2"), "");
  const { cases } = JSON.parse(readFileSync(join(__dirname, "..", "formula_vectors.json"), "utf8"));
  for (const { text } of cases.filter((c) => c.text)) {
    const cell = x.cellXml(text, "A1");
    assert.match(cell, /^<c r="A1" t="inlineStr"><is><t xml:space="preserve">/);
    assert.doesNotMatch(cell, /<f>/);
  }
  assert.equal(x.cellXml("0001234567", "A1"), '<c r="A1" t="inlineStr"><is><t xml:space="preserve">0001234567</t></is></c>');
  assert.equal(x.cellXml('<b>&"', "A1").includes("&lt;b&gt;&amp;&quot;"), true);
});

test("the claim workbook keeps amounts as numbers, claim numbers as text, and names the distributor", () => {
  const d = { ...data(), brand: "Contoso & Co" };
  const s = w.addClaim(
    w.emptyWorkspace(T.now),
    { name: "Ad", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500.25, claim_number: "0001234567" },
    T,
    "p1",
  );
  const parts = entries(f.claimsXlsx(s, d, "2026-09-01"));
  const sheet = parts["xl/worksheets/sheet1.xml"],
    head = f.CLAIM_COLUMNS.map((c) => c[0]);
  const col = (name) => x.columnName(head.indexOf(name)) + "2";
  assert.ok(sheet.includes('<c r="' + col("Planned amount") + '"><v>7500.25</v></c>'));
  assert.ok(sheet.includes('<c r="' + col("Claim number") + '" t="inlineStr"><is><t xml:space="preserve">0001234567</t>'));
  assert.match(parts["docProps/core.xml"], /<dc:creator>Contoso &amp; Co<\/dc:creator>/);
  assert.match(parts["docProps/app.xml"], /<Company>Contoso &amp; Co<\/Company>/);
  const csv = f.claimsCsv(s, d);
  assert.ok(csv.includes(',"0001234567",'), "the CSV quotes the claim number");
  assert.ok(csv.includes(",7500.25,"), "the CSV amount has a decimal point and no thousands separator");
});
