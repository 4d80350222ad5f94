"""One truth for two languages: the workspace's date and money rules run in Python
(generator/workspace.py) and in the browser modules (node), against the same vectors."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from icalendar import Calendar

from generator.loader import load_rules
from generator.periods import half_of
from generator.timing import period_for
from generator.workspace import (
    activity_timing,
    keep_until,
    remaining,
    spend_in,
    threshold_met,
    to_cents,
    workspace_data,
    workspace_statuses,
)

from .conftest import ROOT

HERE = Path(__file__).parent
VECTORS = json.loads((HERE / "workspace_vectors.json").read_text(encoding="utf-8"))
RULES = load_rules(ROOT / "rules.yaml").rules
DATA = workspace_data(RULES)


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def _day(text: str) -> date:
    return date.fromisoformat(text)


def node(*args: str) -> str:
    """Runs a script of tests/js with node and returns what it printed."""
    found = shutil.which("node")
    assert found is not None, "node is needed to run the workspace's browser modules."
    done = subprocess.run(
        [found, *args], capture_output=True, text=True, check=False, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def python_results() -> dict[str, list[Any]]:
    """The vectors run through generator/workspace.py, in the JSON shape node prints."""
    periods = []
    for v in VECTORS["period_of"]:
        day = _day(v["day"])
        p = period_for(day, RULES)
        periods.append(
            {
                "half": half_of(day, RULES.calendar).label,
                "usage_period": p.usage_half,
                "earning_period": p.earning_half,
                "claim_deadline": p.claim_deadline.isoformat(),
                "resolution_deadline": p.resolution_deadline.isoformat(),
                "calculated": p.calculated,
                "spend_in": spend_in(day, RULES),
            }
        )
    return {
        "period_of": periods,
        "claim_by": [
            {
                k: _iso(x)
                for k, x in asdict(
                    activity_timing(_day(v["start"]), _day(v["end"]), RULES, v.get("usage"))
                ).items()
            }
            for v in VECTORS["claim_by"]
        ],
        "threshold": [threshold_met(v["cents"], RULES) for v in VECTORS["threshold"]],
        "to_cents": [to_cents(v["value"]) for v in VECTORS["to_cents"]],
        "remaining": [
            {
                "cents": (r := remaining(v["available"], v["claims"], v["usage"], RULES)).cents,
                "forfeit_on": r.forfeit_on.isoformat(),
            }
            for v in VECTORS["remaining"]
        ],
        "keep_until": [keep_until(v["usage"], RULES).isoformat() for v in VECTORS["keep_until"]],
    }


def _compare(results: dict[str, list[Any]], side: str) -> None:
    for group, cases in VECTORS.items():
        if group == "about":
            continue
        assert len(results[group]) == len(cases), (side, group)
        for case, found in zip(cases, results[group], strict=True):
            assert found == case["expect"], f"{side}: {group} {case}"


def test_python_workspace_rules_match_the_shared_vectors() -> None:
    """generator/workspace.py gives the expected answer for every shared vector."""
    _compare(python_results(), "python")


def test_javascript_workspace_rules_match_the_shared_vectors(tmp_path: Path) -> None:
    """The browser modules give the same answers as Python for every shared vector."""
    data = tmp_path / "data.json"
    data.write_text(json.dumps(DATA), encoding="utf-8")
    out = node(
        str(HERE / "js" / "run_workspace_vectors.js"),
        str(HERE / "workspace_vectors.json"),
        str(data),
    )
    _compare(json.loads(out), "javascript")


def test_vectors_cover_both_sides_of_each_rule() -> None:
    """Threshold at a cent under and at the amount; published and calculated periods, before
    and after the table; half-year boundaries; the claim deadline and the advised days each
    deciding the claim-by date; funds left over and overspent."""
    threshold = to_cents(RULES.money.coop_threshold.amount)
    cents = {v["cents"] for v in VECTORS["threshold"]}
    assert {threshold - 1, threshold} <= cents
    calculated = [v["day"] for v in VECTORS["period_of"] if v["expect"]["calculated"]]
    first = RULES.periods[0].usage.start.isoformat()
    last = max(p.usage.end for p in RULES.periods).isoformat()
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
    planning statuses and before "forfeited"."""
    found = [s["id"] for s in workspace_statuses(RULES)]
    assert found[:3] == ["planned", "in-progress", "gathering-proof"]
    assert found[-1] == "forfeited"
    assert set(found[3:-1]) == {s.id for s in RULES.claim_process.statuses}
    stages = [s["stage"] for s in workspace_statuses(RULES)]
    order = ["plan", "draft", "review", "action", "approved", "paid", "closed"]
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
    capped = [c for a in activities.values() for c in a["caps"] if c["percent_of_coop"] is not None]
    assert capped
    assert DATA["retentionMonths"] == RULES.money.poe_retention.months
    assert DATA["threshold"] == RULES.money.coop_threshold.amount
