"""The day's route (今日路线): the outlets the manager means to visit, in order, and the
evening's comparison of planned with visited (the call rate field-sales tools report).

Owns every write to ``route_stops``. A route is planned for today or a later day (a past
day's plan stays as it was, for the audit); its outlets are active and each appears
once. Saving a route replaces that day's stops in one transaction. An outlet counts as
visited when a completed visit there started that day and cleared "visit due" (a
minute's drop-in is no call).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from workbench.core.errors import ValidationError
from workbench.roster import visits as roster_visits
from workbench.roster.outlets import chosen_outlet, outlet_names

if TYPE_CHECKING:
    from sqlite_utils import Database

# More stops than a day holds is a slip (the plan counts 2 outlets per half day).
MAX_STOPS = 30


@dataclass(frozen=True)
class Stop:
    position: int
    outlet_id: int
    code: str
    name: str


def set_route(db: Database, day: date, outlet_ids: Sequence[int], today: date) -> None:
    """Make ``outlet_ids`` (in order) the route of ``day``; an empty list clears it."""
    if day < today:
        raise ValidationError("route", "error.route_past", day=day.isoformat())
    if len(set(outlet_ids)) != len(outlet_ids):
        raise ValidationError("route", "error.route_twice")
    if len(outlet_ids) > MAX_STOPS:
        raise ValidationError("route", "error.route_long", count=MAX_STOPS)
    for outlet_id in outlet_ids:
        outlet = chosen_outlet(db, outlet_id, "route")
        if not outlet.active:
            raise ValidationError("route", "error.outlet_inactive", name=outlet.name)
    with db.atomic():
        db.execute("DELETE FROM route_stops WHERE day = ?", [day.isoformat()])
        db.table("route_stops").insert_all(
            [{"day": day.isoformat(), "position": n, "outlet_id": oid}
             for n, oid in enumerate(outlet_ids, start=1)])


def route_for(db: Database, day: date) -> list[Stop]:
    """The day's planned stops, in order."""
    return [Stop(*r) for r in db.execute(
        "SELECT r.position, r.outlet_id, o.code, o.name FROM route_stops r "
        "JOIN outlets o ON o.id = r.outlet_id WHERE r.day = ? ORDER BY r.position",
        [day.isoformat()]).fetchall()]


@dataclass(frozen=True)
class RouteAudit:
    """Planned against visited on one day."""

    stops: tuple[tuple[Stop, bool], ...]  # each planned stop and whether it was visited
    unplanned: tuple[str, ...]  # outlets visited off the plan (names)

    @property
    def planned(self) -> int:
        return len(self.stops)

    @property
    def visited(self) -> int:
        return sum(1 for _, done in self.stops if done)

    @property
    def call_rate(self) -> float | None:
        """Share of the planned outlets visited; None with nothing planned."""
        return self.visited / self.planned if self.planned else None


def route_audit(db: Database, day: date) -> RouteAudit:
    """The day's route beside its completed visits that cleared "visit due"."""
    stops = route_for(db, day)
    called = {x.outlet_id for x in roster_visits.visits_on(db, day)
              if x.ended_at is not None and x.clears_due}
    planned = {s.outlet_id for s in stops}
    names = outlet_names(db, called - planned)
    return RouteAudit(stops=tuple((s, s.outlet_id in called) for s in stops),
                      unplanned=tuple(sorted(names.values())))


def week_calls(db: Database, start: date, end: date) -> tuple[int, int]:
    """(planned stops, of them visited) from ``start`` to ``end``, day by day as
    ``route_audit`` judges them."""
    planned = visited = 0
    days = [date.fromisoformat(r[0]) for r in db.execute(
        "SELECT DISTINCT day FROM route_stops WHERE day >= ? AND day <= ? ORDER BY day",
        [start.isoformat(), end.isoformat()]).fetchall()]
    for day in days:
        audit = route_audit(db, day)
        planned += audit.planned
        visited += audit.visited
    return planned, visited
