"""The career plan (职业规划): goals by horizon (short, mid, long) and angle (personal,
career, interests, society), each with a status and the day it was last reviewed.

All SQL of ``career_goals`` lives here (the table is created by ``assessment.schema``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.assessment.days import not_after_today
from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

HORIZONS = ("short", "mid", "long")
ANGLES = ("personal", "career", "interests", "society")
GOAL_STATUSES = ("planned", "in_progress", "achieved", "dropped")


@dataclass(frozen=True)
class CareerGoal:
    id: int
    horizon: str
    angle: str
    target: str
    status: str
    reviewed_on: date | None


def _goal_row(horizon: Any, angle: Any, target: Any, status: Any, reviewed_on: Any,
              today: date) -> dict[str, Any]:
    reviewed = v.iso_date("goal_reviewed_on", reviewed_on)
    row = {
        "horizon": v.choice("goal_horizon", horizon, HORIZONS),
        "angle": v.choice("goal_angle", angle, ANGLES),
        "target": v.text("goal_target", target, required=True, max_len=500),
        "status": v.choice("goal_status", status or "planned", GOAL_STATUSES),
        "reviewed_on": reviewed.isoformat() if reviewed else None,
    }
    if reviewed:
        not_after_today("goal_reviewed_on", reviewed, today)
    return row


def add_career_goal(db: Database, horizon: Any, angle: Any, target: Any, status: Any,
                    reviewed_on: Any, now: datetime) -> int:
    row = _goal_row(horizon, angle, target, status, reviewed_on, now.date())
    row["created_at"] = stamp(now)
    with db.atomic():
        return db.table("career_goals").insert(row).last_pk


def update_career_goal(db: Database, goal_id: int, horizon: Any, angle: Any, target: Any,
                       status: Any, reviewed_on: Any, today: date) -> None:
    row = _goal_row(horizon, angle, target, status, reviewed_on, today)
    if db.execute("SELECT 1 FROM career_goals WHERE id = ?", [goal_id]).fetchone() is None:
        raise ValidationError("goal_target", "self.error.no_such_goal")
    with db.atomic():
        db.table("career_goals").update(goal_id, row)


def career_goals(db: Database) -> list[CareerGoal]:
    """Every goal: short horizon first, then by angle, in the order they were added."""
    order = "CASE horizon WHEN 'short' THEN 0 WHEN 'mid' THEN 1 ELSE 2 END"
    return [CareerGoal(r[0], r[1], r[2], r[3], r[4],
                       date.fromisoformat(r[5]) if r[5] else None)
            for r in db.execute(
                "SELECT id, horizon, angle, target, status, reviewed_on FROM career_goals "
                f"ORDER BY {order}, angle, id").fetchall()]


def get_career_goal(db: Database, goal_id: int) -> CareerGoal:
    for goal in career_goals(db):
        if goal.id == goal_id:
            return goal
    raise ValidationError("goal_target", "self.error.no_such_goal")
