"""The browser's rule modules, called from pytest: the one implementation of the portal's date,
money and status rules (static/assets/coop-portal/modules/), on the real browser data."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from generator.browser_data import browser_data

from .conftest import ROOT, rules_at

HERE = Path(__file__).parent
RULES = rules_at(ROOT / "rules.yaml")
DATA = browser_data(RULES)
"""The browser data of the real rules.yaml, as the site serves it."""
EXAMPLE_RULES = rules_at(HERE / "fixtures" / "example" / "rules.yaml")
EXAMPLE_DATA = browser_data(EXAMPLE_RULES)
"""The browser data of the shipped example (tests/fixtures/example), which the hand-worked
vectors (vectors.json, workspace_vectors.json) were worked out from."""


def node(*args: str) -> str:
    """Runs node (a script of tests/js and its arguments) and returns what it printed."""
    found = shutil.which("node")
    assert found is not None, "node is needed to run the portal's browser modules."
    done = subprocess.run(
        [found, *args], capture_output=True, text=True, check=False, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def js(*calls: tuple[Any, ...]) -> list[Any]:
    """The results of calls into the browser modules, each ``(module, function, *args)``;
    an argument ``"$data"`` stands for the real browser data. One node run for all."""
    with tempfile.TemporaryDirectory() as folder:
        data, spec = Path(folder) / "data.json", Path(folder) / "calls.json"
        data.write_text(json.dumps(DATA), encoding="utf-8")
        spec.write_text(json.dumps([list(c) for c in calls]), encoding="utf-8")
        out = node(str(HERE / "js" / "run_workspace_tools.js"), "call", str(data), str(spec))
    result: list[Any] = json.loads(out)
    return result
