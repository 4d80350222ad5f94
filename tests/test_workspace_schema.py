"""The workspace file's JSON Schema says exactly what workspace-file.js accepts (but unique ids,
which JSON Schema cannot say: the schema's descriptions say it, and the page refuses them).

The jsonschema library is not a dependency, so a small validator for the keywords the schema
uses stands in for it (with ECMA-262 pattern semantics, as JSON Schema specifies); a test
checks that the schema uses no other keyword. Sample files, right and wrong, get the same
verdict from that validator and from workspace-file.js (run by node).
"""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from generator.exports import build_exports
from generator.workspace_schema import (
    CHANGE_KINDS,
    DATE_PATTERN,
    FLAGS,
    FORMAT,
    MAX_AMOUNT,
    RESERVED,
    TIME_PATTERN,
    VERSION,
    workspace_schema,
)

from .js_rules import HERE, RULES, node
from .test_workspace_files import busy_steps, replay

SCHEMA = workspace_schema()
KEYWORDS = {
    "$schema", "$ref", "$defs", "title", "description", "format", "type", "required",
    "properties", "additionalProperties", "propertyNames", "items", "uniqueItems", "const",
    "enum", "not", "pattern", "minLength", "maxLength", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum",
}  # fmt: skip
TYPES: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
}


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    return bool(a == b)


def _pattern(pattern: str) -> re.Pattern[str]:
    # ECMA-262's $ is the end of the text; Python's also matches before a final newline.
    return re.compile(pattern[:-1] + r"\Z" if pattern.endswith("$") else pattern)


def valid(schema: dict[str, Any], value: Any) -> bool:
    """Whether ``value`` meets ``schema`` (the keywords in KEYWORDS, draft 2020-12)."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix("#/$defs/")
        return valid(SCHEMA["$defs"][name], value) and valid(
            {k: v for k, v in schema.items() if k != "$ref"}, value
        )
    checks = [
        "type" not in schema or TYPES[schema["type"]](value),
        "const" not in schema or _same(schema["const"], value),
        "enum" not in schema or any(_same(x, value) for x in schema["enum"]),
        "not" not in schema or not valid(schema["not"], value),
    ]
    if isinstance(value, str):
        checks += [
            len(value) <= schema.get("maxLength", len(value)),
            len(value) >= schema.get("minLength", 0),
            "pattern" not in schema or bool(_pattern(schema["pattern"]).search(value)),
        ]
    if TYPES["number"](value):
        checks += [
            value >= schema.get("minimum", value),
            value <= schema.get("maximum", value),
            "exclusiveMinimum" not in schema or value > schema["exclusiveMinimum"],
            "exclusiveMaximum" not in schema or value < schema["exclusiveMaximum"],
        ]
    if isinstance(value, list):
        checks += [all(valid(schema.get("items", {}), x) for x in value)]
        if schema.get("uniqueItems"):
            checks += [len({json.dumps(x, sort_keys=True) for x in value}) == len(value)]
    if isinstance(value, dict):
        properties = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        checks += [set(schema.get("required", [])) <= set(value)]
        for key, item in value.items():
            if key in properties:
                checks.append(valid(properties[key], item))
            elif extra is False:
                checks.append(False)
            elif isinstance(extra, dict):
                checks.append(valid(extra, item))
            if "propertyNames" in schema:
                checks.append(valid({"type": "string", **schema["propertyNames"]}, key))
    return all(checks)


def _walk(schema: Any) -> list[dict[str, Any]]:
    """Every subschema, the root included."""
    if isinstance(schema, list):
        return [s for x in schema for s in _walk(x)]
    if not isinstance(schema, dict):
        return []
    found = [schema]
    for key in ("properties", "$defs"):
        found += [s for x in schema.get(key, {}).values() for s in _walk(x)]
    for key in ("items", "additionalProperties", "not", "propertyNames"):
        found += _walk(schema.get(key))
    return found


def brief_example() -> dict[str, Any]:
    """The smallest file the workspace page writes, as issue 13 describes it."""
    return {
        "format": "coop-portal/workspace",
        "version": 1,
        "funds": [{"usage_period": "FY27H1", "amount": 40000, "currency": "USD"}],
        "claims": [
            {
                "id": "c7f3a9",
                "name": "INV5645 print ad September",
                "activity": "print-advertising",
                "start": "2026-09-01",
                "end": "2026-09-30",
                "amount": 7500,
                "status": "gathering proof",
                "ticked": ["poe-third-party-invoice", "poe-final-printed-piece"],
            }
        ],
    }


def full_example() -> dict[str, Any]:
    """A file using every optional field."""
    file = brief_example()
    file["updated"] = "2026-09-02T08:00:00.000Z"
    file["rules_version"] = "2024.10-1"
    file["funds"][0] |= {"source": "earnings", "earned": 40000, "updated": file["updated"]}
    file["claims"][0] |= {
        "currency": "EUR",
        "usage_period": "FY27H1",
        "claim_number": "CLM-1",
        "claimed": 7400.5,
        "approved": 7000,
        "paid": 0,
        "notes": "Printer: <b>Acme</b> & Sons\n" + "\U0001f4b0" * 10,
        "next_action": {"text": "Ask for the invoice", "due": "2026-10-01"},
        "status_dates": {"planned": "2026-08-01", "gathering-proof": "2026-09-01"},
        "tick_hashes": {"poe-third-party-invoice": "1a2b3c4d5e"},
        "evidence": {
            "poe-third-party-invoice": [
                {"id": "e1", "file": "\\\\share\\inv.pdf", "note": "", "at": "2026-09-02"}
            ]
        },
        "flags": ["checklist-changed"],
        "changes": [
            {"at": "2026-08-01T09:00:00.000Z", "kind": "created", "to": "planned"},
            {
                "at": "2026-09-01T10:00:00.000Z",
                "kind": "status",
                "from": "planned",
                "to": "gathering-proof",
                "day": "2026-09-01",
            },
            {
                "at": "2026-09-02T08:00:00.000Z",
                "kind": "field",
                "field": "amount",
                "from": "7000",
                "to": "7500",
            },
            {"at": "2026-09-02T08:00:00.000Z", "kind": "field", "field": "notes"},
        ],
        "created": "2026-08-01T09:00:00.000Z",
        "updated": file["updated"],
    }
    fund = {"usage_period": "FY26H2", "amount": 1, "currency": "USD"}
    file["deleted"] = [
        {"id": "old1", "at": file["updated"], "claim": {**file["claims"][0], "id": "old1"}},
        {"id": "fund:FY26H2", "at": file["updated"], "fund": fund},
        {"id": "gone", "at": file["updated"]},
    ]
    return file


Change = Callable[[dict[str, Any]], None]


def _claim(field: str, value: Any) -> Change:
    def change(file: dict[str, Any]) -> None:
        file["claims"][0][field] = value

    return change


def _drop(field: str) -> Change:
    return lambda file: file["claims"][0].pop(field)


WRONG: dict[str, Change] = {
    "amount is text": _claim("amount", "abc"),
    "amount is negative": _claim("amount", -1),
    "amount too large": _claim("amount", 1e12),
    "amount is true": _claim("amount", True),
    "amount is null": _claim("amount", None),
    "name missing": _drop("name"),
    "ticked missing": _drop("ticked"),
    "unknown field": _claim("colour", "red"),
    "impossible date": _claim("start", "2026-02-30"),
    "not a leap year": _claim("start", "2027-02-29"),
    "date with a newline": _claim("start", "2026-09-01\n"),
    "date with a time": _claim("end", "2026-09-30T00:00"),
    "empty status": _claim("status", ""),
    "status too long": _claim("status", "x" * 81),
    "ticked twice": _claim("ticked", ["poe-csr", "poe-csr"]),
    "ticked id with capitals": _claim("ticked", ["Poe-csr"]),
    "activity with spaces": _claim("activity", "print advertising"),
    "id with a slash": _claim("id", "a/b"),
    "name too long": _claim("name", "\U0001f4b0" * 201),
    "currency in lower case": _claim("currency", "eur"),
    "half H3": _claim("usage_period", "FY27H3"),
    "status date key": _claim("status_dates", {"Gathering Proof": "2026-09-01"}),
    "evidence without note": _claim(
        "evidence", {"poe-csr": [{"id": "e", "file": "f", "at": "2026-09-01"}]}
    ),
    "next action without text": _claim("next_action", {"due": "2026-09-01"}),
    "unknown flag": _claim("flags", ["lost"]),
    "time without milliseconds": _claim("updated", "2026-09-01T10:00:00Z"),
    "empty hash": _claim("tick_hashes", {"poe-csr": ""}),
    "fund amount text": lambda f: f["funds"][0].update(amount="40,000"),
    "fund without currency": lambda f: f["funds"][0].pop("currency"),
    "earned too low": lambda f: f["funds"][0].update(earned=-1e12),
    "fund source unknown": lambda f: f["funds"][0].update(source="guess"),
    "claims not a list": lambda f: f.update(claims={}),
    "top-level extra": lambda f: f.update(theme="dark"),
    "wrong format": lambda f: f.update(format="coop-portal-checklist"),
    "newer version": lambda f: f.update(version=2),
    "version as text": lambda f: f.update(version="1"),
    "bin entry with claim and fund": lambda f: f.update(
        deleted=[
            {
                "id": "x",
                "at": "2026-09-01T10:00:00.000Z",
                "claim": brief_example()["claims"][0],
                "fund": brief_example()["funds"][0],
            }
        ]
    ),
    "bin id": lambda f: f.update(deleted=[{"id": "fund:2027", "at": "2026-09-01T10:00:00.000Z"}]),
    # Issue 18: what the page would lose or trip over is refused, with the field named.
    "amount rounding up to 1e12": _claim("amount", 999999999999.995),
    "claimed rounding up to 1e12": _claim("claimed", 999999999999.996),
    "earned rounding down to -1e12": lambda f: f["funds"][0].update(earned=-999999999999.995),
    "a field named __proto__": _claim("__proto__", {"x": 1}),
    "a field named hasOwnProperty": _claim("hasOwnProperty", 1),
    "a top-level field named valueOf": lambda f: f.update(valueOf=1),
    "a fund field named constructor": lambda f: f["funds"][0].update(constructor="x"),
    "a claim id __proto__": _claim("id", "__proto__"),
    "a claim id hasOwnProperty": _claim("id", "hasOwnProperty"),
    "an activity named constructor": _claim("activity", "constructor"),
    "a ticked item named constructor": _claim("ticked", ["constructor"]),
    "a tick hash keyed constructor": _claim("tick_hashes", {"constructor": "1a"}),
    "a status date keyed constructor": _claim("status_dates", {"constructor": "2026-09-01"}),
    "an evidence id valueOf": _claim(
        "evidence", {"poe-csr": [{"id": "valueOf", "file": "f", "note": "", "at": "2026-09-01"}]}
    ),
    "a bin id toString": lambda f: f.update(
        deleted=[{"id": "toString", "at": "2026-09-01T10:00:00.000Z"}]
    ),
    "a time in month 13": _claim("updated", "2026-13-45T10:00:00.000Z"),
    "a time at hour 24": _claim("created", "2026-09-01T24:00:00.000Z"),
    "a time on 30 February": lambda f: f.update(updated="2026-02-30T10:00:00.000Z"),
    "a time at second 60": lambda f: f.update(updated="2026-09-01T10:00:60.000Z"),
    # Issue 19: a claim's log of changes holds only entries of the known keys and kinds.
    "changes not a list": _claim("changes", {"at": "2026-09-01T10:00:00.000Z"}),
    "a change with an unknown key": _claim(
        "changes", [{"at": "2026-09-01T10:00:00.000Z", "kind": "created", "who": "me"}]
    ),
    "a change of an unknown kind": _claim(
        "changes", [{"at": "2026-09-01T10:00:00.000Z", "kind": "renamed"}]
    ),
    "a change without a time": _claim("changes", [{"kind": "created"}]),
    "a change dated by day only": _claim("changes", [{"at": "2026-09-01", "kind": "created"}]),
    "a change whose value is a number": _claim(
        "changes",
        [{"at": "2026-09-01T10:00:00.000Z", "kind": "field", "field": "amount", "to": 7500}],
    ),
    "a change whose value is too long": _claim(
        "changes", [{"at": "2026-09-01T10:00:00.000Z", "kind": "field", "to": "x" * 201}]
    ),
    "a change with a day that is not a date": _claim(
        "changes", [{"at": "2026-09-01T10:00:00.000Z", "kind": "status", "day": "today"}]
    ),
}

UNIQUE_ONLY: dict[str, Change] = {
    "a claim id twice": lambda f: f["claims"].append(copy.deepcopy(f["claims"][0])),
    "funds of one period twice": lambda f: f["funds"].append({**f["funds"][0], "amount": 1}),
    "a bin id twice": lambda f: f.update(
        deleted=[{"id": "gone", "at": "2026-09-01T10:00:00.000Z"}] * 2
    ),
    "a deleted claim that is also kept": lambda f: f.update(
        deleted=[{"id": f["claims"][0]["id"], "at": "2026-09-01T10:00:00.000Z"}]
    ),
}
"""Files the schema cannot refuse (unique ids) but the page does, naming the field."""

RIGHT: dict[str, Change] = {
    "as described": lambda f: None,
    "200 characters of four bytes": _claim("name", "\U0001f4b0" * 200),
    "empty name": _claim("name", ""),
    "a leap day": _claim("start", "2028-02-29"),
    "hostile text": _claim("name", "<script>alert(1)</script>'; DROP TABLE--"),
    "version written 1.0": lambda f: f.update(version=1.0),
    "fractions of a cent": _claim("amount", 12.345),
    "negative earnings": lambda f: f["funds"][0].update(earned=-5.5),
    "the largest amount": _claim("amount", MAX_AMOUNT),
    "the largest amount with a fraction below the cent": _claim("amount", 999999999999.984),
    "an id like a built-in name but not one": _claim("id", "constructors"),
    "the last millisecond of a leap day": lambda f: f.update(updated="2028-02-29T23:59:59.999Z"),
    "a time far in the future": lambda f: f.update(updated="2999-12-31T23:59:59.999Z"),
    "an empty log of changes": _claim("changes", []),
    "a change of every kind": _claim(
        "changes",
        [{"at": "2026-09-01T10:00:00.000Z", "kind": kind} for kind in CHANGE_KINDS],
    ),
}


def _samples() -> list[tuple[str, dict[str, Any], bool]]:
    found = [("every optional field", full_example(), True)]
    for table, right in ((RIGHT, True), (WRONG, False), (UNIQUE_ONLY, True)):
        for name, change in table.items():
            file = copy.deepcopy(brief_example())
            change(file)
            found.append((name, file, right))
    return found


def test_schema_is_draft_2020_12_and_uses_only_checked_keywords() -> None:
    """The schema declares draft 2020-12, uses only keywords the validator here checks, every
    $ref resolves, every object's required fields are its properties, and patterns end with
    $ only."""
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    for sub in _walk(SCHEMA):
        assert set(sub) <= KEYWORDS, set(sub) - KEYWORDS
        if "$ref" in sub:
            assert sub["$ref"].removeprefix("#/$defs/") in SCHEMA["$defs"]
        if "properties" in sub:
            assert set(sub.get("required", [])) <= set(sub["properties"])
        if "pattern" in sub:
            re.compile(sub["pattern"])
            assert "$" not in sub["pattern"][:-1]
        assert sub.get("type", "object") in TYPES


@pytest.mark.parametrize(("name", "file", "right"), _samples(), ids=[s[0] for s in _samples()])
def test_schema_accepts_right_files_and_refuses_wrong_ones(
    name: str, file: dict[str, Any], right: bool
) -> None:
    """Each sample file meets the schema exactly when it is meant to."""
    assert valid(SCHEMA, file) is right, name


def test_storage_js_gives_the_schema_s_verdict_on_every_sample(tmp_path: Path) -> None:
    """storage.js accepts exactly the samples the schema accepts, names a field in each
    refusal, and shares the schema's date pattern, flags, format and version."""
    samples = _samples()
    files = tmp_path / "files.json"
    files.write_text(json.dumps([json.dumps(s[1]) for s in samples]), encoding="utf-8")
    out = json.loads(node(str(HERE / "js" / "run_workspace_tools.js"), "check", str(files)))
    for (name, file, _), errors in zip(samples, out["verdicts"], strict=True):
        assert (errors == []) is (valid(SCHEMA, file) and name not in UNIQUE_ONLY), (name, errors)
        assert all(re.match(r"^[a-z_]+[\w.\[\]-]*: expected ", e) for e in errors), errors
    assert out["constants"] == {
        "DATE_PATTERN": DATE_PATTERN,
        "FLAGS": list(FLAGS),
        "CHANGE_KINDS": list(CHANGE_KINDS),
        "FORMAT": FORMAT,
        "VERSION": VERSION,
        "RESERVED": list(RESERVED),
        "TIME_PATTERN": TIME_PATTERN,
        "MAX_AMOUNT": MAX_AMOUNT,
        "OBJECT_NAMES": sorted(RESERVED),
    }


def test_unique_ids_are_said_in_the_schema_and_refused_by_the_page(tmp_path: Path) -> None:
    """A repeated id meets the schema's structure, so its descriptions say ids are unique, and
    the page refuses each such file naming both places."""
    for place in (SCHEMA, SCHEMA["$defs"]["claim"]["properties"]["id"]):
        assert "unique" in place["description"].lower()
    files = tmp_path / "files.json"
    samples = []
    for change in UNIQUE_ONLY.values():
        file = copy.deepcopy(full_example())
        change(file)
        samples.append(file)
    files.write_text(json.dumps([json.dumps(s) for s in samples]), encoding="utf-8")
    out = json.loads(node(str(HERE / "js" / "run_workspace_tools.js"), "check", str(files)))
    assert [e[-1].split(":")[0] for e in out["verdicts"]] == [
        "claims[1].id",
        "funds[1]",
        "deleted[1].id",
        "deleted[0].id",
    ]
    assert all(
        re.search(r"(once|deleted), but got .+ (again \(as in|which is also in) ", e[-1])
        for e in out["verdicts"]
    )


def test_date_pattern_accepts_every_real_date_and_nothing_else() -> None:
    """The shared date pattern matches each day from 1900 to 2199, and no 29-31 of a month
    that lacks it, in any year from 1000 to 2999."""
    pattern = _pattern(DATE_PATTERN)
    day = date(1900, 1, 1)
    while day.year < 2200:
        assert pattern.search(day.isoformat()), day
        day += timedelta(days=1)
    for year in range(1000, 3000):
        for month in range(1, 13):
            for dd in (29, 30, 31):
                try:
                    real = bool(date(year, month, dd))
                except ValueError:
                    real = False
                text = f"{year:04d}-{month:02d}-{dd:02d}"
                assert bool(pattern.search(text)) is real, text


def test_published_schema_accepts_a_file_the_page_writes_and_refuses_a_wrong_one(
    tmp_path: Path,
) -> None:
    """exports/workspace.schema.json is this schema; it accepts a workspace file written by the
    browser modules (funds from a report, claims in every status, ticks, evidence, flags, a
    deleted claim) and refuses that file with one wrong amount or one unknown field."""
    published = build_exports(RULES, "{}")
    schema = json.loads(published["exports/workspace.schema.json"])
    assert schema == SCHEMA
    steps = [*busy_steps(), ["tick", "c0", "poe-retired-item", "old", "@2026-08-05"]]
    file = json.loads(replay(tmp_path, steps))
    assert file["deleted"]
    assert file["funds"][1]["source"] == "earnings"
    assert file["claims"][0]["flags"] == ["items-removed"]
    assert valid(schema, file)
    for change in (_claim("amount", "7,500"), _claim("reviewer", "x")):
        wrong = copy.deepcopy(file)
        change(wrong)
        assert not valid(schema, wrong)
