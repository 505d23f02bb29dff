"""Visits to outlets: check-in / check-out, back-filled visits, and visit figures.

Owns every write to the ``visits`` table. The manager is at one place at a time, so at
most one visit is open; only completed visits count towards an outlet's last visit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from workbench.core import validate as v
from workbench.core.clock import parse_stamp, stamp
from workbench.core.errors import ValidationError
from workbench.roster.outlets import get_outlet, next_due

if TYPE_CHECKING:
    from sqlite_utils import Database

VISIT_PURPOSES = ("stationed", "training", "relationship", "promotion", "delivery")


@dataclass(frozen=True)
class Visit:
    id: int
    outlet_id: int
    started_at: datetime
    ended_at: datetime | None
    purpose: str
    notes: str | None

    @property
    def hours(self) -> float | None:
        if self.ended_at is None:
            return None
        return (self.ended_at - self.started_at).total_seconds() / 3600


def _visit(r: tuple) -> Visit:
    return Visit(id=r[0], outlet_id=r[1], started_at=datetime.fromisoformat(r[2]),
                 ended_at=parse_stamp(r[3]), purpose=r[4], notes=r[5])


_VISIT_COLS = "id, outlet_id, started_at, ended_at, purpose, notes"


def open_visit(db: Database) -> Visit | None:
    """The visit the manager is checked in at right now, if any (one place at a time)."""
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE ended_at IS NULL "
                   "ORDER BY started_at DESC LIMIT 1").fetchone()
    return _visit(r) if r else None


def check_in(db: Database, outlet_id: int, at: datetime, purpose: str,
             notes: str = "") -> int:
    outlet = get_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    note = v.text("notes", notes)
    current = open_visit(db)
    if current is not None:
        raise ValidationError("outlet", "error.already_checked_in",
                              name=get_outlet(db, current.outlet_id).name)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(at), "ended_at": None,
            "purpose": purpose, "notes": note,
        }).last_pk


def check_out(db: Database, visit_id: int, at: datetime, notes: str | None = None) -> None:
    r = db.execute(f"SELECT {_VISIT_COLS} FROM visits WHERE id = ?", [visit_id]).fetchone()
    if r is None:
        raise ValidationError("visit", "error.no_such_visit")
    visit = _visit(r)
    if visit.ended_at is not None:
        raise ValidationError("visit", "error.already_checked_out")
    if at.replace(microsecond=0) < visit.started_at:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=visit.started_at.strftime("%H:%M"))
    note = v.text("notes", notes) if notes is not None else visit.notes
    with db.atomic():
        db.table("visits").update(visit_id, {"ended_at": stamp(at), "notes": note})


def record_visit(db: Database, outlet_id: int, start: datetime, end: datetime, purpose: str,
                 notes: str = "") -> int:
    """A completed visit entered after the fact (back-fill and demo data)."""
    if end < start:
        raise ValidationError("ended_at", "error.checkout_before_checkin",
                              start=start.strftime("%H:%M"))
    get_outlet(db, outlet_id)
    purpose = v.choice("purpose", purpose, VISIT_PURPOSES)
    with db.atomic():
        return db.table("visits").insert({
            "outlet_id": outlet_id, "started_at": stamp(start), "ended_at": stamp(end),
            "purpose": purpose, "notes": v.text("notes", notes),
        }).last_pk


def visits_for(db: Database, outlet_id: int, limit: int = 50) -> list[Visit]:
    return [_visit(r) for r in db.execute(
        f"SELECT {_VISIT_COLS} FROM visits WHERE outlet_id = ? ORDER BY started_at DESC LIMIT ?",
        [outlet_id, limit]).fetchall()]


def visits_on(db: Database, day: date) -> list[Visit]:
    """Visits started on ``day`` (uses the started_at index)."""
    start = day.isoformat()
    end = (day + relativedelta(days=1)).isoformat()
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
            "v.outlet_id = o.id AND v.started_at < ? AND v.ended_at IS NOT NULL) "
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
    lo, hi = start.isoformat(), (end + relativedelta(days=1)).isoformat()
    rows = db.execute(
        "SELECT outlet_id, started_at, ended_at FROM visits WHERE started_at >= ? "
        "AND started_at < ? AND ended_at IS NOT NULL", [lo, hi]).fetchall()
    visited = {r[0] for r in rows}
    hours = sum((datetime.fromisoformat(r[2]) - datetime.fromisoformat(r[1])).total_seconds()
                for r in rows) / 3600
    due = set(_due_tiers(db, start, end, cadence))
    return VisitStats(visits=len(rows), outlets_visited=len(visited), outlets_due=len(due),
                      due_visited=len(due & visited), hours=round(hours, 2))


def coverage_by_tier(db: Database, start: date, end: date,
                     cadence: Mapping[str, int]) -> dict[str, tuple[int, int, int]]:
    """Per outlet tier: (active outlets, due in the range, due and visited in it), by the
    same rule as ``visit_stats`` (the team dashboard's coverage)."""
    lo, hi = start.isoformat(), (end + relativedelta(days=1)).isoformat()
    visited = {r[0] for r in db.execute(
        "SELECT DISTINCT outlet_id FROM visits WHERE started_at >= ? AND started_at < ? "
        "AND ended_at IS NOT NULL", [lo, hi])}
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
    lo, hi = start.isoformat(), (end + relativedelta(days=1)).isoformat()
    out: dict[int, tuple[int, float]] = {}
    for outlet_id, started, ended in db.execute(
            "SELECT outlet_id, started_at, ended_at FROM visits WHERE started_at >= ? "
            "AND started_at < ? AND ended_at IS NOT NULL", [lo, hi]).fetchall():
        count, hours = out.get(outlet_id, (0, 0.0))
        spent = (datetime.fromisoformat(ended) - datetime.fromisoformat(started))
        out[outlet_id] = (count + 1, hours + spent.total_seconds() / 3600)
    return {k: (n, round(h, 2)) for k, (n, h) in out.items()}
