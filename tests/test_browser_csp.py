"""Every page type under a strict Content-Security-Policy, from a sub-path, with no network."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from .browser import PREFIX, STRICT_CSP, Trouble, serve

PAGES = [
    "",
    "activities/",
    "activities/print-advertising/",
    "periods/",
    "calculators/",
    "levers/",
    "claims/process/",
    "claims/statuses/",
    "claims/payments/",
    "reference/content-rules/",
    "reference/glossary/",
    "reference/sources/",
    "reference/source-notes/",
    "about/",
]

WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@pytest.fixture(scope="module")
def strict_url(built_site: Path) -> Iterator[str]:
    """The site served under /portal/ with the strict CSP header (own port: no instant nav)."""
    with serve(built_site, headers={"Content-Security-Policy": STRICT_CSP}) as url:
        yield url


def test_every_page_type_runs_under_the_strict_csp(
    context_factory: Callable[..., Any], strict_url: str
) -> None:
    """No CSP violation, console error, failed request or other host on any page type."""
    context = context_factory(offline=False)
    context.add_init_script(WATCH_CSP)
    # No network: any request that is not to the portal's own origin is refused.
    origin = strict_url.split(PREFIX, maxsplit=1)[0]
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith(origin) else route.abort(),
    )
    page = context.new_page()
    trouble = Trouble(origin)
    trouble.watch(page)
    for path in PAGES:
        page.goto(strict_url + path)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__cspViolations") == [], path
    page.goto(strict_url + "activities/print-advertising/")
    page.locator(".cp-checklist input[type=checkbox]").first.check()
    expect(page.locator(".cp-checklist__progress")).to_contain_text("1 of")
    page.get_by_role("textbox", name="Search").fill("telemarketing")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert page.evaluate("window.__cspViolations") == []
    trouble.assert_clean()
