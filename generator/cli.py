"""Command line: ``python -m generator check|schema|checks|links|site|verify|pages|audit``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import tree
from .audit import GuideError, audit_guide, find_guide, read_guide
from .browser_data import browser_data_schema_text
from .changes import PreviousRulesError, changes_text, load_previous
from .checks import CHECKS, CheckResult, check_rules
from .errors import RulesError
from .loader import LoadedRules, load_rules
from .model import Rules
from .pages import build_pages
from .pipeline import check_file
from .published import manifest_path, manifest_text
from .schema import schema_text
from .site import SiteError, check_site_brand


def write_pages(rules: Rules, out: str, *, directory_urls: bool = True) -> int:
    """Write every generated page under ``out``, replacing it only once all are rendered
    (and only if it holds nothing but what an earlier run wrote)."""
    return tree.write_pages(build_pages(rules, directory_urls=directory_urls), Path(out))


def site_command(config: str, rules: str | None, out: str) -> str:
    """Write the whole site to ``out`` for engines without the plugin; the summary line."""
    project = tree.Project.read(Path(config), rules)
    tree.check_target(Path(out), keep=project.docs, build_dir="site")  # before the slow part
    loaded, _ = check_file(_shown(project.rules))
    written = tree.write_site(project, loaded.rules, Path(out))
    for note in written.notes:
        print(note, file=sys.stderr)
    return (
        f"Wrote the site to {out}: {len(written.pages)} generated pages, "
        f"{len(written.content_pages)} from {_shown(project.docs)}, {len(written.files)} "
        f"exports and generated files, {len(written.assets)} assets, mkdocs.yml and "
        "properdocs.yml (no plugin needed)."
    )


def config_command(path: str) -> str:
    """Check mkdocs.yml before an engine reads it (its own YAML errors name no setting): YAML
    problems and brand settings come back as ``mkdocs.yml:LINE: setting: …``."""
    project = tree.Project.read(Path(path))
    brand = tree.brand_of(tree.plugin_options(project.config))
    docs = {p.relative_to(project.docs).as_posix() for p in project.docs.rglob("*") if p.is_file()}
    check_site_brand(brand, docs, path)
    return f"{path}: OK. Brand {brand.name or '(none)'}; docs folder {_shown(project.docs)}."


def published_command(path: str, *, write: bool) -> int:
    """Print the manifest the rules would publish, or write it beside them (checked first,
    except for what the manifest itself refuses: writing it is how a removal is accepted)."""
    loaded = load_rules(path)
    result = check_rules(loaded.rules)
    if not result.ok:
        check_file(path)  # raises with every problem
    text = manifest_text(loaded.rules)
    if not write:
        sys.stdout.write(text)
        return 0
    target = manifest_path(path)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)
    moved = len(loaded.rules.activities)
    print(f"Wrote {target}: {moved} activities with their pages, embeds and checklist items.")
    return 0


def verify_command(site: str, tree_dir: str | None, config: str) -> tuple[bool, str]:
    """Whether a built site has every page and file it must: (ok, report)."""
    if tree_dir:
        expected = tree.manifest_outputs(Path(tree_dir))
    else:
        project = tree.Project.read(Path(config))
        loaded, _ = check_file(_shown(project.rules))
        built, _ = project.tree(loaded.rules)
        urls = bool(project.config.get("use_directory_urls", True))
        expected = tree.expected_outputs(built, directory_urls=urls)
    missing = tree.missing_outputs(Path(site), expected)
    if not missing:
        return True, f"{site}: all {len(expected)} pages and files of the portal are there."
    shown = "\n  ".join(missing[:20]) + ("\n  ..." if len(missing) > 20 else "")
    return False, (
        f"{site} lacks {len(missing)} of the portal's {len(expected)} pages and files; the "
        f"engine did not build the generated site (an engine that ignores the coop-portal "
        f"plugin needs `python -m generator site OUT` first):\n  {shown}"
    )


def _shown(path: Path) -> str:
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


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
    pdf = guide.suffix.lower() == ".pdf"  # its lines are not those the rules cite
    result = audit_guide(loaded.rules, read_guide(guide), check_lines=not pdf)
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
    site = commands.add_parser(
        "site",
        help="write the whole site (pages, content/, exports, assets, mkdocs.yml) to a folder "
        "that any engine reading mkdocs.yml builds without the plugin",
    )
    site.add_argument("out", help="folder to write into; created or replaced")
    site.add_argument("--config", default="mkdocs.yml")
    site.add_argument("--rules", default=None, help="default: the plugin's rules option")
    verify = commands.add_parser(
        "verify", help="check that a built site has every page and file of the portal"
    )
    verify.add_argument("site", help="the built site's folder")
    verify.add_argument("--tree", help="the folder `site` wrote (its manifest lists the pages)")
    verify.add_argument("--config", default="mkdocs.yml")
    audit = commands.add_parser(
        "audit", help="compare rules.yaml with a guide's text, table by table (source audit)"
    )
    audit.add_argument(
        "--reference",
        required=True,
        help="the guide: a .pdf or .txt file, or a folder with one",
    )
    audit.add_argument("path", nargs="?", default="rules.yaml")
    changes = commands.add_parser(
        "changes", help="list what changed since earlier rules, in partner words"
    )
    changes.add_argument(
        "--since",
        required=True,
        help="the earlier rules: a rules file, or a git revision (git:REV or REV)",
    )
    changes.add_argument("path", nargs="?", default="rules.yaml")
    config_check = commands.add_parser(
        "config", help="check mkdocs.yml: its YAML, the brand settings and the logo file"
    )
    config_check.add_argument("path", nargs="?", default="mkdocs.yml")
    published = commands.add_parser(
        "published",
        help="show, or --write, the manifest of published ids and addresses (published-ids.json)",
    )
    published.add_argument("path", nargs="?", default="rules.yaml")
    published.add_argument(
        "--write",
        action="store_true",
        help="record the current rules as published (accepts removed activities and items)",
    )
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
            except (FileNotFoundError, GuideError) as exc:
                print(f"audit: {exc}", file=sys.stderr)
                return 2
            print(report, file=sys.stdout if agrees else sys.stderr)
            return 0 if agrees else 1
        if args.command == "changes":
            loaded, _ = check_file(args.path)
            here = Path(args.path).parent
            try:
                previous = load_previous(args.since, here, Path(args.path).name)
            except PreviousRulesError as exc:
                print(f"changes: {exc}", file=sys.stderr)
                return 2
            print(changes_text(previous, loaded.rules))
            return 0
        if args.command == "config":
            print(config_command(args.path))
            return 0
        if args.command == "published":
            return published_command(args.path, write=args.write)
        if args.command == "site":
            print(site_command(args.config, args.rules, args.out))
            return 0
        if args.command == "verify":
            ok, report = verify_command(args.site, args.tree, args.config)
            print(report, file=sys.stdout if ok else sys.stderr)
            return 0 if ok else 1
        if args.command == "pages":
            tree.check_target(Path(args.out))
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
    except (SiteError, tree.TargetError) as exc:
        print(exc, file=sys.stderr)
        return 1 if isinstance(exc, SiteError) else 2
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
