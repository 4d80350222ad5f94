// Page helpers shared by the portal's components: elements, the rules data a page carries and
// the viewer's time zone. Saved state goes through modules/store-kv.js.

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
