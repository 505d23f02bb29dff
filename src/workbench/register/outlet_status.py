"""The register per outlet over a span of days: lines delivered, sign-offs, lines still
awaiting a signature (the reports' register sheet and per-outlet table)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from workbench.register.deliveries import awaiting_counts
from workbench.register.schema import NOT_VOIDED

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class OutletRegister:
    delivered: int  # live lines delivered in the span
    quantity: int  # items on them
    signoffs: int  # counter sign-offs in the span
    awaiting: int  # lines awaiting a signature now


def register_by_outlet(db: Database, start: date, end: date) -> dict[int, OutletRegister]:
    """Outlet id -> its register figures for ``start`` .. ``end`` (inclusive)."""
    lo, hi = start.isoformat(), (end + timedelta(days=1)).isoformat()
    delivered = {r[0]: (r[1], r[2]) for r in db.execute(
        f"SELECT d.outlet_id, count(*), sum(d.quantity) FROM deliveries d "
        f"WHERE d.delivered_at >= ? AND d.delivered_at < ? AND {NOT_VOIDED} "
        f"GROUP BY d.outlet_id", [lo, hi]).fetchall()}
    signed = dict(db.execute(
        "SELECT outlet_id, count(*) FROM signoffs WHERE signed_at >= ? AND signed_at < ? "
        "GROUP BY outlet_id", [lo, hi]).fetchall())
    awaiting = awaiting_counts(db)
    return {oid: OutletRegister(delivered.get(oid, (0, 0))[0], delivered.get(oid, (0, 0))[1],
                                signed.get(oid, 0), awaiting.get(oid, 0))
            for oid in set(delivered) | set(signed) | set(awaiting)}
