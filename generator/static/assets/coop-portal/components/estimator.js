// The co-op estimator: billed revenue per lever and month gives rebate and co-op for an
// earning period. What was typed is saved as typed (modules/estimate.js), follows another
// tab's changes, and Clear or the worked example can be undone. Root: form[data-cp-estimator].

import { deadlineStatus, halfLabel, halfOf, isCalculated, localDate, nextHalf, parseHalf, periodOfEarning } from "../modules/dates.js";
import { estimate, estimatorText, isEmpty, readAmount, readEstimatorState } from "../modules/estimate.js";
import { formatMoney, toCents } from "../modules/money.js";
import { count, leftText, longDate, monthSpan, sixMonths, usageText } from "../modules/words.js";
import { calculatedNote, el, isKey, load, save, viewerZone } from "./ui.js";

const KEY = "estimator";
const money = (x) => formatMoney(toCents(x));

/** Starts the form. */
export function start(form, data) {
  const out = form.querySelector("[data-cp-estimate-result]"), select = form.querySelector("[data-cp-est-period]");
  const usage = form.querySelector("[data-cp-est-usage]"), notices = form.querySelector("[data-cp-est-notices]");
  const inputs = [...form.querySelectorAll("input[data-cp-month]")];
  let kept = {}; // saved amounts of levers that are no longer in the rules
  let storageSaid = false;
  const leverOf = (input) => input.closest("[data-cp-lever]").getAttribute("data-cp-lever");
  const monthOf = (input) => +input.getAttribute("data-cp-month");

  function notice(text, kind) {
    const old = notices.querySelector("[data-cp-notice=" + kind + "]");
    if (old) old.remove();
    const p = notices.appendChild(el("p", { class: "cp-notice", "data-cp-notice": kind }));
    p.append(el("strong", {}, "Note: "), text);
    return p;
  }
  function storageNotice() {
    if (storageSaid) return;
    storageSaid = true;
    notice("This browser does not let the portal save here (for example in an embedded or private window). " +
      "Your amounts last only while this page is open.", "storage");
  }

  // Earning periods: the published ones are in the HTML; add the rule's up to today's.
  function ensureOption(label) {
    if (select.querySelector("option[value=\"" + label + "\"]")) return true;
    const p = periodOfEarning(label, data);
    if (!p) return false;
    const later = [...select.options].find((o) => o.value > label);
    select.insertBefore(el("option", { value: label }, label + ": " + monthSpan(p.earningStart, p.earningEnd) + " (calculated)"), later || null);
    return true;
  }
  const now = Date.now(), zone = viewerZone(), today = localDate(now, zone);
  const earningNow = halfOf(today, data.calendar), last = data.periods[data.periods.length - 1];
  for (let h = nextHalf(last ? parseHalf(last.earningHalf) : earningNow), n = 0; halfLabel(h) <= halfLabel(earningNow) && n < 12; h = nextHalf(h), n++) {
    ensureOption(halfLabel(h));
  }
  const chosen = () => periodOfEarning(select.value, data);

  function deadlinesText(p) {
    const claim = deadlineStatus(now, p.claimDeadline, data, zone);
    let text = "Claim it by " + longDate(p.claimDeadline) + " and get every claim resolved by " + longDate(p.resolutionDeadline) + ", " + data.cutoffUtc + " UTC.";
    if (claim.state === "passed") text += " That claim deadline has passed.";
    else if (claim.state === "soon") text += " Only " + leftText(claim.daysLeft) + " to claim.";
    return text;
  }
  function showPeriod() {
    const p = chosen(), months = sixMonths(p.earningStart);
    for (const span of form.querySelectorAll("[data-cp-month-name]")) span.textContent = months[+span.getAttribute("data-cp-month-name")];
    usage.textContent = "Co-op earned in " + p.earningHalf + " (" + monthSpan(p.earningStart, p.earningEnd) + ") is spent in usage period " +
      p.usageHalf + ", " + longDate(p.usageStart) + " to " + longDate(p.usageEnd) + ". " + deadlinesText(p);
    if (isCalculated(p, "claimDeadline")) calculatedNote(usage, data, "These dates are ");
  }

  function snapshot() {
    const values = {};
    for (const id of Object.keys(kept)) values[id] = kept[id].slice();
    for (const input of inputs) {
      const id = leverOf(input);
      values[id] = values[id] || ["", "", "", "", "", ""];
      values[id][monthOf(input)] = input.value;
    }
    return { period: select.value, values };
  }
  function persist() {
    if (!save(KEY, estimatorText(snapshot(), Object.keys(kept).length > 0))) storageNotice();
  }
  function apply(state, skip) {
    if (state.period && ensureOption(state.period)) select.value = state.period;
    const levers = new Set();
    for (const input of inputs) {
      const id = leverOf(input), months = state.values[id];
      levers.add(id);
      if (input === skip) continue;
      input.value = months && months[monthOf(input)] != null ? months[monthOf(input)] : "";
      if (input.hasAttribute("aria-invalid") || input.value) check(input);
    }
    kept = {};
    for (const id of Object.keys(state.values)) {
      if (!levers.has(id) && state.values[id].some((x) => x.trim())) kept[id] = state.values[id].slice();
    }
    const oldKept = notices.querySelector("[data-cp-notice=kept]");
    if (oldKept) oldKept.remove();
    const n = Object.keys(kept).length;
    if (n) notice("Amounts you saved for " + count(n, "lever") + " no longer in these rules are kept in this browser but left out of the estimate.", "kept");
    showPeriod();
  }

  // Checks one field; an unclear or invalid amount is flagged on the field, never guessed.
  function check(input) {
    const r = readAmount(input.value), message = document.getElementById(input.id + "-error");
    if (r.error) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", message.id + " cp-est-hint");
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", "cp-est-hint");
    }
    message.textContent = r.error ? r.message : "";
    message.hidden = !r.error;
    return r;
  }
  const labelOf = (input) => document.querySelector("label[for=\"" + input.id + "\"]").textContent;

  function run(focusProblem) {
    out.textContent = "";
    const revenue = {}, bad = [];
    for (const input of inputs) {
      const r = check(input);
      if (r.error) bad.push([input, r]);
      if (r.error || r.value === null) continue;
      const id = leverOf(input);
      revenue[id] = revenue[id] || [0, 0, 0, 0, 0, 0];
      revenue[id][monthOf(input)] = r.value;
    }
    if (bad.length) {
      const box = out.appendChild(el("div", { class: "cp-est__problems cp-warn", "data-cp-result": "invalid" }));
      box.append(el("p", {}, bad.length === 1 ? "1 amount needs fixing before the estimate:" : bad.length + " amounts need fixing before the estimate:"));
      const list = box.appendChild(el("ul", {}));
      for (const [input, r] of bad) {
        const link = list.appendChild(el("li", {})).appendChild(el("a", { href: "#" + input.id }, labelOf(input) + ": " + r.message));
        link.addEventListener("click", (event) => {
          event.preventDefault();
          input.focus();
        });
      }
      if (focusProblem) bad[0][0].focus();
      return;
    }
    const r = estimate(revenue, data), p = chosen();
    const table = el("table", { class: "cp-result-table" });
    table.append(el("caption", {}, "Estimated rebate and co-op for " + p.earningHalf + " (USD)"));
    const head = table.appendChild(el("thead", {})).appendChild(el("tr", {}));
    for (const name of ["Month", "Rebate", "Co-op"]) head.append(el("th", { scope: "col" }, name));
    const body = table.appendChild(el("tbody", {}));
    sixMonths(p.earningStart).forEach((name, i) => {
      body.appendChild(el("tr", {})).append(el("th", { scope: "row" }, name), el("td", {}, money(r.rebate[i] || 0)), el("td", {}, money(r.coop[i] || 0)));
    });
    body.appendChild(el("tr", { class: "cp-result-total" })).append(el("th", { scope: "row" }, "Whole period"),
      el("td", { "data-cp-total": "rebate" }, money(r.rebateTotal)), el("td", { "data-cp-total": "coop" }, money(r.coopTotal)));
    out.appendChild(el("div", { class: "cp-result-wrap", tabindex: "0", role: "region", "aria-label": "Estimated rebate and co-op" })).append(table);
    out.append(el("p", { "data-cp-threshold": r.thresholdMet ? "met" : "not-met" }, r.thresholdMet ?
      "Threshold met: " + money(r.coopTotal) + " of co-op is at or over " + money(r.threshold) + ", so it goes into the claims tool for usage period " +
        usageText(p) + ". " + deadlinesText(p) :
      "Threshold not met: " + money(r.coopTotal) + " of co-op is under " + money(r.threshold) +
        ", so it turns into rebate. Rebate for the half including the conversion: " + money(r.rebateWithConversion) + "."));
  }

  // Clear and the worked example replace what was typed; one click brings it back.
  function replaceAll(next, message, kind) {
    const before = snapshot();
    apply(next);
    persist();
    const note = notice(message, kind);
    if (isEmpty(before.values)) return;
    note.append(" ");
    note.appendChild(el("button", { type: "button", class: "md-button", "data-cp-action": "undo" }, "Undo")).addEventListener("click", () => {
      apply(before);
      persist();
      out.textContent = "";
      note.textContent = "Your earlier amounts are back.";
      select.focus();
    });
  }

  select.addEventListener("change", () => {
    showPeriod();
    persist();
    if (out.firstChild) run(false);
  });
  for (const input of inputs) {
    input.addEventListener("input", () => {
      persist();
      if (input.hasAttribute("aria-invalid")) check(input);
    });
    input.addEventListener("change", () => check(input));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    run(true);
  });
  form.querySelector("[data-cp-example]").addEventListener("click", () => {
    const values = {};
    for (const [id, months] of Object.entries(data.example.revenue)) values[id] = months.map(String);
    replaceAll({ period: data.example.earningHalf, values }, "Filled in the guidebook's worked example for " + data.example.earningHalf + ".", "example");
    run(false);
  });
  form.querySelector("[data-cp-clear]").addEventListener("click", () => {
    replaceAll({ period: select.value, values: {} }, "All amounts are cleared.", "cleared");
    out.textContent = "";
  });

  // Another tab changed the saved amounts: take them, except the field being typed in.
  function onStorage(event) {
    if (!document.body.contains(form)) return void window.removeEventListener("storage", onStorage);
    if (!isKey(event, KEY) || event.newValue === null) return;
    const state = readEstimatorState(event.newValue);
    if (state) apply(state, document.activeElement);
  }
  window.addEventListener("storage", onStorage);

  const stored = load(KEY);
  if (!stored.ok) storageNotice();
  const saved = stored.value ? readEstimatorState(stored.value) : null;
  if (stored.value && !saved) {
    save(KEY, null);
    notice("Your saved amounts could not be read, so the estimator starts empty.", "corrupt");
  }
  if (!saved || !saved.period) {
    ensureOption(halfLabel(earningNow));
    select.value = halfLabel(earningNow);
  }
  if (saved) apply(saved);
  else showPeriod();
  if (saved && !isEmpty(saved.values)) run(false);
}
