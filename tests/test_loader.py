"""The YAML layer: scalar types follow YAML 1.2, positions are exact, hostile input is refused."""

from __future__ import annotations

from datetime import date

import pytest

import generator.loader as loader_module
from generator.errors import RulesError
from generator.loader import load_rules_bytes, parse_yaml

from .conftest import ROOT


def test_yes_no_and_underscored_numbers_stay_text() -> None:
    """YAML 1.1 booleans and 1_000 are text, so a typo cannot become True or 1000."""
    data, _ = parse_yaml("a: yes\nb: off\nc: 1_000\nd: true\ne: 23:59:59\n")
    assert data == {"a": "yes", "b": "off", "c": "1_000", "d": True, "e": "23:59:59"}


def test_dates_numbers_and_null() -> None:
    """Unquoted ISO dates are dates; quoted ones stay text; numbers and null resolve."""
    data, _ = parse_yaml('a: 2024-08-15\nb: "2024-08-15"\nc: 3.75\nd: 4\ne: ~\n')
    assert data == {"a": date(2024, 8, 15), "b": "2024-08-15", "c": 3.75, "d": 4, "e": None}


def test_positions_of_values_and_keys() -> None:
    """The locator knows the line and column of nested values and keys."""
    _, locator = parse_yaml("top:\n  items:\n    - name: x\n      id: y\n")
    assert locator.position(("top", "items", 0, "id")) == (4, 11)
    assert locator.position(("top", "items", 0, "id"), key=True) == (4, 7)
    assert locator.position(("top", "items", 0, "missing")) == (3, 7)


def test_duplicate_keys_at_any_depth_are_all_reported() -> None:
    """Every duplicate key is reported, not only the first."""
    with pytest.raises(RulesError) as caught:
        parse_yaml("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert [(p.line, p.path) for p in caught.value.problems] == [(2, "a"), (5, "b.c")]


def test_merge_key_is_not_special() -> None:
    """'<<' is an unknown field, not a silent merge."""
    data, _ = parse_yaml("a:\n  <<: {b: 1}\n")
    assert data == {"a": {"<<": {"b": 1}}}


def test_deep_nesting_is_refused_quickly() -> None:
    """Thousands of nested brackets give one clear error, not a crash."""
    with pytest.raises(RulesError) as caught:
        parse_yaml("a: " + "[" * 5000 + "]" * 5000 + "\n")
    assert "levels of nesting" in str(caught.value)


def test_oversized_input_is_refused_before_parsing() -> None:
    """A file far larger than any real rules file is refused by size."""
    with pytest.raises(RulesError) as caught:
        load_rules_bytes(b"a: b\n" * 4_000_000, "big.yaml")
    assert str(caught.value.problems[0]).startswith(
        "big.yaml:1:1: (file): expected at most 16 MiB of YAML, but got 19.1 MiB."
    )


def test_byte_order_mark_is_accepted() -> None:
    """A UTF-8 byte-order mark, as some Windows editors write, is not an error."""
    with pytest.raises(RulesError) as caught:
        load_rules_bytes(b"\xef\xbb\xbfschema_version: 2\n", "bom.yaml")
    assert "schema_version: expected 1, but got the number 2" in str(caught.value)


def test_libyaml_fast_path_gives_the_same_data_and_positions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libyaml and the pure-Python composer agree on every value and every line:column."""
    text = (ROOT / "rules.yaml").read_text(encoding="utf-8")
    assert loader_module._compose_fast(text) is not None  # the fast path is taken
    fast_data, fast_locator = loader_module.parse_yaml(text)
    monkeypatch.setattr(loader_module, "_compose_fast", lambda _text: None)
    slow_data, slow_locator = loader_module.parse_yaml(text)
    assert fast_data == slow_data
    assert fast_locator.values == slow_locator.values
    assert fast_locator.keys == slow_locator.keys
