"""The daily plan's figures for the weekly review: the must-dos and own tasks over a week.

Check-ins are judged by the same activity rules as the plan's daily self-audit
(``plan.audit_checkins``), day by day, so the week and the plan never disagree.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.plan.agenda import audit_checkins
from workbench.roster import outlets
from workbench.roster import visits as roster_visits

if TYPE_CHECKING:
    from sqlite_utils import Database


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    """Check-ins that count, contacts, tasks done and tasks carried past ``end``."""
    checkins = counting = 0
    day = start
    while day <= end:
        visits = roster_visits.visits_on(db, day)
        names = outlets.outlet_names(db, {x.outlet_id for x in visits})
        audit = audit_checkins(visits, names, config)
        checkins += len(audit)
        counting += sum(1 for a in audit if a.counts)
        day += timedelta(days=1)
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    staff, customers = db.execute(
        "SELECT count(*) FILTER (WHERE kind = 'staff'), count(*) FILTER (WHERE kind = 'customer') "
        "FROM contacts WHERE at >= ? AND at < ?", [lo, hi]).fetchone()
    done = db.execute("SELECT count(*) FROM tasks WHERE done_on >= ? AND done_on <= ?",
                      [start.isoformat(), end.isoformat()]).fetchone()[0]
    # Carried over: due by the week's last day (or today, in the current week) and not
    # done by then. Open tasks use the tasks_open index (done_on IS NULL, due).
    cut = min(end, today).isoformat()
    carried = sum(db.execute(sql, params).fetchone()[0] for sql, params in (
        ("SELECT count(*) FROM tasks WHERE done_on IS NULL AND due <= ?", [cut]),
        ("SELECT count(*) FROM tasks WHERE done_on > ? AND due <= ?", [cut, cut])))
    return [
        ("activity", "checkins", checkins, "count"),
        ("activity", "checkins_counting", counting, "count"),
        ("activity", "staff_contacts", staff, "count"),
        ("activity", "customer_contacts", customers, "count"),
        ("activity", "tasks_done", done, "count"),
        ("activity", "tasks_carried_over", carried, "count"),
    ]
