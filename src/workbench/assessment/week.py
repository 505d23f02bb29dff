"""Self-assessment and goals in the weekly review: results against the grade, and the
manager's own discipline (mood, setbacks, habits) over the week.

Period figures (standard premium against the maintain and promote lines, issuing rate)
are as of the week's last day, or today in the current week.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.assessment import grades, journal, policies
from workbench.core.config import Config, issuing_target
from workbench.core.errors import ValidationError

if TYPE_CHECKING:
    from sqlite_utils import Database

EIGHTHS = "▁▂▃▄▅▆▇█"
LIST_LIMIT = 30


def sparkline(scores: list[int | None]) -> str:
    """0–100 scores as one block character each (▁ .. █); a missing day is ·."""
    return "".join("·" if s is None else EIGHTHS[min(7, max(0, s) * 8 // 101)] for s in scores)


def _broke_zero(db: Database, period: grades.Period, start: date, end: date) -> list[tuple]:
    """Outlets whose first live policy of the period was issued from ``start`` to ``end``."""
    return db.execute("""
        SELECT o.code, o.name, min(p.issue_date) AS first FROM policies p
        JOIN outlets o ON o.id = p.outlet_id
        WHERE p.issue_date >= ? AND p.issue_date <= ? AND p.voided_at IS NULL
        GROUP BY o.id HAVING first >= ? ORDER BY first, o.code""",
        [period.start.isoformat(), end.isoformat(), start.isoformat()]).fetchall()


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    cfg = config.goals
    count, premium, standard = policies.policy_totals(db, start, end)
    cut = min(end, today)
    period = grades.period_of(cut, cfg.period)
    achieved = policies.standard_premium_between(db, period.start, cut) / cfg.unit
    try:
        status = grades.grade_status(config.manager.grade, achieved, period, cut, cfg)
        vs_keep, vs_up = achieved / status.maintain, achieved / status.promote
    except ValidationError:  # a grade outside the table: the lines are unknown
        vs_keep = vs_up = None
    rate = grades.issuing_rate(db, period, cut, issuing_target(cfg, config.manager.grade))
    moods = journal.moods_between(db, start, end)
    setbacks = db.execute("SELECT count(*) FROM setbacks WHERE day >= ? AND day <= ?",
                          [start.isoformat(), end.isoformat()]).fetchone()[0]
    return [
        ("results", "policies", count, "count"),
        ("results", "premium", premium, "money"),
        ("results", "standard_premium", standard, "money"),
        ("results", "period_standard_premium", achieved, "units"),
        ("results", "period_vs_maintain", vs_keep, "percent"),
        ("results", "period_vs_promote", vs_up, "percent"),
        ("results", "issuing_rate", rate.rate if rate.active else None, "percent"),
        ("results", "outlets_broke_zero", len(_broke_zero(db, period, start, end)), "count"),
        ("self", "mood_average", journal.mood_average(moods), "score"),
        ("self", "setbacks", setbacks, "count"),
        ("self", "habits_kept", habits_kept(db, start, cut, config), "percent"),
    ]


def habits_kept(db: Database, start: date, end: date, config: Config) -> float | None:
    """Share of habit-days done from ``start`` to ``end``; skip days (leave) do not count."""
    if end < start:
        return None
    habits = journal.habit_names(config)
    done = skips = 0
    for habit, kind, n in db.execute(
            "SELECT habit, kind, count(*) FROM habits WHERE day >= ? AND day <= ? "
            "GROUP BY habit, kind", [start.isoformat(), end.isoformat()]):
        if kind == "skip":
            skips += n
        elif habit in habits:
            done += n
    possible = ((end - start).days + 1 - skips) * len(habits)
    return min(1.0, done / possible) if possible > 0 else None


def week_lists(db: Database, start: date, end: date, config: Config, today: date,
               masked: bool) -> list[tuple[str, list[str]]]:
    """The mood line, the week's policies (customers masked unless asked), outlets that
    broke zero this week and those still at zero in the period."""
    by_day = {m.day: m.score for m in journal.moods_between(db, start, end)}
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    scores = [by_day.get(d) for d in days]
    out: list[tuple[str, list[str]]] = []
    if any(s is not None for s in scores):
        out.append(("mood", [sparkline(scores) + "  " + " ".join(
            "–" if s is None else str(s) for s in scores)]))
    sold = policies.policies_between(db, start, end, limit=LIST_LIMIT)
    if sold:
        out.append(("policies", [
            f"{p.policy_no} · {p.product} · {p.premium:,.0f} · "
            f"{p.masked_name if masked else p.customer_name}" for p in sold]))
    cut = min(end, today)
    period = grades.period_of(cut, config.goals.period)
    broke = _broke_zero(db, period, start, end)
    if broke:
        out.append(("broke_zero", [f"{code} {name}" for code, name, _ in broke]))
    zero = grades.issuing_rate(db, period, cut, issuing_target(config.goals,
                                                               config.manager.grade)).zero_outlets
    if zero:
        more = [f"… +{len(zero) - LIST_LIMIT}"] if len(zero) > LIST_LIMIT else []
        out.append(("at_zero", [f"{code} {name}" for _, code, name in zero[:LIST_LIMIT]] + more))
    return out
