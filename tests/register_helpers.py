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
