"""The periods a target is set for: a calendar month, quarter or year.

Quarters and years are the assessment's own (``assessment.grades.period_of``); a month is
added here, since the grade lines are never set per month.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from workbench.assessment.grades import Period, period_of
from workbench.core import validate as v
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.months import plus_months

PERIODS = ("month", "quarter", "year")


def period_for(day: date, kind: str) -> Period:
    """The month, quarter or year holding ``day`` (first and last day inclusive)."""
    if kind == "month":
        start = day.replace(day=1)
        return Period("month", start, plus_months(start, 1) - timedelta(days=1))
    if kind not in PERIODS:
        raise ValidationError("target_period", "error.bad_choice",
                              options=t("list.sep").join(PERIODS))
    return period_of(day, kind)


def check_period(value: Any) -> str:
    """A period kind as typed: month/quarter/year, or 月/季/年 (as a company sheet says)."""
    raw = str(value or "").strip().lower()
    aliases = {"月": "month", "月度": "month", "季": "quarter", "季度": "quarter",
               "年": "year", "年度": "year"}
    raw = aliases.get(raw, raw)
    if raw not in PERIODS:
        raise ValidationError("target_period", "error.bad_choice", options=t("list.sep").join(
            f"{t(f'target.period.{k}')} ({k})" for k in PERIODS))
    return raw


def check_start(value: Any, kind: str) -> Period:
    """The period a typed day names: any day in it (2026-11-05), or 2026-11 / 2026-Q4 /
    2026 written short."""
    raw = str(value or "").strip()
    if not raw:
        raise ValidationError("target_starts", "error.required")
    short = re.fullmatch(r"(\d{4})(?:[-/.]?(?:(\d{1,2})|[Qq]([1-4])))?", raw)
    if short:
        year, month, quarter = int(short[1]), short[2], short[3]
        if quarter:
            month = str((int(quarter) - 1) * 3 + 1)
        if month is not None and not 1 <= int(month) <= 12:
            raise ValidationError("target_starts", "error.no_such_date", value=raw[:20])
        day = v.day_in_range("target_starts", date(year, int(month or 1), 1))
    else:
        day = v.iso_date("target_starts", raw, required=True)
    return period_for(day, kind)


def period_label(period: Period) -> str:
    """2026-11, 2026-Q4 or 2026: how a period is shown in lists, cards and reports."""
    if period.kind == "month":
        return period.start.strftime("%Y-%m")
    if period.kind == "quarter":
        return f"{period.start.year}-Q{(period.start.month - 1) // 3 + 1}"
    return str(period.start.year)
