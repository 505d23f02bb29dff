"""What an outlet's resource card shows, read in a worker: by the card itself, or by
the roster ahead of Enter while the cursor rests on the outlet's row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from workbench.core.i18n import t
from workbench.fieldwork import trainings
from workbench.roster import outlets
from workbench.roster import staff as roster_staff
from workbench.roster import visits as roster_visits
from workbench.targets.progress import Progress, outlet_progress

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class CardData:
    """One load of the card: the outlet, its staff, its last 100 visits, the next due."""

    outlet: outlets.Outlet
    staff: list[roster_staff.Staff]
    history: list[roster_visits.Visit]
    due: date
    last_trained: date | None = None  # the staff's last 早会, 培训 or 宣导 here
    targets: list[Progress] = field(default_factory=list)  # this month, quarter, year
    referrals: Any = None  # customers.referrals.OutletReferrals: the tellers' referrals


def card_data(db: Database, app: Any, outlet_id: int) -> CardData:
    """What the card shows (a worker's read: the card's own, or the roster's read-ahead)."""
    outlet = outlets.get_outlet(db, outlet_id)
    history = roster_visits.visits_for(db, outlet_id, limit=100)
    last = next((v.started_at.date() for v in history if v.ended_at and v.clears_due), None)
    due = outlets.next_due(last, outlet.tier, app.config.visits.cadence_days, app.today)
    people = roster_staff.list_staff(db, outlet_id, include_inactive=True)
    return CardData(outlet, people, history, due,
                    trainings.last_trained(db, outlet_id, app.today),
                    outlet_progress(db, outlet_id, app.today), _referrals(db, outlet_id))


def _referrals(db: Database, outlet_id: int) -> Any:
    from workbench.customers.referrals import for_outlet

    return for_outlet(db, outlet_id)


def last_trained_line(last: date | None, today: date) -> tuple[str, str]:
    """The card's "last trained 23 days ago" figure."""
    if last is None:
        return t("card.last_trained"), t("card.never_trained")
    days = (today - last).days
    return t("card.last_trained"), (t("card.trained_today") if days == 0
                                    else t("card.trained_ago", days=days))
