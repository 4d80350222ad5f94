"""Builds that must fail cleanly (shown once with real builds), and hand-written pages that
quote rules values."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import markdown

from .portal import build, copy_project, on_config_error, plugin_config


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_broken_rules_abort_the_build_with_file_and_line_and_leave_the_site_untouched(
    tmp_path: Path, built_site: Path
) -> None:
    """A bad rules.yaml stops a real mkdocs build before it writes: rules.yaml:LINE for each
    problem, no traceback, and the previous site (here a copy of the built portal) exactly as
    it was. The plugin's other refusals are shown through on_config alone, which is where this
    build stops (test_hostile_input.py, test_brand.py, test_plugin.py)."""
    project = copy_project(tmp_path)
    shutil.copytree(built_site, project / "site")
    before = {p: p.read_bytes() for p in (project / "site").rglob("*") if p.is_file()}
    _replace(project / "rules.yaml", "claim_deadline: 2027-02-15", "claim_deadline: 2027-02-30")
    rules = project / "rules.yaml"  # the first rate, whatever it is, made negative
    rules.write_text(
        re.sub(r"rate_percent: ([0-9.]+)\n", r"rate_percent: -\1\n", rules.read_text(), count=1)
    )
    line = next(
        n
        for n, text in enumerate((project / "rules.yaml").read_text().splitlines(), 1)
        if "2027-02-30" in text
    )
    done = build(project)
    assert done.returncode != 0
    assert re.search(rf"rules\.yaml:{line}:\d+: periods\[\d+\]\.claim_deadline", done.output)
    assert "rate_percent" in done.output
    assert "Traceback" not in done.output
    after = {p: p.read_bytes() for p in done.site.rglob("*") if p.is_file()}
    assert after == before


def test_quote_syntax_is_left_alone_in_code(tmp_path: Path) -> None:
    """[[rules:...]] inside code spans and fenced code stays literal, even with a bad path.

    Rendered by Python-Markdown with exactly the extensions MkDocs uses for the portal's pages
    (mkdocs.yml's and the plugin's quote extension), without building the site."""
    config = plugin_config(copy_project(tmp_path))
    config = config.plugins.on_config(config)
    html = markdown.Markdown(
        extensions=config.markdown_extensions, extension_configs=config.mdx_configs
    ).convert(
        "See `[[rules:no.such.path]]`.\n\n```\n[[rules:also.missing]]\n```\n\n"
        "Threshold: [[rules:money.coop_threshold.amount]].\n"
    )
    assert "[[rules:no.such.path]]" in html
    assert "[[rules:also.missing]]" in html
    assert 'Threshold: <span class="cp-quote">USD 10,000</span>.' in html


def test_a_wrong_quote_fails_with_page_line_and_choices(tmp_path: Path) -> None:
    """A quote of a missing field names the page, line, the field and the names that exist."""
    project = copy_project(tmp_path)
    (project / "content" / "bad.md").write_text(
        "# Bad\n\nThreshold: [[rules:money.coop_treshold.amount]].\n", encoding="utf-8"
    )
    message = on_config_error(project)
    assert "content/bad.md:3:12: [[rules:money.coop_treshold.amount]]" in message
    assert "money has no field 'coop_treshold'" in message
    assert "coop_threshold" in message
