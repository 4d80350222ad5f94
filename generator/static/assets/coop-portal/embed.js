/* coop-portal embed pages: report the content height to the host page, which checks our
 * origin before it resizes the iframe. The height is not secret, so any parent may read it. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var last = -1;
  function report() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "coop-portal:height", height: height, path: location.pathname }, "*");
  }
  if (typeof ResizeObserver === "function") new ResizeObserver(report).observe(document.documentElement);
  window.addEventListener("load", report);
  report();
})();
