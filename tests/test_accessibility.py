"""axe-core (npm, injected with Playwright) finds no WCAG 2.1 A/AA violation on any
interactive widget in its used state. Every page type as it first loads is checked by the
page walk of test_walk.py."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import FilePayload, Page, expect

from .browser import BLOCK_STORAGE, add_claim, open_page
from .conftest import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCANNED: list[str] = []


def _axe(page: Page, what: str) -> None:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing. Run bin/test, which installs axe-core with npm.")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # resultTypes: full detail for violations only, which makes axe several times faster.
    result = page.evaluate(
        "(tags) => axe.run(document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        TAGS,
    )
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in result["violations"]
    ]
    SCANNED.append(what)
    assert problems == [], what


def _page(context_factory: Callable[..., Any], url: str) -> Page:
    when = datetime(2026, 11, 24, 12, tzinfo=UTC)
    page: Page = open_page(context_factory, url, when=when, timezone_id="Europe/Berlin")[0]
    return page


def _checklist_in_use(context_factory: Callable[..., Any], site_url: str) -> Page:
    page = _page(context_factory, site_url + "activities/print-advertising/")
    page.locator(".cp-checklist input[type=checkbox]").first.check()
    page.evaluate(
        "() => { const k = 'coop-portal:v2:checklist:activity:print-advertising';"
        " const s = JSON.parse(localStorage.getItem(k));"
        " s.items['poe-estimated-reach'] = {hash: 'old', at: '2026-11-01'};"
        " localStorage.setItem(k, JSON.stringify(s)); }"
    )
    page.reload()
    expect(page.locator("[data-cp-changed]:visible")).to_have_count(1)
    page.get_by_role("button", name="Reset").click()
    page.get_by_role("button", name="Copy a link with these ticks").click()
    return page


def _filter_without_match(context_factory: Callable[..., Any], site_url: str) -> Page:
    page = _page(context_factory, site_url + "activities/")
    page.get_by_label("Search activities").fill("zzz")
    expect(page.locator("[data-cp-filter-none]")).to_be_visible()
    return page


def _calculators_refusing(context_factory: Callable[..., Any], site_url: str) -> Page:
    page = _page(context_factory, site_url + "calculators/")
    page.get_by_label("Activity start date").fill("2026-12-20")
    page.get_by_label("Activity end date").fill("2027-01-10")
    page.get_by_role("button", name="Check timing").click()
    page.locator("[data-cp-example]").click()
    page.locator("input[name=azure-consumption-2]").fill("ten")
    page.get_by_role("button", name="Estimate").click()
    expect(page.locator("[data-cp-result=invalid]")).to_be_visible()
    return page


def _calculators_answering(context_factory: Callable[..., Any], site_url: str) -> Page:
    page = _page(context_factory, site_url + "calculators/")
    page.locator("[data-cp-example]").click()
    expect(page.locator("[data-cp-total=coop]")).to_be_visible()
    page.get_by_label("Activity start date").fill("2025-03-01")
    page.get_by_label("Activity end date").fill("2025-03-05")
    page.get_by_role("button", name="Check timing").click()
    expect(page.locator("[data-cp-state=passed]").first).to_be_visible()
    return page


def _home_after_the_last_period(context_factory: Callable[..., Any], site_url: str) -> Page:
    late = datetime(2027, 9, 30, 12, tzinfo=UTC)
    page: Page = open_page(context_factory, site_url, when=late, timezone_id="UTC")[0]
    expect(page.locator("tr[data-cp-calculated]")).to_have_count(1)
    return page


def _workspace_in_use(context_factory: Callable[..., Any], site_url: str) -> Page:
    page = _page(context_factory, site_url + "workspace/")
    page.get_by_role("button", name="Record funds").click()  # refused: no amount
    expect(page.locator("#cp-ws-fund-amount-error")).to_be_visible()
    page.fill("#cp-ws-fund-amount", "1000")
    page.get_by_role("button", name="Record funds").click()
    page.get_by_role("button", name="Add the claim").click()  # refused: every field named
    expect(page.locator("#cp-ws-add-name-error")).to_be_visible()
    # Across two usage periods: a timing problem.
    add_claim(page, "INV1 print ad", "print-advertising", "2026-12-20", "2027-01-10", "2500")
    page.locator("[data-cp-ws-open] input[type=checkbox]").first.check()
    page.locator("[data-cp-ws-open] .cp-ws-evidence button").first.click()
    page.select_option("#cp-ws-c-status", "action-required")
    page.click("#cp-ws-c-status-set")
    page.click("[data-cp-ws-clear]")
    expect(page.locator("[data-cp-ws-timing]")).to_be_visible()
    expect(page.locator("[data-cp-ws-figures]")).to_be_visible()
    return page


def _workspace_warnings(context_factory: Callable[..., Any], site_url: str) -> Page:
    context = context_factory(timezone_id="UTC")
    context.add_init_script(BLOCK_STORAGE)
    page: Page = context.new_page()
    page.goto(site_url + "workspace/")
    page.set_input_files(
        "[data-cp-ws-open-file]",
        files=FilePayload(name="bad.json", mimeType="application/json", buffer=b"{}"),
    )
    expect(page.locator("[data-cp-ws-blocked]")).to_be_visible()
    expect(page.locator("[data-cp-ws-open-errors]")).to_be_visible()
    return page


STATES: dict[str, Callable[[Callable[..., Any], str], Page]] = {
    "My co-op: funds, an open claim with timing problems, evidence, clear offer": _workspace_in_use,
    "My co-op: blocked storage, a refused file": _workspace_warnings,
    "checklist: ticked, changed item, reset confirmation, state link": _checklist_in_use,
    "activity filter with no match": _filter_without_match,
    "calculators: two-period warning, invalid amount": _calculators_refusing,
    "estimator results, passed deadlines": _calculators_answering,
    "home after the last published period": _home_after_the_last_period,
}


@pytest.mark.parametrize("state", STATES)
def test_widgets_in_their_used_state_have_no_violations(
    context_factory: Callable[..., Any], site_url: str, state: str
) -> None:
    """Ticked, flagged, confirming, filtered and calculated states also pass axe."""
    _axe(STATES[state](context_factory, site_url), state)
