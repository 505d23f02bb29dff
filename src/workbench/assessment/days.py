"""The day a self-assessment record may carry: one that has come (today or earlier).

Moods, setbacks, the weekly 5Q, habit ticks, a policy's issue date and a career goal's
review all refuse a later day, with the same message. Skip days (leave, holidays) are
the one exception: they may be planned ahead.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from workbench.core import validate as v
from workbench.core.errors import ValidationError


def not_after_today(field: str, day: date, today: date) -> date:
    """``day`` itself when it has come; a later day is refused (``self.error.future_day``)."""
    if day > today:
        raise ValidationError(field, "self.error.future_day", day=day.isoformat())
    return day


def day_so_far(field: str, value: Any, today: date) -> date:
    """A typed day (required, YYYY-MM-DD) that has come: today or earlier."""
    return not_after_today(field, v.iso_date(field, value, required=True), today)
