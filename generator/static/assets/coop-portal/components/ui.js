// Page helpers shared by the portal's components: elements, the rules data a page carries,
// the viewer's time zone, and the two functions through which all saved state goes.

/** An element with attributes and optional text (always set as text, never as markup). */
export function el(tag, attrs, text) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text != null) node.textContent = text;
  return node;
}

export function viewerZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  } catch (e) {
    return "UTC";
  }
}

/** "(calculated from the usual dates; ...)" after a date that comes from the rule. */
export function calculatedNote(node, data, lead) {
  node.append(" ", el("span", { class: "cp-derived", "data-cp-calculated": "" }, lead + data.calculatedText + "."));
}

// Keys are namespaced and versioned. What blocked storage refuses lives in memory for this
// page, and survives Material's instant navigation (modules stay loaded).
const NS = "coop-portal:v1:";
const memory = new Map();

/** Saved text: {ok: false} when storage is blocked (the value then comes from memory). */
export function load(key) {
  try {
    return { ok: true, value: window.localStorage.getItem(NS + key) };
  } catch (e) {
    return { ok: false, value: memory.has(key) ? memory.get(key) : null };
  }
}
/** Saves text (null removes it); false when storage is blocked. */
export function save(key, value) {
  memory.set(key, value);
  try {
    if (value === null) window.localStorage.removeItem(NS + key);
    else window.localStorage.setItem(NS + key, value);
    return true;
  } catch (e) {
    return false;
  }
}
/** True when a storage event is about this key. */
export const isKey = (event, key) => event.key === NS + key;
