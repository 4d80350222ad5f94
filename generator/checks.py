"""Consistency checks beyond the schema: the invariants the rules data implies.

Each check has a code and yields findings.  A finding that records a contradiction
*in the sources* may be acknowledged by a source note in rules.yaml; it then becomes
part of that note and the portal shows it.  Every other finding is an error.  The
data itself is never corrected here.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from pydantic import BaseModel

from .errors import Loc
from .model import Activity, Rules, SourceNote, Split
from .periods import Half, day_after, days_between, expected_period, half_dates


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str
    loc: Loc
    message: str
    hint: str = ""


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    acknowledgeable: bool
    run: Callable[[Rules], Iterable[Finding]]


@dataclass(frozen=True)
class AcknowledgedNote:
    note: SourceNote
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CheckResult:
    errors: tuple[Finding, ...]
    notes: tuple[AcknowledgedNote, ...]
    checks_run: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


CHECKS: dict[str, Check] = {}


def _check(
    code: str, title: str, *, acknowledgeable: bool = False
) -> Callable[[Callable[[Rules], Iterable[Finding]]], Callable[[Rules], Iterable[Finding]]]:
    def register(fn: Callable[[Rules], Iterable[Finding]]) -> Callable[[Rules], Iterable[Finding]]:
        CHECKS[code] = Check(code, title, acknowledgeable, fn)
        return fn

    return register


def normalize_name(name: str) -> str:
    """Compare names the way a reader would: case, punctuation and 'and'/'&' ignored."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " ")).split()
    return " ".join(w for w in words if w != "and")


def _money(value: float) -> str:
    return f"${value:,.2f}".replace(".00", "")


def _pct(value: float) -> str:
    return f"{value:g}%"


# ---------------------------------------------------------------- ids and references


def _id_lists(node: object, loc: Loc) -> Iterator[tuple[Loc, list[BaseModel]]]:
    """Every list of models that carry an ``id``, anywhere in the tree."""
    if isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _id_lists(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        if node and isinstance(node[0], BaseModel) and "id" in type(node[0]).model_fields:
            yield loc, node
        for index, item in enumerate(node):
            yield from _id_lists(item, (*loc, index))


@_check("unique-ids", "Ids are unique in their list, and lever ids across all engagements")
def _unique_ids(rules: Rules) -> Iterator[Finding]:
    for loc, items in _id_lists(rules, ()):
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = getattr(item, "id")  # noqa: B009 - the attribute is known to exist
            if item_id in seen:
                yield Finding(
                    "unique-ids",
                    item_id,
                    (*loc, index, "id"),
                    f"expected a unique id, but got '{item_id}' again "
                    f"(also at index {seen[item_id]})",
                    "Give each entry its own id; ids key URLs and saved checklist ticks.",
                )
            else:
                seen[item_id] = index
    levers: dict[str, str] = {}
    for e_index, engagement in enumerate(rules.engagements):
        for l_index, lever in enumerate(engagement.levers):
            if lever.id in levers and levers[lever.id] != engagement.id:
                yield Finding(
                    "unique-ids",
                    lever.id,
                    ("engagements", e_index, "levers", l_index, "id"),
                    f"expected a lever id unique across engagements, but got '{lever.id}', "
                    f"also used in engagement '{levers[lever.id]}'",
                    "Prefix the lever id with its engagement.",
                )
            levers.setdefault(lever.id, engagement.id)


def _citations(node: object, loc: Loc) -> Iterator[tuple[Loc, str]]:
    if isinstance(node, BaseModel):
        if type(node).__name__ == "Citation":
            yield loc, getattr(node, "source")  # noqa: B009
            return
        for name in type(node).model_fields:
            yield from _citations(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _citations(item, (*loc, index))


def _dangling(kind: str, value: str, known: Iterable[str], loc: Loc) -> Finding:
    options = sorted(known)
    listed = ", ".join(options[:8]) + (", ..." if len(options) > 8 else "")
    article = "an" if kind[:1] in "aeiou" else "a"
    return Finding(
        "references",
        f"{kind}:{value}",
        loc,
        f"expected the id of {article} {kind} ({listed}), but got '{value}'",
        f"Fix the spelling, or add {article} {kind} with id '{value}'.",
    )


@_check("references", "Every reference resolves to an entry that exists")
def _references(rules: Rules) -> Iterator[Finding]:
    sources = {s.id for s in rules.sources}
    for loc, source_id in _citations(rules, ()):
        if source_id not in sources:
            yield _dangling("source", source_id, sources, (*loc, "source"))
    levers = {lever.id for e in rules.engagements for lever in e.levers}
    for index, row in enumerate(rules.worked_example.rows):
        if row.lever not in levers:
            yield _dangling("lever", row.lever, levers, ("worked_example", "rows", index, "lever"))
    categories = {c.id for c in rules.categories}
    funds = {f.id for f in rules.content_funds}
    csr = {t.id for t in rules.claim_process.csr_expense_types}
    for index, requirement in enumerate(rules.core_requirements):
        for c_index, category in enumerate(requirement.applies_to):
            if category not in categories:
                loc = ("core_requirements", index, "applies_to", c_index)
                yield _dangling("category", category, categories, loc)
    for a_index, activity in enumerate(rules.activities):
        base: Loc = ("activities", a_index)
        if activity.category not in categories:
            yield _dangling("category", activity.category, categories, (*base, "category"))
        for s_index, share in enumerate(activity.microsoft_content):
            if share.fund not in funds:
                loc = (*base, "microsoft_content", s_index, "fund")
                yield _dangling("content fund", share.fund, funds, loc)
        for x_index, expense in enumerate(activity.expenses):
            if expense.csr_type is not None and expense.csr_type not in csr:
                loc = (*base, "expenses", x_index, "csr_type")
                yield _dangling("CSR expense type", expense.csr_type, csr, loc)
    views = rules.source_views
    for v_index, view in enumerate(views.activity_lists):
        for e_index, entry in enumerate(view.entries):
            if entry.category is not None and entry.category not in categories:
                loc = ("source_views", "activity_lists", v_index, "entries", e_index, "category")
                yield _dangling("category", entry.category, categories, loc)
    for v_index, content in enumerate(views.content_lists):
        if content.fund not in funds:
            loc = ("source_views", "content_lists", v_index, "fund")
            yield _dangling("content fund", content.fund, funds, loc)
    periods = {p.id for p in rules.periods}
    for d_index, stated in enumerate(views.stated_dates):
        if stated.period not in periods:
            loc = ("source_views", "stated_dates", d_index, "period")
            yield _dangling("period", stated.period, periods, loc)
    statuses = {s.id for s in rules.claim_process.statuses}
    resolution = rules.claim_process.resolution
    for s_index, status in enumerate(resolution.open_statuses):
        if status not in statuses:
            loc = ("claim_process", "resolution", "open_statuses", s_index)
            yield _dangling("claim status", status, statuses, loc)
    if resolution.unresolved_status not in statuses:
        loc = ("claim_process", "resolution", "unresolved_status")
        yield _dangling("claim status", resolution.unresolved_status, statuses, loc)
    activities = {a.id for a in rules.activities}
    for w_index, words in enumerate(rules.search_words):
        for i, activity_id in enumerate(words.activities):
            if activity_id not in activities:
                loc = ("search_words", w_index, "activities", i)
                yield _dangling("activity", activity_id, activities, loc)
        for i, category in enumerate(words.categories):
            if category not in categories:
                yield _dangling(
                    "category", category, categories, ("search_words", w_index, "categories", i)
                )


@_check("sources-used", "Every registered source is cited somewhere")
def _sources_used(rules: Rules) -> Iterator[Finding]:
    cited = {source for _, source in _citations(rules, ())}
    for index, source in enumerate(rules.sources):
        if source.id not in cited:
            yield Finding(
                "sources-used",
                source.id,
                ("sources", index, "id"),
                f"expected every registered source to be cited, but '{source.id}' is cited nowhere",
                "Cite it from the rules it supports, or remove it from sources.",
            )


@_check("unique-names", "Names and aliases identify one activity, lever or status each")
def _unique_names(rules: Rules) -> Iterator[Finding]:
    groups: list[tuple[str, Sequence[tuple[Loc, str, Sequence[str]]]]] = [
        (
            "activity",
            [(("activities", i), a.name, a.aliases) for i, a in enumerate(rules.activities)],
        ),
        (
            "lever",
            [
                (("engagements", e, "levers", i), lever.name, lever.aliases)
                for e, eng in enumerate(rules.engagements)
                for i, lever in enumerate(eng.levers)
            ],
        ),
        (
            "claim status",
            [
                (("claim_process", "statuses", i), s.name, s.aliases)
                for i, s in enumerate(rules.claim_process.statuses)
            ],
        ),
        ("term", [(("glossary", i), t.term, t.aliases) for i, t in enumerate(rules.glossary)]),
    ]
    for kind, entries in groups:
        owner: dict[str, tuple[Loc, str]] = {}
        for loc, name, aliases in entries:
            for a_index, text in enumerate([name, *aliases]):
                key = normalize_name(text)
                where: Loc = (*loc, "name") if a_index == 0 else (*loc, "aliases", a_index - 1)
                if kind == "term" and a_index == 0:
                    where = (*loc, "term")
                if key in owner and owner[key][0] != loc:
                    yield Finding(
                        "unique-names",
                        f"{kind}:{key}",
                        where,
                        f"expected each {kind} name to be unique, but got '{text}', which "
                        f"also names '{owner[key][1]}'",
                        "Remove the alias from one of them, or merge the two entries.",
                    )
                owner.setdefault(key, (loc, name))


# ---------------------------------------------------------------- levers and the worked example


def _split_total(split: Split) -> float:
    return split.rebate_percent + split.coop_percent


def _split_text(split: Split) -> str:
    return f"{_pct(split.rebate_percent)} rebate / {_pct(split.coop_percent)} co-op"


@_check("split-100", "Rebate and co-op shares add up to 100%")
def _split_100(rules: Rules) -> Iterator[Finding]:
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
            yield Finding(
                "split-100",
                owner,
                loc,
                f"expected rebate_percent + coop_percent = 100, but got "
                f"{_pct(split.rebate_percent)} + {_pct(split.coop_percent)} = "
                f"{_pct(_split_total(split))}",
                "Check both shares against the source table.",
            )


RATE_RANGE = (0.5, 50.0)


@_check("rate-range", "Lever rates are plausible percentages")
def _rate_range(rules: Rules) -> Iterator[Finding]:
    low, high = RATE_RANGE
    for e_index, engagement in enumerate(rules.engagements):
        for l_index, lever in enumerate(engagement.levers):
            if not low <= lever.rate_percent <= high:
                yield Finding(
                    "rate-range",
                    lever.id,
                    ("engagements", e_index, "levers", l_index, "rate_percent"),
                    f"expected a rate between {_pct(low)} and {_pct(high)}, but got "
                    f"{_pct(lever.rate_percent)}",
                    "Rates are percentages: write 4 for 4%, not 0.04.",
                )


def effective_split(rules: Rules, lever_id: str) -> Split | None:
    """A lever's own split, else its engagement's."""
    for engagement in rules.engagements:
        for lever in engagement.levers:
            if lever.id == lever_id:
                return lever.split or engagement.split
    return None


@_check("example-shape", "The worked example covers its earning half month by month")
def _example_shape(rules: Rules) -> Iterator[Finding]:
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
        yield Finding(
            "example-shape",
            example.id,
            (*base, "months"),
            f"expected the months of {example.earning_half} ({', '.join(expected_months)}), "
            f"but got {', '.join(example.months)}",
            "List every month of the earning half in order.",
        )
    if example.usage_half != earning.next().label:
        yield Finding(
            "example-shape",
            example.id,
            (*base, "usage_half"),
            f"expected the half after {example.earning_half} ({earning.next().label}), "
            f"but got {example.usage_half}",
            "Co-op earned in one half is used in the next.",
        )
    if example.stated_accrued_by != end:
        yield Finding(
            "example-shape",
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
            yield Finding(
                "example-shape",
                example.id,
                loc,
                f"expected one amount per month ({count}), but got {len(values)}",
                "Add or remove amounts so each column lines up with months.",
            )


@_check("example-split", "Each row of the worked example follows the split", acknowledgeable=True)
def _example_split(rules: Rules) -> Iterator[Finding]:
    example = rules.worked_example
    for index, row in enumerate(example.rows):
        loc: Loc = ("worked_example", "rows", index)
        lever_split = effective_split(rules, row.lever)
        if lever_split is not None and lever_split != example.split:
            yield Finding(
                "example-split",
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
                yield Finding(
                    "example-split",
                    f"{example.id}/{row.lever}/{example.months[m_index]}",
                    (*loc, "coop", m_index),
                    f"expected {_pct(example.split.coop_percent)} of {_money(total)} "
                    f"= {_money(expected)} co-op, but got {_money(coop)}",
                    "Check the row's rebate and co-op amounts against the source.",
                )


def example_month_sums(rules: Rules, kind: str) -> list[float]:
    """The worked example's rows added up month by month ("rebate" or "coop")."""
    example = rules.worked_example
    return [
        sum(getattr(r, kind)[i] for r in example.rows if i < len(getattr(r, kind)))
        for i in range(len(example.months))
    ]


@_check(
    "example-totals",
    "The worked example's stated totals equal the sum of its rows",
    acknowledgeable=True,
)
def _example_totals(rules: Rules) -> Iterator[Finding]:
    example = rules.worked_example
    base: Loc = ("worked_example",)
    for kind, stated in (
        ("rebate", example.stated_monthly_rebate),
        ("coop", example.stated_monthly_coop),
    ):
        sums = example_month_sums(rules, kind)
        for m_index, month in enumerate(example.months):
            if m_index < len(stated) and abs(sums[m_index] - stated[m_index]) > 0.005:
                yield Finding(
                    "example-totals",
                    f"{example.id}/{kind}/{month}",
                    (*base, f"stated_monthly_{kind}", m_index),
                    f"expected the {month} {kind} total to equal its rows "
                    f"({_money(sums[m_index])}), "
                    f"but the source states {_money(stated[m_index])}",
                    "Keep the stated figure and acknowledge it in a source note.",
                )
    total = sum(sum(r.coop) for r in example.rows)
    if abs(total - example.stated_total_coop) > 0.005:
        yield Finding(
            "example-totals",
            f"{example.id}/total-coop",
            (*base, "stated_total_coop"),
            f"expected the stated co-op total to equal the sum of the rows ({_money(total)}), "
            f"but the source states {_money(example.stated_total_coop)}",
            "Keep the stated figure and acknowledge it in a source note.",
        )


# ---------------------------------------------------------------- calendar and periods


@_check("calendar", "The two halves tile the fiscal year, with one deadline rule each")
def _calendar(rules: Rules) -> Iterator[Finding]:
    calendar = rules.calendar
    ids = [h.id for h in calendar.halves]
    if sorted(ids) != ["H1", "H2"]:
        yield Finding(
            "calendar",
            "halves",
            ("calendar", "halves"),
            f"expected halves H1 and H2 once each, but got {', '.join(ids)}",
            "Define H1 and H2.",
        )
        return
    rules_for = [r.usage_half for r in calendar.deadlines]
    if sorted(rules_for) != ["H1", "H2"]:
        yield Finding(
            "calendar",
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
        yield Finding(
            "calendar",
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
        yield Finding(
            "calendar",
            "dates",
            ("calendar", "halves"),
            f"expected real month/day boundaries, but got an impossible date ({exc})",
            "Check the month and day of each half's start and end.",
        )
        return
    if day_after(a_end) != b_start or day_after(b_end) != c_start or a_start >= a_end:
        yield Finding(
            "calendar",
            "tiling",
            ("calendar", "halves"),
            f"expected H1 and H2 to follow each other without gap or overlap, but got "
            f"FY24H1 {a_start}..{a_end} and FY24H2 {b_start}..{b_end}",
            "Each half must start the day after the other ends.",
        )


@_check("half-dates", "Each period's dates are those of the fiscal half it names")
def _half_dates(rules: Rules) -> Iterator[Finding]:
    for index, period in enumerate(rules.periods):
        for name in ("earning", "usage"):
            span = getattr(period, name)
            start, end = half_dates(Half.parse(span.half), rules.calendar)
            for bound, expected in (("start", start), ("end", end)):
                got = getattr(span, bound)
                if got != expected:
                    yield Finding(
                        "half-dates",
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


@_check("usage-follows-earning", "The usage half is the half right after the earning half")
def _usage_follows(rules: Rules) -> Iterator[Finding]:
    for index, period in enumerate(rules.periods):
        expected = Half.parse(period.earning.half).next().label
        if period.usage.half != expected:
            yield Finding(
                "usage-follows-earning",
                period.id,
                ("periods", index, "usage", "half"),
                f"expected the half after {period.earning.half} ({expected}), "
                f"but got {period.usage.half}",
                "Co-op earned in one half is used in the next one.",
            )
        elif period.usage.start != day_after(period.earning.end):
            yield Finding(
                "usage-follows-earning",
                period.id,
                ("periods", index, "usage", "start"),
                f"expected usage to start the day after earning ends "
                f"({day_after(period.earning.end)}), but got {period.usage.start}",
                "Usage starts the day after the earning period closes.",
            )


@_check("deadline-order", "Claim deadline after usage ends; resolution after the claim deadline")
def _deadline_order(rules: Rules) -> Iterator[Finding]:
    for index, period in enumerate(rules.periods):
        if period.claim_deadline <= period.usage.end:
            yield Finding(
                "deadline-order",
                period.id,
                ("periods", index, "claim_deadline"),
                f"expected a claim deadline after the usage period ends ({period.usage.end}), "
                f"but got {period.claim_deadline}",
                "Claims are filed after the activity period; check the year.",
            )
        if period.resolution_deadline <= period.claim_deadline:
            yield Finding(
                "deadline-order",
                period.id,
                ("periods", index, "resolution_deadline"),
                f"expected a resolution deadline after the claim deadline "
                f"({period.claim_deadline}), but got {period.resolution_deadline}",
                "Claims are resolved after they are filed; check the year.",
            )


@_check(
    "rule-reproduces-period",
    "The calendar rule gives each period's published dates",
    acknowledgeable=True,
)
def _rule_reproduces(rules: Rules) -> Iterator[Finding]:
    for index, period in enumerate(rules.periods):
        expected = expected_period(Half.parse(period.earning.half), rules.calendar)
        for name in ("claim_deadline", "resolution_deadline"):
            got = getattr(period, name)
            if got != getattr(expected, name):
                yield Finding(
                    "rule-reproduces-period",
                    f"{period.id}/{name}",
                    ("periods", index, name),
                    f"expected {getattr(expected, name)} (the calendar rule for usage in "
                    f"{expected.usage.half}), but got {got}",
                    "Fix a typo here, or keep the published date and acknowledge it.",
                )


@_check("periods-contiguous", "Periods are in order, one per half, with no gaps")
def _periods_contiguous(rules: Rules) -> Iterator[Finding]:
    previous = None
    for index, period in enumerate(rules.periods):
        if previous is not None:
            if period.earning.start <= previous.earning.start:
                yield Finding(
                    "periods-contiguous",
                    period.id,
                    ("periods", index, "earning", "half"),
                    f"expected a period after {previous.earning.half}, but got "
                    f"{period.earning.half} (overlapping or out of order)",
                    "List periods once each, oldest first.",
                )
            elif period.earning.start != day_after(previous.earning.end):
                yield Finding(
                    "periods-contiguous",
                    period.id,
                    ("periods", index, "earning", "half"),
                    f"expected the half after {previous.earning.half} "
                    f"({Half.parse(previous.earning.half).next().label}), but got "
                    f"{period.earning.half}: a half is missing",
                    "Add the missing period; the tracker needs every half.",
                )
        previous = period


@_check(
    "stated-days", "Day counts stated in prose match the fixed calendar dates", acknowledgeable=True
)
def _stated_days(rules: Rules) -> Iterator[Finding]:
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
            yield Finding(
                "stated-days",
                f"{what}-deadline/{usage}",
                ("calendar", f"{what}_deadline_stated", "days"),
                f"expected the {what} deadline {claimed} days after the "
                f"{'usage period ends' if what == 'claim' else 'claim deadline'} "
                f"(usage in {usage}), but the published dates give {got} days "
                f"(e.g. {examples[(what, usage)]})",
                "Keep both as published; acknowledge the difference in a source note.",
            )


@_check(
    "period-view", "Every period table of the sources agrees with the periods", acknowledgeable=True
)
def _period_view(rules: Rules) -> Iterator[Finding]:
    by_half = {p.earning.half: p for p in rules.periods}
    for v_index, view in enumerate(rules.source_views.period_tables):
        for r_index, row in enumerate(view.rows):
            loc: Loc = ("source_views", "period_tables", v_index, "rows", r_index)
            period = by_half.get(row.earning_half)
            if period is None:
                yield Finding(
                    "period-view",
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
                    yield Finding(
                        "period-view",
                        f"{view.id}/{row.earning_half}/{name}",
                        (*loc, name),
                        f"expected {value} (period '{period.id}'), but the source shows {shown} "
                        f"in the row '{row.label}'",
                        "Correct the transcription, or acknowledge the source's contradiction.",
                    )


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@_check(
    "stated-date",
    "Dates quoted in passing match the period and their weekday",
    acknowledgeable=True,
)
def _stated_date(rules: Rules) -> Iterator[Finding]:
    periods = {p.id: p for p in rules.periods}
    for index, stated in enumerate(rules.source_views.stated_dates):
        loc: Loc = ("source_views", "stated_dates", index)
        period = periods.get(stated.period)
        if period is not None and getattr(period, stated.deadline) != stated.date:
            yield Finding(
                "stated-date",
                f"{stated.id}/date",
                (*loc, "date"),
                f"expected {getattr(period, stated.deadline)} (the {stated.deadline} of "
                f"'{period.id}'), but the source shows {stated.date}",
                "Correct the transcription, or acknowledge the source's contradiction.",
            )
        actual = _WEEKDAYS[stated.date.weekday()]
        if stated.weekday is not None and stated.weekday != actual:
            yield Finding(
                "stated-date",
                f"{stated.id}/weekday",
                (*loc, "weekday"),
                f"expected {actual} ({stated.date} is a {actual}), but the source says "
                f"{stated.weekday}",
                "Correct the transcription, or acknowledge the source's contradiction.",
            )


@_check(
    "accrual-start",
    "Periods earned before co-op accrual started in the program",
    acknowledgeable=True,
)
def _accrual_start(rules: Rules) -> Iterator[Finding]:
    start = rules.program.coop_accrual_start
    for index, period in enumerate(rules.periods):
        if period.earning.start < start:
            yield Finding(
                "accrual-start",
                period.id,
                ("periods", index, "earning", "start"),
                f"expected earning to start on or after {start}, when "
                f"{rules.program.abbreviation} co-op accrual began, but {period.earning.half} "
                f"starts {period.earning.start}",
                "Acknowledge it: say which program earned the co-op of this period.",
            )


# ---------------------------------------------------------------- money rules


@_check("payment-examples", "Payment examples follow the payment rules", acknowledgeable=True)
def _payment_examples(rules: Rules) -> Iterator[Finding]:
    coop = rules.money.coop_payment
    for index, example in enumerate(coop.examples):
        expected_from, expected_to = coop_payment_window(example.approved, rules)
        if (example.paid_from, example.paid_to) != (expected_from, expected_to):
            yield Finding(
                "payment-examples",
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
            yield Finding(
                "payment-examples",
                f"rebate/{rebate_example.earning_month}",
                ("money", "rebate_payment", "examples", index, "paid"),
                f"expected {expected} ({rebate.days_after_earning_month} days after "
                f"{rebate_example.earning_month} ends), but the example says {rebate_example.paid}",
                "Check the example against the rebate rule.",
            )


def coop_payment_window(approved: date, rules: Rules) -> tuple[date, date]:
    """When a co-op claim approved on ``approved`` is paid, by the guidebook's rule."""
    rule = rules.money.coop_payment
    year, month = approved.year, approved.month
    if approved.day > rule.approved_by_day:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    last = calendar.monthrange(year, month)[1]
    return date(year, month, rule.paid_from_day), date(year, month, min(rule.paid_to_day, last))


def rebate_payment_date(earning_month: str, rules: Rules) -> date:
    year, month = (int(part) for part in earning_month.split("-"))
    first_of_next = date(year + (month == 12), month % 12 + 1, 1)
    last_day = first_of_next - timedelta(days=1)
    return last_day + timedelta(days=rules.money.rebate_payment.days_after_earning_month)


# ---------------------------------------------------------------- activities and views


def activity_index(activities: Sequence[Activity]) -> dict[str, list[int]]:
    """Map each normalised name and alias to the activities it names."""
    index: dict[str, list[int]] = defaultdict(list)
    for position, activity in enumerate(activities):
        for name in {normalize_name(n) for n in [activity.name, *activity.aliases]}:
            index[name].append(position)
    return index


@_check(
    "activity-core", "An activity departs from its category's core requirements only with a note"
)
def _activity_core(rules: Rules) -> Iterator[Finding]:
    categories = {c.id: c for c in rules.categories}
    for index, activity in enumerate(rules.activities):
        category = categories.get(activity.category)
        if (
            category is not None
            and activity.core_requirements_apply != category.core_requirements_apply
            and activity.core_requirements_note is None
        ):
            yield Finding(
                "activity-core",
                activity.id,
                ("activities", index, "core_requirements_apply"),
                f"expected {str(category.core_requirements_apply).lower()} like the rest of "
                f"{category.name}, or a core_requirements_note, but got "
                f"{str(activity.core_requirements_apply).lower()} with no note",
                "Add core_requirements_note citing where the activity says otherwise.",
            )


@_check("activity-poe", "Every activity asks for exactly one invoice or CSR item")
def _activity_poe(rules: Rules) -> Iterator[Finding]:
    for index, activity in enumerate(rules.activities):
        invoices = [item for item in activity.poe if item.kind == "invoice"]
        if len(invoices) != 1:
            yield Finding(
                "activity-poe",
                activity.id,
                ("activities", index, "poe"),
                f"expected exactly one POE item of kind 'invoice' (every claim needs an "
                f"invoice or a CSR), but got {len(invoices)}",
                "Keep one invoice item and describe alternatives in its text.",
            )


@_check("content-share", "An activity's Microsoft-content share is at least its fund's minimum")
def _content_share(rules: Rules) -> Iterator[Finding]:
    funds = {f.id: f for f in rules.content_funds}
    for index, activity in enumerate(rules.activities):
        for s_index, share in enumerate(activity.microsoft_content):
            fund = funds.get(share.fund)
            minimum = fund.minimum_percent if fund else None
            if minimum is not None and share.minimum_percent < minimum:
                yield Finding(
                    "content-share",
                    f"{activity.id}/{share.fund}",
                    ("activities", index, "microsoft_content", s_index, "minimum_percent"),
                    f"expected at least the {fund.name if fund else share.fund} minimum "
                    f"({_pct(minimum)}), but got {_pct(share.minimum_percent)}",
                    "An activity can raise the fund's minimum, never lower it.",
                )


@_check("view-names", "Every activity named in a source list resolves to one activity")
def _view_names(rules: Rules) -> Iterator[Finding]:
    index = activity_index(rules.activities)
    names = sorted(a.name for a in rules.activities)
    views = rules.source_views
    lists: list[tuple[Loc, str, str]] = []
    for v_index, view in enumerate(views.activity_lists):
        for e_index, entry in enumerate(view.entries):
            loc: Loc = ("source_views", "activity_lists", v_index, "entries", e_index, "name")
            lists.append((loc, view.id, entry.name))
    for v_index, content in enumerate(views.content_lists):
        for e_index, name in enumerate(content.entries):
            lists.append(
                (("source_views", "content_lists", v_index, "entries", e_index), content.id, name)
            )
    for loc, view_id, name in lists:
        matches = index.get(normalize_name(name), [])
        if len(matches) != 1:
            found = "no activity" if not matches else f"{len(matches)} activities"
            yield Finding(
                "view-names",
                f"{view_id}/{name}",
                loc,
                f"expected the name of one activity ({', '.join(names[:4])}, ...), "
                f"but '{name}' matches {found}",
                "Add the name as an alias of the activity it means.",
            )


@_check(
    "view-agrees",
    "Each source list agrees with the activities: none missing, same category, no repeats",
    acknowledgeable=True,
)
def _view_agrees(rules: Rules) -> Iterator[Finding]:
    index = activity_index(rules.activities)
    known = {c.id for c in rules.categories}
    for v_index, view in enumerate(rules.source_views.activity_lists):
        base: Loc = ("source_views", "activity_lists", v_index)
        listed: Counter[int] = Counter()
        for e_index, entry in enumerate(view.entries):
            matches = index.get(normalize_name(entry.name), [])
            if len(matches) != 1:
                continue
            activity = rules.activities[matches[0]]
            listed[matches[0]] += 1
            if listed[matches[0]] == 2:
                yield Finding(
                    "view-agrees",
                    f"{view.id}/{activity.id}/repeated",
                    (*base, "entries", e_index, "name"),
                    f"expected each activity once in '{view.title}', but got "
                    f"'{activity.name}' again",
                    "Remove the repeat, or acknowledge the source's repetition.",
                )
            if (
                entry.category is not None
                and activity.category in known  # else references reports it
                and entry.category != activity.category
            ):
                yield Finding(
                    "view-agrees",
                    f"{view.id}/{activity.id}/category",
                    (*base, "entries", e_index, "category"),
                    f"expected category '{activity.category}' (as in activities), but "
                    f"'{view.title}' puts '{entry.name}' under '{entry.category}'",
                    "Acknowledge the different placement in a source note.",
                )
        if view.complete:
            for a_index, activity in enumerate(rules.activities):
                if a_index not in listed:
                    yield Finding(
                        "view-agrees",
                        f"{view.id}/{activity.id}/missing",
                        (*base, "entries"),
                        f"expected '{view.title}' to list every activity, but it does not "
                        f"list '{activity.name}'",
                        "Acknowledge the omission in a source note, or mark the list "
                        "complete: false.",
                    )


@_check(
    "content-view",
    "Microsoft-content lists of the sources agree with the activities",
    acknowledgeable=True,
)
def _content_view(rules: Rules) -> Iterator[Finding]:
    index = activity_index(rules.activities)
    for view in rules.source_views.content_lists:
        listed: set[int] = set()
        for name in view.entries:
            matches = index.get(normalize_name(name), [])
            if len(matches) != 1:
                continue
            listed.add(matches[0])
            activity = rules.activities[matches[0]]
            shares = {s.fund: s.minimum_percent for s in activity.microsoft_content}
            if shares.get(view.fund) != view.minimum_percent:
                a_index = matches[0]
                yield Finding(
                    "content-view",
                    f"{view.id}/{activity.id}",
                    ("activities", a_index, "microsoft_content"),
                    f"expected {_pct(view.minimum_percent)} Microsoft content for fund "
                    f"'{view.fund}' (as '{view.title}' lists it), but got "
                    f"{_pct(shares[view.fund]) if view.fund in shares else 'none'}",
                    f"Add '- {{fund: {view.fund}, minimum_percent: "
                    f"{view.minimum_percent:g}}}' to microsoft_content.",
                )
        for a_index, activity in enumerate(rules.activities):
            for share in activity.microsoft_content:
                if (
                    share.fund == view.fund
                    and share.minimum_percent == view.minimum_percent
                    and a_index not in listed
                ):
                    yield Finding(
                        "content-view",
                        f"{view.id}/{activity.id}",
                        ("activities", a_index, "microsoft_content"),
                        f"expected only activities listed in '{view.title}' to need "
                        f"{_pct(view.minimum_percent)} for '{view.fund}', but got "
                        f"'{activity.name}'",
                        "Remove the share, or cite the source that adds it.",
                    )


# ---------------------------------------------------------------- running them


def _ack_findings(
    rules: Rules, found: Sequence[Finding]
) -> tuple[list[Finding], list[AcknowledgedNote]]:
    keys = {(f.check, f.subject) for f in found}
    errors: list[Finding] = []
    acknowledged: set[tuple[str, str]] = set()
    notes = []
    for n_index, note in enumerate(rules.source_notes):
        matched: list[Finding] = []
        for a_index, ack in enumerate(note.acknowledges):
            loc: Loc = ("source_notes", n_index, "acknowledges", a_index)
            check = CHECKS.get(ack.check)
            if check is None or not check.acknowledgeable:
                allowed = ", ".join(c for c, k in CHECKS.items() if k.acknowledgeable)
                errors.append(
                    Finding(
                        "acknowledgements",
                        f"{note.id}/{ack.check}",
                        (*loc, "check"),
                        f"expected a check that records source contradictions ({allowed}), "
                        f"but got '{ack.check}'",
                        "Data errors must be fixed, not acknowledged.",
                    )
                )
            elif (ack.check, ack.subject) not in keys:
                errors.append(
                    Finding(
                        "acknowledgements",
                        f"{note.id}/{ack.subject}",
                        (*loc, "subject"),
                        f"expected a current finding of '{ack.check}' with subject "
                        f"'{ack.subject}', but there is none",
                        "The contradiction is gone or renamed: update or remove this "
                        "acknowledgement.",
                    )
                )
            else:
                acknowledged.add((ack.check, ack.subject))
                matched.extend(f for f in found if (f.check, f.subject) == (ack.check, ack.subject))
        notes.append(AcknowledgedNote(note, tuple(matched)))
    for finding in found:
        if (finding.check, finding.subject) not in acknowledged:
            errors.append(finding)
    return errors, notes


def check_rules(rules: Rules) -> CheckResult:
    """Run every check; unacknowledged findings are errors, the rest join their source note."""
    found = [finding for check in CHECKS.values() for finding in check.run(rules)]
    plain = [f for f in found if not CHECKS[f.check].acknowledgeable]
    contradictions = [f for f in found if CHECKS[f.check].acknowledgeable]
    errors, notes = _ack_findings(rules, contradictions)
    return CheckResult(
        errors=tuple(plain + errors),
        notes=tuple(notes),
        checks_run=len(CHECKS),
    )
