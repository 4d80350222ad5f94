// Starts each component of a page once. A row names the marker its root element carries and
// its module, which the browser fetches only on pages that have that marker. Material's
// instant navigation swaps pages without reloading, so this runs again on each new page.

const COMPONENTS = [
  ["[data-cp-workspace]", "./components/workspace.js"],
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

function failed(roots, error) {
  for (const root of roots) {
    const note = document.createElement("p");
    note.className = "cp-note cp-note--error";
    note.setAttribute("role", "alert");
    note.textContent = "This tool could not start (" + (error && error.message ? error.message : error) + "). Reload the page to try again.";
    root.prepend(note);
  }
}

/** Starts every component found in the page that has not started yet. */
export function startAll(doc = document) {
  for (const [selector, path] of COMPONENTS) {
    const roots = [...doc.querySelectorAll(selector)].filter((root) => !started.has(root));
    if (!roots.length) continue;
    roots.forEach((root) => started.add(root));
    import(path).then((m) => roots.forEach((root) => {
      try {
        m.start(root);
      } catch (error) {
        failed([root], error);
      }
    }), (error) => failed(roots, error));
  }
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(() => startAll());
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startAll());
else startAll();
