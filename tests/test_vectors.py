"""The golden cases of the date and estimate rules (tests/vectors.json), run by node against
the browser modules that own those rules."""

from __future__ import annotations

import json
from pathlib import Path

from .js_rules import EXAMPLE_DATA, EXAMPLE_RULES, node

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text(encoding="utf-8"))
CASES = sum(len(cases) for group, cases in VECTORS.items() if group != "about")


def test_javascript_rules_match_every_shared_vector(tmp_path: Path) -> None:
    """The pure JS modules (dates.js, estimate.js) give the expected answer for every case of
    tests/vectors.json on the shipped example's browser data; node runs and counts every case."""
    data = tmp_path / "data.json"
    data.write_text(json.dumps(EXAMPLE_DATA), encoding="utf-8")
    here = Path(__file__).parent
    out = json.loads(
        node(str(here / "js" / "run_vectors.js"), str(here / "vectors.json"), str(data))
    )
    assert out["failures"] == []
    assert out["ran"] == CASES > 40


def test_estimator_reads_usual_money_formats_and_refuses_unclear_ones() -> None:
    """'$ 100,000', 'USD 100,000', '100000.50', '100 000' are read; '1.000', '1,5' and other
    unclear or invalid amounts get an error with a message, never a guessed value."""
    cases_file = Path(__file__).parent / "js" / "money_cases.json"
    found_all = json.loads(
        node(str(Path(__file__).parent / "js" / "run_money.js"), str(cases_file))
    )
    cases = json.loads(cases_file.read_text(encoding="utf-8"))["cases"]
    for case, found in zip(cases, found_all, strict=True):
        expected = case["expect"]
        if "value" in expected:
            assert found == {"value": expected["value"], "error": None}, case
        else:
            assert found["value"] is None, case
            assert found["error"] == expected["error"], case
            assert len(found["message"]) > 20, case


def test_vectors_cover_every_rule_function() -> None:
    """Each rule function has several vectors, including both sides of a deadline, of the
    close-deadline window and of the published table."""
    assert all(len(VECTORS[g]) >= 4 for g in VECTORS if g != "about")
    nows = [v["now"] for v in VECTORS["next_deadlines"]]
    assert "2027-02-15T23:59:58Z" in nows
    assert "2027-02-15T23:59:59Z" in nows
    states = {tuple(v["expect"]) for v in VECTORS["deadline_status"]}
    assert {("open", 15), ("soon", 14), ("soon", 0), ("passed", 0)} <= states
    last_day = max(p.usage.end for p in EXAMPLE_RULES.periods).isoformat()
    assert any(v["day"] > last_day for v in VECTORS["period_for"])
    first_day = EXAMPLE_RULES.periods[0].usage.start.isoformat()
    assert any(v["day"] < first_day for v in VECTORS["period_for"])
