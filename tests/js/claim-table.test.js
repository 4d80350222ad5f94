// claim-table.js: the claim table's sort, status filter and totals by status.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load } = require("./workspace_fixture.js");

const t = load("claim-table");
const w = load("workspace");
const D = data();
const claim = (id, status, start, end, amount, extra = {}) => ({
  id,
  name: "Claim " + id,
  activity: "print",
  start,
  end,
  amount,
  status,
  ticked: [],
  ...extra,
});
const CLAIMS = [
  claim("a", "submitted", "2026-09-01", "2026-09-30", 7250, { claimed: 7250, claim_number: "0001234567" }),
  claim("b", "planned", "2026-12-10", "2026-12-20", 1200),
  claim("c", "paid", "2026-07-01", "2026-07-31", 3000, { claimed: 3000, approved: 2400, paid: 2400 }),
  claim("d", "approved", "2026-10-01", "2026-10-15", 500, { claimed: 500, approved: 500 }),
  claim("e", "planned", "2026-08-01", "2026-08-31", 99.5, { currency: "EUR" }),
];
const ids = (list) => list.map((c) => c.id).join("");
const rank = (c) => D.statuses.findIndex((s) => s.id === c.status);

test("no sort keeps the list's own order and array", () => {
  assert.equal(t.sortClaims(CLAIMS, null, D), CLAIMS);
  assert.equal(t.sortClaims(CLAIMS, { column: "nope", dir: "ascending" }, D), CLAIMS);
});

test("sorting by status follows the life cycle, ties keep the list's order, descending reverses it", () => {
  const up = t.sortClaims(CLAIMS, { column: "status", dir: "ascending" }, D);
  assert.deepEqual(
    up.map(rank),
    [...CLAIMS.map(rank)].sort((x, y) => x - y),
  );
  assert.equal(ids(up.filter((c) => c.status === "planned")), "be", "ties in the list's order");
  const down = t.sortClaims(CLAIMS, { column: "status", dir: "descending" }, D);
  assert.deepEqual(
    down.map(rank),
    [...CLAIMS.map(rank)].sort((x, y) => y - x),
  );
  assert.notEqual(up, CLAIMS, "a new array");
  assert.equal(ids(CLAIMS), "abcde", "the claims given are not reordered");
});

test("sorting by amount compares cents; claims without a value come last both ways", () => {
  assert.equal(ids(t.sortClaims(CLAIMS, { column: "amount", dir: "ascending" }, D)), "edbca");
  assert.equal(ids(t.sortClaims(CLAIMS, { column: "amount", dir: "descending" }, D)), "acbde");
  assert.equal(ids(t.sortClaims(CLAIMS, { column: "approved", dir: "ascending" }, D)), "dcabe");
  assert.equal(ids(t.sortClaims(CLAIMS, { column: "approved", dir: "descending" }, D)), "cdabe");
  assert.equal(ids(t.sortClaims(CLAIMS, { column: "claim_number", dir: "descending" }, D)).slice(0, 1), "a");
});

test("the deadline is the claim-by date before submission, the resolution deadline in review, none after", () => {
  const [a, b, c] = CLAIMS;
  assert.equal(t.deadlineOf(a, D), w.claimTiming(a, D).resolutionDeadline);
  assert.equal(t.deadlineOf(b, D), w.claimTiming(b, D).claimBy);
  assert.equal(t.deadlineOf(c, D), null);
  const by = t.sortClaims(CLAIMS, { column: "deadline", dir: "ascending" }, D);
  const dates = by.map((x) => t.deadlineOf(x, D));
  const known = dates.filter(Boolean);
  assert.deepEqual(known, [...known].sort());
  assert.deepEqual(dates.slice(known.length), [null, null], "no deadline last");
});

test("once the advised claim-by date has passed, the deadline shown and sorted by is the claim deadline", () => {
  const b = CLAIMS[1], // planned for December: its claim-by date is still ahead
    later = { ...b, id: "b2", start: "2026-09-01", end: "2026-09-10" }, // ended in September
    tb = w.claimTiming(b, D),
    tl = w.claimTiming(later, D);
  const past = new Date(Date.parse(tl.claimBy + "T00:00:00Z") + 86400000).toISOString().slice(0, 10);
  assert.ok(tl.claimBy < past && past < tb.claimBy && tb.claimBy < tl.claimDeadline);
  assert.equal(t.deadlineOf(later, D, tl.claimBy), tl.claimBy, "on the claim-by day itself");
  assert.equal(t.deadlineOf(later, D, past), tl.claimDeadline);
  assert.equal(t.deadlineOf(later, D), tl.claimBy, "without a day: the advised date");
  const by = t.sortClaims([later, b], { column: "deadline", dir: "ascending" }, D, undefined, past);
  assert.deepEqual(
    by.map((c) => c.id),
    ["b", "b2"],
  );
});

test("a claim past the deadlines says why it has none, in the words of its status", () => {
  const [, , c, d] = CLAIMS;
  const name = (id) => D.statuses.find((s) => s.id === id).name.toLowerCase();
  assert.equal(t.noDeadline(c, D), "None (" + name("paid") + ")");
  assert.equal(t.noDeadline(d, D), "None (" + name("approved") + ")");
  assert.equal(t.noDeadline({ ...c, status: "rejected" }, D), "None (" + name("rejected") + ")");
});

test("a second click on a column reverses its order; another column starts ascending", () => {
  const one = t.nextSort(null, "status");
  assert.deepEqual(one, { column: "status", dir: "ascending" });
  assert.deepEqual(t.nextSort(one, "status"), { column: "status", dir: "descending" });
  assert.deepEqual(t.nextSort(t.nextSort(one, "status"), "status"), one);
  assert.deepEqual(t.nextSort(one, "paid"), { column: "paid", dir: "ascending" });
});

test("the status filter matches a status by id, name or alias; none shows all", () => {
  assert.equal(ids(CLAIMS.filter((c) => t.statusMatches(c, "planned", D))), "be");
  assert.equal(ids(CLAIMS.filter((c) => t.statusMatches(c, "", D))), "abcde");
  assert.ok(t.statusMatches({ status: "Ready to submit" }, "editing", D));
});

test("totals by status are in life-cycle order, add up to the whole, and keep currencies apart", () => {
  const totals = t.totalsByStatus(CLAIMS, D);
  assert.deepEqual(
    totals.map((x) => x.status),
    [...new Set([...CLAIMS].sort((x, y) => rank(x) - rank(y)).map((c) => c.status))],
  );
  assert.equal(
    totals.reduce((n, x) => n + x.count, 0),
    CLAIMS.length,
  );
  const planned = totals.find((x) => x.status === "planned");
  assert.deepEqual(planned.totals, [
    { currency: "EUR", planned: 9950, claimed: 0, approved: 0, paid: 0 },
    { currency: "USD", planned: 120000, claimed: 0, approved: 0, paid: 0 },
  ]);
  for (const f of ["claimed", "approved", "paid"]) {
    const sum = totals.flatMap((x) => x.totals).reduce((n, m) => n + m[f], 0);
    assert.equal(
      sum,
      CLAIMS.reduce((n, c) => n + Math.round((c[f] || 0) * 100), 0),
      f,
    );
  }
});
