"""Erasing a customer on request (删除个人信息): what is replaced, what is kept, and why.

Replaced, in one transaction: the customer's name (by ``#<id>``), phone, notes, pinyin
and consent; their deposits are deleted; their follow-ups keep their kind and day but
lose their text and notes; their linked policies keep number, product and premium (the
assessed figures) but lose the holder's name and phone. The contacts logged with them
are forgotten by the plan (``plan.customers.erase_customer`` runs both in one write).

Kept: the custody register. A register line of an original policy carries the holder's
name as it was signed for at the counter; the sign-off chain and the ledger seal every
column of a signed line, so changing it would break ``workbench check`` and the
evidence the register exists for. Those lines stay as signed (shown and exported masked,
``register.book``); ``erase`` counts them so the manager can say so to the customer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from workbench.assessment import policies
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.customers import records
from workbench.register.schema import NOT_VOIDED

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Erased:
    customer_id: int
    policies: int  # policies whose holder fields were replaced
    register_lines: int  # register lines kept as signed (they name the holder)
    contact_ids: tuple[int, ...]  # contacts logged with the customer (the plan forgets)


def placeholder(customer_id: int) -> str:
    """What stands in for an erased customer's name (no personal data, still unique)."""
    return f"#{customer_id}"


def erase(db: Database, customer_id: int, now: datetime) -> Erased:
    """Replace the customer's personal fields (see the module docstring)."""
    customer = records.get_customer(db, customer_id)
    if customer.erased:
        raise ValidationError("customer", "customers.error.erased")
    stand_in = placeholder(customer_id)
    with db.atomic():
        db.execute("UPDATE customers SET name = ?, phone = NULL, notes = NULL, initials = '', "
                   "source_text = NULL, "
                   "consent = 0, erased_at = ?, updated_at = ? WHERE id = ?",
                   [stand_in, stamp(now), stamp(now), customer_id])
        db.execute("DELETE FROM deposits WHERE customer_id = ?", [customer_id])
        contact_ids = tuple(r[0] for r in db.execute(
            "SELECT contact_id FROM followups WHERE customer_id = ? AND contact_id IS NOT NULL",
            [customer_id]).fetchall())
        db.execute("UPDATE followups SET what = kind, notes = NULL WHERE customer_id = ?",
                   [customer_id])
        linked = [r[0] for r in db.execute(
            "SELECT policy_id FROM customer_policies WHERE customer_id = ?",
            [customer_id]).fetchall()]
        numbers = [policies.get_policy(db, pid).policy_no for pid in linked]
        changed = policies.erase_holders(db, linked, stand_in)
    kept = 0
    for number in numbers:
        kept += db.execute(f"SELECT count(*) FROM deliveries d WHERE d.policy_no = ? "
                           f"AND {NOT_VOIDED}", [number]).fetchone()[0]
    return Erased(customer_id, changed, kept, contact_ids)
