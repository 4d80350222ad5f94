"""Activity checklists as plain data: only items that apply, choices counted once, completable."""

from __future__ import annotations

import json

import pytest

from generator.checklists import Checklist, activity_checklist
from generator.model import Activity

from .conftest import ROOT, rules_at

RULES = rules_at(ROOT / "rules.yaml")
BY_ID = {a.id: a for a in RULES.activities}


def _checklist(activity_id: str) -> Checklist:
    return activity_checklist(RULES, BY_ID[activity_id])


def _one_way_to_finish(checklist: Checklist, pick: int) -> list[str]:
    """Tick every plain item and, in each group, the option at index `pick`."""
    return [e.options[pick].id if e.options else e.id for e in checklist.entries]


@pytest.mark.parametrize("activity", RULES.activities, ids=lambda a: a.id)
def test_every_item_applies_and_ticking_them_all_is_done(activity: Activity) -> None:
    """Each listed item applies to the activity, a choice counts once, and all ticked is done."""
    checklist = activity_checklist(RULES, activity)
    entries = checklist.entries
    core = [e for e in entries if e.id.startswith("core-")]
    evidence = [e for e in entries if e.id.startswith("evidence-")]
    poe = [e for e in entries if e.id.startswith("poe-")]
    assert len(entries) == len(core) + len(evidence) + len(poe)
    # Core requirements and evidence rules only where the page says core requirements apply.
    if not activity.core_requirements_apply:
        assert core == []
        assert evidence == []
    else:
        assert core
    # An evidence rule is listed only if some proof of this activity shows what it judges.
    shown = {m for p in activity.poe for m in p.material}
    shown |= {m for p in activity.poe for o in p.one_of for m in o.material}
    rules = {r.id: r for r in RULES.evidence_hygiene}
    for item in evidence:
        assert shown & set(rules[item.source_id].judges), item.id
    # Every POE item appears once, a choice as one entry with its options.
    assert sorted(e.source_id for e in poe) == sorted(p.id for p in activity.poe)
    for poe_item in activity.poe:
        entry = next(e for e in poe if e.source_id == poe_item.id)
        assert [o.id for o in entry.options] == [f"poe-{o.id}" for o in poe_item.one_of]
        assert len(entry.options) != 1
    ids = [item.id for item in checklist.items]
    assert len(ids) == len(set(ids))
    # Ticking what applies reaches done, whichever option of each choice is ticked ...
    total = len(entries)
    assert checklist.progress([]) == (0, total)
    assert checklist.progress(_one_way_to_finish(checklist, 0)) == (total, total)
    assert checklist.progress(_one_way_to_finish(checklist, -1)) == (total, total)
    # ... a choice counts once even with every option ticked, and nothing can be skipped.
    assert checklist.progress(ids) == (total, total)
    for left_out in entries:
        skipped = {left_out.id} | {o.id for o in left_out.options}
        ticked = [i for i in ids if i not in skipped]
        assert checklist.progress(ticked) == (total - 1, total), left_out.id


def test_partner_program_fee_needs_only_its_invoice() -> None:
    """The program fee's proof is Microsoft's invoice, so that is the whole checklist."""
    checklist = _checklist("partner-program-fee")
    assert [e.id for e in checklist.entries] == ["poe-invoice"]
    assert checklist.progress(["poe-invoice"]) == (1, 1)


def test_exams_ask_for_no_logo_or_core_requirements() -> None:
    """Exams and tuition, where core requirements do not apply, ask for no logo or brand."""
    checklist = _checklist("exams-and-tuition")
    assert [e.id for e in checklist.entries] == ["poe-invoice", "poe-attendee-list"]


def test_event_photos_and_welcome_screen_are_one_choice() -> None:
    """A seminar needs event photos or, for a digital event, the welcome screen: one entry."""
    checklist = _checklist("customer-seminars-bootcamps")
    choice = next(e for e in checklist.entries if "poe-event-photos" in {o.id for o in e.options})
    assert [o.id for o in choice.options] == ["poe-event-photos", "poe-webinar-welcome-screen"]
    done, total = checklist.progress(_one_way_to_finish(checklist, 0))
    assert done == total
    invoice = next(e for e in checklist.entries if e.id == "poe-invoice-or-csr")
    assert [o.id for o in invoice.options] == ["poe-third-party-invoice", "poe-csr"]


def test_url_rule_only_where_proof_shows_a_web_page() -> None:
    """Printed ads and call scripts are not asked for visible URLs; web ads are."""
    for activity_id, expected in (
        ("print-advertising", False),
        ("telemarketing", False),
        ("digital-advertising", True),
    ):
        ids = {e.id for e in _checklist(activity_id).entries}
        assert ("evidence-urls-visible" in ids) is expected, activity_id


def test_checklist_data_is_plain_json_with_group_membership() -> None:
    """The page's copy of a checklist is JSON: ids, text and hashes, options under groups."""
    checklist = _checklist("customer-seminars-bootcamps")
    data = json.loads(json.dumps(checklist.to_data()))
    assert data["key"] == "activity:customer-seminars-bootcamps"
    entries = [e for s in data["sections"] for e in s["entries"]]
    assert [e["id"] for e in entries] == [e.id for e in checklist.entries]
    group = next(e for e in entries if e["id"] == "poe-invoice-or-csr")
    options = next(e for e in checklist.entries if e.id == "poe-invoice-or-csr").options
    assert [(o["id"], o["hash"]) for o in group["options"]] == [(o.id, o.hash) for o in options]
