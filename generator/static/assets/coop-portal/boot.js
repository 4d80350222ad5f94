// Starts each component of a page once. A row names the marker its root element carries and
// its module, which the browser fetches only on pages that have that marker. Material's
// instant navigation swaps pages without reloading, so this runs again on each new page.
// A root is marked data-cp-starting while its module loads, then data-cp-ready once started.
// Every module's start(root, data) gets the site's browser data (assets/coop-portal/data.json,
// the shape of generator/browser_data.py), fetched once per page load in the version the
// page names (data-cp-data); rows marked false need none and start without waiting for it.

import { reportFailure } from "./components/failures.js";

const COMPONENTS = [
  ["[data-cp-workspace]", "./components/workspace.js", true],
  ["[data-cp-ws-dashboard]", "./components/ws-dashboard.js", true],
  ["[data-cp-ws-claims]", "./components/ws-claims.js", true],
  ["[data-cp-ws-funds]", "./components/ws-funds.js", true],
  ["[data-cp-ws-files]", "./components/ws-files.js", true],
  ["[data-cp-now]", "./components/now.js", true],
  ["[data-cp-periods]", "./components/periods.js", true],
  ["[data-cp-activity-timing]", "./components/activity-timing.js", true],
  ["[data-cp-filter]", "./components/filter.js", false],
  ["[data-cp-checklist]", "./components/checklist.js", true],
  ["[data-cp-timing]", "./components/timing-checker.js", true],
  ["[data-cp-estimator]", "./components/estimator.js", true],
  ["[data-cp-print]", "./components/print.js", false],
  [".md-typeset__scrollwrap, .cp-embed .cp-table-wrap", "./components/scroll-region.js", false],
];

// One fetch per version and page load; the promise outlives Material's instant navigation.
const loads = new Map();
function dataOf(doc) {
  const marker = doc.querySelector("[data-cp-data]"),
    version = marker ? marker.getAttribute("data-cp-data") : "";
  const url = new URL("./data.json" + (version ? "?v=" + encodeURIComponent(version) : ""), import.meta.url).href;
  if (!loads.has(url)) {
    const load = fetch(url, { credentials: "same-origin" })
      .then((r) => {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      })
      .catch((e) => {
        throw new Error("the portal's rules data did not load: " + (e && e.message ? e.message : e));
      });
    load.catch(() => loads.delete(url)); // a later page may try again
    loads.set(url, load);
  }
  return loads.get(url);
}

const started = new WeakSet();

// Starts one root with its module, or says why it could not (once, in that root):
// a part that fails never stops the others.
function run(root, m, error, data) {
  root.removeAttribute("data-cp-starting");
  try {
    if (error) throw error;
    m.start(root, data);
    root.setAttribute("data-cp-ready", "");
  } catch (e) {
    reportFailure(root, e);
  }
}

/** Starts every component found in the page that has not started yet. */
export function startAll(doc = document) {
  let data = null;
  for (const [selector, path, needsData] of COMPONENTS) {
    const roots = [...doc.querySelectorAll(selector)].filter((root) => !started.has(root));
    if (!roots.length) continue;
    for (const root of roots) (started.add(root), root.setAttribute("data-cp-starting", ""));
    const ready = needsData ? (data = data || dataOf(doc)) : Promise.resolve(null);
    Promise.all([import(path), ready]).then(
      ([m, d]) => roots.forEach((root) => run(root, m, null, d)),
      (error) => roots.forEach((root) => run(root, null, error)),
    );
  }
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(() => startAll());
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", () => startAll());
else startAll();
