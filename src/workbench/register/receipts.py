"""Original policies after the counter: receipt (回执), cooling-off (犹豫期), callback (回访).

Dates (all configurable in ``[deliveries]``):
- receipt due = date of the counter sign-off + ``receipt_days``;
- the cooling-off period and the callback run from the day the customer received the
  policy. That day is written on the returned receipt; until the receipt is back, the
  sign-off date stands in for it (``estimated`` is then True).
  cooling-off end = that day + ``cooling_off_days``; callback due = that day +
  ``callback_days``.
Returning a receipt and noting a callback are append-only ``policy_events`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.core.privacy import mask_name
from workbench.register.deliveries import get_line

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class PolicyDue:
    delivery_id: int
    outlet_id: int
    outlet_code: str
    outlet_name: str
    policy_no: str
    customer: str | None
    signed_on: date
    received_on: date          # customer's receipt of the policy (estimated until returned)
    estimated: bool
    due: date                  # the deadline this item is about
    days_left: int             # negative when overdue
    cooling_off_end: date      # end of the cooling-off period (犹豫期)

    @property
    def customer_masked(self) -> str:
        return mask_name(self.customer)

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def receipt_due(signed_on: date, config: Config) -> date:
    return signed_on + timedelta(days=config.deliveries.receipt_days)


def cooling_off_end(received_on: date, config: Config) -> date:
    return received_on + timedelta(days=config.deliveries.cooling_off_days)


def callback_due(received_on: date, config: Config) -> date:
    return received_on + timedelta(days=config.deliveries.callback_days)


_SQL = """
    SELECT d.id, d.outlet_id, o.code, o.name, d.policy_no, d.customer, s.signed_at,
           r.on_date, c.on_date
    FROM deliveries d
    JOIN outlets o ON o.id = d.outlet_id
    JOIN signoff_lines l ON l.delivery_id = d.id
    JOIN signoffs s ON s.id = l.signoff_id
    LEFT JOIN policy_events r ON r.delivery_id = d.id AND r.event = 'receipt'
    LEFT JOIN policy_events c ON c.delivery_id = d.id AND c.event = 'callback'
    WHERE d.kind = ? AND NOT EXISTS (SELECT 1 FROM voids x WHERE x.delivery_id = d.id)
"""


def _rows(db: Database, config: Config, extra: str) -> list[tuple]:
    return db.execute(_SQL + extra, [config.deliveries.policy_kind]).fetchall()


def _item(r: tuple, today: date, config: Config, event: str) -> PolicyDue:
    signed = date.fromisoformat(r[6][:10])
    received = date.fromisoformat(r[7]) if r[7] else signed
    due = receipt_due(signed, config) if event == "receipt" else callback_due(received, config)
    return PolicyDue(r[0], r[1], r[2], r[3], r[4], r[5], signed, received, r[7] is None, due,
                     (due - today).days, cooling_off_end(received, config))


_OPEN = {"receipt": " AND r.id IS NULL", "callback": " AND c.id IS NULL"}


def receipts_due(db: Database, today: date, config: Config) -> list[PolicyDue]:
    """Signed original policies whose receipt is not back yet, earliest due first."""
    out = [_item(r, today, config, "receipt") for r in _rows(db, config, _OPEN["receipt"])]
    return sorted(out, key=lambda p: (p.due, p.outlet_code, p.policy_no))


def callbacks_due(db: Database, today: date, config: Config) -> list[PolicyDue]:
    """Signed original policies whose callback is not noted yet, earliest due first."""
    out = [_item(r, today, config, "callback") for r in _rows(db, config, _OPEN["callback"])]
    return sorted(out, key=lambda p: (p.due, p.outlet_code, p.policy_no))


def due_now(db: Database, today: date, config: Config, event: str,
            limit: int) -> tuple[int, list[PolicyDue]]:
    """(how many, the ``limit`` most overdue) receipts or callbacks due today or earlier.

    Filtered, counted and ordered in SQL: years of history hold tens of thousands of
    policy lines, and the plan shows only the few that matter this morning.
    """
    days = (config.deliveries.receipt_days if event == "receipt"
            else config.deliveries.callback_days)
    start = "substr(s.signed_at, 1, 10)" if event == "receipt" else \
        "coalesce(r.on_date, substr(s.signed_at, 1, 10))"
    where = f"{_OPEN[event]} AND date({start}, '+{int(days)} days') <= ?"
    params = [config.deliveries.policy_kind, today.isoformat()]
    total = db.execute(f"SELECT count(*) FROM ({_SQL}{where})", params).fetchone()[0]
    rows = db.execute(f"{_SQL}{where} ORDER BY date({start}), o.code, d.policy_no LIMIT ?",
                      [*params, limit]).fetchall()
    return total, [_item(r, today, config, event) for r in rows]


def _event(db: Database, config: Config, delivery_id: int, event: str, on: Any,
           note: Any, now: datetime) -> int:
    line = get_line(db, delivery_id)
    if line.kind != config.deliveries.policy_kind:
        raise ValidationError("delivery", "deliveries.error.not_a_policy", line=line.id)
    if line.status != "signed":
        raise ValidationError("delivery", "deliveries.error.policy_not_signed", line=line.id)
    day = v.iso_date("on_date", on, required=True)
    if day > now.date():
        raise ValidationError("on_date", "deliveries.error.future")
    if line.signed_at and day < line.signed_at.date():
        raise ValidationError("on_date", "deliveries.error.before_signoff",
                              signed=line.signed_at.date().isoformat())
    found = db.execute("SELECT 1 FROM policy_events WHERE delivery_id = ? AND event = ?",
                       [line.id, event]).fetchone()
    if found:
        raise ValidationError("on_date", f"deliveries.error.{event}_already", line=line.id)
    with db.atomic():
        return db.table("policy_events").insert({
            "delivery_id": line.id, "event": event, "on_date": day.isoformat(),
            "note": v.text("note", note, max_len=500), "recorded_at": stamp(now)}).last_pk


def mark_receipt_returned(db: Database, config: Config, delivery_id: int, received_on: Any,
                          now: datetime, note: Any = "") -> int:
    """The receipt is back; ``received_on`` is the day the customer signed it."""
    return _event(db, config, delivery_id, "receipt", received_on, note, now)


def mark_callback_done(db: Database, config: Config, delivery_id: int, on: Any,
                       now: datetime, note: Any = "") -> int:
    return _event(db, config, delivery_id, "callback", on, note, now)
