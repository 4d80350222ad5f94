"""The typed rules model: what rules.yaml may contain. No I/O, no MkDocs.

Every model is frozen, rejects unknown keys and is strict (a quoted number is not
a number).  Stable author-written ``id`` slugs key anchors, URLs and saved
browser state; titles may change, ids must not.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HALF_PATTERN = r"^FY[0-9]{2}H[12]$"
YEAR_MONTH_PATTERN = r"^[0-9]{4}-(?:0[1-9]|1[0-2])$"
TIME_PATTERN = r"^(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$"

# Markup that must never come from rules.yaml: tags, comments, and script URLs.
_HTML_RE = re.compile(r"<\s*[A-Za-z/!?]")
_SCRIPT_URL_RE = re.compile(r"\b(?:javascript|vbscript|data)\s*:", re.IGNORECASE)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MD_LINK_RE = re.compile(r"\]\s*\(|!\[")
_URL_RE = re.compile(r"https?://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?::[0-9]+)?(?:/[^\s<>\"'`]*)?")
MAX_TEXT = 2000


def _shorten(value: str, limit: int = 40) -> str:
    value = _CONTROL_RE.sub(lambda m: f"\\u{ord(m.group()):04x}", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _plain_text(value: str) -> str:
    """Accept plain prose only: rules text is data, never markup."""
    stripped = value.strip()
    if not stripped:
        raise PydanticCustomError(
            "rules_text", "expected {expected}", {"expected": "non-empty text", "hint": ""}
        )
    for pattern, what, hint in (
        (_HTML_RE, "HTML markup", "Write plain text; the portal formats it."),
        (_SCRIPT_URL_RE, "a script or data URL", "Remove it; links belong in a url field."),
        (_MD_LINK_RE, "Markdown link syntax", "Write plain text; put links in a url field."),
        (_CONTROL_RE, "a control character", "Delete the invisible character."),
    ):
        found = pattern.search(value)
        if found:
            start = max(found.start() - 10, 0)
            raise PydanticCustomError(
                "rules_text",
                "expected plain text without {what}",
                {"what": what, "found": _shorten(value[start:]), "hint": hint},
            )
    return value


def _url(value: str) -> str:
    """Accept absolute http(s) URLs with a host, and nothing that could carry script."""
    if not _URL_RE.fullmatch(value):
        raise PydanticCustomError(
            "rules_url",
            "expected an absolute http(s) URL like https://learn.microsoft.com/...",
            {"hint": "Write the full address starting with https://, with no spaces or quotes."},
        )
    return value


Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]
Text = Annotated[str, StringConstraints(max_length=MAX_TEXT), AfterValidator(_plain_text)]
Url = Annotated[str, StringConstraints(max_length=500), AfterValidator(_url)]
HalfLabel = Annotated[str, StringConstraints(pattern=HALF_PATTERN)]
YearMonth = Annotated[str, StringConstraints(pattern=YEAR_MONTH_PATTERN)]
TimeOfDay = Annotated[str, StringConstraints(pattern=TIME_PATTERN)]
Percent = Annotated[float, Field(ge=0, le=100)]
Money = Annotated[float, Field(ge=0, le=1_000_000_000)]
Days = Annotated[int, Field(ge=0, le=3660)]
HalfName = Literal["H1", "H2"]
Weekday = Literal["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
Reliability = Literal[
    "official", "official-superseded", "microsoft-blog", "distributor", "third-party", "mirror"
]
REFERENCE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}(?:/[A-Za-z0-9][A-Za-z0-9._-]{0,99}){0,5}$"
LINES_PATTERN = r"^[0-9]{1,5}(?:-[0-9]{1,5})?(?:, [0-9]{1,5}(?:-[0-9]{1,5})?)*$"
# Maintainers' fields (`lines`, `reference_text`, `review_note`) are kept in rules.yaml for
# reviewers and never published: templates do not show them, and ``exclude=True`` keeps them
# out of every model_dump, so out of exports/rules.json.


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


# ---------------------------------------------------------------- provenance


class Source(_Model):
    """One document or web page that rules cite, as a bibliography lists it."""

    id: Slug
    title: Text = Field(description="The title as published.")
    label: Annotated[Text, StringConstraints(max_length=60)] | None = Field(
        default=None,
        description="A short name shown wherever the source is cited, the same on every page.",
    )
    publisher: Text
    reliability: Reliability
    date: Text = Field(description="Publication or page date, as the source states it.")
    url: Url | None = Field(
        default=None,
        description="The canonical address; for Microsoft pages the English (en-us) one.",
    )
    copy_of: Url | None = Field(
        default=None, description="For a source graded mirror: the address of the original."
    )
    note: Text | None = Field(default=None, description="A note for readers, published.")
    reference_text: Annotated[str, StringConstraints(pattern=REFERENCE_PATTERN)] | None = Field(
        default=None,
        description="Maintainers only, never published: the file of the reference folder "
        "that holds this source's text (its line numbers are what `lines` cite).",
        exclude=True,
    )
    review_note: Text | None = Field(
        default=None,
        description="Maintainers only, never published: how the source was read or checked.",
        exclude=True,
    )


class Citation(_Model):
    """Where in a registered source a rule comes from."""

    source: Slug
    section: Text | None = Field(
        default=None, description="The heading of the section cited, as printed in the source."
    )
    page: Annotated[int, Field(ge=1, le=9999)] | None = Field(
        default=None, description="The page of the published document, where known."
    )
    at: Text | None = Field(
        default=None, description="Any other place in the source: a table, entry or date."
    )
    lines: Annotated[str, StringConstraints(pattern=LINES_PATTERN)] | None = Field(
        default=None,
        description="Maintainers only, never published: lines of the source's reference "
        "text, like '77-82, 938'.",
        exclude=True,
    )
    review_note: Text | None = Field(
        default=None,
        description="Maintainers only, never published: what was read where.",
        exclude=True,
    )

    @property
    def line_ranges(self) -> list[tuple[int, int]]:
        """``lines`` as (first, last) pairs: '77-82, 938' -> [(77, 82), (938, 938)]."""
        if not self.lines:
            return []
        pairs = (part.partition("-") for part in self.lines.split(", "))
        return [(int(first), int(last or first)) for first, _, last in pairs]


Sources = Annotated[list[Citation], Field(min_length=1)]


class RuleItem(_Model):
    """A rule, fact or step stated in prose, with its sources."""

    id: Slug
    text: Text
    title: Text | None = None
    sources: Sources
    caveat: Text | None = Field(default=None, description="Why this is uncertain, if it is.")


# ---------------------------------------------------------------- program and levers


class Program(_Model):
    name: Text
    abbreviation: Text
    summary: Text
    coop_accrual_start: date
    facts: list[RuleItem]
    prerequisites: Annotated[list[RuleItem], Field(min_length=1)]
    sources: Sources


class Split(_Model):
    rebate_percent: Percent
    coop_percent: Percent


class Lever(_Model):
    id: Slug
    name: Text
    aliases: list[Text] = []
    rate_percent: Annotated[float, Field(ge=0, le=100)]
    split: Split | None = Field(
        default=None, description="Only where this row states its own split."
    )
    note: Text | None = None
    sources: Sources
    caveat: Text | None = None


class Engagement(_Model):
    id: Slug
    name: Text
    aliases: list[Text] = []
    split: Split
    levers: Annotated[list[Lever], Field(min_length=1)]
    sources: Sources
    caveat: Text | None = None


Confidence = Literal["primary", "secondary"]


class LeverRates(_Model):
    """Which edition of the rate table the levers carry, and how far to trust it today."""

    edition: Text = Field(description="The edition of the rates, e.g. October 2024.")
    confidence: Confidence = Field(
        default="primary",
        description="primary: printed in the co-op guide itself; secondary: from public "
        "reports only (then the caveat says what to check).",
    )
    caveat: Text = Field(description="Why the rates may no longer be current, for partners.")
    sources: Sources


class LeverChange(_Model):
    """One lever as a later edition has it: a new rate, gone, or new (with its engagement)."""

    lever: Slug = Field(description="The lever's id; a new id adds a lever to `engagement`.")
    engagement: Slug | None = Field(default=None, description="Only for a new lever.")
    name: Text | None = Field(default=None, description="A new lever's name, or a new name.")
    rate_percent: Annotated[float, Field(ge=0, le=100)] | None = None
    removed: bool = Field(default=False, description="The edition no longer has this lever.")
    note: Text | None = Field(default=None, description="Published beside the lever.")
    sources: Sources


class LeverEdition(_Model):
    """A later edition of the rate table: what changed from the one before, and from which
    earning period on (it applies until the next edition's first period)."""

    id: Slug
    edition: Text = Field(description="The edition's name as partners read it.")
    confidence: Confidence
    earning_from: HalfLabel = Field(
        description="The first earning period (like FY26H1) the edition applies to."
    )
    caveat: Text = Field(description="How sure the edition is and what to check, for partners.")
    changes: Annotated[list[LeverChange], Field(min_length=1)]
    sources: Sources


class ExampleRow(_Model):
    engagement_label: Text
    lever_label: Text
    lever: Slug
    rebate: list[Money]
    coop: list[Money]


class WorkedExample(_Model):
    id: Slug
    title: Text
    earning_half: HalfLabel
    usage_half: HalfLabel
    split: Split
    months: Annotated[list[YearMonth], Field(min_length=1, max_length=6)]
    rows: Annotated[list[ExampleRow], Field(min_length=1)]
    stated_monthly_rebate: list[Money]
    stated_monthly_coop: list[Money]
    stated_total_coop: Money
    stated_accrued_by: date
    sources: Sources


# ---------------------------------------------------------------- calendar and periods


class MonthDay(_Model):
    month: Annotated[int, Field(ge=1, le=12)]
    day: Annotated[int, Field(ge=1, le=31)]


class HalfDefinition(_Model):
    id: HalfName
    name: Text
    start: MonthDay
    end: MonthDay


class DeadlineRule(_Model):
    """Fixed calendar deadlines for usage periods that fall in one half."""

    usage_half: HalfName
    claim_deadline: MonthDay
    resolution_deadline: MonthDay


class StatedDays(_Model):
    """A day count a source states in prose, kept so it can be checked."""

    days: Days
    text: Text
    sources: Sources
    caveat: Text | None = None


class Forfeiture(_Model):
    """What is lost at each deadline: the one statement every page renders."""

    claim_deadline: Text = Field(description="What is forfeited when the claim deadline passes.")
    resolution_deadline: Text = Field(
        description="What becomes of submitted claims still open at the resolution deadline."
    )
    sources: Sources


class Calendar(_Model):
    fiscal_year_start: MonthDay
    fiscal_year_named_by: Literal["end-year"]
    halves: Annotated[list[HalfDefinition], Field(min_length=2, max_length=2)]
    usage_follows_earning: Text
    deadlines: Annotated[list[DeadlineRule], Field(min_length=2, max_length=2)]
    cutoff_time_utc: TimeOfDay
    claim_deadline_stated: StatedDays
    resolution_deadline_stated: StatedDays
    claim_within_days_of_activity_end: StatedDays
    forfeiture: Forfeiture
    rules: list[RuleItem]
    sources: Sources


class Span(_Model):
    half: HalfLabel
    start: date
    end: date


PeriodField = Literal["earning", "usage", "claim_deadline", "resolution_deadline"]


class Period(_Model):
    id: Slug
    earning: Span
    usage: Span
    claim_deadline: date
    resolution_deadline: date
    derived: list[PeriodField] = Field(
        default=[], description="Fields worked out from the calendar rule, not stated."
    )
    note: Text | None = None
    sources: Sources


# ---------------------------------------------------------------- money


class Threshold(_Model):
    id: Slug
    amount: Money
    applies_to: Text
    per: Text
    below: Text
    sources: Sources
    caveat: Text | None = None


class LowDollarClaims(_Model):
    since: date
    amount: Money | None
    amount_note: Text
    text: Text
    sources: Sources


class PoeRetention(_Model):
    months: Annotated[int, Field(ge=1, le=240)]
    counted_from: Text
    sources: Sources
    caveat: Text | None = None


class PaymentExample(_Model):
    approved: date
    paid_from: date
    paid_to: date


class CoopPayment(_Model):
    approved_by_day: Annotated[int, Field(ge=1, le=28)]
    paid_from_day: Annotated[int, Field(ge=1, le=28)]
    paid_to_day: Annotated[int, Field(ge=1, le=31)]
    text: Text
    examples: list[PaymentExample]
    sources: Sources
    caveat: Text | None = None


class RebateExample(_Model):
    earning_month: YearMonth
    paid: date


class RebatePayment(_Model):
    days_after_earning_month: Days
    text: Text
    examples: list[RebateExample]
    sources: Sources


class MinimumPayment(_Model):
    amount: Money
    per: Text
    sources: Sources
    caveat: Text | None = None


class MoneyRules(_Model):
    coop_threshold: Threshold
    other_thresholds: list[Threshold]
    low_dollar_claims: LowDollarClaims
    poe_retention: PoeRetention
    coop_payment: CoopPayment
    rebate_payment: RebatePayment
    minimum_payment: MinimumPayment
    facts: list[RuleItem]


# ---------------------------------------------------------------- activities and content rules


class Category(_Model):
    id: Slug
    name: Text
    aliases: list[Text] = []
    definition: Text
    core_requirements_apply: bool
    sources: Sources


class ContentFund(_Model):
    """A fund column of the guidebook's Microsoft-content table."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    minimum_percent: Percent | None
    rule: Text
    sources: Sources
    caveat: Text | None = None


# What a piece of proof shows, so the evidence rules that judge it can be picked:
# design - designed marketing (an ad, mail piece, email, post, web page, invitation, slides);
# wording - words put to customers without a design (a call script, contest rules, deliverables);
# screenshot, photo - a screen or a scene captured at the time; web-page - a web page's screenshot.
Material = Literal["design", "wording", "screenshot", "photo", "web-page"]


class EvidenceRule(_Model):
    """A rule for the proof itself (logo, dates, URLs), checked on the material it judges."""

    id: Slug
    moved_from: list[Slug] = Field(
        default=[],
        description="Ids this item had before (a renamed item): ticks saved under them follow it.",
    )
    text: Text
    title: Text | None = None
    judges: list[Material] = Field(
        default=["design", "wording", "screenshot", "photo", "web-page"],
        description="The material this rule judges; it applies where an activity's proof shows it.",
    )
    sources: Sources
    caveat: Text | None = None


class CoreRequirement(_Model):
    id: Slug
    moved_from: list[Slug] = Field(
        default=[],
        description="Ids this item had before (a renamed item): ticks saved under them follow it.",
    )
    title: Text
    text: Text
    details: list[Text] = []
    applies_to: Annotated[list[Slug], Field(min_length=1)]
    sources: Sources


PoeKind = Literal["invoice", "communication", "metrics", "other"]


class PoeOption(_Model):
    """One alternative of a "one of" POE item."""

    id: Slug
    moved_from: list[Slug] = Field(
        default=[],
        description="Ids this item had before (a renamed item): ticks saved under them follow it.",
    )
    text: Text
    material: list[Material] = []


class PoeItem(_Model):
    """One piece of proof; with ``one_of`` a choice, done when any one option is."""

    id: Slug
    moved_from: list[Slug] = Field(
        default=[],
        description="Ids this item had before (a renamed item): ticks saved under them follow it.",
    )
    kind: PoeKind
    text: Text
    material: list[Material] = Field(
        default=[], description="What the proof shows; the evidence rules that judge it apply."
    )
    one_of: list[PoeOption] = Field(
        default=[], description="Alternatives: the item is done when one of them is."
    )
    sources: list[Citation] = []


class Expense(_Model):
    id: Slug
    name: Text
    csr_type: Slug | None = None
    note: Text | None = None


class Cap(_Model):
    id: Slug
    text: Text
    percent_of_coop: Percent | None = None
    amount_usd: Money | None = None
    sources: Sources
    caveat: Text | None = None


class ContentShare(_Model):
    fund: Slug
    minimum_percent: Percent


class Placement(_Model):
    """Where another source puts an activity when it differs from ``category``."""

    category: Slug
    since: Text = Field(description="When or where it is placed so, e.g. 'since May 2025'.")
    sources: Sources


class Activity(_Model):
    id: Slug
    moved_from: list[Slug] = Field(
        default=[],
        description="Ids this activity was published under before: their pages and embeds "
        "redirect here, and partners' ticks and claims follow (published-ids.json lists them).",
    )
    name: Text
    category: Slug
    placements: list[Placement] = Field(
        default=[],
        description="Other category placements that sources give, shown beside `category`.",
    )
    aliases: list[Text] = []
    definition: Text
    guidelines: list[Text] = []
    core_requirements_apply: bool
    core_requirements_note: Text | None = None
    microsoft_content: list[ContentShare] = []
    preapproval_required: bool
    poe: Annotated[list[PoeItem], Field(min_length=1)]
    expenses: list[Expense]
    caps: list[Cap] = []
    notes: list[Text] = []
    best_practices: list[Text] = []
    caveat: Text | None = None
    review_note: Text | None = Field(
        default=None,
        description="Maintainers only, never published: where the activity's details come "
        "from and what is still unconfirmed.",
        exclude=True,
    )
    sources: Sources


# ---------------------------------------------------------------- claims


class ClaimField(_Model):
    id: Slug
    name: Text
    required: bool
    note: Text | None = None


class ClaimStep(_Model):
    id: Slug
    title: Text
    text: Text
    fields: list[ClaimField] = []
    substeps: list[Text] = []
    sources: Sources


class CsrExpenseType(_Model):
    id: Slug
    name: Text


class ClaimStage(_Model):
    """A stage of a claim's life; ``claim_process.stages`` lists them in order, and every
    status (Partner Center's and the workspace's own) names one."""

    id: Slug
    name: Text
    meaning: Text
    deadline: Literal["claim", "resolution"] | None = Field(
        default=None,
        description="The deadline a claim at this stage must still meet: the claim deadline "
        "(not yet submitted) or the resolution deadline (submitted, not yet decided).",
    )
    sources: Sources


class ClaimStatus(_Model):
    id: Slug
    name: Text
    aliases: list[Text] = []
    stage: Slug = Field(description="The id of one of claim_process.stages.")
    meaning: Text
    sources: Sources
    caveat: Text | None = None


class Resolution(_Model):
    text: Text
    open_statuses: Annotated[list[Slug], Field(min_length=1)]
    unresolved_status: Slug
    sources: Sources


class EarningStatus(_Model):
    id: Slug
    name: Text
    meaning: Text
    action_required: bool
    sources: Sources


class NextStep(_Model):
    """What a planning status asks of the partner, and the activity date it is due by."""

    text: Text
    due: Literal["start", "end"]


class PlanningStatus(_Model):
    """A status of the workspace's own, before a claim exists in Partner Center."""

    id: Slug
    name: Text
    aliases: list[Text] = []
    stage: Slug = Field(description="The id of one of claim_process.stages.")
    meaning: Text
    next_step: NextStep | None = Field(
        default=None,
        description="The step the status asks for; without one, the next step is to submit "
        "the claim by its claim-by date.",
    )
    sources: Sources


class FundCategory(_Model):
    """A fund category a claim can draw from in Partner Center."""

    id: Slug
    name: Text
    sources: Sources


class ClaimProcess(_Model):
    find_funds: list[RuleItem]
    steps: Annotated[list[ClaimStep], Field(min_length=1)]
    csr_expense_types: Annotated[list[CsrExpenseType], Field(min_length=1)]
    stages: Annotated[list[ClaimStage], Field(min_length=1)] = Field(
        description="Every stage of a claim, in order; the first is the workspace's planning."
    )
    statuses: Annotated[list[ClaimStatus], Field(min_length=1)]
    planning_statuses: Annotated[list[PlanningStatus], Field(min_length=1)] = Field(
        description="The workspace's statuses before a claim exists; the first is a new "
        "claim's status."
    )
    forfeited_status: ClaimStatus = Field(
        description="The workspace's status of a claim whose money was lost at a deadline."
    )
    fund_categories: Annotated[list[FundCategory], Field(min_length=1)]
    default_fund_category: Slug = Field(
        description="The id of the fund category a claim draws from unless it names another."
    )
    claim_name_item: Slug = Field(
        description="The id of the claim checklist item that says how to name a claim."
    )
    resolution: Resolution
    checklist: Annotated[list[RuleItem], Field(min_length=1)]
    earning_statuses: list[EarningStatus]


# ---------------------------------------------------------------- reference


class Planning(_Model):
    recommended: list[RuleItem]
    optional: list[RuleItem]
    check_earnings: list[RuleItem]
    tips: list[RuleItem]
    support: list[RuleItem]


class GlossaryTerm(_Model):
    id: Slug
    term: Text
    definition: Text
    aliases: list[Text] = []
    sources: Sources


class Resource(_Model):
    id: Slug
    name: Text
    description: Text
    url: Url | None = None
    sources: Sources


# ---------------------------------------------------------------- the source's own views


class ViewEntry(_Model):
    name: Text
    category: Slug | None = None


class ActivityView(_Model):
    """An activity list exactly as one place of a source prints it."""

    id: Slug
    title: Text
    complete: bool = Field(description="True when the list claims to name every activity.")
    source: Citation
    entries: Annotated[list[ViewEntry], Field(min_length=1)]


class ContentView(_Model):
    """A list of activities that need a minimum Microsoft-content share in one fund."""

    id: Slug
    title: Text
    fund: Slug
    minimum_percent: Percent
    source: Citation
    entries: Annotated[list[Text], Field(min_length=1)]


class PeriodViewRow(_Model):
    label: Text
    earning_half: HalfLabel
    earning_start: date | None = None
    earning_end: date | None = None
    usage_start: date | None = None
    usage_end: date | None = None
    claim_deadline: date | None = None
    resolution_deadline: date | None = None


class PeriodView(_Model):
    """A table or sentence of a source that gives period dates."""

    id: Slug
    title: Text
    source: Citation
    rows: Annotated[list[PeriodViewRow], Field(min_length=1)]


class StatedDate(_Model):
    """A deadline a source shows in passing (a screenshot, an example)."""

    id: Slug
    text: Text
    period: Slug
    deadline: Literal["claim_deadline", "resolution_deadline"]
    date: date
    weekday: Weekday | None = None
    source: Citation


class SourceViews(_Model):
    activity_lists: list[ActivityView]
    content_lists: list[ContentView]
    period_tables: list[PeriodView]
    stated_dates: list[StatedDate]


class Statement(_Model):
    says: Text
    sources: Sources


class Acknowledgement(_Model):
    check: Slug
    subject: Annotated[str, StringConstraints(min_length=1, max_length=200)]


class SourceNote(_Model):
    """A contradiction in the sources, explained, and how the portal handles it."""

    id: Slug
    title: Text
    statements: Annotated[list[Statement], Field(min_length=2)]
    explanation: Text
    handling: Text
    acknowledges: list[Acknowledgement] = []


# ---------------------------------------------------------------- search


class SearchWords(_Model):
    """Words partners search for that the activities' own text does not contain."""

    id: Slug
    words: Annotated[list[Text], Field(min_length=1)]
    activities: list[Slug] = Field(default=[], description="Activities these words find.")
    categories: list[Slug] = Field(default=[], description="Every activity of these categories.")
    why: Text
    sources: Sources


# ---------------------------------------------------------------- the root


class Rules(_Model):
    """The whole of rules.yaml."""

    schema_version: Literal[1]
    rules_version: Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z.+-]{1,40}$")]
    updated: date = Field(description="The day the rules were last reviewed against the sources.")
    title: Text
    guide: Slug | None = Field(
        default=None,
        description="The source whose edition these rules follow (its label and date are "
        "shown as the edition).",
    )
    currency: Literal["USD"]
    sources: Annotated[list[Source], Field(min_length=1)]
    program: Program
    engagements: Annotated[list[Engagement], Field(min_length=1)]
    lever_rates: LeverRates
    lever_editions: list[LeverEdition] = Field(
        default=[],
        description="Later editions of the rate table, oldest first; `lever_rates` names the "
        "edition the levers above carry, which applies before the first of these.",
    )
    worked_example: WorkedExample
    calendar: Calendar
    periods: Annotated[list[Period], Field(min_length=1)]
    money: MoneyRules
    categories: Annotated[list[Category], Field(min_length=1)]
    content_funds: Annotated[list[ContentFund], Field(min_length=1)]
    core_requirements: Annotated[list[CoreRequirement], Field(min_length=1)]
    evidence_hygiene: Annotated[list[EvidenceRule], Field(min_length=1)]
    activities: Annotated[list[Activity], Field(min_length=1)]
    claim_process: ClaimProcess
    planning: Planning
    glossary: Annotated[list[GlossaryTerm], Field(min_length=1)]
    resources: list[Resource]
    source_views: SourceViews
    source_notes: list[SourceNote]
    search_words: list[SearchWords] = []

    @property
    def guide_source(self) -> Source | None:
        """The registered source named by ``guide``, if any."""
        return next((s for s in self.sources if s.id == self.guide), None)
