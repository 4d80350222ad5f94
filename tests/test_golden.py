"""Golden tests: the exact error text, with line and column, for every broken rules file.

Each ``cases/NAME.yaml`` has a ``cases/NAME.expected`` holding the command's stderr and exit
code. To accept new output after a deliberate change, run with UPDATE_GOLDEN=1 and review
the diff before committing.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
ROOT = Path(__file__).resolve().parent.parent


def _run(case: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code = main(["check", str(case.relative_to(ROOT))])
    captured = capsys.readouterr()
    return f"exit {code}\n{captured.out}{captured.err}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_broken_rules_give_pinned_message(
    case: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken file exits 1 and prints exactly the pinned file:line:col messages."""
    monkeypatch.chdir(ROOT)
    got = _run(case, capsys)
    expected_file = case.with_suffix(".expected")
    if os.environ.get("UPDATE_GOLDEN"):
        expected_file.write_text(got, encoding="utf-8")
    assert got == expected_file.read_text(encoding="utf-8")
    assert got.startswith("exit 1\n")
    assert "Traceback" not in got


def test_corpus_is_large_and_varied() -> None:
    """The corpus has at least 40 cases and at least 15 distinct kinds of message."""
    kinds = set()
    for case in CASES:
        for line in case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[1:]:
            if ": expected " in line:
                kinds.add(line.split(": expected ", 1)[1].split(",")[0][:40])
    assert len(CASES) >= 40
    assert len(kinds) >= 15


def test_every_error_line_has_file_line_column_and_hint() -> None:
    """Every problem line names the file, a line and a column, and carries a hint; indented
    lines under a problem only add to it (the YAML that acknowledges a contradiction)."""
    for case in CASES:
        lines = case.with_suffix(".expected").read_text(encoding="utf-8").splitlines()[1:-1]
        assert lines, case.name
        assert not lines[0].startswith(" "), case.name
        for line in lines:
            if line.startswith("    "):
                continue
            location = line.split(": ", 1)[0]
            name, line_no, column = location.rsplit(":", 2)
            assert name == f"tests/cases/{case.name}"
            assert int(line_no) >= 1
            assert int(column) >= 1
            assert " Hint: " in line


def test_no_traceback_from_a_subprocess(tmp_path: Path) -> None:
    """Run as a real process, a broken file exits 1 with a message and no traceback."""
    bad = tmp_path / "rules.yaml"
    bad.write_text("schema_version: 1\nschema_version: 2\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "generator", "check", str(bad)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert f"{bad}:2:1: schema_version: expected each key once per mapping" in done.stderr
    assert "Traceback" not in done.stderr + done.stdout
