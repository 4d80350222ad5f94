"""Helpers for tests that build the portal: a copy of the project in a temp folder,
a strict `mkdocs build`, a small HTML reader, and the page types browser tests visit."""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from generator.loader import load_rules
from generator.model import Rules
from generator.sitemap import page_type_urls

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "site_overrides", "mkdocs.yml", "rules.yaml")
EXAMPLE_ACTIVITY = "print-advertising"


@functools.cache
def _real_rules() -> Rules:
    return load_rules(ROOT / "rules.yaml").rules


def page_types(*extra: str) -> list[str]:
    """One URL per page type of the page table (EXAMPLE_ACTIVITY for each family), then
    ``extra``: pages outside the table, such as hand-written ones."""
    return [*page_type_urls(_real_rules(), example=EXAMPLE_ACTIVITY), *extra]


def copy_project(dest: Path) -> Path:
    """The portal's sources (not its site) copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy(source, dest / part)
    return dest


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def build(project: Path, *extra: str, site: str = "site", site_url: str | None = None) -> Build:
    """Run a strict mkdocs build in ``project``; never with -q (it hides warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["COOP_SITE_URL"] = site_url
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site, *extra],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
        env=env,
        timeout=300,
    )
    return Build(done.returncode, done.stdout + done.stderr, project / site)


def warnings_in(output: str) -> list[str]:
    return re.findall(r"^WARNING\s+-.*$", output, re.MULTILINE)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag in ``html`` with its attributes, in document order."""
    parser = _Collector()
    parser.feed(html)
    return parser.elements


def attribute_values(html: str, name: str) -> list[str]:
    return [attrs[name] for _, attrs in elements(html) if name in attrs]


def plugin_config(project: Path) -> Any:
    """mkdocs.yml of ``project`` loaded as MkDocs would, plugins included (nothing built)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config  # noqa: PLC0415 - only tests that need it pay for it

    return load_config(str(project / "mkdocs.yml"))


def on_config_error(project: Path) -> str:
    """The PluginError text that the plugin's on_config raises for ``project`` (must raise).

    A build stops at on_config before MkDocs cleans or writes the site, so this is where a
    broken rules.yaml or a bad quote is caught; tests/test_portal_errors.py shows it once with
    a real build."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415

    config = plugin_config(project)
    try:
        config.plugins.on_config(config)
    except PluginError as error:
        return str(error)
    raise AssertionError("on_config accepted the project")
