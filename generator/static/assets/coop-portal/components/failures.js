// A part of a page that failed says so once: the first part to fail with a cause shows the
// alert, and the others failing with the same cause on that page are only marked, so a screen
// reader hears it once and the parts that work go on working.

const message = (e) => (e && e.message ? e.message : String(e));

/**
 * Shows at the top of `root` that it failed (lead, then the cause), unless a part of this page
 * says so already; marks root data-cp-failed either way. Returns the note, or null.
 */
export function reportFailure(root, error, lead = "This tool could not start") {
  const doc = root.ownerDocument,
    text = lead + " (" + message(error) + "). Reload the page to try again.";
  root.setAttribute("data-cp-failed", "");
  const said = [...doc.querySelectorAll("[data-cp-failure]")].some((n) => n.textContent === text);
  if (said) return null;
  const note = doc.createElement("p");
  note.className = "cp-note cp-note--error";
  note.setAttribute("role", "alert");
  note.setAttribute("data-cp-failure", "");
  note.textContent = text;
  root.prepend(note);
  return note;
}
