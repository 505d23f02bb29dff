"""Grade goals (考核): assessment periods, working days, the grade's maintain and promote
lines, what is still needed, the daily pace and the projection, and the issuing rate.

The thresholds are in the configured unit (10,000 CNY by default); the grade range is
``core.config.GRADES`` (1 is the highest grade). Periods (quarter, half-year, year) come
from dateutil. The period figures read the policies on file (``policies``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from workbench.assessment import policies
from workbench.core.config import GRADES, GoalsConfig
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.months import plus_months

if TYPE_CHECKING:
    from sqlite_utils import Database

PERIOD_MONTHS = {"quarter": 3, "half": 6, "year": 12}


@dataclass(frozen=True)
class Period:
    kind: str
    start: date
    end: date  # inclusive

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end


@dataclass(frozen=True)
class GradeStatus:
    """Where the period's standard premium stands against the grade's two lines.

    Reaching a line exactly counts: ``kept``, ``promoted`` and the projected outcome all
    compare with ``>=``, and nothing more is needed once a line is reached.
    """

    grade: int
    period: Period
    achieved: float  # in threshold units
    maintain: float
    promote: float
    need_maintain: float
    need_promote: float
    working_days_total: int
    working_days_elapsed: int
    working_days_left: int
    pace_maintain: float | None  # per remaining working day; None when no day is left
    pace_promote: float | None
    projection: float

    @property
    def kept(self) -> bool:
        return self.achieved >= self.maintain

    @property
    def promoted(self) -> bool:
        return self.achieved >= self.promote

    @property
    def projected_outcome(self) -> str:
        """promote, maintain or below: where the current pace lands at the period's end."""
        if self.projection >= self.promote:
            return "promote"
        return "maintain" if self.projection >= self.maintain else "below"


@dataclass(frozen=True)
class IssuingRate:
    active: int
    issued: int
    target: float
    zero_outlets: list[tuple[int, str, str]]  # (id, code, name) without a policy (未破零)

    @property
    def rate(self) -> float:
        return self.issued / self.active if self.active else 0.0

    @property
    def on_target(self) -> bool:
        return self.rate >= self.target


# --- periods and working days --------------------------------------------------------------


def period_of(day: date, kind: str) -> Period:
    """The assessment period holding ``day``: calendar quarter, half-year or year."""
    months = PERIOD_MONTHS.get(kind)
    if months is None:
        raise ValidationError("period", "error.bad_choice",
                              options=t("list.sep").join(PERIOD_MONTHS))
    first_month = (day.month - 1) // months * months + 1
    start = date(day.year, first_month, 1)
    end = plus_months(start, months) - timedelta(days=1)
    return Period(kind, start, end)


def working_days(start: date, end: date, days: list[int]) -> int:
    """Working days from ``start`` to ``end`` inclusive (ISO weekday numbers in ``days``)."""
    if end < start:
        return 0
    total = (end - start).days + 1
    weeks, rest = divmod(total, 7)
    count = weeks * len(days)
    for i in range(rest):
        if (start + timedelta(days=i)).isoweekday() in days:
            count += 1
    return count


# --- grade lines and status ------------------------------------------------------------------


def check_grade(grade: Any) -> int:
    """A grade of ``GRADES`` (1 = highest .. 13), typed or given; anything else is refused."""
    raw = str(grade).strip()
    # isdecimal, not isdigit: "²" is a digit that int() refuses.
    if not raw.isdecimal() or int(raw) not in GRADES:
        raise ValidationError("grade", "self.error.bad_grade", value=raw[:10],
                              lowest=GRADES[-1])
    return int(raw)


def thresholds(grade: Any, config: GoalsConfig) -> tuple[float, float]:
    """(maintain, promote) lines of ``grade``, in threshold units."""
    value = check_grade(grade)
    return config.maintain[value - 1], config.promote[value - 1]


def grade_status(grade: Any, achieved: float, period: Period, today: date,
                 config: GoalsConfig) -> GradeStatus:
    """Pure: the maintain and promote lines, what is still needed, pace and projection.

    ``achieved`` is the period's standard premium in threshold units. The remaining
    working days count today (today's sales still count); elapsed days count today too,
    so the projection uses the pace including today's work.
    """
    value = check_grade(grade)
    maintain, promote = thresholds(value, config)
    days = config.working_days
    total = working_days(period.start, period.end, days)
    clamp = min(max(today, period.start - timedelta(days=1)), period.end)
    elapsed = working_days(period.start, clamp, days)
    left = working_days(max(today, period.start), period.end, days) if today <= period.end \
        else 0
    need_keep = max(0.0, maintain - achieved)
    need_up = max(0.0, promote - achieved)
    projection = achieved / elapsed * total if elapsed else achieved
    return GradeStatus(
        grade=value, period=period, achieved=achieved,
        maintain=maintain, promote=promote,
        need_maintain=need_keep, need_promote=need_up, working_days_total=total,
        working_days_elapsed=elapsed, working_days_left=left,
        pace_maintain=need_keep / left if left else None,
        pace_promote=need_up / left if left else None,
        projection=projection,
    )


def current_status(db: Database, grade: Any, today: date, config: GoalsConfig) -> GradeStatus:
    """The grade status of the period holding ``today``, from the policies on file."""
    period = period_of(today, config.period)
    achieved = policies.standard_premium_between(db, period.start, min(today, period.end))
    return grade_status(grade, achieved / config.unit, period, today, config)


# --- figures over the period's policies ------------------------------------------------------


def cumulative_by_day(db: Database, period: Period, today: date,
                      unit: int) -> list[tuple[date, float]]:
    """Cumulative standard premium (threshold units) for each day of ``period`` up to today."""
    last = min(today, period.end)
    per_day = dict(db.execute(
        "SELECT issue_date, sum(standard_premium) FROM policies WHERE issue_date >= ? "
        "AND issue_date <= ? AND voided_at IS NULL GROUP BY issue_date",
        [period.start.isoformat(), last.isoformat()]).fetchall())
    out = []
    total = 0.0
    day = period.start
    while day <= last:
        total += per_day.get(day.isoformat(), 0.0) / unit
        out.append((day, total))
        day += timedelta(days=1)
    return out


def issuing_rate(db: Database, period: Period, today: date, target: float) -> IssuingRate:
    """Share of active outlets with at least one policy in the period, and the rest (破零)."""
    last = min(today, period.end)
    rows = db.execute("""
        SELECT o.id, o.code, o.name, EXISTS (
            SELECT 1 FROM policies p WHERE p.outlet_id = o.id
            AND p.issue_date >= ? AND p.issue_date <= ? AND p.voided_at IS NULL) AS issued
        FROM outlets o WHERE o.active = 1 ORDER BY o.code""",
        [period.start.isoformat(), last.isoformat()]).fetchall()
    zero = [(r[0], r[1], r[2]) for r in rows if not r[3]]
    return IssuingRate(active=len(rows), issued=len(rows) - len(zero), target=target,
                       zero_outlets=zero)
