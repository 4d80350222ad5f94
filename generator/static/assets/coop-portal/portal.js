/* coop-portal: deadline tracker, activity filter, checklists and calculators.
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

  /* Fiscal halves, the twin of generator/periods.py: {fy: 2027, id: "H1"} is FY27H1. */
  function halfLabel(h) { return "FY" + String(h.fy % 100 + 100).slice(1) + h.id; }
  function parseHalf(label) {
    var m = /^FY([0-9]{2})(H[12])$/.exec(label || "");
    return m ? { fy: 2000 + +m[1], id: m[2] } : null;
  }
  function nextHalf(h) { return h.id === "H1" ? { fy: h.fy, id: "H2" } : { fy: h.fy + 1, id: "H1" }; }
  function previousHalf(h) { return h.id === "H2" ? { fy: h.fy, id: "H1" } : { fy: h.fy - 1, id: "H2" }; }
  /* First and last day of a half, from the calendar's month/day boundaries. */
  function halfDates(h, cal) {
    var def = cal.halves.filter(function (x) { return x.id === h.id; })[0];
    var startYear = h.fy - (def.start[0] >= cal.fiscalYearStart[0] ? 1 : 0);
    var endYear = startYear + (def.end[0] < def.start[0] ? 1 : 0);
    return [isoOf(startYear, def.start[0], def.start[1]), isoOf(endYear, def.end[0], def.end[1])];
  }
  function halfOf(iso, cal) {
    var year = parseIso(iso).y;
    for (var fy = year; fy <= year + 1; fy++) {
      for (var i = 0; i < cal.halves.length; i++) {
        var h = { fy: fy, id: cal.halves[i].id }, span = halfDates(h, cal);
        if (span[0] <= iso && iso <= span[1]) return h;
      }
    }
    throw new Error("the calendar's halves do not cover " + iso);
  }
  /* The first date strictly after iso that falls on [month, day]. */
  function nextOnOrAfter(iso, md) {
    var y = parseIso(iso).y, candidate = isoOf(y, md[0], md[1]);
    return candidate > iso ? candidate : isoOf(y + 1, md[0], md[1]);
  }
  /* The period earned in a half as the calendar rule gives it, for dates the table lacks. */
  function calculatedPeriod(earning, data) {
    var cal = data.calendar, usage = nextHalf(earning);
    var e = halfDates(earning, cal), u = halfDates(usage, cal);
    var rule = cal.deadlines.filter(function (d) { return d.usageHalf === usage.id; })[0];
    var claim = nextOnOrAfter(u[1], rule.claim);
    return { id: halfLabel(earning).toLowerCase(), earningHalf: halfLabel(earning), earningStart: e[0], earningEnd: e[1],
      usageHalf: halfLabel(usage), usageStart: u[0], usageEnd: u[1], claimDeadline: claim,
      resolutionDeadline: nextOnOrAfter(claim, rule.resolution), derived: [], calculated: true };
  }
  /* The period whose usage half contains iso: the published row, else the calendar rule's. */
  function periodFor(iso, data) {
    for (var i = 0; i < data.periods.length; i++) {
      var p = data.periods[i];
      if (p.usageStart <= iso && iso <= p.usageEnd) return p;
    }
    return calculatedPeriod(previousHalf(halfOf(iso, data.calendar)), data);
  }
  /* Every published period plus calculated ones for the usage halves before, at and after iso. */
  function periodsNear(iso, data) {
    var published = {}, out = data.periods.slice(), usage = halfOf(iso, data.calendar);
    data.periods.forEach(function (p) { published[p.earningHalf] = true; });
    [previousHalf(usage), usage, nextHalf(usage)].forEach(function (h) {
      var earning = previousHalf(h);
      if (!published[halfLabel(earning)]) out.push(calculatedPeriod(earning, data));
    });
    return out.sort(function (a, b) { return a.usageStart < b.usageStart ? -1 : (a.usageStart > b.usageStart ? 1 : 0); });
  }
  /* A period by id: a published row, or one the rule gives (ids like fy28h1 name the earning half). */
  function periodById(data, id) {
    var found = data.periods.filter(function (p) { return p.id === id; })[0];
    if (found) return found;
    var h = parseHalf(String(id).toUpperCase());
    return h ? calculatedPeriod(h, data) : null;
  }
  function periodByEarning(data, label) {
    var found = data.periods.filter(function (p) { return p.earningHalf === label; })[0];
    var h = parseHalf(label);
    return found || (h ? calculatedPeriod(h, data) : null);
  }
  /* True when a period's date (field: "claimDeadline", ...) comes from the rule, not a source. */
  function isCalculated(p, field) { return !!p.calculated || (p.derived || []).indexOf(field) !== -1; }
  function daysLeft(nowMs, deadlineIso, zone, data) {
    return dayNumber(localIso(cutoff(deadlineIso, data.cutoffUtc), zone)) - dayNumber(localIso(nowMs, zone));
  }
  /* "passed", "soon" (warnDays local days or fewer left) or "open", with the days left. */
  function deadlineStatus(nowMs, deadlineIso, zone, data) {
    var left = daysLeft(nowMs, deadlineIso, zone, data);
    var state = cutoff(deadlineIso, data.cutoffUtc) <= nowMs ? "passed" : (left <= data.warnDays ? "soon" : "open");
    return { state: state, daysLeft: left };
  }
  /* The next claim and resolution deadlines whose cut-off is still ahead of now. */
  function nextDeadlines(nowMs, zone, data) {
    var out = [], periods = periodsNear(localIso(nowMs, "UTC"), data);
    ["claim", "resolution"].forEach(function (kind) {
      var best = null;
      periods.forEach(function (p) {
        var day = p[kind + "Deadline"];
        if (cutoff(day, data.cutoffUtc) > nowMs &&
          (!best || day < best.day || (day === best.day && p.id < best.period))) best = { period: p.id, day: day };
      });
      if (best) {
        best.kind = kind;
        best.daysLeft = daysLeft(nowMs, best.day, zone, data);
        out.push(best);
      }
    });
    return out;
  }

  /* Which usage period an activity falls in, and the date to claim by. */
  function claimTiming(start, end, data) {
    if (end < start) return { status: "end-before-start" };
    var first = periodFor(start, data), last = periodFor(end, data);
    if (first.id !== last.id) return { status: "spans-periods", period: first.id, secondPeriod: last.id };
    var advice = addDays(end, data.claimWithinDays);
    return { status: "ok", period: first.id, claimBy: advice < first.claimDeadline ? advice : first.claimDeadline,
      claimDeadline: first.claimDeadline, resolutionDeadline: first.resolutionDeadline };
  }
  /* When an approved co-op claim is paid: this month if approved by the cut-off day, else next. */
  function paymentWindow(approved, data) {
    var p = parseIso(approved), rule = data.coopPayment;
    var y = p.y, m = p.m;
    if (p.d > rule.approvedByDay) { m += 1; if (m > 12) { m = 1; y += 1; } }
    var last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return [isoOf(y, m, rule.paidFromDay), isoOf(y, m, Math.min(rule.paidToDay, last))];
  }
  function cents(x) { return Math.round((x + Number.EPSILON) * 100) / 100; }

  /* An amount as people type it: "$ 100,000", "USD 100,000", "100000.50", "100 000".
     Anything that could be read two ways is refused with a reason, never guessed:
     "1.000" (one, or a thousand written the European way) and "1,5" (a decimal comma).
     Returns {value: null} for an empty field, {value: n} or {error: code, message: text}. */
  function parseMoney(text) {
    var typed = String(text == null ? "" : text).replace(/[\u00a0\u2007\u2009\u202f]/g, " ").trim();
    function fail(code, message) { return { value: null, error: code, message: message }; }
    if (!typed) return { value: null, error: null };
    var s = typed.replace(/^(?:US\$|USD|\$)\s*/i, "").replace(/\s*(?:USD|US\$|\$)$/i, "");
    if (/^[-\u2212\u2013(]/.test(s)) return fail("negative", "Enter zero or more: billed revenue is never negative.");
    if (!/^[0-9., ]+$/.test(s) || !/[0-9]/.test(s)) {
      return fail("not-a-number", "\u201c" + typed + "\u201d is not an amount. Use digits, for example 100,000 or 100000.50.");
    }
    var parts = s.split(".");
    if (parts.length > 2) {
      return fail("several-dots", "Use a dot only before the cents. Between thousands use commas or spaces, for example 1,000,000.");
    }
    var whole = parts[0], fraction = parts.length === 2 ? parts[1] : null;
    if (fraction !== null && /[, ]/.test(fraction)) {
      return fail("cents-first", "Put the cents last, after a dot, for example 1,000.50.");
    }
    if (fraction !== null && fraction.length === 3 && /^[0-9]{1,3}$/.test(whole)) {
      return fail("ambiguous-dot", "\u201c" + typed + "\u201d is unclear: some countries write a dot between thousands. For " +
        whole + "," + fraction + " type " + whole + fraction + " or " + whole + "," + fraction + "; use a dot only before two-digit cents.");
    }
    if (fraction !== null && fraction.length > 2) return fail("too-many-cents", "Cents have two digits at most: check the digits after the dot.");
    if (/[, ]/.test(whole)) {
      if (/,/.test(whole) && / /.test(whole)) return fail("mixed-groups", "Use either commas or spaces between thousands, not both.");
      var groups = whole.split(/[, ]/);
      var grouped = /^[0-9]{1,3}$/.test(groups[0]) && groups.slice(1).every(function (g) { return /^[0-9]{3}$/.test(g); });
      if (!grouped) {
        if (fraction === null && groups.length === 2 && /,/.test(whole) && /^[0-9]{1,2}$/.test(groups[1])) {
          return fail("decimal-comma", "\u201c" + typed + "\u201d looks like a decimal comma. Use a dot before the cents (" +
            groups[0] + "." + (groups[1] + "0").slice(0, 2) + "); a comma only separates thousands, with three digits after it.");
        }
        return fail("grouping", "Commas or spaces go between groups of three digits, for example 100,000 or 100 000.");
      }
    }
    var digits = whole.replace(/[, ]/g, "");
    if (!digits && !fraction) return fail("not-a-number", "\u201c" + typed + "\u201d is not an amount. Use digits, for example 100,000.");
    var value = Number((digits || "0") + (fraction ? "." + fraction : ""));
    if (!(value < 1e12)) return fail("too-large", "That is more than this estimator handles: enter less than 1,000,000,000,000.");
    return { value: value, error: null };
  }
  /* Rebate and co-op per month and for the half from billed revenue per lever id. */
  function estimate(revenue, data) {
    var months = 0, levers = {};
    data.levers.forEach(function (l) { levers[l.id] = l; });
    Object.keys(revenue).forEach(function (id) { months = Math.max(months, revenue[id].length); });
    var rebate = [], coop = [], i;
    for (i = 0; i < months; i++) { rebate.push(0); coop.push(0); }
    Object.keys(revenue).forEach(function (id) {
      var lever = levers[id];
      if (!lever) throw new Error("unknown lever: " + id);
      revenue[id].forEach(function (amount, month) {
        var earned = amount * lever.ratePercent / 100;
        rebate[month] += earned * lever.rebatePercent / 100;
        coop[month] += earned * lever.coopPercent / 100;
      });
    });
    rebate = rebate.map(cents); coop = coop.map(cents);
    var rebateTotal = cents(rebate.reduce(function (a, b) { return a + b; }, 0));
    var coopTotal = cents(coop.reduce(function (a, b) { return a + b; }, 0));
    var met = coopTotal >= data.threshold;
    return { rebate: rebate, coop: coop, rebateTotal: rebateTotal, coopTotal: coopTotal,
      threshold: data.threshold, thresholdMet: met, coopToClaim: met ? coopTotal : 0,
      rebateWithConversion: met ? rebateTotal : cents(rebateTotal + coopTotal) };
  }

  var api = { addDays: addDays, cutoff: cutoff, localIso: localIso, periodFor: periodFor,
    periodsNear: periodsNear, daysLeft: daysLeft, deadlineStatus: deadlineStatus, nextDeadlines: nextDeadlines,
    dayNumber: dayNumber, claimTiming: claimTiming, paymentWindow: paymentWindow, estimate: estimate,
    parseMoney: parseMoney };
  if (typeof module === "object" && module.exports) module.exports = api;
  if (typeof document === "undefined") return;

  /* ---------------------------------------------------------------- page helpers */

  function longDate(iso) {
    var p = parseIso(iso);
    return p.d + " " + MONTHS[p.m - 1] + " " + p.y;
  }
  function shortDate(iso) {
    var p = parseIso(iso);
    return p.d + " " + MONTHS[p.m - 1].slice(0, 3) + " " + p.y;
  }
  /* "July to December 2026", or "July 2026 to January 2027" across a new year. */
  function monthSpan(startIso, endIso) {
    var a = parseIso(startIso), b = parseIso(endIso);
    return MONTHS[a.m - 1] + (a.y === b.y ? "" : " " + a.y) + " to " + MONTHS[b.m - 1] + " " + b.y;
  }
  /* The six months of an earning period as column names: "Jul 2026", ... */
  function monthsOf(p) {
    var a = parseIso(p.earningStart), out = [];
    for (var i = 0; i < 6; i++) {
      var m = a.m - 1 + i;
      out.push(MONTHS[m % 12].slice(0, 3) + " " + (a.y + Math.floor(m / 12)));
    }
    return out;
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

  /* ---------------------------------------------------------------- where you are now */

  function daysText(left) { return left === 0 ? "Ends today." : (left === 1 ? "1 day left." : left + " days left."); }

  function initNow(box) {
    var data = dataFor(box);
    if (!data) return;
    var now = Date.now(), zone = viewerZone(), today = localIso(now, zone);
    var current = periodFor(today, data);
    var out = el("div", { "class": "cp-now__live" });
    out.appendChild(el("p", {}, "Today is " + longDate(today) + " in your time zone (" + zone + ")."));
    var line = out.appendChild(el("p", { "data-cp-current": current.id }, "Current usage period: " + current.usageHalf + ", " +
      longDate(current.usageStart) + " to " + longDate(current.usageEnd) + ". It spends co-op earned in " + current.earningHalf + "."));
    if (current.calculated) calculatedNote(line, data, "Its dates are ");
    var next = nextDeadlines(now, zone, data);
    var list = el("ul", { "class": "cp-now__deadlines" });
    next.forEach(function (d) {
      var p = periodById(data, d.period);
      var ms = cutoff(d.day, data.cutoffUtc);
      var li = el("li", { "data-cp-deadline": d.kind });
      if (d.daysLeft <= data.warnDays) li.className = "cp-warn";
      li.appendChild(el("strong", {}, "Next " + d.kind + " deadline: "));
      li.appendChild(document.createTextNode(longDate(d.day) + ", " + data.cutoffUtc + " UTC (" +
        localTime(ms, zone) + " your time), for usage period " + p.usageHalf + ". "));
      li.appendChild(el("strong", { "data-cp-days-left": String(d.daysLeft) }, daysText(d.daysLeft)));
      if (isCalculated(p, d.kind + "Deadline")) calculatedNote(li, data, "This date is ");
      list.appendChild(li);
    });
    out.appendChild(list);
    box.appendChild(out);
    addCalculatedRows(now, zone, data);
    markRows(now, zone, current, data);
  }

  /* "(calculated from the usual dates; not yet confirmed by Microsoft)" after a date from the rule. */
  function calculatedNote(node, data, lead) {
    node.appendChild(document.createTextNode(" "));
    node.appendChild(el("span", { "class": "cp-derived", "data-cp-calculated": "" }, lead + data.calculatedText + "."));
  }

  /* Past the published table, the table gains the periods the rule gives up to today's, marked. */
  function addCalculatedRows(now, zone, data) {
    var body = document.querySelector("[data-cp-periods] tbody");
    if (!body || body.hasAttribute("data-cp-extended")) return;
    body.setAttribute("data-cp-extended", "");
    var today = localIso(now, zone);
    periodsNear(today, data).forEach(function (p) {
      if (!p.calculated || p.usageStart > today || cutoff(p.resolutionDeadline, data.cutoffUtc) <= now) return;
      var row = el("tr", { id: "period-" + p.id, "data-cp-period": p.id, "data-cp-calculated": "" });
      var head = row.appendChild(el("th", { scope: "row" }, p.usageHalf + ": " + shortDate(p.usageStart) + " to " + shortDate(p.usageEnd)));
      head.appendChild(el("span", { "class": "cp-derived" }, " (" + data.calculatedText + ")"));
      row.appendChild(el("td", {}, p.earningHalf + ": " + shortDate(p.earningStart) + " to " + shortDate(p.earningEnd)));
      [p.claimDeadline, p.resolutionDeadline].forEach(function (day) {
        var cell = row.appendChild(el("td", {}));
        cell.appendChild(el("time", { datetime: day + "T" + data.cutoffUtc + "Z" }, longDate(day) + ", " + data.cutoffUtc + " UTC"));
        cell.appendChild(el("span", { "class": "cp-derived" }, " (calculated)"));
      });
      body.appendChild(row);
    });
  }

  function markRows(now, zone, current, data) {
    var rows = document.querySelectorAll("[data-cp-period]");
    Array.prototype.forEach.call(rows, function (row) {
      var p = periodById(data, row.getAttribute("data-cp-period"));
      if (!p || row.querySelector(".cp-badge")) return;
      var label = null;
      if (p.id === current.id) {
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

  /* An activity page: the deadlines if the activity ran in today's usage period, and a link to
     the timing checker with that period's dates filled in. */
  function initActivityTiming(box) {
    var data = dataFor(box);
    if (!data) return;
    var today = localIso(Date.now(), viewerZone());
    var p = periodFor(today, data);
    var out = el("div", { "class": "cp-activity-timing__live", "data-cp-period-now": p.id });
    out.appendChild(el("p", {}, "If you run this activity now, it falls in usage period " + p.usageHalf + ", " + longDate(p.usageStart) +
      " to " + longDate(p.usageEnd) + ", and must end by " + longDate(p.usageEnd) + "."));
    var deadlines = out.appendChild(el("p", {}, "Claim it by " + longDate(p.claimDeadline) + " and get the claim resolved by " +
      longDate(p.resolutionDeadline) + ", each by " + data.cutoffUtc + " UTC."));
    if (isCalculated(p, "claimDeadline") || isCalculated(p, "resolutionDeadline")) calculatedNote(deadlines, data, "These dates are ");
    var link = el("a", { href: box.getAttribute("data-cp-checker") + "?start=" + p.usageStart + "&end=" + p.usageEnd + "#timing",
      "data-cp-checker-link": "" }, "Check your activity's own dates with the claim timing checker");
    var more = out.appendChild(el("p", {}));
    more.appendChild(link);
    more.appendChild(document.createTextNode("."));
    box.appendChild(out);
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
      // Each typed word must occur somewhere; a plural 's' is dropped so "logos" finds "logo".
      var words = text.value.toLowerCase().split(/\s+/).filter(Boolean).map(function (w) {
        return w.length > 3 ? w.replace(/s$/, "") : w;
      });
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

  /* ---------------------------------------------------------------- storage */
  /* All storage goes through these two functions. Keys are namespaced and versioned. */

  var NS = "coop-portal:v1:";
  var memory = {}; // fallback when storage is blocked; survives instant navigation

  function load(key) {
    try { return { ok: true, value: window.localStorage.getItem(NS + key) }; } catch (e) {
      return { ok: false, value: Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null };
    }
  }
  function save(key, value) {
    memory[key] = value;
    try {
      if (value === null) window.localStorage.removeItem(NS + key); else window.localStorage.setItem(NS + key, value);
      return true;
    } catch (e) { return false; }
  }

  /* ---------------------------------------------------------------- checklists */

  function today() { return localIso(Date.now(), viewerZone()); }

  function validEntries(items) {
    if (!items || typeof items !== "object" || Array.isArray(items)) return null;
    var out = {};
    for (var id in items) {
      if (!Object.prototype.hasOwnProperty.call(items, id)) continue;
      var entry = items[id];
      if (!/^[a-z0-9-]{1,80}$/.test(id) || !entry || typeof entry.hash !== "string") return null;
      out[id] = { hash: entry.hash, at: typeof entry.at === "string" ? entry.at : "", stale: !!entry.stale };
    }
    return out;
  }

  /* A checklist's entries in order, from the data the page carries: plain items, and "one of"
     groups with their options. A page without that data (an older override) has plain rows. */
  function checklistEntries(root) {
    var data = null, entries = [];
    try { data = JSON.parse(root.getAttribute("data-cp-items")); } catch (e) { data = null; }
    if (data && Array.isArray(data.sections)) {
      data.sections.forEach(function (section) { entries = entries.concat(section.entries || []); });
      return entries;
    }
    return Array.prototype.map.call(root.querySelectorAll("[data-cp-item]"), function (row) {
      return { id: row.getAttribute("data-cp-item"), hash: row.getAttribute("data-cp-hash") };
    });
  }

  function initChecklist(root) {
    var key = "checklist:" + root.getAttribute("data-cp-checklist");
    var title = root.getAttribute("data-cp-title");
    var rulesVersion = root.getAttribute("data-cp-rules-version");
    var items = []; // every tick box: plain items and the options of "one of" groups
    var counted = []; // what the progress counts: plain items, and each group once
    var byId = {}, groupById = {};
    var state = {}; // id -> {hash, at, stale}; a group's own id only holds a tick saved before it was a choice

    var tools = el("div", { "class": "cp-checklist__tools" });
    var progress = el("p", { "class": "cp-checklist__progress", role: "status", "aria-live": "polite" });
    var notices = el("div", { "class": "cp-checklist__notices", "aria-live": "polite" });
    var buttons = el("p", { "class": "cp-checklist__buttons" });
    function button(label, action) {
      var b = el("button", { type: "button", "class": "md-button" }, label);
      b.setAttribute("data-cp-action", action);
      buttons.appendChild(b);
      return b;
    }
    var exportButton = button("Export progress", "export");
    var importButton = button("Import progress", "import");
    var linkButton = button("Copy a link with these ticks", "link");
    var resetButton = button("Reset", "reset");
    var printButton = button("Print", "print");
    var fileInput = el("input", { type: "file", accept: "application/json,.json", hidden: "", "data-cp-import-file": "" });
    var confirmBox = el("div", { "class": "cp-checklist__confirm", role: "group", "aria-label": "Confirm reset", hidden: "" });
    confirmBox.appendChild(el("p", {}, "Untick every item of this checklist? This cannot be undone."));
    var confirmYes = el("button", { type: "button", "class": "md-button md-button--primary", "data-cp-action": "reset-confirm" }, "Untick all");
    var confirmNo = el("button", { type: "button", "class": "md-button", "data-cp-action": "reset-cancel" }, "Cancel");
    confirmBox.appendChild(confirmYes);
    confirmBox.appendChild(document.createTextNode(" "));
    confirmBox.appendChild(confirmNo);
    var linkBox = el("p", { "class": "cp-checklist__link", hidden: "" });
    var linkLabel = el("label", {}, "Link to this checklist with your ticks: ");
    var linkField = el("input", { type: "text", readonly: "", "data-cp-state-link": "" });
    linkLabel.appendChild(linkField);
    linkBox.appendChild(linkLabel);
    tools.appendChild(progress);
    tools.appendChild(notices);
    tools.appendChild(buttons);
    tools.appendChild(fileInput);
    tools.appendChild(confirmBox);
    tools.appendChild(linkBox);
    root.insertBefore(tools, root.firstChild);

    function notice(text, kind) {
      var p = el("p", { "class": "cp-notice cp-notice--" + (kind || "info"), "data-cp-notice": kind || "info" });
      if (kind === "error") p.setAttribute("role", "alert");
      p.appendChild(el("strong", {}, kind === "error" ? "Problem: " : "Note: "));
      p.appendChild(document.createTextNode(text));
      notices.appendChild(p);
      return p;
    }
    function clearNotices(kind) {
      Array.prototype.forEach.call(notices.querySelectorAll("[data-cp-notice" + (kind ? "=" + kind : "") + "]"),
        function (n) { n.parentNode.removeChild(n); });
    }

    function addItem(entry, group) {
      var row = root.querySelector("[data-cp-item='" + entry.id + "']");
      if (!row || byId[entry.id]) return null;
      var id = entry.id;
      var inputId = "cp-" + root.getAttribute("data-cp-checklist").replace(/[^a-z0-9-]/g, "-") + "-" + id;
      var text = row.querySelector(".cp-checklist__text");
      var box = el("input", { type: "checkbox", id: inputId, "class": "cp-checklist__box" });
      var label = el("label", { "for": inputId, "class": "cp-checklist__label" });
      label.appendChild(text);
      row.insertBefore(label, row.firstChild);
      row.insertBefore(box, row.firstChild);
      var flag = el("span", { "class": "cp-checklist__changed", "data-cp-changed": "", hidden: "" });
      row.appendChild(flag);
      var item = byId[id] = { id: id, row: row, box: box, flag: flag, hash: entry.hash };
      items.push(item);
      box.addEventListener("change", function () {
        if (box.checked) {
          state[id] = { hash: item.hash, at: today(), stale: false };
          if (group) delete state[group.id]; // the choice is made: an old tick of the whole item is settled
        } else delete state[id];
        persist();
        render();
      });
      return item;
    }
    /* A "one of" group: its options are ticked one by one, and it counts as done when any is. */
    function addGroup(entry) {
      var node = root.querySelector("[data-cp-choice='" + entry.id + "']");
      var legend = node && node.querySelector("legend");
      if (!legend) return null;
      var group = { id: entry.id, node: node, options: [],
        status: el("span", { "class": "cp-checklist__choice-state", "data-cp-choice-state": "" }),
        flag: el("p", { "class": "cp-checklist__changed", "data-cp-changed": "choice", hidden: "" }) };
      legend.appendChild(group.status);
      legend.parentNode.insertBefore(group.flag, legend.nextSibling);
      groupById[entry.id] = group;
      entry.options.forEach(function (option) {
        var item = addItem(option, group);
        if (item) group.options.push(item);
      });
      return group.options.length ? group : null;
    }
    checklistEntries(root).forEach(function (entry) {
      var unit = entry.options && entry.options.length ? addGroup(entry) : addItem(entry, null);
      if (unit) counted.push(unit);
    });

    function ticked(id) { return !!state[id] && !state[id].stale; }
    function render() {
      var done = 0, changed = 0;
      items.forEach(function (item) {
        var entry = state[item.id];
        item.box.checked = ticked(item.id);
        item.row.classList.toggle("cp-done", ticked(item.id));
        if (entry && entry.stale) {
          changed++;
          item.flag.hidden = false;
          item.flag.textContent = " Changed since you ticked it" + (entry.at ? " on " + longDate(entry.at) : "") +
            ": read it again and tick it.";
          item.row.classList.add("cp-changed");
        } else {
          item.flag.hidden = true;
          item.flag.textContent = "";
          item.row.classList.remove("cp-changed");
        }
      });
      counted.forEach(function (unit) {
        if (!unit.options) { if (ticked(unit.id)) done++; return; }
        var isDone = unit.options.some(function (option) { return ticked(option.id); });
        var old = state[unit.id];
        unit.node.classList.toggle("cp-choice-done", isDone);
        unit.status.textContent = isDone ? " (done)" : " (not done yet)";
        unit.flag.hidden = !old;
        unit.flag.textContent = old ? "Changed since you ticked it" + (old.at ? " on " + longDate(old.at) : "") +
          ": this is now a choice, so tick the option you have." : "";
        unit.node.classList.toggle("cp-changed", !!old);
        if (old) changed++;
        if (isDone) done++;
      });
      progress.textContent = done + " of " + counted.length + " done" +
        (changed ? "; " + changed + " changed since you ticked " + (changed === 1 ? "it" : "them") : "") + ".";
    }

    function serialise() {
      return JSON.stringify({ v: 1, rulesVersion: rulesVersion, items: state });
    }
    function persist() {
      if (!save(key, Object.keys(state).length ? serialise() : null) && !root.hasAttribute("data-cp-memory")) {
        root.setAttribute("data-cp-memory", "");
        notice("This browser does not let the portal save here (for example in an embedded or private window). " +
          "Your ticks last only while this page is open; use Export progress to keep them.", "storage");
      }
    }
    /* Take saved entries: same wording keeps its tick, changed wording is flagged, removed items drop out. */
    function adopt(entries) {
      var next = {}, dropped = 0;
      Object.keys(entries).forEach(function (id) {
        var item = byId[id], entry = entries[id];
        if (groupById[id]) { next[id] = { hash: entry.hash, at: entry.at, stale: true }; return; } // ticked before it was a choice
        if (!item) { dropped++; return; }
        next[id] = { hash: entry.hash, at: entry.at, stale: entry.stale || entry.hash !== item.hash };
      });
      state = next;
      return dropped;
    }

    var stored = load(key);
    if (!stored.ok) {
      root.setAttribute("data-cp-memory", "");
      notice("This browser does not let the portal save here (for example in an embedded or private window). " +
        "Your ticks last only while this page is open; use Export progress to keep them.", "storage");
    }
    if (stored.value) {
      var parsed = null;
      try { parsed = JSON.parse(stored.value); } catch (e) { parsed = null; }
      var entries = parsed && parsed.v === 1 ? validEntries(parsed.items) : null;
      if (entries) {
        if (adopt(entries)) persist();
      } else {
        save(key, null);
        notice("Your saved ticks for this checklist could not be read, so it starts fresh.", "corrupt");
      }
    }

    /* A link can carry ticks: #ticked=id.hash,id.hash */
    function fromLink() {
      var match = /(?:^#|&)ticked=([a-z0-9.,-]*)/.exec(location.hash);
      if (!match) return;
      var entries = {};
      match[1].split(",").filter(Boolean).forEach(function (pair) {
        var parts = pair.split(".");
        if (parts.length === 2) entries[parts[0]] = { hash: parts[1], at: today(), stale: false };
      });
      history.replaceState(history.state, "", location.pathname + location.search);
      var incoming = Object.keys(entries).length;
      function take() { var dropped = adopt(entries); persist(); render(); return dropped; }
      if (!Object.keys(state).length) {
        take();
        notice("Loaded " + incoming + " ticked item" + (incoming === 1 ? "" : "s") + " from the link.", "link");
        return;
      }
      var ask = notice("The link you opened carries " + incoming + " ticked item" + (incoming === 1 ? "" : "s") +
        ", and this browser already has ticks for this checklist. ", "link");
      var use = el("button", { type: "button", "class": "md-button", "data-cp-action": "link-use" }, "Use the link's ticks");
      var keep = el("button", { type: "button", "class": "md-button", "data-cp-action": "link-keep" }, "Keep mine");
      ask.appendChild(use);
      ask.appendChild(document.createTextNode(" "));
      ask.appendChild(keep);
      use.addEventListener("click", function () { take(); ask.textContent = "Using the ticks from the link."; });
      keep.addEventListener("click", function () { ask.textContent = "Kept your own ticks."; });
    }

    exportButton.addEventListener("click", function () {
      var body = JSON.stringify({ format: "coop-portal-checklist", version: 1, checklist: root.getAttribute("data-cp-checklist"),
        title: title, rulesVersion: rulesVersion, exported: new Date().toISOString(), items: state }, null, 2);
      var link = el("a", { href: URL.createObjectURL(new Blob([body], { type: "application/json" })),
        download: "coop-checklist-" + root.getAttribute("data-cp-checklist").replace(/[^a-z0-9-]/g, "-") + "-" + today() + ".json" });
      document.body.appendChild(link);
      link.click();
      link.parentNode.removeChild(link);
    });
    importButton.addEventListener("click", function () { fileInput.click(); });
    fileInput.addEventListener("change", function () {
      var file = fileInput.files && fileInput.files[0];
      fileInput.value = "";
      if (!file) return;
      clearNotices("error");
      var reader = new FileReader();
      reader.onload = function () {
        var data = null;
        try { data = JSON.parse(String(reader.result)); } catch (e) {
          notice("That file is not a checklist export: it is not valid JSON. Choose a file saved with Export progress.", "error");
          return;
        }
        if (!data || data.format !== "coop-portal-checklist" || data.version !== 1) {
          notice("That file is not a checklist export from this portal. Choose a file saved with Export progress.", "error");
          return;
        }
        if (data.checklist !== root.getAttribute("data-cp-checklist")) {
          notice("That file holds the checklist \"" + String(data.title || data.checklist) +
            "\", not this one. Open that checklist's page to import it.", "error");
          return;
        }
        var entries = validEntries(data.items);
        if (!entries) {
          notice("That file's list of ticked items is damaged, so nothing was imported.", "error");
          return;
        }
        var dropped = adopt(entries);
        persist();
        render();
        notice("Imported " + Object.keys(state).length + " item" + (Object.keys(state).length === 1 ? "" : "s") + " from " +
          file.name + (dropped ? "; " + dropped + " no longer exist in the rules" : "") + ".", "import");
      };
      reader.onerror = function () { notice("That file could not be read.", "error"); };
      reader.readAsText(file);
    });
    linkButton.addEventListener("click", function () {
      var pairs = Object.keys(state).filter(function (id) { return !state[id].stale; })
        .map(function (id) { return id + "." + state[id].hash; });
      linkField.value = location.href.split("#")[0] + "#ticked=" + pairs.join(",");
      linkBox.hidden = false;
      linkField.focus();
      linkField.select();
      try { if (navigator.clipboard) navigator.clipboard.writeText(linkField.value).catch(function () {}); } catch (e) { /* not allowed here */ }
    });
    resetButton.addEventListener("click", function () { confirmBox.hidden = false; confirmYes.focus(); });
    confirmNo.addEventListener("click", function () { confirmBox.hidden = true; resetButton.focus(); });
    confirmYes.addEventListener("click", function () {
      state = {};
      persist();
      render();
      confirmBox.hidden = true;
      clearNotices();
      notice("All items are unticked.", "reset");
      resetButton.focus();
    });
    printButton.addEventListener("click", function () { window.print(); });

    render();
    fromLink();
  }

  /* ---------------------------------------------------------------- calculators */

  function money(x) {
    return "USD " + x.toLocaleString("en-US", { minimumFractionDigits: x % 1 ? 2 : 0, maximumFractionDigits: 2 });
  }
  function usageText(p) { return p.usageHalf + " (" + longDate(p.usageStart) + " to " + longDate(p.usageEnd) + ")"; }
  function agoText(left) { return left === 0 ? "earlier today" : (-left === 1 ? "1 day ago" : -left + " days ago"); }
  function leftText(left) { return left === 0 ? "it ends today" : (left === 1 ? "1 day left" : left + " days left"); }

  /* One deadline of the checker's answer: passed and close deadlines say so in words first. */
  function deadlineLine(kind, day, status, p, data, zone) {
    var name = kind === "claim" ? "Claim deadline" : "Resolution deadline";
    var when = longDate(day) + ", " + data.cutoffUtc + " UTC";
    var attrs = { "data-cp-state": status.state };
    attrs["data-cp-" + kind + "-deadline"] = day;
    var line = el("p", attrs);
    if (status.state === "passed") {
      line.className = "cp-warn";
      line.appendChild(el("strong", {}, name + " passed: "));
      line.appendChild(document.createTextNode(when + ", " + agoText(status.daysLeft) + ". " +
        (kind === "claim" ? data.forfeiture.claimDeadline : data.forfeiture.resolutionDeadline)));
    } else if (status.state === "soon") {
      line.className = "cp-warn";
      line.appendChild(el("strong", {}, name + " close: "));
      line.appendChild(document.createTextNode(when + " (" + localTime(cutoff(day, data.cutoffUtc), zone) + " your time); only " +
        leftText(status.daysLeft) + "."));
    } else {
      line.appendChild(el("strong", {}, name + ": "));
      line.appendChild(document.createTextNode(when + "; " + leftText(status.daysLeft) + "."));
    }
    if (isCalculated(p, kind + "Deadline")) calculatedNote(line, data, "This date is ");
    return line;
  }

  function initTiming(form) {
    var data = JSON.parse(form.getAttribute("data-cp-rules"));
    var out = form.querySelector("[data-cp-timing-result]");
    function run() {
      out.textContent = "";
      var now = Date.now(), zone = viewerZone(), today = localIso(now, zone);
      var start = form.elements.start.value, end = form.elements.end.value, approved = form.elements.approved.value;
      function line(text, attrs) { var p = el("p", attrs || {}, text); out.appendChild(p); return p; }
      if (!start || !end) { line("Enter both the start date and the end date.", { "data-cp-result": "missing" }); return; }
      var t = claimTiming(start, end, data);
      if (t.status === "end-before-start") {
        line("The end date is before the start date. Check the two dates.", { "data-cp-result": t.status });
      } else if (t.status === "spans-periods") {
        line("Not allowed: this activity spans two usage periods, " + usageText(periodById(data, t.period)) + " and " +
          usageText(periodById(data, t.secondPeriod)) + ". An activity must start and end inside one usage period; " +
          "split it into two activities, one per period.", { "data-cp-result": t.status, "class": "cp-warn" });
      } else {
        var p = periodById(data, t.period);
        var head = line("Usage period: " + usageText(p) + ", funded by co-op earned in " + p.earningHalf + ".", { "data-cp-result": "ok" });
        if (p.calculated) calculatedNote(head, data, "Its dates are ");
        var claim = deadlineStatus(now, t.claimDeadline, zone, data);
        out.appendChild(deadlineLine("claim", t.claimDeadline, claim, p, data, zone));
        if (claim.state !== "passed") {
          var advice = data.claimWithinDays + " days after the activity ends";
          line(t.claimBy === t.claimDeadline ? "Claim by " + longDate(t.claimBy) + " (the claim deadline)." :
            (t.claimBy < today ? "The recommended date to claim, " + longDate(t.claimBy) + " (" + advice +
              "), has passed: claim as soon as you can." : "Claim by " + longDate(t.claimBy) + " (" + advice + "; recommended)."),
          { "data-cp-claim-by": t.claimBy });
        }
        out.appendChild(deadlineLine("resolution", t.resolutionDeadline, deadlineStatus(now, t.resolutionDeadline, zone, data),
          p, data, zone));
      }
      if (approved) {
        var w = paymentWindow(approved, data);
        line("A claim approved on " + longDate(approved) + " is expected to be paid between " + longDate(w[0]) +
          " and " + longDate(w[1]) + ".", { "data-cp-payment": w[0] + "/" + w[1] });
      }
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    /* Links from activity pages carry ?start=...&end=... */
    var params = new URLSearchParams(location.search), iso = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
    if (iso.test(params.get("start") || "") && iso.test(params.get("end") || "")) {
      form.elements.start.value = params.get("start");
      form.elements.end.value = params.get("end");
      run();
    }
  }

  /* ------------------------------------------------ co-op estimator */
  /* Saved as {v: 1, period: "FY27H1", values: {leverId: ["100,000", "", ...]}}: exactly what was
     typed, so nothing is lost even before it is valid. Levers no longer in the rules keep theirs. */

  var ESTIMATOR_KEY = "estimator";

  function readEstimatorState(text) {
    var parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { return null; }
    if (!parsed || parsed.v !== 1 || typeof parsed.values !== "object" || !parsed.values || Array.isArray(parsed.values)) return null;
    if (parsed.period != null && !parseHalf(parsed.period)) return null;
    var values = {};
    for (var id in parsed.values) {
      if (!Object.prototype.hasOwnProperty.call(parsed.values, id)) continue;
      var months = parsed.values[id];
      if (!/^[a-z0-9-]{1,80}$/.test(id) || !Array.isArray(months) || months.length > 6) return null;
      if (!months.every(function (x) { return typeof x === "string" && x.length <= 200; })) return null;
      values[id] = months.slice();
    }
    return { period: parsed.period || null, values: values };
  }

  function initEstimator(form) {
    var data = JSON.parse(form.getAttribute("data-cp-rules"));
    var out = form.querySelector("[data-cp-estimate-result]");
    var select = form.querySelector("[data-cp-est-period]");
    var usage = form.querySelector("[data-cp-est-usage]");
    var notices = form.querySelector("[data-cp-est-notices]");
    var inputs = Array.prototype.slice.call(form.querySelectorAll("input[data-cp-month]"));
    var kept = {}; // saved amounts of levers that are no longer in the rules
    var storageSaid = false;
    function leverOf(input) { return input.closest("[data-cp-lever]").getAttribute("data-cp-lever"); }
    function monthOf(input) { return +input.getAttribute("data-cp-month"); }

    function notice(text, kind) {
      var old = notices.querySelector("[data-cp-notice=" + kind + "]");
      if (old) old.parentNode.removeChild(old);
      var p = el("p", { "class": "cp-notice", "data-cp-notice": kind });
      p.appendChild(el("strong", {}, "Note: "));
      p.appendChild(document.createTextNode(text));
      notices.appendChild(p);
      return p;
    }
    function storageNotice() {
      if (storageSaid) return;
      storageSaid = true;
      notice("This browser does not let the portal save here (for example in an embedded or private window). " +
        "Your amounts last only while this page is open.", "storage");
    }

    /* Earning periods: the published ones are in the HTML; add the rule's up to today's. */
    function ensureOption(label) {
      if (select.querySelector("option[value=\"" + label + "\"]")) return true;
      var p = periodByEarning(data, label);
      if (!p) return false;
      var option = el("option", { value: label }, label + ": " + monthSpan(p.earningStart, p.earningEnd) + " (calculated)");
      var later = Array.prototype.filter.call(select.options, function (o) { return o.value > label; })[0];
      select.insertBefore(option, later || null);
      return true;
    }
    var now = Date.now(), zone = viewerZone(), today = localIso(now, zone);
    var earningNow = halfOf(today, data.calendar), last = data.periods[data.periods.length - 1];
    var lastPublished = last ? parseHalf(last.earningHalf) : earningNow;
    for (var h = nextHalf(lastPublished), n = 0; halfLabel(h) <= halfLabel(earningNow) && n < 12; h = nextHalf(h), n++) {
      ensureOption(halfLabel(h));
    }
    function chosen() { return periodByEarning(data, select.value); }

    function deadlinesText(p) {
      var claim = deadlineStatus(now, p.claimDeadline, zone, data);
      var text = "Claim it by " + longDate(p.claimDeadline) + " and get every claim resolved by " +
        longDate(p.resolutionDeadline) + ", " + data.cutoffUtc + " UTC.";
      if (claim.state === "passed") text += " That claim deadline has passed.";
      else if (claim.state === "soon") text += " Only " + leftText(claim.daysLeft) + " to claim.";
      return text;
    }
    function showPeriod() {
      var p = chosen(), months = monthsOf(p);
      Array.prototype.forEach.call(form.querySelectorAll("[data-cp-month-name]"), function (span) {
        span.textContent = months[+span.getAttribute("data-cp-month-name")];
      });
      usage.textContent = "Co-op earned in " + p.earningHalf + " (" + monthSpan(p.earningStart, p.earningEnd) +
        ") is spent in usage period " + p.usageHalf + ", " + longDate(p.usageStart) + " to " + longDate(p.usageEnd) + ". " +
        deadlinesText(p);
      if (isCalculated(p, "claimDeadline")) calculatedNote(usage, data, "These dates are ");
    }

    function snapshot() {
      var values = {};
      Object.keys(kept).forEach(function (id) { values[id] = kept[id].slice(); });
      inputs.forEach(function (input) {
        var id = leverOf(input);
        values[id] = values[id] || ["", "", "", "", "", ""];
        values[id][monthOf(input)] = input.value;
      });
      return { period: select.value, values: values };
    }
    function isEmpty(state) {
      return Object.keys(state.values).every(function (id) { return state.values[id].every(function (x) { return !x.trim(); }); });
    }
    function persist() {
      var state = snapshot();
      var text = isEmpty(state) && !Object.keys(kept).length ? null :
        JSON.stringify({ v: 1, period: state.period, values: state.values });
      if (!save(ESTIMATOR_KEY, text)) storageNotice();
    }
    function apply(state, skip) {
      if (state.period && ensureOption(state.period)) select.value = state.period;
      var levers = {};
      inputs.forEach(function (input) {
        var id = leverOf(input);
        levers[id] = true;
        if (input === skip) return;
        var months = state.values[id];
        input.value = months && months[monthOf(input)] != null ? months[monthOf(input)] : "";
        if (input.hasAttribute("aria-invalid") || input.value) check(input);
      });
      kept = {};
      Object.keys(state.values).forEach(function (id) {
        if (!levers[id] && state.values[id].some(function (x) { return x.trim(); })) kept[id] = state.values[id].slice();
      });
      var oldKept = notices.querySelector("[data-cp-notice=kept]");
      if (oldKept) oldKept.parentNode.removeChild(oldKept);
      if (Object.keys(kept).length) {
        notice("Amounts you saved for " + Object.keys(kept).length + " lever" + (Object.keys(kept).length === 1 ? "" : "s") +
          " no longer in these rules are kept in this browser but left out of the estimate.", "kept");
      }
      showPeriod();
    }

    /* Checks one field; an unclear or invalid amount is flagged on the field, never guessed. */
    function check(input) {
      var r = parseMoney(input.value);
      var message = document.getElementById(input.id + "-error");
      if (r.error) {
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", message.id + " cp-est-hint");
        message.textContent = r.message;
        message.hidden = false;
      } else {
        input.removeAttribute("aria-invalid");
        input.setAttribute("aria-describedby", "cp-est-hint");
        message.textContent = "";
        message.hidden = true;
      }
      return r;
    }
    function labelOf(input) { return document.querySelector("label[for=\"" + input.id + "\"]").textContent; }

    function run(focusProblem) {
      out.textContent = "";
      var revenue = {}, bad = [];
      inputs.forEach(function (input) {
        var r = check(input);
        if (r.error) { bad.push([input, r]); return; }
        if (r.value === null) return;
        var id = leverOf(input);
        revenue[id] = revenue[id] || [0, 0, 0, 0, 0, 0];
        revenue[id][monthOf(input)] = r.value;
      });
      if (bad.length) {
        var box = el("div", { "class": "cp-est__problems cp-warn", "data-cp-result": "invalid" });
        box.appendChild(el("p", {}, bad.length === 1 ? "1 amount needs fixing before the estimate:" :
          bad.length + " amounts need fixing before the estimate:"));
        var list = box.appendChild(el("ul", {}));
        bad.forEach(function (pair) {
          var link = el("a", { href: "#" + pair[0].id }, labelOf(pair[0]) + ": " + pair[1].message);
          link.addEventListener("click", function (event) { event.preventDefault(); pair[0].focus(); });
          list.appendChild(el("li", {})).appendChild(link);
        });
        out.appendChild(box);
        if (focusProblem) bad[0][0].focus();
        return;
      }
      var r = estimate(revenue, data), p = chosen(), months = monthsOf(p);
      var table = el("table", { "class": "cp-result-table" });
      table.appendChild(el("caption", {}, "Estimated rebate and co-op for " + p.earningHalf + " (USD)"));
      var head = el("tr", {});
      ["Month", "Rebate", "Co-op"].forEach(function (name) { head.appendChild(el("th", { scope: "col" }, name)); });
      table.appendChild(el("thead", {})).appendChild(head);
      var body = table.appendChild(el("tbody", {}));
      months.forEach(function (name, i) {
        var tr = body.appendChild(el("tr", {}));
        tr.appendChild(el("th", { scope: "row" }, name));
        tr.appendChild(el("td", {}, money(r.rebate[i] || 0)));
        tr.appendChild(el("td", {}, money(r.coop[i] || 0)));
      });
      var total = body.appendChild(el("tr", { "class": "cp-result-total" }));
      total.appendChild(el("th", { scope: "row" }, "Whole period"));
      total.appendChild(el("td", { "data-cp-total": "rebate" }, money(r.rebateTotal)));
      total.appendChild(el("td", { "data-cp-total": "coop" }, money(r.coopTotal)));
      var wrap = el("div", { "class": "cp-result-wrap", tabindex: "0", role: "region", "aria-label": "Estimated rebate and co-op" });
      wrap.appendChild(table);
      out.appendChild(wrap);
      out.appendChild(el("p", { "data-cp-threshold": r.thresholdMet ? "met" : "not-met" }, r.thresholdMet ?
        "Threshold met: " + money(r.coopTotal) + " of co-op is at or over " + money(r.threshold) +
        ", so it goes into the claims tool for usage period " + usageText(p) + ". " + deadlinesText(p) :
        "Threshold not met: " + money(r.coopTotal) + " of co-op is under " + money(r.threshold) +
        ", so it turns into rebate. Rebate for the half including the conversion: " + money(r.rebateWithConversion) + "."));
    }

    /* Clear and the worked example replace what was typed; one click brings it back. */
    function replaceAll(next, message, kind) {
      var before = snapshot();
      apply(next);
      persist();
      var note = notice(message, kind);
      if (!isEmpty(before)) {
        note.appendChild(document.createTextNode(" "));
        var undo = note.appendChild(el("button", { type: "button", "class": "md-button", "data-cp-action": "undo" }, "Undo"));
        undo.addEventListener("click", function () {
          apply(before);
          persist();
          out.textContent = "";
          note.textContent = "Your earlier amounts are back.";
          select.focus();
        });
      }
    }

    select.addEventListener("change", function () {
      showPeriod();
      persist();
      if (out.firstChild) run(false);
    });
    inputs.forEach(function (input) {
      input.addEventListener("input", function () {
        persist();
        if (input.hasAttribute("aria-invalid")) check(input);
      });
      input.addEventListener("change", function () { check(input); });
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); run(true); });
    form.querySelector("[data-cp-example]").addEventListener("click", function () {
      var values = {};
      Object.keys(data.example.revenue).forEach(function (id) {
        values[id] = data.example.revenue[id].map(function (x) { return String(x); });
      });
      replaceAll({ period: data.example.earningHalf, values: values },
        "Filled in the guidebook's worked example for " + data.example.earningHalf + ".", "example");
      run(false);
    });
    form.querySelector("[data-cp-clear]").addEventListener("click", function () {
      replaceAll({ period: select.value, values: {} }, "All amounts are cleared.", "cleared");
      out.textContent = "";
    });

    /* Another tab changed the saved amounts: take them, except the field being typed in. */
    function onStorage(event) {
      if (!document.body.contains(form)) { window.removeEventListener("storage", onStorage); return; }
      if (event.key !== NS + ESTIMATOR_KEY || event.newValue === null) return;
      var state = readEstimatorState(event.newValue);
      if (state) apply(state, document.activeElement);
    }
    window.addEventListener("storage", onStorage);

    var stored = load(ESTIMATOR_KEY);
    if (!stored.ok) storageNotice();
    var saved = stored.value ? readEstimatorState(stored.value) : null;
    if (stored.value && !saved) {
      save(ESTIMATOR_KEY, null);
      notice("Your saved amounts could not be read, so the estimator starts empty.", "corrupt");
    }
    if (!saved || !saved.period) {
      ensureOption(halfLabel(earningNow));
      select.value = halfLabel(earningNow);
    }
    if (saved) apply(saved); else showPeriod();
    if (saved && !isEmpty(saved)) run(false);
  }

  /* ---------------------------------------------------------------- scrollable tables */
  /* A table wider than the screen scrolls inside its wrapper; keyboard users must be able to
     reach that region to scroll it, and screen readers hear what it holds (WCAG 2.1.1). */
  function initScrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap, .cp-embed .cp-table-wrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      if (wrap.hasAttribute("tabindex")) return;
      var caption = wrap.querySelector("caption");
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", caption ? caption.textContent : "Table");
      wrap.classList.add("cp-scroll-region");
      if (wrap.scrollWidth > wrap.clientWidth + 1) { // on a phone: say there is more to the right
        wrap.parentNode.insertBefore(el("p", { "class": "cp-scroll-hint", "aria-hidden": "true" },
          "Scroll the table sideways to see every column."), wrap);
      }
    });
  }

  /* ---------------------------------------------------------------- start-up */

  var components = { "data-cp-now": initNow, "data-cp-filter": initFilter, "data-cp-checklist": initChecklist,
    "data-cp-timing": initTiming, "data-cp-estimator": initEstimator, "data-cp-activity-timing": initActivityTiming,
    "data-cp-print": function (button) { button.addEventListener("click", function () { window.print(); }); } };

  /* Material's search panel has role=dialog but no name; screen readers announce it blank. */
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]:not([aria-label])");
    if (dialog) dialog.setAttribute("aria-label", "Search");
  }

  /* Opened from files (file://), search cannot load its index and browsers keep saved ticks
     unreliably; say so once per page, above the content. */
  function noteFileOpening() {
    var content = document.querySelector(".md-content__inner, .cp-embed");
    if (location.protocol !== "file:" || !content || content.querySelector("[data-cp-file-note]")) return;
    content.insertBefore(el("p", { "class": "cp-notice", "role": "note", "data-cp-file-note": "" },
      "You opened this page from files. Search and saved ticks need the portal to be served " +
      "from a web server, such as your intranet; ask whoever gave you the portal for its address."),
      content.firstChild);
  }

  function init() {
    initScrollRegions();
    nameSearchDialog();
    noteFileOpening();
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

  /* Material's document$ announces every page, including instant switches. It never fires
     for pages opened from files (Material completes it there without a page), so the page
     load also starts init; init skips what has already started. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
