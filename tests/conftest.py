"""Shared fixtures: the repository root and the minimal rules file as mutable data."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from generator.checks import Finding, check_rules
from generator.loader import parse_yaml
from generator.model import Rules

from .browser import CHROMIUM, CHROMIUM_ARGS, PREFIX, free_port, serve
from .portal import build, copy_project, warnings_in

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
_MINIMAL_DATA, _ = parse_yaml(MINIMAL.read_text(encoding="utf-8"), "minimal.yaml")

Mutation = Callable[[dict[str, Any]], None]


def minimal_data() -> dict[str, Any]:
    """A fresh, deep copy of the minimal rules as plain data."""
    return copy.deepcopy(_MINIMAL_DATA)


def errors_after(mutate: Mutation) -> list[Finding]:
    """Check the minimal rules after one mutation; return the unacknowledged findings."""
    data = minimal_data()
    mutate(data)
    return list(check_rules(Rules.model_validate(data)).errors)


@pytest.fixture
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def site_port() -> int:
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real portal, built once per run (strict, no warnings) for its served address."""
    project = copy_project(tmp_path_factory.mktemp("portal"))
    done = build(project, site_url=f"http://127.0.0.1:{site_port}{PREFIX}")
    assert done.returncode == 0, done.output
    assert not warnings_in(done.output), done.output
    return done.site


@pytest.fixture(scope="session")
def site_url(built_site: Path, site_port: int) -> Iterator[str]:
    """The built portal served over HTTP under a sub-path (/portal/)."""
    with serve(built_site, site_port) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium through Playwright; missing Chromium is a failure, never a skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing. Run bin/test, which installs Debian's chromium.")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def context_factory(browser: Browser) -> Iterator[Callable[..., BrowserContext]]:
    """New isolated browser contexts (own storage), closed after the test."""
    made: list[BrowserContext] = []

    def make(**options: Any) -> BrowserContext:
        context = browser.new_context(**options)
        made.append(context)
        return context

    yield make
    for context in made:
        context.close()
