// The audit bundle: one ZIP a partner keeps with the proof of their claims. It holds the
// workspace file, the evidence list with the day to keep each piece until, the claim list,
// each claim's log of changes, the reminders and a README in plain English.

import { changesCsv, claimsCsv, evidenceCsv, remindersIcs } from "./files.js";
import { serializeWorkspace } from "./storage.js";
import { claimUsage, keepUntil } from "./workspace.js";
import { zip } from "./zip.js";

const plural = (n, one) => n + " " + one + (n === 1 ? "" : "s");

/** README.txt: what each file is, and until when to keep the proof of each usage period. */
export function readme(state, data, today) {
  const keep = new Map(); // usage half -> [keep until, claims]
  for (const c of state.claims) {
    const usage = claimUsage(c, data),
      seen = keep.get(usage);
    keep.set(usage, [keepUntil(c, data), seen ? seen[1] + 1 : 1]);
  }
  const lines = [
    "Co-op audit bundle",
    "",
    "Made on " + today + " by My co-op, in the co-op portal. It holds " + plural(state.claims.length, "claim") + ".",
    "",
    "What each file is",
    "- workspace.json: the whole workspace (funds, claims, ticks and the evidence log). Open it in My co-op",
    "  to carry on working.",
    "- evidence.csv: every piece of proof each claim needs, whether it is ticked, where each file is kept,",
    "  and the day to keep it until. It opens in Excel.",
    "- claims.csv: the claim list, with amounts, statuses, deadlines and the next action. It opens in Excel.",
    "- changes.csv: every change to each claim (deleted ones too), with when it was made (UTC), what changed",
    "  and the values before and after. It opens in Excel.",
    "- reminders.ics: for a calendar, the claim-by date and claim deadline of each claim still to submit,",
    "  the resolution deadline of each claim waiting on Microsoft, and your own next actions.",
    "- README.txt: this note.",
    "",
    "How long to keep the proof",
    "Keep the proof of a claim for " +
      data.retentionMonths +
      " months" +
      (data.retentionFrom ? ", counted from " + data.retentionFrom : "") +
      ":",
    ...[...keep].sort().map(([usage, [day, n]]) => "- usage period " + usage + ": until " + day + " (" + plural(n, "claim") + ")"),
    ...(keep.size ? [] : ["- there are no claims yet."]),
    "",
    "This bundle lists where the proof is kept; it does not hold the files themselves. Keep them",
    "(invoices, the material itself, metrics) until the day evidence.csv gives for each.",
  ];
  return lines.join("\r\n") + "\r\n";
}

/** The audit bundle as {name: "coop-audit-YYYY-MM-DD.zip", bytes}; `now` stamps the reminders. */
export function auditBundle(state, data, now, today) {
  const files = [
    ["workspace.json", serializeWorkspace(state)],
    ["evidence.csv", evidenceCsv(state, data)],
    ["claims.csv", claimsCsv(state, data, today)],
    ["changes.csv", changesCsv(state, data)],
    ["reminders.ics", remindersIcs(state, data, now)],
    ["README.txt", readme(state, data, today)],
  ];
  return {
    name: "coop-audit-" + today + ".zip",
    bytes: zip(
      files.map(([name, text]) => ({ name, text })),
      today,
    ),
  };
}
