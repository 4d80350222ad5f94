"""My co-op's claim table in Debian's Chromium, on one seeded workspace: the focus stays where the
user was across redraws (an edit, another tab's save) and the site's single-key shortcuts never
fire inside My co-op."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import Page, expect

from .browser import started
from .ws_storage import saved

WHEN = datetime(2026, 12, 2, 12, tzinfo=UTC)
KEY = "coop-portal:v1:workspace"
OPEN = "[data-cp-ws-open]"
ROWS = "[data-cp-ws-claims-table] tbody tr"


def _claim(
    claim_id: str, name: str, status: str, dates: tuple[str, str], amount: float, **extra: Any
) -> dict[str, Any]:
    return {
        "id": claim_id,
        "name": name,
        "activity": "print-advertising",
        "start": dates[0],
        "end": dates[1],
        "amount": amount,
        "status": status,
        "ticked": [],
        **extra,
    }


SEED = [
    _claim("t1", "Autumn print ad", "submitted", ("2026-09-01", "2026-09-30"), 7250, claimed=7250),
    _claim("t2", "Winter print ad", "planned", ("2026-12-10", "2026-12-20"), 1200),
    _claim(
        "t3",
        "Summer print ad",
        "paid",
        ("2026-07-01", "2026-07-31"),
        3000,
        claimed=3000,
        approved=2400,
        paid=2400,
    ),
    _claim(
        "t4",
        "October print ad",
        "approved",
        ("2026-10-01", "2026-10-15"),
        500,
        claimed=500,
        approved=500,
    ),
]


def _active(page: Page) -> str:
    return str(page.evaluate("document.activeElement && document.activeElement.id"))


def _seeded(context_factory: Callable[..., Any], site_url: str) -> tuple[Any, Page]:
    context = context_factory(clock=WHEN, timezone_id="UTC")
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": SEED}
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({KEY!r}, {json.dumps(json.dumps(workspace))});"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    page: Page = context.new_page()
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator(ROWS)).to_have_count(len(SEED))
    return context, page


def test_the_claim_table_keeps_focus_and_keys(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    context, page = _seeded(context_factory, site_url)
    url = page.url
    # Single keys typed in the list and in a claim's field stay in My co-op.
    page.locator("#cp-ws-open-t1").focus()
    page.keyboard.press("n")
    page.keyboard.press("s")
    assert page.url == url
    expect(page.locator(".md-search__input")).not_to_be_focused()
    assert _active(page) == "cp-ws-open-t1"
    page.locator("#cp-ws-open-t1").click()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t1")
    page.locator("#cp-ws-c-notes").focus()
    page.keyboard.type("ns")
    assert page.url.startswith(url.split("?")[0])
    expect(page.locator("#cp-ws-c-notes")).to_have_value("ns")
    expect(page.locator(".md-search__input")).not_to_be_focused()
    # An edit entered with Tab: the claim is drawn again and the focus is on the next field.
    page.fill("#cp-ws-c-claim_number", "0001234567")
    page.locator("#cp-ws-c-claim_number").press("Tab")
    expect(page.locator("#cp-ws-open-t1")).to_be_visible()
    expect(page.locator("#cp-ws-c-claimed")).to_be_focused()
    # Once entered (and saved), the claim is drawn anew and the focus is still there.
    assert {c["id"]: c for c in saved(page)["claims"]}["t1"]["claim_number"] == "0001234567"
    expect(page.locator("#cp-ws-c-claimed")).to_be_focused()
    # Another tab saves a change to another claim: this tab draws it and keeps its focus.
    page.locator("#cp-ws-c-notes").focus()
    other = context.new_page()
    other.goto(site_url + "workspace/?claim=t2")
    started(other)
    expect(other.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t2")
    other.fill("#cp-ws-c-name", "Winter print ad, renamed")
    other.locator("#cp-ws-c-name").press("Enter")
    page.bring_to_front()
    expect(page.locator("#cp-ws-open-t2")).to_have_text("Winter print ad, renamed")
    expect(page.locator("#cp-ws-c-notes")).to_be_focused()
    expect(page.locator("#cp-ws-c-notes")).to_have_value("ns")
    other.close()
