"""Ids, references and names: every entry can be found, and found once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pydantic import BaseModel

from ..domain import normalize_name
from ..errors import Loc
from ..model import Rules
from .registry import Issue, check, issue


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


@check("unique-ids", "Ids are unique in their list, and lever ids across all engagements")
def _unique_ids(rules: Rules) -> Iterator[Issue]:
    for loc, items in _id_lists(rules, ()):
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            item_id = getattr(item, "id")  # noqa: B009 - the attribute is known to exist
            if item_id in seen:
                yield issue(
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
                yield issue(
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


def _dangling(kind: str, value: str, known: Iterable[str], loc: Loc) -> Issue:
    options = sorted(known)
    listed = ", ".join(options[:8]) + (", ..." if len(options) > 8 else "")
    article = "an" if kind[:1] in "aeiou" else "a"
    return issue(
        f"{kind}:{value}",
        loc,
        f"expected the id of {article} {kind} ({listed}), but got '{value}'",
        f"Fix the spelling, or add {article} {kind} with id '{value}'.",
    )


@check("references", "Every reference resolves to an entry that exists")
def _references(rules: Rules) -> Iterator[Issue]:
    sources = {s.id for s in rules.sources}
    for loc, source_id in _citations(rules, ()):
        if source_id not in sources:
            yield _dangling("source", source_id, sources, (*loc, "source"))
    if rules.guide is not None and rules.guide not in sources:
        yield _dangling("source", rules.guide, sources, ("guide",))
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
        for p_index, placement in enumerate(activity.placements):
            if placement.category not in categories or placement.category == activity.category:
                loc = (*base, "placements", p_index, "category")
                yield _dangling(
                    "category", placement.category, categories - {activity.category}, loc
                )
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
    yield from _claim_references(rules)
    activities = {a.id for a in rules.activities}
    for w_index, words in enumerate(rules.search_words):
        for i, activity_id in enumerate(words.activities):
            if activity_id not in activities:
                loc = ("search_words", w_index, "activities", i)
                yield _dangling("activity", activity_id, activities, loc)
        for i, category in enumerate(words.categories):
            if category not in categories:
                loc = ("search_words", w_index, "categories", i)
                yield _dangling("category", category, categories, loc)


@check("sources-used", "Every registered source is cited somewhere")
def _sources_used(rules: Rules) -> Iterator[Issue]:
    cited = {source for _, source in _citations(rules, ())}
    for index, source in enumerate(rules.sources):
        if source.id not in cited:
            yield issue(
                source.id,
                ("sources", index, "id"),
                f"expected every registered source to be cited, but '{source.id}' is cited nowhere",
                "Cite it from the rules it supports, or remove it from sources.",
            )


@check("unique-names", "Names and aliases identify one activity, lever or status each")
def _unique_names(rules: Rules) -> Iterator[Issue]:
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
                    yield issue(
                        f"{kind}:{key}",
                        where,
                        f"expected each {kind} name to be unique, but got '{text}', which "
                        f"also names '{owner[key][1]}'",
                        "Remove the alias from one of them, or merge the two entries.",
                    )
                owner.setdefault(key, (loc, name))


def _claim_references(rules: Rules) -> Iterator[Issue]:
    """Each status names a declared stage; the fund category and the checklist item the
    workspace relies on exist."""
    process = rules.claim_process
    stages = {s.id for s in process.stages}
    named: list[tuple[Loc, str]] = [
        (("claim_process", "statuses", i, "stage"), s.stage) for i, s in enumerate(process.statuses)
    ]
    named += [
        (("claim_process", "planning_statuses", i, "stage"), s.stage)
        for i, s in enumerate(process.planning_statuses)
    ]
    named.append((("claim_process", "forfeited_status", "stage"), process.forfeited_status.stage))
    for loc, stage in named:
        if stage not in stages:
            yield _dangling("claim stage", stage, stages, loc)
    funds = {f.id for f in process.fund_categories}
    if process.default_fund_category not in funds:
        loc = ("claim_process", "default_fund_category")
        yield _dangling("fund category", process.default_fund_category, funds, loc)
    items = {item.id for item in process.checklist}
    if process.claim_name_item not in items:
        loc = ("claim_process", "claim_name_item")
        yield _dangling("claim checklist item", process.claim_name_item, items, loc)


@check("status-ids", "A status id names one status, whether Partner Center's or the workspace's")
def _status_ids(rules: Rules) -> Iterator[Issue]:
    process = rules.claim_process
    seen: dict[str, Loc] = {
        s.id: ("claim_process", "statuses", i) for i, s in enumerate(process.statuses)
    }
    own: list[tuple[Loc, str]] = [
        (("claim_process", "planning_statuses", i, "id"), s.id)
        for i, s in enumerate(process.planning_statuses)
    ]
    own.append((("claim_process", "forfeited_status", "id"), process.forfeited_status.id))
    for loc, status_id in own:
        if status_id in seen:
            yield issue(
                status_id,
                loc,
                f"expected a status id not used by another status, but got '{status_id}', "
                f"also at {'.'.join(str(x) for x in seen[status_id])}",
                "Give the workspace's own statuses ids of their own; ids key saved claims.",
            )
        else:
            seen[status_id] = loc[:-1]
