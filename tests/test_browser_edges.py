"""Edges in real Chromium: a phone's width, the 404 page under a sub-path, a build without
the portal's address, and pages opened from files."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .browser import STRICT_CSP, free_port, open_page, serve, started, unopened_page
from .portal import Build

PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
}


def test_checkboxes_sit_beside_their_text_on_a_phone(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """At 390 px each checklist box and its label share a line, label to the right."""
    page, trouble = open_page(
        context_factory, site_url + "activities/customer-seminars-bootcamps/", **PHONE
    )
    boxes = page.locator(".cp-checklist input[type=checkbox]")
    expect(boxes.first).to_be_visible()
    assert page.locator(".cp-checklist fieldset").count() > 0  # "one of" groups are covered
    for i in range(boxes.count()):
        box = boxes.nth(i).bounding_box()
        label = page.locator(f"label[for='{boxes.nth(i).get_attribute('id')}']").bounding_box()
        assert box is not None
        assert label is not None
        assert label["x"] >= box["x"] + box["width"], i
        assert label["y"] < box["y"] + box["height"], i  # the first line is level with the box
        assert label["x"] + label["width"] <= 390, i
    trouble.assert_clean()


def test_a_wide_table_scrolls_in_its_frame_with_its_row_headings_in_view_on_a_phone(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The page never scrolls sideways; the levers table does, says so, and ends in view."""
    page, trouble = open_page(context_factory, site_url + "levers/", **PHONE)
    wrap = page.locator(".md-typeset__scrollwrap").first
    expect(wrap).to_have_attribute("role", "region")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    expect(page.locator(".cp-scroll-hint").first).to_be_visible()
    wrap.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
    last = wrap.locator("thead th").last.bounding_box()
    heading = wrap.locator("tbody th[scope=row]").first.bounding_box()
    assert last is not None
    assert heading is not None
    assert last["x"] >= 0
    assert last["x"] + last["width"] <= 390
    assert 0 <= heading["x"] < 40  # the row heading stayed at the left edge
    trouble.assert_clean()


def test_the_404_page_under_a_sub_path_is_the_styled_portal_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Built with the portal's address, an unknown deep address shows the styled 404 page, and
    the tests' watcher names it as a failed request (and nothing else)."""
    page, trouble = unopened_page(context_factory, site_url)
    response = page.goto(site_url + "no/such/deep/page/")
    assert response is not None
    assert response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    header = page.locator(".md-header")
    assert header.evaluate("h => getComputedStyle(h).position") == "sticky"  # Material's CSS
    page.get_by_role("link", name="Go to the home page").click()
    expect(page).to_have_url(site_url)
    started(page)
    assert trouble.failed == [f"404 {site_url}no/such/deep/page/"]
    assert trouble.console == []
    assert trouble.foreign == []


@dataclass
class PlainBuild:
    site: Path
    output: str
    url: str


@pytest.fixture(scope="module")
def plain_build(variant_build: Build) -> Iterator[PlainBuild]:
    """The portal built without COOP_SITE_URL (the variant build of tests/portal.py), served
    under /portal/ with the strict CSP."""
    with serve(variant_build.site, free_port(), {"Content-Security-Policy": STRICT_CSP}) as url:
        yield PlainBuild(variant_build.site, variant_build.output, url)


def test_a_build_without_the_address_says_why_once_and_writes_no_local_address(
    plain_build: PlainBuild,
) -> None:
    """One line explains COOP_SITE_URL; no page or sitemap names 127.0.0.1 or localhost."""
    lines = [line for line in plain_build.output.splitlines() if "COOP_SITE_URL" in line]
    assert len(lines) == 1, plain_build.output
    assert "canonical" in lines[0]
    for path in [*plain_build.site.rglob("*.html"), plain_build.site / "sitemap.xml"]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"127\.0\.0\.1|localhost", text), path
        assert 'rel="canonical"' not in text, path


def test_the_404_page_without_the_address_works_at_any_depth_under_the_strict_csp(
    context_factory: Callable[..., Any], plain_build: PlainBuild
) -> None:
    """Without the address the 404 page loads nothing else, so nothing breaks at any depth."""
    for missing in ("nothing-here", "a/b/c/d/"):
        page = context_factory().new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda r, seen=requests: seen.append(r.url))
        # Chromium reports a blocked style or script as "Refused to ..." (the 404 status of
        # the page itself is logged too, and expected).
        page.on(
            "console", lambda m, seen=errors: seen.append(m.text) if "Refused" in m.text else None
        )
        response = page.goto(plain_build.url + missing)
        assert response is not None
        assert response.status == 404
        expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
        expect(page.locator("main")).to_contain_text("Co-op compliance portal")
        page.wait_for_load_state("networkidle")
        assert requests == [plain_build.url + missing]
        assert errors == []


def test_pages_opened_from_files_say_the_tools_need_a_server(
    context_factory: Callable[..., Any], plain_build: PlainBuild
) -> None:
    """From file://, where browsers run no module script, the page reads as without JavaScript
    and a note says the tools need a web server and how to get one."""
    page = context_factory().new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto((plain_build.site / "index.html").as_uri())
    note = page.locator("[data-cp-file-note]")
    expect(note).to_have_count(1)
    expect(note).to_contain_text(
        "checklists, calculators and workspace) need the portal to be served by a web server"
    )
    expect(note).to_contain_text("python3 -m http.server")
    expect(page.locator(".cp-now__static")).to_be_visible()
    expect(page.locator("[data-cp-periods] tbody tr").first).to_be_visible()
    assert errors == []
