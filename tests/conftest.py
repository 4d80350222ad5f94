"""Shared fixtures: the repository root, the minimal rules file as mutable data, the built
portal and its variant (each built once per run for every test worker), and Chromium."""

from __future__ import annotations

import contextlib
import copy
import functools
import os
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, sync_playwright
from playwright.sync_api._generated import Clock

from generator.checks import Finding, check_rules
from generator.loader import load_rules, parse_yaml
from generator.model import Rules

from .browser import CHROMIUM, CHROMIUM_ARGS, FULL_CHROMIUM, IDLE_SEARCH, nginx, origin_of, serve
from .portal import Build, make_variant, shared_build, warnings_in

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def rules_at(path: Path) -> Rules:
    """The rules of the file at ``path``, read once per test process (the models are frozen):
    most test modules start from the project's or the example's rules."""
    return load_rules(path).rules


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
    os.environ[SERVED] = stack.enter_context(serve(shared / "portal" / "site", cached=True))
    config.stash[_RUN] = stack
    if _whole_suite(config):
        _build_ahead(shared, stack)


def _whole_suite(config: pytest.Config) -> bool:
    """A run of every test (bin/test, plain pytest): no file, node id or -k/-m picked."""
    picked = [arg for arg in config.args if Path(arg).resolve() != Path(__file__).parent]
    option = config.option
    return not picked and not getattr(option, "keyword", "") and not getattr(option, "markexpr", "")


def _build_ahead(shared: Path, stack: contextlib.ExitStack) -> None:
    """In a run of every test, the two shared builds start at once, one thread each, while the
    workers start and collect (a few seconds); ``built_site`` and ``variant_build`` then wait
    on the file lock for them instead of building themselves."""
    url = os.environ[SERVED]
    threads = [
        threading.Thread(target=shared_build, args=(shared, "portal"), kwargs={"site_url": url}),
        threading.Thread(target=shared_build, args=(shared, "variant", make_variant)),
    ]
    for thread in threads:
        thread.daemon = True
        thread.start()
    for thread in reversed(threads):  # joined before the folder is removed
        stack.callback(thread.join)


# The dearest tests (several seconds each, most of them browser tests) start first: in the last
# seconds of a run each worker then has only short tests left to share, instead of one worker
# finishing a long test alone. Listed by node id, dearest first (pytest --durations=60); a
# name that no longer matches is ignored, and every other test keeps its order.
DEAREST_FIRST = (
    "tests/test_browser_ws_store.py::test_two_tabs_interleaving_edits_lose_none",
    "tests/test_js_units.py::test_node_runs_every_javascript_unit_test",
    "tests/test_site.py::test_mkdocs_and_properdocs_build_the_same_pages",
    "tests/test_browser_ws_autosave.py::test_saves_to_the_chosen_file_after_each_change",
    "tests/test_browser_tools.py::test_estimator_with_blocked_or_corrupt_storage",
    "tests/test_browser_workspace_guard.py::test_fuzzed_stored_values_always_start_the_page",
    "tests/test_browser_checklist.py::test_corrupt_saved_data_starts_fresh_and_says_so",
    "tests/test_browser_tools.py::test_estimator_keeps_what_was_typed_across_reloads",
    "tests/test_browser_workspace.py::test_two_tabs_editing_at_once_lose_nothing",
    "tests/test_plugin.py::test_mkdocs_serve_rebuilds_when_rules_change",
    "tests/test_print.py::test_print_pack_has_one_page_per_checklist_and_no_blank_pages",
    "tests/test_embed.py::test_my_co_op_works_in_a_cross_origin_iframe",
    "tests/test_browser_tools.py::test_keyboard_alone_works_a_checklist_and_the_calculators",
    "tests/test_walk.py::",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    def rank(item: pytest.Item) -> int:
        for place, prefix in enumerate(DEAREST_FIRST):
            if item.nodeid.startswith(prefix):
                return place
        return len(DEAREST_FIRST)

    items.sort(key=rank)  # stable: the rest keep their order


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
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as started:
        yield started


def _launch(playwright: Playwright, executable: str) -> Browser:
    """Debian's Chromium (see tests/browser.py); missing, it is a failure, never a skip."""
    if not Path(executable).exists():
        pytest.fail(f"{executable} is missing. Run bin/test, which installs it from Debian.")
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium headless shell, where the browser tests run."""
    launched = _launch(playwright, CHROMIUM)
    yield launched
    launched.close()


@pytest.fixture(scope="session")
def full_chromium(playwright: Playwright) -> Iterator[Browser]:
    """Debian's Chromium browser itself (new headless mode), for `either_chromium`."""
    launched = _launch(playwright, FULL_CHROMIUM)
    yield launched
    launched.close()


@pytest.fixture(params=["headless shell", "full browser"])
def either_chromium(
    request: pytest.FixtureRequest, context_factory: Callable[..., BrowserContext]
) -> Iterator[Callable[..., BrowserContext]]:
    """``context_factory`` in the headless shell, then the same in Debian's full Chromium
    (new contexts, closed after the test): for a few tests of what partners rely on most, so
    the suite shows it in the browser they run as well."""
    if request.param == "headless shell":
        yield context_factory
        return
    full: Browser = request.getfixturevalue("full_chromium")
    made: list[BrowserContext] = []

    def make(clock: datetime | None = None, search: bool = True, **options: Any) -> BrowserContext:
        del search  # the full browser runs everything, Material's search worker too
        context = _new_context(full, clock, True, options)
        made.append(context)
        return context

    make.pooled = True  # type: ignore[attr-defined]
    yield make
    for context in made:
        context.close()


# Browser contexts are reused. A new context costs Chromium about 0.1 s of CPU in the headless shell
# (about a second in the full browser), a new page in a used one a good part of that, so
# `context_factory` hands each test a context from a pool of this worker, keyed by its options, and
# resets it after the test: every page closed, init scripts, routes and context listeners the test
# added removed, cookies, local storage and IndexedDB cleared. A test that changes a context in a
# way that cannot be undone (its clock, exposed functions, offline mode, extra headers, permissions)
# gets its context closed instead, so the next test never sees it. The context's first tab is kept
# too (a new tab costs Chromium about as much again as the visit): the test's listeners, init
# scripts and routes on it are removed and it is sent to about:blank, so nothing of the test runs
# on; then one DevTools call per origin the context showed (Storage.clearDataForOrigin) clears
# everything it keeps: local and session storage, IndexedDB, caches and its private files. The next
# test's first `new_page()` gets the tab. A tab whose viewport, media, bindings or timeouts the test
# changed is closed. The browser's HTTP cache is emptied only when the test showed another origin
# than the shared portal's: that portal is built once and never changes, and its server lets the
# browser keep its assets (pages are asked again each time), so a test's first visit costs no more
# than its later ones (0.1-0.2 s less of Chromium's CPU, measured).
# See tests/README.md ("Browser tests that stay cheap").
_CLOCK_CALLS = (
    "install",
    "set_fixed_time",
    "set_system_time",
    "pause_at",
    "run_for",
    "fast_forward",
    "resume",
)
_LASTING_CALLS = (
    "expose_binding", "expose_function", "set_offline", "set_extra_http_headers",
    "set_geolocation", "grant_permissions", "set_default_timeout",
    "set_default_navigation_timeout", "route_from_har", "route_web_socket", "new_cdp_session",
)  # fmt: skip
_PAGE_LASTING_CALLS = (
    "expose_binding", "expose_function", "set_extra_http_headers", "set_default_timeout",
    "set_default_navigation_timeout", "route_from_har", "route_web_socket", "emulate_media",
    "set_viewport_size", "add_locator_handler",
)  # fmt: skip


@dataclass
class _Lease:
    """What one test did to a pooled context that the pool must undo."""

    clock: Any  # the time the context's clock is fixed at, or None
    options: dict[str, Any]
    search: bool = False  # Material's search worker runs (else it idles)
    scripts: list[Any] = field(default_factory=list)
    listeners: list[tuple[str, Any]] = field(default_factory=list)
    lasting: bool = False
    page_scripts: list[tuple[Any, Any]] = field(default_factory=list)  # (page impl, script)
    page_listeners: list[tuple[Any, str, Any]] = field(default_factory=list)
    changed_pages: set[int] = field(default_factory=set)  # id() of tabs not to keep


def _lease_of(impl: Any) -> _Lease | None:
    lease: _Lease | None = getattr(impl, "_cp_lease", None)
    return lease


def _watch_contexts() -> contextlib.ExitStack:
    """Record on each pooled context what a test adds to it (class-level, undone at the end)."""
    stack = contextlib.ExitStack()

    def patch(cls: Any, name: str, wrap: Callable[[Any], Any]) -> None:
        original = getattr(cls, name)
        setattr(cls, name, wrap(original))
        stack.callback(setattr, cls, name, original)

    def recording_scripts(original: Any) -> Any:
        def add_init_script(self: Any, *args: Any, **kwargs: Any) -> Any:
            disposable = original(self, *args, **kwargs)
            if (lease := _lease_of(self._impl_obj)) is not None:
                lease.scripts.append(disposable)
            return disposable

        return add_init_script

    def recording_listeners(original: Any) -> Any:
        def on(self: Any, event: str, handler: Any) -> Any:
            if (lease := _lease_of(self._impl_obj)) is not None:
                lease.listeners.append((event, handler))
            return original(self, event, handler)

        return on

    def marking(original: Any, owner: Callable[[Any], Any]) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            if (lease := _lease_of(owner(self))) is not None:
                lease.lasting = True
            return original(self, *args, **kwargs)

        return call

    patch(BrowserContext, "add_init_script", recording_scripts)
    patch(BrowserContext, "on", recording_listeners)
    patch(BrowserContext, "once", recording_listeners)
    for name in _LASTING_CALLS:
        patch(BrowserContext, name, lambda f: marking(f, lambda c: c._impl_obj))

    def page_lease(page: Any) -> _Lease | None:
        return _lease_of(page._impl_obj._browser_context)

    def recording_page_scripts(original: Any) -> Any:
        def add_init_script(self: Any, *args: Any, **kwargs: Any) -> Any:
            disposable = original(self, *args, **kwargs)
            if (lease := page_lease(self)) is not None:
                lease.page_scripts.append((self._impl_obj, disposable))
            return disposable

        return add_init_script

    def recording_page_listeners(original: Any) -> Any:
        def on(self: Any, event: str, handler: Any) -> Any:
            if (lease := page_lease(self)) is not None:
                lease.page_listeners.append((self._impl_obj, event, handler))
            return original(self, event, handler)

        return on

    def marking_page(original: Any) -> Any:
        def call(self: Any, *args: Any, **kwargs: Any) -> Any:
            if (lease := page_lease(self)) is not None:
                lease.changed_pages.add(id(self._impl_obj))
            return original(self, *args, **kwargs)

        return call

    def handing_out_the_kept_tab(original: Any) -> Any:
        def new_page(self: Any) -> Any:
            impl = self._impl_obj
            kept: Page | None = getattr(impl, "_cp_kept", None)
            impl._cp_kept = None
            if _lease_of(impl) is not None and kept is not None and not kept.is_closed():
                return kept
            return original(self)

        return new_page

    patch(Page, "add_init_script", recording_page_scripts)
    patch(Page, "on", recording_page_listeners)
    patch(Page, "once", recording_page_listeners)
    for name in _PAGE_LASTING_CALLS:
        patch(Page, name, marking_page)
    patch(BrowserContext, "new_page", handing_out_the_kept_tab)

    def fixing_time(original: Any) -> Any:
        def set_fixed_time(self: Any, time: Any) -> Any:
            lease = _lease_of(self._impl_obj._browser_context)
            if lease is not None and lease.clock is None:
                lease.clock = time  # the context goes back to the pool as one fixed at ``time``
            elif lease is not None and lease.clock != time:
                lease.lasting = True
            return original(self, time)

        return set_fixed_time

    patch(Clock, "set_fixed_time", fixing_time)
    for name in _CLOCK_CALLS:
        if name != "set_fixed_time":
            patch(Clock, name, lambda f: marking(f, lambda c: c._impl_obj._browser_context))
    return stack


class ContextPool:
    """This worker's reusable browser contexts (see above)."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.free: dict[str, list[BrowserContext]] = {}
        self.all: list[BrowserContext] = []

    def take(self, clock: Any, options: dict[str, Any], search: bool = False) -> BrowserContext:
        free = self.free.get(_pool_key(clock, options, search))
        if free:
            context = free.pop()
        else:
            context = _new_context(self.browser, clock, search, options)  # before the lease
            _track_origins(context)
            self.all.append(context)
        impl: Any = context._impl_obj
        impl._cp_lease = _Lease(clock, options, search)
        return context

    def give_back(self, context: BrowserContext) -> None:
        impl: Any = context._impl_obj
        lease = _lease_of(impl)
        impl._cp_lease = None
        if lease is None or context.is_closed():
            return
        try:
            reuse = not lease.lasting and not lease.options.get("storage_state")
            pages = list(context.pages)
            for page in pages[1:] if reuse else pages:
                page.close()
            if lease.lasting:
                raise _Discard
            for script in lease.scripts:
                script.__exit__(None, None, None)
            for event, handler in lease.listeners:
                with contextlib.suppress(KeyError, ValueError):
                    context.remove_listener(event, handler)
            context.unroute_all(behavior="ignoreErrors")
            context.clear_cookies()
            kept = pages[0] if reuse and pages else None
            if kept is not None and not _reset_tab(kept, lease, impl._cp_origins):
                kept.close()
                kept = None
            if kept is None:  # Playwright's own reset (it opens a tab of its own for it)
                storage: Any = lease.options.get("storage_state") or {"cookies": [], "origins": []}
                context.set_storage_state(storage)
                impl._cp_origins.clear()
        except Exception:  # a context that cannot be reset is not reused
            self.all.remove(context)
            with contextlib.suppress(Exception):
                context.close()
            return
        impl._cp_kept = kept
        key = _pool_key(lease.clock, lease.options, lease.search)
        self.free.setdefault(key, []).append(context)

    def close(self) -> None:
        for context in self.all:
            with contextlib.suppress(Exception):
                context.close()


class _Discard(Exception):
    pass


def _track_origins(context: BrowserContext) -> None:
    """Record every origin any frame of any tab of ``context`` shows, for `_reset_tab` (the
    pool's own listeners, on the objects below the recording patches, so they stay)."""
    seen: set[str] = set()
    impl: Any = context._impl_obj
    impl._cp_origins = seen

    def navigated(frame: Any) -> None:
        parts = urlsplit(frame.url)
        if parts.scheme in ("http", "https"):
            seen.add(f"{parts.scheme}://{parts.netloc}")

    impl.on("page", lambda page: page.on("framenavigated", navigated))


def _reset_tab(page: Page, lease: _Lease, origins: set[str]) -> bool:
    """Makes the test's tab as good as a new one (see the pool's comment) and clears what every
    origin the context showed keeps; False if it cannot (the tab is then closed, and
    Playwright's own reset clears the storage)."""
    impl: Any = page._impl_obj
    if page.is_closed() or id(impl) in lease.changed_pages:
        return False
    try:
        for owner, event, handler in lease.page_listeners:
            if owner is impl:
                with contextlib.suppress(KeyError, ValueError):
                    page.remove_listener(event, handler)
        for owner, script in lease.page_scripts:
            if owner is impl:
                script.__exit__(None, None, None)
        page.unroute_all(behavior="ignoreErrors")
        page.on("dialog", _leave)  # a "leave the page?" question is answered yes
        try:
            page.goto("about:blank", timeout=5000)
        finally:
            page.remove_listener("dialog", _leave)
        session: Any = getattr(impl, "_cp_cdp", None) or page.context.new_cdp_session(page)
        impl._cp_cdp = session
        for origin in sorted(origins):  # storage of every kind, sessionStorage and OPFS included
            session.send("Storage.clearDataForOrigin", {"origin": origin, "storageTypes": "all"})
        if origins - {origin_of(os.environ[SERVED])}:  # the shared portal's files never change
            session.send("Network.clearBrowserCache")
        origins.clear()
    except Exception:
        return False
    return True


def _leave(dialog: Any) -> None:
    dialog.accept()


def _pool_key(clock: Any, options: dict[str, Any], search: bool) -> str:
    return repr((clock, sorted(options.items()), search))


def _new_context(
    browser: Browser, clock: datetime | None, search: bool, options: dict[str, Any]
) -> BrowserContext:
    """A new context, its clock fixed at ``clock`` if given; without ``search``, Material's
    search worker idles (see IDLE_SEARCH). Made before any lease, both stay with it."""
    context = browser.new_context(**options)
    if not search:
        context.add_init_script(IDLE_SEARCH)
    if clock is not None:
        context.clock.set_fixed_time(clock)
    return context


@pytest.fixture(scope="session")
def context_pool(browser: Browser) -> Iterator[ContextPool]:
    pool = ContextPool(browser)
    with _watch_contexts():
        yield pool
        pool.close()


@pytest.fixture
def context_factory(context_pool: ContextPool) -> Iterator[Callable[..., BrowserContext]]:
    """Browser contexts for this test, as fresh as new ones (own, empty storage; nothing another
    test added): ``context_factory(**new_context_options)``, or with ``clock=datetime`` for a
    context whose clock is fixed at that time (what ``open_page(when=...)`` uses). Reused from
    this worker's pool and reset after the test; ``fresh=True`` gives a new one instead, for a
    test whose subject is what the browser has allocated (a storage quota), and a test that
    opens a DevTools session on a pooled context has it closed afterwards (what it changed
    there, such as a quota, cannot be undone). ``search=True`` for a test of the site search:
    other contexts give Material's search worker an idle stand-in (tests/browser.py
    IDLE_SEARCH)."""
    taken: list[BrowserContext] = []
    own: list[BrowserContext] = []

    def make(
        clock: datetime | None = None, fresh: bool = False, search: bool = False, **options: Any
    ) -> BrowserContext:
        if fresh:  # a context no test has used, closed after this one
            context = _new_context(context_pool.browser, clock, search, options)
            own.append(context)
            return context
        context = context_pool.take(clock, options, search)
        taken.append(context)
        return context

    make.pooled = True  # type: ignore[attr-defined]
    yield make
    for context in taken:
        context_pool.give_back(context)
    for context in own:
        context.close()
