"""How moments are written to and read from the database: one text form for every table.

Every timestamp column holds ``YYYY-MM-DD HH:MM:SS`` (local time, whole seconds), so
plain string comparison in SQL orders them and ``date(column)`` gives the day.
"""

from __future__ import annotations

from datetime import date, datetime


def stamp(at: datetime | date) -> str:
    """The stored form of ``at``; a bare date is its midnight."""
    if not isinstance(at, datetime):
        at = datetime.combine(at, datetime.min.time())
    return at.replace(microsecond=0).isoformat(sep=" ")


def parse_stamp(value: str | None) -> datetime | None:
    """The moment a stored stamp names; ``None`` stays ``None``."""
    return datetime.fromisoformat(value) if value else None
