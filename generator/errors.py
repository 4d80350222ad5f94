"""Problems a person can act on: where, what was expected, what was found, how to fix."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Loc = tuple[str | int, ...]


def format_path(loc: Loc) -> str:
    """Render ('periods', 3, 'claim_deadline') as periods[3].claim_deadline."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else part
    return out or "(top level)"


@dataclass(frozen=True)
class Problem:
    """One finding, printed as ``file:line:col: path: expected …, but got …. Hint: …``."""

    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str = ""
    code: str = ""
    detail: tuple[str, ...] = ()
    """Further lines, printed indented under the problem (for example YAML to paste)."""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message}"
        if not text.endswith("."):
            text += "."
        if self.hint:
            text += f" Hint: {self.hint}"
        if self.code:
            text += f" [{self.code}]"
        return "\n    ".join((text, *self.detail))


class RulesError(Exception):
    """rules.yaml cannot be used. Carries every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: Sequence[Problem] = sorted(
            problems, key=lambda p: (p.file, p.line, p.column, p.path, p.message)
        )
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        lines.append(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.")
        return "\n".join(lines)
