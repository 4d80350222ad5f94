"""Real builds of the portal in a temp folder, with assertions on the produced HTML."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator import sitemap
from generator.model import Activity, PoeItem
from generator.published import moves
from generator.sitemap import REFERENCE, Page

from .conftest import ROOT, rules_at
from .portal import attribute_values, copy_project, elements, page_types

RULES = rules_at(ROOT / "rules.yaml")


@pytest.fixture
def site(built_site: Path) -> Path:
    return built_site


def page(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def test_every_activity_page_lists_exactly_its_poe_and_expenses(site: Path) -> None:
    """Each activity page shows the POE items and expenses of rules.yaml, no more, no fewer."""
    for activity in RULES.activities:
        html = page(site, f"activities/{activity.id}")
        assert attribute_values(html, "data-cp-poe-item") == [p.id for p in _poe_order(activity)]
        assert attribute_values(html, "data-cp-expense") == [e.id for e in activity.expenses]
        for item in activity.poe:
            assert _text(item.text) in _text(html), (activity.id, item.id)


def _poe_order(activity: Activity) -> list[PoeItem]:
    order = ["invoice", "communication", "metrics", "other"]
    return sorted(activity.poe, key=lambda p: order.index(p.kind))


def _text(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_periods_page_has_every_period_row_with_utc_cutoff(site: Path) -> None:
    """The periods table has one row per period, with both deadlines at the UTC cut-off."""
    html = page(site, "periods")
    assert attribute_values(html, "data-cp-period") == [p.id for p in RULES.periods]
    times = attribute_values(html, "datetime")
    for period in RULES.periods:
        assert f"{period.claim_deadline.isoformat()}T23:59:59Z" in times
        assert f"{period.resolution_deadline.isoformat()}T23:59:59Z" in times
    assert "23:59:59 UTC" in _text(html)


def test_activities_index_groups_every_activity_under_its_category(site: Path) -> None:
    """The index links every activity once, inside the section of its category."""
    html = page(site, "activities")
    found = re.findall(r'data-cp-category="([a-z-]+)"|data-cp-activity="([a-z0-9-]+)"', html)
    category = None
    placed = {}
    for cat, act in found:
        category = cat or category
        if act:
            placed[act] = category
    assert placed == {a.id: a.category for a in RULES.activities}


def test_every_page_cites_sources_and_shows_the_rules_version(site: Path) -> None:
    """Every generated page names its sources; every page's footer gives the rules version
    (the old addresses of moved activities only send the browser on)."""
    moved = {
        f"{family}/{old}" for old in moves(RULES) for family in ("activities", "embed/activities")
    }
    for path in site.rglob("index.html"):
        if path.parent.relative_to(site).as_posix() in moved:
            continue
        html = path.read_text(encoding="utf-8")
        assert f"rules version {RULES.rules_version}" in html, path
        relative = path.parent.relative_to(site).as_posix()
        if relative not in ("about", "reference/sources", ".", "print-pack") and not (
            relative.startswith("embed/")  # embeds link to their full page instead
        ):
            assert 'id="ref-' in html, path


def test_levers_page_shows_every_rate_and_the_example_totals(site: Path) -> None:
    """Every lever's rate is on the levers page, and the worked example adds up to 32,400."""
    text = _text(page(site, "levers"))
    for engagement in RULES.engagements:
        for lever in engagement.levers:
            assert f"{lever.rate_percent:g}%" in text
    assert "USD 32,400" in text
    assert "USD 32,500" in text


def test_no_page_requests_anything_from_another_host(site: Path) -> None:
    """Nothing in the site loads from another host: no fonts, scripts, styles or images."""
    for path in [*site.rglob("*.html"), *site.rglob("*.css"), *site.rglob("*.js")]:
        text = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".html":
            for tag, attrs in elements(text):
                for name in ("src", "srcset", "data", "poster"):
                    assert not re.match(r"\s*(https?:)?//", attrs.get(name, "")), (path, tag)
                if tag == "link" and attrs.get("rel") not in ("canonical", "alternate"):
                    assert not re.match(r"\s*(https?:)?//", attrs.get("href", "")), path
        assert "fonts.googleapis" not in text, path
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), path


FAQ = Page("faq", "reference/faq.md", "faq.md.j2", "Questions and answers", REFERENCE)


@pytest.fixture(scope="module")
def extended_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The portal built with one more row in the page table, its template in the override
    folder, and a hand-written page whose front matter names it."""
    project = copy_project(tmp_path_factory.mktemp("extended"))
    templates = project / "site_overrides" / "coop_portal" / "pages"
    templates.mkdir(parents=True)
    (templates / "faq.md.j2").write_text(
        "# Questions and answers\n\nCo-op below {{ rules.money.coop_threshold.amount | money }} "
        "turns into rebate. See [the deadlines]({{ page.md(paths.periods) }}).\n",
        encoding="utf-8",
    )
    (project / "content" / "desk.md").write_text(
        "---\ntitle: Who to ask\n---\n\n# Support desk\n\nAsk your distributor.\n",
        encoding="utf-8",
    )
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NO_MKDOCS_2_WARNING", "1")
        patch.setattr(sitemap, "PAGES", (*sitemap.PAGES, FAQ))
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
        config.strict = True
        mkdocs_build(config)
    return project / "site"


def _nav_link(html: str, href: str) -> str:
    found = re.search(rf'<a href="{re.escape(href)}" class="md-nav__link">(.*?)</a>', html, re.S)
    assert found, href
    return _text(found.group(1))


def test_a_row_added_to_the_page_table_is_built_in_the_nav_and_visited(
    extended_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One new row (and its template) gives a built page, a nav entry and a browser-test URL."""
    html = page(extended_site, "reference/faq")
    assert "Co-op below USD 10,000 turns into rebate." in _text(html)
    assert 'href="../../periods/"' in html
    glossary = page(extended_site, "reference/glossary")  # its nav section is open there
    assert _nav_link(glossary, "../faq/") == "Questions and answers"
    assert "reference/faq/" not in page_types()
    monkeypatch.setattr(sitemap, "PAGES", (*sitemap.PAGES, FAQ))
    assert "reference/faq/" in page_types()


def test_a_hand_written_page_is_titled_by_mkdocs_in_the_nav(extended_site: Path) -> None:
    """A hand-written page's nav entry takes its front-matter title, as MkDocs reads it."""
    assert _nav_link(page(extended_site, "."), "desk/") == "Who to ask"
