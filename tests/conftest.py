"""Shared fixtures: the repository root and the minimal rules file as mutable data."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.checks import Finding, check_rules
from generator.loader import parse_yaml
from generator.model import Rules

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).parent / "fixtures" / "minimal.yaml"
_MINIMAL_DATA, _ = parse_yaml(MINIMAL.read_text(encoding="utf-8"), "minimal.yaml")

Mutation = Callable[[dict[str, Any]], None]


def minimal_data() -> dict[str, Any]:
    """A fresh, deep copy of the minimal rules as plain data."""
    return copy.deepcopy(_MINIMAL_DATA)


def errors_after(mutate: Mutation) -> list[Finding]:
    """Check the minimal rules after one mutation; return the unacknowledged findings."""
    data = minimal_data()
    mutate(data)
    return list(check_rules(Rules.model_validate(data)).errors)


@pytest.fixture
def root() -> Path:
    return ROOT
