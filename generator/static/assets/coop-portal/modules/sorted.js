// Lists kept in order as the workspace changes. After a change of a few claims with the others
// where they were (an edit, a tick), only the changed claims' entries are taken out and put in
// again, instead of sorting the entries of 50,000 claims on every change; the order is the one
// a full stable sort gives.

/** No entries: what entriesOf gives for a unit that has none, without making a list each time. */
export const NONE = Object.freeze([]);

/** The index in the sorted `list` after every entry that sorts before `x` or with it. */
export function after(list, x, compare) {
  let lo = 0,
    hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid], x) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The places where two lists of one length hold different units; null when more than `most`. */
export function changedAt(was, now, most) {
  const out = [];
  for (let i = 0; i < now.length; i++) if (was[i] !== now[i] && out.push(i) > most) return null;
  return out;
}

/**
 * Sums over `units` kept as they change: add(sums, unit, sign) adds a unit's part (sign 1) or
 * takes it out (-1). `last` is what this returned for earlier units with the same parts, or
 * null. After a change of a few units with the others where they were, only those are taken
 * out and added again (to copy(last.sums)); else every unit is added to empty(). Returns
 * {units, sums}; its sums are shared, never to be changed.
 */
export function summedOver(last, units, { empty, copy, add }, most = 64) {
  if (last && last.units === units) return last;
  const changed = last && last.units.length === units.length ? changedAt(last.units, units, most) : null;
  const sums = changed ? copy(last.sums) : empty();
  if (changed) for (const i of changed) (add(sums, last.units[i], -1), add(sums, units[i], 1));
  else for (const u of units) add(sums, u, 1);
  return { units, sums };
}

/**
 * The entries of `units` (entriesOf(unit) gives a unit's entries, objects, the same ones for the
 * same unit) sorted by `compare`, ties in the units' order and then each unit's own: what
 * Array.prototype.sort, which is stable, gives on all of them. `last` is what this returned for
 * earlier units with the same entriesOf and compare, or null. Returns {units, entries, owner};
 * its entries are shared, never to be changed.
 */
export function sortedEntries(last, units, entriesOf, compare, most = 64) {
  if (last && last.units === units) return last;
  const changed = last && last.units.length === units.length ? changedAt(last.units, units, most) : null;
  if (!changed) {
    const owner = new WeakMap(),
      entries = [];
    for (const u of units) for (const e of entriesOf(u)) (entries.push(e), owner.set(e, u));
    entries.sort(compare);
    return { units, entries, owner };
  }
  const owner = last.owner,
    gone = new Set(changed.map((i) => last.units[i])),
    entries = last.entries.filter((e) => !gone.has(owner.get(e)));
  // The units that did not change are where they were: ties go by the units' places now.
  let index = null;
  const at = (e) => (index || (index = new Map(units.map((u, i) => [u, i])))).get(owner.get(e));
  const tied = (a, b) => {
    const ua = owner.get(a),
      ub = owner.get(b);
    if (ua !== ub) return at(a) - at(b);
    const own = entriesOf(ua);
    return own.indexOf(a) - own.indexOf(b);
  };
  const full = (a, b) => compare(a, b) || tied(a, b);
  for (const i of changed) {
    const u = units[i];
    for (const e of entriesOf(u)) {
      owner.set(e, u);
      entries.splice(after(entries, e, full), 0, e);
    }
  }
  return { units, entries, owner };
}
