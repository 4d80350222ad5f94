"""Consistency checks beyond the schema: the invariants the rules data implies.

Each check has a code and yields findings.  A finding that records a contradiction
*in the sources* may be acknowledged by a source note in rules.yaml; it then becomes
part of that note and the portal shows it.  Every other finding is an error.  The
data itself is never corrected here.

Checks are split by topic, one module each; a module registers its checks when imported,
so the order of the imports below is the order checks run and are listed in.  To add a
check, write one ``@check`` function in the module of its topic.
"""

from __future__ import annotations

from ..domain import normalize_name

# isort: off
from . import ids, levers, periods, activities, views, checklists, sources  # noqa: F401 - registers

# isort: on
from .acknowledge import check_rules
from .registry import CHECKS, AcknowledgedNote, Check, CheckResult, Finding, Issue, issue
from .sources import non_english_locale

__all__ = [
    "CHECKS",
    "AcknowledgedNote",
    "Check",
    "CheckResult",
    "Finding",
    "Issue",
    "check_rules",
    "issue",
    "non_english_locale",
    "normalize_name",
]
