// Co-op funds per usage period: typed in, or read from Partner Center's Earnings report (CSV),
// which shows each earning period's threshold outcome before anything is recorded.

import { halfLabel, halfOf, nextHalf, previousHalf } from "../modules/dates.js";
import { amountIn, formatMoney, toCents } from "../modules/money.js";
import { importEarnings, removeFunds, setFunds, usagePeriods } from "../modules/workspace.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, field, h, readText, redraw, part, focus } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const view = { error: null, report: null };
  const body = part(root, "funds", "Co-op funds");
  const again = () => redraw(body, () => draw(store, view, again));
  store.subscribe(again);
}

/** The usage halves to offer: the one before today's, today's, the next one, and the workspace's. */
function halves(store) {
  const d = store.data, now = halfOf(stamp().today, d.calendar);
  const list = [halfLabel(previousHalf(now)), halfLabel(now), halfLabel(nextHalf(now))].concat(usagePeriods(store.state, d));
  return [...new Set(list)].sort();
}

function draw(store, view, again) {
  const d = store.data, funds = store.state.funds, label = store.label;
  const out = [h("p", {}, "Record the co-op you can spend in each usage period, as Partner Center shows it, or read it from the Earnings report.")];
  const pot = (f) => f.category || d.defaultFund, many = funds.some((f) => f.category);
  const named = (f) => f.usage_period + (f.category ? ", " + f.category : "");
  out.push(funds.length
    ? h("div", { class: "cp-table-scroll" }, h("table", { class: "cp-ws-table", "data-cp-ws-funds-table": "", id: "cp-ws-funds-table", tabindex: "-1" }, h("caption", {}, "Co-op funds recorded"),
      h("thead", {}, h("tr", {}, ["Usage period", many ? "Fund category" : null, "Co-op to spend", "Recorded from", ""].filter(Boolean).map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, funds.map((f, i) => h("tr", { "data-cp-ws-fund": f.usage_period, "data-cp-ws-category": pot(f) }, h("th", { scope: "row" }, label(f.usage_period)),
        many ? h("td", {}, pot(f)) : null,
        h("td", { class: "cp-num" }, formatMoney(toCents(f.amount), f.currency)),
        h("td", {}, f.source === "earnings" ? "Earnings report (" + formatMoney(toCents(f.earned || 0)) + " co-op earned)" : "typed in"),
        h("td", {}, button("Remove", () => {
          store.change((s, at) => removeFunds(s, f.usage_period, at, f.category));
          view.undo = f;
          again();
          focus("cp-ws-fund-undo");
        }, { "aria-label": "Remove the funds of " + named(f), id: "cp-ws-fund-remove-" + i })))))))
    : h("p", { "data-cp-ws-no-funds": "" }, "No funds recorded yet."));
  if (view.undo) {
    const f = view.undo;
    out.push(h("p", { class: "cp-note", role: "status" }, "Removed the funds of " + label(f.usage_period) + (f.category ? ", " + f.category : "") + ". ",
      button("Undo", () => {
        store.change((s, at) => setFunds(s, f.usage_period, f.amount, at, f.currency, { category: f.category, ...(f.source ? { source: f.source, earned: f.earned } : {}) }));
        view.undo = null;
        again();
        focus("cp-ws-funds-table");
      }, { id: "cp-ws-fund-undo" })));
  }

  const current = halfLabel(halfOf(stamp().today, d.calendar));
  const period = h("select", { name: "usage" }, halves(store).map((u) => h("option", { value: u, selected: u === current }, label(u))));
  const amount = h("input", { type: "text", name: "amount", inputmode: "decimal", autocomplete: "off", spellcheck: "false" });
  const currency = h("input", { type: "text", name: "currency", value: "USD", size: "4", maxlength: "3", autocomplete: "off" });
  const category = h("input", { type: "text", name: "category", value: d.defaultFund, maxlength: "100", autocomplete: "off", list: "cp-ws-fund-categories" });
  const known = [...new Set([d.defaultFund].concat(funds.map(pot)))];
  const form = h("form", { class: "cp-ws-form", "data-cp-ws-fund-form": "", novalidate: true, onsubmit(e) {
    e.preventDefault();
    const cur = currency.value.trim().toUpperCase(), m = amountIn(amount.value, cur), typed = category.value.trim();
    view.error = !amount.value.trim() ? ["amount", "enter the co-op available, for example 40,000."] : m.message ? ["amount", m.message]
      : !/^[A-Z]{3}$/.test(cur) ? ["currency", "enter a three-letter currency code like USD."] : null;
    if (view.error) {
      again();
      return focus("cp-ws-fund-" + view.error[0]);
    }
    amount.dataset.entered = "1";
    view.undo = null;
    const extra = { source: "typed" };
    if (typed && typed.toLowerCase() !== d.defaultFund.toLowerCase()) extra.category = typed;
    store.change((s, at) => setFunds(s, period.value, m.cents / 100, at, cur, extra));
    focus("cp-ws-fund-amount");
  } },
  h("fieldset", {}, h("legend", {}, "Record co-op funds"),
    field("cp-ws-fund-usage", "Usage period", period),
    field("cp-ws-fund-category", "Fund category", category, "As Partner Center's fund filter shows it. Most partners have only " + d.defaultFund + "."),
    h("datalist", { id: "cp-ws-fund-categories" }, known.map((k) => h("option", { value: k }))),
    field("cp-ws-fund-amount", "Co-op available to spend", amount, "For example 40,000 or 40000.50. Recording a period and category again replaces its amount.",
      view.error && view.error[0] === "amount" ? view.error[1] : null),
    field("cp-ws-fund-currency", "Currency", currency, null, view.error && view.error[0] === "currency" ? view.error[1] : null),
    h("button", { type: "submit", class: "md-button md-button--primary" }, "Record funds")));
  out.push(form);

  const input = h("input", { type: "file", accept: ".csv,text/csv", "data-cp-ws-earnings": "", async onchange(e) {
    const file = e.target.files[0];
    if (!file) return;
    const { readEarnings } = await import("../modules/earnings.js");
    view.report = readEarnings(await readText(file), d, stamp().today);
    view.reportName = file.name;
    again();
    focus("cp-ws-earnings-result");
  } });
  out.push(h("div", { class: "cp-ws-import" }, h("h3", {}, "Read the Earnings report"),
    h("p", {}, "In Partner Center, open Incentives, then Earnings, and download the report as CSV. Only co-op rows count, each earning once; " +
      "rebate rows are left out."),
    field("cp-ws-earnings-file", "Earnings report (CSV)", input), view.report ? report(store, view, again) : null));
  return out;
}

// What recording a report would do to each usage period: its amount, or why it is left out.
function outcome(store, p) {
  const had = store.state.funds.find((f) => f.usage_period === p.usageHalf && !f.category);
  const was = had ? " (replaces " + formatMoney(toCents(had.amount), had.currency) + (had.source === "earnings" ? " from a report)" : " you typed)") : "";
  if (p.complete === false) return { record: false, text: "Not recorded: the earning period is not over, so this is the co-op so far." };
  if (!p.thresholdMet && !had) return { record: false, text: "Not recorded: under the threshold there is no co-op to spend." };
  return { record: true, text: (p.thresholdMet ? formatMoney(p.cents) : "USD 0, under the threshold") + was };
}

function report(store, view, again) {
  const r = view.report, d = store.data;
  if (!r.ok) return h("div", { class: "cp-note cp-note--error", role: "alert", id: "cp-ws-earnings-result", tabindex: "-1", "data-cp-ws-earnings-result": "" },
    h("p", {}, h("strong", {}, "This file cannot be used. "), r.message));
  const threshold = formatMoney(toCents(d.threshold)), chosen = r.periods.filter((p) => outcome(store, p).record);
  return h("div", { class: "cp-note", id: "cp-ws-earnings-result", tabindex: "-1", "data-cp-ws-earnings-result": "" },
    h("p", {}, "From " + view.reportName + ": " + r.coopRows + " co-op rows" + (r.duplicates ? ", " + r.duplicates + " of them repeats of an earning already counted" : "") +
      (r.otherRows ? "; " + r.otherRows + " other rows (rebate and others) left out" : "") + "."),
    r.periods.length ? h("div", { class: "cp-table-scroll" }, h("table", { class: "cp-ws-table" }, h("caption", {}, "Co-op earned, by earning period"),
      h("thead", {}, h("tr", {}, ["Earned in", "Co-op earned", "Threshold of " + threshold, "Spend in", "To be recorded"].map((t) => h("th", { scope: "col" }, t)))),
      h("tbody", {}, r.periods.map((p) => h("tr", { "data-cp-ws-earned": p.earningHalf }, h("th", { scope: "row" }, p.earningHalf),
        h("td", { class: "cp-num" }, formatMoney(p.cents)),
        h("td", {}, p.thresholdMet ? "met" : p.complete === false ? "not met so far; the earning period is still running" : "not met: it turns into rebate"),
        h("td", {}, store.label(p.usageHalf)),
        h("td", {}, outcome(store, p).text)))))) : h("p", {}, "No co-op earnings found."),
    r.notes.map((n) => h("p", {}, n)),
    r.problems.length ? h("ul", { "aria-label": "Rows not counted" }, r.problems.map((p) => h("li", {}, p.message))) : null,
    chosen.length ? h("p", {}, button("Record these funds", () => {
      store.change((s, at) => importEarnings(s, { ...r, periods: chosen }, at));
      view.report = null;
      again();
      focus("cp-ws-funds-table");
    }, { class: "md-button md-button--primary", "data-cp-ws-earnings-apply": "" }), " ", button("Cancel", () => {
      view.report = null;
      again();
      focus("cp-ws-earnings-file");
    })) : null);
}
