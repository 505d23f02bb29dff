"""The field work's figures for the weekly review: trainings, 早会 and events held, the
staff they reached, and the route's call rate (planned stops visited)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbench.fieldwork import route, trainings

if TYPE_CHECKING:
    from sqlite_utils import Database

    from workbench.core.config import Config


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    held = trainings.week_figures(db, start, end)
    planned, visited = route.week_calls(db, start, end)
    return [
        ("fieldwork", "morning_meetings", held.morning_meetings, "count"),
        ("fieldwork", "trainings", held.trainings, "count"),
        ("fieldwork", "events", held.events, "count"),
        ("fieldwork", "staff_trained", held.staff_trained, "count"),
        ("fieldwork", "training_hours", round(held.minutes / 60, 1), "hours"),
        ("fieldwork", "route_planned", planned, "count"),
        ("fieldwork", "call_rate", visited / planned if planned else None, "percent"),
    ]
