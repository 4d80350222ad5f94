// The open claim: its fields, status and next action, timing problems, its own POE checklist
// with an evidence log per item, printing, and delete with undo. Loaded when a claim opens.

import { historyOf } from "../modules/claim-history.js";
import { changeText, latestChanges } from "../modules/claim-log.js";
import { periodOfUsage } from "../modules/dates.js";
import { dayAndTime } from "../modules/words.js";
import { checklistProgress, claimTiming, newId, own, statusOf } from "../modules/workspace.js";
import { nextInClaim, openProof, timingNotes } from "../modules/ws-domain.js";
import { claimForm, draftOf, errorsOf, evidenceForm, restoredOf } from "../modules/ws-state.js";
import { button, field, focus, h, longDate, typed } from "./ws-ui.js";

const FLAGS = {
  "activity-removed": "Its activity is no longer in the rules. The claim keeps all its data; choose the activity it belongs to now.",
  "checklist-changed": "Some proof items were reworded since you ticked them. Check the items marked as changed.",
  "items-removed": "Some items you ticked are no longer on this activity's checklist. Your ticks are kept in the workspace file.",
  "unknown-status": "Its status is not one the portal knows. Choose its status again.",
};

/** How many of a claim's changes show before "Show all". */
export const CHANGES_SHOWN = 50;

// The claim's log of changes, newest first: the latest CHANGES_SHOWN, or all once asked.
function changes(store, state, c) {
  const key = "changes:" + c.id,
    { shown, total } = latestChanges(c, state.view.expanded[key] ? Infinity : CHANGES_SHOWN);
  return h(
    "section",
    { class: "cp-ws-changes", "aria-labelledby": "cp-ws-c-changes-heading", "data-cp-ws-changes": String(total) },
    h("h4", { id: "cp-ws-c-changes-heading", tabindex: "-1" }, "Changes"),
    total
      ? [
          h(
            "p",
            { class: "cp-hint" },
            total > shown.length ? "The latest " + shown.length + " of " + total + ", newest first." : "Newest first.",
          ),
          h(
            "ul",
            { class: "cp-ws-changes__list" },
            shown.map((e) =>
              h("li", { "data-cp-ws-change": e.kind }, h("time", { datetime: e.at }, dayAndTime(e.at)), ": ", changeText(e, c, store.data)),
            ),
          ),
        ]
      : h("p", {}, "No changes recorded yet. Claims saved before the portal kept this log start it with their next change."),
    total > shown.length
      ? button("Show all " + total + " changes", () => store.dispatch({ type: "listExpanded", key, focus: "cp-ws-c-changes-heading" }), {
          class: "cp-link-button",
          id: "cp-ws-c-changes-all",
        })
      : null,
  );
}

// Proof still open on a claim that is submitted or further along: said, not blocked.
function openItems(open) {
  return open > 0
    ? h(
        "p",
        { class: "cp-note cp-note--warn", "data-cp-ws-open-items": String(open) },
        h("strong", {}, "Check: "),
        open + (open === 1 ? " proof item is" : " proof items are") + " not ticked yet. Microsoft can ask for any of them.",
      )
    : null;
}

/** The open claim `c` as elements, drawn from `state` on `today`. */
export function detail(store, state, c, today) {
  const d = store.data,
    id = c.id,
    a = own(d.activities, c.activity),
    next = nextInClaim(c, d, today),
    t = claimTiming(c, d);
  const form = claimForm(id),
    draft = draftOf(state.view, form),
    errs = errorsOf(state.view, form),
    back = restoredOf(state.view, form);
  const fid = (name) => "cp-ws-c-" + name,
    period = periodOfUsage(t.period, d);
  const pots = [...new Set(state.workspace.funds.map((f) => f.category).filter(Boolean))];
  // A field's text is a draft while typed, and entered (checked, then kept or refused) when changed.
  // Left with Tab or a click, the change is entered once the focus has moved on (a task later),
  // so the redraw puts the focus where the user went, not back on the field left.
  const edit = (name) => ({
    oninput: typed(store, form, name),
    onchange: (e) => {
      const value = e.target.value;
      setTimeout(() => store.dispatch({ type: "claimFieldEntered", id, field: name, value }), 0);
    },
  });
  const shown = (name, value) => draft[name] ?? (value === undefined || value === null ? "" : String(value));
  const text = (name, label, value, attrs = {}, hint) =>
    field(
      fid(name),
      label,
      h("input", { type: "text", value: shown(name, value), ...edit(name), ...attrs }),
      hint,
      errs[name],
      back.includes(name),
    );
  const status = statusOf(c.status, d),
    chosen = draft.status ?? (status ? status.id : c.status),
    day = draft["status-day"] ?? today;
  const choose = (name) => (e) => store.dispatch({ type: "draftChanged", form, field: name, value: e.target.value });
  // A status is set with its button, so arrowing through the list never records one by mistake.
  const statusSelect = h(
    "select",
    { onchange: choose("status") },
    status ? null : h("option", { value: c.status, selected: chosen === c.status }, c.status + " (not known)"),
    d.statuses.map((s) => h("option", { value: s.id, selected: s.id === chosen }, s.name)),
  );
  const statusDay = h("input", { type: "date", value: day, max: today, oninput: typed(store, form, "status-day") });
  const picked = statusOf(chosen, d);
  const pending = h(
    "p",
    { class: "cp-hint", "aria-live": "polite", id: fid("status-pending") },
    chosen === (status ? status.id : c.status)
      ? ""
      : "Not set yet: press Set the status. " + (picked && picked.meaning ? picked.name + ": " + picked.meaning : ""),
  );
  const setIt = button("Set the status", () => store.dispatch({ type: "statusSet", id }), { id: fid("status-set") });
  const pick = (name, first, options, value) =>
    h(
      "select",
      { onchange: (e) => store.dispatch({ type: "claimFieldEntered", id, field: name, value: e.target.value }) },
      first,
      options.map(([k, label]) => h("option", { value: k, selected: k === value }, label)),
    );
  const activity = pick(
    "activity",
    a ? null : h("option", { value: c.activity, selected: true }, "No longer listed"),
    store.activities.map(([k, v]) => [k, v.name]),
    c.activity,
  );
  const notes = timingNotes(c, d, today),
    flags = (c.flags || []).map((f) => FLAGS[f]);
  // The history in the life cycle's order, each day editable (a claim back-filled later).
  const dates = historyOf(c, d).map((x) =>
    h(
      "li",
      { "data-cp-ws-history": x.status },
      field(
        fid("day-" + x.status),
        x.name,
        h("input", {
          type: "date",
          value: x.day,
          max: today,
          onchange: (e) => store.dispatch({ type: "statusDayEntered", id, status: x.status, day: e.target.value }),
        }),
        null,
        errs["day-" + x.status],
      ),
    ),
  );
  const close = () => store.dispatch({ type: "claimClosed" });
  return h(
    "section",
    {
      class: "cp-ws-claim",
      "aria-labelledby": "cp-ws-claim-heading",
      "data-cp-ws-open": id,
      onkeydown(e) {
        // Escape closes the claim, except where it closes a list or a date picker first.
        if (e.key === "Escape" && !/^(SELECT|TEXTAREA)$/.test(e.target.tagName) && e.target.type !== "date") close();
      },
    },
    h("h3", { id: "cp-ws-claim-heading", tabindex: "-1" }, "Claim: " + (c.name || "without a name")),
    flags.length
      ? h(
          "div",
          { class: "cp-note cp-note--warn", "data-cp-ws-flags": (c.flags || []).join(" ") },
          h("p", {}, h("strong", {}, "Changed rules. ")),
          h(
            "ul",
            {},
            flags.map((f) => h("li", {}, f)),
          ),
        )
      : null,
    notes.length
      ? h(
          "div",
          { class: "cp-note cp-note--warn", "data-cp-ws-timing": t.status },
          h("p", {}, h("strong", {}, "Timing problems.")),
          h(
            "ul",
            {},
            notes.map((n) => h("li", {}, n)),
          ),
        )
      : null,
    h("p", { class: "cp-ws-next", "data-cp-ws-next": next.kind }, h("strong", {}, "Next: "), next.text),
    h(
      "p",
      {},
      "Usage period " +
        t.period +
        ". Claim by " +
        longDate(t.claimBy) +
        "; claim deadline " +
        longDate(t.claimDeadline) +
        store.calculated(period, "claimDeadline") +
        "; resolution deadline " +
        longDate(t.resolutionDeadline) +
        store.calculated(period, "resolutionDeadline") +
        ". ",
      a && own(store.links, c.activity)
        ? h(
            "a",
            { href: store.links[c.activity], target: document.body.classList.contains("cp-embed") ? "_blank" : null },
            "Rules and proof for " + a.name,
          )
        : null,
    ),
    h(
      "div",
      { class: "cp-ws-grid" },
      text("name", "Claim name", c.name, { maxlength: "200" }, store.naming),
      field(fid("activity"), "Activity", activity, null, errs.activity),
      text("start", "Activity starts", c.start, { type: "date" }),
      text("end", "Activity ends", c.end, { type: "date" }),
      text("amount", "Planned amount", c.amount, { inputmode: "decimal" }),
      text("currency", "Currency", c.currency || "USD", { maxlength: "3", size: "4" }),
      pots.length || c.fund_category
        ? field(
            fid("fund_category"),
            "Fund category",
            pick(
              "fund_category",
              h("option", { value: "", selected: !c.fund_category }, d.defaultFund),
              [...new Set(pots.concat(c.fund_category ? [c.fund_category] : []))].map((p) => [p, p]),
              c.fund_category,
            ),
          )
        : null,
      text("claim_number", "Claim number in Partner Center", c.claim_number),
      text("claimed", "Amount claimed", c.claimed, { inputmode: "decimal" }),
      text("approved", "Amount approved", c.approved, { inputmode: "decimal" }),
      text("paid", "Amount paid", c.paid, { inputmode: "decimal" }),
    ),
    h(
      "div",
      { class: "cp-ws-status" },
      h(
        "div",
        { class: "cp-ws-row" },
        field(fid("status"), "Status", statusSelect, status ? status.meaning : null, errs.status),
        field(fid("status-day"), "Changed on", statusDay),
        h("div", { class: "cp-field" }, setIt),
      ),
      pending,
      openItems(openProof(c, a, d)),
      dates.length ? h("ul", { class: "cp-ws-history", "aria-label": "Status dates" }, dates) : null,
    ),
    h(
      "div",
      { class: "cp-ws-row" },
      field(
        fid("next-text"),
        "Your own next action (optional)",
        h("input", { type: "text", value: shown("next-text", (c.next_action || {}).text), maxlength: "500", ...edit("next-text") }),
        null,
        errs["next-text"],
      ),
      field(
        fid("next-due"),
        "Due",
        h("input", { type: "date", value: shown("next-due", (c.next_action || {}).due), ...edit("next-due") }),
        null,
        errs["next-due"],
      ),
    ),
    a
      ? checklist(store, state, c, a)
      : h("p", {}, "The checklist of this activity is no longer available; your ticks and evidence log are kept."),
    field(
      fid("notes"),
      "Notes",
      h("textarea", { rows: "3", value: shown("notes", c.notes), ...edit("notes") }),
      null,
      errs.notes,
      back.includes("notes"),
    ),
    changes(store, state, c),
    h(
      "p",
      { class: "cp-ws-actions" },
      button("Close the claim", close, { "aria-keyshortcuts": "Escape", id: fid("close") }),
      " ",
      button("Print the claim file", () => printClaim(store, c, today), { "data-cp-ws-print": "", id: fid("print") }),
      " ",
      button("Delete the claim", () => store.dispatch({ type: "claimDeleted", id }), { "data-cp-ws-delete": "", id: fid("delete") }),
    ),
  );
}

function checklist(store, state, c, a) {
  const p = checklistProgress(c, a.checklist),
    id = c.id;
  const box = (item, label) => {
    const ticked = p.items[item.id],
      boxId = "cp-ws-tick-" + id + "-" + item.id;
    return h(
      "div",
      { class: "cp-ws-item", "data-cp-ws-item": item.id, "data-cp-state": ticked },
      h("input", {
        type: "checkbox",
        id: boxId,
        checked: ticked !== "open",
        onchange: (e) => store.dispatch({ type: "ticked", id, item: item.id, hash: item.hash, on: e.target.checked }),
      }),
      h(
        "label",
        { for: boxId },
        label || item.text,
        ticked === "changed" ? h("strong", { class: "cp-flag" }, " Changed since you ticked it: check it again.") : null,
      ),
    );
  };
  const evidence = (item) => {
    const log = own(c.evidence, item.id) || [],
      open = !!state.view.evidence[evidenceForm(id, item.id)],
      fileId = "cp-ws-ev-" + id + "-" + item.id;
    const form = evidenceForm(id, item.id),
      draft = draftOf(state.view, form);
    const toggle = button("Evidence log (" + log.length + ")", () => store.dispatch({ type: "evidenceToggled", id, item: item.id }), {
      class: "cp-link-button",
      id: fileId,
      "aria-expanded": String(open),
      "aria-controls": fileId + "-log",
    });
    return h(
      "div",
      { class: "cp-ws-evidence" },
      toggle,
      h(
        "div",
        { id: fileId + "-log", hidden: !open },
        log.length
          ? h(
              "ul",
              {},
              log.map((x) =>
                h(
                  "li",
                  {},
                  x.file || "(no location)",
                  x.note ? ": " + x.note : "",
                  " (" + longDate(x.at) + ") ",
                  button("Remove", () => store.dispatch({ type: "evidenceRemoved", id, item: item.id, entry: x.id }), {
                    "aria-label": "Remove " + (x.file || "this entry"),
                  }),
                ),
              ),
            )
          : null,
        h(
          "form",
          {
            class: "cp-ws-row",
            onsubmit(e) {
              e.preventDefault();
              store.dispatch({ type: "evidenceAdded", id, item: item.id, entry: newId() });
            },
          },
          field(
            fileId + "-file",
            "File name or where it is kept",
            h("input", {
              type: "text",
              maxlength: "500",
              value: draft.file ?? "",
              oninput: typed(store, form, "file"),
              onkeydown(e) {
                if (e.key !== "Enter") return; // Enter here goes on to the note; Enter there adds the entry
                e.preventDefault();
                focus(fileId + "-note");
              },
            }),
          ),
          field(
            fileId + "-note",
            "Note",
            h("input", { type: "text", maxlength: "2000", value: draft.note ?? "", oninput: typed(store, form, "note") }),
          ),
          h("div", { class: "cp-field" }, h("button", { type: "submit", class: "md-button" }, "Add to the log")),
        ),
      ),
    );
  };
  return h(
    "div",
    { class: "cp-ws-checklist", "data-cp-ws-checklist": c.activity },
    h("h4", {}, "Proof checklist"),
    h(
      "p",
      { "data-cp-ws-progress": "" },
      p.done + " of " + p.total + " done." + (p.removed.length ? " " + p.removed.length + " ticked items are no longer listed." : ""),
    ),
    a.checklist.sections.map((s) =>
      h(
        "div",
        {},
        h("h5", {}, s.title),
        s.entries.map((entry) =>
          entry.options && entry.options.length
            ? h(
                "fieldset",
                { class: "cp-ws-group", "data-cp-ws-item": entry.id },
                h(
                  "legend",
                  {},
                  "One of: " + entry.text + (entry.options.some((o) => p.items[o.id] === "ticked") ? " (done)" : " (not done yet)"),
                ),
                entry.options.map((o) => [box(o), evidence(o)]),
              )
            : [box(entry), evidence(entry)],
        ),
      ),
    ),
  );
}

// Prints one claim: its cover sheet, checklist and evidence log (see ws-print.js).
async function printClaim(store, c, today) {
  const { printClaimFile } = await import("./ws-print.js");
  printClaimFile(store.data, c, today);
}
