// My co-op's one state and the one pure reducer that changes it by named actions:
// reduce(state, action, ctx) -> a new state (the same object when nothing changed).
//
// state = {
//   workspace,   the saved workspace (storage.js's shape), kept in the browser and in files
//   file,        the record of saving to a file: {file, opened, savedUpdated, since}
//   storage,     {saved, status, errors, backups}: where the work is kept, what could not be read
//   autosave,    saving to a file the partner picked after each change (autosave.js)
//   view,        what the page shows of it, see initialView()
// }
// ctx = {at: {now, today}, data, rulesVersion, generation}: the stamp of this change, the
// rules' data, and a fresh generation for a workspace put in place whole.

import { AUTOSAVE_OFF } from "./autosave.js";
import { orderProblem } from "./claim-history.js";
import { logWorkspace, withLogsFrom } from "./claim-log.js";
import { nextSort } from "./claim-table.js";
import { daysBetween, halfLabel, halfOf } from "./dates.js";
import { emptyWorkspace, mergeWorkspaces } from "./storage.js";
import { carryFile } from "./ws-moves.js";
import {
  addClaim,
  addEvidence,
  deleteClaim,
  importEarnings,
  reconcile,
  reconcileClaim,
  removeEvidence,
  removeFunds,
  restoreClaim,
  setFunds,
  setStatus,
  setStatusDay,
  tick,
  untick,
  updateClaim,
} from "./workspace.js";
import {
  claimField,
  earningsOutcome,
  mergePlan,
  mergeSummary,
  newClaim,
  newFunds,
  onlyNew,
  openLead,
  restoreFund,
  statusDay,
} from "./ws-domain.js";

/** Days of changes not saved to a file before the page reminds the user. */
export const REMIND_DAYS = 3;

/**
 * The view: the open claim, the last deleted claim and removed funds (to undo), the usage
 * period the dashboard shows, due lists shown whole, the claim list's search, filter and page
 * (and its sort, {column, dir}, and status filter), open
 * evidence logs, drafts typed but not yet entered and errors (both by form: "add", "fund",
 * "claim:<id>", "ev:<claim>:<item>"), an Earnings report being read ({name, share}) and one
 * read, a workspace file read, the
 * clear offer, the last file message, the element to focus once drawn, and what the status
 * bar last said aloud (saved to a file, here or in another tab). focusAt is where the focus is
 * (its element's id, a stable key): a redraw that replaces that element puts the focus back on
 * the new one, after an edit, another tab's save or an undo alike.
 */
export const initialView = (open = null) => ({
  open,
  undo: null,
  fundUndo: null,
  usage: null,
  expanded: {},
  query: "",
  filter: "",
  page: 0,
  sort: null,
  status: "",
  evidence: {},
  drafts: {},
  errors: {},
  report: null,
  reading: null,
  opened: null,
  openErrors: null,
  clearing: false,
  done: "",
  focus: null,
  focusAt: null,
  said: "",
  restored: {},
  plan: null,
});

export const initialState = (workspace, { file = {}, storage = {}, open = null } = {}) => ({
  workspace,
  file,
  storage: { saved: true, status: "ok", errors: [], backups: [], ...storage },
  autosave: AUTOSAVE_OFF,
  view: initialView(open),
});

/** The form's draft (what was typed and not yet entered), {} when none. */
export const draftOf = (view, form) => view.drafts[form] || {};
/** The fields of the form whose draft still reads as it was restored after a reload or a closed page. */
export const restoredOf = (view, form) => {
  const back = (view.restored && view.restored[form]) || {},
    now = view.drafts[form] || {};
  return Object.keys(back).filter((k) => Object.hasOwn(now, k) && now[k] === back[k]);
};
/** The form's errors by field, {} when none. */
export const errorsOf = (view, form) => view.errors[form] || {};
/** The claim a draft or error of the open claim belongs to: "claim:<id>". */
export const claimForm = (id) => "claim:" + id;
/** An evidence log's form: "ev:<claim>:<item>". */
export const evidenceForm = (id, item) => "ev:" + id + ":" + item;

/** {unsaved, lastFile, since, remind}: whether changes await saving to a file, since when. */
export function fileState(state, today) {
  const s = state.workspace,
    f = state.file,
    empty = !s.claims.length && !s.funds.length;
  const unsaved = !empty && f.savedUpdated !== s.updated,
    since = f.since || today;
  return { unsaved, lastFile: f.file || null, since, remind: unsaved && daysBetween(since, today) >= REMIND_DAYS };
}

const without = (obj, k) => {
  if (!obj || !(k in obj)) return obj;
  const out = { ...obj };
  delete out[k];
  return out;
};
const setIn = (obj, form, field, value) => ({
  ...obj,
  [form]: value === undefined ? without(obj[form] || {}, field) : { ...obj[form], [field]: value },
});
const view = (state, patch) => ({ ...state, view: { ...state.view, ...patch } });
const dropDraft = (v, form, fields) => ({ ...v.drafts, [form]: fields.reduce((d, k) => without(d, k), v.drafts[form] || {}) });

// Claims already reconciled with a rules' data (by object): a change reconciles only the claims
// it made or changed, so an edit costs the same with 20 claims or 50,000, and unchanged claims
// keep their identity (the list redraws only rows whose claim is a new object).
const clean = new WeakMap();
function reconciled(workspace, data) {
  if (!data || typeof data !== "object") return reconcile(workspace, data);
  let known = clean.get(data);
  if (!known) clean.set(data, (known = new WeakSet()));
  let fresh = false;
  const claims = workspace.claims.map((c) => {
    if (known.has(c)) return c;
    const next = reconcileClaim(c, data);
    known.add(next);
    fresh = fresh || next !== c;
    return next;
  });
  return fresh ? { ...workspace, claims } : workspace;
}

// A changed workspace: each changed claim's log of changes appended to (claim-log.js; not for
// a merge, whose logs are joined instead), reconciled with the rules, stamped with their
// version, and the day changes began to wait for a file noted.
function changed(state, next, ctx, log = true) {
  if (next === state.workspace) return state;
  if (log) next = logWorkspace(state.workspace, next, ctx.at.now);
  const f = state.file;
  const file = !f.since || f.savedUpdated === state.workspace.updated ? { ...f, since: ctx.at.today } : f;
  return { ...state, file, workspace: reconciled({ ...next, rules_version: ctx.rulesVersion || "" }, ctx.data) };
}

// Said after opening a file that used activities or checklist items renamed since.
const MOVED_NOTE = "Its claims of activities or proof items renamed since it was saved now use the new names.";

// A whole workspace put in place: opened from the file `name`, or cleared (no name).
function replaced(state, workspace, ctx, name) {
  const file = name ? { file: state.file.file, opened: name, savedUpdated: ctx.at.now } : { ...state.file, since: ctx.at.today };
  const next = { ...workspace, rules_version: ctx.rulesVersion || "", updated: ctx.at.now, generation: ctx.generation };
  return { ...state, file, workspace: reconciled(next, ctx.data) };
}

// A change of a claim's own fields; a refused one (workspace.js throws) is an error of `field`.
function claimChange(state, id, field, make, ctx, draftField = field) {
  const form = claimForm(id);
  let next;
  try {
    next = make(state.workspace);
  } catch (e) {
    return view(state, { errors: setIn(state.view.errors, form, field, e.message.split("\n")[0].replace(/^claim\./, "")) });
  }
  const s = changed(state, next, ctx);
  return view(s, { errors: setIn(s.view.errors, form, field, undefined), drafts: dropDraft(s.view, form, [draftField]) });
}

// This workspace with a file's claims added (by the two-tab merge: the later change wins).
function addFile(ws, file, at) {
  const merged = { ...mergeWorkspaces({ ...ws, generation: file.generation }, file), updated: at.now };
  if (ws.generation === undefined) delete merged.generation;
  else merged.generation = ws.generation;
  return merged;
}

const findClaim = (state, id) => state.workspace.claims.find((c) => c.id === id);

/** The next state after `action` (see ACTIONS for the names). */
export function reduce(state, action, ctx) {
  const v = state.view,
    at = ctx.at,
    ws = state.workspace;
  switch (action.type) {
    // ---------------------------------------------------------------- view only
    case "draftTyped": // a field's text as typed: the page shows it already
    case "draftChanged": // a choice made: what depends on it is drawn again
      return view(state, { drafts: setIn(v.drafts, action.form, action.field, action.value) });
    case "claimOpened":
      return view(state, { open: action.id, focus: action.focus === false ? v.focus : "cp-ws-claim-heading" });
    case "claimClosed":
      return view(state, { open: null, focus: v.open ? "cp-ws-open-" + v.open : null });
    case "addressChanged": {
      // Back or Forward: the claim the address names is opened, or the list shown when it names none.
      const id = action.claim && findClaim(state, action.claim) ? action.claim : null;
      if (id === v.open) return state;
      return id
        ? view(state, { open: id, focus: "cp-ws-claim-heading" })
        : view(state, { open: null, focus: v.open ? "cp-ws-open-" + v.open : null });
    }
    case "usageChosen":
      return view(state, { usage: action.usage });
    case "listExpanded": // a list shown whole, and where the focus goes (the button pressed is gone)
      return view(state, { expanded: { ...v.expanded, [action.key]: true }, focus: action.focus || v.focus });
    case "queryChanged":
      return view(state, { query: action.text, page: 0 });
    case "filterChanged":
      return view(state, { filter: action.usage, page: 0 });
    case "listSorted": // a column's header pressed: sorted by it, ascending first (claim-table.js)
      return view(state, { sort: nextSort(v.sort, action.column), page: 0 });
    case "statusFiltered": // only the claims of one status ("" all)
      return view(state, { status: action.status || "", page: 0 });
    case "listPaged": // a page of the claim list (0 is the first), and the button to keep the focus on
      return view(state, { page: Math.max(0, Math.floor(action.page) || 0), focus: action.focus || v.focus });
    case "evidenceToggled": {
      const k = evidenceForm(action.id, action.item),
        evidence = { ...v.evidence };
      if (evidence[k]) delete evidence[k];
      else evidence[k] = true;
      return view(state, { evidence });
    }
    case "focusMoved": // the focus moved to the element with this id (null: one without)
      return (v.focusAt ?? null) === (action.key || null) ? state : view(state, { focusAt: action.key || null });
    case "focused":
      return v.focus === null ? state : view(state, { focus: null });
    case "reportReading": // an Earnings report is being read (off the page's thread)
      return view(state, { reading: { name: action.name, share: 0 }, report: null });
    case "reportProgress":
      return v.reading ? view(state, { reading: { ...v.reading, share: action.share } }) : state;
    case "reportReadCancelled":
      return v.reading ? view(state, { reading: null, focus: "cp-ws-earnings-file" }) : state;
    case "reportRead":
      return view(state, { report: action.report, reportName: action.name, reading: null, focus: "cp-ws-earnings-result" });
    case "reportCancelled":
      return view(state, { report: null, focus: "cp-ws-earnings-file" });
    case "clearAsked":
      return view(state, { clearing: true, focus: "cp-ws-clear-offer" });
    case "clearCancelled":
      return view(state, { clearing: false, focus: "cp-ws-clear" });
    case "fileChoiceCancelled":
      return view(state, { opened: null });
    case "planOpened": // a claim planned from an activity page: its activity chosen, its ticks kept for it
      return view(state, {
        drafts: setIn(v.drafts, "add", "activity", action.activity),
        plan: { activity: action.activity, ticks: action.ticks },
        focus: "cp-ws-add-name",
      });

    // ---------------------------------------------------------------- the workspace
    case "claimAdded": {
      const made = newClaim(draftOf(v, "add"), ws);
      if (made.errors) return view(state, { errors: { ...v.errors, add: made.errors }, focus: "cp-ws-add-" + Object.keys(made.errors)[0] });
      // A new claim takes the rules' first planning status where the data names them.
      const first = (ctx.data.planningStatuses || [])[0],
        fields = first ? { ...made.fields, status: first } : made.fields;
      // A claim planned from an activity page starts with the ticks made there.
      const plan = v.plan && v.plan.activity === fields.activity ? v.plan.ticks : [];
      const added = plan.reduce((w, t) => tick(w, action.id, t.id, t.hash, at), addClaim(ws, fields, at, action.id));
      const s = changed(state, added, ctx);
      return view(s, {
        plan: null,
        errors: without(v.errors, "add"),
        drafts: dropDraft(v, "add", ["name", "activity", "start", "end", "amount"]),
        open: action.id,
        focus: "cp-ws-claim-heading",
      });
    }
    case "claimFieldEntered": {
      const c = findClaim(state, action.id);
      if (!c) return state;
      const form = claimForm(c.id),
        r = claimField(action.field, action.value, c, ws);
      if (r.error)
        return view(state, {
          errors: setIn(v.errors, form, action.field, r.error),
          drafts: setIn(v.drafts, form, action.field, action.value),
        });
      return claimChange(state, c.id, action.field, (w) => updateClaim(w, c.id, r.patch, at), ctx);
    }
    case "statusSet": {
      const c = findClaim(state, action.id);
      if (!c) return state;
      const form = claimForm(c.id),
        d = draftOf(v, form),
        status = d.status ?? c.status,
        day = d["status-day"] ?? at.today;
      const wrong = statusDay(day, at.today);
      if (wrong) return view(state, { errors: setIn(v.errors, form, "status", wrong) });
      const s = claimChange(state, c.id, "status", (w) => setStatus(w, c.id, status, { ...at, today: day }), ctx);
      return s.workspace === ws ? s : view(s, { drafts: dropDraft(s.view, form, ["status", "status-day"]) });
    }
    case "statusDayEntered": {
      // The day a status happened, changed (a claim back-filled): refused out of the life cycle's order.
      const c = findClaim(state, action.id);
      if (!c || !(c.status_dates || {})[action.status]) return state;
      const field = "day-" + action.status,
        wrong = statusDay(action.day, at.today) || orderProblem(c, action.status, action.day, ctx.data);
      if (wrong) return view(state, { errors: setIn(v.errors, claimForm(c.id), field, wrong) });
      return claimChange(state, c.id, field, (w) => setStatusDay(w, c.id, action.status, action.day, at), ctx);
    }
    case "ticked": {
      const { id, item, hash, on } = action;
      return changed(state, on ? tick(ws, id, item, hash, at) : untick(ws, id, item, at), ctx);
    }
    case "evidenceAdded": {
      const form = evidenceForm(action.id, action.item),
        d = draftOf(v, form),
        file = (d.file || "").trim(),
        note = (d.note || "").trim();
      const focus = "cp-ws-ev-" + action.id + "-" + action.item + "-file";
      if (!file && !note) return view(state, { focus });
      const s = changed(state, addEvidence(ws, action.id, action.item, { file, note }, at, action.entry), ctx);
      return view(s, { drafts: without(v.drafts, form), focus });
    }
    case "evidenceRemoved":
      return changed(state, removeEvidence(ws, action.id, action.item, action.entry, at), ctx);
    case "claimDeleted": {
      const c = findClaim(state, action.id);
      if (!c) return state;
      const s = changed(state, deleteClaim(ws, c.id, at), ctx);
      return view(s, { undo: { id: c.id, name: c.name }, open: v.open === c.id ? null : v.open, focus: "cp-ws-undo" });
    }
    case "deleteUndone": {
      if (!v.undo) return state;
      const s = changed(state, restoreClaim(ws, v.undo.id, at), ctx);
      return view(s, { undo: null, open: v.undo.id, focus: "cp-ws-claim-heading" });
    }
    case "claimRestored":
      return changed(state, restoreClaim(ws, action.id, at), ctx);
    case "fundsRecorded": {
      const d = draftOf(v, "fund"),
        current = halfLabel(halfOf(at.today, ctx.data.calendar));
      const r = newFunds(d, current, ctx.data.defaultFund);
      if (r.error) return view(state, { errors: { ...v.errors, fund: { [r.error[0]]: r.error[1] } }, focus: "cp-ws-fund-" + r.error[0] });
      const s = changed(state, setFunds(ws, r.usage, r.amount, at, r.currency, r.extra), ctx);
      return view(s, {
        errors: without(v.errors, "fund"),
        drafts: dropDraft(v, "fund", ["amount"]),
        fundUndo: null,
        focus: "cp-ws-fund-amount",
      });
    }
    case "fundsRemoved": {
      const f = ws.funds.find((x) => x.usage_period === action.usage && (x.category || "") === (action.category || ""));
      if (!f) return state;
      const s = changed(state, removeFunds(ws, f.usage_period, at, f.category), ctx);
      return view(s, { fundUndo: f, focus: "cp-ws-fund-undo" });
    }
    case "fundsUndone": {
      if (!v.fundUndo) return state;
      return view(changed(state, restoreFund(ws, v.fundUndo, at), ctx), { fundUndo: null, focus: "cp-ws-funds-table" });
    }
    case "reportRecorded": {
      const r = v.report;
      if (!r || !r.ok) return state;
      const chosen = r.periods.filter((p) => earningsOutcome(ws, p).record);
      return view(changed(state, importEarnings(ws, { ...r, periods: chosen }, at), ctx), { report: null, focus: "cp-ws-funds-table" });
    }
    case "fileRead": {
      // A workspace file read: refused with its errors, put in place at once in an empty
      // workspace, else offered to replace this one or add its claims. Its claims of renamed
      // activities and items are carried over to their new ids first.
      const r = carryFile(action.read, ctx.data),
        base = { done: "", focus: "cp-ws-open-result" };
      if (!r.ok)
        return view(state, {
          ...base,
          opened: null,
          openErrors: { name: action.name, list: r.errors, lead: openLead(r.errors, action.text) },
        });
      // What adding it would replace or delete of this workspace is listed before anything is done.
      const plan = mergePlan(ws, addFile(ws, r.state, at), r.state, at.now);
      const s = view(state, { ...base, openErrors: null, opened: { name: action.name, state: r.state, plan, moved: !!r.moved } });
      return !ws.claims.length && !ws.funds.length && !(ws.deleted || []).length ? reduce(s, { type: "fileUsed", how: "replace" }, ctx) : s;
    }
    case "fileUsed": {
      // "replace": the file in place whole; "merge": its claims added, its later changes and
      // deletions taken; "keep": only what is new added, every claim and fund of yours kept.
      if (!v.opened) return state;
      const file = v.opened.state,
        name = v.opened.name,
        moved = v.opened.moved ? " " + MOVED_NOTE : "";
      if (action.how === "replace") return view(replaced(state, file, ctx, name), { opened: null, done: "Opened " + name + "." + moved });
      // Kept versions of your claims still take the entries the file's copies logged.
      const merged = action.how === "keep" ? withLogsFrom(addFile(ws, onlyNew(ws, file), at), file) : addFile(ws, file, at);
      const s = changed(state, merged, ctx, false);
      return view(s, { opened: null, done: mergeSummary(ws, s.workspace, name) + moved });
    }
    case "cleared":
      return view(replaced(state, emptyWorkspace(at.now), ctx), {
        clearing: false,
        done: "The workspace is cleared.",
        open: null,
        undo: null,
        focus: "cp-ws-clear",
      });

    // ---------------------------------------------------------------- from elsewhere
    case "savedToFile":
      return view({ ...state, file: { file: at.now, savedUpdated: ws.updated } }, { said: "Saved to a file." });
    case "autoSaved": {
      // The workspace as it was at `updated` is written to the chosen file: saved to a file.
      const file = { file: at.now, savedUpdated: action.updated };
      if (action.updated !== ws.updated) file.since = state.file.since || at.today; // changes made since wait for the next write
      const was = state.autosave;
      return { ...state, file, autosave: { status: "on", name: action.name || was.name, at: at.now, problem: null } };
    }
    case "autosaveChanged": {
      // Saving to a chosen file: started, paused (waiting for permission), failed or stopped.
      const a = { ...AUTOSAVE_OFF, ...(action.autosave.status === "off" ? {} : state.autosave), ...action.autosave };
      const s = { ...state, autosave: a };
      return a.status === "failed" && state.autosave.status !== "failed"
        ? view(s, { said: "Your changes could not be saved to " + (a.name || "the file") + "." })
        : s;
    }
    case "otherTabSaved": // another tab's workspace: merged claim by claim, so neither side loses any
      return { ...state, workspace: reconciled(mergeWorkspaces(ws, action.workspace), ctx.data) };
    case "otherTabFile": {
      const s = { ...state, file: action.file };
      return action.file.file && action.file.file !== state.file.file ? view(s, { said: "Saved to a file." }) : s;
    }
    case "stored": // what saving found: another tab's claims merged in, storage refused, backups kept
      return {
        ...state,
        workspace: action.workspace === ws ? ws : reconciled(action.workspace, ctx.data),
        storage: { ...state.storage, saved: action.saved ?? state.storage.saved, backups: action.backups ?? state.storage.backups },
      };
    case "draftsRestored": {
      // Drafts kept from a page closed or reloaded, each marked as a draft until entered or changed.
      const drafts = { ...v.drafts };
      for (const [form, fields] of Object.entries(action.drafts)) drafts[form] = { ...fields, ...drafts[form] };
      return view(state, { drafts, restored: action.drafts });
    }
    case "storageChanged": // where the work is kept, whether the browser keeps it for good, what went wrong
      return { ...state, storage: { ...state.storage, ...action.storage } };
    case "backupsDropped":
      return { ...state, storage: { ...state.storage, backups: [] } };
    default:
      throw new Error("unknown action: " + action.type);
  }
}

/** Every action's name. */
export const ACTIONS = [
  "draftTyped",
  "draftChanged",
  "claimOpened",
  "claimClosed",
  "addressChanged",
  "usageChosen",
  "listExpanded",
  "queryChanged",
  "filterChanged",
  "listPaged",
  "listSorted",
  "statusFiltered",
  "evidenceToggled",
  "focused",
  "focusMoved",
  "reportReading",
  "reportProgress",
  "reportReadCancelled",
  "reportRead",
  "reportCancelled",
  "clearAsked",
  "clearCancelled",
  "fileChoiceCancelled",
  "planOpened",
  "claimAdded",
  "claimFieldEntered",
  "statusSet",
  "statusDayEntered",
  "ticked",
  "evidenceAdded",
  "evidenceRemoved",
  "claimDeleted",
  "deleteUndone",
  "claimRestored",
  "fundsRecorded",
  "fundsRemoved",
  "fundsUndone",
  "reportRecorded",
  "fileRead",
  "fileUsed",
  "cleared",
  "savedToFile",
  "autoSaved",
  "autosaveChanged",
  "otherTabSaved",
  "otherTabFile",
  "stored",
  "draftsRestored",
  "storageChanged",
  "backupsDropped",
];
