"""The portal served by Debian's nginx with deploy/nginx.conf (the strict_url fixture: the
variant build, under a sub-path, with the strict Content-Security-Policy) and no network: its
headers, and search, a checklist and My co-op at work. test_walk.py walks every page type."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from .browser import STRICT_CSP, WATCH_CSP, Trouble, add_claim, origin_of


def test_nginx_sends_the_strict_headers_and_serves_exports(strict_url: str) -> None:
    """Every response carries the strict CSP; exports get usable content types; 404s are pages."""
    for path, kind in (
        ("", "text/html"),
        ("exports/deadlines.ics", "text/calendar"),
        ("exports/activities.csv", "text/csv"),
        ("exports/activities.xlsx", "spreadsheetml.sheet"),
        ("assets/coop-portal/boot.js", "javascript"),
        ("assets/coop-portal/components/checklist.js", "javascript"),
        ("assets/coop-portal/modules/dates.js", "javascript"),
    ):
        with urllib.request.urlopen(strict_url + path, timeout=5) as response:
            assert kind in response.headers["Content-Type"], path
            csp = response.headers["Content-Security-Policy"]
            for directive in STRICT_CSP.split("; ")[:-1]:
                assert directive in csp, (path, directive)
            assert "frame-ancestors" in csp
            assert response.headers["X-Content-Type-Options"] == "nosniff"
    with pytest.raises(urllib.error.HTTPError) as missing:
        urllib.request.urlopen(strict_url + "no/such/page/", timeout=5)
    assert missing.value.code == 404
    assert "Co-op compliance portal" in missing.value.read().decode()
    missing.value.close()


def _strict_page(context_factory: Callable[..., Any], strict_url: str) -> tuple[Any, Trouble]:
    context = context_factory(search=True)  # the search worker too must keep to the policy
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    # Offline: Trouble records any request to another host, and the test fails on it.
    trouble = Trouble(origin_of(strict_url))
    trouble.watch(page)
    return page, trouble


def test_search_and_a_checklist_work_under_the_strict_csp(
    context_factory: Callable[..., Any], strict_url: str
) -> None:
    """Site search (a web worker) and a checklist tick work with no CSP violation."""
    page, trouble = _strict_page(context_factory, strict_url)
    page.goto(strict_url + "activities/print-advertising/")
    page.wait_for_load_state("networkidle")  # the search worker has loaded its index
    page.get_by_role("textbox", name="Search").press_sequentially("telemarketing")  # keyup
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")
    page.locator(".cp-checklist input[type=checkbox]").first.check()
    expect(page.locator(".cp-checklist__progress")).to_contain_text("1 of")
    assert page.evaluate("window.__cspViolations") == []
    trouble.assert_clean()


def test_my_co_op_works_under_the_strict_csp_and_a_sub_path(
    context_factory: Callable[..., Any], strict_url: str
) -> None:
    """My co-op starts its modules, adds a claim, ticks and reads it back after a reload,
    under the strict CSP and the /coop/ sub-path, with no violation."""
    page, trouble = _strict_page(context_factory, strict_url)
    page.goto(strict_url + "workspace/")
    add_claim(page, "INV5 print ad", "print-advertising", "2026-09-01", "2026-09-30", "900")
    page.locator("[data-cp-ws-open] input[type=checkbox]").first.check()
    page.reload()
    expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(1)
    assert page.evaluate("window.__cspViolations") == []
    trouble.assert_clean()
