"""Source audit: compare rules.yaml with the text of a guide, table by table.

A maintainer runs it when Microsoft or the distributor publishes a new guide
(``python -m generator audit --reference DIR``). The guide's tables are found by what
they contain, not by line number, so a new edition with moved pages still audits. Each
disagreement is a finding at the rules.yaml entry that differs, saying what the guide
prints (with its line) and what the rules hold. Pure: text and rules in, findings out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from .errors import Loc
from .model import Citation, Rules

GUIDE_SOURCE = "guidebook"


@dataclass(frozen=True)
class AuditFinding:
    """One disagreement between the guide and the rules (``loc`` points into rules.yaml)."""

    table: str
    loc: Loc
    message: str
    hint: str


@dataclass(frozen=True)
class AuditResult:
    compared: dict[str, int]  # table -> number of rows compared
    findings: tuple[AuditFinding, ...]


def _norm(name: str) -> str:
    """Names as a reader compares them: case, punctuation and 'and'/'&' ignored."""
    words = re.sub(r"[^a-z0-9]+", " ", name.lower().replace("&", " ")).split()
    return " ".join(w for w in words if w != "and")


def _category_names(rules: Rules) -> dict[str, str]:
    """Every name a guide may print for a category (its name and aliases) -> its id."""
    return {name: c.id for c in rules.categories for name in (c.name, *c.aliases)}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("\t")]


def _date(text: str) -> date:
    return datetime.strptime(text.strip(), "%B %d, %Y").date()


def _amounts(line: str) -> list[int]:
    return [int(a.replace(",", "")) for a in re.findall(r"\\?\$([\d,]+)", line)]


class _Audit:
    def __init__(self, rules: Rules, lines: Sequence[str]) -> None:
        self.rules = rules
        self.lines = lines
        self.compared: dict[str, int] = {}
        self.findings: list[AuditFinding] = []

    def count(self, table: str, rows: int) -> None:
        self.compared[table] = self.compared.get(table, 0) + rows

    def differ(self, table: str, loc: Loc, message: str, hint: str) -> None:
        self.findings.append(AuditFinding(table, loc, message, hint))

    def missing(self, table: str, what: str) -> None:
        self.differ(
            table,
            (),
            f"expected the guide to print {what}, but it was not found",
            "If the new guide dropped or reshaped it, check the rules by hand and adapt "
            "generator/audit.py.",
        )

    # ------------------------------------------------------------ levers and rates

    def levers(self) -> None:
        rows: list[tuple[int, str, float]] = []
        for number, line in enumerate(self.lines, 1):
            cells = _cells(line)
            if len(cells) >= 3 and re.fullmatch(r"\d+(\.\d+)?%", cells[2]) and cells[1]:
                rows.append((number, cells[1], float(cells[2].rstrip("%"))))
        if not rows:
            self.missing("levers", "a lever table (lever name, then its rate)")
            return
        known = {}
        for e_index, engagement in enumerate(self.rules.engagements):
            for l_index, lever in enumerate(engagement.levers):
                for name in (lever.name, *lever.aliases):
                    known[_norm(name)] = (("engagements", e_index, "levers", l_index), lever)
        seen = set()
        for number, name, rate in rows:
            found = known.get(_norm(re.sub(r"\s*\(.*\)$", "", name))) or known.get(_norm(name))
            if found is None:
                self.differ(
                    "levers",
                    ("engagements",),
                    f"expected a lever named '{name}' (guide line {number}), but none has "
                    "that name or alias",
                    "Add the lever, or add the guide's name to an existing lever's aliases.",
                )
                continue
            loc, lever = found
            seen.add(lever.id)
            if lever.rate_percent != rate:
                self.differ(
                    "levers",
                    (*loc, "rate_percent"),
                    f"expected {rate:g} (guide line {number} prints {rate:g}% for '{name}'), "
                    f"but got {lever.rate_percent:g}",
                    "Update the rate and its source, or record why they differ in a source note.",
                )
        total = sum(len(e.levers) for e in self.rules.engagements)
        if len(seen) != total:
            self.differ(
                "levers",
                ("engagements",),
                f"expected {len(seen)} levers (the rows the guide prints), but got {total}",
                "Remove levers the guide no longer lists, or cite the source that adds them.",
            )
        self.count("levers", len(rows))

    # ------------------------------------------------------------ periods and deadlines

    _ROW = re.compile(
        r"^FY(\d\d) (H[12])\b.*?\t.*?\t(\w+ \d+, \d{4})(?:\t(\w+ \d+, \d{4}))?", re.MULTILINE
    )
    _STATED = re.compile(r"(\w+ \d+, \d{4}) 23:59:59 UTC for (H[12])")

    def periods(self) -> None:
        by_half = {p.earning.half: (index, p) for index, p in enumerate(self.rules.periods)}
        rows = 0
        for number, line in enumerate(self.lines, 1):
            match = self._ROW.match(line)
            if not match:
                continue
            rows += 1
            half = f"FY{match.group(1)}{match.group(2)}"
            if half not in by_half:
                self.differ(
                    "periods",
                    ("periods",),
                    f"expected a period earned in {half} (guide line {number}), but there is none",
                    "Add the period with the guide's deadlines.",
                )
                continue
            index, period = by_half[half]
            printed = [("claim_deadline", match.group(3))]
            if match.group(4):
                printed.append(("resolution_deadline", match.group(4)))
            for field, text in printed:
                stated = _date(text)
                held = getattr(period, field)
                if held != stated:
                    self.differ(
                        "periods",
                        ("periods", index, field),
                        f"expected {stated.isoformat()} (guide line {number} prints '{text}' "
                        f"for {half}), but got {held.isoformat()}",
                        "Correct the date, or record the contradiction in a source note.",
                    )
                elif field in period.derived:
                    self.differ(
                        "periods",
                        ("periods", index, "derived"),
                        f"expected {field} not to be marked derived (guide line {number} "
                        "states it), but it is",
                        f"Remove {field} from derived and cite the guide.",
                    )
        deadlines = {
            d for p in self.rules.periods for d in (p.claim_deadline, p.resolution_deadline)
        }
        text = "\n".join(self.lines)
        for match in self._STATED.finditer(text):
            rows += 1
            stated = _date(match.group(1))
            number = text.count("\n", 0, match.start()) + 1
            if stated not in deadlines:
                self.differ(
                    "periods",
                    ("periods",),
                    f"expected a period with the deadline {stated.isoformat()} (guide line "
                    f"{number}: '{match.group(0)}'), but no period has it",
                    "Add or correct the period whose deadline this is.",
                )
        if not rows:
            self.missing("periods", "a period table (earning, usage, claim deadline)")
        self.count("periods", rows)

    # ------------------------------------------------------------ lists of activities

    def _view(self, view_id: str) -> tuple[int, object] | None:
        for index, view in enumerate(self.rules.source_views.activity_lists):
            if view.id == view_id:
                return index, view
        return None

    def planning_table(self) -> None:
        categories = _category_names(self.rules)
        found = self._view("planning-table")
        printed: list[tuple[str, str]] = []
        for line in self.lines:
            cells = line.split("\t")
            if len(cells) == 3 and cells[0].strip() in categories and "> " in cells[2]:
                names = cells[2].split("> ", 1)[1].strip()
                printed.append((categories[cells[0].strip()], names))
        if not printed or found is None:
            self.missing("planning table", "the planning table (category, definition, activities)")
            return
        index, view = found
        entries = getattr(view, "entries")  # noqa: B009 - an ActivityView
        for category, names in printed:
            held = " ".join(e.name for e in entries if e.category == category)
            if held != names:
                self.differ(
                    "planning table",
                    ("source_views", "activity_lists", index, "entries"),
                    f"expected the activities of '{category}' as the guide prints them "
                    f"('{names[:120]}'), but got '{held[:120]}'",
                    "Transcribe the guide's list again, entry for entry.",
                )
        listed = sum(1 for e in entries if e.category)
        if listed != len(self.rules.activities):
            self.differ(
                "planning table",
                ("activities",),
                f"expected one activity per planning-table entry ({listed}), but got "
                f"{len(self.rules.activities)}",
                "Add or remove activities so each planning-table entry has one.",
            )
        self.count("planning table", len(printed))

    def claim_tool(self) -> None:
        categories = _category_names(self.rules)
        pattern = re.compile(r"^(" + "|".join(re.escape(n) for n in categories) + r") - (.+)$")
        printed = [
            (categories[m.group(1)], m.group(2).strip())
            for m in map(pattern.match, self.lines)
            if m
        ]
        found = self._view("claim-tool")
        if not printed or found is None:
            self.missing("claim tool list", "the claim tool's activity list ('Category - Name')")
            return
        index, view = found
        held = [(e.category, e.name) for e in getattr(view, "entries")]  # noqa: B009
        if held != printed:
            shown = {c.id: c.name for c in self.rules.categories}
            extra = [f"{shown[c]} - {n}" for c, n in printed if (c, n) not in held]
            gone = [f"{shown.get(c or '', c)} - {n}" for c, n in held if (c, n) not in printed]
            self.differ(
                "claim tool list",
                ("source_views", "activity_lists", index, "entries"),
                f"expected the {len(printed)} entries the guide prints, but got {len(held)}"
                + (f"; only in the guide: {', '.join(extra)}" if extra else "")
                + (f"; only in the rules: {', '.join(gone)}" if gone else ""),
                "Transcribe the guide's list again, in its order.",
            )
        self.count("claim tool list", len(printed))

    def content_lists(self) -> None:
        columns: list[str] = []
        for line in self.lines:
            cells = [c for c in line.split("\t") if "> " in c]
            if len(cells) >= 2:
                columns = [c.split("> ", 1)[1].strip() for c in cells]
                break
        views = self.rules.source_views.content_lists
        if not columns:
            self.missing("content lists", "the Microsoft-content lists")
            return
        held = [" ".join(v.entries) for v in views]
        if held != columns:
            self.differ(
                "content lists",
                ("source_views", "content_lists"),
                f"expected {len(columns)} lists as the guide prints them, but the rules' "
                f"{len(held)} lists differ",
                "Transcribe the guide's Microsoft-content lists again, entry for entry.",
            )
        self.count("content lists", len(columns))

    # ------------------------------------------------------------ the worked example

    def worked_example(self) -> None:
        example = self.rules.worked_example
        rows: list[list[int]] = []
        total: list[int] = []
        stated: int | None = None
        for line in self.lines:
            accrued = re.search(r"accrued \\?\$([\d,]+)", line)
            if accrued and stated is None:
                stated = int(accrued.group(1).replace(",", ""))
            amounts = _amounts(line)
            if stated is not None and len(amounts) == 2 * len(example.months):
                if _cells(line)[0] == "" and _cells(line)[1] == "":
                    total = amounts
                    break
                rows.append(amounts)
        if stated is None or not rows:
            self.missing("worked example", "the worked example (monthly rebate and co-op)")
            return
        base: Loc = ("worked_example",)
        if stated != example.stated_total_coop:
            self.differ(
                "worked example",
                (*base, "stated_total_coop"),
                f"expected {stated} (the total the guide states), but got "
                f"{example.stated_total_coop}",
                "Copy the stated total as printed; the checker compares it with the rows.",
            )
        if len(rows) != len(example.rows):
            self.differ(
                "worked example",
                (*base, "rows"),
                f"expected {len(rows)} rows, but got {len(example.rows)}",
                "Transcribe the example's rows again.",
            )
        for index, (amounts, row) in enumerate(zip(rows, example.rows, strict=False)):
            if amounts[0::2] != row.rebate or amounts[1::2] != row.coop:
                self.differ(
                    "worked example",
                    (*base, "rows", index),
                    f"expected rebate {amounts[0::2]} and co-op {amounts[1::2]}, but got "
                    f"{row.rebate} and {row.coop}",
                    "Transcribe the row again.",
                )
        if total and (
            total[0::2] != example.stated_monthly_rebate
            or total[1::2] != example.stated_monthly_coop
        ):
            self.differ(
                "worked example",
                (*base, "stated_monthly_coop"),
                f"expected monthly totals {total[0::2]} and {total[1::2]}, but got "
                f"{example.stated_monthly_rebate} and {example.stated_monthly_coop}",
                "Copy the monthly totals as printed.",
            )
        self.count("worked example", len(rows) + 2)

    # ------------------------------------------------------------ citations

    def citations(self) -> None:
        headings = {line.strip() for line in self.lines}
        guide = self.rules.guide or GUIDE_SOURCE
        cited = 0
        for loc, citation in _citations(self.rules, ()):
            if citation.source != guide:
                continue
            cited += 1
            if citation.section is not None and citation.section not in headings:
                self.differ(
                    "citations",
                    (*loc, "section"),
                    f"expected a section heading the guide prints, but got '{citation.section}'",
                    "Cite the heading as the new guide prints it (partners look it up there).",
                )
            for first, last in citation.line_ranges:
                if not 1 <= first <= last <= len(self.lines):
                    self.differ(
                        "citations",
                        (*loc, "lines"),
                        f"expected lines of the guide (1-{len(self.lines)}), but got "
                        f"{first}-{last}",
                        "Cite the lines where the guide says it.",
                    )
        self.count("citations", cited)


def _citations(node: object, loc: Loc) -> Iterator[tuple[Loc, Citation]]:
    if isinstance(node, Citation):
        yield loc, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _citations(getattr(node, name), (*loc, name))
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _citations(item, (*loc, index))


def audit_guide(rules: Rules, text: str) -> AuditResult:
    """Compare the rules with a guide's text; every table the guide prints is checked."""
    audit = _Audit(rules, text.splitlines())
    for step in (
        audit.levers,
        audit.periods,
        audit.planning_table,
        audit.claim_tool,
        audit.content_lists,
        audit.worked_example,
        audit.citations,
    ):
        step()
    return AuditResult(dict(audit.compared), tuple(audit.findings))


def find_guide(reference: Path, rules: Rules | None = None) -> Path:
    """The guide's text: ``reference`` itself, or in that folder the file the rules name for
    their guide (``reference_text``), else the folder's one .txt file."""
    if reference.is_file():
        return reference
    if not reference.is_dir():
        raise FileNotFoundError(f"{reference}: no such file or folder")
    named = rules.guide_source.reference_text if rules and rules.guide_source else None
    if named and (reference / named).is_file():
        return reference / named
    texts = sorted(reference.glob("*.txt"))
    if len(texts) != 1:
        names = ", ".join(t.name for t in texts) or "none"
        raise FileNotFoundError(
            f"{reference}: expected one .txt file (the guide's text), but found {names}. "
            "Pass the guide's file itself: --reference PATH/TO/guide.txt"
        )
    return texts[0]
