"""The customers' figures and lists for the weekly review: customers added, follow-ups
done, and the tellers credited with the week's referred sales (``referrals``)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.core.config import Config
from workbench.core.i18n import t
from workbench.customers import referrals

if TYPE_CHECKING:
    from sqlite_utils import Database


def week_figures(db: Database, start: date, end: date, config: Config,
                 today: date) -> list[tuple[str, str, float | None, str]]:
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    added = db.execute("SELECT count(*) FROM customers WHERE created_at >= ? AND created_at < ?",
                       [lo, hi]).fetchone()[0]
    done = db.execute("SELECT count(*) FROM followups WHERE status = 'done' AND done_at >= ? "
                      "AND done_at < ?", [lo, hi]).fetchone()[0]
    credited = referrals.by_staff(db, None, start, end)
    return [
        ("customers", "customers_added", added, "count"),
        ("customers", "followups_done", done, "count"),
        ("customers", "referred_converted", sum(r.converted for r in credited), "count"),
        ("customers", "referred_premium", sum(r.premium for r in credited), "money"),
    ]


def week_lists(db: Database, start: date, end: date, config: Config, today: date,
               masked: bool) -> list[tuple[str, list[str]]]:
    """The tellers credited this week (staff names: the bank's side, never masked)."""
    items = [t("customers.credit_line", name=r.name, referred=r.referred,
               converted=r.converted, premium=f"{r.premium:,.0f}")
             for r in referrals.by_staff(db, None, start, end)]
    return [("referrals", items)] if items else []
