"""The targets' part of the review: the month's (quarter's) completion at the span's end,
all outlets together, and the campaigns running then."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.targets.campaigns import campaigns
from workbench.targets.progress import total_progress

if TYPE_CHECKING:
    from sqlite_utils import Database


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    cut = min(end, today)
    month, quarter, _ = total_progress(db, cut)
    running = len(campaigns(db, cut, running_only=True))
    return [
        ("results", "target_month", month.share, "percent"),
        ("results", "target_quarter", quarter.share, "percent"),
        ("results", "campaigns_running", running, "count"),
    ]
