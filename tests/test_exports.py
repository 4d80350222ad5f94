"""Exports read back: the ICS with icalendar, the CSV and JSON against the model; and
reproducible to the byte."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar

from generator.exports import activities_csv, build_exports, deadlines_ics
from generator.loader import load_rules
from generator.model import Rules
from generator.schema import schema_text

from .conftest import ROOT

RULES = load_rules(ROOT / "rules.yaml").rules


def test_ics_has_every_deadline_at_its_exact_utc_cutoff_with_reminders() -> None:
    """One event per claim and resolution deadline, 23:59:59 UTC, stable UIDs, two alarms."""
    calendar = Calendar.from_ical(deadlines_ics(RULES))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 * len(RULES.periods)
    by_uid = {str(e["UID"]): e for e in events}
    for period in RULES.periods:
        for kind, day in (
            ("claim", period.claim_deadline),
            ("resolution", period.resolution_deadline),
        ):
            event = by_uid[f"{kind}-{period.id}@coop-portal"]
            start = event.decoded("DTSTART")
            assert start == datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)
            triggers = sorted(a.decoded("TRIGGER") for a in event.walk("VALARM"))
            assert triggers == [-timedelta(days=21), -timedelta(days=3)]


def test_csv_has_one_row_per_activity_matching_the_model() -> None:
    """The CSV rows carry each activity's category, POE and expenses."""
    rows = list(csv.DictReader(io.StringIO(activities_csv(RULES))))
    assert [r["id"] for r in rows] == [a.id for a in RULES.activities]
    for row, activity in zip(rows, RULES.activities, strict=True):
        assert row["category"] == activity.category
        poe = [p.text for p in activity.poe]
        cells = [row[f"poe_{k}"] for k in ("invoice", "communication", "metrics", "other")]
        assert sorted(t for cell in cells for t in cell.split(" | ") if t) == sorted(poe)
        expenses = row["expenses"].split(" | ") if row["expenses"] else []
        assert expenses == [e.name for e in activity.expenses]


def test_json_export_validates_back_into_the_same_rules() -> None:
    """rules.json is the whole published model: loading it gives the same published rules."""
    exports = build_exports(RULES, schema_text())
    again = Rules.model_validate_json(exports["exports/rules.json"], strict=False)
    assert again.model_dump() == RULES.model_dump()
    schema = json.loads(exports["exports/rules.schema.json"])
    assert schema["title"] == "Rules"


def test_exports_are_byte_identical_when_built_twice() -> None:
    """Two builds from the same rules give the same bytes for every export."""
    assert build_exports(RULES, schema_text()) == build_exports(
        load_rules(ROOT / "rules.yaml").rules, schema_text()
    )


def test_built_site_links_and_serves_the_exports(built_site: Path) -> None:
    """The site has the four exports and the home page links each of them."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    for name in ("rules.json", "rules.schema.json", "activities.csv", "deadlines.ics"):
        assert (built_site / "exports" / name).is_file()
        assert f'href="exports/{name}"' in home
