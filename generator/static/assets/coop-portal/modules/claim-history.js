// A claim's history as a reviewer reads it: each status with the day it happened, in the life
// cycle's order, and whether a day given to a status keeps that order.

import { longDate } from "./words.js";
import { statusOf } from "./workspace.js";

// A stage's place in the life cycle (data.stages' order); "action" is part of the review (a
// claim goes back and forth between them) and closed stages can follow any other: null.
function stageRank(stage, data) {
  if (stage === "closed") return null;
  const ids = data.stages.map((s) => s.id).filter((id) => id !== "action" && id !== "closed");
  const i = ids.indexOf(stage === "action" ? "review" : stage);
  return i < 0 ? null : i;
}

/** The claim's status dates as [{status, name, day}], in the life cycle's order (statuses of one
 * stage by day). */
export function historyOf(claim, data) {
  const rank = (id) => {
    const s = statusOf(id, data);
    return s ? data.statuses.indexOf(s) : data.statuses.length;
  };
  return Object.entries(claim.status_dates || {})
    .map(([id, day]) => ({ status: id, name: (statusOf(id, data) || { name: id }).name, day, rank: rank(id) }))
    .sort((a, b) => a.rank - b.rank || (a.day < b.day ? -1 : a.day > b.day ? 1 : 0))
    .map(({ status, name, day }) => ({ status, name, day }));
}

/**
 * Why `status` cannot have happened on `day` given the claim's other status dates, naming both
 * dates ("Submitted on 20 August 2026 cannot come before Planned on 2 September 2026."), or null.
 */
export function orderProblem(claim, status, day, data) {
  const s = statusOf(status, data),
    mine = s ? stageRank(s.stage, data) : null;
  if (mine === null) return null;
  for (const [id, other] of Object.entries(claim.status_dates || {})) {
    const o = statusOf(id, data);
    if (!o || o.id === s.id) continue;
    const theirs = stageRank(o.stage, data);
    if (theirs === null || theirs === mine) continue;
    if (theirs < mine && other > day)
      return s.name + " on " + longDate(day) + " cannot come before " + o.name + " on " + longDate(other) + ".";
    if (theirs > mine && other < day)
      return s.name + " on " + longDate(day) + " cannot come after " + o.name + " on " + longDate(other) + ".";
  }
  return null;
}
