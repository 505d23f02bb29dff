"""Voiding a register line (作废): the one way a logged line is taken back.

A line is never edited or deleted once signed: it is voided with a reason (a row of the
append-only ``voids``) and, if needed, a corrected line is logged that names it
(``deliveries.add_delivery(corrects_id=…)``). In SQL, "not voided" is
``schema.NOT_VOIDED``.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from workbench.core import validate as v
from workbench.core.clock import stamp
from workbench.core.errors import ValidationError
from workbench.register import ledger, witness
from workbench.register.deliveries import get_line

if TYPE_CHECKING:
    from sqlite_utils import Database


def void_line(db: Database, delivery_id: int, reason: Any, now: datetime) -> int:
    """Void a line (signed or not) with a reason; a voided line cannot be voided again."""
    text = v.text("reason", reason, required=True, max_len=500)
    line = get_line(db, delivery_id)
    if line.status == "voided":
        raise ValidationError("reason", "deliveries.error.already_voided", line=line.id)
    with db.atomic():
        void_id = db.table("voids").insert({"delivery_id": line.id, "reason": text,
                                            "voided_at": stamp(now)}).last_pk
        ledger.seal(db, "void", void_id, now)
    witness.record(db)
    return void_id
