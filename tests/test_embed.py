"""The README's embedding snippet, followed exactly: a host page on a second origin frames an
embed/ page that nginx serves under the strict CSP, gets its height and a working checklist."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.loader import load_rules

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


def _settled_height(page: Any, element: Any, frame: Any) -> float:
    """The iframe's height once it equals its content's height (which may still grow as the
    page's scripts start); fails if it never does. Scrolled into view first: Chromium does not
    render a cross-origin frame out of view, so it reports no new height until it is seen."""
    seen = []
    element.scroll_into_view_if_needed()
    for _ in range(50):
        outer = element.evaluate("e => e.getBoundingClientRect().height")
        inner = frame.locator("html").evaluate("e => e.getBoundingClientRect().height")
        if abs(outer - inner) <= 2:
            return float(outer)
        seen.append((outer, inner))
        page.wait_for_timeout(100)
    raise AssertionError(f"the iframe never took its content's height: {seen[-3:]}")


def test_readme_snippet_embeds_two_pages_that_each_settle_at_their_own_height(
    context_factory: Callable[..., Any], two_origins: tuple[str, str]
) -> None:
    """Two embeds on one host page (a checklist and the tracker): each iframe grows to its own
    content's height, whichever reported last, and ticking inside the checklist works."""
    host_url, portal_url = two_origins
    page = context_factory().new_page()
    trouble = Trouble(origin_of(host_url))
    trouble.watch(page)
    page.goto(host_url)
    frames = page.locator("iframe.coop-portal")
    expect(frames).to_have_count(2)
    checklist, tracker = (
        page.frame_locator("iframe.coop-portal >> nth=0"),
        page.frame_locator("iframe.coop-portal >> nth=1"),
    )
    expect(checklist.locator("h1")).to_contain_text("Print advertising")
    expect(tracker.locator("[data-cp-tracker], .cp-tracker, h1").first).to_be_visible()
    expect(checklist.locator(".md-header")).to_have_count(0)
    heights = []
    for index, frame in enumerate((checklist, tracker)):
        element = frames.nth(index)
        expect(element).not_to_have_attribute("style", re.compile(r"height:\s*600px"))
        heights.append(_settled_height(page, element, frame))
    assert abs(heights[0] - heights[1]) > 20, heights  # two heights, not the last one twice
    for index in range(2):  # the later report moved neither
        outer = frames.nth(index).evaluate("e => e.getBoundingClientRect().height")
        assert outer == heights[index], (index, outer, heights)
    checklist.locator(".cp-checklist input[type=checkbox]").first.check()
    expect(checklist.locator(".cp-checklist__progress")).to_contain_text("1 of")
    # A message from any other origin is ignored by the snippet.
    page.evaluate("window.postMessage({type: 'coop-portal:height', height: 5}, '*')")
    page.wait_for_timeout(200)
    assert frames.nth(0).evaluate("e => e.getBoundingClientRect().height") > 5
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
    # An activity that moved keeps its old embed address as a plain page sending visitors on.
    rules = load_rules(ROOT / "rules.yaml").rules
    moved = {
        embed / "activities" / old / "index.html" for a in rules.activities for old in a.moved_from
    }
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert "md-header" not in html
        assert ("embed.js" in html) is (path not in moved), path
        assert "<script>" not in html


def test_my_co_op_works_in_a_cross_origin_iframe(
    context_factory: Callable[..., Any], two_origins: tuple[str, str]
) -> None:
    """embed/workspace/ framed by a host on another origin: a claim can be added and ticked,
    the frame grows with it, and nothing breaks the strict CSP."""
    host_url, portal_url = two_origins
    context = context_factory(timezone_id="UTC")
    # A browser with the file picker (which it refuses to show inside another site).
    context.add_init_script(
        "window.showSaveFilePicker = async () => { throw new DOMException('', 'SecurityError'); };"
    )
    page = context.new_page()
    trouble = Trouble(origin_of(host_url))
    trouble.watch(page)
    page.goto(host_url)
    page.locator("iframe.coop-portal >> nth=0").evaluate(
        "(f, url) => { f.src = url; }", portal_url + "embed/workspace/"
    )
    frame = page.frame_locator("iframe.coop-portal >> nth=0")
    expect(frame.locator("h1")).to_contain_text("My co-op")
    before = page.locator("iframe.coop-portal >> nth=0").evaluate(
        "e => e.getBoundingClientRect().height"
    )
    add_claim(frame, "INV8 framed ad", "print-advertising", "2026-09-01", "2026-09-30", "900")
    frame.locator("[data-cp-ws-open] input[type=checkbox]").first.check()
    expect(frame.locator("[data-cp-ws-progress]")).to_contain_text("1 of")
    expect(page.locator("iframe.coop-portal >> nth=0")).not_to_have_attribute(
        "style", re.compile(rf"height:\s*{int(before)}px")
    )
    # The frame settles at its content's height; it never keeps growing as it is resized.
    page.wait_for_timeout(500)
    settled = page.locator("iframe.coop-portal >> nth=0").evaluate(
        "e => e.getBoundingClientRect().height"
    )
    page.wait_for_timeout(500)
    assert (
        page.locator("iframe.coop-portal >> nth=0").evaluate(
            "e => e.getBoundingClientRect().height"
        )
        == settled
    )
    assert settled < 20000
    # Inside another site the browser shows no file picker: only Save to a file is offered.
    expect(frame.locator("#cp-ws-save-file")).to_be_visible()
    expect(frame.locator("[data-cp-ws-autosave]")).to_have_count(0)
    assert not trouble.console
    assert not trouble.failed
