"""Hostile rules text stays inert: built into a site and opened in Chromium, no injected
markup, attribute, link or script takes effect."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.loader import load_rules_bytes

from .browser import serve
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


def test_no_injected_script_runs_in_the_browser(
    context_factory: Callable[..., Any], hostile_site: tuple[str, Path]
) -> None:
    """Chromium opens, focuses, hovers and clicks through hostile pages; nothing sets __pwned."""
    url, _ = hostile_site
    page = context_factory().new_page()
    dialogs: list[str] = []

    def dismiss(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    for path in page_types():
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        for element in page.locator("main a:visible, main li:visible, main p:visible").all()[:40]:
            element.hover()
        page.keyboard.press("Tab")
        paragraphs = page.locator("main p:visible")  # the glossary and planning are lists
        (paragraphs if paragraphs.count() else page.locator("main h1")).first.click()
        assert page.evaluate("window.__pwned") is None, path
    page.goto(url + "activities/")
    page.get_by_label("Search activities").fill("autofocus")
    assert page.evaluate("window.__pwned") is None
    assert dialogs == []
