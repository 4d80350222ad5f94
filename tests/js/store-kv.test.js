// store-kv.js: the tools' one storage layer (keys, memory fallback, backups, old keys moved).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { load } = require("./workspace_fixture.js");

const kv = load("store-kv");

// A browser storage over a Map; `fail` makes every call throw, as a sandboxed frame's does.
function fakeStorage(entries = {}, fail = false) {
  const data = new Map(Object.entries(entries));
  const guard =
    (fn) =>
    (...a) => {
      if (fail) throw new Error("SecurityError");
      return fn(...a);
    };
  return {
    data,
    getItem: guard((k) => (data.has(k) ? data.get(k) : null)),
    setItem: guard((k, v) => data.set(k, String(v))),
    removeItem: guard((k) => data.delete(k)),
  };
}
const numbers = (key, legacy = []) => ({
  key,
  backupKey: kv.backupKeyFor("n"),
  read: (t) => (/^[0-9]+$/.test(t) ? +t : null),
  write: (v) => (v ? String(v) : null),
  legacy,
});

test("keys are namespaced and versioned, one backup list per store", () => {
  assert.equal(kv.keyFor("checklist", 2, "activity:print-advertising"), "coop-portal:v2:checklist:activity:print-advertising");
  assert.equal(kv.keyFor("workspace", 1), "coop-portal:v1:workspace");
  assert.equal(kv.backupKeyFor("estimator"), "coop-portal:v1:estimator-backup");
});

test("a saved value is read back, and nothing saved is new", () => {
  const s = fakeStorage();
  const slot = kv.slot(
    kv.openKV(() => s),
    numbers("n"),
  );
  assert.deepEqual(slot.load("t"), { value: null, status: "new" });
  assert.equal(slot.save(42), true);
  assert.deepEqual(slot.load("t"), { value: 42, status: "ok" });
  slot.save(0);
  assert.equal(s.data.has("n"), false);
});

test("blocked storage keeps values in memory and says so", () => {
  const store = kv.openKV(() => fakeStorage({}, true));
  const slot = kv.slot(store, numbers("n"));
  assert.equal(slot.save(7), false);
  assert.equal(store.blocked, true);
  assert.deepEqual(slot.load("t"), { value: 7, status: "ok" });
  slot.save(0);
  assert.deepEqual(slot.load("t"), { value: null, status: "new" });
  assert.equal(
    kv
      .openKV(() => {
        throw new Error("no storage");
      })
      .get("x"),
    null,
  );
});

test("unreadable text is kept as a backup once, and the value starts fresh", () => {
  const s = fakeStorage({ n: "junk" });
  const store = kv.openKV(() => s),
    slot = kv.slot(store, numbers("n"));
  assert.deepEqual(slot.load("t1"), { value: null, status: "corrupt" });
  assert.equal(s.data.has("n"), false);
  s.data.set("n", "junk");
  slot.load("t2");
  assert.deepEqual(kv.readBackups(store, kv.backupKeyFor("n")), [{ at: "t1", key: "n", errors: ["could not be read"], text: "junk" }]);
});

test("text under an old key moves to the new key, and the old text is kept as a backup", () => {
  const s = fakeStorage({ old: "v1:5" });
  const store = kv.openKV(() => s);
  const slot = kv.slot(store, numbers("new", [{ key: "old", read: (t) => (t.startsWith("v1:") ? +t.slice(3) : null) }]));
  assert.deepEqual(slot.load("t"), { value: 5, status: "migrated" });
  assert.deepEqual([s.data.get("new"), s.data.has("old")], ["5", false]);
  assert.deepEqual(
    kv.readBackups(store, kv.backupKeyFor("n")).map((b) => [b.key, b.text]),
    [["old", "v1:5"]],
  );
  assert.deepEqual(slot.load("t"), { value: 5, status: "ok" });
  slot.save(0); // cleared: the old ticks do not come back
  assert.deepEqual(slot.load("t"), { value: null, status: "new" });
});

test("an unreadable old text is backed up and not migrated", () => {
  const s = fakeStorage({ old: "junk" });
  const store = kv.openKV(() => s);
  const slot = kv.slot(store, numbers("new", [{ key: "old", read: () => null }]));
  assert.deepEqual(slot.load("t"), { value: null, status: "corrupt" });
  assert.equal(kv.readBackups(store, kv.backupKeyFor("n"))[0].text, "junk");
  assert.deepEqual(slot.load("t"), { value: null, status: "new" });
});

test("an unreadable backup list is itself kept", () => {
  const store = kv.openKV(() => fakeStorage({ b: "not a list" }));
  kv.keepBackup(store, "b", { at: "t", errors: [], text: "x" });
  assert.deepEqual(
    kv.readBackups(store, "b").map((b) => b.text),
    ["not a list", "x"],
  );
});

test("another tab's saves reach watch until the root leaves the page", () => {
  const listeners = new Set();
  global.window = { addEventListener: (_, f) => listeners.add(f), removeEventListener: (_, f) => listeners.delete(f) };
  try {
    const slot = kv.slot(
        kv.openKV(() => fakeStorage()),
        numbers("n"),
      ),
      root = { isConnected: true },
      seen = [];
    slot.watch(root, (v) => seen.push(v));
    const fire = (key, newValue) => [...listeners].forEach((f) => f({ key, newValue }));
    fire("n", "3");
    fire("other", "4");
    fire("n", "junk");
    fire("n", null);
    root.isConnected = false;
    fire("n", "5");
    assert.deepEqual(seen, [3, null]);
    assert.equal(listeners.size, 0);
  } finally {
    delete global.window;
  }
});
