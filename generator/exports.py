"""Rules to machine-readable files: JSON (with its schema), the activities as CSV and XLSX,
the deadlines as ICS, and the JSON Schema of the workspace file partners save.

Each export is a pure function of the rules and is byte-for-byte reproducible: keys
are sorted, nothing depends on the clock (the calendar's DTSTAMP and the workbook's
dates are the rules' ``updated`` date), and UIDs are built from stable ids.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from icalendar import Alarm, Calendar, Event
from openpyxl import Workbook
from openpyxl.packaging.core import DocumentProperties
from openpyxl.packaging.extended import ExtendedProperties
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.xml.functions import SubElement, tostring

from .browser_data import ASSET, SCHEMA_PATH, browser_data_schema_text, browser_data_text
from .model import Activity, Period, Rules
from .sitemap import activity_path, page_url, paths
from .timing import cutoff
from .workspace_schema import workspace_schema_text

# Each deadline carries one alarm (Outlook keeps only one per event). Google Calendar and
# others drop alarms from imported files, so the reminders are also their own all-day events.
ALARM = timedelta(days=3)
REMINDERS = (timedelta(days=21), timedelta(days=7))
REMINDER_ALARM = timedelta(hours=9)  # 09:00 on the reminder's day, the reader's own time
UID_DOMAIN = "coop-portal"
# The Excel list separator varies by locale (',' in English, ';' in German and French), so
# no delimiter opens by double-click everywhere; the CSV is RFC 4180 (comma, UTF-8 with a
# byte-order mark so Excel reads the encoding) and the XLSX is the file for Excel users.
CSV_BOM = "\ufeff"
CSV_LIST_SEPARATOR = " | "
# A cell starting with one of these runs as a formula in Excel, LibreOffice and Google Sheets
# (OWASP "CSV injection"). The CSV prefixes such text with an apostrophe, which the
# spreadsheet reads as "this is text"; the XLSX stores it as a text cell, never a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def inert_csv_text(text: str) -> str:
    """Text for a CSV cell that no spreadsheet runs as a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def rules_json(rules: Rules) -> str:
    """The whole validated rules as JSON; rules.schema.json describes it."""
    data = rules.model_dump(mode="json")
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


# ---------------------------------------------------------------- activities: CSV and XLSX


@dataclass(frozen=True)
class Site:
    """Where the portal's pages are: an absolute address if the build knows one."""

    url: str = ""  # e.g. https://intranet.example.com/coop/ ('' when unknown)
    directory_urls: bool = True
    brand: str = ""  # the distributor's name (brand.name in mkdocs.yml), for files partners keep
    logo: str = ""  # the distributor's logo inside the site (brand.logo), for printed claim files

    def link(self, src: str, anchor: str = "") -> str:
        """A page's address: absolute under the site's URL, else its path from the root."""
        path = page_url(src, directory_urls=self.directory_urls) + (f"#{anchor}" if anchor else "")
        if not self.url:
            return path or "./"
        return self.url.rstrip("/") + "/" + path


Cell = str | tuple[str, ...]  # a tuple is a list inside one cell


@dataclass(frozen=True)
class Column:
    """One column of the activities table: its header and how to get its value."""

    header: str
    value: Callable[[Activity, Rules, Site], Cell]


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _poe(kind: str) -> Callable[[Activity, Rules, Site], Cell]:
    return lambda a, _r, _s: tuple(p.text for p in a.poe if p.kind == kind)


def _content(a: Activity, rules: Rules, _s: Site) -> Cell:
    funds = {f.id: f.name for f in rules.content_funds}
    return tuple(f"{funds[s.fund]}: at least {s.minimum_percent:g}%" for s in a.microsoft_content)


def _sources(a: Activity, rules: Rules, _s: Site) -> Cell:
    titles = {s.id: s.title for s in rules.sources}
    return tuple(titles[c.source] + (f" ({c.at})" if c.at else "") for c in a.sources)


ACTIVITY_COLUMNS: tuple[Column, ...] = (
    Column("Activity", lambda a, _r, _s: a.name),
    Column("Category", lambda a, r, _s: next(c.name for c in r.categories if c.id == a.category)),
    Column("Also called", lambda a, _r, _s: tuple(a.aliases)),
    Column("What it is", lambda a, _r, _s: a.definition),
    Column("Pre-approval required", lambda a, _r, _s: _yes_no(a.preapproval_required)),
    Column("Core requirements apply", lambda a, _r, _s: _yes_no(a.core_requirements_apply)),
    Column("Microsoft content", _content),
    Column("POE: invoice or CSR", _poe("invoice")),
    Column("POE: communication material", _poe("communication")),
    Column("POE: metrics", _poe("metrics")),
    Column("POE: other", _poe("other")),
    Column("Eligible expenses", lambda a, _r, _s: tuple(e.name for e in a.expenses)),
    Column("Spending caps", lambda a, _r, _s: tuple(c.text for c in a.caps)),
    Column("Notes", lambda a, _r, _s: tuple(a.notes)),
    Column("Caveat", lambda a, _r, _s: a.caveat or ""),
    Column("Sources", _sources),
    Column("Portal page", lambda a, _r, s: s.link(activity_path(a.id))),
)


def activity_rows(rules: Rules, site: Site = Site()) -> list[list[Cell]]:
    """One row of cells per activity, in the order of ACTIVITY_COLUMNS."""
    return [[col.value(a, rules, site) for col in ACTIVITY_COLUMNS] for a in rules.activities]


def _joined(cell: Cell, separator: str) -> str:
    return cell if isinstance(cell, str) else separator.join(cell)


def activities_csv(rules: Rules, site: Site = Site()) -> str:
    """One row per activity, with a byte-order mark; lists in a cell are joined by ' | '."""
    out = io.StringIO()
    out.write(CSV_BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([col.header for col in ACTIVITY_COLUMNS])
    for row in activity_rows(rules, site):
        writer.writerow([inert_csv_text(_joined(cell, CSV_LIST_SEPARATOR)) for cell in row])
    return out.getvalue()


XLSX_MAX_WIDTH = 60
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry


def activities_xlsx(rules: Rules, site: Site = Site()) -> bytes:
    """The activities as an Excel workbook: a frozen bold header, wrapped text, one list
    item per line in a cell. Opens in Excel in any language, unlike a CSV."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Activities"
    sheet.append([col.header for col in ACTIVITY_COLUMNS])
    widths = [len(col.header) for col in ACTIVITY_COLUMNS]
    for row in activity_rows(rules, site):
        values = [_joined(cell, "\n") for cell in row]
        sheet.append(values)
        for i, value in enumerate(values):
            longest = max((len(line) for line in value.split("\n")), default=0)
            widths[i] = max(widths[i], longest)
    wrap = Alignment(wrap_text=True, vertical="top")
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = wrap
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_START):
                cell.data_type = "s"  # openpyxl takes text starting with "=" for a formula
                cell.quotePrefix = True  # and Excel keeps it text when the cell is edited
            if isinstance(cell.value, str) and cell.value.startswith(("https://", "http://")):
                cell.hyperlink = cell.value
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = min(width + 2, XLSX_MAX_WIDTH)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    stamp = datetime.combine(rules.updated, time(0, 0))
    properties = DocumentProperties(
        title=f"{rules.title}: activities",
        creator=site.brand or "coop-portal",
        created=stamp,
        modified=stamp,
    )
    book.properties = properties
    core = tostring(properties.to_tree())  # before saving, which stamps "modified" with now
    raw = io.BytesIO()
    book.save(raw)
    replaced: dict[str, str | bytes] = {"docProps/core.xml": core}
    if site.brand:
        # As openpyxl writes docProps/app.xml (it leaves out Company), with the company named.
        app = ExtendedProperties().to_tree()
        SubElement(app, "Company").text = site.brand
        replaced["docProps/app.xml"] = tostring(app)
    return _reproducible_zip(raw.getvalue(), replaced)


def _reproducible_zip(data: bytes, replace: dict[str, str | bytes]) -> bytes:
    """The same zip with fixed entry times and some entries replaced.

    openpyxl stamps each zip entry and the document's modified date with the current
    time; both are fixed here so the same rules give the same bytes."""
    out = io.BytesIO()
    with ZipFile(io.BytesIO(data)) as source, ZipFile(out, "w", ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = replace.get(info.filename, source.read(info))
            target.writestr(ZipInfo(info.filename, _ZIP_TIME), content, ZIP_DEFLATED)
    return out.getvalue()


# ---------------------------------------------------------------- deadlines: ICS

CALCULATED = (
    "This date is calculated from the half-year rule: no source states it for this period "
    "yet, so check it when Microsoft publishes the dates."
)


def _window(at: datetime) -> datetime:
    """The start of a deadline's short event: the full hour before the cut-off."""
    start = at.replace(minute=0, second=0, microsecond=0)
    return start if start < at else at - timedelta(hours=1)


_DEADLINES = {
    "claim": "Last moment to submit co-op claims",
    "resolution": "Last moment to resolve open co-op claims",
}


def _deadline_event(rules: Rules, period: Period, kind: str, site: Site) -> Event:
    what = _DEADLINES[kind]
    day = period.claim_deadline if kind == "claim" else period.resolution_deadline
    calculated = f"{kind}_deadline" in period.derived
    at = cutoff(day, rules)
    link = site.link(paths()["periods"], f"period-{period.id}")
    event = Event()
    event.add("uid", f"{kind}-{period.id}@{UID_DOMAIN}")
    event.add("dtstamp", datetime.combine(rules.updated, time(0, 0), tzinfo=UTC))
    # RFC 5545: an event with DTEND must end after it starts. The deadline is a short
    # event that ends exactly at the cut-off, so calendars show the last hour.
    event.add("dtstart", _window(at))
    event.add("dtend", at)
    event.add(
        "summary",
        f"Co-op {kind} deadline, usage period {period.usage.half}"
        + (" (calculated date)" if calculated else ""),
    )
    text = [
        f"{what} for the usage period {period.usage.start.isoformat()} to "
        f"{period.usage.end.isoformat()} ({period.usage.half}, co-op earned in "
        f"{period.earning.half}). The deadline ends at {rules.calendar.cutoff_time_utc} UTC "
        f"on {day.isoformat()}.",
    ]
    if calculated:
        text.append(CALCULATED)
    if site.url:
        text.append(f"Details: {link}")
        event.add("url", link)
    else:
        text.append(f"Details: the Periods and deadlines page of your co-op portal ({link}).")
    text.append(f"Rules version {rules.rules_version}.")
    event.add("description", "\n\n".join(text))
    event.add("status", "TENTATIVE" if calculated else "CONFIRMED")
    event.add("transp", "TRANSPARENT")
    event.add_component(
        _alarm(-ALARM, f"Co-op {kind} deadline in {ALARM.days} days ({day.isoformat()})", "END")
    )
    return event


def _alarm(trigger: timedelta, text: str, related: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", trigger, parameters={"RELATED": related})
    alarm.add("description", text)
    return alarm


def _reminder_events(rules: Rules, period: Period, kind: str, site: Site) -> list[Event]:
    """All-day events some days before a deadline, for calendars that drop alarms."""
    day = period.claim_deadline if kind == "claim" else period.resolution_deadline
    link = site.link(paths()["periods"], f"period-{period.id}")
    events = []
    for before in REMINDERS:
        on = day - before
        summary = f"Reminder: co-op {kind} deadline in {before.days} days ({day.isoformat()})"
        event = Event()
        event.add("uid", f"reminder-{before.days}d-{kind}-{period.id}@{UID_DOMAIN}")
        event.add("dtstamp", datetime.combine(rules.updated, time(0, 0), tzinfo=UTC))
        event.add("dtstart", on)
        event.add("dtend", on + timedelta(days=1))
        event.add("summary", summary)
        text = (
            f"{_DEADLINES[kind]} for the usage period {period.usage.half}: "
            f"{day.isoformat()}, {rules.calendar.cutoff_time_utc} UTC. "
            + (f"Details: {link}" if site.url else "See the Periods and deadlines page.")
        )
        event.add("description", text)
        if site.url:
            event.add("url", link)
        event.add("transp", "TRANSPARENT")
        event.add_component(_alarm(REMINDER_ALARM, summary, "START"))
        events.append(event)
    return events


def deadlines_ics(rules: Rules, site: Site = Site(), extra: Sequence[Event] = ()) -> bytes:
    """Every claim and resolution deadline as a short event ending at its exact UTC cut-off;
    calculated dates are marked, and each event points to its period on the portal. ``extra``
    events follow (the build adds the rules update's, changes.changes_events)."""
    calendar = Calendar()
    calendar.add("prodid", "-//coop-portal//co-op deadlines//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    by = f" ({site.brand})" if site.brand else ""
    calendar.add("x-wr-calname", f"{rules.title}: claim deadlines{by}")
    for period in rules.periods:
        for kind in _DEADLINES:
            calendar.add_component(_deadline_event(rules, period, kind, site))
            for reminder in _reminder_events(rules, period, kind, site):
                calendar.add_component(reminder)
    for event in extra:
        calendar.add_component(event)
    return bytes(calendar.to_ical())


def build_exports(
    rules: Rules, schema: str, site: Site = Site(), *, calendar_extra: Sequence[Event] = ()
) -> dict[str, bytes]:
    """Every export as ``{path: bytes}`` under exports/, and the browser data the pages'
    scripts fetch (assets/coop-portal/data.json); ``calendar_extra`` goes into the deadlines
    calendar after the deadlines."""
    return {
        "exports/rules.json": rules_json(rules).encode("utf-8"),
        "exports/rules.schema.json": schema.encode("utf-8"),
        "exports/activities.csv": activities_csv(rules, site).encode("utf-8"),
        "exports/activities.xlsx": activities_xlsx(rules, site),
        "exports/deadlines.ics": deadlines_ics(rules, site, calendar_extra),
        "exports/workspace.schema.json": workspace_schema_text().encode("utf-8"),
        SCHEMA_PATH: browser_data_schema_text().encode("utf-8"),
        ASSET: browser_data_text(
            rules, directory_urls=site.directory_urls, brand=site.brand, logo=site.logo
        ).encode("utf-8"),
    }
