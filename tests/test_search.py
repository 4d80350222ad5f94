"""Site search: the index Material builds (weights, words kept apart) and its ranking in
Chromium."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from generator.search import space_blocks

from .browser import open_page


def _index(site: Path) -> list[dict[str, Any]]:
    docs: list[dict[str, Any]] = json.loads(
        (site / "search" / "search_index.json").read_text(encoding="utf-8")
    )["docs"]
    return docs


def _text(doc: dict[str, Any]) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", doc["text"]).split())


def test_space_blocks_separates_cells_and_lines_but_not_inline_text() -> None:
    """Adjacent cells, list items and <br> lines get a line break; inline markup does not."""
    html = "<tr><th>Usage</th><td>H1</td></tr><li>a</li><li>b</li>x<br>y <em>z</em><a>w</a>."
    spaced = "<tr><th>Usage</th>\n<td>H1</td>\n</tr>\n<li>a</li>\n<li>b</li>\nx<br>\ny "
    assert space_blocks(html) == spaced + "<em>z</em><a>w</a>."


def test_search_index_weighs_rule_pages_over_source_notes_and_skips_the_print_pack(
    built_site: Path,
) -> None:
    """Rule pages weigh more than plain pages, source notes less; the print pack is not indexed."""
    boost = {d["location"].split("#")[0]: d.get("boost", 1) for d in _index(built_site)}
    assert (
        boost["periods/"]
        > boost["activities/print-advertising/"]
        > boost["reference/source-notes/"]
    )
    assert boost["claims/process/"] > 1
    assert boost["reference/glossary/"] > 1
    assert not any(location.startswith("print-pack/") for location in boost)


def test_search_snippets_keep_words_and_sentences_apart(built_site: Path) -> None:
    """Table cells, list lines and sentences are separated by spaces in the indexed text."""
    docs = _index(built_site)
    for doc in docs:
        text = _text(doc)
        joined = re.search(r"\S{0,20}(?<=[a-z)])[.,;:](?=[A-Z])\S{0,20}", text)
        assert joined is None, (doc["location"], joined.group())
    by_location = {d["location"]: _text(d) for d in docs}
    table = by_location["periods/"]
    assert "Usage period Co-op earned Claim deadline Resolution deadline" in table
    assert (
        "Print advertising Paid ad placements" in by_location["activities/#demand-generation-title"]
    )


def test_searching_poe_lists_rule_pages_before_source_notes(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Typing 'POE' in the site search shows rule pages first, source notes later if at all."""
    page, trouble = open_page(context_factory, site_url, search=True)
    page.wait_for_load_state("networkidle")  # the search worker has loaded its index
    page.get_by_role("textbox", name="Search").press_sequentially("POE")
    results = page.locator(".md-search-result__item > .md-search-result__link")
    expect(results.first).to_be_visible()
    hrefs = results.evaluate_all("links => links.map(a => a.getAttribute('href'))")
    first_note = next((i for i, h in enumerate(hrefs) if "source-notes" in h), len(hrefs))
    assert first_note >= 3, hrefs
    assert any(
        h.split("?")[0].endswith(("/claims/statuses/", "/reference/glossary/")) for h in hrefs[:3]
    )
    trouble.assert_clean()
