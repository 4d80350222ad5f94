"""The source audit finds the guide's tables by content and names every disagreement.

The guide itself is not part of the project, so these tests print a guide-shaped text from
the real rules (the same table shapes the published guide uses) and then change it the way a
new edition might. bin/test runs the audit on the real guide when it is beside the checkout.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.audit import audit_guide
from generator.loader import load_rules
from generator.model import Citation, Rules

from .conftest import ROOT

RULES = load_rules(ROOT / "rules.yaml").rules


def _day(d: object) -> str:
    return f"{d:%B} {d.day}, {d.year}"  # type: ignore[attr-defined]


def guide_text(rules: Rules) -> str:
    """A guide-shaped text of ``rules``: the tables as the published guide prints them."""
    lines = ["Microsoft Cooperative Incentives", ""]
    for engagement in rules.engagements:
        lines.append("MCI\tIncentive Structure (lever name)\tRate\tRebate/ Coop")
        for index, lever in enumerate(engagement.levers):
            label = engagement.name if index == 0 else ""
            lines.append(f"{label}\t{lever.name}\t{lever.rate_percent:g}%\t")
    lines.append("")
    example = rules.worked_example
    total = example.stated_total_coop
    lines.append(f"In this example, the partner will have accrued \\${total:,}.")
    lines.append("MCI Engagement\tLever Name\t" + "\t\t".join(example.months))
    for row in example.rows:
        amounts = [f"\\${v:,}" for pair in zip(row.rebate, row.coop, strict=True) for v in pair]
        lines.append(f"{row.engagement_label}\t{row.lever_label}\t" + "\t".join(amounts))
    totals = zip(example.stated_monthly_rebate, example.stated_monthly_coop, strict=True)
    lines.append("\t\t" + "\t".join(f"\\${v:,}" for pair in totals for v in pair))
    lines.append("")
    for period in rules.periods:
        if "claim_deadline" in period.derived or "resolution_deadline" in period.derived:
            continue
        half = period.earning.half
        lines.append(
            f"FY{half[2:4]} {half[4:]} earning\tusage\t{_day(period.claim_deadline)}"
            f"\t{_day(period.resolution_deadline)}"
        )
    first = rules.periods[0]
    lines.append(f"Submit reimbursement claims by {_day(first.claim_deadline)} 23:59:59 UTC for H1")
    names = {c.id: c.name for c in rules.categories}
    planning = next(v for v in rules.source_views.activity_lists if v.id == "planning-table")
    for category in rules.categories:
        listed = " ".join(e.name for e in planning.entries if e.category == category.id)
        lines.append(f"{category.name}\tWhat it is.\t<ul> {listed}")
    columns = "\t".join(f"<ul> {' '.join(v.entries)}" for v in rules.source_views.content_lists)
    lines.append(columns)
    tool = next(v for v in rules.source_views.activity_lists if v.id == "claim-tool")
    lines += [f"{names[e.category or '']} - {e.name}" for e in tool.entries]
    lines += sorted(_sections(rules))
    lines += ["filler"] * 1100  # so every line the rules cite exists
    return "\n".join(lines) + "\n"


def _sections(node: object) -> set[str]:
    """Every guide section heading the rules cite."""
    if isinstance(node, Citation):
        return {node.section} if node.section else set()
    if isinstance(node, BaseModel):
        return set().union(*(_sections(getattr(node, f)) for f in type(node).model_fields))
    if isinstance(node, list):
        return set().union(*map(_sections, node)) if node else set()
    return set()


GUIDE = guide_text(RULES)


def test_a_guide_that_prints_the_rules_agrees() -> None:
    """A guide holding exactly the rules' tables gives no finding, and every table is compared."""
    result = audit_guide(RULES, GUIDE)
    assert result.findings == ()
    assert set(result.compared) == {
        "levers",
        "periods",
        "planning table",
        "claim tool list",
        "content lists",
        "worked example",
        "citations",
    }
    assert result.compared["levers"] == sum(len(e.levers) for e in RULES.engagements)


def _first_lever_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.endswith("%\t"))


CHANGES: dict[str, tuple[Callable[[str], str], str, str]] = {
    "a new rate": (
        lambda t: t.replace(_first_lever_line(t), _first_lever_line(t).replace("%", "5%", 1)),
        "levers",
        "rate_percent",
    ),
    "a moved deadline": (
        lambda t: t.replace("August 15, 2024\t", "August 16, 2024\t", 1),
        "periods",
        "claim_deadline",
    ),
    "a dropped claim-tool entry": (
        lambda t: "\n".join(
            line for line in t.splitlines() if line != "Demand Generation - Print Advertising"
        ),
        "claim tool list",
        "entries",
    ),
    "a new stated total": (
        lambda t: t.replace("accrued \\$32,500", "accrued \\$33,000"),
        "worked example",
        "stated_total_coop",
    ),
    "a lever the rules lack": (
        lambda t: t.replace("Incentives\n", "Incentives\n\tBrand new lever\t9%\t\n", 1),
        "levers",
        "expected a lever named 'Brand new lever'",
    ),
    "a renamed section": (
        lambda t: t.replace("\nHow co-op is calculated\n", "\nHow co-op is worked out\n"),
        "citations",
        "section",
    ),
    "no worked example": (
        lambda t: t.replace("accrued", "earned"),
        "worked example",
        "was not found",
    ),
}


@pytest.mark.parametrize("change", CHANGES)
def test_each_kind_of_change_in_a_new_guide_is_found(change: str) -> None:
    """A new edition that changes one table gives a finding naming that table and field."""
    edit, table, where = CHANGES[change]
    changed = edit(GUIDE)
    assert changed != GUIDE
    findings = audit_guide(RULES, changed).findings
    assert findings, change
    assert {f.table for f in findings} == {table}, findings
    finding = findings[0]
    assert where in " ".join(map(str, finding.loc)) + " " + finding.message
    assert finding.hint


def _audit(reference: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "audit", "--reference", str(reference)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_audit_reports_at_the_rules_line_and_exits_1(tmp_path: Path) -> None:
    """`generator audit --reference DIR` passes on an agreeing guide, else names rules.yaml:line."""
    (tmp_path / "guide.txt").write_text(GUIDE, encoding="utf-8")
    done = _audit(tmp_path)
    assert done.returncode == 0, done.stderr
    assert "rules.yaml agrees with" in done.stdout
    (tmp_path / "guide.txt").write_text(CHANGES["a moved deadline"][0](GUIDE), encoding="utf-8")
    done = _audit(tmp_path)
    assert done.returncode == 1
    first = done.stderr.splitlines()[0]
    assert first.startswith("rules.yaml:")
    assert ": periods[" in first
    assert "expected 2024-08-16 (guide line" in first
    assert "Hint:" in first
    assert "1 disagreement with" in done.stderr


def test_cli_audit_asks_for_the_file_when_the_folder_is_ambiguous(tmp_path: Path) -> None:
    """A folder with no or several .txt files is refused with a message saying what to pass."""
    done = _audit(tmp_path)
    assert done.returncode == 2
    assert "expected one .txt file" in done.stderr
    assert "--reference PATH/TO/guide.txt" in done.stderr


def _bin_audit(reference: Path, ci: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COOP_REFERENCE_DIR": str(reference), "CI": ci}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env['PATH']}"
    return subprocess.run(
        [str(ROOT / "bin" / "_audit")], capture_output=True, text=True, env=env, check=False
    )


def test_bin_test_audits_when_the_guide_is_there_and_says_so_when_not(tmp_path: Path) -> None:
    """bin/test's audit step: runs on a guide, one line without one, a failure under CI."""
    (tmp_path / "guide").mkdir()
    (tmp_path / "guide" / "guide.txt").write_text(GUIDE, encoding="utf-8")
    ran = _bin_audit(tmp_path / "guide", ci="true")
    assert ran.returncode == 0, ran.stderr
    assert "rules.yaml agrees with" in ran.stdout
    absent = tmp_path / "nowhere"
    skipped = _bin_audit(absent, ci="")
    assert skipped.returncode == 0
    assert skipped.stdout.count("\n") == 1
    assert "Source audit did not run" in skipped.stdout
    assert "python -m generator audit --reference PATH" in skipped.stdout
    failed = _bin_audit(absent, ci="true")
    assert failed.returncode == 1
    assert "CI must audit rules.yaml" in failed.stderr
