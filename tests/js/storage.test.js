// storage.js: the file format, its checks, two tabs merged, backups, and storage adapters.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load, at } = require("./workspace_fixture.js");

const st = load("storage");
const w = load("workspace");
const T = at("2026-09-01");

const sample = () => ({
  format: "coop-portal/workspace",
  version: 1,
  funds: [{ usage_period: "FY27H1", amount: 40000, currency: "USD" }],
  claims: [
    {
      id: "k1",
      name: "Autumn print ad",
      activity: "print-advertising",
      start: "2026-09-01",
      end: "2026-09-30",
      amount: 7500,
      status: "gathering proof",
      ticked: ["poe-csr", "poe-final-printed-piece"],
    },
  ],
});
const read = (file) => st.parseWorkspace(JSON.stringify(file));

function memoryAdapter(initial = {}) {
  const data = new Map(Object.entries(initial));
  return { data, get: (k) => (data.has(k) ? data.get(k) : null), set: (k, v) => (data.set(k, v), true), remove: (k) => data.delete(k) };
}

test("the smallest workspace file opens as it is", () => {
  const r = read(sample());
  assert.equal(r.ok, true, r.errors && r.errors.join("\n"));
  assert.deepEqual(r.state, { ...sample(), deleted: [] });
  assert.equal(r.migrated, false);
});

test("a saved state reads back the same", () => {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  s = w.addClaim(
    s,
    { name: 'x\u0000"</script>', activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 7500.5 },
    T,
    "a",
  );
  s = w.tick(w.addEvidence(s, "a", "poe-csr", { file: "f.pdf", note: "n" }, T, "e1"), "a", "poe-csr", "h2", T);
  s = w.deleteClaim(
    w.addClaim(s, { name: "y", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1 }, T, "b"),
    "b",
    T,
  );
  assert.deepEqual(st.parseWorkspace(st.serializeWorkspace(s)).state, s);
});

test("a wrong value is reported with the field's path and what it holds", () => {
  const file = sample();
  file.claims.push({ ...file.claims[0], id: "k2" }, { ...file.claims[0], id: "k3", amount: "abc" });
  assert.deepEqual(read(file).errors, ["claims[2].amount: expected a number, but got 'abc'"]);
});

test("every problem is reported at once, one line each", () => {
  const file = sample();
  delete file.claims[0].name;
  file.claims[0].start = "2026-02-30";
  file.claims[0].colour = "red";
  file.claims[0].ticked = ["poe-csr", "poe-csr"];
  file.funds[0].amount = -1;
  file.funds[0].currency = "usd";
  assert.deepEqual(read(file).errors, [
    "funds[0].amount: expected a number from 0 to 999999999999.99, but got -1",
    "funds[0].currency: expected a currency code like USD, but got 'usd'",
    "claims[0].name: expected a text, but it is missing",
    "claims[0].start: expected a date like 2026-09-30, but got '2026-02-30'",
    "claims[0].ticked: expected each entry once, but got a list",
    "claims[0].colour: expected no such field, but got 'red'. Hint: remove it",
  ]);
});

test("nested fields are checked to the last level", () => {
  const file = sample();
  Object.assign(file.claims[0], {
    evidence: { "poe-csr": [{ id: "e1", file: "f", note: "n", at: "yesterday" }] },
    status_dates: { "Gathering Proof": "2026-09-01" },
    next_action: { due: "2026-10-01" },
    flags: ["lost"],
  });
  assert.deepEqual(read(file).errors, [
    "claims[0].evidence.poe-csr[0].at: expected a date like 2026-09-30, but got 'yesterday'",
    "claims[0].status_dates: expected keys like 'gathering-proof', but got 'Gathering Proof'",
    "claims[0].next_action.text: expected a text, but it is missing",
    "claims[0].flags[0]: expected one of activity-removed, checklist-changed, items-removed, unknown-status, but got 'lost'",
  ]);
});

test("files that are not workspaces, or from a newer portal, are refused with a reason", () => {
  assert.match(st.parseWorkspace("{oops").errors[0], /^expected a workspace file \(JSON\), but the text is not JSON/);
  assert.match(
    read({ format: "coop-portal-checklist" }).errors[0],
    /^format: expected 'coop-portal\/workspace', but got 'coop-portal-checklist'/,
  );
  assert.match(
    read({ ...sample(), version: 2 }).errors[0],
    /^version: expected a whole number from 1 to 1, but got 2\. Hint: a file from a newer portal/,
  );
  assert.match(read({ ...sample(), version: "1" }).errors[0], /^version: .* but got '1'/);
  assert.match(st.parseWorkspace("null").errors[0], /^format:/);
  assert.match(st.parseWorkspace("[]").errors[0], /^format:/);
});

test("lengths count characters, not UTF-16 units", () => {
  const file = sample();
  file.claims[0].name = "\u{1F4B0}".repeat(200);
  assert.equal(read(file).ok, true);
  file.claims[0].name += "x";
  assert.deepEqual(read(file).errors, [
    "claims[0].name: expected a text of at most 200 characters, but got '" + "\u{1F4B0}".repeat(20) + "\u2026'",
  ]);
});

test("amounts with fractions of a cent are rounded to the cent when read", () => {
  const file = sample();
  file.claims[0].amount = 12.345;
  assert.equal(read(file).state.claims[0].amount, 12.35);
});

test("a bin entry holds a claim or a fund, not both", () => {
  const file = { ...sample(), deleted: [{ id: "k9", at: T.now, claim: sample().claims[0], fund: sample().funds[0] }] };
  assert.deepEqual(read(file).errors, ["deleted[0]: expected a claim or a fund, not both, but got an object"]);
});

test("migrations run one version at a time up to the current one", () => {
  const steps = { 1: (f) => ({ ...f, funds: f.funds.map((x) => ({ ...x, note: "v2" })) }), 2: (f) => ({ ...f, claims: [] }) };
  const out = st.migrate(sample(), steps, 3);
  assert.deepEqual([out.version, out.funds[0].note, out.claims.length], [3, "v2", 0]);
  assert.throws(() => st.migrate(sample(), {}, 2), /version: expected a version this portal can read, but got 1/);
  const current = sample();
  assert.equal(st.migrate(current), current);
});

// ------------------------------------------------------------------ two tabs

function base() {
  let s = w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 40000, T);
  return w.addClaim(s, { name: "shared", activity: "print-advertising", start: "2026-09-01", end: "2026-09-30", amount: 100 }, T, "s");
}
const t = (time) => at("2026-09-01", time);

test("claims added in two tabs are both kept", () => {
  const a = w.addClaim(
    base(),
    { name: "from a", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1 },
    t("11:00:00.000"),
    "a",
  );
  const b = w.addClaim(
    base(),
    { name: "from b", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 2 },
    t("11:00:01.000"),
    "b",
  );
  const m = st.mergeWorkspaces(a, b);
  assert.deepEqual(
    m.claims.map((c) => c.id),
    ["s", "a", "b"],
  );
  assert.deepEqual(st.mergeWorkspaces(b, a), m);
  assert.deepEqual(st.mergeWorkspaces(m, m), m);
});

test("the later change of one claim wins, whichever tab is merged first", () => {
  const a = w.updateClaim(base(), "s", { amount: 111 }, t("11:00:00.000"));
  const b = w.updateClaim(base(), "s", { amount: 222 }, t("12:00:00.000"));
  assert.equal(st.mergeWorkspaces(a, b).claims[0].amount, 222);
  assert.equal(st.mergeWorkspaces(b, a).claims[0].amount, 222);
  const tie = w.updateClaim(base(), "s", { amount: 333 }, t("12:00:00.000"));
  assert.deepEqual(st.mergeWorkspaces(b, tie), st.mergeWorkspaces(tie, b));
});

test("a delete in one tab is not undone by the other tab's older copy", () => {
  const a = w.deleteClaim(base(), "s", t("11:00:00.000"));
  const m = st.mergeWorkspaces(a, base());
  assert.deepEqual([m.claims.length, m.deleted.map((t) => t.id)], [0, ["s"]]);
  assert.deepEqual(st.mergeWorkspaces(base(), a), m);
});

test("a change made after the delete in another tab keeps the claim", () => {
  const a = w.deleteClaim(base(), "s", t("11:00:00.000"));
  const b = w.updateClaim(base(), "s", { notes: "still needed" }, t("11:30:00.000"));
  const m = st.mergeWorkspaces(a, b);
  assert.deepEqual([m.claims.map((c) => c.notes), m.deleted.length], [["still needed"], 0]);
});

test("an undone delete survives the other tab's bin entry", () => {
  const deleted = w.deleteClaim(base(), "s", t("11:00:00.000"));
  const restored = w.restoreClaim(deleted, "s", t("11:05:00.000"));
  const m = st.mergeWorkspaces(deleted, restored);
  assert.deepEqual([m.claims.map((c) => c.id), m.deleted.length], [["s"], 0]);
});

test("funds merge per usage period by the later change, deletions included", () => {
  const a = w.setFunds(base(), "FY27H1", 50000, t("11:00:00.000"));
  const b = w.setFunds(w.setFunds(base(), "FY27H1", 45000, t("10:30:00.000")), "FY27H2", 9000, t("10:30:00.000"));
  const m = st.mergeWorkspaces(a, b);
  assert.deepEqual(
    m.funds.map((f) => [f.usage_period, f.amount]),
    [
      ["FY27H1", 50000],
      ["FY27H2", 9000],
    ],
  );
  const gone = w.removeFunds(b, "FY27H2", t("12:00:00.000"));
  assert.deepEqual(
    st.mergeWorkspaces(m, gone).funds.map((f) => f.usage_period),
    ["FY27H1"],
  );
  assert.equal(st.checkWorkspace(st.mergeWorkspaces(m, gone)).length, 0);
});

// ------------------------------------------------------------------ saving and loading

test("nothing saved yet gives an empty workspace", () => {
  const r = st.loadWorkspace(memoryAdapter(), T.now);
  assert.deepEqual([r.status, r.state.claims, r.errors], ["new", [], []]);
});

test("a saved workspace loads back", () => {
  const store = memoryAdapter();
  assert.equal(st.saveWorkspace(store, base()).saved, true);
  const r = st.loadWorkspace(store, T.now);
  assert.deepEqual([r.status, r.state], ["ok", base()]);
});

test("saving merges in what another tab saved meanwhile", () => {
  const store = memoryAdapter();
  const other = w.addClaim(
    base(),
    { name: "other tab", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1 },
    t("11:00:00.000"),
    "o",
  );
  st.saveWorkspace(store, other);
  const mine = w.updateClaim(base(), "s", { amount: 500 }, t("11:01:00.000"));
  const out = st.saveWorkspace(store, mine);
  assert.deepEqual(
    out.state.claims.map((c) => [c.id, c.amount]),
    [
      ["s", 500],
      ["o", 1],
    ],
  );
  assert.deepEqual(st.loadWorkspace(store, T.now).state, out.state);
});

test("damaged saved text is kept as a backup, and every claim still correct is recovered", () => {
  const file = sample();
  file.claims.push({ ...file.claims[0], id: "k2", amount: "lots" });
  const raw = JSON.stringify(file);
  const store = memoryAdapter({ [st.KEY]: raw });
  const r = st.loadWorkspace(store, T.now);
  assert.deepEqual([r.status, r.state.claims.map((c) => c.id), r.state.funds.length], ["recovered", ["k1"], 1]);
  assert.deepEqual(r.errors, ["claims[1].amount: expected a number, but got 'lots'"]);
  assert.deepEqual(
    st.readBackups(store).map((b) => [b.text, b.errors]),
    [[raw, r.errors]],
  );
  st.loadWorkspace(store, T.now);
  assert.equal(st.readBackups(store).length, 1);
});

test("text that is not JSON at all is kept as a backup and the workspace starts empty", () => {
  const store = memoryAdapter({ [st.KEY]: '{"format": "coop-portal/workspace", "claims": [' });
  const r = st.loadWorkspace(store, T.now);
  assert.deepEqual([r.status, r.state.claims.length], ["recovered", 0]);
  assert.equal(st.readBackups(store)[0].text, store.data.get(st.KEY));
});

test("saving over damaged text keeps that text as a backup first", () => {
  const store = memoryAdapter({ [st.KEY]: "garbage" });
  st.saveWorkspace(store, base());
  assert.deepEqual([st.readBackups(store)[0].text, st.loadWorkspace(store, T.now).status], ["garbage", "ok"]);
});

test("an unreadable backup list is itself kept as a backup", () => {
  const store = memoryAdapter({ [st.BACKUP_KEY]: "not a list" });
  st.keepBackup(store, "new text", ["x"], T.now);
  assert.deepEqual(
    st.readBackups(store).map((b) => b.text),
    ["not a list", "new text"],
  );
});

// ------------------------------------------------------------------ browser storage

test("working browser storage is used as it is", () => {
  const backing = new Map();
  const store = st.wrapStorage(() => ({
    getItem: (k) => (backing.has(k) ? backing.get(k) : null),
    setItem: (k, v) => backing.set(k, v),
    removeItem: (k) => backing.delete(k),
  }));
  assert.equal(store.set("k", "v"), true);
  assert.deepEqual([store.get("k"), backing.get("k"), store.blocked], ["v", "v", false]);
  store.remove("k");
  assert.equal(store.get("k"), null);
});

test("blocked storage works in memory for the page", () => {
  const store = st.wrapStorage(() => {
    throw new Error("SecurityError");
  });
  assert.equal(store.get("k"), null);
  assert.equal(store.set("k", "v"), false);
  assert.deepEqual([store.get("k"), store.blocked], ["v", true]);
  const r = st.saveWorkspace(store, base());
  assert.equal(r.saved, false);
  assert.deepEqual(st.loadWorkspace(store, T.now).state, base());
});

test("a full storage keeps the newest text in memory instead of losing it", () => {
  const backing = new Map([["k", "old"]]);
  const store = st.wrapStorage(() => ({
    getItem: (k) => backing.get(k) ?? null,
    setItem: () => {
      throw new Error("QuotaExceededError");
    },
    removeItem: (k) => backing.delete(k),
  }));
  assert.equal(store.set("k", "new"), false);
  assert.equal(store.get("k"), "new");
});

test("a file name carries the day", () => {
  assert.equal(st.fileName("2026-09-01"), "coop-workspace-2026-09-01.json");
});

test("a workspace opened from a file or cleared replaces the older generation whole", () => {
  const old = w.addClaim(
    base(),
    { name: "old tab", activity: "print-advertising", start: "2026-09-01", end: "2026-09-02", amount: 1 },
    t("13:00:00.000"),
    "o",
  );
  const cleared = { ...w.emptyWorkspace(t("12:00:00.000").now), generation: st.newGeneration(t("12:00:00.000").now) };
  assert.equal(st.mergeWorkspaces(old, cleared), cleared);
  assert.equal(st.mergeWorkspaces(cleared, old), cleared);
  const later = { ...base(), generation: st.newGeneration(t("12:30:00.000").now) };
  assert.equal(st.mergeWorkspaces(cleared, later), later);
  assert.deepEqual(st.checkWorkspace(cleared), []);
});
