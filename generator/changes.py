"""What changed between two versions of the rules, in partner words. No MkDocs here.

``rule_changes(previous, rules)`` compares entries by their stable ids (levers and their
editions, periods and deadlines, activities with their proof and expenses, categories,
money rules, prerequisites, claim statuses) and says each difference the way a partner
reads it. ``load_previous`` reads the earlier version from a rules file or a git revision;
``changes_feed`` is the Atom feed partners subscribe to, and ``changes_events`` the entry the
deadlines calendar gets for the update. The "What changed" page, the feed, the calendar entry
and ``python -m generator changes --since REV`` all come from here.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from icalendar import Event

from .editions import lever_editions
from .errors import RulesError
from .exports import UID_DOMAIN, Site
from .loader import load_rules, load_rules_bytes
from .model import Citation, Rules
from .render import long_date, money, percent
from .sitemap import activity_path, paths

FEED = "exports/changes.xml"
"""Where the build writes the feed of rules updates."""


@dataclass(frozen=True)
class Change:
    """One difference, in partner words, with the page (and anchor) where it shows."""

    area: str
    text: str
    page: str = ""
    anchor: str | None = None
    sources: tuple[Citation, ...] = ()


class PreviousRulesError(Exception):
    """The earlier rules cannot be read (no such file or revision, or invalid rules)."""


def load_previous(spec: str, root: Path, rules_file: str = "rules.yaml") -> Rules:
    """The earlier rules: ``spec`` is a rules file (relative to ``root``), or ``git:REV`` (or a
    bare revision when no such file exists) whose ``rules_file`` git shows."""
    path = root / spec
    if not spec.startswith("git:") and path.is_file():
        try:
            return load_rules(path).rules
        except RulesError as error:
            raise PreviousRulesError(f"{spec}: the earlier rules are not valid:\n{error}") from None
    revision = spec.removeprefix("git:")
    done = subprocess.run(
        ["git", "-C", str(root), "show", f"{revision}:./{rules_file}"],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise PreviousRulesError(
            f"{spec}: expected a rules file or a git revision, but got neither"
            f" ({reason[-1] if reason else 'git failed'}). Hint: name a file such as "
            "history/rules-2024.10-1.yaml, or a revision such as git:v2024.10 or git:HEAD~3."
        )
    try:
        return load_rules_bytes(done.stdout, f"{revision}:{rules_file}").rules
    except RulesError as error:
        raise PreviousRulesError(f"{spec}: the earlier rules are not valid:\n{error}") from None


def rule_changes(previous: Rules, rules: Rules) -> list[Change]:
    """Every difference between ``previous`` and ``rules`` that a partner acts on: rates and
    the periods they apply to, dates, activities (and the names and categories they are found
    under), proof items, expenses, caps, money rules, eligibility and claim statuses. A new
    wording of a label alone (an edition's name, a lever's or a status's name at the same
    rate or meaning) is not listed: it is noise to a partner."""
    out: list[Change] = []
    out += _levers(previous, rules)
    out += _periods(previous, rules)
    out += _categories(previous, rules)
    out += _activities(previous, rules)
    out += _money(previous, rules)
    out += _prerequisites(previous, rules)
    out += _statuses(previous, rules)
    return out


def _levers(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["levers"]
    out = []
    before = {e.id: e for e in lever_editions(previous)}
    said: set[tuple[str, float, float]] = set()  # a rate change a later edition inherits
    for edition in lever_editions(rules):
        old = before.get(edition.id)
        if old is None:
            levers = []
            for lever in edition.levers:
                if lever.change == "added":
                    levers.append(f"new lever {lever.name} at {percent(lever.rate_percent)}")
                elif lever.before is not None:
                    levers.append(
                        f"{lever.name} {percent(lever.before)} → {percent(lever.rate_percent)}"
                    )
            levers += [f"{lever.name} removed" for lever in edition.removed]
            out.append(
                Change(
                    "Levers and rates",
                    f"New edition of the rates: {edition.name}, for {edition.periods_text} "
                    f"({edition.confidence_text}). "
                    + (f"Changes: {'; '.join(levers)}." if levers else ""),
                    page,
                    "editions",
                    edition.sources,
                )
            )
            continue
        # Its own first period moved (not its name, nor its end, which the edition after it
        # sets and that edition's own line says): other rates now apply to some co-op.
        if old.earning_from != edition.earning_from:
            out.append(
                Change(
                    "Levers and rates",
                    f"The rates {edition.name} now apply to {edition.periods_text}.",
                    page,
                    "editions",
                    edition.sources,
                )
            )
        held = {lv.id: lv for lv in old.levers}
        for lever in edition.levers:
            was = held.pop(lever.id, None)
            if was is None:
                text = f"{lever.name}: a new lever at {percent(lever.rate_percent)}"
            elif (lever.id, was.rate_percent, lever.rate_percent) in said:
                continue  # said once, for the edition it is inherited from
            elif was.rate_percent != lever.rate_percent:
                said.add((lever.id, was.rate_percent, lever.rate_percent))
                text = f"{lever.name}: {percent(was.rate_percent)} → {percent(lever.rate_percent)}"
            else:
                continue  # the same rate, perhaps reworded: nothing to act on
            out.append(
                Change(
                    "Levers and rates",
                    f"{text} ({edition.name}).",
                    page,
                    f"lever-{lever.id}",
                    lever.sources,
                )
            )
        for lever in held.values():
            out.append(
                Change(
                    "Levers and rates",
                    f"{lever.name}: no longer a lever ({edition.name}).",
                    sources=edition.sources,
                )
            )
    return out


def _periods(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["periods"]
    out = []
    before = {p.id: p for p in previous.periods}
    for period in rules.periods:
        old = before.pop(period.id, None)
        label = f"Usage period {period.usage.half}"
        if old is None:
            out.append(
                Change(
                    "Periods and deadlines",
                    f"{label} added: claim by {long_date(period.claim_deadline)}, resolve by "
                    f"{long_date(period.resolution_deadline)}.",
                    page,
                    sources=tuple(period.sources),
                )
            )
            continue
        for field, words in (
            ("claim_deadline", "claim deadline"),
            ("resolution_deadline", "resolution deadline"),
        ):
            was, now = getattr(old, field), getattr(period, field)
            if was != now:
                out.append(
                    Change(
                        "Periods and deadlines",
                        f"{label}: the {words} moved from {long_date(was)} to {long_date(now)}.",
                        page,
                        sources=tuple(period.sources),
                    )
                )
        confirmed = [f for f in old.derived if f not in period.derived]
        if confirmed:
            out.append(
                Change(
                    "Periods and deadlines",
                    f"{label}: its dates are now confirmed by a published source.",
                    page,
                    sources=tuple(period.sources),
                )
            )
    for old in before.values():
        out.append(
            Change(
                "Periods and deadlines",
                f"Usage period {old.usage.half} removed.",
                sources=tuple(old.sources),
            )
        )
    return out


def _categories(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["activities"]
    before = {c.id: c for c in previous.categories}
    out = []
    for category in rules.categories:
        old = before.get(category.id)
        if old is None:
            out.append(
                Change(
                    "Activities",
                    f"New category: {category.name}.",
                    page,
                    category.id,
                    tuple(category.sources),
                )
            )
        elif old.name != category.name:
            out.append(
                Change(
                    "Activities",
                    f"The category {old.name} is now called {category.name}; you can still "
                    f"search for {old.name}.",
                    page,
                    category.id,
                    tuple(category.sources),
                )
            )
    return out


def _activities(previous: Rules, rules: Rules) -> list[Change]:
    before = {a.id: a for a in previous.activities}
    names = {c.id: c.name for c in (*previous.categories, *rules.categories)}
    out = []
    for activity in rules.activities:
        page = activity_path(activity.id)
        # A renamed id (moved_from) is the same activity to a partner: its ticks and claims follow.
        old = before.pop(activity.id, None) or next(
            (before.pop(o) for o in activity.moved_from if o in before), None
        )
        if old is None:
            out.append(
                Change(
                    "Activities",
                    f"New activity: {activity.name} ({names[activity.category]}), with "
                    f"{len(activity.poe)} proof items.",
                    page,
                    sources=tuple(activity.sources),
                )
            )
            continue
        said = []
        if old.name != activity.name:
            said.append(f"now called {activity.name}")
        if old.category != activity.category:
            said.append(f"moved from {names[old.category]} to {names[activity.category]}")
        shown = {p.category for p in old.placements}
        for placement in activity.placements:
            if placement.category not in shown:
                said.append(f"also placed under {names[placement.category]} {placement.since}")
        poe = {p.id: p for p in old.poe}
        for item in activity.poe:
            was = poe.pop(item.id, None) or next(
                (poe.pop(o) for o in item.moved_from if o in poe), None
            )
            if was is None:
                said.append(f"new proof item: “{item.text}”")
            elif was.text != item.text:
                said.append(f"proof item reworded: “{item.text}”")
        said += [f"proof item dropped: “{item.text}”" for item in poe.values()]
        expenses = {x.id: x for x in old.expenses}
        for expense in activity.expenses:
            if expenses.pop(expense.id, None) is None:
                said.append(f"new eligible expense: {expense.name}")
        said += [f"no longer an eligible expense: {x.name}" for x in expenses.values()]
        caps = {c.id: c for c in old.caps}
        for cap in activity.caps:
            was_cap = caps.pop(cap.id, None)
            if was_cap is None or was_cap.text != cap.text:
                said.append(f"spending cap: {cap.text}")
        said += [f"spending cap removed: {c.text}" for c in caps.values()]
        if said:
            out.append(
                Change(
                    "Activities",
                    f"{old.name}: {'; '.join(said)}.",
                    page,
                    sources=tuple(activity.sources),
                )
            )
    for old in before.values():
        out.append(
            Change(
                "Activities",
                f"{old.name} is no longer an eligible activity.",
                sources=tuple(old.sources),
            )
        )
    return out


def _money(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["payments"]
    cash = rules.currency
    out = []
    was, now = previous.money, rules.money
    if was.coop_threshold.amount != now.coop_threshold.amount:
        out.append(
            Change(
                "Thresholds and payments",
                f"The co-op threshold changed from {money(was.coop_threshold.amount, cash)} to "
                f"{money(now.coop_threshold.amount, cash)} {now.coop_threshold.per}.",
                page,
                sources=tuple(now.coop_threshold.sources),
            )
        )
    if was.poe_retention.months != now.poe_retention.months:
        out.append(
            Change(
                "Thresholds and payments",
                f"Keep your proof for {now.poe_retention.months} months (was "
                f"{was.poe_retention.months}).",
                page,
                sources=tuple(now.poe_retention.sources),
            )
        )
    if was.minimum_payment.amount != now.minimum_payment.amount:
        out.append(
            Change(
                "Thresholds and payments",
                f"The smallest payment is now {money(now.minimum_payment.amount, cash)} (was "
                f"{money(was.minimum_payment.amount, cash)}).",
                page,
                sources=tuple(now.minimum_payment.sources),
            )
        )
    return out


def _prerequisites(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["home"]
    before = {p.id: p for p in previous.program.prerequisites}
    out = []
    for item in rules.program.prerequisites:
        old = before.get(item.id)
        if old is None or old.text != item.text:
            word = "New condition" if old is None else "Changed condition"
            out.append(
                Change(
                    "Who can earn co-op",
                    f"{word}: {item.text}",
                    page,
                    "prerequisites",
                    tuple(item.sources),
                )
            )
    return out


def _statuses(previous: Rules, rules: Rules) -> list[Change]:
    page = paths()["claim_statuses"]
    before = {s.id: s for s in previous.claim_process.statuses}
    out = []
    for status in rules.claim_process.statuses:
        old = before.pop(status.id, None)
        if old is None:
            out.append(
                Change(
                    "Claims",
                    f"New claim status: {status.name}.",
                    page,
                    sources=tuple(status.sources),
                )
            )
    for old in before.values():
        out.append(
            Change(
                "Claims", f"The claim status {old.name} is gone.", page, sources=tuple(old.sources)
            )
        )
    return out


def changes_text(previous: Rules, rules: Rules) -> str:
    """The changes as plain text (the CLI prints it)."""
    changes = rule_changes(previous, rules)
    head = (
        f"Rules version {rules.rules_version} (reviewed {long_date(rules.updated)}) against "
        f"{previous.rules_version} (reviewed {long_date(previous.updated)}): "
    )
    if not changes:
        return head + "no differences a partner would notice."
    lines = [head + f"{len(changes)} change{'s' if len(changes) != 1 else ''}."]
    area = ""
    for change in changes:
        if change.area != area:
            area = change.area
            lines.append(f"{area}:")
        lines.append(f"  - {change.text}")
    return "\n".join(lines)


def changes_feed(
    rules: Rules, previous: Rules | None, site_url: str = "", title: str = ""
) -> bytes:
    """An Atom feed with one entry for this rules version: what changed since ``previous``
    (or that no earlier version is named). Same bytes for the same rules."""
    changes = rule_changes(previous, rules) if previous else []
    stamp = datetime.combine(rules.updated, time(0, 0), tzinfo=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    name = title or rules.title
    base = site_url.rstrip("/") + "/" if site_url else ""
    page = base + paths()["changes"].removesuffix(".md") + "/" if base else ""
    if previous is None:
        summary = "This portal names no earlier version of the rules to compare with."
    elif not changes:
        summary = f"No differences from rules version {previous.rules_version}."
    else:
        summary = f"{len(changes)} changes since rules version {previous.rules_version}."
    items = "".join(f"<li>{escape(c.area)}: {escape(c.text)}</li>" for c in changes)
    link = f'<link rel="alternate" href="{escape(page)}"/>' if page else ""
    feed = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(name)}: what changed</title>"
        "<id>urn:coop-portal:changes</id>"
        f"<updated>{stamp}</updated>{link}"
        "<entry>"
        f"<title>Rules version {escape(rules.rules_version)}</title>"
        f"<id>urn:coop-portal:rules:{escape(rules.rules_version)}</id>"
        f"<updated>{stamp}</updated>{link}"
        f"<summary>{escape(summary)}</summary>"
        f'<content type="html">{escape(f"<p>{escape(summary)}</p><ul>{items}</ul>")}</content>'
        "<author><name>coop-portal</name></author>"
        "</entry></feed>\n"
    )
    return feed.encode("utf-8")


def changes_events(
    rules: Rules, previous: Rules | None, site: Site | None = None
) -> tuple[Event, ...]:
    """The calendar entry for this rules update, so partners subscribed to the deadlines
    calendar hear of it: an all-day event on the day the rules were reviewed, "Co-op rules
    updated: N changes", listing them and pointing to the What changed page. None (an empty
    tuple) when no earlier version is named or nothing a partner acts on changed."""
    changes = rule_changes(previous, rules) if previous else []
    if previous is None or not changes:
        return ()
    count = len(changes)
    event = Event()
    event.add("uid", f"rules-{rules.rules_version}@{UID_DOMAIN}")
    event.add("dtstamp", datetime.combine(rules.updated, time(0, 0), tzinfo=UTC))
    event.add("dtstart", rules.updated)
    event.add("dtend", rules.updated + timedelta(days=1))
    event.add("summary", f"Co-op rules updated: {count} change{'s' if count != 1 else ''}")
    site = site or Site()
    link = site.link(paths()["changes"])
    text = [
        f"Rules version {rules.rules_version} replaces {previous.rules_version}. "
        "Check what changed before you plan or claim:",
        *(f"- {c.area}: {c.text}" for c in changes),
    ]
    if site.url:
        text.append(f"Details: {link}")
        event.add("url", link)
    else:
        text.append(f"Details: the What changed page of your co-op portal ({link}).")
    event.add("description", "\n".join(text))
    event.add("transp", "TRANSPARENT")
    return (event,)


__all__ = [
    "FEED",
    "Change",
    "PreviousRulesError",
    "changes_events",
    "changes_feed",
    "changes_text",
    "load_previous",
    "rule_changes",
]
