"""The workspace's date and money rules in Python, and the data its page scripts read.

These are the twins of ``static/assets/coop-portal/modules/`` (dates.js, money.js and the
dashboard of workspace.js): both run ``tests/workspace_vectors.json``, so a partner's
claim-by dates, threshold outcomes and remaining funds are the same on the page and in
the generator. Periods come from ``timing.period_for`` (published rows first, the calendar
rule past them); nothing here repeats a month or a day.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .checklists import activity_checklist
from .model import Rules
from .periods import Half, half_dates, half_of
from .timing import PeriodDates, period_for, portal_data

STAGES = ("plan", "draft", "review", "action", "approved", "paid", "closed")
"""Where a claim stands, in order: the rules' stages with the workspace's own "plan" first."""

PLANNING_STATUSES: tuple[dict[str, Any], ...] = (
    {
        "id": "planned",
        "name": "Planned",
        "aliases": [],
        "stage": "plan",
        "meaning": "The activity is planned and money is set aside for it.",
    },
    {
        "id": "in-progress",
        "name": "In progress",
        "aliases": [],
        "stage": "plan",
        "meaning": "The activity is running; collect proof as it happens.",
    },
    {
        "id": "gathering-proof",
        "name": "Gathering proof",
        "aliases": [],
        "stage": "plan",
        "meaning": "The activity is over; put the proof together and create the claim.",
    },
)
"""The workspace's own statuses before a claim exists in Partner Center."""

FORFEITED: dict[str, Any] = {
    "id": "forfeited",
    "name": "Forfeited",
    "aliases": [],
    "stage": "closed",
    "meaning": "The claim was not submitted by the claim deadline, so its money is lost.",
}


def workspace_statuses(rules: Rules) -> list[dict[str, Any]]:
    """Every status a workspace claim can have, in stage order: the planning statuses, the
    rules' claim statuses, and "forfeited"."""
    from_rules = [
        {
            "id": s.id,
            "name": s.name,
            "aliases": list(s.aliases),
            "stage": s.stage,
            "meaning": s.meaning,
        }
        for s in rules.claim_process.statuses
    ]
    found = [dict(s) for s in PLANNING_STATUSES] + from_rules + [dict(FORFEITED)]
    return sorted(found, key=lambda s: STAGES.index(s["stage"]))


def to_cents(value: float) -> int:
    """Whole cents of an amount, half away from zero (money.js ``toCents``)."""
    cents = (Decimal(repr(abs(value))) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return int(cents) * (-1 if value < 0 else 1)


def period_of_usage(label: str, rules: Rules) -> PeriodDates:
    """The period spent in a usage half such as FY27H1 (published, else calculated)."""
    start, _ = half_dates(Half.parse(label), rules.calendar)
    return period_for(start, rules)


def spend_in(day: date, rules: Rules) -> str:
    """The usage half in which co-op earned on ``day`` is spent: the half after its own."""
    return half_of(day, rules.calendar).next().label


@dataclass(frozen=True)
class ActivityTiming:
    """Where an activity stands against a usage period (dates.js ``activityTiming``)."""

    status: str  # "ok", "end-before-start", "spans-periods" or "outside-period"
    period: str
    calculated: bool
    starts_before: bool
    ends_after: bool
    claim_by: date
    claim_deadline: date
    resolution_deadline: date


def activity_timing(
    start: date, end: date, rules: Rules, usage: str | None = None
) -> ActivityTiming:
    """An activity against the usage period named (else the one it starts in): whether it
    fits, and its claim-by date, the earlier of end + the advised days and the deadline."""
    period = period_of_usage(usage, rules) if usage else period_for(start, rules)
    ok = end >= start
    spans = ok and period_for(start, rules).usage_half != period_for(end, rules).usage_half
    before, after = ok and start < period.usage_start, ok and end > period.usage_end
    advice = end + timedelta(days=rules.calendar.claim_within_days_of_activity_end.days)
    status = "ok"
    if not ok:
        status = "end-before-start"
    elif spans:
        status = "spans-periods"
    elif before or after:
        status = "outside-period"
    return ActivityTiming(
        status,
        period.usage_half,
        period.calculated,
        before,
        after,
        min(advice, period.claim_deadline) if ok else period.claim_deadline,
        period.claim_deadline,
        period.resolution_deadline,
    )


def threshold_met(coop_cents: int, rules: Rules) -> bool:
    """Whether co-op earned in one earning half reaches the threshold (else it is rebate)."""
    return coop_cents >= to_cents(rules.money.coop_threshold.amount)


def status_key(text: str) -> str:
    """A status as written ('Gathering proof', 'gathering_proof') in its id's spelling."""
    return re.sub(r"[\s_]+", "-", text.strip().lower())


def stage_of(status: str, rules: Rules) -> str:
    """The stage of a status found by id, name or alias; an unknown one counts as "plan"."""
    for entry in workspace_statuses(rules):
        names = (entry["id"], entry["name"], *entry["aliases"])
        if status_key(status) in {status_key(n) for n in names}:
            return str(entry["stage"])
    return "plan"


def committed_cents(claim: Mapping[str, Any], stage: str) -> int:
    """What a claim holds of its period's funds (workspace.js ``committedCents``)."""
    if stage == "closed":
        return 0
    picks: list[Any] = []
    if stage in ("approved", "paid"):
        picks = [claim.get("approved"), claim.get("claimed")]
    elif stage in ("review", "action"):
        picks = [claim.get("claimed")]
    value = next(
        (x for x in picks if isinstance(x, int | float) and not isinstance(x, bool)),
        claim["amount"],
    )
    return to_cents(float(value))


@dataclass(frozen=True)
class Remaining:
    cents: int  # negative when the claims hold more than the funds
    forfeit_on: date  # the usage period's claim deadline: what remains then is lost


def remaining(
    available: float, claims: Iterable[Mapping[str, Any]], usage: str, rules: Rules
) -> Remaining:
    """The funds of a usage period that no claim holds yet, and the day they are forfeited."""
    held = sum(committed_cents(c, stage_of(str(c["status"]), rules)) for c in claims)
    return Remaining(to_cents(available) - held, period_of_usage(usage, rules).claim_deadline)


def keep_until(usage: str, rules: Rules) -> date:
    """Until when a claim's proof is kept: the retention months from the later of the end of
    the earning period and the claim deadline."""
    period = period_of_usage(usage, rules)
    return add_months(
        max(period.earning_end, period.claim_deadline), rules.money.poe_retention.months
    )


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the last day of a shorter month (dates.js)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def _default_fund(rules: Rules) -> str:
    """The fund category a claim form offers first (the note of its fund-category field)."""
    for step in rules.claim_process.steps:
        for field in step.fields:
            if field.id == "fund-category" and field.note:
                return str(field.note)
    return "Default"


def workspace_data(rules: Rules) -> dict[str, Any]:
    """What the workspace page's scripts read: the timing and money facts, the statuses in
    order, the retention months, and each activity's name, checklist and caps."""
    return {
        **portal_data(rules),
        "statuses": workspace_statuses(rules),
        "openStatuses": list(rules.claim_process.resolution.open_statuses),
        "unresolvedStatus": rules.claim_process.resolution.unresolved_status,
        "retentionMonths": rules.money.poe_retention.months,
        "defaultFund": _default_fund(rules),
        "retentionFrom": rules.money.poe_retention.counted_from,
        "activities": {
            a.id: {
                "name": a.name,
                "checklist": activity_checklist(rules, a).to_data(),
                "caps": [
                    {
                        "id": cap.id,
                        "text": cap.text,
                        "percent_of_coop": cap.percent_of_coop,
                        "amount_usd": cap.amount_usd,
                    }
                    for cap in a.caps
                ],
            }
            for a in rules.activities
        },
    }
