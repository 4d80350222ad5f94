"""Deadline tracker, claim timing checker and co-op estimator in headless Chromium,
and a keyboard-only walk through a checklist and the calculators."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.loader import load_rules

from .browser import open_page
from .conftest import ROOT

RULES = load_rules(ROOT / "rules.yaml").rules


@pytest.mark.parametrize(
    ("zone", "local_before", "local_after_days"),
    [
        ("America/Los_Angeles", "15 February 2027 at 15:59", 181),
        ("Australia/Sydney", "16 February 2027 at 10:59", 181),
    ],
)
def test_tracker_just_before_and_just_after_a_claim_deadline(
    context_factory: Callable[..., Any],
    site_url: str,
    zone: str,
    local_before: str,
    local_after_days: int,
) -> None:
    """A second before the cut-off the deadline is still next; a second after, the next one is."""
    before, trouble = open_page(
        context_factory,
        site_url + "periods/",
        when=datetime(2027, 2, 15, 23, 59, 58, tzinfo=UTC),
        timezone_id=zone,
    )
    claim = before.locator("[data-cp-deadline=claim]")
    expect(claim).to_contain_text("15 February 2027, 23:59:59 UTC")
    expect(claim).to_contain_text(local_before)
    expect(claim.locator("[data-cp-days-left]")).to_have_text("Ends today.")
    trouble.assert_clean()
    after, trouble = open_page(
        context_factory,
        site_url + "periods/",
        when=datetime(2027, 2, 16, 0, 0, 0, tzinfo=UTC),
        timezone_id=zone,
    )
    claim = after.locator("[data-cp-deadline=claim]")
    expect(claim).to_contain_text("15 August 2027, 23:59:59 UTC")
    expect(claim.locator("[data-cp-days-left]")).to_have_text(f"{local_after_days} days left.")
    expect(after.locator("[data-cp-period=fy26h2] .cp-badge")).to_have_text("Resolving")
    expect(after.locator("[data-cp-period=fy27h1]")).to_have_attribute("aria-current", "date")
    trouble.assert_clean()


def _timing(page: Page, start: str, end: str, approved: str = "") -> Any:
    page.get_by_label("Activity start date").fill(start)
    page.get_by_label("Activity end date").fill(end)
    page.get_by_label("Claim approved on (optional)").fill(approved)
    page.get_by_role("button", name="Check timing").click()
    return page.locator("[data-cp-timing-result]")


def test_timing_checker_places_an_activity_and_refuses_two_periods(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The checker gives period, claim-by, deadlines and payment, and refuses a two-period span."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    result = _timing(page, "2026-09-01", "2026-09-30", "2026-10-16")
    expect(result).to_have_attribute("role", "status")
    expect(result.locator("[data-cp-result=ok]")).to_contain_text("FY27H1")
    expect(result.locator("[data-cp-claim-by]")).to_have_attribute("data-cp-claim-by", "2026-11-14")
    expect(result.locator("[data-cp-claim-deadline]")).to_contain_text(
        "15 February 2027, 23:59:59 UTC"
    )
    expect(result.locator("[data-cp-resolution-deadline]")).to_contain_text("31 March 2027")
    expect(result.locator("[data-cp-payment]")).to_contain_text(
        "20 November 2026 and 25 November 2026"
    )
    result = _timing(page, "2026-12-20", "2027-01-10")
    expect(result.locator("[data-cp-result=spans-periods]")).to_contain_text(
        "Not allowed: this activity spans two usage periods, FY27H1"
    )
    expect(result.locator("[data-cp-result=spans-periods]")).to_contain_text("FY27H2")
    result = _timing(page, "2026-12-01", "2026-12-31")
    expect(result.locator("[data-cp-claim-by]")).to_contain_text("Claim by 14 February 2027")
    result = _timing(page, "2026-10-10", "2026-10-01")
    expect(result.locator("[data-cp-result=end-before-start]")).to_be_visible()
    trouble.assert_clean()


def test_estimator_reproduces_the_worked_example(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Filling in the guidebook's example gives 5,400 co-op a month and 32,400 for the half."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    page.get_by_role("button", name="Fill in the worked example").click()
    result = page.locator("[data-cp-estimate-result]")
    expect(result.locator("[data-cp-total=coop]")).to_have_text("USD 32,400")
    expect(result.locator("[data-cp-total=rebate]")).to_have_text("USD 48,600")
    expect(result.locator("tbody tr").nth(1)).to_contain_text("USD 5,400")
    expect(result.locator("[data-cp-threshold=met]")).to_be_visible()
    page.locator("[data-cp-clear]").click()
    month = "Azure consumption CSP motion.*Month {}$"
    page.get_by_role("textbox", name=re.compile(month.format(1))).fill("10000")
    page.get_by_role("button", name="Estimate").click()
    expect(result.locator("[data-cp-threshold=not-met]")).to_contain_text("turns into rebate")
    expect(result.locator("[data-cp-threshold=not-met]")).to_contain_text("USD 400")
    page.get_by_role("textbox", name=re.compile(month.format(2))).fill("ten")
    page.get_by_role("button", name="Estimate").click()
    expect(result.locator("[data-cp-result=invalid]")).to_contain_text("not a number")
    trouble.assert_clean()


def _tab_to(page: Page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching ``selector`` has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_keyboard_alone_works_a_checklist_and_the_calculators(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Tab and Space tick items and reset; typing and Enter run both calculators."""
    page, trouble = open_page(
        context_factory,
        site_url + "activities/print-advertising/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    _tab_to(page, ".cp-checklist input[type=checkbox]")
    page.keyboard.press("Space")
    expect(page.locator(".cp-checklist__progress")).to_contain_text("1 of")
    _tab_to(page, "[data-cp-action=reset]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-cp-action=reset-confirm]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".cp-checklist__progress")).to_contain_text("0 of")
    expect(page.locator("[data-cp-action=reset]")).to_be_focused()

    page.goto(site_url + "calculators/")
    _tab_to(page, "#cp-timing-start")
    page.keyboard.type("09012026")
    _tab_to(page, "#cp-timing-end", limit=5)  # Tab first walks the date's own fields
    page.keyboard.type("09302026")
    page.keyboard.press("Enter")
    expect(page.locator("[data-cp-result=ok]")).to_contain_text("FY27H1")
    _tab_to(page, "[data-cp-example]")
    page.keyboard.press("Enter")
    expect(page.locator("[data-cp-total=coop]")).to_have_text("USD 32,400")
    trouble.assert_clean()
