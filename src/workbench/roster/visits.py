"""Visits to outlets: check-in / check-out, back-filled visits, and visit figures.

Owns every write to the ``visits`` table. The manager is at one place at a time, so at
most one visit is open; only completed visits count towards an outlet's last visit.

The check-in rules (``VisitRules``, from the config and the clock): no time after the
clock, no two visits overlapping (back to back is fine), a time before the working day
counted from its start (the typed time is kept in ``clipped_from`` and shown), and a
completed visit shorter than ``[visits] min_minutes`` kept but not clearing "visit due"
(``clears_due`` = 0, read by ``outlets.roster`` and the figures here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from workbench.core import validate as v
from workbench.core.clock import parse_stamp, stamp
from workbench.core.errors import ValidationError
from workbench.roster.outlets import get_outlet, next_due

if TYPE_CHECKING:
    from sqlite_utils import Database

VISIT_PURPOSES = ("stationed", "training", "relationship", "promotion", "delivery")


@dataclass(frozen=True)
class VisitRules:
    """What a check-in, check-out or back-filled visit is held to.

    ``now``: the clock (nothing after it); ``work_start``: the start of the working day
    (an earlier time is counted from it); ``min_minutes``: the shortest visit that clears
    "visit due". Built by ``visit_rules`` from the config.
    """

    now: datetime
    work_start: time = time(8)
    min_minutes: int = 15

    def clip(self, at: datetime) -> tuple[datetime, datetime | None]:
        """``at`` counted from the start of its working day, and the typed time when
        that moved it (else ``None``)."""
        start = datetime.combine(at.date(), self.work_start)
        return (start, at) if at < start else (at, None)

    def not_after_clock(self, field: str, at: datetime) -> None:
        if at.replace(second=0, microsecond=0) > self.now:
            raise ValidationError(field, "error.visit_after_clock", time=at.strftime("%H:%M"),
                                  now=self.now.strftime("%H:%M"))

    def clears_due(self, start: datetime, end: datetime) -> bool:
        return end - start >= timedelta(minutes=self.min_minutes)


def visit_rules(config: object, now: datetime) -> VisitRules:
    """The rules from ``[plan] work_start`` and ``[visits] min_minutes`` at ``now``."""
    plan = config.plan  # type: ignore[attr-defined]
    return VisitRules(now=now, work_start=time.fromisoformat(plan.work_start),
                      min_minutes=config.visits.min_minutes)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Visit:
    id: int
    outlet_id: int
    started_at: datetime
    ended_at: datetime | None
    purpose: str
    notes: str | None
    clipped_from: datetime | None = None  # the typed time before the working day
    clears_due: bool = True  # False: shorter than the minimum, "visit due" stays

    @property
    def hours(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds() / 3600


def _visit(r: tuple) -> Visit:
    return Visit(id=r[0], outlet_id=r[1], started_at=datetime.fromisoformat(r[2]),
                 ended_at=parse_stamp(r[3]), purpose=r[4], notes=r[5],
                 clipped_from=parse_stamp(r[6]), clears_due=bool(r[7]))


_VISIT_COLS = "id, outlet_id, started_at, ended_at, purpose, notes, clipped_from, clears_due"


def _overlapping(db: Database, start: datetime, end: datetime | None,
                 other_than: int | None = None) -> Visit | None:
    """A visit sharing time with ``start .. end`` (``None``: still open); touching ends
    do not overlap. A completed visit lasts under a day, so only those started from a
    day before ``start`` are read (an index range, not every visit)."""
    sql = (f"SELECT {_VISIT_COLS} FROM visits WHERE started_at >= ? "
           "AND ended_at > ? AND id IS NOT ?")
    params: list[object] = [stamp(start - timedelta(days=1)), stamp(start), other_than]
    if end is not None:
        sql += " AND started_at < ?"
        params.append(stamp(end))
    r = db.execute(sql + " ORDER BY started_at LIMIT 1", params).fetchone()
    if r is not None:
        return _visit(r)
    current = open_visit(db)
    if current is not None and current.id != other_than and (
            end is None or current.started_at < end):
        return current
    return None


def _refuse_overlap(db: Database, field: str, start: datetime, end: datetime | None,
                    other_than: int | None = None) -> None:
    found = _overlapping(db, start, end, other_than)
    if found is not None:
        until = found.ended_at.strftime("%H:%M") if found.ended_at else "…"
        raise ValidationError(field, "error.visit_overlaps",
                              name=get_outlet(db, found.outlet_id).name,
                              day=found.started_at.date().isoformat(),
                              start=found.started_at.strftime("%H:%M"), end=until)


def open_visit(db: Database) -> Visit | None:
    """The visit the manager is checked in at right now, if any (one place at a time)."""
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE ended_at IS NULL "
                   "ORDER BY started_at DESC LIMIT 1").fetchone()
    return _visit(r) if r else None


def check_in(db: Database, outlet_id: int, at: datetime, purpose: str,
             notes: str = "", rules: VisitRules | None = None) -> int:
    """Open a visit at ``at``; with ``rules`` (the app, the CLI) held to the check-in
    rules (see the module's docstring)."""
    outlet = get_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    note = v.text("notes", notes)
    current = open_visit(db)
    if current is not None:
        raise ValidationError("outlet", "error.already_checked_in",
                              name=get_outlet(db, current.outlet_id).name)
    typed = None
    if rules is not None:
        rules.not_after_clock("started_at", at)
        at, typed = rules.clip(at)
    _refuse_overlap(db, "started_at", at, None)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(at), "ended_at": None,
            "purpose": purpose, "notes": note,
            "clipped_from": stamp(typed) if typed else None,
        }).last_pk


def check_out(db: Database, visit_id: int, at: datetime, notes: str | None = None,
              rules: VisitRules | None = None) -> None:
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE id = ?", [visit_id]).fetchone()
    if r is None:
        raise ValidationError("visit", "error.no_such_visit")
    visit = _visit(r)
    if visit.ended_at is not None:
        raise ValidationError("visit", "error.already_checked_out")
    clears = True
    if rules is not None:
        rules.not_after_clock("ended_at", at)
        if visit.clipped_from is not None and at >= visit.clipped_from:
            # Left before the working day began: nothing of it counts.
            at = max(at, visit.started_at)
    if at.replace(microsecond=0) < visit.started_at:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=(visit.clipped_from or visit.started_at).strftime("%H:%M"))
    _refuse_overlap(db, "ended_at", visit.started_at, at, visit_id)
    if rules is not None:
        clears = rules.clears_due(visit.started_at, at)
    note = v.text("notes", notes) if notes is not None else visit.notes
    with db.atomic():
        db.table("visits").update(visit_id, {"ended_at": stamp(at), "notes": note,
                                             "clears_due": int(clears)})


def record_visit(db: Database, outlet_id: int, start: datetime, end: datetime, purpose: str,
                 notes: str = "", rules: VisitRules | None = None) -> int:
    """A completed visit entered after the fact (back-fill and demo data)."""
    typed = None
    clears = True
    if rules is not None:
        rules.not_after_clock("ended_at", end)
        start, typed = rules.clip(start)
        end = max(end, start) if typed is not None and end >= typed else end
    if end < start:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=start.strftime("%H:%M"))
    get_outlet(db, outlet_id)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    if rules is not None:
        # Without rules: generated histories (the demo, the bench), kept as they were.
        _refuse_overlap(db, "started_at", start, end)
        clears = rules.clears_due(start, end)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(start), "ended_at": stamp(end),
            "purpose": purpose, "notes": v.text("notes", notes),
            "clipped_from": stamp(typed) if typed else None, "clears_due": int(clears),
        }).last_pk


def visits_for(db: Database, outlet_id: int, limit: int = 50) -> list[Visit]:
    return [_visit(r) for r in db.execute(
        f"SELECT {_VISIT_COLS} FROM visits WHERE outlet_id = ? ORDER BY started_at DESC LIMIT ?",
        [outlet_id, limit]).fetchall()]


def visits_on(db: Database, day: date) -> list[Visit]:
    """Visits started on ``day`` (uses the started_at index)."""
    start = day.isoformat()
    end = (day + timedelta(days=1)).isoformat()
    return [_visit(r) for r in db.execute(
        f"SELECT {_VISIT_COLS} FROM visits WHERE started_at >= ? AND started_at < ? "
        "ORDER BY started_at", [start, end]).fetchall()]


@dataclass(frozen=True)
class VisitStats:
    """A date range's visits against the contact plan (联系计划覆盖率)."""

    visits: int
    outlets_visited: int
    outlets_due: int
    due_visited: int
    hours: float

    @property
    def coverage(self) -> float | None:
        """Share of the outlets due in the range that were visited in it."""
        return self.due_visited / self.outlets_due if self.outlets_due else None


def _due_tiers(db: Database, start: date, end: date,
               cadence: Mapping[str, int]) -> dict[int, str]:
    """Active outlets due from ``start`` to ``end`` (id -> tier): the next visit, from
    the last completed visit before ``start``, falls on or before ``end``."""
    # One index seek per outlet (visits_outlet); a GROUP BY over visits reads them all.
    due = {}
    for outlet_id, tier, last in db.execute(
            "SELECT o.id, o.tier, (SELECT max(v.started_at) FROM visits v WHERE "
            "v.outlet_id = o.id AND v.started_at < ? AND v.ended_at IS NOT NULL "
            "AND v.clears_due = 1) "
            "FROM outlets o WHERE o.active = 1", [start.isoformat()]):
        last_day = date.fromisoformat(last[:10]) if last else None
        if next_due(last_day, tier, cadence, start) <= end:
            due[outlet_id] = tier
    return due


def visit_stats(db: Database, start: date, end: date, cadence: Mapping[str, int]) -> VisitStats:
    """Completed visits from ``start`` to ``end`` (inclusive) and the outlets due in them.

    An active outlet is due in the range when its next visit, counted from its last
    completed visit before ``start``, falls on or before ``end``.
    """
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    rows = db.execute(
        "SELECT outlet_id, started_at, ended_at, clears_due FROM visits WHERE started_at >= ? "
        "AND started_at < ? AND ended_at IS NOT NULL", [lo, hi]).fetchall()
    visited = {r[0] for r in rows if r[3]}
    hours = sum((datetime.fromisoformat(r[2]) - datetime.fromisoformat(r[1])).total_seconds()
                for r in rows) / 3600
    due = set(_due_tiers(db, start, end, cadence))
    return VisitStats(visits=len(rows), outlets_visited=len(visited), outlets_due=len(due),
                      due_visited=len(due & visited), hours=round(hours, 2))


def coverage_by_tier(db: Database, start: date, end: date,
                     cadence: Mapping[str, int]) -> dict[str, tuple[int, int, int]]:
    """Per outlet tier: (active outlets, due in the range, due and visited in it), by the
    same rule as ``visit_stats`` (the team dashboard's coverage)."""
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    visited = {r[0] for r in db.execute(
        "SELECT DISTINCT outlet_id FROM visits WHERE started_at >= ? AND started_at < ? "
        "AND ended_at IS NOT NULL AND clears_due = 1", [lo, hi])}
    due = _due_tiers(db, start, end, cadence)
    out: dict[str, tuple[int, int, int]] = {}
    for outlet_id, tier in db.execute("SELECT id, tier FROM outlets WHERE active = 1"):
        outlets, n_due, done = out.get(tier, (0, 0, 0))
        is_due = outlet_id in due
        out[tier] = (outlets + 1, n_due + is_due, done + (is_due and outlet_id in visited))
    return out


def visits_by_outlet(db: Database, start: date, end: date) -> dict[int, tuple[int, float]]:
    """Outlet id -> (completed visits, hours) from ``start`` to ``end`` inclusive, by the
    same rule as ``visit_stats`` (the reports' per-outlet table)."""
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    out: dict[int, tuple[int, float]] = {}
    for outlet_id, started, ended in db.execute(
            "SELECT outlet_id, started_at, ended_at FROM visits WHERE started_at >= ? "
            "AND started_at < ? AND ended_at IS NOT NULL", [lo, hi]).fetchall():
        count, hours = out.get(outlet_id, (0, 0.0))
        spent = (datetime.fromisoformat(ended) - datetime.fromisoformat(started))
        out[outlet_id] = (count + 1, hours + spent.total_seconds() / 3600)
    return {k: (n, round(h, 2)) for k, (n, h) in out.items()}
