// The claim timing checker: an activity's dates give its usage period, the date to claim by
// and the deadlines (passed and close ones said in words first); an approval date gives the
// payment window. Root: form[data-cp-timing]; links may fill it (?start=...&end=...).

import { activityTiming, cutoffMs, deadlineStatus, isCalculated, localDate, paymentWindow, periodFor } from "../modules/dates.js";
import { agoText, leftText, localTime, longDate, SPLIT_ADVICE, usageText } from "../modules/words.js";
import { calculatedNote, el, viewerZone } from "./ui.js";

// One deadline of the answer.
function deadlineLine(kind, day, status, p, rules, zone) {
  const name = kind === "claim" ? "Claim deadline" : "Resolution deadline",
    when = longDate(day) + ", " + rules.cutoffUtc + " UTC";
  const line = el("p", { "data-cp-state": status.state, ["data-cp-" + kind + "-deadline"]: day });
  if (status.state === "passed") {
    line.className = "cp-warn";
    line.append(
      el("strong", {}, name + " passed: "),
      when +
        ", " +
        agoText(status.daysLeft) +
        ". " +
        (kind === "claim" ? rules.forfeiture.claimDeadline : rules.forfeiture.resolutionDeadline),
    );
  } else if (status.state === "soon") {
    line.className = "cp-warn";
    line.append(
      el("strong", {}, name + " close: "),
      when + " (" + localTime(cutoffMs(day, rules), zone) + " your time); only " + leftText(status.daysLeft) + ".",
    );
  } else line.append(el("strong", {}, name + ": "), when + "; " + leftText(status.daysLeft) + ".");
  if (isCalculated(p, kind + "Deadline")) calculatedNote(line, rules, "This date is ");
  return line;
}

/** Starts the form: state {start, end, approved} as typed, and asked (what Check timing was pressed for). */
export function start(form, data) {
  const rules = data; // the site's rules data (boot.js passes it), read here only
  const out = form.querySelector("[data-cp-timing-result]"),
    names = ["start", "end", "approved"],
    fields = Object.fromEntries(names.map((name) => [name, form.querySelector("[name=" + name + "]")]));
  const params = new URLSearchParams(location.search),
    iso = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  const linked = iso.test(params.get("start") || "") && iso.test(params.get("end") || "");
  // Dates typed before this module started (or kept by the browser on going back) are taken once, here.
  const early = (name) => fields[name].value;
  let state = {
    start: linked ? params.get("start") : early("start"),
    end: linked ? params.get("end") : early("end"),
    approved: early("approved"),
    asked: null,
  };
  if (linked) state.asked = { start: state.start, end: state.end, approved: "" };

  // The fields show what was typed already (only a link's dates are written into them, once);
  // the answer is drawn from what was asked.
  function render() {
    out.textContent = "";
    if (state.asked) answer(out, state.asked, rules);
  }
  function dispatch(action) {
    if (action.type === "typed") state = { ...state, [action.name]: action.text };
    if (action.type !== "asked") return;
    state = { ...state, asked: { start: state.start, end: state.end, approved: state.approved } };
    render(); // the answer changes only when asked
  }
  for (const name of names) {
    const typed = (e) => dispatch({ type: "typed", name, text: e.target.value });
    fields[name].addEventListener("input", typed);
    fields[name].addEventListener("change", typed);
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    dispatch({ type: "asked" });
  });
  if (linked) for (const name of names) fields[name].value = state[name];
  render();
}

// The answer for the dates asked.
function answer(out, asked, rules) {
  const now = Date.now(),
    zone = viewerZone(),
    today = localDate(now, zone);
  const { start, end, approved } = asked;
  const line = (text, attrs) => out.appendChild(el("p", attrs || {}, text));
  if (!start || !end) return void line("Enter both the start date and the end date.", { "data-cp-result": "missing" });
  const t = activityTiming(start, end, rules),
    p = periodFor(start, rules);
  if (t.status === "end-before-start") {
    line("The end date is before the start date. Check the two dates.", { "data-cp-result": t.status });
  } else if (t.status === "spans-periods") {
    line(
      "Not allowed: this activity spans two usage periods, " +
        usageText(p) +
        " and " +
        usageText(periodFor(end, rules)) +
        ". An activity must start and end inside one usage period; " +
        SPLIT_ADVICE +
        ".",
      { "data-cp-result": t.status, class: "cp-warn" },
    );
  } else {
    const head = line("Usage period: " + usageText(p) + ", funded by co-op earned in " + p.earningHalf + ".", { "data-cp-result": "ok" });
    if (p.calculated) calculatedNote(head, rules, "Its dates are ");
    const claim = deadlineStatus(now, t.claimDeadline, rules, zone);
    out.append(deadlineLine("claim", t.claimDeadline, claim, p, rules, zone));
    if (claim.state !== "passed") {
      const advice = rules.claimWithinDays + " days after the activity ends";
      line(
        t.claimBy === t.claimDeadline
          ? "Claim by " + longDate(t.claimBy) + " (the claim deadline)."
          : t.claimBy < today
            ? "The recommended date to claim, " + longDate(t.claimBy) + " (" + advice + "), has passed: claim as soon as you can."
            : "Claim by " + longDate(t.claimBy) + " (" + advice + "; recommended).",
        { "data-cp-claim-by": t.claimBy },
      );
    }
    out.append(deadlineLine("resolution", t.resolutionDeadline, deadlineStatus(now, t.resolutionDeadline, rules, zone), p, rules, zone));
  }
  if (approved) {
    const w = paymentWindow(approved, rules);
    line(
      "A claim approved on " + longDate(approved) + " is expected to be paid between " + longDate(w[0]) + " and " + longDate(w[1]) + ".",
      { "data-cp-payment": w[0] + "/" + w[1] },
    );
  }
}
