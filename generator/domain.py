"""Questions about the rules that several parts ask: look-ups by id, splits, sums, payment dates.

Pages, timing, checklists and the checks all ask these; none of them asks the others.
``lookup(rules)`` builds the index of one Rules object once and keeps it while the object lives.
"""

from __future__ import annotations

import calendar
import re
import weakref
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal
from types import MappingProxyType
from typing import Protocol, TypeVar

from .model import (
    Activity,
    Category,
    ContentFund,
    Engagement,
    Lever,
    Period,
    Rules,
    Source,
    Split,
)


class _HasId(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_HasId)


def normalize_name(name: str) -> str:
    """Compare names the way a reader would: case, punctuation and 'and'/'&' ignored."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " ")).split()
    return " ".join(w for w in words if w != "and")


def activity_index(activities: Sequence[Activity]) -> dict[str, list[int]]:
    """Map each normalised name and alias to the positions of the activities it names."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, activity in enumerate(activities):
        for name in {normalize_name(n) for n in [activity.name, *activity.aliases]}:
            index[name].append(position)
    return index


def _by_id(items: Sequence[_T]) -> MappingProxyType[str, _T]:
    return MappingProxyType({item.id: item for item in items})


@dataclass(frozen=True)
class Index:
    """Every entry that others refer to, by id. Where an id repeats (the checks report it),
    a lever is its first entry, anything else its last."""

    levers: MappingProxyType[str, tuple[Engagement, Lever]]
    periods: MappingProxyType[str, Period]
    activities: MappingProxyType[str, Activity]
    categories: MappingProxyType[str, Category]
    funds: MappingProxyType[str, ContentFund]
    sources: MappingProxyType[str, Source]
    activity_names: MappingProxyType[str, tuple[int, ...]]
    """Each normalised activity name and alias, to the positions of the activities it names."""


def _build(rules: Rules) -> Index:
    levers: dict[str, tuple[Engagement, Lever]] = {}
    for engagement in rules.engagements:
        for lever in engagement.levers:
            levers.setdefault(lever.id, (engagement, lever))
    names = activity_index(rules.activities)
    return Index(
        levers=MappingProxyType(levers),
        periods=_by_id(rules.periods),
        activities=_by_id(rules.activities),
        categories=_by_id(rules.categories),
        funds=_by_id(rules.content_funds),
        sources=_by_id(rules.sources),
        activity_names=MappingProxyType({k: tuple(v) for k, v in names.items()}),
    )


_INDEXES: dict[int, Index] = {}


def lookup(rules: Rules) -> Index:
    """The index of ``rules``, built on first use and dropped with the Rules object."""
    key = id(rules)
    index = _INDEXES.get(key)
    if index is None:
        index = _INDEXES[key] = _build(rules)
        weakref.finalize(rules, _INDEXES.pop, key, None)
    return index


def whole_cents(value: float) -> int:
    """Whole cents of an amount, by the portal's one rounding rule (money.js ``toCents``):
    the amount times 100, first to 6 decimals (so 1.005 counts as 100.5 cents, not
    100.49999...), then to a whole cent, half away from zero."""
    exact = Decimal(abs(value)) * 100
    six = exact.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)
    cents = int(six.quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return -cents if value < 0 else cents


def effective_split(rules: Rules, lever_id: str) -> Split | None:
    """A lever's own split, else its engagement's."""
    found = lookup(rules).levers.get(lever_id)
    if found is None:
        return None
    engagement, lever = found
    return lever.split or engagement.split


def example_month_sums(rules: Rules, kind: str) -> list[float]:
    """The worked example's rows added up month by month ("rebate" or "coop")."""
    example = rules.worked_example
    return [
        sum(getattr(r, kind)[i] for r in example.rows if i < len(getattr(r, kind)))
        for i in range(len(example.months))
    ]


def coop_payment_window(approved: date, rules: Rules) -> tuple[date, date]:
    """When a co-op claim approved on ``approved`` is paid, by the guidebook's rule."""
    rule = rules.money.coop_payment
    year, month = approved.year, approved.month
    if approved.day > rule.approved_by_day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, rule.paid_from_day), date(year, month, min(rule.paid_to_day, last))


def rebate_payment_date(earning_month: str, rules: Rules) -> date:
    """When the rebate earned in ``earning_month`` (YYYY-MM) is paid."""
    year, month = (int(part) for part in earning_month.split("-"))
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last_day = first_of_next - timedelta(days=1)
    return last_day + timedelta(days=rules.money.rebate_payment.days_after_earning_month)
