"""Checklists that can be completed: a checklist holds only items that apply to its
activity, and a "one of" item is a real choice."""

from __future__ import annotations

from collections.abc import Iterator

from ..checklists import core_requirements_for
from ..domain import lookup
from ..errors import Loc
from ..model import Activity, PoeItem, PoeOption, Rules
from .registry import Issue, check, issue


def _poe_entries(
    activity: Activity,
) -> Iterator[tuple[tuple[int | str, ...], str, PoeItem | PoeOption]]:
    """(location inside the activity, kind, item) of every POE item and every option."""
    for p_index, item in enumerate(activity.poe):
        yield ("poe", p_index), item.kind, item
        for o_index, option in enumerate(item.one_of):
            yield ("poe", p_index, "one_of", o_index), item.kind, option


@check(
    "checklist-applies",
    "A checklist lists core requirements and evidence rules only where they apply",
)
def _checklist_applies(rules: Rules) -> Iterator[Issue]:
    categories = lookup(rules).categories
    for r_index, requirement in enumerate(rules.core_requirements):
        for t_index, target in enumerate(requirement.applies_to):
            category = categories.get(target)
            if category is not None and not category.core_requirements_apply:
                yield issue(
                    f"{requirement.id}/{target}",
                    ("core_requirements", r_index, "applies_to", t_index),
                    f"expected categories whose core requirements apply, but got '{target}', "
                    "whose core requirements do not apply",
                    "Remove it from applies_to, or set the category's core_requirements_apply.",
                )
    for index, activity in enumerate(rules.activities):
        loc: Loc = ("activities", index)
        if activity.core_requirements_apply and not core_requirements_for(rules, activity):
            yield issue(
                activity.id,
                (*loc, "core_requirements_apply"),
                f"expected a core requirement whose applies_to names '{activity.category}' "
                f"or '{activity.id}', since its core requirements apply, but got none",
                "Add the category to a core requirement's applies_to, or set "
                "core_requirements_apply to false.",
            )
        if not activity.core_requirements_apply:
            named = [r.id for r in rules.core_requirements if activity.id in r.applies_to]
            if named:
                yield issue(
                    activity.id,
                    (*loc, "core_requirements_apply"),
                    "expected no core requirement to name an activity whose core requirements "
                    f"do not apply, but got {', '.join(named)}",
                    "Remove the activity from applies_to, or set core_requirements_apply to true.",
                )
        for where, kind, item in _poe_entries(activity):
            if not item.material:
                continue
            if kind == "invoice":
                reason = "an invoice or CSR, which shows no marketing material"
            elif not activity.core_requirements_apply:
                reason = "proof for an activity whose core requirements do not apply"
            else:
                continue
            judged = [r.id for r in rules.evidence_hygiene if set(item.material) & set(r.judges)]
            yield issue(
                f"{activity.id}/{item.id}",
                (*loc, *where, "material"),
                f"expected no material on {reason}, but got {', '.join(item.material)}, "
                f"which adds evidence rules ({', '.join(judged) or 'none'}) to its checklist",
                "Remove material from this item; evidence rules judge marketing material.",
            )


@check("checklist-choices", "A 'one of' POE item offers two or more options with their own ids")
def _checklist_choices(rules: Rules) -> Iterator[Issue]:
    for index, activity in enumerate(rules.activities):
        top = {item.id for item in activity.poe}
        owner: dict[str, str] = {}
        for p_index, item in enumerate(activity.poe):
            loc: Loc = ("activities", index, "poe", p_index)
            if len(item.one_of) == 1:
                yield issue(
                    f"{activity.id}/{item.id}",
                    (*loc, "one_of"),
                    "expected two or more options in one_of, but got 1",
                    "Make it a plain item with the option's text, or add the alternative.",
                )
            if item.one_of and item.material:
                yield issue(
                    f"{activity.id}/{item.id}",
                    (*loc, "material"),
                    "expected material on each option of a 'one of' item, but got it on the item",
                    "Move material to the options that show it.",
                )
            for o_index, option in enumerate(item.one_of):
                clash = ""
                if option.id in top:
                    clash = "the id of a POE item"
                elif owner.setdefault(option.id, item.id) != item.id:
                    clash = f"an option of '{owner[option.id]}'"
                if clash:
                    yield issue(
                        f"{activity.id}/{option.id}",
                        (*loc, "one_of", o_index, "id"),
                        "expected an option id unique among the activity's POE items and "
                        f"options, but got '{option.id}', also {clash}",
                        "Give the option its own id; ids key saved checklist ticks.",
                    )
