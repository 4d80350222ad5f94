"""Hostile rules text stays inert: built into a site (the variant build of tests/portal.py,
whose rules texts carry the payloads), no injected markup, attribute, link or script takes
effect. test_walk.py opens every page type of that build in Chromium and uses every element."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from .portal import PAYLOADS, Build, elements


def test_hostile_text_adds_no_attribute_or_element(variant_build: Build) -> None:
    """No event handler, script element or javascript: URL appears in any built page."""
    site = variant_build.site
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag, attrs in elements(html):
            assert not [a for a in attrs if a.startswith("on")], (path, tag, attrs)
            assert "autofocus" not in attrs, (path, tag)
            for value in attrs.values():
                assert not re.match(r"\s*javascript:", value, re.IGNORECASE), (path, value)
            if tag == "script":
                assert attrs.get("src") or attrs.get("type") == "application/json", path


def test_markdown_and_attribute_syntax_in_rules_text_comes_out_literally(
    variant_build: Build,
) -> None:
    """Markdown, attr_list and quote syntax in a definition is shown as typed, not as markup."""
    page = variant_build.site / "activities" / "print-advertising" / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "<strong>bold</strong>" not in html
    assert "<code>code</code>" not in html
    assert "<del>strike</del>" not in html
    assert PAYLOADS[2] in html_lib.unescape(html)


@pytest.fixture
def watched_page(context_factory: Callable[..., Any]) -> Iterator[tuple[Any, list[str]]]:
    """A fresh page that records (and dismisses) any dialog an injected script would open."""
    page = context_factory().new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    yield page, dialogs
    assert dialogs == []


def test_filtering_with_a_payload_runs_nothing(
    watched_page: tuple[Any, list[str]], strict_url: str
) -> None:
    """Typing a payload word into the activity filter runs none of the injected text."""
    page, _ = watched_page
    page.goto(strict_url + "activities/")
    page.get_by_label("Search activities").fill("autofocus")
    assert page.evaluate("window.__pwned") is None
