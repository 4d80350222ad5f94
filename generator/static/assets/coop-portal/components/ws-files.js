// Files: save the workspace to a file and open one (replacing this workspace or adding its
// claims), export the claim list, reminders and an audit bundle, restore deleted claims, and
// clear the workspace only after an offer to save it first.

import { autosaveView } from "../modules/autosave.js";
import { isoOf } from "../modules/dates.js";
import { formatMoney, toCents } from "../modules/money.js";
import { parseWorkspace } from "../modules/workspace-file.js";
import { planLoses } from "../modules/ws-domain.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, download, drawFrom, field, h, longDate, readText, part } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const body = part(root, "files", "Save, open and export");
  drawFrom(
    store,
    body,
    (s) => [s.workspace, s.view.opened, s.view.openErrors, s.view.done, s.view.clearing, s.autosave],
    (s) => draw(store, s),
  );
}

async function exportFile(store, kind) {
  const files = await import("../modules/files.js"),
    t = stamp(),
    s = store.state.workspace,
    d = store.data;
  if (kind === "csv") download("coop-claims-" + t.today + ".csv", files.claimsCsv(s, d, t.today), "text/csv;charset=utf-8");
  const sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  if (kind === "xlsx") download("coop-claims-" + t.today + ".xlsx", files.claimsXlsx(s, d, t.today), sheet);
  if (kind === "evidence-xlsx") download("coop-evidence-" + t.today + ".xlsx", files.evidenceXlsx(s, d, t.today), sheet);
  if (kind === "ics") download("coop-reminders-" + t.today + ".ics", files.remindersIcs(s, d, t.now), "text/calendar;charset=utf-8");
  if (kind === "bundle") {
    const { auditBundle } = await import("../modules/bundle.js");
    const b = auditBundle(s, d, t.now, t.today);
    download(b.name, b.bytes, "application/zip");
  }
}

function draw(store, state) {
  const s = state.workspace,
    view = state.view,
    out = [];
  out.push(
    h(
      "p",
      {},
      "Save your workspace to a file now and then, and open it here, in another browser or on another computer to carry on. " +
        "The file holds your funds, claims, ticks and evidence log, never the proof files themselves.",
    ),
  );
  out.push(
    h(
      "p",
      { class: "cp-ws-actions" },
      button("Save to a file", () => store.saveToFile(), { class: "md-button md-button--primary", id: "cp-ws-save-file" }),
    ),
  );
  if (store.canAutosave) out.push(autosavePart(store, state.autosave));
  const input = h("input", {
    type: "file",
    accept: ".json,application/json",
    "data-cp-ws-open-file": "",
    async onchange(e) {
      const file = e.target.files[0];
      if (!file) return;
      const text = await readText(file);
      e.target.value = ""; // the same file can be chosen again
      store.dispatch({ type: "fileRead", name: file.name, text, read: parseWorkspace(text) });
    },
  });
  out.push(field("cp-ws-open", "Open a workspace file (.json)", input));
  if (view.openErrors) {
    const errors = view.openErrors;
    out.push(
      h(
        "div",
        { class: "cp-note cp-note--error", role: "alert", id: "cp-ws-open-result", tabindex: "-1", "data-cp-ws-open-errors": "" },
        h(
          "p",
          {},
          h("strong", {}, "This file cannot be opened: "),
          errors.name + ". " + errors.lead + " Nothing in your workspace changed.",
        ),
        errors.lead.startsWith("It is a")
          ? h(
              "ul",
              { "aria-label": "What is wrong in the file" },
              errors.list.slice(0, 10).map((x) => h("li", {}, x)),
            )
          : null,
        errors.list.length > 10 ? h("p", {}, "and " + (errors.list.length - 10) + " more problems.") : null,
      ),
    );
  }
  if (view.opened) out.push(choice(store, view.opened, s));
  if (view.done) out.push(h("p", { role: "status", "data-cp-ws-done": "", id: "cp-ws-open-result", tabindex: "-1" }, view.done));

  out.push(
    h("h3", {}, "Exports"),
    h(
      "ul",
      { class: "cp-ws-exports" },
      h(
        "li",
        {},
        button("Claim list (Excel)", () => exportFile(store, "xlsx"), { "data-cp-ws-export": "xlsx" }),
        " or ",
        button("Claim list (CSV)", () => exportFile(store, "csv"), { "data-cp-ws-export": "csv" }),
        " for a spreadsheet. The Excel file opens right in any language: amounts are numbers you can add up, and claim numbers such as 0001234567 keep their leading zeros.",
        " The CSV writes amounts with a decimal point and no thousands separator (1234.50) and puts claim numbers in quotes. Opened with a double-click, Excel drops the leading zeros of a claim number in every language, and a spreadsheet set to German or French may read the amounts as text. If that happens, use the Excel file, or import the CSV (in Excel: Data, From Text/CSV) choosing the point as decimal separator and the claim number column as text.",
      ),
      h(
        "li",
        {},
        button("Evidence list (Excel)", () => exportFile(store, "evidence-xlsx"), { "data-cp-ws-export": "evidence-xlsx" }),
        " every piece of proof each claim needs, whether it is ticked, where each file is kept, and the day to keep it until.",
      ),
      h(
        "li",
        {},
        button("Reminders (iCalendar)", () => exportFile(store, "ics"), { "data-cp-ws-export": "ics" }),
        " for your calendar: each claim's claim-by date, and the resolution deadline of claims waiting on Microsoft.",
      ),
      h(
        "li",
        {},
        button("Audit bundle (ZIP)", () => exportFile(store, "bundle"), { "data-cp-ws-export": "bundle" }),
        " the workspace file, the claim list and the list of proof to keep, with the date to keep it until.",
      ),
    ),
  );

  const bin = (s.deleted || []).filter((t) => t.claim);
  if (bin.length) {
    out.push(
      h(
        "details",
        { "data-cp-ws-bin": "" },
        h("summary", {}, "Deleted claims (" + bin.length + ")"),
        h(
          "ul",
          {},
          bin.map((t) =>
            h(
              "li",
              {},
              (t.claim.name || "Unnamed claim") + ", deleted on " + longDate(t.at.slice(0, 10)) + " ",
              button("Restore", () => store.dispatch({ type: "claimRestored", id: t.id }), {
                "aria-label": "Restore " + (t.claim.name || "the claim"),
              }),
            ),
          ),
        ),
      ),
    );
  }

  out.push(h("h3", {}, "Start again"));
  if (!view.clearing) {
    out.push(
      h(
        "p",
        {},
        button("Clear the workspace", () => store.dispatch({ type: "clearAsked" }), { id: "cp-ws-clear", "data-cp-ws-clear": "" }),
      ),
    );
  } else {
    out.push(
      h(
        "div",
        { class: "cp-note cp-note--warn", id: "cp-ws-clear-offer", tabindex: "-1", role: "group", "aria-label": "Clear the workspace" },
        h("p", {}, "Clearing removes every fund and claim from this browser. Save a copy to a file first, so you can open it again."),
        h(
          "p",
          {},
          button(
            "Save to a file, then clear",
            () => {
              store.saveToFile();
              store.dispatch({ type: "cleared" });
            },
            { class: "md-button md-button--primary", "data-cp-ws-save-clear": "" },
          ),
          " ",
          button("Clear without saving", () => store.dispatch({ type: "cleared" }), { "data-cp-ws-clear-now": "" }),
          " ",
          button("Cancel", () => store.dispatch({ type: "clearCancelled" })),
        ),
      ),
    );
  }
  return out;
}

// The time of the last automatic save in words: "14:05:09" today, with the day before it otherwise.
function whenOf(at) {
  const d = new Date(at),
    t = new Date(),
    time = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit" });
  const sameDay = d.toDateString() === t.toDateString();
  return sameDay ? time : time + " on " + longDate(isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate()));
}

// Saving automatically to a file the partner chose (where the browser offers it): where and
// when it last saved, and the buttons to choose a file, allow it again or stop.
function autosavePart(store, auto) {
  const v = autosaveView(auto, auto.at ? whenOf(auto.at) : ""),
    name = auto.name || "the file";
  const labels = {
    pick:
      auto.status === "off"
        ? "Save automatically to a file\u2026"
        : auto.status === "failed"
          ? "Choose the file again\u2026"
          : "Choose another file\u2026",
    resume: "Resume saving to " + name,
    stop: "Stop saving automatically",
  };
  const run = { pick: () => store.chooseAutosaveFile(), resume: () => store.resumeAutosave(), stop: () => store.stopAutosave() };
  return h(
    "div",
    {
      class: v.alert ? "cp-note cp-note--error" : "cp-note",
      role: v.alert ? "alert" : null,
      "data-cp-ws-autosave": auto.status,
    },
    h("p", {}, v.alert ? h("strong", {}, "Not saved to the file: ") : null, v.lead),
    h(
      "p",
      { class: "cp-ws-actions" },
      v.actions.flatMap((a, i) => [i ? " " : null, button(labels[a], run[a], { "data-cp-ws-autosave-action": a })]),
    ),
  );
}

const SHOWN = 10;
const named = (c) => c.name || "Unnamed claim";
const day = (time) => (time ? longDate(time.slice(0, 10)) : "an unknown day");
const fundsText = (f) => (f ? formatMoney(toCents(f.amount), f.currency) : "none");

// A list of what a choice would change, the first few named and the rest counted.
function listed(label, items, line, attrs = {}) {
  if (!items.length) return null;
  return h(
    "div",
    attrs,
    h("p", {}, label),
    h(
      "ul",
      {},
      items.slice(0, SHOWN).map((x) => h("li", {}, line(x))),
    ),
    items.length > SHOWN ? h("p", {}, "and " + (items.length - SHOWN) + " more.") : null,
  );
}

// The choice a file read offers: replace the workspace, add its claims (taking its later
// changes and deletions), add only what is new, or cancel; each with what it would replace or
// delete of yours listed first.
function choice(store, opened, s) {
  const o = opened.state,
    plan = opened.plan,
    loses = planLoses(plan);
  return h(
    "div",
    { class: "cp-note", id: "cp-ws-open-result", tabindex: "-1", "data-cp-ws-open-choice": "" },
    h(
      "p",
      {},
      opened.name +
        " holds " +
        o.claims.length +
        " claims and funds for " +
        o.funds.length +
        " usage periods" +
        (o.updated ? ", last changed on " + longDate(o.updated.slice(0, 10)) : "") +
        ". Your workspace has " +
        s.claims.length +
        " claims. Adding the file's claims brings in " +
        plan.added.length +
        " new " +
        (plan.added.length === 1 ? "claim" : "claims") +
        (loses ? ", and would also change some of yours:" : " and changes none of yours."),
    ),
    loses
      ? h(
          "div",
          { class: "cp-note cp-note--warn", "data-cp-ws-open-loses": "" },
          listed(
            "Your claims the file's later copy would replace:",
            plan.replaced,
            (r) =>
              named(r) +
              ": yours changed on " +
              day(r.mine) +
              ", the file's on " +
              day(r.theirs) +
              (r.future ? " (a day still to come: the clock of the computer that saved the file may be wrong)" : "") +
              ".",
            { "data-cp-ws-open-replaces": "" },
          ),
          listed(
            "Your claims the file deleted, which would move to the deleted claims:",
            plan.deleted,
            (r) => named(r) + ", deleted in the file on " + day(r.at) + ".",
            { "data-cp-ws-open-deletes": "" },
          ),
          listed(
            "Your funds the file would replace or remove:",
            plan.funds,
            (f) =>
              store.label(f.usage) +
              (f.category ? ", " + f.category : "") +
              ": " +
              fundsText(f.mine) +
              " would become " +
              fundsText(f.theirs) +
              ".",
            { "data-cp-ws-open-funds": "" },
          ),
        )
      : null,
    listed("Replacing your workspace with the file removes these claims of yours, which the file does not have:", plan.removed, named, {
      "data-cp-ws-open-removes": "",
    }),
    listed(
      "Replacing it also removes these funds of yours, which the file does not have:",
      plan.removedFunds,
      (f) => store.label(f.usage_period) + (f.category ? ", " + f.category : "") + ": " + fundsText(f) + ".",
      { "data-cp-ws-open-removes-funds": "" },
    ),
    h(
      "p",
      {},
      button(
        loses ? "Add the file's claims and take its changes" : "Add the file's claims to my workspace",
        () => store.dispatch({ type: "fileUsed", how: "merge" }),
        { "data-cp-ws-merge": "" },
      ),
      " ",
      loses
        ? button("Add only its new claims, keep my versions", () => store.dispatch({ type: "fileUsed", how: "keep" }), {
            "data-cp-ws-keep": "",
          })
        : null,
      loses ? " " : null,
      button("Replace my workspace with the file", () => store.dispatch({ type: "fileUsed", how: "replace" }), {
        "data-cp-ws-replace": "",
      }),
      " ",
      button("Cancel", () => store.dispatch({ type: "fileChoiceCancelled" })),
    ),
  );
}
