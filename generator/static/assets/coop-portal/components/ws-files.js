// Files: save the workspace to a file and open one (replacing this workspace or adding its
// claims), export the claim list, reminders and an audit bundle, restore deleted claims, and
// clear the workspace only after an offer to save it first.

import { parseWorkspace } from "../modules/workspace-file.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, download, drawFrom, field, h, longDate, readText, part } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const body = part(root, "files", "Save, open and export");
  drawFrom(
    store,
    body,
    (s) => [s.workspace, s.view.opened, s.view.openErrors, s.view.done, s.view.clearing],
    (s) => draw(store, s),
  );
}

async function exportFile(store, kind) {
  const files = await import("../modules/files.js"),
    t = stamp(),
    s = store.state.workspace,
    d = store.data;
  if (kind === "csv") download("coop-claims-" + t.today + ".csv", files.claimsCsv(s, d), "text/csv;charset=utf-8");
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
  if (view.opened) {
    const o = view.opened.state;
    out.push(
      h(
        "div",
        { class: "cp-note", id: "cp-ws-open-result", tabindex: "-1", "data-cp-ws-open-choice": "" },
        h(
          "p",
          {},
          view.opened.name +
            " holds " +
            o.claims.length +
            " claims and funds for " +
            o.funds.length +
            " usage periods" +
            (o.updated ? ", last changed on " + longDate(o.updated.slice(0, 10)) : "") +
            ". Your workspace has " +
            s.claims.length +
            " claims.",
        ),
        h(
          "p",
          {},
          button("Replace my workspace with the file", () => store.dispatch({ type: "fileUsed", how: "replace" }), {
            "data-cp-ws-replace": "",
          }),
          " ",
          button("Add the file's claims to my workspace", () => store.dispatch({ type: "fileUsed", how: "merge" }), {
            "data-cp-ws-merge": "",
          }),
          " ",
          button("Cancel", () => store.dispatch({ type: "fileChoiceCancelled" })),
        ),
      ),
    );
  }
  if (view.done) out.push(h("p", { role: "status", "data-cp-ws-done": "", id: "cp-ws-open-result", tabindex: "-1" }, view.done));

  out.push(
    h("h3", {}, "Exports"),
    h(
      "ul",
      { class: "cp-ws-exports" },
      h(
        "li",
        {},
        button("Claim list (CSV)", () => exportFile(store, "csv"), { "data-cp-ws-export": "csv" }),
        " for Excel or any other spreadsheet.",
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
