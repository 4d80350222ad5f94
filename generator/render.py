"""The generator's own Jinja environment: every value is escaped, every typo fails.

Generated pages are Markdown with HTML blocks.  Text from rules.yaml is data, so
each ``{{ value }}`` is escaped for both languages at once: HTML's special
characters become entities, and so does every character Markdown or its
extensions (attr_list, tables) would read as syntax.  The result reads the same
in a Markdown paragraph, a heading, a table cell, an HTML block or an attribute.
Helpers that build markup on purpose return ``Markup`` and are not escaped again.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemBytecodeCache,
    FileSystemLoader,
    PackageLoader,
    StrictUndefined,
)
from markupsafe import Markup, escape

TEMPLATES = "templates"

# Characters that start Markdown syntax somewhere (emphasis, code, links, headings,
# tables, attribute lists, HTML, entities) plus quotes for attribute values.
_SYNTAX = re.compile(r"[\\`*_{}\[\]()#+!|<>&\"'~^=:$%]")
_LINE_BREAKS = re.compile(r"\s*[\r\n]+\s*")
_LIST_START = re.compile(r"[-+]|[0-9]+[.)]")


def escape_text(value: object) -> Markup:
    """Escape a value so Markdown and HTML both show it literally, on one line."""
    if isinstance(value, Markup):
        return value
    text = _SYNTAX.sub(lambda m: f"&#{ord(m.group())};", _LINE_BREAKS.sub(" ", str(value).strip()))
    if _LIST_START.match(text):  # "- x" or "1. x" at a line start would become a list
        text = f"&#{ord(text[0])};{text[1:]}"
    return Markup(text)


# A separator printed by a template, as in {{ ", " if not loop.last }}: it keeps its space.
_SEPARATOR = re.compile(r" ?[,;·] ")


def _finalize(value: object) -> object:
    if value is None:
        raise ValueError("a template printed a missing value; guard it with {% if %}")
    if isinstance(value, Markup | int | float):
        return value
    if isinstance(value, str) and _SEPARATOR.fullmatch(value):
        return Markup(value)
    return escape_text(value)


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def long_date(day: date) -> str:
    """15 February 2027: unambiguous in every locale."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def short_date(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def month_label(year_month: str) -> str:
    """2024-01 as Jan 2024."""
    year, month = year_month.split("-")
    return f"{MONTHS[int(month) - 1][:3]} {year}"


def money(value: float, currency: str = "USD") -> str:
    """USD 10,000 or USD 1,234.50: whole amounts without cents."""
    return f"{currency} {amount(value)}"


def amount(value: float) -> str:
    """10,000 or 1,234.50: a number for a table whose caption names the currency."""
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.2f}"


def percent(value: float) -> str:
    return f"{value:g}%"


def capitalize_first(text: str) -> str:
    """'the guide of 2024' -> 'The guide of 2024' (the rest left as written)."""
    return text[:1].upper() + text[1:]


def json_attr(value: Any) -> Markup:
    """JSON for a double-quoted HTML attribute (Material's instant navigation would strip
    the type of a <script> data block and run it, so data travels in attributes)."""
    return escape(json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")))


def join_text(values: Iterable[object], sep: str = ", ") -> Markup:
    return Markup(escape(sep)).join(escape_text(v) for v in values)


def _bytecode_cache() -> FileSystemBytecodeCache | None:
    """Compiled templates kept between runs (keyed by each template's source checksum, so
    an edited template is recompiled); None where the cache folder cannot be written."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = base / "coop-portal" / f"jinja-{sys.version_info[0]}{sys.version_info[1]}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if os.access(folder, os.W_OK) else None


@functools.lru_cache(maxsize=8)
def make_environment(override_dirs: Sequence[Path] = ()) -> Environment:
    """The Jinja environment for page templates; folders in override_dirs win over ours.

    Cached per process (``mkdocs serve`` rebuilds reuse compiled templates; Jinja still
    reloads a template whose file changed) and backed by an on-disk bytecode cache.
    """
    loaders: list[FileSystemLoader | PackageLoader] = [
        FileSystemLoader([str(d) for d in override_dirs])
    ]
    loaders.append(PackageLoader("generator", TEMPLATES))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_finalize,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(
        long_date=long_date,
        short_date=short_date,
        month_label=month_label,
        money=money,
        amount=amount,
        percent=percent,
        json_attr=json_attr,
        join_text=join_text,
        capitalize_first=capitalize_first,
    )
    return env
