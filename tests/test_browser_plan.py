"""One checklist, two ways in, in Debian's Chromium: ticks made on an activity page start the
checklist of the claim planned from it in My co-op."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import Page, expect

from generator.checklists import activity_checklist

from .browser import add_claim, open_page
from .conftest import ROOT, rules_at
from .ws_storage import saved

RULES = rules_at(ROOT / "rules.yaml")
ACTIVITY = RULES.activities[0]
ITEMS = activity_checklist(RULES, ACTIVITY).items
WHEN = datetime(2026, 9, 1, 12, tzinfo=UTC)


def test_ticks_on_an_activity_page_start_the_planned_claims_checklist(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Two items ticked on an activity page, "Plan a claim" opens My co-op with the activity
    chosen; the claim added starts with those two ticked; the activity page then names it."""
    page: Page = open_page(
        context_factory, site_url + f"activities/{ACTIVITY.id}/", when=WHEN, timezone_id="UTC"
    )[0]
    chosen, other = (ITEMS[0], ITEMS[-1]), ITEMS[1]
    for item in chosen:
        page.get_by_label(item.text).check()
    page.get_by_role("link", name="Plan a claim for this activity").click()
    expect(page.locator("#cp-ws-add-activity")).to_have_value(ACTIVITY.id)
    expect(page).not_to_have_url(re.compile("ticked="))  # taken once, not kept in the address
    add_claim(page, "Planned from the page", ACTIVITY.id, "2026-09-01", "2026-09-30", "1000")
    claim = page.locator("[data-cp-ws-open]")
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: Planned from the page")
    for item in chosen:
        expect(claim.locator(f"[data-cp-ws-item='{item.id}'] input[type=checkbox]")).to_be_checked()
    expect(
        claim.locator(f"[data-cp-ws-item='{other.id}'] input[type=checkbox]")
    ).not_to_be_checked()
    assert [c["name"] for c in saved(page)["claims"]] == ["Planned from the page"]
    page.goto(site_url + f"activities/{ACTIVITY.id}/")
    said = page.locator("[data-cp-in-claims]")
    expect(said).to_contain_text("Ticks for the claim Planned from the page are kept in My co-op")
    expect(said).not_to_contain_text("not in a claim yet")
    said.get_by_role("link", name="Open Planned from the page in My co-op").click()
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: Planned from the page")
