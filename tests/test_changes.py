"""The "What changed" list: differences between two versions of the rules, by stable id, in
partner words; where the earlier version comes from (a file, a git revision); the feed."""

from __future__ import annotations

import copy
import subprocess
from datetime import timedelta
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from icalendar import Calendar

from generator.brand import Brand
from generator.changes import (
    PreviousRulesError,
    changes_events,
    changes_feed,
    load_previous,
    rule_changes,
)
from generator.editions import lever_editions
from generator.exports import Site, deadlines_ics
from generator.model import Rules
from generator.periods import Half
from generator.render import long_date, percent
from generator.site import build_site

from .conftest import ROOT, rules_at

RULES = rules_at(ROOT / "rules.yaml")


def _edited(edit: Any) -> Rules:
    data = copy.deepcopy(RULES.model_dump(mode="python", exclude_none=False))
    edit(data)
    return Rules.model_validate(data, strict=False)


def test_the_same_rules_have_no_changes() -> None:
    """Comparing the rules with themselves lists nothing."""
    assert rule_changes(RULES, RULES) == []


def test_each_kind_of_update_is_said_in_partner_words() -> None:
    """A new rate, a moved deadline, a renamed activity, a new proof item and a removed
    expense each give one line that names the old and new value (no ids)."""
    lever = RULES.engagements[0].levers[0]
    period = RULES.periods[-1]
    activity = next(a for a in RULES.activities if a.expenses)
    later = period.claim_deadline + timedelta(days=1)

    def edit(d: dict[str, Any]) -> None:
        d["engagements"][0]["levers"][0]["rate_percent"] = lever.rate_percent + 1
        d["periods"][-1]["claim_deadline"] = later
        target = next(a for a in d["activities"] if a["id"] == activity.id)
        target["name"] = activity.name + " (renamed)"
        target["poe"].append({**target["poe"][0], "id": "brand-new-proof", "text": "A new proof."})
        target["expenses"] = target["expenses"][1:]

    texts = [c.text for c in rule_changes(RULES, _edited(edit))]
    first = lever_editions(RULES)[0]
    rate = f"{lever.name}: {percent(lever.rate_percent)} → {percent(lever.rate_percent + 1)}"
    assert f"{rate} ({first.name})." in texts
    assert (
        f"Usage period {period.usage.half}: the claim deadline moved from "
        f"{long_date(period.claim_deadline)} to {long_date(later)}." in texts
    )
    line = next(t for t in texts if t.startswith(activity.name + ":"))
    assert f"now called {activity.name} (renamed)" in line
    assert "new proof item: “A new proof.”" in line
    assert f"no longer an eligible expense: {activity.expenses[0].name}" in line
    assert not any(activity.id in t or lever.id in t for t in texts)


def test_a_new_wording_of_a_label_is_not_a_change() -> None:
    """Renaming a rates edition, a lever at the same rate or a claim status lists nothing: a
    partner has nothing to act on. An edition that now starts from another period is listed,
    with the periods it now applies to."""
    assert RULES.lever_editions, "the rules have a second rates edition"

    def reword(d: dict[str, Any]) -> None:
        d["lever_rates"]["edition"] += " (reworded)"
        d["lever_editions"][0]["edition"] += " (reworded)"
        d["engagements"][0]["levers"][0]["name"] += " (reworded)"
        d["claim_process"]["statuses"][0]["name"] += " (reworded)"

    assert rule_changes(RULES, _edited(reword)) == []
    later = Half.parse(RULES.lever_editions[0].earning_from).next().label

    def move(d: dict[str, Any]) -> None:
        d["lever_editions"][0]["earning_from"] = later

    moved = lever_editions(_edited(move))[1]
    assert [c.text for c in rule_changes(RULES, _edited(move))] == [
        f"The rates {moved.name} now apply to {moved.periods_text}."
    ]


def test_a_renamed_id_is_no_change_and_an_inherited_rate_is_said_once() -> None:
    """An activity or proof item given a new id with moved_from is the same one to a partner
    (nothing listed when nothing else changed); a base rate that a later edition inherits is
    listed once."""
    activity = next(a for a in RULES.activities if a.poe)
    lever = next(
        lv
        for lv in RULES.engagements[0].levers
        if all(c.lever != lv.id for e in RULES.lever_editions for c in e.changes)
    )

    def rename(d: dict[str, Any]) -> None:
        target = next(a for a in d["activities"] if a["id"] == activity.id)
        target["id"] = activity.id + "-renamed"
        target["moved_from"] = [activity.id]
        target["poe"][0] = {**target["poe"][0], "id": "renamed-proof"}
        target["poe"][0]["moved_from"] = [activity.poe[0].id]

    assert rule_changes(RULES, _edited(rename)) == []

    def rate(d: dict[str, Any]) -> None:
        for held in d["engagements"][0]["levers"]:
            if held["id"] == lever.id:
                held["rate_percent"] = lever.rate_percent + 1

    texts = [c.text for c in rule_changes(RULES, _edited(rate))]
    assert len(lever_editions(RULES)) > 1, "a later edition inherits the lever"
    assert [t for t in texts if t.startswith(f"{lever.name}:")] == [
        f"{lever.name}: {percent(lever.rate_percent)} → {percent(lever.rate_percent + 1)} "
        f"({lever_editions(RULES)[0].name})."
    ]


def test_the_shipped_update_lists_the_new_edition_and_the_category_rename() -> None:
    """Against the rules before it, the shipped update names its new rate edition with its
    lever changes, and every renamed category with its old name."""
    previous = load_previous("history/rules-2024.10-1.yaml", ROOT)
    texts = [c.text for c in rule_changes(previous, RULES)]
    # The first edition's end moved because a new edition follows it: its own line says so.
    assert not any(t.startswith("The rates ") for t in texts)
    for edition in lever_editions(RULES)[1:]:
        line = next(t for t in texts if t.startswith(f"New edition of the rates: {edition.name}"))
        for lever in edition.levers:
            if lever.before is not None:
                assert f"{percent(lever.before)} → {percent(lever.rate_percent)}" in line
        for lever in edition.removed:
            assert f"{lever.name} removed" in line
    old = {c.id: c.name for c in previous.categories}
    for category in RULES.categories:
        if old.get(category.id, category.name) != category.name:
            assert any(f"{old[category.id]} is now called {category.name}" in t for t in texts)


def test_the_earlier_rules_come_from_a_file_or_a_git_revision(tmp_path: Path) -> None:
    """A rules file and git:REV give the same earlier rules; anything else is refused with
    what to name instead."""
    repo = tmp_path / "repo"
    repo.mkdir()
    text = (ROOT / "history" / "rules-2024.10-1.yaml").read_text(encoding="utf-8")
    (repo / "rules.yaml").write_text(text, encoding="utf-8")
    git = ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "rules.yaml"], check=True)
    subprocess.run([*git, "commit", "-qm", "rules"], check=True)
    (repo / "rules.yaml").write_text("changed: after the commit\n", encoding="utf-8")
    from_git = load_previous("git:HEAD", repo)
    from_file = load_previous("history/rules-2024.10-1.yaml", ROOT)
    assert from_git == from_file
    with pytest.raises(PreviousRulesError, match="expected a rules file or a git revision"):
        load_previous("no-such-thing", repo)
    with pytest.raises(PreviousRulesError, match="the earlier rules are not valid"):
        load_previous("rules.yaml", repo)


def test_the_feed_has_one_entry_for_this_version_listing_each_change() -> None:
    """The Atom feed is valid XML, its entry is this rules version, and it lists every change."""
    previous = load_previous("history/rules-2024.10-1.yaml", ROOT)
    feed = changes_feed(RULES, previous, "https://portal.example.com/coop/")
    root = ElementTree.fromstring(feed)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    entries = root.findall("a:entry", ns)
    assert len(entries) == 1
    assert entries[0].findtext("a:title", namespaces=ns) == f"Rules version {RULES.rules_version}"
    link = entries[0].find("a:link", ns)
    assert link is not None
    assert link.get("href") == "https://portal.example.com/coop/reference/changes/"
    content = entries[0].findtext("a:content", namespaces=ns) or ""
    assert content.count("<li>") == len(rule_changes(previous, RULES))
    assert changes_feed(RULES, previous) == changes_feed(RULES, previous)
    assert b"names no earlier version" in changes_feed(RULES, None)


def test_the_deadlines_calendar_has_a_day_for_the_rules_update() -> None:
    """The built deadlines calendar, named for the distributor, gets one all-day event on the
    day the rules were reviewed, "Co-op rules updated: N changes", listing each change and
    linking the What changed page; with no earlier version (or nothing changed) it has none."""
    previous = load_previous("history/rules-2024.10-1.yaml", ROOT)
    changes = rule_changes(previous, RULES)
    url = "https://portal.example.com/coop/"
    tree = build_site(
        RULES, Brand(name="Contoso & Co"), site_name="Portal", site_url=url, previous=previous
    )
    calendar = Calendar.from_ical(tree.files["exports/deadlines.ics"])
    assert "Contoso & Co" in str(calendar["X-WR-CALNAME"])
    (update,) = [e for e in calendar.walk("VEVENT") if "rules" in str(e["UID"])]
    assert str(update["SUMMARY"]) == f"Co-op rules updated: {len(changes)} changes"
    assert update.decoded("DTSTART") == RULES.updated  # a date: all day
    assert update.decoded("DTEND") == RULES.updated + timedelta(days=1)
    assert str(update["URL"]) == url + "reference/changes/"
    description = str(update["DESCRIPTION"])
    assert all(f"- {c.area}: {c.text}" in description for c in changes)
    others = [e for e in calendar.walk("VEVENT") if e is not update]
    deadlines = [e for e in others if not str(e["UID"]).startswith("reminder-")]
    assert len(deadlines) == 2 * len(RULES.periods)
    assert changes_events(RULES, None, Site(url)) == ()
    assert changes_events(RULES, RULES, Site(url)) == ()
    alone = Calendar.from_ical(deadlines_ics(RULES, Site(url)))
    assert len(alone.walk("VEVENT")) == len(others)
