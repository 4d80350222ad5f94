// The claim timing checker: an activity's dates give its usage period, the date to claim by
// and the deadlines (passed and close ones said in words first); an approval date gives the
// payment window. Root: form[data-cp-timing]; links may fill it (?start=...&end=...).

import { activityTiming, cutoffMs, deadlineStatus, isCalculated, localDate, paymentWindow, periodFor } from "../modules/dates.js";
import { agoText, leftText, localTime, longDate, usageText } from "../modules/words.js";
import { calculatedNote, el, viewerZone } from "./ui.js";

// One deadline of the answer.
function deadlineLine(kind, day, status, p, data, zone) {
  const name = kind === "claim" ? "Claim deadline" : "Resolution deadline", when = longDate(day) + ", " + data.cutoffUtc + " UTC";
  const line = el("p", { "data-cp-state": status.state, ["data-cp-" + kind + "-deadline"]: day });
  if (status.state === "passed") {
    line.className = "cp-warn";
    line.append(el("strong", {}, name + " passed: "), when + ", " + agoText(status.daysLeft) + ". " +
      (kind === "claim" ? data.forfeiture.claimDeadline : data.forfeiture.resolutionDeadline));
  } else if (status.state === "soon") {
    line.className = "cp-warn";
    line.append(el("strong", {}, name + " close: "), when + " (" + localTime(cutoffMs(day, data), zone) + " your time); only " +
      leftText(status.daysLeft) + ".");
  } else line.append(el("strong", {}, name + ": "), when + "; " + leftText(status.daysLeft) + ".");
  if (isCalculated(p, kind + "Deadline")) calculatedNote(line, data, "This date is ");
  return line;
}

/** Starts the form. */
export function start(form, data) {
  const out = form.querySelector("[data-cp-timing-result]");
  function run() {
    out.textContent = "";
    const now = Date.now(), zone = viewerZone(), today = localDate(now, zone);
    const start = form.elements.start.value, end = form.elements.end.value, approved = form.elements.approved.value;
    const line = (text, attrs) => out.appendChild(el("p", attrs || {}, text));
    if (!start || !end) return void line("Enter both the start date and the end date.", { "data-cp-result": "missing" });
    const t = activityTiming(start, end, data), p = periodFor(start, data);
    if (t.status === "end-before-start") {
      line("The end date is before the start date. Check the two dates.", { "data-cp-result": t.status });
    } else if (t.status === "spans-periods") {
      line("Not allowed: this activity spans two usage periods, " + usageText(p) + " and " + usageText(periodFor(end, data)) +
        ". An activity must start and end inside one usage period; split it into two activities, one per period.",
      { "data-cp-result": t.status, class: "cp-warn" });
    } else {
      const head = line("Usage period: " + usageText(p) + ", funded by co-op earned in " + p.earningHalf + ".", { "data-cp-result": "ok" });
      if (p.calculated) calculatedNote(head, data, "Its dates are ");
      const claim = deadlineStatus(now, t.claimDeadline, data, zone);
      out.append(deadlineLine("claim", t.claimDeadline, claim, p, data, zone));
      if (claim.state !== "passed") {
        const advice = data.claimWithinDays + " days after the activity ends";
        line(t.claimBy === t.claimDeadline ? "Claim by " + longDate(t.claimBy) + " (the claim deadline)." :
          t.claimBy < today ? "The recommended date to claim, " + longDate(t.claimBy) + " (" + advice + "), has passed: claim as soon as you can." :
            "Claim by " + longDate(t.claimBy) + " (" + advice + "; recommended).", { "data-cp-claim-by": t.claimBy });
      }
      out.append(deadlineLine("resolution", t.resolutionDeadline, deadlineStatus(now, t.resolutionDeadline, data, zone), p, data, zone));
    }
    if (approved) {
      const w = paymentWindow(approved, data);
      line("A claim approved on " + longDate(approved) + " is expected to be paid between " + longDate(w[0]) + " and " + longDate(w[1]) + ".",
        { "data-cp-payment": w[0] + "/" + w[1] });
    }
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  const params = new URLSearchParams(location.search), iso = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  if (iso.test(params.get("start") || "") && iso.test(params.get("end") || "")) {
    form.elements.start.value = params.get("start");
    form.elements.end.value = params.get("end");
    run();
  }
}
