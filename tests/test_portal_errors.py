"""Builds that must fail cleanly, and hand-written pages that quote rules values."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

from .portal import build, copy_project


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_rules_abort_the_build_with_file_and_line_and_write_nothing(
    tmp_path: Path,
) -> None:
    """A bad rules.yaml stops mkdocs before it writes: rules.yaml:LINE, no site, no traceback."""
    project = copy_project(tmp_path)
    _replace(project / "rules.yaml", "claim_deadline: 2027-02-15", "claim_deadline: 2027-02-30")
    line = next(
        n
        for n, text in enumerate((project / "rules.yaml").read_text().splitlines(), 1)
        if "2027-02-30" in text
    )
    done = build(project)
    assert done.returncode != 0
    assert re.search(rf"rules\.yaml:{line}:\d+: periods\[\d+\]\.claim_deadline", done.output)
    assert "Traceback" not in done.output
    assert not done.site.exists()


def test_broken_rules_leave_an_existing_site_untouched(tmp_path: Path) -> None:
    """A failing rebuild keeps the previous site exactly as it was."""
    project = copy_project(tmp_path)
    first = build(project)
    assert first.returncode == 0, first.output
    before = {p: p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    _replace(project / "rules.yaml", "rate_percent: 4\n", "rate_percent: -4\n")
    done = build(project)
    assert done.returncode != 0
    assert "rate_percent" in done.output
    after = {p: p.read_bytes() for p in first.site.rglob("*") if p.is_file()}
    assert after == before


def test_content_page_quote_follows_a_change_in_rules(tmp_path: Path) -> None:
    """Editing the threshold in rules.yaml changes the hand-written page that quotes it."""
    project = copy_project(tmp_path)
    about = project / "site" / "about" / "index.html"
    assert build(project).returncode == 0
    assert "USD 10,000" in about.read_text(encoding="utf-8")
    _replace(project / "rules.yaml", "    amount: 10000\n", "    amount: 12500\n")
    done = build(project)
    assert done.returncode == 0, done.output
    html = about.read_text(encoding="utf-8")
    assert "USD 12,500" in html
    assert "USD 10,000" not in html


def test_quote_syntax_is_left_alone_in_code(tmp_path: Path) -> None:
    """[[rules:...]] inside code spans and fenced code stays literal, even with a bad path."""
    project = copy_project(tmp_path)
    (project / "content" / "code.md").write_text(
        "# Code\n\nSee `[[rules:no.such.path]]`.\n\n```\n[[rules:also.missing]]\n```\n",
        encoding="utf-8",
    )
    done = build(project)
    assert done.returncode == 0, done.output
    html = (done.site / "code" / "index.html").read_text(encoding="utf-8")
    assert "[[rules:no.such.path]]" in html
    assert "[[rules:also.missing]]" in html


def test_a_wrong_quote_fails_with_page_line_and_choices(tmp_path: Path) -> None:
    """A quote of a missing field names the page, line, the field and the names that exist."""
    project = copy_project(tmp_path)
    (project / "content" / "bad.md").write_text(
        "# Bad\n\nThreshold: [[rules:money.coop_treshold.amount]].\n", encoding="utf-8"
    )
    done = build(project)
    assert done.returncode != 0
    assert "content/bad.md:3:12: [[rules:money.coop_treshold.amount]]" in done.output
    assert "money has no field 'coop_treshold'" in done.output
    assert "coop_threshold" in done.output
    assert not done.site.exists()


def test_hostile_rules_text_is_rendered_as_text(tmp_path: Path) -> None:
    """Markdown and attribute-list syntax in rules text comes out literally, not as markup."""
    project = copy_project(tmp_path)
    _replace(
        project / "rules.yaml",
        'definition: "Paid ad placements in printed media that promote Microsoft offerings."',
        'definition: "Print {: onclick=alert(1) } **bold** _x_ `code` &amp; [[rules:title]]"',
    )
    done = build(project)
    assert done.returncode == 0, done.output
    html = (done.site / "activities" / "print-advertising" / "index.html").read_text()
    assert "onclick=" not in html.replace("onclick=alert(1) }", "")
    assert "<strong>bold</strong>" not in html
    assert "<code>code</code>" not in html
    assert "{: onclick=alert(1) } **bold** _x_ `code` &amp; [[rules:title]]" in (
        html_lib.unescape(html)
    )
