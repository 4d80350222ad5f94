"""Read rules.yaml into the typed model, keeping the line and column of every value.

PyYAML is used only to tokenise and compose nodes.  The node tree is turned into
plain data here, so that duplicate keys, aliases and foreign tags become errors and
every value remembers where it was written.  Scalars follow YAML 1.2's core schema:
only ``true``/``false`` are booleans (``yes``/``no`` stay text), ``1_000`` is text,
and ``2024-08-15`` is a date.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from . import model
from .errors import Loc, Problem, RulesError, format_path
from .model import Rules

MAX_BYTES = 16 * 1024 * 1024  # the real file is 120 KB; 100x its activities is 6 MB
MAX_DEPTH = 32

_TAG = "tag:yaml.org,2002:"
_STR, _NULL, _BOOL, _INT, _FLOAT, _DATE = (
    _TAG + name for name in ("str", "null", "bool", "int", "float", "timestamp")
)
_MAP, _SEQ = _TAG + "map", _TAG + "seq"


class _Resolver(BaseResolver):
    """Implicit types of YAML 1.2's core schema, dates as YYYY-MM-DD only."""


for _tag, _regex, _first in (
    (_BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (_NULL, r"^(?:~|null|Null|NULL|)$", "~nN"),
    (_INT, r"^[-+]?[0-9]+$", "-+0123456789"),
    (_FLOAT, r"^[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    (_DATE, r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "0123456789"),
):
    _Resolver.add_implicit_resolver(_tag, re.compile(_regex), list(_first))
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^$"), [""])


class _AliasUsed(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("alias")
        self.mark = mark


class _Composer(Composer):
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        # Aliases are refused outright: they make shared nodes ("billion laughs").
        parser = typing.cast(Parser, self)
        if parser.check_event(AliasEvent):
            raise _AliasUsed(parser.peek_event().start_mark)  # type: ignore[no-untyped-call]
        return super().compose_node(parent, index)


class _Loader(Reader, Scanner, Parser, _Composer, _Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        _Resolver.__init__(self)


_FLOW_NESTING = re.compile(r"(?:[\[{]\s*){" + str(MAX_DEPTH + 1) + ",}")


def _compose_fast(text: str) -> Node | None:
    """Compose with libyaml when PyYAML has it: about ten times faster than pure Python.

    Returns None (and the caller composes in pure Python, whose error messages are the
    pinned ones) when libyaml is missing, reports any problem, the text nests flow
    brackets deeper than we allow, or the document shares a node through an alias.
    """
    if not getattr(yaml, "__with_libyaml__", False) or _FLOW_NESTING.search(text):
        return None
    loader = _FastLoader(text)
    try:
        root = loader.get_single_node()
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None if root is None or _shares_nodes(root) else root


def _shares_nodes(root: Node) -> bool:
    """True if any node is reachable twice, which only an alias can cause."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if id(node) in seen:
            return True
        seen.add(id(node))
        if isinstance(node.value, list):
            for item in node.value:
                stack.extend(item if isinstance(item, tuple) else (item,))
    return False


if getattr(yaml, "__with_libyaml__", False):
    import yaml.cyaml

    CParser = yaml.cyaml.CParser  # type: ignore[attr-defined]

    class _FastLoader(CParser, _Resolver):  # type: ignore[misc,valid-type]
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Resolver.__init__(self)


@dataclass
class Locator:
    """Where each value (and each mapping key) of the document was written."""

    file: str
    values: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Loc, tuple[int, int]] = field(default_factory=dict)

    def position(self, loc: Loc, *, key: bool = False) -> tuple[int, int]:
        loc = tuple(loc)
        if key and loc in self.keys:
            return self.keys[loc]
        while loc not in self.values and loc:
            loc = loc[:-1]
        return self.values.get(loc, (1, 1))

    def problem(
        self, loc: Loc, message: str, hint: str = "", *, code: str = "", key: bool = False
    ) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.file, line, column, format_path(loc), message, hint, code)


@dataclass(frozen=True)
class LoadedRules:
    rules: Rules
    locator: Locator


def load_rules(path: str | Path) -> LoadedRules:
    """Read, parse and validate a rules file; raise RulesError listing every problem."""
    name = str(path)
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise RulesError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "(file)",
                    f"expected a readable file, but got: {reason}",
                    "Check the path; run from the project folder or pass the file's path.",
                )
            ]
        ) from None
    return load_rules_bytes(raw, name)


def load_rules_bytes(raw: bytes, name: str = "rules.yaml") -> LoadedRules:
    """Validate rules given as bytes (the file's content)."""
    text = _decode(raw, name)
    data, locator = parse_yaml(text, name)
    return LoadedRules(validate(data, locator), locator)


def _decode(raw: bytes, name: str) -> str:
    if len(raw) > MAX_BYTES:
        raise RulesError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "(file)",
                    f"expected at most {MAX_BYTES // 1024 // 1024} MiB of YAML, "
                    f"but got {len(raw) / 1024 / 1024:.1f} MiB",
                    "Check that this is the rules file; the real one is far smaller.",
                )
            ]
        )
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise RulesError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "(file)",
                    f"expected UTF-8 text, but got the byte 0x{raw[exc.start]:02x}",
                    "Save the file as UTF-8; text pasted from PDFs or Word often "
                    "carries another encoding.",
                )
            ]
        ) from None


def parse_yaml(text: str, name: str = "rules.yaml") -> tuple[Any, Locator]:
    """Compose YAML into plain data and a Locator; raise RulesError on any YAML problem."""
    locator = Locator(name)
    try:
        root = _compose_fast(text)
        if root is None:
            loader = _Loader(text)
            try:
                root = loader.get_single_node()
            finally:
                loader.dispose()
    except _AliasUsed as exc:
        raise RulesError(
            [
                Problem(
                    name,
                    exc.mark.line + 1,
                    exc.mark.column + 1,
                    "(yaml)",
                    "expected plain values, but got an alias (*name)",
                    "Anchors and aliases are not supported; write the value out in full.",
                )
            ]
        ) from None
    except yaml.MarkedYAMLError as exc:
        raise RulesError([_syntax_problem(exc, name)]) from None
    except yaml.YAMLError as exc:
        raise RulesError(
            [Problem(name, 1, 1, "(yaml)", f"expected valid YAML, but got: {exc}")]
        ) from None
    except RecursionError:
        raise RulesError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "(yaml)",
                    f"expected at most {MAX_DEPTH} levels of nesting, but got far more",
                    "Check for runaway brackets or indentation.",
                )
            ]
        ) from None
    if root is None:
        raise RulesError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "(top level)",
                    "expected a mapping of rules (schema_version, program, periods, ...), "
                    "but got an empty file",
                    "Start from the rules.yaml in the repository.",
                )
            ]
        )
    problems: list[Problem] = []
    data = _convert(root, (), 0, locator, problems)
    if problems:
        raise RulesError(problems)
    if not isinstance(data, dict):
        line, column = locator.position(())
        raise RulesError(
            [
                Problem(
                    name,
                    line,
                    column,
                    "(top level)",
                    f"expected a mapping of rules (schema_version, program, periods, ...), "
                    f"but got {_show(data)}",
                    "The file must start with 'key: value' lines, not a list or a bare value.",
                )
            ]
        )
    return data, locator


_SYNTAX_HINTS = (
    ("'\\t'", "YAML does not allow tabs for indentation; indent with spaces."),
    (
        "mapping values are not allowed",
        "A colon followed by a space inside a value needs "
        "quotes: wrap the whole value in double quotes.",
    ),
    ("could not find expected ':'", "Check the indentation and that each key ends with ':'."),
    ("did not find expected key", "Check the indentation of this line against its siblings."),
    ("found unexpected end of stream", "A quote or bracket is not closed."),
    (
        "expected <block end>",
        "A quote may be left open on this or an earlier line, or the indentation is off.",
    ),
    ("expected a single document", "Remove the extra '---' document separator."),
    ("found character '@'", "Values starting with @ or ` must be quoted."),
    ("found character '`'", "Values starting with @ or ` must be quoted."),
)


def _syntax_problem(exc: yaml.MarkedYAMLError, name: str) -> Problem:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    context = exc.context or ""
    if exc.context_mark is not None and context and exc.context_mark is not mark:
        context += f" (started on line {exc.context_mark.line + 1})"
    what = " ".join(part for part in (context, exc.problem) if part)
    hint = next((h for key, h in _SYNTAX_HINTS if key in what), "Check the YAML syntax here.")
    return Problem(name, line, column, "(yaml)", f"expected valid YAML, but got: {what}", hint)


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _convert(node: Node, loc: Loc, depth: int, locator: Locator, problems: list[Problem]) -> Any:
    locator.values[loc] = _mark(node)
    if depth > MAX_DEPTH:
        problems.append(
            locator.problem(
                loc,
                f"expected at most {MAX_DEPTH} levels of nesting, but got more",
                "Flatten the structure; rules.yaml never nests this deep.",
            )
        )
        return None
    if isinstance(node, MappingNode):
        if node.tag != _MAP:
            problems.append(_tag_problem(node, loc, locator))
        out: dict[str, Any] = {}
        first: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not (isinstance(key_node, ScalarNode) and key_node.tag == _STR):
                problems.append(
                    _problem_at(
                        locator,
                        key_node,
                        loc,
                        f"expected a text key, but got {_show(_scalar(key_node))}",
                        "Keys are field names such as 'id' or 'name'.",
                    )
                )
                continue
            key = key_node.value
            child = (*loc, key)
            if key in first:
                problems.append(
                    _problem_at(
                        locator,
                        key_node,
                        child,
                        f"expected each key once per mapping, but got '{key}' again "
                        f"(first on line {first[key]})",
                        "Delete or merge one of them; YAML would silently keep only the last.",
                    )
                )
                continue
            first[key] = key_node.start_mark.line + 1
            locator.keys[child] = _mark(key_node)
            out[key] = _convert(value_node, child, depth + 1, locator, problems)
        return out
    if isinstance(node, SequenceNode):
        if node.tag != _SEQ:
            problems.append(_tag_problem(node, loc, locator))
        return [
            _convert(item, (*loc, index), depth + 1, locator, problems)
            for index, item in enumerate(node.value)
        ]
    assert isinstance(node, ScalarNode)
    if node.tag not in (_STR, _NULL, _BOOL, _INT, _FLOAT, _DATE):
        problems.append(_tag_problem(node, loc, locator))
        return None
    return _scalar(node)


def _problem_at(locator: Locator, node: Node, loc: Loc, message: str, hint: str) -> Problem:
    """A problem at a node's own position (keys have no entry in the value map)."""
    line, column = _mark(node)
    return Problem(locator.file, line, column, format_path(loc), message, hint)


def _tag_problem(node: Node, loc: Loc, locator: Locator) -> Problem:
    tag = node.tag.replace(_TAG, "!!")
    return locator.problem(
        loc,
        f"expected a plain YAML value, but got the tag '{tag}'",
        "Remove the tag; rules.yaml uses plain text, numbers, dates, lists and mappings.",
    )


def _scalar(node: Node) -> Any:
    value = node.value
    tag = node.tag
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return int(value)
    if tag == _FLOAT:
        return float(value)
    if tag == _DATE:
        try:
            return date.fromisoformat(value)
        except ValueError:
            return _BadDate(value)
    return value


class _BadDate(str):
    """A YYYY-MM-DD scalar that is not a real calendar day (say 2024-02-30)."""


# ---------------------------------------------------------------- validation


def validate(data: Any, locator: Locator) -> Rules:
    """Validate plain data against the model; raise RulesError with every problem."""
    try:
        return Rules.model_validate(data)
    except ValidationError as exc:
        problems = [_translate(err, locator) for err in exc.errors(include_url=False)]
        raise RulesError(problems) from None


_PATTERNS = {
    model.SLUG_PATTERN: (
        "an id of lowercase letters, digits and single hyphens, like 'print-advertising'",
        "Ids are stable slugs: lowercase, no spaces, no underscores.",
    ),
    model.HALF_PATTERN: ("a fiscal half like FY24H1", "Write FY, two digits, then H1 or H2."),
    model.YEAR_MONTH_PATTERN: ("a month like 2024-01", "Write the year, a hyphen, two digits."),
    model.TIME_PATTERN: ("a time like 23:59:59", "Write hours, minutes and seconds, 24-hour."),
}


def _translate(err: Mapping[str, Any], locator: Locator) -> Problem:
    loc: Loc = tuple(err["loc"])
    kind: str = err["type"]
    ctx: dict[str, Any] = dict(err.get("ctx") or {})
    value = err.get("input")
    got = _show(value)

    if kind == "missing":
        parent, name = loc[:-1], loc[-1]
        wanted = _describe(_annotation_at(loc))
        return locator.problem(
            parent,
            f"expected the field '{name}' ({wanted}), but it is missing",
            f"Add '{name}:' to this entry; rules.schema.json lists every field.",
        )
    if kind == "extra_forbidden":
        name = str(loc[-1])
        known = _fields_at(loc[:-1])
        close = difflib.get_close_matches(name, known, n=1)
        hint = f"Did you mean '{close[0]}'?" if close else "Remove it or check the spelling."
        return locator.problem(
            loc,
            f"expected one of the known fields ({', '.join(known)}), "
            f"but got the unknown field '{name}'",
            hint,
            key=True,
        )
    if kind in ("rules_text", "rules_url"):
        found = f"'{ctx['found']}'" if "found" in ctx else got
        return locator.problem(loc, f"{err['msg']}, but got {found}", ctx.get("hint", ""))
    if kind == "date_type" or (kind == "string_type" and isinstance(value, _BadDate)):
        if isinstance(value, _BadDate):
            return locator.problem(
                loc,
                f"expected a real calendar date like 2025-08-15, but got {value}, "
                "which does not exist",
                "Check the day and month.",
            )
        hint = "Write dates as YYYY-MM-DD without quotes."
        return locator.problem(loc, f"expected a date like 2025-08-15, but got {got}", hint)
    if kind == "string_pattern_mismatch":
        wanted, hint = _PATTERNS.get(ctx.get("pattern", ""), ("text of the right form", ""))
        return locator.problem(loc, f"expected {wanted}, but got {got}", hint)
    simple = {
        "string_type": ("text", "Put the value in double quotes."),
        "string_too_short": ("non-empty text", "Write the text, or remove the field."),
        "int_type": ("a whole number", "Write digits only, without quotes, % or $."),
        "float_type": ("a number", "Write digits only, without quotes, % or $, e.g. 3.75."),
        "bool_type": ("true or false", "Write true or false (yes/no are text here)."),
        "list_type": ("a list (lines starting with '- ')", "Put each item on its own '- ' line."),
        "model_type": ("a mapping of fields", "Write 'field: value' lines indented below."),
        "model_attributes_type": ("a mapping of fields", "Write 'field: value' lines."),
        "dict_type": ("a mapping of fields", "Write 'field: value' lines indented below."),
    }
    if kind in simple:
        wanted, hint = simple[kind]
        return locator.problem(loc, f"expected {wanted}, but got {got}", hint)
    if kind == "string_too_long":
        return locator.problem(
            loc,
            f"expected at most {ctx.get('max_length')} characters, "
            f"but got {len(value) if isinstance(value, str) else got}",
            "Shorten it; long prose belongs in content/ pages.",
        )
    if kind == "literal_error":
        return locator.problem(
            loc, f"expected {ctx.get('expected')}, but got {got}", "Use one of the listed values."
        )
    bounds = {
        "greater_than": "greater than {gt}",
        "greater_than_equal": "at least {ge}",
        "less_than": "less than {lt}",
        "less_than_equal": "at most {le}",
    }
    if kind in bounds:
        wanted = bounds[kind].format(**{k: _num(v) for k, v in ctx.items()})
        return locator.problem(
            loc,
            f"expected a number {wanted}, but got {got}",
            "Percentages are written as numbers from 0 to 100, e.g. 40 for 40%.",
        )
    if kind in ("too_short", "too_long"):
        size = ctx.get("min_length") if kind == "too_short" else ctx.get("max_length")
        word = "at least" if kind == "too_short" else "at most"
        return locator.problem(
            loc,
            f"expected {word} {size} item(s), but got {ctx.get('actual_length')}",
            "Add or remove list items.",
        )
    return locator.problem(loc, f"expected a valid value, but got {got} ({err['msg']})")


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _show(value: object) -> str:
    """Describe a found value briefly, the way a person would read it in the file."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, _BadDate):
        return str(value)
    if isinstance(value, int | float):
        return f"the number {_num(value)}"
    if isinstance(value, date):
        return f"the date {value.isoformat()}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:59] + "…"
        return "'" + shown.replace("\n", "\\n") + "'"
    if isinstance(value, dict):
        return "a mapping" + (f" with keys {', '.join(list(value)[:4])}" if value else "")
    if isinstance(value, list):
        return f"a list of {len(value)} item(s)"
    return type(value).__name__


def _unwrap(annotation: Any) -> Any:
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0] if len(args) == 1 else annotation
            if len(args) != 1:
                return annotation
        else:
            return annotation


def _annotation_at(loc: Loc) -> Any:
    """The model annotation that describes the value at loc, or None."""
    current: Any = Rules
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            if typing.get_origin(current) is not list:
                return None
            current = typing.get_args(current)[0]
        elif isinstance(current, type) and issubclass(current, BaseModel):
            info = current.model_fields.get(part)
            if info is None:
                return None
            current = info.annotation
        else:
            return None
    return _unwrap(current)


def _fields_at(loc: Loc) -> list[str]:
    annotation = _annotation_at(loc)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return []


def _describe(annotation: Any) -> str:
    if annotation is date:
        return "a date like 2025-08-15"
    if annotation is bool:
        return "true or false"
    if annotation in (int, float):
        return "a number"
    if annotation is str:
        return "text"
    if typing.get_origin(annotation) is list:
        return "a list"
    if typing.get_origin(annotation) is typing.Literal:
        return "one of " + ", ".join(repr(a) for a in typing.get_args(annotation))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "a mapping with " + ", ".join(list(annotation.model_fields)[:4]) + ", ..."
    return "a value"
