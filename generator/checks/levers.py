"""Levers and the worked example: splits, rates, and the example's rows and totals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from functools import partial

from ..domain import effective_split, example_month_sums
from ..errors import Loc
from ..model import Rules, Split
from ..periods import Half, half_dates
from ..render import money, percent
from .registry import Issue, check, issue


def _split_total(split: Split) -> float:
    return split.rebate_percent + split.coop_percent


def _split_text(split: Split) -> str:
    return f"{percent(split.rebate_percent)} rebate / {percent(split.coop_percent)} co-op"


@check("split-100", "Rebate and co-op shares add up to 100%")
def _split_100(rules: Rules) -> Iterator[Issue]:
    splits: list[tuple[Loc, Split, str]] = [
        (("worked_example", "split"), rules.worked_example.split, rules.worked_example.id)
    ]
    for e_index, engagement in enumerate(rules.engagements):
        splits.append((("engagements", e_index, "split"), engagement.split, engagement.id))
        for l_index, lever in enumerate(engagement.levers):
            if lever.split is not None:
                splits.append(
                    (("engagements", e_index, "levers", l_index, "split"), lever.split, lever.id)
                )
    for loc, split, owner in splits:
        if abs(_split_total(split) - 100) > 1e-9:
            yield issue(
                owner,
                loc,
                f"expected rebate_percent + coop_percent = 100, but got "
                f"{percent(split.rebate_percent)} + {percent(split.coop_percent)} = "
                f"{percent(_split_total(split))}",
                "Check both shares against the source table.",
            )


RATE_RANGE = (0.5, 50.0)


@check("rate-range", "Lever rates are plausible percentages")
def _rate_range(rules: Rules) -> Iterator[Issue]:
    low, high = RATE_RANGE
    for e_index, engagement in enumerate(rules.engagements):
        for l_index, lever in enumerate(engagement.levers):
            if not low <= lever.rate_percent <= high:
                yield issue(
                    lever.id,
                    ("engagements", e_index, "levers", l_index, "rate_percent"),
                    f"expected a rate between {percent(low)} and {percent(high)}, but got "
                    f"{percent(lever.rate_percent)}",
                    "Rates are percentages: write 4 for 4%, not 0.04.",
                )


@check("example-shape", "The worked example covers its earning half month by month")
def _example_shape(rules: Rules) -> Iterator[Issue]:
    example = rules.worked_example
    base: Loc = ("worked_example",)
    earning = Half.parse(example.earning_half)
    start, end = half_dates(earning, rules.calendar)
    expected_months = []
    month = start
    while month <= end:
        expected_months.append(f"{month.year:04d}-{month.month:02d}")
        month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    if list(example.months) != expected_months:
        yield issue(
            example.id,
            (*base, "months"),
            f"expected the months of {example.earning_half} ({', '.join(expected_months)}), "
            f"but got {', '.join(example.months)}",
            "List every month of the earning half in order.",
        )
    if example.usage_half != earning.next().label:
        yield issue(
            example.id,
            (*base, "usage_half"),
            f"expected the half after {example.earning_half} ({earning.next().label}), "
            f"but got {example.usage_half}",
            "Co-op earned in one half is used in the next.",
        )
    if example.stated_accrued_by != end:
        yield issue(
            example.id,
            (*base, "stated_accrued_by"),
            f"expected the last day of {example.earning_half} ({end}), "
            f"but got {example.stated_accrued_by}",
            "The example accrues up to the end of its earning half.",
        )
    count = len(example.months)
    columns = [("rebate", i, r.rebate) for i, r in enumerate(example.rows)] + [
        ("coop", i, r.coop) for i, r in enumerate(example.rows)
    ]
    columns_totals = [
        ("stated_monthly_rebate", None, example.stated_monthly_rebate),
        ("stated_monthly_coop", None, example.stated_monthly_coop),
    ]
    for name, index, values in [*columns, *columns_totals]:
        if len(values) != count:
            loc: Loc = (*base, "rows", index, name) if index is not None else (*base, name)
            yield issue(
                example.id,
                loc,
                f"expected one amount per month ({count}), but got {len(values)}",
                "Add or remove amounts so each column lines up with months.",
            )


@check("example-split", "Each row of the worked example follows the split", acknowledgeable=True)
def _example_split(rules: Rules) -> Iterator[Issue]:
    example = rules.worked_example
    cash = partial(money, currency=rules.currency)
    for index, row in enumerate(example.rows):
        loc: Loc = ("worked_example", "rows", index)
        lever_split = effective_split(rules, row.lever)
        if lever_split is not None and lever_split != example.split:
            yield issue(
                f"{example.id}/{row.lever}",
                (*loc, "lever"),
                f"expected a lever with the example's split ({_split_text(example.split)}), "
                f"but '{row.lever}' splits {_split_text(lever_split)}",
                "Point the row at the right lever, or acknowledge the source's error.",
            )
        for m_index, (rebate, coop) in enumerate(zip(row.rebate, row.coop, strict=False)):
            total = rebate + coop
            expected = round(total * example.split.coop_percent / 100, 2)
            if total and abs(coop - expected) > 0.005:
                yield issue(
                    f"{example.id}/{row.lever}/{example.months[m_index]}",
                    (*loc, "coop", m_index),
                    f"expected {percent(example.split.coop_percent)} of {cash(total)} "
                    f"= {cash(expected)} co-op, but got {cash(coop)}",
                    "Check the row's rebate and co-op amounts against the source.",
                )


@check(
    "example-totals",
    "The worked example's stated totals equal the sum of its rows",
    acknowledgeable=True,
)
def _example_totals(rules: Rules) -> Iterator[Issue]:
    example = rules.worked_example
    cash = partial(money, currency=rules.currency)
    base: Loc = ("worked_example",)
    for kind, stated in (
        ("rebate", example.stated_monthly_rebate),
        ("coop", example.stated_monthly_coop),
    ):
        sums = example_month_sums(rules, kind)
        for m_index, month in enumerate(example.months):
            if m_index < len(stated) and abs(sums[m_index] - stated[m_index]) > 0.005:
                yield issue(
                    f"{example.id}/{kind}/{month}",
                    (*base, f"stated_monthly_{kind}", m_index),
                    f"expected the {month} {kind} total to equal its rows "
                    f"({cash(sums[m_index])}), "
                    f"but the source states {cash(stated[m_index])}",
                    "Keep the stated figure and acknowledge it in a source note.",
                )
    total = sum(sum(r.coop) for r in example.rows)
    if abs(total - example.stated_total_coop) > 0.005:
        yield issue(
            f"{example.id}/total-coop",
            (*base, "stated_total_coop"),
            f"expected the stated co-op total to equal the sum of the rows ({cash(total)}), "
            f"but the source states {cash(example.stated_total_coop)}",
            "Keep the stated figure and acknowledge it in a source note.",
        )


@check(
    "lever-editions",
    "Each later edition of the rates follows the one before and names known levers",
)
def _lever_editions(rules: Rules) -> Iterator[Issue]:
    low, high = RATE_RANGE
    engagements = {e.id for e in rules.engagements}
    levers = {lv.id for e in rules.engagements for lv in e.levers}
    previous = ""
    for e_index, edition in enumerate(rules.lever_editions):
        base: Loc = ("lever_editions", e_index)
        if edition.earning_from <= previous:
            yield issue(
                edition.id,
                (*base, "earning_from"),
                f"expected an earning period after {previous} (the edition before), but got "
                f"{edition.earning_from}",
                "List editions oldest first; each applies until the next one's first period.",
            )
        previous = edition.earning_from
        seen: set[str] = set()
        for c_index, change in enumerate(edition.changes):
            loc: Loc = (*base, "changes", c_index)
            if change.lever in seen:
                yield issue(
                    f"{edition.id}/{change.lever}",
                    (*loc, "lever"),
                    f"expected one change per lever, but '{change.lever}' is changed again",
                    "Merge the two changes into one.",
                )
            seen.add(change.lever)
            if change.removed and (change.rate_percent is not None or change.engagement):
                yield issue(
                    f"{edition.id}/{change.lever}",
                    (*loc, "rate_percent" if change.rate_percent is not None else "engagement"),
                    "expected only a note and sources on a removed lever, but got a rate or "
                    "an engagement",
                    "Drop `removed: true`, or the rate and engagement.",
                )
            if change.lever not in levers:
                if change.removed:
                    yield issue(
                        f"{edition.id}/{change.lever}",
                        (*loc, "lever"),
                        f"expected a lever id to remove, but got '{change.lever}', which no "
                        "edition before has",
                        "Use the id of a lever of an earlier edition.",
                    )
                elif change.engagement not in engagements or not change.name:
                    yield issue(
                        f"{edition.id}/{change.lever}",
                        (*loc, "engagement"),
                        f"expected a new lever '{change.lever}' to name its engagement (one of "
                        f"{', '.join(sorted(engagements))}) and its name, but got "
                        f"{change.engagement!r} and {change.name!r}",
                        "A new lever needs `engagement`, `name` and `rate_percent`; a changed "
                        "one needs the id of an existing lever.",
                    )
                elif change.rate_percent is None:
                    yield issue(
                        f"{edition.id}/{change.lever}",
                        (*loc, "rate_percent"),
                        "expected a rate for the new lever, but got none",
                        "Write the rate as a percentage (7.5 for 7.5%).",
                    )
                levers.add(change.lever)
            elif change.engagement:
                yield issue(
                    f"{edition.id}/{change.lever}",
                    (*loc, "engagement"),
                    f"expected no engagement on a change of the existing lever '{change.lever}', "
                    f"but got '{change.engagement}'",
                    "A lever keeps its engagement; add a new lever with a new id instead.",
                )
            if change.rate_percent is not None and not low <= change.rate_percent <= high:
                yield issue(
                    f"{edition.id}/{change.lever}",
                    (*loc, "rate_percent"),
                    f"expected a rate between {percent(low)} and {percent(high)}, but got "
                    f"{percent(change.rate_percent)}",
                    "Rates are percentages: write 4 for 4%, not 0.04.",
                )
