"""Exports read back: the ICS with icalendar, the CSV and JSON against the model; and
reproducible to the byte."""

from __future__ import annotations

import codecs
import csv
import io
import json
import zipfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from icalendar import Calendar
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from generator.exports import (
    ALARM,
    REMINDERS,
    Site,
    build_exports,
    deadlines_ics,
    inert_csv_text,
)
from generator.loader import load_rules, parse_yaml
from generator.model import Rules
from generator.schema import schema_text
from generator.workspace_schema import workspace_schema

from .conftest import ROOT, rules_at
from .portal import EXAMPLE

RULES = rules_at(ROOT / "rules.yaml")


SITE = Site("https://intranet.example.com/coop/")


def test_ics_deadlines_end_at_the_utc_cutoff_with_one_alarm_and_reminder_days() -> None:
    """One event per deadline, ending at 23:59:59 UTC after it starts, with exactly one alarm
    before the end; and for calendars that drop alarms, all-day reminder events before it."""
    calendar = Calendar.from_ical(deadlines_ics(RULES))
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 2 * len(RULES.periods) * (1 + len(REMINDERS))
    by_uid = {str(e["UID"]): e for e in events}
    assert len(by_uid) == len(events)
    for event in events:
        assert len(list(event.walk("VALARM"))) == 1, event["UID"]
    for period in RULES.periods:
        for kind, day in (
            ("claim", period.claim_deadline),
            ("resolution", period.resolution_deadline),
        ):
            event = by_uid[f"{kind}-{period.id}@coop-portal"]
            start, end = event.decoded("DTSTART"), event.decoded("DTEND")
            assert end == datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=UTC)
            assert start < end <= start + timedelta(hours=1)
            (alarm,) = event.walk("VALARM")
            assert alarm.decoded("TRIGGER") == -ALARM
            assert alarm["TRIGGER"].params["RELATED"] == "END"
            for before in REMINDERS:
                reminder = by_uid[f"reminder-{before.days}d-{kind}-{period.id}@coop-portal"]
                assert reminder.decoded("DTSTART") == day - before  # a date: an all-day event
                assert reminder.decoded("DTEND") == day - before + timedelta(days=1)
                summary = str(reminder["SUMMARY"])
                assert summary.startswith("Reminder: ")
                assert f"in {before.days} days" in summary
                assert day.isoformat() in summary


def test_ics_marks_calculated_dates_and_links_each_event_to_its_period() -> None:
    """Derived deadlines are tentative and say so; each event links to its period row."""
    linked = Calendar.from_ical(deadlines_ics(RULES, SITE)).walk("VEVENT")
    unlinked = Calendar.from_ical(deadlines_ics(RULES)).walk("VEVENT")
    calculated = 0
    for event, plain in zip(linked, unlinked, strict=True):
        if str(event["UID"]).startswith("reminder-"):
            continue
        kind, period_id = str(event["UID"]).split("@")[0].split("-", 1)
        period = next(p for p in RULES.periods if p.id == period_id)
        derived = f"{kind}_deadline" in period.derived
        calculated += derived
        assert str(event["STATUS"]) == ("TENTATIVE" if derived else "CONFIRMED")
        assert ("calculated" in str(event["SUMMARY"])) == derived
        assert ("calculated from the half-year rule" in str(event["DESCRIPTION"])) == derived
        address = f"https://intranet.example.com/coop/periods/#period-{period.id}"
        assert str(event["URL"]) == address
        assert address in str(event["DESCRIPTION"])
        assert "URL" not in plain  # no absolute address without the site's URL
        assert f"(periods/#period-{period.id})" in str(plain["DESCRIPTION"])
    assert calculated > 0


def _csv_rows(rules: Rules = RULES) -> list[dict[str, str]]:
    data = build_exports(rules, schema_text(), SITE)["exports/activities.csv"]
    assert data.startswith(codecs.BOM_UTF8)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_csv_has_a_bom_and_one_row_per_activity_with_caps_notes_and_labels() -> None:
    """The CSV carries each activity's names, POE, expenses, caps and notes, with no ids."""
    rows = _csv_rows()
    assert [r["Activity"] for r in rows] == [a.name for a in RULES.activities]
    categories = {c.id: c.name for c in RULES.categories}
    ids = {a.id for a in RULES.activities} | set(categories)
    for row, activity in zip(rows, RULES.activities, strict=True):
        assert row["Category"] == categories[activity.category]
        poe = [p.text for p in activity.poe]
        cells = [row[h] for h in row if h.startswith("POE: ")]
        assert sorted(t for cell in cells for t in cell.split(" | ") if t) == sorted(poe)
        assert _items(row["Eligible expenses"]) == [e.name for e in activity.expenses]
        assert _items(row["Spending caps"]) == [c.text for c in activity.caps]
        assert _items(row["Notes"]) == list(activity.notes)
        assert row["Portal page"].endswith(f"/coop/activities/{activity.id}/")
        assert not ids & set(row.values())
    assert any(r["Spending caps"] for r in rows)
    assert any(r["Notes"] for r in rows)


def _items(cell: str) -> list[str]:
    return cell.split(" | ") if cell else []


def test_xlsx_reads_back_as_the_csv_table_with_a_frozen_bold_header() -> None:
    """The workbook has the CSV's header and cells (lists one per line), frozen and bold."""
    data = build_exports(RULES, schema_text(), SITE)["exports/activities.xlsx"]
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    table = [[str(cell.value or "") for cell in row] for row in sheet.iter_rows()]
    rows = _csv_rows()
    assert table[0] == list(rows[0])
    assert [[v.replace("\n", " | ") for v in row] for row in table[1:]] == [
        list(r.values()) for r in rows
    ]
    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])
    assert all(cell.alignment.wrap_text for row in sheet.iter_rows() for cell in row)
    for number, cell in enumerate(sheet[1], start=1):  # header-wide, at most 60; the rest wraps
        width = sheet.column_dimensions[get_column_letter(number)].width
        assert len(str(cell.value)) < width <= 62, (cell.value, width)


def test_xlsx_carries_no_clock_time() -> None:
    """The workbook's zip entries and document dates are fixed, not the time of the build."""
    data = build_exports(RULES, schema_text())["exports/activities.xlsx"]
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = load_workbook(io.BytesIO(data)).properties
    assert properties.created is not None
    assert properties.modified is not None
    assert properties.created.date() == properties.modified.date() == RULES.updated


def test_json_export_validates_back_into_the_same_rules() -> None:
    """rules.json is the whole published model: loading it gives the same published rules."""
    exports = build_exports(RULES, schema_text())
    again = Rules.model_validate_json(exports["exports/rules.json"], strict=False)
    assert again.model_dump() == RULES.model_dump()
    schema = json.loads(exports["exports/rules.schema.json"])
    assert schema["title"] == "Rules"


def test_exports_are_byte_identical_when_built_twice() -> None:
    """Two builds from the same rules give the same bytes for every export."""
    assert build_exports(RULES, schema_text()) == build_exports(
        load_rules(ROOT / "rules.yaml").rules, schema_text()
    )


def test_built_site_links_and_serves_the_exports(built_site: Path) -> None:
    """The site has the five exports and the home page links each of them."""
    home = (built_site / "index.html").read_text(encoding="utf-8")
    names = (
        "rules.json",
        "rules.schema.json",
        "activities.csv",
        "activities.xlsx",
        "deadlines.ics",
    )
    for name in names:
        assert (built_site / "exports" / name).is_file()
        assert f'href="exports/{name}"' in home


def test_built_site_publishes_the_workspace_file_schema(built_site: Path) -> None:
    """The site serves the workspace file's JSON Schema at exports/workspace.schema.json."""
    published = (built_site / "exports" / "workspace.schema.json").read_text(encoding="utf-8")
    assert json.loads(published) == workspace_schema()


FORMULA_VECTORS = json.loads((Path(__file__).parent / "formula_vectors.json").read_text("utf-8"))


def test_csv_text_rule_follows_the_shared_formula_vectors() -> None:
    """The build's CSV rule gives what tests/formula_vectors.json says (the browser's too)."""
    for case in FORMULA_VECTORS["cases"]:
        assert inert_csv_text(case["text"]) == case["csv"], case


def _formula_rules() -> Rules:
    """The shipped example with rules texts that a spreadsheet would run as formulas."""
    data, _ = parse_yaml((EXAMPLE / "rules.yaml").read_text(encoding="utf-8"))
    texts = [c["text"] for c in FORMULA_VECTORS["cases"] if c["text"] != c["csv"]]
    first = data["activities"][0]
    first["name"] = texts[0]
    first["definition"] = texts[1]
    first["caveat"] = texts[2]
    first["notes"] = texts[3:]
    first["aliases"] = [texts[0]]
    return Rules.model_validate(data)


def test_rules_text_starting_like_a_formula_is_inert_in_every_export() -> None:
    """A rules text starting with "=", "+", "-", "@", a tab or CR is text in the CSV (a
    leading apostrophe) and a text cell in the XLSX (never a formula), unchanged otherwise."""
    rules = _formula_rules()
    first = rules.activities[0]
    exports = build_exports(rules, schema_text(), SITE)
    expected_csv = {c["text"]: c["csv"] for c in FORMULA_VECTORS["cases"]}
    rows = _csv_rows(rules)
    row = rows[0]
    assert row["Activity"] == expected_csv[first.name]
    assert row["What it is"] == expected_csv[first.definition]
    assert row["Caveat"] == expected_csv[first.caveat or ""]
    assert row["Notes"] == inert_csv_text(" | ".join(first.notes))
    for r in rows:
        for value in r.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), value
    book = load_workbook(io.BytesIO(exports["exports/activities.xlsx"]))
    sheet = book.active
    assert sheet is not None
    header = [str(c.value) for c in sheet[1]]
    cells = dict(zip(header, sheet[2], strict=True))
    assert cells["Activity"].value == first.name
    assert cells["What it is"].value == first.definition
    assert cells["Caveat"].value == first.caveat
    risky = 0
    for line in sheet.iter_rows():
        for cell in line:
            assert cell.data_type != "f", cell.coordinate
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                assert cell.data_type == "s"
                risky += 1
    assert risky >= 4
    with zipfile.ZipFile(io.BytesIO(exports["exports/activities.xlsx"])) as archive:
        assert b"<f>" not in archive.read("xl/worksheets/sheet1.xml")
