// Co-op funds per usage period: typed in, or read from Partner Center's Earnings report (CSV),
// which shows each earning period's threshold outcome before anything is recorded.

import { halfLabel, halfOf, nextHalf, previousHalf } from "../modules/dates.js";
import { formatMoney, toCents } from "../modules/money.js";
import { usagePeriods } from "../modules/workspace.js";
import { earningsOutcome } from "../modules/ws-domain.js";
import { draftOf, errorsOf } from "../modules/ws-state.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, drawFrom, field, h, readText, part, typed } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const body = part(root, "funds", "Co-op funds");
  drawFrom(
    store,
    body,
    // Of the workspace, the funds and the usage halves its claims draw on: not drawn again on a tick.
    (s) => [
      s.workspace.funds,
      usagePeriods(s.workspace, store.data).join(),
      s.view.fundUndo,
      s.view.report,
      s.view.reading,
      s.view.drafts.fund,
      s.view.errors.fund,
      stamp().today,
    ],
    (s) => draw(store, s),
  );
}

/** The usage halves to offer: the one before today's, today's, the next one, and the workspace's. */
function halves(store, workspace) {
  const d = store.data,
    now = halfOf(stamp().today, d.calendar);
  const list = [halfLabel(previousHalf(now)), halfLabel(now), halfLabel(nextHalf(now))].concat(usagePeriods(workspace, d));
  return [...new Set(list)].sort();
}

function draw(store, state) {
  const d = store.data,
    funds = state.workspace.funds,
    label = store.label,
    view = state.view;
  const out = [
    h("p", {}, "Record the co-op you can spend in each usage period, as Partner Center shows it, or read it from the Earnings report."),
  ];
  const pot = (f) => f.category || d.defaultFund,
    many = funds.some((f) => f.category);
  const named = (f) => f.usage_period + (f.category ? ", " + f.category : "");
  out.push(
    funds.length
      ? h(
          "div",
          { class: "cp-table-scroll" },
          h(
            "table",
            { class: "cp-ws-table", "data-cp-ws-funds-table": "", id: "cp-ws-funds-table", tabindex: "-1" },
            h("caption", {}, "Co-op funds recorded"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Usage period", many ? "Fund category" : null, "Co-op to spend", "Recorded from", ""]
                  .filter(Boolean)
                  .map((t) => h("th", { scope: "col" }, t)),
              ),
            ),
            h(
              "tbody",
              {},
              funds.map((f, i) =>
                h(
                  "tr",
                  { "data-cp-ws-fund": f.usage_period, "data-cp-ws-category": pot(f) },
                  h("th", { scope: "row" }, label(f.usage_period)),
                  many ? h("td", {}, pot(f)) : null,
                  h("td", { class: "cp-num" }, formatMoney(toCents(f.amount), f.currency)),
                  h(
                    "td",
                    {},
                    f.source === "earnings" ? "Earnings report (" + formatMoney(toCents(f.earned || 0)) + " co-op earned)" : "typed in",
                  ),
                  h(
                    "td",
                    {},
                    button("Remove", () => store.dispatch({ type: "fundsRemoved", usage: f.usage_period, category: f.category }), {
                      "aria-label": "Remove the funds of " + named(f),
                      id: "cp-ws-fund-remove-" + i,
                    }),
                  ),
                ),
              ),
            ),
          ),
        )
      : h("p", { "data-cp-ws-no-funds": "" }, "No funds recorded yet."),
  );
  if (view.fundUndo) {
    const f = view.fundUndo;
    out.push(
      h(
        "p",
        { class: "cp-note", role: "status" },
        "Removed the funds of " + label(f.usage_period) + (f.category ? ", " + f.category : "") + ". ",
        button("Undo", () => store.dispatch({ type: "fundsUndone" }), { id: "cp-ws-fund-undo" }),
      ),
    );
  }

  const current = halfLabel(halfOf(stamp().today, d.calendar)),
    draft = draftOf(state.view, "fund"),
    error = errorsOf(state.view, "fund");
  const usage = draft.usage ?? current,
    text = (name, attrs) => h("input", { type: "text", name, autocomplete: "off", ...attrs, oninput: typed(store, "fund", name) });
  const period = h(
    "select",
    { name: "usage", onchange: typed(store, "fund", "usage") },
    halves(store, state.workspace).map((u) => h("option", { value: u, selected: u === usage }, label(u))),
  );
  const amount = text("amount", { inputmode: "decimal", spellcheck: "false", value: draft.amount ?? "" });
  const currency = text("currency", { value: draft.currency ?? "USD", size: "4", maxlength: "3" });
  const category = text("category", { value: draft.category ?? d.defaultFund, maxlength: "100", list: "cp-ws-fund-categories" });
  const known = [...new Set([d.defaultFund].concat(funds.map(pot)))];
  const form = h(
    "form",
    {
      class: "cp-ws-form",
      "data-cp-ws-fund-form": "",
      novalidate: true,
      onsubmit(e) {
        e.preventDefault();
        store.dispatch({ type: "fundsRecorded" });
      },
    },
    h(
      "fieldset",
      {},
      h("legend", {}, "Record co-op funds"),
      field("cp-ws-fund-usage", "Usage period", period),
      field(
        "cp-ws-fund-category",
        "Fund category",
        category,
        "As Partner Center's fund filter shows it. Most partners have only " + d.defaultFund + ".",
      ),
      h(
        "datalist",
        { id: "cp-ws-fund-categories" },
        known.map((k) => h("option", { value: k })),
      ),
      field(
        "cp-ws-fund-amount",
        "Co-op available to spend",
        amount,
        "For example 40,000 or 40000.50. Recording a period and category again replaces its amount.",
        error.amount,
      ),
      field("cp-ws-fund-currency", "Currency", currency, null, error.currency),
      h("button", { type: "submit", class: "md-button md-button--primary" }, "Record funds"),
    ),
  );
  out.push(form);

  const input = h("input", {
    type: "file",
    accept: ".csv,text/csv",
    "data-cp-ws-earnings": "",
    onchange(e) {
      const file = e.target.files[0];
      if (file) readReport(store, file);
    },
  });
  out.push(
    h(
      "div",
      { class: "cp-ws-import" },
      h("h3", {}, "Read the Earnings report"),
      h(
        "p",
        {},
        "In Partner Center, open Incentives, then Earnings, and download the report as CSV. Only co-op rows count, each earning once; " +
          "rebate rows are left out.",
      ),
      field("cp-ws-earnings-file", "Earnings report (CSV)", input),
      view.reading ? reading(store, view.reading) : (readingNotes.delete(store), null),
      view.report ? report(store, state) : null,
    ),
  );
  return out;
}

// The Earnings report being read, per page: a module worker (modules/earnings-worker.js) reads
// it off the page's thread; ending the worker cancels. Where no worker can start (or its module
// cannot load), the page reads the file itself, as before.
const readers = new WeakMap();
/** Problems of a report listed row by row; past these the page gives their count (a file may have thousands). */
const PROBLEMS_LISTED = 20;
function stopReading(store) {
  const worker = readers.get(store);
  if (worker) worker.terminate();
  readers.delete(store);
}

async function readHere(store, file, today) {
  const { readEarnings } = await import("../modules/earnings.js");
  store.dispatch({ type: "reportRead", report: readEarnings(await readText(file), store.data, today), name: file.name });
}

function readReport(store, file) {
  stopReading(store);
  const today = stamp().today;
  let worker = null;
  try {
    worker =
      typeof Worker === "function" ? new Worker(new URL("../modules/earnings-worker.js", import.meta.url), { type: "module" }) : null;
  } catch (e) {
    worker = null; // this browser has no module workers: read it here
  }
  if (!worker) return readHere(store, file, today);
  readers.set(store, worker);
  store.dispatch({ type: "reportReading", name: file.name });
  worker.onmessage = (e) => {
    const m = e.data;
    if (readers.get(store) !== worker) return;
    if (m.type === "progress") return store.dispatch({ type: "reportProgress", share: m.share });
    stopReading(store);
    const report = m.type === "done" ? m.report : { ok: false, missing: [], message: "The file could not be read: " + m.message };
    return store.dispatch({ type: "reportRead", report, name: file.name });
  };
  worker.onerror = (e) => {
    e.preventDefault();
    if (readers.get(store) !== worker) return;
    stopReading(store);
    readHere(store, file, today);
  };
  worker.postMessage({ file, data: store.data, today, listed: PROBLEMS_LISTED });
  return undefined;
}

// The note of a report being read is one element for the whole reading: each progress step
// changes its bar and figure, and its Cancel button stays the same button (one replaced between
// a press and its release would lose the click).
const readingNotes = new WeakMap();

function reading(store, r) {
  const share = Math.round(100 * r.share);
  let note = readingNotes.get(store);
  if (!note || note.reading !== r.name) {
    const bar = h("progress", { max: "100", "aria-labelledby": "cp-ws-earnings-reading", "data-cp-ws-earnings-progress": "" }),
      figure = document.createTextNode("");
    const el = h(
      "div",
      { class: "cp-note", "data-cp-ws-earnings-reading": "" },
      h("p", { role: "status", id: "cp-ws-earnings-reading" }, "Reading " + r.name + ". You can go on working meanwhile."),
      h(
        "p",
        {},
        bar,
        figure,
        button(
          "Cancel",
          () => {
            stopReading(store);
            store.dispatch({ type: "reportReadCancelled" });
          },
          { id: "cp-ws-earnings-cancel", "data-cp-ws-earnings-cancel": "" },
        ),
      ),
    );
    note = { reading: r.name, el, bar, figure };
    readingNotes.set(store, note);
  }
  note.bar.setAttribute("value", String(share));
  note.figure.data = " " + share + "% ";
  return note.el;
}

// The rows not counted: each listed when there are few, else the first ones and how many in all.
function problems(r) {
  const count = r.problemCount ?? r.problems.length,
    listed = r.problems.slice(0, PROBLEMS_LISTED);
  if (!count) return null;
  return h(
    "div",
    { "data-cp-ws-earnings-problems": String(count) },
    h(
      "p",
      {},
      count > listed.length
        ? count.toLocaleString("en-US") + " rows are not counted. The first " + listed.length + ", in the order of the file:"
        : count === 1
          ? "1 row is not counted:"
          : count + " rows are not counted:",
    ),
    h(
      "ul",
      { "aria-label": "Rows not counted" },
      listed.map((p) => h("li", {}, p.message)),
    ),
  );
}

function report(store, state) {
  const r = state.view.report,
    d = store.data,
    outcome = (p) => earningsOutcome(state.workspace, p);
  if (!r.ok)
    return h(
      "div",
      { class: "cp-note cp-note--error", role: "alert", id: "cp-ws-earnings-result", tabindex: "-1", "data-cp-ws-earnings-result": "" },
      h("p", {}, h("strong", {}, "This file cannot be used. "), r.message),
    );
  const threshold = formatMoney(toCents(d.threshold)),
    chosen = r.periods.filter((p) => outcome(p).record);
  return h(
    "div",
    { class: "cp-note", id: "cp-ws-earnings-result", tabindex: "-1", "data-cp-ws-earnings-result": "" },
    h(
      "p",
      {},
      "From " +
        state.view.reportName +
        ": " +
        r.coopRows +
        " co-op rows" +
        (r.duplicates ? ", " + r.duplicates + " of them repeats of an earning already counted" : "") +
        (r.otherRows ? "; " + r.otherRows + " other rows (rebate and others) left out" : "") +
        ".",
    ),
    r.periods.length
      ? h(
          "div",
          { class: "cp-table-scroll" },
          h(
            "table",
            { class: "cp-ws-table" },
            h("caption", {}, "Co-op earned, by earning period"),
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                ["Earned in", "Co-op earned", "Threshold of " + threshold, "Spend in", "To be recorded"].map((t) =>
                  h("th", { scope: "col" }, t),
                ),
              ),
            ),
            h(
              "tbody",
              {},
              r.periods.map((p) =>
                h(
                  "tr",
                  { "data-cp-ws-earned": p.earningHalf },
                  h("th", { scope: "row" }, p.earningHalf),
                  h("td", { class: "cp-num" }, formatMoney(p.cents)),
                  h(
                    "td",
                    {},
                    p.thresholdMet
                      ? "met"
                      : p.complete === false
                        ? "not met so far; the earning period is still running"
                        : "not met: it turns into rebate",
                  ),
                  h("td", {}, store.label(p.usageHalf)),
                  h("td", {}, outcome(p).text),
                ),
              ),
            ),
          ),
        )
      : h("p", {}, "No co-op earnings found."),
    r.notes.map((n) => h("p", {}, n)),
    problems(r),
    chosen.length
      ? h(
          "p",
          {},
          button("Record these funds", () => store.dispatch({ type: "reportRecorded" }), {
            class: "md-button md-button--primary",
            "data-cp-ws-earnings-apply": "",
          }),
          " ",
          button("Cancel", () => store.dispatch({ type: "reportCancelled" })),
        )
      : null,
  );
}
