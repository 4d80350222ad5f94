"""The calendar, the periods, dates the sources state, and the payment examples."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from datetime import date

from ..domain import coop_payment_window, lookup, rebate_payment_date
from ..errors import Loc
from ..model import Rules
from ..periods import Half, day_after, days_between, expected_period, half_dates
from .registry import Issue, check, issue


@check("calendar", "The two halves tile the fiscal year, with one deadline rule each")
def _calendar(rules: Rules) -> Iterator[Issue]:
    calendar = rules.calendar
    ids = [h.id for h in calendar.halves]
    if sorted(ids) != ["H1", "H2"]:
        yield issue(
            "halves",
            ("calendar", "halves"),
            f"expected halves H1 and H2 once each, but got {', '.join(ids)}",
            "Define H1 and H2.",
        )
        return
    rules_for = [r.usage_half for r in calendar.deadlines]
    if sorted(rules_for) != ["H1", "H2"]:
        yield issue(
            "deadlines",
            ("calendar", "deadlines"),
            f"expected one deadline rule for H1 and one for H2, but got {', '.join(rules_for)}",
            "Give each usage half its claim and resolution deadline.",
        )
        return
    h1 = next(h for h in calendar.halves if h.id == "H1")
    if (h1.start.month, h1.start.day) != (
        calendar.fiscal_year_start.month,
        calendar.fiscal_year_start.day,
    ):
        yield issue(
            "H1",
            ("calendar", "halves", ids.index("H1"), "start"),
            "expected H1 to start on the fiscal year's first day, but it does not",
            "H1 is the first half of the fiscal year.",
        )
    try:
        a_start, a_end = half_dates(Half(2024, "H1"), calendar)
        b_start, b_end = half_dates(Half(2024, "H2"), calendar)
        c_start, _ = half_dates(Half(2025, "H1"), calendar)
    except ValueError as exc:
        yield issue(
            "dates",
            ("calendar", "halves"),
            f"expected real month/day boundaries, but got an impossible date ({exc})",
            "Check the month and day of each half's start and end.",
        )
        return
    if day_after(a_end) != b_start or day_after(b_end) != c_start or a_start >= a_end:
        yield issue(
            "tiling",
            ("calendar", "halves"),
            f"expected H1 and H2 to follow each other without gap or overlap, but got "
            f"FY24H1 {a_start}..{a_end} and FY24H2 {b_start}..{b_end}",
            "Each half must start the day after the other ends.",
        )


@check("half-dates", "Each period's dates are those of the fiscal half it names")
def _half_dates(rules: Rules) -> Iterator[Issue]:
    for index, period in enumerate(rules.periods):
        for name in ("earning", "usage"):
            span = getattr(period, name)
            start, end = half_dates(Half.parse(span.half), rules.calendar)
            for bound, expected in (("start", start), ("end", end)):
                got = getattr(span, bound)
                if got != expected:
                    yield issue(
                        f"{period.id}/{name}.{bound}",
                        ("periods", index, name, bound),
                        f"expected {span.half} to {bound} on {expected}, but got {got}",
                        f"Fix the date, or the half label if the dates are right "
                        f"({_half_for(got, rules)} contains {got}).",
                    )


def _half_for(day: date, rules: Rules) -> str:
    year = day.year + (1 if day.month >= rules.calendar.fiscal_year_start.month else 0)
    for half in ("H1", "H2"):
        start, end = half_dates(Half(year, half), rules.calendar)
        if start <= day <= end:
            return Half(year, half).label
    return "?"


@check("usage-follows-earning", "The usage half is the half right after the earning half")
def _usage_follows(rules: Rules) -> Iterator[Issue]:
    for index, period in enumerate(rules.periods):
        expected = Half.parse(period.earning.half).next().label
        if period.usage.half != expected:
            yield issue(
                period.id,
                ("periods", index, "usage", "half"),
                f"expected the half after {period.earning.half} ({expected}), "
                f"but got {period.usage.half}",
                "Co-op earned in one half is used in the next one.",
            )
        elif period.usage.start != day_after(period.earning.end):
            yield issue(
                period.id,
                ("periods", index, "usage", "start"),
                f"expected usage to start the day after earning ends "
                f"({day_after(period.earning.end)}), but got {period.usage.start}",
                "Usage starts the day after the earning period closes.",
            )


@check("deadline-order", "Claim deadline after usage ends; resolution after the claim deadline")
def _deadline_order(rules: Rules) -> Iterator[Issue]:
    for index, period in enumerate(rules.periods):
        if period.claim_deadline <= period.usage.end:
            yield issue(
                period.id,
                ("periods", index, "claim_deadline"),
                f"expected a claim deadline after the usage period ends ({period.usage.end}), "
                f"but got {period.claim_deadline}",
                "Claims are filed after the activity period; check the year.",
            )
        if period.resolution_deadline <= period.claim_deadline:
            yield issue(
                period.id,
                ("periods", index, "resolution_deadline"),
                f"expected a resolution deadline after the claim deadline "
                f"({period.claim_deadline}), but got {period.resolution_deadline}",
                "Claims are resolved after they are filed; check the year.",
            )


@check(
    "rule-reproduces-period",
    "The calendar rule gives each period's published dates",
    acknowledgeable=True,
)
def _rule_reproduces(rules: Rules) -> Iterator[Issue]:
    for index, period in enumerate(rules.periods):
        expected = expected_period(Half.parse(period.earning.half), rules.calendar)
        for name in ("claim_deadline", "resolution_deadline"):
            got = getattr(period, name)
            if got != getattr(expected, name):
                yield issue(
                    f"{period.id}/{name}",
                    ("periods", index, name),
                    f"expected {getattr(expected, name)} (the calendar rule for usage in "
                    f"{expected.usage.half}), but got {got}",
                    "Fix a typo here, or keep the published date and acknowledge it.",
                )


@check("periods-contiguous", "Periods are in order, one per half, with no gaps")
def _periods_contiguous(rules: Rules) -> Iterator[Issue]:
    previous = None
    for index, period in enumerate(rules.periods):
        if previous is not None:
            if period.earning.start <= previous.earning.start:
                yield issue(
                    period.id,
                    ("periods", index, "earning", "half"),
                    f"expected a period after {previous.earning.half}, but got "
                    f"{period.earning.half} (overlapping or out of order)",
                    "List periods once each, oldest first.",
                )
            elif period.earning.start != day_after(previous.earning.end):
                yield issue(
                    period.id,
                    ("periods", index, "earning", "half"),
                    f"expected the half after {previous.earning.half} "
                    f"({Half.parse(previous.earning.half).next().label}), but got "
                    f"{period.earning.half}: a half is missing",
                    "Add the missing period; the tracker needs every half.",
                )
        previous = period


@check(
    "stated-days", "Day counts stated in prose match the fixed calendar dates", acknowledgeable=True
)
def _stated_days(rules: Rules) -> Iterator[Issue]:
    calendar = rules.calendar
    measured: dict[tuple[str, str], set[int]] = defaultdict(set)
    examples: dict[tuple[str, str], str] = {}
    for period in rules.periods:
        if not period.usage.end < period.claim_deadline < period.resolution_deadline:
            continue  # deadline-order reports these; a day count would only add noise
        usage = Half.parse(period.usage.half).half
        for what, first, second in (
            ("claim", period.usage.end, period.claim_deadline),
            ("resolution", period.claim_deadline, period.resolution_deadline),
        ):
            days = days_between(first, second)
            measured[(what, usage)].add(days)
            examples.setdefault((what, usage), f"{first} to {second}")
    stated = {
        "claim": calendar.claim_deadline_stated,
        "resolution": calendar.resolution_deadline_stated,
    }
    for (what, usage), counts in sorted(measured.items()):
        claimed = stated[what].days
        if counts != {claimed}:
            got = " or ".join(str(d) for d in sorted(counts))
            yield issue(
                f"{what}-deadline/{usage}",
                ("calendar", f"{what}_deadline_stated", "days"),
                f"expected the {what} deadline {claimed} days after the "
                f"{'usage period ends' if what == 'claim' else 'claim deadline'} "
                f"(usage in {usage}), but the published dates give {got} days "
                f"(e.g. {examples[(what, usage)]})",
                "Keep both as published; acknowledge the difference in a source note.",
            )


@check(
    "period-view", "Every period table of the sources agrees with the periods", acknowledgeable=True
)
def _period_view(rules: Rules) -> Iterator[Issue]:
    by_half = {p.earning.half: p for p in rules.periods}
    for v_index, view in enumerate(rules.source_views.period_tables):
        for r_index, row in enumerate(view.rows):
            loc: Loc = ("source_views", "period_tables", v_index, "rows", r_index)
            period = by_half.get(row.earning_half)
            if period is None:
                yield issue(
                    f"{view.id}/{row.earning_half}",
                    (*loc, "earning_half"),
                    f"expected a period earned in {row.earning_half}, but periods has none",
                    "Add that period to periods.",
                )
                continue
            actual = {
                "earning_start": period.earning.start,
                "earning_end": period.earning.end,
                "usage_start": period.usage.start,
                "usage_end": period.usage.end,
                "claim_deadline": period.claim_deadline,
                "resolution_deadline": period.resolution_deadline,
            }
            for name, value in actual.items():
                shown = getattr(row, name)
                if shown is not None and shown != value:
                    yield issue(
                        f"{view.id}/{row.earning_half}/{name}",
                        (*loc, name),
                        f"expected {value} (period '{period.id}'), but the source shows {shown} "
                        f"in the row '{row.label}'",
                        "Correct the transcription, or acknowledge the source's contradiction.",
                    )


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@check(
    "stated-date",
    "Dates quoted in passing match the period and their weekday",
    acknowledgeable=True,
)
def _stated_date(rules: Rules) -> Iterator[Issue]:
    periods = lookup(rules).periods
    for index, stated in enumerate(rules.source_views.stated_dates):
        loc: Loc = ("source_views", "stated_dates", index)
        period = periods.get(stated.period)
        if period is not None and getattr(period, stated.deadline) != stated.date:
            yield issue(
                f"{stated.id}/date",
                (*loc, "date"),
                f"expected {getattr(period, stated.deadline)} (the {stated.deadline} of "
                f"'{period.id}'), but the source shows {stated.date}",
                "Correct the transcription, or acknowledge the source's contradiction.",
            )
        actual = _WEEKDAYS[stated.date.weekday()]
        if stated.weekday is not None and stated.weekday != actual:
            yield issue(
                f"{stated.id}/weekday",
                (*loc, "weekday"),
                f"expected {actual} ({stated.date} is a {actual}), but the source says "
                f"{stated.weekday}",
                "Correct the transcription, or acknowledge the source's contradiction.",
            )


@check(
    "accrual-start",
    "Periods earned before co-op accrual started in the program",
    acknowledgeable=True,
)
def _accrual_start(rules: Rules) -> Iterator[Issue]:
    start = rules.program.coop_accrual_start
    for index, period in enumerate(rules.periods):
        if period.earning.start < start:
            yield issue(
                period.id,
                ("periods", index, "earning", "start"),
                f"expected earning to start on or after {start}, when "
                f"{rules.program.abbreviation} co-op accrual began, but {period.earning.half} "
                f"starts {period.earning.start}",
                "Acknowledge it: say which program earned the co-op of this period.",
            )


# ---------------------------------------------------------------- money rules


@check("payment-examples", "Payment examples follow the payment rules", acknowledgeable=True)
def _payment_examples(rules: Rules) -> Iterator[Issue]:
    coop = rules.money.coop_payment
    for index, example in enumerate(coop.examples):
        expected_from, expected_to = coop_payment_window(example.approved, rules)
        if (example.paid_from, example.paid_to) != (expected_from, expected_to):
            yield issue(
                f"coop/{example.approved}",
                ("money", "coop_payment", "examples", index),
                f"expected payment {expected_from} to {expected_to} for approval on "
                f"{example.approved}, but the example says {example.paid_from} to "
                f"{example.paid_to}",
                "Check the example against the approved-by day and payment window.",
            )
    rebate = rules.money.rebate_payment
    for index, rebate_example in enumerate(rebate.examples):
        expected = rebate_payment_date(rebate_example.earning_month, rules)
        if rebate_example.paid != expected:
            yield issue(
                f"rebate/{rebate_example.earning_month}",
                ("money", "rebate_payment", "examples", index, "paid"),
                f"expected {expected} ({rebate.days_after_earning_month} days after "
                f"{rebate_example.earning_month} ends), but the example says {rebate_example.paid}",
                "Check the example against the rebate rule.",
            )
