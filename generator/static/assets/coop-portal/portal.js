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

  /* Which usage period an activity falls in, and the date to claim by. */
  function claimTiming(start, end, data) {
    if (end < start) return { status: "end-before-start" };
    var first = periodFor(start, data), last = periodFor(end, data);
    if (!first || !last) {
      return { status: "outside-periods", period: first ? first.id : null, secondPeriod: last ? last.id : null };
    }
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
    daysLeft: daysLeft, nextDeadlines: nextDeadlines, dayNumber: dayNumber,
    claimTiming: claimTiming, paymentWindow: paymentWindow, estimate: estimate };
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
  function periodById(data, id) { return data.periods.filter(function (p) { return p.id === id; })[0]; }

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
      var p = periodById(data, d.period);
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
      var p = periodById(data, row.getAttribute("data-cp-period"));
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

  function initChecklist(root) {
    var key = "checklist:" + root.getAttribute("data-cp-checklist");
    var title = root.getAttribute("data-cp-title");
    var rulesVersion = root.getAttribute("data-cp-rules-version");
    var rows = Array.prototype.slice.call(root.querySelectorAll("[data-cp-item]"));
    var byId = {};
    var state = {}; // id -> {hash, at, stale}

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

    rows.forEach(function (row) {
      var id = row.getAttribute("data-cp-item");
      var inputId = "cp-" + root.getAttribute("data-cp-checklist").replace(/[^a-z0-9-]/g, "-") + "-" + id;
      var text = row.querySelector(".cp-checklist__text");
      var box = el("input", { type: "checkbox", id: inputId, "class": "cp-checklist__box" });
      var label = el("label", { "for": inputId, "class": "cp-checklist__label" });
      label.appendChild(text);
      row.insertBefore(label, row.firstChild);
      row.insertBefore(box, row.firstChild);
      var flag = el("span", { "class": "cp-checklist__changed", "data-cp-changed": "", hidden: "" });
      row.appendChild(flag);
      byId[id] = { row: row, box: box, flag: flag, hash: row.getAttribute("data-cp-hash") };
      box.addEventListener("change", function () {
        if (box.checked) state[id] = { hash: byId[id].hash, at: today(), stale: false };
        else delete state[id];
        persist();
        render();
      });
    });

    function render() {
      var done = 0, changed = 0;
      rows.forEach(function (row) {
        var id = row.getAttribute("data-cp-item"), item = byId[id], entry = state[id];
        var ticked = !!entry && !entry.stale;
        item.box.checked = ticked;
        row.classList.toggle("cp-done", ticked);
        if (entry && entry.stale) {
          changed++;
          item.flag.hidden = false;
          item.flag.textContent = " Changed since you ticked it" + (entry.at ? " on " + longDate(entry.at) : "") +
            ": read it again and tick it.";
          row.classList.add("cp-changed");
        } else {
          item.flag.hidden = true;
          item.flag.textContent = "";
          row.classList.remove("cp-changed");
        }
        if (ticked) done++;
      });
      progress.textContent = done + " of " + rows.length + " done" +
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

  function initTiming(form) {
    var data = JSON.parse(form.getAttribute("data-cp-rules"));
    var out = form.querySelector("[data-cp-timing-result]");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      out.textContent = "";
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
      } else if (t.status === "outside-periods") {
        line("The rules list no usage period for " + (t.period ? longDate(end) : longDate(start)) +
          ", so the checker cannot place this activity. Ask the portal's owner to add the period to rules.yaml.",
          { "data-cp-result": t.status, "class": "cp-warn" });
      } else {
        var p = periodById(data, t.period);
        line("Usage period: " + usageText(p) + ", funded by co-op earned in " + p.earningHalf + ".", { "data-cp-result": "ok" });
        line("Claim by " + longDate(t.claimBy) + (t.claimBy === t.claimDeadline ? " (the claim deadline)." :
          " (" + data.claimWithinDays + " days after the activity ends; recommended)."), { "data-cp-claim-by": t.claimBy });
        line("Claim deadline: " + longDate(t.claimDeadline) + ", " + data.cutoffUtc + " UTC.", { "data-cp-claim-deadline": t.claimDeadline });
        line("Resolution deadline: " + longDate(t.resolutionDeadline) + ", " + data.cutoffUtc + " UTC.",
          { "data-cp-resolution-deadline": t.resolutionDeadline });
      }
      if (approved) {
        var w = paymentWindow(approved, data);
        line("A claim approved on " + longDate(approved) + " is expected to be paid between " + longDate(w[0]) +
          " and " + longDate(w[1]) + ".", { "data-cp-payment": w[0] + "/" + w[1] });
      }
    });
  }

  function initEstimator(form) {
    var data = JSON.parse(form.getAttribute("data-cp-rules"));
    var out = form.querySelector("[data-cp-estimate-result]");
    var inputs = form.querySelectorAll("input[data-cp-month]");
    function run() {
      out.textContent = "";
      var revenue = {}, bad = [];
      Array.prototype.forEach.call(inputs, function (input) {
        var raw = input.value.replace(/[\s,]/g, "");
        input.removeAttribute("aria-invalid");
        if (!raw) return;
        var value = Number(raw);
        if (!isFinite(value) || value < 0) { bad.push(input); input.setAttribute("aria-invalid", "true"); return; }
        var lever = input.closest("[data-cp-lever]").getAttribute("data-cp-lever");
        var month = +input.getAttribute("data-cp-month");
        revenue[lever] = revenue[lever] || [0, 0, 0, 0, 0, 0];
        revenue[lever][month] = value;
      });
      if (bad.length) {
        out.appendChild(el("p", { "class": "cp-warn", "data-cp-result": "invalid" }, bad.length + " amount" +
          (bad.length === 1 ? " is" : "s are") + " not a number of zero or more; fix the highlighted field" +
          (bad.length === 1 ? "" : "s") + "."));
        bad[0].focus();
        return;
      }
      var r = estimate(revenue, data);
      var table = el("table", { "class": "cp-result-table" });
      table.appendChild(el("caption", {}, "Estimated rebate and co-op (USD)"));
      var head = el("tr", {});
      head.appendChild(el("th", { scope: "col" }, ""));
      r.rebate.forEach(function (_, i) { head.appendChild(el("th", { scope: "col" }, "Month " + (i + 1))); });
      head.appendChild(el("th", { scope: "col" }, "Half-year"));
      var thead = el("thead", {}); thead.appendChild(head); table.appendChild(thead);
      var body = el("tbody", {});
      [["Rebate", r.rebate, r.rebateTotal, "rebate"], ["Co-op", r.coop, r.coopTotal, "coop"]].forEach(function (row) {
        var tr = el("tr", {});
        tr.appendChild(el("th", { scope: "row" }, row[0]));
        row[1].forEach(function (x) { tr.appendChild(el("td", {}, money(x))); });
        tr.appendChild(el("td", { "data-cp-total": row[3] }, money(row[2])));
        body.appendChild(tr);
      });
      table.appendChild(body);
      var wrap = el("div", { "class": "cp-result-wrap", tabindex: "0", role: "region",
        "aria-label": "Estimated rebate and co-op" });
      wrap.appendChild(table);
      out.appendChild(wrap);
      out.appendChild(el("p", { "data-cp-threshold": r.thresholdMet ? "met" : "not-met" }, r.thresholdMet ?
        "Threshold met: " + money(r.coopTotal) + " of co-op is at or over " + money(r.threshold) +
        ", so it goes into the claims tool for the next usage period." :
        "Threshold not met: " + money(r.coopTotal) + " of co-op is under " + money(r.threshold) +
        ", so it turns into rebate. Rebate for the half including the conversion: " + money(r.rebateWithConversion) + "."));
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    form.querySelector("[data-cp-example]").addEventListener("click", function () {
      Array.prototype.forEach.call(inputs, function (input) {
        var lever = input.closest("[data-cp-lever]").getAttribute("data-cp-lever");
        var months = data.example.revenue[lever];
        input.value = months ? String(months[+input.getAttribute("data-cp-month")]) : "";
      });
      run();
    });
    form.querySelector("[data-cp-clear]").addEventListener("click", function () {
      Array.prototype.forEach.call(inputs, function (input) { input.value = ""; input.removeAttribute("aria-invalid"); });
      out.textContent = "";
    });
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
    "data-cp-timing": initTiming, "data-cp-estimator": initEstimator,
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
