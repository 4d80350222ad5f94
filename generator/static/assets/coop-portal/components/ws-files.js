// Files: save the workspace to a file and open one (replacing this workspace or adding its
// claims), export the claim list, reminders and an audit bundle, restore deleted claims, and
// clear the workspace only after an offer to save it first.

import { mergeWorkspaces, parseWorkspace } from "../modules/storage.js";
import { restoreClaim } from "../modules/workspace.js";
import { stamp, storeFor } from "./ws-store.js";
import { button, download, field, h, longDate, readText, redraw, part, focus } from "./ws-ui.js";

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  const view = { opened: null, errors: null, clearing: false, done: "" };
  const body = part(root, "files", "Save, open and export");
  const again = () => redraw(body, () => draw(store, view, again));
  store.subscribe(again);
}

async function exportFile(store, kind) {
  const files = await import("../modules/files.js"), t = stamp(), s = store.state, d = store.data;
  if (kind === "csv") download("coop-claims-" + t.today + ".csv", files.claimsCsv(s, d), "text/csv;charset=utf-8");
  if (kind === "ics") download("coop-reminders-" + t.today + ".ics", files.remindersIcs(s, d, t.now), "text/calendar;charset=utf-8");
  if (kind === "bundle") {
    const { auditBundle } = await import("../modules/bundle.js");
    const b = auditBundle(s, d, t.now, t.today);
    download(b.name, b.bytes, "application/zip");
  }
}

function draw(store, view, again) {
  const s = store.state, out = [];
  out.push(h("p", {}, "Save your workspace to a file now and then, and open it here, in another browser or on another computer to carry on. " +
    "The file holds your funds, claims, ticks and evidence log, never the proof files themselves."));
  out.push(h("p", { class: "cp-ws-actions" }, button("Save to a file", () => store.saveToFile(), { class: "md-button md-button--primary", id: "cp-ws-save-file" })));
  const input = h("input", { type: "file", accept: ".json,application/json", "data-cp-ws-open-file": "", async onchange(e) {
    const file = e.target.files[0];
    if (!file) return;
    const text = await readText(file), read = parseWorkspace(text);
    view.errors = read.ok ? null : { name: file.name, list: read.errors, lead: lead(read.errors, text) };
    view.opened = read.ok ? { name: file.name, state: read.state } : null;
    view.done = "";
    e.target.value = "";
    if (read.ok && !s.claims.length && !s.funds.length) use(store, view, "replace");
    else again();
    focus("cp-ws-open-result");
  } });
  out.push(field("cp-ws-open", "Open a workspace file (.json)", input));
  if (view.errors) {
    out.push(h("div", { class: "cp-note cp-note--error", role: "alert", id: "cp-ws-open-result", tabindex: "-1", "data-cp-ws-open-errors": "" },
      h("p", {}, h("strong", {}, "This file cannot be opened: "), view.errors.name + ". " + view.errors.lead + " Nothing in your workspace changed."),
      view.errors.lead.startsWith("It is a") ? h("ul", { "aria-label": "What is wrong in the file" }, view.errors.list.slice(0, 10).map((x) => h("li", {}, x))) : null,
      view.errors.list.length > 10 ? h("p", {}, "and " + (view.errors.list.length - 10) + " more problems.") : null));
  }
  if (view.opened) {
    const o = view.opened.state;
    out.push(h("div", { class: "cp-note", id: "cp-ws-open-result", tabindex: "-1", "data-cp-ws-open-choice": "" },
      h("p", {}, view.opened.name + " holds " + o.claims.length + " claims and funds for " + o.funds.length + " usage periods" +
        (o.updated ? ", last changed on " + longDate(o.updated.slice(0, 10)) : "") + ". Your workspace has " + s.claims.length + " claims."),
      h("p", {}, button("Replace my workspace with the file", () => use(store, view, "replace"), { "data-cp-ws-replace": "" }), " ",
        button("Add the file's claims to my workspace", () => use(store, view, "merge"), { "data-cp-ws-merge": "" }), " ",
        button("Cancel", () => {
          view.opened = null;
          again();
        }))));
  }
  if (view.done) out.push(h("p", { role: "status", "data-cp-ws-done": "", id: "cp-ws-open-result", tabindex: "-1" }, view.done));

  out.push(h("h3", {}, "Exports"), h("ul", { class: "cp-ws-exports" },
    h("li", {}, button("Claim list (CSV)", () => exportFile(store, "csv"), { "data-cp-ws-export": "csv" }), " for Excel or any other spreadsheet."),
    h("li", {}, button("Reminders (iCalendar)", () => exportFile(store, "ics"), { "data-cp-ws-export": "ics" }),
      " for your calendar: each claim's claim-by date, and the resolution deadline of claims waiting on Microsoft."),
    h("li", {}, button("Audit bundle (ZIP)", () => exportFile(store, "bundle"), { "data-cp-ws-export": "bundle" }),
      " the workspace file, the claim list and the list of proof to keep, with the date to keep it until.")));

  const bin = (s.deleted || []).filter((t) => t.claim);
  if (bin.length) {
    out.push(h("details", { "data-cp-ws-bin": "" }, h("summary", {}, "Deleted claims (" + bin.length + ")"), h("ul", {}, bin.map((t) => h("li", {},
      (t.claim.name || "Unnamed claim") + ", deleted on " + longDate(t.at.slice(0, 10)) + " ",
      button("Restore", () => store.change((st, at) => restoreClaim(st, t.id, at)), { "aria-label": "Restore " + (t.claim.name || "the claim") }))))));
  }

  out.push(h("h3", {}, "Start again"));
  if (!view.clearing) {
    out.push(h("p", {}, button("Clear the workspace", () => {
      view.clearing = true;
      again();
      focus("cp-ws-clear-offer");
    }, { id: "cp-ws-clear", "data-cp-ws-clear": "" })));
  } else {
    out.push(h("div", { class: "cp-note cp-note--warn", id: "cp-ws-clear-offer", tabindex: "-1", role: "group", "aria-label": "Clear the workspace" },
      h("p", {}, "Clearing removes every fund and claim from this browser. Save a copy to a file first, so you can open it again."),
      h("p", {}, button("Save to a file, then clear", () => {
        store.saveToFile();
        clear(store, view);
      }, { class: "md-button md-button--primary", "data-cp-ws-save-clear": "" }), " ",
      button("Clear without saving", () => clear(store, view), { "data-cp-ws-clear-now": "" }), " ",
      button("Cancel", () => {
        view.clearing = false;
        again();
        focus("cp-ws-clear");
      }))));
  }
  return out;
}

// The first thing to say about a file that cannot be opened, in plain words.
function lead(errors, text) {
  const first = errors[0] || "";
  if (first.startsWith("expected a workspace file (JSON)") && /earning/i.test(text.slice(0, 300))) {
    return "It looks like Partner Center's Earnings report: read it under Co-op funds instead.";
  }
  if (first.startsWith("expected a workspace file (JSON)")) return "It is not a workspace file saved from My co-op.";
  if (first.startsWith("format:")) return "It is not a workspace file saved from My co-op.";
  if (first.startsWith("version:")) return "It was saved by a newer version of this portal; open it there.";
  return "It is a workspace file, but some of its entries are not right:";
}

// What adding a file's claims changed, in words: claims added and updated, funds replaced.
function merged(before, after, name) {
  const was = new Map(before.claims.map((c) => [c.id, JSON.stringify(c)]));
  const added = after.claims.filter((c) => !was.has(c.id)).length;
  const updated = after.claims.filter((c) => was.has(c.id) && was.get(c.id) !== JSON.stringify(c)).length;
  const funds = after.funds.filter((f) => JSON.stringify(f) !== JSON.stringify(before.funds.find((x) => x.usage_period === f.usage_period))).map((f) => f.usage_period);
  return "From " + name + ": " + added + " claims added, " + updated + " updated with the file's later changes" +
    (funds.length ? ", and the funds of " + funds.join(", ") + " taken from the file" : "") + ".";
}

function use(store, view, how) {
  const file = view.opened.state;
  if (how === "replace") store.replace(file, view.opened.name);
  const before = store.state;
  if (how !== "replace") store.change(() => ({ ...mergeWorkspaces({ ...before, generation: file.generation }, file), generation: before.generation, updated: stamp().now }));
  view.done = how === "replace" ? "Opened " + view.opened.name + "." : merged(before, store.state, view.opened.name);
  view.opened = null;
  store.notify();
}

function clear(store, view) {
  view.clearing = false;
  view.done = "The workspace is cleared.";
  store.open(null, false);
  store.ui.undo = null;
  store.replace(store.empty());
  focus("cp-ws-clear");
}
