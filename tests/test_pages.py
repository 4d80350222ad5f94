"""Pure functions behind the pages: links, escaping, quotes and the page set."""

from __future__ import annotations

import pytest

from generator.brand import Brand
from generator.model import Rules
from generator.pages import _sources_text, build_pages
from generator.quote import QuoteError, check_quotes, find_quotes, quote_text
from generator.render import escape_text
from generator.sitemap import (
    PAGES,
    NavEntry,
    build_nav,
    nav_config,
    page_type_urls,
    relative_md,
    relative_url,
)

from .conftest import ROOT, minimal_data, rules_at

REAL = rules_at(ROOT / "rules.yaml")


@pytest.mark.parametrize(
    ("src", "dest", "anchor", "directory", "expected"),
    [
        ("index.md", "periods.md", None, True, "periods/"),
        ("periods.md", "index.md", None, True, "../"),
        ("activities/a.md", "activities/index.md", "x", True, "../#x"),
        (
            "activities/a.md",
            "reference/sources.md",
            "src-g",
            True,
            "../../reference/sources/#src-g",
        ),
        ("activities/index.md", "activities/b.md", None, True, "b/"),
        ("activities/a.md", "activities/a.md", "poe", True, "#poe"),
        ("index.md", "periods.md", None, False, "periods.html"),
        ("activities/a.md", "index.md", None, False, "../index.html"),
        ("activities/index.md", "activities/b.md", None, False, "b.html"),
    ],
)
def test_relative_url_works_under_any_sub_path(
    src: str, dest: str, anchor: str | None, directory: bool, expected: str
) -> None:
    """Links between pages are relative, with or without directory URLs."""
    assert relative_url(src, dest, anchor, directory_urls=directory) == expected


def test_relative_md_points_at_markdown_files() -> None:
    """Markdown links name .md files, so MkDocs validates them and their anchors."""
    assert (
        relative_md("activities/a.md", "reference/sources.md", "s") == "../reference/sources.md#s"
    )
    assert relative_md("index.md", "claims/process.md") == "claims/process.md"


@pytest.mark.parametrize(
    ("text", "forbidden"),
    [
        ("<script>alert(1)</script>", "<"),
        ("a {: onclick=x }", "{"),
        ("**bold** and _it_", "*"),
        ("[link](javascript:x)", "["),
        ("`code`", "`"),
        ("say \"hi\" & 'bye'", '"'),
        ("line one\n- line two", "\n"),
    ],
)
def test_escape_text_leaves_no_markup_characters(text: str, forbidden: str) -> None:
    """Escaped rules text contains no character that Markdown or HTML would act on."""
    assert forbidden not in escape_text(text)


def test_escape_text_stops_list_and_heading_starts() -> None:
    """A value that starts like a list item or number does not turn into a list."""
    assert escape_text("- item").startswith("&#45;")
    assert escape_text("1. first").startswith("&#49;")
    assert escape_text("# title").startswith("&#35;")


def test_quotes_resolve_by_field_and_item_id() -> None:
    """Paths walk fields and pick list items by id; numbers and dates get sensible formats."""
    assert quote_text(REAL, "money.coop_threshold.amount", None) == "USD 10,000"
    assert quote_text(REAL, "money.coop_threshold.amount", "number") == "10,000"
    assert quote_text(REAL, "periods.fy26h2.claim_deadline", None) == "15 February 2027"
    assert quote_text(REAL, "periods.fy26h2.claim_deadline", "iso") == "2027-02-15"
    assert quote_text(REAL, "engagements.azure-csp.split.coop_percent", None) == "40%"
    assert quote_text(REAL, "rules_version", None) == REAL.rules_version


@pytest.mark.parametrize(
    ("path", "fmt", "message"),
    [
        ("money.nothing", None, "money has no field 'nothing'"),
        ("periods.fy99h1.claim_deadline", None, "periods has no item 'fy99h1'"),
        ("money", None, "money is a group of values"),
        ("rules_version.x", None, "rules_version is a single value"),
        ("periods.fy26h2.claim_deadline", "money", "does not fit a date"),
        ("updated", "fancy", "unknown format 'fancy'"),
        ("", None, "names no value"),
    ],
)
def test_bad_quotes_say_what_is_wrong(path: str, fmt: str | None, message: str) -> None:
    """A quote that cannot resolve raises a message naming the problem, with a hint."""
    with pytest.raises(QuoteError) as caught:
        quote_text(REAL, path, fmt)
    assert message in caught.value.message
    assert caught.value.hint


def test_find_quotes_skips_code_and_reports_positions() -> None:
    """Quotes in fenced code and code spans are ignored; others get line and column."""
    text = (
        "a [[rules:x]]\n`[[rules:y]]`\n```\n[[rules:z]]\n```\n"
        "~~~~\n[[rules:w]]\n~~~~\nb [[rules:v|iso]]\n"
    )
    found = [(q.line, q.column, q.path, q.fmt) for q in find_quotes(text)]
    assert found == [(1, 3, "x", None), (9, 3, "v", "iso")]


def test_check_quotes_returns_one_problem_per_bad_quote() -> None:
    """check_quotes gives file:line:column problems with the quote as the field."""
    problems = check_quotes(REAL, "ok [[rules:title]]\n[[rules:nope]] [[rules:nada]]\n", "p.md")
    assert [str(p).split(": ")[0] for p in problems] == ["p.md:2:1", "p.md:2:16"]
    assert all("[[rules:" in str(p) for p in problems)


def test_build_pages_makes_one_page_per_activity_and_every_section() -> None:
    """The page set covers home, each activity and every reference page."""
    pages = build_pages(REAL)
    for activity in REAL.activities:
        assert f"activities/{activity.id}.md" in pages
    for path in (
        "index.md",
        "levers.md",
        "periods.md",
        "claims/process.md",
        "reference/glossary.md",
        "reference/source-notes.md",
    ):
        assert pages[path].startswith("# ")
    singles = sum(1 for row in PAGES if not row.each)
    assert len(pages) == singles + 2 * len(REAL.activities)  # a page and an embed per activity


def test_build_pages_works_on_the_minimal_rules() -> None:
    """A small valid rules file renders without touching the real data."""
    rules = Rules.model_validate(minimal_data())
    pages = build_pages(rules)
    assert set(pages) >= {f"activities/{a.id}.md" for a in rules.activities}


def test_forfeiture_is_stated_from_one_place_on_every_page_that_mentions_it() -> None:
    """Changing calendar.forfeiture in the rules changes home, periods, payments and claim
    statuses alike, and the old 'forfeited at the resolution deadline' sentence is gone."""
    data = minimal_data()
    data["calendar"]["forfeiture"]["claim_deadline"] = "Unclaimed co-op ends at the claim cut-off."
    data["calendar"]["forfeiture"]["resolution_deadline"] = "Open claims go unpaid at resolution."
    pages = build_pages(Rules.model_validate(data))
    for path in ("index.md", "periods.md", "claims/payments.md", "claims/statuses.md"):
        assert "Unclaimed co-op ends at the claim cut-off." in pages[path], path
        assert "Open claims go unpaid at resolution." in pages[path], path
    assert not any("Funds not claimed by then are forfeited" in page for page in pages.values())


def test_nav_groups_activities_by_category() -> None:
    """Navigation puts each activity under its category inside the Activities section."""
    nav = nav_config(build_nav(REAL))
    activities = next(e["Activities"] for e in nav if "Activities" in e)
    assert activities[0] == {"Activities": "activities/index.md"}
    listed = [
        p for group in activities[1:] for items in group.values() for e in items for p in e.values()
    ]
    assert sorted(listed) == sorted(f"activities/{a.id}.md" for a in REAL.activities)


def test_nav_splits_a_large_category_into_alphabetical_sections() -> None:
    """Past 40 activities a category's nav entries go into sections of at most 40."""
    data = minimal_data()
    template = data["activities"][0]
    data["activities"] += [
        {**template, "id": f"copy-{n}", "name": f"Copy {n:03d}", "aliases": []} for n in range(90)
    ]
    rules = Rules.model_validate(data)
    nav = build_nav(rules)
    category = next(e for e in nav if e.title == "Activities").children
    big = max(category[1:], key=lambda e: len(e.children))
    assert all(section.children for section in big.children)
    assert all(len(section.children) <= 40 for section in big.children)
    listed = [leaf.path for section in big.children for leaf in section.children]
    assert (
        len(listed)
        == len(set(listed))
        == len([a for a in rules.activities if a.category == template["category"]])
    )


def test_page_type_urls_name_every_single_page_and_one_page_per_family() -> None:
    """The browser tests' list has each single page once and the chosen activity per family."""
    urls = page_type_urls(REAL, example="partner-program-fee")
    assert len(urls) == len(set(urls)) == len(PAGES)
    assert {"", "reference/planning/", "print-pack/", "embed/tracker/"} <= set(urls)
    assert "activities/partner-program-fee/" in urls
    assert "embed/activities/partner-program-fee/" in urls
    assert not [u for u in urls if u.startswith("activities/print-advertising")]
    first = REAL.activities[0].id
    assert f"activities/{first}/" in page_type_urls(REAL)
    with pytest.raises(ValueError, match="no-such-activity"):
        page_type_urls(REAL, example="no-such-activity")


def test_nav_lists_untitled_pages_by_path_so_mkdocs_titles_them() -> None:
    """A hand-written page goes into mkdocs.yml's nav as a bare path, after the table's pages."""
    nav = nav_config(build_nav(REAL, [NavEntry(None, "about.md")]))
    assert nav[0] == {"Home": "index.md"}
    assert nav[-1] == "about.md"
    reference = next(e["Reference"] for e in nav if isinstance(e, dict) and "Reference" in e)
    assert {"Planning and tips": "reference/planning.md"} in reference
    assert "embed/" not in str(nav)  # the pages for iframes stay out of the navigation


# ---------------------------------------------------------------- citations (issue 12)


def _cited_rules() -> Rules:
    """The minimal rules with a labelled guide, its prerequisite cited by section and page."""
    data = minimal_data()
    data["guide"] = "guide"
    data["sources"][0]["label"] = "Test guide (2024)"
    data["program"]["prerequisites"][0]["sources"][0]["lines"] = "4321-4322"
    data["program"]["prerequisites"][0]["sources"][0]["review_note"] = "read from a copy"
    return Rules.model_validate(data)


def test_citations_show_label_section_and_page_never_maintainers_fields() -> None:
    """A citation reads as the source's label, the section heading and page; lines stay out."""
    pages = build_pages(_cited_rules())
    cite = '<a class="cp-ref" href="#ref-guide">Test guide &#40;2024&#41;</a>, “Enrolment”, p. 3'
    assert cite in pages["index.md"]
    assert "Cited here: “Enrolment”, p. 3." in pages["index.md"]
    text = "\n".join(pages.values())
    assert "4321" not in text
    assert "read from a copy" not in text
    assert "test.txt" not in text


def test_a_source_keeps_one_label_on_every_page() -> None:
    """Every page that cites the guide names it by the same label, linked to its sources entry."""
    pages = build_pages(_cited_rules())
    citing = [p for p, md in pages.items() if 'href="#ref-guide"' in md]
    assert len(citing) > 5
    for path in citing:
        assert '<a class="cp-ref" href="#ref-guide">Test guide &#40;2024&#41;</a>' in pages[path]
        assert "/sources/#src-guide" in pages[path] or "sources.html#src-guide" in pages[path]


def test_guide_citations_link_to_the_distributors_copy_at_the_page() -> None:
    """With a guidebook download set, a cited section links into the PDF at its page."""
    brand = Brand(guidebook_url="https://partners.example/guide.pdf")
    pages = build_pages(_cited_rules(), brand=brand)
    assert (
        '<a href="https://partners.example/guide.pdf#page=3" rel="noopener">“Enrolment”, p. 3</a>'
        in pages["index.md"]
    )
    assert "Download this guide" in pages["reference/sources.md"]
    assert "Ask your distributor" not in pages["reference/sources.md"]


def test_print_sources_are_plain_text_labels_and_sections() -> None:
    """On paper, each source appears once: its label, then the places cited."""
    rules = _cited_rules()
    text = _sources_text(rules, rules.program.prerequisites[0].sources * 2)
    assert text == "Test guide (2024), “Enrolment”, p. 3"
