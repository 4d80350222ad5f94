"""The JSON Schema (draft 2020-12) of a saved workspace file, "coop-portal/workspace" version 1.

It states exactly what ``static/assets/coop-portal/modules/workspace-file.js``
(``checkWorkspace``) accepts, but one rule JSON Schema cannot say: ids are unique (each claim
id once, the funds of a usage period and category once, each deleted id once and not also in
use). The descriptions say it and the page enforces it. tests/test_workspace_schema.py runs the
same sample files through both. Patterns
are ECMA-262 regular expressions, as JSON Schema specifies: ``$`` is the end of the text.
"""

from __future__ import annotations

import json
from typing import Any

FORMAT = "coop-portal/workspace"
VERSION = 1

DATE_PATTERN = (
    "^(?:[12][0-9]{3}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)"
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[12][0-9](?:0[48]|[2468][048]|[13579][26])|(?:1[26]|2[048])00)-02-29)$"
)
"""A real calendar date, leap years included (the same text as dates.js ``DATE_PATTERN``)."""

SLUG = "^[a-z0-9]+(?:-[a-z0-9]+)*$"
MAX_AMOUNT = 999_999_999_999.99
"""The largest amount, checked before any rounding (so none rounds up to 1e12)."""
RESERVED = (
    "__defineGetter__",
    "__defineSetter__",
    "__lookupGetter__",
    "__lookupSetter__",
    "__proto__",
    "constructor",
    "hasOwnProperty",
    "isPrototypeOf",
    "propertyIsEnumerable",
    "toLocaleString",
    "toString",
    "valueOf",
)
"""Names every JavaScript object has: never a key or an id in a workspace file."""
TIME_PATTERN = DATE_PATTERN[:-1] + "T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\\.[0-9]{3}Z$"
"""A real UTC time: a real date, then hours, minutes, seconds and milliseconds."""
FLAGS = ("activity-removed", "checklist-changed", "items-removed", "unknown-status")
CHANGE_KINDS = (
    "created",
    "restored",
    "status",
    "status-day",
    "field",
    "ticked",
    "unticked",
    "evidence-added",
    "evidence-removed",
    "deleted",
)
"""The kinds of entries in a claim's log of changes (the same list as workspace-file.js)."""


def _text(max_length: int, min_length: int = 0) -> dict[str, Any]:
    found: dict[str, Any] = {"type": "string", "maxLength": max_length}
    if min_length:
        found["minLength"] = min_length
    return found


def _pattern(pattern: str, **more: Any) -> dict[str, Any]:
    return {"type": "string", "pattern": pattern, **more}


def _object(
    required: dict[str, Any], optional: dict[str, Any] | None = None, **more: Any
) -> dict[str, Any]:
    return {
        "type": "object",
        "required": list(required),
        "properties": {**required, **(optional or {})},
        "additionalProperties": False,
        **more,
    }


_NOT_RESERVED = {"not": {"enum": list(RESERVED)}}


def _name(pattern: str, **more: Any) -> dict[str, Any]:
    """An id or key: the pattern, and none of the names every JavaScript object has."""
    return _pattern(pattern, **_NOT_RESERVED, **more)


def _map(keys: str, values: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "propertyNames": {"pattern": keys, "maxLength": 120, **_NOT_RESERVED},
        "additionalProperties": values,
    }


def workspace_schema() -> dict[str, Any]:
    """The schema of a workspace file, as JSON-ready data."""
    date = {"$ref": "#/$defs/date"}
    amount = {"$ref": "#/$defs/amount"}
    time = {"$ref": "#/$defs/timestamp"}
    half = {"$ref": "#/$defs/half"}
    currency = _pattern("^[A-Z]{3}$", description="An ISO 4217 code such as USD.")
    fund = _object(
        {"usage_period": half, "amount": amount, "currency": currency},
        {
            "category": _text(100, 1),
            "source": {"enum": ["typed", "earnings"]},
            "earned": {
                "type": "number",
                "minimum": -MAX_AMOUNT,
                "maximum": MAX_AMOUNT,
                "description": "Co-op earned in the earning half, from an Earnings report.",
            },
            "updated": time,
        },
        description=(
            "The co-op available in one usage period and fund category (none: the default"
            " category), in currency units. A file holds the funds of a usage period and"
            " category once."
        ),
    )
    evidence = _object(
        {
            "id": _name("^[A-Za-z0-9_-]{1,64}$"),
            "file": _text(500),
            "note": _text(2000),
            "at": date,
        },
        description="Where one piece of proof is kept (a file name or location), never the file.",
    )
    change = _object(
        {"at": time, "kind": {"enum": list(CHANGE_KINDS)}},
        {"field": _text(120, 1), "from": _text(200), "to": _text(200), "day": date},
        description=(
            "One entry of a claim's log of changes: when it changed, what kind of change, the"
            " field, status or proof item it names, the values before and after as text (none"
            " for notes), and the day a status happened. Entries are only ever added."
        ),
    )
    claim = _object(
        {
            "id": _name(
                "^[A-Za-z0-9_-]{1,64}$",
                description="Unique: no other claim, and no deleted one, has this id.",
            ),
            "name": _text(200),
            "activity": _name(SLUG, maxLength=80, description="The activity's id."),
            "start": date,
            "end": date,
            "amount": {**amount, "description": "The planned amount."},
            "status": _text(80, 1),
            "ticked": {
                "type": "array",
                "items": _name(SLUG, maxLength=120),
                "uniqueItems": True,
                "description": "The ids of the ticked checklist items.",
            },
        },
        {
            "currency": currency,
            "usage_period": half,
            "fund_category": _text(100, 1),
            "claim_number": _text(100),
            "claimed": amount,
            "approved": amount,
            "paid": amount,
            "notes": _text(5000),
            "next_action": _object({"text": _text(500)}, {"due": date}),
            "status_dates": _map(SLUG, date),
            "tick_hashes": _map(SLUG, _text(64, 1)),
            "evidence": _map(SLUG, {"type": "array", "items": evidence}),
            "flags": {"type": "array", "items": {"enum": list(FLAGS)}, "uniqueItems": True},
            "changes": {"type": "array", "items": change},
            "created": time,
            "updated": time,
        },
    )
    tombstone = _object(
        {
            "id": _name(
                "^(?:[A-Za-z0-9_-]{1,64}|fund:FY[0-9]{2}H[12](?::.{1,100})?)$",
                description=(
                    "Unique among deleted entries, and not the id of a claim or of funds the"
                    " file holds."
                ),
            ),
            "at": time,
        },
        {"claim": {"$ref": "#/$defs/claim"}, "fund": {"$ref": "#/$defs/fund"}},
        description="A deleted claim or fund, kept so it can be restored.",
        **{"not": {"required": ["claim", "fund"]}},
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Co-op workspace",
        "description": (
            "A partner's co-op funds and claims as saved by the portal's workspace page. "
            "Amounts are in currency units, dates are calendar dates, times are UTC."
            " Ids are unique: each claim id once, the funds of a usage period and category"
            " once, each deleted id once and not also in use (the page refuses a file that"
            " repeats one). Names every JavaScript object has (such as __proto__,"
            " constructor, valueOf) are never a key or an id."
        ),
        **_object(
            {
                "format": {"const": FORMAT},
                "version": {"const": VERSION},
                "funds": {"type": "array", "items": {"$ref": "#/$defs/fund"}},
                "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
            },
            {
                "updated": time,
                "rules_version": _text(100),
                "generation": _text(100),
                "deleted": {"type": "array", "items": tombstone},
            },
        ),
        "$defs": {
            "date": _pattern(DATE_PATTERN, format="date"),
            "timestamp": _pattern(TIME_PATTERN, format="date-time"),
            "half": _pattern("^FY[0-9]{2}H[12]$", description="A fiscal half such as FY27H1."),
            "amount": {
                "type": "number",
                "minimum": 0,
                "maximum": MAX_AMOUNT,
                "description": "In currency units; at most 999999999999.99, before any rounding.",
            },
            "fund": fund,
            "claim": claim,
        },
    }


def workspace_schema_text() -> str:
    """The schema as published at exports/workspace.schema.json."""
    return json.dumps(workspace_schema(), indent=2, ensure_ascii=False) + "\n"
