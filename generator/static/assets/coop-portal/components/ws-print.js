// The printable claim file of one claim: a cover sheet, its checklist, its evidence log and its
// log of changes, drawn from claimfile.js into a sheet that alone is printed, then removed.

import { claimFile } from "../modules/claimfile.js";
import { dayAndTime } from "../modules/words.js";
import { daysText, h, longDate } from "./ws-ui.js";

const mark = { ticked: "[x]", changed: "[!]", open: "[ ]" };
const SITE_ROOT = new URL("../../../", import.meta.url);

// The distributor's logo and name above the sheet, as on the printed forms; nothing without a brand.
function brandLine(brand) {
  if (!brand.logo && !brand.name) return null;
  return h(
    "p",
    { class: "cp-claim-file__brand", "data-cp-claim-brand": "" },
    brand.logo ? h("img", { class: "cp-print-logo", src: new URL(brand.logo, SITE_ROOT).href, alt: brand.name }) : null,
    brand.name ? (brand.logo ? " " : "") + "Provided by " + brand.name + "." : null,
  );
}

function evidence(list) {
  return list.length
    ? h(
        "ul",
        { class: "cp-claim-file__log" },
        list.map((e) =>
          h("li", {}, "Evidence: " + (e.file || "(no location)") + (e.note ? ". " + e.note : "") + " (logged " + longDate(e.at) + ")"),
        ),
      )
    : null;
}

/** The sheet of a claim as elements (text only). */
export function claimSheet(data, claim, today) {
  const f = claimFile(claim, data, today),
    c = f.cover;
  const row = (label, value) => [h("dt", {}, label), h("dd", {}, value || "\u2014")];
  return h(
    "article",
    { class: "cp-claim-file", "data-cp-claim-file": claim.id },
    brandLine(c.brand),
    h("h1", {}, "Co-op claim file: " + (c.name || "unnamed claim")),
    h(
      "dl",
      { class: "cp-claim-file__cover" },
      row("Claim number", c.number),
      row("Activity", c.activity),
      row("Usage period", c.usagePeriod),
      row("Activity dates", longDate(c.start) + " to " + longDate(c.end)),
      c.amounts.map((a) => row(a.label, a.text)),
      row(
        "Status",
        c.status + (c.statusDates.length ? " (" + c.statusDates.map((s) => s.status + " " + longDate(s.date)).join(", ") + ")" : ""),
      ),
      c.dates.map((d) => row(d.label, longDate(d.date) + (d.days === null ? "" : ", " + daysText(d.days)))),
      row("Next action", c.nextAction.text + (c.nextAction.date ? ", " + longDate(c.nextAction.date) : "")),
      c.proof ? row("Proof", c.proof.done + " of " + c.proof.total + " done") : null,
    ),
    c.flags.length
      ? h(
          "div",
          {},
          h("h2", {}, "Check before submitting"),
          h(
            "ul",
            {},
            c.flags.map((x) => h("li", {}, x.text)),
          ),
        )
      : null,
    c.notes ? h("p", {}, "Notes: " + c.notes) : null,
    h("h2", {}, "Proof checklist"),
    f.sections.map((s) =>
      h(
        "section",
        {},
        h("h3", {}, s.title),
        h(
          "ul",
          { class: "cp-claim-file__items" },
          s.items.map((i) =>
            h(
              "li",
              {},
              mark[i.state] + " " + (i.options ? "One of: " : "") + i.text + " (" + i.stateText + ")",
              i.options
                ? h(
                    "ul",
                    {},
                    i.options.map((o) => h("li", {}, mark[o.state] + " " + o.text, evidence(o.evidence))),
                  )
                : null,
              evidence(i.evidence),
            ),
          ),
        ),
      ),
    ),
    f.removed.length
      ? h(
          "section",
          {},
          h("h3", {}, "No longer on the checklist"),
          h(
            "ul",
            {},
            f.removed.map((r) =>
              h(
                "li",
                {},
                (r.ticked ? "Ticked: " : "") + r.id.replace(/^(poe|core|evidence)-/, "").replace(/-/g, " "),
                evidence(r.evidence),
              ),
            ),
          ),
        )
      : null,
    h("h2", {}, "Changes"),
    f.changes.length
      ? h(
          "ol",
          { class: "cp-claim-file__changes", "data-cp-claim-changes": String(f.changes.length) },
          f.changes.map((e) => h("li", {}, h("time", { datetime: e.at }, dayAndTime(e.at)), ": " + e.text)),
        )
      : h("p", {}, "No changes recorded."),
    h(
      "p",
      { class: "cp-claim-file__footer" },
      "Printed " + longDate(today) + " from My co-op. Deadlines end at " + data.cutoffUtc + " UTC on their date.",
    ),
  );
}

/** Prints the claim file of `claim`, alone on the paper (once its logo, if any, is loaded). */
export async function printClaimFile(data, claim, today) {
  const sheet = claimSheet(data, claim, today),
    html = document.documentElement;
  document.body.append(sheet);
  const logo = sheet.querySelector(".cp-print-logo");
  if (logo) await logo.decode().catch(() => {}); // a missing image still prints the rest
  html.classList.add("cp-printing-claim");
  const done = () => {
    sheet.remove();
    html.classList.remove("cp-printing-claim");
    window.removeEventListener("afterprint", done);
  };
  window.addEventListener("afterprint", done);
  window.print();
}
