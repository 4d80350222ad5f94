"""Bad input gets a clear error and changes nothing: every broken case exits non-zero in
bounded time and memory, a 50 MB file is refused, script in any text field is named, and a
failing build leaves the existing site alone."""

from __future__ import annotations

import copy
import json
import re
import resource
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.errors import RulesError, format_path
from generator.loader import parse_yaml, validate

from .conftest import MINIMAL, ROOT
from .portal import copy_project, on_config_error

CASES = sorted((ROOT / "tests" / "cases").glob("*.yaml"))
MEMORY_LIMIT = 1024 * 1024 * 1024  # 1 GiB of address space for the checker process


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", "check", str(path)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=20,  # "within a few seconds"; a hang fails here instead of stalling CI
        preexec_fn=_limit_memory,
    )


@pytest.fixture(scope="module")
def case_runs() -> dict[str, dict[str, Any]]:
    """Every case checked by the CLI in one process limited to 1 GiB, 20 s a case."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.run_cases", *map(str, CASES)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=20 * len(CASES),
        preexec_fn=_limit_memory,
    )
    assert done.returncode == 0, done.stderr
    runs = [json.loads(line) for line in done.stdout.splitlines()]
    return {Path(r["case"]).name: r for r in runs}


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_each_case_fails_fast_in_bounded_memory_without_traceback(
    case: Path, case_runs: dict[str, dict[str, Any]]
) -> None:
    """With 1 GiB of memory and 20 s, each case exits 1 with file:line and no traceback."""
    done = case_runs[case.name]
    assert done["code"] == 1, done["stderr"]
    assert f"{case.name}:" in done["stderr"]
    assert "Traceback" not in done["stderr"] + done["stdout"]


def test_a_50_mb_file_is_refused_before_parsing(tmp_path: Path) -> None:
    """A huge file is refused by size, quickly and within the memory limit."""
    huge = tmp_path / "rules.yaml"
    line = "# " + "x" * 1000 + "\n"
    with huge.open("w", encoding="utf-8") as out:
        for _ in range(52 * 1024):
            out.write(line)
    assert huge.stat().st_size >= 50 * 1024 * 1024
    done = _check(huge)
    assert done.returncode == 1
    assert "rules.yaml:1:1: (file): expected at most 16 MiB of YAML" in done.stderr


def _strings(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(node, dict):
        return [p for key, value in node.items() for p in _strings(value, (*path, key))]
    if isinstance(node, list):
        return [p for index, value in enumerate(node) for p in _strings(value, (*path, index))]
    return [path] if isinstance(node, str) else []


DATA, LOCATOR = parse_yaml(MINIMAL.read_text(encoding="utf-8"), "minimal.yaml")
STRING_PATHS = _strings(DATA)


@pytest.mark.parametrize(
    "payload", ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:alert(1)"]
)
def test_markup_in_every_text_field_is_refused_at_that_field(payload: str) -> None:
    """Put script in any string of the rules and validation names exactly that field."""
    assert len(STRING_PATHS) > 100
    missed = []
    for path in STRING_PATHS:
        data = copy.deepcopy(DATA)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        parent[path[-1]] = f"Fine text {payload}"
        try:
            validate(data, LOCATOR)
        except RulesError as error:
            if any(p.path == format_path(path) for p in error.problems):
                continue
        missed.append(format_path(path))
    assert missed == []


@pytest.mark.parametrize(
    "name",
    [
        "yaml-tab-indent",
        "yaml-billion-laughs",
        "schema-script-in-text",
        "check-deadline-before-usage-end",
        "yaml-not-utf8",
    ],
)
def test_broken_rules_stop_the_plugin_before_anything_is_written(tmp_path: Path, name: str) -> None:
    """For several kinds of broken rules, the plugin's on_config (which runs before MkDocs
    cleans or writes the site) stops with rules.yaml:LINE and no traceback. That this leaves
    the previous site byte-for-byte as it was is shown with real builds in test_portal_errors."""
    project = copy_project(tmp_path)
    (project / "rules.yaml").write_bytes((ROOT / "tests" / "cases" / f"{name}.yaml").read_bytes())
    message = on_config_error(project)
    assert re.search(r"(^|/)rules\.yaml:\d+:\d+: ", message, re.MULTILINE), message
    assert "Traceback" not in message
