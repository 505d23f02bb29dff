"""How moments are written to and read from the database: one text form for every table.

Every timestamp column holds ``YYYY-MM-DD HH:MM:SS`` (local time, whole seconds), so
plain string comparison in SQL orders them and ``date(column)`` gives the day.
"""

from __future__ import annotations

from datetime import date, datetime, time


def stamp(at: datetime | date) -> str:
    """The stored form of ``at``; a bare date is its midnight."""
    if not isinstance(at, datetime):
        at = datetime.combine(at, datetime.min.time())
    return at.replace(microsecond=0).isoformat(sep=" ")


def parse_stamp(value: str | None) -> datetime | None:
    """The moment a stored stamp names; ``None`` stays ``None``."""
    return datetime.fromisoformat(value) if value else None


def working_now(day: date, wall: datetime) -> datetime:
    """The clock on the working day ``day`` when the wall clock reads ``wall``.

    On the real today it is the wall clock. A day back-filled (``--today`` before the
    real date) is over: every time of it is in the past, so its clock is its last second
    (the wall clock's time on that day refused a check-in at 14:00 typed at 00:56). A
    day ahead keeps the wall clock's time.
    """
    if day < wall.date():
        return datetime.combine(day, time(23, 59, 59))
    return datetime.combine(day, wall.time()).replace(microsecond=0)
