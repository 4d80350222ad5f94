// The workspace's status bar: where the work is kept (this browser, or this page only when
// storage is blocked), unreadable saved data kept as a backup to download, and a reminder to
// save to a file when changes have waited too long.

import { stamp, storeFor } from "./ws-store.js";
import { button, download, drawFrom, h, longDate } from "./ws-ui.js";

const today = () => stamp().today;

export function start(root, data) {
  const store = storeFor(root.ownerDocument, data);
  root.classList.add("cp-ws--live");
  const live = h("p", { class: "cp-ws__live", role: "status", "aria-live": "polite" });
  const body = h("div");
  root.replaceChildren(body, live);
  drawFrom(
    store,
    body,
    (s) => [s.workspace, s.file, s.storage, today()],
    (s) => draw(store, s),
  );
  store.subscribe((s) => {
    if (live.textContent !== s.view.said) live.textContent = s.view.said;
  });
}

function draw(store, state) {
  const f = store.fileState(),
    out = [],
    { saved, status, errors, backups } = state.storage;
  if (!saved) {
    out.push(
      h(
        "div",
        { class: "cp-note cp-note--warn", role: "alert", "data-cp-ws-blocked": "" },
        h(
          "p",
          {},
          h("strong", {}, "Warning: this browser does not let the page keep your work. "),
          "This happens in a private window or when the portal is shown inside another site. Your work stays on this page only " +
            "until you close it: save it to a file, and open that file next time.",
        ),
        button("Save to a file", () => store.saveToFile(), { class: "md-button md-button--primary" }),
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
  out.push(
    h(
      "p",
      { class: "cp-ws__where", "data-cp-ws-where": "" },
      saved ? "Your work is kept in this browser on this device. " : "Your work is kept on this page only. ",
      f.unsaved && f.lastFile ? filed + " There are changes since then. " : filed + " ",
      f.unsaved || !f.lastFile ? button("Save to a file", () => store.saveToFile(), { "data-cp-ws-save": "" }) : null,
    ),
  );
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
