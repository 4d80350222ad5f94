"""The exact instant a deadline ends, for the build's own files (the deadlines calendar).

Every other date rule (the period of a day, claim-by dates, days left, deadline status,
payment windows) belongs to the browser's pure modules (``static/assets/coop-portal/
modules/dates.js``), whose golden cases are ``tests/vectors.json`` and
``tests/workspace_vectors.json``, run by node.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from .model import Rules


def cutoff(day: date, rules: Rules) -> datetime:
    """The exact instant a deadline ends: its date at the calendar's UTC cut-off time."""
    return datetime.combine(day, time.fromisoformat(rules.calendar.cutoff_time_utc), tzinfo=UTC)
