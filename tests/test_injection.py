"""Hostile rules text stays inert: built into a site and opened in Chromium, no injected
markup, attribute, link or script takes effect."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.loader import load_rules_bytes

from .browser import serve, started
from .portal import build, copy_project, elements, page_types

# Payloads that get past the model's plain-text check (no '<', no 'javascript:', no '](').
PAYLOADS = [
    'x" autofocus onfocus="window.__pwned=1" data-x="',
    "x' onmouseover='window.__pwned=1' '",
    "{: onclick=window.__pwned=1 } **bold** _it_ `code` ~~strike~~",
    "[x][1] [1]: javascript&#58;window.__pwned=1",
    "&lt;img src=x onerror=window.__pwned=1&gt; &#60;script&#62;window.__pwned=1&#60;/script&#62;",
    "${window.__pwned=1} {{ 7*7 }} {% raw %} [[rules:title]] %rules:title%",
    "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e ]]> --> */ window.__pwned=1 //",
]


HOVER_AND_FOCUS_ALL = """() => {
  const all = document.querySelectorAll("body *");
  for (const el of all) {
    for (const type of ["mouseover", "mouseenter", "mousemove", "focus", "focusin"]) {
      const event = type.startsWith("focus")
        ? new FocusEvent(type, { bubbles: type === "focusin" })
        : new MouseEvent(type, { bubbles: type !== "mouseenter" });
      el.dispatchEvent(event);
    }
  }
  return all.length;
}"""


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The portal built from rules whose texts carry the payloads, served under /portal/."""
    project = copy_project(tmp_path_factory.mktemp("hostile"))
    rules = project / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    edits = [
        (
            r'definition: "Paid ad placements in printed media[^"]*"',
            PAYLOADS[0] + " " + PAYLOADS[2],
        ),
        (r'^title: "[^"]*"', PAYLOADS[1]),
        (r'^  summary: "[^"]*"', PAYLOADS[3] + " " + PAYLOADS[5]),
        (r'text: "A copy of the final printed ad[^"]*"', PAYLOADS[4]),
        (r'name: "Third-party media placement"', PAYLOADS[6]),
    ]
    for pattern, payload in edits:
        key = pattern.lstrip("^").split(":")[0]
        replacement = f"{key}: {_yaml_string(payload)}".replace("\\", "\\\\")
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert count == 1, pattern
    rules.write_text(text, encoding="utf-8")
    load_rules_bytes(text.encode("utf-8"))  # the payloads are valid rules text
    done = build(project)
    assert done.returncode == 0, done.output
    with serve(done.site) as url:
        yield url, done.site


def test_hostile_text_adds_no_attribute_or_element(hostile_site: tuple[str, Path]) -> None:
    """No event handler, script element or javascript: URL appears in any built page."""
    _, site = hostile_site
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
    hostile_site: tuple[str, Path],
) -> None:
    """Markdown, attr_list and quote syntax in a definition is shown as typed, not as markup."""
    _, site = hostile_site
    html = (site / "activities" / "print-advertising" / "index.html").read_text(encoding="utf-8")
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


@pytest.mark.parametrize("path", page_types())
def test_no_injected_script_runs_in_the_browser(
    watched_page: tuple[Any, list[str]], hostile_site: tuple[str, Path], path: str
) -> None:
    """Chromium opens a hostile page, hovers and focuses every element, tabs and clicks; nothing
    sets __pwned."""
    url, _ = hostile_site
    page, _ = watched_page
    page.goto(url + path)
    started(page)
    # Every element of the page gets the events a pointer and keyboard user would send, so an
    # injected on* attribute anywhere would run; then one real Tab and one real click.
    touched = page.evaluate(HOVER_AND_FOCUS_ALL)
    assert touched > 20, path
    page.keyboard.press("Tab")
    paragraphs = page.locator("main p:visible")  # the glossary and planning are lists
    (paragraphs if paragraphs.count() else page.locator("main h1")).first.click()
    assert page.evaluate("window.__pwned") is None, path


def test_filtering_with_a_payload_runs_nothing(
    watched_page: tuple[Any, list[str]], hostile_site: tuple[str, Path]
) -> None:
    """Typing a payload word into the activity filter runs none of the injected text."""
    url, _ = hostile_site
    page, _ = watched_page
    page.goto(url + "activities/")
    page.get_by_label("Search activities").fill("autofocus")
    assert page.evaluate("window.__pwned") is None
