"""Source audit: compare rules.yaml with the text of a guide, table by table.

A maintainer runs it when Microsoft or the distributor publishes a new guide
(``python -m generator audit --reference DIR``). The guide's tables are found by what
they contain, not by line number, so a new edition with moved pages still audits. Each
disagreement is a finding at the rules.yaml entry that differs, saying what the guide
prints (with its line) and what the rules hold, both in full. The guide may be a text
file or a PDF (``read_guide``: pypdf, else poppler's ``pdftotext``), with its table cells
split by tabs (a text copy), by ``|`` (Markdown) or by runs of spaces (a PDF's layout), and
its planning table printed as rows or as a category heading over one bullet per activity.
Pure, apart from ``read_guide`` and ``find_guide``: text and rules in, findings out.
"""

from __future__ import annotations

import importlib
import re
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pydantic import BaseModel

from .errors import Loc
from .model import Citation, Lever, Rules

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
    """A table row's cells: split by tabs, else by '|' (Markdown), else by 2+ spaces (a PDF's
    layout text). A row's leading empty cell (a merged cell above) is kept."""
    if "\t" in line:
        return [c.strip() for c in line.split("\t")]
    stripped = line.strip()
    if stripped.startswith("|"):
        return [c.strip() for c in stripped.strip("|").split("|")]
    cells = [c.strip() for c in re.split(r"\s{2,}", line.rstrip())]
    return cells if len(cells) > 1 else [stripped]


_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y-%m-%d")
_DATE_TEXT = r"(?:\w+ \d{1,2}, \d{4}|\d{1,2} \w+ \d{4}|\d{4}-\d\d-\d\d)"


def _date(text: str) -> date | None:
    """A date as guides print it: 'August 15, 2024', '15 August 2024' or '2024-08-15'."""
    for form in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), form).date()
        except ValueError:
            continue
    return None


_AMOUNT = r"(?:\\?\$|USD\s?)([\d,]+)"


def _amounts(line: str) -> list[int]:
    return [int(a.replace(",", "")) for a in re.findall(_AMOUNT, line)]


_LIST_SEPARATORS = re.compile(r"\s*(?:[;,•·]|\s\|\s)\s*")


def _listed(text: str) -> str:
    """A printed list as one line of names: separators and extra spaces dropped."""
    return " ".join(_LIST_SEPARATORS.sub(" ", text).split())


def _left_over(printed: str, names: Sequence[str]) -> str:
    """What a printed list holds besides ``names`` (each taken out once, longest first)."""
    rest = f" {printed} "
    for name in sorted(names, key=len, reverse=True):
        rest = rest.replace(f" {name} ", " ", 1)
    return rest.strip()


class _Audit:
    def __init__(self, rules: Rules, lines: Sequence[str], *, check_lines: bool = True) -> None:
        self.rules = rules
        self.lines = lines
        self.check_lines = check_lines
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
        known: dict[str, tuple[Loc, Lever]] = {}
        for e_index, engagement in enumerate(self.rules.engagements):
            for l_index, lever in enumerate(engagement.levers):
                for name in (lever.name, *lever.aliases):
                    known[_norm(name)] = (("engagements", e_index, "levers", l_index), lever)

        def find(name: str) -> tuple[Loc, Lever] | None:
            plain = _norm(re.sub(r"\s*\(.*\)$", "", name))
            full = _norm(name)
            if plain in known or full in known:
                return known.get(plain) or known[full]
            # A layout that prints the engagement and the lever in one cell: the lever's
            # name ends it.
            ends = [k for k in known if plain.endswith(" " + k) or full.endswith(" " + k)]
            return known[max(ends, key=len)] if ends else None

        rows: list[tuple[int, str, float, tuple[Loc, Lever] | None]] = []
        for number, line in enumerate(self.lines, 1):
            cells = _cells(line)
            at = next(
                (i for i, c in enumerate(cells) if i and re.fullmatch(r"\d+(\.\d+)?\s?%", c)),
                None,
            )
            names = [c for c in cells[:at] if c] if at else []
            if names:
                rate = float(cells[at].rstrip("%").strip())  # type: ignore[index]
                rows.append((number, names[-1], rate, find(names[-1])))
        # A row is a lever row when it names a lever, or sits in a table of such rows.
        matched = [number for number, _, _, found in rows if found is not None]
        rows = [r for r in rows if r[3] is not None or any(abs(r[0] - n) <= 3 for n in matched)]
        if not matched:
            self.missing("levers", "a lever table (lever name, then its rate)")
            return
        seen = set()
        for number, name, rate, found in rows:
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
            gone = [lv.name for e in self.rules.engagements for lv in e.levers if lv.id not in seen]
            self.differ(
                "levers",
                ("engagements",),
                f"expected {len(seen)} levers (the rows the guide prints), but got {total}; "
                f"not in the guide: {'; '.join(gone)}",
                "Remove levers the guide no longer lists, or cite the source that adds them.",
            )
        self.count("levers", len(rows))

    # ------------------------------------------------------------ periods and deadlines

    _ROW = re.compile(r"^\|?\s*FY\s?(\d\d)\s?(H[12])\b")
    _STATED = re.compile(rf"({_DATE_TEXT}) 23:59(?::59)? UTC for (H[12])")

    def periods(self) -> None:
        by_half = {p.earning.half: (index, p) for index, p in enumerate(self.rules.periods)}
        rows = 0
        for number, line in enumerate(self.lines, 1):
            match = self._ROW.match(line)
            if not match:
                continue
            # The deadlines are the row's cells that are whole dates (usage spans are not).
            dates = [(cell, day) for cell in _cells(line)[1:] if (day := _date(cell)) is not None]
            if not dates:
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
            printed = list(zip(("claim_deadline", "resolution_deadline"), dates, strict=False))
            for field, (text, stated) in printed:
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
            found_day = _date(match.group(1))
            number = text.count("\n", 0, match.start()) + 1
            if found_day not in deadlines:
                self.differ(
                    "periods",
                    ("periods",),
                    f"expected a period with the deadline {found_day} (guide line "
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
        printed: list[tuple[str, str, int]] = []
        for number, line in enumerate(self.lines, 1):
            cells = _cells(line)
            if len(cells) < 2 or cells[0] not in categories:
                continue
            html = [c for c in cells if "> " in c]
            if html:  # a text copy of the PDF keeps the list's HTML
                printed.append((categories[cells[0]], _listed(html[0].split("> ", 1)[1]), number))
            elif len(cells) >= 3 and _LIST_SEPARATORS.search(cells[-1]):
                printed.append((categories[cells[0]], _listed(cells[-1]), number))
        printed += self._bulleted(categories)
        if not printed or found is None:
            self.missing("planning table", "the planning table (category, definition, activities)")
            return
        index, view = found
        entries = getattr(view, "entries")  # noqa: B009 - an ActivityView
        for category, names, number in printed:
            held_names = [e.name for e in entries if e.category == category]
            held = " ".join(held_names)
            if held != names:
                extra = _left_over(names, held_names)
                gone = [n for n in held_names if f" {n} " not in f" {names} "]
                self.differ(
                    "planning table",
                    ("source_views", "activity_lists", index, "entries"),
                    f"expected the activities of '{category}' as the guide prints them "
                    f"(guide line {number}: '{names}'), but got '{held}'"
                    + (f"; only in the guide: '{extra}'" if extra else "")
                    + (f"; only in the rules: {'; '.join(gone)}" if gone else ""),
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

    _BULLET = re.compile(r"^\s*[•▪◦‣·*-]\s+(\S.*)$")

    def _bulleted(self, categories: dict[str, str]) -> list[tuple[str, str, int]]:
        """The planning table as a guide may print it one activity per line: a line that is
        only a category's name (a colon after it allowed), at most three lines of definition,
        then one line per activity starting with a bullet ('•', '-', '*', '▪'); blank lines
        between them are skipped, and the first other line ends the list. Each is
        (category, its names as one line, the heading's line)."""
        out = []
        for number, line in enumerate(self.lines, 1):
            heading = line.strip().rstrip(":").strip()
            if heading not in categories:
                continue
            names: list[str] = []
            before = 0
            for following in self.lines[number:]:
                bullet = self._BULLET.match(following)
                if bullet:
                    names.append(" ".join(bullet.group(1).split()))
                elif not following.strip():
                    continue
                elif names or before == 3:
                    break
                else:
                    before += 1
            if names:
                out.append((categories[heading], " ".join(names), number))
        return out

    def claim_tool(self) -> None:
        categories = _category_names(self.rules)
        names = sorted(categories, key=len, reverse=True)
        pattern = re.compile(r"^(" + "|".join(re.escape(n) for n in names) + r") [-–] (.+)$")
        printed = [
            (categories[m.group(1)], m.group(2).strip())
            for m in (pattern.match(line.strip()) for line in self.lines)
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
            cells = [c for c in _cells(line) if "> " in c]
            if len(cells) >= 2:
                columns = [c.split("> ", 1)[1].strip() for c in cells]
                break
        if not columns:  # a layout that prints each list on its own line: 'Label: a; b; c'
            for line in self.lines:
                label, colon, listed = line.partition(":")
                if colon and "microsoft content" in label.lower() and ";" in listed:
                    columns.append(_listed(listed))
        views = self.rules.source_views.content_lists
        if not columns:
            self.missing("content lists", "the Microsoft-content lists")
            return
        held = [" ".join(v.entries) for v in views]
        if held != columns:
            pairs = [
                f"guide '{g}', rules '{r}'" for g, r in zip(columns, held, strict=False) if g != r
            ]
            self.differ(
                "content lists",
                ("source_views", "content_lists"),
                f"expected {len(columns)} lists as the guide prints them, but the rules' "
                f"{len(held)} lists differ" + (f": {'; '.join(pairs)}" if pairs else ""),
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
            accrued = re.search(r"accrued " + _AMOUNT, line)
            if accrued and stated is None:
                stated = int(accrued.group(1).replace(",", ""))
            amounts = _amounts(line)
            if stated is not None and len(amounts) == 2 * len(example.months):
                if not re.search(r"[A-Za-z]", re.sub(_AMOUNT, "", line)):  # no label: totals
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
            for first, last in citation.line_ranges if self.check_lines else ():
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


def audit_guide(rules: Rules, text: str, *, check_lines: bool = True) -> AuditResult:
    """Compare the rules with a guide's text; every table the guide prints is checked.

    ``check_lines`` False skips the cited line numbers (they number the maintainers' text
    copy, not a PDF's extracted text)."""
    audit = _Audit(rules, text.splitlines(), check_lines=check_lines)
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


GUIDE_SUFFIXES = (".txt", ".pdf")


def find_guide(reference: Path, rules: Rules | None = None) -> Path:
    """The guide: ``reference`` itself, or in that folder the file the rules name for their
    guide (``reference_text``), else the folder's one .txt file, else its one .pdf file."""
    if reference.is_file():
        return reference
    if not reference.is_dir():
        raise FileNotFoundError(f"{reference}: no such file or folder")
    named = rules.guide_source.reference_text if rules and rules.guide_source else None
    if named and (reference / named).is_file():
        return reference / named
    for suffix in GUIDE_SUFFIXES:
        found = sorted(reference.glob(f"*{suffix}"))
        if len(found) == 1:
            return found[0]
        if found:
            names = ", ".join(t.name for t in found)
            raise FileNotFoundError(
                f"{reference}: expected one {suffix} file (the guide), but found {names}. "
                f"Pass the guide's file itself: --reference PATH/TO/guide{suffix}"
            )
    raise FileNotFoundError(
        f"{reference}: expected one .txt file (the guide's text) or one .pdf file, but found "
        "none. Pass the guide's file itself: --reference PATH/TO/guide.txt (or guide.pdf)"
    )


class GuideError(Exception):
    """A guide that cannot be read (a PDF without a PDF reader, or without text)."""


def read_guide(path: Path) -> str:
    """A guide's text. A PDF is read with its layout kept (columns stay apart), with pypdf
    when installed, else with poppler's ``pdftotext -layout`` (Debian: poppler-utils)."""
    if path.suffix.lower() != ".pdf":
        return path.read_text(encoding="utf-8-sig")
    try:
        pypdf = importlib.import_module("pypdf")  # a dev tool: not needed for building
    except ImportError:
        pypdf = None
    if pypdf is not None:
        reader = pypdf.PdfReader(path)
        text = "\n".join(page.extract_text(extraction_mode="layout") for page in reader.pages)
    elif shutil.which("pdftotext"):
        done = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise GuideError(f"{path}: pdftotext could not read it: {done.stderr.strip()}")
        text = done.stdout
    else:
        raise GuideError(
            f"{path}: expected a PDF reader, but neither pypdf nor pdftotext is installed. "
            "Hint: pip install pypdf (bin/build installs it), or apt-get install poppler-utils."
        )
    if not text.strip():
        raise GuideError(
            f"{path}: expected text in the PDF, but it holds none (a scan?). Hint: save the "
            "guide as text from a PDF viewer and pass that file."
        )
    return text
