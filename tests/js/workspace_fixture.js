// Hand-made rules data for the workspace modules' unit tests: the shape generator/workspace.py
// `workspace_data` gives the page, small enough to read. The shared vectors
// (tests/workspace_vectors.json) run the same modules against the real rules.
"use strict";
const path = require("node:path");

const MODULES = path.join(__dirname, "..", "..", "generator", "static", "assets", "coop-portal", "modules");
const load = (name) => require(path.join(MODULES, name + ".js"));

function data() {
  return {
    cutoffUtc: "23:59:59",
    claimWithinDays: 45,
    warnDays: 14,
    threshold: 10000,
    retentionMonths: 24,
    retentionFrom: "the end of the earning period or the end of the claiming period, whichever is later",
    coopPayment: { approvedByDay: 15, paidFromDay: 20, paidToDay: 25 },
    calendar: {
      fiscalYearStart: [7, 1],
      halves: [{ id: "H1", start: [7, 1], end: [12, 31] }, { id: "H2", start: [1, 1], end: [6, 30] }],
      deadlines: [
        { usageHalf: "H1", claim: [2, 15], resolution: [3, 31] },
        { usageHalf: "H2", claim: [8, 15], resolution: [9, 30] },
      ],
    },
    periods: [
      { id: "fy26h1", earningHalf: "FY26H1", earningStart: "2025-07-01", earningEnd: "2025-12-31", usageHalf: "FY26H2",
        usageStart: "2026-01-01", usageEnd: "2026-06-30", claimDeadline: "2026-08-15", resolutionDeadline: "2026-09-30", derived: [] },
      { id: "fy26h2", earningHalf: "FY26H2", earningStart: "2026-01-01", earningEnd: "2026-06-30", usageHalf: "FY27H1",
        usageStart: "2026-07-01", usageEnd: "2026-12-31", claimDeadline: "2027-02-15", resolutionDeadline: "2027-03-31", derived: [] },
    ],
    statuses: [
      { id: "planned", name: "Planned", aliases: [], stage: "plan" },
      { id: "in-progress", name: "In progress", aliases: [], stage: "plan" },
      { id: "gathering-proof", name: "Gathering proof", aliases: [], stage: "plan" },
      { id: "editing", name: "Editing", aliases: ["Ready to submit", "Draft"], stage: "draft" },
      { id: "submitted", name: "Submitted", aliases: [], stage: "review" },
      { id: "action-required", name: "Action required", aliases: ["Partner Action Required"], stage: "action" },
      { id: "approved", name: "Approved", aliases: [], stage: "approved" },
      { id: "paid", name: "Paid", aliases: [], stage: "paid" },
      { id: "rejected", name: "Rejected", aliases: [], stage: "closed", meaning: "The claim failed validation; you may dispute it." },
      { id: "non-compliant", name: "Non-compliant", aliases: [], stage: "closed" },
      { id: "forfeited", name: "Forfeited", aliases: [], stage: "closed" },
    ],
    activities: {
      // Checklists as the portal carries them: sections of entries, "one of" entries with options.
      "print-advertising": {
        name: "Print advertising",
        caps: [],
        checklist: { sections: [
          { id: "invoice", title: "Invoice", entries: [{ id: "poe-invoice-or-csr", text: "Invoice or CSR", hash: "g1",
            options: [{ id: "poe-third-party-invoice", text: "A third-party invoice", hash: "h1" },
              { id: "poe-csr", text: "A CSR", hash: "h2" }] }] },
          { id: "communication", title: "Communication", entries: [{ id: "poe-final-printed-piece", text: "The printed ad", hash: "h3" }] },
          { id: "metrics", title: "Metrics", entries: [{ id: "poe-estimated-reach", text: "Estimated reach", hash: "h4" }] },
        ] },
      },
      "customer-offers": {
        name: "Customer offers",
        caps: [{ id: "quarter-of-earned-coop", text: "At most 25% of the period's co-op.", percent_of_coop: 25 }],
        checklist: { sections: [{ id: "proof", title: "Proof", entries: [
          { id: "poe-proof", text: "Invoice or CSR", hash: "a0",
            options: [{ id: "poe-invoice", text: "Invoice", hash: "a1" }, { id: "poe-csr", text: "CSR", hash: "a2" }] },
          { id: "poe-offer", text: "The offer", hash: "a3" }] }] },
      },
      "product-seeding": {
        name: "Product seeding",
        caps: [{ id: "seeding-limit", text: "10% of co-op or USD 3,000, whichever is higher.", percent_of_coop: 10, amount_usd: 3000 },
          { id: "three-people", text: "No more than 3 people." }],
        checklist: { sections: [{ id: "other", title: "Other", entries: [{ id: "poe-specs", text: "Specs", hash: "s1" }] }] },
      },
    },
  };
}

const at = (today, time = "10:00:00.000") => ({ now: today + "T" + time + "Z", today });

module.exports = { data, load, at, MODULES };
