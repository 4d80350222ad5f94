"""Property-based fuzzing of the loader, the checker and the page renderer on random
mutations of the real rules.yaml: the result is a valid model or one of our errors,
never an uncaught exception. Seeds are fixed (derandomize) so CI runs the same cases."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.checks import check_rules
from generator.errors import RulesError
from generator.loader import load_rules_bytes, parse_yaml, validate
from generator.pages import build_pages

from .conftest import ROOT

TEXT = (ROOT / "rules.yaml").read_text(encoding="utf-8")
DATA, LOCATOR = parse_yaml(TEXT, "rules.yaml")
FUZZ = settings(
    derandomize=True,
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        'x" onmouseover="alert(1)',
        "javascript:alert(1)",
        "[click](javascript:alert(1))",
        "{: onclick=alert(1) }",
        "]]><!--",
        "\u0000",
        "\u202e",
        "a" * 5000,
        "",
        " ",
        "2027-02-30",
        "FY99H3",
    ]
)
VALUES = st.one_of(
    HOSTILE,
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(DATA)[1:]


def _mutate(data: Any, path: tuple[Any, ...], action: str, value: Any) -> None:
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    if action == "delete":
        del parent[last]
    elif action == "duplicate" and isinstance(parent, list):
        parent.insert(last, copy.deepcopy(parent[last]))
    elif action == "rename" and isinstance(parent, dict):
        parent[f"{last}_x"] = parent.pop(last)
    else:
        parent[last] = value


def _outcome(data: Any) -> str:
    """Validate, check and render; only our own error is an acceptable failure."""
    problems: list[Any] = []
    try:
        rules = validate(data, LOCATOR)
    except RulesError as error:
        problems = list(error.problems)
    if problems:
        assert all(p.line >= 1 and p.column >= 1 and p.message for p in problems)
        return "schema error"
    result = check_rules(rules)
    for finding in result.errors:
        problem = LOCATOR.problem(finding.loc, finding.message, finding.hint, code=finding.check)
        assert problem.line >= 1
    if result.errors:
        return "check error"
    pages = build_pages(rules)
    assert len(pages) > len(rules.activities)
    return "valid"


# Each test runs in shards: hypothesis derives a different fixed seed for each parametrized case,
# so three shards of 50 are 150 different examples, spread over the test workers.
@pytest.mark.parametrize("shard", range(3))
@settings(FUZZ, max_examples=FUZZ.max_examples // 3)
@given(
    mutations=st.lists(
        st.tuples(
            st.sampled_from(PATHS),
            st.sampled_from(["set", "set", "set", "delete", "duplicate", "rename"]),
            VALUES,
        ),
        min_size=1,
        max_size=4,
    )
)
def test_random_data_mutations_end_in_a_model_or_our_error(
    shard: int, mutations: list[tuple[tuple[Any, ...], str, Any]]
) -> None:
    """Changing, deleting, duplicating or renaming values never raises anything but RulesError."""
    data = copy.deepcopy(DATA)
    for path, action, value in mutations:
        try:
            _mutate(data, path, action, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced the parent
    assert _outcome(data) in ("schema error", "check error", "valid")


@pytest.mark.parametrize("shard", range(2))
@settings(FUZZ, max_examples=12)
@given(
    edits=st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=len(TEXT) - 1),
            st.integers(min_value=0, max_value=40),
            st.sampled_from(
                ["", ":", "- ", "\t", "&a ", "*a", "!!python/object ", '"', "\n  x: 1\n", "\u00ff"]
            ),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_random_text_edits_end_in_a_model_or_our_error(
    shard: int, edits: list[tuple[int, int, str]]
) -> None:
    """Cutting and inserting YAML syntax anywhere in the file gives our error or a model."""
    text = TEXT
    for offset, length, insert in edits:
        at = min(offset, len(text))
        text = text[:at] + insert + text[at + length :]
    problems: list[Any] = []
    try:
        rules = load_rules_bytes(text.encode("utf-8")).rules
    except RulesError as error:
        problems = list(error.problems)
    if problems:
        assert all(p.line >= 1 and p.message for p in problems)
    else:
        check_rules(rules)
