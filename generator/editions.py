"""Editions of the lever rates: which table applies to which earning period, and how sure it is.

``lever_rates`` names the edition the levers of ``engagements`` carry; each entry of
``lever_editions`` lists what changed from the edition before it and applies from its first
earning period until the next one's. Everything here is worked out from the rules: pages,
the browser data and the "What changed" page read editions from this module only.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .domain import effective_split
from .model import Citation, Confidence, LeverChange, Rules
from .periods import Half

# How sure an edition is, in partner words (the two grades of ``confidence``).
CONFIDENCE_TEXT: dict[str, str] = {
    "primary": "printed in a co-op guide",
    "secondary": "from public reports, not from a co-op guide: treat it with care",
}


@dataclass(frozen=True)
class EditionLever:
    """One lever as an edition has it."""

    id: str
    name: str
    engagement_id: str
    engagement: str
    rate_percent: float
    rebate_percent: float
    coop_percent: float
    note: str | None
    sources: tuple[Citation, ...]
    change: str  # "same", "changed" (rate or name) or "added"
    before: float | None = None  # the rate of the edition before, where it changed


@dataclass(frozen=True)
class Edition:
    """A rate table and the earning periods it applies to (``earning_until`` None: still)."""

    id: str
    name: str
    confidence: Confidence
    caveat: str
    sources: tuple[Citation, ...]
    earning_from: str | None  # None: every earlier period
    earning_until: str | None
    levers: tuple[EditionLever, ...]
    removed: tuple[EditionLever, ...] = ()

    @property
    def confidence_text(self) -> str:
        return CONFIDENCE_TEXT[self.confidence]

    @property
    def periods_text(self) -> str:
        """The earning periods in words: 'co-op earned from FY26H1 on'."""
        if self.earning_from and self.earning_until:
            return f"co-op earned from {self.earning_from} to {self.earning_until}"
        if self.earning_from:
            return f"co-op earned from {self.earning_from} on"
        if self.earning_until:
            return f"co-op earned up to {self.earning_until}"
        return "co-op earned in any period"

    def lever(self, lever_id: str) -> EditionLever | None:
        """The lever as this edition has it, or None."""
        return next((lv for lv in self.levers if lv.id == lever_id), None)

    def change_of(self, lever_id: str) -> EditionLever | None:
        """The lever where this edition changed, added or removed it, else None."""
        found = self.lever(lever_id)
        if found is not None and found.change != "same":
            return found
        return next((lv for lv in self.removed if lv.id == lever_id), None)

    def applies_to(self, half: str) -> bool:
        return (self.earning_from is None or half >= self.earning_from) and (
            self.earning_until is None or half <= self.earning_until
        )


BASE_EDITION = "base"


def _base_levers(rules: Rules) -> list[EditionLever]:
    out = []
    for engagement in rules.engagements:
        for lever in engagement.levers:
            split = effective_split(rules, lever.id) or engagement.split
            out.append(
                EditionLever(
                    id=lever.id,
                    name=lever.name,
                    engagement_id=engagement.id,
                    engagement=engagement.name,
                    rate_percent=lever.rate_percent,
                    rebate_percent=split.rebate_percent,
                    coop_percent=split.coop_percent,
                    note=lever.note,
                    sources=tuple(lever.sources),
                    change="same",
                )
            )
    return out


def _apply(
    rules: Rules, levers: list[EditionLever], changes: list[LeverChange]
) -> tuple[list[EditionLever], list[EditionLever]]:
    """The levers after an edition's changes, and those it removed (unknown ids are skipped:
    the checks report them)."""
    engagements = {e.id: e for e in rules.engagements}
    out = [replace(lv, change="same", before=None) for lv in levers]
    removed: list[EditionLever] = []
    for change in changes:
        index = next((i for i, lv in enumerate(out) if lv.id == change.lever), None)
        if change.removed:
            if index is not None:
                removed.append(replace(out.pop(index), note=change.note, change="removed"))
            continue
        if index is not None:
            old = out[index]
            rate = old.rate_percent if change.rate_percent is None else change.rate_percent
            out[index] = replace(
                old,
                name=change.name or old.name,
                rate_percent=rate,
                note=change.note if change.note is not None else old.note,
                sources=tuple(change.sources),
                change="changed",
                before=old.rate_percent if rate != old.rate_percent else None,
            )
            continue
        engagement = engagements.get(change.engagement or "")
        if engagement is None or change.rate_percent is None or not change.name:
            continue
        last = max((i for i, lv in enumerate(out) if lv.engagement_id == engagement.id), default=-1)
        out.insert(
            last + 1,
            EditionLever(
                id=change.lever,
                name=change.name,
                engagement_id=engagement.id,
                engagement=engagement.name,
                rate_percent=change.rate_percent,
                rebate_percent=engagement.split.rebate_percent,
                coop_percent=engagement.split.coop_percent,
                note=change.note,
                sources=tuple(change.sources),
                change="added",
            ),
        )
    return out, removed


def lever_editions(rules: Rules) -> list[Edition]:
    """Every edition of the rates, oldest first, each with its complete lever table."""
    later = rules.lever_editions
    levers = _base_levers(rules)
    base = rules.lever_rates
    editions = [
        Edition(
            id=BASE_EDITION,
            name=base.edition,
            confidence=base.confidence,
            caveat=base.caveat,
            sources=tuple(base.sources),
            earning_from=None,
            earning_until=_before(later[0].earning_from) if later else None,
            levers=tuple(levers),
        )
    ]
    for index, edition in enumerate(later):
        levers, removed = _apply(rules, levers, edition.changes)
        following = later[index + 1].earning_from if index + 1 < len(later) else None
        editions.append(
            Edition(
                id=edition.id,
                name=edition.edition,
                confidence=edition.confidence,
                caveat=edition.caveat,
                sources=tuple(edition.sources),
                earning_from=edition.earning_from,
                earning_until=_before(following) if following else None,
                levers=tuple(levers),
                removed=tuple(removed),
            )
        )
    return editions


def _before(label: str) -> str:
    return Half.parse(label).previous().label


def edition_for(rules: Rules, half: str) -> Edition:
    """The edition that applies to co-op earned in ``half`` (like FY27H1)."""
    editions = lever_editions(rules)
    return next((e for e in editions if e.applies_to(half)), editions[-1])


def cite_text(rules: Rules, citations: tuple[Citation, ...] | list[Citation]) -> str:
    """Sources in plain text, as the pages cite them: 'Rebates-On blog (2025), FY26 lever
    changes; Tech Community discussion (2025)' (published fields only)."""
    sources = {s.id: s for s in rules.sources}
    groups: dict[str, list[str]] = {}
    for citation in citations:
        places = groups.setdefault(citation.source, [])
        for place in (
            f"“{citation.section}”" if citation.section else "",
            f"p. {citation.page}" if citation.page else "",
            citation.at or "",
        ):
            if place and place not in places:
                places.append(place)
    parts = []
    for source_id, places in groups.items():
        source = sources.get(source_id)
        label = (source.label or f"{source.title} ({source.date})") if source else source_id
        parts.append(", ".join([label, *places]))
    return "; ".join(parts)


def lever_cards(rules: Rules) -> list[tuple[str, str, list[EditionLever]]]:
    """Every lever any edition has, by engagement: (engagement id, name, levers), each lever
    as the newest edition that has it gives it (the estimator shows one card per lever)."""
    newest: dict[str, EditionLever] = {}
    for edition in lever_editions(rules):
        for lever in (*edition.removed, *edition.levers):
            newest[lever.id] = lever
    return [
        (e.id, e.name, [lv for lv in newest.values() if lv.engagement_id == e.id])
        for e in rules.engagements
    ]


def lever_sources(rules: Rules, lever_id: str) -> list[Citation]:
    """Every citation behind a lever: its row in the first edition, then each change."""
    out: list[Citation] = [
        c for e in rules.engagements for lv in e.levers if lv.id == lever_id for c in lv.sources
    ]
    for edition in rules.lever_editions:
        out += [c for change in edition.changes if change.lever == lever_id for c in change.sources]
    return out


def rates_text(rules: Rules) -> str:
    """The newest rates in one phrase, for the footer: 'lever rates for co-op earned from
    FY26H1 on: FY26, as public reports give it (from public reports, ...)'."""
    edition = current_edition(rules)
    return f"lever rates for {edition.periods_text}: {edition.name} ({edition.confidence_text})"


def current_edition(rules: Rules) -> Edition:
    """The newest edition (the one for periods from its first on)."""
    return lever_editions(rules)[-1]


__all__ = [
    "BASE_EDITION",
    "CONFIDENCE_TEXT",
    "Edition",
    "EditionLever",
    "cite_text",
    "current_edition",
    "edition_for",
    "lever_cards",
    "lever_editions",
    "lever_sources",
    "rates_text",
]
