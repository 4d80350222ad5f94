"""Where My co-op keeps a partner's work, in Debian's Chromium: IndexedDB, one record per claim;
two tabs interleaving edits a few milliseconds apart (with the browser's Web Locks, and without
them) lose none; text typed and not yet entered comes back after a reload, marked as a draft;
what today's version kept in localStorage moves over intact; the browser is asked to keep the
storage and the page says what it answered; a full store is named as such."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .browser import add_claim, started
from .test_browser_workspace import _claim_data
from .ws_storage import LEGACY_KEY, stored

FILE_KEY = "coop-portal:v1:workspace-file"
# Milliseconds between one tab's edit and the other's: the same task, a few ms, a save apart.
GAPS = (0, 3, 12)
NOTED = 4  # claims whose notes each tab edits in a round (of the round's 24)
TAB_FIELDS = (
    ("name", "claim_number", "notes", "amount"),
    ("claimed", "approved", "paid", "next-text"),
)


def _claim(claim_id: str, name: str, **extra: Any) -> dict[str, Any]:
    """A claim as the previous version stored it: planned, with its stamps."""
    stamps = {"created": "2026-08-01T00:00:00.000Z", "updated": "2026-08-01T00:00:00.000Z"}
    return _claim_data(claim_id, name, **{"status": "planned", **stamps, **extra})


def _seed(context: Any, values: dict[str, str]) -> None:
    """Puts ``values`` in localStorage, as today's version left them, before the first page of
    each tab of ``context`` loads."""
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" for (const [k, v] of Object.entries({json.dumps(values)})) localStorage.setItem(k, v);"
        " sessionStorage.setItem('seeded', '1'); }"
    )


def _edits(gap: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Each tab's 12 edits for one gap: notes on 4 claims of its own, 4 ticks on one claim both
    tabs tick, and 4 fields of one claim both tabs edit (different fields)."""
    tabs: tuple[list[dict[str, Any]], list[dict[str, Any]]] = ([], [])
    for tab, edits in enumerate(tabs):
        for i in range(4):
            edits.append(
                {
                    "claim": f"g{gap}f",
                    "field": TAB_FIELDS[tab][i],
                    "value": _value(gap, TAB_FIELDS[tab][i]),
                }
            )
            edits.append({"claim": f"g{gap}t", "item": tab * 4 + i})
            n = tab * NOTED + i
            edits.append({"claim": f"g{gap}c{n}", "field": "notes", "value": f"note {gap}-{n}"})
    return tabs


def _value(gap: int, field: str) -> str:
    if field == "name":  # still found by the round's search
        return f"Round {gap}: renamed"
    return (
        str(100 + gap) + ".25"
        if field in ("amount", "claimed", "approved", "paid")
        else f"{field} {gap}"
    )


def _missing(workspace: dict[str, Any], gaps: tuple[int, ...]) -> list[str]:
    """Every edit of ``gaps`` that ``workspace`` does not hold, in words."""
    claims = {c["id"]: c for c in workspace["claims"]}
    out = []
    for gap in gaps:
        for n in range(2 * NOTED):
            if claims[f"g{gap}c{n}"].get("notes") != f"note {gap}-{n}":
                out.append(f"notes of claim {n} at {gap} ms")
        if len(claims[f"g{gap}t"]["ticked"]) != 8:
            out.append(f"ticks at {gap} ms: {len(claims[f'g{gap}t']['ticked'])} of 8")
        f = claims[f"g{gap}f"]
        for field in TAB_FIELDS[0] + TAB_FIELDS[1]:
            got = (f.get("next_action") or {}).get("text") if field == "next-text" else f.get(field)
            want: Any = _value(gap, field)
            if field in ("amount", "claimed", "approved", "paid"):
                want = float(want)
            if got != want:
                out.append(f"{field} at {gap} ms: {got!r}")
    return out


# The edits, run by the page itself at given times (so two tabs interleave to the millisecond):
# open the claim with its button, then type into a field and leave it, or click a tick box.
EDIT = """([edits, t0, gap, slot]) => {
  const at = (t) => new Promise((ok) => setTimeout(ok, Math.max(0, t - Date.now())));
  (async () => {
    for (let i = 0; i < edits.length; i++) {
      await at(t0 + (2 * i + slot) * gap);
      const e = edits[i], open = document.querySelector('[data-cp-ws-open]');
      if (!open || open.getAttribute('data-cp-ws-open') !== e.claim)
        document.getElementById('cp-ws-open-' + e.claim).click();
      if ('item' in e) {
        const item = '[data-cp-ws-open] [data-cp-ws-item] input[type=checkbox]';
        const boxes = document.querySelectorAll(item);
        boxes[e.item].click();
      } else {
        const el = document.getElementById('cp-ws-c-' + e.field);
        el.value = e.value;
        el.dispatchEvent(new Event('input', { bubbles: true }));
        el.dispatchEvent(new Event('change', { bubbles: true }));
      }
    }
    document.body.setAttribute('data-cp-test-done', String(gap));
  })();
}"""


def _tab_holds(page: Page, gaps: tuple[int, ...]) -> list[str]:
    """What the tab's own workspace (as it saves it to a file) lacks, once the other tab's
    saves have reached it (it hears of them a moment later)."""
    page.bring_to_front()  # a tab behind draws nothing, and a click waits for it to draw
    missing: list[str] = ["not read"]
    for _ in range(40):
        with page.expect_download() as download:
            page.click("#cp-ws-save-file")
        path = Path(download.value.path())
        missing = _missing(json.loads(path.read_text(encoding="utf-8")), gaps)
        if not missing:
            break
        page.wait_for_timeout(250)
    return missing


@pytest.mark.parametrize("locks", ["web-locks", "no-locks"])
def test_two_tabs_interleaving_edits_lose_none(
    context_factory: Callable[..., Any], site_url: str, locks: str
) -> None:
    """Two tabs make 24 edits each round, 0, 3 and 12 ms apart: notes of different
    claims, different fields of one claim, ticks on one claim. Every edit is in storage and in
    both tabs afterwards, and after a reload. Without Web Locks (older browsers) the
    transaction the merge runs in keeps the same promise."""
    gaps = GAPS if locks == "web-locks" else (0,)  # the closest interleave
    claims = []
    for gap in gaps:
        # Each round's claims share a name to search by: all rounds' are more than a page.
        claims += [_claim(f"g{gap}c{n}", f"Round {gap}: claim {n}") for n in range(24)]
        claims += [
            _claim(f"g{gap}t", f"Round {gap}: ticks"),
            _claim(f"g{gap}f", f"Round {gap}: fields"),
        ]
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": claims}
    context = context_factory(timezone_id="UTC", accept_downloads=True)
    _seed(context, {LEGACY_KEY: json.dumps(workspace)})
    if locks == "no-locks":
        context.add_init_script(
            "Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined });"
        )
    one = context.new_page()
    one.goto(site_url + f"workspace/?claim=g{gaps[0]}f")
    started(one)
    expect(one.locator("[data-cp-ws-open]")).to_be_visible()
    two = context.new_page()
    two.goto(site_url + f"workspace/?claim=g{gaps[0]}f")
    started(two)
    expect(two.locator("[data-cp-ws-open]")).to_be_visible()
    if locks == "no-locks":
        assert two.evaluate("() => navigator.locks === undefined")
    for gap in gaps:
        mine, theirs = _edits(gap)
        for page in (one, two):
            page.fill("[data-cp-ws-claims] input[type=search]", f"Round {gap}:")
            expect(page.locator(f"#cp-ws-open-g{gap}c0")).to_be_attached()
        t0 = time.time() * 1000 + 300
        one.evaluate(EDIT, [mine, t0, gap, 0])
        two.evaluate(EDIT, [theirs, t0, gap, 1])
        for page in (one, two):
            page.wait_for_function(
                f"() => document.body.getAttribute('data-cp-test-done') === '{gap}'"
            )
    assert stored(one) is not None  # tab one's saves are done (it waits for them) ...
    found = stored(two)  # ... and tab two's
    assert found
    assert found[0] == "indexeddb"
    assert _missing(found[1], gaps) == []
    assert _tab_holds(one, gaps) == []
    assert _tab_holds(two, gaps) == []
    one.reload()
    started(one)
    expect(one.locator("[data-cp-ws-claims-table] caption")).to_contain_text(
        f"{len(claims)} of {len(claims)} claims"
    )
    assert _tab_holds(one, gaps) == []


def test_todays_storage_moves_over_intact_and_a_draft_survives_a_reload(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """What today's version kept in localStorage (the workspace, the record of saving to a
    file) is in IndexedDB after the first visit, exactly, and the old copy is gone once the new
    one read back; the browser was asked to keep the site's storage and the page says what it
    answered; a note typed and not yet entered is back after a reload, marked as a draft."""
    claims = [
        _claim("a1", "INV1 print ad", notes="kept"),
        _claim("a2", "INV2 print ad", amount=1234.5, claim_number="C-9"),
    ]
    workspace = {
        "format": "coop-portal/workspace",
        "version": 1,
        "updated": "2026-08-02T00:00:00.000Z",
        "funds": [{"usage_period": "FY27H1", "amount": 40000, "currency": "USD"}],
        "claims": claims,
        "deleted": [
            {"id": "gone", "at": "2026-08-01T10:00:00.000Z", "claim": _claim("gone", "Old")}
        ],
    }
    file_record = {"file": "2026-08-01T09:00:00.000Z", "savedUpdated": "2026-08-01T00:00:00.000Z"}
    context = context_factory(timezone_id="UTC")
    _seed(context, {LEGACY_KEY: json.dumps(workspace), FILE_KEY: json.dumps(file_record)})
    # Records whether the page asks the browser to keep its storage (and lets it answer).
    context.add_init_script(
        "{ const s = navigator.storage, ask = s.persist.bind(s);"
        " s.persist = () => { sessionStorage.setItem('cp-asked-to-keep', '1'); return ask(); }; }"
    )
    page = context.new_page()
    page.goto(site_url + "workspace/?claim=a1")
    started(page)
    where = page.locator("[data-cp-ws-where]")
    expect(where).to_contain_text("agreed")
    found = stored(page)
    assert found is not None
    medium, moved = found
    assert medium == "indexeddb"
    assert moved["claims"] == claims
    assert moved["funds"] == workspace["funds"]
    assert moved["deleted"] == workspace["deleted"]
    assert page.evaluate(f"localStorage.getItem({LEGACY_KEY!r})") is None
    assert page.evaluate("sessionStorage.getItem('cp-asked-to-keep')") == "1"
    kept = page.evaluate("navigator.storage.persisted()")
    expect(where).to_contain_text("has agreed" if kept else "has not agreed")
    # The record of saving to a file came along: no changes since, so no reminder to save.
    expect(where).to_contain_text("Last saved to a file on")
    # A draft: typed, not entered (no change event), kept as it is typed.
    notes = page.locator("#cp-ws-c-notes")
    notes.click()
    notes.press("Control+End")
    notes.press_sequentially(" and more", delay=20)
    page.wait_for_function(
        "() => (localStorage.getItem('coop-portal:v1:workspace-drafts') || '').includes('and more')"
    )
    page.reload()
    started(page)
    expect(page.locator("#cp-ws-c-notes")).to_have_value("kept and more")
    draft = page.locator("[data-cp-ws-drafts]")
    expect(draft).to_contain_text("Draft")
    expect(draft).to_contain_text("INV1 print ad: notes")
    # Beside the field too, in words tied to it (not by colour alone), and only there.
    mark = page.locator("[data-cp-ws-restored]")
    expect(mark).to_have_count(1)
    expect(mark).to_have_text("Not yet saved: restored after reload")
    described = page.locator("#cp-ws-c-notes").get_attribute("aria-describedby") or ""
    assert mark.get_attribute("id") in described.split()
    # Entered (changed and left), it is no longer a draft, and it is saved.
    page.locator("#cp-ws-c-notes").press("Control+End")
    page.locator("#cp-ws-c-notes").press_sequentially("!")
    page.locator("#cp-ws-c-notes").press("Tab")
    expect(draft).to_have_count(0)
    expect(mark).to_have_count(0)
    found = stored(page)
    assert found
    assert next(c for c in found[1]["claims"] if c["id"] == "a1")["notes"] == "kept and more!"


def test_a_full_store_is_named_as_such(context_factory: Callable[..., Any], site_url: str) -> None:
    """With the site's storage quota filled (Chromium's quota for the origin set below any
    write), a new claim cannot be kept: the page says the storage is full, not that this is a
    private window, and offers to save to a file; the claim stays on the page."""
    # A context no test has used: storage another test's page allocated there (and kept after
    # it was cleared) would take the first writes without asking the quota.
    context = context_factory(timezone_id="UTC", accept_downloads=True, fresh=True)
    page = context.new_page()
    url = urlsplit(site_url)
    cdp = context.new_cdp_session(page)
    cdp.send(
        "Storage.overrideQuotaForOrigin", {"origin": f"{url.scheme}://{url.netloc}", "quotaSize": 1}
    )
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator("[data-cp-ws-where]")).to_be_visible()
    add_claim(page, "INV1 print ad", "print-advertising", "2026-09-01", "2026-09-30", "100")
    full = page.locator("[data-cp-ws-blocked]")
    expect(full).to_have_attribute("role", "alert")
    expect(full).to_have_attribute("data-cp-ws-blocked", "quota")
    expect(full).to_contain_text("storage is full")
    expect(full).not_to_contain_text("private window")
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: INV1 print ad")
    with page.expect_download() as download:
        full.get_by_role("button", name="Save to a file").click()
    file = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert [c["name"] for c in file["claims"]] == ["INV1 print ad"]
    assert stored(page) is None
