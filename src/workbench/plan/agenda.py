"""Today's agenda (今日): everything the workbench knows, turned into the day's work.

``build_agenda(db, today, config)`` is pure reading: it returns frozen dataclasses, one
per section, each item carrying what its action needs (outlet id, task id, ...). The
screen and ``workbench today`` only render it.

Rules, each with a unit test:
- the three must-dos (三件必做) from today's check-ins and logged contacts;
- visits due: last completed visit + the tier's cadence is today or earlier, most
  overdue first; an outlet never visited is due today;
- staff birthdays from today to ``plan.birthday_days`` ahead (29 February is kept on
  28 February in other years; the window runs over a year end);
- outlets whose staff nobody contacted for ``plan.staff_contact_days`` (or ever);
- own tasks due today or late (with days late), those done today, and the coming week's;
- the activity-rule self-audit (驻点核对) of today's check-ins;
- the morning mood score (asked for while today has none) and the five ones (五个一)
  ticked today;
- the custody register's work for today (see ``plan_documents``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config, PlanConfig
from workbench.plan import contacts, tasks
from workbench.roster import outlets
from workbench.roster import visits as roster_visits

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.plan.documents import DocItem
    from workbench.plan.fieldwork import FieldworkAgenda

MUST_DOS = ("stationed", "staff", "customers")
UPCOMING_DAYS = 7


@dataclass(frozen=True)
class MustDo:
    key: str  # stationed | staff | customers
    count: int  # check-ins, staff contacts or customer conversations today
    hours: float  # stationed only: completed hours at outlets today
    done: bool


@dataclass(frozen=True)
class VisitDue:
    outlet_id: int
    code: str
    name: str
    tier: str
    last_visit: date | None
    due: date
    days_overdue: int


@dataclass(frozen=True)
class Birthday:
    staff_id: int
    outlet_id: int
    name: str
    outlet_name: str
    on: date  # the coming birthday
    days_until: int


@dataclass(frozen=True)
class Neglected:
    outlet_id: int
    code: str
    name: str
    last_contact: date | None
    days: int | None  # since the last staff contact; None when never


@dataclass(frozen=True)
class CheckinAudit:
    visit_id: int
    outlet_id: int
    outlet_name: str
    start: datetime
    end: datetime | None
    has_note: bool
    counts: bool
    reasons: tuple[str, ...]  # catalogue keys (plan.rule.*) saying why it does not count
    clipped_from: datetime | None = None  # typed before the working day, counted from it
    clears_due: bool = True  # False: too short to clear "visit due"


@dataclass(frozen=True)
class Habit:
    name: str  # habit id from [assessment] habits (the five ones by default)
    done: bool


@dataclass(frozen=True)
class Agenda:
    today: date
    must_dos: tuple[MustDo, ...]
    visits_due: tuple[VisitDue, ...]
    tasks: tuple[tasks.Task, ...]
    upcoming: tuple[tasks.Task, ...]  # open tasks due in the next week
    birthdays: tuple[Birthday, ...]
    neglected: tuple[Neglected, ...]
    audit: tuple[CheckinAudit, ...]
    contacts: tuple[contacts.Contact, ...]
    open_visit: roster_visits.Visit | None
    open_visit_outlet: str | None
    rules: PlanConfig  # the activity rules the audit applied (messages quote them)
    mood: int | None  # this morning's mood score; None: not rated yet (the plan asks)
    habits: tuple[Habit, ...]
    documents: tuple[DocItem, ...]
    outlet_count: int = -1  # outlets in the file (0: nothing to plan yet; -1: not counted)
    fieldwork: FieldworkAgenda | None = None  # trainings, displays, today's route
    customers: tuple = ()  # customer follow-ups due (plan.customers), most urgent first
    awaiting_consent: tuple = ()  # customers with something due but no consent to call


# --- rules -------------------------------------------------------------------------


def birthday_in(year: int, born: date) -> date:
    """The birthday in ``year``; 29 February is celebrated on 28 February in other years."""
    if born.month == 2 and born.day == 29 and not calendar.isleap(year):
        return date(year, 2, 28)
    return born.replace(year=year)


def next_birthday(born: date, today: date) -> date:
    """The first birthday on or after ``today``."""
    this_year = birthday_in(today.year, born)
    return this_year if this_year >= today else birthday_in(today.year + 1, born)


def birthdays(db: Database, today: date, days: int) -> list[Birthday]:
    sql = """
        SELECT s.id, s.outlet_id, s.name, o.name, s.birthday FROM staff s
        JOIN outlets o ON o.id = s.outlet_id
        WHERE s.active = 1 AND o.active = 1 AND s.birthday IS NOT NULL"""
    params: list[str] = []
    if days < 360:
        # Only the month-days in the window (29 Feb too when 28 Feb is in it).
        window = {(today + timedelta(days=n)).strftime("%m-%d") for n in range(days + 1)}
        if "02-28" in window:
            window.add("02-29")
        params = sorted(window)
        sql += f" AND substr(s.birthday, 6, 5) IN ({','.join('?' * len(params))})"
    rows = db.execute(sql, params).fetchall()
    out = []
    for r in rows:
        on = next_birthday(date.fromisoformat(r[4]), today)
        until = (on - today).days
        if until <= days:
            out.append(Birthday(staff_id=r[0], outlet_id=r[1], name=r[2], outlet_name=r[3],
                                on=on, days_until=until))
    out.sort(key=lambda b: (b.days_until, b.outlet_name, b.name))
    return out


def visits_due(db: Database, today: date, cadence: dict[str, int]) -> list[VisitDue]:
    rows = outlets.roster(db, today, cadence, sort="due")
    return [VisitDue(outlet_id=r.id, code=r.code, name=r.name, tier=r.tier,
                     last_visit=r.last_visit, due=r.next_due, days_overdue=-r.days_left)
            for r in rows if r.days_left <= 0]


def neglected(db: Database, today: date, days: int) -> list[Neglected]:
    """Active outlets with active staff whose last staff contact is ``days`` or more ago."""
    last = contacts.last_staff_contact(db, today)
    rows = db.execute("""
        SELECT o.id, o.code, o.name FROM outlets o
        WHERE o.active = 1
          AND EXISTS (SELECT 1 FROM staff s WHERE s.outlet_id = o.id AND s.active = 1)
        ORDER BY o.code""").fetchall()
    out = []
    for oid, code, name in rows:
        seen = last.get(oid)
        gap = (today - seen).days if seen else None
        if gap is None or gap >= days:
            out.append(Neglected(outlet_id=oid, code=code, name=name, last_contact=seen,
                                 days=gap))
    out.sort(key=lambda n: (n.days is not None, -(n.days or 0), n.code))
    return out


def _clock(value: str) -> time:
    return time.fromisoformat(value)


def audit_checkins(visits: list[roster_visits.Visit], names: dict[int, str],
                   config: Config) -> list[CheckinAudit]:
    """Which of the day's check-ins count under the activity rules, and why not.

    Rules (all in ``[plan]``): inside working hours, at least ``min_visit_minutes`` long,
    a log note, and at most ``max_outlets_per_half_day`` distinct outlets per half day
    (a check-in belongs to the half it starts in; only otherwise valid ones use a place,
    and a second visit to an outlet already counted in that half uses none).
    """
    rules = config.plan
    start_of_day, end_of_day = _clock(rules.work_start), _clock(rules.work_end)
    midday = _clock(rules.midday)
    minimum = timedelta(minutes=rules.min_visit_minutes)
    counted: dict[bool, set[int]] = {True: set(), False: set()}
    out = []
    for visit in sorted(visits, key=lambda x: (x.started_at, x.id)):
        reasons: list[str] = []
        if visit.ended_at is None:
            reasons.append("plan.rule.open")
        else:
            inside = (visit.started_at.time() >= start_of_day
                      and visit.ended_at.date() == visit.started_at.date()
                      and visit.ended_at.time() <= end_of_day)
            if not inside:
                reasons.append("plan.rule.hours")
            if visit.ended_at - visit.started_at < minimum:
                reasons.append("plan.rule.short")
        if not (visit.notes or "").strip():
            reasons.append("plan.rule.no_note")
        morning = visit.started_at.time() < midday
        if not reasons:
            places = counted[morning]
            if visit.outlet_id not in places and len(places) >= rules.max_outlets_per_half_day:
                reasons.append("plan.rule.morning_full" if morning else "plan.rule.afternoon_full")
            else:
                places.add(visit.outlet_id)
        out.append(CheckinAudit(
            visit_id=visit.id, outlet_id=visit.outlet_id,
            outlet_name=names.get(visit.outlet_id, str(visit.outlet_id)),
            start=visit.started_at, end=visit.ended_at,
            has_note=bool((visit.notes or "").strip()), counts=not reasons,
            reasons=tuple(reasons), clipped_from=visit.clipped_from,
            clears_due=visit.clears_due))
    return out


def must_dos(audit: list[CheckinAudit], logged: list[contacts.Contact]) -> tuple[MustDo, ...]:
    hours = sum((a.end - a.start).total_seconds() / 3600 for a in audit if a.end is not None)
    staff = sum(1 for c in logged if c.kind == "staff")
    customers = sum(1 for c in logged if c.kind == "customer")
    return (
        MustDo("stationed", len(audit), round(hours, 1), any(a.counts for a in audit)),
        MustDo("staff", staff, 0.0, staff > 0),
        MustDo("customers", customers, 0.0, customers > 0),
    )


def build_agenda(db: Database, today: date, config: Config,
                 doc_limit: int | None = None) -> Agenda:
    """The whole plan for ``today``; ``doc_limit`` as ``plan.documents.documents``."""
    visits = roster_visits.visits_on(db, today)
    current = roster_visits.open_visit(db)
    names = outlets.outlet_names(db, {x.outlet_id for x in visits}
                          | ({current.outlet_id} if current else set()))
    audit = audit_checkins(visits, names, config)
    # The register and self-assessment are read only here (and imported here, off the
    # app's start-up path).
    from workbench.assessment import journal
    from workbench.plan.documents import documents

    logged = contacts.contacts_on(db, today)
    mood = journal.mood_on(db, today)
    ticked = journal.ticks_on(db, today)
    return Agenda(
        today=today,
        must_dos=must_dos(audit, logged),
        visits_due=tuple(visits_due(db, today, config.visits.cadence_days)),
        tasks=tuple(tasks.tasks_for_day(db, today)),
        upcoming=tuple(tasks.upcoming(db, today, UPCOMING_DAYS)),
        birthdays=tuple(birthdays(db, today, config.plan.birthday_days)),
        neglected=tuple(neglected(db, today, config.plan.staff_contact_days)),
        audit=tuple(audit),
        contacts=tuple(logged),
        open_visit=current,
        open_visit_outlet=names.get(current.outlet_id) if current else None,
        rules=config.plan,
        mood=mood.score if mood is not None else None,
        habits=tuple(Habit(name, name in ticked) for name in journal.habit_names(config)),
        documents=tuple(documents(db, today, config, doc_limit)),
        outlet_count=outlets.count_outlets(db),
        fieldwork=_fieldwork(db, today, config),
        **_customer_followups(db, today, config),
    )


def _customer_followups(db: Database, today: date, config: Config) -> dict[str, tuple]:
    from workbench.plan.customers import due_followups

    calls, asks = due_followups(db, today, config)
    return {"customers": calls, "awaiting_consent": asks}


def _fieldwork(db: Database, today: date, config: Config) -> FieldworkAgenda:
    from workbench.plan.fieldwork import fieldwork_agenda

    return fieldwork_agenda(db, today, config)
