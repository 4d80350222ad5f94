"""Rules to machine-readable files: JSON (with its schema), CSV of activities, ICS deadlines.

Each export is a pure function of the rules and is byte-for-byte reproducible: keys
are sorted, nothing depends on the clock (the calendar's DTSTAMP is the rules'
``updated`` date), and UIDs are built from stable ids.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime, time, timedelta

from icalendar import Alarm, Calendar, Event

from .model import Rules
from .timing import cutoff

REMINDERS = (timedelta(days=21), timedelta(days=3))
UID_DOMAIN = "coop-portal"


def rules_json(rules: Rules) -> str:
    """The whole validated rules as JSON; rules.schema.json describes it."""
    data = rules.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


CSV_COLUMNS = (
    "id",
    "name",
    "category",
    "category_name",
    "preapproval_required",
    "core_requirements_apply",
    "microsoft_content",
    "poe_invoice",
    "poe_communication",
    "poe_metrics",
    "poe_other",
    "expenses",
    "aliases",
    "sources",
)


def activities_csv(rules: Rules) -> str:
    """One row per activity; lists inside a cell are separated by ' | '."""
    categories = {c.id: c.name for c in rules.categories}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for a in rules.activities:
        poe = {
            kind: [p.text for p in a.poe if p.kind == kind]
            for kind in ("invoice", "communication", "metrics", "other")
        }
        writer.writerow(
            [
                a.id,
                a.name,
                a.category,
                categories[a.category],
                "yes" if a.preapproval_required else "no",
                "yes" if a.core_requirements_apply else "no",
                " | ".join(f"{s.fund} {s.minimum_percent:g}%" for s in a.microsoft_content),
                " | ".join(poe["invoice"]),
                " | ".join(poe["communication"]),
                " | ".join(poe["metrics"]),
                " | ".join(poe["other"]),
                " | ".join(e.name for e in a.expenses),
                " | ".join(a.aliases),
                " | ".join(f"{c.source}" + (f" ({c.at})" if c.at else "") for c in a.sources),
            ]
        )
    return out.getvalue()


def deadlines_ics(rules: Rules) -> bytes:
    """Every claim and resolution deadline as an event at its exact UTC cut-off."""
    calendar = Calendar()
    calendar.add("prodid", "-//coop-portal//co-op deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{rules.title}: claim deadlines")
    stamp = datetime.combine(rules.updated, time(0, 0), tzinfo=UTC)
    for period in rules.periods:
        for kind, day, what in (
            ("claim", period.claim_deadline, "Last moment to submit co-op claims"),
            ("resolution", period.resolution_deadline, "Last moment to resolve open co-op claims"),
        ):
            at = cutoff(day, rules)
            event = Event()
            event.add("uid", f"{kind}-{period.id}@{UID_DOMAIN}")
            event.add("dtstamp", stamp)
            event.add("dtstart", at)
            event.add("dtend", at)
            event.add("summary", f"Co-op {kind} deadline, usage period {period.usage.half}")
            event.add(
                "description",
                f"{what} for the usage period {period.usage.start.isoformat()} to "
                f"{period.usage.end.isoformat()} ({period.usage.half}, co-op earned in "
                f"{period.earning.half}). Cut-off {rules.calendar.cutoff_time_utc} UTC. "
                f"Rules version {rules.rules_version}.",
            )
            event.add("transp", "TRANSPARENT")
            for before in REMINDERS:
                alarm = Alarm()
                alarm.add("action", "DISPLAY")
                alarm.add("trigger", -before)
                alarm.add(
                    "description",
                    f"Co-op {kind} deadline in {before.days} days ({day.isoformat()})",
                )
                event.add_component(alarm)
            calendar.add_component(event)
    return bytes(calendar.to_ical())


def build_exports(rules: Rules, schema: str) -> dict[str, bytes]:
    """Every export as ``{path: bytes}`` under exports/."""
    return {
        "exports/rules.json": rules_json(rules).encode("utf-8"),
        "exports/rules.schema.json": schema.encode("utf-8"),
        "exports/activities.csv": activities_csv(rules).encode("utf-8"),
        "exports/deadlines.ics": deadlines_ics(rules),
    }
