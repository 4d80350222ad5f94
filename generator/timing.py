"""Timing and money rules for one person's situation: which period, how long left, how much.

These are the Python twins of the pure functions in ``static/assets/coop-portal/modules/``
(``dates.js``, ``estimate.js``);
both run against ``tests/vectors.json`` so the page and the generator cannot drift.
``portal_data`` is the small JSON the page's scripts read; it carries only facts
from rules.yaml, never anything computed from the build date.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from .domain import coop_payment_window, effective_split
from .model import MonthDay, Period, Rules
from .periods import Half, expected_period, half_of


def cutoff(day: date, rules: Rules) -> datetime:
    """The exact instant a deadline ends: its date at the calendar's UTC cut-off time."""
    return datetime.combine(day, time.fromisoformat(rules.calendar.cutoff_time_utc), tzinfo=UTC)


WARN_DAYS = 14
"""A deadline this many local days away or fewer is announced as close."""

CALCULATED = "calculated from the usual dates; not yet confirmed by Microsoft"
"""How the portal marks dates that come from the calendar rule, not from a published table."""


@dataclass(frozen=True)
class PeriodDates:
    """One period's dates, from the published table or, past it, from the calendar rule."""

    id: str
    earning_half: str
    earning_start: date
    earning_end: date
    usage_half: str
    usage_start: date
    usage_end: date
    claim_deadline: date
    resolution_deadline: date
    calculated: bool = False  # no published row: every date comes from the calendar rule
    derived: tuple[str, ...] = ()  # fields of a published row worked out from the rule


def _published(p: Period) -> PeriodDates:
    return PeriodDates(
        p.id,
        p.earning.half,
        p.earning.start,
        p.earning.end,
        p.usage.half,
        p.usage.start,
        p.usage.end,
        p.claim_deadline,
        p.resolution_deadline,
        derived=tuple(p.derived),
    )


def _calculated(earning: Half, rules: Rules) -> PeriodDates:
    e = expected_period(earning, rules.calendar)
    return PeriodDates(
        earning.label.lower(),
        earning.label,
        e.earning_start,
        e.earning_end,
        e.usage.label,
        e.usage_start,
        e.usage_end,
        e.claim_deadline,
        e.resolution_deadline,
        calculated=True,
    )


def period_for(day: date, rules: Rules) -> PeriodDates:
    """The period whose usage half contains ``day``: the published row if rules.yaml has one,
    else the one the calendar rule gives (so the tracker never runs out of periods)."""
    published = next((p for p in rules.periods if p.usage.start <= day <= p.usage.end), None)
    if published is not None:
        return _published(published)
    return _calculated(half_of(day, rules.calendar).previous(), rules)


def periods_near(day: date, rules: Rules) -> list[PeriodDates]:
    """Every published period, plus calculated ones for the usage halves before, at and after
    ``day`` that the table lacks, in date order."""
    published = {p.earning.half for p in rules.periods}
    found = [_published(p) for p in rules.periods]
    usage = half_of(day, rules.calendar)
    for half in (usage.previous(), usage, usage.next()):
        earning = half.previous()
        if earning.label not in published:
            found.append(_calculated(earning, rules))
    return sorted(found, key=lambda p: p.usage_start)


def current_period(now: datetime, zone: str, rules: Rules) -> PeriodDates:
    """The usage period of the viewer's local date."""
    return period_for(now.astimezone(ZoneInfo(zone)).date(), rules)


def days_left(now: datetime, deadline: date, zone: str, rules: Rules) -> int:
    """Whole local calendar days from the viewer's today to the cut-off's local date.

    0 means the cut-off falls later today; a negative number means it has passed
    (or, at 0, that it passed earlier today: check ``cutoff(...) <= now``).
    """
    tz = ZoneInfo(zone)
    today = now.astimezone(tz).date()
    return (cutoff(deadline, rules).astimezone(tz).date() - today).days


@dataclass(frozen=True)
class DeadlineStatus:
    state: str  # "passed", "soon" (WARN_DAYS local days or fewer left) or "open"
    days_left: int


def deadline_status(now: datetime, deadline: date, zone: str, rules: Rules) -> DeadlineStatus:
    """Whether a deadline has passed at ``now``, is close, or is still some way off."""
    left = days_left(now, deadline, zone, rules)
    if cutoff(deadline, rules) <= now:
        return DeadlineStatus("passed", left)
    return DeadlineStatus("soon" if left <= WARN_DAYS else "open", left)


@dataclass(frozen=True)
class NextDeadline:
    period: str
    kind: str  # "claim" or "resolution"
    day: date
    cutoff_utc: datetime
    days_left: int


def next_deadlines(now: datetime, zone: str, rules: Rules) -> list[NextDeadline]:
    """The next claim deadline and the next resolution deadline not yet past at ``now``."""
    periods = periods_near(now.astimezone(UTC).date(), rules)
    found: list[NextDeadline] = []
    for kind in ("claim", "resolution"):
        days = sorted(
            (getattr(p, f"{kind}_deadline"), p.id)
            for p in periods
            if cutoff(getattr(p, f"{kind}_deadline"), rules) > now
        )
        if days:
            day, period = days[0]
            found.append(
                NextDeadline(
                    period, kind, day, cutoff(day, rules), days_left(now, day, zone, rules)
                )
            )
    return found


@dataclass(frozen=True)
class Timing:
    """What the claim timing checker says about one activity."""

    status: str  # "ok", "spans-periods", "end-before-start"
    period: str | None = None
    second_period: str | None = None
    claim_by: date | None = None
    claim_deadline: date | None = None
    resolution_deadline: date | None = None


def claim_timing(start: date, end: date, rules: Rules) -> Timing:
    """Which usage period an activity falls in, and the date to claim by."""
    if end < start:
        return Timing("end-before-start")
    first, last = period_for(start, rules), period_for(end, rules)
    if first.id != last.id:
        return Timing("spans-periods", period=first.id, second_period=last.id)
    advice = end + timedelta(days=rules.calendar.claim_within_days_of_activity_end.days)
    return Timing(
        "ok",
        period=first.id,
        claim_by=min(advice, first.claim_deadline),
        claim_deadline=first.claim_deadline,
        resolution_deadline=first.resolution_deadline,
    )


def payment_window(approved: date, rules: Rules) -> tuple[date, date]:
    """When an approved co-op claim is expected to be paid."""
    return coop_payment_window(approved, rules)


@dataclass(frozen=True)
class Estimate:
    """Rebate and co-op per month and for the half, and what the threshold does to them."""

    rebate: list[float]
    coop: list[float]
    rebate_total: float
    coop_total: float
    threshold: float
    threshold_met: bool
    coop_to_claim: float
    rebate_with_conversion: float


def _cents(value: float) -> float:
    """Round half up to cents, exactly as the page's script does (Math.round)."""
    return math.floor((value + sys.float_info.epsilon) * 100 + 0.5) / 100


def estimate(revenue: Mapping[str, Sequence[float]], rules: Rules) -> Estimate:
    """Co-op estimate from monthly billed revenue per lever id (up to six months)."""
    months = max((len(v) for v in revenue.values()), default=0)
    rebate = [0.0] * months
    coop = [0.0] * months
    rates = {lv.id: lv.rate_percent for e in rules.engagements for lv in e.levers}
    for lever_id, amounts in revenue.items():
        split = effective_split(rules, lever_id)
        if split is None or lever_id not in rates:
            raise KeyError(f"unknown lever: {lever_id}")
        for i, amount in enumerate(amounts):
            earned = amount * rates[lever_id] / 100
            rebate[i] += earned * split.rebate_percent / 100
            coop[i] += earned * split.coop_percent / 100
    rebate = [_cents(x) for x in rebate]
    coop = [_cents(x) for x in coop]
    rebate_total, coop_total = _cents(sum(rebate)), _cents(sum(coop))
    threshold = rules.money.coop_threshold.amount
    met = coop_total >= threshold
    return Estimate(
        rebate,
        coop,
        rebate_total,
        coop_total,
        threshold,
        met,
        coop_total if met else 0.0,
        rebate_total if met else _cents(rebate_total + coop_total),
    )


def portal_data(rules: Rules) -> dict[str, Any]:
    """The facts the page scripts need, as plain JSON-ready data."""
    return {
        **timing_data(rules),
        "rulesVersion": rules.rules_version,
        "threshold": rules.money.coop_threshold.amount,
        "coopPayment": {
            "approvedByDay": rules.money.coop_payment.approved_by_day,
            "paidFromDay": rules.money.coop_payment.paid_from_day,
            "paidToDay": rules.money.coop_payment.paid_to_day,
        },
        "example": _example_revenue(rules),
        "levers": [
            {
                "id": lv.id,
                "name": lv.name,
                "engagement": e.name,
                "ratePercent": lv.rate_percent,
                "rebatePercent": split.rebate_percent,
                "coopPercent": split.coop_percent,
            }
            for e in rules.engagements
            for lv in e.levers
            if (split := effective_split(rules, lv.id)) is not None
        ],
    }


def _month_day(md: MonthDay) -> list[int]:
    return [md.month, md.day]


def timing_data(rules: Rules) -> dict[str, Any]:
    """The date facts alone (periods, calendar rule, forfeiture), for pages that only show
    deadlines; ``portal_data`` adds the money facts."""
    calendar = rules.calendar
    return {
        "cutoffUtc": calendar.cutoff_time_utc,
        "claimWithinDays": calendar.claim_within_days_of_activity_end.days,
        "warnDays": WARN_DAYS,
        "calculatedText": CALCULATED,
        "calendar": {
            "fiscalYearStart": _month_day(calendar.fiscal_year_start),
            "halves": [
                {"id": h.id, "start": _month_day(h.start), "end": _month_day(h.end)}
                for h in calendar.halves
            ],
            "deadlines": [
                {
                    "usageHalf": d.usage_half,
                    "claim": _month_day(d.claim_deadline),
                    "resolution": _month_day(d.resolution_deadline),
                }
                for d in calendar.deadlines
            ],
        },
        "forfeiture": {
            "claimDeadline": calendar.forfeiture.claim_deadline,
            "resolutionDeadline": calendar.forfeiture.resolution_deadline,
        },
        "periods": [
            {
                "id": p.id,
                "earningHalf": p.earning.half,
                "earningStart": p.earning.start.isoformat(),
                "earningEnd": p.earning.end.isoformat(),
                "usageHalf": p.usage.half,
                "usageStart": p.usage.start.isoformat(),
                "usageEnd": p.usage.end.isoformat(),
                "claimDeadline": p.claim_deadline.isoformat(),
                "resolutionDeadline": p.resolution_deadline.isoformat(),
                "derived": [_CAMEL[f] for f in p.derived],
            }
            for p in rules.periods
        ],
    }


_CAMEL = {
    "earning": "earning",
    "usage": "usage",
    "claim_deadline": "claimDeadline",
    "resolution_deadline": "resolutionDeadline",
}


def _example_revenue(rules: Rules) -> dict[str, Any]:
    """Billed revenue per lever and month that reproduces the worked example's rows."""
    rates = {lv.id: lv.rate_percent for e in rules.engagements for lv in e.levers}
    example = rules.worked_example
    revenue: dict[str, list[float]] = {}
    for row in example.rows:
        if not rates.get(row.lever):
            continue
        months = revenue.setdefault(row.lever, [0.0] * len(example.months))
        for i, (rebate, coop) in enumerate(zip(row.rebate, row.coop, strict=False)):
            months[i] = _cents(months[i] + (rebate + coop) * 100 / rates[row.lever])
    return {"earningHalf": example.earning_half, "months": list(example.months), "revenue": revenue}
