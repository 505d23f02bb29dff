"""Contacts logged through the day: bank staff maintained (维护内部员工) and customers
talked to (与客户交流), two of the three must-dos.

One table, one form: kind ``staff`` (a staff member picked from the outlets' staff, so
the outlet follows from them) or ``customer`` (a name typed freely, optionally at an
outlet). Customer names are personal data: lists show them masked (张**).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.migrations import Migrations
from workbench.core.privacy import mask_name
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

migrations = Migrations("workbench.contacts")

KINDS = ("staff", "customer")


@migrations()
def m001_contacts(db: Database) -> None:
    db.execute("""
        CREATE TABLE contacts (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL CHECK (kind IN ('staff', 'customer')),
            staff_id INTEGER REFERENCES staff(id),
            customer TEXT,
            outlet_id INTEGER REFERENCES outlets(id),
            note TEXT,
            at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            CHECK ((kind = 'staff' AND staff_id IS NOT NULL AND outlet_id IS NOT NULL
                    AND customer IS NULL)
                OR (kind = 'customer' AND staff_id IS NULL AND length(customer) > 0))
        ) STRICT""")
    db.execute("CREATE INDEX contacts_at ON contacts(at)")
    db.execute("CREATE INDEX contacts_outlet ON contacts(outlet_id, kind, at)")


@dataclass(frozen=True)
class Contact:
    id: int
    kind: str
    who: str  # staff name, or the customer's name masked
    outlet_id: int | None
    outlet_name: str | None
    note: str | None
    at: datetime




def log_contact(db: Database, kind: str, at: datetime, *, staff_id: object = None,
                customer: object = "", outlet_id: object = None, note: object = "") -> int:
    """Validate, then write one contact. Returns its id."""
    kind = v.choice("contact_kind", kind, KINDS)
    clean_note = v.text("contact_note", note)
    row: dict[str, object] = {"kind": kind, "note": clean_note, "at": stamp(at),
                              "created_at": stamp(at)}
    if kind == "staff":
        if staff_id in (None, ""):
            raise ValidationError("staff", "error.required")
        try:
            sid = int(str(staff_id))
        except ValueError:
            raise ValidationError("staff", "error.no_such_staff") from None
        found = db.execute("SELECT outlet_id, active FROM staff WHERE id = ?", [sid]).fetchone()
        if found is None:
            raise ValidationError("staff", "error.no_such_staff")
        row.update(staff_id=sid, customer=None, outlet_id=found[0])
    else:
        name = v.name("contact_customer", customer, required=True)
        oid = None
        if outlet_id not in (None, ""):
            oid = outlets.chosen_outlet(db, str(outlet_id).strip()).id
        row.update(staff_id=None, customer=name, outlet_id=oid)
    with db.atomic():
        return db.table("contacts").insert(row).last_pk


def contacts_on(db: Database, day: date) -> list[Contact]:
    """Contacts logged on ``day``, in time order; customer names masked."""
    rows = db.execute("""
        SELECT c.id, c.kind, s.name, c.customer, c.outlet_id, o.name, c.note, c.at
        FROM contacts c LEFT JOIN staff s ON s.id = c.staff_id
        LEFT JOIN outlets o ON o.id = c.outlet_id
        WHERE c.at >= ? AND c.at < ? ORDER BY c.at, c.id""",
        [day.isoformat(), (day + timedelta(days=1)).isoformat()]).fetchall()
    return [Contact(id=r[0], kind=r[1], who=r[2] if r[1] == "staff" else mask_name(r[3]),
                    outlet_id=r[4], outlet_name=r[5], note=r[6],
                    at=datetime.fromisoformat(r[7])) for r in rows]


def last_staff_contact(db: Database, before: date) -> dict[int, date]:
    """Outlet id -> the day of the latest staff contact logged there up to ``before``."""
    rows = db.execute(
        "SELECT outlet_id, max(at) FROM contacts WHERE kind = 'staff' AND at < ? "
        "GROUP BY outlet_id", [(before + timedelta(days=1)).isoformat()]).fetchall()
    return {r[0]: date.fromisoformat(r[1][:10]) for r in rows}


def staff_choices(db: Database, outlet_id: int | None = None,
                  limit: int = 500) -> list[tuple[int, str, str]]:
    """(staff id, name, outlet name) of active staff, for the contact form's picker."""
    where = "s.active = 1 AND o.active = 1" + (" AND s.outlet_id = ?" if outlet_id else "")
    params: list[object] = [outlet_id] if outlet_id else []
    return [tuple(r) for r in db.execute(
        f"SELECT s.id, s.name, o.name FROM staff s JOIN outlets o ON o.id = s.outlet_id "
        f"WHERE {where} ORDER BY o.code, s.id LIMIT ?", [*params, limit]).fetchall()]


def forget_customer(db: Database, contact_ids: list[int], placeholder: str) -> int:
    """Replace the customer's name and the note of ``contact_ids`` (a customer erased on
    request); the contacts still count for their day. The number changed."""
    if not contact_ids:
        return 0
    marks = ",".join("?" * len(contact_ids))
    with db.atomic():
        return db.execute(f"UPDATE contacts SET customer = ?, note = NULL WHERE id IN ({marks}) "
                          "AND kind = 'customer'", [placeholder, *contact_ids]).rowcount
