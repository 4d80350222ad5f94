// DOM helpers for the workspace components: elements built from plain data (text is always
// set as text, never read as markup), dates and days in words, downloads, focus kept across
// a redraw.

/** An element: attributes (on* are listeners; false/null left out) and children (text or nodes). */
export function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "value" && tag === "textarea") e.textContent = v;
    else if (k === "checked") (e.checked = v), (e.defaultChecked = v);
    else e.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) e.append(kid);
  return e;
}

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
/** 15 February 2027. */
export const longDate = (iso) => (iso ? +iso.slice(8, 10) + " " + MONTHS[+iso.slice(5, 7) - 1] + " " + iso.slice(0, 4) : "");
/** July to December 2026. */
export const monthSpan = (from, to) => MONTHS[+from.slice(5, 7) - 1] + (from.slice(0, 4) === to.slice(0, 4) ? "" : " " + from.slice(0, 4)) +
  " to " + MONTHS[+to.slice(5, 7) - 1] + " " + to.slice(0, 4);
const SHORT = MONTHS.map((m) => m.slice(0, 3));
/** 1–30 Sep 2026, 20 Dec 2026 – 10 Jan 2027: an activity's dates, short enough for a table. */
export function shortSpan(from, to) {
  const [y1, m1, d1] = from.split("-").map(Number), [y2, m2, d2] = to.split("-").map(Number);
  if (from === to) return d1 + " " + SHORT[m1 - 1] + " " + y1;
  if (y1 === y2 && m1 === m2) return d1 + "\u2013" + d2 + " " + SHORT[m1 - 1] + " " + y1;
  return d1 + " " + SHORT[m1 - 1] + (y1 === y2 ? "" : " " + y1) + " \u2013 " + d2 + " " + SHORT[m2 - 1] + " " + y2;
}
/** "3 days overdue", "due today", "1 day left". */
export const daysText = (n) => (n < 0 ? -n + (n === -1 ? " day" : " days") + " overdue" : n === 0 ? "due today" : n + (n === 1 ? " day" : " days") + " left");

/** Offers text or bytes as a file to save. */
export function download(name, content, type) {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Reads a chosen file as text (a BOM kept, for the readers to handle). */
export const readText = (file) => file.text();

// Puts kids in root, leaving each node that stays where it is (moving it would lay it out again).
function patch(root, kids) {
  kids = kids.map((kid) => (typeof kid === "string" ? document.createTextNode(kid) : kid));
  const keep = new Set(kids);
  for (const node of [...root.childNodes]) if (!keep.has(node)) node.remove();
  kids.forEach((kid, i) => {
    const now = root.childNodes[i];
    if (now !== kid) root.insertBefore(kid, now || null);
  });
}

const edited = (e) => (e.type === "checkbox" || e.type === "radio" || e.type === "file" ? false
  : e.tagName === "SELECT" ? [...e.options].some((o) => o.selected !== o.defaultSelected) : e.value !== e.defaultValue);

/**
 * Redraws root's content with draw(), keeping focus (by id) and what the user has typed but
 * not yet entered (so a change from another tab never wipes it). The browser's scroll
 * anchoring keeps the view in place; reading the scroll position here would force a layout.
 */
export function redraw(root, draw) {
  const active = document.activeElement, id = active && root.contains(active) ? active.id : null;
  const typed = [...root.querySelectorAll("input[id], textarea[id], select[id]")].filter((e) => !e.dataset.entered && edited(e));
  patch(root, [draw()].flat().filter((x) => x !== null && x !== undefined && x !== false));
  for (const old of typed) {
    const again = document.getElementById(old.id);
    if (again && again.tagName === old.tagName) again.value = old.value;
  }
  if (id) {
    const again = document.getElementById(id);
    if (again && again !== active) {
      again.focus({ preventScroll: true });
      try {
        again.setSelectionRange(active.selectionStart, active.selectionEnd);
      } catch (e) { /* not a text field */ }
    }
  }
}

/** Marks a control as entered (its value is in the workspace now, so a redraw may replace it). */
export const entered = (e) => ((e.target.dataset.entered = "1"), e.target);

/** A labelled field: label, optional hint and error, with the ARIA links between them. */
export function field(id, label, control, hint, error) {
  const described = [hint && id + "-hint", error && id + "-error"].filter(Boolean).join(" ");
  if (described) control.setAttribute("aria-describedby", described);
  if (error) control.setAttribute("aria-invalid", "true");
  control.id = id;
  return h("div", { class: "cp-field" + (error ? " cp-field--error" : "") }, h("label", { for: id }, label),
    hint ? h("span", { class: "cp-hint", id: id + "-hint" }, hint) : null,
    error ? h("span", { class: "cp-error", id: id + "-error" }, "Error: " + error) : null, control);
}

/** Gives a part of the workspace its heading; returns the element its content goes in. */
export function part(root, id, title) {
  const body = h("div");
  root.replaceChildren(h("h2", { id }, title), body);
  return body;
}

/** A button. */
export const button = (text, onclick, attrs = {}) => h("button", { type: "button", class: "md-button", onclick, ...attrs }, text);
