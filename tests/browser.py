"""Browser test support: a local server for a built site under a sub-path, and Chromium.

Chromium is Debian's, driven by Playwright; nothing is downloaded. Debian builds it twice
from one source: the browser (/usr/bin/chromium, run in its new headless mode) and the old
headless shell (/usr/bin/chromium-headless-shell: the same Blink and V8 without the browser's
own layer, what Playwright itself runs for headless tests). The tests run in the shell, which
needs about a third less CPU for the same pages (bin/test on a fresh clone: 208 s with the
browser, 158 s with the shell), and the tests that take `either_chromium` run in both. `bin/test`
installs both when they are missing (the browser alone if the shell cannot be had), so a
missing browser fails the tests.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

FULL_CHROMIUM = "/usr/bin/chromium"  # the browser partners run: for the benches too
SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("COOP_CHROMIUM") or (SHELL if Path(SHELL).exists() else FULL_CHROMIUM)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PREFIX = "/portal/"


STRICT_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'"
)
IDLE_SEARCH = """(() => {
  const Real = window.Worker;
  if (typeof Real !== "function") return;
  class IdleSearch extends EventTarget { postMessage() {} terminate() {} }
  window.Worker = new Proxy(Real, {
    construct(target, args, newTarget) {
      const { pathname } = new URL(String(args[0]), location.href);
      const search = pathname.includes("/assets/javascripts/workers/search.");
      if (search) return new IdleSearch();
      return Reflect.construct(target, args, newTarget);
    },
  });
})();"""
"""An init script that gives Material's site search an idle stand-in for its web worker, and
every other worker (My co-op's Earnings report reader) the real one. That worker loads the
search engine and builds the index of every page again on each page load: about 130 ms of
Chromium's CPU, almost half of what a page load costs. Browser contexts get it unless the test
searches (``context_factory(search=True)``); the search box is still there, and finds nothing.
The site search's own tests and the strict-CSP tests run the real worker."""

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""
"""An init script that records the page's CSP violations in window.__cspViolations."""


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Serves the site only under PREFIX, so a root-relative link would 404."""

    prefix = PREFIX
    extra_headers: dict[str, str] = {}  # noqa: RUF012 (set per server through a subclass)
    cached = False  # assets may be kept by the browser for a day; pages are revalidated

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        if self.cached:
            page = self.path.split("?")[0].endswith(("/", ".html"))
            self.send_header("Cache-Control", "no-cache" if page else "max-age=86400")
        super().end_headers()

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_sub_path__")
        return super().translate_path("/" + path[len(self.prefix) :])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's 404.html, as nginx's error_page gives it."""
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        del format, args


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser that stops reading (a navigation cancels a load) is normal: quiet."""
        error = sys.exc_info()[1]
        if not isinstance(error, ConnectionError):
            super().handle_error(request, client_address)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def serve(
    site: Path, port: int = 0, headers: dict[str, str] | None = None, *, cached: bool = False
) -> Iterator[str]:
    """Serve ``site`` at http://127.0.0.1:PORT/portal/ and yield that base URL. ``cached``
    only for a site that never changes while it is served (the browser keeps its assets)."""
    handler_class = type(
        "Handler", (_Handler,), {"extra_headers": dict(headers or {}), "cached": cached}
    )
    handler = functools.partial(handler_class, directory=str(site))
    server = _Server(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{PREFIX}"
    finally:
        server.shutdown()
        server.server_close()


NGINX = "/usr/sbin/nginx"
NGINX_PREFIX = "/coop/"


@contextlib.contextmanager
def nginx(site: Path, work: Path, frame_ancestors: str = "") -> Iterator[str]:
    """Debian's nginx running deploy/nginx.conf with only its CHANGE lines edited; yields
    the site's URL (http://127.0.0.1:PORT/coop/)."""
    if not Path(NGINX).exists():
        raise AssertionError(f"{NGINX} is missing. Run bin/test, which installs Debian's nginx.")
    port = free_port()
    config = (Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf").read_text("utf-8")
    edits = [
        ("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};"),
        ("alias /srv/coop-portal/site/;", f"alias {site}/;"),
    ]
    if frame_ancestors:
        edits.append(("https://intranet.example.com", frame_ancestors))
    for old, new in edits:
        assert old in config, old
        config = config.replace(old, new)
    work.mkdir(parents=True, exist_ok=True)
    (work / "nginx.conf").write_text(config, encoding="utf-8")
    server = subprocess.Popen(
        [
            NGINX,
            "-p",
            str(work),
            "-c",
            str(work / "nginx.conf"),
            "-g",
            "daemon off; master_process off;",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}{NGINX_PREFIX}"
    try:
        for _ in range(100):
            if server.poll() is not None:
                output = server.stdout.read() if server.stdout else ""
                raise AssertionError(f"nginx stopped: {output}")
            try:
                with urllib.request.urlopen(url, timeout=2):
                    break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        if server.stdout:
            server.stdout.close()


def origin_of(url: str) -> str:
    """scheme://host:port of a URL."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def wait_for_text(url: str, text: str, seconds: float = 60) -> str:
    """Poll ``url`` until its body contains ``text``; return the last body seen."""
    deadline = time.monotonic() + seconds
    body = ""
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = str(response.read().decode())
            if text in body:
                return body
        except OSError:
            pass
        time.sleep(0.05)
    return body


FAILED_LOAD = re.compile(r"Failed to load resource: the server responded with a status of (\d+)")


@dataclass
class Trouble:
    """Console errors, failed requests and requests to other hosts seen by a page."""

    origin: str
    console: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def watch(self, page: Any) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.console.append(str(e)))
        page.on(
            "requestfailed",
            # A navigation cancels requests still in flight (net::ERR_ABORTED); that is normal.
            lambda r: None if "ERR_ABORTED" in (r.failure or "") else self.failed.append(r.url),
        )
        page.on(
            "request",
            lambda r: (
                None
                if r.url.startswith((self.origin, "data:", "blob:", "about:"))
                else self.foreign.append(r.url)
            ),
        )

    def _console(self, message: Any) -> None:
        if message.type != "error":
            return
        # Chromium reports each response of 400 or more (a page, a file, a fetch) as this
        # console error: heard here, it costs nothing per good response, as a "response"
        # listener would (about 25 ms of CPU per page load).
        failed = FAILED_LOAD.match(message.text)
        if failed:
            self.failed.append(f"{failed[1]} {message.location.get('url', '')}")
        else:
            self.console.append(message.text)

    def assert_clean(self) -> None:
        assert not self.console, self.console
        assert not self.failed, self.failed
        assert not self.foreign, self.foreign


BLOCK_STORAGE = (
    "for (const k of ['localStorage', 'indexedDB']) Object.defineProperty(window, k, {get() {"
    " throw new DOMException('blocked', 'SecurityError'); }});"
)
"""An init script that makes storage throw, as in a sandboxed iframe or private mode."""


def open_page(
    context_factory: Any,
    url: str,
    *,
    when: datetime | None = None,
    blocked_storage: bool = False,
    **options: Any,
) -> tuple[Any, Trouble]:
    """A page in a fresh browser context (``options``: time zone, JavaScript, ...), its clock
    fixed at ``when`` if given, storage blocked if asked, watched for trouble, and opened at
    ``url``."""
    pooled = getattr(context_factory, "pooled", False)
    context = context_factory(clock=when, **options) if pooled else context_factory(**options)
    if blocked_storage:
        context.add_init_script(BLOCK_STORAGE)
    page = context.new_page()
    if when is not None and not pooled:
        page.clock.set_fixed_time(when)
    trouble = Trouble(origin_of(url))
    trouble.watch(page)
    page.goto(url)
    started(page)
    return page, trouble


def unopened_page(
    context_factory: Any, site_url: str, *, when: datetime | None = None, **options: Any
) -> tuple[Any, Trouble]:
    """A page in a fresh browser context (``when`` and ``options`` as for ``open_page``),
    watched for trouble on ``site_url``, not yet opened: for ``save_elsewhere``, then the page
    under test."""
    if getattr(context_factory, "pooled", False):
        page = context_factory(clock=when, **options).new_page()
    else:
        page = context_factory(**options).new_page()
        if when is not None:
            page.clock.set_fixed_time(when)
    trouble = Trouble(origin_of(site_url))
    trouble.watch(page)
    return page, trouble


def save_elsewhere(page: Any, site_url: str, key: str, value: str) -> None:
    """Leave ``page`` for a blank page of the site's origin (no components to start; served by
    the test, not the site) and there replace everything saved with ``key`` set to ``value``,
    as another page or an older version would have left it; the next page opened reads it."""
    blank = site_url + "cp-test-blank.html"
    page.route(blank, lambda route: route.fulfill(content_type="text/html", body=BLANK))
    page.goto(blank)
    page.unroute(blank)
    page.evaluate("([k, v]) => { localStorage.clear(); localStorage.setItem(k, v); }", [key, value])


BLANK = "<!doctype html><title>blank</title><link rel=icon href=data:,>"
"""A page with nothing in it, not even a request for a favicon."""


def started(page: Any) -> None:
    """Wait until the page's components have started: boot.js loads each one's module after
    the page has loaded, and a test acting sooner would act on the page without JavaScript."""
    page.wait_for_function("() => !document.querySelector('[data-cp-starting]')", polling=50)


def add_claim(scope: Any, name: str, activity: str, *when_and_amount: str) -> None:
    """Plans a claim with My co-op's form in ``scope`` (a page or a frame): name, activity,
    then start, end and amount."""
    start, end, amount = when_and_amount
    scope.locator("#cp-ws-add-name").fill(name)
    scope.locator("#cp-ws-add-activity").select_option(activity)
    scope.locator("#cp-ws-add-start").fill(start)
    scope.locator("#cp-ws-add-end").fill(end)
    scope.locator("#cp-ws-add-amount").fill(amount)
    scope.get_by_role("button", name="Add the claim").click()


def ready_for_instant_navigation(page: Any) -> None:
    """Wait until Material can take over links: it does so only once it has fetched the
    sitemap, and a click before that is an ordinary page load (seen on a slow fresh clone)."""
    page.wait_for_load_state("networkidle")
