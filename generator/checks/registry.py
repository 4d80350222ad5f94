"""The check framework: what a finding is, and the register every check joins.

A check is a function from Rules to issues (subject, location, message, hint); ``@check``
registers it under its code and attaches that code to each issue, so a check never restates
it. Checks run, and are listed, in the order their modules register them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from ..errors import Loc
from ..model import Rules, SourceNote


@dataclass(frozen=True)
class Issue:
    """What a check reports; the register adds the check's code."""

    subject: str
    loc: Loc
    message: str
    hint: str = ""


def issue(subject: str, loc: Loc, message: str, hint: str = "") -> Issue:
    return Issue(subject, loc, message, hint)


@dataclass(frozen=True)
class Finding:
    check: str
    subject: str
    loc: Loc
    message: str
    hint: str = ""
    detail: tuple[str, ...] = ()
    """Lines printed under the finding, such as the YAML that acknowledges it."""


CheckFunction = Callable[[Rules], Iterable[Issue]]


@dataclass(frozen=True)
class Check:
    code: str
    title: str
    acknowledgeable: bool
    find: CheckFunction

    def run(self, rules: Rules) -> Iterator[Finding]:
        for found in self.find(rules):
            yield Finding(self.code, found.subject, found.loc, found.message, found.hint)


CHECKS: dict[str, Check] = {}


def check(
    code: str, title: str, *, acknowledgeable: bool = False
) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``code``; ``acknowledgeable`` if it records source contradictions."""

    def register(fn: CheckFunction) -> CheckFunction:
        CHECKS[code] = Check(code, title, acknowledgeable, fn)
        return fn

    return register


@dataclass(frozen=True)
class AcknowledgedNote:
    note: SourceNote
    findings: tuple[Finding, ...]


@dataclass(frozen=True)
class CheckResult:
    errors: tuple[Finding, ...]
    notes: tuple[AcknowledgedNote, ...]
    checks_run: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors
