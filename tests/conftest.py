"""Shared fixtures: the repository root, the minimal rules file as mutable data, the built
portal and its variant (each built once per run for every test worker), and Chromium."""

from __future__ import annotations

import contextlib
import copy
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from generator.checks import Finding, check_rules
from generator.loader import parse_yaml
from generator.model import Rules

from .browser import CHROMIUM, CHROMIUM_ARGS, nginx, serve
from .portal import Build, make_variant, shared_build, warnings_in

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


# The builds every worker shares live in one folder of the run, made by the process that
# starts the workers (pytest-xdist's controller, or pytest itself without workers). That
# process also serves the real portal for all workers, since the portal is built for the one
# address it is served at (COOP_SITE_URL) and that process outlives every worker.
SHARED = "COOP_TESTS_SHARED"
SERVED = "COOP_TESTS_SITE_URL"
_RUN = pytest.StashKey[contextlib.ExitStack]()


def pytest_configure(config: pytest.Config) -> None:
    if hasattr(config, "workerinput"):
        return  # a worker: the controller made the folder and the server
    stack = contextlib.ExitStack()
    shared = Path(tempfile.mkdtemp(prefix="coop-tests-"))
    stack.callback(shutil.rmtree, shared, ignore_errors=True)
    os.environ[SHARED] = str(shared)
    os.environ[SERVED] = stack.enter_context(serve(shared / "portal" / "site"))
    config.stash[_RUN] = stack


def pytest_unconfigure(config: pytest.Config) -> None:
    if _RUN in config.stash:
        config.stash[_RUN].close()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    return Path(os.environ[SHARED])


@pytest.fixture(scope="session")
def built_site(shared_dir: Path) -> Path:
    """The real portal, built once per run (strict, no warnings) for its served address."""
    done = shared_build(shared_dir, "portal", site_url=os.environ[SERVED])
    assert done.returncode == 0, done.output
    assert not warnings_in(done.output), done.output
    return done.site


@pytest.fixture(scope="session")
def site_port() -> int:
    """The port of the real portal's address (it is served at http://127.0.0.1:PORT/portal/)."""
    return int(urlsplit(os.environ[SERVED]).port or 0)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> str:
    """The built portal served over HTTP under a sub-path (/portal/)."""
    return os.environ[SERVED]


@pytest.fixture(scope="session")
def variant_build(shared_dir: Path) -> Build:
    """The variant build (tests/portal.py: hostile rules texts, a brand, a rules update, no
    COOP_SITE_URL), built once per run; strict, so any warning fails it."""
    done = shared_build(shared_dir, "variant", make_variant)
    assert done.returncode == 0, done.output
    assert not warnings_in(done.output), done.output
    return done


@pytest.fixture(scope="session")
def strict_url(variant_build: Build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The variant site served by Debian's nginx with deploy/nginx.conf: under /coop/, with
    the strict Content-Security-Policy and the other security headers."""
    with nginx(variant_build.site, tmp_path_factory.mktemp("nginx")) as url:
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
