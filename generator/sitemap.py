"""The site map: one table of generated pages, and what derives from it. No MkDocs here.

Each row of ``PAGES`` is a page, or a family of pages (one per activity): its key, source
path, template, title and place in the navigation. The paths templates link to, the
rendering order, the navigation and the browser tests' page lists all come from this
table, so adding a page is one row plus its template.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from .model import Activity, Rules

Section = tuple[str, ...]
TOP: Section = ()
ACTIVITIES: Section = ("Activities",)
CLAIMS: Section = ("Claims",)
REFERENCE: Section = ("Reference",)


@dataclass(frozen=True)
class Page:
    """One row of the page table."""

    key: str
    """The name templates reach the page's path by (``paths.levers``); unique."""
    src: str
    """Path under docs_dir; a family's has ``{id}`` where each member's id goes."""
    template: str
    """Template under templates/pages/; an override folder may replace it or add a new one."""
    title: str = ""
    """Title in the navigation; a family's pages take their member's name."""
    nav: Section | None = TOP
    """Section of the navigation: TOP, a section such as CLAIMS, or None for no entry."""
    each: Literal["activity"] | None = None
    """Makes the row a family: one page per activity, grouped by category in the navigation."""
    search: float = 1
    """Weight in the site search: pages that state the rules rank above notes about sources
    (which repeat the rules' words in their headings); 0 leaves the page out of the search."""


PAGES: tuple[Page, ...] = (
    Page("home", "index.md", "home.md.j2", "Home"),
    Page(
        "activities", "activities/index.md", "activities.md.j2", "Activities", ACTIVITIES, search=3
    ),
    Page("activity", "activities/{id}.md", "activity.md.j2", nav=ACTIVITIES, each="activity"),
    Page("periods", "periods.md", "periods.md.j2", "Periods and deadlines", search=3),
    Page("calculators", "calculators.md", "calculators.md.j2", "Calculators"),
    Page("workspace", "workspace.md", "workspace.md.j2", "My co-op"),
    Page("print_pack", "print-pack.md", "print-pack.md.j2", "Print pack", search=0),
    Page("levers", "levers.md", "levers.md.j2", "Levers and rates", search=3),
    Page(
        "claim_process",
        "claims/process.md",
        "claim-process.md.j2",
        "Claim process",
        CLAIMS,
        search=3,
    ),
    Page(
        "claim_statuses",
        "claims/statuses.md",
        "claim-statuses.md.j2",
        "Claim statuses",
        CLAIMS,
        search=3,
    ),
    Page(
        "payments",
        "claims/payments.md",
        "payments.md.j2",
        "Thresholds and payments",
        CLAIMS,
        search=3,
    ),
    Page(
        "content_rules",
        "reference/content-rules.md",
        "content-rules.md.j2",
        "Content rules",
        REFERENCE,
        search=3,
    ),
    Page(
        "planning",
        "reference/planning.md",
        "planning.md.j2",
        "Planning and tips",
        REFERENCE,
        search=3,
    ),
    Page("glossary", "reference/glossary.md", "glossary.md.j2", "Glossary", REFERENCE, search=3),
    Page("sources", "reference/sources.md", "sources.md.j2", "Sources", REFERENCE, search=0.2),
    Page(
        "source_notes",
        "reference/source-notes.md",
        "source-notes.md.j2",
        "Source notes",
        REFERENCE,
        search=0.2,
    ),
    Page("changes", "reference/changes.md", "changes.md.j2", "What changed", REFERENCE, search=0.2),
    # Standalone pages for iframes (template embed.html), outside the navigation.
    Page(
        "embed_activity",
        "embed/activities/{id}.md",
        "embed-activity.md.j2",
        nav=None,
        each="activity",
    ),
    Page("embed_tracker", "embed/tracker.md", "embed-tracker.md.j2", "Co-op deadlines", None),
    Page("embed_workspace", "embed/workspace.md", "embed-workspace.md.j2", "My co-op", None),
    Page(
        "embed_calculators",
        "embed/calculators.md",
        "embed-calculators.md.j2",
        "Co-op calculators",
        None,
    ),
)


@dataclass(frozen=True)
class SitePage:
    """One page to render: its row of the table, path, title and activity (for a family)."""

    row: Page
    src: str
    title: str
    activity: Activity | None = None


def members(rules: Rules, row: Page) -> list[Activity]:
    """The items a family row makes one page each for (none for a single page)."""
    return list(rules.activities) if row.each == "activity" else []


def site_pages(rules: Rules) -> list[SitePage]:
    """Every generated page, in table order (a family's pages in the order of rules.yaml)."""
    out = []
    for row in PAGES:
        if row.each:
            out += [SitePage(row, row.src.format(id=a.id), a.name, a) for a in members(rules, row)]
        else:
            out.append(SitePage(row, row.src, row.title))
    return out


def _row(key: str) -> Page:
    for row in PAGES:
        if row.key == key:
            return row
    raise KeyError(f"no page '{key}' in the page table")


def paths() -> dict[str, str]:
    """The path of every single page by key, for templates: ``paths.periods``."""
    return {row.key: row.src for row in PAGES if not row.each}


def path_of(key: str, member: str) -> str:
    """The path of one family member's page: ``path_of("activity", "print-advertising")``."""
    return _row(key).src.format(id=member)


def activity_path(activity_id: str) -> str:
    return path_of("activity", activity_id)


def search_meta(src: str) -> dict[str, Any] | None:
    """The ``search`` front matter Material reads for a generated page, if it differs from
    the default: a boost, or exclusion."""
    for row in PAGES:
        if row.each is None and row.src == src and row.search != 1:
            return {"exclude": True} if row.search == 0 else {"boost": row.search}
    return None


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


def page_type_urls(
    rules: Rules, *, example: str | None = None, directory_urls: bool = True
) -> list[str]:
    """One URL per page type: every single page, and one page of each family.

    A family is shown by its member ``example`` (an activity id), else by its first member.
    """
    urls = []
    for row in PAGES:
        if not row.each:
            urls.append(page_url(row.src, directory_urls=directory_urls))
            continue
        ids = [m.id for m in members(rules, row)]
        if example is not None and example not in ids:
            raise ValueError(f"{example!r} is not one of the {row.each} pages: {ids}")
        if ids:
            src = row.src.format(id=example or ids[0])
            urls.append(page_url(src, directory_urls=directory_urls))
    return urls


@dataclass(frozen=True)
class NavEntry:
    """One navigation entry: a page (path) or a section (children).

    A page without a title takes its own (front-matter title or first heading) from MkDocs.
    """

    title: str | None
    path: str | None = None
    children: tuple[NavEntry, ...] = ()


@dataclass
class _Section:
    title: str
    items: list[_Section | NavEntry]

    def sub(self, title: str) -> _Section:
        for item in self.items:
            if isinstance(item, _Section) and item.title == title:
                return item
        section = _Section(title, [])
        self.items.append(section)
        return section

    def freeze(self) -> list[NavEntry]:
        return [
            NavEntry(i.title, children=tuple(i.freeze())) if isinstance(i, _Section) else i
            for i in self.items
        ]


def build_nav(rules: Rules, extra: Sequence[NavEntry] = ()) -> list[NavEntry]:
    """The portal's navigation from the page table, then ``extra`` (hand-written pages).

    Sections appear where their first page is in the table; a family's pages are grouped by
    category, so navigation.prune renders only the open group.
    """
    root = _Section("", [])
    for row in PAGES:
        if row.nav is None:
            continue
        section = root
        for title in row.nav:
            section = section.sub(title)
        if row.each:
            section.items += _category_groups(rules, row)
        else:
            section.items.append(NavEntry(row.title, row.src))
    return [*root.freeze(), *extra]


def _category_groups(rules: Rules, row: Page) -> list[NavEntry]:
    """A family's pages, one section per category that has any, in category order."""
    pages = members(rules, row)
    groups = []
    for category in rules.categories:
        entries = [
            NavEntry(a.name, row.src.format(id=a.id)) for a in pages if a.category == category.id
        ]
        if entries:
            groups.append(NavEntry(category.name, children=_chunked(entries)))
    return groups


NAV_CHUNK = 40


def _chunked(entries: list[NavEntry]) -> tuple[NavEntry, ...]:
    """A category's entries; past NAV_CHUNK they go into alphabetical sub-sections.

    Material writes the open section of the navigation into every page, so a category of
    hundreds of activities would make each page large and the build slow; sub-sections of
    at most NAV_CHUNK keep both small (navigation.prune renders only the open one).
    """
    if len(entries) <= NAV_CHUNK:
        return tuple(entries)
    entries = sorted(entries, key=lambda e: (e.title or "").casefold())
    chunks = [entries[i : i + NAV_CHUNK] for i in range(0, len(entries), NAV_CHUNK)]
    return tuple(
        NavEntry(
            f"{(chunk[0].title or '')[:1].upper()}–{(chunk[-1].title or '')[:1].upper()}",
            children=tuple(chunk),
        )
        for chunk in chunks
    )


def nav_config(entries: Sequence[NavEntry]) -> list[Any]:
    """The navigation in mkdocs.yml's ``nav:`` shape; an untitled page is its bare path."""
    out: list[Any] = []
    for entry in entries:
        if entry.children:
            out.append({entry.title: nav_config(entry.children)})
        elif entry.title is None:
            out.append(entry.path)
        else:
            out.append({entry.title: entry.path})
    return out
