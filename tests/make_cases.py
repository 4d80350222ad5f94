"""Writes the broken rules files of tests/cases/ from fixtures/minimal.yaml.

Run it only to add cases: ``python tests/make_cases.py``. Each case changes the minimal
file in one visible way; test_golden.py pins the exact error text of every case.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).parent
BASE = (HERE / "fixtures" / "minimal.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = BASE, count: int = 1) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new, count)


PERIOD = """  - id: fy24h1
    earning: {half: FY24H1, start: 2023-07-01, end: 2023-12-31}
    usage: {half: FY24H2, start: 2024-01-01, end: 2024-06-30}
    claim_deadline: 2024-08-15
    resolution_deadline: 2024-09-30
    sources: [{source: guide, lines: "4"}]
"""

CASES: dict[str, str | bytes] = {
    # YAML itself
    "yaml-unclosed-quote": edit('title: "Minimal rules"', 'title: "Minimal rules'),
    "yaml-tab-indent": edit("  - id: guide\n", "\t- id: guide\n"),
    "yaml-duplicate-key": edit(
        'title: "Minimal rules"\n', 'title: "Minimal rules"\ntitle: "Again"\n'
    ),
    "yaml-alias": edit(
        '  summary: "Partners earn rebate and co-op."',
        '  summary: &s "Partners earn rebate and co-op."\n  abbreviation2: *s',
    ),
    "yaml-billion-laughs": 'a: &a ["lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n",
    "yaml-empty": "",
    "yaml-comment-only": "# nothing here yet\n",
    "yaml-root-list": "- schema_version: 1\n- title: x\n",
    "yaml-root-scalar": "just some text\n",
    "yaml-not-utf8": edit('title: "Minimal rules"', 'title: "Minimal r\u00e9gles"')
    .encode("utf-8")
    .replace("\u00e9".encode(), b"\xe9"),
    "yaml-python-tag": edit(
        '  summary: "Partners earn rebate and co-op."',
        '  summary: !!python/object/apply:os.system ["echo hacked"]',
    ),
    "yaml-number-key": edit("resources: []\n", "resources: []\n1: one\n"),
    "yaml-two-documents": BASE + "---\nschema_version: 1\n",
    "yaml-colon-in-value": edit(
        '    definition: "Certification exams."', "    definition: Exams: the fees"
    ),
    # schema
    "schema-missing-field": edit('  summary: "Partners earn rebate and co-op."\n', ""),
    "schema-unknown-field": edit(
        '    definition: "Ads in print."', '    defintion: "Ads in print."'
    ),
    "schema-text-is-number": edit('    name: "Microsoft exams"', "    name: 42"),
    "schema-date-format": edit(
        "    claim_deadline: 2024-08-15\n", "    claim_deadline: 15/08/2024\n"
    ),
    "schema-date-impossible": edit(
        "    resolution_deadline: 2024-09-30\n", "    resolution_deadline: 2024-09-31\n"
    ),
    "schema-date-quoted": edit(
        "  coop_accrual_start: 2022-11-01", '  coop_accrual_start: "2022-11-01"'
    ),
    "schema-bad-id": edit("  - id: print-advertising", "  - id: Print_Advertising"),
    "schema-yes-is-not-bool": edit(
        "    core_requirements_apply: false\n", "    core_requirements_apply: no\n"
    ),
    "schema-negative-rate": edit("        rate_percent: 4\n", "        rate_percent: -4\n"),
    "schema-rate-with-percent": edit("        rate_percent: 4\n", '        rate_percent: "4%"\n'),
    "schema-unknown-choice": edit("    reliability: distributor", "    reliability: blog"),
    "schema-script-in-text": edit(
        '    definition: "Ads in print."', '    definition: "Ads <script>alert(1)</script>"'
    ),
    "schema-markdown-link": edit(
        '    definition: "Ads in print."', '    definition: "Ads [click](javascript:alert(1))"'
    ),
    "schema-javascript-url": edit(
        '    url: "https://learn.microsoft.com/test"', '    url: "javascript:alert(1)"'
    ),
    "schema-list-expected": edit('    aliases: ["Print ads"]', '    aliases: "Print ads"'),
    "schema-half-label": edit("    earning: {half: FY24H1,", "    earning: {half: FY2024H1,"),
    "schema-empty-list": edit(
        """    poe:
      - {id: invoice, kind: invoice, text: "Invoice with the exam code."}
""",
        "    poe: []\n",
    ),
    "schema-split-over-100": edit(
        "    split: {rebate_percent: 60, coop_percent: 40}\n    levers:",
        "    split: {rebate_percent: 160, coop_percent: 40}\n    levers:",
    ),
    # consistency checks
    "check-split-not-100": edit(
        "    split: {rebate_percent: 60, coop_percent: 40}\n    levers:",
        "    split: {rebate_percent: 60, coop_percent: 30}\n    levers:",
    ),
    "check-rate-as-fraction": edit("        rate_percent: 4\n", "        rate_percent: 0.04\n"),
    "check-duplicate-id": edit("  - id: exams\n", "  - id: print-advertising\n"),
    "check-dangling-reference": edit(
        "    category: partner-readiness\n    definition",
        "    category: partner-readines\n    definition",
    ),
    "check-deadline-before-usage-end": edit(
        "    claim_deadline: 2024-08-15\n", "    claim_deadline: 2024-06-15\n"
    ),
    "check-example-total": edit("  stated_total_coop: 2400", "  stated_total_coop: 2500"),
    "check-weekday": edit("      weekday: Thu", "      weekday: Fri"),
    "check-missing-from-list": edit(
        '        - {name: "Microsoft exams", category: partner-readiness}\n', ""
    ),
    "schema-several-at-once": edit(
        "        rate_percent: 15\n",
        "        rate_percent: 150\n",
        edit(
            "    claim_deadline: 2024-08-15\n",
            "    claim_deadline: 2024-8-15\n",
            edit("    stage: closed", "    stage: Finished"),
        ),
    ),
    "check-periods-overlap": edit(PERIOD, PERIOD + PERIOD.replace("id: fy24h1", "id: fy24h1-copy")),
    "check-period-missing": edit(
        PERIOD,
        PERIOD
        + PERIOD.replace("fy24h1", "fy25h2")
        .replace("FY24H1", "FY25H2")
        .replace("FY24H2", "FY26H1")
        .replace("2023-07-01, end: 2023-12-31", "2025-01-01, end: 2025-06-30")
        .replace("2024-01-01, end: 2024-06-30", "2025-07-01, end: 2025-12-31")
        .replace("2024-08-15", "2026-02-15")
        .replace("2024-09-30", "2026-03-31"),
    ),
    "check-several-at-once": edit(
        "  stated_total_coop: 2400",
        "  stated_total_coop: 2500",
        edit("  - id: exams\n", "  - id: print-advertising\n"),
    ),
    "schema-markdown-link-https": edit(
        '    definition: "Ads in print."', '    definition: "Ads [click](https://evil.example)"'
    ),
    "schema-html-comment": edit(
        '    text: "Create a claim."', '    text: "Create <!-- x --> a claim."'
    ),
    "schema-control-character": edit(
        '    definition: "Ads in print."', '    definition: "Ads\\u0007 in print."'
    ),
    "check-stale-acknowledgement": edit(
        "source_notes: []\n",
        """source_notes:
  - id: example-total
    title: "The stated total differs from the rows"
    statements:
      - {says: "The total is 2,500.", sources: [{source: guide}]}
      - {says: "The rows add up to 2,400.", sources: [{source: web}]}
    explanation: "The guide adds wrongly."
    handling: "Both figures are shown."
    acknowledges:
      - {check: example-totals, subject: "example/total"}
""",
        edit("  stated_total_coop: 2400", "  stated_total_coop: 2500"),
    ),
}


def main() -> None:
    for name, content in CASES.items():
        path = HERE / "cases" / f"{name}.yaml"
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    print(f"wrote {len(CASES)} cases")


if __name__ == "__main__":
    main()
