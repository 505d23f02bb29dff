"""Displays at the outlets (网点布置): the checklist of display items (海报, 展板, 宣传栏,
黑板报, and the user's own from ``[fieldwork] display_items``) checked on a visit, and
the ones gone stale.

Owns every write to ``display_checks``. A check records, per item looked at, whether it
was up on that day; checks are only added, so the history stays. An item is tracked at
an outlet once it was checked there; it is stale when its last check found it down, or
when it was last seen up ``[fieldwork] display_days`` or more days ago.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.roster.outlets import chosen_outlet

if TYPE_CHECKING:
    from sqlite_utils import Database


def record_check(db: Database, outlet_id: int, seen: Mapping[str, bool], day: object,
                 today: date, now: datetime) -> int:
    """Store one check of the items in ``seen`` (item -> up) on ``day``; the rows
    written. ``day`` as typed (YYYY-MM-DD) or a date; never after ``today``."""
    outlet = chosen_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    checked_on = v.iso_date("checked_on", day, required=True)
    if checked_on > today:
        raise ValidationError("checked_on", "error.display_in_future",
                              day=checked_on.isoformat())
    items = {v.name("items", item): bool(up) for item, up in seen.items()}
    if not items:
        raise ValidationError("items", "error.display_none")
    rows = [{"outlet_id": outlet.id, "item": item, "checked_on": checked_on.isoformat(),
             "up": int(up), "created_at": stamp(now)} for item, up in items.items()]
    with db.atomic():
        db.table("display_checks").insert_all(rows)
    return len(rows)


@dataclass(frozen=True)
class DisplayState:
    """An item at an outlet: its last check and the last day it was seen up."""

    outlet_id: int
    code: str
    name: str
    item: str
    last_checked: date
    up: bool  # at the last check
    last_up: date | None

    def stale(self, today: date, days: int) -> bool:
        return not self.up or self.last_up is None or (today - self.last_up).days >= days

    def days_since_up(self, today: date) -> int | None:
        return (today - self.last_up).days if self.last_up else None


def _states(db: Database, params: list[object], *, checks: str = "",
            outlets: str = "") -> list[DisplayState]:
    """Items' states; ``checks`` and ``outlets``: WHERE clauses on each table (or none)."""
    # Each (outlet, item)'s last check and last day up, from the index alone, before the
    # outlets are joined (one lookup per item, not per check); then the up of that last
    # check (the newest row on its day).
    rows = db.execute(f"""
        SELECT g.outlet_id, o.code, o.name, g.item, g.last,
          (SELECT e.up FROM display_checks e WHERE e.outlet_id = g.outlet_id
             AND e.item = g.item ORDER BY e.checked_on DESC, e.id DESC LIMIT 1),
          g.last_up
        FROM (SELECT d.outlet_id, d.item, max(d.checked_on) AS last,
                max(CASE WHEN d.up = 1 THEN d.checked_on END) AS last_up
              FROM display_checks d {checks} GROUP BY d.outlet_id, d.item) g
        JOIN outlets o ON o.id = g.outlet_id
        {outlets} ORDER BY o.code, g.item""", params).fetchall()
    return [DisplayState(outlet_id=r[0], code=r[1], name=r[2], item=r[3],
                         last_checked=date.fromisoformat(r[4]), up=bool(r[5]),
                         last_up=date.fromisoformat(r[6]) if r[6] else None) for r in rows]


def displays_at(db: Database, outlet_id: int) -> list[DisplayState]:
    """Every item ever checked at the outlet, with its last check."""
    return _states(db, [outlet_id], checks="WHERE d.outlet_id = ?")


def stale_displays(db: Database, today: date, days: int) -> list[DisplayState]:
    """Items at active outlets found down at their last check or not seen up for
    ``days`` or more days. Down or never up before all, the oldest check first (the
    plan shows a down item with the day it was found down); then the longest unseen."""
    found = [s for s in _states(db, [], outlets="WHERE o.active = 1") if s.stale(today, days)]
    found.sort(key=lambda s: (s.up and s.last_up is not None,
                              s.last_checked if not s.up else date.min,
                              -(s.days_since_up(today) or 0), s.code, s.item))
    return found
