// A part of a page that failed says so once, in that part: a second failure of the same part
// (a redraw that fails again, a start retried) adds no second alert, and the parts that work
// go on working.

const message = (e) => (e && e.message ? e.message : String(e));

/**
 * Shows at the top of `root` that it failed (lead, then the cause), unless root says so
 * already; marks root data-cp-failed either way. Returns the note, or null.
 */
export function reportFailure(root, error, lead = "This tool could not start") {
  root.setAttribute("data-cp-failed", "");
  if ([...root.children].some((n) => n.hasAttribute("data-cp-failure"))) return null;
  const note = root.ownerDocument.createElement("p");
  note.className = "cp-note cp-note--error";
  note.setAttribute("role", "alert");
  note.setAttribute("data-cp-failure", "");
  note.textContent = lead + " (" + message(error) + "). Reload the page to try again.";
  root.prepend(note);
  return note;
}
