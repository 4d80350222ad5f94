"""Load, check, acknowledge: the one way from a rules file to rules the portal may use."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from .checks import CheckResult, check_rules
from .errors import RulesError
from .loader import LoadedRules, load_rules

__all__ = ["check_file", "check_rules"]


def check_file(path: str | Path) -> tuple[LoadedRules, CheckResult]:
    """Load and check a rules file; raise RulesError listing every problem."""
    loaded = load_rules(path)
    result = check_rules(loaded.rules)
    if not result.ok:
        locator = loaded.locator
        raise RulesError(
            replace(locator.problem(f.loc, f.message, f.hint, code=f.check), detail=f.detail)
            for f in result.errors
        )
    return loaded, result
