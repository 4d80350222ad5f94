"""Acknowledgements: a source note takes over the findings it explains; the rest are errors.

An unacknowledged contradiction says what to paste to acknowledge it, and an acknowledgement
that matches nothing lists what its check finds now, so a renamed subject is one edit away.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace

from ..errors import Loc
from ..model import Rules
from .registry import CHECKS, AcknowledgedNote, CheckResult, Finding


def acknowledgement_yaml(check: str, subject: str) -> str:
    """The line under ``acknowledges:`` of a source note that acknowledges one finding."""
    return f"- {{check: {check}, subject: {json.dumps(subject, ensure_ascii=False)}}}"


def _how_to_acknowledge(finding: Finding) -> Finding:
    return replace(
        finding,
        detail=(
            f"Subject: {finding.subject}. If the sources really disagree, explain it in a "
            "source note (source_notes:) and add this line under its acknowledges:",
            f"  {acknowledgement_yaml(finding.check, finding.subject)}",
        ),
    )


def _subjects_now(check: str, found: Sequence[Finding]) -> tuple[str, ...]:
    subjects = list(dict.fromkeys(f.subject for f in found if f.check == check))
    if not subjects:
        return (f"'{check}' finds nothing now; remove this acknowledgement.",)
    return (
        f"'{check}' finds these subjects now:",
        *(f"  {acknowledgement_yaml(check, subject)}" for subject in subjects),
    )


def _ack_findings(
    rules: Rules, found: Sequence[Finding]
) -> tuple[list[Finding], list[AcknowledgedNote]]:
    keys = {(f.check, f.subject) for f in found}
    errors: list[Finding] = []
    acknowledged: set[tuple[str, str]] = set()
    notes = []
    for n_index, note in enumerate(rules.source_notes):
        matched: list[Finding] = []
        for a_index, ack in enumerate(note.acknowledges):
            loc: Loc = ("source_notes", n_index, "acknowledges", a_index)
            check = CHECKS.get(ack.check)
            if check is None or not check.acknowledgeable:
                allowed = ", ".join(c for c, k in CHECKS.items() if k.acknowledgeable)
                errors.append(
                    Finding(
                        "acknowledgements",
                        f"{note.id}/{ack.check}",
                        (*loc, "check"),
                        f"expected a check that records source contradictions ({allowed}), "
                        f"but got '{ack.check}'",
                        "Data errors must be fixed, not acknowledged.",
                    )
                )
            elif (ack.check, ack.subject) not in keys:
                errors.append(
                    Finding(
                        "acknowledgements",
                        f"{note.id}/{ack.subject}",
                        (*loc, "subject"),
                        f"expected a current finding of '{ack.check}' with subject "
                        f"'{ack.subject}', but there is none",
                        "The contradiction is gone or renamed: update or remove this "
                        "acknowledgement.",
                        _subjects_now(ack.check, found),
                    )
                )
            else:
                acknowledged.add((ack.check, ack.subject))
                matched.extend(f for f in found if (f.check, f.subject) == (ack.check, ack.subject))
        notes.append(AcknowledgedNote(note, tuple(matched)))
    for finding in found:
        if (finding.check, finding.subject) not in acknowledged:
            errors.append(_how_to_acknowledge(finding))
    return errors, notes


def check_rules(rules: Rules) -> CheckResult:
    """Run every check; unacknowledged findings are errors, the rest join their source note."""
    found = [finding for check in CHECKS.values() for finding in check.run(rules)]
    plain = [f for f in found if not CHECKS[f.check].acknowledgeable]
    contradictions = [f for f in found if CHECKS[f.check].acknowledgeable]
    errors, notes = _ack_findings(rules, contradictions)
    return CheckResult(
        errors=tuple(plain + errors),
        notes=tuple(notes),
        checks_run=len(CHECKS),
    )
