// A proof-of-execution checklist's ticks: {itemId: {hash, at, stale}}, saved as
// {v: 2, rulesVersion, items} (v 1 was the same under the old key), exported as a file, carried
// in a link (#ticked=id.hash,...). A tick keeps the hash of the wording it was given for;
// changed wording makes it stale. The page's whole state, and the named actions that change
// it, are at the end (reduce).

import { carryTicks } from "./ws-moves.js";

const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
export const FORMAT = "coop-portal-checklist";

/** Saved or imported items checked one by one: {id: {hash, at, stale}}, or null if any is wrong. */
export function validEntries(items) {
  if (!items || typeof items !== "object" || Array.isArray(items)) return null;
  const out = {};
  for (const id in items) {
    if (!own(items, id)) continue;
    const entry = items[id];
    if (!/^[a-z0-9-]{1,80}$/.test(id) || !entry || typeof entry.hash !== "string") return null;
    out[id] = { hash: entry.hash, at: typeof entry.at === "string" ? entry.at : "", stale: !!entry.stale };
  }
  return out;
}

/** Saved text read back: the entries, or null when it cannot be read. */
export function readSaved(text) {
  let parsed = null;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return null;
  }
  return parsed && (parsed.v === 1 || parsed.v === SAVED_VERSION) ? validEntries(parsed.items) : null;
}

export const SAVED_VERSION = 2;
/** The text to save, or null (remove it) when nothing is ticked. */
export const savedText = (state, rulesVersion) =>
  Object.keys(state).length ? JSON.stringify({ v: SAVED_VERSION, rulesVersion, items: state }) : null;

/**
 * Takes saved entries against the page's boxes (hashes: {id: hash}) and "one of" groups (a Set
 * of ids): same wording keeps its tick, changed wording is stale, a tick of an item that has
 * become a choice is kept stale, removed items drop out. Returns {state, dropped}.
 */
export function adopt(entries, hashes, groups) {
  const state = {};
  let dropped = 0;
  for (const id of Object.keys(entries)) {
    const entry = entries[id];
    if (groups.has(id)) state[id] = { hash: entry.hash, at: entry.at, stale: true };
    else if (!own(hashes, id)) dropped++;
    else state[id] = { hash: entry.hash, at: entry.at, stale: entry.stale || entry.hash !== hashes[id] };
  }
  return { state, dropped };
}

/** Ticks a box for the wording it shows; a tick of its whole group from before it was a choice is settled. */
export function tick(state, id, hash, today, group) {
  const next = { ...state, [id]: { hash, at: today, stale: false } };
  if (group) delete next[group];
  return next;
}
export function untick(state, id) {
  const next = { ...state };
  delete next[id];
  return next;
}
export const isTicked = (state, id) => own(state, id) && !state[id].stale;

/** The ticks a link carries (#ticked=id.hash,...), or null when it carries none. */
export function linkEntries(hash, today) {
  const match = /(?:^#|&)ticked=([a-z0-9.,-]*)/.exec(hash);
  if (!match) return null;
  const entries = {};
  for (const pair of match[1].split(",").filter(Boolean)) {
    const p = pair.split(".");
    if (p.length === 2) entries[p[0]] = { hash: p[1], at: today, stale: false };
  }
  return entries;
}
/** The fragment carrying the current (not stale) ticks. */
export const linkHash = (state) =>
  "#ticked=" +
  Object.keys(state)
    .filter((id) => !state[id].stale)
    .map((id) => id + "." + state[id].hash)
    .join(",");

/** An export file's text. */
export const exportText = (checklist, title, rulesVersion, state, now) =>
  JSON.stringify({ format: FORMAT, version: 1, checklist, title, rulesVersion, exported: now, items: state }, null, 2);

/** An export file read for a checklist: {entries} or {error: what is wrong, in words}. */
export function readExport(text, checklist) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { error: "That file is not a checklist export: it is not valid JSON. Choose a file saved with Export progress." };
  }
  if (!data || data.format !== FORMAT || data.version !== 1) {
    return { error: "That file is not a checklist export from this portal. Choose a file saved with Export progress." };
  }
  if (data.checklist !== checklist) {
    return {
      error:
        'That file holds the checklist "' +
        String(data.title || data.checklist) +
        "\", not this one. Open that checklist's page to import it.",
    };
  }
  const entries = validEntries(data.items);
  return entries ? { entries } : { error: "That file's list of ticked items is damaged, so nothing was imported." };
}

// ------------------------------------------------------------------ the page's state

const count = (n, what) => n + " " + what + (n === 1 ? "" : "s");

/**
 * A checklist page's state. layout: the page's boxes, {hashes: {id: hash}, groups: [group id],
 * units: [id of a plain item, or {id, options: [ids]} of a "one of" group], moved?: {old item
 * id: new} (renamed items, whose old ticks are carried over)} (what the progress counts); ticks: the saved ticks; notices: [{kind, text, ask?}] shown above the list;
 * confirming: the reset question is open; link: the share link shown, or null; incoming: a
 * link's ticks waiting for "use the link's" or "keep mine"; memory: storage is blocked.
 */
export const initial = (layout) => ({ layout, ticks: {}, notices: [], confirming: false, link: null, incoming: null, memory: false });

const STORAGE_NOTE =
  "This browser does not let the portal save here (for example in an embedded or private window). " +
  "Your ticks last only while this page is open; use Export progress to keep them.";

// Ticks of items renamed in the rules (layout.moved: old id -> new) are taken as the new items'.
const taken = (state, entries) => adopt(carryTicks(entries, state.layout.moved), state.layout.hashes, new Set(state.layout.groups));
const say = (state, kind, text, extra) => [...state.notices, { kind, text, ...extra }];

/**
 * The named actions: loaded {entries} (saved ticks read at start), corrupt, blocked,
 * tick {id, hash, at, group}, untick {id}, synced {entries or null} (another tab saved),
 * imported {entries, file}, importFailed {error}, linkOpened {entries}, linkUse, linkKeep,
 * shareLink {url}, resetAsk, resetCancel, resetConfirm.
 */
export function reduce(state, action) {
  switch (action.type) {
    case "loaded":
    case "synced":
      return { ...state, ticks: action.entries ? taken(state, action.entries).state : {} };
    case "corrupt":
      return { ...state, notices: say(state, "corrupt", "Your saved ticks for this checklist could not be read, so it starts fresh.") };
    case "blocked":
      return state.memory ? state : { ...state, memory: true, notices: say(state, "storage", STORAGE_NOTE) };
    case "tick":
      return { ...state, ticks: tick(state.ticks, action.id, action.hash, action.at, action.group) };
    case "untick":
      return { ...state, ticks: untick(state.ticks, action.id) };
    case "imported": {
      const r = taken(state, action.entries),
        n = Object.keys(r.state).length;
      const text =
        "Imported " +
        count(n, "item") +
        " from " +
        action.file +
        (r.dropped ? "; " + r.dropped + " no longer exist in the rules" : "") +
        ".";
      return { ...state, ticks: r.state, notices: say({ notices: state.notices.filter((x) => x.kind !== "error") }, "import", text) };
    }
    case "importFailed":
      return { ...state, notices: say({ notices: state.notices.filter((x) => x.kind !== "error") }, "error", action.error) };
    case "linkOpened": {
      const incoming = count(Object.keys(action.entries).length, "ticked item");
      if (!Object.keys(state.ticks).length) {
        return {
          ...state,
          ticks: taken(state, action.entries).state,
          notices: say(state, "link", "Loaded " + incoming + " from the link."),
        };
      }
      const text = "The link you opened carries " + incoming + ", and this browser already has ticks for this checklist. ";
      return { ...state, incoming: action.entries, notices: say(state, "link", text, { ask: true }) };
    }
    case "linkUse":
    case "linkKeep": {
      if (!state.incoming) return state;
      const use = action.type === "linkUse",
        text = use ? "Using the ticks from the link." : "Kept your own ticks.";
      const notices = state.notices.map((x) => (x.ask ? { kind: "link", text } : x));
      return { ...state, incoming: null, notices, ticks: use ? taken(state, state.incoming).state : state.ticks };
    }
    case "shareLink":
      return { ...state, link: action.url };
    case "resetAsk":
      return { ...state, confirming: true };
    case "resetCancel":
      return { ...state, confirming: false };
    case "resetConfirm":
      return {
        ...state,
        ticks: {},
        confirming: false,
        incoming: null,
        notices: [...state.notices.filter((n) => n.kind === "storage"), { kind: "reset", text: "All items are unticked." }],
      };
    default:
      throw new Error("unknown checklist action: " + action.type);
  }
}

/** What the page shows of the ticks: done and changed counts, and the progress line. */
export function progress(state) {
  const { ticks, layout } = state;
  let done = 0,
    changed = Object.keys(ticks).filter((id) => ticks[id].stale).length;
  for (const unit of layout.units) {
    if (typeof unit === "string") done += isTicked(ticks, unit) ? 1 : 0;
    else done += unit.options.some((id) => isTicked(ticks, id)) ? 1 : 0;
  }
  const total = layout.units.length;
  const text =
    done +
    " of " +
    total +
    " done" +
    (changed ? "; " + changed + " changed since you ticked " + (changed === 1 ? "it" : "them") : "") +
    ".";
  return { done, changed, total, text };
}

/** The names an activity's checklist was saved under before it moved ("activity:<old id>"). */
export const movedNames = (name, moved) =>
  Object.keys(moved || {})
    .filter((old) => "activity:" + moved[old] === name)
    .map((old) => "activity:" + old);
