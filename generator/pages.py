"""Rules to Markdown pages: ``build_pages(rules) -> {path: markdown}``. No MkDocs here.

Which pages exist, where they live and how they link comes from the page table in
sitemap.py, so the MkDocs plugin and the ``pages`` CLI command publish the same site.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from .checklists import activity_checklist, claim_checklist, core_requirements_for
from .domain import effective_split, example_month_sums, lookup
from .model import Citation, Rules, Source
from .render import MONTHS, escape_text, make_environment
from .sitemap import (
    activity_path,
    page_url,
    path_of,
    paths,
    relative_md,
    relative_url,
    site_pages,
)
from .timing import portal_data, timing_data


@dataclass
class PageContext:
    """What a template knows about the page it renders: its path, links, and citations."""

    src: str
    title: str
    directory_urls: bool
    sources: dict[str, Source]
    cited: dict[str, list[str]] = field(default_factory=dict)

    def md(self, to_src: str, anchor: str | None = None) -> Markup:
        """A .md link target for Markdown links; paths and anchors are built from slugs."""
        return escape(relative_md(self.src, to_src, anchor))

    def url(self, to_src: str, anchor: str | None = None) -> Markup:
        """A final relative URL, for links inside HTML blocks."""
        return escape(relative_url(self.src, to_src, anchor, directory_urls=self.directory_urls))

    def root_url(self, to_src: str) -> Markup:
        """A page's URL from the site root, for templates that relativise it themselves."""
        return escape(page_url(to_src, directory_urls=self.directory_urls) or "./")

    def activity(self, activity_id: str) -> Markup:
        return self.md(activity_path(activity_id))

    def _record(self, citations: Iterable[Citation]) -> list[Citation]:
        kept = list(citations)
        for citation in kept:
            places = self.cited.setdefault(citation.source, [])
            if citation.at and citation.at not in places:
                places.append(citation.at)
        return kept

    def cite(self, citations: Iterable[Citation]) -> Markup:
        """Numbered source references for one rule, e.g. "source 1, l. 169; source 2".

        The numbers point at the page's own source list, which links on to the
        sources page; numbering follows the order of first citation on the page.
        """
        parts = []
        for citation in self._record(citations):
            number = list(self.cited).index(citation.source) + 1
            link = Markup('<a class="cp-ref" href="#ref-{}">source {}</a>').format(
                citation.source, number
            )
            at = Markup(", {}").format(escape_text(citation.at)) if citation.at else Markup()
            parts.append(link + at)
        return Markup("; ").join(parts)

    def sources_used(self) -> list[tuple[Source, list[str]]]:
        """The sources cited on this page, in citation order, with the places cited."""
        return [(self.sources[s], places) for s, places in self.cited.items()]


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
        "core_for": lambda activity: core_requirements_for(rules, activity),
        "portal_data": portal_data(rules),
        "timing_data": timing_data(rules),
        "month_span": month_span,
        "half_months": half_months,
        "activity_path": activity_path,
        "checklist_for": lambda activity: activity_checklist(rules, activity),
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
    """Citations as one line of plain text, for paper: 'Title (l. 169); Title'."""
    titles = {s.id: s.title for s in rules.sources}
    parts = []
    for c in citations:
        text = titles[c.source] + (f" ({c.at})" if c.at else "")
        if text not in parts:
            parts.append(text)
    return "; ".join(parts)


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
) -> dict[str, str]:
    """Every generated page as ``{path: markdown}``, in navigation order."""
    env = env or make_environment(tuple(override_dirs))
    sources = {s.id: s for s in rules.sources}
    shared = _lookups(rules)
    pages: dict[str, str] = {}
    for page in site_pages(rules):
        context = PageContext(page.src, page.title, directory_urls, sources)
        extra = {"a": page.activity} if page.activity else {}
        template = env.get_template(f"pages/{page.row.template}")
        pages[page.src] = template.render(rules=rules, page=context, **shared, **extra)
    return pages
