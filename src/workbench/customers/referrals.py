"""Teller referrals counted (共同寻找准客户): per staff member and per outlet, the
prospects they referred, how many converted (sold or in service) and the premium of the
live policies linked to those customers; and the key tellers (以点带面).

A customer counts for the staff member who referred them (``customers.referrer_id``)
and for that member's outlet (a referrer works where the customer banks, ``records``).
Without a period: every customer referred, those converted, the premium of their live
policies. With a period (``start``..``end``, a week): customers added in it, customers
with a live policy issued in it, and that premium.
The key tellers of an outlet are its ``KEY_TELLERS`` referrers with the most
conversions (at least one), more premium first on a tie, then more referrals.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.customers.stages import CONVERTED

if TYPE_CHECKING:
    from sqlite_utils import Database

KEY_TELLERS = 2


@dataclass(frozen=True)
class Referrals:
    staff_id: int | None  # None: the outlet's total
    name: str
    outlet_id: int | None
    referred: int
    converted: int
    premium: float


def by_staff(db: Database, outlet_id: int | None = None, start: date | None = None,
             end: date | None = None) -> list[Referrals]:
    """Each referring staff member's counts (of one outlet's staff when given), the most
    conversions first; with a period, only what happened in it."""
    converted = ",".join(f"'{s}'" for s in CONVERTED)
    live = "p.voided_at IS NULL"
    params: list[object] = []
    if start is None or end is None:
        added, sold = "1 = 1", f"c.stage IN ({converted})"
    else:
        lo, hi = start.isoformat(), end.isoformat()
        added = "c.created_at >= ? AND c.created_at < ?"
        live += " AND p.issue_date >= ? AND p.issue_date <= ?"
        sold = (f"EXISTS (SELECT 1 FROM customer_policies cp JOIN policies p "
                f"ON p.id = cp.policy_id WHERE cp.customer_id = c.id AND {live})")
        # in the order of the ?s below: premium, referred, converted
        params = [lo, hi, lo, (end + timedelta(days=1)).isoformat(), lo, hi]
    where = " WHERE s.outlet_id = ?" if outlet_id is not None else ""
    rows = db.execute(f"""
        SELECT s.id, s.name, s.outlet_id,
               coalesce(sum((SELECT sum(p.premium) FROM customer_policies cp
                              JOIN policies p ON p.id = cp.policy_id
                              WHERE cp.customer_id = c.id AND {live})), 0),
               count(*) FILTER (WHERE {added}),
               count(*) FILTER (WHERE {sold})
        FROM customers c JOIN staff s ON s.id = c.referrer_id{where}
        GROUP BY s.id""",
        [*params, *([outlet_id] if outlet_id is not None else [])]).fetchall()
    out = [Referrals(r[0], r[1], r[2], r[4], r[5], float(r[3])) for r in rows
           if r[4] or r[5] or r[3]]
    return sorted(out, key=lambda x: (-x.converted, -x.premium, -x.referred, x.name))


def by_outlet(db: Database, start: date | None = None,
              end: date | None = None) -> dict[int, Referrals]:
    """Outlet id -> the counts of the customers its staff referred."""
    totals: dict[int, Referrals] = {}
    for r in by_staff(db, None, start, end):
        if r.outlet_id is None:
            continue
        seen = totals.get(r.outlet_id)
        totals[r.outlet_id] = Referrals(
            None, "", r.outlet_id, r.referred + (seen.referred if seen else 0),
            r.converted + (seen.converted if seen else 0),
            r.premium + (seen.premium if seen else 0.0))
    return totals


def key_tellers(db: Database, outlet_id: int) -> list[Referrals]:
    """The outlet's 1–2 referrers with the most conversions (none without one)."""
    return [r for r in by_staff(db, outlet_id) if r.converted > 0][:KEY_TELLERS]


@dataclass(frozen=True)
class OutletReferrals:
    """What the outlet card shows: the outlet's totals and its key tellers."""

    total: Referrals
    key: list[Referrals]


def for_outlet(db: Database, outlet_id: int) -> OutletReferrals:
    staff = by_staff(db, outlet_id)
    total = Referrals(None, "", outlet_id, sum(r.referred for r in staff),
                      sum(r.converted for r in staff), sum(r.premium for r in staff))
    return OutletReferrals(total, [r for r in staff if r.converted > 0][:KEY_TELLERS])
