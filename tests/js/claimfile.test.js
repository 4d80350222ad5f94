// claimfile.js: the printable claim file as plain data: cover sheet, checklist, evidence log.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load, at } = require("./workspace_fixture.js");

const w = load("workspace");
const { claimFile } = load("claimfile");
const D = data();
const T = at("2026-09-01");

function claim(fields = {}, steps = (s) => s) {
  const s = w.addClaim(
    w.emptyWorkspace(T.now),
    {
      name: "INV-7 print ad September",
      activity: "print-advertising",
      start: "2026-09-01",
      end: "2026-09-30",
      amount: 7500,
      claim_number: "CLM-1",
      ...fields,
    },
    T,
    "c1",
  );
  return steps(s).claims[0];
}
const items = (file) => Object.fromEntries(file.sections.flatMap((s) => s.items).map((i) => [i.id, i]));

test("the cover sheet carries the claim's names, money with currency, statuses with days and deadlines", () => {
  const c = claim({ currency: "EUR" }, (s) => {
    s = w.setStatus(s, "c1", "submitted", at("2026-10-20"));
    return w.updateClaim(s, "c1", { claimed: 7400.5 }, at("2026-10-20"));
  });
  const { cover } = claimFile(c, D, "2026-11-01");
  assert.equal(cover.name, "INV-7 print ad September");
  assert.equal(cover.number, "CLM-1");
  assert.equal(cover.activity, "Print advertising");
  assert.deepEqual([cover.usagePeriod, cover.start, cover.end, cover.status], ["FY27H1", "2026-09-01", "2026-09-30", "Submitted"]);
  assert.deepEqual(cover.amounts, [
    { label: "Planned", cents: 750000, text: "EUR 7,500" },
    { label: "Claimed", cents: 740050, text: "EUR 7,400.50" },
    { label: "Approved", cents: null, text: "not recorded" },
    { label: "Paid", cents: null, text: "not recorded" },
  ]);
  assert.deepEqual(cover.statusDates, [
    { status: "Planned", date: "2026-09-01" },
    { status: "Submitted", date: "2026-10-20" },
  ]);
  // Submitted: the claim-by date and claim deadline no longer apply.
  assert.deepEqual(cover.dates, [
    { label: "Resolution deadline", date: "2027-03-31", days: 150 },
    { label: "Keep proof until", date: "2029-02-15", days: 837 },
  ]);
  const planned = claimFile(
    claim({}, (s) => s),
    D,
    "2026-11-01",
  ).cover.dates.map((x) => x.label);
  assert.deepEqual(planned, ["Claim by", "Claim deadline", "Resolution deadline", "Keep proof until"]);
  const paid = claimFile(
    claim({}, (s) => w.setStatus(s, "c1", "paid", at("2026-12-20"))),
    D,
    "2027-01-01",
  ).cover.dates.map((x) => x.label);
  assert.deepEqual(paid, ["Keep proof until"]);
  assert.deepEqual(cover.nextAction, {
    text: "Wait for Microsoft's review; it must be resolved before the resolution deadline",
    label: "Due",
    date: "2027-03-31",
    days: 150,
  });
  assert.deepEqual(cover.flags, []);
  assert.deepEqual(cover.proof, { done: 0, total: 3 });
});

test("a one-of group shows which option was chosen, and its evidence under that option", () => {
  const c = claim({}, (s) =>
    w.addEvidence(w.tick(s, "c1", "poe-csr", "h2", T), "c1", "poe-csr", { file: "share/csr.pdf", note: "signed" }, T, "e1"),
  );
  const file = claimFile(c, D, "2026-09-01"),
    group = items(file)["poe-invoice-or-csr"];
  assert.deepEqual([group.state, group.stateText, group.chosen], ["ticked", "Done", ["poe-csr"]]);
  assert.deepEqual(
    group.options.map((o) => [o.id, o.state]),
    [
      ["poe-third-party-invoice", "open"],
      ["poe-csr", "ticked"],
    ],
  );
  assert.deepEqual(group.options[1].evidence, [{ item: "poe-csr", file: "share/csr.pdf", note: "signed", at: "2026-09-01" }]);
  assert.deepEqual([group.options[0].evidence, group.evidence], [[], []]);
  assert.equal(items(file)["poe-final-printed-piece"].state, "open");
  assert.deepEqual(file.cover.proof, { done: 1, total: 3 });
  assert.deepEqual(
    file.sections.map((s) => s.title),
    ["Invoice", "Communication", "Metrics"],
  );
});

test("an invoice's evidence prints under the ticked invoice option, never under the unticked CSR option", () => {
  const c = claim({}, (s) => {
    s = w.tick(s, "c1", "poe-third-party-invoice", "h1", T);
    s = w.addEvidence(s, "c1", "poe-third-party-invoice", { file: "share/invoice-17.pdf", note: "" }, T, "e1");
    return w.addEvidence(s, "c1", "poe-invoice-or-csr", { file: "share/paid.pdf", note: "bank" }, T, "e2");
  });
  const group = items(claimFile(c, D, "2026-09-01"))["poe-invoice-or-csr"];
  const by = Object.fromEntries(group.options.map((o) => [o.id, o.evidence.map((e) => e.file)]));
  assert.deepEqual(by, { "poe-third-party-invoice": ["share/invoice-17.pdf", "share/paid.pdf"], "poe-csr": [] });
  assert.deepEqual(group.evidence, []);
  // With no option ticked, evidence for the whole group stays on the group, under no option.
  const open = items(
    claimFile(
      claim({}, (s) => w.addEvidence(s, "c1", "poe-invoice-or-csr", { file: "x", note: "" }, T, "e3")),
      D,
      "2026-09-01",
    ),
  )["poe-invoice-or-csr"];
  assert.deepEqual([open.evidence.map((e) => e.file), open.options.map((o) => o.evidence.length)], [["x"], [0, 0]]);
});

test("an item whose wording changed since it was ticked says so, and the cover explains the flag", () => {
  const c = claim({}, (s) =>
    w.tick(w.tick(s, "c1", "poe-final-printed-piece", "old-wording", T), "c1", "poe-third-party-invoice", "h1", T),
  );
  const file = claimFile(c, D, "2026-09-01");
  assert.deepEqual(
    [items(file)["poe-final-printed-piece"].state, items(file)["poe-final-printed-piece"].stateText],
    ["changed", "Changed since ticked: check again"],
  );
  assert.equal(items(file)["poe-invoice-or-csr"].state, "ticked");
  assert.deepEqual(
    file.cover.flags.map((f) => f.id),
    ["checklist-changed"],
  );
  assert.match(file.cover.flags[0].text, /changed after it was ticked/);
  assert.deepEqual(file.cover.proof, { done: 1, total: 3 });
});

test("a one-of group whose only chosen option changed is not done", () => {
  const c = claim({}, (s) => w.tick(s, "c1", "poe-csr", "old", T));
  const group = items(claimFile(c, D, "2026-09-01"))["poe-invoice-or-csr"];
  assert.deepEqual([group.state, group.chosen], ["changed", ["poe-csr"]]);
});

test("a claim whose activity left the rules keeps its ticks and evidence, and is flagged", () => {
  const c = claim({ activity: "trade-shows" }, (s) =>
    w.addEvidence(w.tick(s, "c1", "poe-stand", "x", T), "c1", "poe-photos", { file: "photos/", note: "" }, T, "e2"),
  );
  const file = claimFile(c, D, "2026-09-01");
  assert.equal(file.cover.activity, "trade-shows");
  assert.equal(file.cover.activityKnown, false);
  assert.equal(file.cover.proof, undefined);
  assert.deepEqual(file.sections, []);
  assert.deepEqual(file.removed, [
    { id: "poe-stand", ticked: true, evidence: [] },
    { id: "poe-photos", ticked: false, evidence: [{ item: "poe-photos", file: "photos/", note: "", at: "2026-09-01" }] },
  ]);
  assert.deepEqual(
    file.cover.flags.map((f) => f.id),
    ["activity-removed"],
  );
  assert.equal(file.cover.dates[0].date, "2026-11-14", "its deadlines still come from its dates");
});

test("timing problems and a passed claim-by date are explained in plain words", () => {
  const c = claim({ start: "2026-12-01", end: "2027-01-15", status: "gathering-proof" });
  const flags = claimFile(c, D, "2027-03-01").cover.flags;
  assert.deepEqual(
    flags.map((f) => f.id),
    ["spans-periods", "claim-by-passed"],
  );
  assert.ok(flags.every((f) => typeof f.text === "string" && f.text.length > 20));
  assert.deepEqual(claimFile(claim({ status: "paid" }), D, "2027-03-01").cover.flags, []);
});

test("hostile text stays the same plain text in the file", () => {
  const name = "<script>alert(1)</script>",
    note = '=HYPERLINK("x")\n<b>';
  const c = claim({ name, notes: note }, (s) => w.addEvidence(s, "c1", "poe-csr", { file: "<img src=x>", note }, T, "e"));
  const file = claimFile(c, D, "2026-09-01");
  assert.deepEqual(
    [file.cover.name, file.cover.notes, items(file)["poe-invoice-or-csr"].options[1].evidence[0].file],
    [name, note, "<img src=x>"],
  );
});

test("the cover names who provides the portal, with its logo, as the printed forms do", () => {
  const branded = { ...D, brand: "Contoso & Partners", brandLogo: "brand/logo.svg" };
  assert.deepEqual(claimFile(claim(), branded, "2026-09-01").cover.brand, { name: "Contoso & Partners", logo: "brand/logo.svg" });
  assert.deepEqual(claimFile(claim(), { ...D, brand: "", brandLogo: undefined }, "2026-09-01").cover.brand, { name: "", logo: "" });
});
