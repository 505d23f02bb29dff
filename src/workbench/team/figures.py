"""The dashboard's figures, computed at merge time by the project's own rules.

A merged bundle's snapshot is a workbench file, so the figures a channel manager sees
are the manager's weekly review (``review.week.compute_week``) with that manager's own
rules (their config's sections, carried in the manifest), plus the lists behind it:
coverage by outlet tier (``roster.visits.coverage_by_tier``), check-ins that do not
count and why (``plan.agenda.audit_checkins``), outlets past their cadence
(``roster.outlets.roster``), stock run-outs (``register.stock.stock_levels``) and the
standard premium against the grade's lines (``assessment.grades.current_status``).
Each is stored per (manager, week), so the dashboard's queries read a few rows through
their keys, and a past week reads the same later.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from workbench.assessment import grades
from workbench.core.config import Config
from workbench.core.i18n import catalogue
from workbench.plan.agenda import audit_checkins
from workbench.register.stock import stock_levels
from workbench.review.week import Week, compute_week
from workbench.roster import outlets as roster_outlets
from workbench.roster import visits as roster_visits

if TYPE_CHECKING:
    from sqlite_utils import Database

# Figures of the weekly review the dashboard shows (section, key).
REVIEW_KEYS = ("visits_made", "outlets_due", "coverage", "checkins", "checkins_counting",
               "awaiting_signature", "receipts_overdue", "callbacks_overdue",
               "standard_premium", "period_standard_premium", "issuing_rate",
               "outlets_broke_zero", "mood_average")


def _both(key: str, **params: Any) -> tuple[str, str]:
    zh, en = catalogue()[key]
    return zh.format(**params), en.format(**params)


def _reasons(keys: tuple[str, ...], config: Config) -> tuple[str, str]:
    plan = config.plan
    params = {"start": plan.work_start, "end": plan.work_end,
              "minutes": plan.min_visit_minutes, "count": plan.max_outlets_per_half_day}
    pairs = [_both(k, **params) for k in keys]
    return "；".join(p[0] for p in pairs), "; ".join(p[1] for p in pairs)


def compute(snap: Database, week: Week, cut: date, config: Config,
            share_mood: bool) -> dict[str, list[tuple]]:
    """Rows for each figure table (without the manager and week columns)."""
    review = compute_week(snap, week, config, masked=True, today=cut)
    wanted = set(REVIEW_KEYS) - (set() if share_mood else {"mood_average"})
    figures = [(f.section, f.key, f.value, f.previous, f.kind) for f in review.figures
               if f.key in wanted]
    coverage = [(tier, n, due, done, round(done / due, 4) if due else None)
                for tier, (n, due, done) in sorted(roster_visits.coverage_by_tier(
                    snap, week.start, min(week.end, cut), config.visits.cadence_days).items())]
    checkins = []
    day = week.start
    while day <= min(week.end, cut):
        visits = roster_visits.visits_on(snap, day)
        names = roster_outlets.outlet_names(snap, {x.outlet_id for x in visits})
        for a in audit_checkins(visits, names, config):
            if not a.counts:
                zh, en = _reasons(a.reasons, config)
                checkins.append((a.visit_id, a.outlet_name, str(a.start),
                                 str(a.end) if a.end else None, zh, en))
        day += timedelta(days=1)
    late = [(r.code, r.name, r.tier, r.last_visit.isoformat() if r.last_visit else None,
             r.next_due.isoformat(), -r.days_left)
            for r in roster_outlets.roster(snap, cut, config.visits.cadence_days)
            if r.days_left < 0]
    stock = [(s.outlet_code, s.outlet_name, s.kind, s.estimate,
              round(s.days_left, 1) if s.days_left is not None else None, int(s.estimate <= 0))
             for s in stock_levels(snap, cut, config) if s.low or s.estimate <= 0]
    status = grades.current_status(snap, config.manager.grade, cut, config.goals)
    premium = [(status.grade, status.period.start.isoformat(), status.period.end.isoformat(),
                round(status.achieved, 4), status.maintain, status.promote,
                round(status.projection, 4), status.projected_outcome)]
    return {"team_figures": figures, "team_coverage": coverage, "team_checkins": checkins,
            "team_late_outlets": late, "team_stock": stock, "team_premium": premium}


def store(db: Database, manager: str, week: str, rows: dict[str, list[tuple]]) -> None:
    """Replace ``manager``'s figures of ``week`` (inside the merge's transaction)."""
    for table, items in rows.items():
        db.execute(f"DELETE FROM {table} WHERE manager = ? AND week = ?", [manager, week])
        if items:
            marks = ", ".join("?" * (len(items[0]) + 2))
            db.conn.executemany(f"INSERT INTO {table} VALUES ({marks})",
                                [(manager, week, *item) for item in items])
