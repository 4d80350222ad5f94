"""Rules to Markdown pages: ``build_pages(rules) -> {path: markdown}``. No MkDocs here.

The site map lives here too: which page each rule lands on, the navigation, and
the relative links between pages, so the MkDocs plugin and the ``pages`` CLI
command publish the same site.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import Markup, escape

from .checklists import activity_checklist, claim_checklist, core_requirements_for
from .checks import effective_split, example_month_sums
from .model import Activity, Citation, Rules, Source
from .render import MONTHS, escape_text, make_environment
from .search import activity_search_text
from .timing import portal_data

HOME = "index.md"
LEVERS = "levers.md"
PERIODS = "periods.md"
CALCULATORS = "calculators.md"
PRINT_PACK = "print-pack.md"
EMBED = "embed/"
ACTIVITIES = "activities/index.md"
CONTENT_RULES = "reference/content-rules.md"
CLAIM_PROCESS = "claims/process.md"
CLAIM_STATUSES = "claims/statuses.md"
PAYMENTS = "claims/payments.md"
PLANNING = "reference/planning.md"
GLOSSARY = "reference/glossary.md"
SOURCES = "reference/sources.md"
SOURCE_NOTES = "reference/source-notes.md"

# (path, template, title) of every page that is not an activity page.
_PAGES: tuple[tuple[str, str, str], ...] = (
    (HOME, "home.md.j2", "Home"),
    (ACTIVITIES, "activities.md.j2", "Activities"),
    (PERIODS, "periods.md.j2", "Periods and deadlines"),
    (CALCULATORS, "calculators.md.j2", "Calculators"),
    (PRINT_PACK, "print-pack.md.j2", "Print pack"),
    (LEVERS, "levers.md.j2", "Levers and rates"),
    (CLAIM_PROCESS, "claim-process.md.j2", "Claim process"),
    (CLAIM_STATUSES, "claim-statuses.md.j2", "Claim statuses"),
    (PAYMENTS, "payments.md.j2", "Thresholds and payments"),
    (CONTENT_RULES, "content-rules.md.j2", "Content rules"),
    (PLANNING, "planning.md.j2", "Planning and tips"),
    (GLOSSARY, "glossary.md.j2", "Glossary"),
    (SOURCES, "sources.md.j2", "Sources"),
    (SOURCE_NOTES, "source-notes.md.j2", "Source notes"),
)


def activity_path(activity_id: str) -> str:
    return f"activities/{activity_id}.md"


def page_url(src: str, *, directory_urls: bool = True) -> str:
    """The URL MkDocs gives a page, relative to the site root ('' for the home page)."""
    stem = src.removesuffix(".md")
    if not directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    return stem.removesuffix("/index") + "/" if stem.endswith("/index") else stem + "/"


def relative_url(
    from_src: str, to_src: str, anchor: str | None = None, *, directory_urls: bool = True
) -> str:
    """A link from one page to another that works under any sub-path."""
    here = page_url(from_src, directory_urls=directory_urls)
    there = page_url(to_src, directory_urls=directory_urls)
    if to_src == from_src:
        url = ""
    else:
        base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
        url = posixpath.relpath(there or ".", base or ".")
        if (there.endswith("/") or not there) and url != ".":
            url += "/"
        url = "./" if url == "." else url
    return f"{url}#{anchor}" if anchor else url or "./"


def relative_md(from_src: str, to_src: str, anchor: str | None = None) -> str:
    """A Markdown link target (a .md path) that MkDocs checks and rewrites."""
    if to_src == from_src:
        return f"#{anchor}" if anchor else posixpath.basename(to_src)
    path = posixpath.relpath(to_src, posixpath.dirname(from_src) or ".")
    return f"{path}#{anchor}" if anchor else path


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


@dataclass(frozen=True)
class NavEntry:
    """One navigation entry: a page (path) or a section (children)."""

    title: str
    path: str | None = None
    children: tuple[NavEntry, ...] = ()


def build_nav(rules: Rules, extra: Sequence[NavEntry] = ()) -> list[NavEntry]:
    """The portal's navigation; activities are grouped by category so pruning keeps it small."""
    titles = {path: title for path, _, title in _PAGES}

    def page(path: str) -> NavEntry:
        return NavEntry(titles[path], path)

    groups = []
    for category in rules.categories:
        members = [a for a in rules.activities if a.category == category.id]
        if members:
            groups.append(NavEntry(category.name, children=_nav_members(members)))
    return [
        page(HOME),
        NavEntry("Activities", children=(page(ACTIVITIES), *groups)),
        page(PERIODS),
        page(CALCULATORS),
        page(PRINT_PACK),
        page(LEVERS),
        NavEntry("Claims", children=(page(CLAIM_PROCESS), page(CLAIM_STATUSES), page(PAYMENTS))),
        NavEntry(
            "Reference",
            children=tuple(
                page(p) for p in (CONTENT_RULES, PLANNING, GLOSSARY, SOURCES, SOURCE_NOTES)
            ),
        ),
        *extra,
    ]


NAV_CHUNK = 40


def _nav_members(members: Sequence[Activity]) -> tuple[NavEntry, ...]:
    """A category's activities; past NAV_CHUNK they go into alphabetical sub-sections.

    Material writes the open section of the navigation into every page, so a category of
    hundreds of activities would make each page large and the build slow; sub-sections of
    at most NAV_CHUNK keep both small (navigation.prune renders only the open one).
    """
    entries = [NavEntry(a.name, activity_path(a.id)) for a in members]
    if len(entries) <= NAV_CHUNK:
        return tuple(entries)
    entries.sort(key=lambda e: e.title.casefold())
    chunks = [entries[i : i + NAV_CHUNK] for i in range(0, len(entries), NAV_CHUNK)]
    return tuple(
        NavEntry(
            f"{chunk[0].title[:1].upper()}–{chunk[-1].title[:1].upper()}", children=tuple(chunk)
        )
        for chunk in chunks
    )


def nav_config(entries: Sequence[NavEntry]) -> list[Any]:
    """The navigation in mkdocs.yml's ``nav:`` shape."""
    out: list[Any] = []
    for entry in entries:
        if entry.children:
            out.append({entry.title: nav_config(entry.children)})
        else:
            out.append({entry.title: entry.path})
    return out


def _lookups(rules: Rules) -> dict[str, Any]:
    by_category = {
        c.id: [a for a in rules.activities if a.category == c.id] for c in rules.categories
    }
    return {
        "categories": {c.id: c for c in rules.categories},
        "activities_by_category": by_category,
        "activities": {a.id: a for a in rules.activities},
        "funds": {f.id: f for f in rules.content_funds},
        "csr_types": {t.id: t for t in rules.claim_process.csr_expense_types},
        "statuses": {s.id: s for s in rules.claim_process.statuses},
        "split_of": lambda lever_id: effective_split(rules, lever_id),
        "core_for": lambda activity: core_requirements_for(rules, activity),
        "portal_data": portal_data(rules),
        "activity_path": activity_path,
        "checklist_for": lambda activity: activity_checklist(rules, activity),
        "search_text": lambda activity: activity_search_text(rules, activity),
        "claim_checklist": claim_checklist(rules),
        "sources_text": lambda citations: _sources_text(rules, citations),
        "deadline_rules": _deadline_rules(rules),
        "note_for": lambda check: _note_for(rules, check),
        "example": _example_totals(rules),
        "reliability": RELIABILITY,
        "paths": {
            "home": HOME,
            "levers": LEVERS,
            "periods": PERIODS,
            "calculators": CALCULATORS,
            "print_pack": PRINT_PACK,
            "activities": ACTIVITIES,
            "content_rules": CONTENT_RULES,
            "claim_process": CLAIM_PROCESS,
            "claim_statuses": CLAIM_STATUSES,
            "payments": PAYMENTS,
            "planning": PLANNING,
            "glossary": GLOSSARY,
            "sources": SOURCES,
            "source_notes": SOURCE_NOTES,
        },
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

    def render(src: str, template: str, title: str, **extra: Any) -> None:
        context = PageContext(src, title, directory_urls, sources)
        pages[src] = env.get_template(f"pages/{template}").render(
            rules=rules, page=context, **shared, **extra
        )

    for src, template, title in _PAGES:
        if src == ACTIVITIES:
            render(src, template, title)
            for activity in rules.activities:
                render(activity_path(activity.id), "activity.md.j2", activity.name, a=activity)
        else:
            render(src, template, title)
    # Standalone pages for iframes (template embed.html, outside the navigation).
    for activity in rules.activities:
        embed = f"{EMBED}activities/{activity.id}.md"
        render(embed, "embed-activity.md.j2", activity.name, a=activity)
    render(f"{EMBED}tracker.md", "embed-tracker.md.j2", "Co-op deadlines")
    render(f"{EMBED}calculators.md", "embed-calculators.md.j2", "Co-op calculators")
    return pages
