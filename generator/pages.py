"""Rules to Markdown pages: ``build_pages(rules) -> {path: markdown}``. No MkDocs here.

Which pages exist, where they live and how they link comes from the page table in
sitemap.py, so the MkDocs plugin and the ``pages`` CLI command publish the same site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from .brand import Brand
from .browser_data import WARN_DAYS, browser_data_text, data_version
from .changes import rule_changes
from .checklists import activity_checklist, claim_checklist, core_requirements_for
from .domain import effective_split, example_month_sums, lookup
from .editions import edition_for, lever_cards, lever_editions, lever_sources
from .model import Citation, Rules, Source
from .render import MONTHS, escape_text, make_environment
from .search import activity_search_text
from .sitemap import (
    activity_path,
    page_url,
    path_of,
    paths,
    relative_md,
    relative_url,
    site_pages,
)


@dataclass
class PageContext:
    """What a template knows about the page it renders: its path, links, and citations."""

    src: str
    title: str
    directory_urls: bool
    sources: dict[str, Source]
    cited: dict[str, list[str]] = field(default_factory=dict)
    downloads: dict[str, str] = field(default_factory=dict)
    """Where a document source is downloaded, by source id (the brand's guidebook_url)."""

    def md(self, to_src: str, anchor: str | None = None) -> Markup:
        """A .md link target for Markdown links; paths and anchors are built from slugs."""
        return escape(relative_md(self.src, to_src, anchor))

    def url(self, to_src: str, anchor: str | None = None) -> Markup:
        """A final relative URL, for links inside HTML blocks."""
        return escape(relative_url(self.src, to_src, anchor, directory_urls=self.directory_urls))

    def root_url(self, to_src: str) -> Markup:
        """A page's URL from the site root, for templates that relativise it themselves."""
        return escape(page_url(to_src, directory_urls=self.directory_urls) or "./")

    def file_url(self, path: str) -> Markup:
        """A relative URL from this page to a file of the site (``brand/logo.svg``)."""
        here = page_url(self.src, directory_urls=self.directory_urls)
        base = here if here.endswith("/") or not here else posixpath.dirname(here) + "/"
        return escape(posixpath.relpath(path, base.rstrip("/") or "."))

    def activity(self, activity_id: str) -> Markup:
        return self.md(activity_path(activity_id))

    def _record(self, citations: Iterable[Citation]) -> list[Citation]:
        kept = list(citations)
        for citation in kept:
            places = self.cited.setdefault(citation.source, [])
            place = place_text(citation)
            if place and place not in places:
                places.append(place)
        return kept

    def cite(self, citations: Iterable[Citation]) -> Markup:
        """Source references for one rule, each source once under its label:
        'Co-op guidebook (October 2024), “Tips”, “Support”; Microsoft Learn: co-op threshold'.

        A label links to the page's own source list, which links on to the sources page.
        A section of a document with a download address links into it (``#page=N`` where
        the page is known). Line numbers of the maintainers' copy are never shown.
        """
        groups: dict[str, list[Markup]] = {}
        for citation in self._record(citations):
            places = groups.setdefault(citation.source, [])
            place = self._place(citation)
            if place and place not in places:
                places.append(place)
        parts = []
        for source_id, places in groups.items():
            label = escape_text(source_label(self.sources[source_id]))
            link = Markup('<a class="cp-ref" href="#ref-{}">{}</a>').format(source_id, label)
            parts.append(Markup(", ").join([link, *places]))
        return Markup("; ").join(parts)

    def _place(self, citation: Citation) -> Markup:
        text = place_text(citation)
        if not text:
            return Markup()
        download = self.downloads.get(citation.source)
        if download and (citation.section or citation.page):
            target = f"{download}#page={citation.page}" if citation.page else download
            return Markup('<a href="{}" rel="noopener">{}</a>').format(target, escape_text(text))
        return escape_text(text)

    def download(self, source_id: str) -> str | None:
        """Where the document source is downloaded, if the distributor says so."""
        return self.downloads.get(source_id)

    def sources_used(self) -> list[tuple[Source, list[str]]]:
        """The sources cited on this page, in citation order, with the places cited."""
        return [(self.sources[s], places) for s, places in self.cited.items()]


def source_label(source: Source) -> str:
    """The short name a source is cited by on every page: its label, else title and date."""
    return source.label or f"{source.title} ({source.date})"


def place_text(citation: Citation) -> str:
    """Where in the source, as a reader looks it up: '“Tips”, p. 12, first column'.

    Only published fields: the maintainers' ``lines`` stay out.
    """
    parts = []
    if citation.section:
        parts.append(f"“{citation.section}”")
    if citation.page:
        parts.append(f"p. {citation.page}")
    if citation.at:
        parts.append(citation.at)
    return ", ".join(parts)


def _lookups(rules: Rules) -> dict[str, Any]:
    by_category = {
        c.id: [a for a in rules.activities if a.category == c.id] for c in rules.categories
    }
    index = lookup(rules)
    return {
        "categories": index.categories,
        "activities_by_category": by_category,
        "activities": index.activities,
        "funds": index.funds,
        "csr_types": {t.id: t for t in rules.claim_process.csr_expense_types},
        "statuses": {s.id: s for s in rules.claim_process.statuses},
        "split_of": lambda lever_id: effective_split(rules, lever_id),
        "editions": lever_editions(rules),
        "edition_for": lambda half: edition_for(rules, half),
        "lever_cards": lever_cards(rules),
        "lever_cards_of": lambda e_id: next(c for i, _, c in lever_cards(rules) if i == e_id),
        "base_lever": lambda lever_id: next(
            (lv for e in rules.engagements for lv in e.levers if lv.id == lever_id), None
        ),
        "lever_sources": lambda lever_id: lever_sources(rules, lever_id),
        "core_for": lambda activity: core_requirements_for(rules, activity),
        "warn_days": WARN_DAYS,
        "month_span": month_span,
        "half_months": half_months,
        "activity_path": activity_path,
        "checklist_for": lambda activity: activity_checklist(rules, activity),
        "search_text": lambda activity: activity_search_text(rules, activity),
        "claim_checklist": claim_checklist(rules),
        "sources_text": lambda citations: _sources_text(rules, citations),
        "deadline_rules": _deadline_rules(rules),
        "note_for": lambda check: _note_for(rules, check),
        "example": _example_totals(rules),
        "reliability": RELIABILITY,
        "paths": paths(),
        "path_of": path_of,
    }


RELIABILITY = {
    "official": "official Microsoft source",
    "official-superseded": "Microsoft source, since superseded",
    "microsoft-blog": "Microsoft blog post",
    "distributor": "distributor guide",
    "third-party": "third-party report, unverified",
    "mirror": "copy of another publisher's page; check the original",
}


def _deadline_rules(rules: Rules) -> list[dict[str, str]]:
    """The calendar rule in words: 'July to December' -> claim by '15 February'."""
    halves = {h.id: h for h in rules.calendar.halves}
    out = []
    for rule in rules.calendar.deadlines:
        half = halves[rule.usage_half]
        out.append(
            {
                "usage": f"{MONTHS[half.start.month - 1]} to {MONTHS[half.end.month - 1]}",
                "claim": _month_day(rule.claim_deadline.month, rule.claim_deadline.day),
                "resolution": _month_day(
                    rule.resolution_deadline.month, rule.resolution_deadline.day
                ),
            }
        )
    return out


def month_span(start: date, end: date) -> str:
    """'July to December 2026', or 'July 2026 to January 2027' across a new year."""
    first, last = MONTHS[start.month - 1], MONTHS[end.month - 1]
    if start.year == end.year:
        return f"{first} to {last} {end.year}"
    return f"{first} {start.year} to {last} {end.year}"


def half_months(start: date, count: int = 6) -> list[str]:
    """The short names of ``count`` calendar months from ``start``: ['Jul 2026', ...]."""
    out = []
    for i in range(count):
        month = start.month - 1 + i
        out.append(f"{MONTHS[month % 12][:3]} {start.year + month // 12}")
    return out


def _month_day(month: int, day: int) -> str:
    return f"{day} {MONTHS[month - 1]}"


def _sources_text(rules: Rules, citations: Iterable[Citation]) -> str:
    """Citations as one line of plain text, for paper:
    'Co-op guidebook (October 2024), “Tips”; Microsoft Learn: co-op threshold'."""
    sources = {s.id: s for s in rules.sources}
    groups: dict[str, list[str]] = {}
    for c in citations:
        places = groups.setdefault(c.source, [])
        place = place_text(c)
        if place and place not in places:
            places.append(place)
    return "; ".join(
        ", ".join([source_label(sources[source_id]), *places])
        for source_id, places in groups.items()
    )


def _note_for(rules: Rules, check: str) -> str | None:
    """The id of the first source note that acknowledges findings of ``check``."""
    for note in rules.source_notes:
        if any(ack.check == check for ack in note.acknowledges):
            return note.id
    return None


def _example_totals(rules: Rules) -> dict[str, Any]:
    """Monthly and half-year sums of the worked example's rows."""
    rebate = example_month_sums(rules, "rebate")
    coop = example_month_sums(rules, "coop")
    return {
        "rebate": rebate,
        "coop": coop,
        "rebate_total": sum(rebate),
        "coop_total": sum(coop),
    }


def build_pages(
    rules: Rules,
    *,
    directory_urls: bool = True,
    override_dirs: Sequence[Path] = (),
    env: Environment | None = None,
    brand: Brand | None = None,
    previous: Rules | None = None,
) -> dict[str, str]:
    """Every generated page as ``{path: markdown}``, in navigation order.

    ``brand`` carries the distributor's settings the pages show: its resources and
    support contact, and where its copy of the guidebook is downloaded. ``previous`` is
    the earlier version of the rules that the "What changed" page compares with.
    """
    env = env or make_environment(tuple(override_dirs))
    brand = brand or Brand()
    sources = {s.id: s for s in rules.sources}
    shared = {**_lookups(rules), "brand": brand, "source_label": source_label}
    # The "What changed" page: the differences from the earlier rules the build names.
    shared["previous"] = previous
    shared["changes"] = rule_changes(previous, rules) if previous else []
    # The version of assets/coop-portal/data.json that the pages' scripts fetch.
    shared["data_version"] = data_version(
        browser_data_text(rules, directory_urls=directory_urls, brand=brand.name, logo=brand.logo)
    )
    downloads = {rules.guide: brand.guidebook_url} if rules.guide and brand.guidebook_url else {}
    pages: dict[str, str] = {}
    for page in site_pages(rules):
        context = PageContext(page.src, page.title, directory_urls, sources, downloads=downloads)
        extra = {"a": page.activity} if page.activity else {}
        template = env.get_template(f"pages/{page.row.template}")
        pages[page.src] = template.render(rules=rules, page=context, **shared, **extra)
    return pages
