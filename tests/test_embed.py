"""The README's embedding snippet, followed exactly: a host page on a second origin frames an
embed/ page that nginx serves under the strict CSP, gets its height and a working checklist."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .browser import Trouble, add_claim, nginx, origin_of, serve
from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
SNIPPET = re.search(r"<!-- host-snippet -->\n```html\n(.*?)```", README, re.DOTALL)
EXAMPLE_PORTAL = "https://portal.example.com/coop/"


@pytest.fixture(scope="module")
def two_origins(
    built_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """The portal (strict CSP, framable by the host) and a host page on another port."""
    host_dir = tmp_path_factory.mktemp("host")
    with serve(host_dir) as host_url:
        host_origin = origin_of(host_url)
        work = tmp_path_factory.mktemp("nginx")
        with nginx(built_site, work, frame_ancestors=host_origin) as portal_url:
            assert SNIPPET is not None, "README lost its host-snippet block"
            snippet = SNIPPET.group(1).replace(EXAMPLE_PORTAL, portal_url)
            portal_origin = origin_of(portal_url)
            snippet = snippet.replace("https://portal.example.com", portal_origin)
            (host_dir / "index.html").write_text(
                f'<!doctype html><html lang=en><title>Intranet</title><link rel=icon href="data:,">'
                f"<h1>Intranet</h1>{snippet}",
                encoding="utf-8",
            )
            yield host_url, portal_url


def test_readme_snippet_embeds_a_checklist_that_reports_its_height(
    context_factory: Callable[..., Any], two_origins: tuple[str, str]
) -> None:
    """The iframe grows to the reported height, and ticking inside it works."""
    host_url, portal_url = two_origins
    page = context_factory().new_page()
    trouble = Trouble(origin_of(host_url))
    trouble.watch(page)
    page.goto(host_url)
    frame_element = page.locator("#coop-portal")
    expect(frame_element).not_to_have_attribute("style", re.compile(r"height:\s*600px"))
    frame = page.frame_locator("#coop-portal")
    expect(frame.locator("h1")).to_contain_text("Print advertising")
    expect(frame.locator(".md-header")).to_have_count(0)
    reported = frame_element.evaluate("e => e.getBoundingClientRect().height")
    content = frame.locator("html").evaluate("e => e.getBoundingClientRect().height")
    assert abs(reported - content) <= 2
    frame.locator(".cp-checklist input[type=checkbox]").first.check()
    expect(frame.locator(".cp-checklist__progress")).to_contain_text("1 of")
    # A message from any other origin is ignored by the snippet.
    page.evaluate("window.postMessage({type: 'coop-portal:height', height: 5}, '*')")
    page.wait_for_timeout(200)
    assert frame_element.evaluate("e => e.getBoundingClientRect().height") > 5
    assert not trouble.console  # no CSP violation or script error in host or frame
    assert not trouble.failed
    portal_origin = origin_of(portal_url)
    assert all(url.startswith(portal_origin) for url in trouble.foreign)


def test_embed_pages_exist_for_every_checklist_the_tracker_calculators_and_workspace(
    built_site: Path,
) -> None:
    """embed/ has a page per activity, the tracker, the calculators and My co-op, with no
    Material chrome."""
    embed = built_site / "embed"
    pages = sorted(embed.rglob("index.html"))
    assert (embed / "tracker" / "index.html") in pages
    assert (embed / "calculators" / "index.html") in pages
    assert (embed / "workspace" / "index.html") in pages
    assert len(pages) == len(list((built_site / "activities").iterdir())) - 1 + 3
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "md-header" not in html
        assert "embed.js" in html
        assert "<script>" not in html


def test_my_co_op_works_in_a_cross_origin_iframe(
    context_factory: Callable[..., Any], two_origins: tuple[str, str]
) -> None:
    """embed/workspace/ framed by a host on another origin: a claim can be added and ticked,
    the frame grows with it, and nothing breaks the strict CSP."""
    host_url, portal_url = two_origins
    page = context_factory(timezone_id="UTC").new_page()
    trouble = Trouble(origin_of(host_url))
    trouble.watch(page)
    page.goto(host_url)
    page.locator("#coop-portal").evaluate(
        "(f, url) => { f.src = url; }", portal_url + "embed/workspace/"
    )
    frame = page.frame_locator("#coop-portal")
    expect(frame.locator("h1")).to_contain_text("My co-op")
    before = page.locator("#coop-portal").evaluate("e => e.getBoundingClientRect().height")
    add_claim(frame, "INV8 framed ad", "print-advertising", "2026-09-01", "2026-09-30", "900")
    frame.locator("[data-cp-ws-open] input[type=checkbox]").first.check()
    expect(frame.locator("[data-cp-ws-progress]")).to_contain_text("1 of")
    expect(page.locator("#coop-portal")).not_to_have_attribute(
        "style", re.compile(rf"height:\s*{int(before)}px")
    )
    # The frame settles at its content's height; it never keeps growing as it is resized.
    page.wait_for_timeout(500)
    settled = page.locator("#coop-portal").evaluate("e => e.getBoundingClientRect().height")
    page.wait_for_timeout(500)
    assert page.locator("#coop-portal").evaluate("e => e.getBoundingClientRect().height") == settled
    assert settled < 20000
    assert not trouble.console
    assert not trouble.failed
