// DOM helpers for the workspace components: elements built from plain data (text is always
// set as text, never read as markup), dates and days in words, downloads, focus kept across
// a redraw, drafts typed into the state.

import { monthSpan, shortDate } from "../modules/words.js";
export { daysText, longDate } from "../modules/ws-domain.js";

/** An element: attributes (on* are listeners; false/null left out) and children (text or nodes). */
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === false || v === null || v === undefined) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "value" && tag === "textarea") el.textContent = v;
    else if (k === "checked") el.defaultChecked = el.checked = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat(Infinity)) if (kid !== null && kid !== undefined && kid !== false) el.append(kid);
  return el;
}

export { monthSpan };
/** 1–30 Sep 2026, 20 Dec 2026 – 10 Jan 2027: an activity's dates, short enough for a table. */
export function shortSpan(from, to) {
  if (from === to) return shortDate(from);
  if (from.slice(0, 7) === to.slice(0, 7)) return +from.slice(8, 10) + "\u2013" + shortDate(to);
  return (from.slice(0, 4) === to.slice(0, 4) ? shortDate(from).slice(0, -5) : shortDate(from)) + " \u2013 " + shortDate(to);
}

/** Moves focus to the element with this id, if the page has it. */
export function focus(id) {
  const e = document.getElementById(id);
  if (e) e.focus();
}

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

/** Puts kids in root, leaving each node that stays where it is (moving it would lay it out again
 * and take the focus off it). */
export function patch(root, kids) {
  kids = kids.map((kid) => (typeof kid === "string" ? document.createTextNode(kid) : kid));
  const keep = new Set(kids);
  for (const node of [...root.childNodes]) if (!keep.has(node)) node.remove();
  kids.forEach((kid, i) => {
    const now = root.childNodes[i];
    if (now !== kid) root.insertBefore(kid, now || null);
  });
}

/**
 * Redraws root's content with draw(). What the user typed is in the state (a draft), so the new
 * fields show it. When the focused element was replaced or moved, the focus goes to the element the
 * state names by its stable key (`key`, an id: the view's focusAt), with the caret where it
 * was. The browser's scroll anchoring keeps the view in place; reading the scroll position here
 * would force a layout.
 */
export function redraw(root, draw, key) {
  const active = document.activeElement,
    inside = active && active !== document.body && root.contains(active);
  patch(
    root,
    [draw()].flat().filter((x) => x !== null && x !== undefined && x !== false),
  );
  if (!inside || document.activeElement === active || !key) return; // still where it was
  const again = document.getElementById(key);
  if (again && root.contains(again)) {
    again.focus({ preventScroll: true });
    try {
      again.setSelectionRange(active.selectionStart, active.selectionEnd);
    } catch (e) {
      /* not a text field */
    }
  }
}

/**
 * Keeps My co-op's focus in the state and its keys to itself, on each element the workspace
 * draws into: where the focus moves is dispatched (focusMoved, by the element's id), and a
 * single key typed without Ctrl, Alt or Meta never reaches the site's own shortcuts (Material
 * listens on the window: "n" and "p" change the page, "s", "f" and "/" open the search).
 */
export function keepFocus(store, ...roots) {
  for (const root of roots.filter(Boolean)) {
    root.addEventListener("focusin", (e) => store.dispatch({ type: "focusMoved", key: e.target.id || null }));
    keepKeys(root);
  }
}

const singleKey = (e) => e.key && e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey;

// The keys typed in My co-op's roots stay there, and so do those typed after a press on their
// text (not a field), which leaves the focus on the page's body, until a press or the focus goes
// elsewhere. One set of listeners per document (Material's instant navigation keeps the
// document), on the roots now drawn into.
const keeping = new WeakMap();
function keepKeys(root) {
  const doc = root.ownerDocument;
  let seen = keeping.get(doc);
  if (!seen) {
    keeping.set(doc, (seen = { roots: new Set(), pressed: false }));
    const within = (target) => [...seen.roots].some((r) => r.isConnected && r.contains(target));
    doc.addEventListener("pointerdown", (e) => (seen.pressed = within(e.target)), true);
    doc.addEventListener("focusin", (e) => (seen.pressed = within(e.target)), true);
    doc.addEventListener("keydown", (e) => {
      if (singleKey(e) && (e.target === doc.body ? seen.pressed : within(e.target))) e.stopPropagation();
    });
  }
  for (const r of seen.roots) if (!r.isConnected) seen.roots.delete(r);
  seen.roots.add(root);
}

/** Whether two lists hold the same things, each compared by identity (what a part draws from). */
export const sameItems = (a, b) => !!a && !!b && a.length === b.length && a.every((x, i) => x === b[i]);

/**
 * Draws a part of the workspace into body from each new state, again only when what it shows
 * changed: uses(state) lists what it draws from (compared by identity). A draft as typed is on
 * the page already: it is drawn from the state the next time the part is drawn.
 */
export function drawFrom(store, body, uses, draw) {
  let last = null;
  store.subscribe((state, action) => {
    if (action.type === "draftTyped" || action.type === "focusMoved") return; // nothing to draw: the page shows it already
    const now = uses(state);
    if (action.type !== "loaded" && sameItems(last, now)) return;
    last = now;
    redraw(body, () => draw(state), state.view.focusAt);
  });
}

/** The listener of a field whose text is a draft of `form` (drawn from the state next time). */
export const typed = (store, form, field) => (e) => store.dispatch({ type: "draftTyped", form, field, value: e.target.value });

/** A labelled field: label, optional hint and error, with the ARIA links between them; restored:
 * its text is a draft brought back after a reload (modules/ws-state.js restoredOf), said beside it. */
export function field(id, label, control, hint, error, restored = false) {
  const described = [hint && id + "-hint", error && id + "-error", restored && id + "-restored"].filter(Boolean).join(" ");
  if (described) control.setAttribute("aria-describedby", described);
  if (error) control.setAttribute("aria-invalid", "true");
  control.id = id;
  return h(
    "div",
    { class: "cp-field" + (error ? " cp-field--error" : "") },
    h("label", { for: id }, label),
    hint ? h("span", { class: "cp-hint", id: id + "-hint" }, hint) : null,
    error ? h("span", { class: "cp-error", id: id + "-error" }, "Error: " + error) : null,
    restored
      ? h(
          "span",
          { class: "cp-hint", id: id + "-restored", "data-cp-ws-restored": "" },
          h("strong", {}, "Not yet saved:"),
          " restored after reload",
        )
      : null,
    control,
  );
}

/** Gives a part of the workspace its heading; returns the element its content goes in. */
export function part(root, id, title) {
  const body = h("div");
  root.replaceChildren(h("h2", { id }, title), body);
  return body;
}

/** A button. */
export const button = (text, onclick, attrs = {}) => h("button", { type: "button", class: "md-button", onclick, ...attrs }, text);
