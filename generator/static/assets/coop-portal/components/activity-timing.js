// An activity page's timing box: the deadlines if the activity ran in today's usage period,
// and a link to the claim timing checker with that period's dates. Root: [data-cp-activity-timing].

import { isCalculated, localDate, periodFor } from "../modules/dates.js";
import { longDate } from "../modules/words.js";
import { calculatedNote, el, viewerZone } from "./ui.js";

/** Starts the box. */
export function start(box, data) {
  const rules = data; // the site's rules data (boot.js passes it), read here only
  if (!rules) return;
  const p = periodFor(localDate(Date.now(), viewerZone()), rules);
  const out = el("div", { class: "cp-activity-timing__live", "data-cp-period-now": p.id });
  out.append(
    el(
      "p",
      {},
      "If you run this activity now, it falls in usage period " +
        p.usageHalf +
        ", " +
        longDate(p.usageStart) +
        " to " +
        longDate(p.usageEnd) +
        ", and must end by " +
        longDate(p.usageEnd) +
        ".",
    ),
  );
  const deadlines = out.appendChild(
    el(
      "p",
      {},
      "Claim it by " +
        longDate(p.claimDeadline) +
        " and get the claim resolved by " +
        longDate(p.resolutionDeadline) +
        ", each by " +
        rules.cutoffUtc +
        " UTC.",
    ),
  );
  if (isCalculated(p, "claimDeadline") || isCalculated(p, "resolutionDeadline")) calculatedNote(deadlines, rules, "These dates are ");
  out.appendChild(el("p", {})).append(
    el(
      "a",
      {
        href: box.getAttribute("data-cp-checker") + "?start=" + p.usageStart + "&end=" + p.usageEnd + "#timing",
        "data-cp-checker-link": "",
      },
      "Check your activity's own dates with the claim timing checker",
    ),
    ".",
  );
  box.append(out);
}
