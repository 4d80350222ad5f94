"""Load, check, acknowledge: the one way from a rules file to rules the portal may use."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .checks import CheckResult, check_rules
from .errors import RulesError
from .loader import LoadedRules, load_rules
from .published import check_published, manifest_path

__all__ = ["check_file", "check_rules"]


def check_file(path: str | Path) -> tuple[LoadedRules, CheckResult]:
    """Load and check a rules file; raise RulesError listing every problem."""
    loaded = load_rules(path)
    result = check_rules(loaded.rules)
    locator = loaded.locator
    # Published ids (published-ids.json beside the rules) may move, never vanish unannounced.
    problems = check_published(loaded.rules, locator, manifest_path(path))
    if not result.ok or problems:
        found = [
            replace(locator.problem(f.loc, f.message, f.hint, code=f.check), detail=f.detail)
            for f in result.errors
        ]
        raise RulesError([*found, *(replace(p, code=p.code or "published-ids") for p in problems)])
    return loaded, result
