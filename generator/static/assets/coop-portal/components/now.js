// "Where you are now": today's usage period and the next claim and resolution deadlines,
// counted in the viewer's own time zone. Root: [data-cp-now] carrying data-cp-rules.

import { cutoffMs, daysLeft, isCalculated, localDate, nextDeadlines, periodById, periodFor } from "../modules/dates.js";
import { daysText, leftText, localTime, longDate } from "../modules/words.js";
import { calculatedNote, el, viewerZone } from "./ui.js";

/** Starts the box: shows the live answer in place of the static text. */
export function start(box, data) {
  const rules = data; // the site's rules data (boot.js passes it), read here only
  if (!rules) return;
  const now = Date.now(),
    zone = viewerZone(),
    today = localDate(now, zone),
    current = periodFor(today, rules);
  const out = el("div", { class: "cp-now__live" });
  out.append(el("p", {}, "Today is " + longDate(today) + " in your time zone (" + zone + ")."));
  const line = out.appendChild(
    el(
      "p",
      { "data-cp-current": current.id },
      "Current usage period: " +
        current.usageHalf +
        ", " +
        longDate(current.usageStart) +
        " to " +
        longDate(current.usageEnd) +
        ". It spends co-op earned in " +
        current.earningHalf +
        ".",
    ),
  );
  const usageLeft = daysLeft(today, current.usageEnd, rules);
  line.append(
    " ",
    el(
      "strong",
      { "data-cp-usage-left": String(usageLeft) },
      usageLeft === 0 ? "Its last day is today." : leftText(usageLeft) + " to spend it, until " + longDate(current.usageEnd) + ".",
    ),
  );
  if (current.calculated) calculatedNote(line, rules, "Its dates are ");
  const list = out.appendChild(el("ul", { class: "cp-now__deadlines" }));
  const next = nextDeadlines(now, rules, zone);
  // The deadlines that come next may be the last period's: then today's period's own follow.
  if (!next.some((d) => d.period === current.id))
    out.appendChild(
      el(
        "p",
        { "data-cp-current-deadlines": current.id },
        "Claims for usage period " +
          current.usageHalf +
          " are due by " +
          longDate(current.claimDeadline) +
          " and must be resolved by " +
          longDate(current.resolutionDeadline) +
          ", " +
          rules.cutoffUtc +
          " UTC.",
      ),
    );
  for (const d of next) {
    const p = periodById(d.period, rules),
      li = list.appendChild(el("li", { "data-cp-deadline": d.kind }));
    if (d.daysLeft <= rules.warnDays) li.className = "cp-warn";
    li.append(
      el("strong", {}, "Next " + d.kind + " deadline: "),
      longDate(d.day) +
        ", " +
        rules.cutoffUtc +
        " UTC (" +
        localTime(cutoffMs(d.day, rules), zone) +
        " your time), for usage period " +
        p.usageHalf +
        ". ",
      el("strong", { "data-cp-days-left": String(d.daysLeft) }, daysText(d.daysLeft)),
    );
    if (isCalculated(p, d.kind + "Deadline")) calculatedNote(li, rules, "This date is ");
  }
  box.append(out);
}
