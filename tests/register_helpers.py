"""Small builders shared by the register tests."""

from __future__ import annotations

from datetime import datetime

from workbench.roster import outlets
from workbench.roster import staff as roster_staff

TIERS = ["A", "B", "C", "D"]
ROLES = ["head", "deputy", "wealth_manager", "key_teller", "teller", "other"]


def outlet(db, code: str, name: str, now: datetime) -> int:
    return outlets.add_outlet(db, outlets.OutletDraft(code=code, name=name), TIERS, now)


def staff(db, outlet_id: int, name: str, now: datetime, role: str = "teller") -> int:
    return roster_staff.add_staff(db, outlet_id, roster_staff.StaffDraft(name=name, role=role),
                                  ROLES, now)


def open_policies_kept(db) -> list[tuple]:
    """The rows of the trigger-kept ``open_policies``, in line order."""
    return db.execute("SELECT delivery_id, outlet_id, kind, signed_on, receipt_on, callback_on "
                      "FROM open_policies ORDER BY delivery_id").fetchall()


def open_policies_from_scratch(db) -> list[tuple]:
    """What ``open_policies`` must hold, read from the register itself: every signed, not
    voided line (any kind) whose receipt or callback is not recorded, in line order."""
    from workbench.register import deadlines
    from workbench.register.schema import NOT_VOIDED

    return db.execute(f"""
        SELECT d.id, d.outlet_id, d.kind, {deadlines.SIGNED_ON_SQL}, r.on_date, c.on_date
        {deadlines.SIGNED_POLICIES}
        WHERE {NOT_VOIDED} AND ({deadlines.open_sql("receipt")}
                                OR {deadlines.open_sql("callback")})
        ORDER BY d.id""").fetchall()
