"""Synthetic rules at N times the real file's activities and periods, for scale benchmarks.

Copies of each activity get new ids and names; periods continue the calendar rule
forward, so the result passes every check. Period labels have two digits, so periods
stop at usage half FY99H2 (155 periods from FY22H1) however large the factor.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from generator.domain import normalize_name
from generator.loader import load_rules
from generator.periods import Half, expected_period

ROOT = Path(__file__).resolve().parent.parent


def scaled_data(factor: int, source: Path = ROOT / "rules.yaml") -> dict[str, Any]:
    """rules.yaml as plain data with ``factor`` times the activities and periods."""
    rules = load_rules(source).rules
    data: dict[str, Any] = rules.model_dump(mode="python")
    base_activities = data["activities"]
    activities = list(base_activities)
    for n in range(2, factor + 1):
        for activity in base_activities:
            clone = copy.deepcopy(activity)
            clone["id"] = f"{activity['id']}-{n}"
            clone["name"] = f"{activity['name']} (variant {n})"
            clone["aliases"] = [f"{alias} (variant {n})" for alias in activity["aliases"]]
            activities.append(clone)
    data["activities"] = activities
    # The source views name activities; name each copy wherever its original is named.
    names = {normalize_name(n): a for a in base_activities for n in [a["name"], *a["aliases"]]}
    views = data["source_views"]
    for view in views["activity_lists"]:
        view["entries"] += [
            {**entry, "name": f"{entry['name']} (variant {n})"}
            for n in range(2, factor + 1)
            for entry in list(view["entries"])
            if normalize_name(entry["name"]) in names
        ]
    for content in views["content_lists"]:
        content["entries"] += [
            f"{entry} (variant {n})"
            for n in range(2, factor + 1)
            for entry in list(content["entries"])
            if normalize_name(entry) in names
        ]
    ids = {a["id"] for a in base_activities}
    for note in data["source_notes"]:
        extra = []
        for ack in note["acknowledges"]:
            parts = ack["subject"].split("/")
            for i, part in enumerate(parts):
                if part in ids:
                    extra += [
                        {**ack, "subject": "/".join([*parts[:i], f"{part}-{n}", *parts[i + 1 :]])}
                        for n in range(2, factor + 1)
                    ]
        note["acknowledges"] += extra
    periods = data["periods"]
    last = Half.parse(periods[-1]["earning"]["half"])
    citation = periods[-1]["sources"]
    for _ in range(len(periods) * (factor - 1)):
        if last.next().next().fiscal_year > 2099:
            break  # labels have two digits: the last usage half that can be named is FY99H2
        last = last.next()
        p = expected_period(last, rules.calendar)
        periods.append(
            {
                "id": p.earning.label.lower(),
                "earning": {
                    "half": p.earning.label,
                    "start": p.earning_start,
                    "end": p.earning_end,
                },
                "usage": {"half": p.usage.label, "start": p.usage_start, "end": p.usage_end},
                "claim_deadline": p.claim_deadline,
                "resolution_deadline": p.resolution_deadline,
                "derived": ["earning", "usage", "claim_deadline", "resolution_deadline"],
                "sources": citation,
            }
        )
    return data


def write_scaled(factor: int, dest: Path) -> Path:
    """Write scaled rules as YAML to ``dest``."""

    class _NoAliases(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True

    text = yaml.dump(
        scaled_data(factor), Dumper=_NoAliases, sort_keys=False, allow_unicode=True, width=1000
    )
    dest.write_text(text, encoding="utf-8")
    return dest
