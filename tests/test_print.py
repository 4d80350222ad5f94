"""Printed POE checklists: one page each in Letter and A4, a print pack with one page per
activity, and a form that carries the ticks, the claim fields, the source and the version."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from playwright.sync_api import expect
from pypdf import PdfReader

from generator.checklists import activity_checklist

from .conftest import ROOT, rules_at

RULES = rules_at(ROOT / "rules.yaml")


def _pages(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def test_the_longest_activity_checklist_prints_on_one_letter_and_one_a4_page(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """Chromium's PDF of the activity page with the most checklist text is one page in both
    paper sizes (the print pack below shows every checklist fits a page of its own)."""
    longest = max(
        RULES.activities,
        key=lambda a: sum(len(i.text) for i in activity_checklist(RULES, a).items),
    )
    page = context_factory().new_page()
    page.goto(f"{site_url}activities/{longest.id}/")
    assert (_pages(page.pdf(format="Letter")), _pages(page.pdf(format="A4"))) == (1, 1)


def test_print_pack_has_one_page_per_checklist_and_no_blank_pages(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """The print pack prints every checklist on its own page, and nothing else."""
    page = context_factory().new_page()
    page.goto(site_url + "print-pack/")
    expect(page.locator("[data-cp-checklist]")).to_have_count(len(RULES.activities))
    for paper in ("Letter", "A4"):
        reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
        assert len(reader.pages) == len(RULES.activities)
        for number, sheet in enumerate(reader.pages):
            text = sheet.extract_text()
            assert f"POE checklist: {RULES.activities[number].name}" in text, (paper, number)


def test_printed_form_shows_ticks_fields_source_and_version(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """On paper: the ticked box stays ticked, the claim fields and the footer are shown,
    and navigation, search and buttons are not."""
    page = context_factory().new_page()
    page.goto(site_url + "activities/print-advertising/")
    expect(page.get_by_role("button", name="Print")).to_be_visible()
    page.locator(".cp-checklist input[type=checkbox]").nth(1).check()
    page.emulate_media(media="print")
    expect(page.locator(".cp-checklist input[type=checkbox]").nth(1)).to_be_checked()
    expect(page.locator(".cp-checklist input[type=checkbox]").nth(1)).to_be_visible()
    for field in ("Claim name", "Claim number", "Partner", "Activity dates", "Amount claimed"):
        expect(page.locator(".cp-print-fields")).to_contain_text(field)
    footer = page.locator(".cp-print-footer")
    expect(footer).to_be_visible()
    expect(footer).to_contain_text(f"rules version {RULES.rules_version}")
    expect(footer).to_contain_text("guidebook")
    for hidden in (".md-header", ".md-sidebar--primary", ".cp-checklist__tools", ".md-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    text = PdfReader(io.BytesIO(page.pdf(format="A4"))).pages[0].extract_text()
    assert "Claim number" in text
    assert "Eligible expenses" not in text


def test_printed_form_shows_a_choice_as_one_of(
    context_factory: Callable[..., Any], site_url: str
) -> None:
    """On paper a "one of" group keeps its "One of:" heading above its options."""
    page = context_factory().new_page()
    page.goto(site_url + "activities/customer-seminars-bootcamps/")
    page.emulate_media(media="print")
    legend = page.locator("[data-cp-choice='poe-event-photos-or-welcome-screen'] legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("One of: Photos of the event")
    text = " ".join(
        PdfReader(io.BytesIO(page.pdf(format="Letter"))).pages[0].extract_text().split()
    )
    assert "One of: Photos of the event" in text
    assert text.index("One of: Photos") < text.index("Photos taken at the event")
    assert text.index("Photos taken at the event") < text.index("opening welcome screen")
