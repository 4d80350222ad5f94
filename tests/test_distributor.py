"""A distributor's portal: the variant build (tests/portal.py) is the project branded in
mkdocs.yml and updated in the ways of a half-year update (a rate, a new activity with POE and
expenses, a renamed activity with its move recorded, a moved deadline, a removed expense). Its
rules pass the published-ids check and its pages say what those rules and that brand say."""

from __future__ import annotations

import html as html_lib
from pathlib import Path

from generator.pipeline import check_file

from .portal import BRAND_NAME, NEW_ACTIVITY, RENAMED, Build, variant_rules


def _page(build: Build, url: str) -> str:
    return (build.site / url / "index.html").read_text(encoding="utf-8")


def test_a_branded_updated_portal_builds_checks_and_shows_its_own_rules(
    variant_build: Build,
) -> None:
    project = variant_build.site.parent
    check_file(project / "rules.yaml")  # the published-ids check accepts the recorded move
    rules = variant_rules(project)
    home = _page(variant_build, ".")
    assert html_lib.escape(BRAND_NAME) in home
    new = next(a for a in rules.activities if a.id == NEW_ACTIVITY)
    page = html_lib.unescape(_page(variant_build, f"activities/{NEW_ACTIVITY}"))
    assert new.name in page
    assert all(item.text in page for item in new.poe)
    assert all(expense.name in page for expense in new.expenses)
    old, moved = RENAMED
    assert any(old in a.moved_from for a in rules.activities if a.id == moved)
    redirect = _page(variant_build, f"activities/{old}")
    assert 'http-equiv="refresh"' in redirect
    assert f"{moved}/" in redirect
    periods = html_lib.unescape(_page(variant_build, "periods"))
    last = rules.periods[-1]
    assert (
        f"{last.claim_deadline:%B} {last.claim_deadline.day}, {last.claim_deadline.year}" in periods
        or (
            f"{last.claim_deadline.day} {last.claim_deadline:%B} {last.claim_deadline.year}"
            in periods
        )
    )
    assert Path(project / "content" / "brand" / "logo.svg").is_file()
