"""The MkDocs plugin's wiring: configuration checks, nav, CLI export, and `mkdocs serve`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from generator.cli import main

from .browser import free_port, wait_for_text
from .portal import copy_project


def _config(project: Path):  # type: ignore[no-untyped-def]
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    return load_config(str(project / "mkdocs.yml"))


def test_plugin_names_a_missing_markdown_extension(tmp_path: Path) -> None:
    """Without attr_list the plugin stops and says which extension to add where."""
    project = copy_project(tmp_path)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text().replace("  - attr_list\n", ""), encoding="utf-8")
    config = _config(project)
    with pytest.raises(PluginError, match=r"attr_list.*markdown_extensions in mkdocs\.yml"):
        config.plugins.on_config(config)


def test_plugin_reports_a_missing_rules_file(tmp_path: Path) -> None:
    """A wrong rules path is one clear message naming the option to set."""
    project = copy_project(tmp_path)
    (project / "rules.yaml").unlink()
    config = _config(project)
    with pytest.raises(PluginError, match=r"rules\.yaml:1:1: \(file\): expected a readable file"):
        config.plugins.on_config(config)


def test_quote_check_skips_pages_mkdocs_leaves_out(tmp_path: Path) -> None:
    """Pages under exclude_docs, dot-files and templates/ are not checked; a built page is."""
    project = copy_project(tmp_path)
    bad = "# Old\n\nThreshold: [[rules:money.nothing]].\n"
    for name in ("drafts/old.md", ".notes.md", "templates/page.md"):
        (project / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (project / "content" / name).write_text(bad, encoding="utf-8")
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text() + "exclude_docs: |\n  /drafts/\n", encoding="utf-8")
    config = _config(project)
    config.plugins.on_config(config)
    (project / "content" / "live.md").write_text(bad, encoding="utf-8")
    config = _config(project)
    with pytest.raises(
        PluginError, match=r"content/live\.md:3:12: \[\[rules:money\.nothing"
    ) as caught:
        config.plugins.on_config(config)
    assert "drafts" not in str(caught.value)


def test_plugin_adds_assets_and_footer_data(tmp_path: Path) -> None:
    """on_config adds the portal's CSS and JS and the rules version for the footer."""
    config = _config(copy_project(tmp_path))
    config = config.plugins.on_config(config)
    assert "assets/coop-portal/portal.css" in config.extra_css
    boot = [s for s in config.extra_javascript if str(s).endswith("boot.js")]
    assert [getattr(s, "type", "") for s in boot] == ["module"]
    assert not any("portal.js" in str(s) for s in config.extra_javascript)
    assert config.extra["coop_portal"]["rules_version"]


def test_pages_command_writes_the_same_pages_to_a_folder(tmp_path: Path) -> None:
    """`python -m generator pages OUT` writes every page for use by other site engines."""
    out = tmp_path / "pages"
    cwd = Path.cwd()
    os.chdir(Path(__file__).resolve().parent.parent)
    try:
        assert main(["pages", str(out)]) == 0
    finally:
        os.chdir(cwd)
    assert (out / "index.md").read_text().startswith("# ")
    assert (out / "activities" / "print-advertising.md").exists()


def test_mkdocs_serve_rebuilds_when_rules_change(tmp_path: Path) -> None:
    """Under `mkdocs serve`, saving rules.yaml rebuilds the pages that quote it."""
    project = copy_project(tmp_path)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env={
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "COOP_SITE_URL": f"http://127.0.0.1:{port}/",
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/about/"
        assert "USD 10,000" in wait_for_text(url, "USD 10,000")
        rules = project / "rules.yaml"
        rules.write_text(rules.read_text().replace("    amount: 10000\n", "    amount: 11000\n"))
        assert "USD 11,000" in wait_for_text(url, "USD 11,000")
    finally:
        server.terminate()
        server.wait(timeout=20)
