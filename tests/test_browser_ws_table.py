"""My co-op's claim table in Debian's Chromium, on one seeded workspace: sorting by a column's
header, the status filter and totals by status; the open claim beside the list or in its place,
Back and Forward between them; the status history in order after back-filling; the focus stays
where the user was across redraws (an edit, another tab's save); the site's single-key shortcuts
never fire inside My co-op; axe at 1366 and 390 px."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from playwright.sync_api import Page, expect

from .browser import started
from .js_rules import DATA
from .test_accessibility import _axe
from .ws_storage import saved, seed_once, stored

WHEN = datetime(2026, 12, 2, 12, tzinfo=UTC)
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
    # Back-filled on 1 December: "planned" is the day it was typed in, after its submission.
    _claim(
        "t1",
        "Autumn print ad",
        "submitted",
        ("2026-09-01", "2026-09-30"),
        7250,
        claimed=7250,
        status_dates={"planned": "2026-12-01", "submitted": "2026-08-20"},
    ),
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
    seed_once(context, SEED)
    page: Page = context.new_page()
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator(ROWS)).to_have_count(len(SEED))
    return context, page


def _page_loads(page: Page, path: str) -> list[str]:
    """Requests for the page at ``path`` from now on (Material's instant navigation fetches the
    page it shows, so a page loaded again shows here)."""
    seen: list[str] = []
    page.on("request", lambda r: seen.append(r.url) if r.url.split("?")[0].endswith(path) else None)
    return seen


def test_back_and_forward_step_between_the_list_and_a_claim_without_loading_the_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    # Opened fresh at its address: the first Back is this page's own (Material's instant
    # navigation loaded the page again on it, a moment later, and the claim then reopened
    # only sometimes on Forward).
    _, page = _seeded(context_factory, site_url)
    loads = _page_loads(page, "/workspace/")
    page.locator("#cp-ws-open-t1").click()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t1")
    page.go_back()
    expect(page.locator(OPEN)).to_have_count(0)
    expect(page.locator("#cp-ws-open-t1")).to_be_focused()
    page.go_forward()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t1")
    expect(page.locator("#cp-ws-claim-heading")).to_be_focused()
    # Another claim opened from one open beside the list takes its place: Back is the list.
    page.locator("#cp-ws-open-t2").click()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t2")
    page.go_back()
    expect(page.locator(OPEN)).to_have_count(0)
    assert "claim=" not in page.url
    assert page.evaluate("document.querySelectorAll('[data-cp-workspace]').length") == 1
    assert loads == []
    # Arrived by the site's navigation (instant loading): Back closes the claim, then leaves.
    page.goto(site_url)
    started(page)
    page.locator(".md-nav a[href$='/workspace/']:visible").first.click()
    expect(page.locator(ROWS)).to_have_count(len(SEED))
    started(page)
    page.locator("#cp-ws-open-t2").click()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t2")
    # A link to another page followed, and Back while that page is still loading: the
    # workspace comes back with the claim open, never the other page under its address.
    held: list[Any] = []
    page.route("**/activities/**", lambda route: held.append(route))  # noqa: PLW0108
    page.locator(OPEN).get_by_role("link", name="Rules and proof for").click()
    page.wait_for_function("() => !location.pathname.endsWith('/workspace/')", polling=50)
    page.go_back()
    for route in held:
        route.continue_()
    page.unroute("**/activities/**")
    expect(page.locator("h1")).to_contain_text("My co-op")
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t2")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text("My co-op")
    page.go_back()
    expect(page.locator(OPEN)).to_have_count(0)
    assert page.url == site_url + "workspace/"
    expect(page.locator("#cp-ws-open-t2")).to_be_focused()
    page.go_back()
    assert page.url == site_url
    expect(page.locator("[data-cp-workspace]")).to_have_count(0)


STATUSES = [s["id"] for s in DATA["statuses"]]


def _order(page: Page) -> list[str]:
    return [
        str(x)
        for x in page.locator(ROWS).evaluate_all("rows => rows.map((r) => r.dataset.cpWsClaim)")
    ]


def _sort(page: Page, column: str, direction: str) -> None:
    """Presses a column's header until the table is sorted by it in ``direction``."""
    header = page.locator(f"th:has([data-cp-ws-sort={column}])")
    for _ in range(2):
        if header.get_attribute("aria-sort") == direction:
            break
        page.locator(f"[data-cp-ws-sort={column}]").click()
    expect(header).to_have_attribute("aria-sort", direction)
    expect(page.locator(f"[data-cp-ws-sort={column}]")).to_be_focused()


def test_the_claim_table_sorts_filters_and_keeps_focus_and_keys(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    context, page = _seeded(context_factory, site_url)
    url = page.url
    by_id = {c["id"]: c for c in SEED}
    # Sorting by status follows the life cycle (the rules' order of statuses), both ways.
    _sort(page, "status", "ascending")
    ranks = [STATUSES.index(by_id[i]["status"]) for i in _order(page)]
    assert ranks == sorted(ranks)
    _sort(page, "status", "descending")
    ranks = [STATUSES.index(by_id[i]["status"]) for i in _order(page)]
    assert ranks == sorted(ranks, reverse=True)
    # By the planned amount, and by the deadline (claims with none last).
    _sort(page, "amount", "descending")
    assert _order(page) == [c["id"] for c in sorted(SEED, key=lambda c: -c["amount"])]
    _sort(page, "deadline", "ascending")
    days = page.locator(ROWS + " [data-cp-ws-deadline]").evaluate_all(
        "cells => cells.map((c) => c.dataset.cpWsDeadline)"
    )
    known = [d for d in days if d]
    assert known == sorted(known)
    assert len(known) >= 2
    assert days == known + [""] * (len(days) - len(known))
    # A claim past the deadlines says why its Deadline cell has no date.
    for c in SEED:
        if c["status"] in ("paid", "approved"):
            name = next(s["name"] for s in DATA["statuses"] if s["id"] == c["status"])
            cell = page.locator(f"{ROWS}[data-cp-ws-claim={c['id']}] [data-cp-ws-deadline]")
            expect(cell).to_have_text(f"None ({name.lower()})")
    # The status filter shows only that status's claims; the totals count every claim.
    page.locator("#cp-ws-status-filter").focus()
    page.select_option("#cp-ws-status-filter", "planned")
    expect(page.locator(ROWS)).to_have_count(sum(c["status"] == "planned" for c in SEED))
    assert {by_id[i]["status"] for i in _order(page)} == {"planned"}
    expect(page.locator("#cp-ws-status-filter")).to_be_focused()
    totals = page.locator("[data-cp-ws-totals] tbody tr")
    expect(totals).to_have_count(len({c["status"] for c in SEED}))
    page.select_option("#cp-ws-status-filter", "")
    expect(page.locator(ROWS)).to_have_count(len(SEED))
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
    # A press on the claim's text (the focus then is the page's body): still My co-op's keys.
    page.locator(f"{OPEN} strong").first.click()
    assert page.evaluate("document.activeElement === document.body")
    at = page.url
    page.keyboard.press("n")
    page.keyboard.press("s")
    assert page.url == at
    expect(page.locator(".md-search__input")).not_to_be_focused()
    # An edit entered with Tab: the claim is drawn again and the focus is on the next field.
    page.fill("#cp-ws-c-claim_number", "0001234567")
    page.locator("#cp-ws-c-claim_number").press("Tab")
    expect(page.locator("#cp-ws-open-t1")).to_be_visible()
    expect(page.locator("#cp-ws-c-claimed")).to_be_focused()
    # Once entered (and saved), the claim is drawn anew and the focus is still there.
    assert _saved_field(page, "t1", "claim_number") == "0001234567"
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
    # Wide: the open claim sits beside the list, on a page without the site's side columns.
    page.set_viewport_size({"width": 1366, "height": 900})
    expect(page.locator(".md-sidebar--primary")).to_be_hidden()
    expect(page.locator("#cp-ws-back")).to_be_hidden()
    listed, claim = (page.locator(x).bounding_box() for x in (".cp-ws-split__list", OPEN))
    assert listed is not None
    assert claim is not None
    assert claim["x"] >= listed["x"] + listed["width"]
    # Beside the claim, the list keeps the columns that find a claim, and fits its column.
    table = page.locator("[data-cp-ws-claims-table]")
    assert table.evaluate("t => t.scrollWidth <= t.closest('.cp-ws-split__list').clientWidth")
    expect(table.locator("thead th:visible")).to_contain_text(
        ["Claim", "Claim number (Partner Center)", "Status", "Deadline", "Planned"]
    )
    # With a claim open, the page never scrolls sideways, from a full HD screen to a phone.
    for width in (1920, 390, 1366):
        page.set_viewport_size({"width": width, "height": 900})
        expect(page.locator(OPEN)).to_be_attached()
        assert page.evaluate("document.documentElement.scrollWidth") <= width, width
    # Back closes the claim, Forward opens it again.
    page.go_back()
    expect(page.locator(OPEN)).to_have_count(0)
    assert "claim=" not in page.url
    page.go_forward()
    expect(page.locator(OPEN)).to_have_attribute("data-cp-ws-open", "t1")
    assert page.url.endswith("?claim=t1")
    assert page.url.startswith(url)
    _axe(page, "My co-op, a claim open beside the sorted list, at 1366 px")
    # History: in the life cycle's order; "planned" back-filled to July; out of order refused.
    history = page.locator("[data-cp-ws-history]")
    expect(history).to_have_count(2)
    assert history.evaluate_all("l => l.map((x) => x.dataset.cpWsHistory)") == [
        "planned",
        "submitted",
    ]
    page.fill("#cp-ws-c-day-planned", "2026-07-02")
    expect(page.locator("#cp-ws-c-day-planned")).to_have_value("2026-07-02")
    back_filled = {"planned": "2026-07-02", "submitted": "2026-08-20"}
    assert _saved_field(page, "t1", "status_dates", back_filled) == back_filled
    page.fill("#cp-ws-c-day-planned", "2026-09-01")
    error = page.locator("#cp-ws-c-day-planned-error")
    expect(error).to_contain_text("1 September 2026")
    expect(error).to_contain_text("20 August 2026")
    assert {c["id"]: c for c in saved(page)["claims"]}["t1"]["status_dates"]["planned"] == (
        "2026-07-02"
    )
    # Narrow: the claim is its own view, with a button back to the list.
    page.set_viewport_size({"width": 390, "height": 800})
    expect(page.locator(ROWS).first).to_be_hidden()
    page.locator("#cp-ws-back").click()
    expect(page.locator(OPEN)).to_have_count(0)
    expect(page.locator(ROWS).first).to_be_visible()
    expect(page.locator("#cp-ws-open-t1")).to_be_focused()
    _axe(page, "My co-op, the filtered and sorted list, at 390 px")


def _saved_field(page: Page, claim: str, name: str, want: Any = None) -> Any:
    """A field of a claim as stored, once the page has saved it (a field left with Tab is
    entered a moment later, and saving is asynchronous): waits up to 10 s for the field, or
    for ``want`` if given, and returns what is stored then (None: no such field)."""
    found: dict[str, Any] = {}
    for _ in range(100):
        kept = stored(page)
        found = {c["id"]: c for c in (kept[1]["claims"] if kept else [])}.get(claim, {})
        if name in found and (want is None or found[name] == want):
            break
        page.wait_for_timeout(100)
    return found.get(name)
