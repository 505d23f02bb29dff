"""The weekly review (周报): weeks, the week's figures against the week before, the summary.

``compute_week`` is a pure function of the database: each capability contributes its
figures through a small source function (``_sources``) that reports one week; the
review runs every source for the week and the week before and pairs the numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from workbench.core import validate as v
from workbench.core.config import Config
from workbench.core.migrations import Migrations
from workbench.roster import visits

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.review")


@migrations()
def m001_reviews(db: Database) -> None:
    db.execute("""
        CREATE TABLE reviews (
            week TEXT PRIMARY KEY CHECK (week GLOB '[0-9][0-9][0-9][0-9]-W[0-9][0-9]'),
            summary TEXT NOT NULL DEFAULT '',
            updated_at TEXT NOT NULL
        ) STRICT""")


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Week:
    """Seven days from ``start``; ``label`` is the ISO week (2026-W48) of its middle day."""

    start: date

    @property
    def end(self) -> date:
        return self.start + timedelta(days=6)

    @property
    def label(self) -> str:
        year, week, _ = (self.start + timedelta(days=3)).isocalendar()
        return f"{year}-W{week:02d}"

    def shift(self, weeks: int) -> Week:
        return Week(self.start + timedelta(weeks=weeks))


def week_of(day: date, first_weekday: str = "monday") -> Week:
    offset = (day.weekday() - WEEKDAYS.index(first_weekday)) % 7
    return Week(day - timedelta(days=offset))


def parse_week(text: str, first_weekday: str = "monday") -> Week:
    """``2026-W48`` -> that ISO week (starting on the configured weekday near its Monday)."""
    monday = v.iso_week("week", text)
    return week_of(monday + timedelta(days=3), first_weekday)


@dataclass(frozen=True)
class Figure:
    """One line of the review. ``kind``: count, hours, percent, money or score."""

    section: str
    key: str
    value: float | None
    previous: float | None
    kind: str = "count"

    @property
    def change(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous


@dataclass(frozen=True)
class WeekReview:
    week: Week
    figures: tuple[Figure, ...]
    summary: str
    lists: tuple[tuple[str, tuple[str, ...]], ...] = ()  # titled lists, e.g. outlets at zero

    @property
    def is_blank(self) -> bool:
        """Nothing happened this week and nothing was written about it."""
        return (not any(f.value for f in self.figures) and not self.lists
                and not self.summary.strip())


# A source reports one week: [(section, key, value, kind)], given the week's first and
# last day and today (figures "at the week's end" stop at today in the current week).
FigureRow = tuple[str, str, float | None, str]
Source = Callable[["Database", date, date, Config, date], list[FigureRow]]
# A list source: [(list key, items)], customer data masked when asked.
ListSource = Callable[["Database", date, date, Config, date, bool], list[tuple[str, list[str]]]]


def visit_figures(db: Database, start: date, end: date, config: Config,
                  today: date) -> list[FigureRow]:
    stats = visits.visit_stats(db, start, end, config.visits.cadence_days)
    return [
        ("visits", "visits_made", stats.visits, "count"),
        ("visits", "outlets_visited", stats.outlets_visited, "count"),
        ("visits", "outlets_due", stats.outlets_due, "count"),
        ("visits", "coverage", stats.coverage, "percent"),
        ("visits", "hours_stationed", stats.hours, "hours"),
    ]


def _sources() -> tuple[list[Source], list[ListSource]]:
    """Every capability's figures and lists, in the order the review shows them.

    Imported on use: the review is computed after the first paint, and the register and
    goals modules are not needed before then.
    """
    from workbench.assessment import week as self_week
    from workbench.customers import week as customers_week
    from workbench.fieldwork import week as fieldwork_week
    from workbench.plan import week as plan_week
    from workbench.register import week as register_week
    from workbench.targets import week as targets_week

    # Outlet targets and campaigns among the results, before the assessment's own.
    figures = [visit_figures, plan_week.week_figures, fieldwork_week.week_figures,
               register_week.week_figures, targets_week.week_figures,
               self_week.week_figures, customers_week.week_figures]
    lists = [self_week.week_lists, register_week.week_lists, customers_week.week_lists]
    return figures, lists


def register_head(db: Database, full: bool = False) -> str | None:
    """The custody register's proven head, carried in every report (a copy outside the
    reach of whoever controls the file and its witness), or where its chain is broken;
    None before any sign-off.

    ``full`` recomputes both chains (``workbench report``: seconds for a heavy user);
    otherwise the links since the last witnessed head are checked (the app's export,
    on the UI thread).
    """
    from workbench.register.proof import prove, prove_quick

    if not db.execute("SELECT 1 FROM signoffs LIMIT 1").fetchone():
        return None
    return (prove(db) if full else prove_quick(db)).head_line()


def compute_week(db: Database, week: Week, config: Config, masked: bool = True,
                 today: date | None = None, span_kind: str = "week") -> WeekReview:
    """The review of ``week``: every source's figures beside the week before.

    ``today`` cuts "as at the week's end" figures in the current week (default: the
    week's last day). ``masked`` hides customer names and phones in the lists. ``span_kind``
    (week, month, quarter: what ``week`` spans) words the lists' titles.
    """
    from workbench.review.wording import span_label

    cut = today or week.end
    before = week.shift(-1)
    figure_sources, list_sources = _sources()
    figures = []
    for source in figure_sources:
        previous = {key: value for _, key, value, _ in
                    source(db, before.start, before.end, config, min(cut, before.end))}
        for section, key, value, kind in source(db, week.start, week.end, config, cut):
            figures.append(Figure(section, key, value, previous.get(key), kind))
    lists = tuple((span_label(f"review.list.{key}", span_kind), tuple(items))
                  for source in list_sources
                  for key, items in source(db, week.start, week.end, config, cut, masked))
    return WeekReview(week=week, figures=tuple(figures), summary=summary_for(db, week),
                      lists=lists)


def summary_for(db: Database, week: Week) -> str:
    row = db.execute("SELECT summary FROM reviews WHERE week = ?", [week.label]).fetchone()
    return row[0] if row else ""


def save_summary(db: Database, week: Week, text: str, now: datetime) -> None:
    """Store the week's written summary (多写一份总结); called as the user types."""
    clean = v.text("summary", text, max_len=20_000) or ""
    with db.atomic():
        db.execute(
            "INSERT INTO reviews (week, summary, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT(week) DO UPDATE SET summary = excluded.summary, "
            "updated_at = excluded.updated_at",
            [week.label, clean, now.replace(microsecond=0).isoformat(sep=" ")])
