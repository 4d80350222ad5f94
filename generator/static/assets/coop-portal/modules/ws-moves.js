// Activities and checklist items that moved to a new id (rules.yaml moved_from; the site's data
// lists them as `moved`, old id -> new id, for activities, and as each checklist's `moved` for
// its items): what was recorded against an old id follows, so a renamed activity keeps its
// claims, their ticks and their evidence, and a renamed item keeps its ticks and evidence.
// Pure: the caller keeps the workspace as it was in the backups when anything moved.

const own = (o, k) => !!o && Object.prototype.hasOwnProperty.call(o, k);

/** The item moves of every activity checklist in the site's data: {activityId: {old: new}}. */
export function itemMoves(data) {
  const out = {};
  const activities = (data && data.activities) || {};
  for (const id of Object.keys(activities)) {
    const moved = activities[id] && activities[id].checklist && activities[id].checklist.moved;
    if (moved && Object.keys(moved).length) out[id] = moved;
  }
  return out;
}

/** A claim's ticked ids under the items' new ids (in order, once each); the same list when none moved. */
function movedList(list, to) {
  if (!Array.isArray(list) || !list.some((id) => own(to, id))) return list;
  return [...new Set(list.map((id) => (own(to, id) ? to[id] : id)))];
}

/** A claim's evidence ({itemId: [entries]}) under the items' new ids; entries under an old and
 * a new id are put together. The same object when none moved. */
function movedEvidence(evidence, to) {
  if (!evidence || typeof evidence !== "object" || !Object.keys(evidence).some((id) => own(to, id))) return evidence;
  const out = {};
  for (const id of Object.keys(evidence)) {
    const next = own(to, id) ? to[id] : id;
    out[next] = own(out, next) ? [...out[next], ...evidence[id]] : evidence[id];
  }
  return out;
}

/** A claim's tick hashes ({itemId: hash}) under the items' new ids, so a reworded item is
 * still flagged; the new id's own hash wins. The same object when none moved. */
function movedHashes(hashes, to) {
  if (!hashes || typeof hashes !== "object" || !Object.keys(hashes).some((id) => own(to, id))) return hashes;
  const out = {};
  for (const id of Object.keys(hashes)) if (!own(to, id)) out[id] = hashes[id];
  for (const id of Object.keys(hashes)) if (own(to, id) && !own(out, to[id])) out[to[id]] = hashes[id];
  return out;
}

/**
 * Saved checklist ticks ({itemId: {hash, at, stale}}) under the items' new ids: a tick of an
 * old id becomes the new item's (its hash kept, so changed wording is still flagged), unless
 * the new id is ticked itself. The same object when nothing moved.
 */
export function carryTicks(entries, moved) {
  if (!entries || !Object.keys(entries).some((id) => own(moved, id))) return entries;
  const out = {};
  for (const id of Object.keys(entries)) if (!own(moved, id)) out[id] = entries[id];
  for (const id of Object.keys(entries)) if (own(moved, id) && !own(out, moved[id])) out[moved[id]] = entries[id];
  return out;
}

/**
 * The workspace with every claim (deleted ones too) of a moved activity under its new id, and
 * its ticks, tick hashes and evidence of moved items (`items`: {activityId: {old item id: new}}, of the
 * activity's id now) under their new ids; the same object when nothing moved.
 */
export function carryMoves(workspace, moved, items) {
  const to = (id) => (own(moved, id) ? moved[id] : null);
  let changed = false;
  const move = (claim) => {
    if (!claim) return claim;
    const next = to(claim.activity);
    const activity = next && next !== claim.activity ? next : claim.activity;
    const itemsTo = own(items, activity) ? items[activity] : null;
    const ticked = itemsTo ? movedList(claim.ticked, itemsTo) : claim.ticked;
    const evidence = itemsTo ? movedEvidence(claim.evidence, itemsTo) : claim.evidence;
    const hashes = itemsTo ? movedHashes(claim.tick_hashes, itemsTo) : claim.tick_hashes;
    if (activity === claim.activity && ticked === claim.ticked && evidence === claim.evidence && hashes === claim.tick_hashes) return claim;
    changed = true;
    const out = { ...claim, activity };
    if (ticked !== claim.ticked) out.ticked = ticked;
    if (evidence !== claim.evidence) out.evidence = evidence;
    if (hashes !== claim.tick_hashes) out.tick_hashes = hashes;
    return out;
  };
  const claims = (workspace.claims || []).map(move);
  const deleted = (workspace.deleted || []).map((t) => (t && t.claim ? { ...t, claim: move(t.claim) } : t));
  return changed ? { ...workspace, claims, deleted } : workspace;
}

/**
 * A workspace file as read (parseWorkspace: {ok, state} or {ok: false, errors}) with its
 * claims carried through the moves of the site's data (`data.moved` and each checklist's
 * `moved`), so a file saved before a rules update opens under the new ids; `moved: true` when
 * anything moved. A refused file is given back as it is.
 */
export function carryFile(read, data) {
  if (!read || !read.ok) return read;
  const state = carryMoves(read.state, data && data.moved, itemMoves(data));
  return state === read.state ? read : { ...read, state, moved: true };
}
