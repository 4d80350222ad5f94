"""POE checklists in headless Chromium: saving, moving work, broken storage, rules updates."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from generator.checklists import activity_checklist

from .browser import open_page, ready_for_instant_navigation, save_elsewhere, serve, unopened_page
from .conftest import ROOT, rules_at
from .portal import Build

RULES = rules_at(ROOT / "rules.yaml")
ACTIVITY = next(a for a in RULES.activities if a.id == "print-advertising")
CHECKLIST = activity_checklist(RULES, ACTIVITY)
ITEMS = CHECKLIST.items  # every tick box; a "one of" group has one per option
TOTAL = len(CHECKLIST.entries)  # what the progress counts: a group once
PAGE = "activities/print-advertising/"
KEY = "coop-portal:v2:checklist:activity:print-advertising"
OLD_KEY = "coop-portal:v1:checklist:activity:print-advertising"  # before the shared store


def _box(page: Page, item_id: str) -> Any:
    return page.locator(f"[data-cp-item='{item_id}'] input[type=checkbox]")


def test_ticks_survive_reload_and_instant_navigation(
    either_chromium: Callable[..., Any], site_url: str
) -> None:
    """Ticked items stay ticked after a reload and after navigating away and back, and a
    second tab's ticks reach the first."""
    page, trouble = open_page(either_chromium, site_url + PAGE)
    progress = page.locator(".cp-checklist__progress")
    expect(progress).to_have_text(f"0 of {TOTAL} done.")
    page.get_by_label(ITEMS[0].text).check()
    page.get_by_label(ITEMS[2].text).check()
    expect(progress).to_have_text(f"2 of {TOTAL} done.")
    expect(progress).to_have_attribute("role", "status")
    page.reload()
    expect(_box(page, ITEMS[0].id)).to_be_checked()
    expect(_box(page, ITEMS[2].id)).to_be_checked()
    expect(_box(page, ITEMS[1].id)).not_to_be_checked()
    second_tab = page.context.new_page()
    second_tab.goto(site_url + PAGE)
    _box(second_tab, ITEMS[1].id).check()
    expect(_box(page, ITEMS[1].id)).to_be_checked()  # the first tab follows the second
    _box(second_tab, ITEMS[1].id).uncheck()
    expect(_box(page, ITEMS[1].id)).not_to_be_checked()
    second_tab.close()
    ready_for_instant_navigation(page)
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-nav").get_by_role("link", name="Digital advertising").click()
    expect(page).to_have_url(re.compile(r"/activities/digital-advertising/$"))
    expect(page.locator(".cp-checklist__progress")).to_contain_text(" of ")
    page.go_back()
    expect(_box(page, ITEMS[0].id)).to_be_checked()
    expect(page.locator(".cp-checklist__progress")).to_have_text(f"2 of {TOTAL} done.")
    assert page.evaluate("window.__sameDocument") is True
    trouble.assert_clean()


def test_reset_asks_first_then_unticks_everything(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Reset shows a confirmation; Cancel keeps ticks, Untick all clears them."""
    page, trouble = open_page(context_factory, site_url + PAGE)
    page.get_by_label(ITEMS[1].text).check()
    page.get_by_role("button", name="Reset").click()
    expect(page.get_by_role("group", name="Confirm reset")).to_be_visible()
    page.get_by_role("button", name="Cancel").click()
    expect(_box(page, ITEMS[1].id)).to_be_checked()
    page.get_by_role("button", name="Reset").click()
    page.get_by_role("button", name="Untick all").click()
    expect(_box(page, ITEMS[1].id)).not_to_be_checked()
    expect(page.locator(".cp-checklist__progress")).to_have_text(f"0 of {TOTAL} done.")
    page.reload()
    expect(_box(page, ITEMS[1].id)).not_to_be_checked()
    trouble.assert_clean()


def test_export_then_import_moves_progress_to_another_browser(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path
) -> None:
    """An exported file, imported in a fresh browser, restores the same ticks."""
    page, _ = open_page(context_factory, site_url + PAGE)
    page.get_by_label(ITEMS[0].text).check()
    page.get_by_label(ITEMS[3].text).check()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export progress").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    exported = json.loads(saved.read_text())
    assert exported["format"] == "coop-portal-checklist"
    assert sorted(exported["items"]) == sorted([ITEMS[0].id, ITEMS[3].id])
    other, trouble = open_page(context_factory, site_url + PAGE)
    other.locator("[data-cp-import-file]").set_input_files(str(saved))
    expect(other.locator("[data-cp-notice=import]")).to_contain_text("Imported 2 items")
    expect(_box(other, ITEMS[0].id)).to_be_checked()
    expect(_box(other, ITEMS[3].id)).to_be_checked()
    trouble.assert_clean()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("this is not json", "it is not valid JSON"),
        ('{"hello": "world"}', "not a checklist export from this portal"),
        (
            '{"format": "coop-portal-checklist", "version": 1,'
            ' "checklist": "activity:telemarketing",'
            ' "title": "POE checklist: Telemarketing", "items": {}}',
            'holds the checklist "POE checklist: Telemarketing", not this one',
        ),
        (
            '{"format": "coop-portal-checklist", "version": 1,'
            ' "checklist": "activity:print-advertising", "items": {"poe-x": "oops"}}',
            "list of ticked items is damaged",
        ),
    ],
)
def test_import_rejects_bad_files_with_a_clear_message(
    context_factory: Callable[..., Any], site_url: str, tmp_path: Path, content: str, message: str
) -> None:
    """A wrong or damaged file is refused, says why, and changes nothing."""
    page, _ = open_page(context_factory, site_url + PAGE)
    page.get_by_label(ITEMS[0].text).check()
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    page.locator("[data-cp-import-file]").set_input_files(str(bad))
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text(message)
    expect(_box(page, ITEMS[0].id)).to_be_checked()


def test_state_link_hands_the_ticks_to_a_colleague(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The link carries the ticks; opening it in a fresh browser shows the same ticks."""
    page, _ = open_page(context_factory, site_url + PAGE)
    page.get_by_label(ITEMS[1].text).check()
    page.get_by_label(ITEMS[4].text).check()
    page.get_by_role("button", name="Copy a link with these ticks").click()
    link = page.locator("[data-cp-state-link]").input_value()
    assert "#ticked=" in link
    colleague, trouble = open_page(context_factory, link)
    expect(colleague.locator("[data-cp-notice=link]")).to_contain_text("Loaded 2 ticked items")
    expect(_box(colleague, ITEMS[1].id)).to_be_checked()
    expect(_box(colleague, ITEMS[4].id)).to_be_checked()
    assert "#ticked" not in colleague.url
    trouble.assert_clean()


def test_blocked_storage_keeps_ticks_in_memory_and_says_so(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Where storage throws (sandboxed iframe, private mode) ticks work and a notice explains."""
    page, trouble = open_page(context_factory, site_url + PAGE, blocked_storage=True)
    expect(page.locator("[data-cp-notice=storage]")).to_contain_text(
        "ticks last only while this page is open"
    )
    page.get_by_label(ITEMS[0].text).check()
    expect(page.locator(".cp-checklist__progress")).to_have_text(f"1 of {TOTAL} done.")
    ready_for_instant_navigation(page)
    page.locator(".md-nav").get_by_role("link", name="Digital advertising").click()
    page.go_back()
    expect(_box(page, ITEMS[0].id)).to_be_checked()  # kept in memory across instant navigation
    trouble.assert_clean()


def test_corrupt_saved_data_starts_fresh_and_says_so(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Unreadable saved data never breaks the page: the list starts empty with a notice."""
    # One context, its storage replaced before each case: isolation is not the subject here.
    page, trouble = unopened_page(context_factory, site_url)
    for junk in (
        "{not json",
        '{"v": 1, "items": []}',
        '"just a string"',
        '{"v": 1, "items": {"A B": {}}}',
    ):
        save_elsewhere(page, site_url, KEY, junk)
        page.goto(site_url + PAGE)
        expect(page.locator("[data-cp-notice=corrupt]")).to_contain_text("could not be read")
        expect(page.locator(".cp-checklist__progress")).to_have_text(f"0 of {TOTAL} done.")
        page.get_by_label(ITEMS[0].text).check()
        page.reload()
        expect(_box(page, ITEMS[0].id)).to_be_checked()
        expect(page.locator("[data-cp-notice=corrupt]")).to_have_count(0)
        trouble.assert_clean()


def test_one_option_of_a_choice_counts_the_group_done_and_survives_reload(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """In a "one of" group one ticked option counts once; all ticked reads "N of N done"."""
    seminar = activity_checklist(RULES, next(a for a in RULES.activities if "seminar" in a.id))
    total = len(seminar.entries)
    page, trouble = open_page(context_factory, site_url + "activities/customer-seminars-bootcamps/")
    progress = page.locator(".cp-checklist__progress")
    expect(progress).to_have_text(f"0 of {total} done.")
    photos = page.get_by_role("group", name=re.compile(r"^One of: Photos of the event"))
    expect(photos).to_have_accessible_name(re.compile(r"\(not done yet\)$"))
    screen = seminar.items[[i.id for i in seminar.items].index("poe-webinar-welcome-screen")]
    photos.get_by_label(screen.text).check()
    expect(photos).to_have_accessible_name(re.compile(r"\(done\)$"))
    expect(progress).to_have_text(f"1 of {total} done.")
    photos.get_by_role("checkbox").first.check()  # the other option too: still one entry done
    expect(progress).to_have_text(f"1 of {total} done.")
    for entry in seminar.entries:
        if not entry.options:
            _box(page, entry.id).check()
        elif entry.id != "poe-event-photos-or-welcome-screen":
            _box(page, entry.options[-1].id).check()
    expect(progress).to_have_text(f"{total} of {total} done.")
    page.reload()
    expect(progress).to_have_text(f"{total} of {total} done.")
    expect(_box(page, "poe-webinar-welcome-screen")).to_be_checked()
    expect(photos).to_have_accessible_name(re.compile(r"\(done\)$"))
    trouble.assert_clean()


def test_tick_saved_before_an_item_became_a_choice_is_flagged_until_an_option_is_ticked(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A tick saved on an item that is now a group is kept and flagged, not silently dropped."""
    saved = {"v": 1, "items": {"poe-invoice-or-csr": {"hash": "0123456789", "at": "2025-03-01"}}}
    page, trouble = unopened_page(context_factory, site_url)
    save_elsewhere(page, site_url, OLD_KEY, json.dumps(saved))
    page.goto(site_url + PAGE)
    group = page.locator("[data-cp-choice='poe-invoice-or-csr']")
    expect(group.locator("[data-cp-changed=choice]")).to_contain_text("now a choice")
    expect(page.locator(".cp-checklist__progress")).to_have_text(
        f"0 of {TOTAL} done; 1 changed since you ticked it."
    )
    _box(page, "poe-csr").check()
    expect(group.locator("[data-cp-changed=choice]")).to_be_hidden()
    expect(page.locator(".cp-checklist__progress")).to_have_text(f"1 of {TOTAL} done.")
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))
    assert sorted(stored["items"]) == ["poe-csr"]
    trouble.assert_clean()


def test_ticks_saved_under_the_old_key_move_to_the_new_one_and_stay_as_a_backup(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """A user's ticks from before the shared store are there after the update; the old text is
    kept in the backup list, and a reset afterwards does not bring them back."""
    item = ITEMS[1]
    saved = {
        "v": 1,
        "rulesVersion": "old",
        "items": {item.id: {"hash": item.hash, "at": "2026-03-01"}},
    }
    page, trouble = unopened_page(context_factory, site_url)
    save_elsewhere(page, site_url, OLD_KEY, json.dumps(saved))
    page.goto(site_url + PAGE)
    expect(_box(page, item.id)).to_be_checked()
    expect(page.locator(".cp-checklist__progress")).to_have_text(f"1 of {TOTAL} done.")
    stored = page.evaluate(
        "([k, o, b]) => [JSON.parse(localStorage.getItem(k)), localStorage.getItem(o), "
        "JSON.parse(localStorage.getItem(b))]",
        [KEY, OLD_KEY, "coop-portal:v1:checklist-backup"],
    )
    assert sorted(stored[0]["items"]) == [item.id]
    assert stored[1] is None
    assert [(b["key"], json.loads(b["text"])) for b in stored[2]] == [(OLD_KEY, saved)]
    page.get_by_role("button", name="Reset").click()
    page.get_by_role("button", name="Untick all").click()
    page.reload()
    expect(_box(page, item.id)).not_to_be_checked()
    trouble.assert_clean()


@pytest.fixture(scope="module")
def two_versions(
    built_site: Path, variant_build: Build, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, Path, Path, Path]]:
    """One served folder and two builds: today's rules, and an update that rewords one POE
    item and removes another (the variant build of tests/portal.py)."""
    served = tmp_path_factory.mktemp("served") / "site"
    shutil.copytree(built_site, served)
    # Copied with new times, so the update is newer than the site it replaces (the server
    # answers a reload's If-Modified-Since by the files' times).
    new = tmp_path_factory.mktemp("update") / "site"
    shutil.copytree(variant_build.site, new, copy_function=shutil.copy)
    with serve(served) as base:
        yield base, served, built_site, new


def test_rules_update_keeps_unchanged_ticks_and_flags_changed_items(
    context_factory: Callable[..., Any], two_versions: tuple[str, Path, Path, Path]
) -> None:
    """After a rules update: unchanged ticks stay, reworded items are flagged, removed ones drop."""
    base, served, _, new = two_versions
    page, trouble = open_page(context_factory, base + PAGE)
    for item_id in ("poe-third-party-invoice", "poe-final-printed-piece", "poe-estimated-reach"):
        _box(page, item_id).check()
    staged = served.with_name("staged")
    shutil.copytree(new, staged)
    served.rename(served.with_name("previous"))
    staged.rename(served)  # swap in one step, so no request sees a half-copied site
    page.reload()
    expect(_box(page, "poe-third-party-invoice")).to_be_checked()
    changed = page.locator("[data-cp-item='poe-final-printed-piece']")
    expect(changed.locator("input")).not_to_be_checked()
    expect(changed.locator("[data-cp-changed]")).to_contain_text("Changed since you ticked it")
    expect(page.locator("[data-cp-item='poe-estimated-reach']")).to_have_count(0)
    expect(page.locator(".cp-checklist__progress")).to_contain_text("1 of")
    expect(page.locator(".cp-checklist__progress")).to_contain_text("1 changed since you ticked it")
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", KEY))
    assert "poe-estimated-reach" not in stored["items"]
    changed.locator("input").check()
    expect(changed.locator("[data-cp-changed]")).to_be_hidden()
    page.reload()
    expect(changed.locator("input")).to_be_checked()
    trouble.assert_clean()


def test_checklist_reads_as_a_plain_list_without_javascript(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """With JavaScript off every item is there as text, with no controls that do nothing."""
    page = context_factory(java_script_enabled=False).new_page()
    page.goto(site_url + PAGE)
    items = page.locator("[data-cp-item]")
    expect(items).to_have_count(len(ITEMS))
    expect(page.locator(".cp-checklist input")).to_have_count(0)
    expect(items.first).to_contain_text(ITEMS[0].text)


def test_claim_checklist_on_the_claim_process_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The pre-submission checklist has the guidebook's items and the steps, and saves ticks."""
    page, trouble = open_page(context_factory, site_url + "claims/process/")
    steps = len(RULES.claim_process.steps) + len(RULES.claim_process.checklist)
    progress = page.locator(".cp-checklist__progress")
    expect(progress).to_have_text(f"0 of {steps} done.")
    page.locator("[data-cp-checklist=claim] input[type=checkbox]").first.check()
    page.reload()
    expect(progress).to_have_text(f"1 of {steps} done.")
    trouble.assert_clean()
