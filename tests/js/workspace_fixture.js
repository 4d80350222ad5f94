// Hand-made browser data for the modules' unit tests: the shape of generator/browser_data.py
// (what assets/coop-portal/data.json holds), small enough to read. tests/test_browser_data.py
// validates it against the published schema (exports/browser-data.schema.json), so it cannot
// drift from the real shape; the shared vectors run the same modules on the real data.
"use strict";
const path = require("node:path");

const MODULES = path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "modules");
const load = (name) => require(path.join(MODULES, name + ".js"));

function data() {
  return {
    rulesVersion: "test-1",
    cutoffUtc: "23:59:59",
    claimWithinDays: 45,
    warnDays: 14,
    threshold: 10000,
    retentionMonths: 24,
    retentionFrom: "the end of the earning period or the end of the claiming period, whichever is later",
    calculatedText: "calculated from the usual dates; not yet confirmed by Microsoft",
    forfeiture: { claimDeadline: "Unclaimed co-op is lost.", resolutionDeadline: "Open claims are not paid." },
    coopPayment: { approvedByDay: 15, paidFromDay: 20, paidToDay: 25 },
    example: { earningHalf: "FY26H2", months: ["2026-01", "2026-02"], revenue: { "azure-core": [100000, 50000] } },
    levers: [{ id: "azure-core", name: "Azure core", engagement: "Azure", ratePercent: 4, rebatePercent: 50, coopPercent: 50 }],
    defaultFund: "Default non surface funds",
    naming: { id: "meaningful-claim-name", text: "Name the claim with your invoice number, the activity and the time frame." },
    calendar: {
      fiscalYearStart: [7, 1],
      halves: [
        { id: "H1", start: [7, 1], end: [12, 31] },
        { id: "H2", start: [1, 1], end: [6, 30] },
      ],
      deadlines: [
        { usageHalf: "H1", claim: [2, 15], resolution: [3, 31] },
        { usageHalf: "H2", claim: [8, 15], resolution: [9, 30] },
      ],
    },
    periods: [
      {
        id: "fy26h1",
        earningHalf: "FY26H1",
        earningStart: "2025-07-01",
        earningEnd: "2025-12-31",
        usageHalf: "FY26H2",
        usageStart: "2026-01-01",
        usageEnd: "2026-06-30",
        claimDeadline: "2026-08-15",
        resolutionDeadline: "2026-09-30",
        derived: [],
      },
      {
        id: "fy26h2",
        earningHalf: "FY26H2",
        earningStart: "2026-01-01",
        earningEnd: "2026-06-30",
        usageHalf: "FY27H1",
        usageStart: "2026-07-01",
        usageEnd: "2026-12-31",
        claimDeadline: "2027-02-15",
        resolutionDeadline: "2027-03-31",
        derived: [],
      },
    ],
    stages: [
      { id: "plan", name: "Planning", meaning: "No claim yet.", deadline: "claim" },
      { id: "draft", name: "Draft", meaning: "Not submitted.", deadline: "claim" },
      { id: "review", name: "In review", meaning: "Microsoft checks it.", deadline: "resolution" },
      { id: "action", name: "Action required", meaning: "Waits on the partner.", deadline: "resolution" },
      { id: "approved", name: "Approved", meaning: "Waits for payment." },
      { id: "paid", name: "Paid", meaning: "Paid." },
      { id: "closed", name: "Closed", meaning: "Not paid." },
    ],
    statuses: [
      {
        id: "planned",
        name: "Planned",
        aliases: [],
        stage: "plan",
        meaning: "Planned.",
        nextStep: { text: "Start the activity", due: "start" },
      },
      {
        id: "in-progress",
        name: "In progress",
        aliases: [],
        stage: "plan",
        meaning: "Running.",
        nextStep: { text: "Collect proof while the activity runs", due: "end" },
      },
      { id: "gathering-proof", name: "Gathering proof", aliases: [], stage: "plan", meaning: "Over." },
      { id: "editing", name: "Editing", aliases: ["Ready to submit", "Draft"], stage: "draft", meaning: "A draft." },
      { id: "submitted", name: "Submitted", aliases: [], stage: "review", meaning: "Sent." },
      { id: "action-required", name: "Action required", aliases: ["Partner Action Required"], stage: "action", meaning: "Answer it." },
      { id: "approved", name: "Approved", aliases: [], stage: "approved", meaning: "Approved." },
      { id: "paid", name: "Paid", aliases: [], stage: "paid", meaning: "Paid." },
      { id: "rejected", name: "Rejected", aliases: [], stage: "closed", meaning: "The claim failed validation; you may dispute it." },
      { id: "non-compliant", name: "Non-compliant", aliases: [], stage: "closed", meaning: "Not resolved in time." },
      { id: "forfeited", name: "Forfeited", aliases: [], stage: "closed", meaning: "Not submitted in time." },
    ],
    planningStatuses: ["planned", "in-progress", "gathering-proof"],
    forfeitedStatus: "forfeited",
    openStatuses: ["action-required"],
    unresolvedStatus: "non-compliant",
    claimChecklist: {
      key: "claim",
      title: "Claim checklist",
      sections: [
        {
          id: "before",
          title: "Before you submit",
          entries: [{ id: "check-meaningful-claim-name", text: "A name you can find again", hash: "c1", kind: "claim" }],
        },
      ],
    },
    activities: {
      // Checklists as the portal carries them: sections of entries, "one of" entries with options.
      "print-advertising": {
        name: "Print advertising",
        path: "activities/print-advertising/",
        caps: [],
        checklist: {
          key: "activity:print-advertising",
          title: "Print advertising: proof checklist",
          sections: [
            {
              id: "invoice",
              title: "Invoice",
              entries: [
                {
                  id: "poe-invoice-or-csr",
                  text: "Invoice or CSR",
                  hash: "g1",
                  kind: "invoice",
                  options: [
                    { id: "poe-third-party-invoice", text: "A third-party invoice", hash: "h1", kind: "invoice" },
                    { id: "poe-csr", text: "A CSR", hash: "h2", kind: "invoice" },
                  ],
                },
              ],
            },
            {
              id: "communication",
              title: "Communication",
              entries: [{ id: "poe-final-printed-piece", text: "The printed ad", hash: "h3", kind: "communication" }],
            },
            {
              id: "metrics",
              title: "Metrics",
              entries: [{ id: "poe-estimated-reach", text: "Estimated reach", hash: "h4", kind: "metrics" }],
            },
          ],
        },
      },
      "customer-offers": {
        name: "Customer offers",
        path: "activities/customer-offers/",
        caps: [{ id: "quarter-of-earned-coop", text: "At most 25% of the period's co-op.", percentOfCoop: 25 }],
        checklist: {
          key: "activity:customer-offers",
          title: "Customer offers: proof checklist",
          sections: [
            {
              id: "proof",
              title: "Proof",
              entries: [
                {
                  id: "poe-proof",
                  text: "Invoice or CSR",
                  hash: "a0",
                  kind: "invoice",
                  options: [
                    { id: "poe-invoice", text: "Invoice", hash: "a1", kind: "invoice" },
                    { id: "poe-csr", text: "CSR", hash: "a2", kind: "invoice" },
                  ],
                },
                { id: "poe-offer", text: "The offer", hash: "a3", kind: "communication" },
              ],
            },
          ],
        },
      },
      "product-seeding": {
        name: "Product seeding",
        path: "activities/product-seeding/",
        caps: [
          { id: "seeding-limit", text: "10% of co-op or USD 3,000, whichever is higher.", percentOfCoop: 10, amountUsd: 3000 },
          { id: "three-people", text: "No more than 3 people." },
        ],
        checklist: {
          key: "activity:product-seeding",
          title: "Product seeding: proof checklist",
          sections: [{ id: "other", title: "Other", entries: [{ id: "poe-specs", text: "Specs", hash: "s1", kind: "other" }] }],
        },
      },
    },
  };
}

const at = (today, time = "10:00:00.000") => ({ now: today + "T" + time + "Z", today });

/** A small seeded random generator (mulberry32), so a failing random test runs again from its seed. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What one tab saves on top of what storage holds, in memory: the merge ws-db.js makes under
 * its lock (`merge` is modules/ws-merge.js). */
function saveOnTop(merge, base, mine, stored) {
  const b = merge.recordsOf(base),
    mi = merge.recordsOf(mine),
    th = merge.recordsOf(stored);
  const keys = merge.changedKeys(b, mi);
  const theirs = new Map([...merge.keysToRead(keys)].map((k) => [k, th.get(k)]));
  return merge.applyRecords(stored, merge.mergeKeys(keys, b, mi, theirs));
}

module.exports = { data, load, at, random, saveOnTop, MODULES };

// `node workspace_fixture.js` prints the fixture's data, for the schema test.
if (require.main === module) process.stdout.write(JSON.stringify(data()));
