// The activities filter: words and a category narrow the list, kept in the address
// (?q=...&category=...) so a filtered list can be shared. Root: [data-cp-filter], hidden without JS.

/** Starts the filter. */
export function start(box) {
  const text = box.querySelector("[data-cp-filter-text]"), radios = [...box.querySelectorAll("input[name=cp-filter-category]")];
  const count = box.querySelector("[data-cp-filter-count]"), none = document.querySelector("[data-cp-filter-none]");
  const sections = [...document.querySelectorAll("[data-cp-category]")], params = new URLSearchParams(location.search);
  text.value = params.get("q") || "";
  for (const r of radios) r.checked = r.value === (params.get("category") || "");

  function apply() {
    // Each typed word must occur somewhere; a plural 's' is dropped so "logos" finds "logo".
    const words = text.value.toLowerCase().split(/\s+/).filter(Boolean).map((w) => (w.length > 3 ? w.replace(/s$/, "") : w));
    const chosen = box.querySelector("input[name=cp-filter-category]:checked"), category = chosen ? chosen.value : "";
    let shown = 0, total = 0;
    for (const section of sections) {
      let visible = 0;
      for (const item of section.querySelectorAll("[data-cp-activity]")) {
        total++;
        const hay = item.getAttribute("data-cp-search");
        item.hidden = !((!category || section.getAttribute("data-cp-category") === category) && words.every((w) => hay.includes(w)));
        if (!item.hidden) visible++;
      }
      section.hidden = visible === 0;
      shown += visible;
    }
    count.textContent = shown === total ? "Showing all " + total + " activities." : "Showing " + shown + " of " + total + " activities.";
    if (none) none.hidden = shown !== 0;
    const next = new URLSearchParams(location.search);
    if (text.value) next.set("q", text.value);
    else next.delete("q");
    if (category) next.set("category", category);
    else next.delete("category");
    const query = next.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  text.addEventListener("input", apply);
  for (const r of radios) r.addEventListener("change", apply);
  box.hidden = false;
  apply();
}
