// The workspace's status bar: where the work is kept (this browser, or this page only when
// storage is blocked), unreadable saved data kept as a backup to download, and a reminder to
// save to a file when changes have waited too long.

import { stamp, storeFor } from "./ws-store.js";
import { button, download, drawFrom, h, keepFocus, longDate } from "./ws-ui.js";

const today = () => stamp().today;

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  root.classList.add("cp-ws--live");
  keepFocus(store, root, root.ownerDocument.querySelector(".cp-ws-parts"));
  const live = h("p", { class: "cp-ws__live", role: "status", "aria-live": "polite" });
  const body = h("div");
  root.replaceChildren(body, live);
  drawFrom(
    store,
    body,
    (s) => [s.workspace, s.file, s.storage, s.autosave, s.view.drafts, s.view.restored, today()],
    (s) => draw(store, s),
  );
  store.subscribe((s) => {
    if (live.textContent !== s.view.said) live.textContent = s.view.said;
  });
}

// Why the browser does not keep the work, in plain words, by the cause storage gave.
const WHY = {
  quota:
    "The browser's storage for this site is full, so your last changes are not kept in it. Free some space (for example by " +
    "clearing other sites' data), then make a change again; until then, save your work to a file.",
  blocked:
    "Another tab of this site, still on an older version of the portal, keeps the page from opening its storage. Close or " +
    "reload the other tabs of the portal.",
  private: "This happens in a private window, which keeps nothing after it closes.",
  refused:
    "This happens when the browser's settings block site data, in some private windows, or when the portal is shown inside " +
    "another site.",
  missing: "This browser has no storage the page can use.",
  unknown: "The browser refused to keep it.",
};

// Safari (not Chrome or another browser that names Safari too) deletes a site's data after 7 days without a visit.
const isSafari = () => /safari/i.test(navigator.userAgent) && !/chrome|chromium|crios|fxios|edg|android/i.test(navigator.userAgent);

function draw(store, state) {
  const f = store.fileState(),
    out = [],
    { saved, status, errors, backups, medium, problem, persisted } = state.storage;
  if (medium === "loading") return [h("p", { class: "cp-ws__where" }, "Opening what this browser keeps for My co-op\u2026")];
  if (!saved) {
    const full = problem === "quota";
    out.push(
      h(
        "div",
        { class: "cp-note cp-note--warn", role: "alert", "data-cp-ws-blocked": problem || "refused" },
        h(
          "p",
          {},
          h(
            "strong",
            {},
            full ? "Warning: this browser's storage is full. " : "Warning: this browser does not let the page keep your work. ",
          ),
          WHY[problem] || WHY.refused,
          full ? "" : " Your work stays on this page only until you close it: save it to a file, and open that file next time.",
        ),
        button("Save to a file", () => store.saveToFile(), { class: "md-button md-button--primary" }),
      ),
    );
  }
  const restored = restoredDrafts(store, state);
  if (restored.length) {
    out.push(
      h(
        "div",
        { class: "cp-note", role: "note", "data-cp-ws-drafts": "" },
        h(
          "p",
          {},
          h("strong", {}, "Draft: "),
          "what you had typed and not yet entered is back. It is not part of your work until you enter it: change the field " +
            "and leave it, or use its button:",
        ),
        h(
          "ul",
          {},
          restored.map((r) => h("li", {}, r)),
        ),
      ),
    );
  }
  if (status === "recovered" || backups.length) {
    out.push(
      h(
        "div",
        { class: "cp-note cp-note--warn", role: status === "recovered" ? "alert" : null, "data-cp-ws-backup": "" },
        h(
          "p",
          {},
          h("strong", {}, "Warning: "),
          status === "recovered"
            ? "part of what this browser kept for My co-op could not be read. Everything that could be read is below; the rest is kept as a backup."
            : "this browser keeps a backup of My co-op data that could not be read.",
        ),
        errors.length
          ? h(
              "ul",
              {},
              errors.slice(0, 5).map((e) => h("li", {}, e)),
            )
          : null,
        errors.length > 5 ? h("p", {}, "and " + (errors.length - 5) + " more problems: the backup lists them all.") : null,
        h(
          "p",
          {},
          button("Download the backup", () => download("coop-workspace-backup.json", JSON.stringify(backups, null, 1), "application/json")),
          " ",
          button("Remove the backup", () => store.dropBackups()),
        ),
      ),
    );
  }
  const filed = f.lastFile ? "Last saved to a file on " + longDate(f.lastFile.slice(0, 10)) + "." : "Not yet saved to a file.";
  // Saving to a chosen file after each change: the next write is a moment away, no button needed.
  const auto = state.autosave && state.autosave.status === "on";
  out.push(
    h(
      "p",
      { class: "cp-ws__where", "data-cp-ws-where": "" },
      saved ? "Your work is kept in this browser on this device. " : "Your work is kept on this page only. ",
      saved && persisted === true ? "The browser has agreed to keep it until you remove it. " : null,
      saved && persisted === false ? "The browser has not agreed to keep it for good: it may clear it when space runs low. " : null,
      auto ? "Saved automatically to " + (state.autosave.name || "a file") + " after each change. " : null,
      f.unsaved && f.lastFile && !auto ? filed + " There are changes since then. " : filed + " ",
      (f.unsaved || !f.lastFile) && !auto ? button("Save to a file", () => store.saveToFile(), { "data-cp-ws-save": "" }) : null,
    ),
  );
  if (saved && persisted !== true && isSafari() && (state.workspace.claims.length || state.workspace.funds.length)) {
    out.push(
      h(
        "p",
        { class: "cp-note", role: "note", "data-cp-ws-safari": "" },
        h("strong", {}, "Safari: "),
        "this browser may delete what the portal keeps after a week without a visit. Save your work to a file to keep it safe.",
      ),
    );
  }
  if (f.remind) {
    out.push(
      h(
        "div",
        { class: "cp-note", role: "note", "data-cp-ws-remind": "" },
        h(
          "p",
          {},
          h("strong", {}, "Reminder: "),
          "you have changes since " +
            longDate(f.since) +
            " that are not saved to a file. " +
            "Browsers can clear what a site keeps, for example after some days without a visit.",
        ),
        button("Save to a file", () => store.saveToFile(), { class: "md-button md-button--primary" }),
      ),
    );
  }
  return out;
}

// The drafts brought back from a closed or reloaded page that still read as they were brought back, in words.
const FIELD_NAMES = {
  name: "name",
  notes: "notes",
  claim_number: "claim number",
  amount: "amount",
  claimed: "amount claimed",
  approved: "amount approved",
  paid: "amount paid",
  currency: "currency",
  "next-text": "next action",
  file: "where the proof is kept",
  note: "note",
};
function restoredDrafts(store, state) {
  const out = [],
    { drafts, restored } = state.view;
  for (const [form, fields] of Object.entries(restored || {})) {
    const now = drafts[form] || {},
      still = Object.keys(fields).filter((k) => now[k] === fields[k]);
    if (!still.length) continue;
    const m = /^(claim|ev):([A-Za-z0-9_-]+)/.exec(form),
      claim = m && state.workspace.claims.find((c) => c.id === m[2]);
    const where =
      form === "add"
        ? "the new claim form"
        : form === "fund"
          ? "the funds form"
          : claim
            ? "the claim " + (claim.name || "without a name")
            : "a form";
    out.push(where + ": " + still.map((k) => FIELD_NAMES[k] || k).join(", "));
  }
  return out;
}
