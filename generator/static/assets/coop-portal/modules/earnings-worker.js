// Reads an Earnings report off the page's thread (a module worker, so the page never freezes
// on a big file): given {file, data, today, listed}, it posts {type: "progress", share} now and
// then and {type: "done", report} at the end, with only the first `listed` problems (problemCount
// says how many there are). The page ends the worker to cancel.

import { readEarnings } from "./earnings.js";

self.onmessage = async (e) => {
  const { file, data, today, listed } = e.data;
  let last = 0;
  const progress = (share) => {
    if (share - last < 0.01) return;
    last = share;
    self.postMessage({ type: "progress", share });
  };
  try {
    const report = readEarnings(await file.text(), data, today, progress);
    if (report.ok) report.problems = report.problems.slice(0, listed);
    self.postMessage({ type: "done", report });
  } catch (err) {
    self.postMessage({ type: "failed", message: String((err && err.message) || err) });
  }
};
