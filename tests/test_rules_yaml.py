"""The real rules.yaml: it passes every check, its schema file is current, and the CLI reports
on it. (Comparing it with the guide's own text is the source audit: tests/test_audit.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from generator.checks import CHECKS, check_rules
from generator.cli import main
from generator.loader import LoadedRules, load_rules
from generator.model import Rules
from generator.schema import rules_schema

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def loaded() -> LoadedRules:
    return load_rules(ROOT / "rules.yaml")


@pytest.fixture(scope="module")
def rules(loaded: LoadedRules) -> Rules:
    return loaded.rules


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


def _cli_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    """`python -m generator ARGS` as ``_cli``, but its ``main`` in this process (no interpreter
    to start; test_cli_check_lists_source_notes runs the real entry point): code and stdout."""
    code = main(list(args))
    return code, capsys.readouterr().out


def test_cli_schema_prints_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m generator schema` prints the committed schema."""
    code, out = _cli_in_process(capsys, "schema")
    assert code == 0, out
    assert out == (ROOT / "rules.schema.json").read_text(encoding="utf-8")


def test_cli_lists_checks(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m generator checks` names every check code, so findings can be looked up."""
    code, out = _cli_in_process(capsys, "checks")
    assert code == 0, out
    codes = [line.split()[0] for line in out.splitlines()]
    assert codes == list(CHECKS)
    assert "example-totals" in out
    assert "(source note may acknowledge)" in out
    assert "(must be fixed)" in out
