"""Fiscal-half arithmetic: labels like FY24H1, their dates, and the deadlines the rule gives.

Microsoft's fiscal year starts on 1 July and is named by the calendar year in which
it ends, so FY24H1 is Jul-Dec 2023 and FY24H2 is Jan-Jun 2024.  The month and day
boundaries come from rules.yaml's calendar, not from constants here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .model import Calendar, MonthDay

_LABEL = re.compile(r"^FY([0-9]{2})(H[12])$")


@dataclass(frozen=True, order=True)
class Half:
    """One fiscal half: the fiscal year (e.g. 2024) and 'H1' or 'H2'."""

    fiscal_year: int
    half: str

    @classmethod
    def parse(cls, label: str) -> Half:
        match = _LABEL.match(label)
        if not match:
            raise ValueError(f"not a fiscal half label: {label!r}")
        return cls(2000 + int(match.group(1)), match.group(2))

    @property
    def label(self) -> str:
        return f"FY{self.fiscal_year % 100:02d}{self.half}"

    def next(self) -> Half:
        if self.half == "H1":
            return Half(self.fiscal_year, "H2")
        return Half(self.fiscal_year + 1, "H1")

    def previous(self) -> Half:
        if self.half == "H2":
            return Half(self.fiscal_year, "H1")
        return Half(self.fiscal_year - 1, "H2")


@dataclass(frozen=True)
class ExpectedPeriod:
    earning: Half
    earning_start: date
    earning_end: date
    usage: Half
    usage_start: date
    usage_end: date
    claim_deadline: date
    resolution_deadline: date


def _on(year: int, md: MonthDay) -> date:
    return date(year, md.month, md.day)


def half_dates(half: Half, calendar: Calendar) -> tuple[date, date]:
    """First and last day of a fiscal half, from the calendar's month/day boundaries."""
    definition = next(h for h in calendar.halves if h.id == half.half)
    fy_start = calendar.fiscal_year_start
    # Months before the fiscal year's start month belong to the calendar year the FY is named by.
    start_year = half.fiscal_year - (1 if definition.start.month >= fy_start.month else 0)
    start = _on(start_year, definition.start)
    end_year = start_year + (1 if definition.end.month < definition.start.month else 0)
    return start, _on(end_year, definition.end)


def half_of(day: date, calendar: Calendar) -> Half:
    """The fiscal half that contains ``day``."""
    for fiscal_year in (day.year, day.year + 1):
        for definition in calendar.halves:
            half = Half(fiscal_year, definition.id)
            start, end = half_dates(half, calendar)
            if start <= day <= end:
                return half
    raise ValueError(f"the calendar's halves do not cover {day.isoformat()}")


def next_on_or_after(day: date, md: MonthDay) -> date:
    """The first date strictly after ``day`` that falls on month/day ``md``."""
    candidate = _on(day.year, md)
    return candidate if candidate > day else _on(day.year + 1, md)


def expected_period(earning: Half, calendar: Calendar) -> ExpectedPeriod:
    """Every date of the period earned in ``earning``, as the calendar rule gives it."""
    earning_start, earning_end = half_dates(earning, calendar)
    usage = earning.next()
    usage_start, usage_end = half_dates(usage, calendar)
    rule = next(r for r in calendar.deadlines if r.usage_half == usage.half)
    claim = next_on_or_after(usage_end, rule.claim_deadline)
    resolution = next_on_or_after(claim, rule.resolution_deadline)
    return ExpectedPeriod(
        earning, earning_start, earning_end, usage, usage_start, usage_end, claim, resolution
    )


def days_between(first: date, second: date) -> int:
    return (second - first).days


def day_after(day: date) -> date:
    return day + timedelta(days=1)
