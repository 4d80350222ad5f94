"""Checklists as plain data: the POE checklist of each activity and the claim checklist.

Item ids are stable (``poe-`` + the POE item's id, ``core-`` + the core requirement's
id, ``evidence-`` + the evidence rule's id, ...), and each item carries a short hash of
its text.  The browser keys saved ticks by id and compares hashes, so an item whose
wording changed in a rules update is flagged instead of silently staying ticked.

An activity's checklist holds only what applies to it: the core requirements where its
page says they apply, and the evidence rules that judge material its proof shows.  A POE
item with alternatives is one entry with options ("one of"): each option is ticked and
saved on its own, and the entry is done when any option is ticked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from .model import Activity, CoreRequirement, EvidenceRule, PoeItem, Rules


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    text: str
    hash: str
    kind: str  # what the item is: core, invoice, communication, metrics, other, hygiene, ...
    source_id: str  # the id of the rule in rules.yaml
    options: tuple[ChecklistItem, ...] = ()  # alternatives: done when any one is ticked
    moved_from: tuple[str, ...] = ()  # the item ids it had before (rules.yaml moved_from)

    def done(self, ticked: Collection[str]) -> bool:
        """Whether the entry counts as done, given the ids of the ticked items."""
        if self.options:
            return any(option.id in ticked for option in self.options)
        return self.id in ticked


@dataclass(frozen=True)
class ChecklistSection:
    id: str
    title: str
    entries: tuple[ChecklistItem, ...]


def _entry_data(entry: ChecklistItem) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": entry.id,
        "text": entry.text,
        "hash": entry.hash,
        "kind": entry.kind,
    }
    if entry.options:
        data["options"] = [_entry_data(option) for option in entry.options]
    return data


@dataclass(frozen=True)
class Checklist:
    key: str  # the storage key: "activity:<id>" or "claim"
    title: str
    sections: tuple[ChecklistSection, ...]

    @property
    def entries(self) -> list[ChecklistItem]:
        """What the progress counts: each item, and each "one of" group once."""
        return [entry for section in self.sections for entry in section.entries]

    @property
    def items(self) -> list[ChecklistItem]:
        """Every item with a tick box: plain items, and the options of each group."""
        return [item for entry in self.entries for item in (entry.options or (entry,))]

    @property
    def moves(self) -> dict[str, str]:
        """Old item id -> the id of the item that now stands for it (entries and options), so
        ticks saved under the old id follow it."""
        every = [*self.entries, *(o for e in self.entries for o in e.options)]
        return {old: item.id for item in every for old in item.moved_from}

    def to_data(self) -> dict[str, Any]:
        """JSON-ready data for the page: sections, entries in order, groups with options."""
        return {
            "key": self.key,
            "title": self.title,
            "sections": [
                {"id": s.id, "title": s.title, "entries": [_entry_data(e) for e in s.entries]}
                for s in self.sections
            ],
        }

    def progress(self, ticked: Iterable[str]) -> tuple[int, int]:
        """(done, total) for a set of ticked item ids, as the page shows "done of total"."""
        ids = frozenset(ticked)
        entries = self.entries
        return sum(entry.done(ids) for entry in entries), len(entries)


def text_hash(text: str) -> str:
    """A short, stable fingerprint of an item's wording."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()[:10]


def _item(
    prefix: str, rule_id: str, text: str, kind: str, moved_from: Iterable[str] = ()
) -> ChecklistItem:
    return ChecklistItem(
        f"{prefix}-{rule_id}",
        text,
        text_hash(text),
        kind,
        rule_id,
        moved_from=tuple(f"{prefix}-{old}" for old in moved_from),
    )


def _poe_entry(poe: PoeItem) -> ChecklistItem:
    options = tuple(_item("poe", o.id, o.text, poe.kind, o.moved_from) for o in poe.one_of)
    return ChecklistItem(
        f"poe-{poe.id}",
        poe.text,
        text_hash(poe.text),
        poe.kind,
        poe.id,
        options,
        tuple(f"poe-{old}" for old in poe.moved_from),
    )


_POE_SECTIONS = (
    ("invoice", "Invoice"),  # a CSR, where allowed, is an option of the invoice item
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


def materials_shown(activity: Activity) -> set[str]:
    """Every kind of material the activity's proof shows, options included."""
    shown = {m for poe in activity.poe for m in poe.material}
    return shown | {m for poe in activity.poe for o in poe.one_of for m in o.material}


def evidence_rules_for(rules: Rules, activity: Activity) -> list[EvidenceRule]:
    """The evidence rules that judge material this activity's proof shows."""
    shown = materials_shown(activity)
    return [r for r in rules.evidence_hygiene if shown.intersection(r.judges)]


def activity_checklist(rules: Rules, activity: Activity) -> Checklist:
    """The POE checklist of one activity, in the order a claim is put together."""
    sections: list[ChecklistSection] = []
    core = tuple(
        _item("core", r.id, f"{r.title}: {r.text}", "core", r.moved_from)
        for r in core_requirements_for(rules, activity)
    )
    if core:
        sections.append(ChecklistSection("core", "Core requirements", core))
    for kind, title in _POE_SECTIONS:
        entries = tuple(_poe_entry(p) for p in activity.poe if p.kind == kind)
        if entries:
            sections.append(ChecklistSection(kind, title, entries))
    evidence = tuple(
        _item(
            "evidence", r.id, f"{r.title}: {r.text}" if r.title else r.text, "hygiene", r.moved_from
        )
        for r in evidence_rules_for(rules, activity)
    )
    if evidence:
        sections.append(ChecklistSection("evidence", "Evidence rules", evidence))
    return Checklist(f"activity:{activity.id}", f"POE checklist: {activity.name}", tuple(sections))


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
            ChecklistSection("before-submitting", "Before you submit", checks),
            ChecklistSection("claim-steps", "Claim steps done", steps),
        ),
    )
