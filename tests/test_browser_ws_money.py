"""My co-op's money and what needs the partner, in Debian's Chromium on one seeded workspace at
the four dates of a half-year (2 December 2026, 20 December 2026, 16 February 2027, 25 March
2027): the "What needs you" list shows exactly the due items, by date; there is one loss
figure; a partly approved claim's cut is counted as lost; a claim across two usage periods is
counted at risk with the timing checker's advice. Every expected date and amount is worked out
here from the seed and the built rules (periods, advised days, payment cycle, warning days)."""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from playwright.sync_api import Page, expect

from .browser import open_page, started
from .js_rules import DATA, js
from .test_accessibility import _axe

KEY = "coop-portal:v1:workspace"
DAYS = (date(2026, 12, 2), date(2026, 12, 20), date(2027, 2, 16), date(2027, 3, 25))
ORDER = ["own", "answer", "fix", "submit", "start", "review", "payment", "unplanned", "usage-end"]

START_DAYS = 14  # modules/needs.js: a planned activity is listed from 14 days before it starts


def _money(cents: int) -> str:
    whole, rest = divmod(cents, 100)
    return f"USD {whole:,}" + (f".{rest:02d}" if rest else "")


def _d(iso: str) -> date:
    return date.fromisoformat(iso)


def _paid_by(approved: date) -> date:
    """The last day of an approved claim's payment window, by the rules' payment cycle."""
    rule = DATA["coopPayment"]
    year, month = approved.year, approved.month
    if approved.day > rule["approvedByDay"]:
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return date(year, month, min(rule["paidToDay"], calendar.monthrange(year, month)[1]))


def _seed_of(first: date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The usage period of the first day and a workspace of 40,000 in it with six claims."""
    (p,) = js(("dates", "periodFor", first.isoformat(), "$data"))
    us, ue = _d(p["usageStart"]), _d(p["usageEnd"])
    activity = next(iter(DATA["activities"]))

    def claim(cid: str, name: str, start: date, end: date, **extra: Any) -> dict[str, Any]:
        return {"id": cid, "name": name, "activity": activity, "start": start.isoformat()} | {
            "end": end.isoformat(),
            "currency": "USD",
            "ticked": [],
            **extra,
        }

    show = first + timedelta(days=6)
    assert show + timedelta(days=2) <= ue, "the seed's trade show runs inside the period"
    own_due = (first + timedelta(days=2)).isoformat()
    claims = [
        claim("answer", "INV7250 partner event", us + timedelta(30), us + timedelta(31),
              amount=7250, claimed=7250, status="action-required",
              next_action={"text": "Send the signed attendee list", "due": own_due}),
        claim("show", "INV6000 trade show", show, show + timedelta(2), amount=6000,
              status="planned"),
        claim("two", "INV2500 winter campaign", ue - timedelta(5), ue + timedelta(10),
              amount=2500, status="planned"),
        claim("cut", "INV10000 print ad", us + timedelta(10), us + timedelta(20), amount=10000,
              claimed=10000, approved=9400, status="approved",
              status_dates={"approved": (us + timedelta(40)).isoformat()}),
        claim("paid", "INV5000 seminar", us + timedelta(5), us + timedelta(6), amount=5000,
              claimed=5000, approved=5000, paid=5000, status="paid"),
        claim("review", "INV3000 webinar", us + timedelta(50), us + timedelta(51),
              amount=3000, claimed=3000, status="submitted"),
    ]  # fmt: skip
    funds = [{"usage_period": p["usageHalf"], "amount": 40000, "currency": "USD"}]
    return p, {"format": "coop-portal/workspace", "version": 1, "funds": funds, "claims": claims}


def _expected(p: dict[str, Any], ws: dict[str, Any], today: date) -> dict[str, Any]:
    """The due lines, loss and money at risk on ``today``, by the rules."""
    us, ue = _d(p["usageStart"]), _d(p["usageEnd"])
    cd, res = _d(p["claimDeadline"]), _d(p["resolutionDeadline"])
    warn, within = DATA["warnDays"], DATA["claimWithinDays"]
    c = {x["id"]: x for x in ws["claims"]}
    show_end = _d(c["show"]["end"])
    claim_by = min(show_end + timedelta(within), cd)
    lines: list[tuple[str, str | None, date]] = [
        ("own", "answer", _d(c["answer"]["next_action"]["due"]))
    ]
    lines.append(("payment", "cut", _paid_by(_d(c["cut"]["status_dates"]["approved"]))))
    if today <= res:
        lines.append(("answer", "answer", res))
    if show_end < today <= cd:
        lines.append(("submit", "show", claim_by if today <= claim_by else cd))
    if today <= cd:
        lines.append(("fix", "two", cd))
    show_start = _d(c["show"]["start"])
    if 0 <= (show_start - today).days <= START_DAYS:
        lines.append(("start", "show", show_start))
    if (res - today).days <= warn:
        lines.append(("review", "review", res))
    held = sum(x["claimed"] if "claimed" in x else x["amount"] for x in ws["claims"]) * 100
    left = ws["funds"][0]["amount"] * 100 - held
    if us <= today <= ue:
        lines += [("unplanned", None, ue), ("usage-end", None, ue)]
    lines.sort(key=lambda x: (x[2], ORDER.index(x[0])))
    lost = (10000 - 9400) * 100  # the cut of the partly approved claim
    if today > ue:
        lost += left  # never planned: nothing can be spent any more
    if today > cd:
        lost += (6000 + 2500) * 100  # planned, never submitted
    if today > res:
        lost += 7250 * 100  # waiting on the partner at the resolution deadline
    risk = 0
    if today <= cd:
        risk += 2500 * 100  # across two usage periods
    if 0 <= (res - today).days <= warn:
        risk += (7250 + 3000) * 100
    return {"lines": lines, "lost": lost, "risk": risk, "left": left, "ended": today > ue}


def _checker_advice(page: Page, site_url: str, two: dict[str, Any]) -> str:
    """What the timing checker on the calculators page advises for the two-period dates."""
    page.goto(f"{site_url}calculators/?start={two['start']}&end={two['end']}")
    started(page)
    said = page.locator("[data-cp-result=spans-periods]").inner_text()
    found = re.search(r"; (split [^.]+)\.", said)
    assert found, said
    return found.group(1)


def test_what_needs_you_and_one_loss_figure_through_a_half_year(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """At each of the four dates the list holds exactly the due lines in date order, the
    dashboard shows one loss figure (the cut of the partly approved claim in it, and after the
    usage period the money never planned, no longer offered), and the two-period claim is
    counted at risk and advised as the timing checker advises; axe finds nothing at 390 and
    1366 px."""
    p, ws = _seed_of(DAYS[0])
    context = context_factory(
        clock=datetime.combine(DAYS[0], datetime.min.time(), UTC) + timedelta(hours=12),
        timezone_id="UTC",
    )
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" localStorage.setItem({KEY!r}, {json.dumps(json.dumps(ws))});"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    page: Page = context.new_page()
    two = next(c for c in ws["claims"] if c["id"] == "two")
    advice = _checker_advice(page, site_url, two)
    for i, today in enumerate(DAYS):
        if i:
            page.clock.set_fixed_time(
                datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=12)
            )
        page.goto(site_url + "workspace/")
        started(page)
        want = _expected(p, ws, today)
        needs = page.locator("[data-cp-ws-needs]")
        expect(needs.get_by_role("heading", name="What needs you")).to_be_visible()
        items = needs.locator("li[data-cp-ws-need]")
        expect(items).to_have_count(len(want["lines"]))
        shown = items.evaluate_all(
            "(lis) => lis.map((li) => [li.dataset.cpWsNeed, li.dataset.cpWsNeedClaim || null,"
            " li.dataset.cpWsNeedDue, li.textContent])"
        )
        assert [(k, c, _d(d)) for k, c, d, _ in shown] == want["lines"], today
        for kind, cid, due, text in shown:
            assert f"{_d(due).day} {_d(due):%B %Y}" in text  # the date as text
            if _d(due) < today:
                assert "overdue" in text, text  # said in words, not by colour
            if cid == "two":
                assert advice in text, (advice, text)
            if kind == "start":
                assert "starts soon" in text, text
                assert "pre-approval" in text, text
            if kind == "unplanned":
                assert _money(want["left"]) in text
        figures = page.locator("[data-cp-ws-figures]")
        lost = figures.locator("[data-cp-ws-figure=lost]")
        expect(lost).to_have_count(1)
        expect(figures.locator("dt", has_text=re.compile("lost", re.I))).to_have_count(1)
        expect(lost.locator("dd")).to_have_text(_money(want["lost"]))
        expect(page.locator("[data-cp-ws-lost-parts]")).to_contain_text(
            _money(60000) + " not approved by Microsoft"
        )
        expect(figures.locator("[data-cp-ws-figure=at-risk] dd")).to_have_text(_money(want["risk"]))
        if want["ended"]:
            expect(page.locator("[data-cp-ws-not-offered]")).to_contain_text("Nothing left to plan")
            expect(page.locator("[data-cp-ws-left]")).not_to_contain_text("Left to plan: USD")
        if today > _d(p["claimDeadline"]):
            expect(page.locator("[data-cp-ws-to-claim]")).to_have_count(0)
        if i == 0:
            row = page.locator("[data-cp-ws-claim=two]")
            expect(row).to_contain_text(advice)
            for width in (390, 1366):
                page.set_viewport_size({"width": width, "height": 900})
                _axe(page, f"My co-op dashboard with what needs you at {width} px")


def test_home_says_where_you_are_now_above_the_fold(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """On 2 December 2026 the home page shows, within the first screen at 1366 x 768, today's
    usage period with its end date and days left, the claim and resolution deadlines and a
    link to My co-op (at 390 x 844: the period and the claim deadline); with JavaScript off
    it still points to the periods table, which lists every period."""
    today = DAYS[0]
    (p,) = js(("dates", "periodFor", today.isoformat(), "$data"))
    end, cd, res = (_d(p[k]) for k in ("usageEnd", "claimDeadline", "resolutionDeadline"))
    when = datetime.combine(today, datetime.min.time(), UTC) + timedelta(hours=12)
    page, trouble = open_page(context_factory, site_url, when=when, timezone_id="UTC")

    def long(d: date) -> str:
        return f"{d.day} {d:%B %Y}"

    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        box = page.locator("[data-cp-now]").first
        current = box.locator("[data-cp-current]")
        expect(current).to_contain_text(f"Current usage period: {p['usageHalf']}")
        left = box.locator("[data-cp-usage-left]")
        expect(left).to_have_attribute("data-cp-usage-left", str((end - today).days))
        expect(left).to_contain_text(
            f"{(end - today).days} days left to spend it, until {long(end)}"
        )
        expect(box.locator("[data-cp-deadline=claim]")).to_contain_text(long(cd))
        expect(box.locator("[data-cp-deadline=resolution]")).to_contain_text(long(res))
        link = page.get_by_role("link", name="My co-op", exact=True).and_(
            page.locator(".cp-now__next a")
        )
        first_screen = [current, box.locator("[data-cp-deadline=claim]")]
        if width > height:  # a wide screen has room for all of it
            first_screen += [box.locator("[data-cp-deadline=resolution]"), link]
        for shown in first_screen:
            expect(shown).to_be_in_viewport()
    trouble.assert_clean()
    plain = context_factory(java_script_enabled=False).new_page()
    plain.goto(site_url)
    expect(plain.locator(".cp-now__static")).to_contain_text(
        "The table below lists every usage period"
    )
    expect(plain.locator(".cp-now__next a")).to_have_attribute("href", re.compile("workspace"))
    rows = plain.locator("[data-cp-periods] [data-cp-period]")
    expect(rows).to_have_count(len(DATA["periods"]))
    assert plain.locator("#now").evaluate(
        "(h) => h.compareDocumentPosition(document.querySelector('[data-cp-periods]'))"
        " & Node.DOCUMENT_POSITION_FOLLOWING"
    )
