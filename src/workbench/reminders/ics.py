"""The coming days as an iCalendar file (日历, .ics), for the calendar on the phone.

What goes in, each from the home of its rule: the next visit due at each outlet (the
roster's cadence), open tasks with their repeat as an RRULE (``plan.tasks.recurrence``),
receipt and callback deadlines and cooling-off ends (``register.receipts`` on
``register.deadlines``), and stock run-out forecasts (``register.stock``). Each is an
all-day event (VEVENT, not VTODO: most calendar apps ignore those) with an alarm at
``[calendar] alarm`` on its day; what is overdue stands on today, saying since when.

Every event's UID names the thing it is about (and the database), never the export:
the outlet's next visit, a task's series, a policy's receipt, callback or cooling-off,
an outlet's stock of one kind. Importing a newer file therefore moves and updates events
instead of adding them twice. Customers are masked (``core.privacy``). Written with
``icalendar`` (the optional extra ``calendar``), with the VTIMEZONE of
``[calendar] timezone``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.core.db import holds_database
from workbench.core.errors import WorkbenchError
from workbench.core.i18n import t
from workbench.plan import tasks
from workbench.register import receipts, stock, witness
from workbench.reminders.digest import label
from workbench.review.reports import default_path, write_file
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

PRODID = "-//Workbench//workbench calendar//EN"
UID_DOMAIN = "workbench"  # after the database's own id: two files' events never mix
DEFAULT_DAYS = 30


@dataclass(frozen=True)
class Entry:
    uid: str  # "visit-3", then "visit-3@<file id>.workbench" (``entries``)
    day: date
    summary: str
    description: str
    rrule: str | None = None  # RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO


def uid(kind: str, *parts: object) -> str:
    """The thing an event is about, within one database: ``visit-3``, ``task-12``."""
    return "-".join([kind, *(str(p) for p in parts)])


def uid_domain(db: Database) -> str:
    """The UIDs' right-hand side: the database's id (``ledger_file``, kept by copies and
    restores), so the demo's events never update a real file's in the same calendar."""
    fid = witness.file_id(db)
    return f"{fid[:16]}.{UID_DOMAIN}" if fid else UID_DOMAIN


def _on(due: date, today: date, lines: list[str]) -> date:
    """The event's day: its own, or today for what is overdue (saying since when)."""
    if due < today:
        lines.insert(0, t("calendar.overdue", days=(today - due).days, date=due.isoformat()))
        return today
    return due


def rrule_text(rule: str | None, start: date) -> str | None:
    """The RRULE value of a task's stored repeat (from its dateutil rule)."""
    found = tasks.recurrence(rule, start)
    if found is None:
        return None
    for line in str(found).splitlines():
        if line.startswith("RRULE:"):
            return line[len("RRULE:"):]
    return None


def visit_entries(db: Database, today: date, last: date, config: Config) -> list[Entry]:
    out = []
    for r in outlets.roster(db, today, config.visits.cadence_days, sort="due"):
        if r.next_due > last:
            continue
        lines = [t("calendar.tier", tier=r.tier, last=r.last_visit.isoformat())
                 if r.last_visit else t("calendar.tier_never", tier=r.tier)]
        day = _on(r.next_due, today, lines)
        out.append(Entry(uid("visit", r.id), day,
                         t("calendar.event.visit", code=r.code, name=r.name), "\n".join(lines)))
    return out


def task_entries(db: Database, today: date, last: date) -> list[Entry]:
    found = tasks.open_tasks_until(db, last, today)
    roots = tasks.series_roots(db, [x.id for x in found])
    out = []
    for task in found:
        lines = [t("calendar.outlet", outlet=task.outlet_name)] if task.outlet_name else []
        day = _on(task.due, today, lines)
        repeat = None
        if tasks.recurrence(task.rule, day) is not None:
            # The series starts on a day its rule allows (a late or snoozed task may stand
            # on another); RFC 5545 leaves a DTSTART off the rule undefined.
            day = tasks.first_due(task.rule, day) or day
            repeat = rrule_text(task.rule, day)
        out.append(Entry(uid("task", roots.get(task.id, task.id)), day,
                         t("calendar.event.task", title=task.title), "\n".join(lines),
                         repeat))
    return out


def policy_entries(db: Database, today: date, last: date, config: Config) -> list[Entry]:
    out = []
    cooling: dict[int, receipts.PolicyDue] = {}
    for kind, source in (("receipt", receipts.receipts_due),
                         ("callback", receipts.callbacks_due)):
        for p in source(db, today, config):
            cooling.setdefault(p.delivery_id, p)
            if p.due > last:
                continue
            lines = [t("calendar.outlet", outlet=p.outlet_name)]
            day = _on(p.due, today, lines)
            out.append(Entry(uid(kind, p.delivery_id), day,
                             t(f"calendar.event.{kind}", policy=p.policy_no,
                               customer=p.customer_masked), "\n".join(lines)))
    for p in cooling.values():
        if today <= p.cooling_off_end <= last:
            out.append(Entry(uid("cooling", p.delivery_id), p.cooling_off_end,
                             t("calendar.event.cooling_off", policy=p.policy_no,
                               customer=p.customer_masked),
                             t("calendar.outlet", outlet=p.outlet_name)))
    return out


def stock_entries(db: Database, today: date, last: date, config: Config) -> list[Entry]:
    out = []
    for level in stock.stock_levels(db, today, config):
        if level.days_left is None:
            continue
        day = today + timedelta(days=math.floor(level.days_left))
        if day > last:
            continue
        kind = label("kind", level.kind)
        lines = [t("plan.doc.suggest", count=level.suggested)] if level.suggested else []
        out.append(Entry(uid("stock", level.outlet_id, level.kind), day,
                         t("calendar.event.stock", outlet=level.outlet_name, kind=kind),
                         "\n".join(lines)))
    return out


def entries(db: Database, today: date, config: Config, days: int = DEFAULT_DAYS) -> list[Entry]:
    """Every event of ``days`` days from ``today`` (today included), by day."""
    last = today + timedelta(days=days - 1)
    found = (visit_entries(db, today, last, config) + task_entries(db, today, last)
             + policy_entries(db, today, last, config)
             + stock_entries(db, today, last, config))
    domain = uid_domain(db)
    return sorted((replace(e, uid=f"{e.uid}@{domain}") for e in found),
                  key=lambda e: (e.day, e.uid))


def render(found: list[Entry], config: Config, now: datetime) -> bytes:
    """The .ics bytes: VCALENDAR, the zone's VTIMEZONE, one VEVENT with a VALARM each."""
    try:
        from icalendar import Alarm, Calendar, Event, Timezone, vRecur
    except ImportError:
        raise WorkbenchError("calendar.missing_library") from None
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", t("calendar.name"))
    cal.add("x-wr-timezone", config.calendar.timezone)
    cal.add_component(Timezone.from_tzid(config.calendar.timezone))
    ring = time.fromisoformat(config.calendar.alarm)
    stamp = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
    for entry in found:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", entry.summary)
        if entry.description:
            event.add("description", entry.description)
        event.add("transp", "TRANSPARENT")  # a deadline does not make the day busy
        if entry.rrule:
            event.add("rrule", vRecur.from_ical(entry.rrule))
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", entry.summary)
        alarm.add("trigger", timedelta(hours=ring.hour, minutes=ring.minute))
        event.add_component(alarm)
        cal.add_component(event)
    return cal.to_ical()


def default_calendar_path(config: Config, db_path: Path) -> Path:
    """Where the app's key writes the calendar: beside the weekly reports, one file that
    each export replaces (its UIDs make a re-import an update)."""
    return default_path(config.review.reports_folder, db_path, "", "ics").with_name(
        "workbench.ics")


def is_ours(path: Path) -> bool:
    """Whether ``path`` is a calendar this module wrote (and may be replaced)."""
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.startswith(b"BEGIN:VCALENDAR") and f"PRODID:{PRODID}".encode() in head


def write_calendar(path: Path, data: bytes, force: bool = False) -> Path:
    """Write the file whole or not at all; an earlier export is replaced, any other
    existing file only with ``force``."""
    path = path.expanduser()
    if holds_database(path):  # before is_ours opens it: it may be a database held here
        raise WorkbenchError("report.is_database", path=str(path))
    if path.exists() and not force and not is_ours(path):
        raise WorkbenchError("calendar.not_ours", path=str(path))
    return write_file(path, data, force=True)
