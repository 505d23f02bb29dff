"""Trainings, morning meetings (早会) and events at an outlet: the record, its attendees
from the outlet's staff, and what the plan, the card and the week read from them.

Owns every write to ``trainings`` and ``training_attendees``. A record is kept as it was
held: its date is never after today, its follow-up never before it, and every attendee
is active staff of that outlet. Staff count as trained by the kinds in
``TRAINING_KINDS`` (an 产说会 or a community consultation is for customers).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.roster.outlets import chosen_outlet

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = ("morning_meeting", "training", "product_seminar", "community", "publicity")
TRAINING_KINDS = ("morning_meeting", "training", "publicity")
# A session longer than a working day is a typing slip.
MAX_MINUTES = 12 * 60


@dataclass(frozen=True)
class TrainingDraft:
    """A record as typed in the form (strings), attendees as staff ids."""

    kind: str = "morning_meeting"
    topic: str = ""
    held_on: str = ""
    minutes: str = ""
    attendees: tuple[int, ...] = ()
    materials: str = ""
    follow_up: str = ""
    notes: str = ""


@dataclass(frozen=True)
class Training:
    id: int
    outlet_id: int
    held_on: date
    kind: str
    topic: str
    minutes: int
    materials: str | None
    follow_up: date | None
    notes: str | None
    attendees: tuple[str, ...] = field(default=())  # names, as the card lists them


def parse_attendees(value: str | Iterable[object]) -> tuple[int, ...]:
    """Staff ids from a form's multi-select (comma-separated) or a list; a value that is
    not an id is a field error."""
    items = value.split(",") if isinstance(value, str) else list(value)
    out: list[int] = []
    for item in items:
        text = str(item).strip()
        if text:
            staff_id = v.record_id("attendees", text)
            if staff_id not in out:
                out.append(staff_id)
    return tuple(out)


def clean_training(db: Database, outlet_id: int, draft: TrainingDraft,
                   today: date) -> dict[str, object]:
    """The row ``draft`` becomes, or the first field error (nothing written)."""
    outlet = chosen_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    kind = v.choice("training_kind", draft.kind, KINDS)
    topic = v.name("topic", draft.topic)
    held_on = v.iso_date("held_on", draft.held_on, required=True)
    if held_on > today:
        raise ValidationError("held_on", "error.training_in_future", day=held_on.isoformat())
    minutes = v.integer("minutes", draft.minutes, required=True, minimum=1,
                        maximum=MAX_MINUTES)
    follow_up = v.iso_date("follow_up", draft.follow_up)
    if follow_up is not None and follow_up < held_on:
        raise ValidationError("follow_up", "error.follow_up_before",
                              day=held_on.isoformat())
    attendees = parse_attendees(draft.attendees)
    if attendees:
        marks = ",".join("?" * len(attendees))
        found = {r[0] for r in db.execute(
            f"SELECT id FROM staff WHERE id IN ({marks}) AND outlet_id = ? AND active = 1",
            [*attendees, outlet.id])}
        if found != set(attendees):
            raise ValidationError("attendees", "error.attendee_not_at_outlet", name=outlet.name)
    return {"outlet_id": outlet.id, "held_on": held_on.isoformat(), "kind": kind,
            "topic": topic, "minutes": minutes,
            "materials": v.text("materials", draft.materials),
            "follow_up": follow_up.isoformat() if follow_up else None,
            "notes": v.text("notes", draft.notes), "attendees": attendees}


def record_training(db: Database, outlet_id: int, draft: TrainingDraft, today: date,
                    now: datetime) -> int:
    """Store a training, 早会 or event and its attendees in one transaction."""
    row = clean_training(db, outlet_id, draft, today)
    attendees = row.pop("attendees")
    with db.atomic():
        training_id = db.table("trainings").insert({**row, "created_at": stamp(now)}).last_pk
        db.table("training_attendees").insert_all(
            [{"training_id": training_id, "staff_id": s} for s in attendees])  # type: ignore[union-attr]
    return int(training_id)


def trainings_for(db: Database, outlet_id: int, limit: int = 50) -> list[Training]:
    """The outlet's records, newest first, each with its attendees' names."""
    rows = db.execute(
        "SELECT t.id, t.outlet_id, t.held_on, t.kind, t.topic, t.minutes, t.materials, "
        "t.follow_up, t.notes, (SELECT group_concat(s.name, '、') FROM training_attendees a "
        "JOIN staff s ON s.id = a.staff_id WHERE a.training_id = t.id) "
        "FROM trainings t WHERE t.outlet_id = ? ORDER BY t.held_on DESC, t.id DESC LIMIT ?",
        [outlet_id, limit]).fetchall()
    return [Training(id=r[0], outlet_id=r[1], held_on=date.fromisoformat(r[2]), kind=r[3],
                     topic=r[4], minutes=r[5], materials=r[6],
                     follow_up=date.fromisoformat(r[7]) if r[7] else None, notes=r[8],
                     attendees=tuple(r[9].split("、")) if r[9] else ())
            for r in rows]


def _kinds_sql() -> str:
    return ",".join(f"'{k}'" for k in TRAINING_KINDS)


def last_trained(db: Database, outlet_id: int, today: date) -> date | None:
    """The day the outlet's staff were last trained (早会, 培训, 宣导), up to ``today``."""
    r = db.execute(f"SELECT max(held_on) FROM trainings WHERE outlet_id = ? AND held_on <= ? "
                   f"AND kind IN ({_kinds_sql()})", [outlet_id, today.isoformat()]).fetchone()
    return date.fromisoformat(r[0]) if r and r[0] else None


@dataclass(frozen=True)
class Untrained:
    """An outlet with active staff not trained for the configured days (or never)."""

    outlet_id: int
    code: str
    name: str
    staff: int  # how many of its active staff
    days: int | None  # since the longest-untrained one's last training; None: one never was


def untrained(db: Database, today: date, days: int) -> list[Untrained]:
    """Per active outlet, its active staff whose last training is ``days`` or more days
    before ``today`` (or who were never trained); the longest gap first."""
    # Each staff member's last training in one grouped pass over the attendance, then
    # joined to the active staff (a lookup per staff member cost half again as much).
    rows = db.execute(f"""
        SELECT o.id, o.code, o.name, s.id, last.held
        FROM staff s JOIN outlets o ON o.id = s.outlet_id
        LEFT JOIN (SELECT a.staff_id, max(t.held_on) AS held FROM training_attendees a
                   JOIN trainings t ON t.id = a.training_id
                   WHERE t.held_on <= ? AND t.kind IN ({_kinds_sql()})
                   GROUP BY a.staff_id) last ON last.staff_id = s.id
        WHERE s.active = 1 AND o.active = 1""", [today.isoformat()]).fetchall()
    found: dict[int, tuple[str, str, int, int | None]] = {}
    for oid, code, name, _, last in rows:
        gap = (today - date.fromisoformat(last)).days if last else None
        if gap is not None and gap < days:
            continue
        _, _, count, worst = found.get(oid, (code, name, 0, 0))
        worst = None if gap is None or worst is None else max(worst, gap)
        found[oid] = (code, name, count + 1, worst)
    out = [Untrained(oid, code, name, count, worst)
           for oid, (code, name, count, worst) in found.items()]
    out.sort(key=lambda u: (u.days is not None, -(u.days or 0), u.code))
    return out


def follow_ups_due(db: Database, today: date) -> list[tuple[int, int, str, str, date]]:
    """Records whose follow-up falls today or earlier and that no later record at the
    outlet has followed: (training id, outlet id, outlet name, topic, follow-up day)."""
    rows = db.execute("""
        SELECT t.id, t.outlet_id, o.name, t.topic, t.follow_up FROM trainings t
        JOIN outlets o ON o.id = t.outlet_id
        WHERE t.follow_up IS NOT NULL AND t.follow_up <= ? AND o.active = 1
          AND NOT EXISTS (SELECT 1 FROM trainings u WHERE u.outlet_id = t.outlet_id
                          AND u.held_on >= t.follow_up AND u.id != t.id)
        ORDER BY t.follow_up, t.id""", [today.isoformat()]).fetchall()
    return [(r[0], r[1], r[2], r[3], date.fromisoformat(r[4])) for r in rows]


@dataclass(frozen=True)
class TrainingWeek:
    """A date range's trainings, 早会 and events (the week's figures)."""

    sessions: int
    morning_meetings: int
    trainings: int
    events: int  # 产说会, community consultations, 宣导
    attendances: int
    staff_trained: int  # distinct staff at a training kind
    minutes: int


def trainings_by_outlet(db: Database, start: date, end: date) -> dict[int, int]:
    """Outlet id -> trainings, morning meetings and events held there from ``start`` to
    ``end`` inclusive (the reports' per-outlet table)."""
    return dict(db.execute(
        "SELECT outlet_id, count(*) FROM trainings WHERE held_on >= ? AND held_on <= ? "
        "GROUP BY outlet_id", [start.isoformat(), end.isoformat()]).fetchall())


def week_figures(db: Database, start: date, end: date) -> TrainingWeek:
    """The records held from ``start`` to ``end`` (inclusive)."""
    lo, hi = start.isoformat(), end.isoformat()
    rows = db.execute("SELECT id, kind, minutes FROM trainings WHERE held_on >= ? "
                      "AND held_on <= ?", [lo, hi]).fetchall()
    kinds = [r[1] for r in rows]
    attendance = db.execute(
        "SELECT a.staff_id, t.kind FROM training_attendees a JOIN trainings t "
        "ON t.id = a.training_id WHERE t.held_on >= ? AND t.held_on <= ?", [lo, hi]).fetchall()
    return TrainingWeek(
        sessions=len(rows), morning_meetings=kinds.count("morning_meeting"),
        trainings=kinds.count("training"),
        events=sum(1 for k in kinds if k not in ("morning_meeting", "training")),
        attendances=len(attendance),
        staff_trained=len({s for s, k in attendance if k in TRAINING_KINDS}),
        minutes=sum(r[2] for r in rows))
