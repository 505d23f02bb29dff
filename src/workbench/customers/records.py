"""Customers as records: cleaning a draft (the form's and the importer's one rule), adding,
editing, moving a stage, reading and listing.

A customer banks at an outlet (optional for a walk-in met at an event) and may have been
referred by a member of its staff (共同寻找准客户): a referrer works at the customer's
outlet, and names it when the outlet is left empty. Phone numbers and names are
personal data: lists show them masked (``core.privacy``), and an erased customer
(``erasure``) keeps no personal field.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.core.i18n import t
from workbench.core.privacy import mask_name, mask_phone
from workbench.core.text import search_keys
from workbench.customers.stages import STAGES, check_move
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database

SOURCES = ("referral", "walk_in", "event", "existing_policy", "other")
# What a consent cell or field may say (forms give 1/0; sheets say 是/否, yes/no ...).
YES = ("1", "y", "yes", "true", "是", "同意", "有")
NO = ("", "0", "n", "no", "false", "否", "不同意", "无")


@dataclass(frozen=True)
class CustomerDraft:
    """Raw values of a customer as typed in a form or read from a sheet (all text)."""

    name: Any = ""
    phone: Any = ""
    outlet: Any = ""  # outlet id or code
    referrer: Any = ""  # staff id
    source: Any = "referral"
    stage: Any = "prospect"
    notes: Any = ""
    consent: Any = ""
    source_text: Any = None  # a sheet's source as written; None: a form's (kept, see update)


@dataclass(frozen=True)
class Customer:
    id: int
    name: str
    phone: str | None
    outlet_id: int | None
    outlet_name: str | None
    referrer_id: int | None
    referrer_name: str | None
    source: str
    stage: str
    notes: str | None
    consent: bool
    erased: bool
    initials: str = ""
    outlet_code: str | None = None  # what tells outlets apart when a table cuts the name
    source_text: str | None = None  # the source as a branch's list wrote it (产说会)

    @property
    def source_shown(self) -> str:
        return self.source_text or t(f"customers.source.{self.source}")

    @property
    def masked_name(self) -> str:
        return mask_name(self.name) if not self.erased else self.name

    @property
    def masked_phone(self) -> str:
        return mask_phone(self.phone)


def consent_value(field: str, value: Any) -> int:
    """1 or 0 from what a form or a sheet says (是/否, yes/no, 1/0)."""
    text = str(value if value is not None else "").strip().lower()
    if text in YES:
        return 1
    if text in NO:
        return 0
    raise ValidationError(field, "error.bad_choice", options="是/否 yes/no 1/0")


def _outlet_id(db: Database, value: Any) -> int | None:
    """The outlet a form or sheet names by id (a sheet's code is read as an id first)."""
    raw = str(value if value is not None else "").strip()
    if not raw:
        return None
    try:
        return outlets.chosen_outlet(db, raw, "customer_outlet").id
    except ValidationError as exc:  # named under the customer's field, not "outlet"
        raise ValidationError("customer_outlet", exc.key, **exc.params) from None


def clean_customer(db: Database, draft: CustomerDraft) -> dict[str, Any]:
    """Validate a draft; the column values to store. Raises ValidationError (one field)."""
    name = v.name("customer_name", draft.name)
    phone = v.phone("customer_phone", draft.phone)
    outlet_id = _outlet_id(db, draft.outlet)
    referrer_id = None
    raw_referrer = str(draft.referrer if draft.referrer is not None else "").strip()
    if raw_referrer:
        referrer_id = v.record_id("customer_referrer", raw_referrer)
        found = db.execute("SELECT outlet_id FROM staff WHERE id = ?", [referrer_id]).fetchone()
        if found is None:
            raise ValidationError("customer_referrer", "error.no_such_staff")
        if outlet_id is None:
            outlet_id = found[0]
        elif found[0] != outlet_id:
            raise ValidationError("customer_referrer", "customers.error.referrer_elsewhere")
    source = v.choice("customer_source", str(draft.source or "").strip() or "referral",
                      SOURCES)
    stage = v.choice("customer_stage", str(draft.stage or "").strip() or "prospect", STAGES)
    notes = v.text("customer_notes", draft.notes, max_len=2000)
    row = {"name": name, "phone": phone, "outlet_id": outlet_id, "referrer_id": referrer_id,
           "source": source, "stage": stage, "notes": notes,
           "consent": consent_value("customer_consent", draft.consent),
           "initials": search_keys(name)}
    if draft.source_text is not None:
        row["source_text"] = v.name("customer_source", draft.source_text, required=False)
    return row


def add_customer(db: Database, draft: CustomerDraft, now: datetime) -> int:
    """Write a new customer; their id. Raises ValidationError (nothing written)."""
    row = clean_customer(db, draft)
    row.update(created_at=stamp(now), updated_at=stamp(now))
    with db.atomic():
        return db.table("customers").insert(row).last_pk


def update_customer(db: Database, customer_id: int, draft: CustomerDraft,
                    now: datetime) -> None:
    """Save an edit; a changed stage must be an allowed move (``stages``)."""
    current = get_customer(db, customer_id)
    if current.erased:
        raise ValidationError("customer_name", "customers.error.erased")
    row = clean_customer(db, draft)
    check_move(current.stage, row["stage"])
    if "source_text" not in row and row["source"] != current.source:
        row["source_text"] = None  # a source chosen anew: the list's words no longer fit
    row["updated_at"] = stamp(now)
    with db.atomic():
        db.table("customers").update(customer_id, row)


def move_stage(db: Database, customer_id: int, stage: str, now: datetime) -> None:
    """Move a customer to ``stage`` when the move is allowed (else ValidationError)."""
    current = get_customer(db, customer_id)
    check_move(current.stage, stage)
    with db.atomic():
        db.execute("UPDATE customers SET stage = ?, updated_at = ? WHERE id = ?",
                   [stage, stamp(now), customer_id])


_SQL = """
    SELECT c.id, c.name, c.phone, c.outlet_id, o.name, c.referrer_id, s.name, c.source,
           c.stage, c.notes, c.consent, c.erased_at IS NOT NULL, c.initials, o.code,
           c.source_text
    FROM customers c LEFT JOIN outlets o ON o.id = c.outlet_id
    LEFT JOIN staff s ON s.id = c.referrer_id
"""


def _customer(r: tuple) -> Customer:
    return Customer(id=r[0], name=r[1], phone=r[2], outlet_id=r[3], outlet_name=r[4],
                    referrer_id=r[5], referrer_name=r[6], source=r[7], stage=r[8], notes=r[9],
                    consent=bool(r[10]), erased=bool(r[11]), initials=r[12],
                    outlet_code=r[13], source_text=r[14])


def get_customer(db: Database, customer_id: int) -> Customer:
    r = db.execute(_SQL + " WHERE c.id = ?", [customer_id]).fetchone()
    if r is None:
        raise ValidationError("customer", "customers.error.no_such_customer")
    return _customer(r)


def _stage_filter(stage: str | None) -> tuple[str, list[str]]:
    """The WHERE clause (on ``customers c``) for one stage, or none for all."""
    return (" WHERE c.stage = ?", [stage]) if stage else ("", [])


def list_customers(db: Database, stage: str | None = None, limit: int = 2000) -> list[Customer]:
    """Customers (of one stage, or all), erased ones last, then by outlet and name."""
    where, params = _stage_filter(stage)
    return [_customer(r) for r in db.execute(
        _SQL + where + " ORDER BY c.erased_at IS NOT NULL, o.code, c.initials, c.id LIMIT ?",
        [*params, limit]).fetchall()]


def count_customers(db: Database, stage: str | None = None) -> int:
    """How many customers ``list_customers`` would list without its limit."""
    where, params = _stage_filter(stage)
    return db.execute(f"SELECT count(*) FROM customers c{where}", params).fetchone()[0]


def find_customer(db: Database, name: str, phone: str | None,
                  outlet_id: int | None) -> int | None:
    """The customer a policy holder is: same name and phone, or (without a phone) the same
    name at the same outlet; None when there is none or more than one."""
    if phone:
        rows = db.execute("SELECT id FROM customers WHERE name = ? AND phone = ? "
                          "AND erased_at IS NULL", [name, phone]).fetchall()
    else:
        rows = db.execute("SELECT id FROM customers WHERE name = ? AND outlet_id IS ? "
                          "AND erased_at IS NULL", [name, outlet_id]).fetchall()
    return rows[0][0] if len(rows) == 1 else None
