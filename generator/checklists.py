"""Checklists as plain data: the POE checklist of each activity and the claim checklist.

Item ids are stable (``poe-`` + the POE item's id, ``core-`` + the core requirement's
id, ...), and each item carries a short hash of its text.  The browser keys saved ticks
by id and compares hashes, so an item whose wording changed in a rules update is
flagged instead of silently staying ticked.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from .model import Activity, CoreRequirement, Rules


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    hash: str
    kind: str  # what the item is: core, invoice, communication, metrics, other, hygiene, ...
    source_id: str  # the id of the rule in rules.yaml


@dataclass(frozen=True)
class ChecklistGroup:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    key: str  # the storage key: "activity:<id>" or "claim"
    title: str
    groups: tuple[ChecklistGroup, ...]

    @property
    def items(self) -> list[ChecklistItem]:
        return [item for group in self.groups for item in group.items]


def text_hash(text: str) -> str:
    """A short, stable fingerprint of an item's wording."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def _item(prefix: str, rule_id: str, text: str, kind: str) -> ChecklistItem:
    return ChecklistItem(f"{prefix}-{rule_id}", text, text_hash(text), kind, rule_id)


_POE_GROUPS = (
    ("invoice", "Invoice or CSR"),
    ("communication", "Communication material"),
    ("metrics", "Metrics"),
    ("other", "Other proof for this activity"),
)


def core_requirements_for(rules: Rules, activity: Activity) -> list[CoreRequirement]:
    """The core requirements that apply to an activity (by its category or its own id)."""
    if not activity.core_requirements_apply:
        return []
    return [
        r
        for r in rules.core_requirements
        if activity.category in r.applies_to or activity.id in r.applies_to
    ]


def activity_checklist(rules: Rules, activity: Activity) -> Checklist:
    """The POE checklist of one activity, in the order a claim is put together."""
    groups: list[ChecklistGroup] = []
    core = tuple(
        _item("core", r.id, f"{r.title}: {r.text}", "core")
        for r in core_requirements_for(rules, activity)
    )
    if core:
        groups.append(ChecklistGroup("core", "Core requirements", core))
    for kind, title in _POE_GROUPS:
        items = tuple(_item("poe", p.id, p.text, kind) for p in activity.poe if p.kind == kind)
        if items:
            groups.append(ChecklistGroup(kind, title, items))
    hygiene = tuple(
        _item("evidence", r.id, f"{r.title}: {r.text}" if r.title else r.text, "hygiene")
        for r in rules.evidence_hygiene
    )
    groups.append(ChecklistGroup("evidence", "Evidence rules", hygiene))
    return Checklist(f"activity:{activity.id}", f"POE checklist: {activity.name}", tuple(groups))


def claim_checklist(rules: Rules) -> Checklist:
    """The checklist to run before submitting a claim: the guidebook's list, then the steps."""
    process = rules.claim_process
    checks = tuple(
        _item("check", r.id, f"{r.title}: {r.text}" if r.title else r.text, "check")
        for r in process.checklist
    )
    steps = tuple(_item("step", s.id, f"{s.title}: {s.text}", "step") for s in process.steps)
    return Checklist(
        "claim",
        "Claim checklist",
        (
            ChecklistGroup("before-submitting", "Before you submit", checks),
            ChecklistGroup("claim-steps", "Claim steps done", steps),
        ),
    )
