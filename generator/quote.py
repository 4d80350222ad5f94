"""Quoting rules values in hand-written pages: ``[[rules:money.coop_threshold.amount]]``.

The syntax is opt-in and cannot collide with code or braces: it is a Python-Markdown
inline pattern, so it never fires inside code spans or fenced code, and nothing
else in Markdown, Jinja or attr_list uses ``[[rules:``.  A path walks the model by
field name; inside a list it picks the item with that ``id``
(``periods.fy26h2.claim_deadline``).  An optional ``|format`` picks the
presentation: date, short-date, iso, money, amount, percent, number, text.

``check_quotes`` finds every quote in a page before the build writes anything, so
a wrong path fails with ``file:line`` instead of a half-built site.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString
from pydantic import BaseModel

from .errors import Problem
from .model import Rules
from .render import amount, long_date, money, percent, short_date

QUOTE_RE = r"\[\[rules:([^\]|\s]*)(?:\|([^\]\s]*))?\]\]"
_QUOTE = re.compile(QUOTE_RE)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
FORMATS = ("date", "short-date", "iso", "money", "amount", "percent", "number", "text")


class QuoteError(ValueError):
    """A quote whose path or format does not resolve; ``hint`` says how to fix it."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


def _choices(names: list[str]) -> str:
    shown = ", ".join(names[:12])
    return shown + (", ..." if len(names) > 12 else "")


def resolve(rules: Rules, path: str) -> tuple[Any, str]:
    """The value at ``path`` and the name of the field that holds it."""
    if not path:
        raise QuoteError(
            "the quote names no value", "Write a path like money.coop_threshold.amount."
        )
    node: Any = rules
    field = ""
    walked: list[str] = []
    for segment in path.split("."):
        if isinstance(node, BaseModel):
            names = list(type(node).model_fields)
            if segment not in names:
                where = ".".join(walked) or "the top level"
                raise QuoteError(
                    f"{where} has no field {segment!r}", f"Use one of: {_choices(names)}."
                )
            node, field = getattr(node, segment), segment
        elif isinstance(node, list):
            ids = [getattr(item, "id", None) for item in node]
            if segment in ids:
                node = node[ids.index(segment)]
            elif segment.isdigit() and int(segment) < len(node):
                node = node[int(segment)]
            else:
                known = [str(i) for i in ids if i] or [str(i) for i in range(len(node))]
                raise QuoteError(
                    f"{'.'.join(walked)} has no item {segment!r}", f"Use one of: {_choices(known)}."
                )
        else:
            raise QuoteError(
                f"{'.'.join(walked)} is a single value, so it has no {segment!r}",
                f"End the path at {'.'.join(walked)}.",
            )
        walked.append(segment)
    if node is None:
        raise QuoteError(f"{path} is empty in rules.yaml", "Quote a value that is set.")
    if isinstance(node, BaseModel | list):
        names = list(type(node).model_fields) if isinstance(node, BaseModel) else []
        hint = f"Add one of: {_choices(names)}." if names else "Add an item id to the path."
        raise QuoteError(f"{path} is a group of values, not one value", hint)
    return node, field


def format_value(value: Any, field: str, fmt: str | None) -> str:
    """Text for a quoted value; the default depends on the value and its field name."""
    if fmt is not None and fmt not in FORMATS:
        raise QuoteError(f"unknown format {fmt!r}", f"Use one of: {', '.join(FORMATS)}.")
    if isinstance(value, date):
        if fmt in (None, "date"):
            return long_date(value)
        if fmt == "short-date":
            return short_date(value)
        if fmt == "iso":
            return value.isoformat()
        raise QuoteError(f"format {fmt!r} does not fit a date", "Use date, short-date or iso.")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float):
        fmt = fmt or (
            "percent"
            if field.endswith("percent")
            else "money"
            if field.startswith("amount")
            else "number"
        )
        if fmt == "percent":
            return percent(value)
        if fmt == "money":
            return money(value)
        if fmt in ("amount", "number"):
            return amount(value)
        raise QuoteError(
            f"format {fmt!r} does not fit a number", "Use number, amount, money or percent."
        )
    if fmt not in (None, "text"):
        raise QuoteError(f"format {fmt!r} does not fit text", "Leave the format out.")
    return str(value)


def quote_text(rules: Rules, path: str, fmt: str | None) -> str:
    value, field = resolve(rules, path)
    return format_value(value, field, fmt)


@dataclass(frozen=True)
class Quote:
    line: int
    column: int
    path: str
    fmt: str | None


def find_quotes(markdown: str) -> Iterator[Quote]:
    """Every quote outside fenced code blocks and code spans, with its 1-based position."""
    fence: str | None = None
    for number, line in enumerate(markdown.splitlines(), start=1):
        opened = _FENCE.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            continue
        if opened:
            fence = opened.group(1)
            continue
        blanked = _CODE_SPAN.sub(lambda m: " " * len(m.group()), line)
        for match in _QUOTE.finditer(blanked):
            yield Quote(number, match.start() + 1, match.group(1), match.group(2))


def check_quotes(rules: Rules, markdown: str, file: str) -> list[Problem]:
    """A problem for every quote in ``markdown`` that does not resolve."""
    problems = []
    for quote in find_quotes(markdown):
        try:
            quote_text(rules, quote.path, quote.fmt)
        except QuoteError as error:
            problems.append(
                Problem(
                    file,
                    quote.line,
                    quote.column,
                    f"[[rules:{quote.path}]]",
                    error.message,
                    error.hint,
                    "quote",
                )
            )
    return problems


class _QuoteProcessor(InlineProcessor):
    def __init__(self, rules: Rules, failures: list[str]) -> None:
        super().__init__(QUOTE_RE)
        self.rules = rules
        self.failures = failures

    def handleMatch(  # type: ignore[override]
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element, int, int]:
        element = etree.Element("span", {"class": "cp-quote"})
        try:
            element.text = AtomicString(quote_text(self.rules, m.group(1), m.group(2)))
        except QuoteError as error:
            self.failures.append(f"{m.group(0)}: {error.message}. {error.hint}")
            element.text = AtomicString(m.group(0))
        return element, m.start(0), m.end(0)


class RulesQuoteExtension(Extension):
    """Python-Markdown extension that replaces quotes with values from the rules."""

    def __init__(self, rules: Rules) -> None:
        super().__init__()
        self.rules = rules
        self.failures: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:
        # Above links (160) and references (170) so [[...]] is ours; below code spans (190).
        md.inlinePatterns.register(_QuoteProcessor(self.rules, self.failures), "coop_quote", 175)
