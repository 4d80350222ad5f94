// One checklist, two ways in: the ticks made on an activity page start the checklist of a
// claim planned from it. The page's ticks travel in My co-op's address
// (?plan=<activity>&ticked=<id>.<hash>,...), and are taken only where they still match the
// activity's checklist (same item, same wording).

const own = (o, k) => o && Object.prototype.hasOwnProperty.call(o, k);

/** The tick boxes of a checklist: {id: hash} (each item, and each option of a one-of item). */
export function boxesOf(checklist) {
  const out = {};
  for (const s of (checklist && checklist.sections) || [])
    for (const e of s.entries) for (const b of e.options && e.options.length ? e.options : [e]) out[b.id] = b.hash;
  return out;
}

/** The query that plans a claim for `activity` with the page's current (not stale) ticks. */
export function planSearch(activity, ticks) {
  const list = Object.keys(ticks)
    .filter((id) => ticks[id] && !ticks[id].stale)
    .sort()
    .map((id) => id + "." + ticks[id].hash);
  return "?plan=" + encodeURIComponent(activity) + (list.length ? "&ticked=" + encodeURIComponent(list.join(",")) : "");
}

/** A plan read from My co-op's address: {activity, ticks: [{id, hash}]}, or null if none. */
export function planFrom(search, data) {
  const q = new URLSearchParams(search),
    activity = q.get("plan");
  if (!activity || !own(data.activities, activity)) return null;
  const boxes = boxesOf(data.activities[activity].checklist),
    ticks = [];
  for (const pair of (q.get("ticked") || "").split(",")) {
    const at = pair.lastIndexOf("."),
      id = pair.slice(0, at),
      hash = pair.slice(at + 1);
    if (at > 0 && own(boxes, id) && boxes[id] === hash && !ticks.some((t) => t.id === id)) ticks.push({ id, hash });
  }
  return { activity, ticks };
}

/**
 * What the activity page says of its ticks, given the claims of My co-op (its workspace):
 * the claims of this activity, each with the page's ticks it has, and how many of the page's
 * ticks are in no claim. {claims: [{id, name, shared}], loose, text}.
 */
export function ticksInClaims(activity, ticks, claims) {
  const mine = Object.keys(ticks).filter((id) => ticks[id] && !ticks[id].stale);
  const of = claims.filter((c) => c.activity === activity);
  const list = of.map((c) => ({ id: c.id, name: c.name, shared: mine.filter((id) => c.ticked.includes(id)).length }));
  const loose = mine.filter((id) => !of.some((c) => c.ticked.includes(id))).length;
  const parts = [];
  if (loose)
    parts.push(
      loose === mine.length
        ? "These ticks are not in a claim yet."
        : loose + " of these ticks " + (loose === 1 ? "is" : "are") + " not in a claim yet.",
    );
  for (const c of list) parts.push("Ticks for the claim " + c.name + " are kept in My co-op; open it there.");
  return { claims: list, loose, text: parts.filter(Boolean).join(" ") };
}
