"""The spans a report covers: a week (``review.week.Week``), a calendar month or quarter.

A ``Span`` answers what the review asks of a week (``start``, ``end``, ``label``,
``shift``), so ``compute_week`` reviews a month or a quarter beside the one before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from workbench.core.months import plus_months
from workbench.targets.periods import check_start, period_for, period_label

KINDS = ("week", "month", "quarter")


@dataclass(frozen=True)
class Span:
    kind: str  # month or quarter
    start: date

    @property
    def end(self) -> date:
        return period_for(self.start, self.kind).end

    @property
    def label(self) -> str:
        return period_label(period_for(self.start, self.kind))

    def shift(self, steps: int) -> Span:
        months = steps * (1 if self.kind == "month" else 3)
        return Span(self.kind, plus_months(self.start, months))


def span_of(day: date, kind: str) -> Span:
    """The month or quarter holding ``day``."""
    return Span(kind, period_for(day, kind).start)


def parse_span(text: Any, kind: str) -> Span:
    """2026-11 (a month), 2026-Q4 (a quarter), or any day in it; ValidationError if not."""
    return Span(kind, check_start(text, kind).start)
