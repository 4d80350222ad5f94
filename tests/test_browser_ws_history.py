"""A claim's log of changes in Debian's Chromium: a claim saved before the log existed loads
and says it has none yet; setting its status and amount shows both entries on the claim,
newest first, with the page's dates; they survive a reload, print in the claim file and are
rows of the audit bundle's changes.csv; a long log shows its latest 50 until "Show all"."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from .browser import started
from .js_rules import DATA
from .ws_storage import saved, seed_once

WHEN = datetime(2026, 12, 2, 12, tzinfo=UTC)
OPEN = "[data-cp-ws-open]"
CHANGES = "[data-cp-ws-changes]"
ENTRIES = "[data-cp-ws-change]"
NAMES = {s["id"]: s["name"] for s in DATA["statuses"]}
LONG = 60
"""Entries of the seeded claim with a long log: more than the 50 the claim shows at first."""


def _claim(claim_id: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "id": claim_id,
        "name": name,
        "activity": "print-advertising",
        "start": "2026-10-01",
        "end": "2026-10-31",
        "amount": 7500,
        "status": "planned",
        "status_dates": {"planned": "2026-09-15"},
        "ticked": [],
        **extra,
    }


# One claim saved before claims kept a log (no `changes`), one with a long log of notes edits.
SEED = [
    _claim("h1", "INV70 print ad"),
    _claim(
        "h2",
        "INV71 print ad",
        changes=[
            {
                "at": f"2026-11-{1 + i // 24:02d}T{i % 24:02d}:00:00.000Z",
                "kind": "field",
                "field": "notes",
            }
            for i in range(LONG)
        ],
    ),
]


def _seeded(context_factory: Callable[..., Any], site_url: str) -> Page:
    context = context_factory(clock=WHEN, timezone_id="UTC", accept_downloads=True)
    seed_once(context, SEED)
    page: Page = context.new_page()
    page.goto(site_url + "workspace/?claim=h1")
    started(page)
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "h1")
    return page


def _texts(page: Page, scope: str = CHANGES) -> list[str]:
    return [str(t) for t in page.locator(f"{scope} li").all_inner_texts()]


def test_status_and_amount_changes_are_logged_shown_kept_printed_and_bundled(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A claim from before the log says it has none; its status set (on a day chosen) and its
    amount changed show as two entries, the latest first, dated like the page; a reload keeps
    them; the printed claim file lists them oldest first; changes.csv of the audit bundle holds
    them with their kind and values."""
    page = _seeded(context_factory, site_url)
    changes = page.locator(CHANGES)
    expect(changes).to_have_attribute("data-cp-ws-changes", "0")
    expect(changes).to_contain_text("No changes recorded yet")
    page.select_option("#cp-ws-c-status", "submitted")
    page.fill("#cp-ws-c-status-day", "2026-12-01")
    page.click("#cp-ws-c-status-set")
    expect(page.locator(ENTRIES)).to_have_count(1)
    page.fill("#cp-ws-c-amount", "8,000")
    page.locator("#cp-ws-c-amount").press("Tab")
    expect(page.locator(ENTRIES)).to_have_count(2)
    want = [
        "2 December 2026, 12:00: Planned amount changed from USD 7,500 to USD 8,000.",
        f"2 December 2026, 12:00: Status changed from {NAMES['planned']} to"
        f" {NAMES['submitted']} (on 1 December 2026).",
    ]
    assert _texts(page) == want
    assert page.locator(f"{ENTRIES} time").first.get_attribute("datetime", timeout=1000) == (
        "2026-12-02T12:00:00.001Z"
    )
    assert [e["kind"] for e in _log(page, "h1")] == ["status", "field"]
    # Kept: after a reload the claim shows the same entries in the same order.
    page.reload()
    started(page)
    expect(page.locator(ENTRIES)).to_have_count(2)
    assert _texts(page) == want
    # Printed: the claim file lists every entry, oldest first.
    page.evaluate("window.print = () => { window.__printed = true; }")
    page.click("[data-cp-ws-print]")
    printed = page.locator("[data-cp-claim-file] .cp-claim-file__changes li")
    expect(printed).to_have_count(2)
    assert [str(t) for t in printed.all_inner_texts()] == want[::-1]
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    # Bundled: changes.csv holds them, with what changed and the values before and after.
    with page.expect_download() as download:
        page.click("[data-cp-ws-export=bundle]")
    with zipfile.ZipFile(Path(download.value.path())) as archive:
        text = archive.read("changes.csv").decode("utf-8-sig")
    rows = [
        r
        for r in csv.DictReader(io.StringIO(text, newline=""))
        if r["Claim name"] == "INV70 print ad"
    ]
    assert [
        (r["Kind"], r["Field, status or item"], r["From"], r["To"], r["Day"]) for r in rows
    ] == [
        ("status", "", "planned", "submitted", "2026-12-01"),
        ("field", "amount", "7500", "8000", ""),
    ]
    assert [r["When (UTC)"] for r in rows] == [
        "2026-12-02T12:00:00.000Z",
        "2026-12-02T12:00:00.001Z",
    ]
    assert rows[1]["What changed"] == "Planned amount changed from USD 7,500 to USD 8,000."
    assert (
        sum(r["Claim name"] == "INV71 print ad" for r in csv.DictReader(io.StringIO(text))) == LONG
    )


def test_a_long_log_shows_its_latest_50_then_all(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A claim with 60 entries shows the latest 50, newest first, and says so; "Show all 60
    changes" shows every one and puts the focus on the list's heading."""
    page = _seeded(context_factory, site_url)
    page.goto(site_url + "workspace/?claim=h2")
    started(page)
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "h2")
    expect(page.locator(ENTRIES)).to_have_count(50)
    expect(page.locator(CHANGES)).to_contain_text(f"The latest 50 of {LONG}, newest first.")
    times = page.locator(f"{ENTRIES} time").evaluate_all("l => l.map((t) => t.dateTime)")
    assert times == [SEED[1]["changes"][i]["at"] for i in range(LONG - 1, LONG - 51, -1)]
    assert _texts(page)[0] == "3 November 2026, 11:00: Notes changed."
    page.get_by_role("button", name=f"Show all {LONG} changes").click()
    expect(page.locator(ENTRIES)).to_have_count(LONG)
    expect(page.locator("#cp-ws-c-changes-heading")).to_be_focused()
    expect(page.get_by_role("button", name=f"Show all {LONG} changes")).to_have_count(0)


def _log(page: Page, claim: str) -> list[dict[str, Any]]:
    """The claim's log of changes as stored."""
    found = {c["id"]: c for c in saved(page)["claims"]}[claim]
    return list(found.get("changes", []))


def test_two_tabs_editing_one_claim_each_keep_both_entries(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """One tab changes the claim number while another, open on the same claim, changes the
    planned amount: both tabs then show both entries, and storage keeps both."""
    page = _seeded(context_factory, site_url)
    other = page.context.new_page()
    other.goto(site_url + "workspace/?claim=h1")
    started(other)
    expect(other.locator(OPEN)).to_have_attribute("data-cp-ws-open", "h1")
    other.fill("#cp-ws-c-claim_number", "0001234567")
    other.locator("#cp-ws-c-claim_number").press("Tab")
    expect(other.locator(ENTRIES)).to_have_count(1)
    page.bring_to_front()
    page.fill("#cp-ws-c-amount", "8,000")
    page.locator("#cp-ws-c-amount").press("Tab")
    both = [
        "Planned amount changed from USD 7,500 to USD 8,000.",
        "Claim number set to 0001234567.",
    ]
    for tab in (page, other):
        expect(tab.locator(ENTRIES)).to_have_count(2)
        # In either order: made at one fixed time, the two come one millisecond apart or at once.
        assert sorted(t.split(": ", 1)[1] for t in _texts(tab)) == sorted(both)
    assert sorted(e.get("field", "") for e in _log(page, "h1")) == ["amount", "claim_number"]
