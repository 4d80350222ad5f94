// Starts each component of a page once. A row names the marker its root element carries and
// its module, which the browser fetches only on pages that have that marker. Material's
// instant navigation swaps pages without reloading, so this runs again on each new page.
// A root is marked data-cp-starting while its module loads, then data-cp-ready once started.

const COMPONENTS = [
  ["[data-cp-workspace]", "./components/workspace.js"],
  ["[data-cp-ws-dashboard]", "./components/ws-dashboard.js"],
  ["[data-cp-ws-claims]", "./components/ws-claims.js"],
  ["[data-cp-ws-funds]", "./components/ws-funds.js"],
  ["[data-cp-ws-files]", "./components/ws-files.js"],
  ["[data-cp-now]", "./components/now.js"],
  ["[data-cp-periods]", "./components/periods.js"],
  ["[data-cp-activity-timing]", "./components/activity-timing.js"],
  ["[data-cp-filter]", "./components/filter.js"],
  ["[data-cp-checklist]", "./components/checklist.js"],
  ["[data-cp-timing]", "./components/timing-checker.js"],
  ["[data-cp-estimator]", "./components/estimator.js"],
  ["[data-cp-print]", "./components/print.js"],
  [".md-typeset__scrollwrap, .cp-embed .cp-table-wrap", "./components/scroll-region.js"],
];

const started = new WeakSet();

// Starts one root with its module (or says why it could not).
function run(root, m, error) {
  root.removeAttribute("data-cp-starting");
  try {
    if (error) throw error;
    m.start(root);
    root.setAttribute("data-cp-ready", "");
  } catch (e) {
    const note = document.createElement("p");
    note.className = "cp-note cp-note--error";
    note.setAttribute("role", "alert");
    note.textContent = "This tool could not start (" + (e && e.message ? e.message : e) + "). Reload the page to try again.";
    root.prepend(note);
  }
}

/** Starts every component found in the page that has not started yet. */
export function startAll(doc = document) {
  for (const [selector, path] of COMPONENTS) {
    const roots = [...doc.querySelectorAll(selector)].filter((root) => !started.has(root));
    if (!roots.length) continue;
    for (const root of roots) started.add(root), root.setAttribute("data-cp-starting", "");
    import(path).then((m) => roots.forEach((root) => run(root, m)), (error) => roots.forEach((root) => run(root, null, error)));
  }
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(() => startAll());
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startAll());
else startAll();
