"""The browser modules' own unit tests (node --test tests/js/) pass, and all of them ran: a
step that finds no test, or loses a file, fails instead of passing quietly."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from .conftest import ROOT

JS = Path(__file__).parent / "js"
# A test declared at the start of a line: test("...", ...) or test.skip/only/todo(...).
DECLARED = re.compile(r"^\s*test(\.\w+)?\(", re.MULTILINE)


def test_node_runs_every_javascript_unit_test() -> None:
    """node --test runs at least as many tests as the files declare (a test made in a loop
    counts once there, so more may run), and none fails, is skipped or left to do."""
    files = sorted(JS.glob("*.test.js"))
    declared = {f.name: len(DECLARED.findall(f.read_text(encoding="utf-8"))) for f in files}
    assert sum(declared.values()) > 0, f"no test() found in {JS}/*.test.js"
    node = shutil.which("node")
    assert node is not None, "node is needed to run the browser modules' unit tests."
    done = subprocess.run(
        # Every file in one node process (tests/js/all-in-one.js): node and the modules load
        # once, not once per file.
        [node, "--test", str(JS / "all-in-one.js")],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        cwd=ROOT,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out
    summary = dict(re.findall(r"^# (tests|pass|fail|cancelled|skipped|todo) (\d+)$", out, re.M))
    assert set(summary) == {"tests", "pass", "fail", "cancelled", "skipped", "todo"}, out
    counts = {name: int(count) for name, count in summary.items()}
    assert counts["tests"] >= sum(declared.values()), (counts, declared)
    assert counts["pass"] == counts["tests"], counts
    assert counts["fail"] == counts["cancelled"] == counts["skipped"] == counts["todo"] == 0
