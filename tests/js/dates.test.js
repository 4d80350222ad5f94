// dates.js: calendar arithmetic, fiscal halves and periods read from the data, claim-by dates.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { data, load } = require("./workspace_fixture.js");

const d = load("dates");

test("real dates pass and impossible ones fail, leap years included", () => {
  for (const ok of ["2024-02-29", "2000-02-29", "2026-12-31", "2027-04-30", "2400-02-29"]) assert.ok(d.isDate(ok), ok);
  for (const bad of [
    "2023-02-29",
    "1900-02-29",
    "2100-02-29",
    "0001-01-01",
    "3000-01-01",
    "2026-13-01",
    "2026-04-31",
    "2026-4-1",
    " 2026-04-01",
    "2026-04-01\n",
    "2026-04-01T00:00",
    "",
    null,
    20260401,
    "<script>",
  ])
    assert.equal(d.isDate(bad), false, String(bad));
});

test("days are counted across months, years and leap days without time zones", () => {
  assert.equal(d.addDays("2026-12-31", 1), "2027-01-01");
  assert.equal(d.addDays("2024-02-28", 1), "2024-02-29");
  assert.equal(d.addDays("2026-03-01", -1), "2026-02-28");
  assert.equal(d.addDays("2026-09-30", 45), "2026-11-14");
  assert.equal(d.daysBetween("2027-02-15", "2027-02-01"), -14);
  assert.equal(d.fromDayNumber(d.dayNumber("1999-12-31")), "1999-12-31");
});

test("adding months keeps the day, or takes the last day of a shorter month", () => {
  assert.equal(d.addMonths("2027-02-15", 24), "2029-02-15");
  assert.equal(d.addMonths("2026-08-31", 6), "2027-02-28");
  assert.equal(d.addMonths("2024-02-29", 12), "2025-02-28");
  assert.equal(d.addMonths("2026-12-31", 1), "2027-01-31");
  assert.equal(d.addMonths("2026-01-15", -2), "2025-11-15");
});

test("a date's fiscal half follows the calendar: July starts the year named by its end", () => {
  const cal = data().calendar;
  const label = (iso) => d.halfLabel(d.halfOf(iso, cal));
  assert.equal(label("2026-06-30"), "FY26H2");
  assert.equal(label("2026-07-01"), "FY27H1");
  assert.equal(label("2026-12-31"), "FY27H1");
  assert.equal(label("2027-01-01"), "FY27H2");
  assert.deepEqual(d.halfDates(d.parseHalf("FY27H1"), cal), ["2026-07-01", "2026-12-31"]);
  assert.deepEqual(d.halfDates(d.parseHalf("FY27H2"), cal), ["2027-01-01", "2027-06-30"]);
});

test("half labels are read strictly", () => {
  assert.deepEqual(d.parseHalf("FY27H1"), { fy: 2027, id: "H1" });
  for (const bad of ["FY27H3", "fy27h1", "FY2027H1", "FY27H1 ", "", undefined]) assert.equal(d.parseHalf(bad), null, String(bad));
  assert.equal(d.halfLabel(d.nextHalf(d.parseHalf("FY27H2"))), "FY28H1");
  assert.equal(d.halfLabel(d.previousHalf(d.parseHalf("FY27H1"))), "FY26H2");
});

test("the calendar comes from the data: another fiscal year start moves every half", () => {
  const cal = {
    fiscalYearStart: [10, 1],
    halves: [
      { id: "H1", start: [10, 1], end: [3, 31] },
      { id: "H2", start: [4, 1], end: [9, 30] },
    ],
    deadlines: [],
  };
  assert.equal(d.halfLabel(d.halfOf("2026-10-01", cal)), "FY27H1");
  assert.equal(d.halfLabel(d.halfOf("2026-09-30", cal)), "FY26H2");
  assert.deepEqual(d.halfDates(d.parseHalf("FY27H1"), cal), ["2026-10-01", "2027-03-31"]);
});

test("a published period is used as published; past the table the rule's is marked calculated", () => {
  const x = data();
  const published = d.periodFor("2026-09-01", x);
  assert.equal(published.id, "fy26h2");
  assert.ok(!published.calculated);
  const later = d.periodFor("2028-03-01", x);
  assert.deepEqual(
    [later.earningHalf, later.usageHalf, later.usageStart, later.usageEnd, later.claimDeadline, later.resolutionDeadline, later.calculated],
    ["FY28H1", "FY28H2", "2028-01-01", "2028-06-30", "2028-08-15", "2028-09-30", true],
  );
  const earlier = d.periodFor("2020-01-01", x);
  assert.deepEqual([earlier.usageHalf, earlier.claimDeadline, earlier.calculated], ["FY20H2", "2020-08-15", true]);
});

test("published dates take precedence over the rule's", () => {
  const x = data();
  x.periods[1].claimDeadline = "2027-02-20";
  assert.equal(d.periodFor("2026-12-31", x).claimDeadline, "2027-02-20");
  assert.equal(d.periodOfUsage("FY27H1", x).claimDeadline, "2027-02-20");
});

test("deadlines come from the data's rule, not from the code", () => {
  const x = data();
  x.calendar.deadlines[0].claim = [3, 1];
  x.calendar.deadlines[0].resolution = [4, 15];
  const p = d.periodOfUsage("FY29H1", x);
  assert.deepEqual([p.claimDeadline, p.resolutionDeadline], ["2029-03-01", "2029-04-15"]);
});

test("periods are found by their usage or earning half, or not at all", () => {
  const x = data();
  assert.equal(d.periodOfUsage("FY27H1", x).id, "fy26h2");
  assert.equal(d.periodOfEarning("FY26H2", x).usageHalf, "FY27H1");
  const calc = d.periodOfEarning("FY30H2", x);
  assert.deepEqual([calc.usageHalf, calc.usageStart, calc.claimDeadline, calc.calculated], ["FY31H1", "2030-07-01", "2031-02-15", true]);
  assert.equal(d.periodOfUsage("next half", x), null);
});

test("an activity inside its period is claimed 45 days after it ends", () => {
  const t = d.activityTiming("2026-09-01", "2026-09-30", data());
  assert.deepEqual(
    [t.status, t.period, t.claimBy, t.claimDeadline, t.resolutionDeadline, t.calculated],
    ["ok", "FY27H1", "2026-11-14", "2027-02-15", "2027-03-31", false],
  );
});

test("the claim deadline wins when it comes before the advised days", () => {
  const x = data();
  x.claimWithinDays = 60;
  assert.equal(d.activityTiming("2026-12-01", "2026-12-31", x).claimBy, "2027-02-15");
  assert.equal(d.activityTiming("2026-12-01", "2026-12-16", x).claimBy, "2027-02-14");
});

test("an activity running into the next half spans periods and ends after its own", () => {
  const t = d.activityTiming("2026-12-01", "2027-01-10", data(), "FY27H1");
  assert.deepEqual([t.status, t.endsAfter, t.startsBefore, t.claimBy], ["spans-periods", true, false, "2027-02-15"]);
  const u = d.activityTiming("2026-12-01", "2027-01-10", data(), "FY27H2");
  assert.deepEqual([u.status, u.endsAfter, u.startsBefore, u.period], ["spans-periods", false, true, "FY27H2"]);
});

test("an activity outside the usage period chosen for it is reported", () => {
  const t = d.activityTiming("2026-09-01", "2026-09-30", data(), "FY27H2");
  assert.deepEqual([t.status, t.startsBefore, t.endsAfter, t.period], ["outside-period", true, false, "FY27H2"]);
});

test("an end before the start is reported, and an unknown period too", () => {
  assert.equal(d.activityTiming("2026-09-30", "2026-09-01", data()).status, "end-before-start");
  assert.equal(d.activityTiming("2026-09-01", "2026-09-30", data(), "<img src=x>").status, "unknown-period");
});

test("days left count to the local date of the UTC cut-off", () => {
  const x = data();
  assert.equal(d.daysLeft("2027-02-01", "2027-02-15", x), 14);
  assert.equal(d.daysLeft("2027-02-16", "2027-02-15", x), -1);
  assert.equal(d.daysLeft("2027-02-01", "2027-02-15", x, "Asia/Tokyo"), 15);
  assert.equal(d.daysLeft("2027-02-01", "2027-02-15", x, "America/Los_Angeles"), 14);
  assert.equal(d.cutoffMs("2027-02-15", x), Date.UTC(2027, 1, 15, 23, 59, 59));
  assert.equal(d.localDate(Date.UTC(2027, 1, 15, 23, 59, 59), "Pacific/Auckland"), "2027-02-16");
});

test("periods near a date: the published ones plus the rule's before, at and after it, in order", () => {
  const x = data();
  const near = d.periodsNear("2027-03-01", x).map((p) => [p.id, !!p.calculated]);
  assert.deepEqual(near, [
    ["fy26h1", false],
    ["fy26h2", false],
    ["fy27h1", true],
    ["fy27h2", true],
  ]);
  assert.equal(d.periodById("fy26h2", x).claimDeadline, "2027-02-15");
  assert.equal(d.periodById("fy28h1", x).usageHalf, "FY28H2");
  assert.equal(d.periodById("nonsense", x), null);
  assert.equal(d.isCalculated(d.periodById("fy28h1", x), "claimDeadline"), true);
  assert.equal(d.isCalculated({ ...x.periods[0], derived: ["resolutionDeadline"] }, "claimDeadline"), false);
  assert.equal(d.isCalculated({ ...x.periods[0], derived: ["resolutionDeadline"] }, "resolutionDeadline"), true);
});

test("a deadline is open, then close within the warning days, then passed at its cut-off", () => {
  const x = data(),
    at = (t) => Date.parse(t);
  assert.deepEqual(d.deadlineStatus(at("2027-01-31T12:00:00Z"), "2027-02-15", x), { state: "open", daysLeft: 15 });
  assert.deepEqual(d.deadlineStatus(at("2027-02-01T12:00:00Z"), "2027-02-15", x), { state: "soon", daysLeft: 14 });
  assert.deepEqual(d.deadlineStatus(at("2027-02-15T23:59:58Z"), "2027-02-15", x), { state: "soon", daysLeft: 0 });
  assert.deepEqual(d.deadlineStatus(at("2027-02-15T23:59:59Z"), "2027-02-15", x), { state: "passed", daysLeft: 0 });
  assert.deepEqual(d.deadlineStatus(at("2027-02-15T20:00:00Z"), "2027-02-15", x, "Pacific/Auckland"), { state: "soon", daysLeft: 0 });
});

test("the next deadlines move on once a cut-off has passed, into the rule's periods", () => {
  const x = data(),
    next = (t, zone) => d.nextDeadlines(Date.parse(t), x, zone).map((n) => [n.kind, n.period, n.day, n.daysLeft]);
  assert.deepEqual(next("2027-02-15T23:59:58Z"), [
    ["claim", "fy26h2", "2027-02-15", 0],
    ["resolution", "fy26h2", "2027-03-31", 44],
  ]);
  assert.deepEqual(next("2027-02-15T23:59:59Z"), [
    ["claim", "fy27h1", "2027-08-15", 181],
    ["resolution", "fy26h2", "2027-03-31", 44],
  ]);
  assert.deepEqual(next("2027-02-15T12:00:00Z", "Asia/Tokyo")[0], ["claim", "fy26h2", "2027-02-15", 1]);
});

test("an approved claim is paid this month up to the cut-off day, else next month", () => {
  const x = data();
  assert.deepEqual(d.paymentWindow("2022-10-15", x), ["2022-10-20", "2022-10-25"]);
  assert.deepEqual(d.paymentWindow("2022-12-16", x), ["2023-01-20", "2023-01-25"]);
  x.coopPayment = { approvedByDay: 15, paidFromDay: 20, paidToDay: 31 };
  assert.deepEqual(d.paymentWindow("2027-02-01", x), ["2027-02-20", "2027-02-28"]);
});
