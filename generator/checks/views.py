"""Source views: the activity and content lists of the sources agree with the activities."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ..domain import lookup, normalize_name
from ..errors import Loc
from ..model import Rules
from ..render import percent
from .registry import Issue, check, issue


@check("view-names", "Every activity named in a source list resolves to one activity")
def _view_names(rules: Rules) -> Iterator[Issue]:
    index = lookup(rules).activity_names
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
        matches = index.get(normalize_name(name), ())
        if len(matches) != 1:
            found = "no activity" if not matches else f"{len(matches)} activities"
            yield issue(
                f"{view_id}/{name}",
                loc,
                f"expected the name of one activity ({', '.join(names[:4])}, ...), "
                f"but '{name}' matches {found}",
                "Add the name as an alias of the activity it means.",
            )


@check(
    "view-agrees",
    "Each source list agrees with the activities: none missing, same category, no repeats",
    acknowledgeable=True,
)
def _view_agrees(rules: Rules) -> Iterator[Issue]:
    index = lookup(rules).activity_names
    known = {c.id for c in rules.categories}
    for v_index, view in enumerate(rules.source_views.activity_lists):
        base: Loc = ("source_views", "activity_lists", v_index)
        listed: Counter[int] = Counter()
        for e_index, entry in enumerate(view.entries):
            matches = index.get(normalize_name(entry.name), ())
            if len(matches) != 1:
                continue
            activity = rules.activities[matches[0]]
            listed[matches[0]] += 1
            if listed[matches[0]] == 2:
                yield issue(
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
                yield issue(
                    f"{view.id}/{activity.id}/category",
                    (*base, "entries", e_index, "category"),
                    f"expected category '{activity.category}' (as in activities), but "
                    f"'{view.title}' puts '{entry.name}' under '{entry.category}'",
                    "Acknowledge the different placement in a source note.",
                )
        if view.complete:
            for a_index, activity in enumerate(rules.activities):
                if a_index not in listed:
                    yield issue(
                        f"{view.id}/{activity.id}/missing",
                        (*base, "entries"),
                        f"expected '{view.title}' to list every activity, but it does not "
                        f"list '{activity.name}'",
                        "Acknowledge the omission in a source note, or mark the list "
                        "complete: false.",
                    )


@check(
    "content-view",
    "Microsoft-content lists of the sources agree with the activities",
    acknowledgeable=True,
)
def _content_view(rules: Rules) -> Iterator[Issue]:
    index = lookup(rules).activity_names
    for view in rules.source_views.content_lists:
        listed: set[int] = set()
        for name in view.entries:
            matches = index.get(normalize_name(name), ())
            if len(matches) != 1:
                continue
            listed.add(matches[0])
            activity = rules.activities[matches[0]]
            shares = {s.fund: s.minimum_percent for s in activity.microsoft_content}
            if shares.get(view.fund) != view.minimum_percent:
                a_index = matches[0]
                yield issue(
                    f"{view.id}/{activity.id}",
                    ("activities", a_index, "microsoft_content"),
                    f"expected {percent(view.minimum_percent)} Microsoft content for fund "
                    f"'{view.fund}' (as '{view.title}' lists it), but got "
                    f"{percent(shares[view.fund]) if view.fund in shares else 'none'}",
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
                    yield issue(
                        f"{view.id}/{activity.id}",
                        ("activities", a_index, "microsoft_content"),
                        f"expected only activities listed in '{view.title}' to need "
                        f"{percent(view.minimum_percent)} for '{view.fund}', but got "
                        f"'{activity.name}'",
                        "Remove the share, or cite the source that adds it.",
                    )
