// The page at a moved activity's old address (a classic script, so it runs under the strict
// Content-Security-Policy and from file:// alike): sends the browser on to the new address
// with the old address's query string and fragment (a linked claim, a checklist item), which
// the page's meta refresh alone would drop. Without scripts the meta refresh still goes there.
(function () {
  var script = document.currentScript;
  var to = script && script.getAttribute("data-to");
  if (!to) return;
  var next = new URL(to, location.href);
  if (next.origin !== location.origin && location.protocol !== "file:") return;
  next.search = location.search;
  next.hash = location.hash;
  location.replace(next.href);
})();
