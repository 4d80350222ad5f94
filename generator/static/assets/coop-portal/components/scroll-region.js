// A table wider than the screen scrolls inside its wrapper: keyboard users must be able to
// reach that region to scroll it, and screen readers hear what it holds (WCAG 2.1.1).

import { el } from "./ui.js";

/** Starts a table's wrapper. */
export function start(wrap, data) {
  if (wrap.hasAttribute("tabindex")) return;
  const caption = wrap.querySelector("caption");
  wrap.setAttribute("tabindex", "0");
  wrap.setAttribute("role", "region");
  wrap.setAttribute("aria-label", caption ? caption.textContent : "Table");
  wrap.classList.add("cp-scroll-region");
  if (wrap.scrollWidth > wrap.clientWidth + 1) {
    wrap.before(el("p", { class: "cp-scroll-hint", "aria-hidden": "true" }, "Scroll the table sideways to see every column."));
  }
}
