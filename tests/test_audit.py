"""The source audit finds the guide's tables by content and names every disagreement.

The guide itself is not part of the project, so these tests print a guide-shaped text from
the real rules (the same table shapes the published guide uses) and then change it the way a
new edition might. bin/test runs the audit on the real guide when it is beside the checkout.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.audit import audit_guide
from generator.cli import main
from generator.model import Citation, Rules

from .conftest import ROOT, rules_at
from .portal import EXAMPLE

# The guides below are written from the shipped example's rules (kept in tests/fixtures), not
# from the project's rules.yaml: a distributor's rules need not agree with these guides, and
# the audit of their own rules runs against their own guide (bin/_audit).
RULES = rules_at(EXAMPLE / "rules.yaml")


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
    """`python -m generator audit --reference REFERENCE` in the example project, run in this
    process (the entry point itself is run by bin/_audit in
    test_bin_test_audits_when_the_guide_is_there_and_says_so_when_not)."""
    out, err = io.StringIO(), io.StringIO()
    argv = ["audit", "--reference", str(reference)]
    redirected = (contextlib.redirect_stdout(out), contextlib.redirect_stderr(err))
    with contextlib.chdir(EXAMPLE), redirected[0], redirected[1]:
        try:
            code = main(argv)
        except SystemExit as exit:
            code = exit.code if isinstance(exit.code, int) else 1
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


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
    project = reference.parent / "project"  # bin/_audit audits the rules.yaml beside it
    if not project.exists():
        (project / "bin").mkdir(parents=True)
        shutil.copy(ROOT / "bin" / "_audit", project / "bin" / "_audit")
        shutil.copy(EXAMPLE / "rules.yaml", project / "rules.yaml")
    return subprocess.run(
        [str(project / "bin" / "_audit")], capture_output=True, text=True, env=env, check=False
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


# ------------------------------------------------------------------ a second layout, and PDF


BULLETS = ("•", "-", "*", "▪")


def second_layout(rules: Rules, *, filler: bool = True, bullets: bool = False) -> str:
    """The same rules as another publisher might lay them out: columns apart by spaces, the
    engagement and lever in one cell, rates like '4 %', a Markdown period table with dates
    like '15 August 2024', lists separated by semicolons, amounts in 'USD 900', dashes in the
    claim tool list. ``bullets``: the planning table printed instead as each category's name
    over a line of definition and one bulleted line per activity (BULLETS in turn)."""

    def day(d: object) -> str:
        return f"{d.day} {d:%B} {d.year}"  # type: ignore[attr-defined]

    lines = ["Co-op funds: the partner handbook", "", "Levers and rates", ""]
    lines.append(f"{'Engagement and lever':<110}  {'Rate':>8}")
    for engagement in rules.engagements:
        for lever in engagement.levers:
            cell = f"{engagement.name}: {lever.name}"
            lines.append(f"{cell:<110}  {lever.rate_percent:>6g} %")
    lines += [
        "",
        "Deadlines",
        "",
        "| Earning | Usage | Claim by | Resolve by |",
        "|---|---|---|---|",
    ]
    for period in rules.periods:
        if "claim_deadline" in period.derived or "resolution_deadline" in period.derived:
            continue
        half = period.earning.half
        lines.append(
            f"| FY{half[2:4]} {half[4:]} | {day(period.usage.start)} to {day(period.usage.end)}"
            f" | {day(period.claim_deadline)} | {day(period.resolution_deadline)} |"
        )
    first = rules.periods[0]
    lines += ["", f"Claims are due by {day(first.claim_deadline)} 23:59 UTC for H1.", ""]
    planning = next(v for v in rules.source_views.activity_lists if v.id == "planning-table")
    if bullets:
        lines += ["Planning activities", ""]
        for index, category in enumerate(rules.categories):
            mark = BULLETS[index % len(BULLETS)]
            lines += [category.name, "Spending of this kind.", ""]
            lines += [f"{mark} {e.name}" for e in planning.entries if e.category == category.id]
            lines.append("")
    else:
        lines.append(f"{'Category':<20}  {'What it covers':<30}  Activities")
        for category in rules.categories:
            listed = "; ".join(e.name for e in planning.entries if e.category == category.id)
            lines.append(f"{category.name:<20}  {'Spending of this kind.':<30}  {listed}")
    lines.append("")
    for view in rules.source_views.content_lists:
        lines.append(f"Microsoft content, {view.id}: " + "; ".join(view.entries))
    names = {c.id: c.name for c in rules.categories}
    tool = next(v for v in rules.source_views.activity_lists if v.id == "claim-tool")
    lines += ["", *(f"{names[e.category or '']} – {e.name}" for e in tool.entries), ""]
    example = rules.worked_example
    lines.append(f"Example: the partner has accrued USD {example.stated_total_coop:,} by June.")
    for row in example.rows:
        pairs = zip(row.rebate, row.coop, strict=True)
        amounts = "  ".join(f"USD {v:,}" for pair in pairs for v in pair)
        lines.append(f"{row.engagement_label:<32}  {row.lever_label:<48}  {amounts}")
    totals = zip(example.stated_monthly_rebate, example.stated_monthly_coop, strict=True)
    lines.append(f"{'':<32}  {'':<48}  " + "  ".join(f"USD {v:,}" for p in totals for v in p))
    lines += ["", *sorted(_sections(rules))]
    if filler:
        lines += ["filler"] * 1100  # so every line the rules cite exists
    return "\n".join(lines) + "\n"


def pdf_of(text: str) -> bytes:
    """A PDF of ``text``, one line per text line in Courier (a monospaced font, so a reader
    that keeps the layout keeps the columns apart). Pages are wide enough for every line."""
    lines = text.splitlines()
    size, leading, per_page = 6, 8, 90
    width = max(200, 4 + max(len(line) for line in lines) * size * 0.6 + 40)
    height = per_page * leading + 40
    pages = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"",  # the page tree, once the pages are numbered
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>",
    ]
    kids = []
    for page in pages:
        ops = [f"BT /F1 {size} Tf {leading} TL 20 {height - 20} Td".encode()]
        for line in page:
            raw = line.encode("cp1252")
            raw = raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
            ops.append(b"(" + raw + b") '")
        ops.append(b"ET")
        stream = b"\n".join(ops)
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
            b"/Resources << /Font << /F1 3 0 R >> >> >>" % (int(width), height, content)
        )
        kids.append(len(objects))
    refs = " ".join(f"{k} 0 R" for k in kids).encode()
    objects[1] = b"<< /Type /Pages /Kids [" + refs + b"] /Count %d >>" % len(kids)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


SECOND = second_layout(RULES)
BULLETED = second_layout(RULES, bullets=True)


@pytest.mark.parametrize("text", [SECOND, BULLETED], ids=["planning rows", "planning bullets"])
def test_a_guide_in_another_layout_agrees(text: str) -> None:
    """The audit finds every table of a differently laid-out guide by what it holds, the
    planning table printed as rows or as bullets under each category's heading."""
    result = audit_guide(RULES, text)
    assert result.findings == ()
    assert set(result.compared) == set(audit_guide(RULES, GUIDE).compared)
    assert result.compared["levers"] == sum(len(e.levers) for e in RULES.engagements)
    assert result.compared["planning table"] == len(RULES.categories)


def _new_planning_entry(text: str, name: str) -> str:
    """The guide with ``name`` added to the first category's planning-table list."""
    planning = next(v for v in RULES.source_views.activity_lists if v.id == "planning-table")
    first = next(e for e in planning.entries if e.category == RULES.categories[0].id)
    for joiner in ("; ", f"\n{BULLETS[0]} ", " "):
        if f"{first.name}{joiner}" in text:
            return text.replace(f"{first.name}{joiner}", f"{first.name}{joiner}{name}{joiner}", 1)
    raise AssertionError("no planning list")


@pytest.mark.parametrize("layout", ["text copy", "second layout", "bullets"])
def test_a_new_activity_in_the_planning_table_prints_both_lists_in_full(layout: str) -> None:
    """A new activity names itself and shows the guide's and the rules' whole lists."""
    name = "Podcast sponsorship with a very long name that goes on past any shortening"
    guide = {"text copy": GUIDE, "second layout": SECOND, "bullets": BULLETED}[layout]
    text = _new_planning_entry(guide, name)
    findings = [f for f in audit_guide(RULES, text).findings if f.table == "planning table"]
    planning = next(v for v in RULES.source_views.activity_lists if v.id == "planning-table")
    held = " ".join(e.name for e in planning.entries if e.category == RULES.categories[0].id)
    message = findings[0].message
    assert f"but got '{held}'" in message
    assert f"only in the guide: '{name}'" in message
    printed = message.split("as the guide prints them", 1)[1].split(", but got", 1)[0]
    assert name in printed
    assert printed.count(" ") > held.count(" ")


def test_the_audit_reads_a_pdf_guide_and_names_each_difference(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`audit --reference guide.pdf` reads the PDF's text (columns kept apart): an agreeing
    guide passes; a changed rate and a new activity fail at their rules lines, both values
    shown."""
    monkeypatch.chdir(EXAMPLE)

    def audit(reference: Path) -> subprocess.CompletedProcess[str]:
        code = main(["audit", "--reference", str(reference)])
        out = capsys.readouterr()
        return subprocess.CompletedProcess([], code, out.out, out.err)

    pdf = tmp_path / "guide.pdf"
    pdf.write_bytes(pdf_of(second_layout(RULES, filler=False)))
    done = audit(pdf)
    assert done.returncode == 0, done.stderr
    assert "rules.yaml agrees with" in done.stdout
    assert "guide.pdf" in done.stdout
    engagement = RULES.engagements[-1]
    lever = engagement.levers[-1]
    row = f"{engagement.name}: {lever.name}"
    changed = second_layout(RULES, filler=False).replace(
        f"{row:<110}  {lever.rate_percent:>6g} %", f"{row:<110}  {lever.rate_percent + 1:>6g} %"
    )
    name = "Podcast sponsorship"
    pdf.write_bytes(pdf_of(_new_planning_entry(changed, name)))
    done = audit(tmp_path)  # the folder's one PDF
    assert done.returncode == 1
    rate = next(line for line in done.stderr.splitlines() if "[audit: levers]" in line)
    assert f"expected {lever.rate_percent + 1:g} (guide line" in rate
    assert f"but got {lever.rate_percent:g}" in rate
    new = next(line for line in done.stderr.splitlines() if "[audit: planning table]" in line)
    assert f"only in the guide: '{name}'" in new
    assert "2 disagreements with" in done.stderr


def test_a_bulleted_planning_list_ends_at_the_next_text_and_names_what_is_missing() -> None:
    """Under a category heading, the bullets up to the next other line are its list: an
    activity the guide no longer lists is named as only in the rules; bullets of a later,
    unrelated list are not taken in."""
    planning = next(v for v in RULES.source_views.activity_lists if v.id == "planning-table")
    first = RULES.categories[0]
    held = [e.name for e in planning.entries if e.category == first.id]
    assert len(held) >= 2, "the first category lists two activities or more"
    dropped = BULLETED.replace(f"\n{BULLETS[0]} {held[-1]}\n", "\nOther notes\n- Not an activity\n")
    (finding,) = [f for f in audit_guide(RULES, dropped).findings if f.table == "planning table"]
    assert f"only in the rules: {held[-1]}" in finding.message
    assert "Not an activity" not in finding.message
    line = BULLETED.splitlines().index(first.name) + 1
    assert f"(guide line {line}: '{' '.join(held[:-1])}')" in finding.message
