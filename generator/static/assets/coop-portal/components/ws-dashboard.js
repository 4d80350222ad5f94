// One usage period at a glance: available, planned, claimed, approved, paid and at-risk money,
// what is left and when it is forfeited, the claims overdue or due soon, and the caps.

import { halfLabel, halfOf } from "../modules/dates.js";
import { ledger } from "../modules/ledger.js";
import { needMoney, needs } from "../modules/needs.js";
import { formatMoney } from "../modules/money.js";
import { dashboard, usagePeriods } from "../modules/workspace.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, daysText, drawFrom, field, h, longDate, part } from "./ws-ui.js";

const KINDS = { "claim-by": "advised claim-by date", "claim-deadline": "claim deadline", "resolution-deadline": "resolution deadline" };

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const body = part(root, "dashboard", "Dashboard"),
    cache = {};
  drawFrom(
    store,
    body,
    (s) => [s.workspace, s.view.usage, s.view.expanded, stamp().today],
    (s) => draw(store, s, cache),
  );
}

function draw(store, state, cache) {
  const d = store.data,
    t = stamp(),
    list = usagePeriods(state.workspace, d),
    view = state.view;
  if (!list.length)
    return h(
      "p",
      { "data-cp-ws-empty": "" },
      "Nothing here yet. Start by recording your ",
      h("a", { href: "#funds" }, "co-op funds"),
      ", then plan your claims, or open a saved workspace file.",
    );
  const current = halfLabel(halfOf(t.today, d.calendar));
  const usage = list.includes(view.usage) ? view.usage : list.includes(current) ? current : list[list.length - 1];
  const b = dashboard(state.workspace, d, usage, { today: t.today }),
    money = (c) => formatMoney(c, b.currency);
  const select = h(
    "select",
    { onchange: (e) => store.dispatch({ type: "usageChosen", usage: e.target.value }) },
    list.map((u) => h("option", { value: u, selected: u === usage }, store.label(u))),
  );
  // Every figure from the one money model (modules/ledger.js): the tiles are its parts, so
  // they add up to what is available, and there is one loss figure.
  const m = ledger(state.workspace, d, usage, { today: t.today });
  const figures = [
    ["Available", m.available, "available"],
    ["Planned, not yet claimed", m.planned, "planned"],
    ["Claimed, waiting for Microsoft", m.inReview, "claimed"],
    ["Approved, not yet paid (paid money is not in it)", m.approvedUnpaid, "approved"],
    ["Paid", m.paid, "paid"],
    ["Lost", m.lost, "lost"],
    ["At risk (already counted in the money not yet claimed or waiting for Microsoft)", m.atRisk, "at-risk"],
  ];
  const left = m.over
    ? h(
        "p",
        { class: "cp-ws-left cp-ws-left--over", "data-cp-ws-left": String(-m.over) },
        h("strong", {}, "Over plan: "),
        "your claims hold " + money(m.over) + " more than the funds available.",
      )
    : m.offered
      ? h(
          "p",
          { class: "cp-ws-left", "data-cp-ws-left": String(m.leftToPlan) },
          h("strong", {}, "Left to plan: " + money(m.leftToPlan) + ". "),
        )
      : h(
          "p",
          { class: "cp-ws-left", "data-cp-ws-left": "0", "data-cp-ws-not-offered": "" },
          h("strong", {}, "Nothing left to plan: "),
          "the usage period ended on " +
            longDate(m.period.usageEnd) +
            ", so no new activity can be paid from it" +
            (m.lostUnplanned ? "; the " + money(m.lostUnplanned) + " never planned is counted as lost." : "."),
        );
  const lostParts = [
    [m.lostDeadline, "not submitted by the claim deadline, or not answered by the resolution deadline"],
    [m.lostCut, "not approved by Microsoft on partly approved claims (claimed minus approved)"],
    [m.lostUnplanned, "never planned before the usage period ended"],
  ].filter(([c]) => c > 0);
  const lost = m.lost
    ? h(
        "p",
        { "data-cp-ws-lost-parts": "" },
        h("strong", {}, "Why money is lost: "),
        lostParts.map(([c, why]) => money(c) + " " + why).join("; ") + ".",
      )
    : null;
  const claimBy =
    m.toClaim > 0 && m.daysToClaimDeadline >= 0
      ? h(
          "p",
          { "data-cp-ws-to-claim": String(m.toClaim) },
          h("strong", {}, "Still to claim: " + money(m.toClaim) + ". "),
          "Claim it by " + longDate(m.claimDeadline) + " (" + daysText(m.daysToClaimDeadline) + ") or it is forfeited.",
        )
      : null;
  const other = m.otherCurrency.map((id) => state.workspace.claims.find((c) => c.id === id)).filter(Boolean);
  return [
    needsList(store, state, t.today, cache),
    field("cp-ws-dash-usage", "Usage period", select),
    h(
      "p",
      {},
      "Spend from " +
        longDate(b.period.usageStart) +
        " to " +
        longDate(b.period.usageEnd) +
        ". Claim deadline " +
        longDate(b.period.claimDeadline) +
        store.calculated(b.period, "claimDeadline") +
        ", resolution deadline " +
        longDate(b.period.resolutionDeadline) +
        store.calculated(b.period, "resolutionDeadline") +
        ".",
    ),
    h(
      "dl",
      { class: "cp-ws-figures", "data-cp-ws-figures": "" },
      figures.map(([label, cents, key]) => h("div", { "data-cp-ws-figure": key }, h("dt", {}, label), h("dd", {}, money(cents)))),
    ),
    left,
    lost,
    claimBy,
    m.byCategory.length > 1
      ? h(
          "div",
          { class: "cp-table-scroll" },
          h(
            "table",
            { class: "cp-ws-table", "data-cp-ws-categories": "" },
            h("caption", {}, "By fund category"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Fund category", "Available", "Held by claims", "Left to plan"].map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h(
              "tbody",
              {},
              m.byCategory.map((c) =>
                h(
                  "tr",
                  {},
                  h("th", { scope: "row" }, c.category || d.defaultFund),
                  h("td", { class: "cp-num" }, money(c.available)),
                  h("td", { class: "cp-num" }, money(c.held)),
                  h(
                    "td",
                    { class: "cp-num" },
                    c.over ? "over by " + money(c.over) : c.offered ? money(c.leftToPlan) : "none, the period is over",
                  ),
                ),
              ),
            ),
          ),
        )
      : null,
    other.length
      ? h(
          "p",
          {},
          "Not added up here, because their currency differs from the funds' " +
            m.currency +
            ": " +
            other.map((c) => (c.name || "unnamed claim") + " (" + (c.currency || "USD") + ")").join(", ") +
            ".",
        )
      : null,
    due(store, view, "Overdue", b.overdue, "overdue"),
    due(store, view, "Due within " + d.warnDays + " days", b.dueSoon, "due-soon"),
    due(store, view, "Past the advised claim-by date, before the claim deadline", b.pastClaimBy, "past-claim-by"),
    due(
      store,
      view,
      "Lost: not submitted by the claim deadline, or not answered by the resolution deadline",
      b.forfeited,
      "forfeited",
      true,
    ),
    b.caps.length
      ? h(
          "div",
          { "data-cp-ws-caps": "" },
          h("h3", {}, "Caps"),
          h(
            "ul",
            {},
            b.caps.map((c) =>
              h(
                "li",
                { "data-cp-ws-cap": c.cap },
                h("strong", {}, c.over ? "Over the cap: " : c.limit === null ? "Check: " : "Within the cap: "),
                d.activities[c.activity].name +
                  ". " +
                  c.text +
                  (c.limit === null ? "" : " Your claims: " + money(c.used) + " of " + money(c.limit) + "."),
              ),
            ),
          ),
        )
      : null,
  ];
}

/** Lines of "What needs you" shown before "Show all" (all of them when only a few more). */
export const NEEDS_SHOWN = 50;

/** "What needs you": every due line of the workspace (modules/needs.js), by date, in words; the
 * first NEEDS_SHOWN of a longer list, with a button that shows them all. */
function needsList(store, state, today, cache) {
  const list = needs(state.workspace, store.data, { today }),
    all = state.view.expanded.needs || list.length <= NEEDS_SHOWN + 2,
    shown = all ? list : list.slice(0, NEEDS_SHOWN);
  // Drawn again only when a line shown, or how many there are, changed (not on every edit).
  const k = cache.needs;
  if (k && k.all === all && k.count === list.length && k.shown.length === shown.length && k.shown.every((x, i) => sameLine(x, shown[i])))
    return k.el;
  const el = needsSection(store, list, shown, all);
  cache.needs = { all, count: list.length, shown, el };
  return el;
}

// Two lines that say the same (a claim's line is made anew when the claim changes, a period's on each redraw).
const LINE = ["kind", "due", "daysLeft", "claim", "name", "usage", "cents", "currency", "what"];
const sameLine = (a, b) => a === b || LINE.every((k) => a[k] === b[k]);

function needsSection(store, list, shown, all) {
  // Shown whole, the focus goes to the first line that was hidden (the button is gone).
  const more = all
    ? null
    : h(
        "p",
        {},
        "The " + NEEDS_SHOWN + " most urgent of " + list.length + ". ",
        button("Show all " + list.length, () => store.dispatch({ type: "listExpanded", key: "needs", focus: "cp-ws-need-more" }), {
          class: "cp-link-button",
          id: "cp-ws-needs-all",
        }),
      );
  return h(
    "section",
    { class: "cp-ws-needs", "aria-labelledby": "cp-ws-needs-heading", "data-cp-ws-needs": String(list.length) },
    h("h3", { id: "cp-ws-needs-heading" }, "What needs you"),
    more,
    list.length
      ? h(
          "ol",
          {},
          shown.map((n, i) =>
            h(
              "li",
              {
                "data-cp-ws-need": n.kind,
                "data-cp-ws-need-claim": n.claim,
                "data-cp-ws-need-due": n.due,
                ...(i === NEEDS_SHOWN && list.length > NEEDS_SHOWN + 2 ? { id: "cp-ws-need-more", tabindex: "-1" } : {}),
              },
              h("strong", {}, longDate(n.due) + ", " + daysText(n.daysLeft) + ": "),
              n.claim
                ? [
                    h(
                      "button",
                      { type: "button", class: "cp-link-button", onclick: () => store.dispatch({ type: "claimOpened", id: n.claim }) },
                      n.name || "Unnamed claim",
                    ),
                    n.cents === null ? "" : " (" + needMoney(n) + ")",
                    ": ",
                  ]
                : n.cents === null
                  ? ""
                  : needMoney(n) + " of usage period " + n.usage + " ",
              n.what + ".",
            ),
          ),
        )
      : h("p", {}, "Nothing is due: no claim waits on you and no money needs planning."),
  );
}

const SHOW = 10;

function due(store, view, title, entries, key, lost = false) {
  if (!entries.length) return null;
  const all = view.expanded[key] || entries.length <= SHOW + 2,
    shown = all ? entries : entries.slice(0, SHOW);
  const more = all
    ? null
    : button("Show all " + entries.length, () => store.dispatch({ type: "listExpanded", key }), { class: "cp-link-button" });
  return h(
    "div",
    { "data-cp-ws-due": key },
    h("h3", {}, title + " (" + entries.length + ")"),
    more && h("p", {}, "The " + SHOW + " most urgent: ", more),
    h(
      "ul",
      {},
      shown.map((e) =>
        h(
          "li",
          {},
          h(
            "button",
            { type: "button", class: "cp-link-button", onclick: () => store.dispatch({ type: "claimOpened", id: e.id }) },
            e.name || "Unnamed claim",
          ),
          ": ",
          e.deadlines
            .map(
              (x) =>
                KINDS[x.kind] +
                " " +
                longDate(x.day) +
                ", " +
                (x.daysLeft < 0 && (x.kind === "claim-by" || lost) ? "passed" : daysText(x.daysLeft)),
            )
            .join("; ") + ".",
        ),
      ),
    ),
  );
}
