// The table of usage periods: past the published rows it gains the periods the rule gives up
// to today's (marked calculated), and badges the current and still-open ones. Root: [data-cp-periods].

import { cutoffMs, localDate, periodById, periodFor, periodsNear } from "../modules/dates.js";
import { longDate, shortDate } from "../modules/words.js";
import { el, viewerZone } from "./ui.js";

/** Starts the table. */
export function start(table, data) {
  const body = table.querySelector("tbody");
  if (!data || !body) return;
  const now = Date.now(), today = localDate(now, viewerZone()), current = periodFor(today, data);
  for (const p of periodsNear(today, data)) {
    if (!p.calculated || p.usageStart > today || cutoffMs(p.resolutionDeadline, data) <= now) continue;
    const row = body.appendChild(el("tr", { id: "period-" + p.id, "data-cp-period": p.id, "data-cp-calculated": "" }));
    row.appendChild(el("th", { scope: "row" }, p.usageHalf + ": " + shortDate(p.usageStart) + " to " + shortDate(p.usageEnd)))
      .append(el("span", { class: "cp-derived" }, " (" + data.calculatedText + ")"));
    row.append(el("td", {}, p.earningHalf + ": " + shortDate(p.earningStart) + " to " + shortDate(p.earningEnd)));
    for (const day of [p.claimDeadline, p.resolutionDeadline]) {
      row.appendChild(el("td", {})).append(el("time", { datetime: day + "T" + data.cutoffUtc + "Z" }, longDate(day) + ", " + data.cutoffUtc + " UTC"),
        el("span", { class: "cp-derived" }, " (calculated)"));
    }
  }
  for (const row of body.querySelectorAll("[data-cp-period]")) {
    const p = periodById(row.getAttribute("data-cp-period"), data);
    if (!p) continue;
    const ended = p.usageEnd < today;
    const label = p.id === current.id ? "Current" : ended && cutoffMs(p.claimDeadline, data) > now ? "Claims still open"
      : ended && cutoffMs(p.resolutionDeadline, data) > now ? "Resolving" : null;
    if (!label) continue;
    if (label === "Current") row.classList.add("cp-current"), row.setAttribute("aria-current", "date");
    row.classList.add("cp-open");
    row.querySelector("th").append(" ", el("strong", { class: "cp-badge" }, label));
  }
}
