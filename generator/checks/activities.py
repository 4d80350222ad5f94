"""Activities: core requirements, the invoice item, Microsoft-content shares."""

from __future__ import annotations

from collections.abc import Iterator

from ..domain import lookup
from ..model import Rules
from ..render import percent
from .registry import Issue, check, issue


@check(
    "activity-core", "An activity departs from its category's core requirements only with a note"
)
def _activity_core(rules: Rules) -> Iterator[Issue]:
    categories = lookup(rules).categories
    for index, activity in enumerate(rules.activities):
        category = categories.get(activity.category)
        if (
            category is not None
            and activity.core_requirements_apply != category.core_requirements_apply
            and activity.core_requirements_note is None
        ):
            yield issue(
                activity.id,
                ("activities", index, "core_requirements_apply"),
                f"expected {str(category.core_requirements_apply).lower()} like the rest of "
                f"{category.name}, or a core_requirements_note, but got "
                f"{str(activity.core_requirements_apply).lower()} with no note",
                "Add core_requirements_note citing where the activity says otherwise.",
            )


@check("activity-poe", "Every activity asks for exactly one invoice or CSR item")
def _activity_poe(rules: Rules) -> Iterator[Issue]:
    for index, activity in enumerate(rules.activities):
        invoices = [item for item in activity.poe if item.kind == "invoice"]
        if len(invoices) != 1:
            yield issue(
                activity.id,
                ("activities", index, "poe"),
                f"expected exactly one POE item of kind 'invoice' (every claim needs an "
                f"invoice or a CSR), but got {len(invoices)}",
                "Keep one invoice item and describe alternatives in its text.",
            )


@check("content-share", "An activity's Microsoft-content share is at least its fund's minimum")
def _content_share(rules: Rules) -> Iterator[Issue]:
    funds = lookup(rules).funds
    for index, activity in enumerate(rules.activities):
        for s_index, share in enumerate(activity.microsoft_content):
            fund = funds.get(share.fund)
            minimum = fund.minimum_percent if fund else None
            if minimum is not None and share.minimum_percent < minimum:
                yield issue(
                    f"{activity.id}/{share.fund}",
                    ("activities", index, "microsoft_content", s_index, "minimum_percent"),
                    f"expected at least the {fund.name if fund else share.fund} minimum "
                    f"({percent(minimum)}), but got {percent(share.minimum_percent)}",
                    "An activity can raise the fund's minimum, never lower it.",
                )
