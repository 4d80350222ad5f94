"""My co-op with many claims and big Earnings reports, in Debian's Chromium: the claim list in
pages a keyboard and a screen reader can move through, and an Earnings report read in a module
worker under the strict CSP, with progress, Cancel and a summary of many bad rows."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import expect

from .browser import WATCH_CSP, Trouble, origin_of, started
from .test_browser_workspace import _claim_data, _seeded

PAGE = 100  # rows per page of the claim list (ws-claims.js PAGE)
NEEDS_SHOWN = 50  # lines of What needs you shown before Show all (ws-dashboard.js NEEDS_SHOWN)


def test_a_long_claim_list_is_shown_in_pages_moved_through_by_keyboard(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """230 claims: the list shows 100 rows at a time, says which ones of how many, and Next and
    Previous move by page with the focus kept on a button; a search shows its matches from the
    first page. What needs you shows its 50 most urgent lines, and Show all the rest, with the
    focus on the first line that was hidden."""
    first = date(2026, 7, 1)
    claims = [
        _claim_data(f"c{i:03d}", f"Claim {i:03d}", start=(first + timedelta(days=i)).isoformat())
        for i in range(1, 231)
    ]
    for c in claims:
        c["end"] = c["start"]
    page = _seeded(context_factory, site_url, claims)
    needs = page.locator("[data-cp-ws-needs]")
    lines = needs.locator("li[data-cp-ws-need]")
    expect(lines).to_have_count(NEEDS_SHOWN)
    total = int(needs.get_attribute("data-cp-ws-needs") or 0)
    assert total > NEEDS_SHOWN + 2, total  # every claim that has ended waits to be submitted
    urgent = lines.all_text_contents()
    expect(needs).to_contain_text(f"The {NEEDS_SHOWN} most urgent of {total}.")
    needs.get_by_role("button", name=f"Show all {total}").focus()
    page.keyboard.press("Enter")
    expect(lines).to_have_count(total)
    expect(lines.nth(NEEDS_SHOWN)).to_be_focused()
    assert lines.all_text_contents()[:NEEDS_SHOWN] == urgent
    expect(needs.get_by_role("button", name=f"Show all {total}")).to_have_count(0)
    table = page.locator("[data-cp-ws-claims-table]")
    rows = table.locator("tbody tr")
    pager = page.get_by_role("navigation", name="Pages of the claim list")
    expect(table.locator("caption")).to_have_text("230 of 230 claims, claims 1 to 100 shown")
    expect(rows).to_have_count(PAGE)
    expect(rows.first).to_contain_text("Claim 001")
    expect(pager).to_contain_text("Showing claims 1 to 100 of 230 (page 1 of 3).")
    expect(pager.get_by_role("button", name="Previous")).to_have_count(0)
    pager.get_by_role("button", name="Next 100").focus()
    page.keyboard.press("Enter")
    expect(rows.first).to_contain_text("Claim 101")
    expect(rows).to_have_count(PAGE)
    expect(page.locator("#cp-ws-page-next")).to_be_focused()
    page.keyboard.press("Enter")
    expect(rows).to_have_count(30)
    expect(rows.last).to_contain_text("Claim 230")
    expect(pager).to_contain_text("Showing claims 201 to 230 of 230 (page 3 of 3).")
    # Next is gone on the last page: the focus is on Previous, not lost.
    expect(page.get_by_role("button", name="Previous 100")).to_be_focused()
    page.get_by_role("button", name="Open the claim Claim 215").click()
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: Claim 215")
    page.keyboard.press("Escape")
    expect(page.locator("#cp-ws-open-c215")).to_be_focused()
    search = page.get_by_label("Find a claim by name or claim number")
    search.press_sequentially("claim 2")
    expect(search).to_be_focused()
    expect(search).to_have_value("claim 2")
    expect(table.locator("caption")).to_have_text("31 of 230 claims")
    expect(rows).to_have_count(31)  # Claim 200 to 230, from the first page
    expect(pager).to_have_count(0)


def _strict_page(context_factory: Callable[..., Any], strict_url: str) -> tuple[Any, Trouble]:
    context = context_factory()
    context.add_init_script(WATCH_CSP)
    page = context.new_page()
    trouble = Trouble(origin_of(strict_url))
    trouble.watch(page)
    return page, trouble


def test_an_earnings_report_is_read_in_a_worker_with_progress_cancel_and_a_summary(
    context_factory: Callable[..., Any], strict_url: str, tmp_path: Path
) -> None:
    """Under the strict CSP: a report of 400,000 rows is read by a module worker while the
    page shows its progress, and Cancel (the page answering while the file is read) stops it;
    a report with 25 bad rows lists the first 20 and says how many there are."""
    page, trouble = _strict_page(context_factory, strict_url)
    workers: list[str] = []
    page.on("worker", lambda w: workers.append(w.url))
    page.goto(strict_url + "workspace/")
    started(page)
    head = "earningId,earningType,earningAmountUSD,earningDate\n"
    big = tmp_path / "Earnings-big.csv"
    big.write_text(
        head + "".join(f"E{i},Coop,{i % 997}.25,2026-0{1 + i % 6}-15\n" for i in range(400_000)),
        encoding="utf-8",
    )
    page.set_input_files("[data-cp-ws-earnings]", str(big))
    reading = page.locator("[data-cp-ws-earnings-reading]")
    expect(reading.get_by_role("status")).to_have_text(
        "Reading Earnings-big.csv. You can go on working meanwhile."
    )
    progress = reading.get_by_role("progressbar", name="Reading Earnings-big.csv")
    expect(progress).not_to_have_attribute("value", "0")
    reading.get_by_role("button", name="Cancel").click()
    expect(reading).to_have_count(0)
    expect(page.locator("#cp-ws-earnings-file")).to_be_focused()
    assert any(url.endswith("/modules/earnings-worker.js") for url in workers), workers

    bad = tmp_path / "Earnings-bad.csv"
    good = "".join(f"G{i},Coop,100,2026-07-{10 + i}\n" for i in range(5))
    wrong = "".join(f"B{i},Coop,n/a,2026-07-01\n" for i in range(25))
    bad.write_text(head + good + wrong, encoding="utf-8")
    page.set_input_files("[data-cp-ws-earnings]", str(bad))
    result = page.locator("[data-cp-ws-earnings-result]")
    expect(result).to_be_focused()
    problems = result.locator("[data-cp-ws-earnings-problems]")
    expect(problems).to_have_attribute("data-cp-ws-earnings-problems", "25")
    expect(problems).to_contain_text(
        "25 rows are not counted. The first 20, in the order of the file:"
    )
    listed = problems.get_by_role("list", name="Rows not counted").locator("li")
    expect(listed).to_have_count(20)
    expect(listed.first).to_contain_text("row 7: earningAmountUSD: expected a number")
    expect(result).to_contain_text("30 co-op rows")
    assert page.evaluate("window.__cspViolations") == []
    trouble.assert_clean()
