// Times the workspace modules on a busy workspace and prints the figures with their targets
// (nothing fails on time). Usage: node bench/workspace.js [DATA.json] [--json]
// DATA.json is generator/browser_data.py's browser_data; without it the unit tests' data is used.
// --json prints the figures as one JSON line instead (bench/run.py reads it; module sizes are
// measured there, from the files a workspace page loads).
"use strict";
const fs = require("node:fs");
const { data: fixture, load, at } = require("../tests/js/workspace_fixture.js");

const dates = load("dates");
const w = load("workspace");
const st = load("storage");
const { readEarnings } = load("earnings");
const files = load("files");
const { auditBundle } = load("bundle");
const { claimFile } = load("claimfile");
const json = process.argv.includes("--json"),
  source = process.argv.slice(2).find((a) => a !== "--json");
const data = source ? JSON.parse(fs.readFileSync(source, "utf8")) : fixture();
const results = [];
const CLAIMS = 500;
const { reduce, initialState } = load("ws-state");

function busy(count = CLAIMS) {
  const T = at("2026-09-01");
  const activities = Object.keys(data.activities);
  const statuses = data.statuses.map((s) => s.id);
  let s = w.setFunds(w.setFunds(w.emptyWorkspace(T.now), "FY27H1", 400000, T), "FY27H2", 250000, T);
  const claims = [];
  for (let i = 0; i < count; i++) {
    const start = dates.addDays("2026-07-01", (i * 7) % 330);
    const activity = activities[i % activities.length];
    const ids = Object.keys(w.checklistUnits(data.activities[activity].checklist).hashes);
    claims.push({
      id: "c" + i,
      name: "Campaign " + i + " <b>&</b>",
      activity,
      start,
      end: dates.addDays(start, 20),
      amount: 1000 + i,
      currency: "USD",
      status: statuses[i % statuses.length],
      ticked: ids.slice(0, 2),
      tick_hashes: {},
      status_dates: { planned: "2026-07-01" },
      evidence: ids.length ? { [ids[0]]: [{ id: "e" + i, file: "share/" + i + ".pdf", note: "n", at: "2026-08-01" }] } : {},
      created: T.now,
      updated: T.now,
    });
  }
  return { ...s, claims };
}

function time(label, target, fn, runs = 20) {
  const first = process.hrtime.bigint();
  fn();
  const cold = Number(process.hrtime.bigint() - first) / 1e6;
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(runs / 2)];
  results.push({ label, first_ms: cold, median_ms: median, target_ms: target });
  // With --json the figures go to stdout as one line at the end; each is told on stderr as it is known.
  (json ? console.error : console.log)(
    label.padEnd(64) +
      (cold.toFixed(1) + " ms first").padStart(16) +
      (median.toFixed(1) + " ms median").padStart(18) +
      (target ? "   (target < " + target + " ms)" : ""),
  );
}

const state = busy();
const text = st.serializeWorkspace(state);
const about =
  "Workspace of " + CLAIMS + " claims: " + (text.length / 1024).toFixed(0) + " KB saved text; data: " + (source || "test fixture");
if (!json) console.log(about);
time("dashboard selector, one usage period (UTC)", 100, () => w.dashboard(state, data, "FY27H1", { today: "2026-12-10" }));
time("dashboard selector, one usage period (Europe/Berlin)", 100, () =>
  w.dashboard(state, data, "FY27H1", { today: "2026-12-10", zone: "Europe/Berlin" }),
);
const { ledger } = load("ledger");
const { needs } = load("needs");
time("money model (ledger), one usage period", 100, () => ledger(state, data, "FY27H1", { today: "2026-12-10" }));
time("what needs you, every claim and period", 100, () => needs(state, data, { today: "2026-12-10" }));
time("validate + import a " + CLAIMS + "-claim file (parse, check, reconcile)", 300, () =>
  w.reconcile(st.parseWorkspace(text).state, data),
);
time("merge two tabs' states", null, () => st.mergeWorkspaces(state, w.updateClaim(state, "c7", { amount: 5 }, at("2026-09-02"))));
time(
  "claim list CSV + reminders ICS",
  null,
  () => (files.claimsCsv(state, data), files.remindersIcs(state, data, "2026-09-01T10:00:00.000Z")),
  5,
);
const rows = ["earningId,earningType,earningAmountUSD,earningDate"];
for (let i = 0; i < 20000; i++)
  rows.push(i + "," + (i % 3 ? "Rebate" : "Coop") + "," + (i % 997) + ".123456," + dates.addDays("2026-01-01", i % 360));
const csv = rows.join("\r\n");
time("Earnings report of 20,000 rows (" + (csv.length / 1048576).toFixed(1) + " MB)", null, () => readEarnings(csv, data), 5);

time(
  "audit bundle (ZIP of workspace, evidence, claims, reminders)",
  null,
  () => auditBundle(state, data, "2026-09-01T10:00:00.000Z", "2026-09-01"),
  5,
);
time("claim file of every claim", null, () => state.claims.forEach((c) => claimFile(c, data, "2026-09-01")), 5);

// One state change of My co-op at scale (the reducer, with its reconciling; no drawing), and the
// text a save writes (storage.js serializeWorkspace: what the page saves on every change today).
for (const count of [10000, 50000]) {
  const big = busy(count),
    ctx = { at: at("2026-09-02"), data, rulesVersion: "bench", generation: "g" };
  let s = initialState(big);
  s = reduce(s, { type: "ticked", id: "c1", item: "x", hash: "h", on: true }, ctx); // reconciles every claim once
  let n = 0;
  time(count + " claims: an edit through the reducer", 100, () => {
    s = reduce(s, { type: "claimFieldEntered", id: "c" + (n++ % count), field: "name", value: "Edited " + n }, ctx);
  });
  time(
    count + " claims: the text a save writes (" + (st.serializeWorkspace(s.workspace).length / 1048576).toFixed(0) + " MB)",
    null,
    () => st.serializeWorkspace(s.workspace),
    5,
  );
}
if (json) console.log(JSON.stringify({ about, results }));
