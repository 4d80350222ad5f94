"""Command line: ``python -m generator check|schema|checks|links|pages|audit``."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from .audit import audit_guide, find_guide
from .browser_data import browser_data_schema_text
from .checks import CHECKS, CheckResult
from .errors import RulesError
from .loader import LoadedRules
from .model import Rules
from .pages import build_pages
from .pipeline import check_file
from .schema import schema_text


def write_pages(rules: Rules, out: str, *, directory_urls: bool = True) -> int:
    """Write every generated page under ``out``, replacing it only once all are rendered."""
    pages = build_pages(rules, directory_urls=directory_urls)
    target = Path(out)
    staging = target.with_name(target.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    for path, markdown in pages.items():
        file = staging / path
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text(markdown, encoding="utf-8")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return len(pages)


def links_report(rules: Rules) -> str:
    """Every external URL in the rules, with the ids of the entries that carry it."""
    where: dict[str, list[str]] = {}
    for source in rules.sources:
        if source.url:
            where.setdefault(source.url, []).append(f"source {source.id}")
    for resource in rules.resources:
        if resource.url:
            where.setdefault(resource.url, []).append(f"resource {resource.id}")
    lines = [f"{len(where)} external links in rules.yaml (each an absolute http(s) URL):"]
    lines += [f"{url}  ({', '.join(ids)})" for url, ids in sorted(where.items())]
    return "\n".join(lines)


def checks_text() -> str:
    """One line per check: code, whether a source note may acknowledge it, and what it checks."""
    width = max(len(code) for code in CHECKS)
    lines = []
    for check in CHECKS.values():
        mark = "source note may acknowledge" if check.acknowledgeable else "must be fixed"
        lines.append(f"{check.code:<{width}}  {check.title} ({mark})")
    return "\n".join(lines)


def summary(loaded: LoadedRules, result: CheckResult) -> str:
    rules = loaded.rules
    levers = sum(len(e.levers) for e in rules.engagements)
    lines = [
        f"{loaded.locator.file}: OK. Rules version {rules.rules_version} "
        f"(updated {rules.updated}).",
        f"  {len(rules.engagements)} engagements, {levers} levers, {len(rules.periods)} periods, "
        f"{len(rules.activities)} activities, {len(rules.sources)} sources; "
        f"{result.checks_run} consistency checks passed.",
    ]
    notes = result.notes
    lines.append(f"  {len(notes)} acknowledged source notes:")
    for acknowledged in notes:
        note = acknowledged.note
        count = len(acknowledged.findings)
        found = f" ({count} finding{'s' if count != 1 else ''} acknowledged)" if count else ""
        lines.append(f"    - {note.id}: {note.title}{found}")
    return "\n".join(lines)


def audit_report(loaded: LoadedRules, reference: str) -> tuple[bool, str]:
    """The source audit as text: (agrees, report). Disagreements read like check findings."""
    guide = find_guide(Path(reference), loaded.rules)
    result = audit_guide(loaded.rules, guide.read_text(encoding="utf-8-sig"))
    compared = ", ".join(f"{table} ({rows})" for table, rows in result.compared.items())
    if not result.findings:
        return True, (f"{loaded.locator.file} agrees with {guide}: compared {compared}.")
    lines = [
        str(loaded.locator.problem(f.loc, f.message, f.hint, code=f"audit: {f.table}"))
        for f in result.findings
    ]
    count = len(result.findings)
    lines.append(
        f"{count} disagreement{'s' if count != 1 else ''} with {guide}; compared {compared}."
    )
    return False, "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator", description="coop-portal rules tools"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate rules.yaml and run consistency checks")
    check.add_argument("path", nargs="?", default="rules.yaml")
    schema = commands.add_parser("schema", help="print the JSON Schema of rules.yaml")
    schema.add_argument(
        "--browser-data",
        action="store_true",
        help="print the schema of the data the pages' scripts get instead",
    )
    commands.add_parser("checks", help="list the consistency checks and their codes")
    links = commands.add_parser("links", help="list every external link in the rules, checked")
    links.add_argument("path", nargs="?", default="rules.yaml")
    pages = commands.add_parser(
        "pages", help="write the generated Markdown pages to a folder (for other site engines)"
    )
    pages.add_argument("out", help="folder to write into; created or replaced")
    pages.add_argument("--rules", default="rules.yaml")
    pages.add_argument("--html-urls", action="store_true", help="links as page.html")
    audit = commands.add_parser(
        "audit", help="compare rules.yaml with a guide's text, table by table (source audit)"
    )
    audit.add_argument(
        "--reference", required=True, help="the guide as text: a .txt file, or a folder with one"
    )
    audit.add_argument("path", nargs="?", default="rules.yaml")
    args = parser.parse_args(argv)
    try:
        if args.command == "schema":
            sys.stdout.write(browser_data_schema_text() if args.browser_data else schema_text())
            return 0
        if args.command == "checks":
            print(checks_text())
            return 0
        if args.command == "links":
            loaded, _ = check_file(args.path)
            print(links_report(loaded.rules))
            return 0
        if args.command == "audit":
            loaded, _ = check_file(args.path)
            try:
                agrees, report = audit_report(loaded, args.reference)
            except FileNotFoundError as exc:
                print(f"audit: {exc}", file=sys.stderr)
                return 2
            print(report, file=sys.stdout if agrees else sys.stderr)
            return 0 if agrees else 1
        if args.command == "pages":
            loaded, _ = check_file(args.rules)
            count = write_pages(loaded.rules, args.out, directory_urls=not args.html_urls)
            print(f"Wrote {count} pages to {args.out}")
            return 0
        loaded, result = check_file(args.path)
        print(summary(loaded, result))
        return 0
    except RulesError as exc:
        print(exc.report(), file=sys.stderr)
        return 1
    except BrokenPipeError:  # the reader went away (`... | head`): not an error of ours
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug of ours: say so plainly, never a traceback
        if os.environ.get("COOP_PORTAL_DEBUG"):
            raise
        print(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in coop-portal, not "
            "in your rules; set COOP_PORTAL_DEBUG=1 to see the traceback and report it.",
            file=sys.stderr,
        )
        return 70
