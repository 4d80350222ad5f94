"""Helpers for tests that build the portal: a copy of the project in a temp folder,
a strict `mkdocs build`, builds shared by every test worker of a run (the real portal and one
variant), a small HTML reader, and the page types browser tests visit."""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from filelock import FileLock

from generator.loader import load_rules
from generator.model import Rules
from generator.sitemap import page_type_urls

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("content", "site_overrides", "mkdocs.yml", "rules.yaml", "history")
EXAMPLE_ACTIVITY = "print-advertising"
# The shipped example (rules and published ids) as it was, for tests anchored to it.
EXAMPLE = ROOT / "tests" / "fixtures" / "example"


@functools.cache
def _real_rules() -> Rules:
    return load_rules(ROOT / "rules.yaml").rules


def page_types(*extra: str) -> list[str]:
    """One URL per page type of the page table (EXAMPLE_ACTIVITY for each family), then
    ``extra``: pages outside the table, such as hand-written ones."""
    return [*page_type_urls(_real_rules(), example=EXAMPLE_ACTIVITY), *extra]


def copy_project(dest: Path) -> Path:
    """The portal's sources (not its site) copied into ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part)
        else:
            shutil.copy(source, dest / part)
    return dest


@dataclass
class Build:
    returncode: int
    output: str
    site: Path


def build(project: Path, *extra: str, site: str = "site", site_url: str | None = None) -> Build:
    """Run a strict mkdocs build in ``project``; never with -q (it hides warnings)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if site_url:
        env["COOP_SITE_URL"] = site_url
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", site, *extra],
        capture_output=True,
        text=True,
        cwd=project,
        check=False,
        env=env,
        timeout=300,
    )
    return Build(done.returncode, done.stdout + done.stderr, project / site)


def warnings_in(output: str) -> list[str]:
    return re.findall(r"^WARNING\s+-.*$", output, re.MULTILINE)


def shared_build(
    shared: Path,
    name: str,
    prepare: Callable[[Path], None] | None = None,
    site_url: str | None = None,
) -> Build:
    """The project built once per test run into ``shared``/``name``/site, whichever test
    worker asks first (the others wait on a file lock and read the same result). ``prepare``
    edits the copied project before the build. The site is read-only for the tests."""
    folder = shared / name
    result = shared / f"{name}.json"
    with FileLock(str(shared / f"{name}.lock")):
        if not result.exists():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that died half-way
            project = copy_project(folder)
            if prepare is not None:
                prepare(project)
            done = build(project, site_url=site_url)
            result.write_text(json.dumps([done.returncode, done.output]), encoding="utf-8")
        returncode, output = json.loads(result.read_text(encoding="utf-8"))
    return Build(returncode, output, folder / "site")


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# The variant build: one build of the portal whose rules and settings differ from the real
# ones in every way a read-only test needs, so that those tests share one build:
# - hostile strings in rules texts (test_injection.py, the page walk of test_walk.py);
# - no COOP_SITE_URL (test_browser_edges.py: the plain 404 page, no local address);
# - a distributor's brand in mkdocs.yml (test_brand.py);
# - a rules update: one POE item reworded (by a hostile string) and one removed
#   (test_browser_checklist.py: ticks across an update).
# Payloads that get past the model's plain-text check (no '<', no 'javascript:', no '](').
PAYLOADS = [
    'x" autofocus onfocus="window.__pwned=1" data-x="',
    "x' onmouseover='window.__pwned=1' '",
    "{: onclick=window.__pwned=1 } **bold** _it_ `code` ~~strike~~",
    "[x][1] [1]: javascript&#58;window.__pwned=1",
    "&lt;img src=x onerror=window.__pwned=1&gt; &#60;script&#62;window.__pwned=1&#60;/script&#62;",
    "${window.__pwned=1} {{ 7*7 }} {% raw %} [[rules:title]] %rules:title%",
    "\\u003cscript\\u003ewindow.__pwned=1\\u003c/script\\u003e ]]> --> */ window.__pwned=1 //",
]
# Where each payload goes (a pattern of rules.yaml, replaced once): print-advertising's
# definition, the rules title, the programme summary, the POE item final-printed-piece of
# print-advertising, and an expense name.
PAYLOAD_PLACES = [
    (r'definition: "Paid ad placements in printed media[^"]*"', PAYLOADS[0] + " " + PAYLOADS[2]),
    (r'^title: "[^"]*"', PAYLOADS[1]),
    (r'^  summary: "[^"]*"', PAYLOADS[3] + " " + PAYLOADS[5]),
    (r'text: "A copy of the final printed ad[^"]*"', PAYLOADS[4]),
    (r'name: "Third-party media placement"', PAYLOADS[6]),
]
# The rules update: print-advertising's POE item estimated-reach becomes circulation (so
# estimated-reach is gone); final-printed-piece is reworded by its payload above.
RULES_UPDATE = (
    'estimated-reach, kind: metrics, text: "The estimated reach of the placement."',
    'circulation, kind: metrics, text: "The circulation of the publication."',
)
# A realistic half-year update (what a distributor does to its copy of the rules): a lever
# rate changes, an activity is added with its POE, one is renamed with its move recorded (and
# one of its POE items too), a claim deadline moves and an expense type is removed. Tests read
# what they expect from the variant's rules (variant_rules()), never from the shipped example.
RENAMED = ("direct-mail-email-sms", "direct-mail")
NEW_ACTIVITY = "partner-webinar-series"
UPDATE_EDITS = [
    ("        rate_percent: 4\n", "        rate_percent: 5\n"),
    (f"  - id: {RENAMED[0]}\n", f"  - id: {RENAMED[1]}\n    moved_from: [{RENAMED[0]}]\n"),
    (f"    activities: [{RENAMED[0]}]", f"    activities: [{RENAMED[1]}]"),
    (
        '      - {id: final-piece, kind: communication, text: "A copy of the final mail piece',
        '      - {id: final-mail-piece, moved_from: [final-piece], kind: communication, text: "A'
        " copy of the final mail piece",
    ),
    ('      - {id: postage, name: "Postage"}\n', ""),
    (
        "    claim_deadline: 2027-08-15\n    resolution_deadline: 2027-09-30\n"
        "    derived: [claim_deadline, resolution_deadline]\n",
        "    claim_deadline: 2027-08-31\n    resolution_deadline: 2027-09-30\n"
        "    derived: [resolution_deadline]\n",
    ),
    (
        "  - id: digital-advertising\n",
        f"  - id: {NEW_ACTIVITY}\n"
        '    name: "Partner webinar series"\n'
        "    category: demand-generation\n"
        '    definition: "Live online sessions run by the partner that present Microsoft'
        ' offerings to customers."\n'
        "    core_requirements_apply: true\n"
        "    preapproval_required: false\n"
        "    poe:\n"
        '      - {id: invoice, kind: invoice, text: "The platform\'s invoice."}\n'
        '      - {id: session-recording, kind: communication, text: "A recording of each'
        ' session, showing the core requirements.", material: [screenshot]}\n'
        '      - {id: attendance, kind: metrics, text: "The number of attendees of each'
        ' session."}\n'
        "    expenses:\n"
        '      - {id: platform-fees, name: "Webinar platform & hosting fees"}\n'
        '    sources: [{source: guidebook, section: "Planning activities", lines: "169"}]\n'
        "\n"
        "  - id: digital-advertising\n",
    ),
    (
        "\n# ------------------------------------------------------------------ search words\n",
        "  - id: half-year-update\n"
        '    title: "A claim deadline moved, and an activity the guidebook does not list"\n'
        "    statements:\n"
        '      - says: "Microsoft announced 31 August 2027 as the claim deadline of the'
        ' January to June 2027 usage half."\n'
        "        sources: [{source: c-365tp}]\n"
        '      - says: "The guidebook\'s activity lists do not name webinar series."\n'
        '        sources: [{source: guidebook, section: "Planning activities", lines:'
        ' "168-171"}]\n'
        '    explanation: "The announcement postdates the guidebook."\n'
        '    handling: "The portal uses 31 August 2027 and lists webinar series."\n'
        "    acknowledges:\n"
        '      - {check: rule-reproduces-period, subject: "fy27h1/claim_deadline"}\n'
        f'      - {{check: view-agrees, subject: "planning-table/{NEW_ACTIVITY}/missing"}}\n'
        f'      - {{check: view-agrees, subject: "claim-tool/{NEW_ACTIVITY}/missing"}}\n'
        "\n# ------------------------------------------------------------------ search words\n",
    ),
]
BRAND_NAME = "Contoso & Partners"
BRAND_LOGO = "brand/logo.svg"
BRAND_RESOURCE = ("Contoso clinics", "https://contoso.example/clinics", "Live questions & answers.")
BRAND_SETTINGS = [
    ('        name: ""', f'        name: "{BRAND_NAME}"'),
    ('        logo: ""', f'        logo: "{BRAND_LOGO}"'),
    ('        primary_color: "#0b5563"', '        primary_color: "#5a1e6e"'),
    ('        support: ""', '        support: "Partner desk, coop@contoso.example"'),
    ('        support_url: ""', '        support_url: "mailto:coop@contoso.example"'),
    ('        guidebook_url: ""', '        guidebook_url: "https://contoso.example/guide.pdf"'),
    (
        "        resources: []",
        "        resources:\n          - {{title: {}, url: {}, text: {}}}".format(
            *map(_yaml_string, BRAND_RESOURCE)
        ),
    ),
]


def variant_rules(project: Path) -> Rules:
    """The rules the variant build was made from (its copied project's rules.yaml)."""
    return load_rules(project / "rules.yaml").rules


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def make_variant(project: Path) -> None:
    """Edit a copied project into the variant build (see above); the rules stay valid."""
    from generator.loader import load_rules_bytes  # noqa: PLC0415

    # The edits are anchored to the shipped example, so the variant starts from the example's
    # rules kept in tests/fixtures/example (a distributor's own rules.yaml differs from it).
    rules = project / "rules.yaml"
    text = (EXAMPLE / "rules.yaml").read_text(encoding="utf-8")
    for pattern, payload in PAYLOAD_PLACES:
        key = pattern.lstrip("^").split(":")[0]
        replacement = f"{key}: {_yaml_string(payload)}".replace("\\", "\\\\")
        text, count = re.subn(pattern, replacement, text, count=1, flags=re.MULTILINE)
        assert count == 1, pattern
    text = _replace_once(text, *RULES_UPDATE)
    for old, new in UPDATE_EDITS:
        text = _replace_once(text, old, new)
    rules.write_text(text, encoding="utf-8")
    load_rules_bytes(text.encode("utf-8"))  # the payloads are valid rules text
    # What was published before the update, with the one removal accepted on purpose (as
    # `python -m generator published --write` records it): the renamed activity passes the
    # build's check only because the rules say where it moved.
    published = json.loads((EXAMPLE / "published-ids.json").read_text(encoding="utf-8"))
    items = published["activities"][EXAMPLE_ACTIVITY]["items"]
    items.remove("poe-" + RULES_UPDATE[0].split(",")[0])
    (project / "published-ids.json").write_text(json.dumps(published), encoding="utf-8")
    brand_project(project)


def make_distributor(project: Path) -> None:
    """Edit a copied project into a distributor's portal (bin/test-distributor): its own
    rules.yaml given the realistic half-year update above (UPDATE_EDITS: a rate, a new
    activity with its POE, a renamed activity and POE item with their moves recorded, a moved
    deadline, a removed expense type), and mkdocs.yml the brand (a name with "&", a logo).
    No hostile texts, and published-ids.json stays the project's: the moves pass its check."""
    rules = project / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    for old, new in UPDATE_EDITS:
        text = _replace_once(text, old, new)
    rules.write_text(text, encoding="utf-8")
    brand_project(project)


def brand_project(project: Path) -> None:
    """Set the variant's brand in ``project``'s mkdocs.yml, whatever brand it had (each
    setting of the brand block is replaced, list of resources included), and put its logo
    file in place."""
    (project / "content" / "brand").mkdir(exist_ok=True)
    (project / "content" / "brand" / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="24" height="24">'
        '<rect width="24" height="24"/></svg>',
        encoding="utf-8",
    )
    yml = project / "mkdocs.yml"
    settings = yml.read_text(encoding="utf-8")
    for old, new in BRAND_SETTINGS:
        key = old.split(":")[0]
        pattern = rf"^{re.escape(key)}:.*(?:\n {{10}}.*)*$"
        settings, count = re.subn(
            pattern, new.replace("\\", "\\\\"), settings, count=1, flags=re.MULTILINE
        )
        assert count == 1, key
    yml.write_text(settings, encoding="utf-8")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {k: v or "" for k, v in attrs}))


def elements(html: str) -> list[tuple[str, dict[str, str]]]:
    """Every start tag in ``html`` with its attributes, in document order."""
    parser = _Collector()
    parser.feed(html)
    return parser.elements


def attribute_values(html: str, name: str) -> list[str]:
    return [attrs[name] for _, attrs in elements(html) if name in attrs]


def plugin_config(project: Path) -> Any:
    """mkdocs.yml of ``project`` loaded as MkDocs would, plugins included (nothing built)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config  # noqa: PLC0415 - only tests that need it pay for it

    return load_config(str(project / "mkdocs.yml"))


def on_config_error(project: Path) -> str:
    """The PluginError text that the plugin's on_config raises for ``project`` (must raise).

    A build stops at on_config before MkDocs cleans or writes the site, so this is where a
    broken rules.yaml or a bad quote is caught; tests/test_portal_errors.py shows it once with
    a real build."""
    from mkdocs.exceptions import PluginError  # noqa: PLC0415

    config = plugin_config(project)
    try:
        config.plugins.on_config(config)
    except PluginError as error:
        return str(error)
    raise AssertionError("on_config accepted the project")
