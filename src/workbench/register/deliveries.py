"""The custody register (单证登记本): delivery lines — logging one, reading the register.

What the manager brings to an outlet is a *delivery line* (``deliveries``): a quantity of
a kind, a serial range for controlled stationery (``serials``), or one original policy.
A line awaits a bank employee's signature at the counter (``chain.sign_off``), and is
never edited or deleted once signed: it is voided with a reason (``voids.void_line``)
and a corrected line is logged (``corrects_id`` points at the voided one).

The schema and the triggers that keep all this append-only (also against a plain
``sqlite3`` connection and ``INSERT OR REPLACE``) are in ``register.schema``. Original
policies' receipts and callbacks live in ``receipts.py`` (dates in ``deadlines.py``),
stock in ``stock.py``; collected application forms in ``applications.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import parse_stamp, stamp
from workbench.core.config import Config, DeliveriesConfig
from workbench.core.errors import ValidationError
from workbench.register import ledger, witness
from workbench.register.schema import NOT_VOIDED
from workbench.register.serials import SerialRange, issued_overlap, parse_serial_range
from workbench.roster import outlets

if TYPE_CHECKING:
    from sqlite_utils import Database


MAX_QUANTITY = 1_000_000


# --- dataclasses -----------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One register line with its outlet, status and sign-off (if any)."""

    id: int
    outlet_id: int
    outlet_code: str
    outlet_name: str
    kind: str
    quantity: int
    serials: SerialRange | None
    policy_no: str | None
    customer: str | None
    note: str | None
    corrects_id: int | None
    delivered_at: datetime
    signoff_id: int | None
    signer: str | None
    signed_at: datetime | None
    page_no: str | None
    void_reason: str | None
    voided_at: datetime | None

    @property
    def status(self) -> str:
        if self.voided_at is not None:
            return "voided"
        return "signed" if self.signoff_id is not None else "awaiting"

    @property
    def what(self) -> str:
        """Quantity, serial range or policy number as the register book shows it."""
        if self.policy_no:
            return self.policy_no
        if self.serials:
            return f"{self.quantity} · {self.serials}"
        return str(self.quantity)

    @property
    def short_what(self) -> str:
        """``what`` for a narrow column: a serial range's end shortened (``serials.short``)."""
        if self.serials and not self.policy_no:
            return f"{self.quantity} · {self.serials.short()}"
        return self.what


@dataclass(frozen=True)
class RegisterFilter:
    outlet_id: int | None = None
    kind: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None


# --- helpers ---------------------------------------------------------------------


def _kind(cfg: DeliveriesConfig, value: Any) -> str:
    return v.choice("kind", value, cfg.kinds)


def policy_line(db: Database, policy_no: str) -> int | None:
    """The id of the live (not voided) register line of ``policy_no``, if there is one."""
    r = db.execute(f"SELECT d.id FROM deliveries d WHERE d.policy_no = ? AND {NOT_VOIDED} "
                   "LIMIT 1", [policy_no]).fetchone()
    return r[0] if r else None


# --- logging a delivery -----------------------------------------------------------


def add_delivery(db: Database, config: Config, *, outlet_id: int, kind: str,
                 quantity: Any = 1, serials: Any = "", policy_no: Any = "",
                 customer: Any = "", note: Any = "", delivered_at: datetime | None = None,
                 corrects_id: int | None = None, now: datetime) -> int:
    """Log one delivery line (awaiting signature); returns its id.

    ``kind`` is one of ``config.deliveries.kinds``. Serial-numbered kinds need
    ``serials`` (a range, see ``parse_serial_range``) whose count equals ``quantity``.
    The policy kind needs ``policy_no`` (quantity is 1) and may carry the policy
    holder's name in ``customer`` (masked in lists and exports). ``delivered_at``
    defaults to ``now`` and may not lie in the future. ``corrects_id`` names the voided
    line this one replaces. Self-assessment calls this for a newly logged policy:
    ``add_delivery(db, config, outlet_id=..., kind=config.deliveries.policy_kind,
    policy_no=..., customer=..., now=now)``.
    """
    cfg = config.deliveries
    outlet = outlets.chosen_outlet(db, outlet_id)
    if not outlet.active:
        raise ValidationError("outlet", "error.outlet_inactive", name=outlet.name)
    kind = _kind(cfg, kind)
    at = (delivered_at or now).replace(microsecond=0)
    if at > now.replace(microsecond=0) + timedelta(minutes=1):
        raise ValidationError("delivered_at", "deliveries.error.future")
    row: dict[str, Any] = {
        "outlet_id": outlet.id, "kind": kind, "note": v.text("note", note),
        "delivered_at": stamp(at), "created_at": stamp(now),
        "serial_prefix": None, "serial_from": None, "serial_to": None, "serial_width": None,
        "policy_no": None, "customer": None, "corrects_id": None,
    }
    if kind == cfg.policy_kind:
        number = v.text("policy_no", policy_no, required=True, max_len=40)
        if not re.fullmatch(r"[A-Za-z0-9\-]+", number):
            raise ValidationError("policy_no", "deliveries.error.bad_policy_no")
        if quantity not in (None, "", 1, "1"):
            raise ValidationError("quantity", "deliveries.error.policy_quantity")
        taken = policy_line(db, number)
        if taken is not None:
            raise ValidationError("policy_no", "deliveries.error.policy_twice",
                                  number=number, line=taken)
        row.update(quantity=1, policy_no=number,
                   customer=v.name("customer", customer, required=False))
    else:
        qty = v.integer("quantity", quantity, required=True, minimum=1, maximum=MAX_QUANTITY)
        row["quantity"] = qty
        if kind in cfg.serial_kinds:
            rng = parse_serial_range(serials)
            if rng.count != qty:
                raise ValidationError("serials", "deliveries.error.serial_count",
                                      count=rng.count, quantity=qty)
            clash = issued_overlap(db, kind, rng)
            if clash is not None:
                raise ValidationError("serials", "deliveries.error.serial_overlap",
                                      line=clash[0], other=clash[1])
            row.update(serial_prefix=rng.prefix, serial_from=rng.start, serial_to=rng.end,
                       serial_width=rng.width)
        elif str(serials or "").strip():
            raise ValidationError("serials", "deliveries.error.no_serials_for_kind")
    if corrects_id is not None:
        old = get_line(db, corrects_id)
        if old.status != "voided":
            raise ValidationError("corrects", "deliveries.error.correct_unvoided")
        row["corrects_id"] = old.id
    with db.atomic():
        line_id = db.table("deliveries").insert(row).last_pk
        if row["corrects_id"] is not None:
            ledger.seal(db, "correction", line_id, now)
    if row["corrects_id"] is not None:
        witness.record(db)
    return line_id


# --- reading the register ----------------------------------------------------------

_LINE_SQL = """
    SELECT d.id, d.outlet_id, o.code, o.name, d.kind, d.quantity, d.serial_prefix,
           d.serial_from, d.serial_to, d.serial_width, d.policy_no, d.customer, d.note,
           d.corrects_id, d.delivered_at, s.id, s.signer, s.signed_at, s.page_no,
           x.reason, x.voided_at
    FROM deliveries d
    JOIN outlets o ON o.id = d.outlet_id
    LEFT JOIN signoff_lines l ON l.delivery_id = d.id
    LEFT JOIN signoffs s ON s.id = l.signoff_id
    LEFT JOIN voids x ON x.delivery_id = d.id
"""


def _line(r: tuple) -> Line:
    serials = (SerialRange(r[6] or "", r[7], r[8], r[9] or 1) if r[7] is not None else None)
    return Line(id=r[0], outlet_id=r[1], outlet_code=r[2], outlet_name=r[3], kind=r[4],
                quantity=r[5], serials=serials, policy_no=r[10], customer=r[11], note=r[12],
                corrects_id=r[13], delivered_at=datetime.fromisoformat(r[14]),
                signoff_id=r[15], signer=r[16], signed_at=parse_stamp(r[17]), page_no=r[18],
                void_reason=r[19], voided_at=parse_stamp(r[20]))


def get_line(db: Database, delivery_id: int) -> Line:
    r = db.execute(_LINE_SQL + " WHERE d.id = ?", [delivery_id]).fetchone()
    if r is None:
        raise ValidationError("delivery", "deliveries.error.no_such_line", line=delivery_id)
    return _line(r)


def _where(f: RegisterFilter) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if f.outlet_id is not None:
        where.append("d.outlet_id = ?")
        params.append(f.outlet_id)
    if f.kind:
        where.append("d.kind = ?")
        params.append(f.kind)
    if f.date_from:
        where.append("d.delivered_at >= ?")
        params.append(f.date_from.isoformat())
    if f.date_to:
        where.append("d.delivered_at < ?")
        params.append((f.date_to + timedelta(days=1)).isoformat())
    if f.status == "voided":
        where.append("x.id IS NOT NULL")
    elif f.status == "signed":
        where.append("x.id IS NULL AND l.signoff_id IS NOT NULL")
    elif f.status == "awaiting":
        where.append("d.id IN (SELECT delivery_id FROM open_lines)")
    return (" WHERE " + " AND ".join(where)) if where else "", params


def register(db: Database, filters: RegisterFilter = RegisterFilter(), *, limit: int = 200,
             offset: int = 0) -> list[Line]:
    """One page of the register, newest first (never the whole table)."""
    where, params = _where(filters)
    sql = _LINE_SQL + where + " ORDER BY d.delivered_at DESC, d.id DESC LIMIT ? OFFSET ?"
    return [_line(r) for r in db.execute(sql, params + [limit, offset]).fetchall()]


def register_count(db: Database, filters: RegisterFilter = RegisterFilter()) -> int:
    where, params = _where(filters)
    sql = ("SELECT count(*) FROM deliveries d LEFT JOIN signoff_lines l ON l.delivery_id = d.id"
           " LEFT JOIN voids x ON x.delivery_id = d.id" + where)
    return db.execute(sql, params).fetchone()[0]


def awaiting_signature(db: Database, outlet_id: int | None = None,
                       limit: int | None = None, kind: str | None = None) -> list[Line]:
    """Lines logged but neither signed for nor voided, oldest first (per outlet, of one
    ``kind`` if given).

    Read through ``open_lines`` (kept by triggers), so the cost follows what is open,
    not the size of the register. For a summary over all outlets ``awaiting_counts``
    and ``awaiting_by_outlet`` are cheaper still; ``limit`` caps a long list.
    """
    where, params = [], []
    if outlet_id is not None:
        where.append("ol.outlet_id = ?")
        params.append(outlet_id)
    if kind is not None:
        where.append("d.kind = ?")
        params.append(kind)
    cond = "WHERE " + " AND ".join(where) if where else ""
    sql = (_LINE_SQL.replace("FROM deliveries d", "FROM open_lines ol JOIN deliveries d "
                             "ON d.id = ol.delivery_id")
           + f" {cond} ORDER BY d.outlet_id, d.delivered_at, d.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [line for line in (_line(r) for r in db.execute(sql, params).fetchall())
            if line.status == "awaiting"]


def awaiting_by_outlet(db: Database, except_kind: str,
                       ) -> list[tuple[int, str, str, str, int, datetime]]:
    """Per outlet with lines awaiting signature (``except_kind`` left out, the plan lists
    those one by one): (outlet id, code, name, its kinds sorted and comma-joined, lines,
    the oldest line's time), outlets in id order. Grouped in SQL: a heavy user has
    thousands of lines open, and the plan only needs them counted."""
    rows = db.execute("""
        SELECT d.outlet_id, o.code, o.name, group_concat(DISTINCT d.kind), count(*),
               min(d.delivered_at)
        FROM open_lines ol JOIN deliveries d ON d.id = ol.delivery_id
        JOIN outlets o ON o.id = d.outlet_id
        LEFT JOIN signoff_lines l ON l.delivery_id = d.id
        LEFT JOIN voids x ON x.delivery_id = d.id
        WHERE l.delivery_id IS NULL AND x.delivery_id IS NULL AND d.kind != ?
        GROUP BY d.outlet_id ORDER BY d.outlet_id""", [except_kind]).fetchall()
    return [(r[0], r[1], r[2], ",".join(sorted(r[3].split(","))), r[4],
             datetime.fromisoformat(r[5])) for r in rows]


def awaiting_counts(db: Database) -> dict[int, int]:
    """Outlet id -> number of lines awaiting signature there (for pickers and the plan)."""
    return dict(db.execute(
        "SELECT outlet_id, count(*) FROM open_lines GROUP BY outlet_id").fetchall())


def policies_to_deliver(db: Database, config: Config | None = None) -> list[Line]:
    """Original-policy lines logged but not yet signed for at the counter (nor voided).

    A policy line is "to deliver" from the moment it is logged (the policy is in the
    manager's hands, on its way) until a bank employee signs for it; that signature
    starts the customer's deadlines, so these are the first things to take along.
    """
    kind = (config or Config()).deliveries.policy_kind
    return [line for line in awaiting_signature(db) if line.kind == kind]
