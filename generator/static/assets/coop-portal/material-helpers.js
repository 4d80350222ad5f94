/* Material's page helpers (__md_scope, __md_hash, __md_get, __md_set), moved out of the
 * inline script in partials/javascripts/base.html so a strict CSP allows them. Same
 * behaviour, except that blocked storage (a sandboxed iframe) returns null instead of
 * throwing, so Material's own script keeps working there. Material's bundle reads these
 * four names as globals; they are the only globals this portal defines. */
(function () {
  "use strict";
  var me = document.currentScript;
  var scope = new URL(me ? me.getAttribute("data-md-scope") || "." : ".", location);
  window.__md_scope = scope;
  window.__md_hash = function (value) {
    return Array.from(value).reduce(function (hash, ch) { return (hash << 5) - hash + ch.charCodeAt(0); }, 0);
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
    } catch (e) { /* storage blocked: nothing to keep */ }
  };
})();
