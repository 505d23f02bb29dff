"""Calendar months added to a day, as periods, renewals and deadlines count them.

``plus_months(day, n)`` is dateutil's ``day + relativedelta(months=n)``: the same day
``n`` months on, or that month's last day when it is shorter (31 January plus one month
is 28 or 29 February). Written out because the plan and the roster ask it thousands of
times a load (every linked policy's renewals, every target's period), and
``relativedelta`` costs about twenty times as much per call; a property test holds the
two equal.
"""

from __future__ import annotations

from calendar import isleap
from datetime import date

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    return 29 if month == 2 and isleap(year) else _DAYS_IN_MONTH[month - 1]


def plus_months(day: date, months: int) -> date:
    """``day`` moved by ``months`` calendar months (negative: back), kept in its month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))
