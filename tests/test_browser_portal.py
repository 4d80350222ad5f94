"""The portal in real headless Chromium, served under a sub-path: home, filter, navigation."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from playwright.sync_api import expect

from generator.search import activity_search_text

from .browser import open_page, ready_for_instant_navigation
from .conftest import ROOT, rules_at
from .js_rules import js

RULES = rules_at(ROOT / "rules.yaml")


def test_home_shows_where_you_are_now_for_the_viewers_date(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Home picks the current usage period and counts days to the next deadlines."""
    when = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
    page, trouble = open_page(context_factory, site_url, when=when, timezone_id="Europe/Berlin")
    # The published row of that day's usage half (dates.js owns the rule; the vectors cover it).
    period = next(p for p in RULES.periods if p.usage.start <= date(2026, 11, 24) <= p.usage.end)
    box = page.locator("[data-cp-now]").first
    expect(box).to_contain_text(f"Current usage period: {period.usage.half}")
    deadline = period.claim_deadline.isoformat()
    (left,) = js(("dates", "daysLeft", "2026-11-24", deadline, "$data", "Europe/Berlin"))
    claim = box.locator("[data-cp-deadline=claim]")
    expect(claim).to_contain_text("15 February 2027, 23:59:59 UTC")
    expect(claim).to_contain_text("16 February 2027")  # 00:59 in Berlin, the next day
    expect(claim.locator("[data-cp-days-left]")).to_have_text(f"{left} days left.")
    row = page.locator(f"[data-cp-period={period.id}]")
    expect(row).to_have_attribute("aria-current", "date")
    expect(row.locator(".cp-badge")).to_have_text("Current")
    trouble.assert_clean()


def test_home_without_javascript_still_lists_every_deadline(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """With JavaScript off the static table carries every period and its deadlines."""
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(site_url)
    rows = page.locator("[data-cp-period]")
    expect(rows).to_have_count(len(RULES.periods))
    expect(page.locator(".cp-now__static").first).to_be_visible()


def test_activity_filter_by_text_and_category_keeps_state_in_the_url(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Typing and choosing a category hide non-matching activities and announce the count."""
    page, trouble = open_page(
        context_factory,
        site_url + "activities/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    total = len(RULES.activities)
    count = page.locator("[data-cp-filter-count]")
    expect(count).to_have_text(f"Showing all {total} activities.")
    page.get_by_label("Search activities").fill("training")
    matches = [a for a in RULES.activities if "training" in activity_search_text(RULES, a)]
    expect(count).to_have_text(f"Showing {len(matches)} of {total} activities.")
    expect(page.locator("[data-cp-activity]:visible")).to_have_count(len(matches))
    last = RULES.categories[-1]  # a category some "training" activity is in
    page.get_by_role("radio", name=last.name).check()
    readiness = [a for a in matches if a.category == last.id]
    expect(page.locator("[data-cp-activity]:visible")).to_have_count(len(readiness))
    assert "q=training" in page.url
    assert f"category={last.id}" in page.url
    page.reload()
    expect(page.get_by_label("Search activities")).to_have_value("training")
    expect(page.locator("[data-cp-activity]:visible")).to_have_count(len(readiness))
    page.get_by_label("Search activities").fill("zzzz nothing")
    expect(page.locator("[data-cp-filter-none]")).to_be_visible()
    trouble.assert_clean()


def _found_by(word: str) -> set[str]:
    """The activities whose search text (names, definition, proof, expenses and the rules'
    search words) holds ``word``."""
    return {a.id for a in RULES.activities if word in activity_search_text(RULES, a)}


def test_activity_filter_finds_activities_by_expense_proof_and_everyday_words(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """'catering' finds event expenses, 'logo' marketing proof, 'newsletter' email campaigns,
    'event' every event-type activity (plurals and capitals too)."""
    page, trouble = open_page(context_factory, site_url + "activities/")
    expected = {
        "catering": {
            a.id for a in RULES.activities if any(e.name == "Catering" for e in a.expenses)
        },
        # Marketing material must show the brand and the correct Microsoft logo.
        "Logos": {a.id for a in RULES.activities if a.core_requirements_apply},
        # Words the rules give for email campaigns (rules.yaml search_words), and every
        # activity whose own words say event (seminars, tradeshows, conferences, ...).
        "newsletter": _found_by("newsletter"),
        "event": _found_by("event"),
    }
    for word, ids in expected.items():
        assert ids, word
        page.get_by_label("Search activities").fill(word)
        expect(page.locator("[data-cp-activity]:visible")).to_have_count(len(ids))
        shown = page.locator("[data-cp-activity]:visible").evaluate_all(
            "items => items.map(i => i.getAttribute('data-cp-activity'))"
        )
        assert set(shown) == ids, word
    trouble.assert_clean()


def test_instant_navigation_under_a_sub_path_initialises_each_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Clicking through the nav swaps pages in place and every widget still starts."""
    page, trouble = open_page(
        context_factory,
        site_url,
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="America/Los_Angeles",
    )
    ready_for_instant_navigation(page)
    again: list[str] = []
    page.on("request", lambda r: again.append(r.url) if "data.json" in r.url else None)
    page.evaluate("window.__sameDocument = true")
    page.get_by_role("link", name="all periods and deadlines").click()
    expect(page).to_have_url(re.compile(r"/portal/periods/$"))
    expect(page.locator("[data-cp-now] [data-cp-deadline=claim]")).to_be_visible()
    expect(page.locator(".cp-now__live")).to_have_count(1)  # started once, not once per visit
    expect(page.locator("[data-cp-periods] .cp-badge", has_text="Current")).to_have_count(1)
    page.locator(".md-nav").get_by_role("link", name="Activities", exact=True).first.click()
    expect(page).to_have_url(re.compile(r"/portal/activities/$"))
    expect(page.locator("[data-cp-filter]")).to_be_visible()
    page.get_by_role("link", name="Print advertising").click()
    expect(page.locator("h1")).to_contain_text("Print advertising")
    expect(page.locator(".cp-checklist__tools")).to_have_count(1)
    expect(page.locator("[data-cp-activity-timing] .cp-activity-timing__live")).to_have_count(1)
    page.go_back()
    expect(page.locator("[data-cp-filter]")).to_be_visible()
    assert page.evaluate("window.__sameDocument") is True  # no full reload happened
    assert again == [], "the rules data is fetched once per page load, not once per page shown"
    trouble.assert_clean()
