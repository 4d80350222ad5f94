"""The golden cases of the workspace's date and money rules (tests/workspace_vectors.json),
run by node against the browser modules that own those rules, and the workspace's
statuses, reminders and data as the browser gets them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from icalendar import Calendar

from generator.domain import whole_cents

from .js_rules import DATA, EXAMPLE_DATA, EXAMPLE_RULES, HERE, RULES, node

VECTORS = json.loads((HERE / "workspace_vectors.json").read_text(encoding="utf-8"))
CASES = sum(len(cases) for group, cases in VECTORS.items() if group != "about")


def test_javascript_workspace_rules_match_every_shared_vector(tmp_path: Path) -> None:
    """The browser modules give the expected answer for every case of the workspace vectors
    on the shipped example's browser data; node runs and counts every case."""
    data = tmp_path / "data.json"
    data.write_text(json.dumps(EXAMPLE_DATA), encoding="utf-8")
    out = json.loads(
        node(
            str(HERE / "js" / "run_workspace_vectors.js"),
            str(HERE / "workspace_vectors.json"),
            str(data),
        )
    )
    assert out["failures"] == []
    assert out["ran"] == CASES > 40


def test_the_builds_cents_round_as_the_browsers_do() -> None:
    """The build's one money rounding (domain.whole_cents, used for the worked example's
    revenue) gives the to_cents vectors' answers, which node checks for money.js toCents."""
    for case in VECTORS["to_cents"]:
        assert whole_cents(case["value"]) == case["expect"], case
    assert whole_cents(1.005) == 101
    assert whole_cents(-2.675) == -268


def test_vectors_cover_both_sides_of_each_rule() -> None:
    """Threshold at a cent under and at the amount; published and calculated periods, before
    and after the table; half-year boundaries; the claim deadline and the advised days each
    deciding the claim-by date; funds left over and overspent."""
    threshold = whole_cents(EXAMPLE_RULES.money.coop_threshold.amount)
    cents = {v["cents"] for v in VECTORS["threshold"]}
    assert {threshold - 1, threshold} <= cents
    calculated = [v["day"] for v in VECTORS["period_of"] if v["expect"]["calculated"]]
    first = EXAMPLE_RULES.periods[0].usage.start.isoformat()
    last = max(p.usage.end for p in EXAMPLE_RULES.periods).isoformat()
    assert any(d < first for d in calculated)
    assert any(d > last for d in calculated)
    assert any(not v["expect"]["calculated"] for v in VECTORS["period_of"])
    assert {"06-30", "07-01", "12-31", "01-01"} <= {v["day"][5:] for v in VECTORS["period_of"]}
    timing = [v["expect"] for v in VECTORS["claim_by"]]
    assert any(t["claim_by"] == t["claim_deadline"] for t in timing if t["status"] != "ok")
    assert any(t["claim_by"] < t["claim_deadline"] for t in timing)
    statuses = {t["status"] for t in timing}
    assert statuses == {"ok", "spans-periods", "outside-period", "end-before-start"}
    signs = {v["expect"]["cents"] > 0 for v in VECTORS["remaining"]}
    assert signs == {True, False}


def test_workspace_statuses_follow_the_rules_with_planning_first() -> None:
    """Every claim status of rules.yaml is offered, in stage order, after the workspace's own
    planning statuses and before "forfeited"; every stage is one rules.yaml declares."""
    process = RULES.claim_process
    found = [s["id"] for s in DATA["statuses"]]
    planning = [s.id for s in process.planning_statuses]
    assert found[: len(planning)] == planning == DATA["planningStatuses"]
    assert found[-1] == process.forfeited_status.id == DATA["forfeitedStatus"]
    assert set(found[len(planning) : -1]) == {s.id for s in process.statuses}
    order = [s["id"] for s in DATA["stages"]]
    assert order == [s.id for s in process.stages]
    stages = [s["stage"] for s in DATA["statuses"]]
    assert stages == sorted(stages, key=order.index)


def test_reminders_open_in_an_icalendar_reader(tmp_path: Path) -> None:
    """The reminders file parses with the icalendar library: each event ends after it starts,
    at the rules' cut-off, and a hostile claim name comes back exactly as typed."""
    name = 'Ad; with, commas\nand "quotes" \\ <script>alert(1)</script> ' + "é" * 60
    claim = {
        "id": "r1",
        "name": name,
        "activity": "print-advertising",
        "start": "2026-09-01",
        "end": "2026-09-30",
        "amount": 7500,
        "status": "planned",
        "ticked": [],
    }
    waiting = {**claim, "id": "r2", "name": "Waiting", "status": "submitted"}
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": []}
    workspace["claims"] = [claim, waiting]
    (tmp_path / "data.json").write_text(json.dumps(DATA), encoding="utf-8")
    (tmp_path / "w.json").write_text(json.dumps(workspace), encoding="utf-8")
    text = node(
        str(HERE / "js" / "run_workspace_tools.js"),
        "ics",
        str(tmp_path / "data.json"),
        str(tmp_path / "w.json"),
        "2026-09-01T10:00:00.000Z",
    )
    events = {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    first, second = events["r1-claim-by@coop-portal"], events["r2-resolution@coop-portal"]
    assert str(first["SUMMARY"]) == "Claim by: " + name
    assert first.decoded("DTEND") == datetime(2026, 11, 14, 23, 59, 59, tzinfo=UTC)
    assert second.decoded("DTEND") == datetime(2027, 3, 31, 23, 59, 59, tzinfo=UTC)
    for event in events.values():
        assert event.decoded("DTEND") > event.decoded("DTSTART")


def test_workspace_data_carries_each_activity_s_checklist_and_caps() -> None:
    """The page's data names every activity with its portal checklist and its caps as figures,
    and the retention months and threshold of the rules."""
    activities = DATA["activities"]
    assert set(activities) == {a.id for a in RULES.activities}
    for activity in RULES.activities:
        found = activities[activity.id]
        assert found["name"] == activity.name
        assert [s["entries"] for s in found["checklist"]["sections"]]
        assert [c["id"] for c in found["caps"]] == [c.id for c in activity.caps]
    capped = [c for a in activities.values() for c in a["caps"] if "percentOfCoop" in c]
    assert capped
    assert DATA["retentionMonths"] == RULES.money.poe_retention.months
    assert DATA["threshold"] == RULES.money.coop_threshold.amount
