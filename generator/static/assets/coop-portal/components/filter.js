// The activities filter: words and a category narrow the list, kept in the address
// (?q=...&category=...) so a filtered list can be shared. Root: [data-cp-filter], hidden without JS.
// State {q, category}, from the address first, then from what is typed or chosen; the list is drawn from it.

// Each typed word must occur somewhere; a plural 's' is dropped so "logos" finds "logo".
const wordsOf = (q) =>
  q
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => (w.length > 3 ? w.replace(/s$/, "") : w));

/** Starts the filter. */
export function start(box, data) {
  const text = box.querySelector("[data-cp-filter-text]"),
    radios = [...box.querySelectorAll("input[name=cp-filter-category]")];
  const count = box.querySelector("[data-cp-filter-count]"),
    none = document.querySelector("[data-cp-filter-none]");
  const sections = [...document.querySelectorAll("[data-cp-category]")],
    params = new URLSearchParams(location.search);
  const asked = params.get("category") || "";
  let state = { q: params.get("q") || "", category: radios.some((r) => r.value === asked) ? asked : "" };

  function render() {
    const words = wordsOf(state.q);
    let shown = 0,
      total = 0;
    for (const section of sections) {
      let visible = 0;
      for (const item of section.querySelectorAll("[data-cp-activity]")) {
        total++;
        const hay = item.getAttribute("data-cp-search");
        item.hidden = !(
          (!state.category || section.getAttribute("data-cp-category") === state.category) &&
          words.every((w) => hay.includes(w))
        );
        if (!item.hidden) visible++;
      }
      section.hidden = visible === 0;
      shown += visible;
    }
    count.textContent = shown === total ? "Showing all " + total + " activities." : "Showing " + shown + " of " + total + " activities.";
    if (none) none.hidden = shown !== 0;
    const next = new URLSearchParams(location.search);
    if (state.q) next.set("q", state.q);
    else next.delete("q");
    if (state.category) next.set("category", state.category);
    else next.delete("category");
    const query = next.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  const dispatch = (change) => {
    state = { ...state, ...change };
    render();
  };
  text.addEventListener("input", () => dispatch({ q: text.value }));
  for (const r of radios) r.addEventListener("change", () => r.checked && dispatch({ category: r.value }));
  // The address's filter shown in the form, once; after that the form shows what was typed or chosen.
  text.value = state.q;
  for (const r of radios) r.checked = r.value === state.category;
  box.hidden = false;
  render();
}
