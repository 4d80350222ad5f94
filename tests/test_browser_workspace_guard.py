"""My co-op never loses or locks away a claim (issue 18, items 1 and 2), in Debian's Chromium:
repeated ids, names every JavaScript object has, times that are not real and amounts that
would round past the limit are refused in a file and salvaged from storage with a backup; a
file that would replace or delete claims says so and asks; a part that fails says so once and
the others go on working; and a few stored values from the fuzz start the page."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, expect

from .browser import started
from .test_browser_workspace import KEY, WHEN, _claim_data, _download, _seed
from .ws_storage import backups, settled
from .ws_storage import saved as stored_workspace

WS = {"format": "coop-portal/workspace", "version": 1}
ROWS = "[data-cp-ws-claims-table] tbody tr"
BACKUP = "[data-cp-ws-backup]"
RECORD = "coop-portal:v1:workspace-file"


def _page(
    context_factory: Callable[..., Any],
    site_url: str,
    stored: str | None = None,
    record: str | None = None,
) -> Page:
    """My co-op with ``stored`` as the saved text (and ``record`` as the record of saving to a
    file), started."""
    context = context_factory(timezone_id="UTC", accept_downloads=True)
    if record is not None:
        context.add_init_script(f"localStorage.setItem({RECORD!r}, {json.dumps(record)});")
    if stored is not None:
        _seed(context, stored)
    page: Page = context.new_page()
    page.clock.set_fixed_time(WHEN)
    page.goto(site_url + "workspace/")
    started(page)
    expect(page.locator("[data-cp-ws-where]")).to_be_visible()
    return page


def _file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def _saved(page: Page) -> dict[str, Any]:
    return stored_workspace(page)


def _works(page: Page) -> None:
    """Nothing says a part could not start; Save to a file gives a file the page opens again,
    and Clear empties the workspace."""
    expect(page.locator("[data-cp-failure]")).to_have_count(0)
    saved = _download(page, lambda: page.click("#cp-ws-save-file"))
    assert json.loads(saved.read_text(encoding="utf-8"))["format"] == WS["format"]
    page.click("[data-cp-ws-clear]")
    page.get_by_role("button", name="Clear without saving").click()
    expect(page.locator("[data-cp-ws-no-claims]")).to_be_visible()
    assert _saved(page)["claims"] == []


def test_two_stored_claims_with_one_id_are_both_kept_after_an_edit_and_a_reload(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Storage holds two claims with one id: both are shown, the page says so and keeps the
    text as a backup, and after an edit and a reload both are still there, apart."""
    first = _claim_data("d1", "INV1 first ad")
    second = _claim_data("d1", "INV2 second ad", start="2026-10-01", end="2026-10-30")
    stored = json.dumps({**WS, "funds": [], "claims": [first, second]})
    page = _page(context_factory, site_url, stored)
    expect(page.locator(ROWS)).to_have_count(2)
    expect(page.locator(BACKUP)).to_contain_text("claims[1].id: expected each claim id once")
    page.get_by_role("button", name="Open the claim INV2 second ad").click()
    page.fill("#cp-ws-c-notes", "edited")
    page.locator("#cp-ws-c-notes").blur()
    settled(page)  # the edit saved (a reload in the same instant keeps it as a draft instead)
    page.reload()
    started(page)
    expect(page.locator(ROWS)).to_have_count(2)
    claims = {c["name"]: c for c in _saved(page)["claims"]}
    assert set(claims) == {"INV1 first ad", "INV2 second ad"}
    assert claims["INV2 second ad"]["notes"] == "edited"
    assert claims["INV1 first ad"]["id"] != claims["INV2 second ad"]["id"]


def test_a_file_with_one_id_twice_is_refused_naming_the_field(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path
) -> None:
    """A file repeating a claim id, or holding a key named like a built-in property or an
    amount that rounds to the limit, is refused with the field named; nothing changes."""
    page = _page(context_factory, site_url)
    claim = _claim_data("f1", "INV3 ad")
    cases = {
        "twice.json": (
            json.dumps({**WS, "funds": [], "claims": [claim, {**claim, "name": "INV4"}]}),
            "claims[1].id: expected each claim id once, but got 'f1' again (as in claims[0].id)",
        ),
        "proto.json": (
            json.dumps({**WS, "funds": [], "claims": [claim]})[:-1] + ', "__proto__": {"x": 1}}',
            "__proto__: expected no such field",
        ),
        "own.json": (
            json.dumps({**WS, "funds": [], "claims": [{**claim, "hasOwnProperty": 1}]}),
            "claims[0].hasOwnProperty: expected no such field",
        ),
        "rounds.json": (
            json.dumps({**WS, "funds": [], "claims": [{**claim, "amount": 999999999999.995}]}),
            "claims[0].amount: expected a number from 0 to 999999999999.99",
        ),
    }
    for name, (text, said) in cases.items():
        page.set_input_files("[data-cp-ws-open-file]", _file(tmp_path, name, text))
        refused = page.locator("[data-cp-ws-open-errors]")
        expect(refused).to_contain_text(name + ". It is a workspace file")
        expect(refused).to_contain_text(said)
        expect(page.locator(ROWS)).to_have_count(0)
    expect(page.locator("[data-cp-failure]")).to_have_count(0)


def test_stored_keys_named_like_built_in_properties_never_stop_the_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Storage with keys named __proto__, hasOwnProperty and valueOf (and a damaged record of
    saving to a file): the page starts, shows the claim, offers the backup with the field
    named, and Save to a file and Clear work."""
    claim = json.dumps(_claim_data("p1", "INV5 ad"))[:-1] + ', "valueOf": 1}'
    stored = (
        '{"format": "coop-portal/workspace", "version": 1, "__proto__": {"claims": []},'
        f' "hasOwnProperty": 2, "funds": [], "claims": [{claim}]}}'
    )
    page = _page(context_factory, site_url, stored, record='{"file": 5, "__proto__": {"x": 1}}')
    expect(page.locator(ROWS)).to_have_count(1)
    expect(page.locator("[data-cp-ws-where]")).to_contain_text("Not yet saved to a file.")
    warning = page.locator(BACKUP)
    expect(warning).to_contain_text("__proto__: expected no such field")
    expect(warning).to_contain_text("claims[0].valueOf: expected no such field")
    kept = _download(
        page, lambda: warning.get_by_role("button", name="Download the backup").click()
    )
    assert json.loads(kept.read_text(encoding="utf-8"))[0]["text"] == stored
    _works(page)


def test_a_stored_time_that_is_not_a_real_time_lets_every_change_through(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """An `updated` stamp that looks like a time but is none (month 13, hour 99): the page
    starts, an edit is saved, and Save to a file and Clear work."""
    bad = "2026-13-45T99:99:99.999Z"
    claim = _claim_data("t1", "INV6 ad", updated=bad)
    stored = json.dumps({**WS, "updated": bad, "funds": [], "claims": [claim]})
    page = _page(context_factory, site_url, stored)
    page.get_by_role("button", name="Open the claim INV6 ad").click()
    page.fill("#cp-ws-c-notes", "still works")
    page.locator("#cp-ws-c-notes").blur()
    expect(page.locator("#cp-ws-c-notes")).not_to_have_attribute("aria-invalid", "true")
    assert _saved(page)["claims"][0]["notes"] == "still works"
    expect(page.locator(BACKUP)).to_contain_text("updated: expected a real time")
    _works(page)


def test_a_file_that_would_replace_or_delete_claims_says_so_and_can_keep_mine(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path
) -> None:
    """A file whose copy of a claim is dated far in the future and whose bin deletes another:
    both are listed before anything changes (the future date named); keeping my versions adds
    only its new claim. Adding it taking its changes replaces and deletes as listed."""
    mine = _claim_data("m1", "INV7 mine", updated="2026-08-01T10:00:00.000Z")
    other = _claim_data("m2", "INV8 other", updated="2026-08-01T10:00:00.000Z")
    stored = json.dumps({**WS, "funds": [], "claims": [mine, other]})
    theirs = {**mine, "name": "INV7 from the file", "updated": "2999-01-01T00:00:00.000Z"}
    new = _claim_data("m3", "INV9 new", start="2026-10-01", end="2026-10-30")
    bin_entry = {"id": "m2", "at": "2026-08-20T10:00:00.000Z"}
    file = _file(
        tmp_path,
        "theirs.json",
        json.dumps({**WS, "funds": [], "claims": [theirs, new], "deleted": [bin_entry]}),
    )
    page = _page(context_factory, site_url, stored)
    page.set_input_files("[data-cp-ws-open-file]", file)
    choice = page.locator("[data-cp-ws-open-choice]")
    expect(choice.locator("[data-cp-ws-open-replaces] li")).to_have_text(
        [
            "INV7 mine: yours changed on 1 August 2026, the file's on 1 January 2999 (a day"
            " still to come: the clock of the computer that saved the file may be wrong)."
        ]
    )
    expect(choice.locator("[data-cp-ws-open-deletes] li")).to_have_text(
        ["INV8 other, deleted in the file on 20 August 2026."]
    )
    expect(choice.locator("[data-cp-ws-open-removes] li")).to_have_text(["INV8 other"])
    assert [c["name"] for c in _saved(page)["claims"]] == ["INV7 mine", "INV8 other"]
    choice.get_by_role("button", name="Add only its new claims, keep my versions").click()
    expect(page.locator("[data-cp-ws-done]")).to_contain_text("1 claims added, 0 updated")
    names = sorted(c["name"] for c in _saved(page)["claims"])
    assert names == ["INV7 mine", "INV8 other", "INV9 new"]
    page.set_input_files("[data-cp-ws-open-file]", file)
    page.get_by_role("button", name="Add the file's claims and take its changes").click()
    expect(page.locator("[data-cp-ws-done]")).to_contain_text("1 moved to the deleted claims")
    saved = _saved(page)
    assert sorted(c["name"] for c in saved["claims"]) == ["INV7 from the file", "INV9 new"]
    assert [t["id"] for t in saved["deleted"]] == ["m2"]


def test_a_part_that_fails_says_so_once_and_the_others_work(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A part whose code throws at start, and a part whose every redraw throws: each says so in
    one alert however often it fails, and the rest of My co-op (the claims, Save, Clear)
    works."""
    context = context_factory(timezone_id="UTC", accept_downloads=True)
    broken = {
        "ws-dashboard.js": 'export function start() { throw new Error("this part is broken"); }',
        "ws-funds.js": (
            'import { storeFor } from "./ws-store.js";'
            " export function start(root, data) { let n = 0;"
            " storeFor(root.ownerDocument, data).subscribe(() => {"
            ' if (n++) throw new Error("this redraw is broken"); }); }'
        ),
    }

    def serve(body: str) -> Callable[[Any], None]:
        return lambda route: route.fulfill(
            status=200, content_type="text/javascript; charset=utf-8", body=body
        )

    for part, body in broken.items():
        context.route("**/components/" + part + "*", serve(body))
    _seed(context, json.dumps({**WS, "funds": [], "claims": [_claim_data("b1", "INV10")]}))
    page = context.new_page()
    page.clock.set_fixed_time(WHEN)
    page.goto(site_url + "workspace/")
    started(page)
    start = page.get_by_role("alert").filter(has_text="this part is broken")
    expect(start).to_have_count(1)
    expect(start).to_contain_text("could not start")
    expect(page.locator(ROWS)).to_have_count(1)
    page.get_by_role("button", name="Open the claim INV10").click()
    page.fill("#cp-ws-c-notes", "one")
    page.locator("#cp-ws-c-notes").blur()
    page.fill("#cp-ws-c-notes", "two")
    page.locator("#cp-ws-c-notes").blur()
    redraw = page.get_by_role("alert").filter(has_text="this redraw is broken")
    expect(redraw).to_have_count(1)
    assert _saved(page)["claims"][0]["notes"] == "two"
    page.evaluate("document.querySelectorAll('[data-cp-failure]').forEach((n) => n.remove())")
    _works(page)


def _fuzzed(seed: int) -> str:
    """A valid workspace mutated at random (seeded): ids repeated, built-in names as keys, a
    stamp that is not a time, a rounding amount, or random JSON in place of a field."""
    rng = random.Random(seed)
    claims = [
        _claim_data(f"z{i}", f"INV{i} fuzz", updated="2026-08-01T10:00:00.000Z") for i in range(3)
    ]
    workspace: dict[str, Any] = {**WS, "funds": [], "claims": claims}
    junk: list[Any] = [
        None,
        True,
        -1,
        999999999999.995,
        "2026-13-45T99:99:99.999Z",
        [],
        {},
        "x" * 300,
    ]
    for _ in range(3):
        claim = rng.choice(claims)
        roll = rng.randrange(5)
        if roll == 0:
            claim["id"] = "z0"
        elif roll == 1:
            claim[rng.choice(["valueOf", "constructor", "toString"])] = rng.choice(junk)
        elif roll == 2:
            claim[rng.choice(["amount", "updated", "start", "ticked"])] = rng.choice(junk)
        elif roll == 3:
            workspace["updated"] = rng.choice(junk)
        else:
            workspace[rng.choice(["funds", "deleted"])] = rng.choice(junk)
    text = json.dumps(workspace)
    return text.replace('"format"', '"__proto__": {"claims": 1}, "format"', rng.randrange(2))


def test_fuzzed_stored_values_always_start_the_page_and_offer_what_was_dropped(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A few stored values of the node fuzz's kind (tests/js/workspace-file.test.js runs
    thousands): each starts the page with no part failing, the backup holds the exact text
    whenever something was not used, and the claims shown are those the page kept."""
    context = context_factory(timezone_id="UTC", accept_downloads=True)
    page = context.new_page()
    page.clock.set_fixed_time(WHEN)
    page.goto(site_url + "workspace/")
    started(page)
    for seed in range(4):
        text = _fuzzed(seed)
        page.goto(site_url + "about/")  # no page of the site holds the workspace open
        page.evaluate(
            """async ([k, t]) => {
              await new Promise((done) => {
                const gone = indexedDB.deleteDatabase("coop-portal");
                gone.onsuccess = gone.onerror = gone.onblocked = done;
              });
              localStorage.clear();
              localStorage.setItem(k, t);
            }""",
            [KEY, text],
        )
        page.goto(site_url + "workspace/")
        started(page)
        expect(page.locator("[data-cp-ws-where]")).to_be_visible()
        expect(page.locator("[data-cp-failure]")).to_have_count(0)
        expect(page.locator("[data-cp-ws-claims] h2")).to_be_visible()
        kept = _saved(page)
        kept_back = backups(page)
        shown = page.locator(ROWS).count()
        if kept_back:
            assert kept_back[0]["text"] == text, seed
            expect(page.locator(BACKUP)).to_be_visible()
        else:
            assert kept["claims"] == json.loads(text)["claims"], seed
        assert shown == len(kept["claims"]), seed
