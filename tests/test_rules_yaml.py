"""The real rules.yaml: it passes, and it carries every lever, period row and activity of the
guidebook's tables. The guidebook text itself is parsed, so a missed row fails here."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.checks import CHECKS, check_rules, normalize_name
from generator.cli import rules_schema
from generator.loader import LoadedRules, load_rules
from generator.model import Citation, Rules

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(os.environ.get("COOP_REFERENCE_DIR", ROOT.parent / "shared" / "reference"))
GUIDEBOOK = REFERENCE / "000_5424bb5b6a20b45c.txt"


@pytest.fixture(scope="module")
def loaded() -> LoadedRules:
    return load_rules(ROOT / "rules.yaml")


@pytest.fixture(scope="module")
def rules(loaded: LoadedRules) -> Rules:
    return loaded.rules


@pytest.fixture(scope="module")
def guidebook() -> list[str]:
    """The guidebook's lines; index 0 is line 1. Missing reference material is a failure."""
    assert GUIDEBOOK.is_file(), (
        f"the guidebook is expected at {GUIDEBOOK} (shared/ beside the checkout); "
        "set COOP_REFERENCE_DIR to its folder"
    )
    return GUIDEBOOK.read_text(encoding="utf-8").splitlines()


# A period row: "FY23 H2 Jan - June 2023<TAB>usage<TAB>claim deadline[<TAB>resolution deadline]"
ROW = r"^FY(\d\d) (H[12])\b.*?\t.*?\t(\w+ \d+, \d{4})(?:\t(\w+ \d+, \d{4}))?"


def _date(text: str) -> date:
    return datetime.strptime(text.strip(), "%B %d, %Y").date()


def test_real_rules_pass_with_acknowledged_notes(rules: Rules) -> None:
    """rules.yaml passes every check; its known contradictions are acknowledged notes."""
    result = check_rules(rules)
    assert result.errors == ()
    acknowledged = {n.note.id for n in result.notes if n.findings}
    assert {
        "worked-example-total",
        "claim-deadline-45-days",
        "resolution-deadline-45-days",
        "claim-tool-list-incomplete",
        "periods-before-mci",
    } <= acknowledged


def test_every_lever_of_the_guidebook_table(rules: Rules, guidebook: list[str]) -> None:
    """Each rate row of the lever table (l. 29-45) is a lever with the same rate."""
    rows = []
    for line in guidebook[28:45]:
        cells = line.split("\t")
        if len(cells) >= 3 and re.fullmatch(r"[0-9.]+%", cells[2].strip()):
            rows.append((cells[1].strip(), float(cells[2].strip().rstrip("%"))))
    assert len(rows) == 14
    levers = {
        normalize_name(name): lever
        for engagement in rules.engagements
        for lever in engagement.levers
        for name in [lever.name, *lever.aliases]
    }
    for name, rate in rows:
        key = normalize_name(re.sub(r"\s*\(.*\)$", "", name))
        match = levers.get(key) or levers.get(normalize_name(name))
        assert match is not None, name
        assert match.rate_percent == rate, name
    assert sum(len(e.levers) for e in rules.engagements) == len(rows)
    customer_adds = levers[normalize_name("Azure CSP Customer Adds")]
    assert customer_adds.split is not None
    assert customer_adds.split.rebate_percent == 100


def test_every_period_row_of_the_guidebook(rules: Rules, guidebook: list[str]) -> None:
    """Each dated period row the guidebook prints is a period with the same deadlines."""
    published: dict[str, tuple[date, date | None]] = {}
    for line in guidebook:
        match = re.match(ROW, line)
        if match:
            half = f"FY{match.group(1)}{match.group(2)}"
            resolution = _date(match.group(4)) if match.group(4) else None
            if half in published:
                resolution = resolution or published[half][1]
            published[half] = (_date(match.group(3)), resolution)
    timeline = " ".join(guidebook[340:350])
    claims = re.findall(r"(\w+ \d+, \d{4}) 23:59:59 UTC for (H[12])", timeline)
    assert len(claims) == 4
    for (claim, half), (resolution, _) in zip(claims[:2], claims[2:], strict=True):
        # These deadlines fall in 2022-2023, so they belong to FY22 earning halves.
        published[f"FY22{half}"] = (_date(claim), _date(resolution))
    assert sorted(published) == ["FY22H1", "FY22H2", "FY23H1", "FY23H2", "FY24H1", "FY24H2"]
    periods = {p.earning.half: p for p in rules.periods}
    for half, (claim, resolution) in published.items():
        assert periods[half].claim_deadline == claim, half
        if resolution is not None:
            assert periods[half].resolution_deadline == resolution, half
            assert "resolution_deadline" not in periods[half].derived
        assert "claim_deadline" not in periods[half].derived


def test_planning_table_transcribed_exactly(rules: Rules, guidebook: list[str]) -> None:
    """The planning-table view is the guidebook's l. 169-171, word for word, and covers all."""
    view = next(v for v in rules.source_views.activity_lists if v.id == "planning-table")
    categories = {c.name: c.id for c in rules.categories}
    total = 0
    for line in guidebook[168:171]:
        name, _definition, items = line.split("\t")
        printed = items.split("> ", 1)[1].strip()
        entries = [e.name for e in view.entries if e.category == categories[name]]
        assert " ".join(entries) == printed
        total += len(entries)
    assert total == 24 == len(rules.activities)


def test_claim_tool_list_transcribed_exactly(rules: Rules, guidebook: list[str]) -> None:
    """The claim-tool view is the guidebook's l. 605-623 list, entry for entry."""
    view = next(v for v in rules.source_views.activity_lists if v.id == "claim-tool")
    categories = {c.name: c.id for c in rules.categories}
    printed = []
    for line in guidebook[604:623]:
        category, name = line.split(" - ", 1)
        printed.append((categories[category], name.strip()))
    assert printed == [(e.category, e.name) for e in view.entries]
    assert len(printed) == 19


def test_content_lists_transcribed_exactly(rules: Rules, guidebook: list[str]) -> None:
    """The three 100%-content lists are the guidebook's l. 269 columns."""
    columns = [c.split("> ", 1)[1].strip() for c in guidebook[268].split("\t") if "> " in c]
    views = rules.source_views.content_lists
    assert [" ".join(v.entries) for v in views] == columns


def test_worked_example_transcribed(rules: Rules, guidebook: list[str]) -> None:
    """Every amount of the worked example (l. 96-105) and its stated total are in rules.yaml."""
    example = rules.worked_example
    for line, row in zip(guidebook[95:104], example.rows, strict=True):
        amounts = [int(a.replace(",", "")) for a in re.findall(r"\\\$([\d,]+)", line)]
        assert amounts[0::2] == row.rebate
        assert amounts[1::2] == row.coop
    totals = [int(a.replace(",", "")) for a in re.findall(r"\\\$([\d,]+)", guidebook[104])]
    assert totals[0::2] == example.stated_monthly_rebate
    assert totals[1::2] == example.stated_monthly_coop
    stated = re.search(r"accrued \\\$([\d,]+)", guidebook[91])
    assert stated is not None
    assert int(stated.group(1).replace(",", "")) == example.stated_total_coop


def _citations(node: object) -> list[Citation]:
    """Every citation anywhere in the rules."""
    if isinstance(node, Citation):
        return [node]
    if isinstance(node, BaseModel):
        return [c for name in type(node).model_fields for c in _citations(getattr(node, name))]
    if isinstance(node, list):
        return [c for item in node for c in _citations(item)]
    return []


def test_guidebook_citations_point_into_the_guidebook(rules: Rules, guidebook: list[str]) -> None:
    """Every guidebook citation names a heading printed in the guide, and lines that exist."""
    headings = {line.strip() for line in guidebook}
    cited = [c for c in _citations(rules) if c.source == rules.guide]
    assert cited
    for citation in cited:
        assert citation.section in headings, citation
        assert citation.lines, citation
        for first, last in citation.line_ranges:
            assert 1 <= first <= last <= len(guidebook), citation


def test_schema_file_is_current_and_referenced() -> None:
    """rules.schema.json is what `generator schema` prints, and rules.yaml points editors at it."""
    committed = json.loads((ROOT / "rules.schema.json").read_text(encoding="utf-8"))
    assert committed == rules_schema()
    first = (ROOT / "rules.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=./rules.schema.json"
    assert committed["additionalProperties"] is False


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ARGS` from the repository root."""
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )


def test_cli_check_lists_source_notes(rules: Rules) -> None:
    """`python -m generator check rules.yaml` exits 0 and lists every source note."""
    done = _cli("check", "rules.yaml")
    assert done.returncode == 0, done.stderr
    assert "rules.yaml: OK." in done.stdout
    for note in rules.source_notes:
        assert f"- {note.id}: {note.title}" in done.stdout


def test_cli_schema_prints_json() -> None:
    """`python -m generator schema` prints the committed schema."""
    done = _cli("schema")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (ROOT / "rules.schema.json").read_text(encoding="utf-8")


def test_cli_lists_checks() -> None:
    """`python -m generator checks` names every check code, so findings can be looked up."""
    done = _cli("checks")
    assert done.returncode == 0, done.stderr
    codes = [line.split()[0] for line in done.stdout.splitlines()]
    assert codes == list(CHECKS)
    assert "example-totals" in done.stdout
    assert "(source note may acknowledge)" in done.stdout
    assert "(must be fixed)" in done.stdout
