// The co-op estimator: billed revenue per lever and month gives rebate and co-op for an
// earning period. What was typed is saved as typed, follows another tab's changes, and Clear
// or the worked example can be undone. Root: form[data-cp-estimator].
// One state (modules/estimate.js) changed by named actions; the view is drawn from it.

import { deadlineStatus, halfLabel, halfOf, isCalculated, localDate, nextHalf, parseHalf, periodOfEarning } from "../modules/dates.js";
import {
  editionFor,
  estimateFor,
  initialEstimator,
  fieldView,
  keptLevers,
  estimatorText,
  readEstimatorState,
  reduceEstimator,
  revenueOf,
  SAVED_VERSION,
} from "../modules/estimate.js";
import { formatMoney, toCents } from "../modules/money.js";
import { browserKV, backupKeyFor, keyFor, slot } from "../modules/store-kv.js";
import { count, leftText, longDate, monthSpan, sixMonths, usageText } from "../modules/words.js";
import { calculatedNote, el, viewerZone } from "./ui.js";

const money = (x) => formatMoney(toCents(x));
const percentText = (x) => String(Math.round(x * 100) / 100) + "%";

/** Where the amounts are saved (coop-portal:v2:estimator; before: coop-portal:v1:estimator). */
export const savedSlot = () =>
  slot(browserKV(), {
    key: keyFor("estimator", SAVED_VERSION),
    backupKey: backupKeyFor("estimator"),
    read: readEstimatorState,
    write: (saved) => estimatorText(saved, false),
    legacy: [{ key: keyFor("estimator", 1), read: readEstimatorState }],
  });

/** Starts the form. */
export function start(form, data) {
  const rules = data; // the site's rules data (boot.js passes it), read here only
  const out = form.querySelector("[data-cp-estimate-result]"),
    select = form.querySelector("[data-cp-est-period]");
  const usage = form.querySelector("[data-cp-est-usage]"),
    notices = form.querySelector("[data-cp-est-notices]");
  const saved = savedSlot();
  // Each field: its lever and month, its error message element and its label, found once.
  const fields = [...form.querySelectorAll("input[data-cp-month]")].map((input) => ({
    input,
    lever: input.closest("[data-cp-lever]").getAttribute("data-cp-lever"),
    month: +input.getAttribute("data-cp-month"),
    message: document.getElementById(input.id + "-error"),
    label: document.querySelector('label[for="' + input.id + '"]').textContent,
  }));
  const levers = [...new Set(fields.map((f) => f.lever))];
  // Each lever's card, its name and its rate line; and the line that names the edition.
  const cards = [...form.querySelectorAll("[data-cp-lever]")].map((card) => ({
    card,
    id: card.getAttribute("data-cp-lever"),
    name: card.querySelector("[data-cp-lever-name]"),
    rate: card.querySelector("[data-cp-lever-rate]"),
  }));
  const editionLine = form.querySelector("[data-cp-rates-edition]");
  const inEdition = (p) => editionFor(p.earningHalf, rules).levers.map((l) => l.id);
  // Amounts typed before this module started (or kept by the browser on going back): read once, here, and taken after the save.
  const early = fields.map((f) => f.input.value);

  // Earning periods: the published ones are in the HTML; add the rule's up to today's.
  function ensureOption(label) {
    if (select.querySelector('option[value="' + label + '"]')) return true;
    const p = periodOfEarning(label, rules);
    if (!p) return false;
    const later = [...select.options].find((o) => o.getAttribute("value") > label);
    select.insertBefore(
      el("option", { value: label }, label + ": " + monthSpan(p.earningStart, p.earningEnd) + " (calculated)"),
      later || null,
    );
    return true;
  }
  const now = Date.now(),
    zone = viewerZone(),
    today = localDate(now, zone);
  const earningNow = halfOf(today, rules.calendar),
    last = rules.periods[rules.periods.length - 1];
  for (
    let h = nextHalf(last ? parseHalf(last.earningHalf) : earningNow), n = 0;
    halfLabel(h) <= halfLabel(earningNow) && n < 12;
    h = nextHalf(h), n++
  ) {
    ensureOption(halfLabel(h));
  }
  // A period from a save or another tab counts only when the page knows it.
  const known = (period) => (period && ensureOption(period) ? period : null);

  let state = initialEstimator(levers, known(halfLabel(earningNow)));
  const drawn = { values: new Map(), notices: null, result: undefined, period: null };

  function deadlinesText(p) {
    const claim = deadlineStatus(now, p.claimDeadline, rules, zone);
    let text =
      "Claim it by " +
      longDate(p.claimDeadline) +
      " and get every claim resolved by " +
      longDate(p.resolutionDeadline) +
      ", " +
      rules.cutoffUtc +
      " UTC.";
    if (claim.state === "passed") text += " That claim deadline has passed.";
    else if (claim.state === "soon") text += " Only " + leftText(claim.daysLeft) + " to claim.";
    return text;
  }
  function drawPeriod(p) {
    select.value = state.period;
    const months = sixMonths(p.earningStart);
    for (const span of form.querySelectorAll("[data-cp-month-name]")) span.textContent = months[+span.getAttribute("data-cp-month-name")];
    usage.textContent =
      "Co-op earned in " +
      p.earningHalf +
      " (" +
      monthSpan(p.earningStart, p.earningEnd) +
      ") is spent in usage period " +
      p.usageHalf +
      ", " +
      longDate(p.usageStart) +
      " to " +
      longDate(p.usageEnd) +
      ". " +
      deadlinesText(p);
    if (isCalculated(p, "claimDeadline")) calculatedNote(usage, rules, "These dates are ");
    drawEdition(p);
  }
  // The rates of the period's edition: which edition, how sure it is, and each lever's rate.
  function drawEdition(p) {
    const ed = editionFor(p.earningHalf, rules);
    if (editionLine && ed.name) {
      const span =
        ed.earningFrom && ed.earningUntil
          ? "from " + ed.earningFrom + " to " + ed.earningUntil
          : ed.earningFrom
            ? "from " + ed.earningFrom + " on"
            : ed.earningUntil
              ? "up to " + ed.earningUntil
              : "in any period";
      editionLine.textContent = "";
      editionLine.setAttribute("data-cp-edition", ed.id);
      editionLine.append(
        el("strong", { "data-cp-edition-name": "" }, "Rates: " + ed.name + ", for co-op earned " + span + "."),
        " ",
        el("span", { "data-cp-edition-confidence": ed.confidence }, "How sure: " + ed.confidenceText + "."),
        " ",
        el("span", { "data-cp-edition-caveat": "" }, ed.caveat),
        " ",
        el("span", { class: "cp-cite", "data-cp-edition-sources": "" }, "Sources: " + ed.sourcesText),
      );
    }
    const byId = new Map(ed.levers.map((l) => [l.id, l]));
    for (const c of cards) {
      const lever = byId.get(c.id);
      c.card.hidden = !lever;
      if (!lever) continue;
      if (c.name) c.name.textContent = lever.name;
      if (c.rate)
        c.rate.textContent =
          percentText(lever.ratePercent) +
          " of billed revenue; " +
          percentText(lever.rebatePercent) +
          " of it paid as rebate, " +
          percentText(lever.coopPercent) +
          " as co-op.";
    }
  }
  function drawNotices() {
    notices.textContent = "";
    const kept = keptLevers(state),
      list = state.notices.slice();
    if (kept)
      list.push({
        kind: "kept",
        text:
          "Amounts you saved for " +
          count(kept, "lever") +
          " no longer in these rules are kept in this browser but left out of the estimate.",
      });
    for (const n of list) {
      const p = notices.appendChild(el("p", { class: "cp-notice", "data-cp-notice": n.kind }));
      p.append(el("strong", {}, "Note: "), n.text);
      if (!n.undo) continue;
      p.append(" ");
      p.appendChild(el("button", { type: "button", class: "md-button", "data-cp-action": "undo" }, "Undo")).addEventListener(
        "click",
        () => {
          dispatch({ type: "undo", kind: n.kind });
          select.focus();
        },
      );
    }
  }
  function drawField(f) {
    const v = fieldView(state, f.lever, f.month);
    if (drawn.values.get(f.input) !== v.text) f.input.value = v.text;
    drawn.values.set(f.input, v.text);
    if (v.shown) f.input.setAttribute("aria-invalid", "true");
    else f.input.removeAttribute("aria-invalid");
    f.input.setAttribute("aria-describedby", v.shown ? f.message.id + " cp-est-hint" : "cp-est-hint");
    f.message.textContent = v.shown ? v.error : "";
    f.message.hidden = !v.shown;
  }
  function drawResult(p) {
    out.textContent = "";
    if (!state.result) return;
    const { revenue, bad } = revenueOf(state.result.values, inEdition(p));
    if (bad.length) {
      const box = out.appendChild(el("div", { class: "cp-est__problems cp-warn", "data-cp-result": "invalid" }));
      box.append(
        el(
          "p",
          {},
          bad.length === 1 ? "1 amount needs fixing before the estimate:" : bad.length + " amounts need fixing before the estimate:",
        ),
      );
      const list = box.appendChild(el("ul", {}));
      for (const b of bad) {
        const f = fields.find((x) => x.lever === b.lever && x.month === b.month);
        const link = list.appendChild(el("li", {})).appendChild(el("a", { href: "#" + f.input.id }, f.label + ": " + b.message));
        link.addEventListener("click", (event) => {
          event.preventDefault();
          f.input.focus();
        });
      }
      return;
    }
    const r = estimateFor(revenue, p.earningHalf, rules),
      ed = editionFor(p.earningHalf, rules);
    const table = el("table", { class: "cp-result-table" });
    table.append(
      el("caption", {}, "Estimated rebate and co-op for " + p.earningHalf + " (USD)" + (ed.name ? ", at the rates of " + ed.name : "")),
    );
    const head = table.appendChild(el("thead", {})).appendChild(el("tr", {}));
    for (const name of ["Month", "Rebate", "Co-op"]) head.append(el("th", { scope: "col" }, name));
    const body = table.appendChild(el("tbody", {}));
    sixMonths(p.earningStart).forEach((name, i) => {
      body
        .appendChild(el("tr", {}))
        .append(el("th", { scope: "row" }, name), el("td", {}, money(r.rebate[i] || 0)), el("td", {}, money(r.coop[i] || 0)));
    });
    body
      .appendChild(el("tr", { class: "cp-result-total" }))
      .append(
        el("th", { scope: "row" }, "Whole period"),
        el("td", { "data-cp-total": "rebate" }, money(r.rebateTotal)),
        el("td", { "data-cp-total": "coop" }, money(r.coopTotal)),
      );
    out
      .appendChild(el("div", { class: "cp-result-wrap", tabindex: "0", role: "region", "aria-label": "Estimated rebate and co-op" }))
      .append(table);
    out.append(
      el(
        "p",
        { "data-cp-threshold": r.thresholdMet ? "met" : "not-met" },
        r.thresholdMet
          ? "Threshold met: " +
              money(r.coopTotal) +
              " of co-op is at or over " +
              money(r.threshold) +
              ", so it goes into the claims tool for usage period " +
              usageText(p) +
              ". " +
              deadlinesText(p)
          : "Threshold not met: " +
              money(r.coopTotal) +
              " of co-op is under " +
              money(r.threshold) +
              ", so it turns into rebate. Rebate for the half including the conversion: " +
              money(r.rebateWithConversion) +
              ".",
      ),
    );
  }
  function render() {
    const p = periodOfEarning(state.period, rules);
    if (drawn.period !== state.period) drawPeriod(p);
    for (const f of fields) drawField(f);
    if (drawn.notices !== state.notices || drawn.kept !== keptLevers(state)) drawNotices();
    if (drawn.result !== state.result || (state.result && drawn.period !== state.period)) drawResult(p);
    Object.assign(drawn, { period: state.period, notices: state.notices, kept: keptLevers(state), result: state.result });
  }

  // Every change goes through here: the new state is saved when what was typed changed, then drawn.
  function dispatch(action) {
    const before = state;
    state = reduceEstimator(state, action);
    const changed = state.values !== before.values || state.period !== before.period;
    if (changed && action.type !== "synced" && action.type !== "loaded" && !saved.save({ period: state.period, values: state.values }))
      state = reduceEstimator(state, { type: "blocked" });
    render();
  }

  select.addEventListener("change", (e) => dispatch({ type: "periodChosen", period: known(e.target.value) || state.period }));
  for (const f of fields) {
    f.input.addEventListener("input", (e) => {
      drawn.values.set(f.input, e.target.value);
      dispatch({ type: "typed", lever: f.lever, month: f.month, text: e.target.value });
    });
    f.input.addEventListener("change", () => dispatch({ type: "left", lever: f.lever, month: f.month }));
    f.input.addEventListener("focus", () => dispatch({ type: "editing", field: f.lever + ":" + f.month }));
    f.input.addEventListener("blur", () => dispatch({ type: "editing", field: null }));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    dispatch({ type: "estimated" });
    const bad = revenueOf(state.values, inEdition(periodOfEarning(state.period, rules))).bad[0];
    if (bad) fields.find((x) => x.lever === bad.lever && x.month === bad.month).input.focus();
  });
  form.querySelector("[data-cp-example]").addEventListener("click", () => {
    const values = {};
    for (const [id, months] of Object.entries(rules.example.revenue)) values[id] = months.map(String);
    const text = "Filled in the guidebook's worked example for " + rules.example.earningHalf + ".";
    dispatch({ type: "replaced", period: known(rules.example.earningHalf), values, kind: "example", text, estimate: true });
  });
  form
    .querySelector("[data-cp-clear]")
    .addEventListener("click", () =>
      dispatch({ type: "replaced", period: state.period, values: {}, kind: "cleared", text: "All amounts are cleared.", estimate: false }),
    );
  saved.watch(form, (value) => value && dispatch({ type: "synced", period: known(value.period), values: value.values }));

  const { status, value: found } = saved.load(new Date().toISOString());
  if (browserKV().blocked) dispatch({ type: "blocked" });
  if (status === "corrupt") dispatch({ type: "corrupt" });
  if (found) dispatch({ type: "loaded", period: known(found.period), values: found.values });
  fields.forEach((f, i) => {
    if (early[i] && early[i] !== state.values[f.lever][f.month])
      dispatch({ type: "typed", lever: f.lever, month: f.month, text: early[i] });
  });
  render();
}
