// The claims: a form to plan one, the list with each claim's status, next action and proof,
// and the open claim (ws-claim.js, loaded when a claim opens).

import { daysLeft, isDate } from "../modules/dates.js";
import { amountIn, formatMoney, toCents } from "../modules/money.js";
import { addClaim, checklistProgress, claimTiming, claimUsage, nextAction, own, restoreClaim, stageOf, statusOf, usagePeriods } from "../modules/workspace.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, daysText, field, h, longDate, redraw, shortSpan, part, focus } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const view = { errors: {}, filter: "", evidence: new Set(), editErrors: {} };
  const body = part(root, "claims", "Claims");
  const again = () => redraw(body, () => draw(store, view, again));
  store.subscribe(again);
}

const activityName = (store, id) => (own(store.data.activities, id) || { name: "Activity no longer listed" }).name;
const money = (c, v) => (typeof v === "number" ? formatMoney(toCents(v), c.currency || "USD") : "");

function draw(store, view, again) {
  const out = [addForm(store, view, again)];
  const u = store.ui.undo;
  if (u) out.push(h("p", { class: "cp-note", role: "status", "data-cp-ws-undo": "" }, "Deleted the claim " + (u.name || "without a name") + ". ",
    button("Undo", () => {
      store.change((s, at) => restoreClaim(s, u.id, at));
      store.ui.undo = null;
      store.open(u.id);
    }, { id: "cp-ws-undo" })));
  // The open claim comes before the list, so it is in reach however long the list is.
  const open = store.state.claims.find((c) => c.id === store.ui.open);
  if (view.shown !== store.ui.open) (view.editErrors = {}), (view.shown = store.ui.open);
  if (open && store.ui.claimView) out.push(store.ui.claimView.detail(store, view, open));
  out.push(list(store, view, again));
  return out;
}

function addForm(store, view, again) {
  const d = store.data, e = view.errors;
  const input = (name, type = "text", attrs = {}) => h("input", { type, name, autocomplete: "off", ...attrs });
  const name = input("name", "text", { maxlength: "200" }), activity = h("select", { name: "activity" },
    h("option", { value: "" }, "Choose an activity"), store.activities.map(([id, a]) => h("option", { value: id }, a.name)));
  const start = input("start", "date"), end = input("end", "date"), amount = input("amount", "text", { inputmode: "decimal" });
  const currency = input("currency", "text", { value: "USD", size: "4", maxlength: "3" });
  // A fund category to draw on: offered once funds are recorded in more than the default one.
  const pots = [...new Set(store.state.funds.map((f) => f.category).filter(Boolean))];
  const pot = pots.length ? h("select", { name: "fund" }, h("option", { value: "" }, d.defaultFund), pots.map((p) => h("option", { value: p }, p))) : null;
  return h("form", { class: "cp-ws-form", novalidate: true, "data-cp-ws-add": "", onsubmit(ev) {
    ev.preventDefault();
    const errors = {};
    if (!name.value.trim()) errors.name = "enter a name for the claim.";
    if (!activity.value) errors.activity = "choose the activity.";
    if (!isDate(start.value)) errors.start = "enter the day the activity starts.";
    if (!isDate(end.value)) errors.end = "enter the day the activity ends.";
    else if (isDate(start.value) && end.value < start.value) errors.end = "the end is before the start.";
    const cur = currency.value.trim().toUpperCase(), same = store.state.claims.find((c) => c.name.trim().toLowerCase() === name.value.trim().toLowerCase());
    if (same) errors.name = "a claim with this name exists already. Add the month or a number to tell them apart.";
    const m = amountIn(amount.value, cur);
    if (!amount.value.trim()) errors.amount = "enter the planned amount, for example 7,500.";
    else if (m.message) errors.amount = m.message;
    if (!/^[A-Z]{3}$/.test(cur)) errors.currency = "enter a three-letter currency code like USD.";
    view.errors = errors;
    const first = Object.keys(errors)[0];
    if (first) {
      again();
      return focus("cp-ws-add-" + first);
    }
    let id = null;
    for (const x of [name, activity, start, end, amount]) x.dataset.entered = "1"; // the form empties for the next claim
    store.change((s, at) => {
      const next = addClaim(s, { name: name.value.trim(), activity: activity.value, start: start.value, end: end.value, amount: m.cents / 100,
        currency: cur, fund_category: pot ? pot.value : "", status: d.planningStatuses[0] }, at);
      id = next.claims[next.claims.length - 1].id;
      return next;
    });
    store.open(id);
  } },
  h("fieldset", {}, h("legend", {}, "Plan a claim"),
    field("cp-ws-add-name", "Claim name", name, store.naming, e.name),
    field("cp-ws-add-activity", "Activity", activity, null, e.activity),
    h("div", { class: "cp-ws-row" }, field("cp-ws-add-start", "Activity starts", start, null, e.start),
      field("cp-ws-add-end", "Activity ends", end, null, e.end)),
    h("div", { class: "cp-ws-row" }, field("cp-ws-add-amount", "Planned amount", amount, "For example 7,500", e.amount),
      field("cp-ws-add-currency", "Currency", currency, null, e.currency), pot ? field("cp-ws-add-fund", "Fund category", pot) : null),
    h("button", { type: "submit", class: "md-button md-button--primary" }, "Add the claim")));
}

// A claim's row is drawn again only when the claim, its being open, or the day changed.
const rows = new WeakMap();
function row(store, c, today) {
  const open = c.id === store.ui.open, kept = rows.get(c);
  if (kept && kept.open === open && kept.today === today) return kept.el;
  const d = store.data, next = nextAction(c, d), a = own(d.activities, c.activity), p = a ? checklistProgress(c, a.checklist) : null;
  const stage = stageOf(c, d), t = claimTiming(c, d), lost = (stage === "plan" || stage === "draft") && today > t.claimDeadline;
  const due = lost ? ["Lost: the claim deadline, " + longDate(t.claimDeadline) + ", passed before it was submitted."]
    : next.kind === "start" && next.due < today ? ["The activity was to start on " + longDate(next.due) + ": update its status."]
      : [next.text, next.due ? h("br") : null, next.due ? longDate(next.due) + ", " + daysText(daysLeft(today, next.due, d)) : null];
  // The user's own action does not hide what the status still asks for.
  const asked = next.kind === "own" ? nextAction({ ...c, next_action: undefined }, d) : null;
  if (asked && asked.due && !lost) due.push(h("br"), "Also: " + asked.text.charAt(0).toLowerCase() + asked.text.slice(1) + (asked.kind === "keep" ? " until " : " by ") + longDate(asked.due) + ".");
  const cell = (label, ...kids) => h("td", { "data-label": label }, ...kids);
  const el = h("tr", { "data-cp-ws-claim": c.id, "aria-current": open ? "true" : null },
    h("th", { scope: "row" }, button(c.name || "Unnamed claim", () => store.open(c.id), {
      class: "cp-link-button", id: "cp-ws-open-" + c.id, "aria-label": "Open the claim " + (c.name || "without a name") }),
    c.flags ? h("span", { class: "cp-flag" }, " (rules changed: needs a look)") : null,
    t.status !== "ok" ? h("span", { class: "cp-flag" }, " (dates need a look)") : null),
    cell("Activity", activityName(store, c.activity)),
    cell("Dates", shortSpan(c.start, c.end)),
    h("td", { "data-label": "Amount", class: "cp-num" }, money(c, c.amount)),
    h("td", { "data-label": "Status", "data-cp-ws-status": c.status }, (statusOf(c.status, d) || { name: c.status }).name),
    cell("Next action", ...due),
    cell("Proof", p ? p.done + " of " + p.total : ""));
  rows.set(c, { open, today, el });
  return el;
}

function list(store, view, again) {
  const d = store.data, t = stamp(), claims = store.state.claims, periods = usagePeriods(store.state, d);
  if (!claims.length) return h("p", { "data-cp-ws-no-claims": "" }, "No claims planned yet.");
  const order = (a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.name.localeCompare(b.name));
  const q = (view.query || "").trim().toLowerCase();
  const shown = claims.filter((c) => (!view.filter || claimUsage(c, d) === view.filter) &&
    (!q || (c.name + " " + (c.claim_number || "")).toLowerCase().includes(q))).sort(order);
  const search = h("input", { type: "search", value: view.query || "", autocomplete: "off", oninput(e) {
    view.query = e.target.value;
    e.target.dataset.entered = "1";
    again();
  } });
  const filter = h("select", { onchange(e) {
    view.filter = e.target.value;
    again();
  } }, h("option", { value: "" }, "All usage periods"), periods.map((u) => h("option", { value: u, selected: u === view.filter }, store.label(u))));
  // The same table stays in the page while the list keeps its shape: only changed rows swap.
  const fresh = shown.map((c) => row(store, c, t.today));
  const shape = [view.filter, q, periods.join(), claims.length, shown.map((c) => c.id).join()].join("|");
  const kept = view.table;
  if (kept && kept.shape === shape) {
    fresh.forEach((tr, i) => tr !== kept.rows[i] && kept.tbody.replaceChild(tr, kept.rows[i]));
    kept.rows = fresh;
    return kept.el;
  }
  const tbody = h("tbody", {}, fresh);
  const el = h("div", {}, h("div", { class: "cp-ws-row" }, claims.length > 5 ? field("cp-ws-search", "Find a claim by name or claim number", search) : null,
    periods.length > 1 ? field("cp-ws-filter", "Show the claims of", filter) : null),
    h("div", { class: "cp-table-scroll", role: "region", "aria-label": "Claims", tabindex: "0" },
      h("table", { class: "cp-ws-table", "data-cp-ws-claims-table": "" }, h("caption", {}, shown.length + " of " + claims.length + " claims"),
        h("thead", {}, h("tr", {}, ["Claim", "Activity", "Dates", "Amount", "Status", "Next action", "Proof"].map((x) => h("th", { scope: "col" }, x)))),
        tbody)));
  view.table = { shape, el, tbody, rows: fresh };
  return el;
}

