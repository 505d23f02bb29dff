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
    live = "p.voided_at IS NULL"
    where = " WHERE s.outlet_id = :outlet" if outlet_id is not None else ""
    params: dict[str, object] = {"outlet": outlet_id}
    if start is None or end is None:
        converted = ",".join(f"'{s}'" for s in CONVERTED)
        base = "FROM customers c JOIN staff s ON s.id = c.referrer_id"
        added, sold = "1 = 1", f"c.stage IN ({converted})"
        head = ""
    else:
        params.update(lo=start.isoformat(), hi=end.isoformat(),
                      next=(end + timedelta(days=1)).isoformat())
        live += " AND p.issue_date >= :lo AND p.issue_date <= :hi"
        # Only the customers the period touched (added in it, or sold to in it), each
        # found through an index: a week reads that week, not every customer ever.
        head = f"""WITH touched(id) AS (
            SELECT id FROM customers WHERE created_at >= :lo AND created_at < :next
            UNION
            SELECT cp.customer_id FROM policies p
            JOIN customer_policies cp ON cp.policy_id = p.id WHERE {live}) """
        base = ("FROM touched JOIN customers c ON c.id = touched.id "
                "JOIN staff s ON s.id = c.referrer_id")
        added = "c.created_at >= :lo AND c.created_at < :next"
        sold = (f"EXISTS (SELECT 1 FROM customer_policies cp JOIN policies p "
                f"ON p.id = cp.policy_id WHERE cp.customer_id = c.id AND {live})")
    rows = db.execute(f"""{head}
        SELECT s.id, s.name, s.outlet_id,
               coalesce(sum((SELECT sum(p.premium) FROM customer_policies cp
                              JOIN policies p ON p.id = cp.policy_id
                              WHERE cp.customer_id = c.id AND {live})), 0),
               count(*) FILTER (WHERE {added}),
               count(*) FILTER (WHERE {sold})
        {base}{where}
        GROUP BY s.id""", params).fetchall()
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
