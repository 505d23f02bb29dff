"""Original policies after the counter: receipt (回执), cooling-off (犹豫期), callback (回访).

What is due and when is the rule of ``deadlines`` (the receipt is due ``receipt_days``
after the counter sign-off; cooling-off and callback run from the customer's receipt of
the policy, estimated as the sign-off day until the receipt is back). This module lists
the policies those deadlines concern and records a returned receipt or a callback done
(append-only ``policy_events`` rows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.config import Config
from workbench.core.errors import ValidationError
from workbench.core.privacy import mask_name
from workbench.register import deadlines, ledger, witness
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


# Read through ``open_policies`` (kept by the register's triggers): the cost follows what
# is open, not the years of policies signed; ``op.signed_on`` is the sign-off day.
_SQL = f"""
    SELECT d.id, d.outlet_id, o.code, o.name, d.policy_no, d.customer, op.signed_on,
           op.receipt_on
    {deadlines.OPEN_POLICIES}
    JOIN outlets o ON o.id = d.outlet_id"""


def _item(r: tuple, today: date, config: Config, event: str) -> PolicyDue:
    signed = date.fromisoformat(r[6][:10])
    received = deadlines.received_on(signed, date.fromisoformat(r[7]) if r[7] else None)
    due = deadlines.due(event, signed, received, config)
    return PolicyDue(r[0], r[1], r[2], r[3], r[4], r[5], signed, received, r[7] is None, due,
                     (due - today).days, deadlines.cooling_off_end(received, config))


def _open(db: Database, today: date, config: Config, event: str) -> list[PolicyDue]:
    """Every signed policy whose ``event`` is still open, earliest due first."""
    rows = db.execute(f"{_SQL} WHERE {deadlines.open_policy_sql(event)}",
                      deadlines.sql_params(config)).fetchall()
    out = [_item(r, today, config, event) for r in rows]
    return sorted(out, key=lambda p: (p.due, p.outlet_code, p.policy_no))


def receipts_due(db: Database, today: date, config: Config) -> list[PolicyDue]:
    """Signed original policies whose receipt is not back yet, earliest due first."""
    return _open(db, today, config, "receipt")


def callbacks_due(db: Database, today: date, config: Config) -> list[PolicyDue]:
    """Signed original policies whose callback is not noted yet, earliest due first."""
    return _open(db, today, config, "callback")


def due_now(db: Database, today: date, config: Config, event: str,
            limit: int) -> tuple[int, list[PolicyDue]]:
    """(how many, the ``limit`` most overdue) receipts or callbacks due today or earlier.

    Filtered, counted and ordered in SQL on an index of ``open_policies``: a heavy user
    has tens of thousands of policies, and the plan shows only the few that matter this
    morning. The order of the base date is the order of the due date (a fixed setting
    apart); counted on the table alone, as every row of it has its line and outlet.
    """
    where = (f"WHERE {deadlines.open_policy_sql(event)} "
             f"AND {deadlines.due_now_open_sql(event, ':today')}")
    params = {**deadlines.sql_params(config), "today": today.isoformat()}
    total = db.execute(f"SELECT count(*) FROM open_policies op {where}", params).fetchone()[0]
    rows = db.execute(f"{_SQL} {where} ORDER BY {deadlines.open_base_sql(event)}, o.code, "
                      "d.policy_no LIMIT :limit", {**params, "limit": limit}).fetchall()
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
        event_id = db.table("policy_events").insert({
            "delivery_id": line.id, "event": event, "on_date": day.isoformat(),
            "note": v.text("note", note, max_len=500), "recorded_at": stamp(now)}).last_pk
        ledger.seal(db, "event", event_id, now)
    witness.record(db)
    return event_id


def mark_receipt_returned(db: Database, config: Config, delivery_id: int, received_on: Any,
                          now: datetime, note: Any = "") -> int:
    """The receipt is back; ``received_on`` is the day the customer signed it."""
    return _event(db, config, delivery_id, "receipt", received_on, note, now)


def mark_callback_done(db: Database, config: Config, delivery_id: int, on: Any,
                       now: datetime, note: Any = "") -> int:
    return _event(db, config, delivery_id, "callback", on, note, now)
