// Activities that moved to a new id (rules.yaml moved_from; the site's data lists them as
// `moved`, old id -> new id): claims recorded against an old id follow the activity, so a
// renamed activity keeps its claims, their ticks and their evidence. Pure: the caller keeps
// the workspace as it was in the backups when anything moved.

/** The workspace with every claim (deleted ones too) of a moved activity under its new id;
 * the same object when nothing moved. */
export function carryMoves(workspace, moved) {
  const to = (id) => (moved && Object.prototype.hasOwnProperty.call(moved, id) ? moved[id] : null);
  let changed = false;
  const move = (claim) => {
    const next = claim && to(claim.activity);
    if (!next || next === claim.activity) return claim;
    changed = true;
    return { ...claim, activity: next };
  };
  const claims = (workspace.claims || []).map(move);
  const deleted = (workspace.deleted || []).map((t) => (t && t.claim ? { ...t, claim: move(t.claim) } : t));
  return changed ? { ...workspace, claims, deleted } : workspace;
}
