"""One truth for two languages: the shared vectors run in Python and in JavaScript (node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import asdict, astuple
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from generator.loader import load_rules
from generator.timing import (
    claim_timing,
    days_left,
    deadline_status,
    estimate,
    next_deadlines,
    payment_window,
    period_for,
    portal_data,
)

from .conftest import ROOT

VECTORS = json.loads((Path(__file__).parent / "vectors.json").read_text(encoding="utf-8"))
RULES = load_rules(ROOT / "rules.yaml").rules
DATA = portal_data(RULES)


def _now(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


def python_results() -> dict[str, list[Any]]:
    """The vectors run through generator/timing.py, in the JSON shape node prints."""
    timing = []
    for v in VECTORS["claim_timing"]:
        found = asdict(
            claim_timing(date.fromisoformat(v["start"]), date.fromisoformat(v["end"]), RULES)
        )
        timing.append({k: _iso(x) for k, x in found.items() if x is not None or k in v["expect"]})
    estimates = []
    for v in VECTORS["estimate"]:
        revenue = DATA["example"]["revenue"] if v["revenue"] == "worked-example" else v["revenue"]
        found = asdict(estimate(revenue, RULES))
        found.pop("threshold")
        estimates.append(found)
    return {
        "period_for": [
            {
                k: _iso(x)
                for k, x in asdict(period_for(date.fromisoformat(v["day"]), RULES)).items()
                if k != "derived"
            }
            for v in VECTORS["period_for"]
        ],
        "days_left": [
            days_left(_now(v["now"]), date.fromisoformat(v["deadline"]), v["zone"], RULES)
            for v in VECTORS["days_left"]
        ],
        "deadline_status": [
            list(
                astuple(
                    deadline_status(
                        _now(v["now"]), date.fromisoformat(v["deadline"]), v["zone"], RULES
                    )
                )
            )
            for v in VECTORS["deadline_status"]
        ],
        "next_deadlines": [
            [
                [d.kind, d.period, d.day.isoformat(), d.days_left]
                for d in next_deadlines(_now(v["now"]), v["zone"], RULES)
            ]
            for v in VECTORS["next_deadlines"]
        ],
        "claim_timing": timing,
        "payment_window": [
            [d.isoformat() for d in payment_window(date.fromisoformat(v["approved"]), RULES)]
            for v in VECTORS["payment_window"]
        ],
        "estimate": estimates,
    }


def _compare(results: dict[str, list[Any]], side: str) -> None:
    for group, cases in VECTORS.items():
        if group == "about":
            continue
        assert len(results[group]) == len(cases), (side, group)
        for case, result in zip(cases, results[group], strict=True):
            expected = case["expect"]
            found = result
            if isinstance(expected, dict) and isinstance(result, dict):
                found = {k: result.get(k) for k in expected}
            assert found == expected, f"{side}: {group} {case}"


def test_python_rules_match_the_shared_vectors() -> None:
    """generator/timing.py gives the expected answer for every shared vector."""
    _compare(python_results(), "python")


def test_javascript_rules_match_the_shared_vectors(tmp_path: Path) -> None:
    """The pure JS modules give the same answers as Python for every shared vector (run by node)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the JavaScript side of the shared vectors.")
    data = tmp_path / "data.json"
    data.write_text(json.dumps(DATA), encoding="utf-8")
    done = subprocess.run(
        [
            node,
            str(Path(__file__).parent / "js" / "run_vectors.js"),
            str(Path(__file__).parent / "vectors.json"),
            str(data),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    _compare(json.loads(done.stdout), "javascript")


def test_estimator_reads_usual_money_formats_and_refuses_unclear_ones() -> None:
    """'$ 100,000', 'USD 100,000', '100000.50', '100 000' are read; '1.000', '1,5' and other
    unclear or invalid amounts get an error with a message, never a guessed value."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is needed to run the estimator's money reader.")
    cases_file = Path(__file__).parent / "js" / "money_cases.json"
    done = subprocess.run(
        [node, str(Path(__file__).parent / "js" / "run_money.js"), str(cases_file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    cases = json.loads(cases_file.read_text(encoding="utf-8"))["cases"]
    for case, found in zip(cases, json.loads(done.stdout), strict=True):
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
    last_day = max(p.usage.end for p in RULES.periods).isoformat()
    assert any(v["day"] > last_day for v in VECTORS["period_for"])
    assert any(v["day"] < RULES.periods[0].usage.start.isoformat() for v in VECTORS["period_for"])
