"""The custody register (单证登记本): deliveries to outlets, counter sign-offs, voids.

What the manager brings to an outlet is a *delivery line* (``deliveries``). A bank
employee signs for one or more lines at the counter: that is one row of the
append-only ``signoffs`` table plus one ``signoff_lines`` row per delivery. A line is
never edited or deleted once signed: it is voided with a reason (append-only
``voids``) and a corrected line is entered (``corrects_id`` points at the voided one).

Why one sign-off row per signature (not per line): the paper register has one
signature covering a batch; the hash chain then has one link per signature, and the
canonical content of that link lists every line it covers (with the fields that were
signed for), so editing a line, re-pointing it or adding one to a signature all break
the chain.

Each sign-off carries ``prev_hash`` and ``hash = sha256(prev_hash + "\\n" + canonical)``;
the first row's ``prev_hash`` is ``GENESIS``. ``verify_chain`` recomputes every link.

The schema and the triggers that keep all this append-only (also against a plain
``sqlite3`` connection and ``INSERT OR REPLACE``) are in ``register.schema``.

Original policies' receipts and callbacks live in ``receipts.py``, stock in ``stock.py``;
collected application forms in ``applications.py``.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import parse_stamp, stamp
from workbench.core.config import Config, DeliveriesConfig
from workbench.core.errors import ValidationError
from workbench.roster import outlets
from workbench.roster import staff as roster_staff

if TYPE_CHECKING:
    from sqlite_utils import Database


GENESIS = "0" * 64
STATUSES = ("awaiting", "signed", "voided")
MAX_SERIAL_DIGITS = 15
MAX_QUANTITY = 1_000_000


# --- dataclasses -----------------------------------------------------------------


@dataclass(frozen=True)
class SerialRange:
    prefix: str
    start: int
    end: int
    width: int

    @property
    def count(self) -> int:
        return self.end - self.start + 1

    def label(self, n: int) -> str:
        return f"{self.prefix}{n:0{self.width}d}"

    def __str__(self) -> str:
        if self.start == self.end:
            return self.label(self.start)
        return f"{self.label(self.start)}-{self.label(self.end)}"


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


@dataclass(frozen=True)
class SignOff:
    id: int
    outlet_id: int
    staff_id: int
    signer: str
    signed_at: datetime
    page_no: str | None
    late_reason: str | None
    recorded_at: datetime
    prev_hash: str
    hash: str
    delivery_ids: tuple[int, ...]


@dataclass(frozen=True)
class ChainReport:
    count: int
    head: str
    broken_id: int | None = None
    problem: str | None = None  # "prev_hash" or "hash"

    @property
    def ok(self) -> bool:
        return self.broken_id is None


@dataclass(frozen=True)
class RegisterFilter:
    outlet_id: int | None = None
    kind: str | None = None
    status: str | None = None
    date_from: date | None = None
    date_to: date | None = None


# --- helpers ---------------------------------------------------------------------


_SEPARATORS = r"\s*(?:-|~|～|–|—|至|到|\.\.)\s*"
_PART = re.compile(r"^([A-Za-z]*[A-Za-z0-9]*?[A-Za-z]|)(\d+)$")


def _split(part: str, field: str) -> tuple[str, str]:
    m = _PART.match(part)
    if not m:
        raise ValidationError(field, "deliveries.error.bad_serial", value=part[:30])
    return m[1], m[2]


def parse_serial_range(text: Any, field: str = "serials") -> SerialRange:
    """Parse ``A2026000101-A2026000150`` (or ``…0101-0150``, ``…0101~150``, one serial).

    A serial is an optional letter-led prefix and a run of digits. The end may omit the
    prefix; its digits are then right-aligned onto the start's (``000101-150`` ends at
    ``000150``). A reversed range, a different prefix, or more than 15 digits is refused.
    """
    s = "" if text is None else str(text).strip().upper().replace(" ", "")
    if not s:
        raise ValidationError(field, "error.required")
    parts = re.split(_SEPARATORS, s)
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not parts[0] or not parts[1]:
        raise ValidationError(field, "deliveries.error.bad_serial", value=s[:30])
    prefix, first = _split(parts[0], field)
    end_prefix, last = _split(parts[1], field)
    if len(first) > MAX_SERIAL_DIGITS or len(last) > MAX_SERIAL_DIGITS:
        raise ValidationError(field, "deliveries.error.serial_too_long", max=MAX_SERIAL_DIGITS)
    if end_prefix and end_prefix != prefix:
        raise ValidationError(field, "deliveries.error.serial_prefix", start=prefix,
                              end=end_prefix)
    if not end_prefix and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    start, end = int(first), int(last)
    if end < start:
        raise ValidationError(field, "deliveries.error.serial_reversed", start=parts[0],
                              end=parts[1])
    return SerialRange(prefix=prefix, start=start, end=end, width=len(first))




def _kind(cfg: DeliveriesConfig, value: Any) -> str:
    return v.choice("kind", value, cfg.kinds)


def _issued_overlap(db: Database, kind: str, rng: SerialRange) -> tuple[int, str] | None:
    """An issued, not voided line of ``kind`` whose range overlaps ``rng`` (id, outlet code)."""
    r = db.execute(
        """SELECT d.id, o.code, d.serial_from, d.serial_to, d.serial_width
           FROM deliveries d JOIN outlets o ON o.id = d.outlet_id
           WHERE d.kind = ? AND d.serial_prefix = ? AND d.serial_from <= ? AND d.serial_to >= ?
             AND NOT EXISTS (SELECT 1 FROM voids x WHERE x.delivery_id = d.id)
           ORDER BY d.serial_from LIMIT 1""",
        [kind, rng.prefix, rng.end, rng.start]).fetchone()
    if r is None:
        return None
    other = SerialRange(rng.prefix, r[2], r[3], r[4])
    return r[0], f"{r[1]} {other}"


def _policy_taken(db: Database, policy_no: str) -> int | None:
    r = db.execute(
        """SELECT d.id FROM deliveries d WHERE d.policy_no = ?
           AND NOT EXISTS (SELECT 1 FROM voids x WHERE x.delivery_id = d.id) LIMIT 1""",
        [policy_no]).fetchone()
    return r[0] if r else None


def policy_line(db: Database, policy_no: str) -> int | None:
    """The id of the live (not voided) register line of ``policy_no``, if there is one."""
    return _policy_taken(db, policy_no)


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
        taken = _policy_taken(db, number)
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
            clash = _issued_overlap(db, kind, rng)
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
        return db.table("deliveries").insert(row).last_pk


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
                       limit: int | None = None) -> list[Line]:
    """Lines logged but neither signed for nor voided, oldest first (per outlet if given).

    Read through ``open_lines`` (kept by triggers), so the cost follows what is open,
    not the size of the register. For a summary over all outlets ``awaiting_counts``
    is cheaper still; ``limit`` caps a long list.
    """
    cond, params = ("WHERE ol.outlet_id = ?", [outlet_id]) if outlet_id is not None else ("", [])
    sql = (_LINE_SQL.replace("FROM deliveries d", "FROM open_lines ol JOIN deliveries d "
                             "ON d.id = ol.delivery_id")
           + f" {cond} ORDER BY d.outlet_id, d.delivered_at, d.id")
    if limit is not None:
        sql += " LIMIT ?"
        params.append(limit)
    return [line for line in (_line(r) for r in db.execute(sql, params).fetchall())
            if line.status == "awaiting"]


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


# --- sign-off and the hash chain -----------------------------------------------------


def _canonical(signoff: dict[str, Any], lines: list[tuple]) -> str:
    """The signed content: stable JSON of the sign-off and every line it covers."""
    content = {
        "id": signoff["id"], "outlet_id": signoff["outlet_id"],
        "staff_id": signoff["staff_id"], "signer": signoff["signer"],
        "signed_at": signoff["signed_at"], "page_no": signoff["page_no"],
        "late_reason": signoff["late_reason"], "recorded_at": signoff["recorded_at"],
        "lines": [
            {"id": r[0], "outlet_id": r[1], "kind": r[2], "quantity": r[3],
             "serial_prefix": r[4], "serial_from": r[5], "serial_to": r[6],
             "policy_no": r[7], "customer": r[8], "delivered_at": r[9]}
            for r in sorted(lines)
        ],
    }
    return json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def link_hash(prev_hash: str, canonical: str) -> str:
    return hashlib.sha256(f"{prev_hash}\n{canonical}".encode()).hexdigest()


_SIGNED_LINE_COLS = ("d.id, d.outlet_id, d.kind, d.quantity, d.serial_prefix, d.serial_from, "
                     "d.serial_to, d.policy_no, d.customer, d.delivered_at")


def chain_head(db: Database) -> str:
    r = db.execute("SELECT hash FROM signoffs ORDER BY id DESC LIMIT 1").fetchone()
    return r[0] if r else GENESIS


def sign_off(db: Database, *, outlet_id: int, delivery_ids: list[int], staff_id: int,
             now: datetime, signed_at: datetime | None = None, late_reason: Any = "",
             page_no: Any = "") -> int:
    """A bank employee of the outlet signs for ``delivery_ids`` at once; returns the id.

    The time is ``now`` unless ``signed_at`` is given: an earlier time needs
    ``late_reason``; a time in the future is refused. All lines must belong to the
    outlet and await signature; the signer must be active staff of that outlet.
    """
    outlet = outlets.chosen_outlet(db, outlet_id)
    now = now.replace(microsecond=0)
    at = signed_at.replace(microsecond=0) if signed_at else now
    if at > now:
        raise ValidationError("signed_at", "deliveries.error.future")
    reason = v.text("late_reason", late_reason, max_len=200)
    # A minute's grace: the time shown on screen was "now" when the flow opened.
    if at < now - timedelta(minutes=1) and not reason:
        raise ValidationError("late_reason", "deliveries.error.late_needs_reason")
    page = v.text("page_no", page_no, max_len=20)
    if not delivery_ids:
        raise ValidationError("delivery", "deliveries.error.nothing_selected")
    try:
        staff = roster_staff.get_staff(db, int(staff_id))
    except (TypeError, ValueError):
        raise ValidationError("signer", "error.no_such_staff") from None
    if staff.outlet_id != outlet.id:
        raise ValidationError("signer", "deliveries.error.signer_other_outlet",
                              name=staff.name, outlet=outlet.name)
    if not staff.active:
        raise ValidationError("signer", "deliveries.error.signer_inactive", name=staff.name)
    ids = sorted({int(i) for i in delivery_ids})
    with db.atomic():  # BEGIN IMMEDIATE: the chain head is read under the write lock
        for line in (get_line(db, i) for i in ids):
            if line.outlet_id != outlet.id:
                raise ValidationError("delivery", "deliveries.error.line_other_outlet",
                                      line=line.id, outlet=outlet.name)
            if line.status != "awaiting":
                raise ValidationError("delivery", f"deliveries.error.line_{line.status}",
                                      line=line.id)
            if line.delivered_at > at:
                raise ValidationError("signed_at", "deliveries.error.signed_before_delivery",
                                      line=line.id, at=line.delivered_at.strftime("%m-%d %H:%M"))
        prev = chain_head(db)
        new_id = (db.execute("SELECT coalesce(max(id), 0) + 1 FROM signoffs").fetchone()[0])
        row = {"id": new_id, "outlet_id": outlet.id, "staff_id": staff.id, "signer": staff.name,
               "signed_at": stamp(at), "page_no": page, "late_reason": reason,
               "recorded_at": stamp(now)}
        marks = ",".join("?" * len(ids))
        lines = db.execute(f"SELECT {_SIGNED_LINE_COLS} FROM deliveries d WHERE d.id IN ({marks})",
                           ids).fetchall()
        row["prev_hash"] = prev
        row["hash"] = link_hash(prev, _canonical(row, lines))
        db.table("signoffs").insert(row)
        db.table("signoff_lines").insert_all(
            [{"signoff_id": new_id, "delivery_id": i} for i in ids])
    return new_id


def signoffs(db: Database, outlet_id: int | None = None, limit: int = 100) -> list[SignOff]:
    cond, params = ("WHERE outlet_id = ?", [outlet_id]) if outlet_id is not None else ("", [])
    out = []
    for r in db.execute(f"SELECT id, outlet_id, staff_id, signer, signed_at, page_no, "
                        f"late_reason, recorded_at, prev_hash, hash FROM signoffs {cond} "
                        "ORDER BY id DESC LIMIT ?", params + [limit]).fetchall():
        ids = tuple(x[0] for x in db.execute(
            "SELECT delivery_id FROM signoff_lines WHERE signoff_id = ? ORDER BY delivery_id",
            [r[0]]).fetchall())
        out.append(SignOff(r[0], r[1], r[2], r[3], datetime.fromisoformat(r[4]), r[5], r[6],
                           datetime.fromisoformat(r[7]), r[8], r[9], ids))
    return out


def verify_chain(db: Database) -> ChainReport:
    """Recompute every link of the sign-off chain; report the first broken row, if any."""
    prev = GENESIS
    count = 0
    cols = ("id", "outlet_id", "staff_id", "signer", "signed_at", "page_no", "late_reason",
            "recorded_at", "prev_hash", "hash")
    lines: dict[int, list[tuple]] = {}
    for r in db.execute(f"SELECT l.signoff_id, {_SIGNED_LINE_COLS} FROM signoff_lines l "
                        "JOIN deliveries d ON d.id = l.delivery_id").fetchall():
        lines.setdefault(r[0], []).append(tuple(r[1:]))
    for r in db.execute(f"SELECT {', '.join(cols)} FROM signoffs ORDER BY id"):
        row = dict(zip(cols, r, strict=True))
        count += 1
        if row["prev_hash"] != prev:
            return ChainReport(count, prev, row["id"], "prev_hash")
        if link_hash(prev, _canonical(row, lines.get(row["id"], []))) != row["hash"]:
            return ChainReport(count, prev, row["id"], "hash")
        prev = row["hash"]
    return ChainReport(count, prev)


# --- voids -----------------------------------------------------------------------------


def void_line(db: Database, delivery_id: int, reason: Any, now: datetime) -> int:
    """Void a line (signed or not) with a reason; a voided line cannot be voided again."""
    text = v.text("reason", reason, required=True, max_len=500)
    line = get_line(db, delivery_id)
    if line.status == "voided":
        raise ValidationError("reason", "deliveries.error.already_voided", line=line.id)
    with db.atomic():
        return db.table("voids").insert({"delivery_id": line.id, "reason": text,
                                         "voided_at": stamp(now)}).last_pk


def kinds_for(config: Config) -> list[str]:
    return list(config.deliveries.kinds)


# --- one door for the daily plan ----------------------------------------------------------
# The plan reads everything the register has to say through this module; the work is
# done in receipts.py, stock.py and applications.py (imported late: they import us).


def low_stock(db: Database, today: date, config: Config) -> list[Any]:
    """``stock.StockLevel`` items about to run out (with a suggested quantity)."""
    from workbench.register.stock import low_stock as run

    return run(db, today, config)


def receipts_due(db: Database, today: date, config: Config) -> list[Any]:
    """``receipts.PolicyDue`` items: receipts not back yet, earliest due first."""
    from workbench.register.receipts import receipts_due as run

    return run(db, today, config)


def callbacks_due(db: Database, today: date, config: Config) -> list[Any]:
    """``receipts.PolicyDue`` items: callbacks not noted yet, earliest due first."""
    from workbench.register.receipts import callbacks_due as run

    return run(db, today, config)


def applications_pending(db: Database) -> list[Any]:
    """``applications.Application`` items awaiting initial review or hand-over."""
    from workbench.register.applications import applications_pending as run

    return run(db)
