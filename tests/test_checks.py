"""Each consistency check, shown failing on a minimal counter-example, and acknowledgements."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from generator.checks import CHECKS, check_rules, normalize_name
from generator.errors import RulesError
from generator.loader import parse_yaml
from generator.model import Rules
from generator.pipeline import check_file

from .conftest import errors_after, minimal_data


def only(findings: list[Any], check: str) -> Any:
    """The single finding of one check; fail if that check found nothing or several."""
    matching = [f for f in findings if f.check == check]
    assert len(matching) == 1, findings
    return matching[0]


def test_minimal_rules_pass_every_check() -> None:
    """The fixture is clean, so each counter-example below isolates one check."""
    assert errors_after(lambda d: None) == []


def test_unique_ids() -> None:
    """Two activities with one id are reported at the second."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][1]["id"] = "print-advertising"

    f = only(errors_after(mutate), "unique-ids")
    assert f.loc == ("activities", 1, "id")
    assert "'print-advertising' again (also at index 0)" in f.message


def test_unique_lever_ids_across_engagements() -> None:
    """A lever id reused in another engagement is reported."""

    def mutate(d: dict[str, Any]) -> None:
        other = dict(d["engagements"][0], id="m365", name="M365")
        other["levers"] = [dict(other["levers"][0], name="M365 core")]
        d["engagements"].append(other)

    f = only(errors_after(mutate), "unique-ids")
    assert "also used in engagement 'azure'" in f.message


def test_references_resolve() -> None:
    """A citation of an unregistered source is a dangling reference."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][0]["sources"] = [{"source": "gudie"}]

    f = only(errors_after(mutate), "references")
    assert f.loc == ("activities", 0, "sources", 0, "source")
    assert f.message == "expected the id of a source (guide, web), but got 'gudie'"


def test_a_status_names_a_declared_stage() -> None:
    """A status (Partner Center's or the workspace's own) whose stage is not declared in
    claim_process.stages is a dangling reference."""

    def mutate(d: dict[str, Any]) -> None:
        d["claim_process"]["planning_statuses"][0]["stage"] = "planning"

    f = only(errors_after(mutate), "references")
    assert f.loc == ("claim_process", "planning_statuses", 0, "stage")
    assert f.message == (
        "expected the id of a claim stage (action, closed, plan), but got 'planning'"
    )


def test_the_default_fund_category_is_a_declared_one() -> None:
    """A default fund category that claim_process.fund_categories lacks is refused."""

    def mutate(d: dict[str, Any]) -> None:
        d["claim_process"]["default_fund_category"] = "surface"

    f = only(errors_after(mutate), "references")
    assert f.loc == ("claim_process", "default_fund_category")
    assert f.message == "expected the id of a fund category (default), but got 'surface'"


def test_the_naming_item_is_a_claim_checklist_item() -> None:
    """The claim checklist item that says how to name a claim must exist."""

    def mutate(d: dict[str, Any]) -> None:
        d["claim_process"]["claim_name_item"] = "claim-name"

    f = only(errors_after(mutate), "references")
    assert f.loc == ("claim_process", "claim_name_item")
    assert f.message == (
        "expected the id of a claim checklist item (poe-ready), but got 'claim-name'"
    )


def test_a_workspace_status_id_is_not_a_partner_center_one() -> None:
    """The workspace's own status may not reuse the id of a Partner Center status: saved
    claims store the id, so it must name one status."""

    def mutate(d: dict[str, Any]) -> None:
        d["claim_process"]["forfeited_status"]["id"] = "non-compliant"

    f = only(errors_after(mutate), "status-ids")
    assert f.loc == ("claim_process", "forfeited_status", "id")
    assert f.message == (
        "expected a status id not used by another status, but got 'non-compliant', "
        "also at claim_process.statuses.1"
    )


def test_search_words_name_activities_that_exist() -> None:
    """Search words pointing at an unknown activity are a dangling reference."""

    def mutate(d: dict[str, Any]) -> None:
        d["search_words"] = [
            {
                "id": "newsletter",
                "words": ["newsletter"],
                "activities": ["print-adverts"],
                "why": "A newsletter is printed.",
                "sources": [{"source": "guide"}],
            }
        ]

    f = only(errors_after(mutate), "references")
    assert f.loc == ("search_words", 0, "activities", 0)
    assert "expected the id of an activity" in f.message
    assert "but got 'print-adverts'" in f.message


def test_sources_used() -> None:
    """A registered source that nothing cites is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["sources"].append(dict(d["sources"][0], id="orphan"))

    assert only(errors_after(mutate), "sources-used").subject == "orphan"


def test_unique_names() -> None:
    """An alias that also names another activity is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][1]["aliases"] = ["PRINT advertising!"]

    f = only(errors_after(mutate), "unique-names")
    assert "also names 'Print advertising'" in f.message


def test_split_sums_to_100() -> None:
    """A lever split of 60/30 is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["engagements"][0]["levers"][1]["split"] = {"rebate_percent": 60, "coop_percent": 30}

    f = only(errors_after(mutate), "split-100")
    assert f.message.endswith("60% + 30% = 90%")


@pytest.mark.parametrize("rate", [0.04, 0, 75])
def test_rate_range(rate: float) -> None:
    """Rates written as fractions, zero, or absurdly high are reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["engagements"][0]["levers"][1]["rate_percent"] = rate

    assert (
        "expected a rate between 0.5% and 50%" in only(errors_after(mutate), "rate-range").message
    )


def test_lever_editions() -> None:
    """Editions out of order, a change of an unknown lever and a new lever without its
    engagement are each reported at their field."""

    def mutate(d: dict[str, Any]) -> None:
        lever = d["engagements"][0]["levers"][0]["id"]
        cite = [{"source": d["sources"][0]["id"]}]
        first = {
            "id": "later",
            "edition": "A later table",
            "confidence": "secondary",
            "earning_from": "FY26H1",
            "caveat": "From a report.",
            "changes": [{"lever": lever, "rate_percent": 2, "sources": cite}],
            "sources": cite,
        }
        second = {
            **first,
            "id": "earlier",
            "earning_from": "FY25H1",
            "changes": [
                {"lever": "no-such-lever", "removed": True, "sources": cite},
                {"lever": "brand-new", "rate_percent": 5, "sources": cite},
            ],
        }
        d["lever_editions"] = [first, second]

    findings = [f for f in errors_after(mutate) if f.check == "lever-editions"]
    messages = {f.loc[-1]: f.message for f in findings}
    assert "expected an earning period after FY26H1" in messages["earning_from"]
    assert "which no edition before has" in messages["lever"]
    assert "to name its engagement" in messages["engagement"]
    assert len(findings) == 3


def test_example_shape() -> None:
    """A worked example missing a month is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["months"] = d["worked_example"]["months"][:5]

    findings = errors_after(mutate)
    assert any("expected the months of FY24H2" in f.message for f in findings)
    assert all(f.check == "example-shape" for f in findings)


def test_example_split_lever() -> None:
    """A worked example row pointing at a 100%-rebate lever contradicts its 60/40 split."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["rows"][0]["lever"] = "azure-adds"

    f = only(errors_after(mutate), "example-split")
    assert "'azure-adds' splits 100% rebate / 0% co-op" in f.message


def test_example_split_amounts() -> None:
    """A row whose co-op is not 40% of its earnings is reported for that month."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["rows"][0]["rebate"][2] = 700
        d["worked_example"]["stated_monthly_rebate"][2] = 700

    f = only(errors_after(mutate), "example-split")
    assert f.subject == "example/azure-core/2024-03"
    assert f.message == "expected 40% of USD 1,100 = USD 440 co-op, but got USD 400"


def test_example_totals() -> None:
    """A stated monthly total that differs from its rows is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["stated_monthly_coop"][0] = 500

    f = only(errors_after(mutate), "example-totals")
    assert f.subject == "example/coop/2024-01"


def test_money_in_a_finding_reads_as_on_the_site() -> None:
    """Amounts in a message read like the portal's: currency code, thousands, cents if any."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["stated_total_coop"] = 12345.5

    f = only(errors_after(mutate), "example-totals")
    assert f.message == (
        "expected the stated co-op total to equal the sum of the rows (USD 2,400), "
        "but the source states USD 12,345.50"
    )


def test_calendar_halves_tile_the_year() -> None:
    """Halves with a gap between them are reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["calendar"]["halves"][1]["start"] = {"month": 1, "day": 2}

    assert "without gap or overlap" in only(errors_after(mutate), "calendar").message


def test_half_dates() -> None:
    """An earning span whose start is not its half's first day is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["periods"][0]["earning"]["start"] = date(2023, 7, 2)

    f = only(errors_after(mutate), "half-dates")
    assert f.message == "expected FY24H1 to start on 2023-07-01, but got 2023-07-02"


def test_usage_follows_earning() -> None:
    """A usage half that skips a half is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["periods"][0]["usage"] = {
            "half": "FY25H1",
            "start": date(2024, 7, 1),
            "end": date(2024, 12, 31),
        }

    findings = errors_after(mutate)
    f = only(findings, "usage-follows-earning")
    assert f.message == "expected the half after FY24H1 (FY24H2), but got FY25H1"


def test_deadline_order() -> None:
    """A resolution deadline before its claim deadline is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["periods"][0]["resolution_deadline"] = date(2024, 8, 1)

    f = only(errors_after(mutate), "deadline-order")
    assert f.loc == ("periods", 0, "resolution_deadline")


def test_rule_reproduces_period() -> None:
    """A published date one day off the calendar rule is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["periods"][0]["claim_deadline"] = date(2024, 8, 14)
        d["source_views"]["period_tables"][0]["rows"][0]["claim_deadline"] = date(2024, 8, 14)
        d["source_views"]["stated_dates"][0].update(date=date(2024, 8, 14), weekday="Wed")
        d["calendar"]["claim_deadline_stated"]["days"] = 45

    f = only(errors_after(mutate), "rule-reproduces-period")
    assert f.subject == "fy24h1/claim_deadline"


def test_periods_contiguous() -> None:
    """A missing half between two periods is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["periods"].append(
            {
                "id": "fy25h1",
                "earning": {"half": "FY25H1", "start": date(2024, 7, 1), "end": date(2024, 12, 31)},
                "usage": {"half": "FY25H2", "start": date(2025, 1, 1), "end": date(2025, 6, 30)},
                "claim_deadline": date(2025, 8, 15),
                "resolution_deadline": date(2025, 9, 30),
                "sources": [{"source": "guide"}],
            }
        )

    f = only(errors_after(mutate), "periods-contiguous")
    assert "(FY24H2), but got FY25H1: a half is missing" in f.message


def test_stated_days() -> None:
    """Prose that says 45 days, against fixed dates 46 days apart, is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["calendar"]["claim_deadline_stated"]["days"] = 45

    f = only(errors_after(mutate), "stated-days")
    assert f.subject == "claim-deadline/H2"
    assert "the published dates give 46 days (e.g. 2024-06-30 to 2024-08-15)" in f.message


def test_period_view() -> None:
    """A source table row that disagrees with the period is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["source_views"]["period_tables"][0]["rows"][0]["claim_deadline"] = date(2024, 8, 16)

    f = only(errors_after(mutate), "period-view")
    assert f.subject == "table/FY24H1/claim_deadline"


def test_period_view_unknown_half() -> None:
    """A source table row for a half with no period is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["source_views"]["period_tables"][0]["rows"][0]["earning_half"] = "FY30H1"

    assert "but periods has none" in only(errors_after(mutate), "period-view").message


def test_stated_date_weekday() -> None:
    """A quoted weekday that does not match the date is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["source_views"]["stated_dates"][0]["weekday"] = "Mon"

    f = only(errors_after(mutate), "stated-date")
    assert f.message == "expected Thu (2024-08-15 is a Thu), but the source says Mon"


def test_accrual_start() -> None:
    """A period earned before the program's co-op accrual began is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["program"]["coop_accrual_start"] = date(2023, 11, 1)

    assert only(errors_after(mutate), "accrual-start").subject == "fy24h1"


def test_payment_examples() -> None:
    """A co-op payment example that breaks the 15th rule is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["money"]["coop_payment"]["examples"][0]["approved"] = date(2022, 10, 16)

    f = only(errors_after(mutate), "payment-examples")
    assert "expected payment 2022-11-20 to 2022-11-25" in f.message


def test_rebate_payment_example() -> None:
    """A rebate example not 45 days after its month is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["money"]["rebate_payment"]["examples"][0]["paid"] = date(2022, 12, 14)

    assert "expected 2022-12-15" in only(errors_after(mutate), "payment-examples").message


def test_activity_core() -> None:
    """An activity that departs from its category's core requirements needs a note."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][1]["core_requirements_apply"] = True

    assert only(errors_after(mutate), "activity-core").subject == "exams"


def test_activity_poe_needs_one_invoice() -> None:
    """An activity with two invoice items is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][0]["poe"].append({"id": "second", "kind": "invoice", "text": "Again."})

    assert "but got 2" in only(errors_after(mutate), "activity-poe").message


def test_content_share_not_below_fund_minimum() -> None:
    """An activity cannot lower its fund's Microsoft-content minimum."""

    def mutate(d: dict[str, Any]) -> None:
        d["content_funds"][0]["minimum_percent"] = 30
        d["activities"][1]["microsoft_content"] = [{"fund": "csp", "minimum_percent": 20}]

    f = only(errors_after(mutate), "content-share")
    assert f.message == "expected at least the CSP minimum (30%), but got 20%"


def test_view_names() -> None:
    """A name in a source list that matches no activity is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["source_views"]["activity_lists"][0]["entries"][0]["name"] = "Radio ads"

    findings = errors_after(mutate)
    assert "but 'Radio ads' matches no activity" in only(findings, "view-names").message


def test_view_missing_activity() -> None:
    """A complete source list that leaves out an activity is reported."""

    def mutate(d: dict[str, Any]) -> None:
        del d["source_views"]["activity_lists"][0]["entries"][1]

    assert only(errors_after(mutate), "view-agrees").subject == "planning/exams/missing"


def test_view_category() -> None:
    """A source list placing an activity in another category is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["source_views"]["activity_lists"][0]["entries"][1]["category"] = "demand-generation"

    assert only(errors_after(mutate), "view-agrees").subject == "planning/exams/category"


def test_view_repeat() -> None:
    """A source list naming one activity twice is reported."""

    def mutate(d: dict[str, Any]) -> None:
        entries = d["source_views"]["activity_lists"][0]["entries"]
        entries.append({"name": "Print advertising"})

    assert (
        only(errors_after(mutate), "view-agrees").subject == "planning/print-advertising/repeated"
    )


def test_content_view() -> None:
    """An activity in a 100%-content list without the 100% share is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][0]["microsoft_content"] = []

    f = only(errors_after(mutate), "content-view")
    assert "but got none" in f.message


def test_every_check_has_a_counter_example() -> None:
    """This file tests every registered check by name."""
    source = Path(__file__).read_text(encoding="utf-8")
    missing = [code for code in CHECKS if f'"{code}"' not in source]
    assert missing == []


# ---------------------------------------------------------------- acknowledgements


def _with_note(d: dict[str, Any], check: str, subject: str) -> None:
    d["source_notes"].append(
        {
            "id": "note",
            "title": "A note",
            "statements": [
                {"says": "One thing.", "sources": [{"source": "guide"}]},
                {"says": "Another.", "sources": [{"source": "web"}]},
            ],
            "explanation": "Why.",
            "handling": "How.",
            "acknowledges": [{"check": check, "subject": subject}],
        }
    )


def test_acknowledged_contradiction_becomes_a_note() -> None:
    """An acknowledged finding is not an error; it is attached to its source note."""
    d = minimal_data()
    d["worked_example"]["stated_total_coop"] = 2500
    _with_note(d, "example-totals", "example/total-coop")
    result = check_rules(Rules.model_validate(d))
    assert result.ok
    assert [f.subject for f in result.notes[0].findings] == ["example/total-coop"]


def test_unacknowledged_contradiction_prints_the_line_that_acknowledges_it() -> None:
    """The finding names its subject, and its YAML line pasted into a note acknowledges it."""
    d = minimal_data()
    d["worked_example"]["stated_total_coop"] = 2500
    f = only(list(check_rules(Rules.model_validate(d)).errors), "example-totals")
    assert f.detail[0].startswith("Subject: example/total-coop.")
    assert f.detail[1] == '  - {check: example-totals, subject: "example/total-coop"}'
    pasted, _ = parse_yaml(f"acknowledges:\n{f.detail[1]}\n", "note.yaml")
    _with_note(d, **pasted["acknowledges"][0])
    assert check_rules(Rules.model_validate(d)).ok


def test_unacknowledged_contradiction_is_printed_with_its_paste_lines(tmp_path: Path) -> None:
    """The command prints the paste line indented under the finding, as a note's list item."""
    minimal = (Path(__file__).parent / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")
    rules = tmp_path / "rules.yaml"
    rules.write_text(
        minimal.replace("stated_total_coop: 2400", "stated_total_coop: 2500"), encoding="utf-8"
    )
    with pytest.raises(RulesError) as raised:
        check_file(rules)
    lines = raised.value.report().splitlines()
    at = next(i for i, line in enumerate(lines) if line.endswith("[example-totals]"))
    assert lines[at + 2] == '      - {check: example-totals, subject: "example/total-coop"}'


def test_stale_acknowledgement_lists_the_subjects_found_now() -> None:
    """An acknowledgement of a renamed subject lists the check's current subjects to paste."""

    def mutate(d: dict[str, Any]) -> None:
        d["worked_example"]["stated_total_coop"] = 2500
        _with_note(d, "example-totals", "example/total")

    f = only(errors_after(mutate), "acknowledgements")
    assert f.detail == (
        "'example-totals' finds these subjects now:",
        '  - {check: example-totals, subject: "example/total-coop"}',
    )


def test_stale_acknowledgement_fails() -> None:
    """An acknowledgement that matches no finding is an error, so notes cannot rot."""

    def mutate(d: dict[str, Any]) -> None:
        _with_note(d, "example-totals", "example/total-coop")

    f = only(errors_after(mutate), "acknowledgements")
    assert "but there is none" in f.message


def test_data_errors_cannot_be_acknowledged() -> None:
    """Acknowledging a data error such as a duplicate id is refused."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][1]["id"] = "print-advertising"
        _with_note(d, "unique-ids", "print-advertising")

    findings = errors_after(mutate)
    assert {f.check for f in findings} == {"unique-ids", "acknowledgements"}


def test_normalize_name() -> None:
    """Names compare without case, punctuation or 'and'."""
    assert normalize_name("Internal Incentives/ SPIFFs") == normalize_name(
        "Internal incentives and SPIFFs"
    )
    assert normalize_name("Direct Mail, Email & Mobile SMS") == "direct mail email mobile sms"


# ---------------------------------------------------------------- checklists that can be completed


def _invoice_or_csr() -> dict[str, Any]:
    """A fresh "one of" invoice item with two options."""
    return {
        "id": "invoice-or-csr",
        "kind": "invoice",
        "text": "Invoice or CSR.",
        "one_of": [{"id": "invoice", "text": "An invoice."}, {"id": "csr", "text": "A CSR."}],
    }


def test_checklist_core_requirement_for_a_category_without_them() -> None:
    """A core requirement aimed at a category whose core requirements do not apply is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["core_requirements"][0]["applies_to"] = ["demand-generation", "partner-readiness"]

    f = only(errors_after(mutate), "checklist-applies")
    assert f.loc == ("core_requirements", 0, "applies_to", 1)
    assert f.message.endswith("but got 'partner-readiness', whose core requirements do not apply")


def test_checklist_core_requirement_naming_an_activity_without_them() -> None:
    """Naming an activity whose page says core requirements do not apply is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["core_requirements"][0]["applies_to"] = ["demand-generation", "exams"]

    f = only(errors_after(mutate), "checklist-applies")
    assert (f.subject, f.loc) == ("exams", ("activities", 1, "core_requirements_apply"))


def test_checklist_core_requirements_apply_but_none_is_listed() -> None:
    """An activity whose core requirements apply but match no core requirement is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["categories"].append(dict(d["categories"][0], id="market-development", name="MD"))
        d["core_requirements"][0]["applies_to"] = ["market-development"]

    f = only(errors_after(mutate), "checklist-applies")
    assert f.subject == "print-advertising"
    assert "but got none" in f.message


def test_checklist_evidence_material_on_an_activity_without_core_requirements() -> None:
    """Marketing material on proof for an activity without core requirements is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][1]["poe"].append(
            {"id": "slides", "kind": "communication", "text": "Slides.", "material": ["design"]}
        )

    f = only(errors_after(mutate), "checklist-applies")
    assert f.loc == ("activities", 1, "poe", 1, "material")
    assert "whose core requirements do not apply, but got design" in f.message
    assert "adds evidence rules (dates-visible)" in f.message


def test_checklist_invoice_option_gets_no_evidence_rules() -> None:
    """An invoice option that claims to show marketing material is reported."""

    def mutate(d: dict[str, Any]) -> None:
        group = _invoice_or_csr()
        group["one_of"][0]["material"] = ["photo"]
        d["activities"][0]["poe"][0] = group

    f = only(errors_after(mutate), "checklist-applies")
    assert f.loc == ("activities", 0, "poe", 0, "one_of", 0, "material")
    assert "no material on an invoice or CSR" in f.message


def test_checklist_choice_with_one_option() -> None:
    """A 'one of' item with a single option is no choice and is reported."""

    def mutate(d: dict[str, Any]) -> None:
        group = _invoice_or_csr()
        del group["one_of"][1]
        d["activities"][0]["poe"][0] = group

    f = only(errors_after(mutate), "checklist-choices")
    assert f.loc == ("activities", 0, "poe", 0, "one_of")
    assert f.message == "expected two or more options in one_of, but got 1"


def test_checklist_choice_with_its_own_material() -> None:
    """Material on a group instead of its options is reported."""

    def mutate(d: dict[str, Any]) -> None:
        d["activities"][0]["poe"][1] = {
            "id": "photos-or-screen",
            "kind": "communication",
            "text": "Photos or a screen.",
            "material": ["photo"],
            "one_of": [{"id": "photos", "text": "Photos."}, {"id": "screen", "text": "Screen."}],
        }

    f = only(errors_after(mutate), "checklist-choices")
    assert f.loc == ("activities", 0, "poe", 1, "material")


def test_checklist_choice_option_id_clashes_with_an_item() -> None:
    """An option sharing an id with another POE item would share its saved tick: reported."""

    def mutate(d: dict[str, Any]) -> None:
        group = _invoice_or_csr()
        group["one_of"][1]["id"] = "final-piece"
        d["activities"][0]["poe"][0] = group

    f = only(errors_after(mutate), "checklist-choices")
    assert f.subject == "print-advertising/final-piece"
    assert f.message.endswith("but got 'final-piece', also the id of a POE item")


# ---------------------------------------------------------------- who may run the checks

GENERATOR = Path(__file__).resolve().parent.parent / "generator"
MAY_IMPORT_CHECKS = {"cli.py", "plugin.py", "pipeline.py"}


def _imported_modules(path: Path) -> set[str]:
    """Every module a generator/ file imports, as an absolute dotted name."""
    package = ".".join(("generator", *path.relative_to(GENERATOR).parent.parts))
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1]
            module = ".".join([*base, node.module] if node.module else base)
            if node.level == 0:
                module = node.module or ""
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_only_the_cli_plugin_and_pipeline_import_the_checks() -> None:
    """Pages, timing and the rest use generator.domain; only the entry points run the checks."""
    importers = sorted(
        str(path.relative_to(GENERATOR))
        for path in GENERATOR.rglob("*.py")
        if "checks" not in path.relative_to(GENERATOR).parts[:-1]
        and any(
            m == "generator.checks" or m.startswith("generator.checks.")
            for m in _imported_modules(path)
        )
    )
    assert set(importers) <= MAY_IMPORT_CHECKS
    assert "pipeline.py" in importers  # the scan sees relative imports


# ---------------------------------------------------------------- source register (issue 12)


@pytest.mark.parametrize(
    ("url", "locale"),
    [
        ("https://learn.microsoft.com/ru-ru/partner-center/incentives/claims-threshold", "ru-ru"),
        ("https://learn.microsoft.com/sr-latn-rs/partner-center/x", "sr-latn-rs"),
        ("https://support.microsoft.com/en-sg/help/2952924/submission-deadlines", "en-sg"),
        ("https://github.com/MicrosoftDocs/partner-center-pr.de-de/blob/live/x.md", "de-de"),
    ],
)
def test_source_addresses_refuse_non_english_microsoft_pages(url: str, locale: str) -> None:
    """A Microsoft page cited at a localized copy is reported, with the en-us address as fix."""

    def mutate(d: dict[str, Any]) -> None:
        d["sources"][1]["url"] = url

    f = only(errors_after(mutate), "source-addresses")
    assert f.loc == ("sources", 1, "url")
    assert f.message.endswith(f"but got a '{locale}' copy")
    assert "learn.microsoft.com/en-us/" in f.hint


def test_source_addresses_allow_english_and_other_publishers() -> None:
    """en-us (any case), locale-free Microsoft addresses and other sites pass."""
    for url in (
        "https://partner.microsoft.com/en-US/blog/article/x",
        "https://learn.microsoft.com/partner-center/x",
        "https://www.pax8.com/fr-fr/blog/x",
    ):
        data = minimal_data()
        data["sources"][1]["url"] = url
        assert [f for f in check_rules(Rules.model_validate(data)).errors] == [], url


def test_source_addresses_allow_a_mirror_only_with_its_original() -> None:
    """A copy graded mirror passes when copy_of gives the original's English address."""

    def mirror(copy_of: str | None) -> Any:
        def mutate(d: dict[str, Any]) -> None:
            d["sources"][1].update(url="https://learn.microsoft.com/de-de/x", reliability="mirror")
            if copy_of:
                d["sources"][1]["copy_of"] = copy_of

        return mutate

    assert errors_after(mirror("https://learn.microsoft.com/en-us/x")) == []
    assert only(errors_after(mirror(None)), "source-addresses").loc == ("sources", 1, "copy_of")
    localized = errors_after(mirror("https://learn.microsoft.com/ru-ru/x"))
    assert only(localized, "source-addresses").loc == ("sources", 1, "copy_of")


def test_guide_must_be_a_registered_source() -> None:
    """The guide the rules follow must be one of the registered sources."""

    def mutate(d: dict[str, Any]) -> None:
        d["guide"] = "gide"

    f = only(errors_after(mutate), "references")
    assert f.loc == ("guide",)
