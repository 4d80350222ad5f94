// Saving the workspace to one file the partner picked, again after each change, where the
// browser offers the File System Access API (Chromium: window.showSaveFilePicker). Pure
// decisions only: whether to offer it, what a failed write means, and what the page shows and
// offers in each state. The store (components/ws-store.js) does the writing.
//
// autosave = {status, name, at, problem}: status "off" (no file), "on" (saving after each
// change), "paused" (a file kept from an earlier visit, waiting for the partner's permission)
// or "failed" (the last write did not happen); name is the file's name, at when it was last
// written (ISO time), problem why the last write failed (see problemOf).

/** How long changes rest before they are written to the file (after the browser's own save). */
export const AUTOSAVE_DELAY = 800;

export const AUTOSAVE_OFF = Object.freeze({ status: "off", name: "", at: null, problem: null });

/**
 * Whether this page can save to a file of the partner's choice: the browser has
 * showSaveFilePicker and the page is not inside another site (where the browser refuses to
 * show the picker).
 */
export function offered(win) {
  if (!win || typeof win.showSaveFilePicker !== "function") return false;
  try {
    return win.top === win || win.top.location.origin === win.location.origin;
  } catch (e) {
    return false; // inside a frame of another site
  }
}

/**
 * Why a write to the file failed, from the browser's error: "permission" (the browser no
 * longer lets the page write it), "gone" (the file was moved or deleted), "full" (no space
 * left), "busy" (another program holds it) or "other".
 */
export function problemOf(error) {
  const name = (error && error.name) || "";
  if (name === "NotAllowedError" || name === "SecurityError") return "permission";
  if (name === "NotFoundError") return "gone";
  if (name === "QuotaExceededError") return "full";
  if (name === "NoModificationAllowedError" || name === "InvalidStateError") return "busy";
  return "other";
}

/**
 * What a tab does when another tab chose a file to save to automatically, or stopped: kept is
 * whether a file is kept now, same whether it is the file this tab writes, status this tab's
 * autosave status. "stop" (no file any more), "keep" (nothing to change) or "take" (use the kept
 * file as a reload would: saving where the browser still allows it, else offering to resume).
 */
export function followOtherTab(kept, same, status) {
  if (!kept) return status === "off" ? "keep" : "stop";
  return same && status !== "off" ? "keep" : "take";
}

const WHY = {
  permission: "the browser no longer lets this page write to it.",
  gone: "the file was moved, renamed or deleted.",
  full: "there is no space left where the file is kept.",
  busy: "another program is using the file.",
  other: "the browser could not write it.",
};

/**
 * What the page shows of saving to a file automatically: {lead, alert, actions} where lead
 * is the sentence to show (the file's name and `when`, the last save's time in words, are
 * put in), alert says it is a failure to announce, and actions the buttons to offer, in
 * order: "pick" (choose a file), "resume" (let the page write the kept file again), "stop".
 */
export function autosaveView(auto, when) {
  const a = auto || AUTOSAVE_OFF,
    name = a.name || "the file";
  if (a.status === "on")
    return {
      lead:
        "Saving automatically to " + name + " after each change. " + (a.at ? "Last saved there at " + when + "." : "Not yet saved there."),
      alert: false,
      actions: ["stop"],
    };
  if (a.status === "paused")
    return {
      lead:
        "Your work was being saved automatically to " +
        name +
        ". The browser asks you to allow it again after the page is reopened: until then, changes are not saved to the file.",
      alert: false,
      actions: ["resume", "pick", "stop"],
    };
  if (a.status === "failed")
    return {
      lead:
        "Your last changes could not be saved to " +
        name +
        ": " +
        (WHY[a.problem] || WHY.other) +
        (a.at ? " It was last saved there at " + when + "." : "") +
        " Choose the file again, or another one, to keep saving automatically.",
      alert: true,
      actions: a.problem === "permission" ? ["pick", "resume", "stop"] : ["pick", "stop"],
    };
  return {
    lead: "Or choose a file once, and the page saves your work to it after each change.",
    alert: false,
    actions: ["pick"],
  };
}
