"""Timing and money rules for one person's situation: which period, how long left, how much.

These are the Python twins of ``static/assets/coop-portal/rules.js``.  Both are
run against ``tests/vectors.json`` so the page and the generator cannot drift.
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

from .checks import coop_payment_window, effective_split
from .model import Period, Rules


def cutoff(day: date, rules: Rules) -> datetime:
    """The exact instant a deadline ends: its date at the calendar's UTC cut-off time."""
    return datetime.combine(day, time.fromisoformat(rules.calendar.cutoff_time_utc), tzinfo=UTC)


def period_for(day: date, rules: Rules) -> Period | None:
    """The period whose usage half contains ``day``, if rules.yaml has one."""
    return next((p for p in rules.periods if p.usage.start <= day <= p.usage.end), None)


def current_period(now: datetime, zone: str, rules: Rules) -> Period | None:
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
class NextDeadline:
    period: str
    kind: str  # "claim" or "resolution"
    day: date
    cutoff_utc: datetime
    days_left: int


def next_deadlines(now: datetime, zone: str, rules: Rules) -> list[NextDeadline]:
    """The next claim deadline and the next resolution deadline not yet past at ``now``."""
    found: list[NextDeadline] = []
    for kind in ("claim", "resolution"):
        days = sorted(
            (getattr(p, f"{kind}_deadline"), p.id)
            for p in rules.periods
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

    status: str  # "ok", "spans-periods", "outside-periods", "end-before-start"
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
    if first is None or last is None:
        return Timing(
            "outside-periods",
            period=first.id if first else None,
            second_period=last.id if last else None,
        )
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
    calendar = rules.calendar
    return {
        "rulesVersion": rules.rules_version,
        "cutoffUtc": calendar.cutoff_time_utc,
        "claimWithinDays": calendar.claim_within_days_of_activity_end.days,
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
            }
            for p in rules.periods
        ],
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
    return {"months": list(example.months), "revenue": revenue}
