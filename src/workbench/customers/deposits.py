"""A customer's time deposits (定期存款): the amount band and the day it matures.

The maturity is the moment a bank customer decides where the money goes, so it is what
the manager keeps; the amount only as a band (no account numbers, no exact sums). An
amount a branch's list gives (到期金额(万元) 30) becomes its band on import and is not
stored: the band is all the plan needs to rank a conversation, and an exact sum is a
customer's financial data the manager's laptop (and a team bundle, or a lost machine)
would otherwise carry for no use of the app.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.customers import records

if TYPE_CHECKING:
    from sqlite_utils import Database

BANDS = ("under_50k", "50k_200k", "200k_500k", "500k_1m", "over_1m")
# Each band's lowest amount in yuan (the band holds up to the next one's, not included).
BAND_FLOORS = (0, 50_000, 200_000, 500_000, 1_000_000)


def band_of_amount(yuan: float) -> str:
    """The band an amount falls in: a sheet's 到期金额 is kept as its band only (see the
    module docstring: no exact sums in the manager's file)."""
    return next(b for b, floor in zip(BANDS[::-1], BAND_FLOORS[::-1], strict=True)
                if yuan >= floor)


@dataclass(frozen=True)
class Deposit:
    id: int
    customer_id: int
    band: str
    matures_on: date
    notes: str | None

    @property
    def band_label(self) -> str:
        return band_label(self.band)


def band_label(band: str) -> str:
    return t(f"customers.band.{band}")


def add_deposit(db: Database, customer_id: int, band: Any, matures_on: Any, notes: Any,
                now: datetime) -> int:
    """Record a deposit of a customer (not erased). Raises ValidationError."""
    customer = records.get_customer(db, customer_id)
    if customer.erased:
        raise ValidationError("customer", "customers.error.erased")
    row = {"customer_id": customer_id,
           "band": v.choice("deposit_band", str(band or "").strip(), BANDS),
           "matures_on": v.iso_date("deposit_matures", matures_on, required=True).isoformat(),
           "notes": v.text("deposit_notes", notes, max_len=500), "created_at": stamp(now)}
    with db.atomic():
        return db.table("deposits").insert(row).last_pk


def deposits_of(db: Database, customer_id: int) -> list[Deposit]:
    return [Deposit(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4]) for r in db.execute(
        "SELECT id, customer_id, band, matures_on, notes FROM deposits WHERE customer_id = ? "
        "ORDER BY matures_on, id", [customer_id]).fetchall()]


def maturing(db: Database, first: date, last: date) -> list[tuple[Deposit, int]]:
    """(deposit, customer id) maturing from ``first`` to ``last``, customers not erased."""
    return [(Deposit(r[0], r[1], r[2], date.fromisoformat(r[3]), r[4]), r[1])
            for r in db.execute(
                "SELECT d.id, d.customer_id, d.band, d.matures_on, d.notes FROM deposits d "
                "JOIN customers c ON c.id = d.customer_id WHERE c.erased_at IS NULL "
                "AND d.matures_on >= ? AND d.matures_on <= ? ORDER BY d.matures_on",
                [first.isoformat(), last.isoformat()]).fetchall()]
