/* coop-portal: deadline tracker ("where you are now") and the activity filter.
 * Plain functions first (also run by node against tests/vectors.json), then the
 * page wiring.  Components start from data-cp-* markers, initialise once, and are
 * re-initialised after each of Material's instant page switches. */
(function () {
  "use strict";

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December"];
  var DAY = 86400000;

  /* ---------------------------------------------------------------- pure rules */

  function parseIso(iso) {
    var p = iso.split("-");
    return { y: +p[0], m: +p[1], d: +p[2] };
  }
  function isoOf(y, m, d) {
    return y + "-" + (m < 10 ? "0" : "") + m + "-" + (d < 10 ? "0" : "") + d;
  }
  function dayNumber(iso) { // days since 1970-01-01 for a calendar date, free of time zones
    var p = parseIso(iso);
    return Math.round(Date.UTC(p.y, p.m - 1, p.d) / DAY);
  }
  function addDays(iso, days) {
    var t = new Date((dayNumber(iso) + days) * DAY);
    return isoOf(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
  }
  /* The exact instant a deadline ends: its date at the UTC cut-off time. */
  function cutoff(iso, cutoffUtc) {
    var p = parseIso(iso), t = cutoffUtc.split(":");
    return Date.UTC(p.y, p.m - 1, p.d, +t[0], +t[1], +t[2]);
  }
  /* The calendar date of an instant in an IANA time zone. */
  function localIso(ms, zone) {
    var parts = {};
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .formatToParts(new Date(ms)).forEach(function (x) { parts[x.type] = x.value; });
    return parts.year + "-" + parts.month + "-" + parts.day;
  }
  function periodFor(iso, data) {
    for (var i = 0; i < data.periods.length; i++) {
      var p = data.periods[i];
      if (p.usageStart <= iso && iso <= p.usageEnd) return p;
    }
    return null;
  }
  function daysLeft(nowMs, deadlineIso, zone, data) {
    return dayNumber(localIso(cutoff(deadlineIso, data.cutoffUtc), zone)) - dayNumber(localIso(nowMs, zone));
  }
  /* The next claim and resolution deadlines whose cut-off is still ahead of now. */
  function nextDeadlines(nowMs, zone, data) {
    var out = [];
    ["claim", "resolution"].forEach(function (kind) {
      var best = null;
      data.periods.forEach(function (p) {
        var day = p[kind + "Deadline"];
        if (cutoff(day, data.cutoffUtc) > nowMs && (!best || day < best.day)) best = { period: p.id, day: day };
      });
      if (best) {
        best.kind = kind;
        best.daysLeft = daysLeft(nowMs, best.day, zone, data);
        out.push(best);
      }
    });
    return out;
  }

  var api = { addDays: addDays, cutoff: cutoff, localIso: localIso, periodFor: periodFor,
    daysLeft: daysLeft, nextDeadlines: nextDeadlines, dayNumber: dayNumber };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---------------------------------------------------------------- page helpers */

  function longDate(iso) {
    var p = parseIso(iso);
    return p.d + " " + MONTHS[p.m - 1] + " " + p.y;
  }
  function viewerZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
  }
  function localTime(ms, zone) {
    return new Intl.DateTimeFormat("en-GB", { timeZone: zone, weekday: "short", day: "numeric",
      month: "long", year: "numeric", hour: "2-digit", minute: "2-digit", timeZoneName: "short" })
      .format(new Date(ms));
  }
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text != null) node.textContent = text;
    return node;
  }
  function dataFor(node) {
    var holder = node.closest("[data-cp-rules]") || document.querySelector("[data-cp-rules]");
    if (!holder) return null;
    try { return JSON.parse(holder.getAttribute("data-cp-rules")); } catch (e) { return null; }
  }
  function inDays(n) {
    if (n > 1) return "in " + n + " days";
    if (n === 1) return "tomorrow";
    return "today";
  }

  /* ---------------------------------------------------------------- where you are now */

  function initNow(box) {
    var data = dataFor(box);
    if (!data) return;
    var now = Date.now(), zone = viewerZone(), today = localIso(now, zone);
    var current = periodFor(today, data);
    var out = el("div", { "class": "cp-now__live" });
    out.appendChild(el("p", {}, "Today is " + longDate(today) + " in your time zone (" + zone + ")."));
    if (current) {
      out.appendChild(el("p", {}, "Current usage period: " + current.usageHalf + ", " + longDate(current.usageStart) +
        " to " + longDate(current.usageEnd) + ". It spends co-op earned in " + current.earningHalf + "."));
    } else {
      out.appendChild(el("p", { "class": "cp-warn" }, "Warning: the rules list no usage period for today. " +
        "Ask the portal's owner to add the current period to rules.yaml."));
    }
    var next = nextDeadlines(now, zone, data);
    var list = el("ul", { "class": "cp-now__deadlines" });
    next.forEach(function (d) {
      var p = data.periods.filter(function (x) { return x.id === d.period; })[0];
      var ms = cutoff(d.day, data.cutoffUtc);
      var li = el("li", { "data-cp-deadline": d.kind });
      li.appendChild(el("strong", {}, "Next " + d.kind + " deadline: "));
      li.appendChild(document.createTextNode(longDate(d.day) + ", " + data.cutoffUtc + " UTC (" +
        localTime(ms, zone) + " your time), for usage period " + p.usageHalf + ". "));
      li.appendChild(el("strong", { "data-cp-days-left": String(d.daysLeft) },
        d.daysLeft === 0 ? "Ends today." : (d.daysLeft === 1 ? "1 day left." : d.daysLeft + " days left.")));
      list.appendChild(li);
    });
    if (!next.length) {
      list.appendChild(el("li", { "class": "cp-warn" }, "Every deadline in the rules has passed."));
    }
    out.appendChild(list);
    box.appendChild(out);
    markRows(now, zone, current, data);
  }

  function markRows(now, zone, current, data) {
    var rows = document.querySelectorAll("[data-cp-period]");
    Array.prototype.forEach.call(rows, function (row) {
      var p = data.periods.filter(function (x) { return x.id === row.getAttribute("data-cp-period"); })[0];
      if (!p || row.querySelector(".cp-badge")) return;
      var label = null;
      if (current && p.id === current.id) {
        label = "Current";
        row.classList.add("cp-current");
        row.setAttribute("aria-current", "date");
      } else if (cutoff(p.claimDeadline, data.cutoffUtc) > now && p.usageEnd < localIso(now, zone)) {
        label = "Claims still open";
      } else if (cutoff(p.resolutionDeadline, data.cutoffUtc) > now && p.usageEnd < localIso(now, zone)) {
        label = "Resolving";
      }
      if (label) {
        row.classList.add("cp-open");
        var cell = row.querySelector("th");
        cell.appendChild(document.createTextNode(" "));
        cell.appendChild(el("strong", { "class": "cp-badge" }, label));
      }
    });
  }

  /* ---------------------------------------------------------------- activity filter */

  function initFilter(box) {
    var text = box.querySelector("[data-cp-filter-text]");
    var radios = box.querySelectorAll("input[name=cp-filter-category]");
    var count = box.querySelector("[data-cp-filter-count]");
    var none = document.querySelector("[data-cp-filter-none]");
    var sections = document.querySelectorAll("[data-cp-category]");
    var params = new URLSearchParams(location.search);
    text.value = params.get("q") || "";
    Array.prototype.forEach.call(radios, function (r) { r.checked = r.value === (params.get("category") || ""); });

    function apply() {
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean);
      var chosen = box.querySelector("input[name=cp-filter-category]:checked");
      var category = chosen ? chosen.value : "";
      var shown = 0, total = 0;
      Array.prototype.forEach.call(sections, function (section) {
        var visible = 0;
        Array.prototype.forEach.call(section.querySelectorAll("[data-cp-activity]"), function (item) {
          total++;
          var hay = item.getAttribute("data-cp-search");
          var ok = (!category || section.getAttribute("data-cp-category") === category) &&
            words.every(function (w) { return hay.indexOf(w) !== -1; });
          item.hidden = !ok;
          if (ok) visible++;
        });
        section.hidden = visible === 0;
        shown += visible;
      });
      count.textContent = shown === total ? "Showing all " + total + " activities." :
        "Showing " + shown + " of " + total + " activities.";
      if (none) none.hidden = shown !== 0;
      var next = new URLSearchParams(location.search);
      if (text.value) next.set("q", text.value); else next.delete("q");
      if (category) next.set("category", category); else next.delete("category");
      var query = next.toString();
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
    }
    text.addEventListener("input", apply);
    Array.prototype.forEach.call(radios, function (r) { r.addEventListener("change", apply); });
    box.hidden = false;
    apply();
  }

  /* ---------------------------------------------------------------- start-up */

  var components = { "data-cp-now": initNow, "data-cp-filter": initFilter };

  function init() {
    Object.keys(components).forEach(function (marker) {
      Array.prototype.forEach.call(document.querySelectorAll("[" + marker + "]"), function (node) {
        if (node.hasAttribute("data-cp-ready")) return;
        node.setAttribute("data-cp-ready", "");
        try { components[marker](node); } catch (e) {
          if (window.console) console.error("coop-portal: " + marker + " failed", e);
        }
      });
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
