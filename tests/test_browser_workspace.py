"""My co-op in Debian's Chromium: funds, claims with their own ticks, the status life cycle,
the dashboard, and a workspace that survives reloads, two tabs, damaged or blocked storage,
rules updates and a round trip through a file."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.checklists import activity_checklist

from .browser import add_claim, open_page, started
from .conftest import ROOT, rules_at
from .js_rules import js
from .portal import EXAMPLE_ACTIVITY
from .ws_storage import saved as stored_workspace

RULES = rules_at(ROOT / "rules.yaml")
# What the progress of a claim of EXAMPLE_ACTIVITY (the seeded claims') counts: its entries.
ENTRIES = len(
    activity_checklist(RULES, next(a for a in RULES.activities if a.id == EXAMPLE_ACTIVITY)).entries
)
WHEN = datetime(2026, 9, 1, 12, tzinfo=UTC)
KEY = "coop-portal:v1:workspace"
CLAIMS = "[data-cp-ws-claims]"
OPEN = "[data-cp-ws-open]"


def _workspace(
    context_factory: Callable[..., Any], site_url: str, *, path: str = "workspace/", **options: Any
) -> Page:
    page: Page = open_page(
        context_factory,
        site_url + path,
        when=WHEN,
        timezone_id="UTC",
        accept_downloads=True,
        **options,
    )[0]
    expect(page.locator("[data-cp-ws-where]")).to_be_visible()
    return page


def _funds(page: Page, amount: str, usage: str = "FY27H1") -> None:
    page.select_option("#cp-ws-fund-usage", usage)
    page.fill("#cp-ws-fund-amount", amount)
    page.get_by_role("button", name="Record funds").click()


def _claim(page: Page, name: str, activity: str, *when_and_amount: str) -> None:
    """Adds a claim through the form (tests/browser.py add_claim) and sees it open."""
    add_claim(page, name, activity, *when_and_amount)
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: " + name)


def _open(page: Page, name: str) -> None:
    page.get_by_role("button", name="Open the claim " + name).click()
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: " + name)


def _status(page: Page, status: str, on: str | None = None) -> None:
    """Sets the open claim's status (on a given day) with its button."""
    page.select_option("#cp-ws-c-status", status)
    if on:
        page.fill("#cp-ws-c-status-day", on)
    page.click("#cp-ws-c-status-set")


def _saved(page: Page) -> dict[str, Any]:
    return stored_workspace(page)


def _seed(context: Any, text: str) -> None:
    """Puts ``text`` where the workspace is saved before the first page of ``context`` loads."""
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({KEY!r}, {json.dumps(text)});"
        " sessionStorage.setItem('seeded', '1'); }"
    )


def _seeded(
    context_factory: Callable[..., Any],
    site_url: str,
    claims: list[dict[str, Any]],
    funds: tuple[dict[str, Any], ...] = (),
    open_claim: str | None = None,
) -> Page:
    """My co-op with these claims and funds saved already (where the form that would make them
    is not what a test is about), the claim ``open_claim`` open."""
    context = context_factory(clock=WHEN, timezone_id="UTC", accept_downloads=True)
    workspace = {
        "format": "coop-portal/workspace",
        "version": 1,
        "funds": list(funds),
        "claims": claims,
    }
    _seed(context, json.dumps(workspace))
    page: Page = context.new_page()
    page.goto(site_url + "workspace/" + (f"?claim={open_claim}" if open_claim else ""))
    started(page)
    expect(page.locator("[data-cp-ws-where]")).to_be_visible()
    if open_claim:
        expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", open_claim)
    return page


def _download(page: Page, click: Callable[[], None]) -> Path:
    with page.expect_download() as download:
        click()
    return Path(download.value.path())


def test_two_claims_of_one_activity_keep_their_own_ticks(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Ticks on one print ad never show on the other, and both survive a reload (which opens
    the claim that was open) and instant navigation away and back."""
    september = _claim_data("a100", "INV100 print ad September", status="planned")
    october = _claim_data(
        "a101", "INV101 print ad October", start="2026-10-01", end="2026-10-31", amount=2500
    )
    page = _seeded(context_factory, site_url, [september, october], open_claim="a100")
    first = page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]")
    first.nth(0).check()
    first.nth(2).check()
    expect(page.locator("[data-cp-ws-progress]")).to_have_text(f"2 of {ENTRIES} done.")
    _open(page, "INV101 print ad October")
    expect(page.locator("[data-cp-ws-progress]")).to_have_text(f"0 of {ENTRIES} done.")
    page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]").nth(1).check()
    rows = page.locator("[data-cp-ws-claims-table] tbody tr")
    expect(rows.nth(0).locator("td").last).to_have_text(f"2 of {ENTRIES}")
    expect(rows.nth(1).locator("td").last).to_have_text(f"1 of {ENTRIES}")
    page.reload()  # the claim open before comes back open
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: INV101 print ad October")
    _open(page, "INV100 print ad September")
    boxes = page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [True, False, True]
    # My co-op's page has no site navigation column: the open claim's link to its activity.
    page.locator(OPEN).get_by_role("link", name="Rules and proof for").click()
    expect(page.locator("h1")).not_to_contain_text("My co-op")
    page.go_back()
    expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(2)
    _open(page, "INV101 print ad October")
    boxes = page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]")
    assert [boxes.nth(i).is_checked() for i in range(3)] == [False, True, False]
    claims = {c["name"]: c for c in _saved(page)["claims"]}
    assert len(claims["INV100 print ad September"]["ticked"]) == 2
    assert len(claims["INV101 print ad October"]["ticked"]) == 1


def test_plan_shows_totals_and_what_is_left_with_its_forfeiture_date(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Funds of USD 40,000 with two planned claims: planned 10,000.50, left to plan
    29,999.50, and all 40,000 still to claim before the claim deadline of FY27H1, when it is
    forfeited; planning more than the funds says "Over plan"."""
    page = _workspace(context_factory, site_url)
    expect(page.locator("[data-cp-ws-empty]")).to_be_visible()
    _funds(page, "40,000")
    _claim(page, "INV1 seminar", "customer-seminars-bootcamps", "2026-09-10", "2026-09-10", "7500")
    _claim(page, "INV2 print ad", "print-advertising", "2026-10-01", "2026-10-31", "2,500.50")
    figures = page.locator("[data-cp-ws-figure]")
    expect(figures.filter(has_text="Available")).to_contain_text("USD 40,000")
    expect(figures.filter(has_text="Planned")).to_contain_text("USD 10,000.50")
    (period,) = js(("dates", "periodOfUsage", "FY27H1", "$data"))
    deadline = date.fromisoformat(period["claimDeadline"])
    expect(page.locator("[data-cp-ws-left]")).to_contain_text("Left to plan: USD 29,999.50.")
    to_claim = page.locator("[data-cp-ws-to-claim]")
    expect(to_claim).to_contain_text("Still to claim: USD 40,000.")
    expect(to_claim).to_contain_text(f"Claim it by {deadline.day} {deadline:%B %Y}")
    days = (deadline - WHEN.date()).days
    expect(to_claim).to_contain_text(f"{days} days left) or it is forfeited")
    _claim(
        page, "INV3 big event", "customer-seminars-bootcamps", "2026-11-01", "2026-11-02", "30000"
    )
    expect(page.locator("[data-cp-ws-left]")).to_contain_text(
        "Over plan: your claims hold USD 0.50 more than the funds available."
    )


EARNINGS = (
    "\ufeffParticipantId, EARNINGTYPE ,earningamountusd,EarningDate,EarningId,Lever\r\n"
    "1,Coop,6000.00,2026-02-10T00:00:00,E1,Azure\r\n"
    "1,Coop,6000.00,2026-02-10T00:00:00,E1,Azure\r\n"  # the same earning again
    "1,Rebate,90000.00,2026-03-01T00:00:00,E2,Azure\r\n"
    "1,Co-op,5000.25,6/30/2026,E3,Modern Work\r\n"
    "1,Coop,2000,2026-07-01,E4,Azure\r\n"  # next earning half: under the threshold alone
)


def test_earnings_report_gives_the_co_op_of_each_usage_period(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path
) -> None:
    """A report with a BOM, odd header case and spacing, extra columns, a repeated earningId
    and rebate rows gives USD 11,000.25 of co-op earned in FY26H2 to spend in FY27H1, which
    replaces a typed amount only after saying so; the half still running is not recorded; a
    file without the needed columns is refused with their names."""
    report = tmp_path / "Earnings.csv"
    report.write_text(EARNINGS, encoding="utf-8")
    typed = {"usage_period": "FY27H1", "amount": 40000, "currency": "USD", "source": "typed"}
    page = _seeded(context_factory, site_url, [], (typed,))
    page.set_input_files("[data-cp-ws-earnings]", str(report))
    result = page.locator("[data-cp-ws-earnings-result]")
    expect(result).to_be_focused()
    expect(result).to_contain_text("1 of them repeats of an earning already counted")
    expect(result).to_contain_text("1 other rows (rebate and others) left out")
    first = result.locator("[data-cp-ws-earned=FY26H2]")
    expect(first).to_contain_text("USD 11,000.25")
    expect(first).to_contain_text("met")
    expect(first).to_contain_text("FY27H1 (July to December 2026)")
    expect(first).to_contain_text("replaces USD 40,000 you typed")
    running = result.locator("[data-cp-ws-earned=FY27H1]")
    expect(running).to_contain_text("not met so far; the earning period is still running")
    expect(running).to_contain_text("Not recorded: the earning period is not over")
    page.get_by_role("button", name="Record these funds").click()
    expect(page.locator("[data-cp-ws-fund=FY27H1]")).to_contain_text("USD 11,000.25")
    expect(page.locator("[data-cp-ws-fund=FY27H2]")).to_have_count(0)
    funds = {f["usage_period"]: f for f in _saved(page)["funds"]}
    assert funds["FY27H1"]["amount"] == 11000.25
    assert funds["FY27H1"]["source"] == "earnings"
    page.get_by_role("button", name="Remove the funds of FY27H1").click()
    page.get_by_role("button", name="Undo").click()
    expect(page.locator("[data-cp-ws-fund=FY27H1]")).to_contain_text("USD 11,000.25")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("Id,Type,Amount\n1,Coop,5\n", encoding="utf-8")
    page.set_input_files("[data-cp-ws-earnings]", str(wrong))
    refused = page.locator("[data-cp-ws-earnings-result]")
    expect(refused).to_have_attribute("role", "alert")
    expect(refused).to_contain_text(
        "no column earningId, earningType, earningAmountUSD, earningDate"
    )


def test_status_life_cycle_shows_the_next_action_with_its_date(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Planned: start on its first day; gathering proof: submit by the claim-by date;
    submitted: resolved by the resolution deadline; approved on 10 August (entered later):
    paid by the 25th; paid: keep the proof until the retention date; each status keeps its
    date."""
    seminar = _claim_data(
        "s7",
        "INV7 seminar",
        activity="customer-seminars-bootcamps",
        start="2026-09-15",
        end="2026-09-15",
        amount=1200,
        status="planned",
        status_dates={"planned": "2026-09-01"},
    )
    page = _seeded(context_factory, site_url, [seminar], open_claim="s7")
    (found,) = js(("dates", "activityTiming", "2026-09-15", "2026-09-15", "$data"))
    claim_by, res = (date.fromisoformat(found[k]) for k in ("claimBy", "resolutionDeadline"))
    nxt = page.locator("[data-cp-ws-next]")
    expect(nxt).to_contain_text("Start the activity (on 15 September 2026, 14 days left)")
    _status(page, "gathering-proof")
    expect(nxt).to_contain_text(f"Submit the claim (by {claim_by.day} {claim_by:%B %Y}")
    _status(page, "submitted")
    expect(nxt).to_contain_text(f"(by {res.day} {res:%B %Y}")
    expect(nxt).to_have_attribute("data-cp-ws-next", "wait")
    _status(page, "action-required")
    expect(nxt).to_have_attribute("data-cp-ws-next", "answer")
    _status(page, "approved", "2026-08-10")  # recorded after the fact: paid that month
    # 25 August has passed on 1 September: the payment is late, as What needs you says
    expect(nxt).to_contain_text("The payment is late: ask Microsoft about it (by 25 August 2026")
    _status(page, "paid")
    expect(nxt).to_have_attribute("data-cp-ws-next", "keep")
    expect(nxt).to_contain_text("until")
    expect(page.locator("[aria-label='Status dates'] li")).to_have_count(6)
    page.fill("#cp-ws-c-next-text", "Send the thank-you mail")
    page.locator("#cp-ws-c-next-text").press("Tab")
    expect(nxt).to_have_attribute("data-cp-ws-next", "own")
    own_row = page.locator("[data-cp-ws-claims-table] tbody tr").first
    expect(own_row).to_contain_text("Send the thank-you mail")
    expect(own_row).to_contain_text("Also: keep the proof for audits until")
    row = page.locator("[data-cp-ws-claims-table] tbody tr").first
    expect(row.locator("[data-cp-ws-status]")).to_have_text("Paid")


def test_two_tabs_editing_at_once_lose_nothing(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Two tabs of one browser: each adds a claim and ticks, the other sees it at once without
    losing what it has typed and not yet entered, and after both reload every claim and tick
    is there."""
    context = context_factory(clock=WHEN, timezone_id="UTC")
    one, two = context.new_page(), context.new_page()
    for page in (one, two):
        page.goto(site_url + "workspace/")
        expect(page.locator("[data-cp-ws-where]")).to_be_visible()
    # As a user does, each tab is brought to the front to work in it (a tab behind is slow to
    # act on), and the other, behind, follows.
    one.bring_to_front()
    _claim(one, "Tab one ad", "print-advertising", "2026-09-01", "2026-09-30", "100")
    one.fill("#cp-ws-add-name", "Typed, not yet added")
    one.fill("#cp-ws-c-notes", "Typed in tab one")  # the field keeps the focus
    two.bring_to_front()
    _claim(two, "Tab two ad", "print-advertising", "2026-09-01", "2026-09-30", "200")
    expect(one.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(2)
    # Tab one drew tab two's claim without losing what was typed and not yet entered.
    expect(one.locator("#cp-ws-add-name")).to_have_value("Typed, not yet added")
    expect(one.locator("#cp-ws-c-notes")).to_have_value("Typed in tab one")
    two.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]").first.check()
    one.bring_to_front()
    _open(one, "Tab one ad")
    one.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]").nth(1).check()
    one.fill("#cp-ws-c-claim_number", "C-123")
    one.locator("#cp-ws-c-claim_number").press("Tab")
    _saved(one)  # the page saves a moment after each change (IndexedDB is asynchronous)
    for page in (one, two):
        page.reload()
        expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(2)
    claims = {c["name"]: c for c in _saved(two)["claims"]}
    assert len(claims["Tab one ad"]["ticked"]) == 1
    assert claims["Tab one ad"]["claim_number"] == "C-123"
    assert len(claims["Tab two ad"]["ticked"]) == 1


def test_damaged_storage_keeps_a_backup_to_download(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A saved workspace with one broken claim: the good claim is shown, a warning says what
    happened, and the backup downloads with the exact text that was saved."""
    good = _claim_data("good", "Good claim")
    damaged = json.dumps(
        {
            "format": "coop-portal/workspace",
            "version": 1,
            "funds": [],
            "claims": [good, {**good, "id": "bad", "amount": "lots"}],
        }
    )
    context = context_factory(clock=WHEN, timezone_id="UTC", accept_downloads=True)
    _seed(context, damaged)
    page = context.new_page()
    page.goto(site_url + "workspace/")
    warning = page.locator("[data-cp-ws-backup]")
    expect(warning).to_have_attribute("role", "alert")
    expect(warning).to_contain_text("could not be read")
    expect(warning).to_contain_text("claims[1].amount: expected a number")
    expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(1)
    backup = _download(
        page, lambda: warning.get_by_role("button", name="Download the backup").click()
    )
    kept = json.loads(backup.read_text(encoding="utf-8"))
    assert kept[0]["text"] == damaged
    page.reload()  # the backup stays until the user removes it
    expect(page.locator("[data-cp-ws-backup]")).to_be_visible()


def _claim_data(claim_id: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": claim_id,
        "name": name,
        "activity": EXAMPLE_ACTIVITY,
        "start": "2026-09-01",
        "end": "2026-09-30",
        "amount": 7500,
        "status": "gathering proof",
        "ticked": [],
        **extra,
    }


def test_blocked_storage_works_in_memory_and_offers_saving_to_a_file(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """With storage blocked the page says so, keeps working, and the file it saves holds the
    claim; leaving with unsaved work asks first."""
    page = _workspace(context_factory, site_url, blocked_storage=True)
    blocked = page.locator("[data-cp-ws-blocked]")
    expect(blocked).to_have_attribute("role", "alert")
    expect(blocked).to_contain_text("does not let the page keep your work")
    _claim(page, "INV9 email", RULES.activities[-1].id, "2026-09-01", "2026-09-02", "300")
    saved = _download(page, lambda: blocked.get_by_role("button", name="Save to a file").click())
    file = json.loads(saved.read_text(encoding="utf-8"))
    assert [c["name"] for c in file["claims"]] == ["INV9 email"]
    assert saved.name.endswith(".json") or file["format"] == "coop-portal/workspace"


def test_a_rules_update_flags_changed_claims_and_keeps_their_data(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Claims saved under older rules (an item ticked in its old wording, an activity since
    removed) are flagged in words and keep their ticks, amounts and evidence."""
    old = json.dumps(
        {
            "format": "coop-portal/workspace",
            "version": 1,
            "funds": [],
            "claims": [
                _claim_data(
                    "reworded",
                    "Reworded ad",
                    ticked=["poe-final-printed-piece"],
                    tick_hashes={"poe-final-printed-piece": "0000000000"},
                ),
                _claim_data(
                    "gone",
                    "Old activity",
                    activity="fax-campaigns",
                    ticked=["poe-fax-copy"],
                    evidence={
                        "poe-fax-copy": [
                            {"id": "e1", "file": "fax.pdf", "note": "", "at": "2026-09-01"}
                        ]
                    },
                ),
            ],
        }
    )
    context = context_factory(clock=WHEN, timezone_id="UTC")
    _seed(context, old)
    page = context.new_page()
    page.goto(site_url + "workspace/")
    rows = page.locator("[data-cp-ws-claims-table] tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.filter(has_text="Reworded ad")).to_contain_text("(rules changed: needs a look)")
    expect(page.locator("[data-cp-ws-claim=gone]")).to_contain_text("Activity no longer listed")
    _open(page, "Reworded ad")
    flags = page.locator("[data-cp-ws-flags]")
    expect(flags).to_contain_text("reworded since you ticked them")
    ticked = page.locator(f"{OPEN} [data-cp-ws-item=poe-final-printed-piece]")
    expect(ticked).to_contain_text("Changed since you ticked it: check it again.")
    expect(ticked.locator("input")).to_be_checked()
    _open(page, "Old activity")
    expect(page.locator("[data-cp-ws-flags]")).to_contain_text("no longer in the rules")
    expect(page.locator("#cp-ws-c-amount")).to_have_value("7500")
    saved = {c["id"]: c for c in _saved(page)["claims"]}
    assert saved["gone"]["evidence"]["poe-fax-copy"][0]["file"] == "fax.pdf"
    assert saved["gone"]["flags"] == ["activity-removed"]
    assert saved["reworded"]["ticked"] == ["poe-final-printed-piece"]


def test_export_clear_and_open_gives_back_the_identical_workspace(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Save to a file, clear (after the offer to save), open the file: funds, claims, ticks
    and evidence come back exactly; the claim list CSV parses in Python with the rules'
    dates."""
    show = _claim_data(
        "t20",
        "INV20 trade show",
        activity="tradeshows-expositions",
        start="2026-10-05",
        end="2026-10-07",
        amount=9000,
    )
    fund = {"usage_period": "FY27H1", "amount": 40000, "currency": "USD", "source": "typed"}
    page = _seeded(context_factory, site_url, [show], (fund,), open_claim="t20")
    page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]").first.check()
    _status(page, "submitted")
    first = _download(page, lambda: page.click("#cp-ws-save-file"))
    csv_file = _download(page, lambda: page.click("[data-cp-ws-export=csv]"))
    page.click("[data-cp-ws-clear]")
    offer = page.get_by_role("group", name="Clear the workspace")
    expect(offer).to_contain_text("Save a copy to a file first")
    offer.get_by_role("button", name="Clear without saving").click()
    expect(page.locator("[data-cp-ws-no-claims]")).to_be_visible()
    page.set_input_files("[data-cp-ws-open-file]", str(first))
    expect(page.locator("[data-cp-ws-done]")).to_contain_text("Opened")
    _saved(page)  # the page saves a moment after each change (IndexedDB is asynchronous)
    page.reload()
    second = _download(page, lambda: page.click("#cp-ws-save-file"))
    before, after = (json.loads(p.read_text(encoding="utf-8")) for p in (first, second))
    assert after["claims"] == before["claims"]
    assert after["funds"] == before["funds"]
    text = csv_file.read_bytes().decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    (timing,) = js(("dates", "activityTiming", "2026-10-05", "2026-10-07", "$data"))
    assert rows[0]["Claim name"] == "INV20 trade show"
    assert rows[0]["Claim by"] == timing["claimBy"]
    assert rows[0]["Status"] == "Submitted"


HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>'


def test_a_hostile_file_is_refused_or_stays_inert(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path
) -> None:
    """Script in claim names, notes and evidence shows as text and never runs; a file with a
    wrong field is refused with the field named, and the workspace is unchanged."""
    claim = _claim_data(
        "x1",
        HOSTILE,
        notes=HOSTILE,
        evidence={
            "poe-final-printed-piece": [
                {"id": "e1", "file": HOSTILE, "note": HOSTILE, "at": "2026-09-01"}
            ]
        },
        next_action={"text": HOSTILE},
    )
    file = tmp_path / "hostile.json"
    file.write_text(
        json.dumps(
            {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": [claim]}
        ),
        encoding="utf-8",
    )
    page = _workspace(context_factory, site_url)
    page.set_input_files("[data-cp-ws-open-file]", str(file))
    page.get_by_role("button", name="Open the claim " + HOSTILE).click()
    page.locator(
        f"{OPEN} [data-cp-ws-item=poe-final-printed-piece] ~ .cp-ws-evidence button"
    ).first.click()
    expect(page.locator(OPEN)).to_contain_text(HOSTILE)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(f"{CLAIMS} img, {CLAIMS} script").count() == 0
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "coop-portal/workspace",
                "version": 1,
                "funds": [],
                "claims": [{**claim, "start": "01/09/2026", "id": "x2"}],
            }
        ),
        encoding="utf-8",
    )
    page.set_input_files("[data-cp-ws-open-file]", str(bad))
    refused = page.locator("[data-cp-ws-open-errors]")
    expect(refused).to_contain_text("claims[0].start: expected a date like 2026-09-30")
    expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(1)


def _tab_to(page: Page, selector: str, limit: int = 400) -> None:
    """Presses Tab until the element matching selector has focus."""
    for _ in range(limit):
        if page.evaluate(
            "(s) => document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached {selector}")


def test_keyboard_alone_adds_a_claim_ticks_changes_status_and_exports(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """With the keyboard only: add a claim, move it to in progress, tick its first proof item,
    close it with Escape and export the claim list; focus lands on the new claim's heading
    and, after Escape, on its row."""
    page = _workspace(context_factory, site_url)
    _tab_to(page, "#cp-ws-add-name")
    page.keyboard.type("INV30 web ad")
    page.keyboard.press("Tab")
    page.keyboard.type("Digital")  # a select jumps to the first matching option
    page.keyboard.press("Tab")
    page.keyboard.type("09012026")
    _tab_to(page, "#cp-ws-add-end")  # Tab walks a date's month, day and year first
    page.keyboard.type("09302026")
    _tab_to(page, "#cp-ws-add-amount")
    page.keyboard.type("4000")
    page.keyboard.press("Enter")
    heading = page.locator("#cp-ws-claim-heading")
    expect(heading).to_be_focused()
    expect(heading).to_have_text("Claim: INV30 web ad")
    _tab_to(page, "#cp-ws-c-status")
    page.keyboard.press("ArrowDown")  # planned -> in progress, set only with the button
    expect(page.locator("[data-cp-ws-next]")).to_have_attribute("data-cp-ws-next", "start")
    _tab_to(page, "#cp-ws-c-status-set")
    page.keyboard.press("Enter")
    expect(page.locator("[data-cp-ws-next]")).to_have_attribute("data-cp-ws-next", "collect")
    _tab_to(page, f"{OPEN} [data-cp-ws-item] input[type=checkbox]")
    page.keyboard.press("Space")
    expect(page.locator("[data-cp-ws-progress]")).to_contain_text("1 of")
    page.keyboard.press("Escape")  # closes the claim, focus back on its row
    expect(page.get_by_role("button", name="Open the claim INV30 web ad")).to_be_focused()
    _tab_to(page, "[data-cp-ws-export=csv]")
    with page.expect_download() as download:
        page.keyboard.press("Enter")
    assert "INV30 web ad" in Path(download.value.path()).read_text(encoding="utf-8-sig")


def test_claim_file_prints_alone_and_the_audit_bundle_downloads(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Print the claim file: on paper only the cover sheet, checklist and evidence log show,
    with the choice of a one-of group; the audit bundle is a ZIP holding the workspace and
    the list of proof to keep."""
    ad = _claim_data("p40", "INV40 print ad", amount=1500)
    page = _seeded(context_factory, site_url, [ad], open_claim="p40")
    page.locator(f"{OPEN} [data-cp-ws-item=poe-csr] input").check()
    page.locator(f"{OPEN} [data-cp-ws-item=poe-csr] ~ .cp-ws-evidence button").first.click()
    page.fill("#cp-ws-ev-" + _open_id(page) + "-poe-csr-file", "Finance/2026/csr-40.pdf")
    page.get_by_role("button", name="Add to the log").first.click()
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-cp-ws-print]")
    assert page.evaluate("window.__printed") is True
    page.emulate_media(media="print")
    sheet = page.locator("[data-cp-claim-file]")
    expect(sheet).to_be_visible()
    expect(sheet.locator("h1")).to_have_text("Co-op claim file: INV40 print ad")
    expect(sheet).to_contain_text("USD 1,500")
    expect(sheet).to_contain_text("[x] A Certification Statement and Report")
    expect(sheet).to_contain_text("Evidence: Finance/2026/csr-40.pdf")
    expect(page.locator(CLAIMS)).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    expect(sheet).to_have_count(0)
    page.emulate_media(media="screen")
    bundle = _download(page, lambda: page.click("[data-cp-ws-export=bundle]"))
    with zipfile.ZipFile(bundle) as archive:
        assert archive.testzip() is None
        names = set(archive.namelist())
        evidence = archive.read("evidence.csv").decode("utf-8-sig")
    assert {"workspace.json", "evidence.csv", "claims.csv"} <= names
    assert "Finance/2026/csr-40.pdf" in evidence


def _open_id(page: Page) -> str:
    found: str = page.locator(OPEN).get_attribute("data-cp-ws-open") or ""
    return found


def test_delete_has_undo_and_clearing_offers_to_save_first(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Deleting a claim offers Undo, which brings it back whole; a deleted claim can also be
    restored later from the list of deleted claims; "Save to a file, then clear" downloads the
    workspace before clearing it."""
    page = _seeded(
        context_factory, site_url, [_claim_data("d50", "INV50 ad", amount=500)], open_claim="d50"
    )
    page.locator(f"{OPEN} [data-cp-ws-item] input[type=checkbox]").first.check()
    page.click("[data-cp-ws-delete]")
    undo = page.get_by_role("button", name="Undo")
    expect(undo).to_be_focused()
    expect(page.locator("[data-cp-ws-no-claims]")).to_be_visible()
    undo.click()
    expect(page.locator("[data-cp-ws-progress]")).to_have_text(f"1 of {ENTRIES} done.")
    page.click("[data-cp-ws-delete]")
    page.reload()
    page.locator("[data-cp-ws-bin] summary").click()
    page.get_by_role("button", name="Restore INV50 ad").click()
    expect(page.locator("[data-cp-ws-claims-table] tbody tr")).to_have_count(1)
    page.click("[data-cp-ws-clear]")
    saved = _download(page, lambda: page.click("[data-cp-ws-save-clear]"))
    assert [c["name"] for c in json.loads(saved.read_text(encoding="utf-8"))["claims"]] == [
        "INV50 ad"
    ]
    expect(page.locator("[data-cp-ws-no-claims]")).to_be_visible()


def test_changes_not_saved_to_a_file_for_days_bring_a_reminder(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Changes waiting since 12 days ago bring a reminder to save to a file; saving removes it,
    says so aloud and records the day."""
    context = context_factory(clock=WHEN, timezone_id="UTC", accept_downloads=True)
    workspace = {
        "format": "coop-portal/workspace",
        "version": 1,
        "funds": [],
        "claims": [_claim_data("r1", "Waiting claim")],
        "updated": "2026-08-20T09:00:00.000Z",
    }
    _seed(context, json.dumps(workspace))
    context.add_init_script(
        "if (!sessionStorage.getItem('meta')) { sessionStorage.setItem('meta', '1');"
        " localStorage.setItem('coop-portal:v1:workspace-file', '{\"since\": \"2026-08-20\"}'); }"
    )
    page = context.new_page()
    page.goto(site_url + "workspace/")
    reminder = page.locator("[data-cp-ws-remind]")
    expect(reminder).to_contain_text("changes since 20 August 2026 that are not saved to a file")
    _download(page, lambda: reminder.get_by_role("button", name="Save to a file").click())
    expect(reminder).to_have_count(0)
    expect(page.get_by_role("status").filter(has_text="Saved to a file.")).to_have_count(1)
    expect(page.locator("[data-cp-ws-where]")).to_contain_text(
        "Last saved to a file on 1 September 2026."
    )
    page.reload()
    expect(page.locator("[data-cp-ws-remind]")).to_have_count(0)


def test_workspace_code_loads_only_where_it_is_used(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """An activity page fetches none of the workspace's modules; My co-op fetches its parts but
    not the Earnings reader, file writers or claim view until they are used; its file inputs
    name the types they take."""
    context = context_factory(timezone_id="UTC")
    fetched: list[str] = []
    context.on("request", lambda r: fetched.append(r.url.split("/assets/coop-portal/")[-1]))
    page = context.new_page()
    page.goto(site_url + "activities/print-advertising/")
    started(page)
    workspace_code = (
        "components/ws",
        "components/workspace",
        "modules/storage",
        "modules/workspace",
    )
    assert not [u for u in fetched if u.startswith(workspace_code)]
    fetched.clear()
    page.goto(site_url + "workspace/")
    started(page)
    assert {"components/ws-claims.js", "modules/storage.js", "modules/workspace.js"} <= set(fetched)
    lazy = ("modules/earnings.js", "modules/files.js", "components/ws-claim.js", "modules/zip.js")
    assert not [u for u in fetched if u in lazy]
    expect(page.locator("[data-cp-ws-open-file]")).to_have_attribute(
        "accept", ".json,application/json"
    )
    expect(page.locator("[data-cp-ws-earnings]")).to_have_attribute("accept", ".csv,text/csv")


def test_money_past_its_deadline_is_shown_as_lost_and_errors_stay_with_their_claim(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A claim of FY26H2 never submitted is listed as lost on its period's dashboard, not as
    overdue; a status cannot be dated in the future; an error on one claim's field does not
    show on the next claim opened."""
    old = _claim_data(
        "o60", "INV60 old ad", start="2026-02-01", end="2026-02-28", amount=800, status="planned"
    )
    new = _claim_data("n61", "INV61 new ad", amount=900, status="planned")
    page = _seeded(context_factory, site_url, [old, new], open_claim="n61")
    page.select_option("#cp-ws-dash-usage", "FY26H2")
    lost = page.locator("[data-cp-ws-due=forfeited]")
    expect(lost).to_contain_text("INV60 old ad")
    expect(lost).to_contain_text("passed")
    expect(page.locator("[data-cp-ws-due=overdue]")).to_have_count(0)
    expect(page.locator("[data-cp-ws-figure=lost]")).to_contain_text("USD 800")
    expect(page.locator("[data-cp-ws-claim]").filter(has_text="INV60")).to_contain_text(
        "Lost: the claim deadline"
    )
    page.fill("#cp-ws-c-end", "")
    page.locator("#cp-ws-c-end").press("Tab")
    expect(page.locator("#cp-ws-c-end-error")).to_contain_text("enter a date")
    page.evaluate(  # past the field's max, as a browser without date pickers lets one type
        "const day = document.getElementById('cp-ws-c-status-day'); day.value = '2026-12-31';"
        " day.dispatchEvent(new Event('input', {bubbles: true}))"
    )
    page.click("#cp-ws-c-status-set")
    expect(page.locator("#cp-ws-c-status-error")).to_contain_text("cannot be in the future")
    _open(page, "INV60 old ad")
    expect(page.locator("#cp-ws-c-end-error")).to_have_count(0)
    expect(page.locator("#cp-ws-c-status-error")).to_have_count(0)


def test_funds_of_several_fund_categories_add_up_and_claims_draw_on_one(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Funds recorded in the default category and in Surface funds: the dashboard adds them up
    and shows each category with what its claims hold; a claim can draw on either."""
    page = _workspace(context_factory, site_url)
    _funds(page, "35,000")
    page.fill("#cp-ws-fund-category", "Surface funds")
    _funds(page, "5,000")
    expect(page.locator("[data-cp-ws-fund=FY27H1]")).to_have_count(2)
    page.fill("#cp-ws-add-name", "INV70 demo units")
    page.select_option("#cp-ws-add-activity", "product-seeding-demo-units")
    page.fill("#cp-ws-add-start", "2026-09-01")
    page.fill("#cp-ws-add-end", "2026-09-30")
    page.fill("#cp-ws-add-amount", "1,200")
    page.select_option("#cp-ws-add-fund", "Surface funds")
    page.get_by_role("button", name="Add the claim").click()
    expect(page.locator("[data-cp-ws-figure=available]")).to_contain_text("USD 40,000")
    rows = page.locator("[data-cp-ws-categories] tbody tr")
    expect(rows.nth(0)).to_have_text(
        re.compile(r"^Default non surface fundsUSD 35,000USD 0USD 35,000$")
    )
    expect(rows.nth(1)).to_have_text(re.compile(r"^Surface fundsUSD 5,000USD 1,200USD 3,800$"))
    claim = next(c for c in _saved(page)["claims"] if c["name"] == "INV70 demo units")
    assert claim["fund_category"] == "Surface funds"
