// The claims: a form to plan one, the list with each claim's status, next action and proof,
// and the open claim (ws-claim.js, loaded when a claim opens).

import { deadlineOf, listOrder, noDeadline, sortClaims, statusMatches, totalsByStatus } from "../modules/claim-table.js";
import { formatMoney, toCents } from "../modules/money.js";
import { shortDate } from "../modules/words.js";
import { checklistProgress, claimTiming, claimUsage, newId, own, statusOf, usagePeriods } from "../modules/workspace.js";
import { nextInList } from "../modules/ws-domain.js";
import { draftOf, errorsOf, restoredOf } from "../modules/ws-state.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, drawFrom, field, h, patch, sameItems, shortSpan, part, typed } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const body = part(root, "claims", "Claims"),
    cache = {};
  let claimView = null; // the open claim's code (ws-claim.js), loaded when a claim first opens
  const uses = (s) => {
    const v = s.view;
    return [
      s.workspace,
      v.open,
      v.undo,
      v.query,
      v.filter,
      v.page,
      v.sort,
      v.status,
      v.evidence,
      v.drafts,
      v.errors,
      v.expanded,
      stamp().today,
    ];
  };
  drawFrom(store, body, uses, (state) => {
    if (state.view.open && !claimView) {
      import("./ws-claim.js").then((m) => {
        claimView = m;
        store.refresh();
      });
    }
    return draw(store, state, claimView, cache);
  });
}

const activityName = (store, id) => (own(store.data.activities, id) || { name: "Activity no longer listed" }).name;
const money = (c, v) => (typeof v === "number" ? formatMoney(toCents(v), c.currency || "USD") : "");

// The list, and the open claim beside it on a wide screen (portal.css) or, on a narrower one, in
// its place with a button back to the list. The two columns stay the same elements.
function draw(store, state, claimView, cache) {
  const u = state.view.undo,
    v = state.view,
    today = stamp().today;
  const side = cache.side || (cache.side = h("div", { class: "cp-ws-split__list" })),
    split = cache.split || (cache.split = h("div", { class: "cp-ws-split", "data-cp-ws-split": "" }, side));
  patch(
    side,
    [
      kept(cache, "add", [draftOf(v, "add"), errorsOf(v, "add"), v.restored, state.workspace.funds], () => addForm(store, state)),
      u
        ? h(
            "p",
            { class: "cp-note", role: "status", "data-cp-ws-undo": "" },
            "Deleted the claim " + (u.name || "without a name") + ". ",
            button("Undo", () => store.dispatch({ type: "deleteUndone" }), { id: "cp-ws-undo" }),
          )
        : null,
      list(store, state, cache),
    ].filter(Boolean),
  );
  const open = state.workspace.claims.find((c) => c.id === v.open);
  // The open claim is drawn again only when what it shows changed (not on a search's keystroke).
  const uses = [claimView, open, v.drafts, v.errors, v.restored, v.evidence, v.expanded, state.workspace.funds, today];
  const claim =
    open && claimView
      ? kept(cache, "claim", uses, () =>
          h(
            "div",
            { class: "cp-ws-split__claim" },
            button("Back to the list", () => store.dispatch({ type: "claimClosed" }), { class: "md-button cp-ws-back", id: "cp-ws-back" }),
            claimView.detail(store, state, open, today),
          ),
        )
      : null;
  split.classList.toggle("cp-ws-split--open", !!claim);
  patch(split, [side, claim].filter(Boolean));
  return [split];
}

// The element make() drew last for the same `uses` (compared by identity), else a new one.
function kept(cache, name, uses, make) {
  const k = cache[name];
  if (k && sameItems(k.uses, uses)) return k.el;
  const el = make();
  cache[name] = { uses, el };
  return el;
}

function addForm(store, state) {
  const d = store.data,
    e = errorsOf(state.view, "add"),
    draft = draftOf(state.view, "add"),
    back = restoredOf(state.view, "add");
  const input = (name, type = "text", attrs = {}) =>
    h("input", { type, name, autocomplete: "off", value: draft[name], ...attrs, oninput: typed(store, "add", name) });
  const choice = (name, first, options) =>
    h(
      "select",
      { name, onchange: typed(store, "add", name) },
      first,
      options.map(([value, text]) => h("option", { value, selected: value === draft[name] }, text)),
    );
  const name = input("name", "text", { maxlength: "200" });
  const activity = choice(
    "activity",
    h("option", { value: "" }, "Choose an activity"),
    store.activities.map(([id, a]) => [id, a.name]),
  );
  const start = input("start", "date"),
    end = input("end", "date"),
    amount = input("amount", "text", { inputmode: "decimal" });
  const currency = input("currency", "text", { value: draft.currency ?? "USD", size: "4", maxlength: "3" });
  // A fund category to draw on: offered once funds are recorded in more than the default one.
  const pots = [...new Set(state.workspace.funds.map((f) => f.category).filter(Boolean))];
  const pot = pots.length
    ? choice(
        "fund",
        h("option", { value: "" }, d.defaultFund),
        pots.map((p) => [p, p]),
      )
    : null;
  return h(
    "form",
    {
      class: "cp-ws-form",
      novalidate: true,
      "data-cp-ws-add": "",
      onsubmit(ev) {
        ev.preventDefault();
        store.dispatch({ type: "claimAdded", id: newId() });
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, "Plan a claim"),
      field("cp-ws-add-name", "Claim name", name, store.naming, e.name, back.includes("name")),
      field("cp-ws-add-activity", "Activity", activity, null, e.activity),
      h(
        "div",
        { class: "cp-ws-row" },
        field("cp-ws-add-start", "Activity starts", start, null, e.start, back.includes("start")),
        field("cp-ws-add-end", "Activity ends", end, null, e.end, back.includes("end")),
      ),
      h(
        "div",
        { class: "cp-ws-row" },
        field("cp-ws-add-amount", "Planned amount", amount, "For example 7,500", e.amount, back.includes("amount")),
        field("cp-ws-add-currency", "Currency", currency, null, e.currency),
        pot ? field("cp-ws-add-fund", "Fund category", pot) : null,
      ),
      h("button", { type: "submit", class: "md-button md-button--primary" }, "Add the claim"),
    ),
  );
}

// A claim's row is drawn again only when the claim, its being open, or the day changed.
const rows = new WeakMap();
function row(store, c, open, today) {
  const kept = rows.get(c);
  if (kept && kept.open === open && kept.today === today) return kept.el;
  const d = store.data,
    a = own(d.activities, c.activity),
    p = a ? checklistProgress(c, a.checklist) : null,
    t = claimTiming(c, d);
  // The user's own action does not hide what the status still asks for.
  const next = nextInList(c, d, today),
    due = next.lines.flatMap((x, i) => (i ? [h("br"), x] : [x]));
  if (next.also) due.push(h("br"), next.also);
  const cell = (label, ...kids) => h("td", { "data-label": label }, ...kids),
    num = (label, v) => h("td", { "data-label": label, class: "cp-num" }, money(c, v)),
    deadline = deadlineOf(c, d, today);
  const el = h(
    "tr",
    { "data-cp-ws-claim": c.id, "aria-current": open ? "true" : null },
    h(
      "th",
      { scope: "row" },
      button(c.name || "Unnamed claim", () => store.dispatch({ type: "claimOpened", id: c.id }), {
        class: "cp-link-button",
        id: "cp-ws-open-" + c.id,
        "aria-label": "Open the claim " + (c.name || "without a name"),
      }),
      c.flags ? h("span", { class: "cp-flag" }, " (rules changed: needs a look)") : null,
      t.status !== "ok" ? h("span", { class: "cp-flag" }, " (dates need a look)") : null,
    ),
    cell("Claim number", c.claim_number || ""),
    cell("Activity", activityName(store, c.activity)),
    cell("Dates", shortSpan(c.start, c.end)),
    h("td", { "data-label": "Status", "data-cp-ws-status": c.status }, (statusOf(c.status, d) || { name: c.status }).name),
    h("td", { "data-label": "Deadline", "data-cp-ws-deadline": deadline || "" }, deadline ? shortDate(deadline) : noDeadline(c, d)),
    num("Planned", c.amount),
    num("Claimed", c.claimed),
    num("Approved", c.approved),
    num("Paid", c.paid),
    cell("Next action", ...due),
    cell("Proof", p ? p.done + " of " + p.total : ""),
  );
  rows.set(c, { open, today, el });
  return el;
}

// Each claim's text searched, lowercased, worked out once per claim object, not on every keystroke
// (the list's own order, by start and name, is claim-table.js listOrder).
const searched = new WeakMap();
function searchText(c) {
  let text = searched.get(c);
  if (text === undefined) searched.set(c, (text = (c.name + " " + (c.claim_number || "")).toLowerCase()));
  return text;
}

// The table's columns: [heading, the column it sorts by (claim-table.js SORTABLE), or none].
const COLUMNS = [
  ["Claim", "name"],
  ["Claim number (Partner Center)", "claim_number"],
  ["Activity", "activity"],
  ["Dates", "dates"],
  ["Status", "status"],
  ["Deadline", "deadline"],
  ["Planned", "amount"],
  ["Claimed", "claimed"],
  ["Approved", "approved"],
  ["Paid", "paid"],
  ["Next action", null],
  ["Proof", null],
];
const NUMERIC = new Set(["amount", "claimed", "approved", "paid"]);

// The totals by status of the claims the search and usage filter find, drawn again only when they change.
function totals(store, found, cache) {
  if (cache.totals && cache.totals.found === found) return cache.totals.el;
  const list = totalsByStatus(found, store.data);
  const amount = (m, f) => formatMoney(m[f], m.currency);
  const cellOf = (label, ms, f) =>
    h(
      "td",
      { "data-label": label, class: "cp-num" },
      ms.flatMap((m, i) => (i ? [h("br"), amount(m, f)] : [amount(m, f)])),
    );
  const el = list.length
    ? h(
        "div",
        { class: "cp-table-scroll", role: "region", "aria-label": "Totals by status", tabindex: "0" },
        h(
          "table",
          { class: "cp-ws-table", "data-cp-ws-totals": "" },
          h("caption", {}, "Totals by status"),
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ["Status", "Claims", "Planned", "Claimed", "Approved", "Paid"].map((x, i) =>
                h("th", { scope: "col", class: i > 1 ? "cp-num" : null }, x),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            list.map((x) =>
              h(
                "tr",
                { "data-cp-ws-total": x.status },
                h("th", { scope: "row" }, x.name),
                h("td", { "data-label": "Claims", class: "cp-num" }, String(x.count)),
                cellOf("Planned", x.totals, "planned"),
                cellOf("Claimed", x.totals, "claimed"),
                cellOf("Approved", x.totals, "approved"),
                cellOf("Paid", x.totals, "paid"),
              ),
            ),
          ),
        ),
      )
    : null;
  cache.totals = { found, el };
  return el;
}

/** Rows on one page of the claim list; a longer list has pages, with buttons to move between them. */
export const PAGE = 100;

function list(store, state, cache) {
  const d = store.data,
    t = stamp(),
    claims = state.workspace.claims,
    periods = usagePeriods(state.workspace, d),
    view = state.view;
  if (!claims.length) return h("p", { "data-cp-ws-no-claims": "" }, "No claims planned yet.");
  const q = (view.query || "").trim().toLowerCase();
  const key = [claims, view.filter, q, view.sort, view.status, t.today];
  let shown = cache.shown && sameItems(cache.shown.key, key) ? cache.shown.list : null,
    found = shown ? cache.shown.found : null;
  if (!shown) {
    // The search and the usage filter, then the status filter and the sort, once per list.
    found =
      view.filter || q
        ? listOrder(claims).filter((c) => (!view.filter || claimUsage(c, d) === view.filter) && (!q || searchText(c).includes(q)))
        : listOrder(claims);
    const byName = (id) => activityName(store, id);
    shown = sortClaims(view.status ? found.filter((c) => statusMatches(c, view.status, d)) : found, view.sort, d, byName, t.today);
    cache.shown = { key, list: shown, found };
  }
  const pages = Math.max(1, Math.ceil(shown.length / PAGE)),
    page = Math.min(view.page || 0, pages - 1),
    first = page * PAGE,
    onPage = pages > 1 ? shown.slice(first, first + PAGE) : shown;
  const count = (n) => n.toLocaleString("en-US");
  const range = pages > 1 ? "claims " + count(first + 1) + " to " + count(first + onPage.length) : "";
  // The same table stays in the page while the list keeps its shape: only changed rows swap.
  const fresh = onPage.map((c) => row(store, c, c.id === view.open, t.today));
  const sort = view.sort || {};
  const shape = [
    view.filter,
    q,
    view.status,
    sort.column,
    sort.dir,
    periods.join(),
    claims.length,
    shown.length,
    page,
    onPage.map((c) => c.id).join(),
  ].join("|");
  const kept = cache.table,
    el = cache.wrap || (cache.wrap = h("div"));
  if (kept && kept.shape === shape) {
    fresh.forEach((tr, i) => tr !== kept.rows[i] && kept.tbody.replaceChild(tr, kept.rows[i]));
    kept.rows = fresh;
    patch(el, [controls(store, state, periods, cache), kept.region, kept.pager, totals(store, found, cache)].filter(Boolean));
    return el;
  }
  const tbody = h("tbody", {}, fresh);
  // Moving a page keeps the focus on the button pressed, or on the other one at either end.
  const go = (to, id) => () =>
    store.dispatch({ type: "listPaged", page: to, focus: to === 0 ? "cp-ws-page-next" : to === pages - 1 ? "cp-ws-page-prev" : id });
  const pager =
    pages > 1
      ? h(
          "nav",
          { class: "cp-ws-pager", "aria-label": "Pages of the claim list", "data-cp-ws-pager": "" },
          h(
            "p",
            { "aria-live": "polite", "data-cp-ws-range": "" },
            "Showing " + range + " of " + count(shown.length) + " (page " + (page + 1) + " of " + pages + ").",
          ),
          page > 0 ? button("Previous " + PAGE, go(page - 1, "cp-ws-page-prev"), { id: "cp-ws-page-prev" }) : null,
          page > 0 && page < pages - 1 ? " " : null,
          page < pages - 1
            ? button("Next " + Math.min(PAGE, shown.length - first - PAGE), go(page + 1, "cp-ws-page-next"), { id: "cp-ws-page-next" })
            : null,
        )
      : null;
  const region = h(
    "div",
    { class: "cp-table-scroll", role: "region", "aria-label": "Claims", tabindex: "0" },
    h(
      "table",
      { class: "cp-ws-table", "data-cp-ws-claims-table": "" },
      h("caption", {}, count(shown.length) + " of " + count(claims.length) + " claims" + (range ? ", " + range + " shown" : "")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          COLUMNS.map(([label, column]) => {
            const on = column && sort.column === column;
            return h(
              "th",
              { scope: "col", "aria-sort": on ? sort.dir : null, class: NUMERIC.has(column) ? "cp-num" : null },
              column
                ? button(label, () => store.dispatch({ type: "listSorted", column }), {
                    class: "cp-link-button cp-ws-sort",
                    id: "cp-ws-sort-" + column,
                    "data-cp-ws-sort": column,
                  })
                : label,
              on ? h("span", { "aria-hidden": "true" }, sort.dir === "ascending" ? " \u25b2" : " \u25bc") : null,
            );
          }),
        ),
      ),
      tbody,
    ),
  );
  // The wrapper and the search field stay in place, so typing in the field keeps its focus.
  patch(el, [controls(store, state, periods, cache), region, pager, totals(store, found, cache)].filter(Boolean));
  cache.table = { shape, region, pager, tbody, rows: fresh };
  return el;
}

// The search and the filter stay the same elements while typing (the field keeps its focus and
// caret without the page being laid out again); drawn anew when the choices change.
function controls(store, state, periods, cache) {
  const view = state.view,
    many = state.workspace.claims.length > 5,
    shape = [many, periods.join(), view.filter, view.status].join("|");
  const kept = cache.controls;
  // Only the search field's own listener changes the query, so the kept field shows it already.
  if (kept && kept.shape === shape) return kept.el;
  const search = h("input", {
    type: "search",
    value: view.query || "",
    autocomplete: "off",
    oninput: (e) => store.dispatch({ type: "queryChanged", text: e.target.value }),
  });
  const filter = h(
    "select",
    { onchange: (e) => store.dispatch({ type: "filterChanged", usage: e.target.value }) },
    h("option", { value: "" }, "All usage periods"),
    periods.map((u) => h("option", { value: u, selected: u === view.filter }, store.label(u))),
  );
  const status = h(
    "select",
    { onchange: (e) => store.dispatch({ type: "statusFiltered", status: e.target.value }) },
    h("option", { value: "" }, "All statuses"),
    store.data.statuses.map((x) => h("option", { value: x.id, selected: x.id === view.status }, x.name)),
  );
  const el = h(
    "div",
    { class: "cp-ws-row" },
    many ? field("cp-ws-search", "Find a claim by name or claim number", search) : null,
    periods.length > 1 ? field("cp-ws-filter", "Show the claims of", filter) : null,
    field("cp-ws-status-filter", "Status", status),
  );
  cache.controls = { shape, el };
  return el;
}
