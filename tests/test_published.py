"""Published addresses are a contract (published-ids.json): renaming an activity without saying
where it moved fails the check with the fix; with ``moved_from`` its old page and embed
redirect (offline, from a sub-path, under the strict CSP) and a stored tick and claim follow."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import expect

from generator.browser_data import browser_data
from generator.checklists import activity_checklist
from generator.cli import main
from generator.errors import RulesError
from generator.loader import load_rules
from generator.pipeline import check_file
from generator.published import FILE

from .browser import Trouble, origin_of, started
from .portal import RENAMED, ROOT, Build, variant_rules
from .ws_storage import backups
from .ws_storage import saved as stored_workspace

OLD, NEW = RENAMED


def _project(tmp_path: Path, edit: Callable[[str], str]) -> Path:
    """The real rules.yaml and published-ids.json in tmp_path, the rules edited."""
    shutil.copy(ROOT / FILE, tmp_path / FILE)
    rules = tmp_path / "rules.yaml"
    rules.write_text(edit((ROOT / "rules.yaml").read_text(encoding="utf-8")), encoding="utf-8")
    return rules


def _unreferenced_activity() -> str:
    """An activity of the project's rules whose id appears only on its own `- id:` line (so
    renaming that line renames it everywhere)."""
    text = (ROOT / "rules.yaml").read_text(encoding="utf-8")
    ids = [a.id for a in load_rules(ROOT / "rules.yaml").rules.activities if not a.moved_from]
    return next(i for i in ids if len(re.findall(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)) == 1)


def _rename(moved: bool, old: str = OLD, new_id: str = NEW) -> Callable[[str], str]:
    line = f"  - id: {old}\n"

    def edit(text: str) -> str:
        assert line in text
        new = f"  - id: {new_id}\n" + (f"    moved_from: [{old}]\n" if moved else "")
        return text.replace(f"[{old}]", f"[{new_id}]", 1).replace(line, new)

    return edit


def test_renaming_an_activity_without_its_move_fails_with_the_fix(tmp_path: Path) -> None:
    old = _unreferenced_activity()
    new = old + "-renamed"
    rules = _project(tmp_path, _rename(moved=False, old=old, new_id=new))
    with pytest.raises(RulesError) as failed:
        check_file(rules)
    (problem,) = failed.value.problems
    text = str(problem)
    line = (ROOT / "rules.yaml").read_text(encoding="utf-8").split("\n").index("activities:") + 1
    assert text.startswith(f"{rules}:{line}:1: activities: expected the published activity '{old}'")
    assert f"embed/activities/{old}/" in text
    assert f"add `moved_from: [{old}]` to the activity that replaces it" in text
    # Saying where it moved passes; naming an id that still exists does not.
    check_file(_project(tmp_path, _rename(moved=True, old=old, new_id=new)))
    clash = _project(
        tmp_path,
        lambda t: t.replace(f"  - id: {old}\n", f"  - id: {old}\n    moved_from: [{old}]\n"),
    )
    with pytest.raises(RulesError, match="expected an id no activity has now"):
        check_file(clash)


def test_a_removed_checklist_item_is_refused_until_the_removal_is_recorded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    removed = (
        '      - {id: estimated-reach, kind: metrics, text: "The estimated reach of the'
        ' placement."}\n'
    )
    rules = _project(tmp_path, lambda t: t.replace(removed, "", 1))
    with pytest.raises(RulesError, match="poe-estimated-reach is gone"):
        check_file(rules)
    assert main(["published", str(rules), "--write"]) == 0
    written = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    assert "poe-estimated-reach" not in written["activities"]["print-advertising"]["items"]
    assert "Wrote" in capsys.readouterr().out
    check_file(rules)


def _unshared_poe_item() -> tuple[str, str]:
    """(activity id, POE item id) of a plain POE item written on one line whose id no other
    POE item of the project's rules has."""
    rules = load_rules(ROOT / "rules.yaml").rules
    text = (ROOT / "rules.yaml").read_text(encoding="utf-8")
    for activity in rules.activities:
        for item in activity.poe:
            if not item.one_of and text.count(f"{{id: {item.id}, ") == 1:
                return activity.id, item.id
    raise AssertionError("no POE item with an id of its own")


def test_renaming_a_checklist_item_needs_its_move_and_its_ticks_follow(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A POE item given a new id is refused, naming its activity's poe line and the
    moved_from to add; with moved_from it passes, the site's data carries the move for ticks
    saved under the old id, published-ids.json records it, and dropping the move later is
    refused again. moved_from naming an id an item still has is refused."""
    activity, old = _unshared_poe_item()
    new = old + "-renamed"
    plain = (f"{{id: {old}, ", f"{{id: {new}, ")
    moved = (f"{{id: {old}, ", f"{{id: {new}, moved_from: [{old}], ")
    rules = _project(tmp_path, lambda t: t.replace(*plain))
    with pytest.raises(RulesError) as failed:
        check_file(rules)
    (problem,) = failed.value.problems
    where = re.match(rf"{re.escape(str(rules))}:(\d+):\d+: ", str(problem))
    assert where, str(problem)
    assert rules.read_text(encoding="utf-8").split("\n")[int(where[1]) - 1].strip() == "poe:"
    assert f"poe-{old} is gone" in str(problem)
    assert f"add `moved_from: [{old}]` to the item that replaces it" in str(problem)
    rules = _project(tmp_path, lambda t: t.replace(*moved))
    check_file(rules)
    data = browser_data(load_rules(rules).rules)
    assert data["activities"][activity]["checklist"]["moved"] == {f"poe-{old}": f"poe-{new}"}
    assert main(["published", str(rules), "--write"]) == 0
    capsys.readouterr()
    written = json.loads((tmp_path / FILE).read_text(encoding="utf-8"))
    assert written["activities"][activity]["moved_items"] == {f"poe-{old}": f"poe-{new}"}
    rules.write_text(rules.read_text(encoding="utf-8").replace(*((moved[1], plain[1]))))
    with pytest.raises(RulesError, match=f"poe-{old} is gone"):
        check_file(rules)
    clash = _project(tmp_path, lambda t: t.replace(plain[0], f"{{id: {old}, moved_from: [{old}], "))
    with pytest.raises(RulesError, match="expected an id no item has now"):
        check_file(clash)


def test_a_moved_activity_redirects_and_its_tick_and_claim_follow(
    variant_build: Build, strict_url: str, context_factory: Callable[..., Any]
) -> None:
    """On the branded, updated variant under nginx's strict CSP: the old page and the old embed
    land on the new ones, the ticks saved under the old id show on the new page (one of them
    under a renamed item's old id), and a claim of the old activity is carried over in My
    co-op, its tick of the renamed item too, the text before kept as a backup."""
    rules = variant_rules(variant_build.site.parent)
    activity = next(a for a in rules.activities if a.id == NEW)
    checklist = activity_checklist(rules, activity)
    item = checklist.items[-1]
    renamed = next(i for i in checklist.items if i.moved_from)
    was = renamed.moved_from[0]
    ticks = {
        "v": 2,
        "rulesVersion": rules.rules_version,
        "items": {item.id: {"hash": item.hash}, was: {"hash": renamed.hash}},
    }
    claim = {
        "id": "m1",
        "name": "Mailing",
        "activity": OLD,
        "start": "2026-09-01",
        "end": "2026-09-30",
        "amount": 900,
        "status": rules.claim_process.planning_statuses[0].id,
        "ticked": [item.id, was],
    }
    workspace = {"format": "coop-portal/workspace", "version": 1, "funds": [], "claims": [claim]}
    context = context_factory(timezone_id="UTC")
    seeds = {
        f"coop-portal:v2:checklist:activity:{OLD}": json.dumps(ticks),
        "coop-portal:v1:workspace": json.dumps(workspace),
    }
    context.add_init_script(
        "if (!sessionStorage.getItem('seeded')) {"
        f" for (const [k, v] of Object.entries({json.dumps(seeds)})) localStorage.setItem(k, v);"
        " sessionStorage.setItem('seeded', '1'); }"
    )
    page = context.new_page()
    trouble = Trouble(origin_of(strict_url))
    trouble.watch(page)
    page.goto(strict_url + f"activities/{OLD}/")
    expect(page).to_have_url(strict_url + f"activities/{NEW}/")
    started(page)
    expect(page.locator(f"[data-cp-item='{item.id}'] input")).to_be_checked()
    expect(page.locator(f"[data-cp-item='{renamed.id}'] input")).to_be_checked()
    saved = page.evaluate(
        "(k) => localStorage.getItem(k)", f"coop-portal:v2:checklist:activity:{NEW}"
    )
    assert set(json.loads(saved)["items"]) == {item.id, renamed.id}
    # A link to a claim or an item on the old page keeps its query string and fragment.
    page.goto(strict_url + f"activities/{OLD}/?claim=m1#{item.id}")
    expect(page).to_have_url(strict_url + f"activities/{NEW}/?claim=m1#{item.id}")
    page.goto(strict_url + f"embed/activities/{OLD}/")
    expect(page).to_have_url(strict_url + f"embed/activities/{NEW}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(activity.name)
    page.goto(strict_url + "workspace/?claim=m1")
    started(page)
    expect(page.locator("#cp-ws-claim-heading")).to_have_text("Claim: Mailing")
    stored = stored_workspace(page)
    assert [c["activity"] for c in stored["claims"]] == [NEW]
    assert stored["claims"][0]["ticked"] == [item.id, renamed.id]
    assert "flags" not in stored["claims"][0]  # not flagged as a removed activity
    kept = backups(page)
    assert [json.loads(b["text"])["claims"][0]["activity"] for b in kept] == [OLD]
    trouble.assert_clean()


def test_a_redirect_works_from_a_file_and_without_scripts(
    variant_build: Build, strict_url: str, context_factory: Callable[..., Any]
) -> None:
    """Opened from file://, the old page's script still keeps the query and fragment; with
    scripts off, its refresh still lands on the new page."""
    old = variant_build.site / "activities" / OLD / "index.html"
    page = context_factory().new_page()
    page.goto(old.as_uri() + "?claim=m1#top")
    expect(page).to_have_url(old.parent.parent.joinpath(NEW).as_uri() + "/?claim=m1#top")
    plain = context_factory(java_script_enabled=False).new_page()
    plain.goto(strict_url + f"activities/{OLD}/")
    expect(plain).to_have_url(strict_url + f"activities/{NEW}/")
    expect(plain.get_by_role("heading", level=1)).to_contain_text(
        next(a.name for a in variant_rules(variant_build.site.parent).activities if a.id == NEW)
    )
