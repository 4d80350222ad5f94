/* Material's page helpers (__md_scope, __md_hash, __md_get, __md_set), moved out of the
 * inline script in partials/javascripts/base.html so a strict CSP allows them. Same
 * behaviour, except that blocked storage (a sandboxed iframe) returns null instead of
 * throwing, so Material's own script keeps working there. Material's bundle reads these
 * four names as globals; they are the only globals this portal defines. Also names
 * Material's search dialog, says why the tools do not run on a page opened from files, and
 * keeps My co-op's own Back and Forward steps from Material's instant navigation. */
(function () {
  "use strict";
  var me = document.currentScript;
  var scope = new URL(me ? me.getAttribute("data-md-scope") || "." : ".", location);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, ch) {
      return (hash << 5) - hash + ch.charCodeAt(0);
    }, 0);
  };
  window.__md_get = function (key, storage, base) {
    try {
      return JSON.parse((storage || window.localStorage).getItem((base || window.__md_scope).pathname + "." + key));
    } catch (e) {
      return null;
    }
  };
  window.__md_set = function (key, value, storage, base) {
    try {
      (storage || window.localStorage).setItem((base || window.__md_scope).pathname + "." + key, JSON.stringify(value));
    } catch (e) {
      /* storage blocked: nothing to keep */
    }
  };

  function ready() {
    /* The search panel has role=dialog but no name; screen readers announce it blank. */
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
    /* Browsers run no module script from file://, so the portal's tools (boot.js) stay off there. */
    var content = document.querySelector(".md-content__inner, .cp-embed");
    if (location.protocol !== "file:" || !content || content.querySelector("[data-cp-file-note]")) return;
    var note = document.createElement("p");
    note.className = "cp-notice";
    note.setAttribute("role", "note");
    note.setAttribute("data-cp-file-note", "");
    note.textContent =
      "You opened this page from files, so the pages read as usual but search and the interactive tools " +
      "(deadline tracker, checklists, calculators and workspace) need the portal to be served by a web server: ask whoever " +
      "gave you the portal for its intranet address, or run \u201cpython3 -m http.server\u201d in the portal's folder and open http://localhost:8000.";
    content.insertBefore(note, content.firstChild);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();

  /* A step Back or Forward that stays on My co-op's page (only the open claim changes) is the
   * page's own. Material's instant navigation, whose listener this one runs before, would load
   * the page again on the first such step (and take the focus away): it does not see it. The
   * workspace (components/ws-store.js) marks its element with the path it is on and takes the
   * step from the event below. Once a link to another page is followed, the steps are
   * Material's again: a Back while that page is still loading returns to the workspace. */
  var leaving = null;
  document.addEventListener(
    "click",
    function (e) {
      var link = e.target instanceof Element ? e.target.closest("a[href]") : null;
      if (!link || link.target || link.hasAttribute("download") || e.metaKey || e.ctrlKey || e.shiftKey) return;
      var to = new URL(link.href, location.href);
      if (to.origin === location.origin && to.pathname !== location.pathname) leaving = document.querySelector("[data-cp-workspace]");
    },
    true,
  );
  window.addEventListener(
    "popstate",
    function (e) {
      var holder = document.querySelector("[data-cp-workspace][data-cp-ws-path]");
      if (!holder || holder === leaving || holder.getAttribute("data-cp-ws-path") !== location.pathname) return;
      e.stopImmediatePropagation();
      holder.dispatchEvent(new CustomEvent("cp-ws-address"));
    },
    true,
  );
})();
