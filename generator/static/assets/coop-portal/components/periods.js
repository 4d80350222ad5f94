// The table of usage periods: past the published rows it gains the periods the rule gives up
// to today's (marked calculated), and badges the current and still-open ones. Root: [data-cp-periods].

import { cutoffMs, localDate, periodById, periodFor, periodsNear } from "../modules/dates.js";
import { longDate, shortDate } from "../modules/words.js";
import { el, viewerZone } from "./ui.js";

/** Starts the table. */
export function start(table, data) {
  const rules = data; // the site's rules data (boot.js passes it), read here only
  const body = table.querySelector("tbody");
  if (!rules || !body) return;
  const now = Date.now(),
    today = localDate(now, viewerZone()),
    current = periodFor(today, rules);
  for (const p of periodsNear(today, rules)) {
    if (!p.calculated || p.usageStart > today || cutoffMs(p.resolutionDeadline, rules) <= now) continue;
    const row = body.appendChild(el("tr", { id: "period-" + p.id, "data-cp-period": p.id, "data-cp-calculated": "" }));
    row
      .appendChild(el("th", { scope: "row" }, p.usageHalf + ": " + shortDate(p.usageStart) + " to " + shortDate(p.usageEnd)))
      .append(el("span", { class: "cp-derived" }, " (" + rules.calculatedText + ")"));
    row.append(el("td", {}, p.earningHalf + ": " + shortDate(p.earningStart) + " to " + shortDate(p.earningEnd)));
    for (const day of [p.claimDeadline, p.resolutionDeadline]) {
      row
        .appendChild(el("td", {}))
        .append(
          el("time", { datetime: day + "T" + rules.cutoffUtc + "Z" }, longDate(day) + ", " + rules.cutoffUtc + " UTC"),
          el("span", { class: "cp-derived" }, " (calculated)"),
        );
    }
  }
  for (const row of body.querySelectorAll("[data-cp-period]")) {
    const p = periodById(row.getAttribute("data-cp-period"), rules);
    if (!p) continue;
    const ended = p.usageEnd < today;
    const label =
      p.id === current.id
        ? "Current"
        : ended && cutoffMs(p.claimDeadline, rules) > now
          ? "Claims still open"
          : ended && cutoffMs(p.resolutionDeadline, rules) > now
            ? "Resolving"
            : null;
    if (!label) continue;
    if (label === "Current") (row.classList.add("cp-current"), row.setAttribute("aria-current", "date"));
    row.classList.add("cp-open");
    row.querySelector("th").append(" ", el("strong", { class: "cp-badge" }, label));
  }
}
