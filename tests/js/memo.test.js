// The work My co-op keeps between redraws (per claim object and day: workspace.js onDay and
// derive; per claims list: ledger.js, the usage halves; lists kept in order: sorted.js) gives,
// after any run of edits, ticks, status changes, deletions, undos and days passing, exactly
// what a fresh computation on copies of the same workspace and rules gives.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at, random } = require("./workspace_fixture.js");

const w = load("workspace");
const dates = load("dates");
const s = load("ws-state");
const { claimMoney, ledger } = load("ledger");
const { needs } = load("needs");
const { SORTABLE, listOrder, sortClaims, totalsByStatus } = load("claim-table");
const D = data();

// Few names and starts, so that claims tie in the list's order and in What needs you.
const NAMES = ["Autumn ad", "autumn ad", "Webinar", "Trade show", "Émail drip", "Email drip", "Zine", "Banner"];
const STATUSES = D.statuses.map((x) => x.id);
const ACTIVITIES = Object.keys(D.activities);

function workspace(rand, count) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const T = at("2026-07-01");
  let ws = w.emptyWorkspace(T.now);
  ws = w.setFunds(ws, "FY27H1", 40000, T);
  ws = w.setFunds(ws, "FY26H2", 9000, T, "EUR");
  for (let i = 0; i < count; i++) {
    const start = dates.addDays("2026-01-01", Math.floor(rand() * 40) * 9),
      activity = pick(ACTIVITIES);
    const fields = { name: pick(NAMES), activity, start, end: dates.addDays(start, Math.floor(rand() * 50)), amount: 500 + i };
    if (rand() < 0.15) fields.currency = "EUR";
    ws = w.addClaim(ws, fields, T, "c" + i);
    const status = pick(STATUSES);
    ws = w.setStatus(ws, "c" + i, status, { ...T, today: dates.addDays(start, Math.floor(rand() * 60)) });
    const patch = {};
    if (rand() < 0.5) patch.claimed = 400 + i;
    if (rand() < 0.3) patch.approved = 300 + i;
    if (rand() < 0.2) patch.paid = 250 + i;
    if (rand() < 0.2) patch.next_action = { text: "Call the agency", ...(rand() < 0.7 ? { due: dates.addDays(start, 30) } : {}) };
    ws = w.updateClaim(ws, "c" + i, patch, T);
  }
  return ws;
}

// Each claim's checklist tick boxes: [id, hash].
const boxes = (claim) => Object.entries(w.checklistUnits(D.activities[claim.activity].checklist).hashes);

// One random action of the reducer on `state` (some are refused: nothing changes then).
function action(rand, state, today) {
  const claims = state.workspace.claims,
    pick = (list) => list[Math.floor(rand() * list.length)],
    c = pick(claims),
    r = rand();
  if (!c || r < 0.05) return { type: "deleteUndone" };
  const field = (name, value) => ({ type: "claimFieldEntered", id: c.id, field: name, value });
  if (r < 0.15) return field("name", rand() < 0.5 ? pick(NAMES) : "Claim " + Math.floor(rand() * 1e6));
  if (r < 0.25) return field("amount", String(100 + Math.floor(rand() * 9000)));
  if (r < 0.32) return field("start", dates.addDays(c.end, -Math.floor(rand() * 40)));
  if (r < 0.38) return field("end", dates.addDays(c.start, Math.floor(rand() * 200)));
  if (r < 0.44) return field("claimed", rand() < 0.2 ? "" : String(50 + Math.floor(rand() * 9000)));
  if (r < 0.5) return field("next-text", rand() < 0.3 ? "" : "Send the invoice");
  if (r < 0.55) return field("next-due", dates.addDays(today, Math.floor(rand() * 30) - 10));
  if (r < 0.75) {
    const [item, hash] = pick(boxes(c));
    return { type: "ticked", id: c.id, item, hash, on: !c.ticked.includes(item) };
  }
  if (r < 0.9)
    return [
      { type: "draftChanged", form: s.claimForm(c.id), field: "status", value: pick(STATUSES) },
      { type: "statusSet", id: c.id },
    ];
  return { type: "claimDeleted", id: c.id };
}

// What the kept work gives, and what a fresh computation on copies gives (nothing of it kept).
function figures(ws, rules, ctx) {
  return {
    needs: needs(ws, rules, ctx),
    money: ws.claims.map((c) => claimMoney(c, rules, ctx)),
    usages: w.usagePeriods(ws, rules),
    ledgers: w.usagePeriods(ws, rules).map((u) => ledger(ws, rules, u, ctx)),
    dashboards: w.usagePeriods(ws, rules).map((u) => w.dashboard(ws, rules, u, ctx)),
    totals: totalsByStatus(ws.claims, rules),
    sorted: SORTABLE.map((column) => sortClaims(ws.claims, { column, dir: "descending" }, rules).map((c) => c.id)),
  };
}
// The list's order as the page sorted it before anything was kept: by start, then name, stable.
const listed = (claims) =>
  [...claims].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.name.localeCompare(b.name))).map((c) => c.id);

for (const seed of [1, 2, 3]) {
  test(
    "after random edits, ticks, status changes, deletions and days passing, what is kept equals a fresh computation (seed " + seed + ")",
    () => {
      const rand = random(seed);
      let state = s.initialState(workspace(rand, 100)),
        today = "2026-08-20",
        zone;
      let steps = 0;
      for (let i = 0; i < 160; i++) {
        if (rand() < 0.1) today = dates.addDays(today, Math.floor(rand() * 40) - 8);
        if (rand() < 0.04) zone = zone ? undefined : "Europe/Berlin";
        const ctx = { at: at(today), data: D, rulesVersion: "r1", generation: today + "/g" };
        for (const a of [action(rand, state, today)].flat()) state = s.reduce(state, a, ctx);
        const ws = state.workspace,
          day = { today, zone };
        const kept = figures(ws, D, day),
          fresh = figures(structuredClone(ws), structuredClone(D), day);
        assert.deepEqual(kept, fresh, "step " + i);
        // The dashboard's lists by days left, ties in the workspace's order.
        const place = new Map(ws.claims.map((c, n) => [c.id, n]));
        for (const b of kept.dashboards)
          for (const list of [b.overdue, b.dueSoon, b.pastClaimBy, b.forfeited])
            list.forEach(
              (e, n) =>
                n &&
                assert.ok(
                  list[n - 1].daysLeft < e.daysLeft || (list[n - 1].daysLeft === e.daysLeft && place.get(list[n - 1].id) < place.get(e.id)),
                  "list order, step " + i,
                ),
            );
        assert.deepEqual(
          listOrder(ws.claims).map((c) => c.id),
          listed(ws.claims),
          "list order, step " + i,
        );
        steps++;
      }
      assert.equal(steps, 160);
    },
  );
}

test("a tick works out again only the claim it changed: the other claims' lines are the ones kept", () => {
  const rand = random(7),
    ws = workspace(rand, 60),
    day = { today: "2026-08-20" };
  const before = needs(ws, D, day),
    c = ws.claims.find((x) => x.end < day.today && before.some((n) => n.claim === x.id)),
    [item, hash] = boxes(c)[0];
  const after = needs(w.tick(ws, c.id, item, hash, at("2026-08-20")), D, day);
  const others = (list) => list.filter((n) => n.claim && n.claim !== c.id);
  assert.ok(others(before).length > 10);
  assert.equal(others(after).length, others(before).length);
  others(after).forEach((n, i) => assert.equal(n, others(before)[i], "the same line object, in the same place"));
  assert.deepEqual(after, needs(structuredClone(w.tick(ws, c.id, item, hash, at("2026-08-20"))), structuredClone(D), day));
});

// reconcile's flags as the checklist's progress gives them (its way before the fast path).
function reconciledByProgress(c) {
  const flags = [],
    activity = w.own(D.activities, c.activity),
    status = w.statusOf(c.status, D);
  if (!activity) flags.push("activity-removed");
  else {
    const p = w.checklistProgress(c, activity.checklist);
    if (Object.values(p.items).includes("changed")) flags.push("checklist-changed");
    if (p.removed.length) flags.push("items-removed");
  }
  if (!status) flags.push("unknown-status");
  const next = { ...c, status: status ? status.id : c.status };
  if (flags.length) next.flags = flags;
  else delete next.flags;
  return JSON.stringify(next.flags) === JSON.stringify(c.flags) && next.status === c.status ? c : next;
}

test("reconciling a claim flags what its checklist's progress and status say, and keeps a claim with nothing to flag as it is", () => {
  const rand = random(11),
    pick = (list) => list[Math.floor(rand() * list.length)];
  const ws = workspace(rand, 40);
  let flagged = 0;
  for (let i = 0; i < 400; i++) {
    const c = { ...pick(ws.claims) };
    const ids = boxes(c).map(([id]) => id);
    c.ticked = [...ids, "gone-item", "other"].filter(() => rand() < 0.4);
    c.tick_hashes = Object.fromEntries(c.ticked.filter(() => rand() < 0.5).map((id) => [id, rand() < 0.5 ? "old" : "h1"]));
    if (rand() < 0.2) c.activity = "no-such-activity";
    if (rand() < 0.2) c.status = pick(["Gathering proof", "Draft", "lost-in-mail", "paid"]);
    if (rand() < 0.5)
      c.flags = pick([["checklist-changed"], ["items-removed"], ["unknown-status"], ["checklist-changed", "items-removed"]]);
    const want = reconciledByProgress(c),
      got = w.reconcileClaim(c, D);
    assert.deepEqual(got, want);
    assert.equal(got === c, want === c);
    if (got.flags) flagged++;
  }
  assert.ok(flagged > 50, "the cases flag claims: " + flagged);
});
