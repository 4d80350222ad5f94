"""Published addresses are a contract: ``published-ids.json`` beside rules.yaml lists every
activity the portal has published (its page, its embed and the ids of its checklist items,
which key partners' saved ticks), the embeds, and the ids activities moved from.

The check refuses rules that drop a published activity unless an activity names it under
``moved_from`` (its old page and embed then redirect, and ticks and claims follow it), and
rules that drop a checklist item partners may have ticked unless the item that replaces it
names it under its own ``moved_from`` (ticks saved under the old id then follow it).
``python -m generator published --write`` records the current rules, which is how a removal
is accepted on purpose.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .checklists import activity_checklist
from .errors import Problem
from .loader import Locator
from .model import Activity, Rules
from .sitemap import activity_path, page_url, path_of, paths

FILE = "published-ids.json"
SINGLE_EMBEDS = ("embed_tracker", "embed_workspace", "embed_calculators")
ABOUT = (
    "The ids and addresses this portal has published: intranet links and embeds point at them "
    "and partners' saved ticks and claims use them. `python -m generator check` refuses rules "
    "that drop one unless an activity lists it under moved_from. Written by `python -m "
    "generator published --write`; do not edit by hand."
)


def manifest_path(rules_path: str | Path) -> Path:
    return Path(rules_path).with_name(FILE)


def moves(rules: Rules) -> dict[str, str]:
    """Old activity id -> the id of the activity that now stands for it."""
    return {old: a.id for a in rules.activities for old in a.moved_from}


def _items(rules: Rules, activity: Activity) -> list[str]:
    """The ids partners' ticks are saved under (each option of a "one of" group)."""
    return [item.id for item in activity_checklist(rules, activity).items]


def _item_moves(rules: Rules, activity: Activity) -> dict[str, str]:
    """Old checklist item id -> the item that now stands for it (rules.yaml moved_from)."""
    return activity_checklist(rules, activity).moves


def manifest(rules: Rules) -> dict[str, Any]:
    """The manifest of ``rules`` as written to published-ids.json."""
    return {
        "about": ABOUT,
        "activities": {
            a.id: {
                "page": page_url(activity_path(a.id)),
                "embed": page_url(path_of("embed_activity", a.id)),
                "items": _items(rules, a),
                **({"moved_items": moved} if (moved := _item_moves(rules, a)) else {}),
            }
            for a in rules.activities
        },
        "embeds": [page_url(paths()[key]) for key in SINGLE_EMBEDS],
        "moved": dict(sorted(moves(rules).items())),
    }


def manifest_text(rules: Rules) -> str:
    return json.dumps(manifest(rules), indent=1, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Published:
    activities: dict[str, dict[str, Any]]
    moved: dict[str, str]


def read_manifest(path: Path, locator: Locator) -> Published | Problem:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        activities = {str(k): dict(v) for k, v in data["activities"].items()}
        moved = {str(k): str(v) for k, v in (data.get("moved") or {}).items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
        return Problem(
            str(path),
            1,
            1,
            "(top level)",
            f"expected the manifest of published ids, but it cannot be read ({error})",
            f"Restore it from git, or run `python -m generator published --write` to write it "
            f"again from {locator.file}.",
        )
    return Published(activities, moved)


def check_published(rules: Rules, locator: Locator, path: Path) -> list[Problem]:
    """Every way ``rules`` break the published addresses recorded at ``path`` (none if absent)."""
    problems: list[Problem] = []
    current = {a.id: index for index, a in enumerate(rules.activities)}
    seen: dict[str, str] = {}
    for index, activity in enumerate(rules.activities):
        for j, old in enumerate(activity.moved_from):
            loc = ("activities", index, "moved_from", j)
            if old in current:
                problems.append(
                    locator.problem(
                        loc,
                        f"expected an id no activity has now, but '{old}' is an activity's id",
                        "moved_from names the ids an activity was published under before; "
                        f"remove '{old}' from it.",
                    )
                )
            elif old in seen:
                problems.append(
                    locator.problem(
                        loc,
                        f"expected each old id to move to one activity, but '{old}' is also "
                        f"under moved_from of '{seen[old]}'",
                        "Keep it under the one activity that replaced it.",
                    )
                )
            seen.setdefault(old, activity.id)
    problems += _item_move_problems(rules, locator)
    if not path.exists():
        return problems
    published = read_manifest(path, locator)
    if isinstance(published, Problem):
        return [*problems, published]
    shown = path.name
    for old in [*published.activities, *published.moved]:
        if old in current or old in seen:
            continue
        entry = published.activities.get(old) or {}
        page = entry.get("page") or page_url(activity_path(old))
        embed = entry.get("embed") or page_url(path_of("embed_activity", old))
        problems.append(
            locator.problem(
                ("activities",),
                f"expected the published activity '{old}' (page {page}, embed {embed}, listed "
                f"in {shown}), but no activity has that id or lists it under moved_from",
                f"If it was renamed, add `moved_from: [{old}]` to the activity that replaces it: "
                "its old page and embed then redirect there, and partners' ticks and claims "
                "follow. If it is gone for good, run `python -m generator published --write` to "
                "accept that its page and embed disappear.",
                key=True,
            )
        )
    for activity_id, entry in published.activities.items():
        # A moved activity's published items are checked against the activity it moved to:
        # its ticks follow it there.
        now = activity_id if activity_id in current else seen.get(activity_id)
        if now is None or now not in current:
            continue
        index = current[now]
        activity = rules.activities[index]
        have = set(_items(rules, activity)) | set(_item_moves(rules, activity))
        ids = [*(entry.get("items") or []), *(entry.get("moved_items") or {})]
        gone = list(dict.fromkeys(i for i in ids if i not in have))
        if gone:
            problems.append(
                locator.problem(
                    ("activities", index, "poe"),
                    f"expected the checklist items of '{activity_id}' that partners may have "
                    f"ticked (listed in {shown}), but {', '.join(gone)} "
                    f"{'is' if len(gone) == 1 else 'are'} gone",
                    "If an item was only reworded, keep its id. If it was renamed, add "
                    f"`moved_from: [{_rule_id(gone[0])}]` to the item that replaces it (under "
                    "poe, core_requirements or evidence_hygiene): ticks saved under the old id "
                    "then follow it. If it is gone on purpose, run `python -m generator "
                    "published --write` to record it; partners who ticked it then see it "
                    "flagged as removed.",
                    key=True,
                )
            )
    return problems


def _rule_id(item_id: str) -> str:
    """The id in rules.yaml of a checklist item id ('poe-csr' -> 'csr')."""
    return item_id.split("-", 1)[1] if "-" in item_id else item_id


def _item_move_problems(rules: Rules, locator: Locator) -> list[Problem]:
    """An item's moved_from that names an id an item of its kind still has."""
    problems: list[Problem] = []

    def check(loc: tuple[str | int, ...], olds: list[str], taken: set[str]) -> None:
        for k, old in enumerate(olds):
            if old in taken:
                problems.append(
                    locator.problem(
                        (*loc, "moved_from", k),
                        f"expected an id no item has now, but '{old}' is an item's id",
                        "moved_from names the ids a checklist item had before it was renamed; "
                        f"remove '{old}' from it.",
                    )
                )

    for i, activity in enumerate(rules.activities):
        poe = {p.id for p in activity.poe} | {o.id for p in activity.poe for o in p.one_of}
        for j, item in enumerate(activity.poe):
            check(("activities", i, "poe", j), item.moved_from, poe)
            for m, option in enumerate(item.one_of):
                check(("activities", i, "poe", j, "one_of", m), option.moved_from, poe)
    core = {r.id for r in rules.core_requirements}
    for i, requirement in enumerate(rules.core_requirements):
        check(("core_requirements", i), requirement.moved_from, core)
    evidence = {r.id for r in rules.evidence_hygiene}
    for i, rule in enumerate(rules.evidence_hygiene):
        check(("evidence_hygiene", i), rule.moved_from, evidence)
    return problems
