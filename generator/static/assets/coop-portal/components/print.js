// A print button. Root: [data-cp-print].

/** Starts the button. */
export function start(button, data) {
  button.addEventListener("click", () => window.print());
}
