// The open claim: its fields, status and next action, timing problems, its own POE checklist
// with an evidence log per item, printing, and delete with undo. Loaded when a claim opens.

import { daysLeft, isDate, periodOfUsage } from "../modules/dates.js";
import { amountIn } from "../modules/money.js";
import { addEvidence, checklistProgress, claimTiming, deleteClaim, nextAction, own, removeEvidence, setStatus, stageOf, statusOf,
  tick, untick, updateClaim } from "../modules/workspace.js";
import { stamp } from "./ws-store.js";
import { button, daysText, entered, field, h, focus, longDate } from "./ws-ui.js";

const FLAGS = {
  "activity-removed": "Its activity is no longer in the rules. The claim keeps all its data; choose the activity it belongs to now.",
  "checklist-changed": "Some proof items were reworded since you ticked them. Check the items marked as changed.",
  "items-removed": "Some items you ticked are no longer on this activity's checklist. Your ticks are kept in the workspace file.",
  "unknown-status": "Its status is not one the portal knows. Choose its status again.",
};

/** Runs a change; a refused one puts its message under the field `key`. */
function attempt(store, view, key, reducer) {
  delete view.editErrors[key];
  try {
    store.change(reducer);
  } catch (e) {
    view.editErrors[key] = e.message.split("\n")[0].replace(/^claim\./, "");
    store.notify();
  }
}

function timingNotes(store, c) {
  const d = store.data, t = claimTiming(c, d), stage = stageOf(c, d), today = stamp().today, out = [];
  if (t.status === "spans-periods") out.push("The activity runs across two usage periods. It must start and end inside one.");
  if (t.status === "end-before-start") out.push("The activity ends before it starts.");
  if (t.startsBefore) out.push("The activity starts before usage period " + t.period + " begins.");
  if (t.endsAfter) out.push("The activity ends after usage period " + t.period + " is over.");
  if ((stage === "plan" || stage === "draft") && today > t.claimDeadline) out.push("The claim deadline, " + longDate(t.claimDeadline) + ", has passed: this co-op is forfeited.");
  else if ((stage === "plan" || stage === "draft") && today > t.claimBy) out.push("The advised claim-by date, " + longDate(t.claimBy) + ", has passed. Claim before the claim deadline, " + longDate(t.claimDeadline) + ".");
  if ((stage === "review" || stage === "action") && today > t.resolutionDeadline) out.push("The resolution deadline, " + longDate(t.resolutionDeadline) + ", has passed.");
  return out;
}

// Proof still open on a claim that is submitted or further along: said, not blocked.
function openItems(c, a, stage) {
  if (!a || stage === "plan" || stage === "closed") return null;
  const p = checklistProgress(c, a.checklist), open = p.total - p.done;
  return open > 0 ? h("p", { class: "cp-note cp-note--warn", "data-cp-ws-open-items": String(open) }, h("strong", {}, "Check: "),
    open + (open === 1 ? " proof item is" : " proof items are") + " not ticked yet. Microsoft can ask for any of them.") : null;
}

/** The open claim `c` as elements; `view` keeps its typed errors and open evidence logs. */
export function detail(store, view, c) {
  const d = store.data, id = c.id, a = own(d.activities, c.activity), next = nextAction(c, d), t = claimTiming(c, d), today = stamp().today;
  const errs = view.editErrors, fid = (name) => "cp-ws-c-" + name, period = periodOfUsage(t.period, d);
  const pots = [...new Set(store.state.funds.map((f) => f.category).filter(Boolean))];
  const edit = (name, parse = (v) => v.trim()) => (e) => {
    const value = parse(entered(e).value);
    if (value === undefined) return;
    attempt(store, view, name, (s, at) => updateClaim(s, id, { [name]: value }, at));
  };
  const refuse = (name, message) => {
    errs[name] = message;
    store.notify();
  };
  const amountOf = (name) => (v) => {
    if (!v.trim()) return name === "amount" ? refuse(name, "enter the planned amount; the claim keeps the old one until you do.") : null;
    const m = amountIn(v, c.currency || "USD");
    return m.message ? refuse(name, m.message) : m.cents / 100;
  };
  const day = (name) => (v) => {
    if (!isDate(v)) return refuse(name, "enter a date; the claim keeps the old one until you do.");
    const start = name === "start" ? v : c.start, end = name === "end" ? v : c.end;
    return end < start ? refuse(name, "the activity would end before it starts.") : v;
  };
  const named = (v) => {
    const name = v.trim(), same = store.state.claims.some((x) => x.id !== id && x.name.trim().toLowerCase() === name.toLowerCase());
    if (!name) return refuse("name", "enter a name; the claim keeps its old name until you do.");
    return same ? refuse("name", "another claim has this name. Add the month or a number to tell them apart.") : name;
  };
  const code = (v) => (/^[A-Za-z]{3}$/.test(v.trim()) ? v.trim().toUpperCase() : refuse("currency", "enter a three-letter currency code like USD or EUR."));
  const text = (name, label, value, attrs = {}, parse, hint) => field(fid(name), label, h("input", { type: "text", value: value ?? "", onchange: edit(name, parse), ...attrs }), hint, errs[name]);
  const status = statusOf(c.status, d);
  // A status is set with its button, so arrowing through the list never records one by mistake.
  const statusSelect = h("select", {}, status ? null : h("option", { value: c.status, selected: true }, c.status + " (not known)"),
    d.statuses.map((s) => h("option", { value: s.id, selected: status && s.id === status.id }, s.name)));
  const statusDay = h("input", { type: "date", value: today, max: today });
  const pending = h("p", { class: "cp-hint", "aria-live": "polite", id: fid("status-pending") });
  statusSelect.addEventListener("change", () => {
    const chosen = statusOf(statusSelect.value, d);
    pending.textContent = statusSelect.value === (status && status.id) ? "" : "Not set yet: press Set the status. " + (chosen && chosen.meaning ? chosen.name + ": " + chosen.meaning : "");
  });
  const setIt = button("Set the status", () => {
    const value = statusSelect.value, on = statusDay.value;
    if (!isDate(on)) return refuse("status", "enter the day the status changed.");
    if (on > today) return refuse("status", "the day the status changed cannot be in the future.");
    statusSelect.dataset.entered = statusDay.dataset.entered = "1";
    attempt(store, view, "status", (s, at) => setStatus(s, id, value, { ...at, today: on }));
  }, { id: fid("status-set") });
  const activity = h("select", { onchange: edit("activity") }, a ? null : h("option", { value: c.activity, selected: true }, "No longer listed"),
    store.activities.map(([k, v]) => h("option", { value: k, selected: k === c.activity }, v.name)));
  const notes = timingNotes(store, c), flags = (c.flags || []).map((f) => FLAGS[f]);
  const dates = Object.entries(c.status_dates || {}).map(([k, v]) => h("li", {}, (statusOf(k, d) || { name: k }).name + ": " + longDate(v)));
  const close = () => {
    store.open(null);
    focus("cp-ws-open-" + id);
  };
  return h("section", { class: "cp-ws-claim", "aria-labelledby": "cp-ws-claim-heading", "data-cp-ws-open": id, onkeydown(e) {
    // Escape closes the claim, except where it closes a list or a date picker first.
    if (e.key === "Escape" && !/^(SELECT|TEXTAREA)$/.test(e.target.tagName) && e.target.type !== "date") close();
  } },
    h("h3", { id: "cp-ws-claim-heading", tabindex: "-1" }, "Claim: " + (c.name || "without a name")),
    flags.length ? h("div", { class: "cp-note cp-note--warn", "data-cp-ws-flags": (c.flags || []).join(" ") }, h("p", {}, h("strong", {}, "Changed rules. ")),
      h("ul", {}, flags.map((f) => h("li", {}, f)))) : null,
    notes.length ? h("div", { class: "cp-note cp-note--warn", "data-cp-ws-timing": t.status }, h("p", {}, h("strong", {}, "Timing problems.")),
      h("ul", {}, notes.map((n) => h("li", {}, n)))) : null,
    h("p", { class: "cp-ws-next", "data-cp-ws-next": next.kind }, h("strong", {}, "Next: "), next.kind === "start" && next.due < today
      ? "the activity was to start on " + longDate(next.due) + ". If it has started, set its status to In progress."
      : next.text + (next.due ? " (" + (next.kind === "keep" ? "until " : next.kind === "start" ? "on " : "by ") + longDate(next.due) + ", " +
      daysText(daysLeft(today, next.due, d)) + ")" : "") + "."),
    h("p", {}, "Usage period " + t.period + ". Claim by " + longDate(t.claimBy) + "; claim deadline " + longDate(t.claimDeadline) + store.calculated(period, "claimDeadline") +
      "; resolution deadline " + longDate(t.resolutionDeadline) + store.calculated(period, "resolutionDeadline") + ". ",
    a && own(store.links, c.activity) ? h("a", { href: store.links[c.activity], target: document.body.classList.contains("cp-embed") ? "_blank" : null }, "Rules and proof for " + a.name) : null),
    h("div", { class: "cp-ws-grid" },
      text("name", "Claim name", c.name, { maxlength: "200" }, named, store.naming),
      field(fid("activity"), "Activity", activity, null, errs.activity),
      text("start", "Activity starts", c.start, { type: "date" }, day("start")),
      text("end", "Activity ends", c.end, { type: "date" }, day("end")),
      text("amount", "Planned amount", c.amount, { inputmode: "decimal" }, amountOf("amount")),
      text("currency", "Currency", c.currency || "USD", { maxlength: "3", size: "4" }, code),
      pots.length || c.fund_category ? field(fid("fund_category"), "Fund category", h("select", { onchange: edit("fund_category") },
        h("option", { value: "", selected: !c.fund_category }, d.defaultFund),
        [...new Set(pots.concat(c.fund_category ? [c.fund_category] : []))].map((p) => h("option", { value: p, selected: p === c.fund_category }, p)))) : null,
      text("claim_number", "Claim number in Partner Center", c.claim_number),
      text("claimed", "Amount claimed", c.claimed, { inputmode: "decimal" }, amountOf("claimed")),
      text("approved", "Amount approved", c.approved, { inputmode: "decimal" }, amountOf("approved")),
      text("paid", "Amount paid", c.paid, { inputmode: "decimal" }, amountOf("paid"))),
    h("div", { class: "cp-ws-status" }, h("div", { class: "cp-ws-row" }, field(fid("status"), "Status", statusSelect, status ? status.meaning : null, errs.status),
      field(fid("status-day"), "Changed on", statusDay), h("div", { class: "cp-field" }, setIt)), pending,
      openItems(c, a, stageOf(c, d)),
      dates.length ? h("ul", { "aria-label": "Status dates" }, dates) : null),
    h("div", { class: "cp-ws-row" },
      field(fid("next-text"), "Your own next action (optional)", h("input", { type: "text", value: (c.next_action || {}).text || "", maxlength: "500", onchange(e) {
        const v = entered(e).value.trim();
        attempt(store, view, "next-text", (s, at) => updateClaim(s, id, { next_action: v ? { ...c.next_action, text: v } : null }, at));
      } })),
      field(fid("next-due"), "Due", h("input", { type: "date", value: (c.next_action || {}).due || "", onchange(e) {
        const v = entered(e).value, own = c.next_action && c.next_action.text;
        if (!own) return refuse("next-due", "enter the action first.");
        attempt(store, view, "next-due", (s, at) => updateClaim(s, id, { next_action: v ? { text: own, due: v } : { text: own } }, at));
      } }), null, errs["next-due"])),
    a ? checklist(store, view, c, a) : h("p", {}, "The checklist of this activity is no longer available; your ticks and evidence log are kept."),
    field(fid("notes"), "Notes", h("textarea", { rows: "3", value: c.notes || "", onchange: edit("notes", (v) => v) })),
    h("p", { class: "cp-ws-actions" },
      button("Close the claim", close, { "aria-keyshortcuts": "Escape" }), " ",
      button("Print the claim file", () => printClaim(store, c), { "data-cp-ws-print": "" }), " ",
      button("Delete the claim", () => {
        store.change((s, at) => deleteClaim(s, id, at));
        store.ui.undo = { id, name: c.name };
        store.open(null, false);
        focus("cp-ws-undo");
      }, { "data-cp-ws-delete": "" })));
}

function checklist(store, view, c, a) {
  const p = checklistProgress(c, a.checklist), id = c.id;
  const box = (item, label) => {
    const state = p.items[item.id], boxId = "cp-ws-tick-" + id + "-" + item.id;
    return h("div", { class: "cp-ws-item", "data-cp-ws-item": item.id, "data-cp-state": state },
      h("input", { type: "checkbox", id: boxId, checked: state !== "open", onchange(e) {
        const on = e.target.checked;
        store.change((s, at) => (on ? tick(s, id, item.id, item.hash, at) : untick(s, id, item.id, at)));
      } }),
      h("label", { for: boxId }, label || item.text, state === "changed" ? h("strong", { class: "cp-flag" }, " Changed since you ticked it: check it again.") : null));
  };
  const evidence = (item) => {
    const log = own(c.evidence, item.id) || [], open = view.evidence.has(id + item.id), fileId = "cp-ws-ev-" + id + "-" + item.id;
    const toggle = button("Evidence log (" + log.length + ")", () => {
      view.evidence[open ? "delete" : "add"](id + item.id);
      store.notify();
    }, { class: "cp-link-button", id: fileId, "aria-expanded": String(open), "aria-controls": fileId + "-log" });
    return h("div", { class: "cp-ws-evidence" }, toggle, h("div", { id: fileId + "-log", hidden: !open },
    log.length ? h("ul", {}, log.map((x) => h("li", {}, x.file || "(no location)", x.note ? ": " + x.note : "", " (" + longDate(x.at) + ") ",
      button("Remove", () => store.change((s, at) => removeEvidence(s, id, item.id, x.id, at)), { "aria-label": "Remove " + (x.file || "this entry") })))) : null,
    h("form", { class: "cp-ws-row", onsubmit(e) {
      e.preventDefault();
      const file = document.getElementById(fileId + "-file"), note = document.getElementById(fileId + "-note");
      if (!file.value.trim() && !note.value.trim()) return file.focus();
      file.dataset.entered = note.dataset.entered = "1";
      store.change((s, at) => addEvidence(s, id, item.id, { file: file.value.trim(), note: note.value.trim() }, at));
      focus(fileId + "-file");
    } }, field(fileId + "-file", "File name or where it is kept", h("input", { type: "text", maxlength: "500", onkeydown(e) {
      if (e.key !== "Enter") return; // Enter here goes on to the note; Enter there adds the entry
      e.preventDefault();
      focus(fileId + "-note");
    } })),
    field(fileId + "-note", "Note", h("input", { type: "text", maxlength: "2000" })),
    h("div", { class: "cp-field" }, h("button", { type: "submit", class: "md-button" }, "Add to the log")))));
  };
  return h("div", { class: "cp-ws-checklist", "data-cp-ws-checklist": c.activity },
    h("h4", {}, "Proof checklist"),
    h("p", { "data-cp-ws-progress": "" }, p.done + " of " + p.total + " done." + (p.removed.length ? " " + p.removed.length + " ticked items are no longer listed." : "")),
    a.checklist.sections.map((s) => h("div", {}, h("h5", {}, s.title), s.entries.map((entry) => entry.options && entry.options.length
      ? h("fieldset", { class: "cp-ws-group", "data-cp-ws-item": entry.id },
        h("legend", {}, "One of: " + entry.text + (entry.options.some((o) => p.items[o.id] === "ticked") ? " (done)" : " (not done yet)")),
        entry.options.map((o) => [box(o), evidence(o)]))
      : [box(entry), evidence(entry)]))),
  );
}

// Prints one claim: its cover sheet, checklist and evidence log (see ws-print.js).
async function printClaim(store, c) {
  const { printClaimFile } = await import("./ws-print.js");
  printClaimFile(store, c);
}
