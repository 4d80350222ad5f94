// workspace-file.js: what would be lost is refused (repeated ids, names every object has,
// times that are not real, amounts that round past the limit), and readStored makes a
// workspace of anything storage holds, keeping the rest as a backup; a fuzz of stored values.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const f = load("workspace-file");
const w = load("workspace");
const st = load("ws-state");
const d = load("ws-domain");
const D = data();
const T = at("2026-09-01");
const NOW = T.now;

const claim = (id, extra = {}) => ({
  id,
  name: "Claim " + id,
  activity: "print-advertising",
  start: "2026-09-01",
  end: "2026-09-30",
  amount: 7500,
  status: "planned",
  ticked: [],
  ...extra,
});
const file = (claims, extra = {}) => ({ format: f.FORMAT, version: 1, funds: [], claims, ...extra });
const text = (x) => JSON.stringify(x);

test("two claims with one id are refused in a file, naming both places", () => {
  const r = f.parseWorkspace(text(file([claim("a1"), claim("a1", { name: "Other" })])));
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors, ["claims[1].id: expected each claim id once, but got 'a1' again (as in claims[0].id)"]);
});

test("stored claims sharing an id are both kept, the second under a new id, and the text is kept as a backup", () => {
  const raw = text(file([claim("a1"), claim("a1", { name: "Other" }), claim("a1-2")]));
  const r = f.readStored(raw, NOW);
  assert.equal(r.status, "recovered");
  assert.equal(r.backup, raw);
  assert.deepEqual(
    r.workspace.claims.map((c) => [c.id, c.name]),
    [
      ["a1", "Claim a1"],
      ["a1-3", "Other"],
      ["a1-2", "Claim a1-2"],
    ],
  );
  assert.ok(r.messages.some((m) => /new id 'a1-3'/.test(m)));
  assert.deepEqual(f.checkWorkspace(r.workspace), []);
});

test("keys and ids named like a JavaScript object's own properties are refused with the field named", () => {
  const raw =
    '{"format":"coop-portal/workspace","version":1,"funds":[],"claims":[' +
    text(claim("a1")).slice(0, -1) +
    ',"__proto__":{"x":1}}],"hasOwnProperty":1}';
  const r = f.parseWorkspace(raw);
  assert.equal(r.ok, false);
  assert.deepEqual(r.errors, [
    "claims[0].__proto__: expected no such field, but got an object. Hint: remove it",
    "hasOwnProperty: expected no such field, but got 1. Hint: remove it",
  ]);
  for (const id of ["__proto__", "valueOf", "constructor", "toString"]) {
    const e = f.parseWorkspace(text(file([claim(id)]))).errors;
    assert.match(e[0], new RegExp("^claims\\[0\\]\\.id: expected an id .*not a name every JavaScript object has.*but got '" + id + "'$"));
  }
  const keyed = f.parseWorkspace(text(file([claim("a1", { tick_hashes: { constructor: "h" }, ticked: ["constructor"] })]))).errors;
  assert.equal(keyed.length, 2);
  assert.match(keyed.join("\n"), /claims\[0\]\.ticked\[0\]: expected an item id/);
  assert.match(keyed.join("\n"), /claims\[0\]\.tick_hashes: expected keys like 'poe-csr' \(not a name/);
});

test("stored data with such keys still gives its claims, without the keys, and changes work on it", () => {
  const raw =
    '{"format":"coop-portal/workspace","version":1,"funds":[],"__proto__":{"claims":[]},"claims":[' +
    text(claim("a1")).slice(0, -1) +
    ',"valueOf":2}]}';
  const r = f.readStored(raw, NOW);
  assert.equal(r.status, "recovered");
  assert.deepEqual(r.workspace.claims, [claim("a1")]);
  assert.equal(Object.getPrototypeOf(r.workspace.claims[0]), Object.prototype);
  const next = w.updateClaim(r.workspace, "a1", { name: "Renamed" }, T);
  assert.equal(next.claims[0].name, "Renamed");
});

test("a time that matches the old pattern but is not a real time is refused, and stored it is left out", () => {
  for (const bad of ["2026-13-45T10:00:00.000Z", "2026-02-30T10:00:00.000Z", "2026-09-01T24:00:00.000Z", "2026-09-01T10:61:00.000Z"]) {
    assert.equal(f.isTime(bad), false, bad);
    assert.match(f.parseWorkspace(text(file([claim("a1", { updated: bad })]))).errors[0], /^claims\[0\]\.updated: expected a real time/);
  }
  const r = f.readStored(text(file([claim("a1", { updated: "2026-13-45T99:99:99.999Z" })], { updated: "2026-99-99T00:00:00.000Z" })), NOW);
  assert.equal(r.workspace.updated, NOW);
  assert.deepEqual(r.workspace.claims, [claim("a1")]);
});

test("a change is stamped later than the last one, and always with a time the file takes", () => {
  assert.equal(f.nextStamp(NOW, "2026-08-01T00:00:00.000Z"), NOW);
  assert.equal(f.nextStamp(NOW, NOW), "2026-09-01T10:00:00.001Z");
  assert.equal(f.nextStamp(NOW, "2030-01-01T00:00:00.000Z"), "2030-01-01T00:00:00.001Z");
  assert.equal(f.nextStamp(NOW, "2026-13-45T99:99:99.999Z"), NOW);
  assert.equal(f.nextStamp(NOW, "2999-12-31T23:59:59.999Z"), "2999-12-31T23:59:59.999Z");
  assert.equal(f.nextStamp("garbage", undefined), "2999-12-31T23:59:59.999Z");
});

test("an amount is checked before it is rounded: none rounds up to the limit", () => {
  assert.match(
    f.parseWorkspace(text(file([claim("a1", { amount: 999999999999.995 })]))).errors[0],
    /^claims\[0\]\.amount: expected a number from 0 to 999999999999\.99, but got 999999999999\.995$/,
  );
  const r = f.parseWorkspace(text(file([claim("a1", { amount: f.MAX_AMOUNT })])));
  assert.equal(r.ok, true);
  assert.deepEqual(f.parseWorkspace(f.serializeWorkspace(r.state)).state, r.state);
  const stored = f.readStored(text(file([claim("a1", { amount: 999999999999.995 }), claim("b2")])), NOW);
  assert.deepEqual(
    stored.workspace.claims.map((c) => c.id),
    ["b2"],
  );
});

test("anything not a workspace is kept whole as the backup and the page starts empty", () => {
  for (const raw of ["", "{", "null", "[]", "42", '"text"', '{"format":"other"}', '{"format":"coop-portal/workspace","version":9}']) {
    const r = f.readStored(raw, NOW);
    assert.equal(r.status, "recovered", raw);
    assert.equal(r.backup, raw);
    assert.ok(r.messages.length, raw);
    assert.deepEqual(f.checkWorkspace(r.workspace), [], raw);
  }
  assert.deepEqual(f.readStored(null, NOW), { workspace: f.emptyWorkspace(NOW), status: "new", messages: [], backup: null });
  const cyclic = { format: f.FORMAT };
  cyclic.self = cyclic;
  const r = f.readStored(cyclic, NOW);
  assert.equal(r.status, "recovered");
  assert.equal(typeof r.backup, "string");
});

test("a stored value (not text), as another store may hold it, is read the same way", () => {
  const value = file([claim("a1")]);
  assert.equal(f.readStored(value, NOW).status, "ok");
  const bad = file([claim("a1"), claim("a1")]);
  const r = f.readStored(bad, NOW);
  assert.equal(r.status, "recovered");
  assert.equal(r.backup, JSON.stringify(bad));
});

// ------------------------------------------------------------------ fuzz

// A small seeded generator, so a failing case can be run again by its number.
function random(seed) {
  let s = seed >>> 0 || 1;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0), s / 4294967296);
}
const NAMES = f.RESERVED.concat(["id", "claims", "funds", "deleted", "updated", "amount", "ticked", "status", "evidence", "x", "", "a1"]);
function anyValue(r, depth = 0) {
  const k = Math.floor(r() * (depth > 3 ? 6 : 9));
  if (k === 0) return null;
  if (k === 1) return r() < 0.5;
  if (k === 2) return [0, -1, 1e12, 999999999999.995, 0.005, NaN, 1e308, 7500][Math.floor(r() * 8)];
  if (k === 3) return ["", "2026-13-45T99:99:99.999Z", "2026-09-01", "FY27H1", "__proto__", "x".repeat(300), NOW][Math.floor(r() * 7)];
  if (k === 4) return Math.floor(r() * 1e6) / 100;
  if (k === 5) return "t" + Math.floor(r() * 100);
  if (k === 6 || k === 7) return Array.from({ length: Math.floor(r() * 4) }, () => anyValue(r, depth + 1));
  const o = {};
  for (let i = Math.floor(r() * 5); i > 0; i--)
    Object.defineProperty(o, NAMES[Math.floor(r() * NAMES.length)], {
      value: anyValue(r, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return o;
}
const PATHS = [
  ["updated"],
  ["claims", 0, "id"],
  ["claims", 1, "id"],
  ["claims", 0, "amount"],
  ["claims", 0, "updated"],
  ["claims", 0, "ticked"],
  ["claims", 0, "tick_hashes"],
  ["claims", 0, "evidence"],
  ["claims", 0, "status_dates"],
  ["claims", 1, "start"],
  ["funds", 0, "amount"],
  ["funds", 0, "usage_period"],
  ["deleted", 0, "id"],
  ["deleted", 0, "claim"],
];
function valid() {
  let s = w.setFunds(w.emptyWorkspace(NOW), "FY27H1", 40000, T);
  s = w.addClaim(s, { name: "One", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500 }, T, "c1");
  s = w.addClaim(s, { name: "Two", activity: "print-advertising", start: "2026-10-01", end: "2026-10-30", amount: 500 }, T, "c2");
  s = w.tick(w.addEvidence(s, "c1", "poe-csr", { file: "a.pdf" }, T, "e1"), "c1", "poe-csr", "h", T);
  s = w.addClaim(s, { name: "Three", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1 }, T, "c3");
  return JSON.parse(f.serializeWorkspace(w.deleteClaim(s, "c3", T)));
}
function mutate(r, value) {
  const out = JSON.parse(JSON.stringify(value));
  for (let n = 1 + Math.floor(r() * 3); n > 0; n--) {
    const path = PATHS[Math.floor(r() * PATHS.length)];
    let o = out;
    for (const k of path.slice(0, -1)) o = o && typeof o === "object" ? o[k] : undefined;
    if (!o || typeof o !== "object") continue;
    const last = path[path.length - 1],
      roll = r();
    if (roll < 0.15) delete o[last];
    else if (roll < 0.3 && Array.isArray(out.claims)) out.claims.push(JSON.parse(JSON.stringify(out.claims[0] || {})));
    else if (roll < 0.45)
      Object.defineProperty(o, NAMES[Math.floor(r() * NAMES.length)], {
        value: anyValue(r),
        enumerable: true,
        configurable: true,
        writable: true,
      });
    else o[last] = anyValue(r);
  }
  return out;
}
// What the page does with a stored workspace at start, and the changes it must always allow.
function startsAndWorks(raw) {
  const r = f.readStored(raw, NOW);
  assert.deepEqual(f.checkWorkspace(r.workspace), [], "what is used is a right workspace");
  assert.ok(r.status === "ok" || r.backup !== null, "whatever was dropped is in the backup");
  if (r.status === "ok")
    assert.equal(r.workspace.claims.length, JSON.parse(typeof raw === "string" ? raw : JSON.stringify(raw)).claims.length);
  const ctx = { at: { ...T, now: f.nextStamp(NOW, r.workspace.updated) }, data: D, rulesVersion: "t", generation: "g" };
  let s = st.initialState(w.reconcile(r.workspace, D));
  for (const c of s.workspace.claims) {
    d.nextInList(c, D, T.today);
    s = st.reduce(s, { type: "claimFieldEntered", id: c.id, field: "name", value: c.name + " (seen)" }, ctx);
  }
  for (const u of w.usagePeriods(s.workspace, D)) w.dashboard(s.workspace, D, u, { today: T.today });
  assert.deepEqual(f.parseWorkspace(f.serializeWorkspace(s.workspace)).errors, undefined, "what is saved opens again");
  s = st.reduce(
    st.reduce(s, { type: "fileRead", name: "x.json", text: "", read: { ok: true, state: valid() } }, ctx),
    { type: "fileUsed", how: "merge" },
    ctx,
  );
  assert.deepEqual(f.checkWorkspace(s.workspace), []);
  s = st.reduce(s, { type: "cleared" }, ctx);
  assert.deepEqual(s.workspace.claims, []);
  return r.status;
}

test("fuzz: mutations of a valid workspace in storage always start, and what is dropped is in the backup", () => {
  const base = valid(),
    seen = { ok: 0, recovered: 0 };
  for (let seed = 1; seed <= 1500; seed++) {
    const r = random(seed),
      value = mutate(r, base);
    const raw = r() < 0.8 ? JSON.stringify(value) : value;
    try {
      seen[startsAndWorks(raw)]++;
    } catch (e) {
      e.message = "seed " + seed + ": " + e.message + "\n" + JSON.stringify(value).slice(0, 2000);
      throw e;
    }
  }
  // The mutations reach both sides: data used whole, and data salvaged with a backup.
  assert.ok(seen.ok > 20 && seen.recovered > 500, JSON.stringify(seen));
});

test("fuzz: random JSON in storage always starts", () => {
  for (let seed = 1; seed <= 1500; seed++) {
    const r = random(seed * 7919),
      value = anyValue(r),
      wrapped =
        r() < 0.5 ? value : { format: f.FORMAT, version: 1, funds: anyValue(r), claims: [anyValue(r), anyValue(r)], deleted: anyValue(r) };
    const raw = JSON.stringify(wrapped);
    try {
      if (raw === undefined) continue;
      startsAndWorks(raw);
      const record = f.readFileRecord(raw);
      assert.deepEqual(
        Object.keys(record).filter((k) => !["file", "opened", "savedUpdated", "since"].includes(k)),
        [],
      );
      st.fileState(st.initialState(f.emptyWorkspace(NOW), { file: record }), T.today);
    } catch (e) {
      e.message = "seed " + seed + ": " + e.message + "\n" + raw.slice(0, 2000);
      throw e;
    }
  }
});

test("a claim dated in the future by a wrong clock: an edit or a deletion still wins over its old copy", () => {
  const storage = load("storage");
  const future = "2999-01-01T00:00:00.000Z";
  const old = { ...f.emptyWorkspace(NOW), claims: [claim("a1", { updated: future }), claim("b2", { updated: future })] };
  const edited = w.deleteClaim(w.updateClaim(old, "a1", { name: "Edited today" }, T), "b2", T);
  assert.ok(edited.claims[0].updated > future);
  const merged = storage.mergeWorkspaces(old, edited);
  assert.deepEqual(
    merged.claims.map((c) => c.name),
    ["Edited today"],
  );
  assert.deepEqual(
    merged.deleted.map((t) => t.id),
    ["b2"],
  );
  const back = w.restoreClaim(edited, "b2", T);
  assert.deepEqual(
    storage.mergeWorkspaces(edited, back).claims.map((c) => c.id),
    ["a1", "b2"],
  );
  const funds = w.setFunds(
    { ...f.emptyWorkspace(NOW), funds: [{ usage_period: "FY27H1", amount: 1, currency: "USD", updated: future }] },
    "FY27H1",
    2,
    T,
  );
  assert.ok(funds.funds[0].updated > future);
});

test("the record of saving to a file keeps only its right fields, whatever the browser kept", () => {
  const right = { file: NOW, opened: "w.json", savedUpdated: NOW, since: "2026-09-01" };
  assert.deepEqual(f.readFileRecord(JSON.stringify(right)), right);
  assert.deepEqual(f.readFileRecord(right), right);
  for (const raw of [null, undefined, "", "{", "5", "[]", '"x"', '{"file":5,"since":"garbage","savedUpdated":"2026-13-45T99:99:99.999Z"}'])
    assert.deepEqual(f.readFileRecord(raw), {}, String(raw));
  const odd = f.readFileRecord('{"__proto__":{"file":"x"},"constructor":1,"opened":"a.json"}');
  assert.deepEqual(odd, { opened: "a.json" });
  assert.equal(Object.getPrototypeOf(odd), Object.prototype);
  const s = st.initialState(f.emptyWorkspace(NOW), { file: f.readFileRecord('{"file":5}') });
  assert.deepEqual(st.fileState(s, T.today), { unsaved: false, lastFile: null, since: T.today, remind: false });
});

test("a workspace IndexedDB kept is read as it is when whole and of this version, as its text would be read, and left unchanged", () => {
  const ws = {
    format: "coop-portal/workspace",
    version: 1,
    updated: NOW,
    funds: [{ usage_period: "FY27H1", amount: 40000.004, currency: "USD" }],
    claims: [claim("a"), claim("b", { amount: 10.005, claimed: 9.5 }), claim("c", { next_action: { text: "Call", due: "2026-10-01" } })],
    deleted: [],
  };
  const before = JSON.stringify(ws),
    kept = f.readKept(ws),
    read = f.readStored(JSON.stringify(ws), NOW);
  assert.deepEqual(kept, read);
  assert.equal(JSON.stringify(ws), before, "what IndexedDB gave is not changed");
  assert.equal(kept.workspace.claims[0], ws.claims[0], "a claim in whole cents is the one kept");
  assert.notEqual(kept.workspace.claims[1], ws.claims[1], "a claim rounded to cents is a copy");
  // Anything else goes the way of its text: damaged, older, or not a workspace.
  for (const other of [
    { ...ws, claims: [...ws.claims, claim("a")] },
    { ...ws, claims: [{ ...claim("d"), amount: undefined }] },
    { ...ws, claims: [{ ...claim("e"), extra: 1 }] },
    { ...ws, version: 0 },
    { ...ws, format: "other" },
    null,
    [ws],
  ])
    assert.equal(f.readKept(other), null);
});
