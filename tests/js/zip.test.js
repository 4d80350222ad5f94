// zip.js: a store-only ZIP that any unzip tool opens, the same bytes for the same files.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const { zip, crc32 } = load("zip");
const enc = (s) => new TextEncoder().encode(s);

// Reads an archive back from its central directory: [{name, flags, time, date, crc, text}].
function unzip(bytes) {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    end = bytes.length - 22;
  assert.equal(v.getUint32(end, true), 0x06054b50);
  const count = v.getUint16(end + 10, true),
    out = [];
  let at = v.getUint32(end + 16, true);
  for (let i = 0; i < count; i++) {
    assert.equal(v.getUint32(at, true), 0x02014b50);
    const size = v.getUint32(at + 20, true),
      nameLength = v.getUint16(at + 28, true),
      local = v.getUint32(at + 42, true);
    const name = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(at + 46, at + 46 + nameLength));
    assert.equal(v.getUint32(local, true), 0x04034b50);
    assert.equal(v.getUint16(at + 10, true), 0, "stored, not compressed");
    const start = local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true);
    const body = bytes.subarray(start, start + size);
    out.push({
      name,
      flags: v.getUint16(at + 8, true),
      time: v.getUint16(at + 12, true),
      date: v.getUint16(at + 14, true),
      crc: v.getUint32(at + 16, true),
      text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(body),
      bodyCrc: crc32(body),
    });
    at += 46 + nameLength;
  }
  return out;
}

test("CRC-32 gives the standard check values", () => {
  assert.equal(crc32(enc("123456789")), 0xcbf43926);
  assert.equal(crc32(enc("The quick brown fox jumps over the lazy dog")), 0x414fa339);
  assert.equal(crc32(enc("")), 0);
});

test("files come back with their UTF-8 names, text and CRCs, each dated the given day", () => {
  const files = [
    { name: "README.txt", text: "Keep this.\r\n" },
    { name: "Belege/Prüfung €.csv", text: "\uFEFFa,b\r\n\u{1F4B0}\r\n" },
    { name: "empty", text: "" },
  ];
  const entries = unzip(zip(files, "2026-09-01"));
  assert.deepEqual(
    entries.map((e) => [e.name, e.text]),
    files.map((f) => [f.name, f.text]),
  );
  for (const e of entries) {
    assert.equal(e.crc, e.bodyCrc);
    assert.equal(e.flags, 0x0800, "names marked UTF-8");
    assert.deepEqual([e.date >> 9, (e.date >> 5) & 15, e.date & 31, e.time], [2026 - 1980, 9, 1, 0]);
  }
});

test("the same files on the same day give the same bytes; another day changes only the stamps", () => {
  const files = [{ name: "a.txt", text: "x" }];
  assert.deepEqual(zip(files, "2026-09-01"), zip(files, "2026-09-01"));
  assert.notDeepEqual(zip(files, "2026-09-01"), zip(files, "2026-09-02"));
  assert.equal(unzip(zip(files, "1970-01-01"))[0].date, (0 << 9) | (1 << 5) | 1, "days before 1980 are stamped 1980-01-01");
});

test("an archive with no files is just the end record", () => {
  assert.equal(zip([], "2026-09-01").length, 22);
  assert.deepEqual(unzip(zip([], "2026-09-01")), []);
});
