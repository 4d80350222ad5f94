// A proof-of-execution checklist's ticks: {itemId: {hash, at, stale}}, saved as
// {v: 1, rulesVersion, items}, exported as a file, carried in a link (#ticked=id.hash,...).
// A tick keeps the hash of the wording it was given for; changed wording makes it stale.

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
  return parsed && parsed.v === 1 ? validEntries(parsed.items) : null;
}

/** The text to save, or null (remove it) when nothing is ticked. */
export const savedText = (state, rulesVersion) => (Object.keys(state).length ? JSON.stringify({ v: 1, rulesVersion, items: state }) : null);

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
export const linkHash = (state) => "#ticked=" + Object.keys(state).filter((id) => !state[id].stale).map((id) => id + "." + state[id].hash).join(",");

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
    return { error: "That file holds the checklist \"" + String(data.title || data.checklist) + "\", not this one. Open that checklist's page to import it." };
  }
  const entries = validEntries(data.items);
  return entries ? { entries } : { error: "That file's list of ticked items is damaged, so nothing was imported." };
}
