"""The one shape of what the portal's pages hand the browser: ``browser_data(rules)``.

The pages' scripts (``static/assets/coop-portal/``) read nothing else about the rules. The
build writes it once per site as ``assets/coop-portal/data.json``; each page names its
version (``data_version``) so a browser's cache updates when the rules change, and boot.js
fetches it once per page load and passes it to every component's ``start(root, data)``.
The models below declare it (camelCase, closed, frozen); ``browser_data_schema()`` is the
JSON Schema published at ``exports/browser-data.schema.json``. Only facts from rules.yaml
travel here, never anything computed from the build date, and every rule that works on
them (dates, money, statuses, checklists) lives in the browser's pure modules.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel

from .checklists import Checklist, ChecklistItem, activity_checklist, claim_checklist
from .domain import whole_cents
from .editions import EditionLever, cite_text, lever_editions
from .model import MonthDay, Rules
from .sitemap import activity_path, page_url

ASSET = "assets/coop-portal/data.json"
"""Where the build writes the data, from the site root."""

SCHEMA_PATH = "exports/browser-data.schema.json"

WARN_DAYS = 14
"""A deadline this many local days away or fewer is announced as close."""

CALCULATED = "calculated from the usual dates; not yet confirmed by Microsoft"
"""How the portal marks dates that come from the calendar rule, not from a published table."""


class _Data(BaseModel):
    model_config = ConfigDict(
        alias_generator=to_camel, populate_by_name=True, extra="forbid", frozen=True
    )


IsoDate = date
MonthDayPair = tuple[int, int]


class Half(_Data):
    id: Literal["H1", "H2"]
    start: MonthDayPair = Field(description="[month, day]")
    end: MonthDayPair = Field(description="[month, day]")


class DeadlineRule(_Data):
    usage_half: Literal["H1", "H2"]
    claim: MonthDayPair
    resolution: MonthDayPair


class CalendarRule(_Data):
    """The calendar rule that gives the dates of periods past the published table."""

    fiscal_year_start: MonthDayPair
    halves: list[Half]
    deadlines: list[DeadlineRule]


class Forfeiture(_Data):
    claim_deadline: str = Field(description="What is lost when the claim deadline passes.")
    resolution_deadline: str = Field(description="What becomes of claims still open then.")


class PeriodRow(_Data):
    """A published period: the co-op earned in one half is spent in the next."""

    id: str
    earning_half: str
    earning_start: IsoDate
    earning_end: IsoDate
    usage_half: str
    usage_start: IsoDate
    usage_end: IsoDate
    claim_deadline: IsoDate
    resolution_deadline: IsoDate
    derived: list[Literal["earning", "usage", "claimDeadline", "resolutionDeadline"]] = Field(
        description="Fields of the row worked out from the calendar rule, not printed."
    )


class CoopPayment(_Data):
    approved_by_day: int
    paid_from_day: int
    paid_to_day: int


class Example(_Data):
    """Billed revenue per lever and month that reproduces the guidebook's worked example."""

    earning_half: str
    months: list[str]
    revenue: dict[str, list[float]]


class Lever(_Data):
    id: str
    name: str
    engagement: str
    rate_percent: float
    rebate_percent: float
    coop_percent: float


class RateEdition(_Data):
    """One edition of the lever rates and the earning periods it applies to."""

    id: str
    name: str = Field(description="The edition, as partners read it.")
    confidence: str = Field(description="primary (a co-op guide) or secondary (public reports).")
    confidence_text: str
    caveat: str
    sources_text: str = Field(description="The edition's sources, as the pages cite them.")
    earning_from: str | None = Field(
        default=None, description="First earning half; none: all before."
    )
    earning_until: str | None = Field(default=None, description="Last earning half; none: still.")
    levers: list[Lever]
    removed: list[str] = Field(default=[], description="Lever ids the edition no longer has.")


class Stage(_Data):
    id: str
    name: str
    meaning: str
    deadline: Literal["claim", "resolution"] | None = Field(
        default=None, description="The deadline a claim at this stage must still meet, if any."
    )


class NextStep(_Data):
    text: str
    due: Literal["start", "end"] = Field(description="The activity date it is due by.")


class Status(_Data):
    """A status a workspace claim can have, found by id, name or alias."""

    id: str
    name: str
    aliases: list[str]
    stage: str = Field(description="The id of one of stages.")
    meaning: str
    next_step: NextStep | None = None


class ChecklistEntry(_Data):
    id: str
    text: str
    hash: str = Field(description="A short hash of the text: a tick of older wording is flagged.")
    kind: str
    options: list[ChecklistEntry] | None = Field(
        default=None, description="Alternatives: the entry is done when any one is ticked."
    )


class ChecklistSection(_Data):
    id: str
    title: str
    entries: list[ChecklistEntry]


class ChecklistData(_Data):
    key: str = Field(description="The storage key: 'activity:<id>' or 'claim'.")
    title: str
    sections: list[ChecklistSection]
    moved: dict[str, str] = Field(
        default={},
        description="Items renamed in the rules (moved_from), old item id -> new: ticks saved "
        "under the old id are carried over on load.",
    )


class Cap(_Data):
    id: str
    text: str
    percent_of_coop: float | None = None
    amount_usd: float | None = None


class ActivityData(_Data):
    name: str
    path: str = Field(description="The activity's page from the site root ('' is the root).")
    checklist: ChecklistData
    caps: list[Cap]


class Naming(_Data):
    """The claim checklist item that says how to name a claim."""

    id: str
    text: str


class BrowserData(_Data):
    """Everything the portal's components know about the rules."""

    rules_version: str
    cutoff_utc: str = Field(description="Every deadline ends at this UTC time (HH:MM:SS).")
    claim_within_days: int = Field(description="Advised days from activity end to claim.")
    warn_days: int = Field(description="A deadline this close (local days) is announced.")
    calculated_text: str
    calendar: CalendarRule
    forfeiture: Forfeiture
    periods: list[PeriodRow]
    threshold: float = Field(description="Co-op per earning half under which it is rebate.")
    coop_payment: CoopPayment
    example: Example
    levers: list[Lever] = Field(description="The levers of the first edition (editions[0]).")
    editions: list[RateEdition] = Field(
        default=[],
        description="Every edition of the rates, oldest first; an earning half takes the one "
        "whose periods hold it.",
    )
    stages: list[Stage] = Field(description="Every stage of a claim, in order.")
    statuses: list[Status] = Field(description="Every status, in stage order.")
    planning_statuses: list[str] = Field(
        description="Ids of the workspace's statuses before a claim exists; the first is a "
        "new claim's."
    )
    forfeited_status: str
    open_statuses: list[str] = Field(
        description="Ids of the statuses that, still open at the resolution deadline, lose "
        "the claim's money."
    )
    unresolved_status: str
    retention_months: int
    retention_from: str
    default_fund: str = Field(description="The name of the default fund category.")
    naming: Naming
    activities: dict[str, ActivityData]
    claim_checklist: ChecklistData
    moved: dict[str, str] = Field(
        default={},
        description="Activities published under another name before, each with the one "
        "published now: saved ticks and claims are carried over on load.",
    )
    brand: str = Field(default="", description="The distributor's name, or an empty text.")
    brand_logo: str = Field(
        default="",
        description="The distributor's logo, a path from the site root ('' for none): the "
        "printable claim file shows it, as the printed forms do.",
    )


def _pair(md: MonthDay) -> MonthDayPair:
    return (md.month, md.day)


_CAMEL = {
    "earning": "earning",
    "usage": "usage",
    "claim_deadline": "claimDeadline",
    "resolution_deadline": "resolutionDeadline",
}


def _entry(item: ChecklistItem) -> ChecklistEntry:
    options = [_entry(o) for o in item.options] or None
    return ChecklistEntry(
        id=item.id, text=item.text, hash=item.hash, kind=item.kind, options=options
    )


def _checklist(checklist: Checklist) -> ChecklistData:
    return ChecklistData(
        key=checklist.key,
        title=checklist.title,
        sections=[
            ChecklistSection(id=s.id, title=s.title, entries=[_entry(e) for e in s.entries])
            for s in checklist.sections
        ],
        moved=checklist.moves,
    )


def _lever(lever: EditionLever) -> Lever:
    return Lever(
        id=lever.id,
        name=lever.name,
        engagement=lever.engagement,
        rate_percent=lever.rate_percent,
        rebate_percent=lever.rebate_percent,
        coop_percent=lever.coop_percent,
    )


def _statuses(rules: Rules) -> list[Status]:
    process = rules.claim_process
    order = [s.id for s in process.stages]
    found = [
        Status(
            id=s.id,
            name=s.name,
            aliases=list(s.aliases),
            stage=s.stage,
            meaning=s.meaning,
            next_step=NextStep(text=s.next_step.text, due=s.next_step.due) if s.next_step else None,
        )
        for s in process.planning_statuses
    ]
    found += [
        Status(id=s.id, name=s.name, aliases=list(s.aliases), stage=s.stage, meaning=s.meaning)
        for s in (*process.statuses, process.forfeited_status)
    ]
    return sorted(found, key=lambda s: order.index(s.stage) if s.stage in order else len(order))


def example_revenue(rules: Rules) -> dict[str, list[float]]:
    """Billed revenue per lever and month that reproduces the worked example's rows: what
    each row's rebate and co-op were earned on, at the lever's rate, to the cent."""
    rates = {lv.id: lv.rate_percent for e in rules.engagements for lv in e.levers}
    example = rules.worked_example
    revenue: dict[str, list[float]] = {}
    for row in example.rows:
        if not rates.get(row.lever):
            continue
        months = revenue.setdefault(row.lever, [0.0] * len(example.months))
        for i, (rebate, coop) in enumerate(zip(row.rebate, row.coop, strict=False)):
            months[i] = whole_cents(months[i] + (rebate + coop) * 100 / rates[row.lever]) / 100
    return revenue


def build_browser_data(
    rules: Rules, *, directory_urls: bool = True, brand: str = "", logo: str = ""
) -> BrowserData:
    """The browser data as its model."""
    calendar, money, process = rules.calendar, rules.money, rules.claim_process
    funds = {f.id: f.name for f in process.fund_categories}
    naming = next(i for i in process.checklist if i.id == process.claim_name_item)
    editions = lever_editions(rules)
    return BrowserData(
        rules_version=rules.rules_version,
        cutoff_utc=calendar.cutoff_time_utc,
        claim_within_days=calendar.claim_within_days_of_activity_end.days,
        warn_days=WARN_DAYS,
        calculated_text=CALCULATED,
        calendar=CalendarRule(
            fiscal_year_start=_pair(calendar.fiscal_year_start),
            halves=[Half(id=h.id, start=_pair(h.start), end=_pair(h.end)) for h in calendar.halves],
            deadlines=[
                DeadlineRule(
                    usage_half=d.usage_half,
                    claim=_pair(d.claim_deadline),
                    resolution=_pair(d.resolution_deadline),
                )
                for d in calendar.deadlines
            ],
        ),
        forfeiture=Forfeiture(
            claim_deadline=calendar.forfeiture.claim_deadline,
            resolution_deadline=calendar.forfeiture.resolution_deadline,
        ),
        periods=[
            PeriodRow(
                id=p.id,
                earning_half=p.earning.half,
                earning_start=p.earning.start,
                earning_end=p.earning.end,
                usage_half=p.usage.half,
                usage_start=p.usage.start,
                usage_end=p.usage.end,
                claim_deadline=p.claim_deadline,
                resolution_deadline=p.resolution_deadline,
                derived=[_CAMEL[f] for f in p.derived],
            )
            for p in rules.periods
        ],
        threshold=money.coop_threshold.amount,
        coop_payment=CoopPayment(
            approved_by_day=money.coop_payment.approved_by_day,
            paid_from_day=money.coop_payment.paid_from_day,
            paid_to_day=money.coop_payment.paid_to_day,
        ),
        example=Example(
            earning_half=rules.worked_example.earning_half,
            months=list(rules.worked_example.months),
            revenue=example_revenue(rules),
        ),
        levers=[_lever(lv) for lv in editions[0].levers],  # the first edition: the rules' own rates
        editions=[
            RateEdition(
                id=ed.id,
                name=ed.name,
                confidence=ed.confidence,
                confidence_text=ed.confidence_text,
                caveat=ed.caveat,
                sources_text=cite_text(rules, ed.sources),
                earning_from=ed.earning_from,
                earning_until=ed.earning_until,
                levers=[_lever(lv) for lv in ed.levers],
                removed=[lv.id for lv in ed.removed],
            )
            for ed in editions
        ],
        stages=[
            Stage(id=s.id, name=s.name, meaning=s.meaning, deadline=s.deadline)
            for s in process.stages
        ],
        statuses=_statuses(rules),
        planning_statuses=[s.id for s in process.planning_statuses],
        forfeited_status=process.forfeited_status.id,
        open_statuses=list(process.resolution.open_statuses),
        unresolved_status=process.resolution.unresolved_status,
        retention_months=money.poe_retention.months,
        retention_from=money.poe_retention.counted_from,
        default_fund=funds.get(process.default_fund_category, process.default_fund_category),
        naming=Naming(id=naming.id, text=naming.text),
        activities={
            a.id: ActivityData(
                name=a.name,
                path=page_url(activity_path(a.id), directory_urls=directory_urls),
                checklist=_checklist(activity_checklist(rules, a)),
                caps=[
                    Cap(
                        id=c.id,
                        text=c.text,
                        percent_of_coop=c.percent_of_coop,
                        amount_usd=c.amount_usd,
                    )
                    for c in a.caps
                ],
            )
            for a in rules.activities
        },
        claim_checklist=_checklist(claim_checklist(rules)),
        moved={old: a.id for a in rules.activities for old in a.moved_from},
        brand=brand,
        brand_logo=logo,
    )


def browser_data(
    rules: Rules, *, directory_urls: bool = True, brand: str = "", logo: str = ""
) -> dict[str, Any]:
    """What the browser gets, as plain JSON-ready data (absent optional fields left out)."""
    model = build_browser_data(rules, directory_urls=directory_urls, brand=brand, logo=logo)
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def browser_data_text(
    rules: Rules, *, directory_urls: bool = True, brand: str = "", logo: str = ""
) -> str:
    """The data as the site serves it: compact JSON, keys in a stable order."""
    data = browser_data(rules, directory_urls=directory_urls, brand=brand, logo=logo)
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def data_version(text: str) -> str:
    """The version pages name for the data: a short hash of its bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def browser_data_schema() -> dict[str, Any]:
    """The JSON Schema of the browser data."""
    schema = BrowserData.model_json_schema(by_alias=True, mode="serialization")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "coop-portal browser data"
    return schema


def browser_data_schema_text() -> str:
    """The schema as published at exports/browser-data.schema.json."""
    return json.dumps(browser_data_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
