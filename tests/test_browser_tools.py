"""Deadline tracker, claim timing checker and co-op estimator in headless Chromium,
and a keyboard-only walk through a checklist and the calculators."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from generator.browser_data import CALCULATED
from generator.editions import edition_for, lever_cards
from generator.render import long_date, money
from generator.timing import cutoff

from .browser import open_page, save_elsewhere, started, unopened_page
from .conftest import ROOT, rules_at

RULES = rules_at(ROOT / "rules.yaml")


@pytest.mark.parametrize(
    ("zone", "local_before"),
    [
        ("America/Los_Angeles", "15 February 2027 at 15:59"),
        ("Australia/Sydney", "16 February 2027 at 10:59"),
    ],
)
def test_tracker_just_before_and_just_after_a_claim_deadline(
    context_factory: Callable[..., Any],
    site_url: str,
    zone: str,
    local_before: str,
) -> None:
    """A second before the cut-off the deadline is still next; a second after, the next one is
    (the rules' next claim deadline, its days counted between the viewer's local days)."""
    now = datetime(2027, 2, 16, 0, 0, 0, tzinfo=UTC)
    following = min(p.claim_deadline for p in RULES.periods if p.claim_deadline >= now.date())
    cut = cutoff(following, RULES)  # the deadline's moment, in UTC
    local = ZoneInfo(zone)
    local_after_days = (cut.astimezone(local).date() - now.astimezone(local).date()).days
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
    after = before  # the same tab, its clock two seconds on, loaded again
    after.clock.set_fixed_time(now)
    after.reload()
    started(after)
    claim = after.locator("[data-cp-deadline=claim]")
    expect(claim).to_contain_text(f"{long_date(following)}, {RULES.calendar.cutoff_time_utc} UTC")
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


def test_timing_checker_says_when_a_deadline_has_passed(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """An activity of March 2025 checked in November 2026: both deadlines passed, in words,
    with what was lost, and no claim-by date in the past offered as advice."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, 12, tzinfo=UTC),
        timezone_id="UTC",
    )
    result = _timing(page, "2025-03-01", "2025-03-05")
    expect(result.locator("[data-cp-result=ok]")).to_contain_text("FY25H2")
    claim = result.locator("[data-cp-claim-deadline]")
    expect(claim).to_have_attribute("data-cp-state", "passed")
    expect(claim).to_contain_text(
        "Claim deadline passed: 15 August 2025, 23:59:59 UTC, 466 days ago."
    )
    expect(claim).to_contain_text(RULES.calendar.forfeiture.claim_deadline)
    resolution = result.locator("[data-cp-resolution-deadline]")
    expect(resolution).to_have_attribute("data-cp-state", "passed")
    expect(resolution).to_contain_text("Resolution deadline passed: 30 September 2025")
    expect(resolution).to_contain_text(RULES.calendar.forfeiture.resolution_deadline)
    expect(result.locator("[data-cp-claim-by]")).to_have_count(0)
    expect(result).not_to_contain_text("Claim by 19 April 2025")
    trouble.assert_clean()


def test_timing_checker_warns_ten_days_before_the_claim_deadline(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Ten days before the claim deadline the checker says it is close and how many days are
    left, says the recommended date has passed, and leaves the far resolution deadline plain."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2027, 2, 5, 12, tzinfo=UTC),
        timezone_id="UTC",
    )
    result = _timing(page, "2026-12-01", "2026-12-20")
    claim = result.locator("[data-cp-claim-deadline]")
    expect(claim).to_have_attribute("data-cp-state", "soon")
    expect(claim).to_contain_text("Claim deadline close: 15 February 2027, 23:59:59 UTC")
    expect(claim).to_contain_text("only 10 days left.")
    expect(result.locator("[data-cp-claim-by]")).to_contain_text(
        "The recommended date to claim, 3 February 2027 (45 days after the activity ends), "
        "has passed"
    )
    resolution = result.locator("[data-cp-resolution-deadline]")
    expect(resolution).to_have_attribute("data-cp-state", "open")
    expect(resolution).to_contain_text("31 March 2027, 23:59:59 UTC; 54 days left.")
    trouble.assert_clean()


def test_tracker_and_checker_work_past_the_last_published_period(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """On 30 September 2027, after the table's last usage period, home still names today's
    period and its deadlines from the calendar rule, marked as not yet confirmed."""
    last = RULES.periods[-1]
    when = datetime(2027, 9, 30, 12, tzinfo=UTC)
    assert when.date() > last.usage.end
    page, trouble = open_page(context_factory, site_url, when=when, timezone_id="UTC")
    box = page.locator("[data-cp-now]")
    current = box.locator("[data-cp-current]")
    expect(current).to_contain_text("Current usage period: FY28H1, 1 July 2027 to 31 December 2027")
    expect(current).to_contain_text(CALCULATED)
    claim = box.locator("[data-cp-deadline=claim]")
    expect(claim).to_contain_text("15 February 2028, 23:59:59 UTC")
    expect(claim).to_contain_text(CALCULATED)
    expect(claim.locator("[data-cp-days-left]")).to_have_text("138 days left.")
    expect(box.locator("[data-cp-deadline=resolution]")).to_contain_text("30 September 2027")
    row = page.locator("[data-cp-period=fy27h2]")
    expect(row).to_have_attribute("aria-current", "date")
    expect(row.locator("th")).to_contain_text(f"FY28H1: 1 Jul 2027 to 31 Dec 2027 ({CALCULATED})")
    expect(row.locator(".cp-badge")).to_have_text("Current")
    expect(page.locator(f"[data-cp-period={last.id}] .cp-badge")).to_have_text("Resolving")
    expect(page.locator("[data-cp-period]")).to_have_count(len(RULES.periods) + 1)

    page.goto(site_url + "calculators/")
    result = _timing(page, "2028-03-01", "2028-03-31")
    expect(result.locator("[data-cp-result=ok]")).to_contain_text(
        "Usage period: FY28H2 (1 January 2028 to 30 June 2028), funded by co-op earned in FY28H1."
    )
    expect(result.locator("[data-cp-result=ok]")).to_contain_text(CALCULATED)
    expect(result.locator("[data-cp-claim-deadline]")).to_contain_text("15 August 2028")
    trouble.assert_clean()


def test_activity_page_shows_todays_deadlines_and_opens_the_checker_with_them(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """An activity page names the current usage period's deadlines; its link fills in the
    timing checker with that period's dates and runs it."""
    page, trouble = open_page(
        context_factory,
        site_url + "activities/print-advertising/",
        when=datetime(2026, 11, 24, 12, tzinfo=UTC),
        timezone_id="UTC",
    )
    box = page.locator("[data-cp-activity-timing]")
    expect(box).to_contain_text("usage period FY27H1, 1 July 2026 to 31 December 2026")
    expect(box).to_contain_text("Claim it by 15 February 2027")
    expect(box).to_contain_text("resolved by 31 March 2027")
    expect(box.locator(".cp-activity-timing__static")).to_be_hidden()
    box.get_by_role("link", name="claim timing checker").click()
    expect(page).to_have_url(re.compile(r"/calculators/\?start=2026-07-01&end=2026-12-31#timing$"))
    expect(page.get_by_label("Activity start date")).to_have_value("2026-07-01")
    result = page.locator("[data-cp-timing-result]")
    expect(result.locator("[data-cp-result=ok]")).to_contain_text("FY27H1")
    expect(result.locator("[data-cp-claim-deadline]")).to_contain_text("15 February 2027")
    trouble.assert_clean()


def _field(page: Page, lever: str, month: str) -> Any:
    return page.get_by_role("textbox", name=f"{lever}, {month}", exact=True)


def test_estimator_reproduces_the_worked_example_with_months_named(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The guidebook's example: 5,400 co-op a month and 32,400 for January to June 2024, the
    months named, the usage period it funds and the rates' edition stated. Today's earning
    period (FY27H1) takes the newest edition's levers and rates and says how sure they are;
    the example's period keeps the edition that covers it."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    edition = page.locator("[data-cp-rates-edition]")
    expect(page.get_by_label("Earning period")).to_have_value("FY27H1")  # today's earning half
    _expect_edition(page, "FY27H1")
    page.get_by_role("button", name="Fill in the worked example").click()
    expect(page.get_by_label("Earning period")).to_have_value(RULES.worked_example.earning_half)
    _expect_edition(page, RULES.worked_example.earning_half)
    expect(edition).to_contain_text(RULES.lever_rates.caveat)
    months = ["Jan 2024", "Feb 2024", "Mar 2024", "Apr 2024", "May 2024", "Jun 2024"]
    for month in months:
        expect(_field(page, "Azure consumption CSP motion", month)).not_to_have_value("")
    result = page.locator("[data-cp-estimate-result]")
    expect(result.locator("tbody th[scope=row]")).to_have_text([*months, "Whole period"])
    expect(result.locator("[data-cp-total=coop]")).to_have_text("USD 32,400")
    expect(result.locator("[data-cp-total=rebate]")).to_have_text("USD 48,600")
    expect(result.locator("tbody tr").nth(1)).to_contain_text("USD 5,400")
    met = result.locator("[data-cp-threshold=met]")
    expect(met).to_contain_text("usage period FY25H1 (1 July 2024 to 31 December 2024)")
    expect(met).to_contain_text("Claim it by 15 February 2025")
    expect(met).to_contain_text("That claim deadline has passed.")
    expect(page.locator("[data-cp-est-usage]")).to_contain_text(
        "Co-op earned in FY24H2 (January to June 2024) is spent in usage period FY25H1"
    )
    trouble.assert_clean()


def _expect_edition(page: Page, half: str) -> None:
    """The estimator names the edition of ``half`` and its confidence, shows the levers it has
    (at its rates) and hides those it does not."""
    ed = edition_for(RULES, half)
    line = page.locator("[data-cp-rates-edition]")
    expect(line).to_contain_text(f"Rates: {ed.name}")
    expect(line).to_contain_text(f"How sure: {ed.confidence_text}.")
    held = {lv.id: lv for lv in ed.levers}
    for _, _, cards in lever_cards(RULES):
        for card in cards:
            box = page.locator(f'[data-cp-lever="{card.id}"]')
            if card.id in held:
                expect(box).to_be_visible()
                expect(box.locator("[data-cp-lever-rate]")).to_contain_text(
                    f"{held[card.id].rate_percent:g}% of billed revenue"
                )
            else:
                expect(box).to_be_hidden()


def test_estimator_reads_typed_money_and_flags_unclear_amounts(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """'$ 10,000' counts as ten thousand; '1.000' is flagged on its field (aria-invalid, a
    message tied to it, a summary linking to it) and nothing is estimated until it is fixed."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    lever = "Azure consumption CSP motion"
    # Its rate and rebate share in the edition of the page's earning period (FY27H1).
    held = next(lv for lv in edition_for(RULES, "FY27H1").levers if lv.name == lever)
    _field(page, lever, "Jul 2026").fill("$ 10,000")
    page.get_by_role("button", name="Estimate").click()
    result = page.locator("[data-cp-estimate-result]")
    expect(result.locator("[data-cp-threshold=not-met]")).to_contain_text("turns into rebate")
    # All of it is rebate under the threshold: 10,000 at the lever's rate.
    converted = money(round(10_000 * held.rate_percent / 100, 2))
    expect(result.locator("[data-cp-threshold=not-met]")).to_contain_text(converted)
    unclear = _field(page, lever, "Aug 2026")
    unclear.fill("1.000")
    page.get_by_role("button", name="Estimate").click()
    expect(unclear).to_have_attribute("aria-invalid", "true")
    expect(unclear).to_be_focused()
    expect(unclear).to_have_accessible_description(re.compile(r"“1\.000” is unclear"))
    summary = result.locator("[data-cp-result=invalid]")
    expect(summary).to_contain_text("1 amount needs fixing")
    expect(summary.get_by_role("link")).to_contain_text(f"{lever}, Aug 2026: “1.000” is unclear")
    expect(result.locator("[data-cp-total]")).to_have_count(0)
    unclear.fill("1,000")
    expect(unclear).not_to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Estimate").click()
    # 11,000 at the lever's rate, the rebate's share of it (4% and 60% in the example).
    rebate = round(11_000 * held.rate_percent / 100 * held.rebate_percent / 100, 2)
    expect(result.locator("[data-cp-total=rebate]")).to_have_text(money(rebate))
    trouble.assert_clean()


KEY = "coop-portal:v2:estimator"
OLD_KEY = "coop-portal:v1:estimator"  # before the shared store


def test_estimator_keeps_what_was_typed_across_reloads_and_undoes_clear(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Amounts (even unfinished ones) and the earning period survive a reload, Clear can be
    undone, and a second tab's typing reaches the first."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
    )
    page.get_by_label("Earning period").select_option("FY26H2")
    lever = "Global Calling and Conference PSTN Accelerator"
    _field(page, lever, "Jan 2026").fill("125,000")
    _field(page, lever, "Feb 2026").fill("1,5")
    page.reload()
    expect(page.get_by_label("Earning period")).to_have_value("FY26H2")
    expect(_field(page, lever, "Jan 2026")).to_have_value("125,000")
    expect(_field(page, lever, "Feb 2026")).to_have_value("1,5")
    expect(_field(page, lever, "Feb 2026")).to_have_attribute("aria-invalid", "true")
    saved = page.evaluate("(k) => JSON.parse(localStorage.getItem(k))", KEY)
    assert saved["v"] == 2
    assert saved["values"]["m365-pstn-accelerator"][:2] == ["125,000", "1,5"]
    page.get_by_role("button", name="Clear all amounts").click()
    expect(_field(page, lever, "Jan 2026")).to_have_value("")
    page.locator("[data-cp-notice=cleared]").get_by_role("button", name="Undo").click()
    expect(_field(page, lever, "Jan 2026")).to_have_value("125,000")
    page.reload()
    expect(_field(page, lever, "Jan 2026")).to_have_value("125,000")
    second_tab = page.context.new_page()
    second_tab.clock.set_fixed_time(datetime(2026, 11, 24, tzinfo=UTC))
    second_tab.goto(site_url + "calculators/")
    started(second_tab)
    _field(second_tab, lever, "Mar 2026").fill("5 000")
    expect(_field(page, lever, "Mar 2026")).to_have_value("5 000")  # the first tab follows
    expect(_field(page, lever, "Jan 2026")).to_have_value("125,000")
    trouble.assert_clean()


def test_estimator_amounts_saved_under_the_old_key_are_there_after_the_update(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """What a user typed before the shared store moves to the new key; the old text is kept
    in the estimator's backup list."""
    old = {"v": 1, "period": "FY26H2", "values": {"m365-pstn-accelerator": ["125,000", "", "7"]}}
    page, trouble = unopened_page(context_factory, site_url, timezone_id="UTC")
    save_elsewhere(page, site_url, OLD_KEY, json.dumps(old))
    page.goto(site_url + "calculators/")
    lever = "Global Calling and Conference PSTN Accelerator"
    expect(page.get_by_label("Earning period")).to_have_value("FY26H2")
    expect(_field(page, lever, "Jan 2026")).to_have_value("125,000")
    expect(_field(page, lever, "Mar 2026")).to_have_value("7")
    stored = page.evaluate(
        "([k, o, b]) => [JSON.parse(localStorage.getItem(k)), localStorage.getItem(o), "
        "JSON.parse(localStorage.getItem(b))]",
        [KEY, OLD_KEY, "coop-portal:v1:estimator-backup"],
    )
    assert stored[0]["values"]["m365-pstn-accelerator"][:3] == ["125,000", "", "7"]
    assert stored[1] is None
    assert [json.loads(b["text"]) for b in stored[2]] == [old]
    trouble.assert_clean()


def test_estimator_with_blocked_or_corrupt_storage_still_works_and_says_so(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Storage that throws or holds junk never breaks the estimator; a note says what happened."""
    page, trouble = open_page(
        context_factory, site_url + "calculators/", blocked_storage=True, timezone_id="UTC"
    )
    expect(page.locator("[data-cp-est-notices] [data-cp-notice=storage]")).to_contain_text(
        "amounts last only while this page is open"
    )
    page.get_by_role("button", name="Fill in the worked example").click()
    expect(page.locator("[data-cp-total=coop]")).to_have_text("USD 32,400")
    trouble.assert_clean()

    # One context, its storage replaced before each case: isolation is not the subject here.
    page, trouble = unopened_page(context_factory, site_url)
    for key, junk in (
        (KEY, "{not json"),
        (KEY, '{"v": 2, "values": []}'),
        (KEY, '{"v": 3, "values": {}}'),
        (OLD_KEY, '{"v": 1, "values": []}'),
    ):
        # Saved from another page: the estimator starts once its module has loaded.
        save_elsewhere(page, site_url, key, junk)
        page.goto(site_url + "calculators/")
        expect(page.locator("[data-cp-notice=corrupt]")).to_contain_text("could not be read")
        page.get_by_role("button", name="Fill in the worked example").click()
        expect(page.locator("[data-cp-total=coop]")).to_have_text("USD 32,400")
        trouble.assert_clean()


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (390, 844)])
def test_estimator_is_easy_to_fill_on_a_laptop_and_a_phone(
    context_factory: Callable[..., Any], site_url: str, width: int, height: int
) -> None:
    """Lever names get the card's full width (not a squeezed column) and every month field is
    on screen, at least 80 px wide and labelled with its lever and month."""
    page, trouble = open_page(
        context_factory,
        site_url + "calculators/",
        when=datetime(2026, 11, 24, tzinfo=UTC),
        timezone_id="UTC",
        viewport={"width": width, "height": height},
    )
    levers = edition_for(RULES, "FY27H1").levers  # today's earning period
    names = page.locator(".cp-est__lever:not([hidden]) > legend")
    expect(names).to_have_count(len(levers))
    narrowest_card = min(
        box["width"]
        for box in (c.bounding_box() for c in page.locator(".cp-est__lever").all())
        if box
    )
    assert narrowest_card >= (600 if width > 1000 else 330)
    fields = page.locator(".cp-est__lever:not([hidden]) input[data-cp-month]")
    expect(fields).to_have_count(len(levers) * 6)
    boxes = fields.evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect();"
        " return [r.left, r.right, r.width]; })"
    )
    assert all(left >= 0 and right <= width and w >= 80 for left, right, w in boxes), boxes
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for lever in (levers[0], levers[-1]):
        expect(_field(page, lever.name, "Dec 2026")).to_be_visible()
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
